package com.personaruntime.guardrails;

import java.util.List;
import java.util.Objects;

/**
 * The result of a check: a value, never an exception.
 *
 * @param decision the most severe action among the findings ({@link Decision#ALLOW} when none)
 * @param text     the final text: the input with every {@link Action#REWRITE} fix applied
 *                 (redactions, inserted labels). For a streaming guard, what was released.
 * @param findings every finding, ordered by start offset; offsets refer to the original text
 */
public record Verdict(Decision decision, String text, List<Finding> findings) {
  public Verdict {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(text, "text");
    findings = List.copyOf(findings);
  }

  /** @return true when the text may be released (ALLOW or REWRITE) */
  public boolean releasable() {
    return decision == Decision.ALLOW || decision == Decision.REWRITE;
  }

  /** @return true when some finding has the given rule id */
  public boolean has(String ruleId) {
    for (Finding f : findings) {
      if (f.ruleId().equals(ruleId)) {
        return true;
      }
    }
    return false;
  }

  /** @return the decision of a list of findings: the most severe action, ALLOW if none */
  public static Decision decisionOf(List<Finding> findings) {
    Decision d = Decision.ALLOW;
    for (Finding f : findings) {
      d = d.max(Decision.of(f.action()));
    }
    return d;
  }
}
