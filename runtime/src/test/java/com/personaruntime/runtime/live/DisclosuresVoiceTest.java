package com.personaruntime.runtime.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.personas.Persona;
import com.personaruntime.personas.PersonaDocuments;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The runtime's own Vietnamese lines (held, withheld, rejected, expired, refused, interrupted) speak in the persona's
 * voice, as its replies do: a persona that calls itself by its name ("xưng 'Mây'") or "em" and its audience
 * "anh/chị" does not suddenly say "mình/bạn" when a reply is held. English lines say "I" and "you" whatever the voice.
 */
class DisclosuresVoiceTest {
  static Persona persona(String style, String greeting) {
    return PersonaDocuments.parse("may.yaml", """
        id: may
        brand: may-tea
        name: Mây
        languages: [vi, en]
        voice:
          style: [%s]
          greeting: "%s"
        """.formatted(style, greeting)).orElseThrow();
  }

  private static List<String> lines(Persona p, String lang) {
    return List.of(Disclosures.withheld(p, lang), Disclosures.held(p, lang), Disclosures.rejected(p, lang),
        Disclosures.expired(p, lang), Disclosures.inputRefused(p, lang), Disclosures.interrupted(p, lang));
  }

  @Test
  void aPersonaThatCallsItselfByItsNameSaysItsNameInEveryLine() {
    Persona p = persona("\"xưng 'Mây', gọi khách là 'bạn'\"", "Mây chào bạn nè!");
    assertThat(Disclosures.held(p, "vi")).isEqualTo("Câu này Mây cần hỏi lại đội ngũ một chút rồi trả lời bạn ngay nhé!");
    assertThat(Disclosures.rejected(p, "vi")).startsWith("Mây đã hỏi lại đội ngũ: câu này Mây không trả lời được.");
    for (String line : lines(p, "vi")) {
      assertThat(line).as(line).contains("Mây").doesNotContainPattern("(?iu)(?<!\\p{L})mình(?!\\p{L})");
    }
  }

  @Test
  void emAndAnhChiFromTheGreeting() {
    Persona p = persona("\"lễ phép\"", "Dạ em chào anh/chị, em là Mây ạ");
    assertThat(Disclosures.inputRefused(p, "vi"))
        .isEqualTo("Em không thể giúp với yêu cầu này. Anh/chị cần em tư vấn gì về sản phẩm không?");
    assertThat(Disclosures.withheld(p, "vi")).isEqualTo("Xin lỗi, câu này em không trả lời được. Anh/chị hỏi em điều khác nhé!");
  }

  @Test
  void theDefaultVoiceAndEnglishAreUnchanged() {
    Persona p = persona("\"vui vẻ\"", "Chào bạn!");
    assertThat(Disclosures.withheld(p, "vi")).isEqualTo("Xin lỗi, câu này mình không trả lời được. Bạn hỏi mình điều khác nhé!");
    assertThat(Disclosures.held(p, "en")).isEqualTo("Let me check that with the team — I'll get back to you here in a moment.");
    Persona em = persona("\"xưng 'em', gọi khách là 'anh/chị'\"", "Dạ em chào anh/chị");
    for (String line : lines(em, "en")) {
      assertThat(line).as(line).doesNotContain("em ").doesNotContain("anh/chị");
    }
  }
}
