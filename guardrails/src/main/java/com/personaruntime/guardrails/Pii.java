package com.personaruntime.guardrails;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/*
 * PII detectors over the ORIGINAL text. Order matters: card numbers (Luhn-valid) first, then
 * Vietnamese citizen ids (12 digits, province code 001-096), then phone numbers, then e-mail.
 * A later detector never reports a span overlapping an earlier one. Digit-based detectors run
 * only when the text holds at least 9 digits. No match spans ". " (two separators), so no PII
 * match crosses a sentence break.
 */
final class Pii {
  private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+\\-]+@[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)*\\.[A-Za-z]{2,}");
  private static final Pattern CARD = Pattern.compile("(?<![\\d])\\d(?:[ \\-]?\\d){12,18}(?![\\d])");
  private static final Pattern VN_ID = Pattern.compile("(?<![\\d.\\-])0\\d{2}[ .]?\\d{3}[ .]?\\d{3}[ .]?\\d{3}(?![\\d])");
  private static final Pattern PHONE = Pattern.compile(
      "(?<![\\d+])(?:(?:\\+84|0084|\\(\\+84\\)|0)[ .\\-]?(?:[35789](?:[ .\\-]?\\d){8}|2(?:[ .\\-]?\\d){9})"
          + "|\\+(?!84)[1-9]\\d{0,2}(?:[ .\\-]?\\(?\\d{1,4}\\)?){2,6}"
          + "|\\(?[2-9]\\d{2}\\)?[ .\\-]\\d{3}[ .\\-]\\d{4})(?![\\d])");
  /** Longest original span a PII match can have; the streaming guard holds back at least this much. */
  static final int MAX_SPAN = 40;

  interface Sink {
    void found(String ruleId, int start, int end, String kind);
  }

  private Pii() {
  }

  static void scan(String text, boolean email, boolean phone, boolean card, boolean vnId, Sink sink) {
    int digits = 0;
    boolean at = false;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c == '@') {
        at = true;
      }
    }
    java.util.ArrayList<int[]> spans = new java.util.ArrayList<>();
    if (digits >= 9) {
      if (card) {
        Matcher m = CARD.matcher(text);
        while (m.find()) {
          if (luhn(m.group())) {
            spans.add(new int[] {m.start(), m.end()});
            sink.found(RuleIds.PII_CARD, m.start(), m.end(), "payment card number");
          }
        }
      }
      if (vnId) {
        Matcher m = VN_ID.matcher(text);
        while (m.find()) {
          String d = m.group().replaceAll("[ .]", "");
          int province = Integer.parseInt(d.substring(0, 3));
          if (province >= 1 && province <= 96 && !overlaps(spans, m.start(), m.end())) {
            spans.add(new int[] {m.start(), m.end()});
            sink.found(RuleIds.PII_VN_ID, m.start(), m.end(), "Vietnamese citizen ID number");
          }
        }
      }
      if (phone) {
        Matcher m = PHONE.matcher(text);
        while (m.find()) {
          int nd = 0;
          for (int i = m.start(); i < m.end(); i++) {
            if (Character.isDigit(text.charAt(i))) {
              nd++;
            }
          }
          if (nd >= 9 && nd <= 15 && !overlaps(spans, m.start(), m.end())) {
            spans.add(new int[] {m.start(), m.end()});
            sink.found(RuleIds.PII_PHONE, m.start(), m.end(), "phone number");
          }
        }
      }
    }
    if (at && email) {
      Matcher m = EMAIL.matcher(text);
      while (m.find()) {
        if (!overlaps(spans, m.start(), m.end())) {
          spans.add(new int[] {m.start(), m.end()});
          sink.found(RuleIds.PII_EMAIL, m.start(), m.end(), "e-mail address");
        }
      }
    }
  }

  private static boolean overlaps(List<int[]> spans, int s, int e) {
    for (int[] sp : spans) {
      if (s < sp[1] && sp[0] < e) {
        return true;
      }
    }
    return false;
  }

  static boolean luhn(String s) {
    int sum = 0;
    int count = 0;
    boolean dbl = false;
    for (int i = s.length() - 1; i >= 0; i--) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      int d = c - '0';
      count++;
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return count >= 13 && count <= 19 && sum % 10 == 0;
  }
}
