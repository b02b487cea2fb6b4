package com.personaruntime.guardrails;

import com.personaruntime.guardrails.rails.pii.Pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rails of a policy: every built-in rule belongs to exactly one rail, and the guard's hold-back comes from the rails' spans. */
class RulesAsUnitsTest {
  private final CompiledPolicy policy = (CompiledPolicy) LumierePolicy.POLICY;

  @Test
  void everyRuleIdBelongsToExactlyOneRail() {
    Set<String> seen = new HashSet<>();
    for (Rule r : policy.rules()) {
      for (String id : r.ruleIds()) {
        assertThat(seen.add(id)).as("rule id %s in two rails", id).isTrue();
      }
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(RuleIds.all());
    assertThat(policy.rules()).extracting(Rule::name)
        .containsExactly("lexicon", "learned-injection", "pii", "links", "canary", "disclosure");
  }

  @Test
  void everyRailLivesInItsOwnPackage() {
    Set<String> packages = new HashSet<>();
    for (Rule r : policy.rules()) {
      String pkg = r.getClass().getPackageName();
      assertThat(pkg).as(r.name()).startsWith("com.personaruntime.guardrails.rails.");
      assertThat(packages.add(pkg)).as("two rails in %s", pkg).isTrue();
    }
  }

  @Test
  void streamedRailsDeclareBoundedSpansAndWholeTextRailsAreLeftOutOfTheHoldBack() {
    for (Rule r : policy.rules()) {
      int out = r.maxSpan(Direction.OUTPUT);
      assertThat(out).as(r.name()).isGreaterThanOrEqualTo(0);
      if (r.name().equals("disclosure")) {
        assertThat(out).isEqualTo(Rule.WHOLE_TEXT);
      } else if (!r.name().equals("learned-injection")) {
        assertThat(out).as(r.name()).isLessThan(1_000);
      }
    }
    assertThat(policy.rules().stream().filter(r -> r.name().equals("learned-injection")).findFirst().orElseThrow()
        .maxSpan(Direction.OUTPUT)).isZero();
    int lexicon = policy.rules().get(0).maxSpan(Direction.OUTPUT);
    assertThat(policy.maxNormLen(Direction.OUTPUT)).isEqualTo(lexicon);
    assertThat(policy.streamingSpan(Direction.OUTPUT, Rule.SpanUnit.ORIGINAL)).isEqualTo(Pii.STREAM_SPAN);
  }

  @Test
  void aTermSplitAtEveryPositionNeverLeaksWithTheLongestOutputTerm() {
    // the longest shipped output claim, streamed in 1..7-char tokens: nothing of it is released
    String claim = "decreases your chance of developing heart disease";
    String text = "Hello there, this cream " + claim + " for sure";
    for (int step = 1; step <= 7; step++) {
      StreamingGuard g = policy.streamingGuard(CheckContext.chatOutput());
      for (int i = 0; i < text.length(); i += step) {
        g.offer(text.substring(i, Math.min(text.length(), i + step)));
      }
      g.finish();
      assertThat(g.stopped()).isTrue();
      assertThat(g.released()).doesNotContain("decreases your chance");
    }
    assertThat(List.of(claim)).isNotEmpty();
  }

  /**
   * The shipped output lexicons keep the streaming hold-back at the longest plain output term (50
   * normalised chars, plus one): proximity entries, clause anchors with their AI self-identification
   * look-ahead and named endorsements are all bounded by it, so a reply still streams in several
   * releases within a sentence (a longer span once made a one-sentence answer release only at the end).
   */
  @Test
  void theOutputHoldBackStaysAtTheLongestPlainTerm() {
    assertThat(policy.maxNormLen(Direction.OUTPUT)).isLessThanOrEqualTo(51);
  }
}
