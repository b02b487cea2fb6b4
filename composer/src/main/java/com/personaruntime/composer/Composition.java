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
 * @param cardFacts    what the reply stated from the persona card rather than from a knowledge entry, by field
 *                     ({@code contact.email}, {@code contact.phone}, {@code contact.url}: "What's your email?"
 *                     answered with the brand's own address); empty when it stated none
 */
public record Composition(String text, Intent intent, String language, List<String> knowledgeIds,
                          List<String> chunks, List<String> unanswered, List<String> cardFacts) {

    /** Copies the lists. */
    public Composition {
        knowledgeIds = List.copyOf(knowledgeIds);
        chunks = List.copyOf(chunks);
        unanswered = List.copyOf(unanswered);
        cardFacts = List.copyOf(cardFacts);
    }

    /** A reply that states nothing from the persona card. */
    public Composition(String text, Intent intent, String language, List<String> knowledgeIds,
                       List<String> chunks, List<String> unanswered) {
        this(text, intent, language, knowledgeIds, chunks, unanswered, List.of());
    }

    /** A reply that leaves nothing unanswered and states nothing from the persona card. */
    public Composition(String text, Intent intent, String language, List<String> knowledgeIds, List<String> chunks) {
        this(text, intent, language, knowledgeIds, chunks, List.of(), List.of());
    }
}
