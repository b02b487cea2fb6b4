package com.personaruntime.runtime.auth;

import com.personaruntime.runtime.storage.AuditLog;
import com.personaruntime.runtime.storage.Database;
import com.personaruntime.runtime.storage.Sql;
import com.personaruntime.runtime.storage.UserRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;

/**
 * A user changes their own password: the current one must be right, the new one at least
 * {@link Passwords#MIN_LENGTH} characters (the same rule as a new account's). The user's other console sessions end
 * (the one given stays) and the change is audited ({@code user.password_changed}).
 */
public final class PasswordChanges {
  /** Outcome of a change. */
  public enum Result { CHANGED, WRONG_CURRENT, TOO_SHORT, SAME_AS_CURRENT }

  private final Vertx vertx;
  private final Database db;
  private final UserRepository users;
  private final AuditLog audit;
  private final Clock clock;

  public PasswordChanges(Vertx vertx, Database db, UserRepository users, AuditLog audit, Clock clock) {
    this.vertx = vertx;
    this.db = db;
    this.users = users;
    this.audit = audit;
    this.clock = clock;
  }

  /** Changes the password; {@code keepSessionId} (may be null) is the session that stays logged in. */
  public Future<Result> change(String userId, String current, String next, String keepSessionId) {
    if (!Passwords.longEnough(next)) {
      return Future.succeededFuture(Result.TOO_SHORT);
    }
    if (next.equals(current)) {
      return Future.succeededFuture(Result.SAME_AS_CURRENT);
    }
    return users.findById(userId).compose(user -> {
      if (user.isEmpty()) {
        return Future.succeededFuture(Result.WRONG_CURRENT);
      }
      return PasswordHasher.verify(vertx, (current == null ? "" : current).toCharArray(), user.get().passwordHash())
          .compose(ok -> {
            if (!ok) {
              return Future.succeededFuture(Result.WRONG_CURRENT);
            }
            // one transaction: the new hash, the other sessions and their login tokens ended, the audit entry
            return PasswordHasher.hash(vertx, next.toCharArray())
                .compose(hash -> db.pool().withTransaction(conn -> conn
                    .preparedQuery("UPDATE users SET password_hash = ? WHERE id = ?")
                    .execute(Tuple.of(hash, userId))
                    .compose(v -> conn.preparedQuery("DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?")
                        .execute(Tuple.of(userId, keepSessionId == null ? "" : Secrets.sha256(keepSessionId))))
                    .compose(v -> conn.preparedQuery("UPDATE api_tokens SET revoked_at = ? WHERE user_id = ?"
                            + " AND kind = 'login' AND revoked_at IS NULL AND id NOT IN (SELECT token_id FROM sessions"
                            + " WHERE user_id = ? AND token_id IS NOT NULL)")
                        .execute(Tuple.of(Sql.ts(clock.instant()), userId, userId)))
                    .compose(v -> audit.append(conn, userId, null, "user.password_changed", "user", userId, null))))
                .map(Result.CHANGED);
          });
    });
  }
}
