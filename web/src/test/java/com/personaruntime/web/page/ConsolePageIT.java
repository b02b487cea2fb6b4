package com.personaruntime.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.web.PersonaServer;
import com.personaruntime.web.config.AppConfig;
import com.personaruntime.web.config.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
    Map<String, String> env = Map.of(
        "HTTP_HOST", "127.0.0.1",
        "HTTP_PORT", "0",
        "HTTP_SHUTDOWNGRACESECONDS", "1",
        "STORAGE_URL", "jdbc:h2:mem:consolepage-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
        "ADMIN_EMAIL", ADMIN_EMAIL,
        "ADMIN_PASSWORD", ADMIN_PASSWORD);
    AppConfig config = ConfigLoader.load(null, env);
    server = PersonaServer.start(config, env, new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8)).get(60, TimeUnit.SECONDS);
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
    d.findElement(By.cssSelector("a.lang")).click();
    new WebDriverWait(d, WAIT).until(x -> "vi".equals(browser.js("return document.documentElement.lang")));
    assertThat(d.getCurrentUrl()).endsWith("/console/moderation");
    assertThat(d.findElement(By.tagName("h1")).getText()).isEqualTo("Kiểm duyệt");
    d.navigate().refresh();
    assertThat(browser.js("return document.documentElement.lang")).isEqualTo("vi");
    assertThat(d.findElement(By.cssSelector("nav")).getText()).contains("Persona", "Bài đăng", "Phân tích");
    browser.screenshot("console-moderation-vi");
    d.findElement(By.cssSelector("a.lang")).click();
    new WebDriverWait(d, WAIT).until(x -> "en".equals(browser.js("return document.documentElement.lang")));
  }

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
    assertThat(browser.errors()).isEmpty();
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
