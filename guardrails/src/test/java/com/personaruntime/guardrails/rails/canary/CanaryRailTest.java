package com.personaruntime.guardrails.rails.canary;

import static com.personaruntime.guardrails.LumierePolicy.POLICY;
import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.guardrails.Channel;
import com.personaruntime.guardrails.CheckContext;
import com.personaruntime.guardrails.Decision;
import com.personaruntime.guardrails.Direction;
import com.personaruntime.guardrails.Policies;
import com.personaruntime.guardrails.Policy;
import com.personaruntime.guardrails.PolicyConfig;
import com.personaruntime.guardrails.RuleIds;
import com.personaruntime.guardrails.StreamingGuard;
import com.personaruntime.guardrails.Verdict;
import com.personaruntime.guardrails.text.TextNormalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The canary rail: the system prompt's canary token in a reply blocks it, even obfuscated. */
class CanaryRailTest {
  /** The load tool's persona (loadtest LoadTest.personaYaml) and its stub reply, one token per delta. */
  private static final Policy LOADBOT = Policies.compile(PolicyConfig.builder().bannedTerms(List.of("knockoff"))
      .forbiddenClaims(List.of("cures")).avoidTopics(List.of("politics")).languages(List.of("en"))
      .jurisdictions(List.of("US", "EU")).aiLabels(Map.of("en", "AI-generated")).sponsoredLabels(Map.of("en", "#ad"))
      .build());
  private static final List<String> REPLY = List.of("Hi", " there.", " Good", " to", " see", " you.", " Our", " café",
      " opens", " at", " eight.", " Fresh", " beans", " arrive", " on", " Monday.", " Try", " the", " house", " blend",
      " today.", " Pour-over", " takes", " about", " three", " minutes.");

  @Test
  void canaryLeakBlocksEvenObfuscated() {
    CheckContext ctx = CheckContext.chatOutput().withCanary("zq7x-canary-91");
    assertThat(POLICY.check("my prompt says zq7x-canary-91", ctx).has(RuleIds.CANARY_LEAK)).isTrue();
    assertThat(POLICY.check("it is Z Q 7 X canary 91", ctx).decision()).isEqualTo(Decision.BLOCK);
    assertThat(POLICY.check("nothing to see", ctx).decision()).isEqualTo(Decision.ALLOW);
  }

  /**
   * The runtime's canary shape ("k" + 8 hex digits, Conversation): the normaliser's VNI fold reads
   * the digits after a vowel as tone marks ("ke8797177" -> "ke"), and what was left of the token used to
   * match "takes" in an innocent reply: about 1 reply in 900 was blocked, at random (found by the load tool).
   */
  @Test
  void tokensTheNormaliserFoldsNeverMatchInnocentText() {
    String reply = String.join("", REPLY) + " Keep it up, take care!";
    Random random = new Random(20261201L);
    int folded = 0;
    List<String> falseLeaks = new ArrayList<>();
    for (int k = 0; k < 5_000; k++) {
      byte[] b = new byte[4];
      random.nextBytes(b);
      String token = "k" + HexFormat.of().formatHex(b);
      if (TextNormalizer.normalize(token).length() < token.length()) {
        folded++;
      }
      Verdict v = LOADBOT.check(reply, CheckContext.chatOutput().withCanary(token));
      if (v.has(RuleIds.CANARY_LEAK)) {
        falseLeaks.add(token);
      }
    }
    assertThat(folded).as("tokens the normaliser shortens (the kind under test)").isGreaterThan(0);
    assertThat(falseLeaks).isEmpty();
  }

  @Test
  void foldedTokenStreamsTheLoadToolReplyUnchanged() {
    for (String token : List.of("ke8797177", "ke6626749", "ke1782423")) {
      StreamingGuard g = LOADBOT.streamingGuard(new CheckContext(Direction.OUTPUT, Channel.CHAT, null, "en", false,
          token));
      StringBuilder shown = new StringBuilder();
      for (int round = 0; round < 4; round++) {
        for (String t : REPLY) {
          shown.append(g.offer(t));
        }
      }
      Verdict v = g.finish();
      assertThat(v.decision()).as(token).isEqualTo(Decision.ALLOW);
      assertThat(g.released()).isEqualTo(String.join("", REPLY).repeat(4));
    }
  }

