package com.personaruntime.personas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Problems in Vietnamese: every kind the schema reports on a bad document has a text with its values. */
class ProblemTextsTest {

  /** One document with a fault of (nearly) every translatable kind; YAML. */
  private static final String BAD = String.join("\n",
      "id: New",
      "brand: new",
      "name: '   '",
      "languages: [VI, en-US, xx, vi]",
      "bio: " + "x".repeat(1001),
      "voice: { personalty: [warm] }",
      "boundaries: { injection_threshold: 1.5, allowed_link_domains: ['https://brand.example'] }",
      "knowledge:",
      "  - { id: a, title: A, text: one }",
      "  - { id: a, title: B, text: two }",
      "disclosure: { jurisdictions: [VN, XX] }",
      "model: { provider: opnai, apiKeyEnv: 'sk-proj-abc123def456ghi789' }",
      "review: { posts: sometimes }",
      "contact: { url: 'ftp://x', email: 'nobody' }",
      "unheard: 1",
      "");

  private static List<ValidationProblem> problems(String doc) {
    return PersonaDocuments.parse("document", doc).problems();
  }

  @Test
  void everyKindOfProblemReadsInVietnameseWithItsValues() {
    List<ValidationProblem> found = problems(BAD);
    found = new java.util.ArrayList<>(found);
    found.addAll(problems("id: a\nbrand: b\nname: N\nlanguages: []\nmodel: { endpoint: main, provider: openai }\n"
        + "knowledge: [{ id: k, text: no title }]\n"));
    found.addAll(problems("id: new\nbrand: b\nname: N\nlanguages: [vi]\nmodel: { temperature: 1 }\n"
        + "contact: {}\ndisclosure: { jurisdictions: [VN] }\n"));
    found.addAll(problems("id: a\nbrand: b\nname: N\nlanguages: [vi]\nmodel: { provider: openai }\n"));
    Map<String, List<ValidationProblem>> byCode = found.stream()
        .collect(Collectors.groupingBy(ValidationProblem::code));
    assertThat(new TreeSet<>(byCode.keySet())).contains("required", "requiredFor", "blank", "tooLong", "range",
        "oneOf", "oneOfSuggest", "slug", "url", "email", "domain", "envKey", "duplicate", "languagesEmpty",
        "languageCase", "languageRegion", "languageUnknown", "aiLabelMissing", "endpointConflict", "modelMissing",
        "contactEmpty", "unknownField", "unknownFieldSuggest", "reserved");
    for (ValidationProblem p : found) {
      if (p.code().isEmpty()) {
        continue;
      }
      String vi = ProblemTexts.message(p, "vi");
      assertThat(ProblemTexts.translates("vi", p.code())).as("vi text for %s", p.code()).isTrue();
      assertThat(vi).as(p.toString()).isNotEqualTo(p.message()).doesNotContain("{");
      // every value the English message names is in the translation too (the limit, what was typed)
      for (String arg : p.args()) {
        assertThat(p.message()).as("English %s names %s", p.code(), arg).contains(arg);
        assertThat(vi).as("vi %s names %s", p.code(), arg).contains(arg);
      }
      assertThat(ProblemTexts.message(p, "en")).isEqualTo(p.message());
      assertThat(ProblemTexts.message(p, null)).isEqualTo(p.message());
    }
  }

  @Test
  void theLengthLimitAndTheSuggestionInVietnamese() {
    ValidationProblem bio = problems(BAD).stream().filter(p -> p.path().equals("bio")).findFirst().orElseThrow();
    assertThat(bio.message()).isEqualTo("must be at most 1000 characters, got 1001");
    assertThat(ProblemTexts.message(bio, "vi")).isEqualTo("tối đa 1000 ký tự (hiện có 1001)");
    ValidationProblem provider = problems(BAD).stream().filter(p -> p.path().equals("model.provider"))
        .findFirst().orElseThrow();
    assertThat(ProblemTexts.message(provider, "vi")).endsWith("có phải ý bạn là 'openai'?");
  }

  @Test
  void aProblemWithoutAKindKeepsItsEnglishMessage() {
    ValidationProblem free = new ValidationProblem("linh.yaml", "voice", "expected a list of strings, got a number");
    assertThat(free.code()).isEmpty();
    assertThat(ProblemTexts.message(free, "vi")).isEqualTo(free.message());
  }

  @Test
  void aSyntaxErrorHasAKindWithItsPlaceAndIsSaidInVietnamese() {
    ValidationProblem syntax = problems("id: [unclosed").get(0);
    assertThat(syntax.code()).isEqualTo("syntax");
    assertThat(syntax.args().get(0)).isEqualTo("YAML");
    assertThat(Integer.parseInt(syntax.args().get(1))).isPositive();
    assertThat(ProblemTexts.message(syntax, "vi")).startsWith("lỗi cú pháp YAML ở dòng " + syntax.args().get(1)
        + ", cột " + syntax.args().get(2) + ": ");
  }
}
