package com.personaruntime.runtime.moderation;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * A brand's moderation settings.
 *
 * @param claiming     how claims are used
 * @param slaSeconds   how long a held reply may wait for a decision before the audience gets the closing
 *                     line (1 .. 604800)
 * @param leaseSeconds how long a claim lasts before another moderator may take it over (1 .. 86400)
 */
public record ModerationSettings(ClaimMode claiming, int slaSeconds, int leaseSeconds) {
  /** Largest SLA: one week. */
  public static final int MAX_SLA_SECONDS = 7 * 24 * 3600;
  /** Largest lease: one day. */
  public static final int MAX_LEASE_SECONDS = 24 * 3600;

  /** Validates; messages name the field and the value. */
  public ModerationSettings {
    Objects.requireNonNull(claiming, "claiming");
    if (slaSeconds < 1 || slaSeconds > MAX_SLA_SECONDS) {
      throw new IllegalArgumentException("slaSeconds: must be between 1 and " + MAX_SLA_SECONDS + ", got " + slaSeconds);
    }
    if (leaseSeconds < 1 || leaseSeconds > MAX_LEASE_SECONDS) {
      throw new IllegalArgumentException("leaseSeconds: must be between 1 and " + MAX_LEASE_SECONDS + ", got "
          + leaseSeconds);
    }
  }

  /** As JSON: {@code {"claiming","slaSeconds","leaseSeconds"}}. */
  public JsonObject toJson() {
    return new JsonObject().put("claiming", claiming.wire()).put("slaSeconds", slaSeconds)
        .put("leaseSeconds", leaseSeconds);
  }
}
