package com.personaruntime.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Runs the labelled corpus (src/test/resources/corpus/guardrails-corpus.txt) through the Lumière
 * policy, prints recall (must-catch) and false-positive rate (must-allow) per category, and fails
 * on any miss.
 */
class CorpusTest {

  record Case(int line, String category, boolean mustCatch, Direction direction, String rule, String text) {
  }

  static List<Case> load() throws IOException {
    List<Case> cases = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        CorpusTest.class.getResourceAsStream("/corpus/guardrails-corpus.txt"), StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] p = line.split(" \\| ", 5);
        if (p.length != 5) {
          throw new IllegalStateException("corpus line " + n + ": expected 5 fields, got " + p.length + ": " + line);
        }
        cases.add(new Case(n, p[0].trim(), p[1].trim().equals("catch"), p[2].trim().equals("in") ? Direction.INPUT : Direction.OUTPUT,
            p[3].trim().equals("-") ? null : p[3].trim(), p[4]));
      }
    }
    return cases;
  }

  @Test
  void everyMustCatchIsCaughtAndEveryInnocentTextAllowed() throws IOException {
    List<Case> cases = load();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
    Map<String, int[]> stats = new TreeMap<>(); // catch total, caught, allow total, false positives
    List<String> misses = new ArrayList<>();
    for (Case c : cases) {
      CheckContext ctx = new CheckContext(c.direction(), Channel.CHAT, null, null, false, null);
      Verdict v = LumierePolicy.POLICY.check(c.text(), ctx);
      int[] s = stats.computeIfAbsent(c.category(), k -> new int[4]);
      if (c.mustCatch()) {
        s[0]++;
        boolean ok = v.decision() != Decision.ALLOW && (c.rule() == null || v.has(c.rule()));
        if (ok) {
          s[1]++;
        } else {
          misses.add("MISSED  line " + c.line() + " [" + c.category() + "] " + c.text() + " -> " + v.decision() + " " + v.findings());
        }
      } else {
        s[2]++;
        if (v.decision() != Decision.ALLOW) {
          s[3]++;
          misses.add("FALSE+  line " + c.line() + " [" + c.category() + "] " + c.text() + " -> " + v.decision() + " " + v.findings());
        }
      }
    }
    StringBuilder report = new StringBuilder("\nGuardrails corpus: " + cases.size() + " cases\n");
    report.append(String.format("%-22s %8s %8s %8s %8s%n", "category", "catch", "recall", "allow", "FP rate"));
    stats.forEach((k, s) -> report.append(String.format("%-22s %8d %8s %8d %8s%n", k, s[0],
        s[0] == 0 ? "-" : String.format("%.1f%%", 100.0 * s[1] / s[0]), s[2],
        s[2] == 0 ? "-" : String.format("%.1f%%", 100.0 * s[3] / s[2]))));
    misses.forEach(m -> report.append(m).append('\n'));
    System.out.println(report);
    assertThat(misses).as(report.toString()).isEmpty();
  }
}
