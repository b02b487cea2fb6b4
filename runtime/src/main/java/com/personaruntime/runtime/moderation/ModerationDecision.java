package com.personaruntime.runtime.moderation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A moderator's act on an item ("decision"; the guardrails' allow/rewrite/flag/block is a
 * "verdict"). Which decisions apply depends on the {@link ItemKind}.
 */
public enum ModerationDecision {
  /** Release the reply as written. */
  APPROVE(ItemStatus.APPROVED),
  /** Release the moderator's text instead (re-checked by the persona's guard; refused when it does not pass). */
  EDIT(ItemStatus.EDITED),
  /** Withhold the reply; the audience gets an in-persona closing line. */
  REJECT(ItemStatus.REJECTED),
  /** A refused input needs nothing more. */
  DISMISS(ItemStatus.DISMISSED),
  /** A refused input was rightly refused. */
  CONFIRM_BLOCK(ItemStatus.BLOCK_CONFIRMED),
  /** A refused input goes to the model after all; the persona's guarded answer is released to the asker. */
  LET_THROUGH(ItemStatus.LET_THROUGH);

  private final ItemStatus status;

  ModerationDecision(ItemStatus status) {
    this.status = status;
  }

  /** The final status this decision leads to. */
  public ItemStatus status() {
    return status;
  }

  /** The name on the wire ({@code approve}, {@code confirm_block}, ...). */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The decision with this wire name; IllegalArgumentException naming the allowed names otherwise. */
  public static ModerationDecision of(String wire) {
    for (ModerationDecision d : values()) {
      if (d.wire().equals(wire)) {
        return d;
      }
    }
    throw new IllegalArgumentException("decision: must be one of " + names() + ", got '" + wire + "'");
  }

  /** Every wire name. */
  public static List<String> names() {
    return Arrays.stream(values()).map(ModerationDecision::wire).toList();
  }

  @Override
  public String toString() {
    return wire();
  }
}
