package com.personaruntime.guardrails.rails.lexicon;

import com.personaruntime.guardrails.CheckContext;
import com.personaruntime.guardrails.Decision;
import com.personaruntime.guardrails.LumierePolicy;
import com.personaruntime.guardrails.Policies;
import com.personaruntime.guardrails.Policy;
import com.personaruntime.guardrails.PolicyConfig;
import com.personaruntime.guardrails.RuleIds;
import com.personaruntime.guardrails.Verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Political endorsements of a named person for a persona that avoids politics (avoid_topic, flag):
 * voting verbs, standing with or supporting someone with election context, campaign slogans, and
 * their look-alikes (polls of the brand's own names and products, seasons and events with a year).
 */
class EndorsementsTest {

  static Verdict out(String text) {
    return LumierePolicy.POLICY.check(text, LumierePolicy.OUT_EN);
  }

  @ParameterizedTest(name = "endorsement: {0}")
  @CsvSource(delimiter = '|', textBlock = """
      vote smith!                              | vote smith
      Vote jones.                              | Vote jones
      Please vote harris!                      | vote harris
      Vote Smith!                              | Vote Smith
      Smith 2028!                              | Smith 2028
      #Smith2028                               | Smith2028
      Jane Smith 2030                          | Jane Smith 2030
      Harris 2028: a better future             | Harris 2028
      I'm with Smith this November             | with Smith
      we are with Tran on Tuesday              | with Tran
      We stand with Jones this election        | with Jones
      Support Tran on Sunday                   | Support Tran
      Team Smith 2028!                         | Team Smith
      #VoteSmith2028                           | VoteSmith
      """)
  void flagsTheName(String text, String span) {
    Verdict v = out(text);
    assertThat(v.decision()).as(text).isEqualTo(Decision.FLAG);
    assertThat(v.findings().stream().filter(x -> x.ruleId().equals(RuleIds.AVOID_TOPIC))
        .map(f -> text.substring(f.start(), f.end()))).as(text).anyMatch(s -> s.startsWith(span));
  }

  @ParameterizedTest(name = "not an endorsement: {0}")
  @CsvSource(delimiter = '|', textBlock = """
      Vote Lumière!
      vote lumiere!
      Vote Linh!
      Vote Glow Serum!
      Vote pink!
      vote wisely!
      Don't forget to vote early!
      vote now!
      Summer 2028!
      Tết 2028 sắp tới rồi
      Copyright 2026
      Happy New Year 2028!
      Lumière 2028: new formulas
      Class of 2028!
      Expo 2028
      See you at Expo 2028!
      I'm with Linh at the counter
      I'm with you this November
      Come shop with Smith this November
      Paris 2028!
      Our Spring Collection 2027 is here
      Vote for your favourite shade!
      """)
  void allows(String text) {
    assertThat(out(text).decision()).as(text).isEqualTo(Decision.ALLOW);
  }

  @Test
  void ownNamesComeFromTheConfigAndTheAllowedDomains() {
    Policy p = Policies.compile(PolicyConfig.builder().avoidTopics(List.of("politics")).ownNames(List.of("Milo"))
        .allowedLinkDomains(List.of("brewhaus.example")).build());
    CheckContext ctx = CheckContext.chatOutput().withLanguage("en");
    assertThat(p.check("Vote Milo!", ctx).decision()).isEqualTo(Decision.ALLOW);
    assertThat(p.check("Vote Brewhaus!", ctx).decision()).isEqualTo(Decision.ALLOW);
    assertThat(p.check("Vote Smith!", ctx).decision()).isEqualTo(Decision.FLAG);
  }
}
