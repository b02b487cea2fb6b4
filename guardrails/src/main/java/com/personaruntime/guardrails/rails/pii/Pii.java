package com.personaruntime.guardrails.rails.pii;

import com.personaruntime.guardrails.RuleIds;
import com.personaruntime.guardrails.text.TextChars;
import com.personaruntime.guardrails.text.TextNormalizer;

import java.util.ArrayList;
import java.util.List;

/*
 * PII detectors over the ORIGINAL text, written as hand-made single-pass scanners (no regex), so
 * every detector is linear in the text whatever it holds ("@" + 19,999 letters, 20,000 digits).
 *
 * E-mail: every '@' is expanded left over local-part characters (at most 64, RFC 5321 4.5.3.1.1)
 * and right over domain characters (at most 255); the domain must be dot-separated labels ending
 * in an alphabetic label of two or more letters. Disguised forms are handled by ContactDisguise.
 *
 * Numbers: digit groups joined by at most two separator characters (" ", ".", "-", "(", ")", at
 * most one of " .-"), or by a dot with a space after it or one each side ("0912. 345. 678": the normaliser makes such
 * a dot between digits no release point of the streaming guard), form a chain. From each
 * group of a chain the longest run of groups (at most 19 digits) that is a Luhn-valid card
 * (13-19 digits, single space/hyphen separators), a Vietnamese citizen id (12 digits, province
 * 001-096), or a phone number (Vietnamese mobile/landline with 0, +84 or 0084; "+CC ..." with 9-15
 * digits; North American 3-3-4) is reported. Groups per start are bounded, so this is linear.
 *
 * Also: "84" + a Vietnamese mobile without '+' right after a phone word ("gọi 84912345678"), ten digits
 * in five pairs from 0 ("06 12 34 56 78"), and groups joined by no-break, thin or invisible spaces.
 * Fullwidth digits are read as ASCII (the rail folds them, TextChars.foldWidth).
 *
 * Identifiers are not phone numbers: a chain glued to letters ("DH0912345678", GUID parts such as
 * "a716-446655440000"), preceded by '#', or right after an identifier word ("order", "mã đơn",
 * "tracking", "SKU"...) is skipped unless it carries a phone prefix ('+' or "(+") or is glued to a
 * phone word ("sđt0912345678", "zalo:0912345678"). Letters glued only before a chain typed in phone
 * groups ("testdata630-596-1111", "abc0912.345.678") do not hide it: the whole chain may be a phone.
 */
public final class Pii {
  /** Longest original span a PII match can have; the streaming guard holds back at least this much. */
  public static final int MAX_SPAN = SpelledNumbers.MAX_SPAN;
  /**
   * Longest original span of a PII match other than a long spelled-out phone run: the fixed tail
   * the streaming guard holds back. A spelled run longer than this (up to {@link #MAX_SPAN}) is held
   * from its start only while it is still open at the end of the streamed text ({@link #openFrom}).
   */
  public static final int STREAM_SPAN = 50;
  public static final int MAX_LOCAL = 64;
  public static final int MAX_DOMAIN = 255;

  public interface Sink {
    void found(String ruleId, int start, int end, String kind);
  }

  private Pii() {
  }

  /**
   * @return the start of a spelled-out phone run still open at the end of {@code text} (a streamed
   *     text so far), or {@code text.length()} when there is none; linear
   */
  public static int openFrom(String text) {
    return SpelledNumbers.openRunStart(text);
  }

