package com.personaruntime.guardrails.rails.pii;

import com.personaruntime.guardrails.RuleIds;
import com.personaruntime.guardrails.text.TextChars;
import com.personaruntime.guardrails.text.TextNormalizer;

import java.util.List;
import java.util.Map;

/*
 * Phone numbers in disguise: digits spelled out as words ("không chín một hai ba bốn năm sáu bảy
 * tám", "zero nine one two ..."), or with the letter o typed for zero ("o912 345 678"), alone or
 * mixed with digit groups; l or I for one ("09l2 345 678"). A run of such tokens, separated by spaces, commas, dots or hyphens, that
 * holds at least one spelled or disguised token and whose digits form a phone number (the same test
 * as plain numbers: Vietnamese mobile/landline, +CC...) is reported as pii.phone.
 *
 * Linear: one pass over the tokens; a run is judged once when it ends, and runs are capped at 15
 * digits and MAX_SPAN chars.
 */
final class SpelledNumbers {
  /**
   * Longest original span of a disguised phone number: ten digit words of up to five letters with
   * up to three separator chars between them ("zero nine seven seven, three three eight, ..."): 10 * 5 +
   * 9 * 3 = 77. Longer runs are not judged, so the streaming hold-back stays bounded (it was 50, which
   * let "zero nine one two, three four five, six seven eight" through).
   */
  static final int MAX_SPAN = 80;

  private static final Map<String, Character> WORDS = Map.ofEntries(
      Map.entry("zero", '0'), Map.entry("oh", '0'), Map.entry("one", '1'), Map.entry("two", '2'), Map.entry("three", '3'),
      Map.entry("four", '4'), Map.entry("five", '5'), Map.entry("six", '6'), Map.entry("seven", '7'), Map.entry("eight", '8'),
      Map.entry("nine", '9'),
      // Vietnamese, folded (không, một, hai, ba, bốn/tư, năm/lăm, sáu, bảy/bẩy, tám, chín; linh = 0 in numbers)
      Map.entry("khong", '0'), Map.entry("linh", '0'), Map.entry("mot", '1'), Map.entry("hai", '2'), Map.entry("ba", '3'),
      Map.entry("bon", '4'), Map.entry("tu", '4'), Map.entry("nam", '5'), Map.entry("lam", '5'), Map.entry("sau", '6'),
      Map.entry("bay", '7'), Map.entry("tam", '8'), Map.entry("chin", '9'));

  private SpelledNumbers() {
  }

  private static boolean sep(char c) {
    return c == ' ' || c == ',' || c == '.' || c == '-' || c == '\u00a0';
  }

  /** Digit words packed as base-32 keys of their folded letters (see {@link #key}), sorted; their digits alongside. */
  private static final long[] KEYS;
  private static final char[] DIGITS;

  static {
    java.util.TreeMap<Long, Character> m = new java.util.TreeMap<>();
    WORDS.forEach((w, d) -> m.put(key(w, 0, w.length()), d));
    KEYS = new long[m.size()];
    DIGITS = new char[m.size()];
    int i = 0;
    for (Map.Entry<Long, Character> e : m.entrySet()) {
      KEYS[i] = e.getKey();
      DIGITS[i++] = e.getValue();
    }
  }

  /** Base-32 key of the folded letters a-z of s[from, to), or -1 when another char is there. */
  private static long key(CharSequence s, int from, int to) {
    long k = 0;
    for (int i = from; i < to; i++) {
      k = keyStep(k, s.charAt(i));
      if (k < 0) {
        return -1;
      }
    }
    return k;
  }

  /** {@link #key(CharSequence, int, int)} of a char array. */
  private static long key(char[] s, int from, int to) {
    long k = 0;
    for (int i = from; i < to; i++) {
      k = keyStep(k, s[i]);
      if (k < 0) {
        return -1;
      }
    }
    return k;
  }

  /** @return key {@code k} extended by char {@code c}, or -1 when {@code c} folds to no letter a-z */
  private static long keyStep(long k, char c) {
    if (c >= 'A' && c <= 'Z') {
      c = (char) (c + 32);
    } else if (c >= 0x80) {
      String f = TextNormalizer.fold(c);
      if (f.length() != 1) {
        return -1;
      }
      c = f.charAt(0);
    }
    if (c < 'a' || c > 'z') {
      return -1;
    }
    return k * 32 + (c - 'a' + 1);
  }

