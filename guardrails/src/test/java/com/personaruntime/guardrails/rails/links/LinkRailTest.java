package com.personaruntime.guardrails.rails.links;

import static com.personaruntime.guardrails.LumierePolicy.POLICY;
import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.guardrails.Decision;
import com.personaruntime.guardrails.LumierePolicy;
import com.personaruntime.guardrails.RuleIds;
import com.personaruntime.guardrails.Verdict;
import org.junit.jupiter.api.Test;

/** The links rail through a whole policy: links outside the allowed domains are flagged. */
class LinkRailTest {

  static Verdict out(String text) {
    return POLICY.check(text, LumierePolicy.OUT_EN);
  }

  @Test
  void linksOutsideAllowedDomainsAreFlagged() {
    assertThat(out("see glowco.com").has(RuleIds.LINK_DOMAIN)).isTrue();
    assertThat(out("see https://shop.lumiere.example/spf").decision()).isEqualTo(Decision.ALLOW);
    assertThat(out("see https://lumiere.example.evil.io").decision()).isEqualTo(Decision.FLAG);
  }
}
