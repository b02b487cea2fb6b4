package com.personaruntime.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.web.PersonaServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The brand console in headless Chromium against a real server (H2 in memory, demo personas,
 * offline composer): form login, navigation, language switch, phone layout, labelled controls,
 * no JavaScript errors. Screenshots: {@code target/console-*.png}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsolePageIT {
  static final String ADMIN_EMAIL = "console-admin@example.com";
  static final String ADMIN_PASSWORD = "console-test-password-1234";
  static final Duration WAIT = Duration.ofSeconds(30);
  /** Every visible form control has a label (label element, aria-label or aria-labelledby). */
  static final String UNLABELLED = "return Array.from(document.querySelectorAll('input, select, textarea, button'))"
      + ".filter(e => e.type !== 'hidden' && e.offsetParent !== null)"
      + ".filter(e => !((e.labels && e.labels.length) || e.getAttribute('aria-label') || e.getAttribute('aria-labelledby')"
      + "  || (e.tagName === 'BUTTON' && e.textContent.trim())))"
      + ".map(e => e.outerHTML.slice(0, 120));";

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
    server = PageServer.start("consolepage", ADMIN_EMAIL, ADMIN_PASSWORD, Map.of());
    base = "http://127.0.0.1:" + server.port();
    browser = Browser.start(ConsolePageIT.class, "en-US");
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

  @BeforeEach
  void needsBrowser() {
    Assumptions.assumeTrue(missing == null, () -> missing);
    browser.desktop();
  }

  @Test
  @Order(1)
  void loginFormRejectsAWrongPasswordThenLogsIn() throws Exception {
    var d = browser.driver;
    d.get(base + "/console/");
    new WebDriverWait(d, WAIT).until(x -> x.getCurrentUrl().contains("/console/login"));
    assertThat(browser.js(UNLABELLED)).asList().isEmpty();
    d.findElement(By.name("email")).sendKeys(ADMIN_EMAIL);
    d.findElement(By.name("password")).sendKeys("not-the-password");
    d.findElement(By.id("login-submit")).click();
    new WebDriverWait(d, WAIT).until(x -> !x.findElements(By.id("login-error")).isEmpty());
    assertThat(d.findElement(By.id("login-error")).getText()).isEqualTo("Wrong email or password.");
    assertThat(d.findElement(By.name("email")).getAttribute("value")).isEqualTo(ADMIN_EMAIL);
    browser.screenshot("console-login-error");
    login(d);
    assertThat(d.getCurrentUrl()).endsWith("/console/personas");
    assertThat(d.findElements(By.cssSelector("#persona-list tr[data-slug]"))).extracting(e -> e.getAttribute("data-slug"))
        .contains("linh", "milo");
    assertThat(browser.js(UNLABELLED)).asList().isEmpty();
    browser.screenshot("console-personas");
    assertThat(browser.errors()).as("browser console errors").isEmpty();
  }

  @Test
  @Order(2)
  void everyAreaOfTheNavOpensAndComingSoonPagesExist() {
    var d = browser.driver;
    for (String area : List.of("moderation", "posts", "insights", "personas")) {
      d.get(base + "/console/" + area);
      assertThat(d.getCurrentUrl()).endsWith("/console/" + area);
      assertThat(d.findElement(By.cssSelector("nav a[aria-current=page]")).getAttribute("href")).endsWith("/console/" + area);
      assertThat(d.findElement(By.tagName("h1")).getText()).isNotBlank();
      assertThat(browser.js(UNLABELLED)).asList().isEmpty();
    }
    assertThat(browser.errors()).as("browser console errors").isEmpty();
  }

  @Test
  @Order(3)
  void languageSwitchesToVietnameseAndSticksAcrossReloads() throws Exception {
    var d = browser.driver;
    d.get(base + "/console/moderation");
    switchLanguage("vi");
    assertThat(d.getCurrentUrl()).endsWith("/console/moderation");
    assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Kiểm duyệt");
    d.navigate().refresh();
    assertThat(browser.js("return document.documentElement.lang")).isEqualTo("vi");
    assertThat(d.findElement(By.cssSelector("nav")).getText()).contains("Persona", "Bài đăng", "Phân tích");
    // the first admin is named by the role in the console's language, not the stored English "Administrator"
    assertThat(d.findElement(By.cssSelector("header .account")).getText()).isEqualTo("Quản trị viên");
    // one name for the insights area: the nav says what the page's title says
    String navInsights = d.findElement(By.cssSelector("nav a[href='/console/insights']")).getText();
    d.get(base + "/console/insights");
    assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo(navInsights).isEqualTo("Phân tích khán giả");
    d.get(base + "/console/moderation");
    browser.screenshot("console-moderation-vi");
    // the editor's live validation speaks the console's language too, with the limit and what was typed
    d.get(base + "/console/personas/linh");
    WebDriverWait wait = new WebDriverWait(d, WAIT);
    wait.until(x -> !x.findElements(By.cssSelector(".knowledge-entry")).isEmpty());
    browser.js("const b = document.getElementById('f-bio'); b.value = 'x'.repeat(1001); b.dispatchEvent(new Event('input'));");
    wait.until(x -> x.findElement(By.id("f-bio-err")).isDisplayed());
    assertThat(d.findElement(By.id("f-bio-err")).getText()).isEqualTo("tối đa 1000 ký tự (hiện có 1001)");
    d.get(base + "/console/moderation");
    switchLanguage("en");
  }

  /** How many rows the header's items (logo, language, account, log out) take: distinct tops, 6 px apart. */
  private static final String HEADER_ROWS = "const items = [document.querySelector('header.top .logo'),"
      + " ...document.querySelectorAll('header.top .top-actions > *')].filter(e => e && e.getClientRects().length);"
      + " const tops = items.map(e => e.getBoundingClientRect().top).sort((a, b) => a - b);"
      + " let rows = tops.length ? 1 : 0; for (let i = 1; i < tops.length; i++) { if (tops[i] - tops[i - 1] > 6) rows++; }"
      + " for (const e of items) { if (e.getClientRects().length > 1) rows++; }"
      + " return rows;";

  @Test
  @Order(4)
  void phoneLayoutHasNoSidewaysScrolling() throws Exception {
    browser.phone(390, 844);
    var d = browser.driver;
    for (String area : List.of("personas", "moderation", "posts", "insights")) {
      d.get(base + "/console/" + area);
      assertThat(browser.js("return window.innerWidth")).isEqualTo(390L);
      assertThat(browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
          .as("no sideways scrolling on /console/" + area).isEqualTo(true);
    }
    d.get(base + "/console/personas");
    browser.screenshot("console-personas-phone-390x844");
    // the header takes one line on a phone (README), in either language: every item on the same row
    assertThat(browser.js(HEADER_ROWS)).as("header rows (en)").isEqualTo(1L);
    switchLanguage("vi");
    try {
      assertThat(browser.js(HEADER_ROWS)).as("header rows (vi)").isEqualTo(1L);
      browser.screenshot("console-personas-phone-390x844-vi");
    } finally {
      switchLanguage("en");
    }
    assertThat(browser.errors()).isEmpty();
  }

  @Test
  @Order(5)
  void editorShowsEveryFieldLabelledAndValidatesLiveWithTheApisFieldPaths() throws Exception {
    var d = browser.driver;
    d.get(base + "/console/personas/linh");
    WebDriverWait wait = new WebDriverWait(d, WAIT);
    wait.until(x -> !x.findElements(By.cssSelector(".knowledge-entry")).isEmpty());
    assertThat(browser.js(UNLABELLED)).asList().as("unlabelled controls").isEmpty();
    assertThat(d.findElement(By.id("f-name")).getAttribute("value")).isEqualTo("Linh");
    assertThat(d.findElement(By.id("f-name-count")).getText()).isEqualTo("4 / 100");
    int entries = d.findElements(By.cssSelector(".knowledge-entry")).size();
    String firstTitle = d.findElement(By.id("k-title-0")).getAttribute("value");
    String secondTitle = d.findElement(By.id("k-title-1")).getAttribute("value");

    // leaving the page asks first once there are unsaved edits (the browser's beforeunload prompt)
    String leaving = "const e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e); return e.defaultPrevented;";
    assertThat(browser.js(leaving)).as("nothing edited yet").isEqualTo(false);
    // a wrong value: the API's own message appears under the field
    var temperature = d.findElement(By.id("f-temperature"));
    temperature.clear();
    temperature.sendKeys("7");
    assertThat(browser.js(leaving)).as("an unsaved edit").isEqualTo(true);
    wait.until(x -> x.findElement(By.id("f-temperature-err")).isDisplayed());
    assertThat(d.findElement(By.id("f-temperature-err")).getText()).isEqualTo("must be between 0 and 2, got 7");
    assertThat(temperature.getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(d.findElement(By.id("problems")).getText()).contains("model.temperature: must be between 0 and 2, got 7");
    browser.screenshot("console-editor-validation-error");
    assertThat(d.findElement(By.id("problems")).getText()).as("the cross-field rule, as the API words it")
        .contains("model.endpoint: name one of the server's model endpoints");
    // ... said under the field to fill (a temperature alone needs an endpoint), not below the admins' fields
    assertThat(d.findElement(By.id("f-endpoint-err")).getText()).startsWith("name one of the server's model endpoints");
    assertThat(d.findElement(By.id("f-endpoint")).getAttribute("aria-invalid")).isEqualTo("true");
    // counted in words: "2 problems", "1 problem", and nothing at all for none (the region is read out)
    assertThat(d.findElement(By.cssSelector("#problems strong")).getText()).matches("[2-9] problems to fix:");
    browser.js("const t = document.getElementById('f-temperature'); t.value = ''; t.dispatchEvent(new Event('input'));");
    wait.until(x -> !x.findElement(By.id("problems")).isDisplayed());
    assertThat(String.valueOf(browser.js("return document.getElementById('status').textContent")))
        .doesNotContain("problem").doesNotContain("(s)");

    // a link the guard will flag (outside the allowed link domains, lumiere.example): warned at the entry's
    // field with the way out; an allowed one is not; the warning goes when the link does
    assertThat(d.findElement(By.id("k-text-warn-0")).isDisplayed()).isFalse();
    browser.js("const k = document.getElementById('k-text-0'); k.value = k.value + ' Đánh giá: https://maps.app.goo.gl/lumiere';"
        + " k.dispatchEvent(new Event('input'));");
    wait.until(x -> x.findElement(By.id("k-text-warn-0")).isDisplayed());
    assertThat(d.findElement(By.id("k-text-warn-0")).getText()).startsWith("links to maps.app.goo.gl are outside the allowed"
        + " link domains (lumiere.example)").contains("Add the domain to “Allowed link domains”");
    assertThat(d.findElement(By.id("k-text-0")).getAttribute("aria-describedby")).isEqualTo("k-text-warn-0");
    assertThat(d.findElement(By.id("problems")).isDisplayed()).as("a warning, not a problem").isFalse();
    browser.screenshot("console-editor-link-warning");
    browser.js("const k = document.getElementById('k-text-0'); k.value = k.value.replace('https://maps.app.goo.gl/lumiere',"
        + " 'https://lumiere.example/danh-gia'); k.dispatchEvent(new Event('input'));");
    wait.until(x -> !x.findElement(By.id("k-text-warn-0")).isDisplayed());

    // the brand's public phone: checked like every field, kept in the document
    var phone = d.findElement(By.id("f-contact-phone"));
    phone.sendKeys("gọi shop");
    wait.until(x -> x.findElement(By.id("problems")).isDisplayed());
    assertThat(d.findElement(By.id("problems")).getText()).contains("contact.phone: must be a phone number");
    assertThat(d.findElement(By.cssSelector("#problems strong")).getText()).isEqualTo("1 problem to fix:");
    phone.clear();
    phone.sendKeys("028 3812 3456");
    wait.until(x -> !x.findElement(By.id("problems")).isDisplayed());

    // knowledge: reorder, add, remove
    click(By.cssSelector("[aria-label='Move down entry 1']"));
    assertThat(d.findElement(By.id("k-title-0")).getAttribute("value")).isEqualTo(secondTitle);
    assertThat(d.findElement(By.id("k-title-1")).getAttribute("value")).isEqualTo(firstTitle);
    click(By.id("add-knowledge"));
    assertThat(d.findElements(By.cssSelector(".knowledge-entry"))).hasSize(entries + 1);
    wait.until(x -> x.findElement(By.id("problems")).isDisplayed());
    assertThat(d.findElement(By.id("problems")).getText()).contains("knowledge[" + entries + "].title");
    click(By.cssSelector("[aria-label='Remove entry " + (entries + 1) + "']"));
    assertThat(d.findElements(By.cssSelector(".knowledge-entry"))).hasSize(entries);
    wait.until(x -> !x.findElement(By.id("problems")).isDisplayed());

    // the YAML tab shows the same document, and edits there come back to the form
    d.findElement(By.id("tab-yaml")).click();
    wait.until(x -> x.findElement(By.id("yaml")).isDisplayed()
        && x.findElement(By.id("yaml")).getAttribute("value").contains("id: linh"));
    assertThat(d.findElement(By.id("yaml")).getAttribute("value")).contains("phone:").contains("028 3812 3456");
    assertThat(browser.js(UNLABELLED)).asList().isEmpty();
    browser.js("const y = document.getElementById('yaml'); y.value = y.value.replace('name: Linh', 'name: Linh Mới');"
        + " y.dispatchEvent(new Event('input'));");
    d.findElement(By.id("tab-form")).click();
    wait.until(x -> x.findElement(By.id("f-name")).isDisplayed());
    assertThat(d.findElement(By.id("f-name")).getAttribute("value")).isEqualTo("Linh Mới");
    browser.fullScreenshot("console-editor");
    assertThat(browser.errors()).as("browser console errors").isEmpty();
  }

  @Test
  @Order(6)
  void previewChatTalksToTheUnsavedDraftThroughTheGuard() throws Exception {
    var d = browser.driver;
    d.get(base + "/console/personas/linh");
    WebDriverWait wait = new WebDriverWait(d, WAIT);
    wait.until(x -> x.findElement(By.id("preview-text")).isDisplayed());
    d.findElement(By.id("preview-text")).sendKeys("Kem chống nắng giá bao nhiêu?");
    click(By.id("preview-send"));
    wait.until(x -> x.findElements(By.cssSelector("#preview-log .msg.persona")).size() == 1);
    var reply = d.findElement(By.cssSelector("#preview-log .msg.persona"));
    assertThat(reply.getText()).contains("390.000đ");
    assertThat(reply.getAttribute("data-decision")).isEqualTo("allow");

    // an unsaved boundary: the draft's guard blocks what the published persona would say
    var banned = d.findElement(By.id("f-banned"));
    banned.sendKeys("\n390.000đ");
    d.findElement(By.id("preview-text")).sendKeys("Kem chống nắng giá bao nhiêu?");
    click(By.id("preview-send"));
    wait.until(x -> x.findElements(By.cssSelector("#preview-log .msg.persona")).size() == 2);
    var blocked = d.findElements(By.cssSelector("#preview-log .msg.persona")).get(1);
    assertThat(blocked.getAttribute("data-decision")).isEqualTo("block");
    // the rule, the decision and the route in words, never their ids
    assertThat(blocked.findElement(By.cssSelector("ul.findings")).getText()).contains("Banned word (blocked)")
        .contains("390.000đ").doesNotContain("banned_term");
    assertThat(blocked.findElement(By.cssSelector(".badge")).getText()).isEqualTo("blocked");
    assertThat(reply.getText()).contains("offline composer").contains("allowed");
    assertThat(blocked.getText()).doesNotContain("390.000đ,");
    browser.screenshot("console-preview-chat");
    assertThat(browser.errors()).isEmpty();
  }

  @Test
  @Order(7)
  void savingADraftThenDiffPublishAndRollBack() throws Exception {
    var d = browser.driver;
    d.get(base + "/console/personas/milo");
    WebDriverWait wait = new WebDriverWait(d, WAIT);
    wait.until(x -> x.findElement(By.id("f-greeting")).isDisplayed());
    var greeting = d.findElement(By.id("f-greeting"));
    greeting.clear();
    greeting.sendKeys("Hi! I'm Milo, Brewhaus's AI barista. Ask me about beans.");
    click(By.id("save-draft"));
    wait.until(x -> x.getCurrentUrl().contains("saved=2"));
    assertThat(d.findElement(By.cssSelector("#status .notice")).getText()).contains("draft version 2")
        .contains("Audiences still see the published version");
    d.findElement(By.linkText("Versions and diff")).click();
    wait.until(x -> x.getCurrentUrl().contains("/versions"));
    assertThat(d.findElement(By.id("diff-title")).getText()).isEqualTo("v1 → v2");
    assertThat(d.findElement(By.cssSelector("#diff .cell.add")).getText()).contains("Ask me about beans.");
    assertThat(d.findElement(By.cssSelector("#diff .cell.del")).getText()).contains("greeting:");
    browser.fullScreenshot("console-versions-diff");
    // saved in the console's editor: labelled so, not "api"
    assertThat(d.findElement(By.cssSelector("tr[data-version='2'] td")).getText()).isEqualTo("v2 console");
    d.findElement(By.cssSelector("tr[data-version='2'] button.publish-version")).click();
    // the button asks first; nothing is published until the confirmation
    wait.until(x -> x.getCurrentUrl().contains("confirm=2") && !x.findElements(By.id("confirm-publish-submit")).isEmpty());
    assertThat(d.findElement(By.id("confirm-publish-text")).getText()).startsWith("Publish v2?");
    assertThat(get("/api/v1/public/personas")).doesNotContain("Ask me about beans.");
    d.findElement(By.id("confirm-publish-submit")).click();
    wait.until(x -> x.getCurrentUrl().contains("published=2"));
    assertThat(d.findElement(By.cssSelector("tr[data-version='2']")).getText()).contains("Published (live)");
    assertThat(get("/api/v1/public/personas")).contains("Ask me about beans.");
    d.findElement(By.cssSelector("tr[data-version='1'] button.publish-version")).click();
    wait.until(x -> x.getCurrentUrl().contains("confirm=1") && !x.findElements(By.id("confirm-publish-submit")).isEmpty());
    assertThat(d.findElement(By.id("confirm-publish-text")).getText()).startsWith("Roll back to v1?");
    d.findElement(By.id("confirm-publish-submit")).click();
    wait.until(x -> x.getCurrentUrl().contains("published=1"));
    assertThat(d.findElement(By.cssSelector("tr[data-version='1']")).getText()).contains("Published (live)");
    assertThat(get("/api/v1/public/personas")).doesNotContain("Ask me about beans.");
    assertThat(browser.errors()).isEmpty();
  }

  @Test
  @Order(8)
  void aCharacterCardImportsAsADraftAndExportsBackWithItsExtensions() throws Exception {
    var d = browser.driver;
    Path card = browser.buildDir.resolve("console-test-card.json");
    Files.writeString(card, CARD, StandardCharsets.UTF_8);
    d.get(base + "/console/personas");
    d.findElement(By.id("import-file")).sendKeys(card.toAbsolutePath().toString());
    new org.openqa.selenium.support.ui.Select(d.findElement(By.id("import-brand"))).selectByValue("brewhaus");
    d.findElement(By.id("import-id")).sendKeys("sol-barista");
    click(By.id("import-submit"));
    // the page navigates to the editor while the wait looks: an element found on the old page goes stale
    WebDriverWait wait = new WebDriverWait(d, WAIT);
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    // Chrome may also answer "node does not belong to the document" for an element of the page being left
    wait.ignoring(org.openqa.selenium.WebDriverException.class);
    try {
      wait.until(x -> x.getCurrentUrl().endsWith("/console/personas/sol-barista")
          || (!x.findElements(By.id("import-error")).isEmpty() && x.findElement(By.id("import-error")).isDisplayed()));
    } catch (org.openqa.selenium.TimeoutException e) {
      browser.screenshot("console-card-import-failed");
      throw new AssertionError("import did not finish: url " + d.getCurrentUrl() + ", browser log " + browser.errors(), e);
    }
    assertThat(d.getCurrentUrl()).as("import error: %s", d.findElements(By.id("import-error")).isEmpty() ? ""
        : d.findElement(By.id("import-error")).getText()).endsWith("/console/personas/sol-barista");
    wait.until(x -> x.findElements(By.cssSelector(".knowledge-entry")).size() == 2);
    assertThat(d.findElement(By.id("f-name")).getAttribute("value")).isEqualTo("Sol");
    assertThat(d.findElement(By.id("k-text-0")).getAttribute("value")).contains("Cold brew steeps 18 hours");
    // what is missing is named by the editor's sections and fields, not by document paths
    assertThat(d.findElement(By.cssSelector(".editor-head .problem")).getText())
        .contains("Boundaries: fill in at least one", "Disclosure → Jurisdictions").doesNotContain("disclosure.");
    // the box follows the document being edited, not the saved version: fixing jurisdictions and the AI
    // label leaves only the boundaries in it
    click(By.cssSelector("input[type='checkbox'][value='EU']"));
    for (var label : d.findElements(By.cssSelector("input[id^='ai-']"))) {
      label.sendKeys("AI-generated");
    }
    wait.until(x -> {
      String box = x.findElement(By.id("not-publishable")).getText();
      return box.contains("Boundaries: fill in at least one") && !box.contains("Jurisdictions") && !box.contains("AI label");
    });
    assertThat(d.findElements(By.cssSelector("#not-publishable li"))).hasSize(1);
    assertThat(browser.js(UNLABELLED)).asList().isEmpty();
    browser.screenshot("console-card-imported");
    Object exported = ((org.openqa.selenium.JavascriptExecutor) d).executeAsyncScript(
        "const done = arguments[0]; fetch('/api/v1/personas/sol-barista/export?format=ccv3').then(r => r.text()).then(done);");
    var json = new io.vertx.core.json.JsonObject((String) exported);
    assertThat(json.getString("spec")).isEqualTo("chara_card_v3");
    assertThat(json.getJsonObject("data").getJsonObject("extensions").getJsonObject("other-tool").getInteger("x")).isEqualTo(42);
    assertThat(json.getJsonObject("data").getJsonObject("character_book").getJsonArray("entries")).hasSize(2);
    assertThat(browser.errors()).isEmpty();
  }

  @Test
  @Order(9)
  void editorAndVersionsFitAPhone() throws Exception {
    browser.phone(390, 844);
    var d = browser.driver;
    for (String page : List.of("/console/personas/linh", "/console/personas/milo/versions")) {
      d.get(base + page);
      new WebDriverWait(d, WAIT).until(x -> "complete".equals(browser.js("return document.readyState")));
      assertThat(browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
          .as("no sideways scrolling on " + page).isEqualTo(true);
    }
    d.get(base + "/console/personas/linh");
    browser.screenshot("console-editor-phone-390x844");
    assertThat(browser.errors()).isEmpty();
  }

  static final String CARD = """
      {"spec":"chara_card_v3","spec_version":"3.0","data":{"name":"Sol","description":"A calm barista.",
       "personality":"calm, precise","scenario":"Behind the bar","first_mes":"Welcome in!","mes_example":"",
       "creator_notes":"","system_prompt":"","post_history_instructions":"","alternate_greetings":[],"tags":["coffee"],
       "creator":"test","character_version":"1","group_only_greetings":[],
       "character_book":{"entries":[
         {"keys":["cold brew"],"content":"Cold brew steeps 18 hours.","extensions":{},"enabled":true,"insertion_order":1,"name":"Cold brew"},
         {"keys":["decaf"],"content":"Decaf is Swiss-water processed.","extensions":{},"enabled":true,"insertion_order":2,"name":"Decaf"}],
         "extensions":{}},
       "extensions":{"other-tool":{"x":42}}}}
      """;

  private static String get(String path) throws Exception {
    var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(base + path)).build(), java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return r.body();
  }

  @Test
  @Order(10)
  void everyOtherPageIsLabelledHasNoErrorsAndFitsAPhone() throws Exception {
    var d = browser.driver;
    List<String> pages = List.of("/console/bench", "/console/transcripts?persona=linh", "/console/audit",
        "/console/members", "/console/tokens", "/console/account");
    for (String page : pages) {
      browser.desktop();
      d.get(base + page);
      assertThat(d.findElement(By.tagName("h1")).getText()).as(page).isNotBlank();
      assertThat(browser.js(UNLABELLED)).asList().as("unlabelled controls on " + page).isEmpty();
      browser.phone(390, 844);
      d.navigate().refresh();
      assertThat(browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
          .as("no sideways scrolling on " + page).isEqualTo(true);
    }
    browser.desktop();
    d.get(base + "/console/audit?what=persona.");
    assertThat(d.findElement(By.id("audit-list")).getText()).contains("persona.published");
    // the column says what it holds; the filter's own wording ("action starts with") belongs to the filter
    assertThat(browser.js("return [...document.querySelectorAll('#audit-list th')].map(t => t.textContent.trim())"))
        .asList().contains("What").doesNotContain("What (action starts with)");
    assertThat(d.findElement(By.cssSelector("label[for=audit-what]")).getText()).isEqualTo("What (action starts with)");
    browser.screenshot("console-audit");
    d.get(base + "/console/members");
    browser.screenshot("console-members");
    assertThat(browser.errors()).isEmpty();
  }

  @Test
  @Order(11)
  void guardBenchHighlightsFindingsInPlace() throws Exception {
    var d = browser.driver;
    d.get(base + "/console/bench?persona=linh");
    String text = "Kem này 🌿 chữa khỏi mụn, gọi 0912 345 678 nhé";
    d.findElement(By.id("bench-text")).sendKeys(text);
    click(By.id("bench-check"));
    new WebDriverWait(d, WAIT).until(x -> x.findElement(By.id("bench-result")).isDisplayed());
    assertThat(d.findElement(By.id("bench-decision")).getText()).isEqualTo("blocked");
    assertThat(d.findElement(By.id("bench-decision")).getAttribute("data-decision")).isEqualTo("block");
    assertThat(d.findElement(By.id("bench-findings")).getText()).contains("Forbidden claim (blocked) «chữa khỏi")
        .contains("Phone number (adjusted) «0912 345 678»");
    List<String> marks = d.findElements(By.cssSelector("#bench-highlighted mark")).stream().map(e -> e.getText()).toList();
    assertThat(marks).anySatisfy(m -> assertThat(m).startsWith("chữa khỏi"));
    // after the emoji (2 UTF-16 units): the offsets still land exactly on the phone number
    assertThat(marks).contains("0912 345 678");
    assertThat(d.findElement(By.id("bench-highlighted")).getText()).isEqualTo(text);
    // a blocked verdict never says the text would be published, nor shows the blocked words as the outcome
    assertThat(d.findElement(By.id("bench-final-heading")).getText())
        .isEqualTo("Blocked: nothing of this text would be published");
    assertThat(d.findElement(By.id("bench-final")).isDisplayed()).isFalse();
    browser.screenshot("console-guard-bench");
    // an allowed text is what would be published (the heading follows each new verdict)
    d.findElement(By.id("bench-text")).clear();
    d.findElement(By.id("bench-text")).sendKeys("Cảm ơn bạn đã ghé shop nhé!");
    click(By.id("bench-check"));
    new WebDriverWait(d, WAIT).until(x -> "allow".equals(x.findElement(By.id("bench-final-heading")).getAttribute("data-decision")));
    assertThat(d.findElement(By.id("bench-final-heading")).getText()).isEqualTo("Text after the guard (what would be published)");
    assertThat(d.findElement(By.id("bench-final")).getText()).isEqualTo("Cảm ơn bạn đã ghé shop nhé!");
    assertThat(browser.errors()).isEmpty();
  }

  @Test
  @Order(12)
  void apiTokensAreShownOnceAndPasswordsCanBeChanged() throws Exception {
    var d = browser.driver;
    d.get(base + "/console/tokens");
    d.findElement(By.id("token-name")).sendKeys("ci-bot");
    click(By.id("token-create"));
    WebDriverWait wait = new WebDriverWait(d, WAIT);
    wait.until(x -> x.findElement(By.id("token-secret")).isDisplayed());
    String secret = d.findElement(By.id("token-value")).getText();
    assertThat(secret).startsWith("prt_").hasSizeGreaterThan(20);
    d.get(base + "/console/tokens");
    // listed by name and prefix; the secret itself is never shown again
    assertThat(d.findElement(By.id("token-list")).getText()).contains("ci-bot").doesNotContain(secret)
        .doesNotContain(secret.substring(0, 20));
    d.get(base + "/console/account");
    d.findElement(By.id("pw-current")).sendKeys("wrong-password-1");
    d.findElement(By.id("pw-new")).sendKeys("a-new-password-99");
    d.findElement(By.id("pw-confirm")).sendKeys("a-new-password-99");
    click(By.id("pw-submit"));
    wait.until(x -> !x.findElements(By.id("account-error")).isEmpty());
    assertThat(d.findElement(By.id("account-error")).getText()).isEqualTo("The current password is wrong.");
    d.findElement(By.id("pw-current")).sendKeys(ADMIN_PASSWORD);
    d.findElement(By.id("pw-new")).sendKeys("a-new-password-99");
    d.findElement(By.id("pw-confirm")).sendKeys("a-new-password-99");
    click(By.id("pw-submit"));
    wait.until(x -> x.getCurrentUrl().contains("changed=1"));
    assertThat(d.findElement(By.id("account-notice")).getText()).contains("password is changed");
    var login = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(base + "/api/v1/auth/login")).header("content-type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"email\":\"" + ADMIN_EMAIL
            + "\",\"password\":\"a-new-password-99\"}")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(browser.errors()).isEmpty();
  }

  @Test
  @Order(13)
  void anOwnerInvitesAMemberWhoJoinsThroughTheLink() throws Exception {
    var d = browser.driver;
    d.get(base + "/console/members");
    d.findElement(By.id("add-email-lumiere")).sendKeys("invitee@lumiere.test");
    new org.openqa.selenium.support.ui.Select(d.findElement(By.id("add-role-lumiere"))).selectByValue("moderator");
    click(By.id("add-lumiere"));
    new WebDriverWait(d, WAIT).until(x -> x.findElement(By.id("invite-link-lumiere")).isDisplayed());
    String link = d.findElement(By.id("invite-url-lumiere")).getText().strip();
    assertThat(link).startsWith(base + "/console/invitations/accept?token=inv_");
    // the pending list shows the new invitation without a reload (it said "No pending invitations." before)
    new WebDriverWait(d, WAIT).until(x -> !x.findElements(By.id("invitations-lumiere")).isEmpty()
        && x.findElement(By.id("invitations-lumiere")).getText().contains("invitee@lumiere.test"));
    assertThat(d.findElements(By.id("no-pending-lumiere"))).isEmpty();
    // the one-time link has a copy button (the clipboard stubbed: a headless browser may not grant it)
    browser.js("window.__copied = null; navigator.clipboard.writeText = (t) => { window.__copied = t; return Promise.resolve(); };");
    click(By.id("copy-invite-lumiere"));
    new WebDriverWait(d, WAIT).until(x -> "Link copied.".equals(x.findElement(By.id("copy-invite-lumiere-status")).getText()));
    assertThat(browser.js("return window.__copied")).isEqualTo(link);
    browser.screenshot("console-members-invited");
    d.get(base + "/console/members");
    assertThat(d.findElement(By.id("invitations-lumiere")).getText()).contains("invitee@lumiere.test")
        .contains("Moderator").doesNotContain("inv_"); // the role in words
    assertThat(browser.errors()).isEmpty();

    // the invitee, in their own browser (Vietnamese), sets a password and lands in the console
    try (Browser invitee = Browser.start(ConsolePageIT.class, "vi-VN")) {
      var v = invitee.driver;
      v.get(link);
      assertThat(v.findElement(By.id("invite-summary")).getText()).contains("Kiểm duyệt viên").doesNotContain("moderator")
          .contains("invitee@lumiere.test");
      assertThat(invitee.js(UNLABELLED)).asList().isEmpty();
      invitee.screenshot("console-invitation-accept-vi");
      v.findElement(By.id("invite-password")).sendKeys("invitee-password-1");
      v.findElement(By.id("invite-name")).sendKeys("Ngọc Invitee");
      v.findElement(By.id("invite-accept")).click();
      new WebDriverWait(v, WAIT).until(x -> x.getCurrentUrl().contains("/console/members?joined=lumiere"));
      assertThat(v.findElement(By.tagName("main")).getText()).contains("invitee@lumiere.test");
      assertThat(v.findElement(By.id("joined-notice")).getText()).contains("Lumière");
      invitee.screenshot("console-invitation-joined-vi");
      // the link is used up
      v.get(link);
      assertThat(v.findElement(By.id("invite-invalid")).isDisplayed()).isTrue();
      assertThat(invitee.errors()).isEmpty();
    }
    // the owner changes the new member's role from the members page
    d.get(base + "/console/members");
    var role = d.findElement(By.cssSelector("select[aria-label='Role: invitee@lumiere.test']"));
    new org.openqa.selenium.support.ui.Select(role).selectByValue("editor");
    // a saved change reloads the page: wait for the new document, then read what the server says
    browser.loadsNewDocument(() -> browser.js("arguments[0].form.requestSubmit()", role), WAIT);
    assertThat(new org.openqa.selenium.support.ui.Select(d.findElement(
        By.cssSelector("select[aria-label='Role: invitee@lumiere.test']"))).getFirstSelectedOption().getText())
        .isEqualTo("Editor");
    assertThat(browser.errors()).isEmpty();
  }

  @Test
  @Order(14)
  void aNewPersonaIsCreatedFromTheConsoleAsADraftWithFieldNamedErrors() throws Exception {
    var d = browser.driver;
    d.get(base + "/console/personas");
    click(By.id("new-persona-button"));
    WebDriverWait wait = new WebDriverWait(d, WAIT);
    wait.until(x -> x.getCurrentUrl().endsWith("/console/personas/new"));
    assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("New persona");
    assertThat(browser.js(UNLABELLED)).asList().isEmpty();
    // with several brands none is chosen for the user: the form asks which one
    assertThat(new org.openqa.selenium.support.ui.Select(d.findElement(By.id("np-brand")))
        .getFirstSelectedOption().getAttribute("value")).isEmpty();
    // the server checks every field and names it; what was typed stays
    d.findElement(By.id("np-id")).sendKeys("Bad Id");
    d.findElement(By.id("np-languages")).clear();
    d.findElement(By.id("np-languages")).sendKeys("vi, xyz");
    d.findElement(By.id("np-bio")).sendKeys("x".repeat(1001));
    click(By.id("np-submit"));
    wait.until(x -> !x.findElements(By.id("new-problems")).isEmpty());
    assertThat(d.findElement(By.id("np-id-err")).getText()).startsWith("Persona id: use only lower-case letters");
    assertThat(d.findElement(By.id("np-name-err")).getText()).isEqualTo("Name: required.");
    assertThat(d.findElement(By.id("np-brand-err")).getText())
        .isEqualTo("Brand: choose which brand this persona speaks for.");
    assertThat(d.findElement(By.id("np-languages-err")).getText()).contains("\"xyz\"");
    assertThat(d.findElement(By.id("np-bio-err")).getText()).isEqualTo("Bio: at most 1000 characters (now 1001).");
    assertThat(d.findElement(By.id("np-id")).getAttribute("value")).isEqualTo("Bad Id");
    assertThat(d.findElement(By.id("np-id")).getAttribute("aria-invalid")).isEqualTo("true");
    browser.screenshot("console-new-persona-errors");
    // an id that is taken
    d.findElement(By.id("np-id")).clear();
    d.findElement(By.id("np-id")).sendKeys("linh");
    d.findElement(By.id("np-name")).sendKeys("An");
    // language names as people type them read as their codes (vi, en)
    d.findElement(By.id("np-languages")).clear();
    d.findElement(By.id("np-languages")).sendKeys("Tiếng Việt, English");
    d.findElement(By.id("np-bio")).clear();
    new org.openqa.selenium.support.ui.Select(d.findElement(By.id("np-brand"))).selectByValue("lumiere");
    click(By.id("np-submit"));
    wait.until(x -> !x.findElements(By.id("np-id-err")).isEmpty());
    assertThat(d.findElement(By.id("np-id-err")).getText()).contains("already exists");
    assertThat(d.findElements(By.id("np-languages-err"))).isEmpty();
    d.findElement(By.id("np-id")).clear();
    d.findElement(By.id("np-id")).sendKeys("an-tea");
    click(By.id("np-submit"));
    wait.until(x -> x.getCurrentUrl().endsWith("/console/personas/an-tea?created=1"));
    wait.until(x -> x.findElement(By.id("f-name")).isDisplayed());
    assertThat(d.findElement(By.id("f-name")).getAttribute("value")).isEqualTo("An");
    assertThat(d.findElement(By.cssSelector("#status .notice")).getText()).contains("created as a draft");
    // not publishable yet: the editor says which fields, and "Save and publish" is refused naming them
    assertThat(d.findElement(By.cssSelector(".editor-head .problem")).getText())
        .contains("Disclosure → Jurisdictions").contains("Disclosure → AI label").contains("(missing: vi")
        .doesNotContain("disclosure.jurisdictions");
    // the bio counter shows the server's limit, and going over it is refused at the field
    browser.js("const b = document.getElementById('f-bio'); b.value = 'x'.repeat(1001); b.dispatchEvent(new Event('input'));");
    wait.until(x -> x.findElement(By.id("f-bio-err")).isDisplayed());
    assertThat(d.findElement(By.id("f-bio-count")).getText()).isEqualTo("1001 / 1000");
    assertThat(d.findElement(By.id("f-bio-err")).getText()).isEqualTo("must be at most 1000 characters, got 1001");
    browser.js("const b = document.getElementById('f-bio'); b.value = 'Trà sữa và bánh.'; b.dispatchEvent(new Event('input'));");
    wait.until(x -> !x.findElement(By.id("f-bio-err")).isDisplayed());
    click(By.id("save-publish"));
    wait.until(x -> x.findElement(By.id("problems")).isDisplayed()
        && x.findElement(By.id("problems")).getText().contains("Disclosure → Jurisdictions"));
    assertThat(d.findElement(By.id("problems")).getText()).contains("Disclosure → AI label")
        .doesNotContain("disclosure.jurisdictions");
    browser.screenshot("console-new-persona-editor");
    assertThat(get("/api/v1/public/personas")).doesNotContain("an-tea");
    assertThat(d.findElement(By.id("f-languages")).getAttribute("value")).isEqualTo("vi, en");
    // a draft of a persona never published: no "audiences still see the published version"
    click(By.id("save-draft"));
    wait.until(x -> x.getCurrentUrl().contains("saved=2") && !x.findElements(By.cssSelector("#status .notice")).isEmpty());
    assertThat(d.findElement(By.cssSelector("#status .notice")).getText()).contains("draft version 2")
        .contains("Nothing is published yet").doesNotContain("still see the published version");
    // the refused form posts and "Save and publish" answer 400 on purpose; nothing else may fail
    assertThat(browser.errors()).allSatisfy(e -> assertThat(e).contains("status of 400"));
  }

  @Test
  @Order(15)
  void formsThatCallTheApiShowEveryProblemUnderItsFieldInTheConsolesLanguage() throws Exception {
    var d = browser.driver;
    d.get(base + "/console/members");
    switchLanguage("vi");
    WebDriverWait wait = new WebDriverWait(d, WAIT);
    try {
      // a slug the browser accepts but the server refuses (taken): the server's words, in Vietnamese, under the slug
      d.findElement(By.id("new-brand-slug")).sendKeys("lumiere");
      d.findElement(By.id("new-brand-name")).sendKeys("Lumière 2");
      click(By.id("new-brand-submit"));
      wait.until(x -> !x.findElements(By.id("new-brand-slug-problem")).isEmpty());
      assertThat(d.findElement(By.id("new-brand-slug-problem")).getText()).isEqualTo("thương hiệu 'lumiere' đã có, hãy chọn mã khác");
      assertThat(d.findElement(By.id("new-brand-slug")).getAttribute("aria-invalid")).isEqualTo("true");
      assertThat(d.findElement(By.id("new-brand-slug")).getAttribute("aria-describedby")).contains("new-brand-slug-problem");
      // two problems at once (the browser's own checks off, as for a client that skips them): one under each field
      browser.js("const f = document.getElementById('new-brand-form'); f.noValidate = true;"
          + "document.getElementById('new-brand-slug').value = 'Hoa Sen!';"
          + "const n = document.getElementById('new-brand-name'); n.removeAttribute('maxlength'); n.value = 'y'.repeat(250);"
          + "f.requestSubmit();");
      wait.until(x -> !x.findElements(By.id("new-brand-name-problem")).isEmpty());
      assertThat(d.findElement(By.id("new-brand-name-problem")).getText()).isEqualTo("tối đa 200 ký tự (hiện có 250)");
      assertThat(d.findElement(By.id("new-brand-slug-problem")).getText())
          .startsWith("chỉ dùng chữ thường không dấu").endsWith("bạn đã nhập 'Hoa Sen!'");
      assertThat(d.findElements(By.cssSelector("#new-brand-form .field-error"))).hasSize(2); // the old one was cleared
      browser.screenshot("console-new-brand-problems-vi");
      assertThat(get("/api/v1/brands")).doesNotContain("Hoa Sen").doesNotContain("Lumière 2");
      assertThat(browser.errors()).allSatisfy(e -> assertThat(e).containsAnyOf("status of 400", "status of 409"));

      // the slug's format is shown before anything goes wrong, and the browser's own refusal says it in Vietnamese
      d.get(base + "/console/members");
      assertThat(d.findElement(By.id("new-brand-slug-hint")).getText()).startsWith("Chữ thường không dấu, chữ số");
      d.findElement(By.id("new-brand-slug")).sendKeys("Hoa Sen!");
      Object message = browser.js("document.getElementById('new-brand-form').reportValidity();"
          + "return document.getElementById('new-brand-slug').validationMessage;");
      assertThat(String.valueOf(message)).startsWith("Chữ thường không dấu").doesNotContain("Please match");
      // a brand made here says so after the page comes back
      d.findElement(By.id("new-brand-slug")).clear();
      d.findElement(By.id("new-brand-slug")).sendKeys("sen-hong");
      d.findElement(By.id("new-brand-name")).sendKeys("Sen Hồng");
      click(By.id("new-brand-submit"));
      wait.until(x -> x.getCurrentUrl().contains("created=sen-hong") && !x.findElements(By.id("brand-created-notice")).isEmpty());
      assertThat(d.findElement(By.id("brand-created-notice")).getText()).isEqualTo(
          "Đã tạo thương hiệu Sen Hồng (sen-hong). Mời các thành viên đầu tiên ở bên dưới.");
    } finally {
      d.get(base + "/console/members");
      switchLanguage("en");
    }
  }

  @Test
  @Order(99)
  void logoutEndsTheSession() {
    var d = browser.driver;
    d.get(base + "/console/personas");
    d.findElement(By.cssSelector("form[action='/console/logout'] button")).click();
    new WebDriverWait(d, WAIT).until(x -> x.getCurrentUrl().contains("/console/login"));
    assertThat(d.findElement(By.cssSelector("p.notice")).getText()).isEqualTo("You are logged out.");
    d.get(base + "/console/personas");
    assertThat(d.getCurrentUrl()).contains("/console/login");
  }

  /** Scrolls the element to the middle of the screen (clear of the sticky save bar), then clicks it. */
  /** Clicks the console's language link and waits for the page in {@code lang} ("vi" or "en"). */
  static void switchLanguage(String lang) {
    browser.driver.findElement(By.cssSelector("a.lang")).click();
    new WebDriverWait(browser.driver, WAIT).until(x -> lang.equals(browser.js("return document.documentElement.lang")));
  }

  static void click(By by) {
    var el = browser.driver.findElement(by);
    browser.js("arguments[0].scrollIntoView({block: 'center'})", el);
    el.click();
  }

  static void login(org.openqa.selenium.WebDriver d) {
    if (!d.getCurrentUrl().contains("/console/login")) {
      d.get(base + "/console/login");
    }
    d.findElement(By.name("email")).clear();
    d.findElement(By.name("email")).sendKeys(ADMIN_EMAIL);
    d.findElement(By.name("password")).sendKeys(ADMIN_PASSWORD);
    d.findElement(By.id("login-submit")).click();
    new WebDriverWait(d, WAIT).until(x -> x.getCurrentUrl().contains("/console/personas"));
  }
}
