package com.personaruntime.web;

import com.personaruntime.runtime.auth.PasswordHasher;
import com.personaruntime.web.config.AppConfig;
import com.personaruntime.web.config.ConfigException;
import com.personaruntime.web.config.ConfigLoader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code users reset-password EMAIL [--config FILE]}: the operator's forgot-password path. Sets a
 * new random password (printed once), ends the user's console sessions and login tokens (API
 * tokens stay), and writes {@code user.password_reset} to the audit log. Talks to the database
 * named by {@code storage.url} directly (JDBC), so it works with the server stopped (needed for an
 * H2 file database, which one process opens at a time) or running (PostgreSQL).
 *
 * <p>Exit codes: 0 done, 1 no such user, 2 usage, 3 configuration error, 4 database error.
 */
final class UsersCommand {
  static final String USAGE = "users reset-password EMAIL [--config FILE]";

  private UsersCommand() {
  }

  static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.isEmpty() || !args.get(0).equals("reset-password")) {
      err.println("users: expected 'reset-password EMAIL'; usage: java -jar persona-runtime.jar " + USAGE);
      return 2;
    }
    String email = null;
    Path config = null;
    for (int i = 1; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--config") && i + 1 < args.size()) {
        config = Path.of(args.get(++i));
      } else if (a.startsWith("--config=")) {
        config = Path.of(a.substring("--config=".length()));
      } else if (email == null && !a.startsWith("-")) {
        email = a;
      } else {
        err.println("users reset-password: unexpected argument '" + a + "'; usage: java -jar persona-runtime.jar "
            + USAGE);
        return 2;
      }
    }
    if (email == null || email.isBlank()) {
      err.println("users reset-password: the EMAIL of the account is missing; usage: java -jar persona-runtime.jar "
          + USAGE);
      return 2;
    }
    AppConfig cfg;
    try {
      cfg = ConfigLoader.load(config, env);
    } catch (ConfigException e) {
      err.println("configuration error" + (e.problems().size() > 1 ? "s" : "") + ":");
      e.problems().forEach(p -> err.println("  " + p));
      return 3;
    }
    String normalized = email.strip().toLowerCase(Locale.ROOT);
    AppConfig.Storage s = cfg.storage();
    try (Connection c = DriverManager.getConnection(s.url(), s.user().isBlank() ? null : s.user(),
        s.password().isBlank() ? null : s.password())) {
      c.setAutoCommit(false);
      String userId;
      try (PreparedStatement q = c.prepareStatement("SELECT id FROM users WHERE email = ?")) {
        q.setString(1, normalized);
        try (ResultSet rs = q.executeQuery()) {
          if (!rs.next()) {
            err.println("users reset-password: no account with e-mail " + normalized);
            return 1;
          }
          userId = rs.getString(1);
        }
      }
      byte[] bytes = new byte[15];
      new SecureRandom().nextBytes(bytes);
      String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      Timestamp now = Timestamp.from(Instant.now());
      try (PreparedStatement u = c.prepareStatement("UPDATE users SET password_hash = ? WHERE id = ?")) {
        u.setString(1, PasswordHasher.hashBlocking(password.toCharArray()));
        u.setString(2, userId);
        u.executeUpdate();
      }
      try (PreparedStatement d = c.prepareStatement("DELETE FROM sessions WHERE user_id = ?")) {
        d.setString(1, userId);
        d.executeUpdate();
      }
      try (PreparedStatement r = c.prepareStatement("UPDATE api_tokens SET revoked_at = ? WHERE user_id = ?"
          + " AND kind = 'login' AND revoked_at IS NULL")) {
        r.setTimestamp(1, now);
        r.setString(2, userId);
        r.executeUpdate();
      }
      try (PreparedStatement a = c.prepareStatement("INSERT INTO audit_log (at, actor, brand_id, action, target_type,"
          + " target_id, details) VALUES (?, 'cli', NULL, 'user.password_reset', 'user', ?, NULL)")) {
        a.setTimestamp(1, now);
        a.setString(2, userId);
        a.executeUpdate();
      }
      c.commit();
      out.println("New password for " + normalized + ": " + password);
      out.println("(shown once; the user's console sessions were ended. They can change it in the console under Account.)");
      return 0;
    } catch (SQLException e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      err.println("users reset-password: database " + s.url() + ": " + msg);
      if (s.url().startsWith("jdbc:h2:file:") && (msg.toLowerCase(Locale.ROOT).contains("locked") || msg.toLowerCase(Locale.ROOT).contains("in use"))) {
        err.println("  the H2 database is open in a running server: stop the server, run this again, start it.");
      } else if (msg.toLowerCase(Locale.ROOT).contains("not found") && msg.toUpperCase(Locale.ROOT).contains("USERS")) {
        err.println("  the database has no users table yet: start the server once to create it.");
      }
      return 4;
    }
  }
}
