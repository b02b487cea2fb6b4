package com.personaruntime.composer;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process all-MiniLM-L6-v2 (quantized) model, loaded once per JVM on first use. Loading
 * takes about a second and blocks the caller; a failed load is retried on the next call.
 */
final class SharedEmbeddingModel {

    private static final Logger LOG = LoggerFactory.getLogger(SharedEmbeddingModel.class);
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
                    // Direct executor: embedAll runs on the (already off-loop) caller's thread and the
                    // model starts no threads of its own.
                    m = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
                    model = m;
                    LOG.info("Loaded embedding model all-MiniLM-L6-v2-q ({} dimensions) in {} ms",
                            m.dimension(), (System.nanoTime() - start) / 1_000_000);
                }
            }
        }
        return m;
    }
}
