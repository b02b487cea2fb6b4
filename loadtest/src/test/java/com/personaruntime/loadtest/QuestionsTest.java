package com.personaruntime.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The load tool's questions are different texts for a whole run, so the server's caches (the question embeddings'
 * 4,096 texts, the retrieval, language and intent memos) never answer one: its CPU per reply is that of audiences
 * who do not repeat each other.
 */
class QuestionsTest {

  @Test
  void noTextComesTwiceWithinTheDistinctCount() {
    assertThat(LoadTest.DISTINCT_QUESTIONS).isGreaterThan(150_000); // a 30-minute soak at ~52 replies/s asks ~95,000
    Set<String> seen = new HashSet<>();
    for (long n = 0; n < LoadTest.DISTINCT_QUESTIONS; n++) {
      String q = LoadTest.question(n);
      if (!seen.add(q)) {
        throw new AssertionError("question " + n + " repeats an earlier one: " + q);
      }
    }
    assertThat(seen).hasSize((int) LoadTest.DISTINCT_QUESTIONS);
  }

  @Test
  void theSequenceComesBackOnlyAfterTheDistinctCount() {
    assertThat(LoadTest.question(LoadTest.DISTINCT_QUESTIONS + 5)).isEqualTo(LoadTest.question(5));
  }

  @Test
  void questionsAreEnglishAndVietnameseChatMessagesWithTheirPlaceholdersFilled() {
    int vietnamese = 0;
    for (long n = 0; n < 12_000; n += 7) {
      String q = LoadTest.question(n);
      assertThat(q).doesNotContain("%").hasSizeLessThan(200);
      if (q.contains("mở cửa")) {
        vietnamese++;
      }
    }
    assertThat(LoadTest.question(0)).isEqualTo("What time does the café open on Monday, and is there a table for 2?");
    assertThat(LoadTest.question(8)).isEqualTo("Shop ơi thứ Hai có mở cửa lúc 2 giờ không?");
    assertThat(LoadTest.question(12 * 10 * 97 + 8)).isEqualTo("Chào shop, shop ơi thứ Hai có mở cửa lúc 2 giờ không?");
    assertThat(vietnamese).isBetween(12_000 / 7 / 12 * 2 - 2, 12_000 / 7 / 12 * 2 + 2);
  }
}
