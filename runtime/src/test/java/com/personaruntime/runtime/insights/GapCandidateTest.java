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
    return new InsightsStore.TurnRow(1, "c", null, Instant.EPOCH, "q?", findings, decision, null, 10, null, null,
        "en", "neutral", 0.0, null, "product_question", null, true, false, 10, null);
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
