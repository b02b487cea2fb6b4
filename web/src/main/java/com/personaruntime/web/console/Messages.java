package com.personaruntime.web.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The console's UI texts in Vietnamese and English.
 *
 * <p>Loaded once at start from UTF-8 {@code .properties} files on the classpath: the shared
 * {@code console/messages_<lang>.properties} plus {@code console/<area>/messages_<lang>.properties}
 * of every registered area. A key missing in Vietnamese falls back to English, a key missing in
 * both is shown as the key itself (so a missing text is visible, never an error). Placeholders
 * are {@code {0}}, {@code {1}}, ... replaced literally (no MessageFormat quoting rules, so
 * apostrophes need no escaping).
 */
public final class Messages {
  /** UI languages, the default first. */
  public static final List<String> LANGUAGES = List.of("en", "vi");

  private final Map<String, Map<String, String>> byLang = new HashMap<>();

  /** Loads the shared bundle and the bundles of the given areas. */
  public Messages(List<String> areas) {
    for (String lang : LANGUAGES) {
      Map<String, String> texts = new HashMap<>();
      load(texts, "console/messages_" + lang + ".properties");
      for (String area : areas) {
        load(texts, "console/" + area + "/messages_" + lang + ".properties");
      }
      byLang.put(lang, Map.copyOf(texts));
    }
  }

  private static void load(Map<String, String> into, String resource) {
    try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        return; // an area without texts of its own
      }
      Properties p = new Properties();
      try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        p.load(r);
      }
      p.forEach((k, v) -> into.put((String) k, (String) v));
    } catch (IOException e) {
      throw new IllegalStateException("console messages " + resource + ": " + e.getMessage(), e);
    }
  }

  /** The text of {@code key} in {@code lang} (en/vi) with {@code {0}}... replaced by {@code args}. */
  public String text(String lang, String key, Object... args) {
    String s = byLang.getOrDefault(lang, Map.of()).get(key);
    if (s == null) {
      s = byLang.get("en").get(key);
    }
    if (s == null) {
      return key;
    }
    for (int i = 0; i < args.length; i++) {
      s = s.replace("{" + i + "}", String.valueOf(args[i]));
    }
    return s;
  }

  /** Every key of a language (for tests that compare the bundles). */
  public Map<String, String> all(String lang) {
    return byLang.getOrDefault(lang, Map.of());
  }

  /** Normalises a language tag to a UI language, or {@code null} when it is neither. */
  public static String uiLanguage(String tag) {
    if (tag == null) {
      return null;
    }
    String primary = tag.strip().toLowerCase(Locale.ROOT);
    int dash = primary.indexOf('-');
    if (dash > 0) {
      primary = primary.substring(0, dash);
    }
    return LANGUAGES.contains(primary) ? primary : null;
  }
}
