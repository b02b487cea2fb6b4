package com.personaruntime.guardrails.rails.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The hand-written PII scanners, as tables: what they find (exact span) and what they leave alone. */
class PiiScannerTest {

  static List<String> pii(String text) {
    List<String> out = new ArrayList<>();
    Pii.scan(text, true, true, true, true, true, (rule, s, e, kind) -> out.add(rule + "=" + text.substring(s, e)));
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      Gọi 0912 345 678 nhé                   | pii.phone=0912 345 678
      call +84 912 345 678 today             | pii.phone=+84 912 345 678
      (+84) 912.345.678                      | pii.phone=(+84) 912.345.678
      +84 (0) 912-345-678                    | pii.phone=+84 (0) 912-345-678
      0084912345678                          | pii.phone=0084912345678
      landline 028 3812 3456                 | pii.phone=028 3812 3456
      NY (212) 555-1234                      | pii.phone=(212) 555-1234
      London +44 20 7946 0958                | pii.phone=+44 20 7946 0958
      card 4111-1111-1111-1111               | pii.card=4111-1111-1111-1111
      CCCD 001 203 004 567                   | pii.vn_id=001 203 004 567
      mail Linh.Tran+shop@mail.lumiere.vn.   | pii.email=Linh.Tran+shop@mail.lumiere.vn
      0912345678@gmail.com                   | pii.email=0912345678@gmail.com
      l i n h @ g m a i l . c o m            | pii.email=l i n h @ g m a i l . c o m
      linh a móc gmail chấm com              | pii.email=linh a móc gmail chấm com
      gọi o912 345 678 nha                   | pii.phone=o912 345 678
      sđt không chín một hai ba bốn năm sáu bảy tám | pii.phone=không chín một hai ba bốn năm sáu bảy tám
      text zero nine one two three four five six seven eight | pii.phone=zero nine one two three four five six seven eight
      Mã đơn DH123, gọi 0912 345 678         | pii.phone=0912 345 678
      order 42 shipped; call 0912345678      | pii.phone=0912345678
      testdata630-596-1111                   | pii.phone=630-596-1111
      my line is abc0912.345.678             | pii.phone=0912.345.678
      số nè lan0912 345 678                  | pii.phone=0912 345 678
      O nine one two 345 678                 | pii.phone=O nine one two 345 678
      o chín một hai ba bốn năm sáu bảy tám  | pii.phone=o chín một hai ba bốn năm sáu bảy tám
      zero nine one two, three four five, six seven eight | pii.phone=zero nine one two, three four five, six seven eight
      không chín một hai, ba bốn năm, sáu bảy tám | pii.phone=không chín một hai, ba bốn năm, sáu bảy tám
      zero nine seven seven - three three eight - seven seven eight | pii.phone=zero nine seven seven - three three eight - seven seven eight
      write linh at gmail for the invite     | pii.email=linh at gmail
      linh.tran at hotmail                   | pii.email=linh.tran at hotmail
      linh@gmail,com                         | pii.email=linh@gmail,com
      hỏi linh@yahoo nha                     | pii.email=linh@yahoo
      linh (at) icloud please                | pii.email=linh (at) icloud
      linh-at-gmail-dot-com                  | pii.email=linh-at-gmail-dot-com
      linh_at_gmail_dot_com                  | pii.email=linh_at_gmail_dot_com
      linh a còng gmail nha                  | pii.email=linh a còng gmail
      gọi chín một hai ba bốn năm sáu bảy tám | pii.phone=chín một hai ba bốn năm sáu bảy tám
      Zalo: chín tám bảy sáu năm bốn ba hai hai | pii.phone=chín tám bảy sáu năm bốn ba hai hai
      sđt ba tám bốn năm sáu bảy tám chín không nha | pii.phone=ba tám bốn năm sáu bảy tám chín không
      call nine one two three four five six seven eight | pii.phone=nine one two three four five six seven eight
      text me at seven oh eight one two three four five six | pii.phone=seven oh eight one two three four five six
      chín một hai, ba bốn năm, sáu bảy tám  | pii.phone=chín một hai, ba bốn năm, sáu bảy tám
      """)
  void finds(String text, String expected) {
    assertThat(pii(text)).containsExactly(expected);
  }

  @ParameterizedTest(name = "not PII: {0}")
  @CsvSource(delimiter = '|', textBlock = """
      order id 123e4567-e89b-12d3-a456-426614174000
      GUID 550e8400-e29b-41d4-a716-446655440000
      Mã đơn hàng DH0912345678 đã giao
      Đơn #0912345678 đang giao
      order 0912345678 shipped
      mã vận đơn 0912345678
      SKU-0912345678
      ref: 0987654321
      Giá 390.000đ cho 50 ml
      v2.0.1912345678
      11.12.2024 lúc 09:30
      card 4111 1111 1111 1112
      2024-12-11T09:30:00Z
      user@localhost
      @handle on Instagram
      Batch number 0912345678 on the box
      Số lô sản xuất 0912345678
      Barcode 8934567890123
      Năm nay hai ba tuổi, một hai ba bốn
      DH0912345678
      order DH0912-345-678
      SKU630-596-1111
      abc0912345678xyz
      id a716-446655440000-12
      reach me at gmail
      sign in at gmail first
      I work at Gmail
      Linh at Gmail said hi
      I'm at gmail now
      we met at gmail.hq
      the state-of-the-art serum
      see you at noon, com
      O ba một lần
      một hai ba bốn năm sáu bảy tám chín
      Đếm ngược: chín, tám, bảy, sáu, năm, bốn, ba, hai, một!
      one two three four five six seven eight nine
      nine eight seven six five four three two one
      four one two three four five six seven eight
      nine one two 345 678
      mã đơn 912345678
      Năm sáu bảy tám chín mươi
      """)
  void leavesAlone(String text) {
    assertThat(pii(text)).isEmpty();
  }
}
