package com.personaruntime.guardrails.text;

/**
 * Symbols typed for letters inside a word: {@code ¢ure}, {@code (ure}, {@code ©ures} (c),
 * {@code €czema} (e), {@code cu®e} (r), {@code $kin} (s), {@code hea|s}, {@code cl!n!cally},
 * {@code c1inically} (l or i), {@code +reats} (t), {@code @cne} (a), {@code c|_|res} (u), with the
 * digits of leetspeak (0 3 4 5 7 8 9) in the same word. A token — letters, digits and such symbols
 * glued together, no space — is folded only when the letters it spells are a known word: a word of
 * the English list ({@code words/en.txt}) or of the shipped English lexicons ({@code words/terms.txt}).
 * So "(see below)", "C++", "$20", "R&amp;D", "10am", "H1N1", "v1.2" and e-mail addresses stay as
 * they are.
 *
 * <p>Punctuation that only happens to touch a word is no letter: a symbol at the edge of a token
 * that is also punctuation or a digit ({@code ( | ! + @}, digits) folds only when the token without
 * it is no word ("(ash" stays "ash", "(ures" becomes "cures"); {@code ( ! + @ ® ©} and a few others
 * never fold at the end of a token ("cure!", "C++", "Lumière®"). Tokens of 4-24 letters with at most
 * four ambiguous symbols (l or i): at most 16 look-ups of a 64-bit hash each, so the work is linear
 * in the text and allocation-free.
 *
 * <p>The normaliser calls {@link #fold} only for tokens that hold a symbol glued to a letter (it
 * notes them while reading the text); words without such symbols never reach this class.
 */
public final class SymbolLetters {
  /** Longest token folded (chars). */
  static final int MAX_TOKEN = 24;
  /** Most ambiguous symbols (| ! 1: l or i) in one token. */
  private static final int MAX_AMBIGUOUS = 4;

  static final String TERMS_RESOURCE = "/com/personaruntime/guardrails/text/words/terms.txt";

  /** Per char below 0x2100: its letter (0 = none). */
  private static final char[] PRIMARY = new char[0x2100];
  /** Per char below 0x2100: the other letter it may stand for (0 = none). */
  private static final char[] ALT = new char[0x2100];
  /** Symbols that are also punctuation or digits: at a token's edge they fold only when the token without them is no word. */
  private static final boolean[] EDGE_CHECK = new boolean[0x2100];
  /** Symbols that never fold at the end of a token (punctuation and trade marks). */
  private static final boolean[] NEVER_LAST = new boolean[0x2100];

  static {
    String map = "(c\u00a2c\u00a9c\u20ace\u00aer$s\u00a7s+t@a\u00a3l\u00a5y|l!i1l0o3e4a5s7t8b9g";
    for (int i = 0; i < map.length(); i += 2) {
      PRIMARY[map.charAt(i)] = map.charAt(i + 1);
    }
    ALT['|'] = 'i';
    ALT['!'] = 'l';
    ALT['1'] = 'i';
    for (char c : "(|!+@0123456789".toCharArray()) {
      EDGE_CHECK[c] = true;
    }
    for (char c : "(!+@\u00ae\u00a9\u00a3\u00a5\u00a7".toCharArray()) {
      NEVER_LAST[c] = true;
    }
  }

  private SymbolLetters() {
  }

  private static final class Dict {
    static final long[] TERMS = HashtagSegmenter.load(TERMS_RESOURCE, 1 << 10);
  }

  /** True when {@code c} is a symbol (not a digit or letter) that may stand for a letter. */
  static boolean symbol(char c) {
    return c < PRIMARY.length && PRIMARY[c] != 0 && (c < '0' || c > '9');
  }

  /** True when {@code c[s, e)} (a-z) is a known word: the English list or the lexicons' own words. */
  public static boolean knownWord(char[] c, int s, int e) {
    return HashtagSegmenter.englishWord(c, s, e) || HashtagSegmenter.contains(Dict.TERMS, c, s, e);
  }

  /** Working arrays of one token. */
  static final class Buf {
    final char[] c = new char[MAX_TOKEN + 1];
    final char[] alt = new char[MAX_TOKEN + 1];
    final char[] pri = new char[MAX_TOKEN + 1];
    final int[] unit = new int[MAX_TOKEN + 1];
    final boolean[] merged = new boolean[MAX_TOKEN + 1];
    final int[] amb = new int[MAX_AMBIGUOUS];
  }

