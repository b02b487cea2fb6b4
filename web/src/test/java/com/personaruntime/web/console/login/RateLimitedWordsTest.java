package com.personaruntime.web.console.login;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.web.console.Messages;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console's "try again in …" line says a wait a person reads at a glance, in vi and en. */
class RateLimitedWordsTest {
  private final Messages messages = new Messages(List.of("login"));

  @Test
  void aLockoutOfMinutesIsSaidInMinutesNotHundredsOfSeconds() {
    assertThat(LoginPages.rateLimited(messages, "en", 900)).isEqualTo("Too many attempts. Try again in 15 minutes.");
    assertThat(LoginPages.rateLimited(messages, "vi", 900)).isEqualTo("Thử quá nhiều lần. Hãy thử lại sau 15 phút.");
    // rounded up: a person who waits the said time is let in
    assertThat(LoginPages.rateLimited(messages, "en", 601)).isEqualTo("Too many attempts. Try again in 11 minutes.");
    assertThat(LoginPages.rateLimited(messages, "en", 90)).isEqualTo("Too many attempts. Try again in 2 minutes.");
  }

  @Test
  void shortWaitsAreSecondsWithTheRightNumber() {
    assertThat(LoginPages.rateLimited(messages, "en", 45)).isEqualTo("Too many attempts. Try again in 45 seconds.");
    assertThat(LoginPages.rateLimited(messages, "en", 1)).isEqualTo("Too many attempts. Try again in 1 second.");
    assertThat(LoginPages.rateLimited(messages, "en", 0)).as("never 'in 0 seconds'")
        .isEqualTo("Too many attempts. Try again in 1 second.");
    assertThat(LoginPages.rateLimited(messages, "vi", 30)).isEqualTo("Thử quá nhiều lần. Hãy thử lại sau 30 giây.");
  }
}
