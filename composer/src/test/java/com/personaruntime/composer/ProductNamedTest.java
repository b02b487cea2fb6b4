package com.personaruntime.composer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product a reply names is the product (tenth held-back set, kind "product"), on two personas the rules never
 * saw: Lá (Vietnamese skincare, Vietnamese entries) and Fen (English body care, English entries), asked in both
 * languages. An entry titled as a document about a product ("Quần jean Lá: bảng size", "Wool Gloves: size guide")
 * names the product; a sentence of a general note (allergies, patch tests) is said as the note's, never as the
 * product's own information.
 */
class ProductNamedTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Áo thun cotton Sen Đá: bảng size|Áo thun cotton Sen Đá",
            "Merino Hiking Socks: size guide|Merino Hiking Socks",
            "Máy lọc nước - hướng dẫn sử dụng|Máy lọc nước",
            "Wool Gloves – Size Chart|Wool Gloves",
            "Single origin: Ethiopia Yirgacheffe|Single origin: Ethiopia Yirgacheffe",
            "Combo da dầu mụn|Combo da dầu mụn"})
    void aDocumentTitleNamesItsProduct(String title, String product) {
        assertThat(Titles.product(title)).isEqualTo(product);
    }

    static final ComposerPersona LA = new ComposerPersona("la", "Lá", "Lá Skincare", List.of("vi", "en"),
            "Chào bạn, mình là Lá!", List.of(),
            List.of(new Knowledge("quan", "Quần jean Lá: bảng size",
                            "Quần jean vải bò hữu cơ giá 420.000đ. Size 28: eo 70-72 cm. Size 30: eo 75-77 cm.",
                            List.of("sản phẩm", "size")),
                    new Knowledge("toner", "Toner hoa cúc 150ml",
                            "Toner hoa cúc 150ml giá 210.000đ. Chiết xuất hoa cúc, không cồn.", List.of("sản phẩm")),
                    new Knowledge("kich-ung", "Kích ứng và da nhạy cảm",
                            "Mọi sản phẩm của Lá đã thử kích ứng trên da người. Người có da nhạy cảm nên thử trên vùng da "
                                    + "nhỏ ở cổ tay trong 24 giờ trước khi dùng.", List.of("dị ứng", "nhạy cảm"))),
            null, "hi@la.example");

    static final ComposerPersona FEN = new ComposerPersona("fen", "Fen", "Fen & Co", List.of("en", "vi"),
            "Hi, I'm Fen!", List.of(),
            List.of(new Knowledge("gloves", "Wool Gloves: size guide",
                            "Wool Gloves cost $28. Size S fits hands up to 18 cm. Size L fits hands over 20 cm.",
                            List.of("product", "size")),
                    new Knowledge("soap", "Goat Milk Soap", "Goat milk soap bar with shea butter. Price: $9.",
                            List.of("product")),
                    new Knowledge("patch", "Patch testing",
                            "If you have sensitive skin, try any of our products on your wrist for 24 hours first.",
                            List.of("allergy", "sensitive skin"))),
            null, "hi@fen.example");

    private static String reply(ComposerPersona p, String q, String... history) {
        return new ComposerChatModel(p, KnowledgeIndex.build(p.knowledge()), Runnable::run)
                .compose(q, List.of(history), null).text();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "quần jean có mấy size|mặc vào có hết mụn không?",
            "What sizes does the jean come in?|Does it cure acne?"})
    void aSizeChartsProductIsNamedWithoutTheChart(String first, String then) {
        String r = reply(LA, then, first);
        assertThat(r).doesNotContain("bảng size không").doesNotContain("bảng size is");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "What sizes do the gloves come in?|Do they cure eczema?"})
    void anEnglishSizeGuidesProductIsNamedWithoutTheGuide(String first, String then) {
        assertThat(reply(FEN, then, first)).doesNotContain("size guide is").doesNotContain("size guide:");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "la|toner hoa cúc có dùng được cho da nhạy cảm không?|Kích ứng và da nhạy cảm",
            "la|Is the toner ok for sensitive skin?|Kích ứng và da nhạy cảm",
            "fen|Is the goat milk soap OK for sensitive skin?|Patch testing",
            "fen|goat milk soap có hợp da nhạy cảm không?|Patch testing"})
    void aGeneralNoteIsSaidAsTheNotes(String persona, String q, String note) {
        String r = reply("la".equals(persona) ? LA : FEN, q);
        assertThat(r).contains(note).contains("24");
    }
}
