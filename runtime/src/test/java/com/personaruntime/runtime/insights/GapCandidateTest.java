package com.personaruntime.runtime.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which unanswered questions may be knowledge gaps: never a message the input guard refused, a reply the
 * guard stopped, or a turn with a prompt-injection or canary finding (whatever its action), even for
 * rows stored before the signals knew it.
 */
class GapCandidateTest {

  private static InsightsStore.TurnRow row(String decision, String findings) {
    return row(decision, findings, "product_question");
  }

  private static InsightsStore.TurnRow row(String decision, String findings, String intent) {
    return new InsightsStore.TurnRow(1, "c", null, Instant.EPOCH, "q?", findings, decision, null, 10, null, null,
        "en", "neutral", 0.0, null, intent, null, true, false, 10, null);
  }

  /** Questions answered by policy (being an AI, health claims, politics, abuse, competitors) are no gaps. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      are_you_ai        | false
      health            | false
      sensitive         | false
      insult            | false
      competitor        | false
      off_topic         | true
      product_question  | true
      price             | true
      shipping          | true
      unknown_product   | true
      calculation       | true
      """)
  void questionsThePersonaAnswersByPolicyAreNoKnowledgeGaps(String intent, boolean candidate) {
    assertThat(InsightsService.gapCandidate(row("allow", "[]", intent))).isEqualTo(candidate);
  }

  /** "Moderation by rule" counts turns: a rule with three findings on one reply stopped one turn. */
  @org.junit.jupiter.api.Test
  void aRuleStopsATurnOnceHoweverManyFindingsItMade() {
    String findings = "[{\"rule\":\"banned_term\",\"action\":\"block\"},{\"rule\":\"banned_term\",\"action\":\"block\"},"
        + "{\"rule\":\"health_claim\",\"action\":\"flag\"},{\"rule\":\"pii.phone\",\"action\":\"rewrite\"},"
        + "{\"rule\":\"banned_term\",\"action\":\"flag\"}]";
    assertThat(InsightsService.stoppingRules(row("block", findings))).containsExactly("banned_term", "health_claim");
    assertThat(InsightsService.stoppingRules(row("rewrite", findings))).isEmpty();
    assertThat(InsightsService.stoppingRules(row("flag", null))).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void thePolicyIntentsAreIntentsOfTheComposer() {
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (com.personaruntime.composer.Intent i : com.personaruntime.composer.Intent.values()) {
      ids.add(i.id());
    }
    assertThat(ids).containsAll(InsightsService.POLICY_INTENTS);
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      allow   | []                                                        | true
      rewrite | [{"rule":"pii.phone","action":"rewrite"}]                 | true
      allow   |                                                           | true
      block   | [{"rule":"prompt_injection","action":"block"}]            | false
      flag    | [{"rule":"prompt_injection.learned","action":"flag"}]     | false
      block   | [{"rule":"abuse","action":"block"}]                       | false
      flag    | [{"rule":"competitor","action":"flag"}]                   | false
      block   | [{"rule":"forbidden_claim","action":"block"}]             | false
      allow   | [{"rule":"prompt_injection.learned","action":"allow"}]    | false
      block   | [{"rule":"canary_leak","action":"block"}]                 | false
      """)
  void onlyTurnsTheGuardLetThroughCleanly(String decision, String findings, boolean candidate) {
    assertThat(InsightsService.gapCandidate(row(decision, findings))).isEqualTo(candidate);
  }
}
