package com.personaruntime.web.http;

/**
 * A failure with a status and a stable machine-readable code that the failure handler turns
 * into {@code {"error":{"code","message"}}}. The message is shown to the client, so it never
 * carries secrets or internals.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String code;

  public ApiException(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "bad_request", message);
  }

  public static ApiException invalid(String message) {
    return new ApiException(400, "invalid", message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message);
  }

  public static ApiException forbidden(String message) {
    return new ApiException(403, "forbidden", message);
  }

  public static ApiException unauthorized() {
    return new ApiException(401, "unauthorized", "authentication required: send 'Authorization: Bearer <token>' "
        + "or log in at POST /api/v1/auth/login");
  }

  public static ApiException conflict(String message) {
    return new ApiException(409, "conflict", message);
  }
}
