package com.personaruntime.guardrails;

/** What the streaming tests ask of a whole-text verdict: where its first stopping finding begins. */
public final class StoppingFindings {
  private StoppingFindings() {
  }

  /**
   * The start (a char offset into the checked text) of the verdict's first FLAG or BLOCK finding, or
   * {@code textLength} when none stops the text: a streaming guard may release at most this many chars.
   */
  public static int firstStop(Verdict whole, int textLength) {
    int first = textLength;
    for (Finding f : whole.findings()) {
      if (f.action() == Action.FLAG || f.action() == Action.BLOCK) {
        first = Math.min(first, f.start());
      }
    }
    return first;
  }
}
