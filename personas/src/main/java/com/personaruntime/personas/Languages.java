package com.personaruntime.personas;

import java.util.Locale;
import java.util.Set;

/** ISO 639-1 language codes (the two-letter set, current and withdrawn-but-common {@code bh}). */
final class Languages {

  private static final Set<String> CODES = Set.of(
      "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az",
      "ba", "be", "bg", "bh", "bi", "bm", "bn", "bo", "br", "bs",
      "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy",
      "da", "de", "dv", "dz",
      "ee", "el", "en", "eo", "es", "et", "eu",
      "fa", "ff", "fi", "fj", "fo", "fr", "fy",
      "ga", "gd", "gl", "gn", "gu", "gv",
      "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz",
      "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu",
      "ja", "jv",
      "ka", "kg", "ki", "kj", "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky",
      "la", "lb", "lg", "li", "ln", "lo", "lt", "lu", "lv",
      "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my",
      "na", "nb", "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny",
      "oc", "oj", "om", "or", "os",
      "pa", "pi", "pl", "ps", "pt",
      "qu",
      "rm", "rn", "ro", "ru", "rw",
      "sa", "sc", "sd", "se", "sg", "si", "sk", "sl", "sm", "sn", "so", "sq", "sr", "ss", "st",
      "su", "sv", "sw",
      "ta", "te", "tg", "th", "ti", "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty",
      "ug", "uk", "ur", "uz",
      "ve", "vi", "vo",
      "wa", "wo",
      "xh",
      "yi", "yo",
      "za", "zh", "zu");

  private Languages() {}

  static boolean isCode(String code) {
    return CODES.contains(code);
  }

  /** Why {@code code} is not a valid language code, or {@code null} if it is one. */
  static String problem(String code) {
    if (CODES.contains(code)) {
      return null;
    }
    String lower = code.toLowerCase(Locale.ROOT);
    if (CODES.contains(lower)) {
      return "language codes are lower case: write '" + lower + "', got '" + code + "'";
    }
    if (lower.length() > 2 && (lower.charAt(2) == '-' || lower.charAt(2) == '_')
        && CODES.contains(lower.substring(0, 2))) {
      return "expected a two-letter ISO 639-1 code without a region: write '"
          + lower.substring(0, 2) + "', got '" + code + "'";
    }
    return "unknown language code '" + code + "', expected an ISO 639-1 code such as 'en' or 'vi'";
  }
}
