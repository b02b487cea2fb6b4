package com.personaruntime.runtime.storage;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Group commit for small, independent writes (transcript turns, turn signals, conversations): writes that
 * arrive within {@code lingerMillis} of the first waiting one, or while a transaction is committing, go
 * together, in arrival order, in one transaction — one commit for many rows instead of one each. A batch
 * starts when the linger has passed or {@link #maxBatch} writes are waiting, whichever comes first; writes
 * that queued up during a commit start the next batch at once (they have waited already). With
 * {@code lingerMillis} 0 a write on an idle store starts at once and batches grow only under load.
 *
 * <p>Each write still succeeds or fails on its own: when a batch's transaction fails, every write of it is
 * tried again alone in its own transaction, so one bad row cannot take the others down. A write's future
 * completes with its row count once its transaction has committed (durable as the store's commits are).
 *
 * <p>Why: each transaction through the JDBC client costs several worker hops and, on PostgreSQL, a WAL
 * flush; measured with the load tool, the storage of one-row transactions was the largest share of the
 * server's CPU per reply after the embeddings (docs/benchmarks.md). Lingering trades at most
 * {@code lingerMillis} of extra delay before a background write is committed (a kill -9 loses the writes
 * still waiting, as it loses those in flight) for far fewer transactions. Batches run on
 * {@link Database#backgroundPool()}: on an H2 file they reach the file with H2's own background write
 * (within about 500 ms), not with a checkpoint each.
 *
 * <p>Thread-safe.
 */
public final class GroupCommit {

  /** Most writes per transaction. */
  public static final int DEFAULT_MAX_BATCH = 256;

  private record Write(String sql, Tuple args, Promise<Integer> done) {
  }

  private final Database db;
  private final int maxBatch;
  private final long lingerMillis;
  private final ArrayDeque<Write> queue = new ArrayDeque<>();
  /** A batch is committing, or is about to start: new writes just queue. */
  private boolean flushing;
  /** A linger timer is set (no batch committing): it or a full batch starts the next flush. */
  private boolean lingering;
  private long lingerTimer = -1;
  /** {@link #drain()} callers waiting for the queue to empty. */
  private final List<Promise<Void>> idle = new ArrayList<>();
  private final java.util.concurrent.atomic.AtomicLong transactions = new java.util.concurrent.atomic.AtomicLong();

  /**
   * Group commit on {@code db}'s pool, at most {@value #DEFAULT_MAX_BATCH} writes per transaction, lingering
   * as the database's configuration says ({@link StorageConfig#groupCommitMillis()}).
   */
  public GroupCommit(Database db) {
    this(db, DEFAULT_MAX_BATCH, db.config().groupCommitMillis());
  }

  /**
   * @param maxBatch     most writes per transaction (at least 1)
   * @param lingerMillis how long the first waiting write waits for others, in milliseconds (0: not at all)
   */
  public GroupCommit(Database db, int maxBatch, long lingerMillis) {
    this.db = Objects.requireNonNull(db, "db");
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
    }
    if (lingerMillis < 0) {
      throw new IllegalArgumentException("lingerMillis must not be negative, got " + lingerMillis);
    }
    this.maxBatch = maxBatch;
    this.lingerMillis = lingerMillis;
  }

  /**
   * Queues one statement (an INSERT or UPDATE with {@code ?} parameters).
   *
   * @return its row count, once committed; fails with the statement's own error
   */
  public Future<Integer> write(String sql, Tuple args) {
    Promise<Integer> done = Promise.promise();
    boolean start = false;
    boolean linger = false;
    long cancel = -1;
    synchronized (this) {
      queue.add(new Write(sql, args, done));
      if (!flushing) {
        if (lingerMillis == 0 || queue.size() >= maxBatch) {
          start = true;
          flushing = true;
          if (lingering) {
            lingering = false;
            cancel = lingerTimer;
          }
        } else if (!lingering) {
          lingering = true;
          linger = true;
        }
      }
    }
    if (cancel >= 0) {
      db.vertx().cancelTimer(cancel);
    }
    if (linger) {
      long id = db.vertx().setTimer(lingerMillis, t -> lingered());
      synchronized (this) {
        lingerTimer = id;
      }
    }
    if (start) {
      flush();
    }
    return done.future();
  }

  /**
   * Completes once every write queued so far has committed or failed (used at shutdown, before the pool
   * closes); a lingering batch starts at once. Writes queued meanwhile are waited for too.
   */
  public Future<Void> drain() {
    Promise<Void> p = Promise.promise();
    boolean start = false;
    long cancel = -1;
    synchronized (this) {
      if (!flushing && !lingering && queue.isEmpty()) {
        return Future.succeededFuture();
      }
      idle.add(p);
      if (lingering) {
        lingering = false;
        flushing = true;
        cancel = lingerTimer;
        start = true;
      }
    }
    if (cancel >= 0) {
      db.vertx().cancelTimer(cancel);
    }
    if (start) {
      flush();
    }
    return p.future();
  }

  /** The linger has passed: start the batch unless a full batch started it already. */
  private void lingered() {
    synchronized (this) {
      if (!lingering) {
        return;
      }
      lingering = false;
      flushing = true;
    }
    flush();
  }

  /** Transactions begun so far, batches and single retries (for metrics and tests). */
  public long transactions() {
    return transactions.get();
  }

  /** Writes waiting for the next transaction (for metrics and tests). */
  public synchronized int waiting() {
    return queue.size();
  }

  private void flush() {
    List<Write> batch = new ArrayList<>();
    List<Promise<Void>> waiting = List.of();
    synchronized (this) {
      while (batch.size() < maxBatch && !queue.isEmpty()) {
        batch.add(queue.poll());
      }
      if (batch.isEmpty()) {
        flushing = false;
        waiting = List.copyOf(idle);
        idle.clear();
      }
    }
    if (batch.isEmpty()) {
      waiting.forEach(Promise::tryComplete);
      return;
    }
    int[] counts = new int[batch.size()];
    transactions.incrementAndGet();
    db.backgroundPool().withTransaction(conn -> run(conn, batch, counts, 0)).onComplete(ar -> {
      if (ar.succeeded()) {
        for (int i = 0; i < batch.size(); i++) {
          batch.get(i).done().tryComplete(counts[i]);
        }
        flush();
      } else if (batch.size() == 1) {
        batch.get(0).done().tryFail(ar.cause());
        flush();
      } else {
        // one of them failed (or the transaction did): each alone, so the others still commit
        alone(batch, 0).onComplete(x -> flush());
      }
    });
  }

  private static Future<Void> run(SqlConnection conn, List<Write> batch, int[] counts, int i) {
    if (i == batch.size()) {
      return Future.succeededFuture();
    }
    Write w = batch.get(i);
    return conn.preparedQuery(w.sql()).execute(w.args()).compose(rows -> {
      counts[i] = rows.rowCount();
      return run(conn, batch, counts, i + 1);
    });
  }

  private Future<Void> alone(List<Write> batch, int i) {
    if (i == batch.size()) {
      return Future.succeededFuture();
    }
    Write w = batch.get(i);
    transactions.incrementAndGet();
    return db.backgroundPool().withTransaction(conn -> conn.preparedQuery(w.sql()).execute(w.args()))
        .onComplete(ar -> {
          if (ar.succeeded()) {
            w.done().tryComplete(ar.result().rowCount());
          } else {
            w.done().tryFail(ar.cause());
          }
        })
        .transform(x -> alone(batch, i + 1));
  }
}
