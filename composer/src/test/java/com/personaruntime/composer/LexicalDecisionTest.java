package com.personaruntime.composer;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The question embedding is skipped only where the lexical scores decide the hits (KnowledgeIndex.lexicallyDecided),
 * and then the hits agree with what the embedding gives.
 */
class LexicalDecisionTest {

    private static final AtomicInteger EMBEDDED = new AtomicInteger();
    /** The real model, counting the questions it embeds. */
    private static final EmbeddingModel COUNTING = new EmbeddingModel() {
        @Override
        public Response<Embedding> embed(String text) {
            EMBEDDED.incrementAndGet();
            return SharedEmbeddingModel.get().embed(text);
        }

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            return SharedEmbeddingModel.get().embedAll(segments);
        }
    };
    private static KnowledgeIndex linh;
    private static KnowledgeIndex milo;

    @BeforeAll
    static void build() {
        linh = KnowledgeIndex.build(TestPersonas.LINH.knowledge(), COUNTING);
        milo = KnowledgeIndex.build(TestPersonas.MILO.knowledge(), COUNTING);
    }

    /** Embeds the question? Scored through a fresh search, so no remembered query answers it. */
    private static boolean embeds(KnowledgeIndex index, String question) {
        int before = EMBEDDED.get();
        index.search(question, 4, Set.of("§none"));
        return EMBEDDED.get() > before;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            linh | thời tiết hôm nay thế nào
            linh | cho mình hỏi xíu nha
            linh | Chào shop ạ
            linh | cảm ơn bạn nhiều nha
            milo | Hi there!
            milo | Thanks so much!
            milo | Are you a real person?
            """)
    void nothingToFindIsDecidedWithoutTheEmbedding(String persona, String question) {
        KnowledgeIndex index = "linh".equals(persona) ? linh : milo;
        assertThat(embeds(index, question)).isFalse();
        assertThat(index.search(question, 4)).isEmpty();
        assertThat(index.scoreAll(question, Set.of())).allSatisfy(h -> {
            assertThat(h.embedded()).isFalse();
            assertThat(h.semantic()).isNaN();
            assertThat(h.score()).isLessThan(KnowledgeIndex.THRESHOLD);
        });
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            milo | How much is a bag of the decaf?           | decaf
            milo | do you have decaf                         | decaf
            linh | How much is the sunscreen?                | spf50
            milo | What time does the café open on Sunday?   | cafe-hours
            """)
    void aQuestionNamingOneEntryFindsItWithoutTheEmbedding(String persona, String question, String id) {
        KnowledgeIndex index = "linh".equals(persona) ? linh : milo;
        assertThat(embeds(index, question)).isFalse();
        List<KnowledgeHit> hits = index.search(question, 4);
        assertThat(hits).extracting(h -> h.knowledge().id()).containsExactly(id);
        assertThat(hits.get(0).score()).isEqualTo(hits.get(0).lexical()).isGreaterThanOrEqualTo(KnowledgeIndex.ANCHOR_FLOOR);
        assertThat(hits.get(0).embedded()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            milo | Do you sell tea?
            milo | Which beans are the least bitter?
            milo | Hi, can I get something less acidic?
            milo | Hello! Is the decaf cheaper than the house blend?
            linh | kem chống nắng
            linh | Chào shop, serum với kem chống nắng dùng chung được không?
            """)
    void otherQuestionsAreEmbedded(String persona, String question) {
        // English questions with no or a partial lexical match (a greeting that asks something included), and two
        // entries named
        KnowledgeIndex index = "linh".equals(persona) ? linh : milo;
        assertThat(embeds(index, question)).isTrue();
        assertThat(index.scoreAll(question, Set.of())).allSatisfy(h -> assertThat(h.embedded()).isTrue());
    }

    /**
     * Every audience line of the composer's evaluation sets (548, eleven files, 31 personas): where the lexical scores
     * decided, the hits are those the embedding gives (first hit always; with no hit, none), and the decision applies
     * to a good share of them.
     */
    @Test
    void onTheEvaluationQuestionsTheDecisionsAgreeWithTheEmbedding() throws Exception {
        Map<String, KnowledgeIndex> with = new HashMap<>();
        Map<String, KnowledgeIndex> without = new HashMap<>();
        for (ComposerEvaluation.Loaded l : ComposerEvaluation.load()) {
            List<Knowledge> knowledge = l.composer().knowledge();
            EmbeddingModel model = knowledge.isEmpty() ? null : SharedEmbeddingModel.get();
            with.put(l.persona().id(), KnowledgeIndex.build(knowledge, model, true));
            without.put(l.persona().id(), KnowledgeIndex.build(knowledge, model, false));
        }
        int questions = 0;
        int decided = 0;
        int sameHits = 0;
        for (String set : ComposerEvaluation.SETS) {
            for (String[] q : ComposerEvaluation.questions(set)) {
                questions++;
                List<KnowledgeHit> all = with.get(q[0]).scoreAll(q[1], Set.of());
                if (all.isEmpty() || all.get(0).embedded()) {
                    continue;
                }
                decided++;
                List<String> lexical = with.get(q[0]).search(q[1], 4).stream().map(h -> h.knowledge().id()).toList();
                List<String> embedded = without.get(q[0]).search(q[1], 4).stream().map(h -> h.knowledge().id()).toList();
                assertThat(lexical).as("%s / %s", q[0], q[1]).hasSizeLessThanOrEqualTo(1);
                assertThat(embedded.isEmpty() ? List.of() : embedded.subList(0, 1)).as("%s / %s", q[0], q[1])
                        .isEqualTo(lexical);
                if (lexical.equals(embedded)) {
                    sameHits++;
                }
            }
        }
        System.out.printf("lexically decided %d of %d evaluation questions, same hits as with the embedding %d%n",
                decided, questions, sameHits);
        assertThat(questions).isGreaterThanOrEqualTo(540);
        assertThat(decided).isGreaterThan(questions / 4);
        assertThat(sameHits).isGreaterThanOrEqualTo(decided - decided / 50);
    }
}
