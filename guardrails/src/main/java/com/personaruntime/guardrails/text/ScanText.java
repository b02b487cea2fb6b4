package com.personaruntime.guardrails.text;

import java.text.Normalizer;

/**
 * What the original-text scanners (PII, links) read: the original text with the disguises of
 * contact data and links undone, and a map from every char of this view back to the original
 * span it came from, so findings keep original offsets.
 *
 * <p>Folded one char for one char:
 * <ul>
 *   <li>fullwidth forms ("０９１２", "ｇｍａｉｌ．ｃｏｍ", "＠"), the ideographic and small full stops ("。",
 *       "｡", "﹒", "․");</li>
 *   <li>every Unicode decimal digit (category Nd: Arabic-Indic "٠٩١٢", Devanagari "०९१२", Thai, Bengali ...,
 *       and the mathematical digits "𝟗"), superscript and subscript digits ("⁰⁹¹²", "₀₉₁₂"), circled and
 *       parenthesised digits and letters ("①", "⓪", "ⓜ", "Ⓜ", "⒨"), mathematical and enclosed letters
 *       ("𝐦", "🅜");</li>
 *   <li>Cyrillic and Greek letters that look exactly like Latin ones ("о", "с", "а", "ο"), only inside a
 *       token (a run of non-space chars) that also holds an ASCII letter ("milо@gmаil.соm", "cupful.сom"),
 *       so Russian or Greek words stay what they are;</li>
 *   <li>a middle dot or a dot operator between two letters or digits ("cupful·com").</li>
 * </ul>
 * Dropped or decoded (the view is then shorter than the original):
 * <ul>
 *   <li>invisible chars (zero-width space/joiners, word joiner, BOM, soft hyphen, invisible operators)
 *       except between two digits, where the number scanner reads them as a group joiner;</li>
 *   <li>HTML character references ("&amp;#64;", "&amp;#x40;", "&amp;commat;", "&amp;#46;", "&amp;period;"), the
 *       decoded char folded as above;</li>
 *   <li>percent-escapes of '@' and '.' ("%40", "%2e") between two letters or digits.</li>
 * </ul>
 * Linear: one pass to screen, one to fold, each token read twice at most. A text with none of these
 * is its own view ({@link #text} is the same String; no map).
 */
public final class ScanText {
  /** The folded text the scanners read. */
  public final String text;
  /** Original start of view char k (length view+1: the last entry is the original length); null when identical. */
  private final int[] start;
  /** Original end (exclusive) of view char k; null when identical. */
  private final int[] end;
  /** View offsets (ascending) where a look-alike letter of another script was folded; null when none. */
  private final int[] lookalikes;

  private ScanText(String text, int[] start, int[] end, int[] lookalikes) {
    this.text = text;
    this.start = start;
    this.end = end;
    this.lookalikes = lookalikes;
  }

  /** One char for one char (0: none); tokens' homoglyphs and middle dots are conditional, see {@link #COND}. */
  private static final char[] MAP = new char[0x10000];
  /** Chars folded only in context: 1 = homoglyph (token with an ASCII letter), 2 = middle dot (between alnum). */
  private static final byte[] COND = new byte[0x10000];
  /** Chars that make the slow path necessary (bit per BMP char). */
  private static final long[] SPECIAL = new long[0x10000 / 64];

