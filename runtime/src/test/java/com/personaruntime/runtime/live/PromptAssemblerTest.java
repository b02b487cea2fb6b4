package com.personaruntime.runtime.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.personas.DemoPersonas;
import com.personaruntime.personas.Persona;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptAssemblerTest {
  private final Persona linh = DemoPersonas.load().stream().filter(p -> p.id().equals("linh")).findFirst()
      .orElseThrow();

  @Test
  void systemPromptCarriesVoiceKnowledgeBoundariesLanguageAndCanary() {
    Persona.KnowledgeEntry fact = linh.knowledge().get(0);
    String prompt = new PromptAssembler().system(linh, "vi", List.of(fact), "CNRY-abc123");
    assertThat(prompt)
        .contains("You are " + linh.name())
        .contains("never deny being an AI")
        .contains("Reply in Vietnamese")
        .contains(fact.title() + ": " + fact.text())
        .contains(linh.boundaries().competitors().get(0))
        .contains("CNRY-abc123");
    for (String trait : linh.voice().personality()) {
      assertThat(prompt).contains(trait);
    }
  }

  @Test
  void withoutRelevantKnowledgeThePromptSaysToAdmitNotKnowing() {
    String prompt = new PromptAssembler().system(linh, "en", List.of(), "CNRY-x");
    assertThat(prompt).contains("Reply in English").contains("say you don't know");
    for (Persona.KnowledgeEntry k : linh.knowledge()) {
      assertThat(prompt).doesNotContain(k.text());
    }
  }
}
