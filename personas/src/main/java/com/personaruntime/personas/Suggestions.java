package com.personaruntime.personas;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean" suggestions by edit distance, for persona files and the server configuration alike. */
public final class Suggestions {

  private Suggestions() {}

  /**
   * The candidate closest to {@code input}, or {@code null} if none is close enough. Candidates
   * that differ only in case, '_' or '-' (e.g. {@code avoidTopics} for {@code avoid_topics}) win
   * outright; otherwise the edit distance must be at most a third of the longer word (min. 1, max. 3).
   */
  public static String closest(String input, Collection<String> candidates) {
    String normalInput = normalise(input);
    for (String candidate : candidates) {
      if (normalise(candidate).equals(normalInput)) {
        return candidate;
      }
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = distance(normalInput, normalise(candidate));
      int allowed = Math.min(3, Math.max(1, Math.max(input.length(), candidate.length()) / 3));
      if (distance <= allowed && distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  private static String normalise(String s) {
    return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
  }

  /** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
