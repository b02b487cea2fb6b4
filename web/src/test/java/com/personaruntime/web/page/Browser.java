package com.personaruntime.web.page;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Headless Chromium for page tests, set up as in {@link ChatPageIT}: {@code /usr/bin/chromium}
 * and {@code /usr/bin/chromedriver} (override with {@code PERSONA_CHROMIUM} /
 * {@code PERSONA_CHROMEDRIVER}), nothing downloaded, profile and screenshots under the build
 * folder. {@link #missing()} says why no browser is available (then tests skip, unless
 * {@code PERSONA_TEST_BROWSER_REQUIRED=true}, where {@link #start} fails).
 */
final class Browser implements AutoCloseable {
  private static final java.util.logging.Logger CDP_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium.devtools");

  final ChromeDriver driver;
  private final ChromeDriverService service;
  final Path buildDir;

  private Browser(ChromeDriver driver, ChromeDriverService service, Path buildDir) {
    this.driver = driver;
    this.service = service;
    this.buildDir = buildDir;
  }

  /** Why the browser cannot run here, or {@code null} when it can. */
  static String missing() {
    Path chromium = Path.of(env("PERSONA_CHROMIUM", "/usr/bin/chromium"));
    Path chromedriver = Path.of(env("PERSONA_CHROMEDRIVER", "/usr/bin/chromedriver"));
    if (Files.isExecutable(chromium) && Files.isExecutable(chromedriver)) {
      return null;
    }
    String why = "headless browser test needs " + chromium + " and " + chromedriver
        + " (apt-get install -y chromium chromium-driver)";
    if ("true".equalsIgnoreCase(System.getenv("PERSONA_TEST_BROWSER_REQUIRED"))) {
      fail(why + "; PERSONA_TEST_BROWSER_REQUIRED=true, so a missing browser is a failure");
    }
    return why + "; skipped (set PERSONA_TEST_BROWSER_REQUIRED=true to make this a failure)";
  }

  /** Starts Chromium with the given UI language (e.g. "en-US", "vi-VN"), browser console log kept. */
  static Browser start(Class<?> testClass, String language) throws Exception {
    Path chromium = Path.of(env("PERSONA_CHROMIUM", "/usr/bin/chromium"));
    Path chromedriver = Path.of(env("PERSONA_CHROMEDRIVER", "/usr/bin/chromedriver"));
    Path buildDir = Path.of(testClass.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
    CDP_LOG.setLevel(Level.SEVERE);
    System.setProperty("SE_OFFLINE", "true");
    System.setProperty("webdriver.chrome.driver", chromedriver.toString());
    Path profile = Files.createDirectories(buildDir.resolve("chrome-profile-" + UUID.randomUUID()));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(chromedriver.toFile())
        .usingAnyFreePort()
        .withLogFile(buildDir.resolve("chromedriver-" + testClass.getSimpleName() + ".log").toFile())
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-extensions", "--disable-default-apps", "--no-default-browser-check", "--lang=" + language,
        "--window-size=1280,900", "--user-data-dir=" + profile.toAbsolutePath());
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    // a page with unsaved edits asks before it is left (beforeunload): tests that move on leave it
    options.setUnhandledPromptBehaviour(org.openqa.selenium.UnexpectedAlertBehaviour.ACCEPT);
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    return new Browser(driver, service, buildDir);
  }

  /** Browser console entries of level SEVERE (JavaScript errors, CSP violations, failed loads) since the last call. */
  List<String> errors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Emulates a phone screen (CSS pixels). */
  void phone(int width, int height) {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 2, "mobile", true));
  }

  void desktop() {
    driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
  }

  /**
   * Runs {@code action} (a click or a form submit that loads a new page) and waits until the window holds a
   * new document. Waiting for an old element to go stale races the navigation: Chrome may answer a probe of a
   * node of the unloading page with "Node with given id does not belong to the document" (a WebDriverException,
   * not a StaleElementReferenceException), so the old document is marked instead and the wait ignores probes
   * that land mid-navigation.
   *
   * @param action what loads the new page
   * @param timeout how long to wait
   */
  void loadsNewDocument(Runnable action, java.time.Duration timeout) {
    String mark = java.util.UUID.randomUUID().toString();
    js("window.__browserMark = arguments[0]", mark);
    action.run();
    new org.openqa.selenium.support.ui.WebDriverWait(driver, timeout)
        .ignoring(org.openqa.selenium.WebDriverException.class)
        .until(x -> !mark.equals(js("return window.__browserMark === undefined ? null : window.__browserMark"))
            && "complete".equals(js("return document.readyState")));
  }

  /** Saves a screenshot as {@code <build>/<name>.png}. */
  Path screenshot(String name) throws Exception {
    File png = driver.getScreenshotAs(OutputType.FILE);
    Path target = buildDir.resolve(name + ".png");
    Files.copy(png.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  /** Saves a screenshot of the whole page height. */
  Path fullScreenshot(String name) throws Exception {
    Number h = (Number) js("return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)");
    Number w = (Number) js("return window.innerWidth");
    Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("captureBeyondViewport", true,
        "clip", Map.of("x", 0, "y", 0, "width", w, "height", Math.min(h.intValue(), 6000), "scale", 1)));
    Path target = buildDir.resolve(name + ".png");
    Files.write(target, java.util.Base64.getDecoder().decode((String) shot.get("data")));
    return target;
  }

  @Override
  public void close() {
    driver.quit();
    service.stop();
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
