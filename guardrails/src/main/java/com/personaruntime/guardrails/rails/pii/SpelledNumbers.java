package com.personaruntime.guardrails.rails.pii;

import com.personaruntime.guardrails.RuleIds;
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
   * Longest original span of a disguised phone number ("zero nine one two three four five six
   * seven eight" is 50): longer runs are not judged, so the streaming hold-back stays short.
   */
  static final int MAX_SPAN = 50;

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

  static void phones(String text, List<int[]> spans, Pii.Sink sink) {
    int n = text.length();
    char[] digits = new char[16];
    int nd = 0;
    boolean disguised = false;
    boolean overflow = false;
    int runStart = -1;
    int runEnd = -1;
    int i = 0;
    StringBuilder tok = new StringBuilder(8);
    while (i <= n) {
      // next token [s, e)
      int s = i;
      while (s < n && sep(text.charAt(s))) {
        s++;
      }
      int gap = s - i;
      int e = s;
      while (e < n && !sep(text.charAt(e)) && Character.isLetterOrDigit(text.charAt(e)) && e - s < 12) {
        e++;
      }
      boolean isEnd = s >= n || e == s;
      // a token of letters and digits that continues past 12 chars, or is glued to other symbols, is no digit token
      boolean whole = !isEnd && (e >= n || sep(text.charAt(e)) || !Character.isLetterOrDigit(text.charAt(e)));
      int kind = 0; // 0: not a digit token, 1: plain digits, 2: spelled or disguised
      int tokStart = nd;
      if (whole) {
        tok.setLength(0);
        int real = 0;
        int ohs = 0;
        boolean other = false;
        for (int k = s; k < e; k++) {
          char c = text.charAt(k);
          if (c >= '0' && c <= '9') {
            real++;
          } else if (c == 'o' || c == 'O' || c == 'l' || c == 'I') {
            ohs++;
          } else {
            other = true;
          }
          tok.append(TextNormalizer.fold(c));
        }
        if (!other && ohs == 0) {
          kind = 1;
        } else if (!other && real >= 2) {
          kind = 2; // "o912"
        } else if (WORDS.containsKey(tok.toString())) {
          kind = 2;
        }
      }
      boolean joined = runStart >= 0 && gap >= 1 && gap <= 3 && text.charAt(s - 1) != '\n' && kind != 0;
      if (runStart >= 0 && !joined) {
        judge(text, runStart, runEnd, digits, nd, disguised && !overflow, spans, sink);
        runStart = -1;
        nd = 0;
        disguised = false;
        overflow = false;
        tokStart = 0;
      }
      if (kind != 0) {
        if (runStart < 0) {
          runStart = s;
        }
        runEnd = e;
        disguised |= kind == 2;
        String t = tok.toString();
        if (kind == 2 && WORDS.containsKey(t)) {
          if (nd < digits.length) {
            digits[nd++] = WORDS.get(t);
          } else {
            overflow = true;
          }
        } else {
          for (int k = 0; k < t.length(); k++) {
            if (nd < digits.length) {
              char c = t.charAt(k);
              digits[nd++] = c == 'o' ? '0' : c == 'l' || c == 'i' ? '1' : c;
            } else {
              overflow = true;
            }
          }
        }
        if (runEnd - runStart > MAX_SPAN) {
          overflow = true;
        }
      }
      if (isEnd && s >= n) {
        break;
      }
      i = Math.max(e, s + 1);
    }
    if (runStart >= 0) {
      judge(text, runStart, runEnd, digits, nd, disguised && !overflow, spans, sink);
    }
  }

  private static void judge(String text, int s, int e, char[] digits, int nd, boolean candidate, List<int[]> spans, Pii.Sink sink) {
    if (!candidate || nd < 9 || nd > 15) {
      return;
    }
    boolean plus = s > 0 && text.charAt(s - 1) == '+';
    if (!Pii.isPhoneDigits(digits, nd, plus) || Pii.overlaps(spans, s, e)) {
      return;
    }
    sink.found(RuleIds.PII_PHONE, plus ? s - 1 : s, e, "phone number (spelled out or disguised)");
  }
}
