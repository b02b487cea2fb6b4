package com.personaruntime.web.console;

import com.personaruntime.runtime.auth.AuthService;
import com.personaruntime.runtime.auth.Principal;
import com.personaruntime.runtime.catalog.CatalogException;
import com.personaruntime.web.console.login.LoginPages;
import com.personaruntime.web.http.ApiException;
import com.personaruntime.web.http.Auth;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.LanguageHeader;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.StaticHandler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.webjars.WebJarVersionLocator;

/**
 * The brand console under {@code /console}: server-rendered FreeMarker pages in one shared
 * layout, form login with a session cookie, CSRF protection, Vietnamese and English UI, htmx and
 * Alpine served from WebJars (no Node build). Feature areas plug in as {@link ConsolePage}s (see
 * {@code package-info.java}).
 *
 * <p>Paths: {@code /console} (to the persona list), {@code /console/login} (form, inputs
 * {@code email} and {@code password}), {@code POST /console/logout}, {@code /console/lang/{en|vi}}
 * (switch language, cookie {@code prt_lang}; the default comes from {@code Accept-Language}),
 * {@code /console/static/*} (console.css, console.js), {@code /console/webjars/*}.
 *
 * <p>Security: the session is the same as the API's ({@code prt_session}, HttpOnly,
 * SameSite=Strict, stored server-side, so its CSRF token survives reloads); every state-changing
 * console request carries that token. Pages are sent with a Content-Security-Policy that allows
 * scripts only from this server ({@code 'unsafe-eval'} is allowed because Alpine evaluates its
 * attribute expressions; no inline scripts, all text auto-escaped by the {@code .ftlh} templates).
 */
public final class Console {
  /** Path prefix of every console route. */
  public static final String PREFIX = "/console";
  /** Cookie that remembers the chosen UI language. */
  public static final String LANG_COOKIE = "prt_lang";
  static final String PRINCIPAL_KEY = "console.principal";
  static final String CSRF_KEY = "console.csrf";
  private static final String LANG_KEY = "console.lang";
  private static final Logger LOG = LoggerFactory.getLogger(Console.class);
  private static final String CSP = "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self';"
      + " img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; frame-ancestors 'none';"
      + " form-action 'self'; base-uri 'none'";

  /**
   * Console settings.
   *
   * @param secureCookies    mark cookies Secure ({@code http.secureCookies})
   * @param sessionTtlSeconds lifetime of the session cookie ({@code auth.sessionTtlMinutes} * 60)
   * @param maxBodyBytes     largest form body ({@code http.maxBodyBytes})
   */
  public record Options(boolean secureCookies, long sessionTtlSeconds, long maxBodyBytes) {
  }

  private final AuthService auth;
  private final Options options;
  private final List<ConsolePage> pages;
  private final Messages messages;
  private final Templates templates;
  private final Map<String, String> assets;
  /** {@link Messages#labels} of each UI language, as JSON. */
  private final Map<String, String> labelsJson;

  /** A console with the given feature areas (login, logout and language switching are built in). */
  public Console(Vertx vertx, AuthService auth, Options options, List<ConsolePage> areas) {
    this.auth = auth;
    this.options = options;
    List<ConsolePage> all = new ArrayList<>();
    all.add(new LoginPages(auth, options));
    all.addAll(areas);
    this.pages = List.copyOf(all);
    this.messages = new Messages(pages.stream().map(ConsolePage::area).distinct().toList());
    this.templates = new Templates(vertx);
    Map<String, String> labels = new HashMap<>();
    for (String lang : Messages.LANGUAGES) {
      labels.put(lang, new io.vertx.core.json.JsonObject(new HashMap<>(messages.labels(lang))).encode());
    }
    this.labelsJson = Map.copyOf(labels);
    WebJarVersionLocator locator = new WebJarVersionLocator();
    Map<String, String> a = new HashMap<>();
    a.put("htmx", PREFIX + "/webjars/htmx.org/" + locator.version("htmx.org") + "/dist/htmx.min.js");
    a.put("alpine", PREFIX + "/webjars/alpinejs/" + locator.version("alpinejs") + "/dist/cdn.min.js");
    a.put("css", PREFIX + "/static/console.css");
    a.put("js", PREFIX + "/static/console.js");
    this.assets = Map.copyOf(a);
  }

  /** The UI texts. */
  public Messages messages() {
    return messages;
  }

  Templates templates() {
    return templates;
  }

