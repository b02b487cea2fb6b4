package com.personaruntime.personas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {

  private static final List<String> VOICE = List.of("personality", "style", "greeting", "catchphrases");

  @ParameterizedTest
  @CsvSource(nullValues = "-", value = {
      "greting, greeting",       // deletion
      "greeeting, greeting",     // insertion
      "stlye, style",            // transposition
      "Catch_Phrases, catchphrases", // case and separators only
      "personalty, personality",
      "tone, -",                 // nothing close
      "x, -"})
  void suggestsTheClosestField(String input, String expected) {
    assertThat(Suggestions.closest(input, VOICE)).isEqualTo(expected);
  }
}
