package com.personaruntime.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One publishing rule for every way in (issue: POST published a persona without a disclosure label
 * while a card import refused it): a draft may be incomplete, a published version must name its
 * jurisdictions and carry the AI label in every language; errors name the fields. Field limits (the
 * editor's counters) are enforced by the server with the field named.
 */
class PublishingRuleIT {
  static TestServer s;
  static String admin;

  @BeforeAll
  static void start() throws Exception {
    s = TestServer.start("publishing");
    admin = s.loginAdmin();
  }

  @AfterAll
  static void stop() throws Exception {
    s.close();
  }

  private static JsonObject minimal(String id) {
    return new JsonObject().put("id", id).put("brand", "lumiere").put("name", "Minh")
        .put("languages", new JsonArray().add("vi").add("en"));
  }

  private static List<String> problems(TestServer.Res r) {
    return r.json().getJsonObject("error").getJsonArray("problems").getList().stream().map(String::valueOf).toList();
  }

  @Test
  void aMinimalPersonaIsADraftUntilItsDisclosureIsComplete() {
    TestServer.Res refused = s.post("/api/v1/personas", admin, minimal("minh")).expectError(400, "invalid");
    assertThat(problems(refused)).anySatisfy(p -> assertThat(p).startsWith("disclosure.jurisdictions: "))
        .anySatisfy(p -> assertThat(p).startsWith("disclosure.ai_label: ").contains("missing: vi, en"));
    s.get("/api/v1/personas/minh", admin).expectError(404, "not_found");

    // the same document as a draft is fine; publishing it is refused with the same fields named
    JsonObject draft = s.post("/api/v1/personas?publish=false", admin, minimal("minh")).expect(201).json();
    assertThat(draft.getValue("publishedVersion")).isNull();
    assertThat(problems(s.post("/api/v1/personas/minh/publish", admin, new JsonObject()).expectError(400, "invalid")))
        .anySatisfy(p -> assertThat(p).startsWith("disclosure.jurisdictions: "));
    assertThat(problems(s.put("/api/v1/personas/minh?publish=true", admin, minimal("minh"))
        .expectError(400, "invalid"))).anySatisfy(p -> assertThat(p).startsWith("disclosure.ai_label: "));
    // a label for one language only is still refused: every persona language needs one
    JsonObject half = minimal("minh").put("disclosure", new JsonObject().put("jurisdictions", new JsonArray().add("VN"))
        .put("ai_label", new JsonObject().put("vi", "Nội dung do AI tạo ra")));
    assertThat(s.put("/api/v1/personas/minh?publish=true", admin, half).expectError(400, "invalid").message())
        .contains("disclosure.ai_label");
    JsonObject complete = minimal("minh").put("disclosure", new JsonObject()
        .put("jurisdictions", new JsonArray().add("VN"))
        .put("ai_label", new JsonObject().put("vi", "Nội dung do AI tạo ra").put("en", "AI-generated")));
    assertThat(s.put("/api/v1/personas/minh?publish=true", admin, complete).expect(200).json()
        .getInteger("publishedVersion")).isEqualTo(2);
    s.post("/api/v1/personas?publish=maybe", admin, minimal("other")).expectError(400, "invalid");
  }

  @Test
  void aCardImportAndAnApiPersonaGetTheSameDisclosureMessages() {
    String card = "{\"spec\":\"chara_card_v3\",\"spec_version\":\"3.0\",\"data\":{\"name\":\"Tao\",\"description\":\"A tea guide.\"}}";
    JsonObject imported = s.call("POST", "/api/v1/personas/import?brand=lumiere&id=tao").bearer(admin)
        .body("application/json", card).send().expect(201).json();
    List<String> missing = imported.getJsonArray("missingForPublishing").getList().stream().map(String::valueOf).toList();
    List<String> api = problems(s.post("/api/v1/personas", admin, minimal("tao-api").put("languages",
        imported.getJsonObject("document").getJsonArray("languages"))).expectError(400, "invalid"));
    // the card additionally needs a boundary (a card carries none of the brand's rules)
    assertThat(missing).containsAll(api);
    assertThat(missing).anySatisfy(p -> assertThat(p).startsWith("boundaries: "));
  }

  @Test
  void fieldLimitsAreTheServersAndNameTheField() {
    JsonObject doc = minimal("long-bio").put("bio", "x".repeat(1001));
    assertThat(problems(s.post("/api/v1/personas?publish=false", admin, doc).expectError(400, "invalid")))
        .contains("bio: must be at most 1000 characters, got 1001");
    s.post("/api/v1/personas?publish=false", admin, doc.put("bio", "x".repeat(1000))).expect(201);
    assertThat(problems(s.post("/api/v1/personas?publish=false", admin, minimal("new")).expectError(400, "invalid")))
        .anySatisfy(p -> assertThat(p).startsWith("id: 'new' is reserved"));
  }
}
