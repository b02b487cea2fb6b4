package com.personaruntime.composer;

import dev.langchain4j.model.embedding.EmbeddingModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.text.Normalizer;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedding memo shares one entry between texts the model's tokenizer cannot tell apart (case, tone marks,
 * runs of white space) and only between those: the shared vector is bit for bit the one the model gives each text.
 */
class EmbeddingMemoKeyTest {

    private static final EmbeddingModel MODEL = SharedEmbeddingModel.unremembered();

    private static float[] vector(String text) {
        return MODEL.embed(text).content().vector();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Giá bao nhiêu vậy shop?                    | gia bao nhieu vay shop?
            Kem chống nắng này dùng cho da dầu được không | KEM CHONG NANG NAY DUNG CHO DA DAU ĐUOC KHONG
            Cửa hàng mở cửa mấy giờ?                   | cua hang mo cua may gio?
            What TIME does the café open on Sunday?    | what time does the cafe open on sunday?
            Ơ, Ưu đãi còn không ạ?                     | o, uu đai con khong a?
            """)
    void textsTheTokenizerCannotTellApartShareOneEntryAndItIsTheirVector(String a, String b) {
        assertThat(SharedEmbeddingModel.memoKey(a)).isEqualTo(SharedEmbeddingModel.memoKey(b));
        assertThat(vector(a)).containsExactly(vector(b));
    }

    @Test
    void whiteSpaceRunsAndTheEndsDoNotMatter() {
        String a = "  Is the house   blend\tgood for\nespresso?  ";
        String b = "is the house blend good for espresso?";
        assertThat(SharedEmbeddingModel.memoKey(a)).isEqualTo(b);
        assertThat(vector(a)).containsExactly(vector(b));
    }

    @Test
    void decomposedAndComposedMarksAreOneKey() {
        String composed = Normalizer.normalize("Chào buổi sáng, giá bao nhiêu?", Normalizer.Form.NFC);
        String decomposed = Normalizer.normalize(composed, Normalizer.Form.NFD);
        assertThat(decomposed).isNotEqualTo(composed);
        assertThat(SharedEmbeddingModel.memoKey(decomposed)).isEqualTo(SharedEmbeddingModel.memoKey(composed));
        assertThat(vector(decomposed)).containsExactly(vector(composed));
    }

    @ParameterizedTest(name = "{0} <> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            open?                 | open
            đi đâu                | di dau
            Đà Lạt                | Da Lat
            how much is it        | how much is it.
            ΟΔΟΣ                  | οδος
            İstanbul              | istanbul
            """)
    void textsTheTokenizerMaySeeAsDifferentKeepTheirOwnEntries(String a, String b) {
        assertThat(SharedEmbeddingModel.memoKey(a)).isNotEqualTo(SharedEmbeddingModel.memoKey(b));
    }

    @Test
    void textsOutsideLatinLettersAreTheirOwnKey() {
        for (String text : new String[] {"ΟΔΟΣ", "東京 open?", "nice 👍", "a\u0001b", "İstanbul", "Ʀ"}) {
            assertThat(SharedEmbeddingModel.memoKey(text)).isSameAs(text);
        }
    }

    /**
     * Every audience line of the composer's evaluation sets, lower-cased and with its tone marks stripped (as
     * audiences type without them): where the key is shared, so is the vector, bit for bit.
     */
    @Test
    void onTheEvaluationQuestionsASharedKeyIsAlwaysTheSameVector() throws Exception {
        int shared = 0;
        for (String set : ComposerEvaluation.SETS) {
            for (String[] q : ComposerEvaluation.questions(set)) {
                String text = q[1];
                String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{Mn}+", "")
                        .toUpperCase(Locale.ROOT);
                if (text.isBlank() || !SharedEmbeddingModel.memoKey(text).equals(SharedEmbeddingModel.memoKey(plain))) {
                    continue;
                }
                shared++;
                assertThat(vector(plain)).as(text).containsExactly(vector(text));
            }
        }
        assertThat(shared).isGreaterThan(400);
    }

    @Test
    void aVariantIsAnsweredFromTheMemo() {
        EmbeddingModel remembering = SharedEmbeddingModel.get();
        remembering.embed("Shop ơi, ship về Đà Nẵng mất mấy ngày? (memo key test)");
        long computed = RetrievalCounts.computed();
        long cached = RetrievalCounts.cached();
        float[] v = remembering.embed("shop oi,  SHIP ve Đa Nang mat may ngay? (memo key test)").content().vector();
        assertThat(RetrievalCounts.computed() - computed).isZero();
        assertThat(RetrievalCounts.cached() - cached).isEqualTo(1);
        assertThat(v).containsExactly(vector("shop oi, ship ve Đa Nang mat may ngay? (memo key test)"));
    }
}
