package com.personaruntime.web.console.personas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The new-persona form's languages field (newcomer's report: "Tiếng Việt, English" was refused with
 * {@code "tiếng" is not an ISO 639-1 language code}): codes, region tags and language names in Vietnamese or
 * English, with or without diacritics, read as codes in the order typed; anything else is named as typed.
 */
class LanguageNamesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "'Tiếng Việt, English'          | vi en",
      "'vi, en'                       | vi en",
      "'vi en'                        | vi en",
      "'VI,EN'                        | vi en",
      "'Vietnamese, English'          | vi en",
      "'Tiếng Việt; Tiếng Anh'        | vi en",
      "'tieng viet / tieng anh'       | vi en",
      "'TIẾNG VIỆT,  english'         | vi en",
      "'English, Tiếng Việt'          | en vi",
      "'en-US, vi-VN'                 | en vi",
      "'vi, Tiếng Việt, Vietnamese'   | vi",
      "'Tiếng Nhật, 中文, Français'     | ja zh fr",
      "'Tiếng  Việt,Deutsch,español'  | vi de es",
      "'Việt, Anh'                    | vi en",
  })
  void namesAndCodesReadAsCodes(String typed, String codes) {
    LanguageNames.Parsed p = LanguageNames.parse(typed);
    assertThat(p.unknown()).isNull();
    assertThat(p.codes()).isEqualTo(List.of(codes.split(" ")));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "'vi, xyz'               | xyz",
      "'Tiếng Việtt, English'  | Tiếng",
      "'Klingon'               | Klingon",
      "'vi, tiếng klingon'     | tiếng",
      "'en, 123'               | 123",
  })
  void anythingElseIsNamedAsTyped(String typed, String unknown) {
    assertThat(LanguageNames.parse(typed).unknown()).isEqualTo(unknown);
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(value = {"''", "' , ; '"})
  void blankGivesNoCodes(String typed) {
    LanguageNames.Parsed p = LanguageNames.parse(typed);
    assertThat(p.codes()).isEmpty();
    assertThat(p.unknown()).isNull();
  }
}
