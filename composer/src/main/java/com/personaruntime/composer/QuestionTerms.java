package com.personaruntime.composer;

import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The composer's view of a question, for other modules that compare questions the way retrieval
 * does (insights' knowledge-gap clustering).
 */
public final class QuestionTerms {
    private QuestionTerms() {
    }

    /**
     * Content terms of a text as retrieval sees them: diacritic-folded, stop words dropped, light
     * English stemming, and known phrases mapped to shared concepts ("giao hàng", "ship",
     * "delivery" -> one shipping concept). Unigrams only.
     */
    public static Set<String> terms(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : Lexicon.terms(text == null ? "" : text)) {
            if (!t.contains("_")) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * Whether a message reads as a question: a question mark, a question word first ("what", "có"),
     * or a Vietnamese question ending ("... không", "... chưa", "... nhỉ").
     */
    public static boolean isQuestion(String text) {
        return IntentDetector.analyze(text).question();
    }

    /**
     * The bundled in-process embedding model (all-MiniLM-L6-v2, quantized, 384 dimensions), shared
     * with the composer's knowledge index. <b>Blocking</b> on first use (about a second to load).
     */
    public static EmbeddingModel embeddingModel() {
        return SharedEmbeddingModel.get();
    }
}
