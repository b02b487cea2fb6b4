package com.personaruntime.runtime.storage;

import static com.personaruntime.runtime.storage.TestDb.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/**
 * Regression test for vert-x3/vertx-jdbc-client#356: after a transaction, a plain pool write
 * must still be committed (visible to another connection, and not undone by a later rollback).
 */
abstract class JdbcClientIssue356Contract extends DbContract {

  @Test
  void plainWritesAfterATransactionAreCommitted() throws Exception {
    var pool = db.pool();
    await(pool.query("CREATE TABLE issue356 (id INT PRIMARY KEY, v INT)").execute());
    await(pool.query("INSERT INTO issue356 VALUES (1, 0)").execute());
    for (int i = 0; i < 10; i++) {
      await(pool.withTransaction(c -> c.query("SELECT * FROM issue356").execute()));
    }
    await(pool.query("UPDATE issue356 SET v = 1").execute());
    assertThat(readFromAnotherConnection()).isEqualTo(1);

    for (int i = 0; i < 10; i++) {
      await(pool.withTransaction(c -> c.query("SELECT * FROM issue356").execute()
              .compose(r -> Future.failedFuture("roll back")))
          .recover(e -> Future.succeededFuture()));
    }
    assertThat(readFromAnotherConnection()).isEqualTo(1);
    await(pool.withConnection(c -> c.query("UPDATE issue356 SET v = 2").execute()));
    assertThat(readFromAnotherConnection()).isEqualTo(2);
  }

  private int readFromAnotherConnection() throws Exception {
    try (Connection conn = DriverManager.getConnection(t.config.url(), t.config.user(), t.config.password());
         ResultSet rs = conn.createStatement().executeQuery("SELECT v FROM issue356 WHERE id = 1")) {
      assertThat(rs.next()).isTrue();
      return rs.getInt(1);
    }
  }
}

class JdbcClientIssue356H2Test extends JdbcClientIssue356Contract {
  @Override
  protected Backend backend() {
    return Backend.H2;
  }
}

class JdbcClientIssue356PostgresTest extends JdbcClientIssue356Contract {
  @Override
  protected Backend backend() {
    return Backend.POSTGRESQL;
  }
}
