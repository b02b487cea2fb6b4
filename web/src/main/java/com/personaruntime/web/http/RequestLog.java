package com.personaruntime.web.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per request: method, path (never the query string, which may carry tokens),
 * status, duration and the client address.
 */
public final class RequestLog implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger("http");

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addEndHandler(ar -> {
      long micros = (System.nanoTime() - start) / 1000;
      int status = ctx.response().getStatusCode();
      String address = ctx.request().remoteAddress() == null ? "-" : ctx.request().remoteAddress().hostAddress();
      LOG.info("{} {} {} {}ms {}", ctx.request().method(), ctx.request().path(), status,
          String.format(java.util.Locale.ROOT, "%.1f", micros / 1000.0), address);
    });
    ctx.next();
  }
}
