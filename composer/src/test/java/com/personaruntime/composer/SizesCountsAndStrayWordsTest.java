package com.personaruntime.composer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A newcomer's twelfth round of faults, on two personas the rules never saw: Bước (a running-shoe shop, English and
 * Vietnamese knowledge, sizes EU 38-46) and Mơ (a Vietnamese milk-tea shop with toppings and sugar levels).
 * <ul>
 *   <li>A shoe or garment size is never a count, in English as in Vietnamese ("EU 44", "in size 44", "size 42",
 *   "cỡ 44"): "2 pairs of X in EU 44" totals two pairs, and a size outside the range the entry states is said to be
 *   outside it.</li>
 *   <li>A word of another product's name inside a modifier ("50% đường", "ít đá", "half sugar") orders nothing; a
 *   count with a size and no product totals the product of the previous turn.</li>
 *   <li>A word of the question that is a verb or a place ("ran", "District 7") is no unknown product.</li>
 *   <li>A callback request ("gọi lại cho mình", "call me back") is answered honestly: the persona cannot call, and
 *   how to reach a person.</li>
 * </ul>
 */
class SizesCountsAndStrayWordsTest {

    static final ComposerPersona BUOC = new ComposerPersona(
            "buoc", "Bước", "Bước Running", List.of("en", "vi"),
            "Hi! I'm Bước, the AI assistant of Bước Running.",
            List.of(),
            List.of(
                    new Knowledge("tempo", "Tempo Glide",
                            "Road running shoe with a soft foam midsole, 260 g. Price 2.490.000đ. Sizes EU 38-46.",
                            List.of("product", "tempo")),
                    new Knowledge("trail", "Trail Fox",
                            "Trail running shoe with a grippy lugged outsole. Price 2.890.000đ. Sizes EU 39-46.",
                            List.of("product")),
                    new Knowledge("cloud", "Cloud Step",
                            "Light everyday trainer for walking and easy runs. Price 1.790.000đ. Sizes EU 35-41.",
                            List.of("product")),
                    new Knowledge("returns", "Returns",
                            "Shoes can be returned within 30 days for a refund. Shoes worn outdoors can be exchanged "
                                    + "for another size within 14 days.",
                            List.of("returns", "policy")),
                    new Knowledge("shipping", "Shipping",
                            "We deliver across Vietnam in 2-4 days and within Ho Chi Minh City in 1 day. Shipping is "
                                    + "30.000đ, free on orders from 2.000.000đ.",
                            List.of("shipping", "policy")),
                    new Knowledge("gift", "Do you have gift cards?",
                            "Gift cards of 500.000đ and 1.000.000đ, sold in our store.",
                            List.of("faq")),
                    new Knowledge("contact", "Contact",
                            "Hotline 1900 5555 (8:00-21:00) or message our fanpage.",
                            List.of("contact"))),
            "https://buoc.example/help", "help@buoc.example");

    static final ComposerPersona MO = new ComposerPersona(
            "mo", "Mơ", "Trà Mơ", List.of("vi", "en"),
            "Chào bạn, mình là Mơ, trợ lý AI của Trà Mơ!",
            List.of(),
            List.of(
                    new Knowledge("ts-mat-ong", "Trà sữa mật ong",
                            "Trà sữa pha mật ong rừng. Size M 35.000đ, size L 45.000đ.",
                            List.of("sản phẩm", "trà sữa")),
                    new Knowledge("oolong", "Trà ô long kem muối",
                            "Trà ô long kem muối: ô long rang phủ kem muối béo mặn. Size M 39.000đ, size L 49.000đ.",
                            List.of("sản phẩm", "trà")),
                    new Knowledge("matcha", "Có trà sữa matcha không?",
                            "Trà Mơ chưa bán trà sữa matcha; món gần nhất là trà ô long kem muối.",
                            List.of("faq")),
                    new Knowledge("the-qua", "Shop có bán thẻ quà tặng không ạ?",
                            "Thẻ quà tặng 100.000đ và 200.000đ, mua tại quầy.",
                            List.of("faq")),
                    new Knowledge("gio", "Mấy giờ quán đóng cửa?",
                            "Quán mở 7:00-22:30 mỗi ngày.",
                            List.of("faq")),
                    new Knowledge("tran-chau", "Trân châu đường đen",
                            "Topping trân châu nấu đường đen, 8.000đ một phần.",
                            List.of("topping")),
                    new Knowledge("thach", "Thạch đá me",
                            "Topping thạch me chua ngọt, 6.000đ một phần.",
                            List.of("topping")),
                    new Knowledge("muc-duong", "Mức đường và đá",
                            "Chọn mức đường 30%, 50%, 70% hoặc 100%, và ít đá, vừa đá hoặc không đá.",
                            List.of("policy")),
                    new Knowledge("ship", "Giao hàng",
                            "Giao trong bán kính 5 km, phí 15.000đ, miễn phí cho đơn từ 150.000đ.",
                            List.of("shipping", "policy"))),
            "https://tramo.example/lien-he", null, List.of(), List.of("Phúc Long", "Katinat"), Abbreviations.EMPTY);