  static {
    for (int c = 0xFF01; c <= 0xFF5E; c++) {
      MAP[c] = (char) (c - 0xFEE0);
    }
    MAP['\u3002'] = '.';
    MAP['\uFF61'] = '.';
    MAP['\uFE52'] = '.';
    MAP['\u2024'] = '.';
    MAP['\uFE6B'] = '@';
    for (int c = 0x80; c < 0x10000; c++) {
      if (Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER) {
        MAP[c] = (char) ('0' + Character.digit(c, 10));
      }
    }
    String sup = "\u2070\u00B9\u00B2\u00B3\u2074\u2075\u2076\u2077\u2078\u2079";
    for (int d = 0; d < 10; d++) {
      MAP[sup.charAt(d)] = (char) ('0' + d);
      MAP[0x2080 + d] = (char) ('0' + d);
    }
    for (int d = 0; d < 9; d++) {
      MAP[0x2460 + d] = (char) ('1' + d); // ①..⑨
      MAP[0x2474 + d] = (char) ('1' + d); // ⑴..⑼
      MAP[0x2776 + d] = (char) ('1' + d); // ❶..❾
      MAP[0x2780 + d] = (char) ('1' + d); // ➀..➈
      MAP[0x278A + d] = (char) ('1' + d); // ➊..➒
    }
    MAP['\u24EA'] = '0';
    MAP['\u24FF'] = '0';
    for (int k = 0; k < 26; k++) {
      MAP[0x24B6 + k] = (char) ('A' + k); // Ⓐ..Ⓩ
      MAP[0x24D0 + k] = (char) ('a' + k); // ⓐ..ⓩ
      MAP[0x249C + k] = (char) ('a' + k); // ⒜..⒵
    }
    String homoglyphs = "аaеeоoрpсcуyхxіiјjѕsһhԁdԛqԝwӏlАAВBЕEКKМMНHОOРPСCТTХXУYІIЈJЅSԌG"
        + "οoαaνvικkρpυuΟOΑAΒBΕEΖZΗHΙIΚKΜMΝNΡPΤTΥYΧXɡgɑaıi";
    for (int k = 0; k + 1 < homoglyphs.length(); k += 2) {
      MAP[homoglyphs.charAt(k)] = homoglyphs.charAt(k + 1);
      COND[homoglyphs.charAt(k)] = 1;
    }
    for (char c : new char[] {'\u00B7', '\u2027', '\u2219', '\u22C5', '\u2E31', '\u30FB', '\uFF65', '\u0387'}) {
      MAP[c] = '.';
      COND[c] = 2;
    }
    for (int c = 0x80; c < 0x10000; c++) {
      if (MAP[c] != 0 || invisible((char) c) || Character.isSurrogate((char) c)) {
        SPECIAL[c >>> 6] |= 1L << c;
      }
    }
    SPECIAL['&' >>> 6] |= 1L << '&';
    SPECIAL['%' >>> 6] |= 1L << '%';
  }

  /** Zero-width and invisible chars typed inside a word to break filters. */
  static boolean invisible(char c) {
    return c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u2060' || c == '\u2061' || c == '\u2062'
        || c == '\u2063' || c == '\u2064' || c == '\uFEFF' || c == '\u00AD' || c == '\u180E' || c == '\u034F';
  }

  private static boolean special(char c) {
    return (SPECIAL[c >>> 6] & (1L << c)) != 0;
  }

