package com.personaruntime.composer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextTest {

    private static List<String> folded(String text) {
        return Text.tokens(text).stream().map(Text.Token::folded).toList();
    }

    @Test
    void foldStripsDiacriticsAndMapsDStroke() {
        assertThat(Text.fold("Kem Chống Nắng")).isEqualTo("kem chong nang");
        assertThat(Text.fold("Đặt hàng ĐƯỢC không")).isEqualTo("dat hang duoc khong");
        assertThat(Text.fold("Lumière café")).isEqualTo("lumiere cafe");
    }

    @Test
    void foldHandlesDecomposedInput() {
        String nfd = java.text.Normalizer.normalize("giá bao nhiêu", java.text.Normalizer.Form.NFD);
        assertThat(Text.fold(nfd)).isEqualTo("gia bao nhieu");
        assertThat(Text.words(nfd).get(0).raw()).isEqualTo("giá");
    }

    @Test
    void teencodeIsExpanded() {
        assertThat(folded("sp nay ko dc j")).containsExactly("san", "pham", "nay", "khong", "duoc", "gi");
        assertThat(folded("hok bit nhiu")).containsExactly("khong", "bit", "nhieu");
    }

    @Test
    void bnMeansHowMuchBeforeMoneyAndYouOtherwise() {
        assertThat(folded("sp nay bn tien")).containsSubsequence("bao", "nhieu", "tien");
        assertThat(folded("gia bn")).containsExactly("gia", "bao", "nhieu");
        assertThat(folded("bn oi")).containsExactly("ban", "oi");
    }

    @Test
    void loneKAfterANumberIsAUnitNotNo() {
        assertThat(folded("390 k")).containsExactly("390", "k");
        assertThat(folded("co k")).containsExactly("co", "khong");
    }

    @Test
    void toneAwareMatching() {
        Text.Token gia = Text.Token.of("giá");
        assertThat(Text.Token.of("gia").matches(gia)).as("typed without diacritics").isTrue();
        assertThat(Text.Token.of("giá").matches(gia)).isTrue();
        assertThat(Text.Token.of("giả").matches(gia)).as("other tone, other word").isFalse();
        assertThat(Text.Token.of("mùa").matches(Text.Token.of("mua"))).isFalse();
    }
}
