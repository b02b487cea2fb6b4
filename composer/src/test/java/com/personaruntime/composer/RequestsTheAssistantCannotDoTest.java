package com.personaruntime.composer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an AI assistant cannot do or has not done, from the newcomer's report on Gió (a bicycle repair and rental
 * shop) and the demo personas, asked in Vietnamese with and without diacritics and in English: a call-back or a
 * "send me" request gets the honest answer (it cannot call or send, a number or e-mail typed here is hidden, how to
 * reach a person); a booking request is not confirmed (how to book instead); a
 * question about its own use of a product gets "I'm an AI" and not the product's price; a health question about an
 * activity does not make a rental "not a medicine"; a complaint never quotes a question sentence as the policy.
 */
class RequestsTheAssistantCannotDoTest {

    static final ComposerPersona BEANS = new ComposerPersona(
            "beans", "Bea", "Bean There", List.of("en"),
            "Hi, I'm Bea, Bean There's AI assistant!", List.of(),
            List.of(
                    new Knowledge("blend", "House Blend", "Medium roast, 12 oz bag $16.50.", List.of("product", "beans")),
                    new Knowledge("returns", "Returns and freshness guarantee",
                            "Not happy with a bag of coffee? Tell us within 30 days of delivery and we will replace it or "
                                    + "refund you. Unopened equipment can be returned within 30 days.",
                            List.of("policy", "returns"))),
            "https://beans.example/help", "hello@beans.example");

    static final ComposerPersona GOM = new ComposerPersona(
            "gom", "Gốm", "Gốm Bát Tràng", List.of("vi"),
            "Chào bạn, mình là Gốm, trợ lý AI của Gốm Bát Tràng!", List.of(),
            List.of(
                    new Knowledge("bat", "Bát men lam", "Bát men lam vẽ tay, đường kính 12 cm, giá 85.000đ.",
                            List.of("sản phẩm")),
                    new Knowledge("doi-tra", "Đổi trả",
                            "Hàng bị vỡ khi nhận? Bạn chụp ảnh gửi shop trong 48 giờ, shop gửi bù hàng mới miễn phí.",
                            List.of("policy", "đổi trả"))),
            null, "cskh@gom.example");

    private static ComposerChatModel gio;
    private static ComposerChatModel beans;
    private static ComposerChatModel gom;

    private static synchronized String gio(String q) {
        if (gio == null) {
            gio = new ComposerChatModel(GioPersona.GIO, KnowledgeIndex.build(GioPersona.GIO.knowledge()), Runnable::run);
        }
        return gio.compose(q, List.of(), null).text();
    }

    private static synchronized String beans(String q) {
        if (beans == null) {
            beans = new ComposerChatModel(BEANS, KnowledgeIndex.build(BEANS.knowledge()), Runnable::run);
        }
        return beans.compose(q, List.of(), null).text();
    }

