package com.personaruntime.personas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per validation rule: a minimal valid persona with some top-level fields replaced, and
 * the exact single line the user sees.
 */
class ValidationRulesTest {

  private static final String BASE = """
      id: linh
      brand: lumiere
      name: Linh
      languages: [vi, en]
      """;

  /** The base document with the top-level fields of {@code override} replaced by it. */
  static String document(String override) {
    List<String> keys = new ArrayList<>();
    for (String line : override.split("\n")) {
      if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && line.contains(":")) {
        keys.add(line.substring(0, line.indexOf(':')));
      }
    }
    StringBuilder doc = new StringBuilder();
    for (String line : BASE.split("\n")) {
      if (!keys.contains(line.substring(0, line.indexOf(':')))) {
        doc.append(line).append('\n');
      }
    }
    return doc.append(override).append('\n').toString();
  }

  static List<String> problems(String override) {
    return PersonaDocuments.parse("linh.yaml", document(override)).problems().stream()
        .map(ValidationProblem::toString).toList();
  }

  @Test
  void baseIsValid() {
    assertThat(problems("")).isEmpty();
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource({"identity", "languages", "types", "knowledge", "disclosure", "model", "sections",
      "unknownFields"})
  void reportsExactlyOneProblem(String override, String expected) {
    assertThat(problems(override)).containsExactly(expected);
  }

  static Stream<Arguments> identity() {
    String slug = "must be a slug (a-z, 0-9 and '-', starting with a letter or digit,"
        + " at most 63 characters), got ";
    return Stream.of(
        Arguments.of("id: ~", "linh.yaml: id: is required"),
        Arguments.of("brand:", "linh.yaml: brand: is required"),
        Arguments.of("id: Linh_1", "linh.yaml: id: " + slug + "'Linh_1'"),
        Arguments.of("brand: -lumiere", "linh.yaml: brand: " + slug + "'-lumiere'"),
        Arguments.of("id: " + "a".repeat(64), "linh.yaml: id: " + slug + "'" + "a".repeat(64) + "'"),
        Arguments.of("name: '  '", "linh.yaml: name: must not be blank"));
  }

  static Stream<Arguments> languages() {
    return Stream.of(
        Arguments.of("languages: []", "linh.yaml: languages: must list at least one language"),
        Arguments.of("languages: [vi, xx]", "linh.yaml: languages[1]: unknown language code 'xx',"
            + " expected an ISO 639-1 code such as 'en' or 'vi'"),
        Arguments.of("languages: [vi, EN]",
            "linh.yaml: languages[1]: language codes are lower case: write 'en', got 'EN'"),
        Arguments.of("languages: [vi-VN]", "linh.yaml: languages[0]: expected a two-letter"
            + " ISO 639-1 code without a region: write 'vi', got 'vi-VN'"),
        Arguments.of("languages: [vi, en, vi]",
            "linh.yaml: languages[2]: duplicate language 'vi' (first at languages[0])"),
        Arguments.of("languages: vi",
            "linh.yaml: languages: expected a list of strings, got a string"));
  }

  static Stream<Arguments> types() {
    return Stream.of(
        Arguments.of("name: 2049",
            "linh.yaml: name: expected a string, got a number (put it in quotes if it is text)"),
        Arguments.of("bio: [a, b]", "linh.yaml: bio: expected a string, got a list"),
        Arguments.of("voice: [warm]", "linh.yaml: voice: expected a mapping, got a list"),
        Arguments.of("voice: {style: 3}",
            "linh.yaml: voice.style: expected a list of strings, got a number"),
        Arguments.of("voice: {personality: [warm, '']}",
            "linh.yaml: voice.personality[1]: must not be blank"),
        Arguments.of("voice:\n  catchphrases:\n    - hi\n    -",
            "linh.yaml: voice.catchphrases[1]: must not be blank"),
        Arguments.of("voice: {style: [[short]]}",
            "linh.yaml: voice.style[0]: expected a string, got a list"),
        Arguments.of("boundaries: {banned_terms: [cheap, true]}", "linh.yaml:"
            + " boundaries.banned_terms[1]: expected a string, got a boolean (put it in quotes if"
            + " it is text)"));
  }

  static Stream<Arguments> knowledge() {
    return Stream.of(
        Arguments.of("knowledge: [{id: a, title: A, text: x}, {id: a, title: B, text: y}]",
            "linh.yaml: knowledge[1].id: duplicate knowledge id 'a' (first at knowledge[0].id)"),
        Arguments.of("knowledge: [{id: a, title: ' ', text: x}]",
            "linh.yaml: knowledge[0].title: must not be blank"),
        Arguments.of("knowledge: [{id: a, title: A}]", "linh.yaml: knowledge[0].text: is required"),
        Arguments.of("knowledge: [{title: A, text: x}]", "linh.yaml: knowledge[0].id: is required"),
        Arguments.of("knowledge: [{id: Spf 50, title: A, text: x}]", "linh.yaml: knowledge[0].id:"
            + " must be a slug (a-z, 0-9 and '-', starting with a letter or digit, at most 63"
            + " characters), got 'Spf 50'"),
        Arguments.of("knowledge: [{id: a, title: A, text: x, tags: product}]",
            "linh.yaml: knowledge[0].tags: expected a list of strings, got a string"),
        Arguments.of("knowledge: {id: a}",
            "linh.yaml: knowledge: expected a list of mappings, got a mapping"),
        Arguments.of("knowledge: [spf50]",
            "linh.yaml: knowledge[0]: expected a mapping with id, title and text, got a string"),
        Arguments.of("audiences: [{style: [fun]}]", "linh.yaml: audiences[0].segment: is required"),
        Arguments.of("audiences: [{segment: genz}, {segment: genz}]",
            "linh.yaml: audiences[1].segment: duplicate segment 'genz' (first at audiences[0].segment)"));
  }

  static Stream<Arguments> disclosure() {
    String labels = ", ai_label: {vi: AI, en: AI}";
    return Stream.of(
        Arguments.of("disclosure: {jurisdictions: [VN, FR]" + labels + "}",
            "linh.yaml: disclosure.jurisdictions[1]: must be one of VN, EU, US, UK, CN, got 'FR'"),
        Arguments.of("disclosure: {jurisdictions: [vn]" + labels + "}",
            "linh.yaml: disclosure.jurisdictions[0]: must be one of VN, EU, US, UK, CN, got 'vn';"
                + " did you mean 'VN'?"),
        Arguments.of("disclosure: {jurisdictions: [VN, VN]" + labels + "}",
            "linh.yaml: disclosure.jurisdictions[1]: duplicate jurisdiction 'VN'"
                + " (first at disclosure.jurisdictions[0])"),
        Arguments.of("disclosure: {jurisdictions: [VN], ai_label: {vi: AI}}",
            "linh.yaml: disclosure.ai_label: missing the label for language 'en'; every persona"
                + " language needs one when jurisdictions are set"),
        Arguments.of("disclosure: {ai_label: {vi: AI, english: AI}}",
            "linh.yaml: disclosure.ai_label.english: unknown language code 'english', expected an"
                + " ISO 639-1 code such as 'en' or 'vi'"),
        Arguments.of("disclosure: {sponsored_label: {vi: ''}}",
            "linh.yaml: disclosure.sponsored_label.vi: must not be blank"),
        Arguments.of("disclosure: {ai_label: [AI]}", "linh.yaml: disclosure.ai_label: expected a"
            + " mapping of language code to label, got a list"));
  }

  static Stream<Arguments> model() {
    return Stream.of(
        Arguments.of("model: {provider: composer, temperature: 7}",
            "linh.yaml: model.temperature: must be between 0 and 2, got 7"),
        Arguments.of("model: {provider: composer, temperature: -0.5}",
            "linh.yaml: model.temperature: must be between 0 and 2, got -0.5"),
        Arguments.of("model: {provider: composer, temperature: hot}",
            "linh.yaml: model.temperature: expected a number, got a string"),
        Arguments.of("model: {provider: gpt, name: m}", "linh.yaml: model.provider: must be one of"
            + " openai, ollama, anthropic, composer, got 'gpt'"),
        Arguments.of("model: {provider: opnai, name: m}", "linh.yaml: model.provider: must be one"
            + " of openai, ollama, anthropic, composer, got 'opnai'; did you mean 'openai'?"),
        Arguments.of("bio: " + "x".repeat(1001), "linh.yaml: bio: must be at most 1000 characters, got 1001"),
        Arguments.of("model: {name: m}",
            "linh.yaml: model.endpoint: name one of the server's model endpoints (or a model.provider) to set"
                + " model.temperature or model.name; to use the server's default model, leave the whole model"
                + " section empty"),
        Arguments.of("model: {endpoint: main, baseUrl: 'http://127.0.0.1:9/v1'}",
            "linh.yaml: model.baseUrl: must not be set together with model.endpoint (the endpoint 'main' defines it)"),
        Arguments.of("model: {endpoint: Main_1}", "linh.yaml: model.endpoint: must be a slug (a-z, 0-9 and '-', starting with a letter or digit,"
            + " at most 63 characters), got 'Main_1'"),
        Arguments.of("model: {provider: openai}",
            "linh.yaml: model.name: is required for provider 'openai'"),
        Arguments.of("model: {provider: openai, name: m, baseUrl: 'localhost:11434/v1'}",
            "linh.yaml: model.baseUrl: must be an absolute http(s) URL, got 'localhost:11434/v1'"),
        Arguments.of("model: {provider: openai, name: m, baseUrl: 'ftp://models.example/v1'}",
            "linh.yaml: model.baseUrl: must be an absolute http(s) URL, got"
                + " 'ftp://models.example/v1'"),
        Arguments.of("model: {provider: openai, name: m, apiKeyEnv: openai_key}",
            "linh.yaml: model.apiKeyEnv: must be the name of an environment variable (A-Z, 0-9 and"
                + " '_', like OPENAI_API_KEY), got 'openai_key'"),
        Arguments.of("model: {provider: openai, name: m, apiKeyEnv: sk-proj-abc123}",
            "linh.yaml: model.apiKeyEnv: looks like an API key, not the name of an environment"
                + " variable; put the key in an environment variable and give its name here"
                + " (like OPENAI_API_KEY)"),
        Arguments.of("model: {provider: openai, name: m, apiKeyEnv: a8f3k29dj3mdk39fj3k2m1x}",
            "linh.yaml: model.apiKeyEnv: looks like an API key, not the name of an environment"
                + " variable; put the key in an environment variable and give its name here"
                + " (like OPENAI_API_KEY)"));
  }

  static Stream<Arguments> sections() {
    return Stream.of(
        Arguments.of("review: {posts: sometimes}",
            "linh.yaml: review.posts: must be one of always, flagged, got 'sometimes'"),
        Arguments.of("review: {posts: ALWAYS}",
            "linh.yaml: review.posts: must be one of always, flagged, got 'ALWAYS';"
                + " did you mean 'always'?"),
        Arguments.of("contact: {url: lumiere.example}",
            "linh.yaml: contact.url: must be an absolute http(s) URL, got 'lumiere.example'"),
        Arguments.of("contact: {email: nobody}",
            "linh.yaml: contact.email: must be an e-mail address, got 'nobody'"),
        Arguments.of("contact: {}", "linh.yaml: contact: give a url, an email or a phone (or several)"),
        Arguments.of("contact: {phone: call us}",
            "linh.yaml: contact.phone: must be a phone number (6 to 15 digits; spaces, '-', '.', '(', ')' and a"
                + " leading '+' allowed), got 'call us'"),
        Arguments.of("contact: {phone: '12345'}",
            "linh.yaml: contact.phone: must be a phone number (6 to 15 digits; spaces, '-', '.', '(', ')' and a"
                + " leading '+' allowed), got '12345'"),
        Arguments.of("contact: {phone: '0263 3+123 456'}",
            "linh.yaml: contact.phone: must be a phone number (6 to 15 digits; spaces, '-', '.', '(', ')' and a"
                + " leading '+' allowed), got '0263 3+123 456'"),
        Arguments.of("boundaries: {allowed_link_domains: ['https://lumiere.example/']}",
            "linh.yaml: boundaries.allowed_link_domains[0]: must be a lower-case domain name like"
                + " 'brand.example' (no scheme, port or path), got 'https://lumiere.example/'"));
  }

  static Stream<Arguments> unknownFields() {
    return Stream.of(
        Arguments.of("voice: {greting: hi}",
            "linh.yaml: voice.greting: unknown field, did you mean 'greeting'?"),
        Arguments.of("nmae: Linh", "linh.yaml: nmae: unknown field, did you mean 'name'?"),
        Arguments.of("boundaries: {avoidTopics: [politics]}",
            "linh.yaml: boundaries.avoidTopics: unknown field, did you mean 'avoid_topics'?"),
        Arguments.of("model: {provider: openai, name: m, api_key_env: OPENAI_API_KEY}",
            "linh.yaml: model.api_key_env: unknown field, did you mean 'apiKeyEnv'?"),
        Arguments.of("knowledge: [{id: a, title: A, text: x, tag: [p]}]",
            "linh.yaml: knowledge[0].tag: unknown field, did you mean 'tags'?"),
        Arguments.of("disclosure: {jurisdiction: [VN]}",
            "linh.yaml: disclosure.jurisdiction: unknown field, did you mean 'jurisdictions'?"),
        Arguments.of("colour: blue", "linh.yaml: colour: unknown field; expected one of id, brand,"
            + " name, languages, bio, voice, audiences, knowledge, boundaries, disclosure, model,"
            + " review, contact, card"));
  }

  @Test
  void labelForALanguageThePersonaDoesNotSpeakIsFine() {
    assertThat(problems("disclosure: {jurisdictions: [EU], ai_label: {vi: AI, en: AI, fr: IA}}"))
        .isEmpty();
  }

  @Test
  void labelsAreOnlyRequiredWhenJurisdictionsAreGiven() {
    assertThat(problems("disclosure: {jurisdictions: [], sponsored_label: {en: '#ad'}}")).isEmpty();
  }

  @Test
  void missingLabelsAreNamedPerLanguage() {
    assertThat(problems("disclosure: {jurisdictions: [US]}")).containsExactly(
        "linh.yaml: disclosure.ai_label: missing the label for language 'vi'; every persona"
            + " language needs one when jurisdictions are set",
        "linh.yaml: disclosure.ai_label: missing the label for language 'en'; every persona"
            + " language needs one when jurisdictions are set");
  }

  @Test
  void yamlBooleanLikeWordsStayWords() {
    assertThat(problems("languages: [vi, no]\nvoice: {personality: [yes, on]}")).isEmpty();
  }

  @Test
  void composerNeedsNoModelName() {
    assertThat(problems("model: {provider: composer}")).isEmpty();
  }

  @Test
  void aKeyInApiKeyEnvIsNeverEchoed() {
    String key = "sk-proj-abc123secret";
    assertThat(problems("model: {provider: openai, name: m, apiKeyEnv: " + key + "}"))
        .singleElement().asString().doesNotContain(key);
  }

  @Test
  void missingRequiredFieldsAreAllNamed() {
    assertThat(PersonaDocuments.parse("x.yaml", "bio: hello\n").problems())
        .extracting(ValidationProblem::toString)
        .containsExactly("x.yaml: id: is required", "x.yaml: brand: is required",
            "x.yaml: name: is required", "x.yaml: languages: is required");
  }
}
