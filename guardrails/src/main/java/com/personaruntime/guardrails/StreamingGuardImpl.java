package com.personaruntime.guardrails;

import com.personaruntime.guardrails.text.NormalizedText;
import com.personaruntime.guardrails.text.TextNormalizer;

import java.util.ArrayList;
import java.util.List;

/*
 * Streaming guard. Invariants:
 *  - released() is a prefix of the checked text with fixes applied: segment [relOrig, P) of the
 *    received text is released only when every finding that could touch it is final.
 *  - P is either the end of a sentence break (no match spans a break, see TextNormalizer), or,
 *    when more than the budget is held, a whitespace position before (a) the last maxLen
 *    normalised chars (the longest pattern of this direction + 1), (b) the part whose
 *    normalisation may still change (a growing word, a run of single letters), (c) the last
 *    longest original-text span of the pattern rails (Rule.maxSpan, SpanUnit.ORIGINAL), (d) a longer
 *    match still open at the end (Rule.openFrom: a spelled-out phone run). So no released char can be part of a match that completes
 *    later: a term split across any chunk or release boundary never leaks.
 *  - each evaluation checks a window starting at the last released sentence break; because no
 *    rule spans a break, this equals checking the whole text, and keeps the cost linear.
 *  - a FLAG/BLOCK finding that touches [relOrig, P) or is already final stops the guard.
 * Evaluations run when whitespace arrives after a sentence terminator (spaced out like budget
 * evaluations while the last one found no new sentence break: "c . u . r . e"), or once the budget is
 * exceeded every 32 chars or every quarter of the window, whichever is more (so the work stays
 * linear in the reply); otherwise offer() is an append.
 */
final class StreamingGuardImpl implements StreamingGuard {
  private static final int EVAL_STEP = 32;

  private final CompiledPolicy policy;
  private final CheckContext ctx;
  private final int maxLen;
  /** longest span of the rails that match over the original text (PII, links), in original chars */
  private final int originalSpan;
  private final int budget;
  private final StringBuilder received = new StringBuilder();
  private final StringBuilder released = new StringBuilder();
  private final List<Finding> committed = new ArrayList<>();
  /** The window's normalised text, overwritten by each evaluation (read only within it). */
  private final NormalizedText windowText = new NormalizedText();
  private int relOrig;
  private int windowStart;
  private int lastEvalLen;
  private boolean terminatorSeen;
  /** The last evaluation found no new sentence break: terminator-triggered evaluations are spaced out. */
  private boolean noBreakAtTerminator;
  private boolean stopped;
  private boolean finished;
  private Verdict verdict;

  StreamingGuardImpl(CompiledPolicy policy, CheckContext ctx) {
    this.policy = policy;
    this.ctx = ctx;
    // hold-back by construction: the longest span of every rail that can match while text streams
    this.maxLen = policy.maxNormLen(ctx.direction()) + policy.canaryNormLen(ctx.canaryToken());
    this.originalSpan = policy.streamingSpan(ctx.direction(), Rule.SpanUnit.ORIGINAL);
    this.budget = policy.config().streamingBudget();
    this.verdict = new Verdict(Decision.ALLOW, "", List.of());
  }

  @Override
  public String offer(String delta) {
    if (finished) {
      throw new IllegalStateException("offer after finish()");
    }
    if (delta == null || delta.isEmpty() || stopped) {
      if (delta != null) {
        received.append(delta);
      }
      return "";
    }
    boolean eval = false;
    char prev = received.length() > 0 ? received.charAt(received.length() - 1) : ' ';
    for (int i = 0; i < delta.length(); i++) {
      char c = delta.charAt(i);
      if (TextNormalizer.isTerminator(c)) {
        terminatorSeen = true;
      } else if (c == '\n' || TextNormalizer.isCjkStop(c)) {
        eval = true;
      } else if (Character.isWhitespace(c) && terminatorSeen && !Character.isWhitespace(prev)) {
        eval = true;
        terminatorSeen = false;
      } else if (!Character.isWhitespace(c) && "\"')]}\u201d\u2019\u00bb*_".indexOf(c) < 0) {
        // "a@b.co ", "v1.2 ": a dot inside a word is no sentence end (the normaliser agrees)
        terminatorSeen = false;
      }
      prev = c;
    }
    received.append(delta);
    int step = Math.max(EVAL_STEP, (received.length() - windowStart) / 4);
    if (eval && noBreakAtTerminator && received.length() - lastEvalLen < step) {
      // the last terminator did not end a sentence for the normaliser ("c . u . r . e", "gmail . com"):
      // until one does, terminators wait for the same spacing as budget evaluations (linear work)
      eval = false;
    }
    // Budget-driven evaluations re-read the window from the last sentence break; spacing them by a
    // quarter of that window keeps the total work linear in the reply (a geometric series) even for
    // text that never ends a sentence, at the price of coarser releases for such text.
    if (!eval && received.length() - relOrig > budget && received.length() - lastEvalLen >= step) {
      eval = true;
    }
    if (!eval) {
      return "";
    }
    return evaluate(false);
  }