  /** The digit a spelled word stands for, or 0. Allocation-free: words of 2-5 letters only. */
  private static char digitWord(char[] text, int s, int e) {
    int len = e - s;
    if (len < 2 || len > 5) {
      return 0;
    }
    char c0 = text[s];
    if (c0 < 128 && !FIRST[c0]) {
      return 0; // no digit word starts with this letter (checked before the whole key is built)
    }
    long k = key(text, s, e);
    if (k < 0) {
      return 0;
    }
    for (int h = slot(k); ; h = (h + 1) & (TABLE_KEYS.length - 1)) {
      long x = TABLE_KEYS[h];
      if (x == k) {
        return TABLE_DIGITS[h];
      }
      if (x == 0) {
        return 0;
      }
    }
  }

  /** The digit words' keys in an open-addressing table (0 = empty: no key is 0), their digits alongside. */
  private static final long[] TABLE_KEYS = new long[64];
  private static final char[] TABLE_DIGITS = new char[64];
  /** ASCII chars (either case) that start a digit word. */
  private static final boolean[] FIRST = new boolean[128];

  static {
    for (int i = 0; i < KEYS.length; i++) {
      int h = slot(KEYS[i]);
      while (TABLE_KEYS[h] != 0) {
        h = (h + 1) & (TABLE_KEYS.length - 1);
      }
      TABLE_KEYS[h] = KEYS[i];
      TABLE_DIGITS[h] = DIGITS[i];
    }
    for (String w : WORDS.keySet()) {
      FIRST[w.charAt(0)] = true;
      FIRST[Character.toUpperCase(w.charAt(0))] = true;
    }
  }

  private static int slot(long k) {
    k *= 0x9E3779B97F4A7C15L;
    return (int) (k >>> 58);
  }

  static void phones(String str, List<int[]> spans, Pii.Sink sink) {
    scan(str, spans, sink);
  }

  /**
   * Where a disguised phone number may still be growing at the end of {@code str} (a streamed text
   * so far): the start of the last run of digit tokens when it reaches the end, is followed only by
   * separators, or only by a gap of at most three separators and a last word still being typed
   * ("zero nine one two, three fo"), and is still short enough to be judged; {@code str.length()}
   * when no run is open. The streaming guard holds back from there: a run may be up to
   * {@link #MAX_SPAN} chars, longer than the fixed PII tail ({@link Pii#STREAM_SPAN}). Linear.
   */
  static int openRunStart(String str) {
    return scan(str, null, null);
  }

