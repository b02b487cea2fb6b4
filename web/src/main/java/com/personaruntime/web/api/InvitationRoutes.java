package com.personaruntime.web.api;

import com.personaruntime.runtime.auth.AuthService;
import com.personaruntime.runtime.auth.Invitations;
import com.personaruntime.runtime.auth.Principal;
import com.personaruntime.web.http.ApiException;
import com.personaruntime.web.http.Auth;
import com.personaruntime.web.http.Bodies;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * {@code POST /api/v1/invitations/{token}/accept}: the invitee joins the brand.
 *
 * <ul>
 *   <li>Logged in (bearer token, or the console session with its CSRF header) as the invited e-mail:
 *       no body needed.</li>
 *   <li>Otherwise a JSON body {@code {"password": "...", "name": "..."?}}: when the invited e-mail has no
 *       account yet, one is created with this password (at least
 *       {@value Invitations#MIN_NEW_PASSWORD_LENGTH} characters) and display name; when it has one, this
 *       must be its password (the login throttle applies).</li>
 * </ul>
 *
 * <p>200 {@code {"userId", "brand", "brandName", "role", "email"}} once the membership exists; 404 for an unknown,
 * used, revoked or expired token (alike); 400 naming {@code password} or {@code name}; 401 for a wrong
 * password of an existing account; 403 when logged in as another e-mail or the account is disabled; 429
 * with {@code Retry-After} when throttled. The token is a secret: it is masked in the request log.
 */
public final class InvitationRoutes {
  private final AuthService auth;
  private final Invitations invitations;

  public InvitationRoutes(AuthService auth, Invitations invitations) {
    this.auth = auth;
    this.invitations = invitations;
  }

  /** Mounts the route; it is public (the invitee may have no account yet), credentials optional. */
  public void mountPublic(Router router) {
    String path = "/api/v1/invitations/:token/accept";
    Auth authenticate = new Auth(auth);
    router.post(path).handler(ctx -> {
      boolean credentials = ctx.request().getHeader("Authorization") != null
          || ctx.request().getCookie(Auth.SESSION_COOKIE) != null;
      if (credentials) {
        authenticate.handle(ctx); // 401 for bad credentials, 403 for a session without its CSRF header
      } else {
        ctx.next();
      }
    });
    router.post(path).handler(BodyHandler.create(false).setBodyLimit(16 * 1024));
    router.post(path).handler(this::accept);
  }

  private void accept(RoutingContext ctx) {
    String token = ctx.pathParam("token");
    Principal p = Auth.optionalPrincipal(ctx).orElse(null);
    Future<Invitations.Acceptance> result;
    if (p != null) {
      result = invitations.acceptAs(token, p.userId(), p.email());
    } else {
      JsonObject body = ctx.body().length() == 0 ? new JsonObject() : Bodies.object(ctx);
      String password = Bodies.optionalString(body, "password");
      String name = Bodies.optionalString(body, "name");
      if (password == null || password.isEmpty()) {
        throw ApiException.invalid("password: required unless you are logged in as the invited e-mail: "
            + "for a new account choose one (at least " + Invitations.MIN_NEW_PASSWORD_LENGTH
            + " characters); for an existing account give its password");
      }
      if (password.length() > 1000) {
        throw ApiException.invalid("password: must be at most 1000 characters, got " + password.length());
      }
      if (name != null && name.strip().length() > 200) {
        throw ApiException.invalid("name: must be at most 200 characters, got " + name.strip().length());
      }
      String address = com.personaruntime.web.http.ClientAddress.of(ctx);
      result = invitations.acceptWithPassword(token, password, name, address);
    }
    result.onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      Invitations.Acceptance a = ar.result();
      switch (a.outcome()) {
        case ACCEPTED -> {
          var inv = a.opened().invitation();
          Json.send(ctx, 200, new JsonObject()
              .put("userId", a.userId())
              .put("brand", a.opened().brandSlug())
              .put("brandName", a.opened().brandName())
              .put("role", inv.role().wireName())
              .put("email", inv.email()));
        }
        case INVALID_TOKEN -> ctx.fail(ApiException.notFound(
            "invitation not found: the link is wrong, already used, revoked or expired; ask the brand owner for a new one"));
        case WRONG_ACCOUNT -> ctx.fail(ApiException.forbidden("you are logged in as another e-mail than the one "
            + "invited: accept without logging in (give the invited account's password), or log in as it"));
        case PASSWORD_REQUIRED -> ctx.fail(ApiException.invalid("password: required"));
        case PASSWORD_TOO_SHORT -> ctx.fail(ApiException.invalid("password: must be at least "
            + Invitations.MIN_NEW_PASSWORD_LENGTH + " characters for a new account"));
        case INVALID_CREDENTIALS -> ctx.fail(new ApiException(401, "invalid_credentials",
            "password: not the password of the invited e-mail's account"));
        case RATE_LIMITED -> {
          ctx.response().putHeader("Retry-After", String.valueOf(a.retryAfterSeconds()));
          ctx.fail(new ApiException(429, "rate_limited", "too many password attempts; try again in "
              + a.retryAfterSeconds() + " s"));
        }
        case DISABLED -> ctx.fail(new ApiException(403, "account_disabled", "this account is disabled"));
        default -> ctx.fail(new IllegalStateException("unexpected outcome " + a.outcome()));
      }
    });
  }
}