  private String evaluate(boolean last) {
    lastEvalLen = received.length();
    terminatorSeen = false;
    final int ws = windowStart;
    String window = received.substring(windowStart);
    // the last window of an output ends where the reply ends: a rail that waits for a word to end before reading it
    // ("#khongAI" may go on as "#khongAIbang", NoAiHashtags) reads it now
    CompiledPolicy.Scan scan = policy.scan(window, ctx, last && ctx.direction() == Direction.OUTPUT, windowText);
    NormalizedText nt = scan.normalized();
    int rel = relOrig - windowStart;
    int n = window.length();
    int p;
    int stable;
    if (last) {
      p = n;
      stable = n;
    } else {
      int breakEnd = 0;
      for (int b : nt.breakEnds) {
        breakEnd = Math.max(breakEnd, b);
      }
      int hold = Math.min(holdPoint(nt, n), policy.openFrom(window, ctx.direction()));
      stable = Math.max(breakEnd, hold);
      noBreakAtTerminator = breakEnd <= rel;
      if (breakEnd > rel) {
        p = breakEnd;
      } else if (n - rel > budget) {
        p = rel;
        for (int i = hold; i > rel; i--) {
          if (Character.isWhitespace(window.charAt(i - 1))) {
            p = i;
            break;
          }
        }
      } else {
        p = rel;
      }
    }
    List<Finding> fresh = new ArrayList<>();
    for (Finding f : scan.findings()) {
      if (f.end() > rel || (f.start() >= rel && f.start() == f.end())) {
        fresh.add(f);
      }
    }
    for (Finding f : fresh) {
      if ((f.action() == Action.FLAG || f.action() == Action.BLOCK) && (f.start() < p || f.end() <= stable)) {
        stop(fresh, ws);
        return "";
      }
    }
    for (Finding f : fresh) {
      if (f.action() == Action.REWRITE && f.start() < p && f.end() > p) {
        p = Math.max(rel, f.start());
      }
    }
    String out = "";
    if (p > rel) {
      List<Finding> segment = new ArrayList<>();
      for (Finding f : fresh) {
        if (f.start() >= rel && f.end() <= p && f.end() > f.start()) {
          segment.add(f.shift(-rel));
        }
      }
      out = CompiledPolicy.applyFixes(window.substring(rel, p), segment);
      for (Finding f : fresh) {
        if (f.start() >= rel && f.end() <= p) {
          committed.add(f.shift(ws));
        }
      }
      released.append(out);
      boolean atBreak = false;
      for (int b : nt.breakEnds) {
        if (b == p) {
          atBreak = true;
          break;
        }
      }
      relOrig = windowStart + p;
      if (atBreak) {
        windowStart = relOrig;
      }
    }
    List<Finding> all = new ArrayList<>(committed);
    for (Finding f : fresh) {
      if (!(f.start() >= rel && f.end() <= p && p > rel)) {
        all.add(f.shift(ws));
      }
    }
    verdict = new Verdict(Verdict.decisionOf(all), released.toString(), all);
    return out;
  }

  private int holdPoint(NormalizedText nt, int n) {
    int k = nt.length() - maxLen;
    if (k <= 0) {
      return 0;
    }
    int hold = Math.min(nt.origStart(k), nt.stableOrig);
    return Math.max(0, Math.min(hold, n - originalSpan));
  }

  private void stop(List<Finding> fresh, int ws) {
    stopped = true;
    List<Finding> all = new ArrayList<>(committed);
    for (Finding f : fresh) {
      all.add(f.shift(ws));
    }
    verdict = new Verdict(Verdict.decisionOf(all), released.toString(), all);
  }

  @Override
  public Verdict finish() {
    if (finished) {
      return verdict;
    }
    if (!stopped) {
      if (ctx.channel() == Channel.POST && ctx.direction() == Direction.OUTPUT) {
        finishPost();
      } else {
        evaluate(true);
      }
    }
    finished = true;
    return verdict;
  }

  private void finishPost() {
    String all = received.toString();
    List<Finding> findings = policy.scan(all, ctx, true).findings();
    Decision d = Verdict.decisionOf(findings);
    if (d == Decision.FLAG || d == Decision.BLOCK) {
      stopped = true;
      verdict = new Verdict(d, released.toString(), findings);
      return;
    }
    List<Finding> rest = new ArrayList<>();
    for (Finding f : findings) {
      if (f.start() >= relOrig && f.end() > f.start()) {
        rest.add(f.shift(-relOrig));
      }
    }
    released.append(CompiledPolicy.applyFixes(all.substring(relOrig), rest));
    relOrig = all.length();
    verdict = new Verdict(d, CompiledPolicy.applyFixes(all, findings), findings);
  }

  @Override
  public boolean stopped() {
    return stopped;
  }

  @Override
  public String released() {
    return released.toString();
  }

  @Override
  public String received() {
    return received.toString();
  }

  @Override
  public Verdict verdict() {
    return verdict;
  }
}
