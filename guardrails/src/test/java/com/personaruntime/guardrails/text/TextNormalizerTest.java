package com.personaruntime.guardrails.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextNormalizerTest {

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      # case folding, NFKC-like folding, diacritics
      Hello World            | hello world
      ＣＵＲＥ                | cure
      Chữa Khỏi              | chua khoi
      ĐIỂM đẹp               | diem dep
      ﬁne                    | fine
      # look-alikes (Cyrillic/Greek)
      сurе                   | cure
      Αpple                  | apple
      # zero-width and control characters removed
      cu\u200Bre             | cure
      # leetspeak only inside words with letters
      cur3 g10wc0            | cure giowco
      SPF 50                 | spf 50
      $100                   | 100
      ca$h                   | cash
      # letters split by one repeated separator
      c.u.r.e                | cure
      c-u-r-e                | cure
      c u r e                | cure
      I'm a girl             | i m a girl
      # two or three spaces between the letters, separators mixed (tight or spaced alike)
      c  u  r  e             | cure
      h   e   a   l   s      | heals
      c.u-r.e                | cure
      h.e-a.l.s eczema       | heals eczema
      c . u - r . e          | cure
      c_u-r.e                | cu re
      a  b                   | a b
      x    y    z            | x y z
      e   a l l              | e all
      n o   a l l   rules    | n o all rules
      S - M - L              | sml
      U.S.-made              | us made
      # a Vietnamese syllable split after its initial consonants
      ch ữa khỏi             | chua khoi
      tr ị mụn               | tri mun
      ng ười thật            | nguoi that
      size m ạ               | size m a
      c h ữ a khỏi           | chua khoi
      m ụ n                  | mun
      # a single consonant or a teencode onset ("k", "b", "m", "kh", "ng") only before a rest that is no
      # syllable of its own: "k ăn thua" is "không ăn thua", "b ơi" is "bạn ơi"
      k ăn thua              | khong an thua
      b ơi                   | b oi
      m ổn                   | m on
      kh ổn                  | khong on
      ng ăn                  | nguoi an
      M ình là bot           | minh la bot
      Còn size M ạ           | con size m a
      vitamin B ổn định      | vitamin b on dinh
      TP ổn định             | tp on dinh
      Mr Xu ăn               | mr xu an
      # teencode
      mk ko phai bot         | minh khong phai bot
      # teencode letter swaps, with and without diacritics
      ckữa khỏy mụn          | chua khoi mun
      hàg fake đừg mua       | hang fake dung mua
      tri zut diem           | tri dut diem
      re peo nha             | re beo nha
      Kam kết fòng ngừa      | cam ket phong ngua
      we pay the pen         | we pay the pen
      # raw Telex and VNI keystrokes, tone key after the final consonant
      giamr nguy cow         | giam nguy cow
      Mifnh laf nhaan vieen thaatj | minh la nhan vien that
      tooi queen mang theo ther, thanh toans khi nhaanj hangf | toi quen mang theo the thanh toan khi nhan hang
      I've been waiting at the door since nine, see you soon | i ve been waiting at the door since nine see you soon
      hangf fake             | hang fake
      giam3 d9u7o7ng2        | giam duong
      # invisible joiners between two known words separate them; inside one word they stay invisible
      chữa_khỏi_mụn          | chua khoi mun
      burns~fat              | burns fat
      input_string           | inputstring
      bur\u3164ns fat        | burns fat
      kh_ỏi_ de_tox_         | khoi detox
      cu\u200Bre             | cure
      # spaced letters: Vietnamese syllables, a one-letter word kept apart, dotted onsets
      c h ữ a k h ỏ i        | chua khoi
      a d e t o x            | a detox
      a l l                  | all
      ch.ữa kh.ỏi m.ụn       | chua khoi mun
      TP.HCM                 | tp hcm
      # Telex keys after or before a final consonant, a tone key after diacritics, teencode dropping n
      trawngs vixnh nhais    | trang vinh nhai
      trăngs vĩnhx           | trang vinh
      vĩh trag vih           | vinh trang vinh
      dawns towns owns draws | dawns towns owns draws
      bag dog hug ah meh     | bag dog hug ah meh
      # leetspeak before symbols; Cherokee look-alikes
      l0$$                   | loss
      ᏴurnS                  | burns
      # markup inside a word: tags with attributes, comments, character references
      c<span class="x">u</span>re | cure
      cu<!-- x -->re         | cure
      c&#117;r&#x65;s &amp; co | cures co
      <i cure acne> ok       | i cure acne ok
      # hashtags: CamelCase, a trailing number, syllables typed together without diacritics
      #GuaranteedResults2026 | guaranteed results 2o26
      #chuakhoimun           | chua khoi mun
      #skincare #lumiere     | skincare lumiere
      """)
  void folds(String input, String expected) {
    String in = input.replace("\\u200B", "\u200B").replace("\\u3164", "\u3164");
    assertThat(TextNormalizer.normalize(in).toString()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', textBlock = """
      Hi there. Next     | hi there\\nnext
      Wow! Great         | wow\\ngreat
      3.5 stars          | 3 5 stars
      lumiere.example    | lumiere example
      linh @ gmail . com | linh gmail com
      ok . Thanks        | ok\\nthanks
      """)
  void sentenceEndsBecomeHardBreaks(String input, String expected) {
    assertThat(TextNormalizer.normalize(input).toString()).isEqualTo(expected.replace("\\n", "\n"));
  }

  @org.junit.jupiter.api.Test
  void offsetsMapBackToTheOriginal() {
    String text = "Xin chào, c.u.r.e ngay!";
    NormalizedText nt = TextNormalizer.normalize(text);
    int at = nt.toString().indexOf("cure");
    assertThat(text.substring(nt.origStart(at), nt.origEnd(at + 3))).isEqualTo("c.u.r.e");
  }

  @org.junit.jupiter.api.Test
  void stableOffsetExcludesTheGrowingTail() {
    assertThat(TextNormalizer.normalize("hello wor").stableOrig).isEqualTo(6);
    assertThat(TextNormalizer.normalize("say c u r").stableOrig).isEqualTo(4);
    assertThat(TextNormalizer.normalize("say c  u  r").stableOrig).isEqualTo(4);
    // "ch ư" may still become "ch ữa", or stop being one syllable
    assertThat(TextNormalizer.normalize("kem ch ư").stableOrig).isEqualTo(4);
    assertThat(TextNormalizer.normalize("kem ch").stableOrig).isEqualTo(4);
  }

  /** One line break without a sentence end is a break for matching but no release point; a blank line or a terminator is both. */
  @Test
  void softLineBreaksAreNoReleasePoints() {
    NormalizedText soft = TextNormalizer.normalize("It burns\nfat\u2028and more");
    assertThat(soft.toString()).isEqualTo("it burns\nfat\nand more");
    assertThat(soft.softBreaks).isEqualTo(2);
    assertThat(soft.breakEnds).isEmpty();
    assertThat(TextNormalizer.bridged(soft).toString()).isEqualTo("it burns fat and more");
    NormalizedText hard = TextNormalizer.normalize("It burns.\nFat\n\nand more\n- x");
    assertThat(hard.softBreaks).isZero();
    assertThat(hard.breakEnds).hasSize(3);
    assertThat(TextNormalizer.bridged(hard)).isSameAs(hard);
  }
}
