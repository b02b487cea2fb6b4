package com.personaruntime.runtime.storage;

import static com.personaruntime.runtime.storage.TestDb.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An H2 file opened with H2's default write delay: a write answered through {@link Database#pool()} is
 * already in the file (checkpointed), reads are not checkpointed, and the group commit's background pool
 * leaves its writes to H2's background writer.
 */
class H2CheckpointTest {

  @TempDir
  Path dir;

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    await(vertx.close());
  }

  @Test
  void whoCheckpoints() {
    assertThat(Database.checkpointsWrites(StorageConfig.of("jdbc:h2:file:./data/x", "sa", ""))).isTrue();
    assertThat(Database.checkpointsWrites(StorageConfig.of("jdbc:h2:./data/x;MODE=PostgreSQL", "sa", ""))).isTrue();
    assertThat(Database.checkpointsWrites(StorageConfig.of("jdbc:h2:file:./data/x;WRITE_DELAY=0", "sa", "")))
        .as("every commit is written at once already").isFalse();
    assertThat(Database.checkpointsWrites(StorageConfig.of("jdbc:h2:mem:x", "sa", ""))).isFalse();
    assertThat(Database.checkpointsWrites(StorageConfig.of("jdbc:postgresql://127.0.0.1/x", "u", "p"))).isFalse();
    assertThat(AutoCommitPool.mayWrite("  SELECT 1")).isFalse();
    assertThat(AutoCommitPool.mayWrite("with t as (select 1) select * from t")).isFalse();
    assertThat(AutoCommitPool.mayWrite("(SELECT 1) UNION (SELECT 2)")).isFalse();
    assertThat(AutoCommitPool.mayWrite("INSERT INTO t VALUES (1)")).isTrue();
    assertThat(AutoCommitPool.mayWrite("update t set v = 1")).isTrue();
    assertThat(AutoCommitPool.mayWrite("DELETE FROM t")).isTrue();
  }

  @Test
  void anEmbeddedFileGetsAPageCacheSizedByTheHeapUnlessItsUrlSetsOne() {
    long gib = 1024L * 1024 * 1024;
    assertThat(Database.openedUrl("jdbc:h2:file:./data/x", gib)).isEqualTo("jdbc:h2:file:./data/x;CACHE_SIZE=65536");
    assertThat(Database.openedUrl("jdbc:h2:file:./data/x", 512L * 1024 * 1024))
        .isEqualTo("jdbc:h2:file:./data/x;CACHE_SIZE=32768");
    assertThat(Database.openedUrl("jdbc:h2:file:./data/x", 8 * gib)).endsWith(";CACHE_SIZE=65536");
    assertThat(Database.openedUrl("jdbc:h2:file:./data/x", 256L * 1024 * 1024))
        .as("a small heap keeps H2's default 16 MiB").isEqualTo("jdbc:h2:file:./data/x");
    assertThat(Database.openedUrl("jdbc:h2:file:./data/x;cache_size=1024", gib))
        .as("the operator's setting wins").isEqualTo("jdbc:h2:file:./data/x;cache_size=1024");
    assertThat(Database.openedUrl("jdbc:h2:mem:x", gib)).isEqualTo("jdbc:h2:mem:x");
    assertThat(Database.openedUrl("jdbc:postgresql://127.0.0.1/x", gib)).isEqualTo("jdbc:postgresql://127.0.0.1/x");
  }

  @Test
  void aFileOpenedWithTheLargerCacheUsesIt() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("cache").toAbsolutePath();
    Database db = await(Database.open(vertx, new StorageConfig(url, "sa", "", 4, 0)));
    try {
      String expected = String.valueOf(Math.max(16, Math.min(64, Runtime.getRuntime().maxMemory() / 16 / 1024 / 1024)));
      var rows = await(db.pool().query(
          "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.CACHE_MAX_SIZE'").execute());
      assertThat(rows.iterator().next().getString(0)).as("MiB").isEqualTo(expected);
    } finally {
      await(db.close());
    }
  }

  @Test
  void anAnsweredWriteIsInTheFileABackgroundOneWaitsForH2sWriter() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
    Database db = await(Database.open(vertx, new StorageConfig(url, "sa", "", 4, 0)));
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      MVStore store = ((SessionLocal) c.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore()
          .getMvStore();
      await(db.pool().query("CREATE TABLE notes (id INT PRIMARY KEY, v VARCHAR(20))").execute());
      // a write through the pool: checkpointed before the future completes
      await(db.pool().preparedQuery("INSERT INTO notes (id, v) VALUES (?, ?)").execute(Tuple.of(1, "answered")));
      assertThat(store.hasUnsavedChanges()).as("in the file when answered").isFalse();
      // a background write: committed (visible) but left in H2's write buffer
      await(db.backgroundPool().preparedQuery("INSERT INTO notes (id, v) VALUES (?, ?)")
          .execute(Tuple.of(2, "background")));
      assertThat(store.hasUnsavedChanges()).as("not checkpointed").isTrue();
      // and a read does not checkpoint it
      await(db.pool().query("SELECT COUNT(*) FROM notes").execute());
      assertThat(store.hasUnsavedChanges()).isTrue();
    } finally {
      await(db.close());
    }
  }
}
