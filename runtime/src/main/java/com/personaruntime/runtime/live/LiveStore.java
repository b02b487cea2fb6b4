package com.personaruntime.runtime.live;

import com.personaruntime.runtime.storage.Database;
import com.personaruntime.runtime.storage.Sql;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;

/** Conversations, transcript turns and new moderation items (tables of migration V2); the moderation workflow is {@link ModerationStore}. */
public class LiveStore {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LiveStore.class);
  /** Default bound of writes in flight before live chat pushes back (see {@link #saturated()}). */
  public static final int DEFAULT_MAX_PENDING = 2_000;
  private static final long[] RETRY_DELAYS_MS = {50, 250, 1_000};

  private final Database db;
  private final Clock clock;
  private final int maxPending;
  private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.List<io.vertx.core.Promise<Void>> drains = new java.util.concurrent.CopyOnWriteArrayList<>();

  public LiveStore(Database db, Clock clock) {
    this(db, clock, DEFAULT_MAX_PENDING);
  }

  /**
   * @param maxPending writes in flight (conversations, transcript turns, moderation items) above which
   *                   {@link #saturated()} asks live chat to refuse new messages instead of queueing more
   */
  public LiveStore(Database db, Clock clock, int maxPending) {
    this.db = db;
    this.clock = clock;
    this.maxPending = maxPending;
  }

  /**
   * Whether the writes in flight reached the bound: the database is behind, so live chat answers new
   * messages with an {@code overloaded} error (backpressure) rather than queueing writes without bound.
   */
  public boolean saturated() {
    return pending.get() >= maxPending;
  }

  /** Writes in flight. */
  public int pending() {
    return pending.get();
  }

  /**
   * Completes when every write in flight has finished (or after {@code timeout}, logging how many are
   * left): call before closing the pool, so a shutdown never cuts acknowledged turns off.
   */
  public Future<Void> drain(java.time.Duration timeout) {
    if (pending.get() == 0) {
      return Future.succeededFuture();
    }
    io.vertx.core.Promise<Void> p = io.vertx.core.Promise.promise();
    drains.add(p);
    if (pending.get() == 0) {
      p.tryComplete();
    }
    long timer = db.vertx().setTimer(timeout.toMillis(), id -> {
      if (p.tryComplete()) {
        LOG.warn("{} live writes still in flight after {} s; closing anyway", pending.get(), timeout.toSeconds());
      }
    });
    return p.future().onComplete(x -> db.vertx().cancelTimer(timer));
  }

  /**
   * Runs a write, counted while in flight and retried (50 ms, 250 ms, 1 s) when it fails, so a transient
   * pool or lock error does not drop a turn; only the last failure is reported.
   */
  private <T> Future<T> write(java.util.function.Supplier<Future<T>> op) {
    pending.incrementAndGet();
    io.vertx.core.Promise<T> result = io.vertx.core.Promise.promise();
    attempt(op, 0, result);
    return result.future().onComplete(x -> {
      if (pending.decrementAndGet() == 0) {
        drains.forEach(io.vertx.core.Promise::tryComplete);
        drains.clear();
      }
    });
  }

  private <T> void attempt(java.util.function.Supplier<Future<T>> op, int n, io.vertx.core.Promise<T> result) {
    Future<T> f;
    try {
      f = op.get();
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    f.onComplete(ar -> {
      if (ar.succeeded()) {
        result.complete(ar.result());
      } else if (n < RETRY_DELAYS_MS.length && !(ar.cause() instanceof com.personaruntime.runtime.storage.ConflictException)) {
        LOG.debug("live write failed ({}), retrying", ar.cause().toString());
        db.vertx().setTimer(RETRY_DELAYS_MS[n], id -> attempt(op, n + 1, result));
      } else {
        result.fail(ar.cause());
      }
    });
  }


  /** Records the start of a conversation with the given id. */
  public Future<Void> startConversation(String id, String personaId, String brandId, String room) {
    Tuple row = Tuple.of(id, personaId, brandId, room, Sql.ts(clock.instant()));
    return write(() -> db.pool().preparedQuery(
            "INSERT INTO conversations (id, persona_id, brand_id, room, started_at) VALUES (?, ?, ?, ?, ?)")
        .execute(row)
        .mapEmpty());
  }

  /** Appends one turn to a conversation's transcript. */
  public Future<Void> recordTurn(String conversationId, String brandId, int personaVersion, String messageId,
      String audienceText, String replyText, String decision, String findingsJson, String route,
      Integer firstTokenMs, Integer totalMs) {
    Tuple row = Tuple.from(new Object[] {conversationId, brandId, personaVersion, messageId, audienceText, replyText,
        decision, findingsJson, route, firstTokenMs, totalMs, Sql.ts(clock.instant())});
    return write(() -> db.pool().preparedQuery("INSERT INTO transcript_turns (conversation_id, brand_id, "
            + "persona_version, message_id, audience_text, reply_text, decision, findings, route, first_token_ms, "
            + "total_ms, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .execute(row)
        .mapEmpty());
  }

  /** Stores an open moderation item; returns its id. */
  public Future<String> addModerationItem(String brandId, String personaId, String kind, String decision,
      String content, String releasedText, String findingsJson, JsonObject context) {
    String id = Sql.newId();
    Tuple row = Tuple.from(new Object[] {id, brandId, personaId, kind, decision, content, releasedText,
        findingsJson, context.encode(), Sql.ts(clock.instant())});
    return write(() -> db.pool().preparedQuery("INSERT INTO moderation_items (id, brand_id, persona_id, kind, status, "
            + "decision, content, released_text, findings, context, created_at) "
            + "VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?)")
        .execute(row)
        .map(id));
  }


}
