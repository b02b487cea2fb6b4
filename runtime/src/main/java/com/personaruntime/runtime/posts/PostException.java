package com.personaruntime.runtime.posts;

/**
 * An expected refusal of a post operation, with the HTTP-independent kind the API maps to a
 * status: {@code FORBIDDEN} (e.g. the author approving their own post), {@code CONFLICT} (the
 * state does not allow it: a blocking finding, a variant not in review), {@code NOT_FOUND}.
 */
public final class PostException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What kind of refusal. */
  public enum Kind { FORBIDDEN, CONFLICT, NOT_FOUND }

  private final Kind kind;

  public PostException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  static PostException forbidden(String m) {
    return new PostException(Kind.FORBIDDEN, m);
  }

  static PostException conflict(String m) {
    return new PostException(Kind.CONFLICT, m);
  }

  static PostException notFound(String m) {
    return new PostException(Kind.NOT_FOUND, m);
  }
}
