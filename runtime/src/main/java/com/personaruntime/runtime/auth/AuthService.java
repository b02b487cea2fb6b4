package com.personaruntime.runtime.auth;

import com.personaruntime.runtime.storage.Database;
import com.personaruntime.runtime.storage.NotFoundException;
import com.personaruntime.runtime.storage.Sql;
import com.personaruntime.runtime.storage.User;
import com.personaruntime.runtime.storage.UserRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logins, bearer tokens and console sessions.
 *
 * <p>Secrets are random (32 bytes) and stored only as SHA-256 digests: bearer tokens
 * ({@code prt_...}) in {@code api_tokens}, session ids in {@code sessions}. A login creates a
 * token of kind {@code login} and a session tied to it, both expiring after the session TTL.
 * Unknown e-mails are verified against a dummy hash, so they take as long as wrong passwords
 * and get the same answer.
 */
public final class AuthService {

  /** Prefix of every bearer token. */
  public static final String TOKEN_PREFIX = "prt_";
  /** Default lifetime of a login (session and login token). */
  public static final Duration DEFAULT_SESSION_TTL = Duration.ofHours(12);

  private static final Logger LOG = LoggerFactory.getLogger(AuthService.class);
  private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
  private static final int SHOWN_PREFIX_LENGTH = TOKEN_PREFIX.length() + 8;
  private static final String USER_COLUMNS =
      "u.id AS user_id, u.email, u.display_name, u.platform_admin, u.disabled";

  private final Vertx vertx;
  private final Database db;
  private final UserRepository users;
  private final LoginThrottle throttle;
  private final Clock clock;
  private final Duration sessionTtl;
  private Future<String> dummyHash;

  /** With the default session TTL (12 h). */
  public AuthService(Vertx vertx, Database db, UserRepository users, LoginThrottle throttle, Clock clock) {
    this(vertx, db, users, throttle, clock, DEFAULT_SESSION_TTL);
  }

