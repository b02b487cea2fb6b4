package com.personaruntime.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.web.PersonaServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The insights page as a marketer opens it, in headless Chromium: after real live chats (praise, a
 * complaint, one question asked three ways) the page shows drawn charts with data tables, the gap
 * counted three times, and its "add knowledge entry" link opens a form pre-filled with the question
 * that adds the entry to the persona; the page also reads in Vietnamese. Screenshots:
 * {@code target/insights-*.png}.
 */
class InsightsPageIT {
  static final String ADMIN_EMAIL = "insights-admin@example.com";
  static final String ADMIN_PASSWORD = "insights-test-password-1234";
  static final Duration WAIT = Duration.ofSeconds(30);

  private static String missing;
  private static PersonaServer server;
  private static Browser browser;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    missing = Browser.missing();
    if (missing != null) {
      return;
    }
    server = PageServer.start("insightspage", ADMIN_EMAIL, ADMIN_PASSWORD, Map.of());
    base = "http://127.0.0.1:" + server.port();
    chat("milo", List.of("I love the house blend, best coffee ever!",
        "My order arrived broken and nobody answers my emails. Terrible.",
        "Do you offer gift wrapping?", "Can you gift wrap my order?", "Is gift wrapping available?"));
    browser = Browser.start(InsightsPageIT.class, "en-US");
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.stop().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aMarketerSeesChartsTablesAndTurnsAGapIntoKnowledge() throws Exception {
    Assumptions.assumeTrue(missing == null, () -> missing);
    var d = browser.driver;
    browser.desktop();
    d.get(base + "/console/login");
    d.findElement(By.name("email")).sendKeys(ADMIN_EMAIL);
    d.findElement(By.name("password")).sendKeys(ADMIN_PASSWORD);
    d.findElement(By.id("login-submit")).click();
    new WebDriverWait(d, WAIT).until(x -> x.getCurrentUrl().contains("/console/personas"));

    // signals are stored just after each turn: reload until the gap has all three askings
    String page = base + "/console/insights?persona=milo&days=7";
    new WebDriverWait(d, WAIT).pollingEvery(Duration.ofMillis(300)).until(x -> {
      x.get(page);
      List<WebElement> counts = x.findElements(By.cssSelector("#t-gaps .gap .count"));
      return !counts.isEmpty() && counts.get(0).getText().equals("3");
    });
    assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Audience insights");
    // the persona picker names the persona and its brand, not slugs
    assertThat(d.findElement(By.cssSelector("select[name=persona] option[selected]")).getText())
        .isEqualTo("Milo (Brewhaus)");
    new WebDriverWait(d, WAIT).until(x -> "true".equals(
        x.findElement(By.tagName("body")).getAttribute("data-charts-drawn")));
    for (String chart : List.of("chart-sentiment", "chart-gaps", "chart-topics", "chart-response", "chart-audience")) {
      WebElement canvas = d.findElement(By.id(chart));
      assertThat(canvas.getAttribute("data-drawn")).as(chart).isEqualTo("true");
      assertThat(canvas.getSize().getHeight()).as(chart + " height").isGreaterThan(50);
      // every chart is described by a data table
      assertThat(d.findElements(By.id(canvas.getAttribute("aria-describedby")))).as(chart + " table").hasSize(1);
    }
    assertThat(d.findElement(By.id("kpi-messages")).getText()).isEqualTo("5");
    assertThat(d.findElement(By.id("kpi-net")).getText()).isEqualTo("+0.00");
    // the net figure says how many messages it rests on ("+1.00" from 2 of 44 is no verdict on the audience)
    java.util.regex.Matcher basis = java.util.regex.Pattern.compile(
        "from (\\d+) of 5 messages with a feeling \\((\\d+) positive, (\\d+) negative\\)")
        .matcher(d.findElement(By.id("kpi-net-basis")).getText());
    assertThat(basis.matches()).as(d.findElement(By.id("kpi-net-basis")).getText()).isTrue();
    assertThat(Integer.parseInt(basis.group(1)))
        .isEqualTo(Integer.parseInt(basis.group(2)) + Integer.parseInt(basis.group(3)));
    assertThat(basis.group(2)).as("net +0.00: as many positive as negative").isEqualTo(basis.group(3));
    assertThat(d.findElement(By.cssSelector("#t-gaps .gap td")).getText()).containsIgnoringCase("gift");
    assertThat(browser.js(ConsolePageIT.UNLABELLED)).asList().isEmpty();
    assertThat(browser.js(CLIPPED_LABELS)).as("bar labels wider than their axis (cut at the canvas edge)").asList().isEmpty();
    browser.fullScreenshot("insights-en");
    assertThat(browser.errors()).as("browser console errors").isEmpty();

    // one click: a new knowledge entry pre-filled with the question
    String question = d.findElement(By.cssSelector("#t-gaps .gap td")).getText().lines().findFirst().orElseThrow();
    d.findElement(By.cssSelector("#t-gaps a.add-knowledge")).click();
    new WebDriverWait(d, WAIT).until(x -> x.getCurrentUrl().contains("/console/insights/knowledge/new"));
    // the title proposed is the name of what was asked ("gift wrapping"), never the question; the question is shown
    String title = d.findElement(By.id("kb-title")).getAttribute("value");
    assertThat(title).doesNotContain("?").isIn("gift wrapping", "");
    assertThat(d.findElement(By.id("kb-question")).getText()).contains(question);
    if (title.isEmpty()) {
      title = "Gift wrapping";
      d.findElement(By.id("kb-title")).sendKeys(title);
    }
    assertThat(browser.js(ConsolePageIT.UNLABELLED)).asList().isEmpty();
    d.findElement(By.id("kb-text")).sendKeys("Gift wrapping is free on every order: tick 'gift' at checkout.");
    browser.screenshot("insights-knowledge-form");
    d.findElement(By.cssSelector("form button.primary")).click();
    new WebDriverWait(d, WAIT).until(x -> x.getCurrentUrl().contains("added=1"));
    assertThat(d.findElement(By.cssSelector(".notice")).getText()).isEqualTo("Knowledge entry added.");

    // the persona has a new draft version with the entry
    HttpClient http = HttpClient.newHttpClient();
    String token = new JsonObject(http.send(java.net.http.HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
        .header("content-type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(new JsonObject().put("email", ADMIN_EMAIL)
            .put("password", ADMIN_PASSWORD).encode())).build(), java.net.http.HttpResponse.BodyHandlers.ofString())
        .body()).getString("token");
    JsonObject latest = new JsonObject(http.send(java.net.http.HttpRequest.newBuilder(
            URI.create(base + "/api/v1/personas/milo?version=latest")).header("Authorization", "Bearer " + token).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body());
    assertThat(latest.encode()).contains("Gift wrapping is free on every order").contains("\"title\":\"" + title + "\"")
        .doesNotContain("\"title\":\"" + question.replace("\"", "\\\""));

    // Vietnamese
    d.get(base + "/console/lang/vi?next=" + java.net.URLEncoder.encode("/console/insights?persona=milo&days=7",
        StandardCharsets.UTF_8));
    new WebDriverWait(d, WAIT).until(x -> x.findElement(By.tagName("h1")).getText().equals("Phân tích khán giả"));
    assertThat(d.findElement(By.id("h-gaps")).getText()).isEqualTo("Lỗ hổng kiến thức");
    new WebDriverWait(d, WAIT).until(x -> "true".equals(
        x.findElement(By.tagName("body")).getAttribute("data-charts-drawn")));
    browser.phone(390, 844);
    d.navigate().refresh();
    new WebDriverWait(d, WAIT).until(x -> "true".equals(
        x.findElement(By.tagName("body")).getAttribute("data-charts-drawn")));
    assertThat(browser.js(CLIPPED_LABELS)).as("bar labels wider than their axis (cut at the canvas edge)").asList().isEmpty();
    browser.fullScreenshot("insights-vi-phone");
    browser.desktop();
    assertThat(browser.errors()).as("browser console errors").isEmpty();
  }

