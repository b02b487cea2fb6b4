package com.personaruntime.composer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One title per entry per reply: two facts of the same entry asked in one message ("mình da dầu, nên dùng kem
 * chống nắng nào?", "how do I use it and is it ok for oily skin?") are said under one heading, not "Về X thì: ...
 * Về X thì: ...". Persona with the demo's long sunscreen entry (suitability, usage and price in separate sentences).
 */
class OneTitlePerEntryTest {

    private static final ComposerPersona SHOP = new ComposerPersona("lumi", "Linh", "Lumière", List.of("vi", "en"),
            "Chào bạn!", List.of(), List.of(
                    new Knowledge("spf50", "Kem chống nắng Lumière SPF50",
                            "Kem chống nắng SPF50 PA++++, tuýp 50 ml, giá 390.000đ. Kết cấu mỏng nhẹ, không để lại vệt "
                                    + "trắng, hợp với da dầu và da hỗn hợp. Thoa một lượng bằng hai đốt ngón tay cho mặt "
                                    + "và cổ 15 phút trước khi ra nắng; thoa lại sau mỗi 2 giờ, sau khi bơi hoặc ra nhiều "
                                    + "mồ hôi.",
                            List.of("product", "sunscreen")),
                    new Knowledge("serum", "Serum Vitamin C 15% Lumière",
                            "Serum 15% vitamin C, lọ 30 ml, giá 520.000đ. Dùng buổi sáng sau bước làm sạch. Da nhạy "
                                    + "cảm nên bắt đầu cách ngày.",
                            List.of("product", "serum")),
                    new Knowledge("shipping", "Giao hàng", "Giao hàng toàn quốc 2–4 ngày, miễn phí đơn từ 500.000đ.",
                            List.of("shipping"))),
            "https://lumiere.example/lien-he", null);

    private static ComposerChatModel model;

    private static synchronized ComposerChatModel model() {
        if (model == null) {
            model = ComposerChatModel.create(SHOP, Runnable::run);
        }
        return model;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Chào Linh, mình da dầu, nên dùng kem chống nắng nào?|Kem chống nắng Lumière SPF50",
            "chao linh, minh da dau, nen dung kem chong nang nao?|Kem chống nắng Lumière SPF50",
            "kem chống nắng hợp da dầu ko, thoa thế nào|Kem chống nắng Lumière SPF50",
            "Is the sunscreen ok for oily skin? How do I apply it?|Kem chống nắng Lumière SPF50",
            "serum dùng lúc nào, da nhạy cảm dùng được không|Serum Vitamin C 15% Lumière"})
    void eachTitleOnce(String q, String title) {
        String reply = model().compose(q, List.of(), null).text();
        int first = reply.indexOf(title);
        assertThat(first < 0 || reply.indexOf(title, first + 1) < 0).as(reply).isTrue();
    }
}
