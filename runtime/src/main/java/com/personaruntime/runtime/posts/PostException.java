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
  private final String code;
  private final transient Object[] args;

  public PostException(Kind kind, String message) {
    this(kind, message, null);
  }

  private PostException(Kind kind, String message, String code, Object... args) {
    super(message, null, false, false);
    this.kind = kind;
    this.code = code;
    this.args = args == null ? new Object[0] : args.clone();
  }

  public Kind kind() {
    return kind;
  }

  /**
   * A stable name of this refusal for user interfaces that say it in their own language (the console's
   * {@code posts.refusal.<code>} texts), e.g. {@code authorApproves}, {@code blocking}, {@code noChannel},
   * {@code needsApproval}; {@code null} when there is none (then the English {@link #getMessage()} is shown).
   */
  public String code() {
    return code;
  }

  /** The refusal's arguments for {@link #code()}'s text (e.g. the platform); never null. */
  public Object[] args() {
    return args.clone();
  }

  /** This refusal with a {@link #code()} and its arguments; message and kind unchanged. */
  PostException coded(String newCode, Object... newArgs) {
    return new PostException(kind, getMessage(), newCode, newArgs);
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
