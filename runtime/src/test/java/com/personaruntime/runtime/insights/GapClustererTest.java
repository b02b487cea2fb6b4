package com.personaruntime.runtime.insights;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.composer.LanguageDetector;
import com.personaruntime.composer.QuestionTerms;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Knowledge-gap clustering: each group below is one question asked different ways (plain,
 * without diacritics, teencode, reworded) and must become ONE gap counted once per asking; different
 * questions must stay different gaps.
 */
class GapClustererTest {
  static final List<List<String>> GROUPS = List.of(
      List.of("Do you ship to Singapore?", "Can I get my order delivered to Singapore?",
          "Is delivery to Singapore available?"),
      List.of("Is this cream safe during pregnancy?", "Can pregnant women use the cream?",
          "I'm pregnant, is it ok to use this cream?"),
      List.of("Do you have a store in Da Nang?", "Where is your Da Nang shop?", "Any stores in Da Nang?"),
      List.of("Shop có giao hàng ra nước ngoài không?", "co ship di nuoc ngoai ko shop",
          "Giao hàng nước ngoài được không ạ?"),
      List.of("Kem này bà bầu dùng được không?", "ba bau dung kem nay dc ko", "Mẹ bầu có dùng kem này được không?"),
      List.of("Có mã giảm giá cho sinh viên không?", "sinh vien co duoc giam gia ko", "Giảm giá sinh viên thế nào ạ?"),
      List.of("Do you offer gift wrapping?", "Can you gift wrap my order?", "Is gift wrapping available?"));

  static List<GapClusterer.Question> questions(List<String> texts) {
    EmbeddingModel model = QuestionTerms.embeddingModel();
    List<GapClusterer.Question> out = new ArrayList<>();
    long id = 1;
    for (String t : texts) {
      out.add(new GapClusterer.Question(id++, t, model.embed(t).content().vector(),
          "en".equals(LanguageDetector.detect(t))));
    }
    return out;
  }

  @Test
  void oneQuestionAskedThreeWaysIsOneGapCountedThree() {
    List<String> all = new ArrayList<>();
    // interleaved, as real traffic arrives
    for (int i = 0; i < 3; i++) {
      for (List<String> g : GROUPS) {
        all.add(g.get(i));
      }
    }
    List<GapClusterer.Question> qs = questions(all);
    // similarity table for tuning (printed, not asserted)
    for (int i = 0; i < qs.size(); i++) {
      for (int j = i + 1; j < qs.size(); j++) {
        double s = GapClusterer.similarity(qs.get(i), QuestionTerms.terms(qs.get(i).text()), qs.get(j),
            QuestionTerms.terms(qs.get(j).text()));
        boolean same = group(all.get(i)) == group(all.get(j));
        if ((same && s < GapClusterer.JOIN) || (!same && s >= GapClusterer.JOIN - 0.1)) {
          System.out.printf("%s %.2f  %s | %s%n", same ? "SAME" : "DIFF", s, all.get(i), all.get(j));
        }
      }
    }
    List<GapClusterer.Gap> gaps = GapClusterer.cluster(qs);
    gaps.forEach(g -> System.out.println(g.count() + " " + g.examples()));
    assertThat(gaps).hasSize(GROUPS.size());
    for (GapClusterer.Gap g : gaps) {
      assertThat(g.count()).as("gap %s", g.examples()).isEqualTo(3);
      Set<Integer> groups = g.examples().stream().map(GapClustererTest::group).collect(Collectors.toSet());
      assertThat(groups).as("gap %s mixes questions", g.examples()).hasSize(1);
    }
  }

  static int group(String text) {
    for (int i = 0; i < GROUPS.size(); i++) {
      if (GROUPS.get(i).contains(text)) {
        return i;
      }
    }
    return -1;
  }
}
