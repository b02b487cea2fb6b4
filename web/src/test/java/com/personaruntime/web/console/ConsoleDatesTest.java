package com.personaruntime.web.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Dates and times typed in the console's language, whatever the browser's. */
class ConsoleDatesTest {
  static final LocalDateTime XMAS_EVE = LocalDateTime.of(2026, 12, 24, 19, 0);

  @ParameterizedTest
  @ValueSource(strings = {"24/12/2026 19:00", "24/12/2026 19h", "24/12/2026 19h00", "24/12/2026 19g00",
      "24-12-2026 19:00", "24.12.2026 19:00", " 24/12/2026   19:00 ", "2026-12-24 19:00", "2026-12-24T19:00"})
  void vietnameseDayFirstWithTheUsualTimeForms(String typed) {
    assertThat(ConsoleDates.parseDateTime(typed, "vi", "Ngày giờ")).isEqualTo(XMAS_EVE);
  }

  @Test
  void vietnameseLeadingZerosMayBeLeftOut() {
    assertThat(ConsoleDates.parseDateTime("3/2/2027 7:05", "vi", "Ngày giờ"))
        .isEqualTo(LocalDateTime.of(2027, 2, 3, 7, 5));
    assertThat(ConsoleDates.parseDate("3/2/2027", "vi", "Từ ngày")).isEqualTo(LocalDate.of(2027, 2, 3));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-12-24 19:00", "2026-12-24T19:00", "2026-12-24 19:00 "})
  void englishYearFirst(String typed) {
    assertThat(ConsoleDates.parseDateTime(typed, "en", "Date and time")).isEqualTo(XMAS_EVE);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // a US-style day (month first) or a 12-hour clock is never guessed in English
      "12/24/2026 07:00 PM|en",
      "12/24/2026 19:00|en",
      "24/12/2026 19:00|en",
      "2026-12-24 7pm|en",
      "24/12/2026 19h|en",
      // Vietnamese refuses what it cannot read unambiguously
      "24/12/26 19:00|vi",
      "24/12/2026|vi",
      "24/12/2026 19|vi",
      "24/12/2026 19:0|vi",
      "hôm nay 19:00|vi",
      "24//12/2026 19:00|vi",
      "24/12-2026 19:00|vi",
      "2026/12/24 19:00|vi",
      "|vi"})
  void unreadableTextIsRefusedNamingTheFormatAndAnExample(String typed, String lang) {
    String field = "vi".equals(lang) ? "Ngày giờ" : "Date and time";
    assertThatThrownBy(() -> ConsoleDates.parseDateTime(typed, lang, field))
        .isInstanceOfSatisfying(ConsoleDates.DateInputException.class, e -> {
          assertThat(e.key()).isIn("date.err.format", "date.err.required");
          assertThat(e.args()).contains(field, ConsoleDates.dateTimePattern(lang));
          assertThat(e.getMessage()).startsWith(field + ": ");
        });
  }

  @Test
  void daysAndTimesThatDoNotExistAreSaidSo() {
    assertThatThrownBy(() -> ConsoleDates.parseDateTime("31/02/2027 10:00", "vi", "Ngày giờ"))
        .isInstanceOfSatisfying(ConsoleDates.DateInputException.class,
            e -> assertThat(e.key()).isEqualTo("date.err.noSuchDay"));
    assertThatThrownBy(() -> ConsoleDates.parseDateTime("2027-02-10 24:30", "en", "Date and time"))
        .isInstanceOfSatisfying(ConsoleDates.DateInputException.class,
            e -> assertThat(e.key()).isEqualTo("date.err.noSuchTime"));
    assertThatThrownBy(() -> ConsoleDates.parseDate("2027-13-01", "en", "From (day)"))
        .isInstanceOfSatisfying(ConsoleDates.DateInputException.class,
            e -> assertThat(e.key()).isEqualTo("date.err.noSuchDay"));
  }

  @Test
  void aMonthFirstDateIsToldTheOrderNotThatItsDayDoesNotExist() {
    for (String typed : List.of("12/24/2026 19:00", "2/28/2027 08:00", "12-13-2026 10:00")) {
      assertThatThrownBy(() -> ConsoleDates.parseDateTime(typed, "vi", "Ngày giờ")).as(typed)
          .isInstanceOfSatisfying(ConsoleDates.DateInputException.class, e -> {
            assertThat(e.key()).isEqualTo("date.err.dayFirst");
            assertThat(e.message(new Messages(List.of()), "vi")).startsWith("Ngày giờ: ngày viết trước tháng")
                .contains("dd/mm/yyyy hh:mm").contains(typed);
          });
    }
    // a day that exists in no order is still no such day
    assertThatThrownBy(() -> ConsoleDates.parseDateTime("31/13/2027 10:00", "vi", "Ngày giờ"))
        .isInstanceOfSatisfying(ConsoleDates.DateInputException.class,
            e -> assertThat(e.key()).isEqualTo("date.err.noSuchDay"));
  }

  @Test
  void longInputIsCutInTheMessage() {
    String typed = "1".repeat(5_000);
    assertThatThrownBy(() -> ConsoleDates.parseDate(typed, "vi", "Từ ngày"))
        .isInstanceOfSatisfying(ConsoleDates.DateInputException.class,
            e -> assertThat(e.getMessage().length()).isLessThan(200));
  }

  @Test
  void blankDayIsNoFilter() {
    assertThat(ConsoleDates.parseDate("  ", "vi", "Từ ngày")).isNull();
  }

  @Test
  void formatsFollowTheConsoleLanguage() {
    assertThat(ConsoleDates.formatDateTime(XMAS_EVE, "vi")).isEqualTo("24/12/2026 19:00");
    assertThat(ConsoleDates.formatDateTime(XMAS_EVE, "en")).isEqualTo("2026-12-24 19:00");
    assertThat(ConsoleDates.dateTimePattern("vi")).isEqualTo("dd/mm/yyyy hh:mm");
    // what is shown parses back
    for (String lang : Messages.LANGUAGES) {
      assertThat(ConsoleDates.parseDateTime(ConsoleDates.formatDateTime(XMAS_EVE, lang), lang, "x")).isEqualTo(XMAS_EVE);
    }
  }
}
