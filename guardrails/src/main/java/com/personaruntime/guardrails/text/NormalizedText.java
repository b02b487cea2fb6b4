package com.personaruntime.guardrails.text;

/** The result of {@link TextNormalizer#normalize}: folded chars plus a map back to the original. */
public final class NormalizedText {
  public CharSequence original;
  public char[] chars;
  private int length;
  private int[] origStart;
  private int[] origEnd;
  /** original offsets just after each hard (sentence) break */
  public int[] breakEnds;
  /** original offset before which the normalised form cannot change when text is appended */
  public int stableOrig;
  /**
   * Sentence breaks that are one line break without a sentence end ("burns\nfat"): breaks for every
   * rule, but no release points ({@link #breakEnds} leaves them out), since the persona's terms are
   * also matched across them ({@link TextNormalizer#bridged}).
   */
  public int softBreaks;

  public NormalizedText(CharSequence original, char[] chars, int length, int[] origStart, int[] origEnd, int[] breakEnds, int stableOrig) {
    this.original = original;
    this.chars = chars;
    this.length = length;
    this.origStart = origStart;
    this.origEnd = origEnd;
    this.breakEnds = breakEnds;
    this.stableOrig = stableOrig;
  }

  /** An empty instance whose arrays {@link TextNormalizer#normalize(CharSequence, NormalizedText)} fills and reuses. */
  public NormalizedText() {
    this("", new char[0], 0, new int[0], new int[0], new int[0], 0);
  }

  void set(CharSequence original, char[] chars, int length, int[] origStart, int[] origEnd, int[] breakEnds, int stableOrig) {
    this.original = original;
    this.chars = chars;
    this.length = length;
    this.origStart = origStart;
    this.origEnd = origEnd;
    this.breakEnds = breakEnds;
    this.stableOrig = stableOrig;
  }

  int[] origStartArray() {
    return origStart;
  }

  int[] origEndArray() {
    return origEnd;
  }

  public int length() {
    return length;
  }

  /** @return original start offset of normalised char {@code i} */
  public int origStart(int i) {
    return origStart[i];
  }

  /** @return original end offset (exclusive) of normalised char {@code i} */
  public int origEnd(int i) {
    return origEnd[i];
  }

  public boolean boundaryBefore(int i) {
    return i <= 0 || chars[i - 1] == ' ' || chars[i - 1] == TextNormalizer.BREAK;
  }

  public boolean boundaryAfter(int end) {
    return end >= length || chars[end] == ' ' || chars[end] == TextNormalizer.BREAK;
  }

  @Override
  public String toString() {
    return new String(chars, 0, length);
  }
}
