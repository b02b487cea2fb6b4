package com.personaruntime.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.web.TestServer.Res;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Login throttling through HTTP: failures per account (default 5 per 15 minutes) and attempts
 * per client address. Each test gets a fresh server: the throttle is in-memory state.
 */
class LoginRateLimitIT {
  private TestServer s;

  @AfterEach
  void stop() throws Exception {
    if (s != null) {
      s.close();
    }
  }

  private Res login(String email, String password) {
    return s.post("/api/v1/auth/login", null, new JsonObject().put("email", email).put("password", password));
  }

  @Test
  void sixthFailureOnOneAccountIs429WithRetryAfter() throws Exception {
    s = TestServer.start("throttle-account");
    String admin = s.loginAdmin();
    s.addMember(admin, "lumiere", "alice@lumiere.test", "editor");

    for (int i = 1; i <= 5; i++) {
      login("alice@lumiere.test", "wrong-" + i).expectError(401, "invalid_credentials");
    }
    Res limited = login("alice@lumiere.test", "wrong-6").expectError(429, "rate_limited");
    long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 15 * 60L);
    assertThat(limited.message()).contains(String.valueOf(retryAfter));

    // even the right password waits now, whatever the case of the e-mail
    login("ALICE@lumiere.test", TestServer.PASSWORD).expectError(429, "rate_limited");
    // other accounts from the same address are not affected
    s.loginAdmin();
  }

  @Test
  void oneAddressIsLimitedAcrossAccounts() throws Exception {
    s = TestServer.start("throttle-address", Map.of("AUTH_LOGINATTEMPTSPERADDRESS", "8"));
    // a team behind one address signing in again and again is never stopped by its own successful logins
    for (int i = 0; i < 12; i++) {
      login(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD).expect(200);
    }
    int attempts = 0;
    Res r = null;
    // different accounts each time, so only the per-address limit can stop them
    while (attempts < 20) {
      attempts++;
      r = login("guess" + attempts + "@example.test", "wrong");
      if (r.status() != 401) {
        break;
      }
    }
    assertThat(r).isNotNull();
    r.expectError(429, "rate_limited");
    assertThat(attempts).as("attempt refused").isEqualTo(9);
    assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow())).isPositive();
    // the address is blocked for everyone, right password or not
    login(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD).expectError(429, "rate_limited");
  }
}
