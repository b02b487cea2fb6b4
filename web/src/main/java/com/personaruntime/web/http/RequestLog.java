package com.personaruntime.web.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per request: method, path (never the query string, which may carry tokens, and with
 * an invitation's accept token in the path masked: {@link #redacted}), status, duration and the
 * client address.
 */
public final class RequestLog implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger("http");

  /**
   * The path with secrets masked: {@code /api/v1/invitations/inv_abc.../accept} becomes
   * {@code /api/v1/invitations/inv_***}{@code /accept}. For logs and error messages.
   */
  public static String redacted(String path) {
    if (path == null) {
      return null;
    }
    int at = path.indexOf("/invitations/inv_");
    if (at < 0) {
      return path;
    }
    int start = at + "/invitations/inv_".length();
    int end = path.indexOf('/', start);
    return path.substring(0, start) + "***" + (end < 0 ? "" : path.substring(end));
  }

  @Override
  public void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    ctx.addEndHandler(ar -> {
      long micros = (System.nanoTime() - start) / 1000;
      int status = ctx.response().getStatusCode();
      String address = ClientAddress.of(ctx);
      LOG.info("{} {} {} {}ms {}", ctx.request().method(), redacted(ctx.request().path()), status,
          String.format(java.util.Locale.ROOT, "%.1f", micros / 1000.0), address);
    });
    ctx.next();
  }
}
