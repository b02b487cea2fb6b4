package com.personaruntime.runtime.auth;

import static com.personaruntime.runtime.storage.TestDb.await;
import static com.personaruntime.runtime.storage.TestDb.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.runtime.storage.Backend;
import com.personaruntime.runtime.storage.Brand;
import com.personaruntime.runtime.storage.BrandRepository;
import com.personaruntime.runtime.storage.DbContract;
import com.personaruntime.runtime.storage.NotFoundException;
import com.personaruntime.runtime.storage.Role;
import com.personaruntime.runtime.storage.Sql;
import com.personaruntime.runtime.storage.User;
import com.personaruntime.runtime.storage.UserRepository;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Logins, tokens and sessions on each backend. */
abstract class AuthServiceContract extends DbContract {

  private static final String PASSWORD = "correct horse battery";

  private UserRepository users;
  private LoginThrottle throttle;
  private AuthService auth;
  private User user;
  private Brand brand;

  @BeforeEach
  void setUp() {
    users = new UserRepository(db, clock);
    throttle = new LoginThrottle(clock);
    auth = new AuthService(t.vertx, db, users, throttle, clock, Duration.ofHours(12));
    user = await(users.create(unique("alice") + "@example.com", PasswordHasher.hashBlocking(PASSWORD.toCharArray()),
        "Alice", false));
    brand = await(new BrandRepository(db, clock).create(unique("lumiere"), "Lumière"));
    await(users.addMembership(user.id(), brand.id(), Role.EDITOR));
  }

  private LoginResult login(String email, String password) {
    return await(auth.login(email, password, "192.0.2.1"));
  }

  @Test
  void loginGivesTokenSessionAndCsrfThatAuthenticate() {
    LoginResult result = login(user.email().toUpperCase(), PASSWORD);
    assertThat(result.status()).isEqualTo(LoginResult.Status.OK);
    assertThat(result.token()).startsWith("prt_").hasSize(4 + 43);
    assertThat(result.sessionId()).hasSize(43).isNotEqualTo(result.token());
    assertThat(result.csrfToken()).hasSize(43);
    assertThat(result.expiresAt()).isEqualTo(Sql.micros(clock.instant().plus(Duration.ofHours(12))));
    assertThat(result.principal().roles()).isEqualTo(Map.of(brand.id(), Role.EDITOR));
    assertThat(result.toString()).doesNotContain(result.token(), result.sessionId(), result.csrfToken());

    Principal byToken = await(auth.authenticateBearer(result.token())).orElseThrow();
    assertThat(byToken.userId()).isEqualTo(user.id());
    assertThat(byToken.canEdit(brand.id())).isTrue();
    SessionPrincipal bySession = await(auth.authenticateSession(result.sessionId())).orElseThrow();
    assertThat(bySession.principal()).isEqualTo(byToken);
    assertThat(bySession.csrfToken()).isEqualTo(result.csrfToken());
  }

  @Test
  void onlyDigestsOfSecretsAreStored() {
    LoginResult result = login(user.email(), PASSWORD);
    List<String> stored = Sql.list(await(db.pool().preparedQuery(
            "SELECT token_hash AS v FROM api_tokens WHERE user_id = ? UNION ALL SELECT id_hash FROM sessions WHERE user_id = ?")
        .execute(Tuple.of(user.id(), user.id()))), r -> Sql.string(r, "v"));
    assertThat(stored).hasSize(2).allMatch(v -> v.matches("[0-9a-f]{64}"))
        .doesNotContain(result.token(), result.sessionId());
  }

