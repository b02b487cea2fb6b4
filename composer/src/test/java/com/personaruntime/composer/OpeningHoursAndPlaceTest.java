package com.personaruntime.composer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An entry about several things of the shop (address, opening hours, parking) answers each question with the sentence
 * about it, and days of the week are read across languages ("Sunday" is "Chủ nhật"), with shops of this test's own.
 */
class OpeningHoursAndPlaceTest {

    private static final ComposerPersona SHOP = new ComposerPersona("gom", "Gốm", "Nhà Gốm", List.of("vi", "en"),
            "Chào bạn, mình là Gốm, trợ lý AI của Nhà Gốm!", List.of(), List.of(
            new Knowledge("bat", "Bát gốm men lam", "Bát gốm Bát Tràng men lam, đường kính 15 cm, giá 85.000đ.",
                    List.of("product")),
            new Knowledge("store", "Cửa hàng và giờ mở cửa", "Cửa hàng Nhà Gốm: 8 Hàng Khay, Hà Nội. Mở cửa 9h-21h từ "
                    + "thứ Hai đến thứ Sáu, thứ Bảy và Chủ nhật 8h-22h. Có chỗ gửi xe máy miễn phí.", List.of())),
            null, "hi@nhagom.example");
    private static final ComposerChatModel MODEL = ComposerChatModel.create(SHOP, Runnable::run);

    private static String reply(String message) {
        return MODEL.compose(message, List.of(), null).text();
    }

    @Test
    void theHoursSentenceAnswersHoursAndTheAddressAnswersWhere() {
        assertThat(reply("mấy giờ cửa hàng đóng cửa")).contains("9h-21h");
        assertThat(reply("cửa hàng ở đâu vậy")).contains("8 Hàng Khay");
        assertThat(reply("What time do you close on Sunday?")).contains("8h-22h").doesNotContain("Sunday");
    }
}
