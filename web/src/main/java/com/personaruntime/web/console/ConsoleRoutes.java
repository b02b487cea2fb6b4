package com.personaruntime.web.console;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;

/**
 * Where a {@link ConsolePage} adds its routes. Paths are relative to {@code /console}
 * ({@code get("/posts/:id", ...)} serves {@code /console/posts/:id}). {@link #get} and
 * {@link #post} are for logged-in users: an anonymous browser is sent to the login form and
 * back; a POST (or PUT/DELETE) must carry the session's CSRF token (form field {@code _csrf} or
 * header {@code X-CSRF-Token}), else 403. Role checks are the page's job
 * ({@code request.principal().canEdit(brandId)} ...), as in the API.
 */
public final class ConsoleRoutes {
  private final Console console;
  private final Router router;

  ConsoleRoutes(Console console, Router router) {
    this.console = console;
    this.router = router;
  }

  /** A page for logged-in users. */
  public Route get(String path, ConsoleHandler handler) {
    return protectedRoute(HttpMethod.GET, path, handler);
  }

  /** A form post for logged-in users (CSRF checked; form fields read with {@code request.form}). */
  public Route post(String path, ConsoleHandler handler) {
    return protectedRoute(HttpMethod.POST, path, handler);
  }

  /** A route for logged-in users with any method (PUT, DELETE ... from htmx). */
  public Route route(HttpMethod method, String path, ConsoleHandler handler) {
    return protectedRoute(method, path, handler);
  }

  /** A page anyone may see (the login form). */
  public Route publicGet(String path, ConsoleHandler handler) {
    return router.get(Console.PREFIX + path).handler(ctx -> console.dispatch(ctx, handler));
  }

  /** A form post anyone may send (the login form); the body is read, no CSRF token is required. */
  public Route publicPost(String path, ConsoleHandler handler) {
    return router.post(Console.PREFIX + path)
        .handler(console.bodyHandler())
        .handler(ctx -> console.dispatch(ctx, handler));
  }

  private Route protectedRoute(HttpMethod method, String path, ConsoleHandler handler) {
    // Vert.x wants body handlers before user handlers on a route: one route per step.
    router.route(method, Console.PREFIX + path).handler(console::authenticate);
    if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
      router.route(method, Console.PREFIX + path).handler(console.bodyHandler());
      return router.route(method, Console.PREFIX + path).handler(console::checkCsrf)
          .handler(ctx -> console.dispatch(ctx, handler));
    }
    return router.route(method, Console.PREFIX + path).handler(ctx -> console.dispatch(ctx, handler));
  }
}
