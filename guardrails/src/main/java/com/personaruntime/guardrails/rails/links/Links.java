package com.personaruntime.guardrails.rails.links;

import com.google.common.net.InternetDomainName;
import com.personaruntime.guardrails.text.TextChars;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/*
 * Links in the ORIGINAL text, found by a hand-written single-pass scanner (no regex):
 *  - anything starting with a scheme ("http://", "https://", "hxxp://") or "www." up to the next
 *    whitespace or quote/bracket;
 *  - bare domains: labels of letters, digits and '-' joined by dots — a real dot, or a disguised
 *    one ("[.]", "(.)", "[dot]", "(dot)", " dot " before a label that can end a host — not "then dot it on" —, and " . " or " chấm " before a common TLD) — whose last label is a public suffix per the
 *    Public Suffix List (through Guava's InternetDomainName, which ships the list) or a reserved
 *    test TLD (RFC 2606: example, test, invalid, localhost). So "shop.beauty", "a.asia", "x.de"
 *    are links, while "e.g.", "v1.2", "3.5" or "file.txt" are not. "Hello.World" (Title Case after a
 *    dot, no space) is a sentence run on, unless a Title Case name meets a shop TLD ("Lumiere.Store").
 * A link is allowed when its host equals an allowed domain or is a subdomain of one.
 *
 * Linear: the scanner never restarts inside a label chain it has read (a bare domain cannot start
 * after a letter, digit or dot), and a host is checked against the suffix list only when it has
 * at most 253 characters.
 */
public final class Links {
  /** Reserved TLDs (RFC 2606 / RFC 6761) treated as link TLDs although they are not public suffixes. */
  private static final Set<String> RESERVED = Set.of("example", "test", "invalid", "localhost", "local");
  /**
   * Country-code TLDs that are far more often file extensions in chat ("main.py", "README.md");
   * a bare two-label name ending in one of them is not taken for a link (with a scheme, "www." or a
   * path it still is).
   */
  private static final Set<String> FILE_LIKE = Set.of("py", "md", "sh", "rs", "pl", "pm", "ps", "so", "mk", "cs", "ts", "js");
  public static final int MAX_HOST = 253;

  public interface Sink {
    void found(int start, int end, String host);
  }

  private Links() {
  }

  public static void scan(String text, List<String> allowed, Sink sink) {
    final int n = text.length();
    final char[] chars = TextChars.of(text, TextChars.LINKS); // the hot loops read the array, the rest the String
    int i = 0;
    while (i < n) {
      char c = chars[i];
      if (!TextChars.letterOrDigit(c)) {
        i++;
        continue;
      }
      char before = i > 0 ? chars[i - 1] : ' ';
      boolean startOk = !(TextChars.letterOrDigit(before) || before == '@' || before == '.' || before == '_' || before == '-');
      if (!startOk) {
        i++;
        continue;
      }
      int script = scriptUri(text, i);
      if (script > 0) {
        int e = urlEnd(text, script);
        while (e > script && ".,;:!?".indexOf(text.charAt(e - 1)) >= 0) {
          e--;
        }
        if (sink != null) {
          sink.found(i, e, text.substring(i, script).toLowerCase(Locale.ROOT));
        }
        i = e;
        continue;
      }
      int schemeEnd = scheme(text, i);
      if (schemeEnd > 0) {
        int e = urlEnd(text, schemeEnd);
        report(text, i, e, hostOf(text.substring(schemeEnd, e)), allowed, sink);
        i = Math.max(e, i + 1);
        continue;
      }
      int end = bareDomain(text, chars, i, sink == null ? null : allowed, sink);
      i = Math.max(end, i + 1);
    }
  }

  /**
   * End of the scheme of a script or data URI at i ("javascript:alert(1)", "vbscript:...",
   * "data:text/html,...", "data:image/svg+xml;base64,..."), or -1: links that are never allowed,
   * whatever the allow-list. The scheme must be followed at once by its content (a non-space char;
   * for "data:" a media type or a comma), so prose ("JavaScript: the good parts", "data: 12 rows") is none.
   */
  private static final String[] SCRIPT_SCHEMES = {"javascript:", "vbscript:"};

