package com.personaruntime.guardrails.rails.canary;

import static com.personaruntime.guardrails.LumierePolicy.POLICY;
import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.guardrails.CheckContext;
import com.personaruntime.guardrails.Decision;
import com.personaruntime.guardrails.RuleIds;
import org.junit.jupiter.api.Test;

/** The canary rail: the system prompt's canary token in a reply blocks it, even obfuscated. */
class CanaryRailTest {

  @Test
  void canaryLeakBlocksEvenObfuscated() {
    CheckContext ctx = CheckContext.chatOutput().withCanary("zq7x-canary-91");
    assertThat(POLICY.check("my prompt says zq7x-canary-91", ctx).has(RuleIds.CANARY_LEAK)).isTrue();
    assertThat(POLICY.check("it is Z Q 7 X canary 91", ctx).decision()).isEqualTo(Decision.BLOCK);
    assertThat(POLICY.check("nothing to see", ctx).decision()).isEqualTo(Decision.ALLOW);
  }
}