  @Test
  void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
    assertThat(login(user.email(), "wrong password").status()).isEqualTo(LoginResult.Status.INVALID_CREDENTIALS);
    assertThat(login("nobody-" + user.email(), PASSWORD).status()).isEqualTo(LoginResult.Status.INVALID_CREDENTIALS);
    assertThat(login(user.email(), "").status()).isEqualTo(LoginResult.Status.INVALID_CREDENTIALS);
    assertThat(login(null, null).status()).isEqualTo(LoginResult.Status.INVALID_CREDENTIALS);
  }

  @Test
  void disabledUserIsToldOnlyWithTheRightPasswordAndLosesAccess() {
    LoginResult before = login(user.email(), PASSWORD);
    await(users.setDisabled(user.id(), true));
    assertThat(login(user.email(), PASSWORD).status()).isEqualTo(LoginResult.Status.DISABLED);
    assertThat(login(user.email(), "wrong").status()).isEqualTo(LoginResult.Status.INVALID_CREDENTIALS);
    assertThat(await(auth.authenticateBearer(before.token()))).isEmpty();
    assertThat(await(auth.authenticateSession(before.sessionId()))).isEmpty();
  }

  @Test
  void repeatedFailuresAreRateLimitedEvenWithTheRightPassword() {
    for (int i = 0; i < 5; i++) {
      assertThat(login(user.email(), "guess " + i).status()).isEqualTo(LoginResult.Status.INVALID_CREDENTIALS);
    }
    LoginResult limited = login(user.email(), PASSWORD);
    assertThat(limited.status()).isEqualTo(LoginResult.Status.RATE_LIMITED);
    assertThat(limited.retryAfterSeconds()).isEqualTo(900);
    assertThat(limited.token()).isNull();

    clock.advance(Duration.ofMinutes(15));
    assertThat(login(user.email(), PASSWORD).status()).isEqualTo(LoginResult.Status.OK);
  }

  @Test
  void expiredLoginNoLongerAuthenticates() {
    LoginResult result = login(user.email(), PASSWORD);
    clock.advance(Duration.ofHours(12).minusSeconds(1));
    assertThat(await(auth.authenticateBearer(result.token()))).isPresent();
    assertThat(await(auth.authenticateSession(result.sessionId()))).isPresent();
    clock.advance(Duration.ofSeconds(1));
    assertThat(await(auth.authenticateBearer(result.token()))).isEmpty();
    assertThat(await(auth.authenticateSession(result.sessionId()))).isEmpty();
  }

  @Test
  void logoutEndsTheSessionAndItsLoginToken() {
    LoginResult result = login(user.email(), PASSWORD);
    await(auth.logout(result.sessionId(), null));
    assertThat(await(auth.authenticateSession(result.sessionId()))).isEmpty();
    assertThat(await(auth.authenticateBearer(result.token()))).isEmpty();

    LoginResult second = login(user.email(), PASSWORD);
    await(auth.logout(null, second.token()));
    assertThat(await(auth.authenticateBearer(second.token()))).isEmpty();
    assertThat(await(auth.authenticateSession(second.sessionId()))).isEmpty();
    await(auth.logout("unknown", "prt_unknown"));
  }

  @Test
  void apiTokensAreCreatedListedWithoutSecretsAndRevoked() {
    login(user.email(), PASSWORD);
    CreatedToken ci = await(auth.createApiToken(user.id(), "ci", null));
    clock.advance(Duration.ofSeconds(1));
    CreatedToken deploy = await(auth.createApiToken(user.id(), "deploy", clock.instant().plus(Duration.ofDays(30))));
    assertThat(ci.token()).startsWith(ci.info().prefix()).startsWith("prt_");
    assertThat(ci.toString()).doesNotContain(ci.token());

    List<ApiTokenInfo> listed = await(auth.listApiTokens(user.id()));
    assertThat(listed).extracting(ApiTokenInfo::name).containsExactly("deploy", "ci");
    assertThat(listed.get(0).expiresAt()).isEqualTo(Sql.micros(clock.instant().plus(Duration.ofDays(30))));
    assertThat(listed).allSatisfy(info -> assertThat(info.toString()).doesNotContain(ci.token(), deploy.token()));

    assertThat(await(auth.authenticateBearer(ci.token()))).map(Principal::userId).contains(user.id());

    User other = await(users.create(unique("mallory") + "@example.com", "h", "Mallory", false));
    assertThat(await(auth.revokeApiToken(other.id(), ci.info().id()))).isFalse();
    assertThat(await(auth.authenticateBearer(ci.token()))).isPresent();
    assertThat(await(auth.revokeApiToken(user.id(), ci.info().id()))).isTrue();
    assertThat(await(auth.revokeApiToken(user.id(), ci.info().id()))).isFalse();
    assertThat(await(auth.revokeApiToken(user.id(), "no-such-token"))).isFalse();
    assertThat(await(auth.authenticateBearer(ci.token()))).isEmpty();
    assertThat(await(auth.listApiTokens(user.id()))).filteredOn(i -> i.id().equals(ci.info().id()))
        .singleElement().satisfies(i -> assertThat(i.activeAt(clock.instant())).isFalse());
  }

  @Test
  void apiTokenExpiryAndValidation() {
    CreatedToken token = await(auth.createApiToken(user.id(), "short", clock.instant().plus(Duration.ofHours(1))));
    assertThat(await(auth.authenticateBearer(token.token()))).isPresent();
    clock.advance(Duration.ofHours(1));
    assertThat(await(auth.authenticateBearer(token.token()))).isEmpty();

    assertThat(failure(auth.createApiToken(user.id(), "past", clock.instant().minusSeconds(1))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expiresAt");
    assertThat(failure(auth.createApiToken(user.id(), " ", null))).hasMessageContaining("token name");
    assertThat(failure(auth.createApiToken("no-such-user", "x", null))).isInstanceOf(NotFoundException.class);
  }

  @Test
  void lastUsedIsRecordedAtMostOncePerMinute() {
    CreatedToken token = await(auth.createApiToken(user.id(), "used", null));
    assertThat(lastUsed(token)).isNull();
    Instant first = Sql.micros(clock.instant());
    await(auth.authenticateBearer(token.token()));
    assertThat(lastUsed(token)).isEqualTo(first);
    clock.advance(Duration.ofSeconds(30));
    await(auth.authenticateBearer(token.token()));
    assertThat(lastUsed(token)).isEqualTo(first);
    clock.advance(Duration.ofSeconds(31));
    await(auth.authenticateBearer(token.token()));
    assertThat(lastUsed(token)).isEqualTo(Sql.micros(clock.instant()));
  }

  private Instant lastUsed(CreatedToken token) {
    Row row = await(db.pool().preparedQuery("SELECT last_used_at FROM api_tokens WHERE id = ?")
        .execute(Tuple.of(token.info().id()))).iterator().next();
    return Sql.instant(row, "last_used_at");
  }

  @Test
  void malformedCredentialsAreRejectedQuietly() {
    assertThat(await(auth.authenticateBearer(null))).isEmpty();
    assertThat(await(auth.authenticateBearer("not-a-token"))).isEmpty();
    assertThat(await(auth.authenticateBearer("prt_" + "x".repeat(43)))).isEmpty();
    assertThat(await(auth.authenticateSession(""))).isEmpty();
    assertThat(await(auth.authenticateSession("no-such-session"))).isEmpty();
  }

  @Test
  void expiredSessionsArePurged() {
    LoginResult result = login(user.email(), PASSWORD);
    clock.advance(Duration.ofHours(13));
    assertThat(await(auth.purgeExpiredSessions())).isGreaterThanOrEqualTo(1);
    clock.advance(Duration.ofHours(-13));
    assertThat(await(auth.authenticateSession(result.sessionId()))).isEmpty();
  }
}

class AuthServiceH2Test extends AuthServiceContract {
  @Override
  protected Backend backend() {
    return Backend.H2;
  }
}

class AuthServicePostgresTest extends AuthServiceContract {
  @Override
  protected Backend backend() {
    return Backend.POSTGRESQL;
  }
}
