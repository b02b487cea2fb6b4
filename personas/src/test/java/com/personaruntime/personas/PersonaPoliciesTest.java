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

  @Test
  void aOneSentenceAnswerStreamsInSeveralReleases() {
    Policy policy = Policies.compile(PersonaPolicies.toPolicyConfig(linh()));
    var guard = policy.streamingGuard(CheckContext.chatOutput().withLanguage("vi"));
    String answer = "Kem chống nắng SPF50 PA++++ của Lumière có giá 390.000đ cho tuýp 50 ml, bạn nhé.";
    String[] words = answer.split("(?<= )");
    int releases = 0;
    StringBuilder chunk = new StringBuilder();
    for (int i = 0; i < words.length; i++) {
      chunk.append(words[i]);
      if (i % 3 == 2 || i == words.length - 1) {
        if (!guard.offer(chunk.toString()).isEmpty()) {
          releases++;
        }
        chunk.setLength(0);
      }
    }
    String before = guard.released();
    guard.finish();
    if (guard.released().length() > before.length()) {
      releases++;
    }
    assertThat(guard.released()).isEqualTo(answer);
    assertThat(releases).isGreaterThanOrEqualTo(2);
  }

  @Test
  void theBrandsOwnContactAddressIsNotRedactedButOtherAddressesAre() {
    Persona linh = linh();
    String contact = linh.contact().email();
    Policy policy = Policies.compile(PersonaPolicies.toPolicyConfig(linh));
    var out = policy.check("Bạn gửi mail cho " + contact + " nhé.", CheckContext.chatOutput());
    assertThat(out.decision()).isEqualTo(Decision.ALLOW);
    assertThat(out.text()).contains(contact);
    var other = policy.check("Bạn gửi mail cho chi.nguyen@gmail.com nhé.", CheckContext.chatOutput());
    assertThat(other.decision()).isEqualTo(Decision.REWRITE);
    assertThat(other.text()).doesNotContain("chi.nguyen@gmail.com");
    var input = policy.check("Mail của mình là " + contact, CheckContext.chatInput());
    assertThat(input.decision()).isEqualTo(Decision.REWRITE);
  }
}
