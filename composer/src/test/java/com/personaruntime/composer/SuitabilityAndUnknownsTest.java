package com.personaruntime.composer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who a product suits, and what the knowledge does not say. A suitability question names people or a condition
 * ("sensitive skin", "trẻ em", "bà bầu", "a nut allergy"), never a product; it is answered by the sentence that
 * speaks of those people (the product's own, or a general note of the brand), else honestly not; an age is no
 * quantity ("cho bé 6 tháng"); pregnancy and medicines are checked against the knowledge, while claimed effects
 * ("có khỏi cảm cúm không") still get the not-a-medicine line. A yes-or-no question about something the
 * knowledge never mentions ("có kết nối app không") is answered "I don't know", not beside the point; attributes
 * asked in English of Vietnamese knowledge (battery, flights, origin) find their sentence; material words are
 * whole words ("silky" and "madeleines" hold no silk and no "made"). Vietnamese with and without diacritics,
 * teencode, English; a persona the rules were not tuned on.
 */
class SuitabilityAndUnknownsTest {

    /** A family-care shop: repellent for children, body wash, granola, herbal tea, a massager; a general note. */
    static final ComposerPersona HA = new ComposerPersona(
            "ha", "Hạ", "Nhà Hạ", List.of("vi", "en"),
            "Chào bạn! Mình là Hạ, trợ lý AI của Nhà Hạ.",
            List.of(),
            List.of(
                    new Knowledge("repellent", "Kem chống muỗi Bé Yêu",
                            "Kem chống muỗi chiết xuất sả chanh, tuýp 60 ml. Giá 95.000đ. Dùng cho trẻ từ 2 tuổi trở lên.",
                            List.of("product")),
                    new Knowledge("wash", "Oat Calm Body Wash",
                            "Soap-free oat body wash, 500 ml. Price: $14. Suitable for sensitive skin.",
                            List.of("product")),
                    new Knowledge("granola", "Honey Crunch Granola",
                            "Oat granola baked with honey and almonds, 400 g. Price: $9.",
                            List.of("product")),
                    new Knowledge("tea", "Trà gừng túi lọc",
                            "Hộp 20 túi lọc trà gừng sấy khô. Giá 60.000đ. Pha với 200 ml nước sôi trong 5 phút.",
                            List.of("product")),
                    new Knowledge("massager", "Máy massage cầm tay",
                            "Máy massage cầm tay 6 đầu, pin 2.000mAh dùng 3 giờ, sạc USB-C. Giá 790.000đ. Xuất xứ Hàn Quốc.",
                            List.of("product")),
                    new Knowledge("madeleines", "Lemon Madeleines",
                            "Six madeleines, silky and light, baked daily. Ingredients: wheat flour, butter, eggs and "
                                    + "lemon zest. Price: $7.",
                            List.of("product")),
                    new Knowledge("workshop", "Workshop làm nến thơm",
                            "Diễn ra mỗi Chủ nhật lúc 15:00 tại cửa hàng. Miễn phí cho khách có hóa đơn.",
                            List.of("event")),
                    new Knowledge("note", "Lưu ý",
                            "Sản phẩm thảo mộc không phải là thuốc. Phụ nữ có thai nên hỏi ý kiến bác sĩ trước khi dùng.",
                            List.of("policy"))),
            "https://ha.example/help", null);

    private static ComposerChatModel ha;

    private static synchronized ComposerChatModel ha() {
        if (ha == null) {
            ha = new ComposerChatModel(HA, KnowledgeIndex.build(HA.knowledge()), Runnable::run);
        }
        return ha;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ok for sensitive skin?", "is it ok for kids?", "is it suitable for a 4 year old?",
            "có hợp da nhạy cảm không", "tre em an duoc ko", "người ăn chay ăn được không"})
    void thePeopleAskedAboutAreNoProduct(String q) {
        Composition c = ha().compose(q, List.of("How much is the granola?"), null);
        assertThat(c.intent()).as(c.text()).isNotEqualTo(Intent.UNKNOWN_PRODUCT);
        assertThat(c.text()).doesNotContain("can't promise we have it").doesNotContain("không dám hứa là bên mình có")
                .containsAnyOf("don't have information", "chưa có thông tin").contains("Granola")
                .doesNotContain("×");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"kem chống muỗi trẻ em dùng được không", "kem chong muoi cho be 1 tuoi dung dc ko",
            "kem chống muỗi cho bé 6 tháng được không", "is the mosquito cream ok for kids?"})
    void childrenAreAnsweredByTheSentenceAboutChildren(String q) {
        Composition c = ha().compose(q);
        assertThat(c.text()).as(q).contains("2 tuổi").doesNotContain("×").doesNotContain("95.000đ =");
    }

    @Test
    void aSentenceAboutOtherPeopleNeverStandsIn() {
        // the granola's almonds answer a nut allergy; the body wash's skin sentence does not answer kids
        assertThat(ha().compose("is the granola ok for someone with a nut allergy?").text()).contains("almonds");
        Composition kids = ha().compose("is the body wash ok for kids?");
        assertThat(kids.text()).contains("don't have information").doesNotContain("sensitive skin");
        assertThat(ha().compose("is the body wash ok for sensitive skin?").text()).contains("Suitable for sensitive skin");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bà bầu uống trà gừng được không", "ba bau uong tra gung dc ko", "mẹ bầu dùng trà gừng ok không",
            "Can I drink the ginger tea while pregnant?"})
    void pregnancyIsCheckedAgainstTheGeneralNote(String q) {
        Composition c = ha().compose(q);
        assertThat(c.text()).as(q).contains("có thai").contains("bác sĩ");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"trà gừng có khỏi cảm cúm không", "tra gung co tri tao bon khong",
            "does the ginger tea help with the flu?", "will it relieve my headaches?"})
    void claimedEffectsStillGetTheNotAMedicineLine(String q) {
        Composition c = ha().compose(q, List.of("trà gừng giá bao nhiêu"), null);
        assertThat(c.intent()).as(c.text()).isEqualTo(Intent.HEALTH);
        assertThat(c.text()).containsAnyOf("bác sĩ", "doctor");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"máy massage có kết nối app không", "may massage co ket noi app ko"})
    void aYesNoQuestionAboutWhatTheKnowledgeNeverSaysIsAnsweredHonestly(String q) {
        Composition c = ha().compose(q);
        assertThat(c.text()).as(q).contains("chưa có thông tin về").contains("app");
    }

    @Test
    void attributesAskedInEnglishFindTheirVietnameseSentence() {
        List<String> history = List.of("máy massage cầm tay giá bao nhiêu");
        assertThat(ha().compose("How long does the battery last?", history, null).text()).contains("dùng 3 giờ");
        assertThat(ha().compose("where is it made?", history, null).text()).contains("Hàn Quốc");
        assertThat(ha().compose("where is the granola made?").text()).contains("don't have information")
                .doesNotContain("Hàn Quốc");
    }

    @Test
    void theVerbOfWhoMayUseItAsksNoUsage() {
        Composition c = ha().compose("trà gừng trẻ em dùng được không");
        assertThat(c.text()).contains("chưa có thông tin").doesNotContain("Pha với 200 ml");
    }

    @Test
    void anEventAskedAboutIsInFocusAndAnOldAspectIsNotRepeated() {
        // "có mất phí không" after "workshop ... khi nào" is about the workshop, not the suitability asked before it,
        // and no other entry's sentence stands in for it
        List<String> history = List.of("granola có hợp cho trẻ em không", "workshop làm nến diễn ra khi nào");
        Composition c = ha().compose("có mất phí không", history, null);
        assertThat(c.text()).contains("Miễn phí").doesNotContain("chưa có thông tin");
    }

    @Test
    void materialWordsAreWholeWords() {
        assertThat(Aspect.INGREDIENTS.score("Six madeleines, silky and light, baked daily.")).isZero();
        assertThat(Aspect.INGREDIENTS.score("Soft Lambswool scarf.")).isPositive();
        assertThat(Aspect.INGREDIENTS.score("A woollen blanket in two cottons.")).isEqualTo(2);
        assertThat(Aspect.INGREDIENTS.score("Made of 100% silk.")).isEqualTo(3);
        Composition c = ha().compose("what are the madeleines made of?");
        assertThat(c.text()).contains("wheat flour").doesNotContain("silky");
    }
}
