package com.personaruntime.runtime.storage;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The append-only audit log. There is deliberately no update or delete here; the database
 * refuses them too (a trigger on PostgreSQL and on H2).
 */
public final class AuditLog {

  /** Upper bound for {@link #list(String, int)}. */
  public static final int MAX_LIMIT = 1000;

  private static final String COLUMNS = "id, at, actor, brand_id, action, target_type, target_id, details";

  private final Database db;
  private final Clock clock;

  /** With the system UTC clock. */
  public AuditLog(Database db) {
    this(db, Clock.systemUTC());
  }

  /** With the given clock for {@code at}. */
  public AuditLog(Database db, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Appends an entry. {@code brandId}, {@code targetId} and {@code detailsJson} may be {@code null}. */
  public Future<Void> append(String actor, String brandId, String action, String targetType, String targetId,
      String detailsJson) {
    return append(db.pool(), actor, brandId, action, targetType, targetId, detailsJson);
  }

  /**
   * Appends an entry through the given client, e.g. the connection of a running transaction,
   * so that the entry commits or rolls back with the change it describes.
   */
  public Future<Void> append(SqlClient client, String actor, String brandId, String action, String targetType,
      String targetId, String detailsJson) {
    try {
      Sql.requireText("audit actor", actor, 320);
      Sql.requireText("audit action", action, 100);
      Sql.requireText("audit target type", targetType, 50);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return client.preparedQuery("INSERT INTO audit_log (at, actor, brand_id, action, target_type, target_id, details)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)")
        .execute(Tuple.from(new Object[] {Sql.ts(clock.instant()), actor, brandId, action, targetType, targetId,
            detailsJson}))
        .mapEmpty();
  }

  /**
   * The newest entries first, at most {@code limit} (capped at {@link #MAX_LIMIT}). With a
   * brand id only that brand's entries; with {@code null} every entry (platform admins).
   */
  public Future<List<AuditEvent>> list(String brandId, int limit) {
    int capped = Math.max(1, Math.min(limit, MAX_LIMIT));
    if (brandId == null) {
      return db.pool().preparedQuery("SELECT " + COLUMNS + " FROM audit_log ORDER BY id DESC FETCH FIRST "
              + capped + " ROWS ONLY")
          .execute(Tuple.tuple())
          .map(rows -> Sql.list(rows, AuditLog::map));
    }
    return db.pool().preparedQuery("SELECT " + COLUMNS + " FROM audit_log WHERE brand_id = ?"
            + " ORDER BY id DESC FETCH FIRST " + capped + " ROWS ONLY")
        .execute(Tuple.of(brandId))
        .map(rows -> Sql.list(rows, AuditLog::map));
  }

  static AuditEvent map(Row row) {
    return new AuditEvent(Sql.longValue(row, "id"), Sql.instant(row, "at"), Sql.string(row, "actor"),
        Sql.string(row, "brand_id"), Sql.string(row, "action"), Sql.string(row, "target_type"),
        Sql.string(row, "target_id"), Sql.string(row, "details"));
  }
}
