package com.personaruntime.runtime.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of {@link AuthService#login}: credentials on success, or why not. Failures are
 * values, not exceptions. {@link #toString()} never shows the secrets.
 *
 * @param status            outcome
 * @param token             bearer token ({@code OK} only)
 * @param sessionId         console session cookie value ({@code OK} only)
 * @param csrfToken         CSRF token for the session ({@code OK} only)
 * @param principal         the logged-in user ({@code OK} only)
 * @param expiresAt         when the token and session expire ({@code OK} only)
 * @param retryAfterSeconds seconds to wait ({@code RATE_LIMITED} only, else 0)
 */
public record LoginResult(Status status, String token, String sessionId, String csrfToken, Principal principal,
    Instant expiresAt, long retryAfterSeconds) {

  /** Login outcomes. */
  public enum Status {
    /** Logged in. */
    OK,
    /** Unknown e-mail or wrong password (indistinguishable on purpose). */
    INVALID_CREDENTIALS,
    /** Too many attempts; see {@link LoginResult#retryAfterSeconds()}. */
    RATE_LIMITED,
    /** Right password, but the account is disabled. */
    DISABLED
  }

  /** Requires a status. */
  public LoginResult {
    Objects.requireNonNull(status, "status");
  }

  /** Whether the login succeeded. */
  public boolean ok() {
    return status == Status.OK;
  }

  static LoginResult success(String token, String sessionId, String csrfToken, Principal principal, Instant expiresAt) {
    return new LoginResult(Status.OK, token, sessionId, csrfToken, principal, expiresAt, 0);
  }

  static LoginResult failure(Status status) {
    return new LoginResult(status, null, null, null, null, null, 0);
  }

  static LoginResult rateLimited(long retryAfterSeconds) {
    return new LoginResult(Status.RATE_LIMITED, null, null, null, null, null, retryAfterSeconds);
  }

  @Override
  public String toString() {
    return "LoginResult[status=" + status + (principal == null ? "" : ", user=" + principal.email())
        + (status == Status.RATE_LIMITED ? ", retryAfterSeconds=" + retryAfterSeconds : "") + "]";
  }
}
