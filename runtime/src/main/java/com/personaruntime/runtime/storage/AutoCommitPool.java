package com.personaruntime.runtime.storage;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PrepareOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Query;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.SqlResult;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collector;

/*
 * Works around vert-x3/vertx-jdbc-client#356 (fixed upstream by PR #358, not in 5.0.10):
 * after any withTransaction the pooled java.sql.Connection keeps autocommit=false, so a later
 * plain pool.query(...) on it runs in an implicit transaction that is never committed — its
 * writes stay invisible to other connections and are lost when an unrelated later transaction
 * on that connection rolls back. Here every pool-level query runs in its own explicit
 * transaction (BEGIN/COMMIT), and withConnection is a transaction too, so a statement that
 * reports success is durable. Drop this class once the JDBC client is upgraded.
 */
final class AutoCommitPool implements Pool {

  private final Pool delegate;
  private final boolean checkpoint;

  AutoCommitPool(Pool delegate) {
    this(delegate, false);
  }

  /**
   * @param checkpoint after each transaction that may have written (every {@code withTransaction} and
   *                   {@code withConnection}, and single statements other than SELECT/WITH/VALUES/EXPLAIN),
   *                   run H2's {@code CHECKPOINT} before answering, so the change is in the file (not only in
   *                   H2's write buffer) when the caller hears of it; see {@link Database#checkpointsWrites}
   */
  AutoCommitPool(Pool delegate, boolean checkpoint) {
    this.delegate = delegate;
    this.checkpoint = checkpoint;
  }

  /** Runs {@code function} in a transaction, then, for a write on a checkpointing pool, flushes it to the file. */
  private <T> Future<T> tx(Function<SqlConnection, Future<T>> function, boolean write) {
    Future<T> done = delegate.withTransaction(function);
    if (!checkpoint || !write) {
      return done;
    }
    return done.compose(result -> delegate.withTransaction(c -> c.query("CHECKPOINT").execute()).map(result));
  }

  /** Whether one statement may write (anything but a read). */
  static boolean mayWrite(String sql) {
    int i = 0;
    while (i < sql.length() && (Character.isWhitespace(sql.charAt(i)) || sql.charAt(i) == '(')) {
      i++;
    }
    String head = sql.substring(i, Math.min(sql.length(), i + 8)).toUpperCase(java.util.Locale.ROOT);
    return !(head.startsWith("SELECT") || head.startsWith("WITH") || head.startsWith("VALUES")
        || head.startsWith("EXPLAIN") || head.startsWith("TABLE "));
  }

  @Override
  public Future<SqlConnection> getConnection() {
    return delegate.getConnection();
  }

  @Override
  public Query<RowSet<Row>> query(String sql) {
    return new TxQuery<>(this, mayWrite(sql), conn -> conn.query(sql));
  }

  @Override
  public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
    return new TxPreparedQuery<>(this, mayWrite(sql), conn -> conn.preparedQuery(sql));
  }

  @Override
  public PreparedQuery<RowSet<Row>> preparedQuery(String sql, PrepareOptions options) {
    return new TxPreparedQuery<>(this, mayWrite(sql), conn -> conn.preparedQuery(sql, options));
  }

  @Override
  public <T> Future<T> withTransaction(Function<SqlConnection, Future<T>> function) {
    return tx(function, true);
  }

  /** A transaction as well: see the class comment. */
  @Override
  public <T> Future<T> withConnection(Function<SqlConnection, Future<T>> function) {
    return tx(function, true);
  }

  @Override
  public int size() {
    return delegate.size();
  }

  @Override
  public Future<Void> close() {
    return delegate.close();
  }

  private static final class TxQuery<T> implements Query<T> {
    private final AutoCommitPool pool;
    private final boolean write;
    private final Function<SqlConnection, Query<T>> make;

    TxQuery(AutoCommitPool pool, boolean write, Function<SqlConnection, Query<T>> make) {
      this.pool = pool;
      this.write = write;
      this.make = make;
    }

    @Override
    public Future<T> execute() {
      return pool.tx(conn -> make.apply(conn).execute(), write);
    }

    @Override
    public <R> Query<SqlResult<R>> collecting(Collector<Row, ?, R> collector) {
      return new TxQuery<>(pool, write, conn -> make.apply(conn).collecting(collector));
    }

    @Override
    public <U> Query<RowSet<U>> mapping(Function<Row, U> mapper) {
      return new TxQuery<>(pool, write, conn -> make.apply(conn).mapping(mapper));
    }
  }

  private static final class TxPreparedQuery<T> implements PreparedQuery<T> {
    private final AutoCommitPool pool;
    private final boolean write;
    private final Function<SqlConnection, PreparedQuery<T>> make;

    TxPreparedQuery(AutoCommitPool pool, boolean write, Function<SqlConnection, PreparedQuery<T>> make) {
      this.pool = pool;
      this.write = write;
      this.make = make;
    }

    @Override
    public Future<T> execute() {
      return pool.tx(conn -> make.apply(conn).execute(), write);
    }

    @Override
    public Future<T> execute(Tuple tuple) {
      return pool.tx(conn -> make.apply(conn).execute(tuple), write);
    }

    @Override
    public Future<T> executeBatch(List<Tuple> batch) {
      return pool.tx(conn -> make.apply(conn).executeBatch(batch), write);
    }

    @Override
    public <R> PreparedQuery<SqlResult<R>> collecting(Collector<Row, ?, R> collector) {
      return new TxPreparedQuery<>(pool, write, conn -> make.apply(conn).collecting(collector));
    }

    @Override
    public <U> PreparedQuery<RowSet<U>> mapping(Function<Row, U> mapper) {
      return new TxPreparedQuery<>(pool, write, conn -> make.apply(conn).mapping(mapper));
    }
  }
}