  /**
   * Folds the token of units [ts, te) in place when its letters and symbols spell a known word:
   * every unit of it becomes a letter unit ({@code uk = letter}); the second bar of "|_|" becomes
   * {@code removed} (its first bar covers all three chars). Returns whether a unit was removed.
   */
  static boolean fold(char[] in, char[] uc, byte[] uk, int[] us, int[] ue, int ts, int te, byte letter, byte removed,
      Buf b) {
    while (te > ts && uk[te - 1] != letter && uc[te - 1] < NEVER_LAST.length && NEVER_LAST[uc[te - 1]]) {
      te--;
    }
    if (te - ts < 4 || te - ts > MAX_TOKEN + 2) {
      return false;
    }
    int n = 0;
    int letters = 0;
    int namb = 0;
    int firstLetter = -1;
    int lastLetter = -1;
    for (int k = ts; k < te; ) {
      char c = uc[k];
      if (n == MAX_TOKEN) {
        return false;
      }
      b.unit[n] = k;
      b.merged[n] = false;
      if (uk[k] == letter) {
        if (c < 'a' || c > 'z') {
          return false; // a letter without an a-z fold (another script): no English word
        }
        b.c[n] = c;
        b.alt[n] = 0;
        if (firstLetter < 0) {
          firstLetter = n;
        }
        lastLetter = n;
        letters++;
        n++;
        k++;
        continue;
      }
      if (c == '|' && k + 1 < te && uc[k + 1] == '|' && uk[k + 1] != letter && us[k + 1] == ue[k] + 1 && in[ue[k]] == '_') {
        b.c[n] = 'u'; // "c|_|res"
        b.alt[n] = 0;
        b.merged[n] = true;
        n++;
        k += 2;
        continue;
      }
      char p = c < PRIMARY.length ? PRIMARY[c] : 0;
      if (p == 0) {
        return false; // "2", "6", another symbol: not a word typed with symbols
      }
      b.c[n] = p;
      b.pri[n] = p;
      b.alt[n] = ALT[c];
      if (ALT[c] != 0) {
        if (namb == MAX_AMBIGUOUS) {
          return false;
        }
        b.amb[namb++] = n;
      }
      n++;
      k++;
    }
    int digits = 0;
    for (int q = 0; q < n; q++) {
      char orig = uc[b.unit[q]];
      digits += orig >= '0' && orig <= '9' ? 1 : 0;
    }
    // two letters, or one and a digit typed for one ("l0$$" is "loss")
    if (letters < 1 || letters + digits < 2 || n < 4 || n == letters) {
      return false;
    }
    // a symbol at an edge that is also punctuation or a digit: only when the token without it is no word
    boolean edgeCheck = false;
    for (int q = 0; q < n && !edgeCheck; q++) {
      if (q < firstLetter || q > lastLetter) {
        char orig = uc[b.unit[q]];
        edgeCheck = !b.merged[q] && orig < EDGE_CHECK.length && EDGE_CHECK[orig];
      }
    }
    if (edgeCheck && lastLetter - firstLetter + 1 >= 2 && anyVariant(b, firstLetter, lastLetter + 1, namb)) {
      return false;
    }
    if (!anyVariant(b, 0, n, namb)) {
      return false;
    }
    boolean anyRemoved = false;
    for (int q = 0; q < n; q++) {
      int k = b.unit[q];
      uc[k] = b.c[q];
      uk[k] = letter;
      if (b.merged[q]) {
        ue[k] = ue[k + 1];
        uk[k + 1] = removed;
        anyRemoved = true;
      }
    }
    return anyRemoved;
  }

  /**
   * True when b.c[from, to), with each ambiguous position inside it set to either of its letters,
   * is a known word; b.c then holds that word (ambiguous positions outside the range are left alone).
   */
  private static boolean anyVariant(Buf b, int from, int to, int namb) {
    int mask = 0;
    for (int j = 0; j < namb; j++) {
      if (b.amb[j] >= from && b.amb[j] < to) {
        mask |= 1 << j;
      }
    }
    // enumerate the subsets of the ambiguous positions in range: at most 2^4 look-ups
    int sub = 0;
    do {
      for (int j = 0; j < namb; j++) {
        if ((mask & (1 << j)) != 0) {
          int q = b.amb[j];
          b.c[q] = (sub & (1 << j)) != 0 ? b.alt[q] : b.pri[q];
        }
      }
      if (knownWord(b.c, from, to)) {
        return true;
      }
      sub = (sub - mask) & mask;
    } while (sub != 0);
    return false;
  }

  /** Loads the word lists now (once per JVM). */
  public static void preload() {
    knownWord(new char[] {'a'}, 0, 1);
  }
}
