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
  void theAudienceSegmentAndSentimentSetTheTone() {
    String genz = new PromptAssembler().system(linh, "vi", List.of(), "k",
        new com.personaruntime.composer.Audience("genz", List.of(), false,
            com.personaruntime.composer.Sentiment.NEUTRAL));
    assertThat(genz).contains("With this audience (genz): " + String.join("; ", linh.audiences().get(0).style()));
    String inferred = new PromptAssembler().system(linh, "vi", List.of(), "k",
        new com.personaruntime.composer.Audience("professionals", List.of(), true,
            com.personaruntime.composer.Sentiment.FRUSTRATED));
    assertThat(inferred).contains("(professionals, inferred from how they write)")
        .contains("sounds frustrated: stay calm, apologise").contains("https://lumiere.example/lien-he");
    String excited = new PromptAssembler().system(linh, "en", List.of(), "k",
        new com.personaruntime.composer.Audience(null, List.of(), false, com.personaruntime.composer.Sentiment.EXCITED));
    assertThat(excited).contains("sounds excited").doesNotContain("With this audience");
    assertThat(new PromptAssembler().system(linh, "en", List.of(), "k")).doesNotContain("sounds")
        .doesNotContain("With this audience");
  }

  @Test
  void withoutRelevantKnowledgeThePromptSaysToAdmitNotKnowing() {
    String prompt = new PromptAssembler().system(linh, "en", List.of(), "CNRY-x");
    assertThat(prompt).contains("Reply in English").contains("say you don't know");
    for (Persona.KnowledgeEntry k : linh.knowledge()) {
      assertThat(prompt).doesNotContain(k.text());
    }
  }

  @Test
  void aPersonaCanHaveItsOwnTemplate(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Files.writeString(dir.resolve("linh.system.ftl"),
        "Bạn là ${persona.name}. Trả lời bằng ${language}. Marker: ${canary}");
    java.nio.file.Files.writeString(dir.resolve("linh.yaml"), "not a template");
    PromptAssembler assembler = new PromptAssembler(PromptAssembler.readOverrides(dir));
    assertThat(assembler.system(linh, "vi", List.of(), "k1")).isEqualTo("Bạn là Linh. Trả lời bằng vi. Marker: k1");
    Persona milo = DemoPersonas.load().stream().filter(p -> p.id().equals("milo")).findFirst().orElseThrow();
    assertThat(assembler.system(milo, "en", List.of(), "k2")).startsWith("You are Milo");
  }

  @Test
  void aBrokenTemplateIsNamedAtConstruction() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new PromptAssembler(java.util.Map.of("linh", "Hello ${persona.name")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("linh.system.ftl: not a valid FreeMarker template");
  }
}
