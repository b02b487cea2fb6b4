package com.personaruntime.guardrails.rails.links;

import com.personaruntime.guardrails.Direction;
import com.personaruntime.guardrails.Finding;
import com.personaruntime.guardrails.RuleIds;
import com.personaruntime.guardrails.rails.Rail;
import com.personaruntime.guardrails.rails.RailContext;
import com.personaruntime.guardrails.rails.RailInput;
import com.personaruntime.guardrails.rails.pii.Pii;
import com.personaruntime.guardrails.text.ScanText;
import java.util.ArrayList;
import java.util.List;

/**
 * Links outside the policy's allowed domains (rule {@code link_domain}): URLs, and bare domains
 * recognised by the Public Suffix List ({@link Links}). Runs after the PII rail: a domain inside an
 * e-mail address it found is not a link.
 */
public final class LinkRail extends Rail {
  public LinkRail(RailContext policy) {
    super(policy, "links", SpanUnit.ORIGINAL, RuleIds.LINK_DOMAIN);
  }

  @Override
  public int maxSpan(Direction d) {
    // a link is one word (held whole as the growing last word) or joined by " dot ": bounded by
    // the longest host, but in practice within the PII tail; the word rule keeps URLs whole
    return activeFor(d) ? Pii.STREAM_SPAN : 0;
  }

  @Override
  public void check(RailInput in, List<Finding> out) {
    List<int[]> emails = new ArrayList<>();
    for (Finding f : out) {
      if (f.ruleId().equals(RuleIds.PII_EMAIL)) {
        emails.add(new int[] {f.start(), f.end()});
      }
    }
    List<String> allowed = policy.config().allowedLinkDomains();
    // the text with its disguises undone ("ｇｌｏｗｓｈｏｐ．ｂｅａｕｔｙ", "cupful.сom", "cupful·com"); view offsets
    // map back to the original span
    ScanText view = in.scan();
    // a host spelled with look-alike letters of another script ("lumiеre.example", Cyrillic е) is read as
    // what it shows but never allowed as the name it imitates
    boolean looks = view.hasLookalikes();
    Links.scan(view.text, looks ? List.of() : allowed, (vs, ve, host) -> {
      if (looks && Links.allowed(host, allowed) && !view.lookalikeIn(vs, ve)) {
        return;
      }
      int s = view.origStart(vs);
      int e = view.origEnd(ve);
      if (insideAny(emails, s, e)) {
        return;
      }
      out.add(policy.finding(RuleIds.LINK_DOMAIN, s, e, host.endsWith(":")
          ? "Script or data URI '" + host + "' is never allowed"
          : "Link to '" + host + "' is outside the allowed domains " + allowed, null));
    });
  }

  /** True when [s, e) lies inside one of the ascending, disjoint spans (binary search). */
  private static boolean insideAny(List<int[]> spans, int s, int e) {
    int lo = 0;
    int hi = spans.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int[] sp = spans.get(mid);
      if (sp[1] <= s) {
        lo = mid + 1;
      } else if (sp[0] > s) {
        hi = mid - 1;
      } else {
        return e <= sp[1];
      }
    }
    return false;
  }

}
