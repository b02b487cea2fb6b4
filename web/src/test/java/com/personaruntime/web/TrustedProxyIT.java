package com.personaruntime.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 8: behind a reverse proxy the operator lists in {@code http.trustedProxies}, per-address limits
 * (here the login throttle) count each client by what the proxy forwards; without that setting (the
 * default) a forged {@code X-Forwarded-For} changes nothing.
 */
class TrustedProxyIT {
  private TestServer s;

  @AfterEach
  void stop() throws Exception {
    if (s != null) {
      s.close();
    }
  }

  private TestServer.Res login(String forwardedFor) {
    return s.call("POST", "/api/v1/auth/login").header("X-Forwarded-For", forwardedFor)
        .json(new JsonObject().put("email", "guess@example.test").put("password", "wrong")).send();
  }

  @Test
  void behindATrustedProxyEachClientHasItsOwnBudget() throws Exception {
    s = TestServer.start("trusted-proxy", Map.of("AUTH_LOGINATTEMPTSPERADDRESS", "3",
        "AUTH_LOGINFAILURESPERACCOUNT", "1000", "HTTP_TRUSTEDPROXIES", "127.0.0.1/32, ::1"));
    for (int i = 0; i < 3; i++) {
      login("198.51.100.1").expectError(401, "invalid_credentials");
    }
    login("198.51.100.1").expectError(429, "rate_limited");
    // another client behind the same proxy is not blocked by the first one
    login("198.51.100.2").expectError(401, "invalid_credentials");
    // a client cannot escape by prepending a forged address: the proxy's appended entry counts
    login("203.0.113.50, 198.51.100.1").expectError(429, "rate_limited");
  }

  @Test
  void withoutTrustedProxiesForgedHeadersAreIgnored() throws Exception {
    s = TestServer.start("untrusted-proxy", Map.of("AUTH_LOGINATTEMPTSPERADDRESS", "3",
        "AUTH_LOGINFAILURESPERACCOUNT", "1000"));
    for (int i = 0; i < 3; i++) {
      login("198.51.100." + i).expectError(401, "invalid_credentials");
    }
    login("198.51.100.99").expectError(429, "rate_limited");
  }
}
