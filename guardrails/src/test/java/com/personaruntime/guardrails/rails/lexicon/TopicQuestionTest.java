package com.personaruntime.guardrails.rails.lexicon;

import com.personaruntime.guardrails.CheckContext;
import com.personaruntime.guardrails.Decision;
import com.personaruntime.guardrails.LumierePolicy;
import com.personaruntime.guardrails.StreamingGuard;
import com.personaruntime.guardrails.Verdict;
import com.personaruntime.guardrails.text.NormalizedText;
import com.personaruntime.guardrails.text.TextNormalizer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A condition and its end split by a topic question ("Eczema? Not anymore!", "Mụn? Hết luôn!"):
 * entries written {@code A ~?N~ B} cross a question mark after at most five words; a longer
 * question, another terminator, advice or a denial after it, and a shop's "sold out" are no claim.
 */
class TopicQuestionTest {

  static Verdict out(String text) {
    boolean vi = text.chars().anyMatch(c -> c > 0x7f && TextNormalizer.vietnameseMark((char) c));
    return LumierePolicy.POLICY.check(text, vi ? LumierePolicy.OUT_VI : LumierePolicy.OUT_EN);
  }

  @ParameterizedTest(name = "claim: {0}")
  @CsvSource(delimiterString = "=>", textBlock = """
      Eczema? Not anymore!
      Psoriasis? Gone in a week.
      Acne? Gone for good!
      Eczema on your elbows? Gone in days!
      Psoriasis? It will be gone soon!
      Diabetes? Never again!
      ECZEMA? NOT ANYMORE!
      Eczema?? Not anymore!!
      Eczema ？Not anymore！
      €czema? Not anymore!
      Mụn? Hết luôn!
      Nám? Hết sạch luôn!
      Chàm? Biến mất sau 7 ngày!
      Mụn? Không còn là nỗi lo!
      Tiểu đường? Không còn là nỗi lo.
      Chàm? Khỏi luôn.
      """)
  void blocks(String text) {
    assertThat(out(text).decision()).as(text).isEqualTo(Decision.BLOCK);
  }

  @ParameterizedTest(name = "no claim: {0}")
  @CsvSource(delimiterString = "=>", textBlock = """
      Questions? Ask us anytime!
      Eczema? Ask your doctor first.
      Acne? Talk to a dermatologist first.
      Eczema? Our balm soothes dry and itchy-looking skin.
      Eczema? Not something we can promise to fix.
      Rosacea? History of the word is Latin.
      Dull skin? Not anymore!
      Eczema. Not anymore!
      Do you often wake up with dry patches of eczema? No more worries about the price
      Da khô? Hết luôn!
      Mụn? Bạn nên gặp bác sĩ nhé.
      Mụn? Shop không dám hứa hết luôn đâu ạ.
      Bạn bị mụn à? Hết luôn hàng rồi ạ
      Mụn? Hết luôn hàng rồi ạ
      """)
  void allows(String text) {
    assertThat(out(text).decision()).as(text).isEqualTo(Decision.ALLOW);
  }

  @ParameterizedTest(name = "Vietnamese gourd, not a vote: {0}")
  @CsvSource(delimiterString = "=>", textBlock = """
      Canh bầu cho bé ăn dặm rất mát
      Quả bầu cho vào nồi luộc chín
      Bí bầu cho mẹ nấu canh
      Trái bầu non cho vào nồi
      Mẹ bầu cho con bú dùng được không?
      """)
  void gourdsAreNoVotes(String text) {
    assertThat(out(text).decision()).as(text).isEqualTo(Decision.ALLOW);
  }

  @Test
  void votesStayPolitics() {
    assertThat(out("Hãy bầu cho anh Ba").decision()).isEqualTo(Decision.FLAG);
    assertThat(out("Bầu cho ứng cử viên số 2").decision()).isEqualTo(Decision.FLAG);
  }

  @Test
  void aTopicQuestionIsAReleasePointOnlyOnceTheNextSentenceEnds() {
    NormalizedText nt = TextNormalizer.normalize("Eczema? Not anymore! Thanks to our balm.");
    assertThat(nt.toString()).isEqualTo("eczema\nnot anymore\nthanks to our balm ");
    // the topic question's break is a release point only once the next sentence has ended: with it
    NormalizedText open = TextNormalizer.normalize("Eczema? Not any");
    assertThat(open.toString()).isEqualTo("eczema\nnot any");
    assertThat(open.breakEnds).isEmpty();
    assertThat(TextNormalizer.normalize("Eczema? ").breakEnds).isEmpty();
    assertThat(nt.breakEnds).containsExactly(8, 21);
    assertThat(TextNormalizer.topicQuestionBreak(nt, 6)).isTrue();
    // more than TOPIC_QUESTION_WORDS (7: Vietnamese syllables are words) before the question mark: an ordinary sentence end
    NormalizedText longer = TextNormalizer.normalize("Do you really have bad eczema on both arms? No more.");
    assertThat(longer.breakEnds).containsExactly(44);
    assertThat(TextNormalizer.topicQuestionBreak(longer, longer.toString().indexOf('\n'))).isFalse();
  }

  @Test
  void streamingReleasesNothingOfATopicQuestionBeforeItsAnswer() {
    for (int chunk : new int[] {1, 2, 5, 8}) {
      String text = "Eczema? Not anymore! Thanks to our balm.";
      StreamingGuard g = LumierePolicy.POLICY.streamingGuard(CheckContext.chatOutput().withLanguage("en"));
      for (int i = 0; i < text.length(); i += chunk) {
        g.offer(text.substring(i, Math.min(text.length(), i + chunk)));
      }
      Verdict v = g.finish();
      assertThat(v.decision()).as("chunk " + chunk).isEqualTo(Decision.BLOCK);
      assertThat(g.released()).as("chunk " + chunk).isEmpty();
    }
  }
}
