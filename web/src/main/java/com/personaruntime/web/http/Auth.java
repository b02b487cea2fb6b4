package com.personaruntime.web.http;

import com.personaruntime.runtime.auth.AuthService;
import com.personaruntime.runtime.auth.BearerAuth;
import com.personaruntime.runtime.auth.Principal;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Authenticates API and console requests: {@code Authorization: Bearer <token>} or the console
 * session cookie. Requests authenticated by cookie that change state must echo the session's
 * CSRF token in {@code X-CSRF-Token} (the cookie is SameSite=Strict as well). Unauthenticated
 * requests fail with 401 before any route runs.
 */
public final class Auth implements Handler<RoutingContext> {
  public static final String SESSION_COOKIE = "prt_session";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  private static final String PRINCIPAL = "principal";
  private static final String BEARER = "bearerAuth";

  private final AuthService auth;

  public Auth(AuthService auth) {
    this.auth = auth;
  }

  /**
   * The console session cookie set at login (API and console form alike): HttpOnly,
   * SameSite=Strict, path {@code /}, Secure when {@code http.secureCookies} is on.
   */
  public static Cookie sessionCookie(String sessionId, boolean secure, long maxAgeSeconds) {
    return Cookie.cookie(SESSION_COOKIE, sessionId)
        .setHttpOnly(true)
        .setSecure(secure)
        .setSameSite(io.vertx.core.http.CookieSameSite.STRICT)
        .setPath("/")
        .setMaxAge(maxAgeSeconds);
  }

  /** The principal of an authenticated request. */
  public static Principal principal(RoutingContext ctx) {
    Principal p = ctx.get(PRINCIPAL);
    if (p == null) {
      throw ApiException.unauthorized();
    }
    return p;
  }

  /** The principal of a request on a route where credentials are optional; empty when none were sent. */
  public static Optional<Principal> optionalPrincipal(RoutingContext ctx) {
    return Optional.ofNullable(ctx.get(PRINCIPAL));
  }

  /** The bearer token that authenticated the request; empty for a console session. */
  public static Optional<BearerAuth> bearer(RoutingContext ctx) {
    return Optional.ofNullable(ctx.get(BEARER));
  }

  @Override
  public void handle(RoutingContext ctx) {
    // The body is read after authentication (BodyHandler follows): hold it while we look up.
    ctx.request().pause();
    String header = ctx.request().getHeader("Authorization");
    if (header != null) {
      if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
        fail(ctx);
        return;
      }
      auth.authenticateBearerToken(header.substring(7).trim()).onComplete(ar -> {
        if (ar.failed()) {
          ctx.fail(ar.cause());
        } else if (ar.result().isEmpty()) {
          fail(ctx);
        } else {
          ctx.put(BEARER, ar.result().get());
          ctx.put(PRINCIPAL, ar.result().get().principal());
          ctx.next();
        }
      });
      return;
    }
    Cookie cookie = ctx.request().getCookie(SESSION_COOKIE);
    if (cookie == null || cookie.getValue().isBlank()) {
      fail(ctx);
      return;
    }
    auth.authenticateSession(cookie.getValue()).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      if (ar.result().isEmpty()) {
        fail(ctx);
        return;
      }
      var session = ar.result().get();
      HttpMethod m = ctx.request().method();
      boolean safe = m == HttpMethod.GET || m == HttpMethod.HEAD || m == HttpMethod.OPTIONS;
      if (!safe) {
        String sent = ctx.request().getHeader(CSRF_HEADER);
        if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
            session.csrfToken().getBytes(StandardCharsets.UTF_8))) {
          ctx.fail(new ApiException(403, "csrf", "missing or wrong " + CSRF_HEADER
              + " header: requests authenticated by the session cookie must echo the CSRF token from login"));
          return;
        }
      }
      ctx.put(PRINCIPAL, session.principal());
      ctx.next();
    });
  }

  private static void fail(RoutingContext ctx) {
    ctx.response().putHeader("WWW-Authenticate", "Bearer");
    ctx.fail(ApiException.unauthorized());
  }
}
