package com.personaruntime.guardrails;

import java.util.Locale;

/** How serious a finding is, for moderators and metrics (independent of the {@link Action}). */
public enum Severity {
  INFO, LOW, MEDIUM, HIGH, CRITICAL;

  /** @return the lower-case wire form */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
