package com.personaruntime.guardrails;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/*
 * Links in the ORIGINAL text: anything with a scheme or "www.", and bare domains with a common
 * TLD (so "e.g." or "v1.2" are not links). Obfuscated dots "[.]", "(.)", " dot " count as dots.
 * A link is allowed when its host equals an allowed domain or is a subdomain of one.
 */
final class Links {
  private static final String DOT = "(?:\\.|\\[\\.\\]|\\(\\.\\)|\\s?\\[dot\\]\\s?|\\s?\\(dot\\)\\s?| dot )";
  private static final String TLD = "(?:com|net|org|io|vn|co|me|info|biz|xyz|shop|store|app|dev|ly|gl|link|site|online|top|club|live|tv|us|uk|ru|cn|ai|gg|to|cc|example)";
  private static final Pattern LINK = Pattern.compile(
      "(?i)(?<![\\p{L}\\p{N}@._\\-])(?:(?:https?://|www" + DOT + ")[^\\s<>\"'()\\[\\]]+"
          + "|(?:[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?" + DOT + ")+" + TLD + "(?:" + DOT + "[a-z]{2})?(?![\\p{L}\\p{N}])(?:/[^\\s<>\"']*)?)");

  interface Sink {
    void found(int start, int end, String host);
  }

  private Links() {
  }

  /*
   * The regex runs only on regions around candidates ('.', "://", "[", "(", " dot "): from two
   * words before to two words after, with transparent bounds. Sentence dots fail fast there.
   */
  static void scan(String text, List<String> allowed, Sink sink) {
    final int n = text.length();
    Matcher m = null;
    int scannedTo = 0;
    int lastStart = -1;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      boolean cand = (c == '.' && i > 0 && i + 1 < n && Character.isLetterOrDigit(text.charAt(i - 1))
              && Character.isLetter(text.charAt(i + 1)))
          || (c == '[' && (text.startsWith("[.]", i) || text.startsWith("[dot]", i)))
          || (c == '(' && (text.startsWith("(.)", i) || text.startsWith("(dot)", i)))
          || (c == ':' && text.startsWith("://", i))
          || (c == ' ' && text.startsWith(" dot ", i));
      if (!cand || i < scannedTo) {
        continue;
      }
      int s = wordStart(text, wordStart(text, i) - 1);
      s = wordStart(text, s - 1);
      int e = wordEnd(text, wordEnd(text, i + 1) + 1);
      e = wordEnd(text, e + 1);
      s = Math.max(s, scannedTo);
      m = m == null ? LINK.matcher(text) : m;
      m.region(s, e).useTransparentBounds(true).useAnchoringBounds(false);
      while (m.find()) {
        if (m.start() <= lastStart) {
          continue;
        }
        lastStart = m.start();
        String host = host(m.group());
        if (!allowed(host, allowed)) {
          int end = m.end();
          while (end > m.start() && ".,;:!?".indexOf(text.charAt(end - 1)) >= 0) {
            end--;
          }
          sink.found(m.start(), end, host);
        }
        e = Math.max(e, m.end());
      }
      scannedTo = Math.max(i + 1, wordStart(text, e));
    }
  }

  private static int wordStart(String text, int i) {
    if (i <= 0) {
      return 0;
    }
    int k = Math.min(i, text.length());
    while (k > 0 && Character.isWhitespace(text.charAt(k - 1))) {
      k--;
    }
    while (k > 0 && !Character.isWhitespace(text.charAt(k - 1))) {
      k--;
    }
    return k;
  }

  private static int wordEnd(String text, int i) {
    int n = text.length();
    if (i >= n) {
      return n;
    }
    int k = i;
    while (k < n && Character.isWhitespace(text.charAt(k))) {
      k++;
    }
    while (k < n && !Character.isWhitespace(text.charAt(k))) {
      k++;
    }
    return k;
  }

  static String host(String link) {
    String s = link.toLowerCase(Locale.ROOT)
        .replace("[.]", ".").replace("(.)", ".").replaceAll("\\s?\\[dot\\]\\s?", ".").replaceAll("\\s?\\(dot\\)\\s?", ".")
        .replace(" dot ", ".");
    int scheme = s.indexOf("://");
    if (scheme >= 0) {
      s = s.substring(scheme + 3);
    }
    int cut = s.length();
    for (char c : new char[] {'/', '?', '#', ':'}) {
      int i = s.indexOf(c);
      if (i >= 0 && i < cut) {
        cut = i;
      }
    }
    s = s.substring(0, cut);
    int at = s.lastIndexOf('@');
    if (at >= 0) {
      s = s.substring(at + 1);
    }
    while (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.startsWith("www.")) {
      s = s.substring(4);
    }
    return s;
  }

  static boolean allowed(String host, List<String> allowed) {
    for (String d : allowed) {
      if (host.equals(d) || host.endsWith("." + d)) {
        return true;
      }
    }
    return false;
  }
}