  private static int scriptUri(String text, int i) {
    char c = (char) (text.charAt(i) | 0x20);
    if (c != 'j' && c != 'd' && c != 'v') {
      return -1;
    }
    int n = text.length();
    // each scheme has its ':' at a fixed place ("javascript:" 10, "vbscript:" 8, "data:" 4): most words starting
    // with these letters ("dùng", "và", "vitamin") have none there, and are passed without comparing the schemes
    int colon = i + (c == 'j' ? 10 : c == 'v' ? 8 : 4);
    if (colon >= n || text.charAt(colon) != ':') {
      return -1;
    }
    for (String sc : SCRIPT_SCHEMES) {
      if (text.regionMatches(true, i, sc, 0, sc.length())) {
        int e = i + sc.length();
        return e < n && !Character.isWhitespace(text.charAt(e)) ? e : -1;
      }
    }
    if (text.regionMatches(true, i, "data:", 0, 5)) {
      int e = i + 5;
      if (e < n && text.charAt(e) == ',') {
        return e;
      }
      int k = e;
      while (k < n && k - e < 20 && Character.isLetter(text.charAt(k))) {
        k++;
      }
      if (k > e && k + 1 < n && text.charAt(k) == '/' && Character.isLetterOrDigit(text.charAt(k + 1))) {
        String type = text.substring(e, k).toLowerCase(Locale.ROOT);
        if (type.equals("text") || type.equals("image") || type.equals("application") || type.equals("audio")
            || type.equals("video")) {
          return e;
        }
      }
    }
    return -1;
  }

  private static boolean colonAt(String text, int i) {
    return i < text.length() && text.charAt(i) == ':';
  }

  /** End of "http://", "https://", "hxxp(s)://" at i, or -1. */
  private static final String[] SCHEMES = {"https://", "http://", "hxxps://", "hxxp://"};

  private static int scheme(String text, int i) {
    char c = text.charAt(i);
    if (c != 'h' && c != 'H') {
      return -1;
    }
    if (!colonAt(text, i + 4) && !colonAt(text, i + 5) && !colonAt(text, i + 6)) {
      return -1; // the ':' of "http:", "https:" / "hxxp:", "hxxps:" ("hằng", "help" have none)
    }
    for (String s : SCHEMES) {
      if (text.regionMatches(true, i, s, 0, s.length())) {
        return i + s.length();
      }
    }
    return -1;
  }

  private static boolean urlChar(char c) {
    return !(Character.isWhitespace(c) || c == '<' || c == '>' || c == '"' || c == '\'' || c == '(' || c == ')'
        || c == '[' || c == ']');
  }

  private static int urlEnd(String text, int from) {
    int e = from;
    while (e < text.length() && urlChar(text.charAt(e))) {
      e++;
    }
    return e;
  }

  private static void report(String text, int s, int e, String host, List<String> allowed, Sink sink) {
    while (e > s && ".,;:!?".indexOf(text.charAt(e - 1)) >= 0) {
      e--;
    }
    if (e > s && !allowed(host, allowed)) {
      sink.found(s, e, host);
    }
  }

  private static boolean labelChar(char c) {
    return TextChars.letterOrDigit(c) || c == '-';
  }

  /**
   * TLDs that " . " and " chấm " may stand before ("glowshop . beauty", "shopee chấm vn"): common
   * generic and regional ones, not English words ("in", "to", "me", "my", "us", "it", "is", "so", "no").
   */
  private static final Set<String> SPACED_TLDS = Set.of("com", "net", "org", "vn", "io", "co", "info", "biz", "xyz",
      "beauty", "shop", "store", "online", "site", "asia", "club", "top", "link", "app", "dev", "ai", "uk", "de", "fr",
      "jp", "kr", "cn", "tv", "ly", "gl", "cc", "ru", "sg", "th", "ph", "la", "kh", "live", "pro", "fun", "vip", "one",
      "website", "space", "tech", "today", "world", "life", "blog");

  /**
   * Length of a spaced dot (" . ", " .") or a spelled one in Vietnamese (" chấm ", " cham ") at i, when a
   * lower-case TLD of {@link #SPACED_TLDS} follows as a whole label; else 0. Looks at most 16 chars ahead.
   */
  private static int spacedDot(String text, int i) {
    int n = text.length();
    int m;
    // every form below has '.' or 'c' after its first char: one compare screens out most spaces
    char c1 = i + 1 < n ? text.charAt(i + 1) : 0;
    if (c1 != '.' && c1 != 'c') {
      return 0;
    }
    if (text.startsWith(" . ", i)) {
      m = 3;
    } else if (text.startsWith(" .", i)) {
      m = 2; // "glowshop .beauty"
    } else if (text.startsWith(" chấm ", i) || text.startsWith(" cham ", i)) {
      m = 6;
    } else {
      return 0;
    }
    int s = i + m;
    int e = s;
    while (e < n && e - s <= 10 && text.charAt(e) >= 'a' && text.charAt(e) <= 'z') {
      e++;
    }
    if (e == s || (e < n && labelChar(text.charAt(e)))) {
      return 0;
    }
    String tld = text.substring(s, e);
    if (SPACED_TLDS.contains(tld)) {
      return m;
    }
    // any other public suffix of three or more letters, after a label of ASCII letters or digits, where
    // the text goes on as a link would (end, punctuation, a path) rather than as a sentence ("tea . coffee is")
    if (tld.length() < 3 || i == 0 || !asciiLabelChar(text.charAt(i - 1)) || !publicSuffix(tld)) {
      return 0;
    }
    if (e == n || text.charAt(e) == '/' || ".,;:!?)".indexOf(text.charAt(e)) >= 0) {
      return m;
    }
    int k = e;
    while (k < n && text.charAt(k) == ' ') {
      k++;
    }
    return k > e && k < n && !Character.isLowerCase(text.charAt(k)) ? m : 0;
  }

