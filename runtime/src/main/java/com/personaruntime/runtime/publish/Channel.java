package com.personaruntime.runtime.publish;

import java.time.Instant;

/**
 * A brand's delivery endpoint for posts (a Standard Webhooks receiver).
 *
 * @param id             channel id
 * @param brandId        owning brand
 * @param platform       the platform whose variants it receives, or {@code *} for every platform
 * @param url            the absolute http(s) URL posts are delivered to
 * @param secret         the {@code whsec_} signing secret (only shown once to the brand)
 * @param status         {@code active}, {@code disabled} (the receiver answered 410) or {@code deleted}
 * @param disabledReason why it was disabled, or {@code null}
 * @param createdAt      when it was added
 */
public record Channel(String id, String brandId, String platform, String url, String secret, String status,
                      String disabledReason, Instant createdAt) {
  /** Whether this channel receives variants of the platform. */
  public boolean receives(String variantPlatform) {
    return status.equals("active") && (platform.equals("*") || platform.equals(variantPlatform));
  }

  @Override
  public String toString() {
    return "Channel[" + id + ", " + platform + ", " + url + ", " + status + "]";
  }
}
