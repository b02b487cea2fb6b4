package com.personaruntime.composer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Knowledge pasted the way brands paste it (see {@link PastedKnowledge}): a price table with one product a line, a
 * table with a header row, an FAQ of marked or unmarked pairs; each row or pair is answered on its own, with shops of
 * this test's own (a Vietnamese pet shop, an English language school) in both languages.
 */
class PastedKnowledgeTest {

    private static Knowledge k(String id, String title, String text, String... tags) {
        return new Knowledge(id, title, text, List.of(tags));
    }

    @Test
    void aDashTableBecomesOneEntryPerRowAndARowNamingASheetJoinsIt() {
        List<Knowledge> out = PastedKnowledge.expand(List.of(
                k("gia", "Bảng giá", "Hạt gà cho chó - túi 2kg - 210.000đ; túi 10kg - 890.000đ\n"
                        + "Cát tofu cho mèo - túi 6L - 120.000đ\nSúp thưởng vị cá - gói 4 thanh - 35.000đ", "gia"),
                k("cat", "Cát tofu cho mèo", "Cát làm từ bã đậu nành, vón cục nhanh.")));
        assertThat(out).extracting(Knowledge::id).containsExactly("cat", "gia#1", "gia#3");
        Knowledge dog = out.get(1);
        assertThat(dog.title()).isEqualTo("Hạt gà cho chó");
        assertThat(dog.text()).isEqualTo("túi 2kg - 210.000đ; túi 10kg - 890.000đ"); // each size keeps its price
        assertThat(dog.tags()).containsExactly("gia", "Bảng giá");
        assertThat(out.get(0).text()).isEqualTo("túi 6L - 120.000đ\nCát làm từ bã đậu nành, vón cục nhanh.");
    }

    @Test
    void aPipeTableWithAHeaderLabelsEveryCellAndKeepsItsCaption() {
        List<Knowledge> out = PastedKnowledge.expand(List.of(k("courses", "Courses and fees",
                "All fees include books.\n| Course | Length | Fee |\n|---|---|---|\n"
                        + "| IELTS Foundation | 12 weeks | 6,500,000 VND |\n| Business English | 8 weeks | 7,000,000 VND |")));
        assertThat(out).extracting(Knowledge::title)
                .containsExactly("Courses and fees", "IELTS Foundation", "Business English");
        assertThat(out.get(0).text()).isEqualTo("All fees include books.");
        assertThat(out.get(2).text()).isEqualTo("Length: 8 weeks. Fee: 7,000,000 VND.");
    }

    @Test
    void anFaqBecomesOneEntryPerQuestionMarkedOrNot() {
        List<Knowledge> marked = PastedKnowledge.expand(List.of(k("faq", "Câu hỏi thường gặp",
                "Hỏi: Mèo mấy tháng ăn được hạt? Đáp: Từ 2 tháng tuổi.\nHỏi: Có hàng dùng thử không? Đáp: Có gói 100g.")));
        assertThat(marked).extracting(Knowledge::title)
                .containsExactly("Mèo mấy tháng ăn được hạt?", "Có hàng dùng thử không?");
        assertThat(marked).extracting(Knowledge::text).containsExactly("Từ 2 tháng tuổi.", "Có gói 100g.");
        assertThat(marked).extracting(Knowledge::id).containsExactly("faq#1", "faq#2");

        List<Knowledge> lines = PastedKnowledge.expand(List.of(k("faq", "FAQ",
                "Do you ship abroad?\nNot yet, only within Vietnam.\nCan I pay by card?\nYes, Visa and Mastercard.")));
        assertThat(lines).extracting(Knowledge::title).containsExactly("Do you ship abroad?", "Can I pay by card?");
    }

    @Test
    void proseSizeChartsAndLettersInsideSentencesStayWhole() {
        List<Knowledge> in = List.of(
                k("serum", "Vitamin serum", "Vitamin A: 0.3% retinol. Vitamin C: 10%. A: this is no answer marker."),
                k("sizes", "Bảng size", "S | 45-52kg | 1m50-1m58\nM | 52-60kg | 1m58-1m65\nL | 60-68kg | 1m65-1m72"),
                k("ship", "Giao hàng", "Nội thành 1-2 ngày - phí 20.000đ"),
                k("one", "Questions", "What is it?\nA tea.\nIs it sweet?\nWhat colour?"));
        assertThat(PastedKnowledge.expand(in)).isEqualTo(in);
    }

    private static final ComposerPersona MEO = new ComposerPersona("meo", "Mèo", "Nhà Mèo", List.of("vi", "en"),
            "Chào bạn, mình là Mèo, trợ lý AI của Nhà Mèo!", List.of(), List.of(
            k("gia", "Bảng giá Nhà Mèo", "Hạt cá hồi cho mèo con - túi 1,5kg - 185.000đ\n"
                    + "Hạt cá hồi cho mèo lớn - túi 1,5kg - 165.000đ\nPate gà cho mèo - lon 80g - 18.000đ; thùng 24 lon - 399.000đ"),
            k("faq", "Câu hỏi thường gặp", "Hỏi: Đổi sang hạt mới thế nào? Đáp: Trộn dần với thức ăn cũ trong 7 ngày.\n"
                    + "Hỏi: Hạt để được bao lâu sau khi mở túi? Đáp: Nên dùng hết trong 6 tuần.")),
            null, "hi@nhameo.example");
    private static final ComposerChatModel MEO_MODEL = ComposerChatModel.create(MEO, Runnable::run);

    private static String reply(String message) {
        return MEO_MODEL.compose(message, List.of(), null).text();
    }

    @Test
    void aRowIsAnsweredWithItsOwnPriceAndAnFaqWithItsOwnAnswer() {
        assertThat(reply("hạt cho mèo lớn giá bao nhiêu")).contains("165.000đ").doesNotContain("185.000đ");
        assertThat(reply("hat cho meo con gia bao nhieu")).contains("185.000đ").doesNotContain("165.000đ");
        assertThat(reply("thùng 24 lon pate giá sao")).contains("399.000đ");
        assertThat(reply("hạt mở túi rồi để được bao lâu")).contains("6 tuần").doesNotContain("7 ngày")
                .doesNotContain("bao lâu sau khi mở túi?:");
        assertThat(MEO_MODEL.compose("hạt cho mèo lớn giá bao nhiêu", List.of(), null).knowledgeIds())
                .containsExactly("gia#2");
    }
}
