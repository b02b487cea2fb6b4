package com.personaruntime.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.web.console.Messages;
import io.vertx.core.json.JsonObject;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console over plain HTTP (no browser): language choice, login form, session + CSRF,
 * escaping, error pages, brand scoping of pages, and the message bundles.
 */
class ConsoleIT {
  private static TestServer s;

  @BeforeAll
  static void start() throws Exception {
    s = TestServer.start("console");
  }

  @AfterAll
  static void stop() throws Exception {
    s.close();
  }

  /** A browser-like client: keeps cookies, does not follow redirects. */
  static final class Browser {
    final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    HttpResponse<String> get(String path, String... headers) throws Exception {
      HttpRequest.Builder b = HttpRequest.newBuilder(s.uri(path));
      for (int i = 0; i < headers.length; i += 2) {
        b.header(headers[i], headers[i + 1]);
      }
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> form(String path, Map<String, String> fields, String... headers) throws Exception {
      StringBuilder body = new StringBuilder();
      fields.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
          .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
      HttpRequest.Builder b = HttpRequest.newBuilder(s.uri(path))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
      for (int i = 0; i < headers.length; i += 2) {
        b.header(headers[i], headers[i + 1]);
      }
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    Browser login(String email, String password) throws Exception {
      HttpResponse<String> r = form("/console/login", Map.of("email", email, "password", password,
          "next", "/console/personas"));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
      assertThat(r.headers().firstValue("location")).hasValue("/console/personas");
      return this;
    }

    String csrf() throws Exception {
      Matcher m = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]*)\">").matcher(get("/console/personas").body());
      assertThat(m.find()).isTrue();
      return m.group(1);
    }
  }

  private static String htmlLang(String body) {
    Matcher m = Pattern.compile("<html lang=\"([a-z]+)\"").matcher(body);
    assertThat(m.find()).as(body).isTrue();
    return m.group(1);
  }

  @Test
  void languageComesFromTheBrowserUntilTheUserChoosesOne() throws Exception {
    Browser b = new Browser();
    assertThat(htmlLang(b.get("/console/login", "Accept-Language", "vi-VN,vi;q=0.9,en;q=0.5").body())).isEqualTo("vi");
    assertThat(b.get("/console/login", "Accept-Language", "vi").body()).contains("Mật khẩu");
    assertThat(htmlLang(b.get("/console/login", "Accept-Language", "en-GB").body())).isEqualTo("en");
    assertThat(htmlLang(b.get("/console/login", "Accept-Language", "fr-FR, vi;q=0.5").body())).isEqualTo("vi");
    assertThat(htmlLang(b.get("/console/login", "Accept-Language", "fr-FR").body())).isEqualTo("en");
    assertThat(htmlLang(b.get("/console/login").body())).isEqualTo("en");
    HttpResponse<String> sw = b.get("/console/lang/vi?next=%2Fconsole%2Flogin");
    assertThat(sw.statusCode()).isEqualTo(303);
    assertThat(sw.headers().firstValue("location")).hasValue("/console/login");
    assertThat(htmlLang(b.get("/console/login", "Accept-Language", "en-US").body())).as("choice beats the browser")
        .isEqualTo("vi");
    // only local console paths are followed after a switch
    assertThat(b.get("/console/lang/en?next=https%3A%2F%2Fevil.example%2F").headers().firstValue("location"))
        .hasValue("/console/personas");
    assertThat(b.get("/console/lang/en?next=%2F%2Fevil.example").headers().firstValue("location"))
        .hasValue("/console/personas");
    assertThat(b.get("/console/lang/fr").statusCode()).isEqualTo(404);
  }

  @Test
  void anonymousPagesGoToTheLoginFormAndBackAfterLogin() throws Exception {
    Browser b = new Browser();
    HttpResponse<String> r = b.get("/console/moderation");
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("location")).hasValue("/console/login?next=%2Fconsole%2Fmoderation");
    HttpResponse<String> wrong = b.form("/console/login", Map.of("email", TestServer.ADMIN_EMAIL, "password", "nope",
        "next", "/console/moderation"));
    assertThat(wrong.statusCode()).isEqualTo(200);
    assertThat(wrong.body()).contains("Wrong email or password.").contains("value=\"" + TestServer.ADMIN_EMAIL + "\"");
    HttpResponse<String> unknown = b.form("/console/login", Map.of("email", "nobody@example.test", "password", "nope",
        "next", "/console/moderation"));
    assertThat(unknown.body()).as("no hint whether the account exists").contains("Wrong email or password.");
    HttpResponse<String> ok = b.form("/console/login", Map.of("email", TestServer.ADMIN_EMAIL,
        "password", TestServer.ADMIN_PASSWORD, "next", "/console/moderation"));
    assertThat(ok.statusCode()).isEqualTo(303);
    assertThat(ok.headers().firstValue("location")).hasValue("/console/moderation");
    assertThat(ok.headers().allValues("set-cookie")).anySatisfy(c -> assertThat(c).startsWith("prt_session=")
        .contains("HTTPOnly").contains("SameSite=Strict"));
    assertThat(b.get("/console/moderation").statusCode()).isEqualTo(200);
    // next pointing off the console is ignored
    Browser c = new Browser();
    assertThat(c.form("/console/login", Map.of("email", TestServer.ADMIN_EMAIL, "password", TestServer.ADMIN_PASSWORD,
        "next", "https://evil.example/")).headers().firstValue("location")).hasValue("/console/personas");
  }

  @Test
  void loginFromAnotherSiteIsRefused() throws Exception {
    HttpResponse<String> r = new Browser().form("/console/login", Map.of("email", TestServer.ADMIN_EMAIL,
        "password", TestServer.ADMIN_PASSWORD), "Origin", "https://evil.example");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().allValues("set-cookie")).isEmpty();
  }

  @Test
  void csrfTokenSurvivesReloadsAndIsRequiredForPosts() throws Exception {
    Browser b = new Browser().login(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
    String first = b.csrf();
    assertThat(first).hasSizeGreaterThan(20);
    assertThat(b.csrf()).as("same token after a reload").isEqualTo(first);
    HttpResponse<String> noToken = b.form("/console/logout", Map.of());
    assertThat(noToken.statusCode()).isEqualTo(403);
    assertThat(noToken.headers().firstValue("content-type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/html"));
    assertThat(noToken.body()).contains("reload the page");
    assertThat(b.form("/console/logout", Map.of("_csrf", "wrong")).statusCode()).isEqualTo(403);
    assertThat(b.get("/console/personas").statusCode()).as("still logged in").isEqualTo(200);
    HttpResponse<String> out = b.form("/console/logout", Map.of("_csrf", first));
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(b.get("/console/personas").statusCode()).isEqualTo(303);
  }

  @Test
  void theSessionCookieAlsoWorksForTheApiWithTheSameCsrfToken() throws Exception {
    Browser b = new Browser().login(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
    String csrf = b.csrf();
    HttpRequest.Builder req = HttpRequest.newBuilder(s.uri("/api/v1/auth/tokens"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"from-console\"}"));
    assertThat(b.http.send(req.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    assertThat(b.http.send(req.header("X-CSRF-Token", csrf).build(), HttpResponse.BodyHandlers.ofString())
        .statusCode()).isEqualTo(201);
  }

  @Test
  void rollbackIsOfferedOnlyWherePublishingCanSucceedAsksFirstAndARefusalStaysOnTheVersionsPage() throws Exception {
    String token = s.loginAdmin();
    JsonObject draft = new JsonObject().put("id", "rollme").put("brand", "lumiere").put("name", "Roll")
        .put("languages", List.of("en"));
    // v1: a draft without disclosure (can never be published), v2: published, through the API
    s.post("/api/v1/personas?publish=false", token, draft).expect(201);
    JsonObject full = draft.copy().put("disclosure", new JsonObject().put("jurisdictions", List.of("EU"))
        .put("ai_label", Map.of("en", "AI")));
    s.put("/api/v1/personas/rollme?publish=true", token, full).expect(200);
    // v3: saved in the console (the editor PUTs with the session cookie and its CSRF token)
    Browser b = new Browser().login(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
    String csrf = b.csrf();
    HttpRequest put = HttpRequest.newBuilder(s.uri("/api/v1/personas/rollme"))
        .header("Content-Type", "application/json").header("X-CSRF-Token", csrf)
        .PUT(HttpRequest.BodyPublishers.ofString(full.copy().put("bio", "From the console").encode())).build();
    assertThat(b.http.send(put, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    JsonObject versions = s.get("/api/v1/personas/rollme/versions", token).expect(200).json();
    Map<Integer, String> sources = new java.util.HashMap<>();
    versions.getJsonArray("items").forEach(o -> sources.put(((JsonObject) o).getInteger("version"),
        ((JsonObject) o).getString("source")));
    assertThat(sources).isEqualTo(Map.of(1, "api", 2, "api", 3, "console"));

    String page = b.get("/console/personas/rollme/versions", "Accept-Language", "en").body();
    String v1 = row(page, 1);
    String v3 = row(page, 3);
    assertThat(v1).as("no rollback to a version that can never be published").doesNotContain("publish-version")
        .contains("v1 cannot be published").contains("Disclosure → Jurisdictions");
    assertThat(v3).contains("publish-version").contains(">console<");
    // the button asks first; a version that cannot be published gets no confirmation either
    assertThat(b.get("/console/personas/rollme/versions?confirm=3", "Accept-Language", "en").body())
        .contains("id=\"confirm-publish\"").contains("Publish v3?");
    assertThat(b.get("/console/personas/rollme/versions?confirm=1", "Accept-Language", "en").body())
        .doesNotContain("id=\"confirm-publish\"");
    // publishing v1 anyway (an old tab): refused on the versions page, in words, v2 stays live
    HttpResponse<String> refused = b.form("/console/personas/rollme/publish", Map.of("_csrf", csrf, "version", "1"),
        "Accept-Language", "en");
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body()).contains("id=\"versions-error\"").contains("Version 1 was not published:")
        .contains("Disclosure → Jurisdictions").contains("id=\"versions\"").doesNotContain("disclosure.jurisdictions:");
    assertThat(s.get("/api/v1/personas/rollme", token).expect(200).json().getInteger("publishedVersion")).isEqualTo(2);
  }

  /** The table row of one version on the versions page. */
  private static String row(String page, int version) {
    int from = page.indexOf("<tr data-version=\"" + version + "\">");
    assertThat(from).as("row of v" + version).isNotNegative();
    return page.substring(from, page.indexOf("</tr>", from));
  }

  @Test
  void unknownPagesAnswerAnHtmlNotFound() throws Exception {
    Browser b = new Browser().login(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
    HttpResponse<String> r = b.get("/console/no-such-page");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("Page not found").doesNotContain("Exception");
  }

  @Test
  void untrustedTextIsEscapedInPages() throws Exception {
    String token = s.loginAdmin();
    s.post("/api/v1/personas", token, new JsonObject()
        .put("id", "escaped").put("brand", "lumiere").put("name", "<img src=x onerror=alert(1)>")
        .put("languages", List.of("en"))
        .put("disclosure", new JsonObject().put("jurisdictions", List.of("EU")).put("ai_label", Map.of("en", "AI")))).expect(201);
    String body = new Browser().login(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD).get("/console/personas").body();
    assertThat(body).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain("<img src=x");
  }

  @Test
  void everyEnglishTextHasAVietnameseOneAndBack() throws Exception {
    Path root = Path.of("src/main/resources/console"); // tests run in the module folder
    List<String> areas = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      dirs.filter(Files::isDirectory).filter(d -> Files.exists(d.resolve("messages_en.properties")))
          .forEach(d -> areas.add(d.getFileName().toString()));
    }
    Messages m = new Messages(areas);
    assertThat(new TreeSet<>(m.all("vi").keySet())).as("Vietnamese keys (areas %s)", areas)
        .isEqualTo(new TreeSet<>(m.all("en").keySet()));
    assertThat(m.all("en")).isNotEmpty();
    assertThat(m.all("vi").values()).allSatisfy(v -> assertThat(v).isNotBlank());
  }
}
