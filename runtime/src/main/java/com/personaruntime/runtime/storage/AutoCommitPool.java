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

  AutoCommitPool(Pool delegate) {
    this.delegate = delegate;
  }

  @Override
  public Future<SqlConnection> getConnection() {
    return delegate.getConnection();
  }

  @Override
  public Query<RowSet<Row>> query(String sql) {
    return new TxQuery<>(delegate, conn -> conn.query(sql));
  }

  @Override
  public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
    return new TxPreparedQuery<>(delegate, conn -> conn.preparedQuery(sql));
  }

  @Override
  public PreparedQuery<RowSet<Row>> preparedQuery(String sql, PrepareOptions options) {
    return new TxPreparedQuery<>(delegate, conn -> conn.preparedQuery(sql, options));
  }

  @Override
  public <T> Future<T> withTransaction(Function<SqlConnection, Future<T>> function) {
    return delegate.withTransaction(function);
  }

  /** A transaction as well: see the class comment. */
  @Override
  public <T> Future<T> withConnection(Function<SqlConnection, Future<T>> function) {
    return delegate.withTransaction(function);
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
    private final Pool pool;
    private final Function<SqlConnection, Query<T>> make;

    TxQuery(Pool pool, Function<SqlConnection, Query<T>> make) {
      this.pool = pool;
      this.make = make;
    }

    @Override
    public Future<T> execute() {
      return pool.withTransaction(conn -> make.apply(conn).execute());
    }

    @Override
    public <R> Query<SqlResult<R>> collecting(Collector<Row, ?, R> collector) {
      return new TxQuery<>(pool, conn -> make.apply(conn).collecting(collector));
    }

    @Override
    public <U> Query<RowSet<U>> mapping(Function<Row, U> mapper) {
      return new TxQuery<>(pool, conn -> make.apply(conn).mapping(mapper));
    }
  }

  private static final class TxPreparedQuery<T> implements PreparedQuery<T> {
    private final Pool pool;
    private final Function<SqlConnection, PreparedQuery<T>> make;

    TxPreparedQuery(Pool pool, Function<SqlConnection, PreparedQuery<T>> make) {
      this.pool = pool;
      this.make = make;
    }

    @Override
    public Future<T> execute() {
      return pool.withTransaction(conn -> make.apply(conn).execute());
    }

    @Override
    public Future<T> execute(Tuple tuple) {
      return pool.withTransaction(conn -> make.apply(conn).execute(tuple));
    }

    @Override
    public Future<T> executeBatch(List<Tuple> batch) {
      return pool.withTransaction(conn -> make.apply(conn).executeBatch(batch));
    }

    @Override
    public <R> PreparedQuery<SqlResult<R>> collecting(Collector<Row, ?, R> collector) {
      return new TxPreparedQuery<>(pool, conn -> make.apply(conn).collecting(collector));
    }

    @Override
    public <U> PreparedQuery<RowSet<U>> mapping(Function<Row, U> mapper) {
      return new TxPreparedQuery<>(pool, conn -> make.apply(conn).mapping(mapper));
    }
  }
}
