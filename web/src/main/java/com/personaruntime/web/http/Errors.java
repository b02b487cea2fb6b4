package com.personaruntime.web.http;

import com.personaruntime.runtime.storage.ConflictException;
import com.personaruntime.runtime.storage.NotFoundException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure into a JSON error body; unexpected ones are logged, never shown. */
public final class Errors {
  private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

  private Errors() {
  }

  /** Failure handler for the router. */
  public static void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (ctx.response().headWritten()) {
      if (failure != null) {
        LOG.warn("failure after response started: {} {}", ctx.request().method(),
            RequestLog.redacted(ctx.request().path()), failure);
      }
      ctx.response().reset();
      return;
    }
    if (failure instanceof ApiException e) {
      send(ctx, e.status(), e.code(), e.getMessage(), null);
    } else if (failure instanceof ValidationFailure v) {
      send(ctx, 400, "invalid", v.getMessage(), v.problems());
    } else if (failure instanceof ConflictException c) {
      // a write lost a race or hit a taken unique value; the storage message names the value
      send(ctx, 409, "conflict", c.getMessage(), null);
    } else if (failure instanceof NotFoundException) {
      // the record went away between lookup and write; its storage message carries internal ids
      send(ctx, 404, "not_found", "no such resource: " + RequestLog.redacted(ctx.request().path()), null);
    } else if (failure instanceof DecodeException) {
      send(ctx, 400, "bad_json", "request body is not valid JSON", null);
    } else if (failure instanceof HttpException h) {
      byStatus(ctx, h.getStatusCode(), h.getPayload(), failure);
    } else {
      byStatus(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : 500, null, failure);
    }
  }

  /** A failure known only by its HTTP status (router 404/405, body limit 413, unexpected 500). */
  private static void byStatus(RoutingContext ctx, int status, String payload, Throwable failure) {
    if (status >= 500) {
      LOG.error("request failed: {} {}", ctx.request().method(), RequestLog.redacted(ctx.request().path()), failure);
      send(ctx, 500, "internal", "internal error; the server log has the details", null);
      return;
    }
    String code = switch (status) {
      case 413 -> "body_too_large";
      case 415 -> "unsupported_media_type";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      default -> "bad_request";
    };
    String message = switch (status) {
      case 413 -> "request body is larger than the limit (http.maxBodyBytes)";
      case 404 -> "no such resource: " + RequestLog.redacted(ctx.request().path());
      case 405 -> "method " + ctx.request().method() + " not allowed on " + RequestLog.redacted(ctx.request().path());
      default -> payload != null ? payload : statusText(status);
    };
    send(ctx, status, code, message, null);
  }

  /** At most {@value #MAX_PROBLEMS} lines of at most {@value #MAX_TEXT} characters, then "and K more". */
  static JsonArray bounded(JsonArray problems) {
    JsonArray out = new JsonArray();
    int n = problems.size();
    for (int i = 0; i < Math.min(n, MAX_PROBLEMS); i++) {
      out.add(cut(String.valueOf(problems.getValue(i)), MAX_TEXT));
    }
    if (n > MAX_PROBLEMS) {
      out.add("and " + (n - MAX_PROBLEMS) + " more");
    }
    return out;
  }

  /** {@code text} cut to {@code max} characters (never inside a surrogate pair), marked with "…". */
  public static String cut(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 2)) ? max - 2 : max - 1;
    return text.substring(0, end) + "…";
  }

  private static String statusText(int status) {
    return "request failed with status " + status;
  }

  /**
   * The router's failure handler ({@link #handle}) that also tells a wrong method from an unknown path:
   * when the router (or a catch-all) answers 404 or 405 for a path that routes serve with other methods,
   * the answer is 405 with the {@code Allow} header listing those methods (RFC 9110 section 15.5.6: a 405
   * response must carry {@code Allow}). Routes are matched by their path template: {@code :name} stands
   * for one non-empty segment, a prefix route ({@code /static/*}) for any rest; routes without methods
   * (filters such as authentication) and pure regex routes are not counted. A handler's own "not found"
   * (an {@link ApiException} or a 404 for a method the path does serve) stays a 404.
   *
   * @param router the router whose routes are read
   * @return a handler for {@code router.route().failureHandler(...)} and {@code router.errorHandler(...)}
   */
  public static io.vertx.core.Handler<RoutingContext> failureHandler(io.vertx.ext.web.Router router) {
    return ctx -> {
      int status = ctx.failure() instanceof HttpException h ? h.getStatusCode()
          : ctx.failure() == null ? ctx.statusCode() : -1;
      if ((status == 404 || status == 405) && !ctx.response().headWritten()) {
        java.util.TreeSet<String> allowed = allowedMethods(router, ctx.request().path());
        if (!allowed.isEmpty() && !allowed.contains(ctx.request().method().name())) {
          ctx.response().putHeader("allow", String.join(", ", allowed));
          byStatus(ctx, 405, null, ctx.failure());
          return;
        }
      }
      handle(ctx);
    };
  }

  /** The methods the router's routes serve {@code path} with (HEAD wherever GET is), sorted; empty if none. */
  static java.util.TreeSet<String> allowedMethods(io.vertx.ext.web.Router router, String path) {
    java.util.TreeSet<String> allowed = new java.util.TreeSet<>();
    for (io.vertx.ext.web.Route route : router.getRoutes()) {
      String template = route.getPath();
      if (route.methods() != null && !route.methods().isEmpty() && template != null
          && (route.isExactPath() ? templateMatches(template, path) : path.startsWith(template))) {
        route.methods().forEach(m -> allowed.add(m.name()));
      }
    }
    if (allowed.contains("GET")) {
      allowed.add("HEAD");
    }
    return allowed;
  }

  /** Whether a route's path template ({@code /a/:b/c}, {@code /a/*}) matches a request path, segment by segment. */
  static boolean templateMatches(String template, String path) {
    String[] t = template.split("/", -1);
    String[] p = path.split("/", -1);
    for (int i = 0; i < t.length; i++) {
      if (t[i].equals("*") && i == t.length - 1) {
        return true;
      }
      if (i >= p.length) {
        return false;
      }
      if (t[i].startsWith(":") ? p[i].isEmpty() : !t[i].equals(p[i])) {
        return false;
      }
    }
    return t.length == p.length;
  }

  /** At most this many problems are listed; the rest are counted ("and K more"). */
  public static final int MAX_PROBLEMS = 20;
  /** Longest problem line or message, in characters; longer ones are cut with "…". */
  public static final int MAX_TEXT = 500;

  /**
   * Writes {@code {"error":{"code","message"[,"problems"]}}}, bounded whatever the input was: at most
   * {@value #MAX_PROBLEMS} problems, then one line {@code "and K more"}; every message and problem cut at
   * {@value #MAX_TEXT} characters. A 1 MiB document with thousands of problems answers a few kilobytes.
   * Validation messages are worded in Vietnamese when the request's {@code Accept-Language} prefers it
   * ({@link ApiMessages}); the code and the field paths stay as they are.
   */
  public static void send(RoutingContext ctx, int status, String code, String message, JsonArray problems) {
    // validation messages in the caller's language (the console sends its own): see ApiMessages
    String lang = ApiMessages.language(ctx.request().getHeader("accept-language"));
    JsonArray shown = problems;
    if (problems != null && "vi".equals(lang)) {
      shown = new JsonArray();
      for (Object p : problems) {
        shown.add(ApiMessages.localise(String.valueOf(p), lang));
      }
    }
    String text = problems != null && "vi".equals(lang) && !problems.isEmpty()
        ? problems.size() + " lỗi: " + String.join("; ", shown.stream().map(String::valueOf).toList())
        : ApiMessages.localise(message, lang);
    JsonObject error = new JsonObject().put("code", code).put("message", cut(text, 2 * MAX_TEXT));
    if (shown != null) {
      error.put("problems", bounded(shown));
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json; charset=utf-8")
        .end(new JsonObject().put("error", error).encode());
  }
}
