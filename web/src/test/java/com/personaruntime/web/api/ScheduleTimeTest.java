package com.personaruntime.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.personaruntime.web.http.ApiException;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Schedule times: an instant stays the instant; a local time is resolved in its IANA zone, across DST. */
class ScheduleTimeTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId SAIGON = ZoneId.of("Asia/Ho_Chi_Minh");

  @Test
  void anInstantOrAnOffsetTimeIsTakenAsGivenWhateverTheZone() {
    assertThat(PostRoutes.resolveAt("2026-03-08T07:30:00Z", NEW_YORK)).isEqualTo(Instant.parse("2026-03-08T07:30:00Z"));
    assertThat(PostRoutes.resolveAt("2026-12-24T19:00+07:00", BERLIN)).isEqualTo(Instant.parse("2026-12-24T12:00:00Z"));
  }

  @Test
  void aLocalTimeInAZoneWithoutDst() {
    assertThat(PostRoutes.resolveAt("2026-12-24T19:00", SAIGON)).isEqualTo(Instant.parse("2026-12-24T12:00:00Z"));
  }

  @Test
  void theDayBeforeAndAfterSpringForwardInNewYork() {
    // 2026-03-08 02:00 EST -> 03:00 EDT
    assertThat(PostRoutes.resolveAt("2026-03-07T09:00", NEW_YORK)).isEqualTo(Instant.parse("2026-03-07T14:00:00Z"));
    assertThat(PostRoutes.resolveAt("2026-03-09T09:00", NEW_YORK)).isEqualTo(Instant.parse("2026-03-09T13:00:00Z"));
  }

  @Test
  void aLocalTimeInTheSpringForwardGapMovesForwardByTheGap() {
    // 02:30 does not exist on 2026-03-08 in New York: it is 03:30 EDT = 07:30Z
    assertThat(PostRoutes.resolveAt("2026-03-08T02:30", NEW_YORK)).isEqualTo(Instant.parse("2026-03-08T07:30:00Z"));
    // Berlin: 2026-03-29 02:30 does not exist -> 03:30 CEST = 01:30Z
    assertThat(PostRoutes.resolveAt("2026-03-29T02:30", BERLIN)).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
  }

  @Test
  void aLocalTimeInTheFallBackOverlapTakesTheEarlierOffset() {
    // 2026-11-01 01:30 happens twice in New York (EDT then EST): the first, 05:30Z
    assertThat(PostRoutes.resolveAt("2026-11-01T01:30", NEW_YORK)).isEqualTo(Instant.parse("2026-11-01T05:30:00Z"));
    // Berlin 2026-10-25 02:30 twice: CEST first = 00:30Z
    assertThat(PostRoutes.resolveAt("2026-10-25T02:30", BERLIN)).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
  }

  @Test
  void aBadTimeNamesTheField() {
    assertThatThrownBy(() -> PostRoutes.resolveAt("next tuesday", SAIGON)).isInstanceOf(ApiException.class)
        .hasMessageStartingWith("at:");
  }
}
