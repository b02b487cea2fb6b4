package com.personaruntime.personas;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.guardrails.CheckContext;
import com.personaruntime.guardrails.Decision;
import com.personaruntime.guardrails.Policies;
import com.personaruntime.guardrails.Policy;
import com.personaruntime.guardrails.PolicyConfig;
import org.junit.jupiter.api.Test;

class PersonaPoliciesTest {

  private static Persona linh() {
    return DemoPersonas.load().stream().filter(p -> p.id().equals("linh")).findFirst().orElseThrow();
  }

  @Test
  void boundariesAndDisclosureReachThePolicy() {
    Persona linh = linh();
    PolicyConfig config = PersonaPolicies.toPolicyConfig(linh);
    assertThat(config.bannedTerms()).containsAll(linh.boundaries().bannedTerms());
    assertThat(config.competitors()).containsAll(linh.boundaries().competitors());
    assertThat(config.forbiddenClaims()).containsAll(linh.boundaries().forbiddenClaims());
    assertThat(config.languages()).isEqualTo(linh.languages());
    assertThat(config.jurisdictions()).containsExactlyInAnyOrderElementsOf(linh.disclosure().jurisdictions());
    assertThat(config.aiLabels()).isEqualTo(linh.disclosure().aiLabel());
  }

  @Test
  void theDemoPersonasPolicyCatchesItsOwnBoundaries() {
    Persona linh = linh();
    Policy policy = Policies.compile(PersonaPolicies.toPolicyConfig(linh));
    String competitor = linh.boundaries().competitors().get(0);
    assertThat(policy.check("Bạn thử " + competitor + " xem sao", CheckContext.chatOutput()).decision())
        .isIn(Decision.FLAG, Decision.BLOCK);
    assertThat(policy.check("Kem chống nắng SPF50 giá 390.000đ nhé!", CheckContext.chatOutput()).decision())
        .isEqualTo(Decision.ALLOW);
  }
}
