package com.personaruntime.guardrails.rails.pii;

import com.personaruntime.guardrails.Direction;
import com.personaruntime.guardrails.Finding;
import com.personaruntime.guardrails.RuleIds;
import com.personaruntime.guardrails.rails.Rail;
import com.personaruntime.guardrails.rails.RailContext;
import com.personaruntime.guardrails.rails.RailInput;
import com.personaruntime.guardrails.text.ScanText;
import java.util.List;
import java.util.Locale;

/**
 * Personal data, redacted in both directions: rules {@code pii.email} (plain and disguised forms),
 * {@code pii.phone}, {@code pii.card}, {@code pii.vn_id} (12-digit citizen id, or the old 9-digit CMND after its name),
 * {@code pii.ssn} (a US Social Security number after its name). Hand-written linear scanners over the
 * original text ({@link Pii}); its span is {@link Pii#MAX_SPAN} original characters.
 */
public final class PiiRail extends Rail {
  private final PublicPhones publicPhones;

  public PiiRail(RailContext policy) {
    super(policy, "pii", SpanUnit.ORIGINAL, RuleIds.PII_EMAIL, RuleIds.PII_PHONE, RuleIds.PII_CARD, RuleIds.PII_VN_ID,
        RuleIds.PII_SSN);
    this.publicPhones = PublicPhones.of(policy.config().publicPhones());
  }

  @Override
  public int maxSpan(Direction d) {
    return activeFor(d) ? Pii.STREAM_SPAN : 0;
  }

  @Override
  public int openFrom(String text, Direction d) {
    if (!activeFor(d) || !(policy.active(RuleIds.PII_PHONE, d) || policy.active(RuleIds.PII_CARD, d))) {
      return text.length();
    }
    ScanText view = ScanText.of(text);
    return view.origStart(Pii.openFrom(view.text));
  }

  @Override
  public void check(RailInput in, List<Finding> out) {
    Direction dir = in.dir();
    String text = in.text();
    boolean email = policy.active(RuleIds.PII_EMAIL, dir);
    String placeholder = policy.redaction(in.ctx());
    List<String> publicEmails = policy.config().publicEmails();
    // the scanners read the text with its disguises undone ("０９１２", "٠٩١٢", "milo&#64;gmail", "gmаil"):
    // view offsets map back to the original span each finding covers
    ScanText view = in.scan();
    Pii.scan(view.text, email, policy.active(RuleIds.PII_PHONE, dir), policy.active(RuleIds.PII_CARD, dir),
        policy.active(RuleIds.PII_VN_ID, dir), policy.active(RuleIds.PII_SSN, dir), (rule, vs, ve, kind) -> {
          // The brand's own public addresses are contact details the persona may give out.
          if (rule.equals(RuleIds.PII_EMAIL) && dir == Direction.OUTPUT && !view.lookalikeIn(vs, ve)
              && publicEmails.contains(view.text.substring(vs, ve).toLowerCase(Locale.ROOT))) {
            return;
          }
          // ... and so are its own public phone numbers (the shop's hotline in its approved knowledge)
          if (rule.equals(RuleIds.PII_PHONE) && dir == Direction.OUTPUT && !view.lookalikeIn(vs, ve)
              && publicPhones.contains(view.text.subSequence(vs, ve))) {
            return;
          }
          int s = view.origStart(vs);
          int e = view.origEnd(ve);
          // never split a surrogate pair or a keycap digit ("𝟗", "9️⃣") at the edges of the redaction
          int fs = s > 0 && Character.isLowSurrogate(text.charAt(s)) && Character.isHighSurrogate(text.charAt(s - 1)) ? s - 1 : s;
          int fe = e;
          while (fe < text.length() && fe - e < 2 && Pii.keycap(text.charAt(fe))) {
            fe++;
          }
          out.add(policy.finding(rule, fs, fe, "Personal data (" + kind + ") redacted", placeholder));
        });
  }
}
