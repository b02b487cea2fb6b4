package com.personaruntime.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.web.PersonaServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A message the server refuses to take (here its per-socket rate limit: 2 at once, 1 a minute) is shown as not
 * sent, with one click to send it again — a newcomer saw refused messages stay on screen as if sent, never
 * answered.
 */
class ChatRateLimitIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
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
    server = PageServer.start("chatratelimit", "admin@ratelimit.test", "correct horse battery",
        Map.of("LIVE_BURST", "2", "LIVE_MESSAGESPERMINUTE", "1"));
    base = "http://127.0.0.1:" + server.port();
    browser = Browser.start(ChatRateLimitIT.class, "en-US");
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
  void aRefusedMessageIsShownAsNotSentAndCanBeSentAgain() throws Exception {
    Assumptions.assumeTrue(missing == null, missing);
    WebDriver d = browser.driver;
    d.get(base + "/?persona=milo");
    WebDriverWait wait = new WebDriverWait(d, WAIT);
    wait.until(x -> "online".equals(x.findElement(By.id("status")).getAttribute("data-state")));
    for (String question : List.of("What are your opening hours?", "Do you ship to Canada?")) {
      int before = d.findElements(By.cssSelector("#log .msg.persona[data-decision]")).size();
      wait.until(x -> x.findElement(By.id("send")).isEnabled());
      d.findElement(By.id("text")).sendKeys(question, Keys.ENTER);
      wait.until(x -> x.findElements(By.cssSelector("#log .msg.persona[data-decision]")).size() > before);
    }
    assertThat(d.findElements(By.cssSelector("#log .msg.me.unsent"))).isEmpty();

    wait.until(x -> x.findElement(By.id("send")).isEnabled());
    d.findElement(By.id("text")).sendKeys("How much is the house blend?", Keys.ENTER);
    WebElement unsent = wait.until(x -> x.findElements(By.cssSelector("#log .msg.me.unsent")).stream().findFirst()
        .orElse(null));
    assertThat(unsent.getText()).contains("How much is the house blend?").contains("Not sent");
    assertThat(d.findElement(By.id("alert")).isDisplayed()).isTrue();
    assertThat(d.findElement(By.id("alert-text")).getText()).contains("a bit fast");
    WebElement again = d.findElement(By.id("retry"));
    assertThat(again.isDisplayed()).isTrue();
    assertThat(again.getText()).isEqualTo("Send again");
    // no reply is pretended: the refused message got no persona bubble, and the box is free for the next message
    assertThat(d.findElements(By.cssSelector("#log .msg.persona[data-decision]"))).hasSize(2);
    assertThat(d.findElement(By.id("send")).isEnabled()).isTrue();
    browser.screenshot("chat-rate-limited");

    // sending again (still limited here) replaces the refused bubble instead of piling up copies
    again.click();
    wait.until(x -> x.findElements(By.cssSelector("#log .msg.me.unsent")).size() == 1
        && x.findElement(By.id("alert")).isDisplayed());
    assertThat(d.findElements(By.cssSelector("#log .msg.me")).stream().map(WebElement::getText)
        .filter(t -> t.contains("house blend")).count()).isEqualTo(1);
    assertThat(browser.errors()).as("browser console errors").isEmpty();
  }
}
