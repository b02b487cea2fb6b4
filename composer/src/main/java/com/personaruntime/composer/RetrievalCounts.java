package com.personaruntime.composer;

import java.util.concurrent.atomic.LongAdder;

/**
 * JVM-wide counts of how knowledge questions were scored and how their embeddings were obtained, for metrics
 * (the web module exposes them as {@code persona_knowledge_queries_total} and {@code persona_embeddings_total}).
 * Every {@link KnowledgeIndex} and the shared embedding model of this JVM count here; the counts only grow and
 * are read without locking (each is a {@link LongAdder}: cheap to increment from many worker threads).
 *
 * <p>Why: the question's ONNX embedding is the largest single CPU cost of a chat turn (about 4 ms per new
 * question, docs/benchmarks.md), and whether a deployment pays it depends on its audiences' questions. These
 * counts say how often it was skipped because the lexical scores decided, answered from the index's memo of
 * recent queries, answered from the model's memo of recent texts, or computed.
 */
public final class RetrievalCounts {

    private static final LongAdder LEXICAL = new LongAdder();
    private static final LongAdder EMBEDDED = new LongAdder();
    private static final LongAdder REMEMBERED = new LongAdder();
    private static final LongAdder COMPUTED = new LongAdder();
    private static final LongAdder CACHED = new LongAdder();

    private RetrievalCounts() {
    }

    /** Queries scored without the question's embedding: the lexical scores decided the hits. */
    public static long lexical() {
        return LEXICAL.sum();
    }

    /** Queries scored with the question's embedding (computed or taken from the model's memo). */
    public static long embedded() {
        return EMBEDDED.sum();
    }

    /** Queries answered from an index's memo of recently scored queries (not scored again). */
    public static long remembered() {
        return REMEMBERED.sum();
    }

    /** Single texts the shared embedding model ran the ONNX model for. */
    public static long computed() {
        return COMPUTED.sum();
    }

    /** Single texts the shared embedding model answered from its memo of recent texts (no model run). */
    public static long cached() {
        return CACHED.sum();
    }

    static void lexicalQuery() {
        LEXICAL.increment();
    }

    static void embeddedQuery() {
        EMBEDDED.increment();
    }

    static void rememberedQuery() {
        REMEMBERED.increment();
    }

    static void computedEmbedding() {
        COMPUTED.increment();
    }

    static void cachedEmbedding() {
        CACHED.increment();
    }
}
