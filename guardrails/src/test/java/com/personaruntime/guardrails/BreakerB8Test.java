package com.personaruntime.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Breaker round b8 ({@code eval/output-cases-b8.tsv}, written before its fixes): every row judged whole and, for chat
 * rows, streamed in 1, 3 and 7-char chunks exactly as {@link BreakerB6Test#wrong} judges b6's rows. The bar is the count
 * of wrong rows today, lowered with each fix; the test prints the figure per category and every wrong row.
 */
class BreakerB8Test {
  static final String FILE = "output-cases-b8.tsv";

  /**
   * Rows judged wrongly, at most. Untouched main @ 6329f57: 22 of 227 (17/137 missed, 5/90 look-alikes stopped).
   */
  static final int BAR = 9;

  @Test
  void roundB8StaysAtOrBelowItsBar() throws IOException {
    List<GuardrailsEvalTest.Case> cases = GuardrailsEvalTest.outputCases(Path.of("src/test/resources/eval").resolve(FILE));
    List<String> wrong = BreakerB6Test.judgeAndReport("b8", cases);
    assertThat(cases).as("rows of " + FILE).hasSizeGreaterThanOrEqualTo(150);
    assertThat(wrong.size()).as("b8 rows judged wrongly (bar " + BAR + ")").isLessThanOrEqualTo(BAR);
  }
}