  /** With the given lifetime of sessions and login tokens. */
  public AuthService(Vertx vertx, Database db, UserRepository users, LoginThrottle throttle, Clock clock,
      Duration sessionTtl) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.db = Objects.requireNonNull(db, "db");
    this.users = Objects.requireNonNull(users, "users");
    this.throttle = Objects.requireNonNull(throttle, "throttle");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (sessionTtl == null || sessionTtl.isNegative() || sessionTtl.isZero()) {
      throw new IllegalArgumentException("session TTL must be positive, got " + sessionTtl);
    }
    this.sessionTtl = sessionTtl;
  }

  /**
   * The clock this service stamps sessions, tokens and expiries with; callers computing an expiry or
   * deciding whether a token is active use it too, so tests with a fixed clock see one time.
   */
  public Clock clock() {
    return clock;
  }

  /** Lifetime of sessions and login tokens. */
  public Duration sessionTtl() {
    return sessionTtl;
  }

  /**
   * Logs a user in. On success returns a bearer token, a console session id and its CSRF
   * token; otherwise {@code INVALID_CREDENTIALS}, {@code RATE_LIMITED} (with retry-after) or
   * {@code DISABLED} (only when the password was right). Database failures fail the future.
   */
  public Future<LoginResult> login(String email, String password, String remoteAddress) {
    return verify(email, password, remoteAddress).compose(checked -> {
      if (checked.user() != null) {
        return startSession(checked.user());
      }
      return Future.succeededFuture(checked.status() == LoginResult.Status.RATE_LIMITED
          ? LoginResult.rateLimited(checked.retryAfterSeconds()) : LoginResult.failure(checked.status()));
    });
  }

  /**
   * A password check with the login throttle, but no session: what a login does before it starts one
   * (accepting an invitation with an existing account uses it). {@code OK} with the user, or
   * {@code INVALID_CREDENTIALS} (unknown e-mail or wrong password, indistinguishable, same time taken),
   * {@code RATE_LIMITED} or {@code DISABLED}; never a session or token.
   */
  public Future<PasswordCheck> checkPassword(String email, String password, String remoteAddress) {
    return verify(email, password, remoteAddress);
  }

  /**
   * The outcome of {@link #checkPassword}: the status, the user ({@code OK} only) and the seconds to wait
   * ({@code RATE_LIMITED} only, else 0).
   */
  public record PasswordCheck(LoginResult.Status status, User user, long retryAfterSeconds) {
  }

  private Future<PasswordCheck> verify(String email, String password, String remoteAddress) {
    String account = UserRepository.normalizeEmail(email == null ? "" : email);
    LoginThrottle.Decision decision = throttle.check(account, remoteAddress);
    if (!decision.allowed()) {
      return Future.succeededFuture(new PasswordCheck(LoginResult.Status.RATE_LIMITED, null,
          decision.retryAfterSeconds()));
    }
    long attemptAt = throttle.recordAttempt(remoteAddress);
    char[] secret = password == null ? new char[0] : password.toCharArray();
    return users.findByEmail(account).compose(found -> {
      Future<String> hash = found.map(u -> Future.succeededFuture(u.passwordHash())).orElseGet(this::dummyHash);
      return hash.compose(h -> secret.length == 0
              ? Future.succeededFuture(false)
              : PasswordHasher.verify(vertx, secret, h))
          .compose(valid -> {
            java.util.Arrays.fill(secret, '\0');
            if (!valid || found.isEmpty()) {
              throttle.recordFailure(account);
              return Future.succeededFuture(new PasswordCheck(LoginResult.Status.INVALID_CREDENTIALS, null, 0));
            }
            User user = found.get();
            if (user.disabled()) {
              return Future.succeededFuture(new PasswordCheck(LoginResult.Status.DISABLED, null, 0));
            }
            throttle.recordSuccess(account, remoteAddress, attemptAt);
            return Future.succeededFuture(new PasswordCheck(LoginResult.Status.OK, user, 0));
          });
    });
  }

  private synchronized Future<String> dummyHash() {
    if (dummyHash == null || dummyHash.failed()) {
      dummyHash = PasswordHasher.hash(vertx, Secrets.random(24).toCharArray());
    }
    return dummyHash;
  }

  private Future<LoginResult> startSession(User user) {
    Instant now = clock.instant();
    Instant expiresAt = Sql.micros(now.plus(sessionTtl));
    String token = newToken();
    String tokenId = Sql.newId();
    String sessionId = Secrets.random(32);
    String csrf = Secrets.random(32);
    return db.pool().withTransaction(conn -> conn
            .preparedQuery("INSERT INTO api_tokens (id, user_id, name, kind, token_hash, token_prefix, created_at,"
                + " expires_at) VALUES (?, ?, 'login', 'login', ?, ?, ?, ?)")
            .execute(Tuple.of(tokenId, user.id(), Secrets.sha256(token), shownPrefix(token), Sql.ts(now),
                Sql.ts(expiresAt)))
            .compose(v -> conn.preparedQuery("INSERT INTO sessions (id_hash, user_id, token_id, csrf_token,"
                    + " created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")
                .execute(Tuple.of(Secrets.sha256(sessionId), user.id(), tokenId, csrf, Sql.ts(now),
                    Sql.ts(expiresAt)))))
        .compose(v -> principal(user.id(), user.email(), user.displayName(), user.platformAdmin()))
        .map(principal -> {
          LOG.info("login of {} succeeded", user.email());
          return LoginResult.success(token, sessionId, csrf, principal, expiresAt);
        });
  }

  /**
   * The principal of a bearer token; empty for an unknown, revoked or expired token or a
   * disabled user. Records the use in {@code last_used_at} (at most once a minute).
   */
  public Future<Optional<Principal>> authenticateBearer(String token) {
    return authenticateBearerToken(token).map(found -> found.map(BearerAuth::principal));
  }

  /**
   * Like {@link #authenticateBearer} but also names the token, its kind and its expiry. A token
   * whose parent (the API token it was minted with) is revoked is refused too.
   */
  public Future<Optional<BearerAuth>> authenticateBearerToken(String token) {
    if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 200) {
      return Future.succeededFuture(Optional.empty());
    }
    return db.pool().preparedQuery("SELECT t.id AS token_id, t.kind AS token_kind, t.expires_at, t.revoked_at,"
            + " t.last_used_at, p.revoked_at AS parent_revoked_at, " + USER_COLUMNS
            + " FROM api_tokens t JOIN users u ON u.id = t.user_id"
            + " LEFT JOIN api_tokens p ON p.id = t.parent_token_id WHERE t.token_hash = ?")
        .execute(Tuple.of(Secrets.sha256(token)))
        .compose(rows -> {
          Optional<Row> found = Sql.first(rows, r -> r);
          Instant now = clock.instant();
          if (found.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
          }
          Row row = found.get();
          Instant expires = Sql.instant(row, "expires_at");
          if (Sql.value(row, "revoked_at") != null || Sql.value(row, "parent_revoked_at") != null
              || (expires != null && !expires.isAfter(now)) || Sql.bool(row, "disabled")) {
            return Future.succeededFuture(Optional.empty());
          }
          Instant lastUsed = Sql.instant(row, "last_used_at");
          Future<Void> touch = Future.succeededFuture();
          if (lastUsed == null || !lastUsed.plus(LAST_USED_RESOLUTION).isAfter(now)) {
            touch = db.pool().preparedQuery("UPDATE api_tokens SET last_used_at = ? WHERE id = ?")
                .execute(Tuple.of(Sql.ts(now), Sql.string(row, "token_id")))
                .<Void>mapEmpty()
                .recover(e -> {
                  LOG.warn("could not record the use of token {}: {}", Sql.string(row, "token_id"), e.toString());
                  return Future.succeededFuture();
                });
          }
          String tokenId = Sql.string(row, "token_id");
          boolean api = "api".equals(Sql.string(row, "token_kind"));
          return touch.compose(v -> principalOf(row))
              .map(p -> Optional.of(new BearerAuth(p, tokenId, api, expires)));
        });
  }

  /** The principal and CSRF token of a console session; empty for an unknown or expired session. */
  public Future<Optional<SessionPrincipal>> authenticateSession(String sessionId) {
    if (sessionId == null || sessionId.isBlank() || sessionId.length() > 200) {
      return Future.succeededFuture(Optional.empty());
    }
    String idHash = Secrets.sha256(sessionId);
    return db.pool().preparedQuery("SELECT s.csrf_token, s.expires_at, " + USER_COLUMNS
            + " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?")
        .execute(Tuple.of(idHash))
        .compose(rows -> {
          Optional<Row> found = Sql.first(rows, r -> r);
          if (found.isEmpty()) {
            return Future.succeededFuture(Optional.empty());
          }
          Row row = found.get();
          Instant expires = Sql.instant(row, "expires_at");
          if (!expires.isAfter(clock.instant())) {
            return db.pool().preparedQuery("DELETE FROM sessions WHERE id_hash = ?").execute(Tuple.of(idHash))
                .map(v -> Optional.<SessionPrincipal>empty());
          }
          if (Sql.bool(row, "disabled")) {
            return Future.succeededFuture(Optional.empty());
          }
          String csrf = Sql.string(row, "csrf_token");
          return principalOf(row).map(p -> Optional.of(new SessionPrincipal(p, csrf, expires)));
        });
  }

  /**
   * Ends a login: deletes the session (and revokes the login token created with it) and/or
   * revokes the given bearer token if it is a login token. API tokens are only revoked through
   * {@link #revokeApiToken}. Either argument may be {@code null}; unknown values are ignored.
   */
  public Future<Void> logout(String sessionId, String bearerToken) {
    Instant now = clock.instant();
    return db.pool().withTransaction(conn -> {
      Future<Void> step = Future.succeededFuture();
      if (sessionId != null && !sessionId.isBlank()) {
        String idHash = Secrets.sha256(sessionId);
        step = conn.preparedQuery("SELECT token_id FROM sessions WHERE id_hash = ?").execute(Tuple.of(idHash))
            .compose(rows -> {
              String tokenId = Sql.first(rows, r -> Sql.string(r, "token_id")).orElse(null);
              Future<?> revoke = tokenId == null ? Future.succeededFuture()
                  : conn.preparedQuery("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                      .execute(Tuple.of(Sql.ts(now), tokenId));
              return revoke.compose(v -> conn.preparedQuery("DELETE FROM sessions WHERE id_hash = ?")
                  .execute(Tuple.of(idHash)));
            })
            .mapEmpty();
      }
      if (bearerToken != null && bearerToken.startsWith(TOKEN_PREFIX)) {
        String hash = Secrets.sha256(bearerToken);
        step = step.compose(v -> conn.preparedQuery("SELECT id FROM api_tokens WHERE token_hash = ? AND kind = 'login'")
                .execute(Tuple.of(hash)))
            .compose(rows -> {
              Optional<String> tokenId = Sql.first(rows, r -> Sql.string(r, "id"));
              if (tokenId.isEmpty()) {
                return Future.succeededFuture();
              }
              return conn.preparedQuery("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                  .execute(Tuple.of(Sql.ts(now), tokenId.get()))
                  .compose(v -> conn.preparedQuery("DELETE FROM sessions WHERE token_id = ?")
                      .execute(Tuple.of(tokenId.get())));
            })
            .mapEmpty();
      }
      return step;
    });
  }

  /**
   * Creates an API token for a user. {@code expiresAt} may be {@code null} (never expires) and
   * must otherwise lie in the future. Fails with {@link NotFoundException} for an unknown user.
   */
  public Future<CreatedToken> createApiToken(String userId, String name, Instant expiresAt) {
    return createApiToken(userId, name, expiresAt, null);
  }

  /**
   * Creates an API token for a user, minted by a request authenticated with {@code minter} (may be
   * {@code null}: a console session or a login token). When the minter is an API token the new token
   * is its child: it expires no later than the minter (a {@code null} or later {@code expiresAt} is
   * capped at the minter's expiry) and revoking the minter revokes it too (issue 8: a token made
   * by a one-day token must not outlive or survive it).
   */
  public Future<CreatedToken> createApiToken(String userId, String name, Instant expiresAt, BearerAuth minter) {
    String parentId = minter != null && minter.apiToken() ? minter.tokenId() : null;
    if (parentId != null && minter.expiresAt() != null
        && (expiresAt == null || expiresAt.isAfter(minter.expiresAt()))) {
      expiresAt = minter.expiresAt();
    }
    Instant now = Sql.micros(clock.instant());
    try {
      Sql.requireText("token name", name, 100);
      if (expiresAt != null && !expiresAt.isAfter(now)) {
        throw new IllegalArgumentException("token expiresAt must be in the future, got " + expiresAt);
      }
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    String token = newToken();
    ApiTokenInfo info = new ApiTokenInfo(Sql.newId(), name, shownPrefix(token), now, null, Sql.micros(expiresAt), null);
    return db.pool().preparedQuery("INSERT INTO api_tokens (id, user_id, name, kind, token_hash, token_prefix,"
            + " created_at, expires_at, parent_token_id) VALUES (?, ?, ?, 'api', ?, ?, ?, ?, ?)")
        .execute(Tuple.of(info.id(), userId, name, Secrets.sha256(token), info.prefix(), Sql.ts(now),
            Sql.ts(info.expiresAt()), parentId))
        .map(v -> new CreatedToken(info, token))
        .recover(e -> Sql.isForeignKeyViolation(e)
            ? Future.failedFuture(new NotFoundException("user " + userId + " does not exist"))
            : Future.failedFuture(e));
  }

  /**
   * The user's API tokens (not login tokens), newest first, including revoked and expired
   * ones (see {@link ApiTokenInfo#activeAt}). Never returns the token or its hash.
   */
  public Future<List<ApiTokenInfo>> listApiTokens(String userId) {
    return db.pool().preparedQuery("SELECT id, name, token_prefix, created_at, last_used_at, expires_at, revoked_at"
            + " FROM api_tokens WHERE user_id = ? AND kind = 'api' ORDER BY created_at DESC, id")
        .execute(Tuple.of(userId))
        .map(rows -> Sql.list(rows, r -> new ApiTokenInfo(Sql.string(r, "id"), Sql.string(r, "name"),
            Sql.string(r, "token_prefix"), Sql.instant(r, "created_at"), Sql.instant(r, "last_used_at"),
            Sql.instant(r, "expires_at"), Sql.instant(r, "revoked_at"))));
  }

  /**
   * Revokes one of the user's own tokens and every token minted with it (children, their
   * children, ...) in one transaction; {@code false} when unknown, someone else's or already revoked.
   */
  public Future<Boolean> revokeApiToken(String userId, String tokenId) {
    Instant now = clock.instant();
    return db.pool().withTransaction(conn -> conn.preparedQuery("UPDATE api_tokens SET revoked_at = ? WHERE id = ?"
            + " AND user_id = ? AND revoked_at IS NULL")
        .execute(Tuple.of(Sql.ts(now), tokenId, userId))
        .compose(rows -> rows.rowCount() == 0
            ? Future.succeededFuture(false)
            : revokeChildren(conn, List.of(tokenId), now, 0).map(v -> true)));
  }

  /** Breadth-first over the token tree (depth bounded: a token chain is never longer than that). */
  private Future<Void> revokeChildren(io.vertx.sqlclient.SqlConnection conn, List<String> parents, Instant now,
      int depth) {
    if (parents.isEmpty() || depth > 64) {
      return Future.succeededFuture();
    }
    Future<Void> chain = Future.succeededFuture();
    List<String> next = new java.util.ArrayList<>();
    for (String parent : parents) {
      chain = chain.compose(v -> conn.preparedQuery("SELECT id FROM api_tokens WHERE parent_token_id = ?")
          .execute(Tuple.of(parent))
          .compose(rows -> {
            rows.forEach(r -> next.add(Sql.string(r, "id")));
            return conn.preparedQuery("UPDATE api_tokens SET revoked_at = ? WHERE parent_token_id = ?"
                    + " AND revoked_at IS NULL")
                .execute(Tuple.of(Sql.ts(now), parent)).mapEmpty();
          }));
    }
    return chain.compose(v -> revokeChildren(conn, next, now, depth + 1));
  }

  /** Deletes expired sessions; returns how many. Call it now and then (e.g. hourly). */
  public Future<Integer> purgeExpiredSessions() {
    return db.pool().preparedQuery("DELETE FROM sessions WHERE expires_at <= ?")
        .execute(Tuple.of(Sql.ts(clock.instant())))
        .map(rows -> rows.rowCount());
  }

  private Future<Principal> principalOf(Row row) {
    return principal(Sql.string(row, "user_id"), Sql.string(row, "email"), Sql.string(row, "display_name"),
        Sql.bool(row, "platform_admin"));
  }

  private Future<Principal> principal(String userId, String email, String displayName, boolean admin) {
    return users.memberships(userId).map(roles -> new Principal(userId, email, displayName, admin, roles));
  }

  private static String newToken() {
    return TOKEN_PREFIX + Secrets.random(32);
  }

  private static String shownPrefix(String token) {
    return token.substring(0, SHOWN_PREFIX_LENGTH);
  }
}
