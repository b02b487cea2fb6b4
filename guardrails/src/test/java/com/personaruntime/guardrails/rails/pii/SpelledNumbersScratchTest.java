package com.personaruntime.guardrails.rails.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link SpelledNumbers} keeps its arrays per thread: what a text is found to hold does not depend on the texts
 * scanned before it on that thread (long runs, overflowing runs, runs cut at the text's end), and a run is judged
 * whatever its digits' count.
 */
class SpelledNumbersScratchTest {

  private static final List<String> TEXTS = List.of(
      "sđt không chín một hai ba bốn năm sáu bảy tám",
      "text zero nine one two three four five six seven eight",
      "zero nine one two, three four five, six seven eight",
      "không chín một hai, ba bốn năm, sáu bảy tám",
      "gọi chín một hai ba bốn năm sáu bảy tám",
      "Zalo: chín tám bảy sáu năm bốn ba hai hai",
      "text me at seven oh eight one two three four five six",
      "O nine one two 345 678",
      "o chín một hai ba bốn năm sáu bảy tám",
      "four one one one, one one one one, one one one one, one one one one",
      "Năm nay hai ba tuổi, một hai ba bốn",
      "một hai ba bốn năm sáu bảy tám chín",
      "Đếm ngược: chín, tám, bảy, sáu, năm, bốn, ba, hai, một!",
      "nine one two 345 678",
      "one two three four five six seven eight nine one two three four five six seven eight nine one two",
      "khong9mot2ba4nam6bay8 và double three triple five",
      "Giá 390.000đ cho 50 ml, dùng 2 giờ",
      "số của mình là zero nine one two three fo",
      "không chín một hai ba bốn năm sáu bảy");

  private static Map<String, List<String>> scanAll(List<String> texts) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String t : texts) {
      out.put(t, new ArrayList<>(PiiScannerTest.pii(t)));
      out.put("open:" + t, List.of(String.valueOf(Pii.openFrom(t))));
    }
    return out;
  }

  @Test
  void aTextIsFoundTheSameWhateverWasScannedBeforeItOnItsThread() throws Exception {
    // each text alone on a thread of its own (fresh arrays)
    Map<String, List<String>> alone = new LinkedHashMap<>();
    for (String t : TEXTS) {
      AtomicReference<Map<String, List<String>>> r = new AtomicReference<>();
      Thread th = new Thread(() -> r.set(scanAll(List.of(t))));
      th.start();
      th.join();
      alone.putAll(r.get());
    }
    assertThat(scanAll(TEXTS)).isEqualTo(alone);
    List<String> reversed = new ArrayList<>(TEXTS);
    Collections.reverse(reversed);
    assertThat(scanAll(reversed)).isEqualTo(alone);
    List<String> shuffled = new ArrayList<>(TEXTS);
    Collections.shuffle(shuffled, new Random(1203));
    assertThat(scanAll(shuffled)).isEqualTo(alone);
    // what the texts hold: phones spelled out, a card read out, counts and ids left alone
    assertThat(alone.get("gọi chín một hai ba bốn năm sáu bảy tám"))
        .containsExactly("pii.phone=chín một hai ba bốn năm sáu bảy tám");
    assertThat(alone.get("four one one one, one one one one, one one one one, one one one one"))
        .containsExactly("pii.card=four one one one, one one one one, one one one one, one one one one");
    assertThat(alone.get("Đếm ngược: chín, tám, bảy, sáu, năm, bốn, ba, hai, một!")).isEmpty();
    assertThat(alone.get("Giá 390.000đ cho 50 ml, dùng 2 giờ")).isEmpty();
  }

  @Test
  void aRunIsJudgedAtNineDigitsAndNotBelow() {
    // nine digit words (a mobile number without its leading zero) are a phone; eight are not, nor ten as a count
    assertThat(PiiScannerTest.pii("call nine one two three four five six seven eight"))
        .containsExactly("pii.phone=nine one two three four five six seven eight");
    assertThat(PiiScannerTest.pii("call nine one two three four five six seven")).isEmpty();
    assertThat(PiiScannerTest.pii("gọi chín một hai ba bốn năm sáu bảy")).isEmpty();
  }
}