  /**
   * Reports every e-mail address, phone number, card number, Vietnamese id (12-digit CCCD, or a 9-digit
   * CMND named as one) and US Social Security number (named as one) of {@code text} to {@code sink},
   * as [start, end) offsets of {@code text}; the flags switch each kind on. Linear in the text.
   */
  public static void scan(String text, boolean email, boolean phone, boolean card, boolean vnId, boolean ssn, Sink sink) {
    List<int[]> spans = new ArrayList<>();
    if (email) {
      emails(text, spans, sink);
      ContactDisguise.emails(text, spans, sink);
      ContactDisguise.handles(text, spans, sink);
    }
    List<int[]> numbers = new ArrayList<>();
    if (phone || card || vnId || ssn) {
      numbers(text, phone, card, vnId, ssn, spans, (rule, s, e, kind) -> {
        numbers.add(new int[] {s, e});
        sink.found(rule, s, e, kind);
      });
    }
    if (phone || card) {
      // a disguised run is not reported again where a number or an address was found
      List<int[]> taken = new ArrayList<>(spans);
      taken.addAll(numbers);
      taken.sort((a, b) -> Integer.compare(a[0], b[0]));
      SpelledNumbers.phones(text, taken, (rule, s, e, kind) -> {
        if (rule.equals(RuleIds.PII_CARD) ? card : phone) {
          sink.found(rule, s, e, kind);
        }
      });
    }
  }

  // ------------------------------------------------------------------ e-mail

  public static boolean isLocal(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  }

