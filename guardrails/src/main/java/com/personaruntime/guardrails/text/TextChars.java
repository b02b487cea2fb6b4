package com.personaruntime.guardrails.text;

/**
 * Helpers for scanners that read the ORIGINAL text character by character (PII, links): the text's
 * chars copied into a reused per-thread array (indexing a {@code char[]} costs less than
 * {@link String#charAt} on a non-Latin-1 string, which checks the coder and the bounds on every
 * call), and a table for {@link Character#isLetterOrDigit(char)} on ASCII.
 */
public final class TextChars {
  /** Slots of {@link #of}: one per scanner, so scanners never share an array. */
  public static final int LINKS = 0;
  public static final int PII_NUMBERS = 1;
  public static final int PII_DISGUISED = 2;
  public static final int PII_SPELLED = 3;
  public static final int LEXICON = 4;
  public static final int PII_HANDLES = 5;
  /** The slot {@link ScanText#of} screens its text through. */
  static final int SCAN = 6;
  /** The slot {@link #foldWidth} reads its input through. */
  private static final int WIDTH = 7;
  private static final int SLOTS = 8;
  private static final int KEEP_CHARS = 8192;
  private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);
  private static final boolean[] ASCII_LETTER_OR_DIGIT = new boolean[128];
  /** {@link Character#isLetterOrDigit(char)} of every BMP char, one bit each (8 KB). */
  private static final long[] LETTER_OR_DIGIT = new long[0x10000 / 64];
  /** {@link Character#isLetter(char)} of every BMP char, one bit each (8 KB). */
  private static final long[] LETTER = new long[0x10000 / 64];

  static {
    for (char c = 0; c < 128; c++) {
      ASCII_LETTER_OR_DIGIT[c] = Character.isLetterOrDigit(c);
    }
    for (int c = 0; c < 0x10000; c++) {
      if (Character.isLetterOrDigit((char) c)) {
        LETTER_OR_DIGIT[c >>> 6] |= 1L << c;
      }
      if (Character.isLetter((char) c)) {
        LETTER[c >>> 6] |= 1L << c;
      }
    }
  }

  private TextChars() {
  }

  /** One thread's arrays: one per slot, and the pinned text's copy ({@link #pin}). */
  private static final class Buffers {
    final char[][] slots = new char[SLOTS][0];
    /** The text whose chars {@link #pinnedChars} holds, or null. */
    String pinned;
    char[] pinnedChars = new char[0];
  }

  /**
   * Copies {@code s} once for the whole check that is about to read it: until {@link #unpin}, every
   * {@link #of} of this very String instance on this thread (any slot) and {@link #pinned} return that one
   * copy instead of copying the text again (a check's scanners read the same text, each through its own
   * slot: the normaliser, the lexicon rail's walks, the PII and link scanners). Nobody writes into these
   * arrays, so sharing one is safe; a String is immutable, so identity means the same chars.
   *
   * @return true when {@code s} was pinned (false when another text is pinned: nested checks copy as before)
   */
  public static boolean pin(String s) {
    Buffers b = BUFFERS.get();
    if (b.pinned != null) {
      return false;
    }
    int n = s.length();
    char[] a = b.pinnedChars;
    if (a.length < n) {
      a = new char[n];
      b.pinnedChars = a;
    }
    s.getChars(0, n, a, 0);
    b.pinned = s;
    return true;
  }

  /** Ends the pin of {@link #pin} (call it only when that returned true); a copy of a long text is let go. */
  public static void unpin() {
    Buffers b = BUFFERS.get();
    b.pinned = null;
    if (b.pinnedChars.length > KEEP_CHARS) {
      b.pinnedChars = new char[0];
    }
  }

  /** @return the pinned copy of {@code s} ({@link #pin}), or null when {@code s} is not the pinned text */
  public static char[] pinned(CharSequence s) {
    Buffers b = BUFFERS.get();
    return b.pinned == s && s != null ? b.pinnedChars : null;
  }

  /**
   * @return the chars of {@code s} (at indexes 0 .. length-1) in this thread's array of {@code slot},
   *     valid until the same slot is asked for again on this thread; a text longer than 8,192 chars
   *     gets a fresh array; the pinned text ({@link #pin}) is not copied again. Read only: callers never write into it
   */
  public static char[] of(String s, int slot) {
    int n = s.length();
    Buffers buffers = BUFFERS.get();
    if (buffers.pinned == s) {
      return buffers.pinnedChars; // the check's one copy (pin)
    }
    char[][] bufs = buffers.slots;
    char[] b = bufs[slot];
    if (b.length < n) {
      b = new char[n];
      if (n <= KEEP_CHARS) {
        bufs[slot] = b;
      }
    }
    s.getChars(0, n, b, 0);
    return b;
  }

  /**
   * Fullwidth forms folded to ASCII, one char for one ("０９１２" -> "0912", "ｇｌｏｗ．ｂｅａｕｔｙ" ->
   * "glow.beauty", "＠" -> "@", the ideographic full stop "。" -> "."), circled digits ("①" -> "1") and
   * mathematical digits ("𝟗": its high surrogate becomes a zero-width space), so the original-text scanners
   * (PII, links) read them as what they show while every offset stays valid.
   *
   * @return {@code s} itself when it holds none
   */
  public static String foldWidth(String s) {
    int n = s.length();
    // the chars are read from a copy (String.charAt on a non-Latin-1 string checks coder and bounds
    // per call); every char this folds is at or above U+2460, which most text never reaches
    char[] a = of(s, WIDTH);
    int i = 0;
    while (i < n) {
      char c = a[i];
      if (c >= '\u2460' && ((c >= '\uFF01' && c <= '\uFF5E') || c == '\u3002' || c <= '\u2468' || c == '\u24EA'
          || (c == '\uD835' && i + 1 < n && a[i + 1] >= '\uDFCE'))) {
        break;
      }
      i++;
    }
    if (i == n) {
      return s;
    }
    char[] out = s.toCharArray();
    for (; i < n; i++) {
      char c = out[i];
      if (c >= '\uFF01' && c <= '\uFF5E') {
        out[i] = (char) (c - 0xFEE0);
      } else if (c == '\u3002') {
        out[i] = '.';
      } else if (c >= '\u2460' && c <= '\u2468') {
        out[i] = (char) ('1' + (c - 0x2460)); // circled digits ①..⑨
      } else if (c == '\u24EA') {
        out[i] = '0'; // ⓪
      } else if (c == '\uD835' && i + 1 < n && out[i + 1] >= '\uDFCE') {
        // mathematical digits 𝟎..𝟿 (U+1D7CE..U+1D7FF, five styles of ten): the high surrogate reads
        // as a zero-width space (a joiner of digit groups), the low one as the digit
        out[i] = '\u200B';
        out[i + 1] = (char) ('0' + (out[i + 1] - 0xDFCE) % 10);
        i++;
      }
    }
    return new String(out);
  }

  /** @return exactly {@link Character#isLetter(char)}, by table (a bit per BMP char) */
  public static boolean letter(char c) {
    return (LETTER[c >>> 6] & (1L << c)) != 0;
  }

  /** @return exactly {@link Character#isLetterOrDigit(char)}, by table (a bit per BMP char) */
  public static boolean letterOrDigit(char c) {
    return c < 128 ? ASCII_LETTER_OR_DIGIT[c] : (LETTER_OR_DIGIT[c >>> 6] & (1L << c)) != 0;
  }
}
