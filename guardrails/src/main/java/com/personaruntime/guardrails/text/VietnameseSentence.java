package com.personaruntime.guardrails.text;

import java.util.Arrays;

/**
 * The screen that tells {@link TextNormalizer} whether a sentence is possibly Vietnamese, so that the Telex keystrokes
 * an English word could also spell ({@link WordFolds#telexLoose}: "nhaan", "vieen", "cacs", "car") are folded in
 * Vietnamese sentences only and English words such as "been", "door", "see" stay whole elsewhere. Evidence for
 * Vietnamese: a letter only Vietnamese uses (ă đ ơ ư ĩ ũ, a tone-marked vowel of U+1EA0-U+1EF9), a word the strict Telex
 * or VNI fold folds, a Vietnamese function word typed without diacritics ("khong", "la", "cua", "minh", "nha" ...);
 * against it: a function word of English, German, French, Spanish, Italian or Portuguese ("the", "is", "les", "und").
 * A sentence is possibly Vietnamese when the evidence for outweighs the evidence against. Words are looked up by
 * their base-27 code in sorted tables: no allocation, linear in the sentence.
 */
final class VietnameseSentence {
  private static final long[] VI = codes("khong ko dc duoc la cua va co cho minh ban toi nhe nha nhi vay gi nao thi roi "
      + "lam nay nhung cac mot voi trong se da dang hay oi shop ak nhieu bao chua nua giup gium dum nhe ne ma vi nen "
      + "sao khi duoc tu gio het moi qua di len ra vao truoc sau lai dau roi day kia vs hok hong hem bn mk mik");
  private static final long[] OTHER = codes("the and you is are to of what how can my your this it for with i me does "
      + "an in on be not that please which will would from at have has was were there they we our any about if or "
      + "now all been but so just when where why who am its their them these those than then very also into "
      + "der die das und ist nicht ich du sie mit auf fur wie ein eine zu den dem des sich bitte was wir ihr mein "
      + "dein auch oder aber alle jetzt sind bin hast kannst nach kann gibt wo warum wann "
      + "le les et est je tu vous pas des une un pour que qui avec sur dans mon ton votre ce cette il elle nous sont "
      + "suis ai au aux du ne plus tout tous "
      + "el los las y es que para con por una no mi como cual donde esta estoy eres soy del al muy pero todo "
      + "il lo gli di che per non sono sei mio tuo questo questa della ora tutto os as uma um nao voce meu seu isso");

  private VietnameseSentence() {
  }

  private static long[] codes(String words) {
    return Arrays.stream(words.split(" ")).filter(w -> !w.isEmpty()).mapToLong(w -> code(w.toCharArray(), 0, w.length()))
        .filter(k -> k > 0).sorted().distinct().toArray();
  }

  /** Base-27 code of c[s, e) when it is 1-12 letters a-z, else -1. */
  static long code(char[] c, int s, int e) {
    return code(c, s, e, 12);
  }

  /**
   * Base-27 code of c[s, e) when it is 1 to {@code maxLength} letters a-z (at most 13, which fits a long), else -1:
   * the key of a word in the open-addressing word tables here and in {@link TextNormalizer}.
   */
  static long code(char[] c, int s, int e, int maxLength) {
    if (e - s < 1 || e - s > maxLength) {
      return -1;
    }
    long k = 0;
    for (int i = s; i < e; i++) {
      char x = c[i];
      if (x < 'a' || x > 'z') {
        return -1;
      }
      k = k * 27 + (x - 'a' + 1);
    }
    return k;
  }

  /**
   * {@link #VI} and {@link #OTHER} in one open-addressing table on the code (0 = empty: no code is 0), the class of each
   * key alongside (+1, or -1 for a word in OTHER only: a word in both is Vietnamese, as the two lookups had it).
   */
  private static final long[] TABLE_KEYS;
  private static final byte[] TABLE_CLASS;

  static {
    int cap = Integer.highestOneBit((VI.length + OTHER.length) * 4 - 1) << 1;
    TABLE_KEYS = new long[cap];
    TABLE_CLASS = new byte[cap];
    for (long k : OTHER) {
      put(k, (byte) -1);
    }
    for (long k : VI) {
      put(k, (byte) 1);
    }
  }

  private static void put(long k, byte cls) {
    int i = slot(k);
    while (TABLE_KEYS[i] != 0 && TABLE_KEYS[i] != k) {
      i = (i + 1) & (TABLE_KEYS.length - 1);
    }
    TABLE_KEYS[i] = k;
    TABLE_CLASS[i] = cls;
  }

  private static int slot(long k) {
    return (int) ((k * 0x9E3779B97F4A7C15L) >>> 40) & (TABLE_KEYS.length - 1);
  }

  /** +1 when folded chars c[s, e) are a Vietnamese function word, -1 when a function word of another language, else 0. */
  static int functionWord(char[] c, int s, int e) {
    long k = code(c, s, e);
    if (k <= 0) {
      return 0;
    }
    long[] t = TABLE_KEYS;
    for (int i = slot(k); ; i = (i + 1) & (t.length - 1)) {
      long x = t[i];
      if (x == k) {
        return TABLE_CLASS[i];
      }
      if (x == 0) {
        return 0;
      }
    }
  }

  /** The two sorted-table lookups {@link #functionWord} replaces (FastPathEquivalenceTest compares them). */
  static int functionWordBySearch(char[] c, int s, int e) {
    long k = code(c, s, e);
    if (k <= 0) {
      return 0;
    }
    if (Arrays.binarySearch(VI, k) >= 0) {
      return 1;
    }
    return Arrays.binarySearch(OTHER, k) >= 0 ? -1 : 0;
  }

  /** True for an original char only Vietnamese writes among Latin scripts: ă đ ơ ư ĩ ũ or a tone-marked vowel. */
  static boolean vietnameseLetter(char c) {
    if (c >= 0x1EA0 && c <= 0x1EF9) {
      return true;
    }
    switch (c) {
      case 'ă': case 'Ă': case 'đ': case 'Đ': case 'ơ': case 'Ơ': case 'ư': case 'Ư': case 'ĩ': case 'Ĩ': case 'ũ': case 'Ũ':
        return true;
      default:
        return false;
    }
  }
}
