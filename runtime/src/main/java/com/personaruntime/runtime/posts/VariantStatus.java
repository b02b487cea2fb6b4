package com.personaruntime.runtime.posts;

import java.util.Locale;

/**
 * The lifecycle of one platform variant (REFERENCE.md "Post workflows people trust"):
 * {@code draft -> in_review -> approved -> scheduled -> publishing -> published}, or
 * {@code rejected}, {@code failed} (delivery gave up: dead letter), {@code cancelled}.
 * A draft with a blocking finding stays {@code draft} until edited.
 */
public enum VariantStatus {
  DRAFT, IN_REVIEW, APPROVED, REJECTED, SCHEDULED, PUBLISHING, PUBLISHED, FAILED, CANCELLED;

  /** The wire form, e.g. {@code in_review}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the wire form. */
  public static VariantStatus fromWire(String s) {
    for (VariantStatus v : values()) {
      if (v.wire().equals(s)) {
        return v;
      }
    }
    throw new IllegalArgumentException("status: unknown '" + s + "'");
  }

  /** Whether the text may still be edited (not yet on its way out, not final). */
  public boolean editable() {
    return this == DRAFT || this == IN_REVIEW || this == APPROVED || this == REJECTED;
  }
}
