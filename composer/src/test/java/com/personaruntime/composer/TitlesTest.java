package com.personaruntime.composer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A title written as a question (an entry made from an audience's question in the console) is said as the thing it
 * asks about, or not at all; other titles are kept.
 */
class TitlesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Có trà sữa matcha không?|trà sữa matcha",
            "Shop có bán thẻ quà tặng không ạ?|thẻ quà tặng",
            "co tra sua matcha ko|tra sua matcha",
            "Bên mình có máy pha cà phê không?|máy pha cà phê",
            "Do you have gift cards?|gift cards",
            "Do you sell a travel mug?|travel mug",
            "Is there a student discount?|student discount"})
    void aQuestionTitleIsSaidAsWhatItAsksAbout(String title, String spoken) {
        assertThat(Titles.spoken(title)).isEqualTo(spoken);
        assertThat(Knowledge.titleFor(title)).isEqualTo(spoken);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Giao hàng mất bao lâu?",
            "Mấy giờ quán đóng cửa?",
            "How long does delivery take?",
            "Trà sữa có ít đường được không?",
            "Can I pay by card?"})
    void aQuestionNamingNothingIsNoName(String title) {
        assertThat(Titles.question(title)).isTrue();
        assertThat(Titles.spoken(title)).isNull();
        assertThat(Knowledge.titleFor(title)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Trà sữa mật ong", "Cà phê không đường", "Serum Niacinamide 10%", "Do Re Mi Music Box", "Đổi trả"})
    void otherTitlesAreKept(String title) {
        assertThat(Titles.question(title)).isFalse();
        assertThat(Titles.spoken(title)).isEqualTo(title);
    }
}
