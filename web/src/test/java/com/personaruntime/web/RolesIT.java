package com.personaruntime.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.web.TestServer.Res;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Roles within a brand (owner, editor, moderator) on the persona API, the version life cycle
 * (drafts, publish, history), document validation through HTTP, and the audit trail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RolesIT {
  private static final String MINIMAL_YAML = """
      id: %s
      brand: %s
      name: %s
      languages: [vi, en]
      bio: "Trợ lý AI thử nghiệm."
      boundaries:
        forbidden_claims: ["chữa khỏi"]
      disclosure:
        jurisdictions: [VN]
        ai_label: { vi: "Nội dung do AI tạo ra", en: "AI-generated" }
        sponsored_label: { vi: "#quảngcáo", en: "#ad" }
      """;

  private TestServer s;
  private String admin;
  private String alice;
  private String oscar;
  private String mia;
  private String bob;
  private String aliceId;
  private String oscarId;

  @BeforeAll
  void start() throws Exception {
    s = TestServer.start("roles");
    admin = s.loginAdmin();
    aliceId = s.addMember(admin, "lumiere", "alice@lumiere.test", "editor");
    oscarId = s.addMember(admin, "lumiere", "oscar@lumiere.test", "owner");
    s.addMember(admin, "lumiere", "mia@lumiere.test", "moderator");
    s.addMember(admin, "brewhaus", "bob@brewhaus.test", "owner");
    alice = s.login("alice@lumiere.test", TestServer.PASSWORD);
    oscar = s.login("oscar@lumiere.test", TestServer.PASSWORD);
    mia = s.login("mia@lumiere.test", TestServer.PASSWORD);
    bob = s.login("bob@brewhaus.test", TestServer.PASSWORD);
  }

  @AfterAll
  void stop() throws Exception {
    if (s != null) {
      s.close();
    }
  }

  private JsonObject document(String slug, String token) {
    return s.get("/api/v1/personas/" + slug + "?version=latest", token).expect(200).json().getJsonObject("document");
  }

  private Res createYaml(String token, String id, String brand) {
    return s.call("POST", "/api/v1/personas").bearer(token)
        .body("application/yaml", MINIMAL_YAML.formatted(id, brand, id)).send();
  }

  @Test
  void meNamesTheBrandsAndRolesOfTheCaller() {
    JsonObject me = s.get("/api/v1/auth/me", alice).expect(200).json();
    assertThat(me.getString("email")).isEqualTo("alice@lumiere.test");
    assertThat(me.getJsonArray("memberships")).hasSize(1);
    JsonObject m = me.getJsonArray("memberships").getJsonObject(0);
    assertThat(m.getString("brand")).isEqualTo("lumiere");
    assertThat(m.getString("role")).isEqualTo("editor");
  }

  @Test
  void moderatorReadsButCannotChange() {
    JsonObject doc = s.get("/api/v1/personas/linh", mia).expect(200).json().getJsonObject("document");
    s.put("/api/v1/personas/linh", mia, doc.copy().put("bio", "moderator edit")).expectError(403, "forbidden");
    // the right is checked before the document: a broken one is still a 403, not its problems
    s.put("/api/v1/personas/linh", mia, doc.copy().put("bio", 42).put("nonsense", true)).expectError(403, "forbidden");
    s.post("/api/v1/personas/linh/publish", mia, new JsonObject()).expectError(403, "forbidden");
    s.delete("/api/v1/personas/linh", mia).expectError(403, "forbidden");
    createYaml(mia, "mia-persona", "lumiere").expectError(403, "forbidden");
    s.get("/api/v1/brands/lumiere/members", mia).expectError(403, "forbidden");
    s.post("/api/v1/brands/lumiere/members", alice, new JsonObject().put("email", "x@lumiere.test")
        .put("role", "owner").put("password", TestServer.PASSWORD)).expectError(403, "forbidden");
    assertThat(s.get("/api/v1/personas/linh", mia).json().getJsonObject("document").getString("bio"))
        .doesNotContain("moderator edit");
  }

  @Test
  void editorDraftsPublishesAndTheHistoryShowsBothVersions() throws Exception {
    createYaml(alice, "thu", "lumiere").expect(201);
    JsonObject v1 = document("thu", alice);
    JsonObject draft = v1.copy().put("bio", "Phiên bản hai của Thu.")
        .put("boundaries", v1.getJsonObject("boundaries").copy().put("banned_terms", new JsonArray().add("siêu rẻ")));

    JsonObject put = s.put("/api/v1/personas/thu", alice, draft).expect(200).json();
    assertThat(put.getInteger("latestVersion")).isEqualTo(2);
    assertThat(put.getInteger("publishedVersion")).isEqualTo(1);
    assertThat(put.getInteger("version")).isEqualTo(2);

    JsonObject served = s.get("/api/v1/personas/thu", mia).expect(200).json();
    assertThat(served.getInteger("version")).isEqualTo(1);
    assertThat(served.getJsonObject("document").getString("bio")).isEqualTo("Trợ lý AI thử nghiệm.");
    JsonObject latest = s.get("/api/v1/personas/thu?version=latest", mia).expect(200).json();
    assertThat(latest.getInteger("version")).isEqualTo(2);
    assertThat(latest.getJsonObject("document").getString("bio")).isEqualTo("Phiên bản hai của Thu.");

    // the draft's policy is not live yet
    JsonObject check = new JsonObject().put("persona", "thu").put("text", "Giá siêu rẻ luôn nha");
    assertThat(s.post("/api/v1/guardrails/check", alice, check).expect(200).json().getString("decision"))
        .isEqualTo("allow");

    // the same document again adds no version
    assertThat(s.put("/api/v1/personas/thu", alice, draft).expect(200).json().getInteger("latestVersion"))
        .isEqualTo(2);

    JsonObject published = s.call("POST", "/api/v1/personas/thu/publish").bearer(alice).send().expect(200).json();
    assertThat(published.getInteger("publishedVersion")).isEqualTo(2);
    assertThat(s.get("/api/v1/personas/thu", mia).json().getJsonObject("document").getString("bio"))
        .isEqualTo("Phiên bản hai của Thu.");
    JsonObject blocked = s.post("/api/v1/guardrails/check", alice, check).expect(200).json();
    assertThat(blocked.getString("decision")).isEqualTo("block");
    assertThat(blocked.getJsonArray("findings").getJsonObject(0).getString("rule")).isEqualTo("banned_term");

    JsonArray versions = s.get("/api/v1/personas/thu/versions", mia).expect(200).items();
    assertThat(versions).hasSize(2);
    assertThat(versions.getJsonObject(0).getInteger("version")).isEqualTo(2);
    assertThat(versions.getJsonObject(0).getBoolean("published")).isTrue();
    assertThat(versions.getJsonObject(0).getString("createdBy")).isEqualTo(aliceId);
    assertThat(versions.getJsonObject(1).getInteger("version")).isEqualTo(1);
    assertThat(versions.getJsonObject(1).getBoolean("published")).isFalse();

    // roll back to version 1 by number
    assertThat(s.post("/api/v1/personas/thu/publish", alice, new JsonObject().put("version", 1)).expect(200).json()
        .getInteger("publishedVersion")).isEqualTo(1);
    assertThat(s.post("/api/v1/guardrails/check", alice, check).json().getString("decision")).isEqualTo("allow");
    assertThat(s.post("/api/v1/personas/thu/publish", alice, new JsonObject().put("version", 3))
        .expectError(400, "invalid").message()).startsWith("version:");
    assertThat(s.post("/api/v1/personas/thu/publish", alice, new JsonObject().put("version", "2"))
        .expectError(400, "invalid").message()).startsWith("version:");

    // ?publish=true stores and publishes at once
    JsonObject v3 = s.call("PUT", "/api/v1/personas/thu?publish=true").bearer(alice)
        .json(draft.copy().put("name", "Thu 3")).send().expect(200).json();
    assertThat(v3.getInteger("publishedVersion")).isEqualTo(3);
    assertThat(s.get("/api/v1/personas/thu", mia).json().getJsonObject("document").getString("name"))
        .isEqualTo("Thu 3");
  }

  @Test
  void onlyOwnersDelete() {
    createYaml(alice, "lan", "lumiere").expect(201);
    s.delete("/api/v1/personas/lan", alice).expectError(403, "forbidden");
    s.get("/api/v1/personas/lan", alice).expect(200);
    s.delete("/api/v1/personas/lan", oscar).expect(204);
    s.get("/api/v1/personas/lan", oscar).expectError(404, "not_found");
    s.get("/api/v1/personas/lan/versions", oscar).expectError(404, "not_found");
    s.delete("/api/v1/personas/lan", oscar).expectError(404, "not_found");
    s.post("/api/v1/guardrails/check", oscar, new JsonObject().put("persona", "lan").put("text", "hi"))
        .expectError(404, "not_found");
    assertThat(s.get("/api/v1/personas", oscar).items().encode()).doesNotContain("\"lan\"");
    assertThat(s.get("/api/v1/public/personas", null).items().encode()).doesNotContain("\"lan\"");
  }

  @Test
  void aDeletedPersonasIdCanBeReusedByItsBrandButNotTakenByAnother() {
    createYaml(alice, "hoa", "lumiere").expect(201);
    s.delete("/api/v1/personas/hoa", oscar).expect(204);
    // another brand cannot take the id over (it stays reserved): a 409, not a 500
    createYaml(bob, "hoa", "brewhaus").expectError(409, "conflict");
    // the owning brand gets it back as a new version
    JsonObject back = createYaml(alice, "hoa", "lumiere").expect(201).json();
    assertThat(back.getString("brand")).isEqualTo("lumiere");
    s.get("/api/v1/personas/hoa", mia).expect(200);
  }

  @Test
  void createFromJsonAndYamlAndRejectDuplicates() {
    JsonObject json = new JsonObject().put("id", "minh").put("brand", "lumiere").put("name", "Minh")
        .put("languages", new JsonArray().add("vi"))
        .put("disclosure", new JsonObject().put("jurisdictions", new JsonArray().add("VN"))
            .put("ai_label", new JsonObject().put("vi", "Nội dung do AI tạo ra"))
            .put("sponsored_label", new JsonObject().put("vi", "#quảngcáo")));
    JsonObject created = s.post("/api/v1/personas", alice, json).expect(201).json();
    assertThat(created.getString("id")).isEqualTo("minh");
    assertThat(created.getInteger("version")).isEqualTo(1);
    assertThat(created.getInteger("publishedVersion")).isEqualTo(1);
    assertThat(created.getJsonObject("document").getString("name")).isEqualTo("Minh");

    JsonObject yaml = createYaml(oscar, "vy", "lumiere").expect(201).json();
    assertThat(yaml.getJsonObject("document").getJsonArray("languages").getList()).containsExactly("vi", "en");

    assertThat(s.post("/api/v1/personas", alice, json).expectError(409, "conflict").message()).startsWith("id:");
    // ids are unique across the runtime, not per brand
    createYaml(bob, "linh", "brewhaus").expectError(409, "conflict");
    // a brand one is not in is 404 (for a platform admin a new brand is created)
    createYaml(alice, "chi", "brewhaus").expectError(404, "not_found");
    createYaml(alice, "chi", "no-such-brand").expectError(404, "not_found");
    assertThat(createYaml(admin, "chi", "new-brand").expect(201).json().getString("brand")).isEqualTo("new-brand");
  }

  @Test
  void invalidBodiesNameFieldsWithSuggestions() {
    String yaml = MINIMAL_YAML.formatted("bad", "lumiere", "Bad") + """
        nmae: typo
        model:
          provider: openai
          name: gpt-4o-mini
          temperature: 7
        """;
    Res r = s.call("POST", "/api/v1/personas").bearer(alice).body("application/yaml", yaml).send()
        .expectError(400, "invalid");
    List<String> problems = r.json().getJsonObject("error").getJsonArray("problems").getList().stream()
        .map(String::valueOf).toList();
    assertThat(problems).contains("model.temperature: must be between 0 and 2, got 7");
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("nmae: unknown field")
        .contains("did you mean 'name'"));
    assertThat(r.message()).contains("model.temperature").contains("nmae");
    s.get("/api/v1/personas/bad", admin).expectError(404, "not_found");

    JsonObject json = new JsonObject().put("id", "Not A Slug").put("brand", "lumiere").put("languages", "vi");
    List<String> jsonProblems = s.post("/api/v1/personas", alice, json).expectError(400, "invalid").json()
        .getJsonObject("error").getJsonArray("problems").getList().stream().map(String::valueOf).toList();
    assertThat(jsonProblems).anySatisfy(p -> assertThat(p).startsWith("id: "));
    assertThat(jsonProblems).anySatisfy(p -> assertThat(p).startsWith("name: is required"));
    assertThat(jsonProblems).anySatisfy(p -> assertThat(p).startsWith("languages: "));
    // each problem names its field as every API problem does, without the parser's "body: " source
    assertThat(jsonProblems).noneMatch(p -> p.startsWith("body: "));

    assertThat(s.call("POST", "/api/v1/personas").bearer(alice).body("application/yaml", "id: [unclosed").send()
        .expectError(400, "invalid").json().getJsonObject("error").getJsonArray("problems").getString(0))
        .startsWith("YAML syntax error at line ");
    s.call("POST", "/api/v1/personas").bearer(alice).body("application/json", "").send()
        .expectError(400, "bad_request");
  }

  @Test
  void putCannotChangeTheIdOrTheBrand() {
    JsonObject doc = document("linh", alice);
    assertThat(s.put("/api/v1/personas/linh", alice, doc.copy().put("brand", "brewhaus"))
        .expectError(400, "invalid").message()).startsWith("brand:").contains("lumiere").contains("brewhaus");
    assertThat(s.put("/api/v1/personas/linh", alice, doc.copy().put("id", "linh-new"))
        .expectError(400, "invalid").message()).startsWith("id:").contains("linh-new");
    assertThat(s.put("/api/v1/personas/linh", alice, doc.copy().put("languages", new JsonArray()))
        .expectError(400, "invalid").json().getJsonObject("error").getJsonArray("problems").encode())
        .contains("languages:");
    s.get("/api/v1/personas/linh-new", admin).expectError(404, "not_found");
    assertThat(s.get("/api/v1/personas/linh", alice).json().getString("brand")).isEqualTo("lumiere");
  }

  @Test
  void ownersInviteMembersWhoJoinOnlyByAcceptingAndRemoveThem() {
    JsonObject invitation = s.invite(oscar, "lumiere", "NAM@lumiere.test", "moderator");
    assertThat(invitation.getString("email")).isEqualTo("nam@lumiere.test");
    assertThat(invitation.getString("role")).isEqualTo("moderator");
    // nobody is added until the invitee accepts
    assertThat(s.get("/api/v1/brands/lumiere/members", oscar).expect(200).items().encode())
        .doesNotContain("nam@lumiere.test");
    String id = s.post("/api/v1/invitations/" + invitation.getString("token") + "/accept", null,
        new JsonObject().put("password", TestServer.PASSWORD)).expect(200).json().getString("userId");
    JsonArray members = s.get("/api/v1/brands/lumiere/members", oscar).expect(200).items();
    assertThat(members.encode()).contains("nam@lumiere.test").contains("moderator").doesNotContain("password");
    // inviting someone who is already a member: 409 naming the e-mail; their role changes with PUT
    assertThat(s.post("/api/v1/brands/lumiere/invitations", oscar, new JsonObject().put("email", "nam@lumiere.test")
        .put("role", "editor")).expectError(409, "conflict").message()).startsWith("email:");
    assertThat(s.put("/api/v1/brands/lumiere/members/" + id, oscar, new JsonObject().put("role", "editor"))
        .expect(200).json().getString("role")).isEqualTo("editor");
    assertThat(s.get("/api/v1/brands/lumiere/members", oscar).items().encode()).contains("\"role\":\"editor\"");
    assertThat(s.put("/api/v1/brands/lumiere/members/" + id, oscar, new JsonObject().put("role", "boss"))
        .expectError(400, "invalid").message()).startsWith("role:");
    s.put("/api/v1/brands/lumiere/members/no-such-user", oscar, new JsonObject().put("role", "editor"))
        .expectError(404, "not_found");
    s.put("/api/v1/brands/lumiere/members/" + id, mia, new JsonObject().put("role", "owner"))
        .expectError(403, "forbidden");
    assertThat(s.post("/api/v1/brands/lumiere/invitations", oscar, new JsonObject().put("email", "x@lumiere.test")
        .put("role", "boss")).expectError(400, "invalid").message()).startsWith("role:");
    assertThat(s.post("/api/v1/brands/lumiere/invitations", oscar, new JsonObject().put("email", "not-an-email")
        .put("role", "editor")).expectError(400, "invalid").message()).startsWith("email:");
    // the owner never sets the invitee's password
    assertThat(s.post("/api/v1/brands/lumiere/members", oscar, new JsonObject().put("email", "new@lumiere.test")
        .put("role", "editor").put("password", TestServer.PASSWORD)).expectError(400, "invalid").message())
        .startsWith("password:");
    s.delete("/api/v1/brands/lumiere/members/" + id, oscar).expect(204);
    s.delete("/api/v1/brands/lumiere/members/" + id, oscar).expectError(404, "not_found");
    assertThat(s.get("/api/v1/brands/lumiere/members", oscar).items().encode()).doesNotContain("nam@lumiere.test");
  }

  @Test
  void everyChangeIsInTheAuditLog() throws Exception {
    createYaml(alice, "audit-me", "lumiere").expect(201);
    JsonObject doc = document("audit-me", alice);
    s.put("/api/v1/personas/audit-me", alice, doc.copy().put("bio", "v2")).expect(200);
    s.post("/api/v1/personas/audit-me/publish", alice, new JsonObject()).expect(200);
    s.delete("/api/v1/personas/audit-me", oscar).expect(204);

    String personaId = (String) s.query("SELECT id FROM personas WHERE slug = 'audit-me'").get(0).get("ID");
    List<Map<String, Object>> rows = s.query(
        "SELECT actor, action, target_type, details FROM audit_log WHERE target_id = '" + personaId + "' ORDER BY id");
    assertThat(rows).extracting(r -> r.get("ACTION") + " by " + r.get("ACTOR")).containsExactly(
        "persona.created by " + aliceId, "persona.updated by " + aliceId, "persona.published by " + aliceId,
        "persona.deleted by " + oscarId);
    assertThat(rows).allSatisfy(r -> assertThat(r.get("TARGET_TYPE")).isEqualTo("persona"));
    assertThat(new JsonObject((String) rows.get(1).get("DETAILS")).getInteger("version")).isEqualTo(2);

    List<Map<String, Object>> members = s.query(
        "SELECT action, target_id FROM audit_log WHERE action = 'member.added' AND target_id = '" + aliceId + "'");
    assertThat(members).isNotEmpty();
    assertThat(s.query("SELECT action FROM audit_log WHERE action = 'persona.imported'")).hasSizeGreaterThanOrEqualTo(2);
    // append-only: the log refuses changes
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.update("DELETE FROM audit_log"))
        .isInstanceOf(java.sql.SQLException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.update("UPDATE audit_log SET actor = 'x'"))
        .isInstanceOf(java.sql.SQLException.class);
  }
}
