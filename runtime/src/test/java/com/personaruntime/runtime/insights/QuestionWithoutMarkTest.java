package com.personaruntime.runtime.insights;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A question typed without '?' (a Vietnamese particle at the end, or a request phrased as a statement), as
 * the insights signals judge it: the text is folded once for both checks (issue 14) and the answer is the one
 * the two checks give apart.
 */
class QuestionWithoutMarkTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      co the qua tang ko shop                 | true
      Có thẻ quà tặng không shop              | true
      kem nay gia bao nhieu                   | true
      dùng thế nào vậy                        | true
      serum nay tri mun tot khong             | true
      tell me about the house blend           | true
      Cho mình hỏi về phí ship                | true
      tu van giup minh loai nao hop           | true
      I love the house blend!                 | false
      cảm ơn shop nhiều                       | false
      ok                                      | false
      the cold brew was great, thanks         | false
      Kem chống nắng này tuyệt vời quá, thoa lên mịn da mà không bết chút nào 😍 | false
      chẳng thích tí nào luôn á               | false
      khong bi kich ung xiu nao               | false
      kem này có bết chút nào không           | true
      loại nào shop                           | true
      nên chọn size nào                       | true
      """)
  void judgedOnceAsTheTwoChecksApart(String text, boolean expected) {
    assertThat(SignalAnalyser.askedWithoutMark(text)).isEqualTo(expected);
    assertThat(SignalAnalyser.askedWithoutMark(text))
        .isEqualTo(SignalAnalyser.vietnameseQuestion(text) || SignalAnalyser.request(text));
  }
}
