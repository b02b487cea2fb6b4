package com.personaruntime.personas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.personaruntime.personas.Persona.Review.Posts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersonaDocumentsTest {

  private static final String MINIMAL = """
      id: milo
      brand: brewhaus
      name: Milo
      languages: [en]
      """;

  static String resource(String name) throws IOException {
    try (InputStream in = PersonaDocumentsTest.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static List<String> problems(String content) {
    return PersonaDocuments.parse("linh.yaml", content).problems().stream()
        .map(ValidationProblem::toString).toList();
  }

  @Test
  void parsesTheArchitectureExampleIntoEveryField() throws IOException {
    ParseResult result = PersonaDocuments.parse("linh.yaml", resource("architecture-example.yaml"));

    assertThat(result.problems()).isEmpty();
    Persona p = result.orElseThrow();
    assertThat(p.id()).isEqualTo("linh");
    assertThat(p.brand()).isEqualTo("lumiere");
    assertThat(p.name()).isEqualTo("Linh");
    assertThat(p.languages()).containsExactly("vi", "en");
    assertThat(p.defaultLanguage()).isEqualTo("vi");
    assertThat(p.bio()).isEqualTo("Trợ lý AI của Lumière, mê skincare tối giản.");
    assertThat(p.voice()).isEqualTo(new Persona.Voice(
        List.of("warm", "playful", "honest"),
        List.of("short sentences", "at most one emoji per message"),
        "Chào bạn! Mình là Linh, trợ lý AI của Lumière 🌿",
        List.of("Da khỏe từ bên trong!")));
    assertThat(p.audiences())
        .containsExactly(new Persona.AudienceSegment("genz", List.of("playful slang is fine")));
    assertThat(p.knowledge()).containsExactly(new Persona.KnowledgeEntry("spf50",
        "Kem chống nắng SPF50",
        "SPF50 PA++++, 50 ml, 390.000đ, dùng hằng ngày, thoa lại sau 2 giờ.",
        List.of("product", "sunscreen")));
    assertThat(p.boundaries()).isEqualTo(new Persona.Boundaries(
        List.of("politics", "religion"), List.of("rẻ bèo", "hàng fake"), List.of("GlowCo"),
        List.of("chữa khỏi", "trị dứt điểm", "cure", "guaranteed results"),
        List.of("lumiere.example")));
    assertThat(p.disclosure()).isEqualTo(new Persona.Disclosure(List.of("VN", "EU", "US"),
        Map.of("vi", "Nội dung do AI tạo ra", "en", "AI-generated"),
        Map.of("vi", "#quảngcáo", "en", "#ad")));
    assertThat(p.model()).isEqualTo(new Persona.ModelBinding("openai",
        "http://localhost:11434/v1", "qwen2.5:7b-instruct", "OPENAI_API_KEY", 0.7));
    assertThat(p.review().posts()).isEqualTo(Posts.ALWAYS);
    assertThat(p.contact()).isNull();
  }

  @Test
  void absentOptionalPartsGetTheirDefaults() {
    Persona p = PersonaDocuments.parse("milo.yaml", MINIMAL).orElseThrow();

    assertThat(p.bio()).isNull();
    assertThat(p.voice()).isEqualTo(Persona.Voice.EMPTY);
    assertThat(p.audiences()).isEmpty();
    assertThat(p.knowledge()).isEmpty();
    assertThat(p.boundaries()).isEqualTo(Persona.Boundaries.EMPTY);
    assertThat(p.disclosure()).isEqualTo(Persona.Disclosure.EMPTY);
    assertThat(p.model()).isNull();
    assertThat(p.review().posts()).isEqualTo(Posts.FLAGGED);
    assertThat(p.contact()).isNull();
  }

  @Test
  void emptyValuesCountAsAbsent() {
    Persona p = PersonaDocuments.parse("milo.yaml", MINIMAL + "voice:\n  style:\nknowledge:\n")
        .orElseThrow();
    assertThat(p.voice().style()).isEmpty();
    assertThat(p.knowledge()).isEmpty();
  }

  @Test
  void modelIsImmutable() {
    Persona p = PersonaDocuments.parse("milo.yaml", MINIMAL
        + "disclosure: {jurisdictions: [US], ai_label: {en: AI}}\n").orElseThrow();
    assertThatThrownBy(() -> p.languages().add("vi"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> p.disclosure().aiLabel().put("vi", "AI"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> p.voice().style().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void readsJson() {
    String json = """
        {"id": "milo", "brand": "brewhaus", "name": "Milo", "languages": ["en"],
         "model": {"provider": "ollama", "name": "llama3.2", "temperature": 1},
         "review": {"posts": "always"}}
        """;
    Persona p = PersonaDocuments.parse("milo.json", json).orElseThrow();
    assertThat(p.model()).isEqualTo(new Persona.ModelBinding("ollama", null, "llama3.2", null, 1.0));
    assertThat(p.review().posts()).isEqualTo(Posts.ALWAYS);
  }

  @Test
  void reportsJsonProblemsWithTheSameMessages() {
    String json = """
        {"id": "Milo", "brand": "brewhaus", "name": "Milo", "languages": ["en"],
         "voice": {"greting": "hi"}, "model": {"provider": "composer", "temperature": 7}}
        """;
    assertThat(PersonaDocuments.parse("milo.json", json).problems())
        .extracting(ValidationProblem::toString)
        .containsExactly(
            "milo.json: id: must be a slug (a-z, 0-9 and '-', starting with a letter or digit, at"
                + " most 63 characters), got 'Milo'",
            "milo.json: voice.greting: unknown field, did you mean 'greeting'?",
            "milo.json: model.temperature: must be between 0 and 2, got 7");
  }

  @Test
  void reportsAllProblemsInOnePass() {
    String broken = """
        id: Linh
        name: Linh
        languages: [vi, xx, vi]
        voice:
          greting: "Chào bạn"
          style: 3
        knowledge:
          - id: spf50
            title: SPF50
            text: "390.000đ"
          - id: spf50
            title: ""
        disclosure:
          jurisdictions: [VN, FR]
          ai_label: { vi: "Nội dung do AI tạo ra" }
        model:
          provider: openai
          name: qwen2.5
          baseUrl: localhost:11434
          apiKeyEnv: sk-live-1234
          temperature: 7
        review:
          posts: sometimes
        """;
    assertThat(problems(broken)).containsExactly(
        "linh.yaml: id: must be a slug (a-z, 0-9 and '-', starting with a letter or digit, at most"
            + " 63 characters), got 'Linh'",
        "linh.yaml: languages[1]: unknown language code 'xx', expected an ISO 639-1 code such as"
            + " 'en' or 'vi'",
        "linh.yaml: languages[2]: duplicate language 'vi' (first at languages[0])",
        "linh.yaml: voice.greting: unknown field, did you mean 'greeting'?",
        "linh.yaml: voice.style: expected a list of strings, got a number",
        "linh.yaml: knowledge[1].title: must not be blank",
        "linh.yaml: knowledge[1].text: is required",
        "linh.yaml: knowledge[1].id: duplicate knowledge id 'spf50' (first at knowledge[0].id)",
        "linh.yaml: disclosure.jurisdictions[1]: must be one of VN, EU, US, UK, CN, got 'FR'",
        "linh.yaml: model.baseUrl: must be an absolute http(s) URL, got 'localhost:11434'",
        "linh.yaml: model.apiKeyEnv: looks like an API key, not the name of an environment"
            + " variable; put the key in an environment variable and give its name here (like"
            + " OPENAI_API_KEY)",
        "linh.yaml: model.temperature: must be between 0 and 2, got 7",
        "linh.yaml: review.posts: must be one of always, flagged, got 'sometimes'",
        "linh.yaml: brand: is required");
  }

  @Test
  void yamlSyntaxErrorsGiveLineAndColumn() {
    assertThat(problems("id: linh\nbrand: lumiere\nname: Linh: the AI\nlanguages: [vi]\n"))
        .containsExactly("linh.yaml: YAML syntax error at line 3, column 11: mapping values are"
            + " not allowed here");
    assertThat(problems("id: linh\nvoice:\n  style: [short, clear\nname: Linh\n"))
        .containsExactly("linh.yaml: YAML syntax error at line 4, column 5: expected ',' or ']',"
            + " but got : (while parsing a flow sequence)");
    assertThat(problems("id: linh\nbio: \"unterminated\nname: Linh\n"))
        .singleElement().asString()
        .startsWith("linh.yaml: YAML syntax error at line 4, column 1: found unexpected end of"
            + " stream");
  }

  @Test
  void syntaxErrorsCarryACodeWithTheirPlaceForTranslations() {
    var yaml = PersonaDocuments.parse("linh.yaml", "id: linh\nbrand: lumiere\nname: Linh: the AI\nlanguages: [vi]\n");
    assertThat(yaml.problems()).singleElement().satisfies(p -> {
      assertThat(p.path()).isEmpty();
      assertThat(p.code()).isEqualTo("syntax");
      assertThat(p.args()).containsExactly("YAML", "3", "11", "mapping values are not allowed here");
      assertThat(ProblemTexts.message(p, "vi")).isEqualTo("lỗi cú pháp YAML ở dòng 3, cột 11: mapping values are not allowed here");
    });
    var json = PersonaDocuments.parse("linh.json", "{\"id\": \"linh\",\n \"brand\": \"lumiere\",\n}");
    assertThat(json.problems()).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo("syntax");
      assertThat(p.args().subList(0, 3)).containsExactly("JSON", "3", "1");
    });
  }

  @Test
  void jsonSyntaxErrorsGiveLineAndColumn() {
    assertThat(problems("{\"id\": \"linh\",\n \"brand\": \"lumiere\",\n}"))
        .containsExactly("linh.yaml: JSON syntax error at line 3, column 1: Unexpected character"
            + " ('}' (code 125)): was expecting double-quote to start field name");
  }

  @Test
  void emptyDocumentsAreReportedClearly() {
    String expected = "linh.yaml: the file is empty; expected a persona document with at least"
        + " id, brand, name and languages";
    assertThat(problems("")).containsExactly(expected);
    assertThat(problems("  \n\n")).containsExactly(expected);
    assertThat(problems("# just a comment\n")).containsExactly(expected);
  }

  @Test
  void aDocumentThatIsNotAMappingIsRejected() {
    assertThat(problems("- id: linh\n")).containsExactly("linh.yaml: expected a mapping of persona"
        + " fields (id, brand, name, languages, ...), got a list");
    assertThat(problems("just some text\n")).containsExactly("linh.yaml: expected a mapping of"
        + " persona fields (id, brand, name, languages, ...), got a string");
  }

  @Test
  void duplicateYamlKeysAreErrorsWithTheirLines() {
    assertThat(problems(MINIMAL + "voice:\n  greeting: hi\n  greeting: hello\nname: Again\n"))
        .containsExactly(
            "linh.yaml: voice.greeting: duplicate key on line 7 (first on line 6)",
            "linh.yaml: name: duplicate key on line 8 (first on line 3)");
  }

  @Test
  void duplicateJsonKeysAreErrorsToo() {
    assertThat(problems("{\"id\": \"milo\", \"id\": \"max\", \"brand\": \"b\", \"name\": \"M\","
        + " \"languages\": [\"en\"]}"))
        .containsExactly("linh.yaml: id: duplicate key on line 1 (first on line 1)");
  }

  @Test
  void moreThanOneYamlDocumentIsRejected() {
    assertThat(problems(MINIMAL + "---\n" + MINIMAL)).containsExactly("linh.yaml: the file holds"
        + " more than one YAML document (the second one's content starts at line 6); put one"
        + " persona per file");
  }

  @Test
  void yamlAliasesAreRejectedNotMisread() {
    assertThat(problems("id: &who milo\nbrand: *who\nname: Milo\nlanguages: [en]\n"))
        .containsExactly("linh.yaml: brand: YAML aliases (*who on line 2) are not supported;"
            + " write the value out");
  }

  @Test
  void byteOrderMarkIsIgnored() {
    assertThat(PersonaDocuments.parse("milo.yaml", "\uFEFF" + MINIMAL).isValid()).isTrue();
  }

  @Test
  void roundTripsThroughJsonAndYaml() throws IOException {
    for (String doc : List.of(resource("architecture-example.yaml"), MINIMAL,
        resource("demo-personas/linh.yaml"), resource("demo-personas/milo.yaml"))) {
      Persona p = PersonaDocuments.parse("in.yaml", doc).orElseThrow();

      assertThat(PersonaDocuments.parse("out.json", PersonaDocuments.toJson(p)).orElseThrow())
          .isEqualTo(p);
      assertThat(PersonaDocuments.parse("out.yaml", PersonaDocuments.toYaml(p)).orElseThrow())
          .isEqualTo(p);
    }
  }

  @Test
  void canonicalJsonHasAFixedFieldOrderAndTheYamlFieldNames() {
    Persona p = PersonaDocuments.parse("milo.yaml", MINIMAL
        + "disclosure: {sponsored_label: {en: '#ad'}, jurisdictions: [US], ai_label: {en: AI}}\n"
        + "model: {temperature: 0.5, provider: composer, apiKeyEnv: KEY}\n").orElseThrow();

    assertThat(PersonaDocuments.toJson(p)).isEqualTo("{\"id\":\"milo\",\"brand\":\"brewhaus\","
        + "\"name\":\"Milo\",\"languages\":[\"en\"],"
        + "\"voice\":{\"personality\":[],\"style\":[],\"catchphrases\":[]},"
        + "\"audiences\":[],\"knowledge\":[],"
        + "\"boundaries\":{\"avoid_topics\":[],\"banned_terms\":[],\"competitors\":[],"
        + "\"forbidden_claims\":[],\"allowed_link_domains\":[]},"
        + "\"disclosure\":{\"jurisdictions\":[\"US\"],\"ai_label\":{\"en\":\"AI\"},"
        + "\"sponsored_label\":{\"en\":\"#ad\"}},"
        + "\"model\":{\"provider\":\"composer\",\"apiKeyEnv\":\"KEY\",\"temperature\":0.5},"
        + "\"review\":{\"posts\":\"flagged\"}}");
  }

  @Test
  void yamlOutputLeavesOutEmptyParts() {
    Persona p = PersonaDocuments.parse("milo.yaml", MINIMAL).orElseThrow();
    assertThat(PersonaDocuments.toYaml(p)).isEqualTo("""
        id: milo
        brand: brewhaus
        name: Milo
        languages:
          - en
        review:
          posts: flagged
        """);
  }

  @Test
  void checksumIsStableAndDependsOnContentOnly() {
    Persona a = PersonaDocuments.parse("a.yaml", MINIMAL
        + "disclosure: {ai_label: {en: AI, vi: AI}}\n").orElseThrow();
    Persona b = PersonaDocuments.parse("b.json", "{\"languages\":[\"en\"],\"name\":\"Milo\","
        + "\"disclosure\":{\"ai_label\":{\"vi\":\"AI\",\"en\":\"AI\"}},\"brand\":\"brewhaus\","
        + "\"id\":\"milo\"}").orElseThrow();
    Persona c = PersonaDocuments.parse("c.yaml", MINIMAL.replace("Milo", "Max")).orElseThrow();

    assertThat(PersonaDocuments.checksum(a)).matches("[0-9a-f]{64}")
        .isEqualTo(PersonaDocuments.checksum(b))
        .isNotEqualTo(PersonaDocuments.checksum(c));
  }

  @Test
  void validatesPersonasBuiltInCode() {
    Persona p = new Persona("milo", "brewhaus", "Milo", List.of("en"), null, null, null, null,
        null, null, new Persona.ModelBinding("openai", null, "gpt", null, 3.0), null, null);
    assertThat(PersonaDocuments.validate("api", p)).extracting(ValidationProblem::toString)
        .containsExactly("api: model.temperature: must be between 0 and 2, got 3.0");
  }

  @Test
  void parsesFiles(@TempDir Path dir) throws IOException {
    Path good = Files.writeString(dir.resolve("milo.yaml"), MINIMAL);
    Path latin1 = Files.write(dir.resolve("bad.yaml"), "name: caf\u00e9\n".getBytes(
        StandardCharsets.ISO_8859_1));

    assertThat(PersonaDocuments.parse(good).orElseThrow().id()).isEqualTo("milo");
    assertThat(PersonaDocuments.parse(good).source()).isEqualTo(good.toString());
    assertThat(PersonaDocuments.parse(latin1).problems()).extracting(ValidationProblem::toString)
        .containsExactly(latin1 + ": the file is not UTF-8 text");
    assertThat(PersonaDocuments.parse(dir.resolve("none.yaml")).problems())
        .extracting(ValidationProblem::toString)
        .containsExactly(dir.resolve("none.yaml") + ": cannot read the file: no such file");
  }

  @Test
  void orElseThrowListsEveryProblem() {
    assertThatThrownBy(() -> PersonaDocuments.parse("x.yaml", "bio: hi\n").orElseThrow())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("x.yaml: id: is required\nx.yaml: brand: is required\nx.yaml: name: is"
            + " required\nx.yaml: languages: is required");
  }
}
