package com.personaruntime.runtime.storage;

import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A migrated database for one test class: a fresh in-memory H2 database, or a fresh schema in
 * the PostgreSQL database named by {@code PERSONA_TEST_PG_URL} (dropped again on close).
 */
public final class TestDb implements AutoCloseable {

  public final Vertx vertx;
  public final Database db;
  public final StorageConfig config;
  private final Backend backend;
  private final String schema;

  private TestDb(Vertx vertx, Database db, StorageConfig config, Backend backend, String schema) {
    this.vertx = vertx;
    this.db = db;
    this.config = config;
    this.backend = backend;
    this.schema = schema;
  }

  /** Opens (and migrates) a database; skips or fails the caller when PostgreSQL is not configured. */
  public static TestDb open(Backend backend) {
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    StorageConfig config;
    if (backend == Backend.H2) {
      config = new StorageConfig("jdbc:h2:mem:" + schema + ";DB_CLOSE_DELAY=-1", "sa", "", 8);
    } else {
      config = postgresConfig(schema);
    }
    Vertx vertx = Vertx.vertx();
    try {
      Database db = await(Database.open(vertx, config));
      return new TestDb(vertx, db, config, backend, schema);
    } catch (RuntimeException | Error e) {
      await(vertx.close());
      throw e;
    }
  }

  /** The PostgreSQL settings from the environment, with a new schema created for this test class. */
  static StorageConfig postgresConfig(String schema) {
    String url = System.getenv("PERSONA_TEST_PG_URL");
    if (url == null || url.isBlank()) {
      if ("true".equalsIgnoreCase(System.getenv("PERSONA_TEST_PG_REQUIRED"))) {
        fail("PERSONA_TEST_PG_REQUIRED=true but PERSONA_TEST_PG_URL is not set");
      }
      Assumptions.assumeTrue(false, "PostgreSQL variant skipped: set PERSONA_TEST_PG_URL (and PERSONA_TEST_PG_USER,"
          + " PERSONA_TEST_PG_PASSWORD) to run it");
    }
    String user = System.getenv("PERSONA_TEST_PG_USER");
    String password = System.getenv("PERSONA_TEST_PG_PASSWORD");
    try (Connection conn = DriverManager.getConnection(url, user, password);
         Statement st = conn.createStatement()) {
      st.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test schema in " + url + ": " + e.getMessage(), e);
    }
    String sep = url.contains("?") ? "&" : "?";
    return new StorageConfig(url + sep + "currentSchema=" + schema, user, password, 8);
  }

  public Backend backend() {
    return backend;
  }

  @Override
  public void close() {
    try {
      if (backend == Backend.H2) {
        await(db.pool().query("SHUTDOWN").execute().<Void>mapEmpty().recover(e -> Future.succeededFuture()));
      }
      await(db.close());
    } finally {
      await(vertx.close());
      if (backend == Backend.POSTGRESQL) {
        dropSchema();
      }
    }
  }

  private void dropSchema() {
    String url = System.getenv("PERSONA_TEST_PG_URL");
    try (Connection conn = DriverManager.getConnection(url, System.getenv("PERSONA_TEST_PG_USER"),
        System.getenv("PERSONA_TEST_PG_PASSWORD"));
         Statement st = conn.createStatement()) {
      st.execute("DROP SCHEMA " + schema.toLowerCase(Locale.ROOT) + " CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop test schema " + schema + ": " + e.getMessage(), e);
    }
  }

  /** Waits for a future (at most 60 s) and returns its result, rethrowing its failure. */
  public static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("future did not complete within 60 s", e);
    }
  }

  /** The failure of a future that must fail. */
  public static Throwable failure(Future<?> future) {
    try {
      Object value = await(future);
      throw new AssertionError("expected a failure, got " + value);
    } catch (RuntimeException e) {
      return e;
    }
  }
}