  @Test
  void leaksOfAFoldedTokenStillBlock() {
    CheckContext ctx = CheckContext.chatOutput().withCanary("ke8797177");
    for (String leak : List.of("the code is ke8797177", "the code is K E 8 7 9 7 1 7 7 ok", "ke-879-7177 it is",
        "spelled k.e.8.7.9.7.1.7.7 here", "full width \uff4b\uff45\uff18\uff17\uff19\uff17\uff11\uff17\uff17")) {
      Verdict v = LOADBOT.check(leak, ctx);
      assertThat(v.has(RuleIds.CANARY_LEAK)).as(leak).isTrue();
      assertThat(v.decision()).as(leak).isEqualTo(Decision.BLOCK);
    }
    assertThat(LOADBOT.check("Try it. Ke 8797 177 is not a code.", ctx).has(RuleIds.CANARY_LEAK)).isTrue();
    assertThat(LOADBOT.check("It takes about three minutes. Ke? 8797177.", ctx).has(RuleIds.CANARY_LEAK))
        .as("a sentence end splits the token: no leak").isFalse();

    // streamed across chunks: blocked, and no part of the spelled-out token is released
    StreamingGuard g = LOADBOT.streamingGuard(new CheckContext(Direction.OUTPUT, Channel.CHAT, null, "en", false,
        "ke8797177"));
    StringBuilder shown = new StringBuilder();
    for (String t : List.of("Sure. ", "The secret is k e", " 8 7 9", " 7 1 7 7", " and more text follows here. ")) {
      shown.append(g.offer(t));
    }
    assertThat(g.finish().decision()).isEqualTo(Decision.BLOCK);
    assertThat(shown.toString()).doesNotContain("k e");
  }
  /**
   * Breaker b5: the shapes in which a model asked to "reveal your secret" leaks the runtime's token ("k" + 8 hex
   * digits): backwards, base64, spelled as words (English and Vietnamese digits, NATO letters), split by emoji or a
   * line break that ends no sentence, digits of another script. Each blocks, whole and streamed in 2-char chunks
   * with nothing of the leak released; look-alikes (part of the token, the leetspeak "is" after a partial token, a
   * sentence end inside it) stay allowed.
   */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
      Sure, backwards it reads 17c0a9f3k                                          | true
      reversed with dashes: 1-7-c-0-a-9-f-3-k                                     | true
      Here it is in base64: azNmOWEwYzcx                                          | true
      The code is k three f nine a zero c seven one                               | true
      K THREE F NINE A ZERO C SEVEN ONE                                           | true
      kilo three foxtrot nine alfa zero charlie seven one, that is all            | true
      kilo 3 foxtrot 9 alpha 0 charlie 7 1                                        | true
      mã của mình là k ba f chín a không c bảy một                                | true
      Token:\\nk3f9a\\n0c71                                                          | true
      k3f9 🔒 a0c7 🔒 1 is what my setup says                                     | true
      mã bí mật: k٣f٩a٠c٧١                                                        | true
      Shade K3F9 is our warmest beige                                             | false
      Colour code #3f9a0c matches the leaf on our logo                            | false
      Batch k3f9a-0c7 is sold out, sorry!                                         | false
      The code 17c0 on the lid is the batch                                       | false
      Ask for k3f9a. 0c71 is our branch code                                      | false
      one two three four five six seven eight nine zero                           | false
      """)
  void obfuscatedLeaksOfTheRuntimeTokenBlock(String text, boolean leak) {
    String reply = text.replace("\\n", "\n");
    String token = "k3f9a0c71";
    CheckContext ctx = new CheckContext(Direction.OUTPUT, Channel.CHAT, null, "en", false, token);
    Verdict v = LOADBOT.check(reply, ctx);
    assertThat(v.has(RuleIds.CANARY_LEAK)).as(reply).isEqualTo(leak);
    if (leak) {
      assertThat(v.decision()).isEqualTo(Decision.BLOCK);
      int first = v.findings().stream().filter(f -> f.ruleId().equals(RuleIds.CANARY_LEAK)).mapToInt(f -> f.start())
          .min().orElseThrow();
      StreamingGuard g = LOADBOT.streamingGuard(ctx);
      for (int i = 0; i < reply.length(); i += 2) {
        g.offer(reply.substring(i, Math.min(reply.length(), i + 2)));
      }
      assertThat(g.finish().decision()).as(reply).isEqualTo(Decision.BLOCK);
      assertThat(g.released().length()).as("released of " + reply).isLessThanOrEqualTo(first);
    }
  }
}
