package com.personaruntime.runtime.storage;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2 trigger that refuses every UPDATE and DELETE on the table it is attached to (the audit
 * log). Installed by the H2 migration {@code V1_1}; the PostgreSQL migration does the same
 * with a PL/pgSQL trigger. Internal: referenced by name from SQL only.
 */
public final class H2AppendOnlyTrigger implements Trigger {

  private String table = "audit_log";

  @Override
  public void init(Connection conn, String schemaName, String triggerName, String tableName,
      boolean before, int type) {
    this.table = tableName.toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
    String op = newRow == null ? "DELETE" : "UPDATE";
    throw new SQLException(table + " is append-only: " + op + " is not allowed", "42501");
  }
}
