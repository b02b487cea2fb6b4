package com.personaruntime.runtime.auth;

import static com.personaruntime.runtime.storage.TestDb.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  @Test
  void hashIsPhcArgon2idWithDefaultParametersAndVerifies() {
    String hash = PasswordHasher.hashBlocking("correct horse".toCharArray());
    assertThat(hash).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(PasswordHasher.verifyBlocking("correct horse".toCharArray(), hash)).isTrue();
    assertThat(PasswordHasher.verifyBlocking("correct horsE".toCharArray(), hash)).isFalse();
    assertThat(PasswordHasher.needsRehash(hash)).isFalse();
  }

  @Test
  void saltMakesEveryHashDifferent() {
    assertThat(PasswordHasher.hashBlocking("same".toCharArray()))
        .isNotEqualTo(PasswordHasher.hashBlocking("same".toCharArray()));
  }

  @Test
  void verifiesTheReferenceImplementationsTestVector() {
    // phc-winner-argon2 test vector: argon2id v=19, t=2, m=65536, p=1, "password" / "somesalt"
    String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
    assertThat(PasswordHasher.verifyBlocking("password".toCharArray(), reference)).isTrue();
    assertThat(PasswordHasher.verifyBlocking("Password".toCharArray(), reference)).isFalse();
    assertThat(PasswordHasher.needsRehash(reference)).isTrue();
  }

  @Test
  void nonAsciiPasswordsAreEncodedAsUtf8() {
    String hash = PasswordHasher.hashBlocking("mật khẩu 🌿".toCharArray(), new PasswordHasher.Params(1024, 1, 1));
    assertThat(PasswordHasher.verifyBlocking("mật khẩu 🌿".toCharArray(), hash)).isTrue();
    assertThat(PasswordHasher.verifyBlocking("mat khau 🌿".toCharArray(), hash)).isFalse();
  }

  @Test
  void malformedOrAbsurdHashesDoNotVerify() {
    char[] pw = "x".toCharArray();
    assertThat(PasswordHasher.verifyBlocking(pw, null)).isFalse();
    assertThat(PasswordHasher.verifyBlocking(pw, "")).isFalse();
    assertThat(PasswordHasher.verifyBlocking(pw, "$2a$10$abcdefghijklmnopqrstuv")).isFalse();
    assertThat(PasswordHasher.verifyBlocking(pw,
        "$argon2id$v=19$m=99999999,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc")).isFalse();
    assertThatThrownBy(() -> PasswordHasher.hashBlocking(new char[0])).hasMessageContaining("empty");
    assertThatThrownBy(() -> new PasswordHasher.Params(19456, 0, 1)).hasMessageContaining("iterations");
  }

  @Test
  void asyncVariantsRunOnAWorker() {
    Vertx vertx = Vertx.vertx();
    try {
      String hash = await(PasswordHasher.hash(vertx, "secret-pw".toCharArray()));
      assertThat(await(PasswordHasher.verify(vertx, "secret-pw".toCharArray(), hash))).isTrue();
      assertThat(await(PasswordHasher.verify(vertx, "wrong".toCharArray(), hash))).isFalse();
    } finally {
      await(vertx.close());
    }
  }
}
