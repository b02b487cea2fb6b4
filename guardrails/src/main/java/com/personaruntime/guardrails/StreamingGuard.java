package com.personaruntime.guardrails;

/**
 * Guards one streamed reply. Text is held until a safe boundary (a sentence end, or a character
 * budget at a word boundary with a hold-back tail) and released only after every rule that could
 * match it has seen it with the text before it. A pattern split across chunks never leaks, and
 * rewrites (redactions) are applied before release, so {@link #released()} is exactly the checked
 * text. On a {@link Action#FLAG} or {@link Action#BLOCK} finding the guard stops: nothing more is
 * released and the caller cancels generation.
 *
 * <p>For {@link Channel#POST} contexts, disclosure insertion and platform limits are whole-text
 * rules: they are evaluated by {@link #finish()} and appear in its verdict's text only.
 *
 * <p>Not thread-safe: one guard per reply, fed from one thread (or one event loop).
 */
public interface StreamingGuard {

  /** Adds a chunk of model output. @return text safe to release now ({@code ""} if nothing yet, or after a stop) */
  String offer(String delta);

  /** Ends the stream: checks the rest and releases it unless stopped. @return the verdict for the whole reply */
  Verdict finish();

  /** @return true once a FLAG or BLOCK finding was hit: cancel generation, nothing more is released */
  boolean stopped();

  /** @return everything released so far, concatenated: exactly what the audience saw */
  String released();

  /** @return all raw text offered so far (for the moderation queue) */
  String received();

  /** @return the current verdict: findings so far, decision, and released text */
  Verdict verdict();
}
