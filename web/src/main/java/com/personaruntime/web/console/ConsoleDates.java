package com.personaruntime.web.console;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * Dates and times typed into the console, in the console's language rather than the browser's.
 *
 * <p>Native {@code <input type="date">} and {@code datetime-local} follow the browser's locale (a
 * Vietnamese console in an English browser showed {@code mm/dd/yyyy, hh:mm AM}), so the console uses
 * plain text fields with a format hint and reads them here:
 * <ul>
 *   <li>Vietnamese ({@code vi}): {@code dd/mm/yyyy} and {@code dd/mm/yyyy hh:mm} on a 24-hour clock
 *       ({@code 24/12/2026 19:00}); {@code -} or {@code .} may separate the date's parts, leading zeros
 *       may be left out and the time may be written {@code 19h}, {@code 19h30} or {@code 19g30}.</li>
 *   <li>English ({@code en}): {@code yyyy-mm-dd} and {@code yyyy-mm-dd hh:mm}, 24-hour
 *       ({@code 2026-12-24 19:00}): year first, so a day and a month are never confused.</li>
 * </ul>
 * Both languages also accept the year-first form with a {@code T} ({@code 2026-12-24T19:00}, what a
 * native picker sends). Anything else is refused with a {@link DateInputException} whose message key
 * and arguments name the field, the expected format, an example and what was typed. Linear in the
 * input (at most {@link #MAX_CHARS} characters are read), no regular expressions.
 */
public final class ConsoleDates {
  /** Longest text accepted in a date or date-time field. */
  public static final int MAX_CHARS = 40;

  private ConsoleDates() {
  }

  /**
   * A refused date or time: {@link #key()} is a message key of the console bundles (shared
   * {@code messages_*.properties}) and {@link #args()} its arguments; {@link #getMessage()} is the
   * English text for logs and the API.
   */
  public static final class DateInputException extends IllegalArgumentException {
    private final String key;
    private final transient Object[] args;

    DateInputException(String key, String english, Object... args) {
      super(english);
      this.key = key;
      this.args = args;
    }

    /** The message key, e.g. {@code date.err.format}. */
    public String key() {
      return key;
    }

    /** The message's arguments: field label, expected format, example, what was typed (as the key needs). */
    public Object[] args() {
      return args.clone();
    }

    /** This refusal in the console's language. */
    public String message(Messages messages, String lang) {
      return messages.text(lang, key, args);
    }
  }

  /** The date format shown to people in {@code lang}, e.g. {@code dd/mm/yyyy}. */
  public static String datePattern(String lang) {
    return "vi".equals(lang) ? "dd/mm/yyyy" : "yyyy-mm-dd";
  }

  /** The date-time format shown to people in {@code lang}, e.g. {@code dd/mm/yyyy hh:mm}. */
  public static String dateTimePattern(String lang) {
    return datePattern(lang) + " hh:mm";
  }

  /** A date written the way {@code lang} reads it ({@code 24/12/2026} / {@code 2026-12-24}). */
  public static String formatDate(LocalDate d, String lang) {
    return d.format(DateTimeFormatter.ofPattern("vi".equals(lang) ? "dd/MM/yyyy" : "yyyy-MM-dd"));
  }

  /** A date-time written the way {@code lang} reads it, 24-hour ({@code 24/12/2026 19:00}). */
  public static String formatDateTime(LocalDateTime t, String lang) {
    return formatDate(t.toLocalDate(), lang) + " " + t.toLocalTime().format(DateTimeFormatter.ofPattern("HH:mm"));
  }

  /**
   * A moment as the console shows it, in UTC and {@code lang}'s date order, e.g. {@code 24/12/2026 12:00 UTC}
   * (vi) or {@code 2026-12-24 12:00 UTC} (en); with {@code seconds}, {@code 12:00:05}.
   */
  public static String formatUtc(java.time.Instant at, String lang, boolean seconds) {
    LocalDateTime t = LocalDateTime.ofInstant(at, java.time.ZoneOffset.UTC);
    return formatDate(t.toLocalDate(), lang) + " "
        + t.toLocalTime().format(DateTimeFormatter.ofPattern(seconds ? "HH:mm:ss" : "HH:mm")) + " UTC";
  }

  /**
   * Reads a day typed in {@code lang}'s format.
   *
   * @param text  what was typed; blank gives {@code null} (no filter)
   * @param lang  the console language, "vi" or "en"
   * @param field the field's label in that language, named in the error
   * @throws DateInputException when it is not a day in that format, or no such day exists
   */
  public static LocalDate parseDate(String text, String lang, String field) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String s = text.strip();
    if (s.length() > MAX_CHARS) {
      throw formatError(field, lang, false, s);
    }
    return date(s, lang, field, false, s);
  }

  /**
   * Reads a local date and time typed in {@code lang}'s format (no zone: the form names the zone).
   *
   * @param text  what was typed
   * @param lang  the console language, "vi" or "en"
   * @param field the field's label in that language, named in the error
   * @throws DateInputException when it is blank, not in that format, or names a day or time that does not exist
   */
  public static LocalDateTime parseDateTime(String text, String lang, String field) {
    String s = text == null ? "" : text.strip();
    if (s.isEmpty()) {
      throw new DateInputException("date.err.required", field + ": required, as " + dateTimePattern(lang),
          field, dateTimePattern(lang), example(lang, true));
    }
    if (s.length() > MAX_CHARS) {
      throw formatError(field, lang, true, s);
    }
    int cut = -1;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ' || c == 'T' || c == ',') {
        cut = i;
        break;
      }
    }
    if (cut < 0) {
      throw formatError(field, lang, true, s);
    }
    int timeStart = cut;
    while (timeStart < s.length() && (s.charAt(timeStart) == ' ' || s.charAt(timeStart) == 'T'
        || s.charAt(timeStart) == ',')) {
      timeStart++;
    }
    LocalDate day = date(s.substring(0, cut), lang, field, true, s);
    LocalTime time = time(s.substring(timeStart), lang, field, s);
    return LocalDateTime.of(day, time);
  }

  private static LocalDate date(String s, String lang, String field, boolean withTime, String typed) {
    int[] parts = new int[3];
    int[] digits = new int[3];
    int n = 0;
    char sep = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        if (digits[n] >= 4) {
          throw formatError(field, lang, withTime, typed);
        }
        parts[n] = parts[n] * 10 + (c - '0');
        digits[n]++;
      } else if ((c == '/' || c == '-' || c == '.') && n < 2 && digits[n] > 0 && (sep == 0 || sep == c)) {
        sep = c;
        n++;
      } else {
        throw formatError(field, lang, withTime, typed);
      }
    }
    if (n != 2 || digits[2] == 0) {
      throw formatError(field, lang, withTime, typed);
    }
    int year;
    int month;
    int day;
    if (digits[0] == 4 && sep == '-' && digits[1] <= 2 && digits[2] <= 2) {
      year = parts[0]; // year first (ISO), in either language
      month = parts[1];
      day = parts[2];
    } else if ("vi".equals(lang) && digits[2] == 4 && digits[0] <= 2 && digits[1] <= 2) {
      day = parts[0];
      month = parts[1];
      year = parts[2];
    } else {
      throw formatError(field, lang, withTime, typed);
    }
    if (digits[0] != 4 && month > 12 && day <= 12 && month <= 31) {
      // "12/24/2026": a month-first (US) date; say the order, not that the day does not exist
      String pattern = withTime ? dateTimePattern(lang) : datePattern(lang);
      throw new DateInputException("date.err.dayFirst", field + ": the day comes before the month (write it as "
          + pattern + "), got '" + typed + "'", field, pattern, example(lang, withTime), typed);
    }
    try {
      return LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      // a month-first (US) date lands here too: say the format as well
      String pattern = withTime ? dateTimePattern(lang) : datePattern(lang);
      throw new DateInputException("date.err.noSuchDay", field + ": there is no such day (write it as " + pattern
          + "), got '" + typed + "'", field, typed, pattern, example(lang, withTime));
    }
  }

  private static LocalTime time(String s, String lang, String field, String typed) {
    int hour = 0;
    int minute = 0;
    int hourDigits = 0;
    int minuteDigits = 0;
    boolean inMinutes = false;
    boolean hourMark = false; // "19h", "19g" (giờ)
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        if (inMinutes) {
          if (++minuteDigits > 2) {
            throw formatError(field, lang, true, typed);
          }
          minute = minute * 10 + (c - '0');
        } else {
          if (++hourDigits > 2) {
            throw formatError(field, lang, true, typed);
          }
          hour = hour * 10 + (c - '0');
        }
      } else if (!inMinutes && hourDigits > 0 && (c == ':' || ("vi".equals(lang) && (c == 'h' || c == 'H'
          || c == 'g' || c == 'G')))) {
        inMinutes = true;
        hourMark = c != ':';
      } else {
        throw formatError(field, lang, true, typed);
      }
    }
    boolean ok = hourDigits > 0 && (inMinutes ? (minuteDigits == 2 || (hourMark && minuteDigits == 0)) : false);
    if (!ok) {
      throw formatError(field, lang, true, typed);
    }
    if (hour > 23 || minute > 59) {
      throw new DateInputException("date.err.noSuchTime", field + ": there is no such time of day (00:00-23:59), got '"
          + typed + "'", field, typed);
    }
    return LocalTime.of(hour, minute);
  }

  private static String example(String lang, boolean withTime) {
    LocalDateTime sample = LocalDateTime.of(2026, 12, 24, 19, 0);
    return withTime ? formatDateTime(sample, lang) : formatDate(sample.toLocalDate(), lang);
  }

  private static DateInputException formatError(String field, String lang, boolean withTime, String typed) {
    String pattern = withTime ? dateTimePattern(lang) : datePattern(lang);
    String example = example(lang, withTime);
    String shown = typed.length() > MAX_CHARS ? typed.substring(0, MAX_CHARS) + "…" : typed;
    return new DateInputException("date.err.format", field + ": expected " + pattern + (withTime ? " (24-hour)" : "")
        + ", for example " + example + ", got '" + shown + "'", field, pattern, example, shown);
  }
}
