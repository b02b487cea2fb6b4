package com.personaruntime.personas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoPersonasTest {

  @Test
  void loadsBothDemoPersonasFromTheClassPath() {
    assertThat(DemoPersonas.fileNames()).containsExactly("linh.yaml", "milo.yaml");
    assertThat(DemoPersonas.load())
        .extracting(Persona::id, Persona::brand)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("linh", "lumiere"),
            org.assertj.core.groups.Tuple.tuple("milo", "brewhaus"));
  }

  @Test
  void demoFilesHaveNoProblems() throws IOException {
    for (String name : DemoPersonas.fileNames()) {
      String content = PersonaDocumentsTest.resource(DemoPersonas.FOLDER + name);
      assertThat(PersonaDocuments.parse(name, content).problems()).as(name).isEmpty();
    }
  }

  @Test
  void linhIsAVietnameseFirstSkincarePersona() {
    Persona linh = DemoPersonas.load().get(0);

    assertThat(linh.languages()).containsExactly("vi", "en");
    assertThat(linh.model()).isNull();
    assertThat(linh.knowledge()).hasSizeGreaterThanOrEqualTo(6);
    assertThat(linh.knowledge()).anySatisfy(k -> assertThat(k.text()).contains("đ", "ml"));
    assertThat(linh.knowledge()).extracting(Persona.KnowledgeEntry::id)
        .contains("shipping", "returns", "store", "ingredients");
    assertThat(linh.disclosure().jurisdictions()).containsExactly("VN", "EU", "US");
    assertThat(linh.disclosure().aiLabel()).containsKeys("vi", "en");
    assertThat(linh.disclosure().sponsoredLabel()).containsKeys("vi", "en");
    assertThat(linh.boundaries().forbiddenClaims()).isNotEmpty();
    assertThat(linh.contact()).isNotNull();
  }

  @Test
  void miloIsAnEnglishCoffeePersona() {
    Persona milo = DemoPersonas.load().get(1);

    assertThat(milo.languages()).containsExactly("en");
    assertThat(milo.knowledge()).hasSizeGreaterThanOrEqualTo(6);
    assertThat(milo.knowledge()).anySatisfy(k -> assertThat(k.text()).contains("$"));
    assertThat(milo.knowledge()).extracting(Persona.KnowledgeEntry::id)
        .contains("subscription", "shipping", "returns", "cafe-hours");
    assertThat(milo.disclosure().jurisdictions()).containsExactly("US", "UK", "EU");
    assertThat(milo.boundaries().competitors()).isNotEmpty();
    assertThat(milo.boundaries().bannedTerms()).isNotEmpty();
    assertThat(milo.boundaries().forbiddenClaims()).contains("boosts metabolism");
    assertThat(milo.contact()).isNotNull();
  }

  @Test
  void demoIdsAreUnique() {
    List<String> ids = DemoPersonas.load().stream().map(Persona::id).toList();
    assertThat(ids).doesNotHaveDuplicates();
  }
}