    private static synchronized String gom(String q) {
        if (gom == null) {
            gom = new ComposerChatModel(GOM, KnowledgeIndex.build(GOM.knowledge()), Runnable::run);
        }
        return gom.compose(q, List.of(), null).text();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Số mình là 0905 123 456, email lan.nguyen@gmail.com, shop gọi lại báo giá thay xích nhé|không gọi điện",
            "so minh la 0905123456 goi lai tu van giup minh nhe|không gọi điện",
            "My email is john.doe@gmail.com, please send me the price list|can't send",
            "email mình là lan@gmail.com, gửi qua email cho mình bảng giá nhé|không gửi email",
            "gui bang gia qua zalo cho minh nhe, so zalo 0905123456|không gửi email"})
    void aCallbackOrSendRequestGetsTheHonestAnswer(String q, String honest) {
        String r = gio(q);
        assertThat(r).contains(honest).contains("0236 3 812 345");
        assertThat(r).doesNotContain("send me").doesNotContain("Số điện thoại liên hệ");
    }

    @Test
    void askingToBeShownThePriceListHereIsNoSendRequest() {
        assertThat(Callback.sendAsked(Text.tokens("gửi mình bảng giá với"))).isFalse();
        assertThat(Callback.sendAsked(Text.tokens("can you send the price list to my email?"))).isTrue();
        assertThat(Callback.sendAsked(Text.tokens("I will email you my address"))).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "cho mình đặt lịch bảo dưỡng sáng mai 9h nhé|không tự đặt lịch",
            "cho minh dat lich bao duong sang mai 9h nhe|không tự đặt lịch",
            "Can I book a full service for tomorrow 9am?|can't book"})
    void aBookingIsNotConfirmed(String q, String honest) {
        String r = gio(q);
        assertThat(r).contains(honest).doesNotContain("Tuyệt quá").doesNotContain("Great choice")
                .doesNotContain("Cách đặt hàng");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "bạn có phải là người không, nói thật đi",
            "ban co phai la nguoi khong, noi that di",
            "Are you a real person? Be honest."})
    void aDemandForHonestyAddsNothingToTheAiAnswer(String q) {
        assertThat(gio(q)).doesNotContain("30.000đ").doesNotContain("Hải Châu").doesNotContain("giao xe");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "bạn đã từng đạp thử xe địa hình chưa, có êm không|là AI",
            "ban da tung dap thu xe dia hinh chua|là AI",
            "Have you ever ridden the mountain bike yourself?|I'm an AI"})
    void aQuestionAboutItsOwnUseGetsTheAiAnswer(String q, String ai) {
        String r = gio(q);
        assertThat(r).contains(ai).doesNotContain("350.000").doesNotContain("Thay xích");
    }

    @Test
    void ownUseIsToldApartFromOrdinaryQuestions() {
        assertThat(Experience.asked(Text.tokens("bạn ơi mình đã dùng thử serum rồi, có cần thoa lại không"))).isFalse();
        assertThat(Experience.asked(Text.tokens("cho mình đi thử xe được không"))).isFalse();
        assertThat(Experience.asked(Text.tokens("do you sell decaf?"))).isFalse();
        assertThat(Experience.asked(Text.tokens("did you try the decaf?"))).isTrue();
        assertThat(Experience.asked(Text.tokens("em dùng thử serum này chưa"))).isTrue();
        assertThat(Experience.asked(Text.tokens("sản phẩm bên bạn có thử nghiệm trên động vật không"))).isFalse();
        assertThat(Experience.asked(Text.tokens("bạn đã thử nghiệm chưa"))).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Đạp xe mỗi ngày có chữa khỏi tiểu đường không?|Thuê xe đạp không phải là thuốc",
            "dap xe moi ngay co chua khoi tieu duong khong|Thuê xe đạp không phải là thuốc",
            "Will cycling cure my back pain?|Bike rental for tourists is not a medicine"})
    void aHealthQuestionAboutAnActivityMakesNoRentalAMedicine(String q, String wrong) {
        String r = gio(q);
        assertThat(r).doesNotContain(wrong).containsAnyOf("bác sĩ", "doctor");
    }

    @Test
    void aComplaintQuotesThePolicyNotItsQuestion() {
        String r = beans("The beans I got were stale, this is the worst coffee ever");
        assertThat(r).contains("replace it or refund you").doesNotContain("coffee?.");
        String v = gom("bát mình nhận bị vỡ rồi, tệ quá");
        assertThat(v).contains("gửi bù hàng mới").doesNotContain("nhận?.");
    }

    @Test
    void aFactOpeningWithTheTitlesWordsIsNotPrefixedWithTheTitle() {
        assertThat(gio("giờ mở cửa thế nào")).contains("7h-19h").doesNotContain("Giờ mở cửa và địa chỉ:");
        assertThat(ReplyComposer.opensWithTitleWords("Mở cửa 7h-19h", "Giờ mở cửa và địa chỉ")).isTrue();
        assertThat(ReplyComposer.opensWithTitleWords("Medium roast, 12 oz", "House Blend")).isFalse();
    }
}
