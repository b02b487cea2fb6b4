package com.personaruntime.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A persona's forbidden claims in other words ({@code rails/lexicon/paraphrases/families.txt}: "melts fat" and "shed
 * pounds" for "burns fat", "revs up your metabolism", "cleanses your body of toxins", "whitening that lasts forever",
 * "cam kết hiệu quả"), their negations and look-alikes, for the demo personas of {@link BreakerB1BrandValuesTest}.
 * Rows: {@code src/test/resources/eval/persona-paraphrases.tsv}; each row is also streamed in 1-, 3- and 7-char
 * chunks and must end as the whole-text check does. Prints the figures per category.
 */
class PersonaParaphrasesTest {

  @Test
  void everyRowAsExpectedWholeAndStreamed() throws IOException {
    Map<String, int[]> byCat = new TreeMap<>();
    List<String> wrong = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("src/test/resources/eval/persona-paraphrases.tsv"), StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", 5);
      Decision expected = Decision.fromWire(f[0]);
      Policy policy = BreakerB1BrandValuesTest.policy(f[3]);
      String text = f[4];
      Verdict v = policy.check(text, CheckContext.chatOutput().withLanguage(f[2]));
      boolean ok = expected == Decision.ALLOW
          ? v.decision() == Decision.ALLOW || (v.decision() == Decision.FLAG && f[1].endsWith("negated"))
          : v.decision().compareTo(expected) >= 0;
      int[] c = byCat.computeIfAbsent(f[0] + "  " + f[1], k -> new int[2]);
      c[0]++;
      c[1] += ok ? 1 : 0;
      if (!ok) {
        wrong.add(f[0] + " expected, got " + v.decision().wire() + ": " + text + " " + v.findings());
      }
      for (int size : new int[] {1, 3, 7}) {
        StreamingGuard g = policy.streamingGuard(CheckContext.chatOutput().withLanguage(f[2]));
        for (int i = 0; i < text.length() && !g.stopped(); i += size) {
          g.offer(text.substring(i, Math.min(text.length(), i + size)));
        }
        Verdict s = g.finish();
        if (s.decision() != v.decision()) {
          wrong.add("streamed by " + size + ": " + s.decision().wire() + " vs " + v.decision().wire() + ": " + text);
        }
        if (v.decision() == Decision.BLOCK && g.released().length() >= text.length()) {
          wrong.add("streamed by " + size + ": a blocked text was released whole: " + text);
        }
      }
    }
    StringBuilder sb = new StringBuilder("\nPersona paraphrases (as expected / rows)\n");
    byCat.forEach((k, c) -> sb.append(String.format("  %-36s %3d / %3d%n", k, c[1], c[0])));
    System.out.print(sb);
    wrong.forEach(w -> System.out.println("  WRONG " + w));
    assertThat(wrong).as("persona paraphrase rows not as expected").isEmpty();
  }
}
