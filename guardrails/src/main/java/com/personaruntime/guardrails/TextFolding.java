package com.personaruntime.guardrails;

import com.personaruntime.guardrails.text.TextNormalizer;

/**
 * The guardrails' matching normaliser, for other modules that need to compare audience text the
 * way the rules do (insights' sentiment lexicon, question clustering): Vietnamese diacritics
 * folded ("không" -> "khong", "đ" -> "d"), lower case, look-alike letters mapped, leetspeak inside
 * words undone, spaced-out letters joined, and Vietnamese teencode expanded ("ko" -> "khong",
 * "dc" -> "duoc"; the list is {@code text/teencode/vi.txt}).
 *
 * <p>Linear in the input; no I/O. Emoji and punctuation are dropped (callers that need emoji read
 * the original text).
 */
public final class TextFolding {
  private TextFolding() {
  }

  /**
   * Folds {@code text}: words of folded letters and digits separated by one space, and a newline
   * where a sentence ends. Never null; "" for null or blank input.
   */
  public static String fold(CharSequence text) {
    if (text == null || text.length() == 0) {
      return "";
    }
    return TextNormalizer.normalize(text).toString().strip();
  }
}
