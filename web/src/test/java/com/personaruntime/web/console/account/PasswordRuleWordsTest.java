package com.personaruntime.web.console.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.runtime.auth.AdminBootstrap;
import com.personaruntime.runtime.auth.Invitations;
import com.personaruntime.runtime.auth.Passwords;
import com.personaruntime.web.console.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One password rule everywhere (newcomer's report: the account page asked for 8 characters, accepting an
 * invitation for 12): the first admin, a new account and a changed password share {@link Passwords#MIN_LENGTH},
 * and every console text, form and the README say that number, never another.
 */
class PasswordRuleWordsTest {
  private final Messages messages = new Messages(List.of("account", "members"));
  private static final String N = String.valueOf(Passwords.MIN_LENGTH);

  @Test
  void everyWayOfChoosingAPasswordHasTheSameMinimum() {
    assertThat(Passwords.MIN_LENGTH).isEqualTo(12);
    assertThat(AdminBootstrap.MIN_PASSWORD_LENGTH).isEqualTo(Passwords.MIN_LENGTH);
    assertThat(Invitations.MIN_NEW_PASSWORD_LENGTH).isEqualTo(Passwords.MIN_LENGTH);
    assertThat(Passwords.longEnough("x".repeat(Passwords.MIN_LENGTH))).isTrue();
    assertThat(Passwords.longEnough("x".repeat(Passwords.MIN_LENGTH - 1))).isFalse();
    assertThat(Passwords.longEnough(null)).isFalse();
  }

  @Test
  void theConsoleSaysTheSameNumberInBothLanguages() {
    for (String lang : Messages.LANGUAGES) {
      for (String key : List.of("account.newHint", "account.tooShort", "invite.passwordHint", "invite.passwordTooShort",
          "invite.passwordRequired")) {
        assertThat(messages.text(lang, key, Passwords.MIN_LENGTH)).as("%s %s", lang, key).contains(" " + N + " ")
            .doesNotContain(" 8 ");
      }
    }
  }

  @Test
  void theAccountFormAsksTheBrowserForTheSameMinimum() throws IOException {
    String form = resource("console/account/account.ftlh");
    assertThat(form).contains("minlength=\"${minLength?c}\"").doesNotContain("minlength=\"8\"");
  }

  @Test
  void theReadmeSaysTheSameNumber() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    assertThat(readme).contains("at least " + N + " characters").doesNotContain("at least 8 characters");
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = PasswordRuleWordsTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
