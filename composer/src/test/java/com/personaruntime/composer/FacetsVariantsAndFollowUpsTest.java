package com.personaruntime.composer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kinds of fault of the sixth held-back set, on a persona the rules never saw (Đồi, a tea and coffee shop
 * with Vietnamese and English entries): which sentence of an entry answers a facet question (temperature,
 * caffeine, grams, steeping time, taste, pausing a plan) when the product's name is in several of them; a size
 * with its own price ("túi 1kg", "250 g bag") is that variant, not a quantity, and "1 túi" with a price question is
 * no order; an unknown place the abbreviations expanded is said once ("TP.HCM", never "TP TP"); "how much" right
 * after a delivery question asks the fee; a category named in the other language ("hoa cúc" / "chrysanthemum");
 * a facet follow-up ("hãm mấy phút") keeps the product in focus. Vietnamese with and without diacritics, English.
 */
class FacetsVariantsAndFollowUpsTest {

    static final ComposerPersona DOI = new ComposerPersona(
            "doi", "Đồi", "Đồi Chè", List.of("vi", "en"),
            "Chào bạn, mình là Đồi, trợ lý AI của Đồi Chè!",
            List.of(),
            List.of(
                    new Knowledge("shan-tuyet", "Trà Shan Tuyết Hà Giang",
                            "Trà shan tuyết cổ thụ Hà Giang, hái tay một tôm hai lá. Túi 100 g giá 250.000 đ, túi 250 g giá "
                                    + "560.000 đ. Pha với nước 90 °C, 7 g trà cho 200 ml nước, hãm 2-3 phút. Vị ngọt hậu, "
                                    + "hương mật ong.",
                            List.of("sản phẩm")),
                    new Knowledge("robusta", "Cà phê Robusta Cầu Đất",
                            "Robusta rang mộc từ Cầu Đất, Lâm Đồng. Túi 250 g giá 120.000 đ, túi 1 kg giá 420.000 đ. Pha "
                                    + "phin với 20 g cà phê và 60 ml nước 92-96 °C, chờ nhỏ giọt 4-5 phút. Hàm lượng caffeine "
                                    + "cao, vị đắng đậm.",
                            List.of("sản phẩm", "cà phê")),
                    new Knowledge("chrysanthemum", "Chrysanthemum Blossom Tea",
                            "Whole dried chrysanthemum flowers from Hung Yen in a 40 g tin for $9. Naturally caffeine-free. "
                                    + "Use 1 tablespoon of flowers per 250 ml of water at 95 °C and steep for 4 minutes.",
                            List.of("product")),
                    new Knowledge("club", "Tea Club subscription",
                            "Two teas delivered every month for $24, shipping included. You can pause or skip any month "
                                    + "from your account page. Cancel before the 20th and the next box is not sent.",
                            List.of("subscription", "policy")),
                    new Knowledge("ship", "Giao hàng",
                            "Giao nội thành Đà Lạt trong ngày, phí 20.000 đ. Các tỉnh khác 3-5 ngày qua Viettel Post, phí "
                                    + "35.000 đ, miễn phí cho đơn từ 400.000 đ.",
                            List.of("shipping", "policy"))),
            "https://doiche.example/lien-he", null);

    private static ComposerChatModel doi;

    private static synchronized ComposerChatModel doi() {
        if (doi == null) {
            doi = new ComposerChatModel(DOI, KnowledgeIndex.build(DOI.knowledge()), Runnable::run);
        }
        return doi;
    }

    private static String reply(String q, String... history) {
        return doi().compose(q, List.of(history), null).text();
    }