    private static ComposerChatModel buoc;
    private static ComposerChatModel mo;

    private static synchronized ComposerChatModel buoc() {
        if (buoc == null) {
            buoc = new ComposerChatModel(BUOC, KnowledgeIndex.build(BUOC.knowledge()), Runnable::run);
        }
        return buoc;
    }

    private static synchronized ComposerChatModel mo() {
        if (mo == null) {
            mo = new ComposerChatModel(MO, KnowledgeIndex.build(MO.knowledge()), Runnable::run);
        }
        return mo;
    }

    private static String shoes(String q, String... history) {
        return buoc().compose(q, List.of(history), null).text();
    }

    private static String tea(String q, String... history) {
        return mo().compose(q, List.of(history), null).text();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "I need 2 pairs of Trail Fox in EU 44, total?|5.780.000",
            "2 pairs of Trail Fox size 44, how much in total?|5.780.000",
            "I'd like 2 Tempo Glide in size 42, what's the total?|4.980.000",
            "I'd like two Tempo Glide in size 42, what's the total?|4.980.000",
            "three pairs of Trail Fox in UK 9 please, total?|8.670.000",
            "3 pairs of Cloud Step in EU 38 please, how much?|5.370.000",
            "lấy 2 đôi Trail Fox size 44 hết bao nhiêu|5.780.000",
            "lay 2 doi tempo glide size 42 het bao nhieu|4.980.000",
            "lấy 2 đôi tempo glide cỡ 42 hết nhiêu|4.980.000",
            "2 đôi Cloud Step cỡ 38 tổng bao nhiêu|3.580.000"})
    void aSizeIsNeverACountInAnyLanguage(String q, String total) {
        assertThat(shoes(q)).contains(total).doesNotContain("44 ×").doesNotContain("46 ×").doesNotContain("42 ×")
                .doesNotContain("38 ×").doesNotContain("40 ×").doesNotContain("41 ×").doesNotContain("45 ×");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "I wear EU 47, do you have Tempo Glide in my size?|47",
            "Do you have Trail Fox in size 48?|48",
            "Cloud Step có size 43 không?|43",
            "cloud step co size 44 ko|44",
            "tempo glide có cỡ 37 không shop|37"})
    void aSizeOutsideTheStatedRangeIsSaidToBeOutsideIt(String q, String size) {
        String reply = shoes(q);
        assertThat(reply).doesNotContain("×").doesNotContain(size + " ×").doesNotContain(".000đ =");
        assertThat(reply).containsAnyOf("EU 38-46", "EU 39-46", "EU 35-41");
        assertThat(reply).containsAnyOf("not in", "doesn't", "does not", "không có", "chỉ có", "only");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Do you have Tempo Glide in EU 44?|EU 38-46",
            "Trail Fox có size 40 không|EU 39-46"})
    void aSizeInsideTheRangeIsAnsweredWithTheRange(String q, String range) {
        assertThat(shoes(q)).contains(range).doesNotContain("×");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "lấy 2 ly trà sữa mật ong size L, 50% đường hết bao nhiêu|90.000",
            "lay 2 ly tra sua mat ong size L, 50% duong het bao nhieu|90.000",
            "2 ly ô long kem muối size M ít đường ít đá tổng nhiêu|78.000",
            "cho mình 3 ly trà sữa mật ong size M, 70% đường, không đá, hết bao nhiêu|105.000",
            "2 ly tra sua mat ong size L, it duong, het bao nhieu|90.000"})
    void aModifierWordNamesNoOtherProduct(String q, String total) {
        assertThat(tea(q)).contains(total).doesNotContain("Trân châu đường đen").doesNotContain("Thạch đá me");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "2 ly tra sua mat ong size L them tran chau duong den het bao nhieu",
            "2 ly trà sữa mật ong size L, 50% đường, thêm trân châu đường đen, tổng bao nhiêu"})
    void aToppingNamedWholeIsStillOrdered(String q) {
        assertThat(tea(q)).contains("2 × Trà sữa mật ong").contains("Trân châu đường đen");
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', value = {
            "trà sữa mật ong giá sao|mua 3 ly size L thì hết bao nhiêu|135.000",
            "tra sua mat ong bao nhieu|lay 3 ly size L het nhieu|135.000",
            "trà ô long kem muối bao nhiêu tiền|2 ly size M nữa thì tổng bao nhiêu|78.000"})
    void aCountAndASizeTotalTheProductInFocus(String first, String q, String total) {
        assertThat(tea(q, first)).contains(total);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Can I return shoes I ran in once?|30 days",
            "Could I exchange shoes I jogged in twice?|days",
            "Can I return shoes we used outdoors?|14 days",
            "Can I return a pair I wore yesterday?|30 days"})
    void aStrayWordOfTheQuestionIsNoUnknownProduct(String q, String expected) {
        assertThat(shoes(q)).contains(expected).doesNotContain("information about").doesNotContain("I don't see");
    }

    /** A place the knowledge does not name is quoted whole ("District 7", never "District"), and the fee is said. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Do you deliver to District 7? How much is shipping?|District 7",
            "Do you ship to Thu Duc? What does delivery cost?|Thu Duc"})
    void aPlaceIsQuotedWhole(String q, String place) {
        String reply = shoes(q);
        assertThat(reply).contains("30.000").doesNotContain("I don't see");
        if (reply.contains("information about")) {
            assertThat(reply).contains("information about " + place + ",");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Số điện thoại của mình là 0912 345 678, gọi lại cho mình nhé|vi",
            "sdt cua minh 0912345678, goi lai cho minh nha|vi",
            "shop gọi cho em theo số 0987 654 321 được không ạ|vi",
            "Please call me back at 0912 345 678|en",
            "Can someone give me a call? My number is 0912 345 678|en"})
    void aCallbackRequestIsAnsweredHonestly(String q, String language) {
        String reply = q.contains("shop") || language.equals("vi") ? tea(q) : shoes(q);
        if (language.equals("vi")) {
            assertThat(reply).containsAnyOf("không gọi điện được", "không thể gọi");
            assertThat(reply).contains("tramo.example");
        } else {
            assertThat(reply).containsAnyOf("can't call", "cannot call", "can't make calls");
            assertThat(reply).contains("buoc.example");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Có trà sữa matcha không?|trà sữa matcha",
            "tra sua matcha co khong shop|trà sữa matcha",
            "shop có bán thẻ quà tặng không|100.000đ",
            "the qua tang gia bao nhieu|100.000đ",
            "mấy giờ quán đóng cửa vậy|22:30"})
    void aTitleWrittenAsAQuestionIsNeverSaidAsAName(String q, String expected) {
        String reply = tea(q);
        assertThat(reply).contains(expected).doesNotContain("không?").doesNotContain("không ạ?")
                .doesNotContain("Có trà sữa matcha không").doesNotContain("Shop có bán").doesNotContain("Mấy giờ quán");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Do you sell gift cards?|500.000đ",
            "how much are your gift cards|500.000đ"})
    void anEnglishQuestionTitleIsSaidAsWhatItAsksAbout(String q, String expected) {
        assertThat(shoes(q)).contains(expected).doesNotContain("Do you have gift cards?");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Trà ô long kem muối bên Mơ với Phúc Long bên nào ngon hơn?",
            "tra o long kem muoi co ngon hon Katinat ko",
            "Is your salted cream oolong better than Katinat's Trà ô long kem muối?"})
    void aCompetitorAnswerSaysTheTitleOnce(String q) {
        String reply = tea(q);
        assertThat(reply).contains("ô long rang phủ kem muối");
        assertThat(reply.toLowerCase().split("trà ô long kem muối", -1).length - 1).isLessThanOrEqualTo(1);
    }
}
