package com.personaruntime.guardrails.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The function-word table of {@link VietnameseSentence} answers as the two sorted-table lookups it replaces. */
class VietnameseSentenceTest {

  @Test
  void functionWordTableAgreesWithTheSortedLookups() {
    // every word of the lists (a Vietnamese word also in another language's list is Vietnamese: "tu", "di", "se")
    String listed = "khong la cua minh nhe tu di se ma the and is der die le les et el los il lo os as uma um ne du";
    for (String w : listed.split(" ")) {
      char[] c = w.toCharArray();
      assertThat(VietnameseSentence.functionWord(c, 0, c.length)).as(w)
          .isEqualTo(VietnameseSentence.functionWordBySearch(c, 0, c.length));
    }
    assertThat(VietnameseSentence.functionWord("tu".toCharArray(), 0, 2)).isEqualTo(1);
    assertThat(VietnameseSentence.functionWord("the".toCharArray(), 0, 3)).isEqualTo(-1);
    assertThat(VietnameseSentence.functionWord("kem".toCharArray(), 0, 3)).isZero();
    // random short letter strings (most are no function word; the short ones often are), and non-letters
    Random rnd = new Random(12);
    String alphabet = "aeiouhntcdmlsgkrwy.1A";
    int listedHits = 0;
    for (int i = 0; i < 200_000; i++) {
      char[] c = new char[1 + rnd.nextInt(5)];
      for (int k = 0; k < c.length; k++) {
        c[k] = alphabet.charAt(rnd.nextInt(alphabet.length()));
      }
      int want = VietnameseSentence.functionWordBySearch(c, 0, c.length);
      assertThat(VietnameseSentence.functionWord(c, 0, c.length)).as(new String(c)).isEqualTo(want);
      listedHits += want != 0 ? 1 : 0;
    }
    assertThat(listedHits).isGreaterThan(1000);
  }
}
