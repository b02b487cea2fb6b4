package com.personaruntime.composer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Asking for a link, a website or an app to buy through names a sales channel, not a product: "có link mua không?"
 * was answered "Mình không thấy "link" trong thông tin sản phẩm…" (found chatting with Linh). The reply says how to
 * order (the persona's contact page) and never lists a channel word as an unknown product; a price asked beside it
 * is said once ("X is 390.000đ. Great choice! X is 390.000đ." before).
 */
class PurchaseLinkTest {

    static final ComposerPersona LAN = new ComposerPersona(
            "lan", "Lan", "Lan Beauty", List.of("vi", "en"),
            "Chào bạn, mình là Lan, trợ lý AI của Lan Beauty!",
            List.of(),
            List.of(
                    new Knowledge("kcn", "Kem chống nắng Lan SPF50",
                            "Kem chống nắng SPF50 tuýp 50 ml, giá 390.000đ. Kết cấu mỏng nhẹ.",
                            List.of("sản phẩm")),
                    new Knowledge("serum", "Serum Vitamin C Lan",
                            "Serum vitamin C 15%, lọ 30 ml, giá 520.000đ.",
                            List.of("sản phẩm")),
                    new Knowledge("ship", "Giao hàng",
                            "Giao toàn quốc 2-4 ngày. Phí ship 30.000đ, miễn phí cho đơn từ 500.000đ.",
                            List.of("shipping", "policy"))),
            "https://lan.example/mua", "hi@lan.example");

    private static ComposerChatModel lan;

    private static synchronized ComposerChatModel lan() {
        if (lan == null) {
            lan = new ComposerChatModel(LAN, KnowledgeIndex.build(LAN.knowledge()), Runnable::run);
        }
        return lan;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "kem chống nắng giá bao nhiêu, có link mua không?|390.000",
            "kem chong nang gia bn, co link mua ko|390.000",
            "cho mình xin link mua serum vitamin c|",
            "serum mua trên web được không shop|",
            "có app để đặt hàng không|",
            "How much is the sunscreen? Do you have a link to buy it?|390.000",
            "can I order the serum on your website?|",
            "send me the link to buy the vitamin C serum please|"})
    void aLinkToBuyIsNoUnknownProduct(String q, String price) {
        String r = lan().compose(q, List.of(), null).text();
        assertThat(r).as(r).doesNotContain("\"link").doesNotContain("\"web").doesNotContain("\"app")
                .doesNotContain("\"website").doesNotContain("không thấy").doesNotContain("I don't see");
        assertThat(r).as(r).contains("lan.example");
        if (price != null && !price.isBlank()) {
            assertThat(r.split(java.util.regex.Pattern.quote(price), -1)).as("the price once: " + r).hasSize(2);
        }
    }
}
