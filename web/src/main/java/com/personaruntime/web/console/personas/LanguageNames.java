package com.personaruntime.web.console.personas;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the new-persona form's languages field: ISO 639-1 codes ({@code "vi, en"}), region tags
 * ({@code "en-US"}, read as {@code en}) and the names people type instead, in Vietnamese or English, with or
 * without diacritics ({@code "Tiếng Việt, English"}, {@code "Vietnamese / Tiếng Anh"}, {@code "tieng viet"}).
 * Entries are separated by commas, semicolons, slashes or line breaks; within an entry that is not a known
 * name, spaces separate codes ({@code "vi en"}). Duplicates are dropped; the order is kept (the first is the
 * default reply language).
 *
 * <p>Linear scans only (no regular expressions over what was typed).
 */
public final class LanguageNames {
  private LanguageNames() {
  }

  /**
   * The outcome of reading the field.
   *
   * @param codes   the ISO 639-1 codes read, in order, without duplicates
   * @param unknown the first entry that is neither a code nor a known name (as typed, stripped), or null
   */
  public record Parsed(List<String> codes, String unknown) {
  }

  /** Known names (folded: lower case, no diacritics, single spaces) to codes. */
  private static final Map<String, String> NAMES = Map.ofEntries(
      Map.entry("tieng viet", "vi"), Map.entry("viet", "vi"), Map.entry("vietnamese", "vi"),
      Map.entry("viet nam", "vi"), Map.entry("tieng viet nam", "vi"), Map.entry("vietnam", "vi"),
      Map.entry("english", "en"), Map.entry("tieng anh", "en"), Map.entry("anh", "en"),
      Map.entry("chinese", "zh"), Map.entry("mandarin", "zh"), Map.entry("tieng trung", "zh"),
      Map.entry("tieng hoa", "zh"), Map.entry("tieng trung quoc", "zh"), Map.entry("trung", "zh"),
      Map.entry("中文", "zh"), Map.entry("japanese", "ja"), Map.entry("tieng nhat", "ja"), Map.entry("日本語", "ja"),
      Map.entry("korean", "ko"), Map.entry("tieng han", "ko"), Map.entry("tieng han quoc", "ko"),
      Map.entry("한국어", "ko"), Map.entry("thai", "th"), Map.entry("tieng thai", "th"), Map.entry("ไทย", "th"),
      Map.entry("french", "fr"), Map.entry("tieng phap", "fr"), Map.entry("francais", "fr"),
      Map.entry("german", "de"), Map.entry("tieng duc", "de"), Map.entry("deutsch", "de"),
      Map.entry("spanish", "es"), Map.entry("tieng tay ban nha", "es"), Map.entry("espanol", "es"),
      Map.entry("italian", "it"), Map.entry("tieng y", "it"), Map.entry("italiano", "it"),
      Map.entry("portuguese", "pt"), Map.entry("tieng bo dao nha", "pt"), Map.entry("portugues", "pt"),
      Map.entry("indonesian", "id"), Map.entry("tieng indonesia", "id"), Map.entry("bahasa indonesia", "id"),
      Map.entry("malay", "ms"), Map.entry("tieng ma lai", "ms"), Map.entry("tieng malaysia", "ms"),
      Map.entry("russian", "ru"), Map.entry("tieng nga", "ru"), Map.entry("khmer", "km"),
      Map.entry("tieng khmer", "km"), Map.entry("tieng campuchia", "km"), Map.entry("lao", "lo"),
      Map.entry("tieng lao", "lo"), Map.entry("filipino", "tl"), Map.entry("tagalog", "tl"),
      Map.entry("hindi", "hi"), Map.entry("tieng an do", "hi"), Map.entry("arabic", "ar"),
      Map.entry("tieng a rap", "ar"), Map.entry("dutch", "nl"), Map.entry("tieng ha lan", "nl"));

  /** Reads the field's text (null or blank: no codes). */
  public static Parsed parse(String text) {
    LinkedHashSet<String> codes = new LinkedHashSet<>();
    if (text == null) {
      return new Parsed(List.of(), null);
    }
    for (String entry : split(text, ",;/\n\r")) {
      String folded = fold(entry);
      if (folded.isEmpty()) {
        continue;
      }
      String code = code(folded);
      if (code != null) {
        codes.add(code);
        continue;
      }
      // "vi en", or a name after a code: each word on its own
      for (String word : split(folded, " \t")) {
        String c = code(word);
        if (c == null) {
          return new Parsed(List.copyOf(codes), firstWordAsTyped(entry, word));
        }
        codes.add(c);
      }
    }
    return new Parsed(List.copyOf(codes), null);
  }

  /** A code for one folded entry: a known name, a two-letter code or a region tag ("en-us"), else null. */
  private static String code(String folded) {
    String named = NAMES.get(folded);
    if (named != null) {
      return named;
    }
    int dash = folded.indexOf('-');
    if (dash < 0) {
      dash = folded.indexOf('_');
    }
    String base = dash < 0 ? folded : folded.substring(0, dash);
    if (base.length() == 2 && Character.isLetter(base.charAt(0)) && base.charAt(0) < 128
        && Character.isLetter(base.charAt(1)) && base.charAt(1) < 128) {
      return base;
    }
    return null;
  }

  /** The word of {@code entry} that did not read, as the user typed it (for the error message). */
  private static String firstWordAsTyped(String entry, String foldedWord) {
    for (String w : split(entry, " \t")) {
      if (fold(w).equals(foldedWord)) {
        return w;
      }
    }
    return entry.strip();
  }

  /** Lower case, without diacritics (đ as d), inner runs of spaces as one space, stripped. */
  static String fold(String s) {
    String d = Normalizer.normalize(s, Normalizer.Form.NFD);
    StringBuilder b = new StringBuilder(d.length());
    boolean space = false;
    for (int i = 0; i < d.length(); i++) {
      char c = d.charAt(i);
      if (Character.getType(c) == Character.NON_SPACING_MARK) {
        continue;
      }
      if (Character.isWhitespace(c)) {
        space = b.length() > 0;
        continue;
      }
      if (space) {
        b.append(' ');
        space = false;
      }
      b.append(c == 'đ' || c == 'Đ' ? 'd' : Character.toLowerCase(c));
    }
    return Normalizer.normalize(b.toString(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }

  private static List<String> split(String s, String separators) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || separators.indexOf(s.charAt(i)) >= 0) {
        String part = s.substring(start, i).strip();
        if (!part.isEmpty()) {
          parts.add(part);
        }
        start = i + 1;
      }
    }
    return parts;
  }
}
