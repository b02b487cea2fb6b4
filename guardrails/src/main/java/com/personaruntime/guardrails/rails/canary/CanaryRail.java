package com.personaruntime.guardrails.rails.canary;

import com.personaruntime.guardrails.Direction;
import com.personaruntime.guardrails.Finding;
import com.personaruntime.guardrails.RuleIds;
import com.personaruntime.guardrails.rails.Rail;
import com.personaruntime.guardrails.rails.RailContext;
import com.personaruntime.guardrails.rails.RailInput;
import com.personaruntime.guardrails.text.NormalizedText;
import com.personaruntime.guardrails.text.TextNormalizer;
import java.util.List;

/**
 * The system prompt's canary token in output, even obfuscated (rule {@code canary_leak}). The token
 * is per reply, so the rail's declared span is 0 and the streaming guard adds
 * {@link #canaryNormLen} for the reply's token.
 */
public final class CanaryRail extends Rail {
  public CanaryRail(RailContext policy) {
    super(policy, "canary", SpanUnit.NORMALISED, RuleIds.CANARY_LEAK);
  }

  @Override
  public int maxSpan(Direction d) {
    return 0; // per reply: canaryNormLen(token), added by the streaming guard
  }

  @Override
  public void check(RailInput in, List<Finding> out) {
    if (in.ctx().canaryToken() != null) {
      canary(in.text(), in.nt(), in.ctx().canaryToken(), out);
    }
  }

  /** @return the longest normalised span (chars) an obfuscated form of {@code canary} can cover; 0 without a token */
  public static int canaryNormLen(String canary) {
    return canary == null ? 0 : 2 * TextNormalizer.normalize(canary).length() + 1;
  }

  private void canary(String text, NormalizedText nt, String token, List<Finding> out) {
    int i = indexOfIgnoreCase(text, token);
    if (i >= 0) {
      out.add(policy.finding(RuleIds.CANARY_LEAK, i, i + token.length(), "Canary token from the system prompt appears in the output", null));
      return;
    }
    String c = TextNormalizer.normalize(token).toString().replace(" ", "").replace(String.valueOf(TextNormalizer.BREAK), "");
    if (c.isEmpty()) {
      return;
    }
    StringBuilder compact = new StringBuilder(nt.length());
    int[] idx = new int[nt.length()];
    for (int k = 0; k < nt.length(); k++) {
      if (nt.chars[k] != ' ') {
        idx[compact.length()] = k;
        compact.append(nt.chars[k]);
      }
    }
    int j = compact.indexOf(c);
    if (j >= 0) {
      int s = nt.origStart(idx[j]);
      int e = nt.origEnd(idx[j + c.length() - 1]);
      out.add(policy.finding(RuleIds.CANARY_LEAK, s, e, "Canary token from the system prompt appears (obfuscated) in the output", null));
    }
  }

  private static int indexOfIgnoreCase(String text, String token) {
    int n = token.length();
    for (int i = 0; i + n <= text.length(); i++) {
      if (text.regionMatches(true, i, token, 0, n)) {
        return i;
      }
    }
    return -1;
  }

}
