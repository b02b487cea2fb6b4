package com.personaruntime.runtime.auth;

/**
 * A newly created API token. The plain {@link #token()} exists only here: show it once.
 *
 * @param info  the stored description
 * @param token the bearer token ({@code prt_...})
 */
public record CreatedToken(ApiTokenInfo info, String token) {

  @Override
  public String toString() {
    return "CreatedToken[info=" + info + "]";
  }
}
