package com.personaruntime.web.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A wrong audience segment names the persona's segments, or says it has none (never "one of []"). */
class SegmentProblemTest {
  @Test
  void namesTheSegmentsThereAre() {
    assertThat(LiveSocket.segmentProblem("linh", List.of("genz", "professionals"), "vip"))
        .isEqualTo("segment: 'vip' is not an audience segment of persona 'linh'; expected one of genz, professionals");
  }

  @Test
  void aPersonaWithoutSegmentsSaysSo() {
    String problem = LiveSocket.segmentProblem("milo", List.of(), "genz");
    assertThat(problem).isEqualTo("segment: 'genz' is not an audience segment of persona 'milo'; "
        + "persona 'milo' has no audience segments: leave segment out");
    assertThat(problem).doesNotContain("[]").doesNotContain("one of");
  }

  @Test
  void aValueThatIsNotTextIsShownAsItIs() {
    assertThat(LiveSocket.segmentProblem("linh", List.of("genz"), 42)).startsWith("segment: 42 is not");
  }
}
