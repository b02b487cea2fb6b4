package com.personaruntime.runtime.moderation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where a moderation item is in its workflow. {@link #OPEN} and {@link #CLAIMED} are pending;
 * every other status is final and is reached by exactly one {@link ModerationDecision} (or, for
 * {@link #EXPIRED}, by the brand's SLA running out on a held reply).
 */
public enum ItemStatus {
  /** Waiting for a moderator. */
  OPEN,
  /** A moderator holds a lease on it (see {@code claim_expires_at}); others may take it over once it lapses. */
  CLAIMED,
  /** Reply released as the model wrote it. */
  APPROVED,
  /** Reply released as the moderator rewrote it. */
  EDITED,
  /** Reply withheld; the audience got the persona's closing line. */
  REJECTED,
  /** Held reply nobody decided within the brand's SLA; the audience got the closing line. */
  EXPIRED,
  /** Refused input: nothing to do. */
  DISMISSED,
  /** Refused input: the block was right (an attack or abuse). */
  BLOCK_CONFIRMED,
  /** Refused input: the persona answered it after all. */
  LET_THROUGH;

  /** The name on the wire and in the database ({@code open}, {@code block_confirmed}, ...). */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the item still waits for a decision. */
  public boolean pending() {
    return this == OPEN || this == CLAIMED;
  }

  /** The status with this wire name; IllegalArgumentException naming the allowed names otherwise. */
  public static ItemStatus of(String wire) {
    for (ItemStatus s : values()) {
      if (s.wire().equals(wire)) {
        return s;
      }
    }
    throw new IllegalArgumentException("status: must be one of " + names() + ", got '" + wire + "'");
  }

  /** Every wire name. */
  public static List<String> names() {
    return Arrays.stream(values()).map(ItemStatus::wire).toList();
  }

  @Override
  public String toString() {
    return wire();
  }
}