    /** The sentence about the facet asked, not the entry's first sentence (its name is in that one too). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "trà shan tuyết hãm nước bao nhiêu độ|90 °C",
            "tra shan tuyet pha nuoc bao nhieu do|90 °C",
            "trà shan tuyết pha bao nhiêu gam trà|7 g trà",
            "tra shan tuyet pha bao nhieu gam|7 g trà",
            "cà phê robusta có caffeine không|caffeine",
            "ca phe robusta vi the nao|vị đắng đậm",
            "what water temperature for the Robusta|92-96 °C",
            "does the robusta have caffeine?|caffeine",
            "how many grams of robusta per cup|20 g cà phê",
            "is the chrysanthemum tea caffeine free?|caffeine-free",
            "how long do I steep the chrysanthemum tea|4 minutes",
            "can I skip a month of the tea club?|pause or skip",
            "gói định kỳ tạm dừng được không|pause or skip",
            "goi dinh ky tam dung duoc ko|pause or skip"})
    void aFacetIsAnsweredByItsSentence(String q, String expected) {
        String r = reply(q);
        assertThat(r).contains(expected).doesNotContain("hái tay").doesNotContain("rang mộc từ")
                .doesNotContain("Whole dried").doesNotContain("không thấy").doesNotContain("I don't see");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "pha trà shan tuyết nhiệt độ bao nhiêu",
            "pha tra shan tuyet nhiet do bao nhieu"})
    void facetWordsAreNoPartOfAProductName(String q) {
        assertThat(reply(q)).contains("90 °C").doesNotContain("không thấy").doesNotContain("tuyết nhiệt");
    }

    /** A size with its own price is that variant: never read as a count ("50 × ..."), never an unknown name. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "cà phê robusta túi 1kg giá bao nhiêu|420.000|120.000",
            "ca phe robusta tui 1 kg gia nhieu|420.000|120.000",
            "how much is the 250 g bag of Robusta|120.000|420.000",
            "trà shan tuyết túi 250g bao nhiêu tiền|560.000|250.000 đ,"})
    void aSizeVariantIsAnsweredWithItsOwnPrice(String q, String price, String other) {
        String r = reply(q);
        assertThat(r).contains(price).doesNotContain(other).doesNotContain("×").doesNotContain("không thấy")
                .doesNotContain("I don't see");
    }

    @Test
    void aSizeVariantAsAFollowUpKeepsTheProductInFocus() {
        String r = reply("túi 1kg giá nhiêu", "cà phê robusta có những loại túi nào");
        assertThat(r).contains("420.000").doesNotContain("\"1kg\"").doesNotContain("×");
        assertThat(reply("and the 250g bag, how much?", "tell me about the robusta coffee")).contains("120.000")
                .doesNotContain("\"250g\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "trà shan tuyết bao nhiêu tiền 1 túi",
            "tra shan tuyet 1 tui bao nhieu tien",
            "how much is one bag of the shan tuyet tea"})
    void oneBagWithAPriceQuestionIsNoOrder(String q) {
        String r = reply(q);
        assertThat(r).contains("250.000").contains("560.000").doesNotContain("×").doesNotContain("còn thiếu")
                .doesNotContain("more for free");
    }

    @Test
    void twoBagsOfAVariantAreStillAnOrderOfThatVariant() {
        assertThat(reply("mua 2 túi 1kg cà phê robusta hết bao nhiêu")).contains("840.000");
    }

    /** "Saigon" reads "TP.HCM" (abbreviations.tsv), whose "HCM" is also short for it: the place is said once. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "do you ship to Saigon?",
            "ship vào Sài Gòn mất mấy ngày",
            "ship vao sai gon duoc ko"})
    void anUnknownPlaceIsNamedOnceAsWritten(String q) {
        String r = reply(q);
        assertThat(r).doesNotContain("TP TP").doesNotContain("TP.TP").contains("3-5 ngày");
    }

    /** "how much" right after a delivery question asks the fee, not a product's price. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "do you ship to Saigon? how much|",
            "có ship vào Sài Gòn không? bao nhiêu tiền|",
            "how much?|do you deliver to Hanoi?",
            "bao nhieu tien|co giao ra Ha Noi ko"})
    void howMuchAfterAShippingQuestionIsTheFee(String q, String before) {
        String r = before == null ? reply(q) : reply(q, before);
        assertThat(r).containsAnyOf("20.000", "35.000").doesNotContain("120.000").doesNotContain("$9")
                .doesNotContain("250.000");
    }

    @Test
    void howMuchAfterAProductQuestionIsStillItsPrice() {
        assertThat(reply("how much?", "tell me about the robusta coffee")).contains("120.000");
    }

    /** "chrysanthemum" and "hoa cúc" are one category across languages (categories.tsv). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "trà hoa cúc có caffeine không|caffeine-free",
            "tra hoa cuc gia bao nhieu|$9",
            "hoa cúc hãm mấy phút|4 minutes"})
    void aCategoryInTheOtherLanguageFindsTheProduct(String q, String expected) {
        assertThat(reply(q)).contains(expected).doesNotContain("không thấy");
    }

    @Test
    void chrysanthemumReadsAsHoaCucForVietnameseKnowledge() {
        Categories c = Categories.forKnowledge(List.of(new Knowledge("cuc", "Trà hoa cúc vàng",
                "Hoa cúc vàng sấy lạnh, hộp 50 g giá 150.000 đ.", List.of("sản phẩm"))));
        assertThat(c.translate("does the chrysanthemum tea have caffeine?")).contains("trà hoa cúc");
        assertThat(c.translate("chrysanthemum price?")).contains("hoa cúc");
    }

    /** A facet asked alone keeps the product of the previous turn in focus. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "hãm mấy phút|trà shan tuyết pha nước bao nhiêu độ|2-3 phút",
            "may phut thi uong duoc|tra shan tuyet pha nuoc bao nhieu do|2-3 phút",
            "and how long should I steep?|what temperature for the chrysanthemum tea?|4 minutes",
            "bao nhiêu độ|cà phê robusta giá bao nhiêu|92-96 °C"})
    void aFacetFollowUpKeepsTheProductInFocus(String q, String before, String expected) {
        assertThat(reply(q, before)).contains(expected).doesNotContain("không thấy").doesNotContain("I don't see");
    }
}
