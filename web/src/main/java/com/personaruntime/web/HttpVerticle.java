package com.personaruntime.web;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One instance of the HTTP face: its own {@link Router} and {@link HttpServer} on the verticle's event
 * loop. {@link PersonaServer} deploys {@code http.instances} of them on the same host and port; Vert.x
 * binds the socket once and hands each new connection to the instances in turn, so requests, guard
 * checks and live sockets are spread over every event loop, and everything a connection owns (its live
 * chat state, timers, event-bus consumers) stays on the event loop that accepted it.
 *
 * <p>The shared services (storage, catalog, chat engine, auth) are thread-safe and built once; only the
 * router is per instance.
 */
final class HttpVerticle extends VerticleBase {
  private final HttpServerOptions options;
  private final Function<Vertx, Router> routes;
  private final Consumer<HttpServer> started;

  /**
   * @param options the server options (host and port included)
   * @param routes  builds this instance's router
   * @param started told about the listening server (for graceful shutdown and the actual port)
   */
  HttpVerticle(HttpServerOptions options, Function<Vertx, Router> routes, Consumer<HttpServer> started) {
    this.options = new HttpServerOptions(Objects.requireNonNull(options, "options"));
    this.routes = routes;
    this.started = started;
  }

  @Override
  public Future<?> start() {
    HttpServer server = vertx.createHttpServer(options);
    server.requestHandler(routes.apply(vertx));
    return server.listen().onSuccess(started::accept);
  }
}
