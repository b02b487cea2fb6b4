package com.personaruntime.guardrails.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The table-driven helpers of {@link TextChars} agree with the JDK on every char. */
class TextCharsTest {

  @Test
  void letterOrDigitIsCharacterIsLetterOrDigitForEveryBmpChar() {
    for (int c = 0; c < 0x10000; c++) {
      assertThat(TextChars.letterOrDigit((char) c)).as("U+%04X", c).isEqualTo(Character.isLetterOrDigit((char) c));
    }
  }

  @Test
  void letterIsCharacterIsLetterForEveryBmpChar() {
    for (int c = 0; c < 0x10000; c++) {
      assertThat(TextChars.letter((char) c)).as("U+%04X", c).isEqualTo(Character.isLetter((char) c));
    }
  }

  @Test
  void foldWidthFoldsFullwidthFormsCircledAndMathematicalDigitsOnly() {
    assertThat(TextChars.foldWidth("０９１２ ３４５")).isEqualTo("0912 345");
    assertThat(TextChars.foldWidth("ｇｌｏｗ．ｂｅａｕｔｙ。")).isEqualTo("glow.beauty.");
    assertThat(TextChars.foldWidth("①②⓪⑨")).isEqualTo("1209");
    assertThat(TextChars.foldWidth("𝟗𝟏")).isEqualTo("\u200B9\u200B1");
    String plain = "Chào bạn! Kem chống nắng SPF50 giá 390.000đ ⑩ ⓫ 💡 𝐀";
    assertThat(TextChars.foldWidth(plain)).isSameAs(plain);
  }
}
