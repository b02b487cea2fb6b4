package com.personaruntime.guardrails;

import java.util.Objects;

/**
 * One rule match.
 *
 * @param ruleId   the rule, see {@link RuleIds}
 * @param severity how serious
 * @param action   what the policy does about it
 * @param start    start offset in the ORIGINAL text passed to the check (inclusive)
 * @param end      end offset in the ORIGINAL text (exclusive); {@code start == end} for an insertion
 * @param message  a sentence a moderator understands
 * @param fix      the replacement for {@code [start, end)} applied when the action is
 *                 {@link Action#REWRITE}; {@code null} when the rule has no fix
 * @param score    for learned detectors, the model's probability (0..1) that the text is an attack;
 *                 {@code null} for lexical and pattern rules
 */
public record Finding(String ruleId, Severity severity, Action action, int start, int end, String message, String fix,
                      Double score) {
  public Finding {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(message, "message");
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("finding span: bad offsets [" + start + ", " + end + ")");
    }
  }

  /** A finding of a rule without a score (lexical and pattern rules). */
  public Finding(String ruleId, Severity severity, Action action, int start, int end, String message, String fix) {
    this(ruleId, severity, action, start, end, message, fix, null);
  }

  /** @return a copy with offsets moved by {@code delta} */
  Finding shift(int delta) {
    return delta == 0 ? this : new Finding(ruleId, severity, action, start + delta, end + delta, message, fix, score);
  }
}
