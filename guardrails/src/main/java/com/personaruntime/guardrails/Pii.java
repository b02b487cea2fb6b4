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

  /*
   * Regexes run only on candidate regions: maximal runs of digits and number punctuation
   * ("0912 345 678", "+84 (0) 912-345-678") holding at least 9 digits, and the non-space word
   * around each '@'. Matchers use transparent bounds so look-arounds still see the neighbours.
   * This keeps a 1 KB reply with prices and sizes in it at a few microseconds.
   */
  static void scan(String text, boolean email, boolean phone, boolean card, boolean vnId, Sink sink) {
    java.util.ArrayList<int[]> spans = new java.util.ArrayList<>();
    final int n = text.length();
    Matcher cm = null;
    Matcher im = null;
    Matcher pm = null;
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9') && c != '+' && c != '(') {
        i++;
        continue;
      }
      int s = i;
      int digits = 0;
      int j = i;
      while (j < n) {
        char x = text.charAt(j);
        if (x >= '0' && x <= '9') {
          digits++;
        } else if (!(x == ' ' || x == '.' || x == '-' || x == '(' || x == ')' || x == '+')) {
          break;
        }
        j++;
      }
      i = j + 1;
      if (digits < 9) {
        continue;
      }
      if (card) {
        cm = cm == null ? CARD.matcher(text) : cm;
        cm.region(s, j).useTransparentBounds(true).useAnchoringBounds(false);
        while (cm.find()) {
          if (luhn(cm.group())) {
            spans.add(new int[] {cm.start(), cm.end()});
            sink.found(RuleIds.PII_CARD, cm.start(), cm.end(), "payment card number");
          }
        }
      }
      if (vnId) {
        im = im == null ? VN_ID.matcher(text) : im;
        im.region(s, j).useTransparentBounds(true).useAnchoringBounds(false);
        while (im.find()) {
          String d = im.group().replaceAll("[ .]", "");
          int province = Integer.parseInt(d.substring(0, 3));
          if (province >= 1 && province <= 96 && !overlaps(spans, im.start(), im.end())) {
            spans.add(new int[] {im.start(), im.end()});
            sink.found(RuleIds.PII_VN_ID, im.start(), im.end(), "Vietnamese citizen ID number");
          }
        }
      }
      if (phone) {
        pm = pm == null ? PHONE.matcher(text) : pm;
        pm.region(s, j).useTransparentBounds(true).useAnchoringBounds(false);
        while (pm.find()) {
          int nd = 0;
          for (int k = pm.start(); k < pm.end(); k++) {
            if (Character.isDigit(text.charAt(k))) {
              nd++;
            }
          }
          if (nd >= 9 && nd <= 15 && !overlaps(spans, pm.start(), pm.end())) {
            spans.add(new int[] {pm.start(), pm.end()});
            sink.found(RuleIds.PII_PHONE, pm.start(), pm.end(), "phone number");
          }
        }
      }
    }
    if (email) {
      Matcher em = null;
      int from = 0;
      int at;
      while ((at = text.indexOf('@', from)) >= 0) {
        int s = at;
        while (s > 0 && !Character.isWhitespace(text.charAt(s - 1))) {
          s--;
        }
        int e = at + 1;
        while (e < n && !Character.isWhitespace(text.charAt(e))) {
          e++;
        }
        em = em == null ? EMAIL.matcher(text) : em;
        em.region(s, e).useTransparentBounds(true).useAnchoringBounds(false);
        while (em.find()) {
          if (!overlaps(spans, em.start(), em.end())) {
            spans.add(new int[] {em.start(), em.end()});
            sink.found(RuleIds.PII_EMAIL, em.start(), em.end(), "e-mail address");
          }
        }
        from = Math.max(e, at + 1);
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
