package com.personaruntime.guardrails.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The table-driven syllable test answers as the string-based one it replaced, on every short word and on random longer ones. */
class WordFoldsTest {

  @Test
  void syllableAgreesWithTheReferenceOnEveryWordUpToFourLetters() {
    char[] w = new char[4];
    int checked = 0;
    for (int len = 1; len <= 4; len++) {
      int total = (int) Math.pow(26, len);
      for (int x = 0; x < total; x++) {
        int v = x;
        for (int i = len - 1; i >= 0; i--) {
          w[i] = (char) ('a' + v % 26);
          v /= 26;
        }
        String s = new String(w, 0, len);
        assertThat(WordFolds.syllable(s)).as(s).isEqualTo(WordFolds.syllableReference(s));
        checked++;
      }
    }
    assertThat(checked).isEqualTo(26 + 676 + 17_576 + 456_976);
  }

  @Test
  void syllableAgreesWithTheReferenceOnLongerAndMixedWords() {
    Random rnd = new Random(11);
    String alphabet = "abcdeghiklmnopqrstuvxy0 ";
    String[] known = {"nghieng", "khuyen", "truong", "nguoi", "thuong", "chuyen", "gioi", "qua", "quyet", "uong", "oanh",
        "khoai", "ngoeo", "xoay"};
    for (String k : known) {
      assertThat(WordFolds.syllable(k)).as(k).isEqualTo(WordFolds.syllableReference(k));
    }
    for (int round = 0; round < 200_000; round++) {
      int len = 1 + rnd.nextInt(8);
      StringBuilder sb = new StringBuilder(len);
      for (int i = 0; i < len; i++) {
        sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
      }
      String s = sb.toString();
      assertThat(WordFolds.syllable(s)).as(s).isEqualTo(WordFolds.syllableReference(s));
    }
  }

  @Test
  void telexAgreesWithTheAllocatingReference() {
    Random rnd = new Random(3);
    String alphabet = "aaeeooddwwfrxjsuiyngchtbmlqvkp";
    String[] known = {"for", "her", "over", "under", "order", "works", "well", "sunscreen", "free", "within", "chuwxa", "khoir",
        "ddieemr", "wa", "woof", "khoj", "tieengs", "cheer", "cigar", "your", "w", "ww", "dd", "aa"};
    java.util.List<String> words = new java.util.ArrayList<>(java.util.List.of(known));
    for (int round = 0; round < 200_000; round++) {
      int len = 1 + rnd.nextInt(10);
      StringBuilder sb = new StringBuilder(len);
      for (int i = 0; i < len; i++) {
        sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
      }
      words.add(sb.toString());
    }
    WordFolds.Word fast = new WordFolds.Word(); // reused, as the normaliser reuses its word
    for (String word : words) {
      WordFolds.Word ref = new WordFolds.Word();
      fast.reset();
      for (int i = 0; i < word.length(); i++) {
        ref.add(word.charAt(i), 10 + i);
        fast.add(word.charAt(i), 10 + i);
      }
      assertThat(WordFolds.telex(fast)).as(word).isEqualTo(WordFolds.telexReference(ref));
      assertThat(fast.str()).as(word).isEqualTo(ref.str());
      assertThat(java.util.Arrays.copyOf(fast.u, fast.n)).as(word).isEqualTo(java.util.Arrays.copyOf(ref.u, ref.n));
    }
  }

  @Test
  void aWordCalledUnchangedIsLeftAloneByEveryFold() {
    Random rnd = new Random(5);
    String alphabet = "aaeeooddzfwpjkhrxsuiyngctbmlqv";
    int unchanged = 0;
    for (int round = 0; round < 300_000; round++) {
      int len = 1 + rnd.nextInt(10);
      char[] c = new char[len + 2];
      for (int i = 0; i < c.length; i++) {
        c[i] = alphabet.charAt(rnd.nextInt(alphabet.length()));
      }
      boolean diacritics = rnd.nextBoolean();
      if (!WordFolds.unchanged(c, 1, 1 + len, diacritics)) {
        continue;
      }
      unchanged++;
      WordFolds.Word w = new WordFolds.Word();
      for (int i = 1; i <= len; i++) {
        w.add(c[i], i);
      }
      WordFolds.collapseRuns(w);
      if (!diacritics) {
        WordFolds.telex(w);
      }
      WordFolds.teen(w, diacritics);
      String word = new String(c, 1, len);
      assertThat(w.str()).as(word).isEqualTo(word);
      assertThat(len > 4 || !Teencode.teencode().containsKey(word)).as(word).isTrue();
    }
    assertThat(unchanged).isGreaterThan(10_000);
  }
}