  /** Reports spelled phones to {@code sink} (when not null); returns {@link #openRunStart}. */
  private static int scan(String str, List<int[]> spans, Pii.Sink sink) {
    int n = str.length();
    int lastStart = -1;
    int lastEnd = -1;
    boolean lastOpen = false;
    char[] text = TextChars.of(str, TextChars.PII_SPELLED);
    char[] digits = new char[16];
    int nd = 0;
    boolean disguised = false;
    boolean plain = false; // a token of the run is digits ("0912"), not a spelled word
    boolean overflow = false;
    int runStart = -1;
    int runEnd = -1;
    int i = 0;
    while (i < n) {
      // next token [s, e): letters and digits, at most 12 (a longer word is skipped whole)
      int s = i;
      while (s < n && sep(text[s])) {
        s++;
      }
      int gap = s - i;
      int e = s;
      while (e < n && TextChars.letterOrDigit(text[e])) {
        e++;
      }
      if (e == s) {
        e = s + 1; // a symbol: no digit token, ends a run
      }
      int kind = 0; // 0: not a digit token, 1: plain digits, 2: spelled or disguised
      char word = 0;
      if (e - s <= 12 && s < n && TextChars.letterOrDigit(text[s])) {
        char c0 = text[s];
        if ((c0 >= '0' && c0 <= '9') || c0 == 'o' || c0 == 'O' || c0 == 'l' || c0 == 'I') {
          int real = 0;
          boolean other = false;
          boolean ohs = false;
          for (int k = s; k < e && !other; k++) {
            char c = text[k];
            if (c >= '0' && c <= '9') {
              real++;
            } else if (c == 'o' || c == 'O' || c == 'l' || c == 'I') {
              ohs = true;
            } else {
              other = true;
            }
          }
          if (!other) {
            // "0912", "o912"; a lone capital O for zero ("O nine one two 345 678"), read only inside a run
            // that turns out a phone number
            kind = !ohs ? 1 : real >= 2 || (e - s == 1 && (c0 == 'O' || c0 == 'o')) ? 2 : 0;
          }
        }
        if (kind == 0) {
          word = digitWord(text, s, e);
          kind = word != 0 ? 2 : 0;
        }
      }
      boolean joined = runStart >= 0 && gap >= 1 && gap <= 3 && text[s - 1] != '\n' && kind != 0;
      if (runStart >= 0 && !joined) {
        if (sink != null) {
          judge(str, runStart, runEnd, digits, nd, disguised && !overflow, !plain, spans, sink);
        }
        lastStart = runStart;
        lastEnd = runEnd;
        lastOpen = !overflow;
        runStart = -1;
        nd = 0;
        disguised = false;
        plain = false;
        overflow = false;
      }
      if (kind != 0) {
        if (runStart < 0) {
          runStart = s;
        }
        runEnd = e;
        disguised |= kind == 2;
        plain |= word == 0;
        if (word != 0) {
          if (nd < digits.length) {
            digits[nd++] = word;
          } else {
            overflow = true;
          }
        } else {
          for (int k = s; k < e; k++) {
            char c = text[k];
            if (nd < digits.length) {
              digits[nd++] = c == 'o' || c == 'O' ? '0' : c == 'l' || c == 'I' ? '1' : c;
            } else {
              overflow = true;
            }
          }
        }
        if (runEnd - runStart > MAX_SPAN) {
          overflow = true;
        }
      }
      i = e;
    }
    if (runStart >= 0) {
      if (sink != null) {
        judge(str, runStart, runEnd, digits, nd, disguised && !overflow, !plain, spans, sink);
      }
      lastStart = runStart;
      lastEnd = runEnd;
      lastOpen = !overflow;
    }
    if (lastStart < 0 || !lastOpen) {
      return n;
    }
    // the last word may still be typed (no separator after it yet); before it, at most 3 separators
    int t = n;
    while (t > 0 && TextChars.letterOrDigit(text[t - 1])) {
      t--;
    }
    int u = t;
    while (u > 0 && t - u <= 3 && sep(text[u - 1])) {
      u--;
    }
    return lastEnd == n || (u == lastEnd && t - u <= 3) ? lastStart : n;
  }

  /**
   * Reports the run [s, e) when its digits are a phone number; a run of nine digit words and nothing
   * else ("chín một hai ba bốn năm sáu bảy tám", "nine one two ...") is also one when a leading zero
   * makes it a Vietnamese mobile number (its first digit 3, 5, 7, 8 or 9): people drop the zero
   * when they spell the number out. Nine digits typed as digits stay ids, and a count or countdown
   * ("chín, tám, bảy, ... một") is no number.
   */
  /** True when digits[0, nd) count up or down by one ("987654321"). */
  private static boolean counting(char[] d, int nd) {
    boolean up = true;
    boolean down = true;
    for (int i = 1; i < nd; i++) {
      up &= d[i] == d[i - 1] + 1;
      down &= d[i] == d[i - 1] - 1;
    }
    return up || down;
  }

  private static void judge(String text, int s, int e, char[] digits, int nd, boolean candidate, boolean allWords,
      List<int[]> spans, Pii.Sink sink) {
    if (!candidate || nd < 9 || nd > 15) {
      return;
    }
    boolean plus = s > 0 && text.charAt(s - 1) == '+';
    boolean phone = Pii.isPhoneDigits(digits, nd, plus);
    if (!phone && nd == 9 && allWords && !plus && digits[0] != '0' && !counting(digits, nd)) {
      char[] withZero = new char[10];
      withZero[0] = '0';
      System.arraycopy(digits, 0, withZero, 1, 9);
      phone = Pii.isPhoneDigits(withZero, 10, false);
    }
    if (!phone || Pii.overlaps(spans, s, e)) {
      return;
    }
    sink.found(RuleIds.PII_PHONE, plus ? s - 1 : s, e, "phone number (spelled out or disguised)");
  }
}
