package com.personaruntime.runtime.insights;

import java.util.Locale;

/** The polarity of one audience message. */
public enum Sentiment {
  POSITIVE, NEGATIVE, NEUTRAL;

  /** The stored and wire name: {@code positive}, {@code negative}, {@code neutral}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a wire name, case-insensitively.
   *
   * @throws IllegalArgumentException naming the value and the allowed ones
   */
  public static Sentiment fromWire(String value) {
    if (value != null) {
      for (Sentiment s : values()) {
        if (s.wire().equalsIgnoreCase(value.strip())) {
          return s;
        }
      }
    }
    throw new IllegalArgumentException("sentiment must be one of positive, negative, neutral, got " + value);
  }
}