  /**
   * True when the label at {@code s} after a spelled " dot " may end a host: a label that another dot or a path follows
   * ("lumiere dot co dot uk", "shop dot to/sale"), or a last label that is a public suffix of three or more letters
   * ("dot store", "dot com") or one of {@link #SPACED_TLDS}. A two-letter country code that is also an English word
   * ("then dot it on", "dot me", "dot to", "dot in") is a sentence. Looks at most 12 chars ahead.
   */
  private static boolean spelledDotTld(String text, int s) {
    int n = text.length();
    int e = s;
    while (e < n && e - s <= 11 && asciiLabelChar(text.charAt(e))) {
      e++;
    }
    if (e == s || (e < n && labelChar(text.charAt(e)))) {
      return e > s && e < n && text.charAt(e) == '-'; // "dot my-shop": a label goes on
    }
    if (e < n && (text.charAt(e) == '/' || (text.charAt(e) == '.' && e + 1 < n && asciiLabelChar(text.charAt(e + 1)))
        || text.regionMatches(true, e, " dot ", 0, 5))) {
      return true;
    }
    String tld = text.substring(s, e).toLowerCase(Locale.ROOT);
    return SPACED_TLDS.contains(tld) || (tld.length() >= 3 && publicSuffix(tld));
  }

  private static boolean asciiLabelChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /** True when {@code tld} (lower case) is a public suffix of one label in the PSL. */
  private static boolean publicSuffix(String tld) {
    try {
      return InternetDomainName.from(tld).isPublicSuffix();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Top-level domains a comma may stand for the dot before ("cupful,com"): common ones that are no
   * words, so lists ("red,blue,green", "tea,coffee") stay lists.
   */
  private static final Set<String> COMMA_TLDS = Set.of("com", "net", "org", "vn", "io", "info", "biz", "xyz", "edu", "gov");

  /** True when a comma at i joins a lower-case label and a TLD of {@link #COMMA_TLDS} ("cupful,com"). */
  private static boolean commaDot(String text, int i) {
    int n = text.length();
    if (i == 0 || !(text.charAt(i - 1) >= 'a' && text.charAt(i - 1) <= 'z' || text.charAt(i - 1) >= '0' && text.charAt(i - 1) <= '9')) {
      return false;
    }
    int s = i + 1;
    int e = s;
    while (e < n && e - s <= 4 && text.charAt(e) >= 'a' && text.charAt(e) <= 'z') {
      e++;
    }
    return e > s && (e >= n || !labelChar(text.charAt(e))) && COMMA_TLDS.contains(text.substring(s, e));
  }

  /** Length of a (possibly disguised) dot at i, or 0. */
  public static int dot(String text, int i) {
    int n = text.length();
    char c = text.charAt(i);
    if (c == '.') {
      return 1;
    }
    if (c == ',') {
      return commaDot(text, i) ? 1 : 0;
    }
    if (c == '[' || c == '(' || c == '{' || c == '<') {
      char close = c == '[' ? ']' : c == '(' ? ')' : c == '{' ? '}' : '>';
      if (i + 2 < n && text.charAt(i + 1) == '.' && text.charAt(i + 2) == close) {
        return 3;
      }
      if (i + 4 < n && text.regionMatches(true, i + 1, "dot", 0, 3) && text.charAt(i + 4) == close) {
        return 5;
      }
    }
    if (c == ' ') {
      if (i + 1 < n && (text.charAt(i + 1) | 0x20) == 'd' && text.regionMatches(true, i, " dot ", 0, 5)
          && spelledDotTld(text, i + 5)) {
        return 5;
      }
      int w = spacedDot(text, i);
      if (w > 0) {
        return w;
      }
      if (i + 1 < n && (text.charAt(i + 1) == '[' || text.charAt(i + 1) == '(')) {
        int d = dot(text, i + 1);
        if (d > 1) {
          return 1 + d + (i + 1 + d < n && text.charAt(i + 1 + d) == ' ' ? 1 : 0);
        }
      }
    }
    return 0;
  }

  /**
   * Reads a label chain starting at i; reports it when it is a domain outside the allow-list.
   *
   * @return the index after the chain (where scanning resumes)
   */
  private static int bareDomain(String text, char[] chars, int i, List<String> allowed, Sink sink) {
    final int n = text.length();
    // fast path: most words are not followed by a (disguised) dot
    int first = i;
    char fc;
    while (first < n && (TextChars.letterOrDigit(fc = chars[first]) || fc == '-')) {
      first++;
    }
    int firstDot;
    if (first >= n || (firstDot = dot(text, first)) == 0) {
      return first;
    }
    // a single label followed by a dot and no second label ("nhé. Our", "v1."): what the chain
    // below would find too (one label: not a domain), without building the host
    if (first + firstDot >= n || !labelChar(text.charAt(first + firstDot))) {
      return first;
    }
    int hostLen = 0; // the host is built below, once the chain may be a domain
    int k = i;
    int labels = 0;
    int lastLabelStart = -1;
    int lastLabelEnd = -1;
    boolean tooLong = false;
    boolean www = false;
    boolean disguised = false;
    while (true) {
      int ls = k;
      while (k < n && labelChar(text.charAt(k))) {
        k++;
      }
      if (k == ls) {
        break;
      }
      labels++;
      lastLabelStart = ls;
      lastLabelEnd = k;
      if (!tooLong) {
        if (hostLen + (k - ls) + 1 > MAX_HOST) {
          tooLong = true;
        } else {
          hostLen += (hostLen > 0 ? 1 : 0) + (k - ls);
        }
      }
      if (labels == 1 && k - ls == 3 && text.regionMatches(true, ls, "www", 0, 3)) {
        www = true;
      }
      if (k >= n) {
        break;
      }
      int d = dot(text, k);
      if (d == 0 || k + d >= n || !labelChar(text.charAt(k + d))) {
        break;
      }
      if (d > 1) {
        disguised = true;
      }
      k += d;
    }
    int end = lastLabelEnd;
    if (labels < 2 || tooLong) {
      return end;
    }
    // the character after the chain must not continue a word (e.g. "a.b@c" is an e-mail)
    if (end < n && (text.charAt(end) == '@' || text.charAt(end) == '_')) {
      return end;
    }
    for (int q = lastLabelStart; q < lastLabelEnd; q++) {
      if (Character.isDigit(chars[q])) {
        return end; // isDomain refuses a last label with a digit ("390.000đ", "v1.2")
      }
    }
    String tld = text.substring(lastLabelStart, lastLabelEnd);
    boolean path = end < n && text.charAt(end) == '/';
    if (!www && !path && !disguised && isTitleCase(tld) && !titleCaseShop(text, first, tld)) {
      return end; // "Hello.World" / "xong.Bạn": a missing space after a sentence, not a link
    }
    String h = chainHost(text, i, end).toLowerCase(Locale.ROOT);
    if (!isDomain(h)) {
      return end;
    }
    String lowTld = tld.toLowerCase(Locale.ROOT);
    if (!www && !path && labels == 2 && FILE_LIKE.contains(lowTld)) {
      return end;
    }
    if (!www && !path && !disguised && (end < n && text.charAt(end) == '(' || (labels == 2 && techName(text, i, first, tld)))) {
      return end; // code ("app.run(", "obj.info()") or a technology's name ("ASP.NET", "Socket.IO"), not a link
    }
    int e = path ? urlEnd(text, end) : end;
    if (h.startsWith("www.")) {
      h = h.substring(4);
    }
    report(text, i, e, h, allowed, sink);
    return e;
  }

  /**
   * Shop and web TLDs that, Title Case after a Title Case name, make a shop's link ("Lumiere.Store", "GlowShop.Beauty",
   * "Lumiere.Com"), not a sentence run on: a sentence rarely ends on a capitalised word and goes on with one of these.
   */
  private static final Set<String> TITLE_LINK_TLDS = Set.of("com", "net", "org", "vn", "io", "shop", "store", "beauty",
      "online", "site", "asia", "xyz", "club", "app", "skin", "boutique");

  /** True when a two-label chain is "Name.Store": the first label starts upper case and the TLD is a shop/web TLD. */
  private static boolean titleCaseShop(String text, int firstEnd, String tld) {
    int s = firstEnd;
    while (s > 0 && labelChar(text.charAt(s - 1))) {
      s--;
    }
    return s < firstEnd && Character.isUpperCase(text.charAt(s)) && TITLE_LINK_TLDS.contains(tld.toLowerCase(Locale.ROOT))
        && firstEnd < text.length() && text.charAt(firstEnd) == '.';
  }

  /** The labels of the chain {@code text[k, end)} (read by {@link #bareDomain}) joined by plain dots. */
  private static String chainHost(String text, int k, int end) {
    StringBuilder host = new StringBuilder(end - k);
    while (true) {
      int ls = k;
      while (k < end && labelChar(text.charAt(k))) {
        k++;
      }
      if (host.length() > 0) {
        host.append('.');
      }
      host.append(text, ls, k);
      if (k >= end) {
        return host.toString();
      }
      k += dot(text, k);
    }
  }

  /**
   * True when a bare two-label name {@code text[s, firstEnd)} "." {@code tld} is typed the way
   * technology and product names are, not the way links are: the suffix in capitals after a label
   * with a capital ("ASP.NET", "VB.NET", "ML.NET", "Socket.IO", "Math.NET", "Character.AI"). An
   * all-capital name counts only with a short acronym before {@code NET} (the .NET family), so a
   * shouted link ("GLOWSHOP.NET", "BIT.LY") is still a link, and so is any name in lower case.
   */
  static boolean techName(String text, int s, int firstEnd, String tld) {
    for (int k = 0; k < tld.length(); k++) {
      if (!Character.isUpperCase(tld.charAt(k))) {
        return false;
      }
    }
    boolean upper = false;
    boolean lower = false;
    for (int k = s; k < firstEnd; k++) {
      char c = text.charAt(k);
      upper |= Character.isUpperCase(c);
      lower |= Character.isLowerCase(c);
    }
    if (upper && lower) {
      return Character.isUpperCase(text.charAt(s)); // "Socket.IO", not "gLOWSHOP.IO"
    }
    return upper && tld.equals("NET") && firstEnd - s <= 4;
  }

  private static boolean isTitleCase(String s) {
    if (s.length() < 2 || !Character.isUpperCase(s.charAt(0))) {
      return false;
    }
    for (int k = 1; k < s.length(); k++) {
      if (!Character.isLowerCase(s.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  /** True when {@code host} (lower case) ends in a public suffix of the PSL, or a reserved TLD, below at least one label. */
  public static boolean isDomain(String host) {
    int lastDot = host.lastIndexOf('.');
    if (lastDot <= 0 || lastDot == host.length() - 1) {
      return false;
    }
    String tld = host.substring(lastDot + 1);
    for (int k = 0; k < tld.length(); k++) {
      if (Character.isDigit(tld.charAt(k))) {
        return false;
      }
    }
    if (RESERVED.contains(tld)) {
      return true;
    }
    try {
      InternetDomainName d = InternetDomainName.from(host);
      return d.isUnderPublicSuffix();
    } catch (IllegalArgumentException | IllegalStateException e) {
      return false;
    }
  }

  /** The host of a link text (after the scheme, if any): disguised dots undone, user info, port, path and "www." removed. */
  public static String hostOf(String rest) {
    StringBuilder sb = new StringBuilder();
    int n = rest.length();
    for (int k = 0; k < n && sb.length() <= MAX_HOST; ) {
      char c = rest.charAt(k);
      if (c == '/' || c == '?' || c == '#') {
        break;
      }
      if (c == '@') {
        sb.setLength(0);
        k++;
        continue;
      }
      int d = c == '.' ? 1 : (c == '[' || c == '(' || c == ' ') ? dot(rest, k) : 0;
      if (d > 0) {
        sb.append('.');
        k += d;
        continue;
      }
      sb.append(Character.toLowerCase(c));
      k++;
    }
    String s = sb.toString();
    int colon = s.indexOf(':');
    if (colon >= 0) {
      s = s.substring(0, colon);
    }
    while (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.startsWith("www.")) {
      s = s.substring(4);
    }
    return s;
  }

  public static String host(String link) {
    String s = link;
    int scheme = s.indexOf("://");
    if (scheme >= 0) {
      s = s.substring(scheme + 3);
    }
    return hostOf(s);
  }

  public static boolean allowed(String host, List<String> allowed) {
    for (String d : allowed) {
      if (host.equals(d) || host.endsWith("." + d)) {
        return true;
      }
    }
    return false;
  }
}
