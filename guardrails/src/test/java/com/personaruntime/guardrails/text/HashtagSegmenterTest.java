package com.personaruntime.guardrails.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HashtagSegmenterTest {

  private static String split(String tag) {
    char[] c = tag.toCharArray();
    int[] cuts = HashtagSegmenter.cuts(c, c.length);
    if (cuts == null) {
      return tag;
    }
    StringBuilder sb = new StringBuilder();
    int from = 0;
    for (int cut : cuts) {
      sb.append(tag, from, cut).append(' ');
      from = cut;
    }
    return sb.append(tag.substring(from)).toString();
  }

  @ParameterizedTest
  @CsvSource({
      "lowerscholesterol, lowers cholesterol",
      "lowerscholesterolnaturally, lowers cholesterol naturally",
      "curesacne, cures acne",
      "saygoodbyetoeczema, say goodbye to eczema",
      "votefortrump, vote for trump",
      "giamnguycotieuduong, giam nguy co tieu duong",
      "chuakhoimun, chua khoi mun",
      "suachuakhoilo, sua chua khoi lo",
      "camkethieuqua, cam ket hieu qua",
      "trimun, tri mun",
      "sale2026, sale 2026",
      // one word, or no complete split: whole
      "procurement, procurement",
      "manicure, manicure",
      "xyzzyqwrt, xyzzyqwrt",
      // compounds of real words split into them, never into a claim and junk
      "securecheckout, secure checkout",
      "manicuremonday, manicure monday",
  })
  void splitsIntoTheFewestKnownPieces(String tag, String words) {
    assertThat(split(tag)).isEqualTo(words);
  }

  @ParameterizedTest
  @CsvSource({"abc", "Cures", "cure_acne", "chữa"})
  void leavesShortOrNonAsciiTagsAlone(String tag) {
    char[] c = tag.toCharArray();
    assertThat(HashtagSegmenter.cuts(c, c.length)).isNull();
  }
}
