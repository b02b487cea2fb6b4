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
 */
public record Composition(String text, Intent intent, String language, List<String> knowledgeIds,
                          List<String> chunks) {

    /** Copies the lists. */
    public Composition {
        knowledgeIds = List.copyOf(knowledgeIds);
        chunks = List.copyOf(chunks);
    }
}
