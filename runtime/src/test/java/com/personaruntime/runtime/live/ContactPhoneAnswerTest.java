package com.personaruntime.runtime.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.composer.ComposerChatModel;
import com.personaruntime.guardrails.CheckContext;
import com.personaruntime.guardrails.Policies;
import com.personaruntime.guardrails.Policy;
import com.personaruntime.guardrails.Verdict;
import com.personaruntime.personas.Persona;
import com.personaruntime.personas.PersonaDocuments;
import com.personaruntime.personas.PersonaPolicies;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A persona's {@code contact.phone} is something its offline composer can tell, and its guard lets it through (the
 * pii rules redact every other number).
 */
class ContactPhoneAnswerTest {
  static Persona persona(String languages, String phone) {
    return PersonaDocuments.parse("shop.yaml", """
        id: may
        brand: may-bakery
        name: Mây
        languages: %s
        knowledge:
          - id: croissant
            title: "Croissant bơ Pháp"
            text: "Croissant làm từ bơ Pháp, giá 35.000 đ một cái."
            tags: [product]
        contact:
          phone: "%s"
        """.formatted(languages, phone)).orElseThrow();
  }

  @ParameterizedTest(name = "{1}: {2}")
  @CsvSource(delimiter = '|', textBlock = """
      [vi, en] | vi | sđt shop là gì vậy
      [vi, en] | vi | cho mình xin số hotline
      [vi, en] | vi | so dien thoai cua shop
      [en, vi] | en | What's your phone number?
      [en, vi] | en | can I call you? what number
      """)
  void aPhoneQuestionIsAnsweredWithTheContactPhoneAndTheGuardKeepsIt(String languages, String lang, String question) {
    Persona p = persona(languages, "0263 3 123 456");
    ComposerChatModel composer = ComposerChatModel.create(ComposerModels.toComposer(p, null, "Mây Bakery"),
        Runnable::run);
    String reply = composer.compose(question).text();
    assertThat(reply).as(question).contains("0263 3 123 456");
    // the title introduces the number once ("Contact phone number (hotline): 0263 3 123 456 (Mây Bakery).")
    assertThat(reply.split("hotline", -1)).as(reply).hasSizeLessThanOrEqualTo(2);
    Policy policy = Policies.compile(PersonaPolicies.toPolicyConfig(p));
    Verdict v = policy.check(reply, CheckContext.chatOutput().withLanguage(lang));
    assertThat(v.text()).as(v.toString()).isEqualTo(reply);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      [vi, en]
      [en]
      """)
  void withoutAPhoneNoEntryIsAdded(String languages) {
    Persona p = PersonaDocuments.parse("shop.yaml", """
        id: may
        brand: may-bakery
        name: Mây
        languages: %s
        contact: {email: hi@may.example}
        """.formatted(languages)).orElseThrow();
    assertThat(ComposerModels.phoneEntry(p, "Mây Bakery")).isNull();
    assertThat(ComposerModels.toComposer(p).knowledge()).isEmpty();
  }
}
