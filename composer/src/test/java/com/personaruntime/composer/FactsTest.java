package com.personaruntime.composer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FactsTest {

    @Test
    void bareVndPriceKeepsTheClauseBefore() {
        assertThat(Facts.priceClauses("SPF50 PA++++, 50 ml, 390.000đ, dùng hằng ngày, thoa lại sau 2 giờ."))
                .isEqualTo("50 ml, 390.000đ");
    }

    @Test
    void dollarPricesInOneSentence() {
        assertThat(Facts.priceClauses("Medium roast with chocolate notes. 250 g bag $14, 1 kg bag $48."))
                .isEqualTo("250 g bag $14, 1 kg bag $48");
    }

    @Test
    void priceWordsDoNotMakeAClauseLessBare() {
        assertThat(Facts.priceClauses("Kem chống nắng SPF50 PA++++, tuýp 50 ml, giá 390.000đ. Kết cấu mỏng nhẹ."))
                .isEqualTo("tuýp 50 ml, giá 390.000đ");
        assertThat(Facts.priceClauses("Miễn phí cho đơn từ 500.000đ; đơn dưới 500.000đ phí 30.000đ."))
                .isEqualTo("Miễn phí cho đơn từ 500.000đ; đơn dưới 500.000đ phí 30.000đ");
    }

    @Test
    void otherCurrencies() {
        assertThat(Facts.hasPrice("Giá 390k")).isTrue();
        assertThat(Facts.hasPrice("Price 12,50 €")).isTrue();
        assertThat(Facts.hasPrice("€12")).isTrue();
        assertThat(Facts.hasPrice("250.000 VND")).isTrue();
        assertThat(Facts.hasPrice("20 USD")).isTrue();
        assertThat(Facts.hasPrice("1 kg bag, 2–4 ngày, 50 ml, 15%")).isFalse();
        assertThat(Facts.priceClauses("No price here.")).isEmpty();
    }

    @Test
    void everyPieceIsVerbatim() {
        String text = "Serum vitamin C 15% làm sáng da, 30 ml, 450.000đ. Dùng buổi sáng trước kem chống nắng.";
        for (String part : Facts.priceClauses(text).split("; ")) {
            assertThat(text).contains(part);
        }
        assertThat(text).contains(Facts.relevant(text, "dùng lúc nào", 1));
    }

    @Test
    void relevantKeepsTheBestSentencesInOrder() {
        String text = "We roast on Mondays. Shipping is free over $40. Returns within 30 days. Café opens at 7am.";
        assertThat(Facts.relevant(text, "is shipping free?", 1)).isEqualTo("Shipping is free over $40");
        assertThat(Facts.relevant("One. Two.", "anything", 2)).isEqualTo("One. Two");
    }
}
