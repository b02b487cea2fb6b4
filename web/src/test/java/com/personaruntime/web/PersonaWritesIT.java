package com.personaruntime.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 8, persona and brand writes on a real server, on H2 and on PostgreSQL: under concurrent
 * {@code PUT}s every answer (and its audit entry) carries the version that request created, and an
 * audit entry is written in the change's own transaction, so a failed audit write leaves no change.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PersonaWritesIT {
  private static final int WRITERS = 24;

  TestServer s;
  String admin;

  abstract TestServer startServer() throws Exception;

  @BeforeAll
  void start() throws Exception {
    s = startServer();
    admin = s.loginAdmin();
    s.post("/api/v1/brands", admin, new JsonObject().put("slug", "writes").put("name", "Writes")).expect(201);
  }

  @AfterAll
  void stop() throws Exception {
    if (s != null) {
      s.close();
    }
  }

  private static JsonObject persona(String id, String bio) {
    return new JsonObject().put("id", id).put("brand", "writes").put("name", "Writer " + id)
        .put("bio", bio).put("languages", new JsonArray().add("en"))
        .put("voice", new JsonObject().put("greeting", "Hi, I am an AI assistant of Writes."))
        .put("disclosure", new JsonObject().put("jurisdictions", new JsonArray().add("EU"))
            .put("ai_label", new JsonObject().put("en", "AI-generated")));
  }

  @Test
  void concurrentPutsEachAnswerWithTheVersionTheyCreatedAndAuditIt() throws Exception {
    s.post("/api/v1/personas", admin, persona("racer", "bio 0")).expect(201);
    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 1; i <= WRITERS; i++) {
      calls.add(s.client().sendAsync(HttpRequest.newBuilder(s.uri("/api/v1/personas/racer"))
          .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
          .timeout(Duration.ofSeconds(60))
          .PUT(HttpRequest.BodyPublishers.ofString(persona("racer", "bio " + i).encode())).build(),
          HttpResponse.BodyHandlers.ofString()));
    }
    Map<Integer, String> bioByVersion = new HashMap<>();
    for (CompletableFuture<HttpResponse<String>> call : calls) {
      HttpResponse<String> r = call.get(90, TimeUnit.SECONDS);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonObject body = new JsonObject(r.body());
      int version = body.getInteger("latestVersion");
      assertThat(bioByVersion.put(version, body.getJsonObject("document").getString("bio")))
          .as("two answers named version %d", version).isNull();
    }
    // WRITERS distinct versions 2..WRITERS+1, and each answer is the version its own request stored
    assertThat(bioByVersion.keySet()).hasSize(WRITERS).allSatisfy(v -> assertThat(v).isBetween(2, WRITERS + 1));
    for (var e : bioByVersion.entrySet()) {
      String stored = s.get("/api/v1/personas/racer/versions/" + e.getKey(), admin).expect(200).json()
          .getJsonObject("document").getString("bio");
      assertThat(stored).as("version %d", e.getKey()).isEqualTo(e.getValue());
    }
    String id = String.valueOf(s.query("SELECT id FROM personas WHERE slug = 'racer'").get(0).get("ID"));
    Set<Integer> audited = new HashSet<>();
    for (Map<String, Object> row : s.query("SELECT details FROM audit_log WHERE action = 'persona.updated'"
        + " AND target_id = '" + id + "'")) {
      int v = new JsonObject(String.valueOf(row.get("DETAILS"))).getInteger("version");
      assertThat(audited.add(v)).as("two audit entries named version %d", v).isTrue();
    }
    assertThat(audited).isEqualTo(bioByVersion.keySet());
  }

  @Test
  void whatAGetAnswersCanBeEditedAndPutBack() {
    s.post("/api/v1/personas", admin, persona("roundtrip", "first")).expect(201);
    JsonObject got = s.get("/api/v1/personas/roundtrip", admin).expect(200).json();
    got.getJsonObject("document").put("bio", "second");
    JsonObject put = s.put("/api/v1/personas/roundtrip", admin, got).expect(200).json();
    assertThat(put.getInteger("latestVersion")).isEqualTo(2);
    assertThat(put.getJsonObject("document").getString("bio")).isEqualTo("second");
    // in a plain document, the answer's fields are still unknown fields, named
    assertThat(s.put("/api/v1/personas/roundtrip", admin, persona("roundtrip", "third").put("latestVersion", 3))
        .expectError(400, "invalid").json().encode()).contains("latestVersion");
    assertThat(s.get("/api/v1/personas/roundtrip", admin).json().getInteger("latestVersion")).isEqualTo(2);
  }

  @Test
  void aFailedAuditWriteRollsTheChangeBack() throws Exception {
    s.post("/api/v1/personas", admin, persona("doomed", "original")).expect(201);
    String memberId = s.addMember(admin, "writes", "doomed-member@writes.test", "editor");
    // from now on the audit log refuses every entry about "doomed" (except the ones already there)
    Object last = s.query("SELECT MAX(id) AS m FROM audit_log").get(0).get("M");
    s.update("ALTER TABLE audit_log ADD CONSTRAINT audit_refuses_doomed CHECK (id <= " + last
        + " OR COALESCE(details, '') NOT LIKE '%doomed%' AND COALESCE(target_id, '') <> '" + memberId + "')");
    try {
      s.put("/api/v1/personas/doomed", admin, persona("doomed", "changed")).expect(500);
      s.post("/api/v1/personas/doomed/publish", admin, new JsonObject().put("version", 1)).expect(500);
      s.delete("/api/v1/personas/doomed", admin).expect(500);
      s.post("/api/v1/brands", admin, new JsonObject().put("slug", "doomed-brand")).expect(500);
      s.delete("/api/v1/brands/writes/members/" + memberId, admin).expect(500);
      s.post("/api/v1/brands/writes/invitations", admin, new JsonObject().put("email", "doomed@writes.test")
          .put("role", "editor")).expect(500);
      s.put("/api/v1/brands/writes", admin, new JsonObject().put("name", "doomed name")).expect(500);
    } finally {
      s.update("ALTER TABLE audit_log DROP CONSTRAINT audit_refuses_doomed");
    }
    JsonObject doomed = s.get("/api/v1/personas/doomed", admin).expect(200).json();
    assertThat(doomed.getInteger("latestVersion")).isEqualTo(1);
    assertThat(doomed.getJsonObject("document").getString("bio")).isEqualTo("original");
    assertThat(s.get("/api/v1/personas/doomed/versions", admin).expect(200).items()).hasSize(1);
    s.get("/api/v1/brands/doomed-brand", admin).expectError(404, "not_found");
    assertThat(s.get("/api/v1/brands/writes/members", admin).expect(200).items().encode())
        .contains("doomed-member@writes.test");
    assertThat(s.get("/api/v1/brands/writes/invitations", admin).expect(200).items().encode())
        .doesNotContain("doomed@writes.test");
    assertThat(s.get("/api/v1/brands/writes", admin).expect(200).json().getString("name")).isEqualTo("Writes");
    // and with the audit log working again the same changes go through, each with its entry
    s.put("/api/v1/personas/doomed", admin, persona("doomed", "changed")).expect(200);
    s.delete("/api/v1/brands/writes/members/" + memberId, admin).expect(204);
    assertThat(s.query("SELECT action FROM audit_log WHERE action = 'member.removed' AND target_id = '"
        + memberId + "'")).hasSize(1);
  }
}

/** On the default test store (in-memory H2). */
class PersonaWritesH2IT extends PersonaWritesIT {
  @Override
  TestServer startServer() throws Exception {
    return TestServer.start("writes");
  }
}

/** On PostgreSQL (skipped without PERSONA_TEST_PG_URL unless PERSONA_TEST_PG_REQUIRED=true). */
class PersonaWritesPostgresIT extends PersonaWritesIT {
  @Override
  TestServer startServer() throws Exception {
    Assumptions.assumeTrue(TestServer.postgresAvailable(), "PostgreSQL not configured (PERSONA_TEST_PG_URL)");
    return TestServer.startPostgres("writes", Map.of());
  }
}
