package com.personaruntime.guardrails.rails.injection;

import com.personaruntime.guardrails.text.TextNormalizer;
import java.util.Arrays;

/**
 * What {@link DataClauses} and {@link PublicDocuments} share: the word spans of normalised chars, the sentence test
 * between two words, and cutting marked spans out of the text the learned detector scores. Linear in the text.
 */
final class ClauseCuts {
  private ClauseCuts() {
  }

  /** The words of normalised chars: word {@code k < n} is chars [{@code starts[k]}, {@code ends[k]}). */
  record Words(int[] starts, int[] ends, int n) {
  }

  /** The words of chars [0, len): runs between spaces and sentence breaks ({@link TextNormalizer#BREAK}). */
  static Words words(char[] c, int len) {
    int[] starts = new int[16];
    int[] ends = new int[16];
    int n = 0;
    for (int i = 0; i < len; ) {
      while (i < len && (c[i] == ' ' || c[i] == TextNormalizer.BREAK)) {
        i++;
      }
      if (i >= len) {
        break;
      }
      int s = i;
      while (i < len && c[i] != ' ' && c[i] != TextNormalizer.BREAK) {
        i++;
      }
      if (n == starts.length) {
        starts = Arrays.copyOf(starts, n * 2);
        ends = Arrays.copyOf(ends, n * 2);
      }
      starts[n] = s;
      ends[n] = i;
      n++;
    }
    return new Words(starts, ends, n);
  }

  /** True when no sentence break lies between char {@code from} (a word's end) and {@code to} (a later word's start). */
  static boolean sameSentence(char[] c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (c[i] == TextNormalizer.BREAK) {
        return false;
      }
    }
    return true;
  }

  /** Chars [0, len) without those {@code drop} marks, no space left doubled or leading a sentence. */
  static char[] cut(char[] c, int len, boolean[] drop) {
    char[] out = new char[len];
    int o = 0;
    for (int i = 0; i < len; i++) {
      if (!drop[i] && !(c[i] == ' ' && (o == 0 || out[o - 1] == ' ' || out[o - 1] == TextNormalizer.BREAK))) {
        out[o++] = c[i];
      }
    }
    return Arrays.copyOf(out, o);
  }
}
