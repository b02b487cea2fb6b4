package com.personaruntime.runtime.publish;

import com.personaruntime.gateway.net.OutboundAddressPolicy;
import com.personaruntime.runtime.storage.AuditLog;
import com.personaruntime.runtime.storage.Database;
import com.personaruntime.runtime.storage.Sql;
import com.standardwebhooks.Webhook;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox relay: delivers due {@code publish_outbox} rows to their channels as Standard
 * Webhooks (github.com/standard-webhooks/standard-webhooks: {@code webhook-id},
 * {@code webhook-timestamp}, {@code webhook-signature: v1,<base64 HMAC-SHA256 of
 * "id.timestamp.body">}, signed with the {@code standardwebhooks} library).
 *
 * <p>At least once, never lost: a row is claimed (a lease: {@code lease_owner}, {@code lease_until},
 * {@code attempts + 1}) and committed <em>before</em> the HTTP call; the outcome is written after.
 * A node killed mid-delivery leaves a leased row that is delivered again, with the same
 * {@code webhook-id} and body, once the lease runs out (or at once when the same node restarts:
 * {@link #releaseOwnLeases}); receivers de-duplicate on {@code webhook-id}. Claims are safe with
 * several nodes: candidates are selected {@code FOR UPDATE SKIP LOCKED} (PostgreSQL and H2) and each
 * claim is a conditional update that only one node can win.
 *
 * <p>Outcomes: 2xx delivered (the variant is {@code published} once all its deliveries are); 410
 * disables the channel and dead-letters the row; anything else is retried on the spec's schedule
 * ({@link #RETRY_SCHEDULE}: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h), then dead-lettered
 * with the last error, and the variant is {@code failed} with that error. Each outcome is one
 * transaction with its audit entry. Time comes from the injected clock; {@link #tick} runs one
 * round (tests call it directly), {@link #start} runs it periodically.
 */
public final class Publisher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

  /** Delay before attempt n+1 after the n-th failed attempt (Standard Webhooks' example schedule). */
  public static final List<Duration> RETRY_SCHEDULE = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
      Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(14),
      Duration.ofHours(20), Duration.ofHours(24));
  /** Attempts before a delivery is dead-lettered. */
  public static final int MAX_ATTEMPTS = RETRY_SCHEDULE.size() + 1;
  private static final int MAX_ERROR = 500;

  /**
   * Relay settings.
   *
   * @param pollInterval         how often due rows are looked for
   * @param batchSize            rows claimed per round
   * @param deliveryTimeout      longest wait for a receiver's answer
   * @param lease                how long a claim holds before another node may retry it (longer than the timeout)
   * @param addresses            which addresses a channel URL may resolve to, checked again before each delivery
   * @param nodeName             stable name of this node ({@code host:port}); leases carry it so a restarted
   *                             node can release its own, or {@code null} when it has no stable name
   */
  public record Options(Duration pollInterval, int batchSize, Duration deliveryTimeout, Duration lease,
                        OutboundAddressPolicy addresses, String nodeName) {
    public Options {
      if (lease.compareTo(deliveryTimeout) <= 0) {
        throw new IllegalArgumentException("lease (" + lease + ") must be longer than the delivery timeout ("
            + deliveryTimeout + ")");
      }
    }
  }

  private final Vertx vertx;
  private final Database db;
  private final AuditLog audit;
  private final Clock clock;
  private final Options options;
  private final String owner;
  private final HttpClient http;
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile long timer = -1;

  public Publisher(Vertx vertx, Database db, AuditLog audit, Clock clock, Options options) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.db = Objects.requireNonNull(db, "db");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.options = Objects.requireNonNull(options, "options");
    this.owner = (options.nodeName() == null ? "node" : options.nodeName()) + "/" + UUID.randomUUID().toString()
        .substring(0, 8);
    this.http = vertx.createHttpClient(new HttpClientOptions()
        .setConnectTimeout((int) options.deliveryTimeout().toMillis())
        .setIdleTimeout((int) options.deliveryTimeout().toSeconds() + 1)
        .setKeepAlive(false));
  }

  /** This relay's lease owner name ({@code nodeName/random}). */
  public String owner() {
    return owner;
  }

  /**
   * Releases the leases a previous run of this same node (same {@code nodeName}) left behind when it
   * was killed, so their rows are delivered again now rather than when the lease runs out. Another
   * live node can never have the same name, so this never steals a live claim.
   */
  public Future<Integer> releaseOwnLeases() {
    if (options.nodeName() == null) {
      return Future.succeededFuture(0);
    }
    return db.pool().preparedQuery("UPDATE publish_outbox SET lease_owner = NULL, lease_until = NULL "
            + "WHERE status = 'pending' AND lease_owner LIKE ? AND lease_owner <> ?")
        .execute(Tuple.of(options.nodeName().replace("%", "\\%").replace("_", "\\_") + "/%", owner))
        .map(r -> {
          if (r.rowCount() > 0) {
            LOG.info("publishing: {} delivery(ies) interrupted by the previous run of {} will be retried now",
                r.rowCount(), options.nodeName());
          }
          return r.rowCount();
        });
  }

  /** Starts polling every {@code pollInterval}. */
  public void start() {
    timer = vertx.setPeriodic(options.pollInterval().toMillis(), id -> tick()
        .onFailure(err -> LOG.warn("publishing round failed: {}", err.toString())));
  }

  @Override
  public void close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    http.close();
  }

  /**
   * One round: claims due rows and delivers them; completes with the number of deliveries
   * attempted once every outcome is stored. A round already running makes this a no-op (0).
   */
  public Future<Integer> tick() {
    if (!running.compareAndSet(false, true)) {
      return Future.succeededFuture(0);
    }
    return claim().compose(rows -> {
      List<Future<Void>> all = new ArrayList<>();
      for (Claimed c : rows) {
        all.add(deliver(c).recover(err -> {
          LOG.warn("delivery {} could not be recorded: {}", c.webhookId, err.toString());
          return Future.succeededFuture();
        }));
      }
      return Future.join(all).map(x -> rows.size());
    }).onComplete(x -> running.set(false));
  }

  private record Claimed(String id, String brandId, String postId, String variantId, String channelId,
                         String webhookId, String body, int attempts, String url, String secret,
                         String channelStatus) {
  }

  private Future<List<Claimed>> claim() {
    Instant now = clock.instant();
    Instant until = now.plus(options.lease());
    return db.pool().withTransaction(conn -> conn.preparedQuery("SELECT id FROM publish_outbox WHERE status = 'pending'"
            + " AND due_at <= ? AND (lease_until IS NULL OR lease_until < ?) ORDER BY due_at, id FETCH FIRST "
            + options.batchSize() + " ROWS ONLY FOR UPDATE SKIP LOCKED")
        .execute(Tuple.of(Sql.ts(now), Sql.ts(now)))
        .compose(rows -> {
          List<String> ids = Sql.list(rows, r -> Sql.string(r, "id"));
          Future<List<String>> claimed = Future.succeededFuture(new ArrayList<>());
          for (String id : ids) {
            claimed = claimed.compose(list -> conn.preparedQuery("UPDATE publish_outbox SET lease_owner = ?, "
                    + "lease_until = ?, attempts = attempts + 1 WHERE id = ? AND status = 'pending' "
                    + "AND (lease_until IS NULL OR lease_until < ?)")
                .execute(Tuple.of(owner, Sql.ts(until), id, Sql.ts(now)))
                .map(r -> {
                  if (r.rowCount() == 1) {
                    list.add(id);
                  }
                  return list;
                }));
          }
          return claimed;
        })
        .compose(ids -> ids.isEmpty() ? Future.succeededFuture(List.<Claimed>of()) : markPublishing(conn, ids)
            .compose(x -> conn.preparedQuery("SELECT o.id, o.brand_id, o.post_id, o.variant_id, o.channel_id, "
                    + "o.webhook_id, o.body, o.attempts, c.url, c.secret, c.status AS channel_status FROM publish_outbox o "
                    + "JOIN publish_channels c ON c.id = o.channel_id WHERE o.id IN ("
                    + String.join(", ", Collections.nCopies(ids.size(), "?")) + ") ORDER BY o.due_at, o.id")
                .execute(Tuple.from(new ArrayList<Object>(ids)))
                .map(rows -> Sql.list(rows, Publisher::claimed)))));
  }

  private Future<Void> markPublishing(SqlConnection conn, List<String> outboxIds) {
    return conn.preparedQuery("UPDATE post_variants SET status = 'publishing', updated_at = ? WHERE status = 'scheduled' "
            + "AND id IN (SELECT variant_id FROM publish_outbox WHERE id IN ("
            + String.join(", ", Collections.nCopies(outboxIds.size(), "?")) + "))")
        .execute(Tuple.from(prepend(Sql.ts(clock.instant()), outboxIds)))
        .mapEmpty();
  }

  private static List<Object> prepend(Object first, List<String> rest) {
    List<Object> out = new ArrayList<>();
    out.add(first);
    out.addAll(rest);
    return out;
  }

  private static Claimed claimed(Row r) {
    return new Claimed(Sql.string(r, "id"), Sql.string(r, "brand_id"), Sql.string(r, "post_id"),
        Sql.string(r, "variant_id"), Sql.string(r, "channel_id"), Sql.string(r, "webhook_id"), Sql.string(r, "body"),
        Sql.integer(r, "attempts"), Sql.string(r, "url"), Sql.string(r, "secret"), Sql.string(r, "channel_status"));
  }

  private Future<Void> deliver(Claimed c) {
    if (!c.channelStatus().equals("active")) {
      return dead(c, null, "channel is " + c.channelStatus(), false);
    }
    return vertx.executeBlocking(() -> {
      ChannelStore.checkUrl(options.addresses(), c.url());
      return c.url();
    }, false).compose(url -> send(c))
        .transform(ar -> {
          if (ar.failed()) {
            return failed(c, null, rootMessage(ar.cause()));
          }
          int status = ar.result();
          if (status >= 200 && status < 300) {
            return delivered(c, status);
          }
          if (status == 410) {
            return dead(c, status, "410 Gone: the receiver asked to stop; channel disabled", true);
          }
          return failed(c, status, "HTTP " + status);
        });
  }

  private Future<Integer> send(Claimed c) {
    long timestamp = clock.instant().getEpochSecond();
    String signature;
    try {
      signature = new Webhook(c.secret()).sign(c.webhookId(), timestamp, c.body());
    } catch (Exception e) {
      return Future.failedFuture(new IllegalStateException("cannot sign: " + e.getMessage(), e));
    }
    RequestOptions ro = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(c.url())
        .setTimeout(options.deliveryTimeout().toMillis())
        .putHeader("content-type", "application/json")
        .putHeader("user-agent", "persona-runtime-webhooks/1")
        .putHeader("webhook-id", c.webhookId())
        .putHeader("webhook-timestamp", Long.toString(timestamp))
        .putHeader("webhook-signature", signature);
    return http.request(ro)
        .compose(req -> req.send(Buffer.buffer(c.body())))
        .compose(resp -> resp.body().map(b -> resp.statusCode()));
  }

  private Future<Void> delivered(Claimed c, int status) {
    Instant now = clock.instant();
    return db.pool().withTransaction(conn -> conn.preparedQuery("UPDATE publish_outbox SET status = 'delivered', "
            + "delivered_at = ?, last_status = ?, last_error = NULL, lease_owner = NULL, lease_until = NULL "
            + "WHERE id = ? AND status = 'pending' AND lease_owner = ?")
        .execute(Tuple.of(Sql.ts(now), status, c.id(), owner))
        .compose(r -> r.rowCount() == 0 ? Future.<Void>succeededFuture() // cancelled, or re-claimed after our lease ran out
            : conn.preparedQuery("SELECT COUNT(*) AS n FROM publish_outbox WHERE variant_id = ? AND status = 'pending'")
                .execute(Tuple.of(c.variantId()))
                .compose(rows -> {
                  long pending = Sql.longValue(rows.iterator().next(), "n");
                  if (pending > 0) {
                    return Future.<Void>succeededFuture();
                  }
                  return conn.preparedQuery("UPDATE post_variants SET status = 'published', published_at = ?, "
                          + "last_error = NULL, updated_at = ? WHERE id = ? AND status IN ('scheduled', 'publishing')")
                      .execute(Tuple.of(Sql.ts(now), Sql.ts(now), c.variantId()))
                      .compose(u -> u.rowCount() == 0 ? Future.<Void>succeededFuture()
                          : audit.append(conn, "system:publisher", c.brandId(), "post.published", "post_variant",
                              c.variantId(), new JsonObject().put("postId", c.postId()).put("webhookId", c.webhookId())
                                  .put("status", status).encode()));
                })))
        .onSuccess(x -> event(c, "published"));
  }

  private Future<Void> failed(Claimed c, Integer status, String error) {
    if (c.attempts() >= MAX_ATTEMPTS) {
      return dead(c, status, error + " (gave up after " + c.attempts() + " attempts)", false);
    }
    Instant next = clock.instant().plus(RETRY_SCHEDULE.get(Math.max(0, c.attempts() - 1)));
    LOG.info("delivery {} to channel {} failed (attempt {}): {}; next attempt at {}", c.webhookId(), c.channelId(),
        c.attempts(), error, next);
    return db.pool().preparedQuery("UPDATE publish_outbox SET due_at = ?, last_status = ?, last_error = ?, "
            + "lease_owner = NULL, lease_until = NULL WHERE id = ? AND status = 'pending' AND lease_owner = ?")
        .execute(Tuple.of(Sql.ts(next), status, truncate(error), c.id(), owner))
        .mapEmpty();
  }

  private Future<Void> dead(Claimed c, Integer status, String error, boolean disableChannel) {
    Instant now = clock.instant();
    String message = truncate(error);
    return db.pool().withTransaction(conn -> {
      Future<Void> f = conn.preparedQuery("UPDATE publish_outbox SET status = 'dead', last_status = ?, last_error = ?, "
              + "lease_owner = NULL, lease_until = NULL WHERE id = ? AND status = 'pending' AND lease_owner = ?")
          .execute(Tuple.of(status, message, c.id(), owner))
          .compose(r -> r.rowCount() == 0 ? Future.<Void>succeededFuture()
              : conn.preparedQuery("UPDATE post_variants SET status = 'failed', last_error = ?, updated_at = ? "
                      + "WHERE id = ? AND status IN ('scheduled', 'publishing')")
                  .execute(Tuple.of(message, Sql.ts(now), c.variantId()))
                  .compose(u -> audit.append(conn, "system:publisher", c.brandId(), "post.failed", "post_variant",
                      c.variantId(), new JsonObject().put("postId", c.postId()).put("webhookId", c.webhookId())
                          .put("error", message).encode())));
      if (disableChannel) {
        f = f.compose(x -> conn.preparedQuery("UPDATE publish_channels SET status = 'disabled', disabled_reason = ? "
                + "WHERE id = ? AND status = 'active'").execute(Tuple.of(message, c.channelId())))
            .compose(r -> r.rowCount() == 0 ? Future.<Void>succeededFuture()
                : audit.append(conn, "system:publisher", c.brandId(), "channel.disabled", "publish_channel",
                    c.channelId(), new JsonObject().put("reason", message).encode()));
      }
      return f;
    }).onSuccess(x -> {
      LOG.warn("delivery {} to channel {} dead-lettered: {}", c.webhookId(), c.channelId(), message);
      event(c, "failed");
    });
  }

  private void event(Claimed c, String type) {
    vertx.eventBus().publish("posts.events", new JsonObject().put("type", type).put("postId", c.postId())
        .put("brandId", c.brandId()).put("variantId", c.variantId()));
  }

  private static String truncate(String s) {
    return s == null ? null : s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR) + "…";
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return m;
  }
}
