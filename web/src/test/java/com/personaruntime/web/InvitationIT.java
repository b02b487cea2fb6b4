package com.personaruntime.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.runtime.auth.Secrets;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 8: adding a member never tells the owner whether an e-mail has an account, and never adds
 * another tenant's user by itself. The owner invites; the invitee accepts with the one-time token (a
 * new account sets its password, an existing one proves it); only then is the membership created.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvitationIT {
  private final TestClock clock = new TestClock();
  private TestServer s;
  private String admin;
  private String owner;
  private String bob;

  @BeforeAll
  void start() throws Exception {
    s = TestServer.start("invitations", Map.of("AUTH_INVITATIONTTLHOURS", "48"), clock);
    admin = s.loginAdmin();
    s.addMember(admin, "lumiere", "owner@lumiere.test", "owner");
    s.addMember(admin, "brewhaus", "bob@brewhaus.test", "owner");
    owner = s.login("owner@lumiere.test", TestServer.PASSWORD);
    bob = s.login("bob@brewhaus.test", TestServer.PASSWORD);
  }

  @AfterAll
  void stop() throws Exception {
    if (s != null) {
      s.close();
    }
  }

  /** A browser-like client for the console pages: keeps cookies, does not follow redirects. */
  private final class Browser {
    final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
        .cookieHandler(new java.net.CookieManager()).followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();

    java.net.http.HttpResponse<String> get(String path) throws Exception {
      return http.send(java.net.http.HttpRequest.newBuilder(s.uri(path)).header("Accept-Language", "en").build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    java.net.http.HttpResponse<String> form(String path, Map<String, String> fields) throws Exception {
      StringBuilder body = new StringBuilder();
      fields.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
          .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
      return http.send(java.net.http.HttpRequest.newBuilder(s.uri(path)).header("Accept-Language", "en")
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.toString())).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
    }
  }

  @Test
  void theConsoleAcceptPageCreatesTheAccountOrAcceptsForTheLoggedInUser() throws Exception {
    // a new account, from the link the owner passed on
    JsonObject inv = s.invite(owner, "lumiere", "console-newbie@lumiere.test", "editor");
    String path = java.net.URI.create(inv.getString("acceptUrl")).getRawPath() + "?"
        + java.net.URI.create(inv.getString("acceptUrl")).getRawQuery();
    Browser newbie = new Browser();
    var page = newbie.get(path);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("id=\"invite-summary\"").contains("as Editor") // the role in words
        .contains("console-newbie@lumiere.test").contains("name=\"password\"");
    var tooShort = newbie.form("/console/invitations/accept", Map.of("token", inv.getString("token"),
        "password", "short"));
    assertThat(tooShort.statusCode()).isEqualTo(200);
    assertThat(tooShort.body()).contains("id=\"invite-error\"").contains("12");
    var joined = newbie.form("/console/invitations/accept", Map.of("token", inv.getString("token"),
        "password", "console-newbie-pw", "name", "Console Newbie"));
    assertThat(joined.statusCode()).as(joined.body()).isEqualTo(303);
    assertThat(joined.headers().firstValue("location")).hasValue("/console/members?joined=lumiere");
    assertThat(newbie.get("/console/members").body()).contains("console-newbie@lumiere.test");
    // the link is used up
    assertThat(newbie.get(path).body()).contains("id=\"invite-invalid\"");

    // an existing account logged in to the console accepts with one button (CSRF-checked)
    JsonObject second = s.invite(owner, "lumiere", "bob@brewhaus.test", "moderator");
    Browser bobs = new Browser();
    assertThat(bobs.form("/console/login", Map.of("email", "bob@brewhaus.test", "password", TestServer.PASSWORD,
        "next", "/console/personas")).statusCode()).isEqualTo(303);
    String acceptPage = bobs.get("/console/invitations/accept?token=" + second.getString("token")).body();
    java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
        .matcher(acceptPage);
    assertThat(csrf.find()).as(acceptPage).isTrue();
    var forged = bobs.form("/console/invitations/accept", Map.of("token", second.getString("token"),
        "_csrf", "wrong"));
    assertThat(forged.body()).contains("id=\"invite-error\"");
    var accepted = bobs.form("/console/invitations/accept", Map.of("token", second.getString("token"),
        "_csrf", csrf.group(1)));
    assertThat(accepted.statusCode()).isEqualTo(303);
    String bobNow = s.login("bob@brewhaus.test", TestServer.PASSWORD);
    s.get("/api/v1/brands/lumiere", bobNow).expect(200);
    String bobId = s.query("SELECT id FROM users WHERE email = 'bob@brewhaus.test'").get(0).get("ID").toString();
    s.delete("/api/v1/brands/lumiere/members/" + bobId, owner).expect(204);
  }

  private TestServer.Res accept(String token, String bearer, JsonObject body) {
    return s.post("/api/v1/invitations/" + token + "/accept", bearer, body);
  }

  /** The answer with what naturally differs per invitation (ids, e-mail, token, times) taken out. */
  private static JsonObject shape(JsonObject answer) {
    JsonObject copy = answer.copy();
    for (String k : List.of("id", "email", "token", "acceptUrl", "createdAt", "expiresAt")) {
      assertThat(copy.getValue(k)).as(k).isNotNull();
      copy.put(k, "*");
    }
    return copy;
  }

  @Test
  void theAnswerIsTheSameWhetherOrNotTheEMailHasAnAccountAndNobodyIsAddedYet() {
    TestServer.Res existing = s.post("/api/v1/brands/lumiere/members", owner, new JsonObject()
        .put("email", "bob@brewhaus.test").put("role", "editor")).expect(202);
    TestServer.Res unknown = s.post("/api/v1/brands/lumiere/members", owner, new JsonObject()
        .put("email", "nobody-yet@example.test").put("role", "editor")).expect(202);
    assertThat(shape(existing.json())).isEqualTo(shape(unknown.json()));
    assertThat(existing.headers().map().keySet()).isEqualTo(unknown.headers().map().keySet());
    assertThat(existing.json().fieldNames()).containsExactlyInAnyOrder("id", "brand", "email", "role", "createdAt",
        "expiresAt", "token", "acceptUrl");
    // another tenant's user is not added by the invite: bob still cannot see lumiere
    assertThat(s.get("/api/v1/brands/lumiere/members", owner).expect(200).items().encode())
        .doesNotContain("bob@brewhaus.test").doesNotContain("nobody-yet");
    s.get("/api/v1/brands/lumiere", bob).expectError(404, "not_found");
    // the pending list shows both, never a token
    String pending = s.get("/api/v1/brands/lumiere/invitations", owner).expect(200).items().encode();
    assertThat(pending).contains("bob@brewhaus.test", "nobody-yet@example.test")
        .doesNotContain(existing.json().getString("token")).doesNotContain("inv_");
  }

  @Test
  void anExistingAccountJoinsOnlyByProvingItIsTheirs() throws Exception {
    JsonObject inv = s.invite(owner, "lumiere", "bob@brewhaus.test", "moderator");
    String token = inv.getString("token");
    // the token is stored only as its SHA-256
    List<Map<String, Object>> rows = s.query("SELECT token_hash FROM brand_invitations WHERE id = '"
        + inv.getString("id") + "'");
    assertThat(rows.get(0).get("TOKEN_HASH")).isEqualTo(Secrets.sha256(token));
    assertThat(s.query("SELECT COUNT(*) AS n FROM brand_invitations WHERE token_hash = '" + token + "'").get(0)
        .get("N").toString()).isEqualTo("0");
    // whoever holds the link cannot take over the existing account: wrong password, no membership
    accept(token, null, new JsonObject().put("password", "not-bobs-password")).expectError(401, "invalid_credentials");
    accept(token, null, new JsonObject()).expectError(400, "invalid");
    // logged in as someone else: refused
    accept(token, owner, new JsonObject()).expectError(403, "forbidden");
    s.get("/api/v1/brands/lumiere", bob).expectError(404, "not_found");
    // bob, logged in, accepts: now he is a moderator of lumiere
    JsonObject joined = accept(token, bob, new JsonObject()).expect(200).json();
    assertThat(joined.getString("brand")).isEqualTo("lumiere");
    assertThat(joined.getString("role")).isEqualTo("moderator");
    String bobNow = s.login("bob@brewhaus.test", TestServer.PASSWORD);
    s.get("/api/v1/brands/lumiere", bobNow).expect(200);
    // single use
    accept(token, bob, new JsonObject()).expectError(404, "not_found");
    // audit: created by the owner, accepted and added by bob, in the brand's log
    String actions = s.query("SELECT action FROM audit_log WHERE details LIKE '%" + inv.getString("id")
        + "%' OR target_id = '" + inv.getString("id") + "' ORDER BY id").toString();
    assertThat(actions).contains("invitation.created", "invitation.accepted", "member.added");
    assertThat(s.query("SELECT details FROM audit_log").toString()).doesNotContain(token);
    s.delete("/api/v1/brands/lumiere/members/" + joined.getString("userId"), owner).expect(204);
  }

  @Test
  void aNewAccountSetsItsPasswordWhenAccepting() {
    JsonObject inv = s.invite(owner, "lumiere", "newbie@lumiere.test", "editor");
    String token = inv.getString("token");
    assertThat(inv.getString("acceptUrl")).endsWith("/console/invitations/accept?token=" + token);
    accept(token, null, new JsonObject().put("password", "short")).expectError(400, "invalid");
    s.call("POST", "/api/v1/auth/login").json(new JsonObject().put("email", "newbie@lumiere.test")
        .put("password", "newbie-password-1")).send().expectError(401, "invalid_credentials");
    JsonObject joined = accept(token, null, new JsonObject().put("password", "newbie-password-1")
        .put("name", "Newbie")).expect(200).json();
    assertThat(joined.getString("role")).isEqualTo("editor");
    String newbie = s.login("newbie@lumiere.test", "newbie-password-1");
    s.get("/api/v1/personas/linh", newbie).expect(200);
    accept(token, null, new JsonObject().put("password", "newbie-password-2")).expectError(404, "not_found");
  }

  @Test
  void ownersListAndRevokeAndTokensExpire() {
    JsonObject revoked = s.invite(owner, "lumiere", "revoked@lumiere.test", "editor");
    s.delete("/api/v1/brands/lumiere/invitations/" + revoked.getString("id"), owner).expect(204);
    s.delete("/api/v1/brands/lumiere/invitations/" + revoked.getString("id"), owner).expectError(404, "not_found");
    accept(revoked.getString("token"), null, new JsonObject().put("password", "revoked-password-1"))
        .expectError(404, "not_found");
    // inviting the same e-mail again replaces the pending invitation: the old link stops working
    JsonObject first = s.invite(owner, "lumiere", "twice@lumiere.test", "editor");
    JsonObject second = s.invite(owner, "lumiere", "twice@lumiere.test", "moderator");
    accept(first.getString("token"), null, new JsonObject().put("password", "twice-password-1"))
        .expectError(404, "not_found");
    // another brand's owner can neither list nor revoke lumiere's invitations
    s.get("/api/v1/brands/lumiere/invitations", bob).expectError(404, "not_found");
    s.delete("/api/v1/brands/lumiere/invitations/" + second.getString("id"), bob).expectError(404, "not_found");
    // expiry (auth.invitationTtlHours = 48 here)
    JsonObject late = s.invite(owner, "lumiere", "late@lumiere.test", "editor");
    assertThat(java.time.Instant.parse(late.getString("expiresAt")))
        .isEqualTo(java.time.Instant.parse(late.getString("createdAt")).plus(Duration.ofHours(48)));
    clock.advance(Duration.ofHours(49));
    try {
      accept(late.getString("token"), null, new JsonObject().put("password", "late-password-12"))
          .expectError(404, "not_found");
      String ownerLater = s.login("owner@lumiere.test", TestServer.PASSWORD);
      assertThat(s.get("/api/v1/brands/lumiere/invitations", ownerLater).expect(200).items().encode())
          .doesNotContain("late@lumiere.test").doesNotContain("twice@lumiere.test");
    } finally {
      clock.advance(Duration.ofHours(-49));
    }
    Set<String> unknown = Set.of("inv_nope", "not-even-a-token");
    unknown.forEach(t -> accept(t, null, new JsonObject().put("password", "whatever-password-1"))
        .expectError(404, "not_found"));
  }
}
