package com.personaruntime.runtime.auth;

import static com.personaruntime.runtime.storage.TestDb.await;
import static com.personaruntime.runtime.storage.TestDb.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.runtime.storage.Backend;
import com.personaruntime.runtime.storage.DbContract;
import com.personaruntime.runtime.storage.User;
import com.personaruntime.runtime.storage.UserRepository;
import io.vertx.core.Future;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** First-admin creation on each backend. Each test starts from an empty users table. */
abstract class AdminBootstrapContract extends DbContract {

  private UserRepository users;
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();

  @BeforeEach
  void emptyUsers() {
    users = new UserRepository(db, clock);
    await(db.pool().query("DELETE FROM users").execute());
  }

  private PrintStream out() {
    return new PrintStream(console, true, StandardCharsets.UTF_8);
  }

  private Future<Optional<User>> ensure(Map<String, String> env) {
    return AdminBootstrap.ensureAdmin(t.vertx, users, env, out());
  }

  @Test
  void adminFromEnvironment() {
    User admin = await(ensure(Map.of("ADMIN_EMAIL", "Boss@Example.com", "ADMIN_PASSWORD", "s3cret-enough"))).orElseThrow();
    assertThat(admin.email()).isEqualTo("boss@example.com");
    assertThat(admin.platformAdmin()).isTrue();
    assertThat(PasswordHasher.verifyBlocking("s3cret-enough".toCharArray(), admin.passwordHash())).isTrue();
    assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain("s3cret-enough");
  }

  @Test
  void randomPasswordIsPrintedOnceAndWorks() {
    User admin = await(ensure(Map.of())).orElseThrow();
    assertThat(admin.email()).isEqualTo("admin@localhost");
    String printed = console.toString(StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("password: (\\S+)").matcher(printed);
    assertThat(m.find()).as(printed).isTrue();
    String password = m.group(1);
    assertThat(password).hasSizeGreaterThanOrEqualTo(20);
    assertThat(printed).contains("admin@localhost").contains("shown only once");

    AuthService auth = new AuthService(t.vertx, db, users, new LoginThrottle(clock), clock, Duration.ofHours(1));
    LoginResult login = await(auth.login("admin@localhost", password, "127.0.0.1"));
    assertThat(login.status()).isEqualTo(LoginResult.Status.OK);
    assertThat(login.principal().platformAdmin()).isTrue();

    console.reset();
    assertThat(await(ensure(Map.of()))).isEmpty();
    assertThat(console.size()).isZero();
    assertThat(await(users.count())).isEqualTo(1L);
  }

  @Test
  void nothingHappensWhenUsersExist() {
    await(users.create("someone@example.com", "h", "Someone", false));
    assertThat(await(ensure(Map.of("ADMIN_EMAIL", "boss@example.com", "ADMIN_PASSWORD", "s3cret-enough")))).isEmpty();
    assertThat(await(users.findByEmail("boss@example.com"))).isEmpty();
  }

  @Test
  void weakOrMalformedSettingsAreRefusedByName() {
    assertThat(failure(ensure(Map.of("ADMIN_PASSWORD", "short"))))
        .hasMessage("ADMIN_PASSWORD must be at least 12 characters long, got 5");
    // the one password rule of the service (Passwords.MIN_LENGTH), as for invitations and the account page
    assertThat(failure(ensure(Map.of("ADMIN_PASSWORD", "eleven-char"))))
        .hasMessage("ADMIN_PASSWORD must be at least 12 characters long, got 11");
    assertThat(failure(ensure(Map.of("ADMIN_EMAIL", "boss")))).hasMessageContaining("ADMIN_EMAIL");
    assertThat(await(users.count())).isZero();
  }
}

class AdminBootstrapH2Test extends AdminBootstrapContract {
  @Override
  protected Backend backend() {
    return Backend.H2;
  }
}

class AdminBootstrapPostgresTest extends AdminBootstrapContract {
  @Override
  protected Backend backend() {
    return Backend.POSTGRESQL;
  }
}
