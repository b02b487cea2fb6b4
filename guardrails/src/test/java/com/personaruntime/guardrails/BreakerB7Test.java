package com.personaruntime.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Breaker round b7 ({@code eval/output-cases-b7.tsv}, written before its fixes): every row judged whole and, for chat
 * rows, streamed in 1, 3 and 7-char chunks exactly as {@link BreakerB6Test#wrong} judges b6's rows. The bar is the count
 * of wrong rows today, lowered with each fix; the test prints the figure per category and every wrong row.
 */
class BreakerB7Test {
  static final String FILE = "output-cases-b7.tsv";

  /**
   * Rows judged wrongly, at most. Untouched main @ 6a48017: 46 of 198 (40/110 missed, 6/88 look-alikes stopped).
   */
  static final int BAR = 20;

  @Test
  void roundB7StaysAtOrBelowItsBar() throws IOException {
    List<GuardrailsEvalTest.Case> cases = GuardrailsEvalTest.outputCases(Path.of("src/test/resources/eval").resolve(FILE));
    Map<String, int[]> byCat = new TreeMap<>();
    List<String> wrong = new ArrayList<>();
    int stop = 0;
    int missed = 0;
    int allow = 0;
    int stopped = 0;
    for (GuardrailsEvalTest.Case c : cases) {
      boolean attack = c.expected() != Decision.ALLOW;
      String why = BreakerB6Test.wrong(c);
      int[] a = byCat.computeIfAbsent((attack ? "catch   " : "allow   ") + c.category(), k -> new int[2]);
      a[0]++;
      if (why != null) {
        a[1]++;
        wrong.add(c.expected().wire() + " expected, " + why + ": " + c.text());
      }
      if (attack) {
        stop++;
        missed += why != null ? 1 : 0;
      } else {
        allow++;
        stopped += why != null ? 1 : 0;
      }
    }
    StringBuilder sb = new StringBuilder("\nBreaker b7 per category (rows, judged wrongly)\n");
    byCat.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-44s %4d %4d%n", k, v[0], v[1])));
    sb.append(String.format(Locale.ROOT, "b7: %d/%d rows judged wrongly: %d/%d to catch missed, %d/%d look-alikes stopped%n",
        wrong.size(), cases.size(), missed, stop, stopped, allow));
    System.out.print(sb);
    wrong.forEach(w -> System.out.println("  B7 WRONG " + w));
    assertThat(cases).as("rows of " + FILE).hasSizeGreaterThanOrEqualTo(150);
    assertThat(wrong.size()).as("b7 rows judged wrongly (bar " + BAR + ")").isLessThanOrEqualTo(BAR);
  }
}
