package com.personaruntime.runtime.insights;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Words with a negative sense and a neutral one: "mất" is "lose" ("bị mất hàng") but also "take (time)" and
 * "cost" ("mất bao lâu", "có mất phí ship không"); asking how long or how much is no complaint.
 */
class WordSensesTest {
  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      neutral  | Giao hàng tới quận 7 mất bao lâu, phí ship thế nào?
      neutral  | ship ra Hà Nội mất mấy ngày vậy shop
      neutral  | Đơn 200k có mất phí ship không ạ?
      neutral  | Làm bánh này mất khoảng bao nhiêu phút?
      neutral  | mat bao lau thi nhan duoc hang
      negative | Shop làm mất đơn của mình rồi, bực thật
      negative | Hàng bị mất một món, thiếu hàng nha shop
      """)
  void mấtAsksHowLongOrHowMuchOrTellsOfALoss(String label, String text) {
    assertThat(SentimentModel.shipped().score(text).label().wire()).isEqualTo(label);
  }
}
