package com.personaruntime.composer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Social words inside questions, and material questions: a thanks or acknowledgement word inside a
 * question ("ok for sensitive skin?") does not make it thanks; a greeting word that only folds like
 * another word ("chảo", a pan, and "chào") or stands inside a sentence is no greeting; a question about
 * what something is made of finds the material in the knowledge, also inside a compound word
 * ("Lambswool"). Vietnamese with and without diacritics, teencode, English.
 */
class SocialWordsInQuestionsTest {

    /** A household and clothing shop the rules were not tuned on. */
    static final ComposerPersona TAM = new ComposerPersona(
            "tam", "Tâm", "Nhà Tâm", List.of("vi", "en"),
            "Chào bạn! Mình là Tâm, trợ lý AI của Nhà Tâm 🏠",
            List.of("Ấm áp mỗi ngày!"),
            List.of(
                    new Knowledge("rice-cooker", "Nồi cơm điện cao tần 1.8L",
                            "Nồi cơm điện cao tần 1.8 lít, lòng nồi phủ chống dính, nấu cơm, cháo, hấp. 1.890.000đ.",
                            List.of("product", "kitchen")),
                    new Knowledge("scarf", "Classic scarf",
                            "Soft Lambswool scarf, 180 x 30 cm, hand wash cold. $45.",
                            List.of("product", "scarf")),
                    new Knowledge("sweater", "Áo len cổ lọ",
                            "Áo len cổ lọ dệt từ len merino, giặt tay nước lạnh. 590.000đ.",
                            List.of("product", "sweater")),
                    new Knowledge("tee", "Everyday tee",
                            "Relaxed tee in organic polycotton jersey, machine wash 30°C. $19.",
                            List.of("product", "tee")),
                    new Knowledge("cream", "Gentle moisturiser",
                            "Fragrance-free moisturiser with ceramides, suitable for sensitive skin. 50 ml, $22.",
                            List.of("product", "moisturiser"))),
            "https://tam.example/help", null);

    private static ComposerChatModel tam;

    private static synchronized ComposerChatModel tam() {
        if (tam == null) {
            tam = new ComposerChatModel(TAM, KnowledgeIndex.build(TAM.knowledge()), Runnable::run);
        }
        return tam;
    }

    private static void assertNotSocial(Composition c) {
        assertThat(c.intent()).as(c.text()).isNotIn(Intent.THANKS, Intent.GREETING);
        assertThat(c.text()).doesNotStartWith("You're welcome").doesNotStartWith("Không có gì")
                .doesNotStartWith("Chào bạn").doesNotStartWith("Hi there");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ok for sensitive skin?", "Okay, is the moisturiser good for sensitive skin?",
            "great, is it fragrance free?", "oke shop, kem dưỡng này có hợp da nhạy cảm không?",
            "ok shop kem duong nay hop da nhay cam ko", "oke cho da nhạy cảm k?", "ừ thế giá kem dưỡng bao nhiêu?"})
    void anAcknowledgementInsideAQuestionIsNoThanks(String q) {
        Composition c = tam().compose(q);
        assertNotSocial(c);
        assertThat(c.intent()).isIn(Intent.PRODUCT_QUESTION, Intent.PRICE);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cảm ơn shop, cho hỏi khăn choàng làm từ gì vậy?", "tks shop, khăn choàng làm từ gì vậy?",
            "Thanks! What is the scarf made of?"})
    void thanksBesideAQuestionStillGetsTheAnswer(String q) {
        Composition c = tam().compose(q);
        assertThat(c.intent()).isEqualTo(Intent.PRODUCT_QUESTION);
        assertThat(c.text()).contains("Lambswool");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ok", "oke shop", "thanks!", "cảm ơn shop nhé", "cam on ban nhieu", "tks ạ",
            "thank you so much!", "thanks shop?", "ok nha?"})
    void thanksAndAcknowledgementsAloneStayThanks(String q) {
        assertThat(tam().compose(q).intent()).isEqualTo(Intent.THANKS);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nồi cơm điện nấu được chảo không", "noi com dien nau duoc chao khong",
            "nồi cơm điện nấu chao được ko", "is the scarf hi-vis?"})
    void aGreetingLookAlikeInsideAQuestionIsNoGreeting(String q) {
        Composition c = tam().compose(q);
        assertNotSocial(c);
        assertThat(c.intent()).isEqualTo(Intent.PRODUCT_QUESTION);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Chào shop", "chao shop", "dạ chào shop ạ", "Tâm ơi, chào em", "ờ xin chào"})
    void aVietnameseGreetingThatOpensASentenceIsAGreeting(String q) {
        Composition c = tam().compose(q);
        assertThat(c.intent()).isEqualTo(Intent.GREETING);
        assertThat(c.text()).startsWith(TAM.greeting());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Hi there", "oh hello!", "Tâm, good morning"})
    void anEnglishGreetingThatOpensASentenceIsAGreeting(String q) {
        assertThat(tam().compose(q).intent()).isEqualTo(Intent.GREETING);
    }

    @Test
    void aGreetingBeforeAQuestionGreetsAndAnswers() {
        Composition c = tam().compose("chào shop, nồi cơm điện giá bao nhiêu?");
        assertThat(c.intent()).isEqualTo(Intent.PRICE);
        assertThat(c.text()).startsWith("Chào bạn!").contains("1.890.000đ");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"What is the scarf made of?", "Is the scarf wool?", "what material is the classic scarf?",
            "khăn choàng làm bằng chất liệu gì?", "khan choang chat lieu gi vay"})
    void aMaterialInsideACompoundWordAnswersWhatItIsMadeOf(String q) {
        Composition c = tam().compose(q);
        assertThat(c.intent()).isEqualTo(Intent.PRODUCT_QUESTION);
        assertThat(c.text()).contains("Lambswool");
        assertThat(c.knowledgeIds()).containsExactly("scarf");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"áo len cổ lọ làm bằng gì?", "ao len co lo chat lieu gi", "what is the turtleneck sweater made of?"})
    void aVietnameseMaterialNounAnswersWhatItIsMadeOf(String q) {
        Composition c = tam().compose(q);
        assertThat(c.text()).contains("len merino");
        assertThat(c.knowledgeIds()).containsExactly("sweater");
    }

    @Test
    void aMaterialIsQuotedNotInvented() {
        Composition c = tam().compose("What fabric is the everyday tee?");
        assertThat(c.text()).contains("polycotton").doesNotContain("wool").doesNotContain("100% cotton");
        assertThat(c.knowledgeIds()).containsExactly("tee");
    }

    @Test
    void aMaterialTheKnowledgeDoesNotNameIsNotAnswered() {
        Composition c = tam().compose("What is the moisturiser's jar made of?");
        assertThat(c.text()).doesNotContain("wool").doesNotContain("cotton").doesNotContain("glass");
    }
}
