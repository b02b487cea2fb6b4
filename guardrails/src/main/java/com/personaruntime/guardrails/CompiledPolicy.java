package com.personaruntime.guardrails;

import com.personaruntime.guardrails.rails.Rail;
import com.personaruntime.guardrails.rails.RailContext;
import com.personaruntime.guardrails.rails.RailInput;
import com.personaruntime.guardrails.rails.canary.CanaryRail;
import com.personaruntime.guardrails.rails.disclosure.DisclosureRail;
import com.personaruntime.guardrails.rails.injection.EncodedPayloads;
import com.personaruntime.guardrails.rails.injection.InjectionModel;
import com.personaruntime.guardrails.rails.injection.LearnedInjectionRail;
import com.personaruntime.guardrails.rails.lexicon.LexiconRail;
import com.personaruntime.guardrails.rails.links.LinkRail;
import com.personaruntime.guardrails.rails.pii.PiiRail;
import com.personaruntime.guardrails.text.NormalizedText;
import com.personaruntime.guardrails.text.TextChars;
import com.personaruntime.guardrails.text.TextNormalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/*
 * A compiled policy: the rails (one package each under rails/, see Rule), in the order they run.
 * A check is: normalise (linear), then every rail that applies to the direction, each linear in the
 * text: the lexicon rail (two Aho–Corasick passes, independent of the number of terms), the learned
 * injection detector (input), hand-written PII and link scanners, the canary, and for posts the
 * disclosure and platform rules.
 */
final class CompiledPolicy implements Policy, RailContext {
  private final PolicyConfig config;
  private final Map<String, Action> actions = new LinkedHashMap<>();
  private final Map<String, Severity> severities = new LinkedHashMap<>();
  private final EnumMap<Direction, Integer> maxNormLen = new EnumMap<>(Direction.class);

  private final LexiconRail lexicon;
  private final LearnedInjectionRail learned;
  private final List<Rail> rails;

  CompiledPolicy(PolicyConfig config) {
    this(config, InjectionModel.shipped());
  }

  /** A policy with another injection model (evaluation: a model trained without the rows it is scored on). */
  CompiledPolicy(PolicyConfig config, InjectionModel model) {
    this.config = config;
    for (String id : RuleIds.all()) {
      RuleIds.Defaults d = RuleIds.defaults(id);
      actions.put(id, config.ruleActions().getOrDefault(id, d.action()));
      severities.put(id, d.severity());
    }
    this.lexicon = new LexiconRail(this, config);
    this.learned = new LearnedInjectionRail(this, model);
    this.rails = List.of(lexicon, learned, new PiiRail(this), new LinkRail(this),
        new CanaryRail(this), new DisclosureRail(this));
    for (Direction d : Direction.values()) {
      maxNormLen.put(d, streamingSpan(d, Rule.SpanUnit.NORMALISED));
    }
  }

  @Override
  public boolean active(String ruleId, Direction d) {
    RuleIds.Defaults def = RuleIds.defaults(ruleId);
    return def != null && def.directions().contains(d);
  }

  @Override
  public Action action(String ruleId) {
    return actions.get(ruleId);
  }

  @Override
  public Severity severity(String ruleId) {
    return severities.get(ruleId);
  }

  int maxNormLen(Direction d) {
    return maxNormLen.get(d);
  }

  int canaryNormLen(String canary) {
    return CanaryRail.canaryNormLen(canary);
  }

  int patternCount() {
    return lexicon.patternCount();
  }

  @Override
  public PolicyConfig config() {
    return config;
  }

  @Override
  public String language(CheckContext ctx) {
    return ctx.language() != null ? ctx.language() : config.defaultLanguage();
  }

  @Override
  public String redaction(CheckContext ctx) {
    return "vi".equals(language(ctx)) ? "[đã ẩn]" : "[redacted]";
  }

  /** Result of a scan: findings (sorted) plus the normalised text. */
  record Scan(List<Finding> findings, NormalizedText normalized) {
  }

  @Override
  public Verdict check(String text, CheckContext ctx) {
    if (text == null) {
      throw new IllegalArgumentException("text: must not be null");
    }
    if (ctx == null) {
      throw new IllegalArgumentException("ctx: must not be null");
    }
    // the normalised text of a whole-text check does not outlive it: its arrays are reused per thread
    NormalizedText reuse = text.length() <= REUSE_MAX_CHARS ? CHECK_TEXT.get() : null;
    List<Finding> f = scan(text, ctx, true, reuse).findings();
    return new Verdict(Verdict.decisionOf(f), apply(text, f), f);
  }

  @Override
  public StreamingGuard streamingGuard(CheckContext ctx) {
    if (ctx == null) {
      throw new IllegalArgumentException("ctx: must not be null");
    }
    return new StreamingGuardImpl(this, ctx);
  }

  /** The rails, in the order they run (links after PII: a link inside an e-mail address is not reported). */
  @Override
  public List<? extends Rule> rules() {
    return rails;
  }