  public static boolean isLabelChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  }

  private static boolean isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static void emails(String text, List<int[]> spans, Sink sink) {
    final int n = text.length();
    int from = 0;
    int floor = 0;
    int at;
    while ((at = text.indexOf('@', from)) >= 0) {
      from = at + 1;
      int s = at;
      while (s > floor && at - s < MAX_LOCAL && isLocal(text.charAt(s - 1))) {
        s--;
      }
      if (s == at) {
        continue;
      }
      int end = domainEnd(text, at + 1, n);
      if (end < 0) {
        continue;
      }
      // a local part may not start with a dot
      while (s < at && text.charAt(s) == '.') {
        s++;
      }
      if (s == at) {
        continue;
      }
      spans.add(new int[] {s, end});
      sink.found(RuleIds.PII_EMAIL, s, end, "e-mail address");
      from = Math.max(from, end);
      floor = end;
    }
  }

  /**
   * End (exclusive) of the domain starting at {@code d}: labels of [A-Za-z0-9-] separated by single
   * dots, the last one alphabetic with at least two letters; -1 when there is none. Reads at most
   * {@link #MAX_DOMAIN} characters.
   */
  public static int domainEnd(CharSequence text, int d, int n) {
    int best = -1;
    int labels = 0;
    int i = d;
    int limit = Math.min(n, d + MAX_DOMAIN);
    while (i < limit) {
      int ls = i;
      boolean alpha = true;
      while (i < limit && isLabelChar(text.charAt(i))) {
        alpha &= isAlpha(text.charAt(i));
        i++;
      }
      if (i == ls) {
        break;
      }
      labels++;
      if (labels >= 2 && alpha && i - ls >= 2) {
        best = i;
      }
      if (i < limit && text.charAt(i) == '.' && i + 1 < limit && isLabelChar(text.charAt(i + 1))) {
        i++;
      } else {
        break;
      }
    }
    return best;
  }

  // ------------------------------------------------------------------ numbers

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isJoinerChar(char c) {
    return c == ' ' || c == '.' || c == '-' || c == '_' || c == '(' || c == ')' || spaceLike(c) || keycap(c)
        || Character.isSurrogate(c) || Character.getType(c) == Character.OTHER_SYMBOL;
  }

  /**
   * Breaker b5: one emoji (or other pictograph) between digit groups, with at most one space on each side
   * ("0912 📞 345 📞 678", "09🔹12🔹34🔹56🔹78"), joins them like a dash: it is typed to break the number.
   */
  private static boolean emojiJoiner(String text, int s, int e) {
    int cps = 0;
    int spaces = 0;
    for (int k = s; k < e; ) {
      int cp = text.codePointAt(k);
      k += Character.charCount(cp);
      if (cp == ' ') {
        spaces++;
      } else if (cp == 0xFE0F) {
        continue;
      } else if (Character.getType(cp) == Character.OTHER_SYMBOL) {
        cps++;
      } else {
        return false;
      }
    }
    return cps == 1 && spaces <= 2;
  }

  /** The variation selector and the combining keycap of "9️⃣": part of the digit, they join like nothing. */
  static boolean keycap(char c) {
    return c == '\uFE0F' || c == '\u20E3';
  }

  /**
   * No-break and thin spaces (French and other locales group digits with them) and invisible
   * characters (zero-width space/joiners, word joiner, BOM, soft hyphen) typed between digit groups
   * to break filters: each joins like a space.
   */
  private static boolean spaceLike(char c) {
    return c == '\u00A0' || c == '\u202F' || c == '\u2009' || c == '\u2007' || c == '\u200B' || c == '\u200C'
        || c == '\u200D' || c == '\u2060' || c == '\uFEFF' || c == '\u00AD';
  }

  /** True when the separator text[s, e) may join two digit groups of one number. */
  private static boolean validJoiner(String text, int s, int e) {
    if (emojiJoiner(text, s, e)) {
      return true;
    }
    // a dot with a space after it, or one each side, between groups ("0912. 345. 678", "0987 . 654 . 321"): the
    // normaliser makes it no release point of the streaming guard (breaker b6), so the number is read whole
    if ((e - s == 2 && text.charAt(s) == '.' && text.charAt(s + 1) == ' ')
        || (e - s == 3 && text.charAt(s) == ' ' && text.charAt(s + 1) == '.' && text.charAt(s + 2) == ' ')) {
      return true;
    }
    int len = e - s;
    for (int k = s; k < e; k++) {
      if (keycap(text.charAt(k))) {
        len--;
      }
    }
    if (len < 0 || len > 2 || e - s < 1) {
      return false;
    }
    int plain = 0;
    int paren = 0;
    for (int k = s; k < e; k++) {
      char c = text.charAt(k);
      if (c == '(' || c == ')') {
        paren++;
      } else if (c == ' ' || c == '.' || c == '-' || c == '_' || spaceLike(c)) {
        plain++;
      } else if (!keycap(c)) {
        return false;
      }
    }
    return plain <= 1 && paren <= 1;
  }

  static final String[] ID_WORDS = {
      "order", "invoice", "tracking", "sku", "serial", "ref", "ticket", "booking", "transaction", "uuid", "guid",
      "batch", "lot", "barcode", "ean", "upc", "isbn", "imei", "awb", "waybill", "shipment", "parcel", "package",
      "consignment", "voucher", "coupon", "reference", "confirmation", "receipt", "timestamp", "epoch",
      "ma don", "don hang", "van don", "hoa don", "ma sp", "ma san pham", "ma so don", "giao dich", "ma ve", "so seri",
      "so lo", "ma lo", "lo san xuat", "lo sx", "ma vach", "ma van chuyen", "ma giao hang", "ma kien", "ma buu gui",
      "ma khach hang", "ma kh", "ma giam gia", "ma voucher", "so don", "so hoa don", "ma tra cuu", "ma xac nhan",
      "ma so", "ma code", "don so", "so don hang", "ma don hang", "ma dh", "don hang so", "order no", "version", "ver", "build", "patch", "release", "firmware", "model", "phien ban"};

  /**
   * Ids and codes of any kind ("Member ID", "Tax ID", "MST", "mã OTP", "mã thành viên"): the number
   * after them is no phone, but may still be a card or a citizen id ("id 001203004567").
   */
  private static final String[] PHONE_ONLY_ID_WORDS = {"id", "ids", "otp", "pin", "tax", "vat", "mst", "member", "membership",
      "customer", "account", "acct", "case", "user", "username", "ma otp", "ma thanh vien", "ma so thue", "ma khach",
      "ma hoi vien", "ma nhan vien", "ma the", "ma bao hanh", "ma kich hoat", "ma pin", "ma dang nhap", "ma du thuong",
      "ma cao", "ma qr"};

  /** Words that say the number after them IS a phone number, whatever identifier word came before. */
  private static final String[] PHONE_WORDS = {"call", "phone", "tel", "hotline", "zalo", "whatsapp", "text", "sms",
      "goi", "sdt", "dien thoai", "lien he", "nhan tin"};

  private static void numbers(String text, boolean phone, boolean card, boolean vnId, boolean ssn, List<int[]> spans,
      Sink sink) {
    final int n = text.length();
    final char[] chars = TextChars.of(text, TextChars.PII_NUMBERS); // the hot loops read the array, the rest the String
    int[] gs = null;
    int[] ge = null;
    int i = 0;
    while (i < n) {
      if (!isDigit(chars[i])) {
        i++;
        continue;
      }
      if (gs == null) {
        gs = new int[8];
        ge = new int[8];
      }
      // build the chain of digit groups starting here
      int g = 0;
      int j = i;
      while (true) {
        int s = j;
        while (j < n && isDigit(chars[j])) {
          j++;
        }
        if (g == gs.length) {
          gs = java.util.Arrays.copyOf(gs, g * 2);
          ge = java.util.Arrays.copyOf(ge, g * 2);
        }
        gs[g] = s;
        ge[g] = j;
        g++;
        int k = j;
        while (k < n && k - j < 5 && isJoinerChar(chars[k])) {
          k++;
        }
        if (k < n && k > j && isDigit(chars[k]) && validJoiner(text, j, k)) {
          j = k;
        } else {
          break;
        }
      }
      int chainEnd = ge[g - 1];
      chain(text, gs, ge, g, phone, card, vnId, ssn, spans, sink);
      i = chainEnd;
    }
  }

  private static void chain(String text, int[] gs, int[] ge, int g, boolean phone, boolean card, boolean vnId,
      boolean ssn, List<int[]> spans, Sink sink) {
    // prefix: "+", "(+", "(" directly before the first group
    int first = gs[0];
    boolean plus = first > 0 && text.charAt(first - 1) == '+';
    int chainStart = first;
    if (plus) {
      chainStart--;
      if (chainStart > 0 && text.charAt(chainStart - 1) == '(') {
        chainStart--;
      }
    } else if (first > 0 && text.charAt(first - 1) == '(') {
      chainStart--;
    }
    int after = ge[g - 1];
    if (!plus && (ssn || vnId) && namedNineDigits(text, gs, ge, g, chainStart, after, ssn, vnId, spans, sink)) {
      return;
    }
    // letters glued before a number grouped like a phone ("testdata630-596-1111", "abc0912.345.678") do
    // not make it an identifier: ids and codes are not typed in phone groups. Only the whole chain may
    // then be a phone ("DH0912345678", one group, stays an order code)
    int total = 0;
    for (int k = 0; k < g && total < 9; k++) {
      total += ge[k] - gs[k];
    }
    if (total < 9) {
      return; // prices, sizes, dates: no detector matches fewer than 9 digits (whatever is glued to them)
    }
    boolean lettersBefore = false;
    if (glued(text, chainStart, after) && !plus) {
      if (g < 2 || gluedAfter(text, after) || chainStart == 0 || !Character.isLetter(text.charAt(chainStart - 1))) {
        return;
      }
      lettersBefore = true;
    }
    if (!plus && identifierContext(text, chainStart, ID_WORDS)) {
      return;
    }
    if (!plus && phone && identifierContext(text, chainStart, PHONE_ONLY_ID_WORDS)) {
      phone = false;
    }
    boolean phoneWord = phoneContext(text, chainStart);
    char[] digits = new char[20];
    int gi = 0;
    while (gi < g) {
      int nd = 0;
      int bestEnd = -1;
      String bestRule = null;
      String bestKind = null;
      for (int j = gi; j < g; j++) {
        int len = ge[j] - gs[j];
        if (nd + len > 19) {
          break;
        }
        for (int k = gs[j]; k < ge[j]; k++) {
          digits[nd++] = text.charAt(k);
        }
        boolean groupPlus = gi == 0 && plus;
        String rule = null;
        String kind = null;
        if (card && nd >= 13 && luhnDigits(digits, nd) && joinersAre(text, ge, gs, gi, j, " -")) {
          rule = RuleIds.PII_CARD;
          kind = "payment card number";
        } else if (vnId && nd == 12 && !groupPlus && digits[0] == '0' && province(digits) && joinersAre(text, ge, gs, gi, j, " .")
            && !(gs[gi] > 0 && (text.charAt(gs[gi] - 1) == '.' || text.charAt(gs[gi] - 1) == '-'))) {
          rule = RuleIds.PII_VN_ID;
          kind = "Vietnamese citizen ID number";
        } else if (phone && (isPhone(text, digits, nd, groupPlus, gs, ge, gi, j)
            || (gi == 0 && phoneWord && !plus && nd == 11 && digits[0] == '8' && digits[1] == '4' && "35789".indexOf(digits[2]) >= 0)
            || (j - gi == 4 && nd == 10 && digits[0] == '0' && digits[1] != '0' && pairs(gs, ge, gi, j)))) {
          rule = RuleIds.PII_PHONE;
          kind = "phone number";
        }
        if (rule != null && lettersBefore && !(rule.equals(RuleIds.PII_PHONE) && gi == 0 && j == g - 1)) {
          rule = null;
        }
        if (rule != null) {
          bestEnd = j;
          bestRule = rule;
          bestKind = kind;
        }
      }
      if (bestRule != null) {
        int s = gi == 0 && (plus || bestRule.equals(RuleIds.PII_PHONE)) ? chainStart : gs[gi];
        int e = ge[bestEnd];
        if (!overlaps(spans, s, e)) {
          sink.found(bestRule, s, e, bestKind);
        }
        gi = bestEnd + 1;
      } else {
        gi++;
      }
    }
  }

  /** Phone words that may be glued to the number they name ("sđt0912345678", "zalo:0912…", "Tel.0912…"), folded. */
  private static final java.util.Set<String> GLUED_PHONE_WORDS = java.util.Set.of("sdt", "dt", "dd", "tel", "zalo", "hotline",
      "phone", "call", "goi", "lh", "sms", "whatsapp", "viber", "mobile", "mob", "cell", "fone", "phon", "dien thoai");

  /** True when the letters right before original {@code s} (a ':' or '.' between allowed) are a phone word. */
  private static boolean gluedPhoneWord(String text, int s) {
    int e = s;
    if (e > 0 && (text.charAt(e - 1) == ':' || text.charAt(e - 1) == '.')) {
      e--;
    }
    int b = e;
    while (b > 0 && e - b < 12 && TextChars.letter(text.charAt(b - 1))) {
      b--;
    }
    if (b == e || (b > 0 && Character.isLetterOrDigit(text.charAt(b - 1)))) {
      return false;
    }
    StringBuilder w = new StringBuilder(e - b);
    for (int k = b; k < e; k++) {
      w.append(TextNormalizer.fold(text.charAt(k)));
    }
    return GLUED_PHONE_WORDS.contains(w.toString());
  }

  /** True when the chain [s, e) is part of a longer token: letters glued on, or "x-123"/"123-x" identifier parts. */
  private static boolean glued(String text, int s, int e) {
    if (s > 0) {
      char b = text.charAt(s - 1);
      if ((TextChars.letter(b) || b == ':' || b == '.') && gluedPhoneWord(text, s)) {
        // "sđt0912345678", "zalo:0912345678": the word names the number; its end is checked below
      } else if (TextChars.letterOrDigit(b) || b == '_' || b == '#' || b == '@' || b == '/' || b == '=' || b == '&') {
        return true;
      } else if ((b == '-' || b == '.' || b == ':') && s > 1 && Character.isLetterOrDigit(text.charAt(s - 2))) {
        return true;
      }
    }
    return gluedAfter(text, e);
  }

  /** True when the chain ending at {@code e} goes on as a longer token (letters, '_', '@', "-x", "/x", ".x"). */
  private static boolean gluedAfter(String text, int e) {
    if (e < text.length()) {
      char a = text.charAt(e);
      if (TextChars.letter(a) || a == '_' || a == '@') {
        return true;
      }
      if ((a == '-' || a == '/' || a == '.') && e + 1 < text.length() && Character.isLetterOrDigit(text.charAt(e + 1))) {
        return true;
      }
    }
    return false;
  }

  /** True when every group of [from, to] has two digits: "06 12 34 56 78" (France and others). */
  private static boolean pairs(int[] gs, int[] ge, int from, int to) {
    for (int k = from; k <= to; k++) {
      if (ge[k] - gs[k] != 2) {
        return false;
      }
    }
    return true;
  }

  /**
   * True when a phone word ("gọi", "call", "sđt", "zalo"...) is among the few words right before
   * {@code s} in its clause: then "84912345678" is a Vietnamese mobile in international form without '+'.
   */
  private static boolean phoneContext(String text, int s) {
    int from = Math.max(0, s - 24);
    StringBuilder sb = new StringBuilder(s - from);
    for (int k = from; k < s; k++) {
      char c = text.charAt(k);
      if (c == '\n' || c == ',' || c == ';' || ((c == '.' || c == '?' || c == '!') && k + 1 < s && text.charAt(k + 1) == ' ')) {
        sb.setLength(0);
        continue;
      }
      sb.append(TextNormalizer.fold(c));
    }
    String before = sb.toString();
    for (String w : PHONE_WORDS) {
      if (wordAt(before, w) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** True when one of the few words before {@code s} names an identifier (order, invoice, mã đơn...). */
  static boolean identifierContext(String text, int s, String[] idWords) {
    int from = Math.max(0, s - 24);
    StringBuilder sb = new StringBuilder(s - from);
    for (int k = from; k < s; k++) {
      char c = text.charAt(k);
      if (c == '\n' || c == ',' || c == ';' || ((c == '.' || c == '?' || c == '!') && k + 1 < s && text.charAt(k + 1) == ' '
          && !(c == '.' && abbreviation(sb)))) {
        sb.setLength(0); // an identifier word names only the number of its own clause
        continue;
      }
      String f = TextNormalizer.fold(c);
      sb.append(f.isEmpty() ? "" : f);
    }
    String before = sb.toString();
    int id = -1;
    for (String w : idWords) {
      int p = wordAt(before, w);
      if (p > id) {
        id = p;
      }
    }
    if (id < 0) {
      return false;
    }
    for (int k = id; k < before.length(); k++) {
      if (Character.isDigit(before.charAt(k))) {
        return false; // "Đơn 12345 của chị Lan 0912345678": the id word named the number before this one
      }
    }
    for (String w : PHONE_WORDS) {
      int p = wordAt(before, w);
      if (p > id || (p >= 0 && p + w.length() + 1 == id)) {
        return false; // "mã đơn DH1 gọi 0912...": the phone word is nearer; "Zalo ID 0912...": it names the id
      }
    }
    return true;
  }

  /** True when the folded text ends in an abbreviation that a number follows ("No.", "Nr.", "Ref.", "Tel."). */
  private static boolean abbreviation(StringBuilder sb) {
    int e = sb.length();
    int st = e;
    while (st > 0 && Character.isLetter(sb.charAt(st - 1))) {
      st--;
    }
    String w = sb.substring(st, e);
    return w.equals("no") || w.equals("nr") || w.equals("num") || w.equals("ref") || w.equals("inv") || w.equals("ord")
        || w.equals("tel") || w.equals("ph") || w.equals("so");
  }

  /** Start of the last occurrence of word {@code w} in {@code s} with boundaries on both sides, or -1. */
  private static int wordAt(String s, String w) {
    int p = s.lastIndexOf(w);
    while (p >= 0) {
      int e = p + w.length();
      if ((p == 0 || !Character.isLetterOrDigit(s.charAt(p - 1))) && (e == s.length() || !Character.isLetter(s.charAt(e)))) {
        return p;
      }
      p = p == 0 ? -1 : s.lastIndexOf(w, p - 1);
    }
    return -1;
  }

  private static boolean joinersAre(String text, int[] ge, int[] gs, int from, int to, String allowed) {
    for (int k = from; k < to; k++) {
      if (gs[k + 1] - ge[k] != 1 || allowed.indexOf(text.charAt(ge[k])) < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean province(char[] d) {
    int p = (d[0] - '0') * 100 + (d[1] - '0') * 10 + (d[2] - '0');
    return p >= 1 && p <= 96;
  }

  /** True when the digits d[0, nd) of a spelled-out or disguised number are a phone number (no separators known). */
  static boolean isPhoneDigits(char[] d, int nd, boolean plus) {
    return isPhone("", d, nd, plus, new int[] {0}, new int[] {nd}, 0, 0);
  }

  private static boolean isPhone(String text, char[] d, int nd, boolean plus, int[] gs, int[] ge, int from, int to) {
    if (nd < 9 || nd > 15) {
      return false;
    }
    int k = 0;
    boolean vn = false;
    if (plus && d[0] == '8' && d[1] == '4') {
      k = 2;
      vn = true;
    } else if (!plus && nd > 4 && d[0] == '0' && d[1] == '0' && d[2] == '8' && d[3] == '4') {
      k = 4;
      vn = true;
    } else if (plus) {
      return d[0] != '0';
    }
    if (vn && k < nd && d[k] == '0') {
      k++;
    } else if (!vn) {
      if (d[0] == '0') {
        k = 1;
        vn = true;
      }
    }
    if (vn) {
      int rest = nd - k;
      if (rest <= 0) {
        return false;
      }
      char c = d[k];
      if (k == 1 && nd == 11 && (c == '7' && d[2] != '0' || ((c == '1' || c == '3') && to > from))) {
        return true; // UK: a mobile "07700 900123", or a landline typed in groups "01632 960123"
      }
      return (rest == 9 && (c == '3' || c == '5' || c == '7' || c == '8' || c == '9')) || (rest == 10 && c == '2');
    }
    // North American 3-3-4 with separators: (212) 555-1234, 212-555-1234, 212.555.1234
    if (nd == 10 && to - from == 2 && d[0] >= '2' && d[0] <= '9'
        && ge[from] - gs[from] == 3 && ge[from + 1] - gs[from + 1] == 3 && ge[to] - gs[to] == 4) {
      return true;
    }
    return false;
  }

  /**
   * True when d[0, nd) is a North American number without its grouping: ten digits, area code
   * [2-9][0-8]x, exchange [2-9]xx but not x11 (or eleven with a leading 1). Only for numbers typed in
   * disguise (spelled out, single digits spaced apart), where the 3-3-4 grouping is not there to see.
   */
  static boolean nanp(char[] d, int nd) {
    int k = nd == 11 && d[0] == '1' ? 1 : 0;
    if (nd - k != 10) {
      return false;
    }
    return d[k] >= '2' && d[k + 1] != '9' && d[k + 3] >= '2' && !(d[k + 4] == '1' && d[k + 5] == '1');
  }

  /** Words that name a US Social Security number (folded). */
  private static final String[] SSN_WORDS = {"ssn", "ssns", "social security", "social security number", "social security no",
      "social", "ss", "ss no", "so an sinh xa hoi", "ma so an sinh", "numero de seguro social", "seguro social"};
  /** Words that name an old 9-digit Vietnamese identity card number, CMND (folded). */
  private static final String[] CMND_WORDS = {"cmnd", "cmt", "so cmnd", "so cmt", "chung minh nhan dan", "chung minh thu",
      "cmnd/cccd", "cccd/cmnd", "cccd", "can cuoc", "the can cuoc", "so dinh danh", "id card", "identity card", "national id"};

  /**
   * A nine-digit chain named by the words before it: a US Social Security number ("SSN 123-45-6789",
   * area not 000/666/9xx, group not 00, serial not 0000, typed 3-2-4 or as one group) or an old
   * Vietnamese CMND ("CMND: 012345678", one group or 3-3-3). Reports it and returns true.
   */
  private static boolean namedNineDigits(String text, int[] gs, int[] ge, int g, int s, int e, boolean ssn, boolean vnId,
      List<int[]> spans, Sink sink) {
    if (g > 3) {
      return false;
    }
    int digits = 0;
    for (int k = 0; k < g; k++) {
      digits += ge[k] - gs[k];
    }
    if (digits != 9) {
      return false; // (the count below, before the context is looked at: prices and sizes end here)
    }
    if (gluedAfter(text, e) || (s > 0 && (TextChars.letterOrDigit(text.charAt(s - 1)) || text.charAt(s - 1) == '_'))) {
      return false;
    }
    char[] d = new char[9];
    int nd = 0;
    for (int k = 0; k < g; k++) {
      if (nd + ge[k] - gs[k] > 9) {
        return false;
      }
      for (int q = gs[k]; q < ge[k]; q++) {
        d[nd++] = text.charAt(q);
      }
    }
    if (nd != 9 || overlaps(spans, s, e)) {
      return false;
    }
    boolean oneGroup = g == 1;
    if (ssn && (oneGroup || (g == 3 && ge[0] - gs[0] == 3 && ge[1] - gs[1] == 2 && joinersAre(text, ge, gs, 0, 2, "- ")))) {
      int area = (d[0] - '0') * 100 + (d[1] - '0') * 10 + (d[2] - '0');
      boolean valid = area != 0 && area != 666 && area < 900 && !(d[3] == '0' && d[4] == '0')
          && !(d[5] == '0' && d[6] == '0' && d[7] == '0' && d[8] == '0');
      if (valid && identifierContext(text, s, SSN_WORDS)) {
        sink.found(RuleIds.PII_SSN, s, e, "US Social Security number");
        return true;
      }
    }
    if (vnId && (oneGroup || (g == 3 && ge[0] - gs[0] == 3 && ge[1] - gs[1] == 3 && joinersAre(text, ge, gs, 0, 2, " .-")))
        && identifierContext(text, s, CMND_WORDS)) {
      sink.found(RuleIds.PII_VN_ID, s, e, "Vietnamese identity card number (CMND)");
      return true;
    }
    return false;
  }

  private static boolean luhnDigits(char[] d, int n) {
    int sum = 0;
    boolean dbl = false;
    for (int i = n - 1; i >= 0; i--) {
      int v = d[i] - '0';
      if (dbl) {
        v *= 2;
        if (v > 9) {
          v -= 9;
        }
      }
      sum += v;
      dbl = !dbl;
    }
    return sum % 10 == 0;
  }

  /** Binary search over the e-mail spans (ascending, disjoint). */
  public static boolean overlaps(List<int[]> spans, int s, int e) {
    int lo = 0;
    int hi = spans.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int[] sp = spans.get(mid);
      if (sp[0] >= e) {
        hi = mid - 1;
      } else if (sp[1] <= s) {
        lo = mid + 1;
      } else {
        return true;
      }
    }
    return false;
  }

  public static boolean luhn(String s) {
    char[] d = new char[20];
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        if (n == 20) {
          return false;
        }
        d[n++] = c;
      }
    }
    return n >= 13 && n <= 19 && luhnDigits(d, n);
  }
}
