package com.personaruntime.runtime.auth;

import java.time.Instant;

/**
 * A request authenticated by a bearer token: who, and which token (so that a token minted with
 * it can be bound to it, see {@link AuthService#createApiToken(String, String, Instant, BearerAuth)}).
 *
 * @param principal the token's user
 * @param tokenId   the token's id (never the token itself)
 * @param apiToken  {@code true} for an API token, {@code false} for the login token of a session
 * @param expiresAt when the token expires; {@code null} for a token without expiry
 */
public record BearerAuth(Principal principal, String tokenId, boolean apiToken, Instant expiresAt) {
}