  /**
   * Longest span of the rails that can match text in direction {@code d} while it streams, in the
   * given unit; rails that judge only whole texts are left out (they run on the complete text).
   */
  int streamingSpan(Direction d, Rule.SpanUnit unit) {
    int max = 0;
    for (Rail r : rails) {
      int span = r.maxSpan(d);
      if (r.spanUnit() == unit && span != Rule.WHOLE_TEXT) {
        max = Math.max(max, span);
      }
    }
    return max;
  }

  /** The earliest {@link Rule#openFrom} of the rails streaming in direction {@code d}. */
  int openFrom(String text, Direction d) {
    int min = text.length();
    for (Rail r : rails) {
      if (r.maxSpan(d) != 0 && r.maxSpan(d) != Rule.WHOLE_TEXT) {
        min = Math.min(min, r.openFrom(text, d));
      }
    }
    return min;
  }

  Scan scan(String text, CheckContext ctx, boolean wholeText) {
    return scan(text, ctx, wholeText, null);
  }

  private static final int REUSE_MAX_CHARS = 8192;
  private static final Comparator<Finding> BY_SPAN = Comparator.comparingInt(Finding::start).thenComparingInt(Finding::end);
  private static final ThreadLocal<NormalizedText> CHECK_TEXT = ThreadLocal.withInitial(NormalizedText::new);

  /** @param reuse where to normalise into (see {@link TextNormalizer#normalize(CharSequence, NormalizedText)}), or null */
  Scan scan(String text, CheckContext ctx, boolean wholeText, NormalizedText reuse) {
    // the text's chars are copied once for the normaliser and every scanner of this check (TextChars.pin)
    boolean pinned = TextChars.pin(text);
    try {
      return scanPinned(text, ctx, wholeText, reuse);
    } finally {
      if (pinned) {
        TextChars.unpin();
      }
    }
  }

  private Scan scanPinned(String text, CheckContext ctx, boolean wholeText, NormalizedText reuse) {
    Direction dir = ctx.direction();
    NormalizedText nt = dir == Direction.OUTPUT ? TextNormalizer.normalizeOutput(text, reuse) : TextNormalizer.normalize(text, reuse);
    RailInput in = new RailInput(text, nt, ctx, dir, wholeText);
    List<Finding> out = new ArrayList<>();
    for (Rail r : rails) {
      if (r.activeFor(dir)) {
        r.check(in, out);
      }
    }
    if (dir == Direction.INPUT && wholeText) {
      hiddenPayloads(text, nt, ctx, out);
    }
    if (out.size() > 1) {
      out.sort(BY_SPAN);
    }
    return new Scan(out, nt);
  }

  /**
   * Injection findings of the payloads hidden in an input message ({@link EncodedPayloads}: base64 runs decoded, the
   * text of HTML comments, the message read backwards when it asks for that), judged by the injection lexicons and, at its block threshold only,
   * the learned detector, as if typed plainly; each finding spans the payload in the message. Input, whole texts only;
   * nothing is allocated for a message without such a payload.
   */
  private void hiddenPayloads(String text, NormalizedText nt, CheckContext ctx, List<Finding> out) {
    List<EncodedPayloads.Payload> payloads = EncodedPayloads.find(text, nt.chars, nt.length());
    for (EncodedPayloads.Payload p : payloads) {
      NormalizedText pnt = TextNormalizer.normalize(p.text());
      List<Finding> found = new ArrayList<>();
      lexicon.check(new RailInput(p.text(), pnt, ctx, Direction.INPUT, true), found);
      String how = switch (p.kind()) {
        case "base64" -> "decoded from base64";
        case "comment" -> "hidden in an HTML comment";
        default -> "read backwards";
      };
      for (Finding f : found) {
        if (f.ruleId().equals(RuleIds.PROMPT_INJECTION)) {
          out.add(new Finding(f.ruleId(), f.severity(), f.action(), p.start(), p.end(),
              f.message() + " (" + how + ")", null, f.score()));
          return;
        }
      }
      Double score = learned.blockingScore(pnt);
      if (score != null) {
        String rule = RuleIds.PROMPT_INJECTION_LEARNED;
        out.add(new Finding(rule, severity(rule), action(rule), p.start(), p.end(), String.format(java.util.Locale.ROOT,
            "Prompt injection / jailbreak %s (learned detector, score %.2f)", how, score), null, score));
        return;
      }
    }
  }

  @Override
  public String apply(String text, List<Finding> findings) {
    return applyFixes(text, findings);
  }

  /** Applies the fixes of REWRITE findings; overlapping fixes after the first are skipped. */
  static String applyFixes(String text, List<Finding> findings) {
    List<Finding> edits = new ArrayList<>();
    for (Finding f : findings) {
      if (f.action() == Action.REWRITE && f.fix() != null) {
        edits.add(f);
      }
    }
    if (edits.isEmpty()) {
      return text;
    }
    edits.sort(BY_SPAN);
    StringBuilder sb = new StringBuilder(text.length() + 32);
    int pos = 0;
    for (Finding f : edits) {
      if (f.start() < pos) {
        continue;
      }
      sb.append(text, pos, f.start()).append(f.fix());
      pos = f.end();
    }
    sb.append(text, pos, text.length());
    return sb.toString();
  }
}
