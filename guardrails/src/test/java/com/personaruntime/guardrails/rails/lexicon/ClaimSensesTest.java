package com.personaruntime.guardrails.rails.lexicon;

import com.personaruntime.guardrails.Decision;
import com.personaruntime.guardrails.LumierePolicy;
import com.personaruntime.guardrails.Verdict;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Mention vs claim for a persona that forbids "cure": the word in a name (a product, a collection,
 * a title) or in another sense (materials that set, preserved food, a figurative cure of a mood) is
 * no health claim; the claim itself, in any case or next to those uses, still is.
 */
class ClaimSensesTest {

  static Verdict out(String text) {
    return LumierePolicy.POLICY.check(text, LumierePolicy.OUT_EN);
  }

  @ParameterizedTest(name = "not a claim: {0}")
  @CsvSource(delimiter = '|', textBlock = """
      Our Cure Collection candle smells great
      Meet our Cure Collection!
      Try the new Lumière Cure range today
      Our Cure serum smells like rain
      Curing time is 24 h
      The cure time for this gel is 60 seconds
      Cure the gel under a UV lamp for 60 seconds
      Gel polish needs to cure under the lamp
      LED curing keeps the shine
      Salt-cured salmon is on the menu
      The gel cures in 60 seconds under the LED lamp
      Let the topcoat cure fully before the second coat
      Wait until the polish has cured.
      Does the resin cure faster in the sun? Yes, a little.
      Epoxy cures hard and clear
      Our LED cure lamp dries every layer
      Fully cured, the polish lasts two weeks
      """)
  void allows(String text) {
    assertThat(out(text).decision()).as(text).isEqualTo(Decision.ALLOW);
  }

  /**
   * Claims. A figurative cure ("a cure for boredom") uses the word in its own sense, so it is a shipped context
   * (contexts/en.txt), which never excuses the persona's own forbidden "cure"; the brand's choice wins.
   */
  @ParameterizedTest(name = "claim: {0}")
  @CsvSource(delimiter = '|', textBlock = """
      This will cure your acne
      It will Cure you
      This Will Cure Your Acne
      Our Cure serum cures acne
      UV cure for acne
      Curing acne takes a week with this serum
      Cure acne fast with our Cure Collection
      This gel cures breakouts.
      This gel cures dull skin.
      Our resin cures your blemishes overnight
      The new gel cures redness in a day
      Salt-cured skin glows? No: our salt scrub cures rough skin
      A UV cured complexion in one week
      A cure for boredom: our new scent
      Our mask cures your bad hair days
      """)
  void blocks(String text) {
    assertThat(out(text).decision()).as(text).isEqualTo(Decision.BLOCK);
  }
}