  /** The tick labels of horizontal bar charts that are wider than their axis box, as drawn. */
  static final String CLIPPED_LABELS = "return Array.from(document.querySelectorAll('canvas')).flatMap(function (cv) {"
      + " var ch = Chart.getChart(cv); if (!ch || ch.options.indexAxis !== 'y') { return []; }"
      + " var y = ch.scales.y; var ctx = ch.ctx; ctx.save(); ctx.font = Chart.helpers.toFont(y.options.ticks.font).string;"
      + " var out = y.ticks.map(function (t) { return Array.isArray(t.label) ? t.label.join(' ') : String(t.label); })"
      + "   .filter(function (l) { return ctx.measureText(l).width > y.width; }).map(function (l) { return cv.id + ': ' + l; });"
      + " ctx.restore(); return out; });";

  /** One live chat over a real WebSocket: every message waits for its done frame. */
  static void chat(String persona, List<String> messages) throws Exception {
    LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(120))
        .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/api/v1/live/" + persona + "?browser=page-it-0001"),
            new WebSocket.Listener() {
              private final StringBuilder partial = new StringBuilder();

              @Override
              public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                  frames.add(new JsonObject(partial.toString()));
                  partial.setLength(0);
                }
                socket.request(1);
                return CompletableFuture.completedFuture(null);
              }
            }).get(150, TimeUnit.SECONDS); // generous: the first handshake compiles the persona's policy, slow under load
    try {
      assertThat(frames.poll(60, TimeUnit.SECONDS)).isNotNull();
      int n = 0;
      for (String text : messages) {
        String id = "m" + (++n);
        ws.sendText(new JsonObject().put("type", "message").put("id", id).put("text", text).encode(), true)
            .get(5, TimeUnit.SECONDS);
        JsonObject f;
        do {
          f = frames.poll(30, TimeUnit.SECONDS);
          assertThat(f).as("reply to '%s'", text).isNotNull();
        } while (!("done".equals(f.getString("type")) && id.equals(f.getString("replyTo"))));
      }
    } finally {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(x -> null);
    }
  }
}
