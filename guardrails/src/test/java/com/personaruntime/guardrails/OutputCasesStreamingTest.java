package com.personaruntime.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every labelled chat-reply case of the output tables ({@link GuardrailsEvalTest#OUTPUT_CASE_FILES}; post drafts are
 * checked whole, not streamed) streamed through the guard, with the row's policy and context, as the product streams
 * model tokens (1, 3 and 7 chars at a time): the streamed verdict is judged like
 * the whole-text check, nothing of a stopped match is released, an allowed text is released whole
 * and a rewritten one exactly as the whole-text check rewrites it.
 */
class OutputCasesStreamingTest {

  /** As GuardrailsEvalTest judges a row: caught at least as strictly, or allowed ("negated" rows may be flagged). */
  static boolean judgedRight(GuardrailsEvalTest.Case c, Decision got) {
    if (c.expected() != Decision.ALLOW) {
      return got.compareTo(Decision.ALLOW) > 0 && got.compareTo(c.expected()) >= 0;
    }
    return got == Decision.ALLOW || (got == Decision.FLAG && c.category().endsWith("negated"));
  }

  @Test
  void everyOutputCaseStreamsLikeTheWholeTextCheck() throws IOException {
    List<String> wrong = new ArrayList<>();
    for (GuardrailsEvalTest.Case c : GuardrailsEvalTest.outputCases()) {
      if (c.post()) {
        continue; // a post draft is checked whole, never streamed
      }
      CheckContext ctx = c.checkContext();
      Verdict whole = c.policy().check(c.text(), ctx);
      for (int chunk : new int[] {1, 3, 7}) {
        StreamingGuard g = c.policy().streamingGuard(ctx);
        for (int i = 0; i < c.text().length(); i += chunk) {
          g.offer(c.text().substring(i, Math.min(c.text().length(), i + chunk)));
        }
        Verdict v = g.finish();
        String where = chunk + "-char chunks: " + c.text();
        if (!judgedRight(c, v.decision())) {
          wrong.add(c.expected().wire() + " expected, streamed " + v.decision().wire() + " in " + where);
          continue;
        }
        if (v.decision() == Decision.FLAG || v.decision() == Decision.BLOCK) {
          int firstStop = StoppingFindings.firstStop(whole, c.text().length());
          if (g.released().length() > firstStop || !c.text().startsWith(g.released())) {
            wrong.add("released past the stopped match (" + g.released() + ") in " + where);
          }
        } else if (!g.released().equals(whole.text())) {
          wrong.add("released '" + g.released() + "', whole-text check gives '" + whole.text() + "' in " + where);
        }
      }
    }
    assertThat(wrong).as("output cases streamed wrongly").isEmpty();
  }
}
