package com.personaruntime.composer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageDetectorTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Kem chống nắng giá bao nhiêu?      | vi
            kem chong nang gia bao nhieu       | vi
            sp nay bn tien vay shop            | vi
            ship mất mấy ngày                  | vi
            shop oi                            | vi
            co ship ko                         | vi
            Chào shop                          | vi
            thời tiết hôm nay thế nào          | vi
            ban la nguoi that ha               | vi
            em muon biet gio mo cua            | vi
            serum nay tri mun tot khong        | vi
            Do you ship to Hong Kong?          | en
            Are you a real person or an AI?    | en
            How much is the sunscreen?         | en
            Is Lumière's sunscreen good?       | en
            who will win the election?         | en
            Do you ship to Canada?             | en
            Do you ship to Da Nang?            | en
            Can you deliver to Ha Noi tomorrow? | en
            ship ra Da Nang mat bao lau        | vi
            Cho Mình Hỏi Giá Kem               | vi
            For Đà Nẵng, please ask the team at https://shop.example/lien-he. | en
            Do you deliver to Hà Nội and Huế?  | en
            Giao tới Đà Nẵng mất mấy ngày      | vi
            Shop có ship ra Hà Nội không       | vi
            hi                                 | en
            thanks!                            | en
            """)
    void detects(String text, String language) {
        assertThat(LanguageDetector.detect(text)).isEqualTo(language);
    }

    @Test
    void aMessageIsDetectedOnceThenRemembered() {
        // one chat turn asks for its message's language four or five times (guard, retrieval, insights)
        String vi = "Giao tới Cần Thơ mất mấy ngày vậy shop, đơn số " + System.nanoTime();
        String none = "ok " + System.nanoTime();
        long before = LanguageDetector.computed();
        for (int i = 0; i < 5; i++) {
            assertThat(LanguageDetector.detect(vi)).isEqualTo("vi");
            assertThat(LanguageDetector.detect(none)).as("no evidence is remembered too").isNull();
        }
        assertThat(LanguageDetector.computed() - before).isEqualTo(2);
    }

    @Test
    void aLongTextIsDetectedEachTimeWithTheSameResult() {
        String text = "How much is the sunscreen and do you ship to Canada? ".repeat(50);
        assertThat(text.length()).isGreaterThan(LanguageDetector.REMEMBERED_MAX_CHARS);
        long before = LanguageDetector.computed();
        assertThat(LanguageDetector.detect(text)).isEqualTo("en");
        assertThat(LanguageDetector.detect(text)).isEqualTo("en");
        assertThat(LanguageDetector.computed() - before).isEqualTo(2);
    }

    @Test
    void noEvidenceGivesNull() {
        assertThat(LanguageDetector.detect("ok")).isNull();
        assertThat(LanguageDetector.detect("???")).isNull();
        assertThat(LanguageDetector.detect("")).isNull();
    }

    @Test
    void questionLanguageWinsWhenThePersonaSpeaksIt() {
        List<String> supported = ReplyTemplates.LANGUAGES;
        assertThat(LanguageDetector.replyLanguage("How much is it?", List.of("vi", "en"), supported)).isEqualTo("en");
        assertThat(LanguageDetector.replyLanguage("gia bao nhieu", List.of("vi", "en"), supported)).isEqualTo("vi");
        assertThat(LanguageDetector.replyLanguage("gia bao nhieu", List.of("en"), supported)).isEqualTo("en");
        assertThat(LanguageDetector.replyLanguage("ok", List.of("vi", "en"), supported)).as("no evidence").isEqualTo("vi");
        assertThat(LanguageDetector.replyLanguage("hello", List.of("fr"), supported)).as("no templates").isEqualTo("en");
    }
}
