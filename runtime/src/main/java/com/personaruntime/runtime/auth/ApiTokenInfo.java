package com.personaruntime.runtime.auth;

import java.time.Instant;

/**
 * What may be shown about a bearer token: never the token or its hash.
 *
 * @param id         token id (for revocation)
 * @param name       name the user gave it ({@code login} for login tokens)
 * @param prefix     first characters of the token, to recognise it
 * @param createdAt  when it was created
 * @param lastUsedAt when it last authenticated a request (updated at most once a minute), or {@code null}
 * @param expiresAt  when it expires, or {@code null} for never
 * @param revokedAt  when it was revoked, or {@code null}
 */
public record ApiTokenInfo(String id, String name, String prefix, Instant createdAt, Instant lastUsedAt,
    Instant expiresAt, Instant revokedAt) {

  /** Whether it still authenticates at {@code now}. */
  public boolean activeAt(Instant now) {
    return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
  }
}
