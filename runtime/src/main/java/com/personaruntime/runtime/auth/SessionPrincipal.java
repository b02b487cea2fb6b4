package com.personaruntime.runtime.auth;

import java.time.Instant;

/**
 * A console session: who it belongs to and the CSRF token that state-changing requests made
 * with the session cookie must echo.
 *
 * @param principal the user
 * @param csrfToken the session's CSRF token
 * @param expiresAt when the session ends
 */
public record SessionPrincipal(Principal principal, String csrfToken, Instant expiresAt) {

  @Override
  public String toString() {
    return "SessionPrincipal[principal=" + principal + ", expiresAt=" + expiresAt + "]";
  }
}
