package com.personaruntime.guardrails;

/**
 * A compiled, immutable, thread-safe policy. Obtain one with {@link Policies#compile(PolicyConfig)}
 * (or cached through {@link PolicyCache}). Checking does no I/O and never throws for content:
 * rejections are {@link Verdict} values.
 */
public interface Policy {

  /**
   * Checks a whole text.
   *
   * @return the verdict; finding offsets refer to {@code text}
   */
  Verdict check(String text, CheckContext ctx);

  /** @return a new streaming guard for one reply (not thread-safe; one per reply) */
  StreamingGuard streamingGuard(CheckContext ctx);

  /**
   * @return the rails of this policy in the order they run, each with its rule ids and the
   *     longest span it can match (the streaming guard's hold-back is derived from these)
   */
  java.util.List<? extends Rule> rules();

  /** @return the configuration this policy was compiled from */
  PolicyConfig config();
}
