package com.personaruntime.runtime.moderation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How a brand uses claims (REFERENCE.md "Moderation queues people trust": Discourse offers
 * claiming disabled / optional / required).
 */
public enum ClaimMode {
  /** No claims: any moderator decides any pending item; claiming answers a conflict. */
  OFF,
  /** Claims signal who is working on an item; open items and lapsed claims may be decided by anyone. */
  OPTIONAL,
  /** Only the holder of a live claim may decide an item. */
  REQUIRED;

  /** The name on the wire and in the database. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode with this wire name; IllegalArgumentException naming the allowed names otherwise. */
  public static ClaimMode of(String wire) {
    for (ClaimMode m : values()) {
      if (m.wire().equals(wire)) {
        return m;
      }
    }
    throw new IllegalArgumentException("claiming: must be one of " + names() + ", got '" + wire + "'");
  }

  /** Every wire name. */
  public static List<String> names() {
    return Arrays.stream(values()).map(ClaimMode::wire).toList();
  }
}
