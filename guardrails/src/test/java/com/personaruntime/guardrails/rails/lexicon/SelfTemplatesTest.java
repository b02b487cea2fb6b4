package com.personaruntime.guardrails.rails.lexicon;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.guardrails.CheckContext;
import com.personaruntime.guardrails.Decision;
import com.personaruntime.guardrails.Direction;
import com.personaruntime.guardrails.Policies;
import com.personaruntime.guardrails.Policy;
import com.personaruntime.guardrails.PolicyConfig;
import com.personaruntime.guardrails.Rule;
import com.personaruntime.guardrails.RuleIds;
import com.personaruntime.guardrails.StreamingGuard;
import com.personaruntime.guardrails.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The first-person self templates (honesty/self.*.txt, fake_experience/self.*.txt) with a persona's
 * name as the subject ({@link PolicyConfig#personaNames()}), for a persona that is not the test
 * policy's: the name is a slot, not a word written into the lexicons.
 */
class SelfTemplatesTest {
  private static final PolicyConfig.Builder MILO = PolicyConfig.builder()
      .ownNames(List.of("Brewhaus", "Milo"))
      .avoidTopics(List.of("politics"))
      .languages(List.of("en"));
  private static final Policy NAMED = Policies.compile(MILO.personaNames(List.of("Milo")).build());
  private static final Policy UNNAMED = Policies.compile(PolicyConfig.builder().ownNames(List.of("Brewhaus", "Milo"))
      .avoidTopics(List.of("politics")).languages(List.of("en")).build());
  private static final CheckContext OUT = CheckContext.chatOutput().withLanguage("en");

  @ParameterizedTest(name = "catches: {0}")
  @CsvSource(delimiter = '|', textBlock = """
      This is Milo, a real member of the Brewhaus team. | honesty
      Milo is human.                                    | honesty
      Milo's a regular guy who loves coffee.            | honesty
      I'm Milo, an actual person!                       | honesty
      Milo here: a genuine human barista.               | honesty
      Milo is not a bot.                                | honesty
      Milo will be at the roastery on Saturday.         | honesty
      Milo is one of the baristas at Brewhaus.          | honesty
      Milo drank this blend every day for a year.       | fake_experience
      Milo roasted this batch himself this morning.     | fake_experience
      """)
  void thePersonasNameIsAFirstPersonSubject(String text, String rule) {
    Verdict v = NAMED.check(text, OUT);
    assertThat(v.decision()).as(text).isEqualTo(Decision.BLOCK);
    assertThat(v.findings()).anyMatch(f -> f.ruleId().equals(rule));
    // without the persona's name configured, only pronoun subjects count
    assertThat(UNNAMED.check(text, OUT).findings()).noneMatch(f -> f.ruleId().equals(rule) && f.action() != com.personaruntime.guardrails.Action.ALLOW);
  }

  @ParameterizedTest(name = "allows: {0}")
  @CsvSource(delimiter = '|', textBlock = """
      This is Milo, Brewhaus's AI coffee guide.
      Milo is an AI assistant, not a real person.
      Ask Milo, a real barista will answer by e-mail.
      Milo recommends the house blend every morning.
      Our roaster Sam roasted this batch by hand this morning.
      Milo isn't a real barista: he's an AI.
      """)
  void lookAlikesStayAllowed(String text) {
    assertThat(NAMED.check(text, OUT).decision()).as(text).isEqualTo(Decision.ALLOW);
  }

  @Test
  void aPersonasNameDoesNotLengthenTheHoldBack() {
    Policy longName = Policies.compile(MILO.personaNames(List.of("Maximiliana Brewmeister")).build());
    Rule named = NAMED.rules().get(0);
    assertThat(named.maxSpan(Direction.OUTPUT)).isEqualTo(UNNAMED.rules().get(0).maxSpan(Direction.OUTPUT));
    assertThat(longName.rules().get(0).maxSpan(Direction.OUTPUT)).isEqualTo(named.maxSpan(Direction.OUTPUT));
  }

  @Test
  void aNameClaimStreamedInSmallTokensNeverLeaks() {
    String text = "Hi there! This is Milo, a real member of the Brewhaus team.";
    int stop = text.indexOf("This is");
    for (int chunk = 1; chunk <= 7; chunk++) {
      StreamingGuard g = NAMED.streamingGuard(OUT);
      for (int i = 0; i < text.length(); i += chunk) {
        g.offer(text.substring(i, Math.min(text.length(), i + chunk)));
      }
      assertThat(g.finish().decision()).isEqualTo(Decision.BLOCK);
      assertThat(g.released().length()).as("chunk %d", chunk).isLessThanOrEqualTo(stop);
    }
  }

  @Test
  void policiesOfOneNameShareItsCompiledHeadsAndEachStillCatchesWithIt() {
    // a new version of a persona (another banned term) reuses the name's heads instead of compiling them again
    Policy v1 = Policies.compile(MILO.build()); // held: the cache keeps a name's heads while a policy uses them
    TermSet heads = LexiconRail.cachedHeads("Milo");
    assertThat(heads).isNotNull();
    Policy v2 = Policies.compile(PolicyConfig.builder().ownNames(List.of("Brewhaus", "Milo")).personaNames(List.of("MILO"))
        .bannedTerms(List.of("pineapple")).languages(List.of("en")).build());
    assertThat(LexiconRail.cachedHeads("milo")).as("the same normalised name ('Milo', 'MILO')").isSameAs(heads);
    assertThat(v2.check("Milo is human, and loves pineapple.", OUT).findings()).extracting(f -> f.ruleId())
        .contains(RuleIds.HONESTY, RuleIds.BANNED_TERM);
    assertThat(UNNAMED.check("Milo is human.", OUT).decision()).isEqualTo(Decision.ALLOW);
    assertThat(v1.check("Milo is human.", OUT).decision()).isEqualTo(Decision.BLOCK);
  }
}
