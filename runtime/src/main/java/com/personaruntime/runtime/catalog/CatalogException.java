package com.personaruntime.runtime.catalog;

import java.util.List;

/**
 * An expected rejection from the catalog: the HTTP face maps {@link Kind} to a status. A
 * persona of another brand is reported as {@link Kind#NOT_FOUND}, never as forbidden, so its
 * existence does not leak.
 */
public final class CatalogException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, from the caller's point of view. */
  public enum Kind { NOT_FOUND, INVALID, CONFLICT, FORBIDDEN }

  private final Kind kind;
  private final transient List<String> problems;

  public CatalogException(Kind kind, String message) {
    this(kind, message, List.of());
  }

  public CatalogException(Kind kind, String message, List<String> problems) {
    super(message, null, false, false);
    this.kind = kind;
    this.problems = List.copyOf(problems);
  }

  public Kind kind() {
    return kind;
  }

  /** Field problems, each "source: path: message" (for INVALID). */
  public List<String> problems() {
    return problems;
  }

  static CatalogException notFound(String idOrSlug) {
    return new CatalogException(Kind.NOT_FOUND, "persona '" + idOrSlug + "' not found");
  }
}
