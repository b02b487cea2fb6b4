package com.personaruntime.guardrails;

import java.util.Locale;

/**
 * The outcome of a check, ordered by severity: {@code ALLOW < REWRITE < FLAG < BLOCK}.
 * The decision of a verdict is the most severe {@link Action} among its findings.
 * The wire form (JSON) is the lower-case name, see {@link #wire()}.
 */
public enum Decision {
  /** Nothing to do: the text may be released as is. */
  ALLOW,
  /** The text was changed (redaction, label insertion); release the verdict's text. */
  REWRITE,
  /** Do not release; send to a human moderator. */
  FLAG,
  /** Do not release. */
  BLOCK;

  /** @return the lower-case wire form, e.g. {@code "block"} */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses the wire form (case-insensitive).
   *
   * @throws IllegalArgumentException naming the value when it is not a decision
   */
  public static Decision fromWire(String value) {
    for (Decision d : values()) {
      if (d.name().equalsIgnoreCase(value)) {
        return d;
      }
    }
    throw new IllegalArgumentException("decision: unknown value '" + value + "', expected one of allow, rewrite, flag, block");
  }

  /** @return the decision an action leads to */
  public static Decision of(Action action) {
    return values()[action.ordinal()];
  }

  /** @return the more severe of this and {@code other} */
  public Decision max(Decision other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
