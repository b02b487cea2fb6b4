package com.personaruntime.guardrails;

import java.util.Set;

/**
 * One rail of a compiled policy: a unit that reports findings for some rule ids and declares the
 * longest span any of its findings can cover. The streaming guard holds back, for the direction it
 * guards, the longest span of every rail that can match in that direction, and releases text only
 * before that tail (see {@link StreamingGuard}): a match split across model tokens can never leak,
 * by construction, for every rail, including rails added later.
 *
 * <p>The rails of a policy, in the order they run ({@link Policy} lists them): {@code lexicon}
 * (banned terms, competitors, claims, topics, honesty, fake experience, injection lexicons; with
 * negation and mention handling), {@code learned-injection} (the learned detector, input only),
 * {@code pii} (e-mail incl. disguised forms, phone, card, VN id), {@code links} (Public Suffix
 * List), {@code canary} and {@code disclosure} (posts).
 */
public interface Rule {
  /** {@link #maxSpan} of a rail that judges a whole text; such rails run only on complete texts (never streamed). */
  int WHOLE_TEXT = Integer.MAX_VALUE;

  /** The unit of {@link #maxSpan}. */
  enum SpanUnit {
    /** characters of the normalised text (lexical rails: what the patterns are written in) */
    NORMALISED,
    /** characters of the original text (pattern scanners over the original text) */
    ORIGINAL
  }

  /** @return the rail's name, e.g. {@code lexicon}, {@code pii}, {@code links} */
  String name();

  /** @return the rule ids ({@link RuleIds}) this rail can report */
  Set<String> ruleIds();

  /**
   * @return the longest span, in {@link #spanUnit()} characters, that one finding of this rail can
   *     cover in direction {@code d}; 0 when the rail never reports in that direction;
   *     {@link #WHOLE_TEXT} when it judges only complete texts
   */
  int maxSpan(Direction d);

  /**
   * For rails whose findings can be longer than {@link #maxSpan} only in a recognisable shape (a
   * spelled-out phone run): the earliest index of {@code text}, a streamed text so far, in original
   * chars, where such a finding may still be completing, so the streaming guard holds back from
   * there as well; {@code text.length()} when none. Must be linear in {@code text}.
   */
  default int openFrom(String text, Direction d) {
    return text.length();
  }

  /** @return the unit of {@link #maxSpan} */
  SpanUnit spanUnit();
}
