package com.personaruntime.composer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Which is cheaper / more expensive" between named products is answered with the winner and the amounts, not two
 * prices left for the reader to compare: Vietnamese with and without diacritics, teencode, southern "mắc", English,
 * two products and three.
 */
class PriceComparisonTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "serum vit c vs kem chong nang cai nao re hon|Kem chống nắng SPF50 rẻ hơn: 390.000đ so với 450.000đ",
            "serum vitamin c hay kem chống nắng cái nào rẻ hơn|Kem chống nắng SPF50 rẻ hơn: 390.000đ so với 450.000đ",
            "serum vitamin c hay sữa rửa mặt cái nào đắt hơn|Serum Vitamin C 15% đắt hơn: 450.000đ so với 250.000đ",
            "sua rua mat voi serum vit c cai nao mac hon|Serum Vitamin C 15% đắt hơn: 450.000đ so với 250.000đ",
            "sữa rửa mặt, serum hay kem chống nắng cái nào rẻ nhất|Sữa rửa mặt dịu nhẹ rẻ nhất: 250.000đ"})
    void linhNamesTheCheaperOrDearer(String q, String expected) {
        String reply = TestPersonas.linh().compose(q).text();
        assertThat(reply).as(q).contains(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "which is cheaper, the serum or the sunscreen?|Kem chống nắng SPF50 is cheaper: 390.000đ vs 450.000đ",
            "which is more expensive, the decaf or the ethiopia?|Ethiopia Yirgacheffe beans is more expensive: $18 vs $16",
            "which one is cheaper, ethiopia or decaf|Swiss Water Decaf beans is cheaper: $16 vs $18",
            "is the decaf or the ethiopia less expensive?|Swiss Water Decaf beans is cheaper: $16 vs $18"})
    void englishNamesTheCheaperOrDearer(String q, String expected) {
        ComposerChatModel model = q.contains("serum") ? TestPersonas.linh() : TestPersonas.milo();
        assertThat(model.compose(q).text()).as(q).contains(expected);
    }
}
