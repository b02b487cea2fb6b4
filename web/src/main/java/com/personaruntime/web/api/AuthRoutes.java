package com.personaruntime.web.api;

import com.personaruntime.runtime.auth.AuthService;
import com.personaruntime.runtime.auth.Principal;
import com.personaruntime.runtime.storage.BrandRepository;
import java.util.HashMap;
import java.util.Map;
import com.personaruntime.web.http.ApiException;
import com.personaruntime.web.http.Errors;
import com.personaruntime.web.http.Auth;
import com.personaruntime.web.http.Bodies;
import com.personaruntime.web.http.FieldProblems;
import io.vertx.core.http.Cookie;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/** Login, logout, the current user, and API tokens. */
public final class AuthRoutes {
  private final AuthService auth;
  private final boolean secureCookies;
  private final long sessionTtlSeconds;

  private final BrandRepository brands;

  public AuthRoutes(AuthService auth, BrandRepository brands, boolean secureCookies, long sessionTtlSeconds) {
    this.auth = auth;
    this.brands = brands;
    this.secureCookies = secureCookies;
    this.sessionTtlSeconds = sessionTtlSeconds;
  }

  /** Routes that need no authentication. */
  public void mountPublic(Router router) {
    router.post("/api/v1/auth/login").handler(this::login);
  }

  /** Routes behind {@link Auth}. */
  public void mountProtected(Router router) {
    router.post("/api/v1/auth/logout").handler(this::logout);
    router.get("/api/v1/auth/me").handler(this::me);
    router.get("/api/v1/auth/tokens").handler(this::listTokens);
    router.post("/api/v1/auth/tokens").handler(this::createToken);
    router.delete("/api/v1/auth/tokens/:tokenId").handler(this::revokeToken);
  }

  private void login(RoutingContext ctx) {
    // JSON only: a cross-site HTML form can send text/plain, urlencoded or multipart bodies without a
    // preflight, never application/json, so this closes login CSRF (logging a victim into the attacker's account).
    String type = ctx.request().getHeader("Content-Type");
    String mime = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    if (!mime.equals("application/json") && !(mime.startsWith("application/") && mime.endsWith("+json"))) {
      throw new ApiException(415, "unsupported_media_type", "login takes a JSON body with Content-Type: "
          + "application/json, got " + (type == null ? "no Content-Type" : "'" + Errors.cut(type, 100) + "'"));
    }
    JsonObject body = Bodies.object(ctx);
    String email = Bodies.requiredString(body, "email");
    String password = Bodies.requiredString(body, "password");
    String address = com.personaruntime.web.http.ClientAddress.of(ctx);
    auth.login(email, password, address).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      var result = ar.result();
      switch (result.status()) {
        case OK -> {
          ctx.response().addCookie(Auth.sessionCookie(result.sessionId(), secureCookies, sessionTtlSeconds));
          Json.send(ctx, 200, new JsonObject()
              .put("token", result.token())
              .put("csrfToken", result.csrfToken())
              .put("user", Json.principal(result.principal())));
        }
        case RATE_LIMITED -> {
          ctx.response().putHeader("Retry-After", String.valueOf(result.retryAfterSeconds()));
          ctx.fail(new ApiException(429, "rate_limited", "too many login attempts; try again in "
              + result.retryAfterSeconds() + " s"));
        }
        case DISABLED -> ctx.fail(new ApiException(403, "account_disabled", "this account is disabled"));
        default -> ctx.fail(new ApiException(401, "invalid_credentials", "wrong email or password"));
      }
    });
  }

  private void logout(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(Auth.SESSION_COOKIE);
    String header = ctx.request().getHeader("Authorization");
    String bearer = header != null && header.length() > 7 ? header.substring(7).trim() : null;
    auth.logout(cookie == null ? null : cookie.getValue(), bearer).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      ctx.response().addCookie(Cookie.cookie(Auth.SESSION_COOKIE, "").setPath("/").setMaxAge(0));
      ctx.response().setStatusCode(204).end();
    });
  }

  private void me(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    brands.list().onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      JsonObject body = Json.principal(p);
      Map<String, String> slugs = new HashMap<>();
      ar.result().forEach(b -> slugs.put(b.id(), b.slug()));
      body.getJsonArray("memberships").forEach(m -> ((JsonObject) m)
          .put("brand", slugs.get(((JsonObject) m).getString("brandId"))));
      Json.send(ctx, 200, body);
    });
  }

  private void listTokens(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    auth.listApiTokens(p.userId()).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      JsonArray items = new JsonArray();
      ar.result().forEach(t -> items.add(Json.token(t)));
      Json.send(ctx, 200, new JsonObject().put("items", items));
    });
  }

  private void createToken(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    JsonObject body = Bodies.object(ctx);
    // every problem of the body at once (an empty name and a negative expiry: two lines)
    FieldProblems problems = new FieldProblems();
    String name = problems.read(() -> {
      String n = Bodies.requiredString(body, "name");
      if (n.length() > 100) {
        throw ApiException.invalid("name: must be at most 100 characters, got " + n.length());
      }
      return n;
    }, null);
    Instant expiresAt = null;
    Object days = body.getValue("expiresInDays");
    if (days != null) {
      if (!(days instanceof Integer || days instanceof Long) || ((Number) days).longValue() < 1
          || ((Number) days).longValue() > 3650) {
        problems.add("expiresInDays: must be a whole number of days between 1 and 3650, got " + days);
      } else {
        expiresAt = auth.clock().instant().plusSeconds(((Number) days).longValue() * 86400);
      }
    }
    problems.throwIfAny();
    auth.createApiToken(p.userId(), name, expiresAt, Auth.bearer(ctx).orElse(null)).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      var created = ar.result();
      Json.send(ctx, 201, Json.token(created.info()).put("token", created.token()));
    });
  }

  private void revokeToken(RoutingContext ctx) {
    Principal p = Auth.principal(ctx);
    String id = ctx.pathParam("tokenId");
    auth.revokeApiToken(p.userId(), id).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else if (!ar.result()) {
        ctx.fail(ApiException.notFound("token '" + id + "' not found"));
      } else {
        ctx.response().setStatusCode(204).end();
      }
    });
  }
}
