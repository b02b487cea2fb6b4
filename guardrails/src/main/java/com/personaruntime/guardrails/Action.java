package com.personaruntime.guardrails;

import java.util.Locale;

/**
 * What a rule does when it matches, ordered by severity. A {@code REWRITE} finding's
 * {@link Finding#fix() fix} is applied to the text; {@code FLAG} sends it to moderation;
 * {@code BLOCK} stops it. {@code ALLOW} records the finding without consequence.
 */
public enum Action {
  ALLOW, REWRITE, FLAG, BLOCK;

  /** @return the lower-case wire form */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
