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

  static void scan(String text, List<String> allowed, Sink sink) {
    if (text.indexOf('.') < 0 && text.indexOf("dot") < 0) {
      return;
    }
    Matcher m = LINK.matcher(text);
    while (m.find()) {
      String host = host(m.group());
      if (!allowed(host, allowed)) {
        int end = m.end();
        while (end > m.start() && ".,;:!?".indexOf(text.charAt(end - 1)) >= 0) {
          end--;
        }
        sink.found(m.start(), end, host);
      }
    }
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
