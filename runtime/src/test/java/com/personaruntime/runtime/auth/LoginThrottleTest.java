package com.personaruntime.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.personaruntime.runtime.storage.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  private final MutableClock clock = MutableClock.fixed();

  @Test
  void fiveFailuresLockTheAccountForTheRestOfTheWindow() {
    LoginThrottle throttle = new LoginThrottle(clock);
    for (int i = 0; i < 5; i++) {
      assertThat(throttle.check("Alice@Example.com", "10.0.0." + i).allowed()).isTrue();
      throttle.recordFailure("alice@example.com");
      clock.advance(Duration.ofMinutes(1));
    }
    LoginThrottle.Decision refused = throttle.check("ALICE@example.com", "10.9.9.9");
    assertThat(refused.allowed()).isFalse();
    // the first failure was 5 minutes ago: it leaves the 15-minute window in 10 minutes
    assertThat(refused.retryAfterSeconds()).isEqualTo(600);
    assertThat(throttle.check("bob@example.com", "10.9.9.9").allowed()).isTrue();

    clock.advance(Duration.ofMinutes(10));
    assertThat(throttle.check("alice@example.com", "10.9.9.9").allowed()).isTrue();
  }

  @Test
  void successClearsTheAccountsFailures() {
    LoginThrottle throttle = new LoginThrottle(clock, 2, 100, Duration.ofMinutes(15));
    throttle.recordFailure("a@x");
    throttle.recordSuccess("a@x");
    throttle.recordFailure("a@x");
    assertThat(throttle.check("a@x", "ip").allowed()).isTrue();
    throttle.recordFailure("a@x");
    assertThat(throttle.check("a@x", "ip").allowed()).isFalse();
  }

  @Test
  void addressIsLimitedAcrossAccounts() {
    LoginThrottle throttle = new LoginThrottle(clock, 5, 3, Duration.ofMinutes(15));
    for (int i = 0; i < 3; i++) {
      assertThat(throttle.check("user" + i + "@x", "203.0.113.7").allowed()).isTrue();
      throttle.recordAttempt("203.0.113.7");
    }
    LoginThrottle.Decision refused = throttle.check("new@x", "203.0.113.7");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isEqualTo(900);
    assertThat(throttle.check("new@x", "198.51.100.1").allowed()).isTrue();
    clock.advance(Duration.ofMinutes(15));
    assertThat(throttle.check("new@x", "203.0.113.7").allowed()).isTrue();
  }

  /** A team behind one office address signs in many times: successful logins do not count against it. */
  @Test
  void successfulLoginsAreForgivenFailedOnesCount() {
    LoginThrottle throttle = new LoginThrottle(clock, 5, 3, Duration.ofMinutes(15));
    for (int i = 0; i < 50; i++) {
      assertThat(throttle.check("user" + (i % 7) + "@x", "203.0.113.7").allowed()).as("login %d", i).isTrue();
      long at = throttle.recordAttempt("203.0.113.7");
      clock.advance(Duration.ofSeconds(5));
      throttle.recordSuccess("user" + (i % 7) + "@x", "203.0.113.7", at);
    }
    // an attempt in flight counts at once (a burst of parallel guesses meets the limit before any is checked)
    throttle.recordAttempt("203.0.113.7");
    throttle.recordAttempt("203.0.113.7");
    assertThat(throttle.check("user1@x", "203.0.113.7").allowed()).isTrue();
    throttle.recordAttempt("203.0.113.7");
    assertThat(throttle.check("user1@x", "203.0.113.7").allowed()).as("three attempts not forgiven").isFalse();
  }

  /** The forgiving travels to the other nodes of a cluster like the attempt did. */
  @Test
  void aForgivenAttemptIsReplicated() {
    LoginThrottle here = new LoginThrottle(clock, 5, 2, Duration.ofMinutes(15));
    LoginThrottle there = new LoginThrottle(clock, 5, 2, Duration.ofMinutes(15));
    here.replicateTo(there::apply);
    long first = here.recordAttempt("ip");
    here.recordAttempt("ip");
    assertThat(there.check("a@x", "ip").allowed()).isFalse();
    here.recordSuccess("a@x", "ip", first);
    assertThat(there.check("a@x", "ip").allowed()).isTrue();
  }

  @Test
  void refusesNonsenseLimits() {
    assertThatThrownBy(() -> new LoginThrottle(clock, 0, 1, Duration.ofMinutes(1)))
        .hasMessage("login failures per account must be at least 1, got 0");
    assertThatThrownBy(() -> new LoginThrottle(clock, 1, 1, Duration.ZERO)).hasMessageContaining("window");
  }
}
