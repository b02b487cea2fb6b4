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
  /**
   * Breaker b5: the sponsored label's text inside another hashtag is no label ("#adorable", "#AdventCalendar",
   * "#quảngcáođẹp"): the post still gets its label at the start; a label at the start followed by such a hashtag stays.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      en | #adorable new serum drop                      | true
      en | #AdventCalendar is here: 24 minis inside      | true
      en | #addicted to this toner                       | true
      en | #adsupport is what we call our help desk      | true
      vi | #quảngcáođẹpnhấtnăm là đây                    | true
      vi | #quangcaohay nè                               | true
      en | #ad #adorable mini kit is back                | false
      en | ✨ #AD ✨ The holiday kit is back              | false
      vi | #quảngcáo Bộ quà Tết đã về                    | false
      vi | #qc Bộ quà Tết đã về                          | false
      """)
  void sponsoredLabelInsideAnotherHashtagIsNoLabel(String lang, String caption, boolean inserted) {
    String text = caption + "\n\nAI-generated · Nội dung do AI tạo ra";
    Verdict v = POLICY.check(text, CheckContext.post("instagram", lang, true));
    assertThat(v.findings().stream().anyMatch(f -> f.ruleId().equals(RuleIds.SPONSORED_LABEL))).as(caption)
        .isEqualTo(inserted);
    assertThat(v.decision()).as(caption).isEqualTo(inserted ? Decision.REWRITE : Decision.ALLOW);
  }

  /**
   * Breaker b5: the AI label's words count as the label only where they stand as one: not inside a link, not denied,
   * not asked, not a phrase of a longer sentence about such content. Where they do not, the label is appended.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      en | Read lumiere.example/ai-generated-skincare-myths before you shop | true
      en | How AI-generated beauty ads mislead shoppers, and what to check  | true
      en | We spotted AI-generated reviews on a fake shop page today         | true
      en | Made with AI? We get asked a lot.                                 | true
      vi | Cẩn thận với nội dung do AI tạo ra trên mạng khi chọn mỹ phẩm nha | true
      vi | Bài viết không phải do AI tạo ra                                  | true
      en | Winter routine in 3 steps.\\nAI-generated                          | false
      en | This post is AI-generated. SPF every morning!                     | false
      en | AI-generated post. Honest tip: SPF every morning.                 | false
      en | Three steps for dry skin ✨ Made with AI                          | false
      en | Winter routine in 3 steps #skincare #aigenerated                  | false
      vi | Routine mùa đông 3 bước cho da khô. Bài viết do AI tạo            | false
      vi | Routine mùa đông (Nội dung do AI tạo ra)                          | false
      """)
  void aiLabelWordsCountOnlyWhereTheyStandAsALabel(String lang, String text, boolean appended) {
    Policy en = Policies.compile(PolicyConfig.builder().languages(List.of("en", "vi")).jurisdictions(List.of("EU"))
        .aiLabels(java.util.Map.of("vi", "Nội dung do AI tạo ra", "en", "AI-generated")).build());
    Verdict v = en.check(text.replace("\\n", "\n"), CheckContext.post("instagram", lang, false));
    assertThat(v.has(RuleIds.AI_LABEL)).as(text).isEqualTo(appended);
  }
}
