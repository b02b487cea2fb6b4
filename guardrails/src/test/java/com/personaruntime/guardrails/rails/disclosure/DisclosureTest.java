package com.personaruntime.guardrails.rails.disclosure;

import com.personaruntime.guardrails.Channel;
import com.personaruntime.guardrails.CheckContext;
import com.personaruntime.guardrails.Decision;
import com.personaruntime.guardrails.Direction;
import com.personaruntime.guardrails.Finding;
import com.personaruntime.guardrails.Policies;
import com.personaruntime.guardrails.Policy;
import com.personaruntime.guardrails.PolicyConfig;
import com.personaruntime.guardrails.RuleIds;
import com.personaruntime.guardrails.Verdict;

import static com.personaruntime.guardrails.LumierePolicy.POLICY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DisclosureTest {

  @Test
  void sponsoredVietnamesePostGetsLabelsInserted() {
    Verdict v = POLICY.check("Kem chống nắng mới về!", CheckContext.post("facebook", "vi", true));
    assertThat(v.decision()).isEqualTo(Decision.REWRITE);
    assertThat(v.text()).isEqualTo("#quảngcáo Kem chống nắng mới về!\n\nNội dung do AI tạo ra");
    assertThat(v.has(RuleIds.SPONSORED_LABEL)).isTrue();
    assertThat(v.has(RuleIds.AI_LABEL)).isTrue();
  }

  @Test
  void buriedSponsoredLabelIsMovedToTheStart() {
    Verdict v = POLICY.check("Sunscreen day #skincare #ad #glow", CheckContext.post("instagram", "en", true));
    assertThat(v.text()).startsWith("#ad ");
    assertThat(v.text()).doesNotContain("#skincare #ad");
    Finding buried = v.findings().stream().filter(f -> f.ruleId().equals(RuleIds.SPONSORED_LABEL) && f.end() > f.start())
        .findFirst().orElseThrow();
    assertThat(buried.message()).contains("buried");
  }

  @Test
  void labelsAlreadyInPlaceAreLeftAlone() {
    String text = "#ad #quảngcáo New SPF50 is here.\n\nAI-generated · Nội dung do AI tạo ra";
    Verdict v = POLICY.check(text, CheckContext.post("instagram", "en", true));
    assertThat(v.decision()).isEqualTo(Decision.ALLOW);
    assertThat(v.text()).isEqualTo(text);
  }

  @Test
  void chatGetsNoInsertion() {
    assertThat(POLICY.check("New SPF50 is here", new CheckContext(Direction.OUTPUT, Channel.CHAT, null, "en", true, null)).decision())
        .isEqualTo(Decision.ALLOW);
  }

  @Test
  void chinaProfilePutsTheAiLabelFirst() {
    Policy cn = Policies.compile(PolicyConfig.builder().languages(List.of("zh")).jurisdictions(List.of("CN")).build());
    Verdict v = cn.check("新品上市", CheckContext.post("x", "zh", false));
    assertThat(v.text()).isEqualTo("AI生成内容\n新品上市");
  }

  @Test
  void personaLabelsAreUsed() {
    Policy p = Policies.compile(PolicyConfig.builder().languages(List.of("en")).jurisdictions(List.of("UK"))
        .aiLabels(java.util.Map.of("en", "Made by AI")).sponsoredLabels(java.util.Map.of("en", "#paid")).build());
    Verdict v = p.check("Hello", CheckContext.post("x", "en", true));
    assertThat(v.text()).isEqualTo("#paid Hello\n\nMade by AI");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      x         | 300 | platform.length
      threads   | 10  | platform.hashtags
      """)
  void platformLimitsFlagAfterInsertion(String platform, int size, String rule) {
    String text = rule.equals(RuleIds.PLATFORM_LENGTH) ? "a".repeat(size) : "hi #one #two";
    Verdict v = POLICY.check(text, CheckContext.post(platform, "en", false));
    assertThat(v.decision()).isEqualTo(Decision.FLAG);
    assertThat(v.has(rule)).isTrue();
  }

  @Test
  void lengthWithinLimitBeforeLabelButOverAfterIsFlagged() {
    String text = "a".repeat(270);
    Verdict v = POLICY.check(text, CheckContext.post("x", "en", false));
    assertThat(v.has(RuleIds.PLATFORM_LENGTH)).isTrue();
    assertThat(POLICY.check("a".repeat(200), CheckContext.post("x", "en", false)).decision()).isEqualTo(Decision.REWRITE);
  }
}
