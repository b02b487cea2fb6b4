package com.personaruntime.runtime.live;

import com.personaruntime.runtime.storage.Database;
import com.personaruntime.runtime.storage.Sql;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import com.personaruntime.runtime.auth.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Conversations, transcript turns (migration V2) and resume tokens (V6); moderation items are {@link com.personaruntime.runtime.moderation.ModerationStore}'s. */
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
    return write(() -> db.groupCommit().write(
            "INSERT INTO conversations (id, persona_id, brand_id, room, started_at) VALUES (?, ?, ?, ?, ?)", row)
        .mapEmpty());
  }

  /** Appends one turn to a conversation's transcript. */
  public Future<Void> recordTurn(String conversationId, String brandId, int personaVersion, String messageId,
      String audienceText, String replyText, String decision, String findingsJson, String route,
      Integer firstTokenMs, Integer totalMs) {
    Tuple row = Tuple.from(new Object[] {conversationId, brandId, personaVersion, messageId, audienceText, replyText,
        decision, findingsJson, route, firstTokenMs, totalMs, Sql.ts(clock.instant())});
    return write(() -> db.groupCommit().write("INSERT INTO transcript_turns (conversation_id, brand_id, "
            + "persona_version, message_id, audience_text, reply_text, decision, findings, route, first_token_ms, "
            + "total_ms, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
        .mapEmpty());
  }

  /**
   * Appends a release to a conversation's transcript (kind {@code release}): a held reply's decision
   * as the audience saw it; {@code decision} is the moderator's (approve, edit, reject, let_through).
   */
  public Future<Void> recordRelease(String conversationId, String brandId, int personaVersion, String replyTo,
      String text, String decision) {
    Tuple row = Tuple.from(new Object[] {conversationId, brandId, personaVersion, replyTo, text, decision,
        Sql.ts(clock.instant())});
    return write(() -> db.groupCommit().write("INSERT INTO transcript_turns (conversation_id, brand_id, "
            + "persona_version, message_id, audience_text, reply_text, decision, findings, route, kind, created_at) "
            + "VALUES (?, ?, ?, ?, '', ?, ?, '[]', 'moderator', 'release', ?)", row)
        .<Void>mapEmpty());
  }

  /** A new resume token: 32 random bytes, base64url (unguessable). Store it with {@link #storeResumeToken}. */
  public String newResumeToken() {
    return Secrets.random(32);
  }

  /**
   * Stores a resume token for a conversation (only its SHA-256). The token opens only this
   * conversation, only with this persona, until {@code ttl} from now; each resume extends it.
   */
  public Future<Void> storeResumeToken(String token, String conversationId, String personaId, Duration ttl) {
    Instant now = clock.instant();
    return db.pool().preparedQuery("INSERT INTO live_resume_tokens (token_hash, conversation_id, persona_id, "
            + "created_at, expires_at) VALUES (?, ?, ?, ?, ?)")
        .execute(Tuple.of(Secrets.sha256(token), conversationId, personaId, Sql.ts(now), Sql.ts(now.plus(ttl))))
        .mapEmpty();
  }

  /**
   * One remembered line: {@code audience} is null for a release (a persona line on its own);
   * {@code refused} marks an audience message the input guard refused (it must never reach the model).
   */
  public record Line(String audience, String persona, boolean refused) {
  }

  /**
   * A stored conversation a resume token opened.
   *
   * @param conversationId the conversation
   * @param lines          its last transcript lines, oldest first, as the audience saw them
   * @param lastActivity   when its last line was written (null when it has none)
   */
  public record Resumed(String conversationId, List<Line> lines, Instant lastActivity) {
  }

  /**
   * The conversation a resume token opens for this persona, with its last {@code maxLines} lines;
   * empty when the token is unknown, expired or belongs to another persona's conversation. A valid
   * token's expiry moves to {@code ttl} from now.
   */
  public Future<Optional<Resumed>> resume(String token, String personaId, Duration ttl, int maxLines) {
    if (token == null || token.isBlank() || token.length() > 100) {
      return Future.succeededFuture(Optional.empty());
    }
    Instant now = clock.instant();
    String hash = Secrets.sha256(token);
    return db.pool().preparedQuery("UPDATE live_resume_tokens SET expires_at = ? WHERE token_hash = ? "
            + "AND persona_id = ? AND expires_at > ?")
        .execute(Tuple.of(Sql.ts(now.plus(ttl)), hash, personaId, Sql.ts(now)))
        .compose(updated -> {
          if (updated.rowCount() == 0) {
            return Future.succeededFuture(Optional.<Resumed>empty());
          }
          return db.pool().preparedQuery("SELECT conversation_id FROM live_resume_tokens WHERE token_hash = ?")
              .execute(Tuple.of(hash))
              .compose(rows -> {
                String conversation = Sql.string(rows.iterator().next(), "conversation_id");
                return db.pool().preparedQuery("SELECT kind, audience_text, reply_text, route, created_at FROM "
                        + "transcript_turns WHERE conversation_id = ? ORDER BY id DESC LIMIT " + Math.max(1, maxLines))
                    .execute(Tuple.of(conversation))
                    .map(turns -> {
                      List<Line> lines = new ArrayList<>();
                      Instant last = null;
                      for (var r : turns) {
                        if (last == null) {
                          last = Sql.instant(r, "created_at");
                        }
                        boolean release = "release".equals(Sql.string(r, "kind"));
                        lines.add(new Line(release ? null : Sql.string(r, "audience_text"),
                            Sql.string(r, "reply_text"), "input-guard".equals(Sql.string(r, "route"))));
                      }
                      Collections.reverse(lines);
                      return Optional.of(new Resumed(conversation, lines, last));
                    });
              });
        });
  }

  /**
   * Files a moderation item when the engine has no moderation queue (the console's preview chat,
   * which overrides this to see what the guard stopped). Does nothing here; live chats file their
   * items in {@link com.personaruntime.runtime.moderation.ModerationStore}.
   */
  public Future<String> addModerationItem(String brandId, String personaId, String kind, String decision,
      String content, String releasedText, String findingsJson, JsonObject context) {
    return Future.succeededFuture(null);
  }
}
