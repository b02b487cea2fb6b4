package com.personaruntime.runtime.posts;

import java.util.Collection;
import java.util.Locale;

/**
 * The status of a post, derived from its variants: the variants' status when they agree;
 * {@code partially_published} when some were published and others failed; otherwise the least
 * advanced status among the variants still in play (rejected and cancelled ones aside).
 */
public enum PostStatus {
  DRAFT, IN_REVIEW, APPROVED, SCHEDULED, PUBLISHING, PUBLISHED, PARTIALLY_PUBLISHED, FAILED, REJECTED, CANCELLED;

  /** The wire form, e.g. {@code partially_published}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the wire form; {@link IllegalArgumentException} names the allowed values. */
  public static PostStatus fromWire(String s) {
    for (PostStatus v : values()) {
      if (v.wire().equals(s)) {
        return v;
      }
    }
    StringBuilder allowed = new StringBuilder();
    for (PostStatus v : values()) {
      allowed.append(allowed.length() == 0 ? "" : ", ").append(v.wire());
    }
    throw new IllegalArgumentException("status: must be one of " + allowed + ", got '" + s + "'");
  }

  /** The post's status from its variants' statuses. */
  public static PostStatus of(Collection<VariantStatus> variants) {
    if (variants.isEmpty()) {
      return DRAFT;
    }
    long published = variants.stream().filter(v -> v == VariantStatus.PUBLISHED).count();
    long failed = variants.stream().filter(v -> v == VariantStatus.FAILED).count();
    if (variants.stream().anyMatch(v -> v == VariantStatus.PUBLISHING)) {
      return PUBLISHING;
    }
    if (published > 0 && failed > 0) {
      return PARTIALLY_PUBLISHED;
    }
    VariantStatus[] order = {VariantStatus.DRAFT, VariantStatus.IN_REVIEW, VariantStatus.APPROVED,
        VariantStatus.SCHEDULED, VariantStatus.PUBLISHED, VariantStatus.FAILED};
    for (VariantStatus s : order) {
      if (variants.contains(s)) {
        if (s == VariantStatus.PUBLISHED && variants.contains(VariantStatus.SCHEDULED)) {
          return PUBLISHING;
        }
        return valueOf(s.name());
      }
    }
    return variants.contains(VariantStatus.REJECTED) ? REJECTED : CANCELLED;
  }
}