  /** Adds every console route to the router (before the router's JSON 404 and failure handlers). */
  public void mount(Router router) {
    router.route(PREFIX + "*").handler(ctx -> {
      // same-origin (not no-referrer): with no-referrer browsers send "Origin: null" on form posts,
      // and the login form's origin check needs the real one
      ctx.response().putHeader("Content-Security-Policy", CSP).putHeader("Referrer-Policy", "same-origin");
      ctx.next();
    });
    router.route(PREFIX + "/static/*").handler(StaticHandler.create("console/static")
        .setDefaultContentEncoding("UTF-8").setMaxAgeSeconds(300));
    router.route(PREFIX + "/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars")
        .setMaxAgeSeconds(86400 * 30));
    router.get(PREFIX).handler(ctx -> redirect(ctx, PREFIX + "/personas"));
    router.get(PREFIX + "/").handler(ctx -> redirect(ctx, PREFIX + "/personas"));
    router.get(PREFIX + "/lang/:lang").handler(this::switchLanguage);
    ConsoleRoutes routes = new ConsoleRoutes(this, router);
    pages.forEach(p -> p.mount(routes));
    router.route(PREFIX + "/*").handler(ctx -> ctx.fail(404));
    router.route(PREFIX + "*").failureHandler(this::errorPage);
  }

  // ---- request plumbing (used by ConsoleRoutes and ConsoleRequest) ----

  void dispatch(RoutingContext ctx, ConsoleHandler handler) {
    try {
      handler.handle(new ConsoleRequest(this, ctx));
    } catch (Exception e) {
      ctx.fail(e);
    }
  }

  BodyHandler bodyHandler() {
    return BodyHandler.create(false).setBodyLimit(options.maxBodyBytes());
  }

  /** Finds the session; an anonymous browser is sent to the login form (and back afterwards). */
  void authenticate(RoutingContext ctx) {
    HttpMethod m = ctx.request().method();
    if (m != HttpMethod.GET && m != HttpMethod.HEAD) {
      ctx.request().pause(); // the body is read after authentication
    }
    Cookie cookie = ctx.request().getCookie(Auth.SESSION_COOKIE);
    if (cookie == null || cookie.getValue().isBlank()) {
      toLogin(ctx, false);
      return;
    }
    auth.authenticateSession(cookie.getValue()).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else if (ar.result().isEmpty()) {
        toLogin(ctx, true);
      } else {
        ctx.put(PRINCIPAL_KEY, ar.result().get().principal());
        ctx.put(CSRF_KEY, ar.result().get().csrfToken());
        ctx.next();
      }
    });
  }

  private void toLogin(RoutingContext ctx, boolean expired) {
    String next = ctx.request().method() == HttpMethod.GET && !isHtmx(ctx) ? ctx.request().uri()
        : PREFIX + "/personas";
    String login = PREFIX + "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)
        + (expired ? "&expired=1" : "");
    if (isHtmx(ctx)) {
      ctx.response().putHeader("HX-Redirect", login).setStatusCode(401).end();
    } else {
      redirect(ctx, login);
    }
  }

  /** A state-changing request must echo the session's CSRF token (form field or header). */
  void checkCsrf(RoutingContext ctx) {
    String expected = ctx.get(CSRF_KEY);
    String sent = ctx.request().getHeader(Auth.CSRF_HEADER);
    if (sent == null) {
      sent = ctx.request().formAttributes().get("_csrf");
    }
    if (expected == null || sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
        expected.getBytes(StandardCharsets.UTF_8))) {
      ctx.fail(new ApiException(403, "csrf", "missing or wrong CSRF token"));
      return;
    }
    ctx.next();
  }

  /** UI language: the {@code prt_lang} cookie, else the browser's Accept-Language, else English. */
  String language(RoutingContext ctx) {
    String cached = ctx.get(LANG_KEY);
    if (cached != null) {
      return cached;
    }
    String lang = null;
    Cookie c = ctx.request().getCookie(LANG_COOKIE);
    if (c != null) {
      lang = Messages.uiLanguage(c.getValue());
    }
    if (lang == null) {
      for (LanguageHeader h : ctx.acceptableLanguages()) {
        lang = Messages.uiLanguage(h.tag());
        if (lang != null) {
          break;
        }
      }
    }
    if (lang == null) {
      lang = Messages.LANGUAGES.get(0);
    }
    ctx.put(LANG_KEY, lang);
    return lang;
  }

  private void switchLanguage(RoutingContext ctx) {
    String lang = Messages.uiLanguage(ctx.pathParam("lang"));
    if (lang == null) {
      ctx.fail(404);
      return;
    }
    ctx.response().addCookie(Cookie.cookie(LANG_COOKIE, lang).setPath("/").setMaxAge(365L * 86400)
        .setSameSite(CookieSameSite.LAX).setHttpOnly(true).setSecure(options.secureCookies()));
    String next = ctx.queryParams().get("next");
    // back where the switch was pressed, the login form included
    redirect(ctx, next != null && next.startsWith(PREFIX + "/login") && !next.contains("\\") && !next.contains("\r")
        && !next.contains("\n") ? next : safeNext(next));
  }

  /** A local console path to go to after login or a language switch; anything else gives the persona list. */
  public static String safeNext(String next) {
    if (next == null || !next.startsWith(PREFIX) || next.startsWith("//") || next.contains("\\")
        || next.contains("\r") || next.contains("\n") || next.startsWith(PREFIX + "/login")) {
      return PREFIX + "/personas";
    }
    return next;
  }

  /** Everything every template sees (see {@link ConsoleRequest}). */
  Map<String, Object> sharedModel(RoutingContext ctx) {
    String lang = language(ctx);
    Map<String, Object> m = new HashMap<>();
    m.put("t", ConsoleRequest.messageFunction(messages, lang));
    m.put("rule", ConsoleRequest.ruleFunction(messages, lang));
    m.put("labels", labelsJson.get(lang));
    m.put("lang", lang);
    m.put("otherLang", "vi".equals(lang) ? "en" : "vi");
    String path = ctx.request().path();
    m.put("path", path);
    m.put("here", ctx.request().uri());
    m.put("assets", assets);
    String csrf = ctx.get(CSRF_KEY);
    m.put("csrf", csrf == null ? "" : csrf);
    Principal p = ctx.get(PRINCIPAL_KEY);
    if (p != null) {
      Map<String, Object> user = new LinkedHashMap<>();
      user.put("email", p.email());
      user.put("displayName", personName(messages, lang, p.displayName(), p.email()));
      user.put("admin", p.platformAdmin());
      m.put("user", user);
      List<Map<String, Object>> nav = new ArrayList<>();
      pages.stream().flatMap(pg -> pg.nav().stream()).sorted(Comparator.comparingInt(NavItem::order))
          .forEach(item -> nav.add(Map.of(
              "href", item.path(),
              "label", messages.text(lang, item.messageKey()),
              "current", path.equals(item.path()) || path.startsWith(item.path() + "/"))));
      m.put("nav", nav);
    } else {
      m.put("nav", List.of());
    }
    return m;
  }

  private void errorPage(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (ctx.response().ended()) {
      return;
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    int status;
    String message = null;
    String code = null;
    if (failure instanceof ApiException e) {
      status = e.status();
      message = e.getMessage();
      code = e.code();
    } else if (failure instanceof CatalogException e) {
      status = switch (e.kind()) {
        case NOT_FOUND -> 404;
        case CONFLICT -> 409;
        case FORBIDDEN -> 403;
        case INVALID -> 400;
      };
      message = e.problems().isEmpty() ? e.getMessage() : e.getMessage() + ": " + String.join("; ", e.problems());
    } else if (failure instanceof HttpException h) {
      status = h.getStatusCode();
    } else if (failure instanceof IllegalArgumentException e) {
      status = 400;
      message = e.getMessage();
    } else {
      status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
    }
    if (status >= 500) {
      LOG.error("console request failed: {} {}", ctx.request().method(), ctx.request().path(), failure);
      message = null;
    }
    String lang = language(ctx);
    if (message != null) {
      message = com.personaruntime.web.http.ApiMessages.localise(message, lang); // the detail in the page's language
    }
    String title = switch (status) {
      case 404 -> messages.text(lang, "error.notFound");
      case 403 -> "csrf".equals(code) ? messages.text(lang, "error.csrf") : messages.text(lang, "error.forbidden");
      case 413 -> messages.text(lang, "error.tooLarge");
      default -> status >= 500 ? messages.text(lang, "error.internal") : messages.text(lang, "error.badRequest");
    };
    Map<String, Object> model = new HashMap<>(sharedModel(ctx));
    model.put("status", status);
    model.put("title", title);
    model.put("message", message == null ? "" : message);
    if (isHtmx(ctx)) {
      // htmx does not swap error responses; console.js shows this text in the page's alert area
      ctx.response().setStatusCode(status).putHeader("content-type", "text/plain; charset=utf-8")
          .end(message == null ? title : title + ": " + message);
      return;
    }
    templates.render("error.ftlh", model).onComplete(ar -> {
      if (ctx.response().ended()) {
        return;
      }
      if (ar.failed()) {
        LOG.error("console error page failed to render", ar.cause());
        ctx.response().setStatusCode(status).putHeader("content-type", "text/plain; charset=utf-8").end(title);
        return;
      }
      ctx.response().setStatusCode(status).putHeader("content-type", "text/html; charset=utf-8")
          .putHeader("cache-control", "no-store").end(ar.result());
    });
  }

  static boolean isHtmx(RoutingContext ctx) {
    return "true".equals(ctx.request().getHeader("HX-Request"));
  }

  static void redirect(RoutingContext ctx, String location) {
    ctx.response().putHeader("Location", location).setStatusCode(303).end();
  }

  /** Handler form of {@link #redirect}. */
  static Handler<RoutingContext> redirectTo(String location) {
    return ctx -> redirect(ctx, location);
  }

  /**
   * How the console names a user: their display name, their e-mail when they have none, and for the first
   * admin's stored default ({@link com.personaruntime.runtime.auth.AdminBootstrap#DEFAULT_DISPLAY_NAME}, an
   * English role word rather than a name) the role in the console's language ({@code user.platformAdmin}).
   */
  public static String personName(Messages messages, String lang, String displayName, String email) {
    if (displayName == null || displayName.isBlank()) {
      return email;
    }
    if (displayName.equals(com.personaruntime.runtime.auth.AdminBootstrap.DEFAULT_DISPLAY_NAME)) {
      return messages.text(lang, "user.platformAdmin");
    }
    return displayName;
  }
}
