package com.personaruntime.composer;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Retrieval with the real in-process embedding model. */
class KnowledgeIndexTest {

    @ParameterizedTest(name = "linh: {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Kem chống nắng giá bao nhiêu?            | spf50
            kem chong nang gia bao nhieu             | spf50
            KEM CHỐNG NẮNG                           | spf50
            sữa rửa mặt có hợp da nhạy cảm không     | cleanser
            sua rua mat co hop da nhay cam ko        | cleanser
            serum vitamin c dùng lúc nào             | serum
            ship mất mấy ngày                        | shipping
            giao hang bao lau                        | shipping
            đổi trả thế nào                          | returns
            doi tra the nao                          | returns
            cửa hàng mở cửa mấy giờ                  | hours
            How much is the sunscreen?               | spf50
            Is the sunscreen good for oily skin?     | spf50
            """)
    void vietnameseWithAndWithoutDiacriticsFindsTheEntry(String question, String id) {
        List<KnowledgeHit> hits = TestPersonas.linhIndex().search(question, 3);
        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).knowledge().id()).isEqualTo(id);
    }

    @ParameterizedTest(name = "milo: {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            How much is the House Blend?                 | house-blend
            tell me about the Ethiopian coffee           | ethiopia
            do you have decaf?                           | decaf
            How long does shipping take?                 | shipping
            Can I cancel my subscription?                | subscription
            What time does the café open on Sunday?      | cafe-hours
            Can I return an unopened bag?                | returns
            """)
    void englishQuestionsFindTheEntry(String question, String id) {
        List<KnowledgeHit> hits = TestPersonas.miloIndex().search(question, 3);
        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).knowledge().id()).isEqualTo(id);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            who will win the election?
            thời tiết hôm nay thế nào
            what is the capital of France?
            giá iphone 15 bao nhiêu
            Do you sell tea?
            """)
    void offTopicQuestionsMatchNothing(String question) {
        assertThat(TestPersonas.linhIndex().search(question, 3)).isEmpty();
        assertThat(TestPersonas.miloIndex().search(question, 3)).isEmpty();
    }

    @Test
    void hitsAreRankedWithScoresAboveTheThreshold() {
        List<KnowledgeHit> hits = TestPersonas.linhIndex().search("kem chống nắng", 5);
        assertThat(hits).extracting(h -> h.knowledge().id()).startsWith("spf50");
        assertThat(hits).allSatisfy(h -> {
            assertThat(h.score()).isBetween(KnowledgeIndex.THRESHOLD, 1.0);
            assertThat(h.lexical()).isBetween(0.0, 1.0);
            assertThat(h.semantic()).isBetween(-1.0, 1.0);
        });
        assertThat(hits).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
        assertThat(TestPersonas.linhIndex().search("kem chống nắng", 1)).hasSize(1);
    }

    @Test
    void emptyKnowledgeNeedsNoModel() {
        KnowledgeIndex empty = KnowledgeIndex.build(List.of(), null);
        assertThat(empty.search("anything", 3)).isEmpty();
        assertThat(empty.entries()).isEmpty();
    }

    @Test
    void buildsWithAnInjectedModelAndRejectsAMissingOne() {
        List<Knowledge> knowledge = List.of(new Knowledge("a", "Alpha", "Alpha facts."));
        assertThatThrownBy(() -> KnowledgeIndex.build(knowledge, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("model");
        EmbeddingModel constant = new EmbeddingModel() {
            @Override
            public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                List<Embedding> out = new ArrayList<>();
                segments.forEach(s -> out.add(Embedding.from(new float[] {1, 0})));
                return Response.from(out);
            }
        };
        KnowledgeIndex index = KnowledgeIndex.build(knowledge, constant);
        assertThat(index.search("alpha", 1)).extracting(h -> h.knowledge().id()).containsExactly("a");
        assertThat(index.get("a")).isPresent();
    }

    @Test
    void aRepeatedQueryIsScoredOnceAndGetsTheSameHits() {
        List<Knowledge> knowledge = List.of(new Knowledge("a", "Alpha", "Alpha facts."),
                new Knowledge("b", "Beta", "Beta facts."));
        java.util.concurrent.atomic.AtomicInteger embedded = new java.util.concurrent.atomic.AtomicInteger();
        EmbeddingModel counting = new EmbeddingModel() {
            @Override
            public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                embedded.addAndGet(segments.size());
                List<Embedding> out = new ArrayList<>();
                segments.forEach(s -> out.add(Embedding.from(new float[] {1, 0})));
                return Response.from(out);
            }
        };
        KnowledgeIndex index = KnowledgeIndex.build(knowledge, counting);
        int afterBuild = embedded.get();
        List<KnowledgeHit> first = index.search("alpha facts", 5);
        assertThat(index.search("alpha facts", 1)).containsExactlyElementsOf(first.subList(0, 1));
        assertThat(index.search("alpha facts", 5)).containsExactlyElementsOf(first);
        assertThat(embedded.get() - afterBuild).as("query embeddings").isEqualTo(1);
        // ignored terms change the scores, so such a search is never answered from the remembered ones
        index.search("alpha facts", 5, java.util.Set.of("alpha"));
        assertThat(embedded.get() - afterBuild).isEqualTo(2);
        assertThatThrownBy(() -> index.scoreAll("alpha facts", java.util.Set.of()).clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
