package com.personaruntime.runtime.storage;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Internal helpers shared by the repositories of this module: reading columns by name
 * regardless of case (H2 answers upper-case names, PostgreSQL lower-case), converting
 * timestamps, recognising constraint violations. Public only so that the {@code auth} and
 * {@code audit} packages can use it; not an API for other modules.
 */
public final class Sql {

  private Sql() {
  }

  /** A new random record id (UUID string). */
  public static String newId() {
    return UUID.randomUUID().toString();
  }

  /**
   * An instant as a query parameter: a UTC {@link OffsetDateTime}, truncated to microseconds
   * (PostgreSQL's precision), or {@code null}.
   */
  public static OffsetDateTime ts(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }

  /** An instant truncated to the database precision, to compare with what is read back. */
  public static Instant micros(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
  }

  /** The index of a column, matched case-insensitively. */
  public static int column(Row row, String name) {
    int index = row.getColumnIndex(name);
    if (index >= 0) {
      return index;
    }
    index = row.getColumnIndex(name.toUpperCase(Locale.ROOT));
    if (index >= 0) {
      return index;
    }
    for (int i = 0; i < row.size(); i++) {
      if (name.equalsIgnoreCase(row.getColumnName(i))) {
        return i;
      }
    }
    throw new StorageException("result has no column '" + name + "'");
  }

  /** A nullable value of a column. */
  public static Object value(Row row, String name) {
    return row.getValue(column(row, name));
  }

  /** A nullable text column. */
  public static String string(Row row, String name) {
    Object value = value(row, name);
    return value == null ? null : value.toString();
  }

  /** A nullable integer column. */
  public static Integer integer(Row row, String name) {
    Object value = value(row, name);
    return value == null ? null : ((Number) value).intValue();
  }

  /** A nullable long column. */
  public static Long longValue(Row row, String name) {
    Object value = value(row, name);
    return value == null ? null : ((Number) value).longValue();
  }

  /** A boolean column ({@code null} reads as false). */
  public static boolean bool(Row row, String name) {
    Object value = value(row, name);
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof Number n) {
      return n.intValue() != 0;
    }
    return Boolean.parseBoolean(value.toString());
  }

  /** A nullable timestamp column as an instant (a zone-less value is taken as UTC). */
  public static Instant instant(Row row, String name) {
    Object value = value(row, name);
    if (value == null) {
      return null;
    }
    if (value instanceof OffsetDateTime odt) {
      return odt.toInstant();
    }
    if (value instanceof Instant i) {
      return i;
    }
    if (value instanceof LocalDateTime ldt) {
      return ldt.toInstant(ZoneOffset.UTC);
    }
    if (value instanceof Timestamp t) {
      return t.toInstant();
    }
    if (value instanceof java.time.ZonedDateTime zdt) {
      return zdt.toInstant();
    }
    return OffsetDateTime.parse(value.toString()).toInstant();
  }

  /** Maps every row. */
  public static <T> List<T> list(RowSet<Row> rows, Function<Row, T> mapper) {
    List<T> out = new ArrayList<>(rows.size());
    for (Row row : rows) {
      out.add(mapper.apply(row));
    }
    return out;
  }

  /** Maps the first row, if any. */
  public static <T> Optional<T> first(RowSet<Row> rows, Function<Row, T> mapper) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(mapper.apply(it.next())) : Optional.empty();
  }

  /** The SQLState of the first {@link SQLException} in the failure's cause chain, or {@code ""}. */
  public static String sqlState(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return "";
  }

  /**
   * Whether a failure is a foreign-key violation: a referenced row is missing (SQLState 23503
   * on PostgreSQL, 23506 on H2).
   */
  public static boolean isForeignKeyViolation(Throwable failure) {
    String state = sqlState(failure);
    return state.equals("23503") || state.equals("23506");
  }

  /** Whether a failure is a unique-key violation (SQLState 23505 on PostgreSQL and H2). */
  public static boolean isUniqueViolation(Throwable failure) {
    return sqlState(failure).equals("23505");
  }

  /** Whether a failure (or one of its causes) is an integrity-constraint violation (SQLState 23xxx). */
  public static boolean isConstraintViolation(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** Turns a constraint violation into a {@link ConflictException} with the given message. */
  public static <T> Future<T> conflictAs(Throwable failure, String message) {
    if (isConstraintViolation(failure)) {
      return Future.failedFuture(new ConflictException(message, failure));
    }
    return Future.failedFuture(failure);
  }

  /** Fails with {@link IllegalArgumentException} unless the text is non-blank and at most {@code max} chars. */
  public static String requireText(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    if (value.length() > max) {
      throw new IllegalArgumentException(field + " must be at most " + max + " characters, got " + value.length());
    }
    return value;
  }
}
