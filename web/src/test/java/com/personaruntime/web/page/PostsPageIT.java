package com.personaruntime.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.web.PersonaServer;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code /console/posts} in headless Chromium: an editor composes a sponsored post for Instagram and
 * X from a brief (offline composer), sees per-platform previews with the labels highlighted and the
 * length meter; approving their own post is refused on the page; a moderator approves with a
 * comment; the editor publishes; the delivery status and the provenance link show. Screenshots:
 * {@code target/console-posts-*.png}.
 */
class PostsPageIT {
  // generous: under load a first policy compile holds the worker threads (and so page renders) for tens of seconds
  static final Duration WAIT = Duration.ofSeconds(90);
  private static final String ADMIN = "posts-admin@example.com";
  private static final String PASSWORD = "posts-page-password-1234";
  private static String missing;
  private static PersonaServer server;
  private static Browser browser;
  private static String base;
  private static HttpServer receiver;
  private static final List<String> received = new CopyOnWriteArrayList<>();
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    missing = Browser.missing();
    if (missing != null) {
      return;
    }
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    receiver.createContext("/hook", ex -> {
      try (InputStream in = ex.getRequestBody()) {
        received.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    receiver.start();
    server = PageServer.start("postspage", ADMIN, PASSWORD, Map.of("PUBLISH_ALLOWPRIVATENETWORKS", "true",
        "PUBLISH_POLLINTERVALMS", "100"));
    base = "http://127.0.0.1:" + server.port();
    String token = api("POST", "/api/v1/auth/login", null, new JsonObject().put("email", ADMIN).put("password", PASSWORD))
        .getString("token");
    for (String[] m : List.of(new String[] {"writer@lumiere.test", "editor"},
        new String[] {"reviewer@lumiere.test", "moderator"})) {
      String invitation = api("POST", "/api/v1/brands/lumiere/invitations", token, new JsonObject()
          .put("email", m[0]).put("role", m[1])).getString("token");
      api("POST", "/api/v1/invitations/" + invitation + "/accept", null, new JsonObject().put("password", PASSWORD)
          .put("name", m[0].substring(0, m[0].indexOf('@'))));
    }
    api("POST", "/api/v1/brands/lumiere/channels", token, new JsonObject().put("platform", "*")
        .put("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"));
    browser = Browser.start(PostsPageIT.class, "vi-VN");
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.stop().get(30, TimeUnit.SECONDS);
    }
    if (receiver != null) {
      receiver.stop(0);
    }
  }

  private static JsonObject api(String method, String path, String token, JsonObject body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("content-type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body.encode()));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
    return new JsonObject(r.body());
  }

  private static void login(WebDriver d, String email) {
    d.manage().deleteAllCookies();
    d.get(base + "/console/login");
    d.findElement(By.name("email")).sendKeys(email);
    d.findElement(By.name("password")).sendKeys(PASSWORD);
    d.findElement(By.id("login-submit")).click();
    new WebDriverWait(d, WAIT).until(x -> !x.getCurrentUrl().contains("/console/login"));
  }

  @Test
  void composeReviewPublishAndProveInTheConsole() throws Exception {
    Assumptions.assumeTrue(missing == null, () -> missing);
    int deliveredBefore = received.size(); // other tests of this class deliver too
    WebDriver d = browser.driver;
    browser.desktop();
    login(d, "writer@lumiere.test");
    d.get(base + "/console/posts");
    assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Bài đăng");
    d.findElement(By.id("brief")).sendKeys("Kem chống nắng SPF50 cho mùa hè");
    d.findElement(By.id("sponsored")).click();
    List<WebElement> boxes = d.findElements(By.name("platform"));
    // each platform's limit in words and in the console's number format, not a bare number
    String choices = d.findElement(By.cssSelector(".platform-choices")).getText().replace('\n', ' ');
    assertThat(choices).contains("X (tối đa 280 ký tự theo cách tính của X)")
        .contains("(tối đa 63.206 ký tự)").doesNotContain("63206");
    // on a phone every platform's name stays on one line (a newcomer saw "Threads" one letter per line) and
    // nothing runs off the screen
    browser.phone(390, 844);
    assertThat(browser.js("return [...document.querySelectorAll('.platform-choices .pf-name')].map(e => "
        + "e.textContent + ':' + e.getClientRects().length + ':' + (e.getBoundingClientRect().height < 40))")).asList()
        .isNotEmpty().allSatisfy(x -> assertThat(String.valueOf(x)).endsWith(":1:true"));
    assertThat(browser.js("return [...document.querySelectorAll('.platform-choices .pf-limit')].every(e => "
        + "e.getBoundingClientRect().right <= window.innerWidth + 1)")).isEqualTo(true);
    browser.desktop();
    for (WebElement box : boxes) {
      boolean want = List.of("instagram", "x").contains(box.getAttribute("value"));
      if (box.isSelected() != want) {
        box.click();
      }
    }
    browser.screenshot("console-posts-compose");
    d.findElement(By.id("compose-submit")).click();
    new WebDriverWait(d, WAIT).until(x -> !x.findElements(By.id("variant-x")).isEmpty());

    for (String platform : List.of("instagram", "x")) {
      WebElement card = d.findElement(By.id("variant-" + platform));
      List<WebElement> labels = card.findElements(By.cssSelector(".preview-text mark.label"));
      assertThat(labels).extracting(WebElement::getText).contains("#quảngcáo", "Nội dung do AI tạo ra");
      assertThat(card.findElement(By.cssSelector(".preview-text")).getText()).startsWith("#quảngcáo");
      WebElement meter = card.findElement(By.tagName("meter"));
      assertThat(Integer.parseInt(meter.getAttribute("value"))).isLessThanOrEqualTo(
          Integer.parseInt(meter.getAttribute("max")));
    }
    // the counting unit in the page's language (Vietnamese here), never the raw mode name
    assertThat(d.findElement(By.cssSelector("#variant-x .length")).getText()).contains("/ 280 (ký tự theo cách tính của X)");
    // the platform's own fields and the writer in words, not wire names
    String xCard = d.findElement(By.id("variant-x")).getText();
    assertThat(xCard).contains("Hợp tác có trả phí: Có").contains("trình soạn ngoại tuyến")
        .doesNotContain("paid_partnership").doesNotContain("offline-composer").doesNotContain("allow");
    browser.fullScreenshot("console-posts-previews");

    // the author may not approve their own post: no Approve button is offered, the page says why in its place
    // (in the console's language, not the service's English); Reject stays theirs
    for (String platform : List.of("instagram", "x")) {
      assertThat(d.findElements(By.id("approve-" + platform))).as("no Approve for the author on " + platform).isEmpty();
      assertThat(d.findElement(By.id("author-cannot-approve-" + platform)).getText())
          .isEqualTo("Bạn là người viết bài này nên không thể tự duyệt: cần một thành viên khác của thương hiệu duyệt.");
      assertThat(d.findElements(By.id("reject-" + platform))).hasSize(1);
    }
    String postUrl = d.getCurrentUrl().replaceAll("[?#].*$", "");
    String postId = postUrl.substring(postUrl.lastIndexOf('/') + 1);

    login(d, "reviewer@lumiere.test");
    d.get(base + "/console/posts/" + postId);
    for (String platform : List.of("instagram", "x")) {
      d.findElement(By.id("approve-comment-" + platform)).sendKeys("Ổn, duyệt " + platform);
      d.findElement(By.id("approve-" + platform)).click();
      // the page after the approval says so in place of the button (one approval per reviewer per text)
      new WebDriverWait(d, WAIT).until(x -> !x.findElements(By.id("approved-by-me-" + platform)).isEmpty());
      assertThat(d.findElements(By.id("approve-" + platform))).as("no second Approve for the same reviewer").isEmpty();
      assertThat(d.findElement(By.id("approved-by-me-" + platform)).getText()).startsWith("Bạn đã duyệt nội dung này.");
    }
    assertThat(d.findElement(By.id("post-status")).getText()).isEqualTo("Đã duyệt");
    assertThat(d.findElement(By.id("comments")).getText()).contains("Ổn, duyệt x").contains("reviewer");

    login(d, "writer@lumiere.test");
    d.get(base + "/console/posts/" + postId);
    d.findElement(By.id("publish-now")).click();
    new WebDriverWait(d, WAIT).until(x -> {
      x.navigate().refresh();
      return x.findElement(By.id("post-status")).getText().equals("Đã đăng");
    });
    assertThat(d.findElements(By.cssSelector("a.provenance"))).hasSize(2);
    assertThat(d.findElement(By.cssSelector("#variant-x .deliveries")).getText()).contains("delivered");
    assertThat(received).hasSize(deliveredBefore + 2);
    browser.fullScreenshot("console-posts-published");

    browser.phone(390, 844);
    d.navigate().refresh();
    Number overflow = (Number) browser.js("return document.documentElement.scrollWidth - window.innerWidth");
    assertThat(overflow.intValue()).as("no horizontal scrolling on a phone").isLessThanOrEqualTo(0);
    browser.fullScreenshot("console-posts-phone");
    browser.desktop();

    // the audit log says every detail in words: labelled keys, dates in the console's format, roles and
    // kinds in words, people by name; no raw key, wire value or ISO instant
    login(d, ADMIN);
    d.get(base + "/console/audit?brand=lumiere");
    String audit = d.findElement(By.id("audit-list")).getText();
    assertThat(audit).contains("Bài đăng: ").contains("Nội dung được duyệt (dấu vân tay): ")
        .contains("Lượt gửi: ").contains("Vai trò: Kiểm duyệt viên").contains("Người mời: ")
        .doesNotContain("postId").doesNotContain("webhookId").doesNotContain("textSha256").doesNotContain("invitedBy")
        .doesNotContain("Vai trò: moderator").doesNotContain("Vai trò: editor");
    assertThat(java.util.regex.Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:").matcher(audit).find())
        .as("no ISO instant in the audit log").isFalse();
    assertThat(audit.lines().filter(l -> l.contains("Người mời: ")).toList()).isNotEmpty()
        .allSatisfy(l -> assertThat(l).contains("@")); // the inviter by name and e-mail, not a user id
    assertThat(audit.lines().filter(l -> l.contains("Hết hạn: ")).toList()).isNotEmpty()
        .allSatisfy(l -> assertThat(l).endsWith(" UTC"));
    // the refused approval answers 403 (the page shows why): Chromium logs that status, nothing else may be logged
    assertThat(browser.errors()).as("browser console errors")
        .allMatch(e -> e.contains("/approve") && e.contains("403"));
  }

  /** A moderator (who cannot edit personas) gets the persona editor read-only, titled "Xem", not "Sửa". */
  @Test
  void aModeratorSeesThePersonaEditorReadOnly() throws Exception {
    Assumptions.assumeTrue(missing == null, () -> missing);
    WebDriver d = browser.driver;
    login(d, "reviewer@lumiere.test");
    d.get(base + "/console/personas/linh");
    new WebDriverWait(d, WAIT).until(x -> !x.findElements(By.id("read-only-notice")).isEmpty()
        && x.findElement(By.id("f-name")).isDisplayed());
    // a moderator may read the persona, not change it: titled "Xem", every control disabled, no add/remove/save
    assertThat(d.getTitle()).startsWith("Xem ").doesNotStartWith("Sửa");
    assertThat(d.findElement(By.id("read-only-notice")).getText()).contains("không được sửa persona");
    assertThat(d.findElement(By.id("f-name")).isEnabled()).isFalse();
    assertThat(d.findElement(By.id("yaml")).isEnabled()).isFalse();
    assertThat(d.findElements(By.cssSelector("#panel-form input, #panel-form textarea, #panel-form select,"
        + " #panel-form button"))).isNotEmpty().noneMatch(e -> e.isEnabled());
    for (String gone : List.of("add-knowledge", "add-audience", "save-draft", "save-publish")) {
      assertThat(d.findElements(By.id(gone))).as(gone).isEmpty();
    }
    assertThat(d.findElements(By.cssSelector("#panel-form button.danger"))).isEmpty();
    // the preview stays usable: trying the persona changes nothing
    assertThat(d.findElement(By.id("preview-text")).isEnabled()).isTrue();
  }

  /**
   * The schedule field speaks the console's language, not the browser's: an English browser with the
   * console switched to Vietnamese gets a text field with the dd/mm/yyyy hh:mm hint (no native picker,
   * which would show mm/dd/yyyy and AM/PM), a day that does not exist or a time already past is refused
   * under the field in Vietnamese with what was typed kept, and a good one is scheduled and shown back in
   * the same format.
   */
  @Test
  void theScheduleIsTypedAndShownInTheConsolesLanguageWhateverTheBrowsers() throws Exception {
    Assumptions.assumeTrue(missing == null, () -> missing);
    String writer = api("POST", "/api/v1/auth/login", null, new JsonObject().put("email", "writer@lumiere.test")
        .put("password", PASSWORD)).getString("token");
    String reviewer = api("POST", "/api/v1/auth/login", null, new JsonObject().put("email", "reviewer@lumiere.test")
        .put("password", PASSWORD)).getString("token");
    String postId = api("POST", "/api/v1/posts", writer, new JsonObject().put("persona", "linh")
        .put("brief", "Serum vitamin C").put("platforms", new io.vertx.core.json.JsonArray().add("x"))
        .put("language", "vi")).getString("id");
    api("POST", "/api/v1/posts/" + postId + "/approve", reviewer, new JsonObject().put("comment", "ok"));

    try (Browser english = Browser.start(PostsPageIT.class, "en-US")) {
      WebDriver d = english.driver;
      login(d, "writer@lumiere.test");
      d.get(base + "/console/lang/vi?next=/console/posts/" + postId);
      new WebDriverWait(d, WAIT).until(x -> !x.findElements(By.id("schedule-form")).isEmpty());
      WebElement at = d.findElement(By.id("at"));
      assertThat(at.getAttribute("type")).as("no native picker (it follows the browser's language)").isEqualTo("text");
      assertThat(at.getAttribute("placeholder")).isEqualTo("dd/mm/yyyy hh:mm");
      assertThat(d.findElement(By.id("at-hint")).getText()).isEqualTo("Định dạng dd/mm/yyyy hh:mm (24 giờ), ví dụ 24/12/2026 19:00");
      english.screenshot("console-posts-schedule-vi-in-english-browser");

      // a day that does not exist: refused under the field, in Vietnamese, the typed text kept
      at.sendKeys("31/02/2031 19:00");
      d.findElement(By.id("schedule-submit")).click();
      new WebDriverWait(d, WAIT).until(x -> !x.findElements(By.id("at-error")).isEmpty());
      assertThat(d.findElement(By.id("at-error")).getText())
          .isEqualTo("Ngày giờ: không có ngày này; hãy viết theo dạng dd/mm/yyyy hh:mm, ví dụ 24/12/2026 19:00 (bạn đã nhập “31/02/2031 19:00”)");
      assertThat(d.findElement(By.id("at")).getAttribute("value")).isEqualTo("31/02/2031 19:00");
      assertThat(d.findElement(By.id("at")).getAttribute("aria-invalid")).isEqualTo("true");
      // the reason is said once, under the field; the banner only says nothing was scheduled
      assertThat(d.findElement(By.id("post-error")).getText()).isEqualTo("Chưa hẹn giờ: xem ô được đánh dấu bên dưới.");

      // the US order and a 12-hour clock (what an English browser's picker would show) are not guessed
      retype(d, "12/24/2031 7:00 PM");
      new WebDriverWait(d, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
          .until(x -> x.findElement(By.id("at-error")).getText().contains("12/24/2031 7:00 PM"));
      assertThat(d.findElement(By.id("at-error")).getText()).contains("ngày viết trước tháng")
          .contains("hãy viết theo dạng dd/mm/yyyy hh:mm").doesNotContain("không có ngày này");
      retype(d, "24/12/2031 7:00 PM");
      new WebDriverWait(d, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
          .until(x -> x.findElement(By.id("at-error")).getText().contains("24/12/2031 7:00 PM"));
      assertThat(d.findElement(By.id("at-error")).getText())
          .isEqualTo("Ngày giờ: hãy viết theo dạng dd/mm/yyyy hh:mm, ví dụ 24/12/2026 19:00 (bạn đã nhập “24/12/2031 7:00 PM”)");

      // a time already past would publish at once: refused, "Publish now" is the way to do that
      retype(d, "01/01/2020 08:00");
      new WebDriverWait(d, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
          .until(x -> x.findElement(By.id("at-error")).getText().contains("01/01/2020 08:00"));
      assertThat(d.findElement(By.id("at-error")).getText()).contains("đã qua").contains("Đăng ngay");
      english.screenshot("console-posts-schedule-error-vi");

      // Vietnamese short forms are read: 19h30, day and month without zeros
      retype(d, "24/12/2031 19h30");
      new WebDriverWait(d, WAIT).until(x -> !x.findElements(By.id("post-notice")).isEmpty());
      assertThat(d.findElement(By.id("post-scheduled")).getText()).isEqualTo("24/12/2031 19:30 Asia/Ho_Chi_Minh");
      JsonObject post = api("GET", "/api/v1/posts/" + postId, writer, new JsonObject());
      assertThat(post.getString("scheduledAt")).startsWith("2031-12-24T12:30"); // 19:30 at UTC+7

      // the same post in English: year first, the same instant
      d.get(base + "/console/lang/en?next=/console/posts/" + postId);
      new WebDriverWait(d, WAIT).until(x -> x.findElement(By.tagName("html")).getAttribute("lang").equals("en"));
      assertThat(d.findElement(By.id("post-scheduled")).getText()).isEqualTo("2031-12-24 19:30 Asia/Ho_Chi_Minh");
      assertThat(english.errors()).as("browser console errors").allMatch(e -> e.contains("/schedule") && e.contains("400"));
    }
  }

  /**
   * A brand without a publishing channel: "Publish now" says, in the console's language and naming the
   * platform, where to add one; the posts page adds it (the signing secret shown once), lists it, and the
   * post then publishes to it. Before, the only way was the API the refusal named.
   */
  @Test
  void aBrandWithoutAChannelAddsOneOnThePostsPageAndPublishes() throws Exception {
    Assumptions.assumeTrue(missing == null, () -> missing);
    String admin = api("POST", "/api/v1/auth/login", null, new JsonObject().put("email", ADMIN).put("password", PASSWORD))
        .getString("token");
    String invitation = api("POST", "/api/v1/brands/brewhaus/invitations", admin, new JsonObject()
        .put("email", "brew-writer@brewhaus.test").put("role", "editor")).getString("token");
    api("POST", "/api/v1/invitations/" + invitation + "/accept", null, new JsonObject().put("password", PASSWORD)
        .put("name", "brew-writer"));
    String writer = api("POST", "/api/v1/auth/login", null, new JsonObject().put("email", "brew-writer@brewhaus.test")
        .put("password", PASSWORD)).getString("token");
    JsonObject drafted = api("POST", "/api/v1/posts", writer, new JsonObject().put("persona", "milo")
        .put("brief", "Cold brew").put("platforms", new io.vertx.core.json.JsonArray().add("instagram")));
    String postId = drafted.getString("id");
    if ("in_review".equals(drafted.getString("status"))) { // a persona may publish without review
      api("POST", "/api/v1/posts/" + postId + "/approve", admin, new JsonObject().put("comment", "ok"));
    }
    int before = received.size();

    WebDriver d = browser.driver;
    browser.desktop();
    login(d, ADMIN);
    d.get(base + "/console/lang/vi?next=/console/posts/" + postId);
    new WebDriverWait(d, WAIT).until(x -> !x.findElements(By.id("publish-now")).isEmpty());
    d.findElement(By.id("publish-now")).click();
    new WebDriverWait(d, WAIT).until(x -> !x.findElements(By.id("post-error")).isEmpty());
    assertThat(d.findElement(By.id("post-error")).getText()).isEqualTo("Thương hiệu chưa có kênh đăng bài cho Instagram: "
        + "hãy thêm ở mục “Kênh đăng bài” trên trang bài đăng, rồi đăng lại.");

    d.get(base + "/console/posts#channels");
    assertThat(d.findElement(By.id("channels-none-brewhaus")).getText()).contains("Chưa có kênh nào");
    new org.openqa.selenium.support.ui.Select(d.findElement(By.id("channel-platform-brewhaus"))).selectByValue("*");
    d.findElement(By.id("channel-url-brewhaus")).sendKeys("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    d.findElement(By.id("channel-add-brewhaus")).click();
    new WebDriverWait(d, WAIT).until(x -> x.findElement(By.id("channel-secret-brewhaus")).isDisplayed());
    assertThat(d.findElement(By.cssSelector("#channel-secret-brewhaus pre")).getText()).startsWith("whsec_");
    browser.screenshot("console-posts-channel-added");
    d.get(base + "/console/posts");
    assertThat(d.findElement(By.id("channels-brewhaus")).getText()).contains("Mọi nền tảng").contains("/hook")
        .contains("đang hoạt động").doesNotContain("whsec_");

    d.get(base + "/console/posts/" + postId);
    d.findElement(By.id("publish-now")).click();
    new WebDriverWait(d, WAIT).until(x -> {
      x.navigate().refresh();
      return x.findElement(By.id("post-status")).getText().equals("Đã đăng");
    });
    assertThat(received.size()).isEqualTo(before + 1);
    // the refused "publish now" answered 409 (the page said why): nothing else may be logged
    assertThat(browser.errors()).as("browser console errors").allMatch(e -> e.contains("/publish") && e.contains("409"));
  }

  private static void retype(WebDriver d, String text) {
    WebElement at = d.findElement(By.id("at"));
    at.clear();
    at.sendKeys(text);
    d.findElement(By.id("schedule-submit")).click();
  }
}
