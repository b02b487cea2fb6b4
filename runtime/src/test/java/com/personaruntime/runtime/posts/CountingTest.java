package com.personaruntime.runtime.posts;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Length in each platform's own counting; X's weighting with Vietnamese (docs.x.com counting-characters). */
class CountingTest {

  @ParameterizedTest(name = "X weighs \"{0}\" as {1}")
  @CsvSource(delimiter = '|', value = {
      // ASCII and Latin-1/Latin Extended letters (U+0000-10FF) weigh 1
      "Hello|5",
      "café|4",
      // precomposed Vietnamese letters with two diacritics live in U+1E00-1EFF, outside U+0000-10FF: weight 2
      "ệ|2",
      "ả|2",
      "ố|2",
      "ữ|2",
      // đ (U+0111), ơ (U+01A1), ư (U+01B0) are in U+0000-10FF: weight 1
      "đơ|2",
      // 'Việt Nam' = V i ệ t (1+1+2+1) + space + N a m
      "Việt Nam|9",
      // emoji weigh 2
      "☀️|2",
      // a URL weighs 23 whatever its length
      "https://lumiere.vn/kem-chong-nang-spf50-mua-he-2026|23",
  })
  void xWeighted(String text, int weight) {
    assertThat(Counting.X_WEIGHTED.length(text)).isEqualTo(weight);
  }

  @Test
  void xCountsTheNfcFormSoDecomposedVietnameseWeighsTheSame() {
    String composed = "Kem chống nắng cho làn da Việt";
    String decomposed = Normalizer.normalize(composed, Normalizer.Form.NFD);
    assertThat(decomposed).isNotEqualTo(composed);
    assertThat(Counting.X_WEIGHTED.length(decomposed)).isEqualTo(Counting.X_WEIGHTED.length(composed));
    assertThat(Counting.CODE_POINTS.length(decomposed)).isEqualTo(composed.codePointCount(0, composed.length()));
  }

  @Test
  void aVietnamesePostOf200CodePointsIsOverXsLimit() {
    String vi = "Nội dung do AI tạo ra. ".repeat(9);
    assertThat(Counting.CODE_POINTS.length(vi)).isLessThan(280);
    assertThat(Counting.X_WEIGHTED.length(vi)).isGreaterThan(Counting.CODE_POINTS.length(vi));
  }

  @Test
  void bytesAndThreadsEmoji() {
    assertThat(Counting.UTF8_BYTES.length("ệ")).isEqualTo(3);
    assertThat(Counting.UTF8_BYTES.length("a<b")).isEqualTo(3);
    assertThat(Counting.CODE_POINTS_EMOJI_BYTES.length("hi 🌿")).isEqualTo(3 + 4);
    assertThat(Counting.CODE_POINTS_EMOJI_BYTES.length("ệ")).isEqualTo(1);
  }
}
