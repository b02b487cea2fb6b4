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
 * <p>Within a batch, writes of the same statement go to the database together as one JDBC batch
 * ({@code executeBatch}: one hop to the JDBC client's worker and one statement preparation for all of them
 * instead of one each). Writes to one table keep the order they were queued in; writes to different tables
 * may be applied in another order inside the transaction, so a write must not rely on another write of
 * the same batch to a different table (one that needs another's row waits for that write's future first,
 * as every caller here does: a turn waits for its conversation's row, its signals for the turn).
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

  record Write(String sql, Tuple args, Promise<Integer> done) {
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
    db.backgroundPool().withTransaction(conn -> runGroups(conn, batch, groups(batch), counts, 0)).onComplete(ar -> {
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

  /**
   * The batch's writes as JDBC batches: indexes of writes with the same statement, in queue order, each list
   * started by its first write. A write joins the open list of its statement unless a different statement on
   * the same table was queued since that list opened (then it starts a new one), so one table's writes are
   * applied in the order they were queued.
   */
  static List<List<Integer>> groups(List<Write> batch) {
    List<List<Integer>> groups = new ArrayList<>();
    java.util.Map<String, List<Integer>> open = new java.util.HashMap<>();
    java.util.Map<String, String> openSqlByTable = new java.util.HashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      String sql = batch.get(i).sql();
      String table = table(sql);
      String other = openSqlByTable.get(table);
      if (other != null && !other.equals(sql)) {
        open.remove(other); // another statement on this table came between: keep the table's order
      }
      openSqlByTable.put(table, sql);
      List<Integer> group = open.get(sql);
      if (group == null) {
        group = new ArrayList<>();
        groups.add(group);
        open.put(sql, group);
      }
      group.add(i);
    }
    return groups;
  }

  /** The table a write changes: the word after {@code INSERT INTO}, {@code UPDATE} or {@code DELETE FROM}; else the statement. */
  static String table(String sql) {
    String s = sql.stripLeading();
    String upper = s.length() > 12 ? s.substring(0, 12).toUpperCase(java.util.Locale.ROOT) : s.toUpperCase(java.util.Locale.ROOT);
    int from = upper.startsWith("INSERT INTO ") ? 12 : upper.startsWith("UPDATE ") ? 7
        : upper.startsWith("DELETE FROM ") ? 12 : -1;
    if (from < 0) {
      return s;
    }
    int end = from;
    while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != '(') {
      end++;
    }
    return s.substring(from, end).toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * A batch element's update count; a driver that reports JDBC's SUCCESS_NO_INFO (-2) ran the statement
   * without saying how many rows it changed: counted as one.
   */
  private static int updateCount(Object value) {
    int n = value instanceof Number number ? number.intValue() : 0;
    return n < 0 ? 1 : n;
  }

  private static Future<Void> runGroups(SqlConnection conn, List<Write> batch, List<List<Integer>> groups,
      int[] counts, int g) {
    if (g == groups.size()) {
      return Future.succeededFuture();
    }
    List<Integer> group = groups.get(g);
    Write first = batch.get(group.get(0));
    if (group.size() == 1) {
      return conn.preparedQuery(first.sql()).execute(first.args()).compose(rows -> {
        counts[group.get(0)] = rows.rowCount();
        return runGroups(conn, batch, groups, counts, g + 1);
      });
    }
    List<Tuple> args = new ArrayList<>(group.size());
    for (int i : group) {
      args.add(batch.get(i).args());
    }
    return conn.preparedQuery(first.sql()).executeBatch(args).compose(rows -> {
      if (rows.next() == null && rows.size() == group.size()) {
        // Vert.x's JDBC client answers a batch with one row per statement holding its update count
        int k = 0;
        for (io.vertx.sqlclient.Row row : rows) {
          counts[group.get(k++)] = updateCount(row.getValue(0));
        }
      } else {
        // the reactive clients: one result per statement, chained
        io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row> r = rows;
        for (int i : group) {
          counts[i] = r == null ? 0 : updateCount(r.rowCount());
          r = r == null ? null : r.next();
        }
      }
      return runGroups(conn, batch, groups, counts, g + 1);
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