  /** @return the view of {@code s}; {@code s} itself (no map) when nothing in it folds */
  public static ScanText of(String s) {
    int n = s.length();
    int i = 0;
    // the first char that folds: a '%' or '&' that decodes nothing ("15%", "A&B") and an emoji are
    // passed over here, so such common texts keep the identity view (no copy, no map); the screen reads
    // a char copy (String.charAt on a UTF-16 text checks coder and bounds per char)
    char[] a = TextChars.of(s, TextChars.SCAN);
    for (; i < n; i++) {
      char c = a[i];
      if (!special(c)) {
        continue;
      }
      if (c == '&' && reference(s, i) == null) {
        continue;
      }
      if (c == '%' && !(i + 2 < n && (s.charAt(i + 1) == '4' && s.charAt(i + 2) == '0'
          || s.charAt(i + 1) == '2' && (s.charAt(i + 2) | 0x20) == 'e'))) {
        continue;
      }
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))
          && supplementary(Character.toCodePoint(c, s.charAt(i + 1))) == 0) {
        i++;
        continue;
      }
      break;
    }
    if (i == n) {
      return new ScanText(s, null, null, null);
    }
    StringBuilder out = new StringBuilder(n);
    int[] st = new int[n + 1];
    int[] en = new int[n + 1];
    out.append(s, 0, i);
    for (int k = 0; k < i; k++) {
      st[k] = k;
      en[k] = k + 1;
    }
    // the token (run of non-whitespace chars) around i: does it hold an ASCII letter?
    int tokenEnd = -1;
    int[] looks = null;
    int nLooks = 0;
    boolean tokenAscii = false;
    while (i < n) {
      char c = s.charAt(i);
      if (i >= tokenEnd) {
        int ts = i;
        while (ts > 0 && !Character.isWhitespace(s.charAt(ts - 1)) && i - ts < 64) {
          ts--;
        }
        int te = i;
        tokenAscii = false;
        while (te < n && !Character.isWhitespace(s.charAt(te))) {
          tokenAscii |= asciiLetter(s.charAt(te));
          te++;
        }
        for (int k = ts; k < i && !tokenAscii; k++) {
          tokenAscii = asciiLetter(s.charAt(k));
        }
        tokenEnd = Math.max(te, i + 1);
      }
      if (!special(c)) {
        put(out, st, en, c, i, i + 1);
        i++;
        continue;
      }
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        char f = supplementary(Character.toCodePoint(c, s.charAt(i + 1)));
        if (f != 0) {
          put(out, st, en, f, i, i + 2);
        } else {
          put(out, st, en, c, i, i + 1);
          put(out, st, en, s.charAt(i + 1), i + 1, i + 2);
        }
        i += 2;
        continue;
      }
      if (c == '&') {
        int[] ref = reference(s, i);
        if (ref != null) {
          char f = (char) ref[0];
          if (f < 0x80 || !invisible(f)) {
            char g = f >= 0x80 && MAP[f] != 0 && COND[f] == 0 ? MAP[f] : f;
            put(out, st, en, g, i, ref[1]);
          }
          i = ref[1];
          continue;
        }
        put(out, st, en, c, i, i + 1);
        i++;
        continue;
      }
      if (c == '%') {
        char f = percent(s, i, out);
        if (f != 0) {
          put(out, st, en, f, i, i + 3);
          i += 3;
          continue;
        }
        put(out, st, en, c, i, i + 1);
        i++;
        continue;
      }
      if (invisible(c)) {
        int o = out.length();
        boolean digitBefore = o > 0 && out.charAt(o - 1) >= '0' && out.charAt(o - 1) <= '9';
        char next = i + 1 < n ? s.charAt(i + 1) : ' ';
        boolean digitAfter = (next >= '0' && next <= '9') || (next >= 0x80 && MAP[next] >= '0' && MAP[next] <= '9');
        if (digitBefore && digitAfter) {
          put(out, st, en, c, i, i + 1); // "0912\u200B345\u200B678": the number scanner joins the groups
        } else if (o > 0) {
          en[o - 1] = i + 1; // dropped: the char before now ends after it
        }
        i++;
        continue;
      }
      char f = MAP[c];
      if (f != 0 && COND[c] == 1 && !tokenAscii) {
        f = 0;
      } else if (f != 0 && COND[c] == 1) {
        if (looks == null) {
          looks = new int[8];
        } else if (nLooks == looks.length) {
          looks = java.util.Arrays.copyOf(looks, nLooks * 2);
        }
        looks[nLooks++] = out.length();
      } else if (f != 0 && COND[c] == 2) {
        boolean alnumBefore = i > 0 && TextChars.letterOrDigit(s.charAt(i - 1));
        boolean alnumAfter = i + 1 < n && TextChars.letterOrDigit(s.charAt(i + 1));
        if (!alnumBefore || !alnumAfter) {
          f = 0;
        }
      }
      put(out, st, en, f != 0 ? f : c, i, i + 1);
      i++;
    }
    int m = out.length();
    st[m] = n;
    return new ScanText(out.toString(), st, en, looks == null ? null : java.util.Arrays.copyOf(looks, nLooks));
  }

  private static boolean asciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static void put(StringBuilder out, int[] st, int[] en, char c, int from, int to) {
    int k = out.length();
    out.append(c);
    st[k] = from;
    en[k] = to;
  }

  /** The ASCII char a supplementary code point shows (a mathematical or enclosed letter or digit), or 0. */
  private static char supplementary(int cp) {
    if (Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) {
      return (char) ('0' + Character.digit(cp, 10));
    }
    if (cp >= 0x1F150 && cp <= 0x1F169) {
      return (char) ('A' + cp - 0x1F150); // negative circled 🅐
    }
    if (cp >= 0x1F170 && cp <= 0x1F189) {
      return (char) ('A' + cp - 0x1F170); // negative squared 🅰
    }
    if ((cp >= 0x1D400 && cp <= 0x1D6A5) || (cp >= 0x1F100 && cp <= 0x1F14F)) {
      String f = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
      char c = f.isEmpty() ? 0 : f.charAt(f.length() == 1 ? 0 : 1);
      if (f.length() == 1 && TextChars.letterOrDigit(c) && c < 0x80) {
        return c;
      }
      if (f.length() == 3 && f.charAt(0) == '(' && f.charAt(2) == ')' && c < 0x80 && TextChars.letterOrDigit(c)) {
        return c; // 🄐 "(A)"
      }
    }
    return 0;
  }

  /**
   * An HTML character reference at i ("&#64;", "&#x40;", "&commat;", "&period;"; the ';' may be left out
   * after a numeric one): {char, end}, or null. Reads at most 10 chars.
   */
  private static int[] reference(String s, int i) {
    int n = s.length();
    if (i + 2 < n && s.charAt(i + 1) == '#') {
      boolean hex = s.charAt(i + 2) == 'x' || s.charAt(i + 2) == 'X';
      int k = i + (hex ? 3 : 2);
      int v = 0;
      int digits = 0;
      while (k < n && digits < 7) {
        int d = Character.digit(s.charAt(k), hex ? 16 : 10);
        if (d < 0 || s.charAt(k) >= 0x80) {
          break;
        }
        v = v * (hex ? 16 : 10) + d;
        digits++;
        k++;
      }
      if (digits == 0 || v <= 0 || v > 0xFFFF || Character.isSurrogate((char) v)) {
        return null;
      }
      if (k < n && s.charAt(k) == ';') {
        k++;
      }
      return new int[] {v, k};
    }
    for (String[] named : NAMED) {
      if (s.startsWith(named[0], i + 1)) {
        return new int[] {named[1].charAt(0), i + 1 + named[0].length()};
      }
    }
    return null;
  }

  private static final String[][] NAMED = {{"commat;", "@"}, {"period;", "."}, {"nbsp;", "\u00A0"}};

  /** '@' or '.' for "%40" / "%2e" at i between a letter or digit (already in {@code out}) and another; else 0. */
  private static char percent(String s, int i, StringBuilder out) {
    int n = s.length();
    if (i + 3 >= n || out.length() == 0 || !TextChars.letterOrDigit(out.charAt(out.length() - 1))
        || !TextChars.letterOrDigit(s.charAt(i + 3))) {
      return 0;
    }
    char a = s.charAt(i + 1);
    char b = s.charAt(i + 2);
    if (a == '4' && b == '0') {
      return '@';
    }
    if (a == '2' && (b == 'e' || b == 'E')) {
      return '.';
    }
    return 0;
  }

  /** @return the original offset where view char {@code k} starts ({@code k} may be the view's length) */
  public int origStart(int k) {
    return start == null ? k : start[k];
  }

  /** @return the original offset (exclusive) where a view span ending (exclusive) at {@code k} ends */
  public int origEnd(int k) {
    return end == null || k == 0 ? k : end[k - 1];
  }

  /**
   * @return true when a letter of view span [s, e) is a look-alike of another script folded to Latin
   *     ("lumiеre.example" with a Cyrillic е): such a span may be read as what it shows, never trusted
   *     as the allowed name it imitates
   */
  public boolean lookalikeIn(int s, int e) {
    if (lookalikes == null) {
      return false;
    }
    int k = java.util.Arrays.binarySearch(lookalikes, s);
    if (k >= 0) {
      return true;
    }
    k = -k - 1;
    return k < lookalikes.length && lookalikes[k] < e;
  }

  /** @return true when some letter of the view is a folded look-alike of another script */
  public boolean hasLookalikes() {
    return lookalikes != null;
  }

  /** @return true when the view is the original text itself (offsets equal) */
  public boolean identity() {
    return start == null;
  }
}
