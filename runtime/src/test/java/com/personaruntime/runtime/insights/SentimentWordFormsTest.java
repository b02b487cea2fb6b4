package com.personaruntime.runtime.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link SentimentModel} remembers each word's folded forms (issue 14: folding every word of every stored turn
 * was a quarter of the sentiment scoring on the server). A remembered form must give exactly the score a fresh
 * fold gives, whatever the order in which words were first seen.
 */
class SentimentWordFormsTest {

  @Test
  void rememberedWordFormsScoreExactlyAsFreshOnes() throws IOException {
    SentimentModel model = SentimentModel.shipped();
    List<String> texts = new ArrayList<>();
    for (SentimentEvaluationTest.Row r : SentimentEvaluationTest.rows()) {
      texts.add(r.text());
    }
    texts.addAll(List.of("Mình ko thích cái này lắm :(", "hỏng rồi shop ơi T_T", "SIÊU THÍCH =)) <3",
        "not bad at all :-)", "giao hàng chậm quá, nhưng sp tốt ^^", "xD the BEST coffee!!!"));
    List<SentimentScore> fresh = new ArrayList<>();
    for (String t : texts) {
      SentimentModel.forgetWordForms();
      fresh.add(model.score(t));
    }
    // warm, in another order: each word's forms were first computed inside some other text
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(14));
    SentimentModel.forgetWordForms();
    for (int i : order) {
      assertThat(model.score(texts.get(i))).as(texts.get(i)).isEqualTo(fresh.get(i));
    }
  }

  @Test
  void aWordIsFoldedOnceThenRemembered() {
    SentimentModel model = SentimentModel.shipped();
    String text = "sản phẩm quá tuyệt vời, giao nhanh ko shop " + System.nanoTime();
    SentimentScore first = model.score(text);
    long before = SentimentModel.formsComputed();
    assertThat(model.score(text)).isEqualTo(first);
    assertThat(model.score(text + " " + text)).isNotNull();
    assertThat(SentimentModel.formsComputed()).as("no word folded again").isEqualTo(before);
  }
}
