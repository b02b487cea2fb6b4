package com.personaruntime.runtime.auth;

import com.personaruntime.runtime.storage.AuditLog;
import com.personaruntime.runtime.storage.ConflictException;
import com.personaruntime.runtime.storage.Database;
import com.personaruntime.runtime.storage.Role;
import com.personaruntime.runtime.storage.Sql;
import com.personaruntime.runtime.storage.UserRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Brand invitations: how a member joins a brand.
 *
 * <p>An owner invites an e-mail with a role ({@link #create}); the answer is the same whether or not
 * that e-mail has an account anywhere on the platform, and nobody becomes a member yet. The owner gets
 * a one-time accept token ({@value #TOKEN_PREFIX}…, 32 random bytes, shown once; only its SHA-256 is
 * stored) and passes it to the invitee. The invitee accepts ({@link #accept}): a new account sets its
 * password there (at least {@value #MIN_NEW_PASSWORD_LENGTH} characters); an existing account proves it
 * is theirs, logged in as that e-mail or with its password (under the login throttle). Only then is the
 * membership created, in the same transaction as marking the invitation used and the audit entries.
 *
 * <p>An invitation is pending until it is accepted, revoked ({@link #revoke}), replaced by a new
 * invitation of the same e-mail to the same brand, or expires (default {@link #DEFAULT_TTL}). An
 * unknown, used, revoked and expired token all answer {@link Outcome#INVALID_TOKEN} alike. Every change
 * writes its audit entry ({@code invitation.created}, {@code invitation.revoked},
 * {@code invitation.accepted}, {@code member.added}) in its own transaction; the token never appears in
 * an audit entry or log line.
 */
public final class Invitations {

  /** Prefix of every accept token. */
  public static final String TOKEN_PREFIX = "inv_";
  /** Default lifetime of an invitation. */
  public static final Duration DEFAULT_TTL = Duration.ofDays(7);
  /** Minimum length of the password a new account sets when accepting. */
  public static final int MIN_NEW_PASSWORD_LENGTH = Passwords.MIN_LENGTH;

  private static final String COLUMNS = "i.id, i.brand_id, i.email, i.role, i.created_by, i.created_at,"
      + " i.expires_at";
  private static final String PENDING = "i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > ?";

  private final Vertx vertx;
  private final Database db;
  private final AuthService auth;
  private final AuditLog audit;
  private final Clock clock;
  private final Duration ttl;

  /**
   * @param ttl how long an invitation stays valid (positive)
   */
  public Invitations(Vertx vertx, Database db, AuthService auth, AuditLog audit, Clock clock, Duration ttl) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.db = Objects.requireNonNull(db, "db");
    this.auth = Objects.requireNonNull(auth, "auth");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (ttl == null || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("invitation TTL must be positive, got " + ttl);
    }
    this.ttl = ttl;
  }

  /**
   * A pending invitation.
   *
   * @param id        invitation id (UUID)
   * @param brandId   the brand's id
   * @param email     the invited e-mail, lower case
   * @param role      the role the invitee gets on accepting
   * @param createdBy user id of the owner (or platform admin) who invited
   * @param createdAt when it was made
   * @param expiresAt when its token stops working
   */
  public record Invitation(String id, String brandId, String email, Role role, String createdBy, Instant createdAt,
      Instant expiresAt) {
  }

  /** A new invitation and its accept token, which exists only here (shown once). */
  public record Created(Invitation invitation, String token) {
    @Override
    public String toString() {
      return "Created[" + invitation + ", token=***]";
    }
  }

  /** What an accept token opens, for the accept page: the invitation and its brand's slug and name. */
  public record Opened(Invitation invitation, String brandSlug, String brandName) {
  }

  /** Outcomes of {@link #accept}. */
  public enum Outcome {
    /** The membership exists now; the invitation is used. */
    ACCEPTED,
    /** Unknown, used, revoked or expired token (indistinguishable on purpose). */
    INVALID_TOKEN,
    /** Logged in as another e-mail than the invited one. */
    WRONG_ACCOUNT,
    /** Not logged in and no password given. */
    PASSWORD_REQUIRED,
    /** The e-mail has an account and the password is not its password. */
    INVALID_CREDENTIALS,
    /** A new account's password is shorter than {@link #MIN_NEW_PASSWORD_LENGTH}. */
    PASSWORD_TOO_SHORT,
    /** Too many password attempts (the login throttle); see {@link Acceptance#retryAfterSeconds()}. */
    RATE_LIMITED,
    /** The account is disabled. */
    DISABLED
  }

  /**
   * The result of {@link #accept}.
   *
   * @param outcome           what happened
   * @param opened            the invitation and brand ({@code ACCEPTED}, {@code WRONG_ACCOUNT}, ...; null
   *                          for {@code INVALID_TOKEN})
   * @param userId            the member's user id ({@code ACCEPTED} only)
   * @param retryAfterSeconds seconds to wait ({@code RATE_LIMITED} only)
   */
  public record Acceptance(Outcome outcome, Opened opened, String userId, long retryAfterSeconds) {
    static Acceptance of(Outcome outcome, Opened opened) {
      return new Acceptance(outcome, opened, null, 0);
    }
  }

  /** Who accepts: a logged-in user ({@code userId} and {@code email}) or, with both null, a password. */
  private record Acceptor(String userId, String email) {
  }

  /**
   * Invites {@code email} to the brand with {@code role}, by {@code actorUserId}. A pending invitation of
   * the same e-mail to the same brand is revoked (replaced). Fails with {@link ConflictException} when the
   * e-mail already belongs to a member of this brand (the owner sees the member list anyway; nothing is
   * said about accounts elsewhere) and with {@link IllegalArgumentException} for a malformed e-mail.
   */
  public Future<Created> create(String actorUserId, String brandId, String email, Role role) {
    String normalized = UserRepository.normalizeEmail(email);
    try {
      Sql.requireText("email", normalized, 320);
      Objects.requireNonNull(role, "role");
    } catch (IllegalArgumentException | NullPointerException e) {
      return Future.failedFuture(e);
    }
    Instant now = Sql.micros(clock.instant());
    String token = TOKEN_PREFIX + Secrets.random(32);
    Invitation inv = new Invitation(Sql.newId(), brandId, normalized, role, actorUserId, now,
        Sql.micros(now.plus(ttl)));
    return db.pool().withTransaction(conn -> conn
        .preparedQuery("SELECT m.role FROM memberships m JOIN users u ON u.id = m.user_id"
            + " WHERE u.email = ? AND m.brand_id = ?")
        .execute(Tuple.of(normalized, brandId))
        .compose(rows -> {
          if (rows.size() > 0) {
            return Future.failedFuture(new ConflictException("email: '" + normalized
                + "' is already a member of this brand (" + Sql.string(rows.iterator().next(), "role")
                + "); remove them first to change their role", null));
          }
          return conn.preparedQuery("SELECT i.id FROM brand_invitations i WHERE i.brand_id = ? AND i.email = ? AND "
                  + PENDING)
              .execute(Tuple.of(brandId, normalized, Sql.ts(now)));
        })
        .compose(rows -> {
          Future<Void> replaced = Future.succeededFuture();
          for (Row row : rows) {
            String old = Sql.string(row, "id");
            replaced = replaced.compose(v -> conn
                .preparedQuery("UPDATE brand_invitations SET revoked_at = ? WHERE id = ?")
                .execute(Tuple.of(Sql.ts(now), old))
                .compose(x -> audit.append(conn, actorUserId, brandId, "invitation.revoked", "invitation", old,
                    new JsonObject().put("email", normalized).put("reason", "replaced").encode())));
          }
          return replaced;
        })
        .compose(v -> conn.preparedQuery("INSERT INTO brand_invitations (id, brand_id, email, role, token_hash,"
                + " created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            .execute(Tuple.of(inv.id(), brandId, normalized, role.wireName(), Secrets.sha256(token), actorUserId,
                Sql.ts(now), Sql.ts(inv.expiresAt()))))
        .compose(v -> audit.append(conn, actorUserId, brandId, "invitation.created", "invitation", inv.id(),
            new JsonObject().put("email", normalized).put("role", role.wireName())
                .put("expiresAt", inv.expiresAt().toString()).encode()))
        .map(v -> new Created(inv, token)));
  }

  /** The brand's pending invitations, oldest first (never their tokens). */
  public Future<List<Invitation>> pending(String brandId) {
    return db.pool().preparedQuery("SELECT " + COLUMNS + " FROM brand_invitations i WHERE i.brand_id = ? AND "
            + PENDING + " ORDER BY i.created_at, i.id")
        .execute(Tuple.of(brandId, Sql.ts(clock.instant())))
        .map(rows -> Sql.list(rows, Invitations::map));
  }

  /**
   * Revokes a pending invitation of the brand, with its audit entry in the same transaction; {@code false}
   * when there is no such pending invitation (unknown, another brand's, used, revoked or expired).
   */
  public Future<Boolean> revoke(String actorUserId, String brandId, String invitationId) {
    Instant now = clock.instant();
    return db.pool().withTransaction(conn -> conn
        .preparedQuery("UPDATE brand_invitations SET revoked_at = ? WHERE id = ? AND brand_id = ?"
            + " AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?")
        .execute(Tuple.of(Sql.ts(now), invitationId, brandId, Sql.ts(now)))
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture(false)
            : audit.append(conn, actorUserId, brandId, "invitation.revoked", "invitation", invitationId,
                new JsonObject().put("reason", "revoked").encode()).map(true)));
  }

  /** The pending invitation an accept token opens; empty for an unknown, used, revoked or expired token. */
  public Future<Optional<Opened>> open(String token) {
    if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 200) {
      return Future.succeededFuture(Optional.empty());
    }
    return db.pool().preparedQuery("SELECT " + COLUMNS + ", b.slug AS brand_slug, b.name AS brand_name"
            + " FROM brand_invitations i JOIN brands b ON b.id = i.brand_id WHERE i.token_hash = ? AND " + PENDING)
        .execute(Tuple.of(Secrets.sha256(token), Sql.ts(clock.instant())))
        .map(rows -> Sql.first(rows, row -> new Opened(map(row), Sql.string(row, "brand_slug"),
            Sql.string(row, "brand_name"))));
  }

  /**
   * Accepts an invitation as the logged-in user {@code userId} / {@code email}: only the invited e-mail
   * may ({@code WRONG_ACCOUNT} otherwise).
   */
  public Future<Acceptance> acceptAs(String token, String userId, String email) {
    return accept(token, new Acceptor(Objects.requireNonNull(userId, "userId"),
        UserRepository.normalizeEmail(email)), null, null, null);
  }

  /**
   * Accepts an invitation with a password: when the invited e-mail has no account, one is created with
   * this password (at least {@value #MIN_NEW_PASSWORD_LENGTH} characters) and {@code displayName}
   * (default: the e-mail); when it has one, the password must be its password (checked under the login
   * throttle for {@code remoteAddress}, as a login is).
   */
  public Future<Acceptance> acceptWithPassword(String token, String password, String displayName,
      String remoteAddress) {
    return accept(token, null, password, displayName, remoteAddress);
  }

  private Future<Acceptance> accept(String token, Acceptor acceptor, String password, String displayName,
      String remoteAddress) {
    return open(token).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(Acceptance.of(Outcome.INVALID_TOKEN, null));
      }
      Opened opened = found.get();
      Invitation inv = opened.invitation();
      if (acceptor != null) {
        if (!inv.email().equals(acceptor.email())) {
          return Future.succeededFuture(Acceptance.of(Outcome.WRONG_ACCOUNT, opened));
        }
        return commit(opened, acceptor.userId(), null, null);
      }
      if (password == null || password.isEmpty()) {
        return Future.succeededFuture(Acceptance.of(Outcome.PASSWORD_REQUIRED, opened));
      }
      return db.pool().preparedQuery("SELECT id FROM users WHERE email = ?").execute(Tuple.of(inv.email()))
          .compose(rows -> {
            if (rows.size() > 0) {
              return auth.checkPassword(inv.email(), password, remoteAddress).compose(check -> switch (check.status()) {
                case OK -> commit(opened, check.user().id(), null, null);
                case RATE_LIMITED -> Future.succeededFuture(new Acceptance(Outcome.RATE_LIMITED, opened, null,
                    check.retryAfterSeconds()));
                case DISABLED -> Future.succeededFuture(Acceptance.of(Outcome.DISABLED, opened));
                default -> Future.succeededFuture(Acceptance.of(Outcome.INVALID_CREDENTIALS, opened));
              });
            }
            if (password.length() < MIN_NEW_PASSWORD_LENGTH) {
              return Future.succeededFuture(Acceptance.of(Outcome.PASSWORD_TOO_SHORT, opened));
            }
            String name = displayName == null || displayName.isBlank() ? inv.email() : displayName.strip();
            if (name.length() > 200) {
              return Future.failedFuture(new IllegalArgumentException("name must be at most 200 characters, got "
                  + name.length()));
            }
            return PasswordHasher.hash(vertx, password.toCharArray())
                .compose(hash -> commit(opened, Sql.newId(), hash, name));
          });
    });
  }

  /**
   * One transaction: the invitation is marked used (only if still pending: single use under races), the
   * new account is created when {@code newPasswordHash} is set, the membership is created (or its role
   * set), and the audit entries are written.
   */
  private Future<Acceptance> commit(Opened opened, String userId, String newPasswordHash, String newName) {
    Invitation inv = opened.invitation();
    Instant now = Sql.micros(clock.instant());
    return db.pool().<Acceptance>withTransaction(conn -> conn
            .preparedQuery("UPDATE brand_invitations SET accepted_at = ?, accepted_by = ? WHERE id = ?"
                + " AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?")
            .execute(Tuple.of(Sql.ts(now), userId, inv.id(), Sql.ts(now)))
            .compose(rows -> {
              if (rows.rowCount() == 0) {
                return Future.succeededFuture(Acceptance.of(Outcome.INVALID_TOKEN, null)); // used meanwhile
              }
              Future<Void> user = newPasswordHash == null ? Future.succeededFuture()
                  : conn.preparedQuery("INSERT INTO users (id, email, password_hash, display_name, platform_admin,"
                          + " disabled, created_at) VALUES (?, ?, ?, ?, FALSE, FALSE, ?)")
                      .execute(Tuple.of(userId, inv.email(), newPasswordHash, newName, Sql.ts(now))).mapEmpty();
              return user
                  .compose(v -> membership(conn, userId, inv.brandId(), inv.role(), now))
                  .compose(v -> audit.append(conn, userId, inv.brandId(), "invitation.accepted", "invitation",
                      inv.id(), new JsonObject().put("email", inv.email()).put("role", inv.role().wireName())
                          .encode()))
                  .compose(v -> audit.append(conn, userId, inv.brandId(), "member.added", "user", userId,
                      new JsonObject().put("email", inv.email()).put("role", inv.role().wireName())
                          .put("invitation", inv.id()).put("invitedBy", inv.createdBy()).encode()))
                  .map(v -> new Acceptance(Outcome.ACCEPTED, opened, userId, 0));
            }))
        .recover(e -> Sql.isUniqueViolation(e)
            ? Future.failedFuture(new ConflictException("the invitation could not be accepted because an account"
                + " with this e-mail was created at the same time; try again", e))
            : Future.failedFuture(e));
  }

  private static Future<Void> membership(SqlConnection conn, String userId, String brandId, Role role, Instant now) {
    return conn.preparedQuery("UPDATE memberships SET role = ? WHERE user_id = ? AND brand_id = ?")
        .execute(Tuple.of(role.wireName(), userId, brandId))
        .compose(updated -> updated.rowCount() > 0 ? Future.<Void>succeededFuture()
            : conn.preparedQuery("INSERT INTO memberships (user_id, brand_id, role, created_at) VALUES (?, ?, ?, ?)")
                .execute(Tuple.of(userId, brandId, role.wireName(), Sql.ts(now))).mapEmpty());
  }

  private static Invitation map(Row row) {
    return new Invitation(Sql.string(row, "id"), Sql.string(row, "brand_id"), Sql.string(row, "email"),
        Role.fromWire(Sql.string(row, "role")), Sql.string(row, "created_by"), Sql.instant(row, "created_at"),
        Sql.instant(row, "expires_at"));
  }
}
