package com.personaruntime.guardrails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyConfigTest {

  static Stream<Arguments> invalid() {
    return Stream.<Arguments>of(
        Arguments.of((Supplier<PolicyConfig>) () -> PolicyConfig.builder().jurisdictions(List.of("VN", "XX")).build(),
            "jurisdictions: unknown jurisdiction 'XX', expected one of VN, EU, US, UK, CN"),
        Arguments.of((Supplier<PolicyConfig>) () -> PolicyConfig.builder().languages(List.of("vie")).build(),
            "languages: 'vie' is not an ISO 639-1 code (two letters)"),
        Arguments.of((Supplier<PolicyConfig>) () -> PolicyConfig.builder().languages(List.of()).build(),
            "languages: must name at least one language"),
        Arguments.of((Supplier<PolicyConfig>) () -> PolicyConfig.builder().aiLabels(Map.of("vi", " ")).build(),
            "aiLabels: label for 'vi' must not be blank"),
        Arguments.of((Supplier<PolicyConfig>) () -> PolicyConfig.builder().allowedLinkDomains(List.of("https://lumiere.example")).build(),
            "allowedLinkDomains: 'https://lumiere.example' must be a domain name, not a URL"),
        Arguments.of((Supplier<PolicyConfig>) () -> PolicyConfig.builder().bannedTerms(List.of("!!!")).build(),
            "bannedTerms: term '!!!' has no letters or digits to match"),
        Arguments.of((Supplier<PolicyConfig>) () -> PolicyConfig.builder().ruleAction("nope", Action.BLOCK).build(),
            "ruleAction: unknown rule id 'nope'"),
        Arguments.of((Supplier<PolicyConfig>) () -> PolicyConfig.builder().regulatedClaims(List.of("crypto")).build(),
            "regulatedClaims: unknown lexicon 'crypto', expected one of health, cosmetic, finance"),
        Arguments.of((Supplier<PolicyConfig>) () -> PolicyConfig.builder().bannedTerms(List.of("GlowCo")).competitors(List.of("glowco")).build(),
            "competitors: 'glowco' is also a banned term"),
        Arguments.of((Supplier<PolicyConfig>) () -> PolicyConfig.builder().streamingBudget(5).build(),
            "streamingBudget: 5 is out of range 40..10000"),
        Arguments.of((Supplier<PolicyConfig>) () -> PolicyConfig.builder().competitors(null).build(),
            "competitors: must not be null"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalid")
  void rejectsNamingFieldAndValue(Supplier<PolicyConfig> build, String message) {
    assertThatThrownBy(build::get).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
  }

  @Test
  void normalisesAndKeepsValues() {
    PolicyConfig c = PolicyConfig.builder().jurisdictions(List.of("vn", "EU")).languages(List.of("VI", "en"))
        .allowedLinkDomains(List.of("www.Lumiere.example")).build();
    assertThat(c.jurisdictions()).containsExactly("VN", "EU");
    assertThat(c.defaultLanguage()).isEqualTo("vi");
    assertThat(c.allowedLinkDomains()).containsExactly("lumiere.example");
    assertThat(c.regulatedClaims()).containsExactly("health", "cosmetic", "finance");
  }

  @Test
  void policyCacheCompilesOncePerKey() {
    PolicyCache cache = new PolicyCache(10);
    int[] calls = {0};
    Supplier<PolicyConfig> cfg = () -> {
      calls[0]++;
      return LumierePolicy.CONFIG;
    };
    Policy a = cache.get("linh@1", cfg);
    Policy b = cache.get("linh@1", cfg);
    assertThat(a).isSameAs(b);
    assertThat(calls[0]).isEqualTo(1);
    cache.invalidate("linh@1");
    assertThat(cache.get("linh@1", cfg)).isNotSameAs(a);
    assertThat(calls[0]).isEqualTo(2);
    assertThatThrownBy(() -> new PolicyCache(0)).hasMessage("maximumSize: must be positive, was 0");
  }

  @Test
  void decisionWireFormAndOrder() {
    assertThat(Decision.BLOCK.wire()).isEqualTo("block");
    assertThat(Decision.fromWire("Rewrite")).isEqualTo(Decision.REWRITE);
    assertThat(Decision.ALLOW.max(Decision.FLAG)).isEqualTo(Decision.FLAG);
    assertThatThrownBy(() -> Decision.fromWire("deny")).hasMessageContaining("'deny'");
  }
}
