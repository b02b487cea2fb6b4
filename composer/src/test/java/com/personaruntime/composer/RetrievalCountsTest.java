package com.personaruntime.composer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retrieval counts say how each question's embedding was obtained: skipped (lexically decided), embedded
 * (computed by the model or taken from its memo of recent texts), or not needed at all (the index's memo of
 * recent queries). The counts are JVM-wide, so each case compares before and after its own searches.
 */
class RetrievalCountsTest {

    private static KnowledgeIndex milo;

    @BeforeAll
    static void build() {
        milo = KnowledgeIndex.build(TestPersonas.MILO.knowledge(), SharedEmbeddingModel.get());
    }

    private record Counts(long lexical, long embedded, long remembered, long computed, long cached) {
        static Counts now() {
            return new Counts(RetrievalCounts.lexical(), RetrievalCounts.embedded(), RetrievalCounts.remembered(),
                    RetrievalCounts.computed(), RetrievalCounts.cached());
        }

        Counts minus(Counts o) {
            return new Counts(lexical - o.lexical, embedded - o.embedded, remembered - o.remembered,
                    computed - o.computed, cached - o.cached);
        }
    }

    @Test
    void aQuestionNamingOneEntryIsCountedAsSkipped() {
        Counts before = Counts.now();
        milo.search("How much is a bag of the decaf? (counts 1)", 4);
        assertThat(Counts.now().minus(before)).isEqualTo(new Counts(1, 0, 0, 0, 0));
    }

    @Test
    void aNewQuestionIsEmbeddedOnceAndThenRemembered() {
        String question = "Which beans are the least bitter for a cold brew at home? (counts 2)";
        Counts before = Counts.now();
        milo.search(question, 4);
        assertThat(Counts.now().minus(before)).isEqualTo(new Counts(0, 1, 0, 1, 0));
        // the turn's insight signals search the same text again: the index's memo answers
        milo.search(question, 1);
        assertThat(Counts.now().minus(before)).isEqualTo(new Counts(0, 1, 1, 1, 0));
        // scored afresh (ignored terms bypass the index's memo): the model's memo gives the same vector
        milo.search(question, 4, Set.of("§none"));
        assertThat(Counts.now().minus(before)).isEqualTo(new Counts(0, 2, 1, 1, 1));
    }
}
