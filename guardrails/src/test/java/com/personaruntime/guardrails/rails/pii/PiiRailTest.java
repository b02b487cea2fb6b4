package com.personaruntime.guardrails.rails.pii;

import static com.personaruntime.guardrails.LumierePolicy.POLICY;
import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.guardrails.CheckContext;
import com.personaruntime.guardrails.Decision;
import com.personaruntime.guardrails.LumierePolicy;
import com.personaruntime.guardrails.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The PII rail through a whole policy: redaction in both directions, in the reply's language. */
class PiiRailTest {

  static Verdict out(String text) {
    return POLICY.check(text, LumierePolicy.OUT_EN);
  }

  static Verdict in(String text) {
    return POLICY.check(text, CheckContext.chatInput().withLanguage("en"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      Call 0912 345 678 now             | pii.phone | Call [redacted] now
      mail linh@gmail.com ok            | pii.email | mail [redacted] ok
      card 4111 1111 1111 1111          | pii.card  | card [redacted]
      id 001203004567                   | pii.vn_id | id [redacted]
      """)
  void redactsInBothDirections(String text, String rule, String redacted) {
    for (Verdict v : List.of(out(text), in(text))) {
      assertThat(v.decision()).isEqualTo(Decision.REWRITE);
      assertThat(v.has(rule)).isTrue();
      assertThat(v.text()).isEqualTo(redacted);
    }
  }

  @Test
  void vietnamesePlaceholderFollowsLanguage() {
    assertThat(POLICY.check("Gọi 0912345678 nhé", LumierePolicy.OUT_VI).text()).isEqualTo("Gọi [đã ẩn] nhé");
  }

  @ParameterizedTest(name = "not PII: {0}")
  @CsvSource(delimiter = '|', textBlock = """
      Giá 390.000đ cho 50 ml
      Order 12345678 ships today
      card 4111 1111 1111 1112
      Open 9:00 to 21:00
      """)
  void notPii(String text) {
    assertThat(out(text).decision()).isEqualTo(Decision.ALLOW);
  }
}
