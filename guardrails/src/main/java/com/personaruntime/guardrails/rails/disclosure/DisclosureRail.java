package com.personaruntime.guardrails.rails.disclosure;

import com.personaruntime.guardrails.Action;
import com.personaruntime.guardrails.Channel;
import com.personaruntime.guardrails.CheckContext;
import com.personaruntime.guardrails.Direction;
import com.personaruntime.guardrails.Finding;
import com.personaruntime.guardrails.PolicyConfig;
import com.personaruntime.guardrails.RuleIds;
import com.personaruntime.guardrails.Severity;
import com.personaruntime.guardrails.rails.Rail;
import com.personaruntime.guardrails.rails.RailContext;
import com.personaruntime.guardrails.rails.RailInput;
import java.util.List;

/**
 * Disclosure labels and platform limits of posts (rules {@code disclosure.ai_label},
 * {@code disclosure.sponsored_label}, {@code platform.length}, {@code platform.hashtags}). It
 * judges whole posts only, so its span is {@link #WHOLE_TEXT}: it never runs on a streamed window.
 */
public final class DisclosureRail extends Rail {
  public DisclosureRail(RailContext policy) {
    super(policy, "disclosure", SpanUnit.ORIGINAL, RuleIds.AI_LABEL, RuleIds.SPONSORED_LABEL, RuleIds.PLATFORM_LENGTH,
        RuleIds.PLATFORM_HASHTAGS);
  }

  @Override
  public int maxSpan(Direction d) {
    return activeFor(d) ? WHOLE_TEXT : 0;
  }

  @Override
  public void check(RailInput in, List<Finding> out) {
    CheckContext ctx = in.ctx();
    if (!in.wholeText() || ctx.channel() != Channel.POST || in.dir() != Direction.OUTPUT) {
      return;
    }
    String text = in.text();
    PolicyConfig config = policy.config();
    Disclosure.check(text, ctx, config, policy.language(ctx),
        (rule, s, e, msg, fix) -> out.add(policy.finding(rule, s, e, msg, fix)));
    if (policy.action(RuleIds.SPONSORED_LABEL) != Action.ALLOW) {
      // a sponsored post that says it is not sponsored is stopped, not labelled: a label before "Not an ad, just a mug
      // I love" would publish a contradiction (breaker b9)
      for (int[] d : Disclosure.sponsorshipDenials(text, ctx)) {
        out.add(new Finding(RuleIds.SPONSORED_LABEL, Severity.HIGH, Action.BLOCK, d[0], d[1],
            "Sponsored post says it is not sponsored: \"" + text.substring(d[0], d[1]) + "\"", null));
      }
    }
    if (ctx.platform() != null) {
      String finalText = policy.apply(text, out);
      Disclosure.checkPlatform(text, finalText, ctx.platform(), config,
          (rule, s, e, msg, fix) -> out.add(policy.finding(rule, s, e, msg, fix)));
    }
  }
}
