package com.personaruntime.runtime.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.personas.Persona;
import com.personaruntime.personas.PersonaDocuments;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The AI disclosure is said in the conversation's language when the persona speaks it (the newcomer's report: an
 * English visitor of a Vietnamese-first persona got it in Vietnamese while every other line was English), with the
 * persona's own label for that language; the visitor's language is read from a page or Accept-Language list.
 */
class DisclosuresLanguageTest {
  static final Persona GIO = PersonaDocuments.parse("gio.yaml", """
      id: gio
      brand: xe-dap-gio
      name: Gió
      languages: [vi, en]
      disclosure:
        jurisdictions: [VN]
        ai_label: { vi: "Nhãn AI của Gió", en: "Gió's AI label" }
      """).orElseThrow();
  static final Persona MILO = PersonaDocuments.parse("milo.yaml", """
      id: milo
      brand: brewhaus
      name: Milo
      languages: [en]
      """).orElseThrow();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "en-US,en                 | en",
      "en-GB                    | en",
      "EN                       | en",
      "vi-VN,vi;q=0.9,en;q=0.8  | vi",
      "fr-FR,fr;q=0.9,en;q=0.8  | en",
      "en;q=0.5,vi              | vi",
      "de-DE,fr                 | null",
      "*                        | null",
      "en;q=0                   | null",
      "en;q=abc,vi;q=0.3        | vi",
      "' , ;, -en'              | null",
      "null                     | null",
  })
  void theVisitorsFirstLanguageThePersonaSpeaks(String preferences, String expected) {
    assertThat(Disclosures.visitorLanguage(GIO, preferences)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "en   | You are chatting with Gió, an AI assistant for Xe Đạp Gió — not a human. Gió's AI label",
      "vi   | Bạn đang trò chuyện với Gió, trợ lý AI của Xe Đạp Gió — không phải người thật. Nhãn AI của Gió",
      "null | Bạn đang trò chuyện với Gió",
      "fr   | Bạn đang trò chuyện với Gió",
  })
  void theDisclosureIsInTheGivenLanguageWithThatLanguagesLabel(String language, String start) {
    assertThat(Disclosures.aiDisclosure(GIO, "Xe Đạp Gió", language)).startsWith(start);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(nullValues = "null", value = {"vi", "en", "null"})
  void aPersonaThatDoesNotSpeakTheLanguageKeepsItsOwn(String language) {
    assertThat(Disclosures.aiDisclosure(MILO, "Brewhaus", language))
        .startsWith("You are chatting with Milo, an AI assistant for Brewhaus").contains("AI-generated");
  }
}
