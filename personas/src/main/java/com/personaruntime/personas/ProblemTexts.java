package com.personaruntime.personas;

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
 * A persona document's {@link ValidationProblem problems} in the reader's language.
 *
 * <p>English is the problems' own {@link ValidationProblem#message() message}. Other languages
 * (today Vietnamese) come from {@code personas/problems_<lang>.properties} on the class path: one
 * text per {@link ValidationProblem#code() code}, with {@code {0}}, {@code {1}}, ... replaced by
 * the problem's {@link ValidationProblem#args() arguments} (literally, no MessageFormat quoting).
 * A problem without a code, or whose code has no text in the language, keeps its English message,
 * so nothing is ever hidden; type mismatches of the YAML view ("expected a list of strings, got a
 * number") are such problems.
 */
public final class ProblemTexts {
  private static final Map<String, Map<String, String>> BY_LANG = load(List.of("vi"));

  private ProblemTexts() {
  }

  private static Map<String, Map<String, String>> load(List<String> langs) {
    Map<String, Map<String, String>> out = new HashMap<>();
    for (String lang : langs) {
      String resource = "personas/problems_" + lang + ".properties";
      try (InputStream in = ProblemTexts.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("missing class path resource " + resource);
        }
        Properties p = new Properties();
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
          p.load(r);
        }
        Map<String, String> texts = new HashMap<>();
        p.forEach((k, v) -> texts.put((String) k, (String) v));
        out.put(lang, Map.copyOf(texts));
      } catch (IOException e) {
        throw new IllegalStateException(resource + ": " + e.getMessage(), e);
      }
    }
    return Map.copyOf(out);
  }

  /**
   * The problem's message in {@code lang} (an ISO 639-1 code such as {@code "vi"}; {@code null} or
   * an unknown language means English), without its path.
   */
  public static String message(ValidationProblem problem, String lang) {
    String text = lang == null ? null
        : BY_LANG.getOrDefault(lang.toLowerCase(Locale.ROOT), Map.of()).get(problem.code());
    if (text == null || problem.code().isEmpty()) {
      return problem.message();
    }
    List<String> args = problem.args();
    for (int i = 0; i < args.size(); i++) {
      text = text.replace("{" + i + "}", args.get(i));
    }
    return text;
  }

  /** Whether {@code lang} has texts of its own (English always has: the problems' messages). */
  public static boolean translates(String lang, String code) {
    return lang != null && BY_LANG.getOrDefault(lang, Map.of()).containsKey(code);
  }
}
