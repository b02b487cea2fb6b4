package com.personaruntime.guardrails.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Splits a hashtag typed in lower case without separators into words: {@code #lowerscholesterol}
 * -> "lowers cholesterol", {@code #curesacne} -> "cures acne", {@code #giamnguycotieuduong} -> "giam
 * nguy co tieu duong", {@code #trimun} -> "tri mun". A piece is an English word of the shipped word
 * list ({@code words/en.txt}, SCOWL via Debian's wamerican-small/wbritish-small; 3+ letters or a
 * common short word), a Vietnamese syllable typed without diacritics (two or more letters, starting
 * with a consonant or three or more from a vowel, so English fragments such as "un" are not
 * pieces), or a run of digits. The split with the FEWEST pieces wins (then the one with the longest English words: "#votefortrump"
 * is "vote for trump", not "vote fort rump"; then the longest piece first: "#camkethieuqua" is "cam
 * ket hieu qua"), so a hashtag that is one word stays whole
 * ({@code #procurement}, {@code #manicure}) and a compound of real words splits into them rather
 * than into a claim and junk ({@code #securecheckout} is "secure checkout", never "se cure ...").
 * A hashtag with no complete split stays whole.
 *
 * <p>Linear: a dynamic programme over at most {@link #MAX} chars with pieces of at most
 * {@link #MAX_PIECE} chars, each looked up by a 64-bit hash (no allocation).
 */
public final class HashtagSegmenter {
  /** Longest hashtag split (chars); a longer one stays whole. */
  public static final int MAX = 64;
  private static final long VOWEL = 1L << 16;
  private static final long RARE = 1L << 24;
  private static final long PIECE = 1L << 32;
  /** Above any sum of squared English lengths (at most 64 * 24), below {@link #VOWEL}. */
  private static final long SWITCH = 1L << 11;

  /** Longest piece (chars). */
  static final int MAX_PIECE = 24;
  static final String RESOURCE = "/com/personaruntime/guardrails/text/words/en.txt";

  private HashtagSegmenter() {
  }

  static final String VI_RESOURCE = "/com/personaruntime/guardrails/text/words/vi-syllables.txt";

  private static final class Dict {
    static final long[] TABLE = load(RESOURCE, 1 << 17);
    static final long[] VI = load(VI_RESOURCE, 1 << 12);
  }

  static long[] load(String resource, int size) {
    long[] t = new long[size];
    int count = 0;
    InputStream in = HashtagSegmenter.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("missing resource " + resource);
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        String w = line.trim();
        if (w.isEmpty() || w.startsWith("#")) {
          continue;
        }
        char[] c = w.toCharArray();
        long h = hash(c, 0, c.length);
        int i = (int) (h ^ (h >>> 32)) & (t.length - 1);
        while (t[i] != 0 && t[i] != h) {
          i = (i + 1) & (t.length - 1);
        }
        if (t[i] == 0) {
          t[i] = h;
          if (++count > t.length / 2) {
            throw new IllegalStateException(resource + ": more than " + t.length / 2 + " words");
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + resource, e);
    }
    return t;
  }

  /** FNV-1a over chars, never 0 (0 marks an empty slot). */
  private static long hash(char[] c, int s, int e) {
    long h = 0xcbf29ce484222325L;
    for (int i = s; i < e; i++) {
      h ^= c[i];
      h *= 0x100000001b3L;
    }
    return h == 0 ? 1 : h;
  }

  /** True when {@code c[s, e)} (folded a-z) is a Vietnamese syllable of the known list ({@code words/vi-syllables.txt}). */
  static boolean knownSyllable(char[] c, int s, int e) {
    return contains(Dict.VI, c, s, e);
  }

  /** True when {@code c[s, e)} is a word of the English list. */
  static boolean englishWord(char[] c, int s, int e) {
    return contains(Dict.TABLE, c, s, e);
  }

  static boolean contains(long[] t, char[] c, int s, int e) {
    long h = hash(c, s, e);
    int mask = t.length - 1;
    int i = (int) (h ^ (h >>> 32)) & mask;
    while (t[i] != 0) {
      if (t[i] == h) {
        return true;
      }
      i = (i + 1) & mask;
    }
    return false;
  }

  /**
   * True when {@code c[s, e)} (folded a-z and digits) is English words of three letters or more and
   * numbers only (one, or the split {@link #cuts} finds). Used for what is left of a hashtag or handle
   * around a persona's term ("#detoxtuesday", "@glowco_official"); Vietnamese syllables and short words
   * do not count, so "#manicure" ("mani" + "cure") stays whole.
   */
  public static boolean knownRest(char[] c, int s, int e) {
    int n = e - s;
    if (n < 2 || n > MAX) {
      return false;
    }
    char[] w = java.util.Arrays.copyOfRange(c, s, e);
    for (char ch : w) {
      if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))) {
        return false;
      }
    }
    if (englishOrNumber(w, 0, n)) {
      return true;
    }
    int[] cut = cuts(w, n);
    if (cut == null) {
      return false;
    }
    int from = 0;
    for (int k = 0; k <= cut.length; k++) {
      int to = k < cut.length ? cut[k] : n;
      if (!englishOrNumber(w, from, to)) {
        return false;
      }
      from = to;
    }
    return true;
  }

  private static boolean englishOrNumber(char[] w, int s, int e) {
    int kind = piece(w, s, e);
    return kind == OTHER || (kind == ENGLISH && e - s >= 3);
  }

  /** Loads the word list now (once per JVM). */
  public static void preload() {
    englishWord(new char[] {'a'}, 0, 1);
  }

  private static final int ENGLISH = 1;
  private static final int OTHER = 2;
  private static final int SYLLABLE = 3;
  private static final int RARE_SYLLABLE = 4;

  /**
   * 0 when {@code c[s, e)} is no piece, else its kind: {@link #ENGLISH} word, {@link #SYLLABLE} (a
   * Vietnamese syllable of the known list), {@link #RARE_SYLLABLE} (one only the syllable rules allow),
   * {@link #OTHER} (a number).
   */
  private static int piece(char[] c, int s, int e) {
    if (c[s] >= '0' && c[s] <= '9') {
      for (int i = s; i < e; i++) {
        if (c[i] < '0' || c[i] > '9') {
          return 0;
        }
      }
      return OTHER;
    }
    if (englishWord(c, s, e)) {
      return ENGLISH;
    }
    int n = e - s;
    // a Vietnamese syllable: two or more letters from a consonant ("tri", "mun"), three or more from
    // a vowel ("ung", "anh"), so English fragments ("un", "ur") are not pieces
    if (n >= (WordFolds.vowel(c[s]) ? 3 : 2) && n <= 7 && WordFolds.syllable(java.nio.CharBuffer.wrap(c, s, n))) {
      return contains(Dict.VI, c, s, e) ? SYLLABLE : RARE_SYLLABLE;
    }
    return 0;
  }

  /** True when one of two adjacent pieces is an English word and the other a Vietnamese syllable. */
  private static boolean switches(int a, int b) {
    boolean va = a == SYLLABLE || a == RARE_SYLLABLE;
    boolean vb = b == SYLLABLE || b == RARE_SYLLABLE;
    return (a == ENGLISH && vb) || (va && b == ENGLISH);
  }

  /**
   * Cut points (indexes where a new word starts) of {@code c[0, len)}, lower-case letters a-z and
   * digits, or null when it does not split into two or more pieces.
   */
  public static int[] cuts(char[] c, int len) {
    if (len < 4 || len > MAX) {
      return null;
    }
    for (int i = 0; i < len; i++) {
      char ch = c[i];
      if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))) {
        return null;
      }
    }
    char[] w = c.length == len ? c : java.util.Arrays.copyOf(c, len);
    // fewest pieces; then the fewest syllables outside the known list ("sua chua", not "suac hua"); then
    // the fewest starting with a vowel ("co tieu", not "cot ieu"); then the fewest switches between an English
    // word and a Vietnamese syllable ("gia re beo", not "gi are beo"; read against the piece chosen after, so a
    // switch is counted once per cut); then the largest sum of squared
    // lengths of the English words ("for trump", not "fort rump"); then the longest piece first, i.e.
    // maximum matching from the left ("cam ket hieu qua", not "cam ke thieu qua"). One cost per piece,
    // summed: the orders of magnitude keep the criteria apart (at most 64 pieces of 24 chars).
    long[] cost = new long[len + 1];
    int[] next = new int[len + 1];
    int[] kindAt = new int[len + 1];
    java.util.Arrays.fill(cost, Long.MAX_VALUE);
    cost[len] = 0;
    for (int i = len - 1; i >= 0; i--) {
      boolean digit = w[i] >= '0' && w[i] <= '9';
      if (digit && i > 0 && w[i - 1] >= '0' && w[i - 1] <= '9') {
        continue; // a number is one piece: it starts at its first digit
      }
      for (int e = Math.min(len, i + MAX_PIECE); e > i; e--) {
        if (cost[e] == Long.MAX_VALUE) {
          continue;
        }
        if (digit && e < len && w[e] >= '0' && w[e] <= '9') {
          continue; // the whole run of digits
        }
        int kind = piece(w, i, e);
        if (kind == 0) {
          continue;
        }
        long pc = PIECE;
        if (kind == RARE_SYLLABLE) {
          pc += RARE;
        }
        if ((kind == SYLLABLE || kind == RARE_SYLLABLE) && WordFolds.vowel(w[i])) {
          pc += VOWEL;
        }
        if (kind == ENGLISH) {
          pc -= (long) (e - i) * (e - i);
        }
        if (e < len && switches(kind, kindAt[e])) {
          pc += SWITCH;
        }
        long total = cost[e] + pc;
        if (total < cost[i]) {
          cost[i] = total;
          next[i] = e;
          kindAt[i] = kind;
        }
      }
    }
    int pieces = 0;
    if (cost[0] != Long.MAX_VALUE) {
      for (int i = 0; i < len; i = next[i]) {
        pieces++;
      }
    }
    if (pieces < 2) {
      return null;
    }
    int[] out = new int[pieces - 1];
    int k = 0;
    for (int i = next[0]; i < len; i = next[i]) {
      out[k++] = i;
    }
    return out;
  }
}
