package com.personaruntime.runtime.auth;

import com.personaruntime.runtime.storage.Sql;
import com.personaruntime.runtime.storage.User;
import com.personaruntime.runtime.storage.UserRepository;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the first platform admin when the user table is empty: from {@code ADMIN_EMAIL} /
 * {@code ADMIN_PASSWORD}, else with a random password printed once to the console (and
 * nowhere else). Does nothing when users exist.
 */
public final class AdminBootstrap {

  /** E-mail used when {@code ADMIN_EMAIL} is not set. */
  public static final String DEFAULT_EMAIL = "admin@localhost";
  /** Minimum length of {@code ADMIN_PASSWORD}: the service's one password rule ({@link Passwords#MIN_LENGTH}). */
  public static final int MIN_PASSWORD_LENGTH = Passwords.MIN_LENGTH;
  /**
   * The display name stored for the first admin. It is a role, not a person's name: consoles show it in
   * their own language (the console's {@code user.platformAdmin} text) rather than this English word.
   */
  public static final String DEFAULT_DISPLAY_NAME = "Administrator";

  private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

  private AdminBootstrap() {
  }

  /**
   * Ensures there is a first admin. Returns the user created now, or empty when users already
   * existed (also when another node created the admin at the same moment). Fails with
   * {@link IllegalArgumentException} when {@code ADMIN_PASSWORD} is shorter than
   * {@value #MIN_PASSWORD_LENGTH} characters or {@code ADMIN_EMAIL} is not an e-mail.
   */
  public static Future<Optional<User>> ensureAdmin(Vertx vertx, UserRepository users, Map<String, String> env,
      PrintStream out) {
    return users.count().compose(count -> {
      if (count > 0) {
        return Future.succeededFuture(Optional.empty());
      }
      String email = blankToNull(env.get("ADMIN_EMAIL"));
      String password = env.get("ADMIN_PASSWORD") == null || env.get("ADMIN_PASSWORD").isBlank()
          ? null : env.get("ADMIN_PASSWORD");
      try {
        if (email != null && !email.contains("@")) {
          throw new IllegalArgumentException("ADMIN_EMAIL must be an e-mail address, got '" + email + "'");
        }
        if (password != null && password.length() < MIN_PASSWORD_LENGTH) {
          throw new IllegalArgumentException("ADMIN_PASSWORD must be at least " + MIN_PASSWORD_LENGTH
              + " characters long, got " + password.length());
        }
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(e);
      }
      String adminEmail = email == null ? DEFAULT_EMAIL : email;
      boolean generated = password == null;
      String adminPassword = generated ? Secrets.random(18) : password;
      return PasswordHasher.hash(vertx, adminPassword.toCharArray())
          .compose(hash -> users.create(adminEmail, hash, DEFAULT_DISPLAY_NAME, true))
          .map(user -> {
            if (generated) {
              String bar = "=".repeat(72);
              out.println(bar);
              out.println("  FIRST START: created platform admin " + user.email());
              out.println("  password: " + adminPassword);
              out.println("  This password is shown only once. Log in and change it, or set");
              out.println("  ADMIN_EMAIL / ADMIN_PASSWORD before the first start.");
              out.println(bar);
              out.flush();
              LOG.info("created platform admin {} with a generated password (printed once on the console)",
                  user.email());
            } else {
              LOG.info("created platform admin {} from ADMIN_EMAIL/ADMIN_PASSWORD", user.email());
            }
            return Optional.of(user);
          })
          .recover(e -> {
            if (Sql.isConstraintViolation(e)) {
              LOG.info("platform admin {} was created concurrently by another node", adminEmail);
              return Future.succeededFuture(Optional.empty());
            }
            return Future.failedFuture(e);
          });
    });
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
