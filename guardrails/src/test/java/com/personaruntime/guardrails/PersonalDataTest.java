package com.personaruntime.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link PersonalData}: the same personal data the {@code pii.*} rules find, replaced outside a policy
 * check, in Vietnamese (with and without diacritics, teencode), English and disguised forms; benign
 * numbers and brand addresses stay.
 */
class PersonalDataTest {
  private static final Function<String, String> KIND = rule -> "[" + rule + "]";

  private static String redact(String text) {
    return PersonalData.redact(text, KIND, List.of()).text();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      Số mình là 0912 345 678, gọi lại nhé                 | Số mình là [pii.phone], gọi lại nhé
      so minh la 0912345678 goi lai nha                    | so minh la [pii.phone] goi lai nha
      sdt mk 0912.345.678 nha shop                         | sdt mk [pii.phone] nha shop
      zalo:0912345678                                      | zalo:[pii.phone]
      sđt0912345678                                        | sđt[pii.phone]
      Call me on +44 20 7946 0958 please                   | Call me on [pii.phone] please
      my number is (415) 555-2671                          | my number is [pii.phone]
      gọi không chín một hai ba bốn năm sáu bảy tám nha    | gọi [pii.phone] nha
      call zero nine one two three four five six seven eight | call [pii.phone]
      ０９１２ ３４５ ６７８ nhé                             | [pii.phone] nhé
      Email mình là lan.nguyen@gmail.com nhé               | Email mình là [pii.email] nhé
      mail me at LAN@Example.ORG                           | mail me at [pii.email]
      lan @ g mail . com                                   | [pii.email]
      lan(at)gmail(dot)com                                 | [pii.email]
      lan a còng gmail chấm com                            | [pii.email]
      thẻ 4111 1111 1111 1111 nha                          | thẻ [pii.card] nha
      CCCD 001203004567                                    | CCCD [pii.vn_id]
      """)
  void replacesWhatThePiiRulesFind(String text, String expected) {
    assertThat(redact(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "unchanged: {0}")
  @CsvSource(delimiter = '|', textBlock = """
      Giá 390.000đ cho 50 ml
      gia 390k 1 tuyp nha
      Order 12345678 ships today
      mã đơn DH0912345678 giao chưa shop
      Open 9:00 to 21:00, SPF50 PA++++
      card 4111 1111 1111 1112
      đếm ngược chín, tám, bảy, sáu, năm, bốn, ba, hai, một
      Lumière® @lumiere on Instagram
      version 1.2.3 released 2026-11-30
      """)
  void leavesBenignTextAlone(String text) {
    PersonalData.Redaction r = PersonalData.redact(text, KIND, List.of());
    assertThat(r.changed()).isFalse();
    assertThat(r.text()).isEqualTo(text);
  }

  @Test
  void keepsTheBrandsOwnAddressesCaseInsensitively() {
    String text = "Write to Hello@Lumiere.example or to lan@gmail.com";
    assertThat(PersonalData.redact(text, KIND, List.of("hello@lumiere.example")).text())
        .isEqualTo("Write to Hello@Lumiere.example or to [pii.email]");
  }

  @Test
  void keepsTheBrandsOwnPhoneNumbersHoweverWritten() {
    String text = "Gọi shop +84 263 3123 456 hoặc chị Lan 0912 345 678, mail datbanh@may.example";
    assertThat(PersonalData.redact(text, KIND, List.of("0263 3 123 456", "datbanh@may.example")).text())
        .isEqualTo("Gọi shop +84 263 3123 456 hoặc chị Lan [pii.phone], mail datbanh@may.example");
  }

  @Test
  void findsTheContactsOfAnApprovedText() {
    PersonalData.Contacts c = PersonalData.contactsIn(
        "Điện thoại đặt bánh: 0263 3 123 456, email DatBanh@may.example; Zalo 0263 3 123 456.");
    assertThat(c.emails()).containsExactly("datbanh@may.example");
    assertThat(c.phones()).containsExactly("0263 3 123 456");
    assertThat(PersonalData.contactsIn(null).phones()).isEmpty();
  }

  @Test
  void mapsOffsetsOntoTheRedactedText() {
    String text = "call 0912 345 678 or mail a@b.com now";
    PersonalData.Redaction r = PersonalData.redact(text, KIND, List.of());
    assertThat(r.text()).isEqualTo("call [pii.phone] or mail [pii.email] now");
    assertThat(r.spans()).extracting(PersonalData.Span::rule).containsExactly(RuleIds.PII_PHONE, RuleIds.PII_EMAIL);
    // before, inside, after the first span; the end of the text
    assertThat(r.map(2, false)).isEqualTo(2);
    assertThat(r.map(7, false)).isEqualTo(5);
    assertThat(r.map(7, true)).isEqualTo(16);
    int now = text.indexOf("now");
    assertThat(r.text().substring(r.map(now, false), r.map(text.length(), true))).isEqualTo("now");
    // a finding over the whole phone covers the whole placeholder
    int s = text.indexOf("0912");
    assertThat(r.text().substring(r.map(s, false), r.map(s + "0912 345 678".length(), true)))
        .isEqualTo("[pii.phone]");
  }

  @Test
  void keycapAndMathematicalDigitsAreNotSplit() {
    String keycaps = "0️⃣9️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣";
    String red = redact("số " + keycaps + " nha");
    assertThat(red).isEqualTo("số [pii.phone] nha");
    String math = "𝟎𝟗𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖";
    assertThat(redact("gọi " + math)).isEqualTo("gọi [pii.phone]");
  }

  @Test
  void nullAndEmpty() {
    assertThat(PersonalData.redact(null, KIND, List.of()).text()).isEmpty();
    assertThat(PersonalData.redact("", KIND, List.of()).changed()).isFalse();
  }

  @Test
  void linearOnAdversarialInput() {
    // "@" after 200,000 letters and 200,000 digits in pairs: one pass each, far under a second
    String text = "a".repeat(200_000) + "@" + "1 ".repeat(100_000);
    long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    PersonalData.redact(text, KIND, List.of());
    long used = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu;
    assertThat(used).isLessThan(3_000_000_000L);
  }
}
