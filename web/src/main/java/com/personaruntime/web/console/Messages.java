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

  /** Prefix of the keys that name guardrail rules in people's words ({@code rule.<ruleId>}). */
  public static final String RULE_PREFIX = "rule.";
  /** Prefix of the keys of the guard's decisions ({@code verdict.allow|rewrite|flag|block}). */
  public static final String VERDICT_PREFIX = "verdict.";

  /**
   * The label of a guardrail rule id in {@code lang} (e.g. {@code prompt_injection} -> "Prompt injection
   * attempt" / "Cố chèn lệnh (prompt injection)"), from the {@code rule.<id>} keys; an id without one is
   * returned as it is (RuleLabelsTest keeps every id the guardrails can report labelled).
   */
  public String ruleLabel(String lang, String ruleId) {
    if (ruleId == null) {
      return "";
    }
    String key = RULE_PREFIX + ruleId;
    String s = text(lang, key);
    return s.equals(key) ? ruleId : s;
  }

  /**
   * The labels scripts need, as {@code {"rules":{id:label},"verdicts":{decision:label},"routes":{route:label}}}
   * in {@code lang}
   * (the layout hands it to every page's scripts in {@code <meta name="console-labels">}).
   */
  public Map<String, Map<String, String>> labels(String lang) {
    Map<String, String> rules = new java.util.TreeMap<>();
    Map<String, String> verdicts = new java.util.TreeMap<>();
    Map<String, String> routes = new java.util.TreeMap<>();
    for (String key : byLang.get("en").keySet()) {
      if (key.startsWith(RULE_PREFIX)) {
        rules.put(key.substring(RULE_PREFIX.length()), text(lang, key));
      } else if (key.startsWith(VERDICT_PREFIX)) {
        verdicts.put(key.substring(VERDICT_PREFIX.length()), text(lang, key));
      } else if (key.startsWith("route.")) {
        routes.put(key.substring("route.".length()), text(lang, key));
      }
    }
    return Map.of("rules", rules, "verdicts", verdicts, "routes", routes);
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
