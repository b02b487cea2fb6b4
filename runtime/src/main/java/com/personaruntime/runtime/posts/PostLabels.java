package com.personaruntime.runtime.posts;

import com.personaruntime.personas.Persona;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The visible labels one post carries, in order: the sponsored labels (sponsored posts only) go
 * first, the AI labels at the end, or right after the sponsored labels where a jurisdiction wants
 * the AI label at the start (CN). Labels come from the persona's {@code disclosure} section per
 * language, else the defaults below (the same as the guardrails' defaults, so the guard recognises
 * them).
 *
 * @param sponsored the sponsored labels, e.g. {@code ["#ad", "#quảngcáo"]}; empty when not sponsored
 * @param ai        the AI labels, e.g. {@code ["AI-generated", "Nội dung do AI tạo ra"]}; never empty
 * @param aiAtStart whether the AI labels go at the start
 * @param languages the label languages: the post's, then those the jurisdictions add
 */
public record PostLabels(List<String> sponsored, List<String> ai, boolean aiAtStart, List<String> languages) {
  static final Map<String, String> DEFAULT_AI = Map.of(
      "vi", "Nội dung do AI tạo ra", "en", "AI-generated", "zh", "AI生成内容", "fr", "Contenu généré par IA",
      "de", "KI-generiert", "es", "Generado por IA");
  static final Map<String, String> DEFAULT_SPONSORED = Map.of(
      "vi", "#quảngcáo", "en", "#ad", "zh", "#广告", "fr", "#publicité", "de", "#anzeige", "es", "#publicidad");

  public PostLabels {
    sponsored = List.copyOf(sponsored);
    ai = List.copyOf(ai);
    languages = List.copyOf(languages);
  }

  /**
   * The labels of a post by a persona: for the post's language, plus the language each of the
   * persona's jurisdictions requires (VN: Vietnamese, CN: Chinese).
   */
  public static PostLabels of(Persona persona, String language, boolean sponsored) {
    Set<String> langs = new LinkedHashSet<>();
    langs.add(language);
    boolean aiAtStart = false;
    for (String code : persona.disclosure().jurisdictions()) {
      Jurisdiction j;
      try {
        j = Jurisdiction.of(code);
      } catch (IllegalArgumentException e) {
        continue; // validated when the persona was loaded
      }
      if (j.requiredLanguage() != null) {
        langs.add(j.requiredLanguage());
      }
      aiAtStart |= j.aiLabelAtStart();
    }
    List<String> ai = new ArrayList<>();
    List<String> sp = new ArrayList<>();
    for (String l : langs) {
      String a = label(persona.disclosure().aiLabel(), DEFAULT_AI, l);
      if (!ai.contains(a)) {
        ai.add(a);
      }
      if (sponsored) {
        String s = label(persona.disclosure().sponsoredLabel(), DEFAULT_SPONSORED, l);
        if (!sp.contains(s)) {
          sp.add(s);
        }
      }
    }
    return new PostLabels(sp, ai, aiAtStart, List.copyOf(langs));
  }

  private static String label(Map<String, String> own, Map<String, String> defaults, String lang) {
    String v = own.get(lang);
    if (v == null || v.isBlank()) {
      v = defaults.get(lang);
    }
    return v != null ? v : defaults.get("en");
  }

  /** Every visible label, in the order it appears in the post. */
  public List<String> visible() {
    List<String> out = new ArrayList<>(sponsored);
    out.addAll(ai);
    return out;
  }

  /** The AI labels joined as they appear in the text. */
  public String aiText() {
    return String.join(" · ", ai);
  }

  /** The sponsored labels joined as they appear in the text ("" when not sponsored). */
  public String sponsoredText() {
    return String.join(" ", sponsored);
  }
}
