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
 * Breaker round b6 ({@code eval/output-cases-b6.tsv}, written before its fixes): every row judged as
 * {@link GuardrailsEvalTest} judges the output tables, and every chat row also streamed as
 * {@link OutputCasesStreamingTest} streams them (1, 3 and 7 chars at a time: judged the same, nothing of a stopped
 * match released, an allowed or rewritten text released exactly as the whole-text check gives it). A row is wrong if
 * any of these fails. The bar is the count of wrong rows today, lowered with each fix: it keeps the figure from
 * regressing and is printed per category with the wrong rows.
 */
class BreakerB6Test {
  static final String FILE = "output-cases-b6.tsv";

  /**
   * Rows judged wrongly, at most. Untouched main @ 6f09947: 42 of 217 (41/117 missed, 1/100 look-alikes stopped) (see docs/breaker-report-2026-12-03.md).
   */
  static final int BAR = 3;

  /** Why a row is judged wrongly, or null when it is judged right whole and streamed. */
  static String wrong(GuardrailsEvalTest.Case c) {
    CheckContext ctx = c.checkContext();
    Verdict whole = c.policy().check(c.text(), ctx);
    if (!OutputCasesStreamingTest.judgedRight(c, whole.decision())) {
      return "got " + whole.decision().wire() + " " + whole.findings();
    }
    if (c.post()) {
      return null; // a post draft is checked whole, never streamed
    }
    for (int chunk : new int[] {1, 3, 7}) {
      StreamingGuard g = c.policy().streamingGuard(ctx);
      for (int i = 0; i < c.text().length(); i += chunk) {
        g.offer(c.text().substring(i, Math.min(c.text().length(), i + chunk)));
      }
      Verdict v = g.finish();
      if (!OutputCasesStreamingTest.judgedRight(c, v.decision())) {
        return "streamed in " + chunk + "-char chunks: " + v.decision().wire() + " " + v.findings();
      }
      if (v.decision() == Decision.FLAG || v.decision() == Decision.BLOCK) {
        int firstStop = StoppingFindings.firstStop(whole, c.text().length());
        if (g.released().length() > firstStop || !c.text().startsWith(g.released())) {
          return "streamed in " + chunk + "-char chunks: released past the stopped match: '" + g.released() + "'";
        }
      } else if (!g.released().equals(whole.text())) {
        return "streamed in " + chunk + "-char chunks: released '" + g.released() + "', whole-text check gives '"
            + whole.text() + "'";
      }
    }
    return null;
  }

  /**
   * Judges every row with {@link #wrong}, prints the figure per category, the totals and every wrong row (headed by
   * {@code round}, e.g. "b6"), and returns the wrong rows as "EXPECTED expected, WHY: TEXT".
   */
  static List<String> judgeAndReport(String round, List<GuardrailsEvalTest.Case> cases) {
    Map<String, int[]> byCat = new TreeMap<>();
    List<String> wrong = new ArrayList<>();
    int stop = 0;
    int missed = 0;
    int allow = 0;
    int stopped = 0;
    for (GuardrailsEvalTest.Case c : cases) {
      boolean attack = c.expected() != Decision.ALLOW;
      String why = wrong(c);
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
    StringBuilder sb = new StringBuilder("\nBreaker " + round + " per category (rows, judged wrongly)\n");
    byCat.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-44s %4d %4d%n", k, v[0], v[1])));
    sb.append(String.format(Locale.ROOT, "%s: %d/%d rows judged wrongly: %d/%d to catch missed, %d/%d look-alikes stopped%n",
        round, wrong.size(), cases.size(), missed, stop, stopped, allow));
    System.out.print(sb);
    String head = "  " + round.toUpperCase(Locale.ROOT) + " WRONG ";
    wrong.forEach(w -> System.out.println(head + w));
    return wrong;
  }

  @Test
  void roundB6StaysAtOrBelowItsBar() throws IOException {
    List<GuardrailsEvalTest.Case> cases = GuardrailsEvalTest.outputCases(Path.of("src/test/resources/eval").resolve(FILE));
    List<String> wrong = judgeAndReport("b6", cases);
    assertThat(cases).as("rows of " + FILE).hasSizeGreaterThan(200);
    assertThat(wrong.size()).as("b6 rows judged wrongly (bar " + BAR + ")").isLessThanOrEqualTo(BAR);
  }
}
