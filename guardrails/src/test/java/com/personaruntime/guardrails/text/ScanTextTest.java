package com.personaruntime.guardrails.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The scanners' view: what it folds, what it leaves, and the map back to original offsets. */
class ScanTextTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      ٠٩١٢ ३४५ ６７８                 | 0912 345 678
      ⁰⁹¹² ₃₄₅ ➅➆➇                    | 0912 345 678
      milо@gmаil.соm                  | milo@gmail.com
      cupful.сom                      | cupful.com
      ⓜⓘⓛⓞ@ⓖⓜⓐⓘⓛ.ⓒⓞⓜ                 | milo@gmail.com
      milo&#64;gmail&#46;com          | milo@gmail.com
      milo&#x40;gmail&period;com      | milo@gmail.com
      milo%40gmail%2ecom              | milo@gmail.com
      cupful·com                      | cupful.com
      𝐦𝐢𝐥𝐨                          | milo
      """)
  void folds(String text, String view) {
    assertThat(ScanText.of(text).text).isEqualTo(view);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      Привет! Сом и рак.
      Vitamin C 15% và A&B 100%
      Chào bạn 🌿 kem SPF50 giá 390.000đ
      Coffee · Tea · Cake
      """)
  void leavesAlone(String text) {
    ScanText v = ScanText.of(text);
    assertThat(v.text).isEqualTo(text);
    assertThat(v.hasLookalikes()).isFalse();
  }

  @Test
  void mapsViewSpansBackToTheOriginal() {
    String text = "mail milo&#64;gmail&#46;com now";
    ScanText v = ScanText.of(text);
    int vs = v.text.indexOf("milo");
    int ve = v.text.indexOf(" now");
    assertThat(text.substring(v.origStart(vs), v.origEnd(ve))).isEqualTo("milo&#64;gmail&#46;com");
    String zw = "sam\u2060@\u2060fastmail\u2060.com";
    ScanText z = ScanText.of(zw);
    assertThat(z.text).isEqualTo("sam@fastmail.com");
    assertThat(zw.substring(z.origStart(0), z.origEnd(z.text.length()))).isEqualTo(zw);
    // between digits an invisible char stays: the number scanner joins the groups
    assertThat(ScanText.of("0912\u200B345").text).isEqualTo("0912\u200B345");
  }

  @Test
  void marksLookalikesSoAnAllowedNameIsNeverImitated() {
    ScanText v = ScanText.of("go to lumiеre.example");
    assertThat(v.text).isEqualTo("go to lumiere.example");
    assertThat(v.lookalikeIn(6, 21)).isTrue();
    assertThat(v.lookalikeIn(0, 5)).isFalse();
  }
}
