package com.personaruntime.runtime.storage;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Users and their brand memberships. E-mails are stored and compared in lower case. */
public final class UserRepository {

  private static final String COLUMNS =
      "id, email, password_hash, display_name, platform_admin, disabled, created_at";

  private final Database db;
  private final Clock clock;

  /** With the system UTC clock. */
  public UserRepository(Database db) {
    this(db, Clock.systemUTC());
  }

  /** With the given clock for {@code created_at}. */
  public UserRepository(Database db, Clock clock) {
    this.db = Objects.requireNonNull(db, "db");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The canonical form of an e-mail: trimmed, lower case. */
  public static String normalizeEmail(String email) {
    return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
  }

  /**
   * Creates a user; fails with {@link ConflictException} when the e-mail is taken and with
   * {@link IllegalArgumentException} for a blank or malformed e-mail.
   */
  public Future<User> create(String email, String passwordHash, String displayName, boolean platformAdmin) {
    String normalized = normalizeEmail(email);
    try {
      Sql.requireText("email", normalized, 320);
      if (!normalized.contains("@")) {
        throw new IllegalArgumentException("email must contain '@', got '" + email + "'");
      }
      Sql.requireText("password hash", passwordHash, 255);
      Sql.requireText("display name", displayName, 200);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    User user = new User(Sql.newId(), normalized, passwordHash, displayName, platformAdmin, false,
        Sql.micros(clock.instant()));
    return db.pool()
        .preparedQuery("INSERT INTO users (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")
        .execute(Tuple.of(user.id(), user.email(), user.passwordHash(), user.displayName(),
            user.platformAdmin(), user.disabled(), Sql.ts(user.createdAt())))
        .map(rows -> user)
        .recover(e -> Sql.conflictAs(e, "a user with email '" + normalized + "' already exists"));
  }

  /** The user with this e-mail, compared case-insensitively. */
  public Future<Optional<User>> findByEmail(String email) {
    if (email == null || email.isBlank()) {
      return Future.succeededFuture(Optional.empty());
    }
    return db.pool().preparedQuery("SELECT " + COLUMNS + " FROM users WHERE email = ?")
        .execute(Tuple.of(normalizeEmail(email)))
        .map(rows -> Sql.first(rows, UserRepository::map));
  }

  /** The user with this id. */
  public Future<Optional<User>> findById(String id) {
    return db.pool().preparedQuery("SELECT " + COLUMNS + " FROM users WHERE id = ?")
        .execute(Tuple.of(id))
        .map(rows -> Sql.first(rows, UserRepository::map));
  }

  /** Number of users. */
  public Future<Long> count() {
    return db.pool().query("SELECT COUNT(*) AS n FROM users").execute()
        .map(rows -> Sql.longValue(rows.iterator().next(), "n"));
  }

  /** Enables or disables a user; {@code false} when the user does not exist. */
  public Future<Boolean> setDisabled(String userId, boolean disabled) {
    return db.pool().preparedQuery("UPDATE users SET disabled = ? WHERE id = ?")
        .execute(Tuple.of(disabled, userId))
        .map(rows -> rows.rowCount() > 0);
  }

  /** Replaces a user's password hash; {@code false} when the user does not exist. */
  public Future<Boolean> updatePasswordHash(String userId, String passwordHash) {
    try {
      Sql.requireText("password hash", passwordHash, 255);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return db.pool().preparedQuery("UPDATE users SET password_hash = ? WHERE id = ?")
        .execute(Tuple.of(passwordHash, userId))
        .map(rows -> rows.rowCount() > 0);
  }

  /** The user's roles: brand id to role, ordered by brand id. */
  public Future<Map<String, Role>> memberships(String userId) {
    return db.pool()
        .preparedQuery("SELECT brand_id, role FROM memberships WHERE user_id = ? ORDER BY brand_id")
        .execute(Tuple.of(userId))
        .map(rows -> {
          Map<String, Role> out = new LinkedHashMap<>();
          for (Row row : rows) {
            out.put(Sql.string(row, "brand_id"), Role.fromWire(Sql.string(row, "role")));
          }
          return out;
        });
  }

  /**
   * Gives a user a role in a brand, replacing any role they had there. Fails with
   * {@link NotFoundException} when the user or brand does not exist.
   */
  public Future<Void> addMembership(String userId, String brandId, Role role) {
    Objects.requireNonNull(role, "role");
    return db.pool().withTransaction(conn -> conn
        .preparedQuery("UPDATE memberships SET role = ? WHERE user_id = ? AND brand_id = ?")
        .execute(Tuple.of(role.wireName(), userId, brandId))
        .compose(updated -> updated.rowCount() > 0
            ? Future.succeededFuture()
            : conn.preparedQuery("INSERT INTO memberships (user_id, brand_id, role, created_at) VALUES (?, ?, ?, ?)")
                .execute(Tuple.of(userId, brandId, role.wireName(), Sql.ts(clock.instant())))
                .<Void>mapEmpty()))
        .recover(e -> {
          if (Sql.isForeignKeyViolation(e)) {
            return Future.failedFuture(new NotFoundException(
                "cannot add membership: user " + userId + " or brand " + brandId + " does not exist"));
          }
          return Sql.conflictAs(e, "membership of user " + userId + " in brand " + brandId
              + " was changed concurrently; try again");
        });
  }

  /** The members of a brand with their roles, ordered by e-mail. */
  public Future<List<Member>> members(String brandId) {
    return db.pool()
        .preparedQuery("SELECT u.id, u.email, u.display_name, m.role FROM memberships m"
            + " JOIN users u ON u.id = m.user_id WHERE m.brand_id = ? ORDER BY u.email")
        .execute(Tuple.of(brandId))
        .map(rows -> Sql.list(rows, row -> new Member(Sql.string(row, "id"), Sql.string(row, "email"),
            Sql.string(row, "display_name"), Role.fromWire(Sql.string(row, "role")))));
  }

  /** Removes a user's role in a brand; {@code false} when they had none. */
  public Future<Boolean> removeMembership(String userId, String brandId) {
    return db.pool().preparedQuery("DELETE FROM memberships WHERE user_id = ? AND brand_id = ?")
        .execute(Tuple.of(userId, brandId))
        .map(rows -> rows.rowCount() > 0);
  }

  /**
   * Removes a user's role in a brand and writes the audit entry {@code member.removed} (by {@code actor})
   * in the same transaction; {@code false} (and no entry) when they had none.
   */
  public Future<Boolean> removeMembership(String userId, String brandId, String actor, AuditLog audit) {
    return db.pool().withTransaction(conn -> conn
        .preparedQuery("DELETE FROM memberships WHERE user_id = ? AND brand_id = ?")
        .execute(Tuple.of(userId, brandId))
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture(false)
            : audit.append(conn, actor, brandId, "member.removed", "user", userId, "{}").map(true)));
  }

  /**
   * Changes an existing member's role and writes the audit entry {@code member.role_changed} (by
   * {@code actor}, with the old and new role) in the same transaction; {@code false} (and no entry) when
   * the user is not a member of the brand. Nobody becomes a member this way: that takes an invitation.
   */
  public Future<Boolean> changeRole(String userId, String brandId, Role role, String actor, AuditLog audit) {
    Objects.requireNonNull(role, "role");
    return db.pool().withTransaction(conn -> conn
        .preparedQuery("SELECT role FROM memberships WHERE user_id = ? AND brand_id = ? FOR UPDATE")
        .execute(Tuple.of(userId, brandId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(false);
          }
          String before = Sql.string(rows.iterator().next(), "role");
          return conn.preparedQuery("UPDATE memberships SET role = ? WHERE user_id = ? AND brand_id = ?")
              .execute(Tuple.of(role.wireName(), userId, brandId))
              .compose(v -> audit.append(conn, actor, brandId, "member.role_changed", "user", userId,
                  new io.vertx.core.json.JsonObject().put("from", before).put("to", role.wireName()).encode()))
              .map(true);
        }));
  }

  static User map(Row row) {
    return new User(Sql.string(row, "id"), Sql.string(row, "email"), Sql.string(row, "password_hash"),
        Sql.string(row, "display_name"), Sql.bool(row, "platform_admin"), Sql.bool(row, "disabled"),
        Sql.instant(row, "created_at"));
  }
}
