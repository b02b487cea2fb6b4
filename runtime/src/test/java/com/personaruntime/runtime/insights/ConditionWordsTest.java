package com.personaruntime.runtime.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Words for the asker's own condition ("mụn" acne, "khô" dry, "kích ứng" irritation, "rash", "allergic") are
 * sentiment only when the brand's product caused them or relieved them. An audience member who describes their
 * skin to ask for advice ("mk da dau mun, nen dung sp nao a") is neutral, not a complaint; the same words after
 * use ("dùng xong da khô căng") are negative, and their relief ("xài 1 tháng hết mụn") positive.
 *
 * <p>Rows written for this rule (vi with and without diacritics, teencode, en), three kinds in turn.
 */
class ConditionWordsTest {
  private static final String[][] ROWS = {
      // asking for advice about one's own condition: neutral
      {"neutral", "mk da dau mun, nen dung sp nao a"},
      {"neutral", "Da mình khô và nhạy cảm, nên dùng kem nào ạ?"},
      {"neutral", "Em bị mụn ẩn lâu năm, sản phẩm này dùng được không ạ"},
      {"neutral", "da e de kich ung thi co dung dc k shop"},
      {"neutral", "Mình hay bị ngứa khi trời lạnh, có loại sữa tắm nào dịu nhẹ không?"},
      {"neutral", "Da khô căng sau khi rửa mặt thì nên thoa gì trước?"},
      {"neutral", "Con mình bị dị ứng đậu phộng, bánh này có đậu phộng không shop?"},
      {"neutral", "Môi mình hay bị khô, son dưỡng nào tốt?"},
      {"neutral", "I have dry, sensitive skin. What would you recommend?"},
      {"neutral", "My skin is dry and acne prone, which cleanser should I use?"},
      {"neutral", "Does it cause breakouts?"},
      {"neutral", "I get a rash from fragrance, is this one fragrance-free?"},
      {"neutral", "My son is allergic to nuts, do your cookies contain any?"},
      {"neutral", "Is this gentle enough for an itchy scalp?"},
      {"neutral", "da minh bi kho, co sp nao cap am tot ko"},
      // the product caused it: negative
      {"negative", "Dùng xong da mình khô căng luôn"},
      {"negative", "xài 3 ngày là nổi mụn đầy mặt"},
      {"negative", "Sau khi bôi kem thì mặt bị mẩn đỏ và ngứa"},
      {"negative", "Kem này làm da mình bị kích ứng"},
      {"negative", "dung xong bi rat da, shop xem lai giup"},
      {"negative", "Uống trà này xong mình bị đau bụng"},
      {"negative", "This cream made my skin so dry and itchy"},
      {"negative", "I broke out badly after using the serum"},
      {"negative", "After two days of using it I got a rash"},
      {"negative", "The toner gave me an allergic reaction"},
      {"negative", "Kem dùng không hợp, nổi mụn li ti"},
      // the product relieved it: positive
      {"positive", "Dùng 2 tuần thấy đỡ mụn hẳn"},
      {"positive", "xai dc 1 thang het mun luon"},
      {"positive", "Da bớt khô nhiều từ khi dùng kem này"},
      {"positive", "My skin is less dry since I started using it"},
      {"positive", "No more breakouts after a month of using it"},
      {"positive", "The rash cleared up after a week with this balm"},
  };

  @Test
  void conditionWordsAreSentimentOnlyWhenTheProductCausedOrRelievedThem() {
    SentimentModel model = SentimentModel.shipped();
    List<String> wrong = new ArrayList<>();
    for (String[] row : ROWS) {
      SentimentScore s = model.score(row[1]);
      if (!s.label().wire().equals(row[0])) {
        wrong.add(row[0] + " expected, got " + s.label().wire() + " (" + s.score() + "): " + row[1]);
      }
    }
    assertThat(wrong).as("rows scored wrong").isEmpty();
  }
}
