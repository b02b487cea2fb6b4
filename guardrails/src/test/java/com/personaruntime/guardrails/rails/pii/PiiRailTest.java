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

  /** A bakery whose approved knowledge gives its order line: the persona may say it, in any writing of it. */
  static final com.personaruntime.guardrails.Policy SHOP = com.personaruntime.guardrails.Policies.compile(
      com.personaruntime.guardrails.PolicyConfig.builder().languages(List.of("vi", "en"))
          .publicPhones(List.of("0263 3 123 456", "1900 6868")).build());

  @ParameterizedTest(name = "own number: {0}")
  @CsvSource(delimiter = '|', textBlock = """
      Điện thoại đặt bánh: 0263 3 123 456 nha
      Gọi 02633123456 nhé
      Call +84 263 3123 456 from abroad
      Call (+84) 263-312-3456
      Hotline 1900.6868 (8h-21h)
      """)
  void theBrandsOwnNumbersStayInOutput(String text) {
    Verdict v = SHOP.check(text, LumierePolicy.OUT_VI);
    assertThat(v.has("pii.phone")).as(v.toString()).isFalse();
    assertThat(v.text()).isEqualTo(text);
  }

  @ParameterizedTest(name = "not own: {0}")
  @CsvSource(delimiter = '|', textBlock = """
      Gọi chị Lan 0912 345 678 nha                      | Gọi chị Lan [đã ẩn] nha
      Số 0263 3 123 457 không phải của shop              | Số [đã ẩn] không phải của shop
      Gọi 0263 3 123 456 hoặc 0912 345 678 nha           | Gọi 0263 3 123 456 hoặc [đã ẩn] nha
      Call 1 0263 3 123 456 7                            | Call 1 [đã ẩn]
      """)
  void otherNumbersAreStillRedacted(String text, String redacted) {
    assertThat(SHOP.check(text, LumierePolicy.OUT_VI).text()).isEqualTo(redacted);
  }

  @Test
  void anAudiencesCopyOfTheNumberIsRedactedInInput() {
    // input is the audience's text: what they write is theirs, even the shop's number
    assertThat(SHOP.check("số shop 0263 3 123 456 đúng không", CheckContext.chatInput().withLanguage("vi")).text())
        .isEqualTo("số shop [đã ẩn] đúng không");
  }

  @Test
  void publicNumbersMatchWithTrunkPrefixOrCountryCode() {
    PublicPhones own = PublicPhones.of(List.of("0263 3 123 456", "12345"));
    assertThat(own.contains("+84 263 3123 456")).isTrue();
    assertThat(own.contains("263.312.3456")).isTrue();
    assertThat(own.contains("0263 3123 457")).isFalse();
    assertThat(own.contains("99 84 263 3123 456")).as("more than a 3-digit country code").isFalse();
    assertThat(own.contains("12345")).as("fewer than six digits are never public numbers").isFalse();
    assertThat(PublicPhones.NONE.contains("0263 3123 456")).isFalse();
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
