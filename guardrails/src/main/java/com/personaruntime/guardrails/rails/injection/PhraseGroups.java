package com.personaruntime.guardrails.rails.injection;

import com.personaruntime.guardrails.text.TextNormalizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Named groups of phrases read from a resource file, matched word by word on normalised text: what {@link TaskHijacks}
 * and {@link CustomerClauses} share. File format: one group a line, its name, a colon and phrases separated by
 * {@code |}; {@code #} starts a comment line; a group may take several lines. Each phrase is normalised like the input
 * ({@link TextNormalizer#normalize}: case, diacritics, teencode folded), so it is written plainly ("bỏ qua", "écris").
 * An unknown group name is refused at load with the line that names it.
 */
final class PhraseGroups {
  /** Group name -> first normalised word -> phrases (normalised words) starting with it. */
  private final Map<String, Map<String, List<String[]>>> groups = new HashMap<>();

  PhraseGroups(Class<?> owner, String path, Set<String> names) {
    for (String g : names) {
      groups.put(g, new HashMap<>());
    }
    try (InputStream in = owner.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int colon = line.indexOf(':');
        Map<String, List<String[]>> group = colon < 0 ? null : groups.get(line.substring(0, colon).trim());
        if (group == null) {
          throw new IllegalStateException(path + ": unknown group in '" + line + "'");
        }
        for (String t : line.substring(colon + 1).split("\\|")) {
          String norm = TextNormalizer.normalize(t.strip()).toString().strip();
          if (!norm.isEmpty()) {
            String[] words = norm.split("[ \n]+");
            group.computeIfAbsent(words[0], k -> new ArrayList<>()).add(words);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The normalised words of chars [0, len) ({@link ClauseCuts#words}); a word longer than 24 chars is "". */
  static String[] words(char[] c, ClauseCuts.Words spans) {
    String[] w = new String[spans.n()];
    for (int k = 0; k < w.length; k++) {
      int len = spans.ends()[k] - spans.starts()[k];
      w[k] = len <= 24 ? new String(c, spans.starts()[k], len) : "";
    }
    return w;
  }

  /** Words of the longest phrase of {@code group} starting at word {@code k}, all in one sentence, or 0. */
  int match(String[] w, ClauseCuts.Words spans, char[] c, int k, String group) {
    List<String[]> cands = groups.get(group).get(w[k]);
    if (cands == null) {
      return 0;
    }
    int best = 0;
    for (String[] p : cands) {
      if (p.length <= best || k + p.length > w.length) {
        continue;
      }
      boolean ok = true;
      for (int i = 1; i < p.length && ok; i++) {
        ok = p[i].equals(w[k + i]) && ClauseCuts.sameSentence(c, spans.ends()[k + i - 1], spans.starts()[k + i]);
      }
      if (ok) {
        best = p.length;
      }
    }
    return best;
  }

  /** True when a phrase of {@code group} starts at some word in [from, to). */
  boolean any(String[] w, ClauseCuts.Words spans, char[] c, int from, int to, String group) {
    for (int k = Math.max(0, from); k < to && k < w.length; k++) {
      if (match(w, spans, c, k, group) > 0) {
        return true;
      }
    }
    return false;
  }
}
