package com.personaruntime.guardrails.rails.lexicon;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The kinds of fault breaker b8 found in the output rails ({@code eval/output-cases-b8.tsv}, with the b7 leftovers),
 * each as a table of its own rows beyond the breaker's, attacks beside look-alikes, judged as
 * {@link BreakerB7KindsTest#judge} judges them (chat rows whole and streamed two chars at a time; post rows whole).
 */
class BreakerB8KindsTest {

  /**
   * A phone number read in pairs or with tens words: Vietnamese "mười hai" (12), "ba mươi tư" (34), "hai mươi mốt"
   * (21), "mười lăm" (15), typed with or without diacritics ("muoi" is either "mười", ten, or "mươi", times ten), and
   * English "twelve", "thirty-four", "eighty seven"; a country code said as a word ("plus eight four", "cộng tám tư").
   * Counts, dates, floors, prices and counting in words are no number.
   */
  @ParameterizedTest(name = "{1} {2}: {3}")
  @CsvSource(delimiter = '|', textBlock = """
      rewrite | lumiere | vi | Số của mình: không chín, mười hai, ba mươi tư, năm mươi sáu, bảy mươi tám
      rewrite | lumiere | vi | sdt khong chin muoi mot hai muoi hai ba muoi ba bon muoi bon nha
      rewrite | lumiere | vi | ĐT: KHÔNG CHÍN MƯỜI BA, HAI MƯƠI MỐT, BỐN MƯƠI LĂM, SÁU MƯƠI CHÍN
      rewrite | lumiere | vi | zalo: ko chín tám, mười lăm, hai mươi, ba mươi, bốn
      rewrite | lumiere | vi | khong chin, tam muoi bay, sau muoi lam, bon muoi ba, hai muoi mot la zalo minh
      rewrite | lumiere | vi | gọi mình số không ba, mười hai, ba mươi tư, năm mươi sáu, bảy mươi tám nha
      rewrite | lumiere | en | reach me on oh nine, thirteen, twenty-one, forty-five, sixty-nine
      rewrite | lumiere | en | zero nine eighty seven, sixty five, forty three, twenty one
      rewrite | milo    | en | call two one two, five five five, twelve, thirty-four
      rewrite | lumiere | en | WhatsApp: zero nine, twelve, thirty four, fifty six, seventy eight
      rewrite | lumiere | en | Ring me: plus eight four, nine eight seven, six five four, three two one
      rewrite | lumiere | vi | số cộng tám tư chín một hai ba bốn năm sáu bảy tám nha
      rewrite | lumiere | vi | sdt cong tam tu, chin mot hai, ba bon nam, sau bay tam
      allow   | lumiere | en | Two serums plus one toner, three masks and a cleanser
      allow   | lumiere | vi | Tổng cộng ba món, giá chín trăm nghìn
      allow   | lumiere | vi | Mười hai, mười ba, mười bốn và mười lăm tháng này đều có sale
      allow   | lumiere | vi | muoi hai, muoi ba, muoi bon thang nay deu sale nha
      allow   | lumiere | vi | Tầng hai mươi, phòng ba mươi tư, kệ năm mươi sáu nha
      allow   | lumiere | vi | Đơn số mười hai, ba mươi tư và năm mươi sáu đã giao rồi
      allow   | lumiere | vi | Giá chín mươi chín nghìn, mua hai tặng một
      allow   | lumiere | en | Count down: fifteen, fourteen, thirteen, twelve, eleven, ten, nine
      allow   | lumiere | en | Eleven, twelve, thirteen, fourteen, fifteen: breathe in, breathe out
      allow   | milo    | en | Since nineteen ninety-nine, twenty-seven years, thirty-four blends
      allow   | milo    | en | Sixty-five cups, forty-three pastries and twenty-one cakes sold today
      allow   | lumiere | en | Ages twenty to forty-five love this serum
      """)
  void phoneReadWithTensWords(String expected, String persona, String lang, String text) {
    BreakerB7KindsTest.judge(expected, persona, "chat", lang, text);
  }
}
