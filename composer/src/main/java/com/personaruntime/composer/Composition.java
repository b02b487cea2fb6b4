package com.personaruntime.composer;

import java.util.List;

/**
 * One composed reply.
 *
 * @param text         the full reply
 * @param intent       the intent the reply answers
 * @param language     the reply language ({@code vi}, {@code en})
 * @param knowledgeIds ids of the knowledge entries quoted, in order; empty when the reply states no fact
 * @param chunks       the reply cut on word boundaries for streaming; their concatenation is {@code text}
 * @param unanswered   what the reply says it has no information about, in the words it names them ("gói quà",
 *                     "bitcoin"), or the reply's kind ({@code no_answer}) when it names nothing; empty when the
 *                     reply answers everything it was asked from knowledge. Brands read these as knowledge gaps.
 */
public record Composition(String text, Intent intent, String language, List<String> knowledgeIds,
                          List<String> chunks, List<String> unanswered) {

    /** Copies the lists. */
    public Composition {
        knowledgeIds = List.copyOf(knowledgeIds);
        chunks = List.copyOf(chunks);
        unanswered = List.copyOf(unanswered);
    }

    /** A reply that leaves nothing unanswered. */
    public Composition(String text, Intent intent, String language, List<String> knowledgeIds, List<String> chunks) {
        this(text, intent, language, knowledgeIds, chunks, List.of());
    }
}
