package com.personaruntime.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code java -jar ... users reset-password EMAIL}: the operator's forgot-password path. */
class UsersCommandIT {

  @Test
  void resetPasswordPrintsANewPasswordThatLogsInAndEndsOldLogins() throws Exception {
    try (TestServer s = TestServer.start("users-cli")) {
      String oldToken = s.loginAdmin();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = Main.run(new String[] {"users", "reset-password", TestServer.ADMIN_EMAIL.toUpperCase()},
          Map.of("STORAGE_URL", s.dbUrl()), new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
      assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
      Matcher m = Pattern.compile("New password for (\\S+): (\\S+)").matcher(out.toString(StandardCharsets.UTF_8));
      assertThat(m.find()).isTrue();
      assertThat(m.group(1)).isEqualTo(TestServer.ADMIN_EMAIL);
      String password = m.group(2);
      assertThat(password).hasSizeGreaterThanOrEqualTo(16);
      s.post("/api/v1/auth/login", null, new JsonObject().put("email", TestServer.ADMIN_EMAIL)
          .put("password", TestServer.ADMIN_PASSWORD)).expect(401);
      s.login(TestServer.ADMIN_EMAIL, password);
      s.get("/api/v1/auth/me", oldToken).expect(401);
      assertThat(s.query("SELECT action FROM audit_log WHERE action = 'user.password_reset'")).hasSize(1);

      ByteArrayOutputStream err2 = new ByteArrayOutputStream();
      assertThat(Main.run(new String[] {"users", "reset-password", "nobody@example.test"}, Map.of("STORAGE_URL", s.dbUrl()),
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
          new PrintStream(err2, true, StandardCharsets.UTF_8))).isEqualTo(1);
      assertThat(err2.toString(StandardCharsets.UTF_8)).contains("no account with e-mail nobody@example.test");
      assertThat(Main.run(new String[] {"users", "reset-password"}, Map.of("STORAGE_URL", s.dbUrl()),
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
          new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))).isEqualTo(2);
    }
  }
}
