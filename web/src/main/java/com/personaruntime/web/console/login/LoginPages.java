package com.personaruntime.web.console.login;

import com.personaruntime.runtime.auth.AuthService;
import com.personaruntime.web.console.Console;
import com.personaruntime.web.console.ConsolePage;
import com.personaruntime.web.console.ConsoleRequest;
import com.personaruntime.web.console.ConsoleRoutes;
import com.personaruntime.web.http.ApiException;
import com.personaruntime.web.http.Auth;
import io.vertx.core.http.Cookie;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code GET/POST /console/login} (form fields {@code email}, {@code password}, {@code next}) and
 * {@code POST /console/logout}. A successful login sets the same session cookie as
 * {@code POST /api/v1/auth/login} and goes to {@code next} (a console path) or the persona list;
 * a failed one shows the form again with the e-mail kept and a message that does not say
 * whether the account exists. Cross-site login posts (an {@code Origin} of another host) are
 * refused.
 */
public final class LoginPages implements ConsolePage {
  private final AuthService auth;
  private final Console.Options options;

  public LoginPages(AuthService auth, Console.Options options) {
    this.auth = auth;
    this.options = options;
  }

  @Override
  public String area() {
    return "login";
  }

  @Override
  public void mount(ConsoleRoutes routes) {
    routes.publicGet("/login", this::form);
    routes.publicPost("/login", this::login);
    routes.post("/logout", this::logout);
  }

  private void form(ConsoleRequest req) {
    Map<String, Object> model = new HashMap<>();
    model.put("email", "");
    model.put("next", Console.safeNext(req.query("next")));
    model.put("error", "1".equals(req.query("expired")) ? req.t("login.expired") : "");
    model.put("notice", "1".equals(req.query("out")) ? req.t("login.loggedOut") : "");
    req.render("login/login.ftlh", model);
  }

  private void login(ConsoleRequest req) {
    if (!sameOrigin(req)) {
      throw new ApiException(403, "forbidden", "login form posted from another site");
    }
    String email = req.form("email") == null ? "" : req.form("email").strip();
    String password = req.form("password") == null ? "" : req.form("password");
    String next = Console.safeNext(req.form("next"));
    auth.login(email, password, com.personaruntime.web.http.ClientAddress.of(req.ctx())).onComplete(ar -> {
      if (ar.failed()) {
        req.fail(ar.cause());
        return;
      }
      var result = ar.result();
      switch (result.status()) {
        case OK -> {
          req.ctx().response().addCookie(Auth.sessionCookie(result.sessionId(), options.secureCookies(),
              options.sessionTtlSeconds()));
          req.redirect(next);
        }
        case RATE_LIMITED -> again(req, email, next, rateLimited(req, result.retryAfterSeconds()));
        case DISABLED -> again(req, email, next, req.t("login.disabled"));
        default -> again(req, email, next, req.t("login.invalid"));
      }
    });
  }

  /**
   * The form again with the message. Status 200, as for any re-shown form: browsers log a 4xx
   * page load as a console error, and the page itself says what went wrong.
   */
  /**
   * "Too many attempts. Try again in …" with the wait in words of the console's language: seconds
   * under 90 s ("1 second", "45 seconds"), else whole minutes rounded up ("15 minutes"), never "900 seconds".
   *
   * @param seconds the wait the throttle asks for, in seconds (at least 1 is shown)
   */
  public static String rateLimited(ConsoleRequest req, long seconds) {
    return rateLimited(req.messages(), req.lang(), seconds);
  }

  /** As {@link #rateLimited(ConsoleRequest, long)}, in the given language ("vi" or "en"). */
  public static String rateLimited(com.personaruntime.web.console.Messages messages, String lang, long seconds) {
    long s = Math.max(1, seconds);
    String wait;
    if (s < 90) {
      wait = s == 1 ? messages.text(lang, "login.wait.second") : messages.text(lang, "login.wait.seconds", s);
    } else {
      long minutes = (s + 59) / 60;
      wait = messages.text(lang, "login.wait.minutes", minutes);
    }
    return messages.text(lang, "login.rateLimited", wait);
  }

  private static void again(ConsoleRequest req, String email, String next, String error) {
    Map<String, Object> model = new HashMap<>();
    model.put("email", email);
    model.put("next", next);
    model.put("error", error);
    model.put("notice", "");
    req.render("login/login.ftlh", model);
  }

  private void logout(ConsoleRequest req) {
    Cookie cookie = req.ctx().request().getCookie(Auth.SESSION_COOKIE);
    auth.logout(cookie == null ? null : cookie.getValue(), null).onComplete(ar -> {
      if (ar.failed()) {
        req.fail(ar.cause());
        return;
      }
      req.ctx().response().addCookie(Cookie.cookie(Auth.SESSION_COOKIE, "").setPath("/").setMaxAge(0));
      req.redirect(Console.PREFIX + "/login?out=1");
    });
  }

  /** No Origin header (old browsers, curl) or one naming this host. */
  private static boolean sameOrigin(ConsoleRequest req) {
    String origin = req.ctx().request().getHeader("Origin");
    if (origin == null || origin.isBlank()) {
      return true;
    }
    String host = req.ctx().request().getHeader("Host");
    try {
      URI u = URI.create(origin);
      String o = u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "");
      return host != null && (host.equalsIgnoreCase(o) || host.equalsIgnoreCase(u.getHost()));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
