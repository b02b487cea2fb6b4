package com.personaruntime.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.web.TestServer.Res;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.HttpCookie;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The HTTP API through real requests: health, authentication (bearer, session cookie with
 * CSRF, API tokens), JSON errors, body limits. One server for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiIT {
  private static final int MAX_BODY = 64 * 1024;

  private TestServer s;
  private String admin;

  @BeforeAll
  void start() throws Exception {
    s = TestServer.start("api", Map.of("HTTP_MAXBODYBYTES", String.valueOf(MAX_BODY)));
    admin = s.loginAdmin();
  }

  @AfterAll
  void stop() throws Exception {
    if (s != null) {
      s.close();
    }
  }

  @Test
  void healthIsUpWithoutAuthentication() {
    JsonObject body = s.get("/health", null).expect(200).json();
    assertThat(body.getString("status")).isEqualTo("UP");
  }

  @Test
  void routeTableCoversEveryRouteOfTheRouter() throws Exception {
    RouteTable.assertCovers(s.router());
  }

  @Test
  void everyProtectedRouteWithoutAuthenticationIs401Json() {
    List<RouteTable.Row> protectedRows = RouteTable.rows(RouteTable.Scope.SELF, RouteTable.Scope.LIST,
        RouteTable.Scope.ADMIN, RouteTable.Scope.TENANT);
    assertThat(protectedRows).hasSizeGreaterThan(15);
    for (RouteTable.Row row : protectedRows) {
      String path = concrete(row.path());
      TestServer.Call[] variants = {
          s.call(row.method(), path),
          s.call(row.method(), path).header("Authorization", "Bearer prt_not-a-real-token"),
          s.call(row.method(), path).header("Authorization", "Basic YWRtaW46YWRtaW4="),
          s.call(row.method(), path).header("Authorization", "Bearer "),
          s.call(row.method(), path).header("Cookie", "prt_session=not-a-session"),
      };
      for (TestServer.Call call : variants) {
        if (!row.method().equals("GET") && !row.method().equals("DELETE")) {
          call.json(new JsonObject().put("persona", "linh").put("text", "hi"));
        }
        Res r = call.send().expectError(401, "unauthorized");
        assertThat(r.headers().firstValue("WWW-Authenticate")).as(r.request()).contains("Bearer");
      }
    }
  }

  @Test
  void publicRoutesNeedNoAuthentication() {
    JsonArray items = s.get("/api/v1/public/personas", null).expect(200).items();
    assertThat(items.stream().map(o -> ((JsonObject) o).getString("id"))).contains("linh", "milo");
    // the public face only: no knowledge, boundaries or model binding
    assertThat(items.encode()).doesNotContain("forbidden_claims").doesNotContain("knowledge")
        .doesNotContain("competitors");
  }

  @Test
  void loginAnswersTokenCsrfTokenAndAStrictHttpOnlySessionCookie() {
    Res r = s.post("/api/v1/auth/login", null,
        new JsonObject().put("email", TestServer.ADMIN_EMAIL).put("password", TestServer.ADMIN_PASSWORD)).expect(200);
    JsonObject body = r.json();
    assertThat(body.getString("token")).startsWith("prt_").hasSizeGreaterThan(30);
    assertThat(body.getString("csrfToken")).hasSizeGreaterThan(20);
    assertThat(body.getJsonObject("user").getString("email")).isEqualTo(TestServer.ADMIN_EMAIL);
    assertThat(body.getJsonObject("user").getBoolean("platformAdmin")).isTrue();
    assertThat(r.headers().firstValue("cache-control")).contains("no-store");

    String setCookie = r.headers().allValues("set-cookie").stream()
        .filter(c -> c.startsWith("prt_session=")).findFirst().orElseThrow();
    assertThat(setCookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict")
        .containsIgnoringCase("Path=/");
    HttpCookie cookie = HttpCookie.parse(setCookie).get(0);
    assertThat(cookie.getValue()).isNotBlank().isNotEqualTo(body.getString("token"));
    // the login token and the session both authenticate
    s.get("/api/v1/auth/me", body.getString("token")).expect(200);
    s.call("GET", "/api/v1/auth/me").header("Cookie", "prt_session=" + cookie.getValue()).send().expect(200);
  }

  @Test
  void wrongPasswordAndUnknownAccountAreTheSame401() {
    Res wrong = s.post("/api/v1/auth/login", null,
        new JsonObject().put("email", TestServer.ADMIN_EMAIL.toUpperCase()).put("password", "wrong-password"))
        .expectError(401, "invalid_credentials");
    Res unknown = s.post("/api/v1/auth/login", null,
        new JsonObject().put("email", "nobody@example.test").put("password", "wrong-password"))
        .expectError(401, "invalid_credentials");
    assertThat(wrong.message()).isEqualTo(unknown.message());
    assertThat(wrong.headers().allValues("set-cookie")).isEmpty();
    // a successful login clears the account's failure count, so the suite can go on
    s.loginAdmin();
  }

  @Test
  void loginBodyProblemsName400TheField() {
    assertThat(s.post("/api/v1/auth/login", null, new JsonObject().put("email", TestServer.ADMIN_EMAIL))
        .expectError(400, "invalid").message()).startsWith("password:");
    assertThat(s.post("/api/v1/auth/login", null, new JsonObject().put("email", 7).put("password", "x"))
        .expectError(400, "invalid").message()).startsWith("email:").contains("must be a string");
    // JSON only (login CSRF): a form body or no Content-Type is 415
    s.call("POST", "/api/v1/auth/login").body("application/x-www-form-urlencoded", "email=a&password=b").send()
        .expectError(415, "unsupported_media_type");
    s.call("POST", "/api/v1/auth/login").json("[1,2]").send().expectError(400, "bad_request");
    s.call("POST", "/api/v1/auth/login").send().expectError(415, "unsupported_media_type");
    s.call("POST", "/api/v1/auth/login").body("application/json", "").send().expectError(400, "bad_request");
  }

  @Test
  void adminListsTheDemoPersonas() {
    JsonArray items = s.get("/api/v1/personas", admin).expect(200).items();
    assertThat(items.stream().map(o -> ((JsonObject) o).getString("id") + "@" + ((JsonObject) o).getString("brand")))
        .contains("linh@lumiere", "milo@brewhaus");
    JsonObject linh = s.get("/api/v1/personas/linh", admin).expect(200).json();
    assertThat(linh.getInteger("version")).isEqualTo(1);
    assertThat(linh.getJsonObject("document").getString("name")).isEqualTo("Linh");
    assertThat(linh.getJsonObject("document").getJsonArray("languages").getList()).containsExactly("vi", "en");
  }

  @Test
  void meDescribesTheCaller() {
    JsonObject me = s.get("/api/v1/auth/me", admin).expect(200).json();
    assertThat(me.getString("email")).isEqualTo(TestServer.ADMIN_EMAIL);
    assertThat(me.getBoolean("platformAdmin")).isTrue();
    assertThat(me.getString("id")).isNotBlank();
    assertThat(me.encode()).doesNotContainIgnoringCase("password").doesNotContain(admin);
  }

  @Test
  void apiTokensAreShownOnceListedWithoutSecretUsableAndRevocable() {
    Res created = s.post("/api/v1/auth/tokens", admin, new JsonObject().put("name", "ci deploy")).expect(201);
    String plain = created.json().getString("token");
    String id = created.json().getString("id");
    assertThat(plain).startsWith("prt_");
    assertThat(created.json().getString("name")).isEqualTo("ci deploy");
    assertThat(plain).startsWith(created.json().getString("prefix"));

    Res list = s.get("/api/v1/auth/tokens", admin).expect(200);
    JsonObject listed = list.items().stream().map(o -> (JsonObject) o)
        .filter(t -> t.getString("id").equals(id)).findFirst().orElseThrow();
    assertThat(listed.containsKey("token")).isFalse();
    assertThat(listed.getBoolean("revoked")).isFalse();
    assertThat(list.body()).doesNotContain(plain).doesNotContain(plain.substring(12));

    assertThat(s.get("/api/v1/auth/me", plain).expect(200).json().getString("email"))
        .isEqualTo(TestServer.ADMIN_EMAIL);
    s.get("/api/v1/personas", plain).expect(200);
    // a token needs no CSRF header, even for unsafe methods
    s.post("/api/v1/guardrails/check", plain, new JsonObject().put("persona", "milo").put("text", "Hello!"))
        .expect(200);

    s.delete("/api/v1/auth/tokens/" + id, admin).expect(204);
    s.get("/api/v1/auth/me", plain).expectError(401, "unauthorized");
    s.delete("/api/v1/auth/tokens/" + id, admin).expectError(404, "not_found");
    JsonObject after = s.get("/api/v1/auth/tokens", admin).expect(200).items().stream().map(o -> (JsonObject) o)
        .filter(t -> t.getString("id").equals(id)).findFirst().orElseThrow();
    assertThat(after.getBoolean("revoked")).isTrue();
  }

  @Test
  void apiTokenBodyProblemsNameTheField() {
    assertThat(s.post("/api/v1/auth/tokens", admin, new JsonObject()).expectError(400, "invalid").message())
        .startsWith("name:");
    assertThat(s.post("/api/v1/auth/tokens", admin, new JsonObject().put("name", "x".repeat(101)))
        .expectError(400, "invalid").message()).startsWith("name:");
    assertThat(s.post("/api/v1/auth/tokens", admin, new JsonObject().put("name", "x").put("expiresInDays", 0))
        .expectError(400, "invalid").message()).startsWith("expiresInDays:");
    // every problem of the body at once: an empty name and a negative expiry are both named
    java.util.List<String> both = s.post("/api/v1/auth/tokens", admin, new JsonObject().put("name", "")
        .put("expiresInDays", -5)).expectError(400, "invalid").json().getJsonObject("error").getJsonArray("problems")
        .stream().map(String::valueOf).toList();
    assertThat(both).hasSize(2);
    assertThat(both.get(0)).startsWith("name: ");
    assertThat(both.get(1)).startsWith("expiresInDays: ").contains("-5");
    JsonObject ok = s.post("/api/v1/auth/tokens", admin, new JsonObject().put("name", "short").put("expiresInDays", 1))
        .expect(201).json();
    assertThat(ok.getString("expiresAt")).isNotNull();
    s.delete("/api/v1/auth/tokens/does-not-exist", admin).expectError(404, "not_found");
  }

  @Test
  void sessionCookieNeedsTheCsrfHeaderForUnsafeMethods() {
    Res login = s.post("/api/v1/auth/login", null,
        new JsonObject().put("email", TestServer.ADMIN_EMAIL).put("password", TestServer.ADMIN_PASSWORD)).expect(200);
    String csrf = login.json().getString("csrfToken");
    String session = login.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("prt_session="))
        .map(c -> HttpCookie.parse(c).get(0).getValue()).findFirst().orElseThrow();
    String cookie = "prt_session=" + session;
    JsonObject check = new JsonObject().put("persona", "linh").put("text", "Chào bạn");

    s.call("GET", "/api/v1/personas").header("Cookie", cookie).send().expect(200);
    s.call("POST", "/api/v1/guardrails/check").header("Cookie", cookie).json(check).send()
        .expectError(403, "csrf");
    s.call("POST", "/api/v1/guardrails/check").header("Cookie", cookie).header("X-CSRF-Token", "wrong").json(check)
        .send().expectError(403, "csrf");
    s.call("DELETE", "/api/v1/auth/tokens/whatever").header("Cookie", cookie).send().expectError(403, "csrf");
    // another session's CSRF token does not fit this session
    String otherCsrf = s.post("/api/v1/auth/login", null, new JsonObject().put("email", TestServer.ADMIN_EMAIL)
        .put("password", TestServer.ADMIN_PASSWORD)).expect(200).json().getString("csrfToken");
    s.call("POST", "/api/v1/guardrails/check").header("Cookie", cookie).header("X-CSRF-Token", otherCsrf).json(check)
        .send().expectError(403, "csrf");

    s.call("POST", "/api/v1/guardrails/check").header("Cookie", cookie).header("X-CSRF-Token", csrf).json(check)
        .send().expect(200);

    // logout ends the session and clears the cookie
    Res out = s.call("POST", "/api/v1/auth/logout").header("Cookie", cookie).header("X-CSRF-Token", csrf).send()
        .expect(204);
    assertThat(out.headers().allValues("set-cookie")).anySatisfy(c ->
        assertThat(c).startsWith("prt_session=").containsIgnoringCase("Max-Age=0"));
    s.call("GET", "/api/v1/personas").header("Cookie", cookie).send().expectError(401, "unauthorized");
  }

  @Test
  void logoutRevokesTheLoginBearerToken() {
    String token = s.loginAdmin();
    s.get("/api/v1/auth/me", token).expect(200);
    s.call("POST", "/api/v1/auth/logout").bearer(token).send().expect(204);
    s.get("/api/v1/auth/me", token).expectError(401, "unauthorized");
    s.get("/api/v1/auth/me", admin).expect(200);
  }

  @Test
  void bodyOverTheLimitIs413Json() {
    String text = "a".repeat(MAX_BODY + 10);
    s.post("/api/v1/guardrails/check", admin, new JsonObject().put("persona", "linh").put("text", text))
        .expectError(413, "body_too_large");
    s.call("POST", "/api/v1/personas").bearer(admin).body("application/yaml", "id: x\n# " + text).send()
        .expectError(413, "body_too_large");
    // just under the limit is read (and then judged on its content)
    String under = "b".repeat(MAX_BODY - 100);
    assertThat(s.post("/api/v1/guardrails/check", admin, new JsonObject().put("persona", "linh").put("text", under))
        .expectError(400, "invalid").message()).startsWith("text:").contains("at most");
  }

  @Test
  void unknownApiPathIs404JsonOnceAuthenticated() {
    s.get("/api/v1/nope", admin).expectError(404, "not_found");
    s.post("/api/v1/personas/linh/nope", admin, new JsonObject()).expectError(404, "not_found");
    s.get("/api/v2/personas", admin).expectError(404, "not_found");
    // unauthenticated callers learn nothing about which paths exist
    s.get("/api/v1/nope", null).expectError(401, "unauthorized");
  }

  @Test
  void aKnownApiPathWithAnotherMethodIs405NamingTheMethodAndTheAllowedOnes() {
    TestServer.Res patch = s.call("PATCH", "/api/v1/personas/linh").bearer(admin).json("{}").send();
    assertThat(patch.expectError(405, "method_not_allowed").message()).contains("PATCH").contains("/api/v1/personas/linh");
    assertThat(patch.headers().firstValue("allow").orElse("")).contains("GET").contains("PUT").doesNotContain("PATCH");
    s.call("DELETE", "/api/v1/auth/login").bearer(admin).send().expectError(405, "method_not_allowed");
    s.call("PUT", "/api/v1/brands").bearer(admin).json("{}").send().expectError(405, "method_not_allowed");
    // nothing was changed by the refused call
    assertThat(s.get("/api/v1/personas/linh", admin).expect(200).json().getString("id")).isEqualTo("linh");
    // an unknown path is still 404, and unauthenticated callers still learn nothing
    s.call("PATCH", "/api/v1/nope").bearer(admin).json("{}").send().expectError(404, "not_found");
    s.call("PATCH", "/api/v1/personas/linh").json("{}").send().expectError(401, "unauthorized");
  }

  @Test
  void nonJsonBodyIs400BadJson() {
    s.call("POST", "/api/v1/guardrails/check").bearer(admin).json("{\"persona\": \"linh\", ").send()
        .expectError(400, "bad_json");
    s.call("POST", "/api/v1/guardrails/check").bearer(admin).body("text/plain", "hello").send()
        .expectError(400, "bad_json");
    s.call("POST", "/api/v1/auth/tokens").bearer(admin).json("not json").send().expectError(400, "bad_json");
    s.call("POST", "/api/v1/brands/lumiere/members").bearer(admin).json("{]").send().expectError(400, "bad_json");
    s.call("POST", "/api/v1/personas/linh/publish").bearer(admin).json("{").send().expectError(400, "bad_json");
  }

  @Test
  void moderationQueryParametersAreChecked() {
    assertThat(s.get("/api/v1/moderation/items?status=open", admin).expect(200).items()).isNotNull();
    assertThat(s.get("/api/v1/moderation/items?status=lost", admin).expectError(400, "invalid").message())
        .startsWith("status:").contains("lost");
    assertThat(s.get("/api/v1/moderation/items?limit=0", admin).expectError(400, "invalid").message())
        .startsWith("limit:");
    assertThat(s.get("/api/v1/moderation/items?limit=ten", admin).expectError(400, "invalid").message())
        .startsWith("limit:");
  }

  @Test
  void responsesCarrySecurityHeaders() {
    Res r = s.get("/health", null);
    assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(r.headers().firstValue("Content-Security-Policy")).isPresent();
  }

  /** A concrete path for a route template (any value will do: auth comes before lookup). */
  static String concrete(String template) {
    return template.replace(":id", "linh").replace(":slug", "linh").replace(":brand", "lumiere")
        .replace(":userId", "u1").replace(":tokenId", "t1");
  }
}
