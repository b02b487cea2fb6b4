package com.personaruntime.composer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Conversations: the focus product, ellipsis, decomposition, language and honesty across turns. */
class DialogueTest {

    private static final ComposerChatModel LINH = TestPersonas.linh();
    private static final ComposerChatModel MILO = TestPersonas.milo();

    private static List<String> converse(ComposerChatModel model, String... messages) {
        List<String> history = new ArrayList<>();
        List<String> replies = new ArrayList<>();
        for (String m : messages) {
            replies.add(model.compose(m, history, null).text());
            history.add(m);
        }
        return replies;
    }

    @Test
    void pronounsAndEllipsisFollowTheProductInFocus() {
        List<String> r = converse(LINH, "Kem chống nắng giá bao nhiêu?", "Còn serum thì sao?", "Dùng nó thế nào?");
        assertThat(r.get(0)).contains("390.000đ");
        assertThat(r.get(1)).contains("450.000đ").doesNotContain("390.000đ");
        assertThat(r.get(2)).contains("buổi sáng").doesNotContain("Sữa rửa mặt");
    }

    @Test
    void aTwoPartQuestionIsAnsweredPartByPartFromTheRightEntries() {
        Composition c = LINH.compose("Kem chống nắng giá bao nhiêu, và giao hàng mất mấy ngày?");
        assertThat(c.text()).contains("390.000đ", "2–4 ngày");
        assertThat(c.knowledgeIds()).containsExactly("spf50", "shipping");
    }

    @Test
    void anEnglishQuestionToAVietnameseFirstPersonaIsFramedInEnglishAndQuotesTheFact() {
        Composition c = LINH.compose("How much is the sunscreen?");
        assertThat(c.language()).isEqualTo("en");
        assertThat(c.text()).contains("390.000đ").doesNotContain("Dạ").doesNotContain(" nha");
    }

    @Test
    void areYouHumanIsAlwaysAnsweredTruthfullyInTheQuestionsLanguage() {
        for (String q : List.of("Are you a real person?", "is this a bot", "am I talking to a human?")) {
            Composition c = MILO.compose(q);
            assertThat(c.intent()).as(q).isEqualTo(Intent.ARE_YOU_AI);
            assertThat(c.text()).contains("AI").contains("not a human");
        }
        for (String q : List.of("bạn là người thật à?", "ad là người hay máy", "bn có phải bot ko")) {
            Composition c = LINH.compose(q);
            assertThat(c.intent()).as(q).isEqualTo(Intent.ARE_YOU_AI);
            assertThat(c.language()).isEqualTo("vi");
            assertThat(c.text()).contains("trợ lý AI").contains("không phải con người");
        }
    }

    @Test
    void arithmeticOverKnownPricesAndTheFreeShippingThreshold() {
        assertThat(LINH.compose("Mua 2 tuýp kem chống nắng có được freeship không?").text())
                .contains("780.000đ").contains("đủ điều kiện miễn phí giao hàng");
        assertThat(LINH.compose("1 kem chống nắng có được miễn phí ship không?").text())
                .contains("390.000đ").contains("còn thiếu 110.000đ");
        List<String> r = converse(MILO, "How much for 3 bags of the house blend?", "Does that get free shipping?");
        assertThat(r.get(0)).contains("3 × House Blend beans ($14) = $42");
        assertThat(r.get(1)).contains("$42", "free shipping");
    }

    @Test
    void aBundleTheKnowledgePricesIsQuotedInsteadOfRecomputed() {
        ComposerPersona p = new ComposerPersona("duo", "Duo", "DuoShop", List.of("en"), null, List.of(), List.of(
                new Knowledge("serum", "Glow Serum", "Vitamin C serum, 30 ml. Price: $30.", List.of("product")),
                new Knowledge("cream", "Night Cream", "Ceramide night cream, 50 ml. Price: $25.", List.of("product")),
                new Knowledge("set", "Glow Duo set", "Glow Serum and Night Cream together for $49.", List.of("product"))),
                null, "help@duo.example");
        ComposerChatModel model = ComposerChatModel.create(p, Runnable::run);
        assertThat(model.compose("How much are the serum and the night cream together?").text()).contains("$49")
                .doesNotContain("$55");
        assertThat(model.compose("How much for 2 serums and 1 night cream in total?").text()).contains("$85");
    }

    @Test
    void competitorsHealthClaimsAndInsultsGetTheirHonestAnswers() {
        Composition competitor = LINH.compose("Serum có tốt hơn GlowCo không?");
        assertThat(competitor.intent()).isEqualTo(Intent.COMPETITOR);
        assertThat(competitor.text()).doesNotContain("GlowCo");
        Composition health = MILO.compose("Does coffee prevent cancer?");
        assertThat(health.intent()).isEqualTo(Intent.HEALTH);
        assertThat(health.text()).contains("not a medicine").doesNotContainIgnoringCase("prevents cancer");
        Composition insult = MILO.compose("you are a useless bot");
        assertThat(insult.intent()).isEqualTo(Intent.INSULT);
        assertThat(insult.text()).contains("sorry");
        Composition unknown = MILO.compose("Do you sell espresso machines?");
        assertThat(unknown.intent()).isEqualTo(Intent.UNKNOWN_PRODUCT);
        assertThat(unknown.text()).contains("espresso machines").doesNotContain("$");
    }
}
