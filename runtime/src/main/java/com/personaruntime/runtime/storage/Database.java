package com.personaruntime.runtime.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.jdbcclient.JDBCConnectOptions;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application database: schema migrated by Flyway, then reached through Vert.x's JDBC
 * pool. Every query goes through {@link #pool()} and returns a {@link Future}; the blocking
 * start-up work (directory creation, migrations) runs on a worker thread.
 *
 * <p>Migrations live in {@code db/migration/common} (portable SQL, run on every vendor) and
 * {@code db/migration/<vendor>} (vendor-specific additions such as PostgreSQL triggers).
 */
public final class Database {

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private final Vertx vertx;
  private final StorageConfig config;
  private final String vendor;
  private final Pool pool;
  /** For background writes (group commit): no checkpoint after each transaction. */
  private final Pool background;

  private Database(Vertx vertx, StorageConfig config, String vendor, Pool pool, Pool background) {
    this.vertx = vertx;
    this.config = config;
    this.vendor = vendor;
    this.pool = pool;
    this.background = background;
  }

  /**
   * Migrates the schema (off the event loop) and opens the pool. Fails with a
   * {@link StorageException} naming the URL (password masked) when the database cannot be
   * reached or a migration fails, and with {@link IllegalArgumentException} for an unsupported URL.
   */
  public static Future<Database> open(Vertx vertx, StorageConfig configured) {
    String vendor;
    try {
      vendor = configured.vendor();
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    StorageConfig config = configured;
    String url = openedUrl(config.url(), Runtime.getRuntime().maxMemory());
    return vertx.executeBlocking(() -> migrate(config, url, vendor), false)
        .map(result -> {
          Pool raw = JDBCPool.pool(vertx,
              new JDBCConnectOptions()
                  .setJdbcUrl(url)
                  .setUser(config.user())
                  .setPassword(config.password()),
              new PoolOptions().setMaxSize(config.maxPoolSize()));
          boolean checkpoint = checkpointsWrites(config);
          Pool pool = new AutoCommitPool(raw, checkpoint);
          Pool background = checkpoint ? new AutoCommitPool(raw, false) : pool;
          LOG.info("database {} ready ({}; schema version {}, {} migration(s) applied now)",
              config.redactedUrl(), vendor, result.targetSchemaVersion == null ? "unchanged" : result.targetSchemaVersion,
              result.migrationsExecuted);
          return new Database(vertx, config, vendor, pool, background);
        });
  }

  /** Migrates the schema through {@code url} (the URL the pool opens too, see {@link #openedUrl}). */
  private static MigrateResult migrate(StorageConfig config, String url, String vendor) {
    try {
      if (vendor.equals("h2")) {
        Path file = h2File(config.url());
        if (file != null) {
          H2StoreCheck.beforeOpen(file);
        }
        createH2Directory(config.url());
      }
      return Flyway.configure(Database.class.getClassLoader())
          .dataSource(url, config.user(), config.password())
          .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
          .failOnMissingLocations(false)
          // capabilities reserve their own version ranges (V4 security, V5 console, V6 moderation, V7 posts,
          // V8 insights, V9 cluster) and landed in a different order: a store migrated before one of them
          // landed takes the lower-numbered migration late instead of refusing to start
          .outOfOrder(true)
          .load()
          .migrate();
    } catch (StorageException e) {
      throw e;
    } catch (RuntimeException | java.io.IOException e) {
      String message = config.scrub(rootMessage(e));
      Path file = vendor.equals("h2") ? h2File(config.url()) : null;
      if (file != null && message.toLowerCase(Locale.ROOT).contains("corrupt")) {
        throw new StorageException(H2StoreCheck.damaged(file, message), null);
      }
      throw new StorageException("cannot open database " + config.redactedUrl() + ": " + message, null);
    }
  }

  /**
   * Whether the pool runs H2's {@code CHECKPOINT} after each write transaction before answering: for an H2
   * file whose URL leaves {@code WRITE_DELAY} at H2's default (500 ms). The URL is opened as written: H2's
   * background writer thread also re-writes mostly-empty chunks of the file. With {@code WRITE_DELAY=0}
   * (one chunk appended per commit, H2 2.5.252) H2 runs no background thread and so no housekeeping at all,
   * and in a 30-minute load-tool soak at 52 replies/s the file grew by about 65 MiB a minute, the CPU cost of
   * every write grew with it, and storage fell behind (docs/benchmarks.md). Then a write answered to a caller (an API
   * update answered 200, an outbox claim) is in the file and survives a kill -9, while the background writes
   * of the group commit (transcript turns, turn signals, conversations) reach the file with H2's next
   * background write, within about half a second; a kill -9 can lose those last ones.
   */
  static boolean checkpointsWrites(StorageConfig config) {
    String upper = config.url().toUpperCase(Locale.ROOT);
    return upper.startsWith("JDBC:H2:") && h2File(config.url()) != null && !upper.contains("WRITE_DELAY");
  }

  /** Largest page cache given to an embedded H2 file by default (H2's own default is 16 MiB). */
  static final int H2_CACHE_MAX_KB = 64 * 1024;

  /**
   * The URL the database is opened with: the operator's URL, plus, for an embedded H2 file whose URL does not
   * set {@code CACHE_SIZE}, a page cache of a sixteenth of the JVM's maximum heap between H2's default 16 MiB
   * and {@value #H2_CACHE_MAX_KB} KiB. With the default 16 MiB a load-tool run at ~106 replies/s re-read and
   * decoded pages of the transcript and turn-signal indexes for every turn (H2 page reads were an eighth of
   * the server's allocation, each page a burst of garbage); 64 MiB halved that (docs/benchmarks.md).
   *
   * @param url        the configured JDBC URL
   * @param maxHeapBytes the JVM's maximum heap ({@link Runtime#maxMemory()})
   */
  static String openedUrl(String url, long maxHeapBytes) {
    if (!url.regionMatches(true, 0, "jdbc:h2:", 0, "jdbc:h2:".length()) || h2File(url) == null
        || url.toUpperCase(Locale.ROOT).contains("CACHE_SIZE")) {
      return url;
    }
    long kb = Math.max(16 * 1024, Math.min(H2_CACHE_MAX_KB, maxHeapBytes / 16 / 1024));
    return kb == 16 * 1024 ? url : url + ";CACHE_SIZE=" + kb;
  }

  /** The {@code .mv.db} file of an embedded H2 file URL, or null for in-memory and server URLs. */
  static Path h2File(String url) {
    String rest = url.substring("jdbc:h2:".length());
    String lower = rest.toLowerCase(Locale.ROOT);
    if (lower.startsWith("mem:") || lower.startsWith("tcp:") || lower.startsWith("ssl:")
        || lower.startsWith("zip:")) {
      return null;
    }
    if (lower.startsWith("file:")) {
      rest = rest.substring("file:".length());
    }
    int semicolon = rest.indexOf(';');
    String file = semicolon >= 0 ? rest.substring(0, semicolon) : rest;
    if (file.startsWith("~")) {
      file = System.getProperty("user.home") + file.substring(1);
    }
    return Path.of(file + ".mv.db").toAbsolutePath().normalize();
  }

  private static String rootMessage(Throwable e) {
    StringBuilder out = new StringBuilder(String.valueOf(e.getMessage()));
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != e && root.getMessage() != null && !out.toString().contains(root.getMessage())) {
      out.append(" (").append(root.getMessage()).append(')');
    }
    return out.toString().strip();
  }

  /** H2 file URLs: make sure the parent folder exists (for the default {@code ./data}). */
  private static void createH2Directory(String url) throws java.io.IOException {
    String rest = url.substring("jdbc:h2:".length());
    String lower = rest.toLowerCase(Locale.ROOT);
    if (lower.startsWith("mem:") || lower.startsWith("tcp:") || lower.startsWith("ssl:")
        || lower.startsWith("zip:")) {
      return;
    }
    if (lower.startsWith("file:")) {
      rest = rest.substring("file:".length());
    }
    int semicolon = rest.indexOf(';');
    String file = semicolon >= 0 ? rest.substring(0, semicolon) : rest;
    if (file.startsWith("~")) {
      file = System.getProperty("user.home") + file.substring(1);
    }
    Path parent = Path.of(file).toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }

  /**
   * The Vert.x SQL pool; use {@code withTransaction} for multi-statement changes. Every
   * pool-level query commits on its own (a guard against vert-x3/vertx-jdbc-client#356, where
   * connections keep autocommit off after a transaction); {@code withConnection} runs as a
   * transaction. Avoid {@code getConnection()} unless you commit explicitly.
   */
  private volatile GroupCommit groupCommit;

  /**
   * The database's group commit for small independent writes (transcript turns, turn signals,
   * conversations): see {@link GroupCommit}. One per database, created on first use.
   */
  public GroupCommit groupCommit() {
    GroupCommit g = groupCommit;
    if (g == null) {
      synchronized (this) {
        g = groupCommit;
        if (g == null) {
          g = new GroupCommit(this);
          groupCommit = g;
        }
      }
    }
    return g;
  }

  public Pool pool() {
    return pool;
  }

  /**
   * The pool for background writes that nobody waits on (the {@link GroupCommit}): the same connections as
   * {@link #pool()}, without the per-transaction {@code CHECKPOINT} of an H2 file (see
   * {@link #checkpointsWrites}); on other stores it is {@link #pool()}.
   */
  Pool backgroundPool() {
    return background;
  }

  /** {@code "h2"} or {@code "postgresql"}. */
  public String vendor() {
    return vendor;
  }

  /** The configuration this database was opened with. */
  public StorageConfig config() {
    return config;
  }

  /** The Vert.x instance the pool runs on. */
  public Vertx vertx() {
    return vertx;
  }

  /** Closes the pool; in-flight queries complete first. */
  public Future<Void> close() {
    return pool.close();
  }

  @Override
  public String toString() {
    return "Database[" + vendor + ", " + config.redactedUrl() + "]";
  }
}
