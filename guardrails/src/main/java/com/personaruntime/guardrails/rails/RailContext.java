package com.personaruntime.guardrails.rails;

import com.personaruntime.guardrails.Action;
import com.personaruntime.guardrails.CheckContext;
import com.personaruntime.guardrails.Direction;
import com.personaruntime.guardrails.Finding;
import com.personaruntime.guardrails.PolicyConfig;
import com.personaruntime.guardrails.Severity;
import java.util.List;

/** What a rail needs from the compiled policy it belongs to. Not API (see {@link Rail}). */
public interface RailContext {
  /** @return the policy's configuration */
  PolicyConfig config();

  /** @return true when rule {@code ruleId} applies to direction {@code d} */
  boolean active(String ruleId, Direction d);

  /** @return the policy's action for the rule (its default unless the policy overrides it) */
  Action action(String ruleId);

  /** @return the rule's severity */
  Severity severity(String ruleId);

  /** @return a finding of the rule with the policy's severity and action */
  default Finding finding(String ruleId, int start, int end, String message, String fix) {
    return new Finding(ruleId, severity(ruleId), action(ruleId), start, end, message, fix);
  }

  /** @return the language of the check: the context's, else the policy's default */
  String language(CheckContext ctx);

  /** @return the placeholder that replaces redacted personal data, in the check's language */
  String redaction(CheckContext ctx);

  /** @return {@code text} with the fixes of the REWRITE findings applied */
  String apply(String text, List<Finding> findings);
}
