package com.personaruntime.guardrails.rails.canary;

import com.personaruntime.guardrails.Direction;
import com.personaruntime.guardrails.Finding;
import com.personaruntime.guardrails.RuleIds;
import com.personaruntime.guardrails.rails.Rail;
import com.personaruntime.guardrails.rails.RailContext;
import com.personaruntime.guardrails.rails.RailInput;
import com.personaruntime.guardrails.text.NormalizedText;
import com.personaruntime.guardrails.text.TextNormalizer;
import java.util.List;

/**
 * The system prompt's canary token in output, even obfuscated (rule {@code canary_leak}). The token
 * is per reply, so the rail's declared span is 0 and the streaming guard adds
 * {@link #canaryNormLen} for the reply's token.
 *
 * <p>An obfuscated leak is the token's letters and digits, in order, within one sentence, whatever
 * the separators, case or look-alikes. It is matched on the normalised text only when normalising
 * the token keeps every letter and digit of it: the normaliser's word folds exist for natural
 * words and may eat most of a random token (VNI: "ke8797177" folds to "ke", its digits read as tone
 * marks), and a needle that short matches innocent text ("takes"). Such a token is matched
 * code point by code point instead (folded, separators skipped), so its leak is still found and
 * nothing shorter than the token is.
 */
public final class CanaryRail extends Rail {
  public CanaryRail(RailContext policy) {
    super(policy, "canary", SpanUnit.NORMALISED, RuleIds.CANARY_LEAK);
  }

  @Override
  public int maxSpan(Direction d) {
    return 0; // per reply: canaryNormLen(token), added by the streaming guard
  }

  @Override
  public void check(RailInput in, List<Finding> out) {
    if (in.ctx().canaryToken() != null) {
      canary(in.text(), in.nt(), in.ctx().canaryToken(), out);
    }
  }

  /** @return the longest normalised span (chars) an obfuscated form of {@code canary} can cover; 0 without a token */
  public static int canaryNormLen(String canary) {
    return canary == null ? 0 : 2 * Math.max(TextNormalizer.normalize(canary).length(), significant(canary)) + 1;
  }

  /** Number of letters and digits of {@code token} (code points). */
  static int significant(String token) {
    return (int) token.codePoints().filter(Character::isLetterOrDigit).count();
  }

  private void canary(String text, NormalizedText nt, String token, List<Finding> out) {
    int i = indexOfIgnoreCase(text, token);
    if (i >= 0) {
      out.add(policy.finding(RuleIds.CANARY_LEAK, i, i + token.length(), "Canary token from the system prompt appears in the output", null));
      return;
    }
    String c = TextNormalizer.normalize(token).toString().replace(" ", "").replace(String.valueOf(TextNormalizer.BREAK), "");
    if (c.isEmpty()) {
      return;
    }
    if (c.length() < significant(token)) {
      // the word folds shortened the token: match it char by char, never by what is left of it
      foldedLeak(text, nt, token, out);
      return;
    }
    StringBuilder compact = new StringBuilder(nt.length());
    int[] idx = new int[nt.length()];
    for (int k = 0; k < nt.length(); k++) {
      if (nt.chars[k] != ' ') {
        idx[compact.length()] = k;
        compact.append(nt.chars[k]);
      }
    }
    int j = compact.indexOf(c);
    if (j >= 0) {
      int s = nt.origStart(idx[j]);
      int e = nt.origEnd(idx[j + c.length() - 1]);
      out.add(policy.finding(RuleIds.CANARY_LEAK, s, e, "Canary token from the system prompt appears (obfuscated) in the output", null));
    }
  }

  /**
   * The token's letters and digits, each folded on its own (case, diacritics, look-alikes, full-width
   * forms; no word folds), found in the text's folded letters and digits of one sentence.
   */
  private void foldedLeak(String text, NormalizedText nt, String token, List<Finding> out) {
    StringBuilder needle = new StringBuilder();
    token.codePoints().filter(Character::isLetterOrDigit).forEach(cp -> needle.append(TextNormalizer.fold(cp)));
    if (needle.length() == 0) {
      return;
    }
    // every sentence break, topic questions included ("Ke? 8797177" is no leak): original ends of the
    // separators (they hold no letter or digit)
    int nbreaks = 0;
    int[] breakEnds = new int[8];
    for (int p = 0; p < nt.length(); p++) {
      if (nt.chars[p] == TextNormalizer.BREAK) {
        if (nbreaks == breakEnds.length) {
          breakEnds = java.util.Arrays.copyOf(breakEnds, nbreaks * 2);
        }
        breakEnds[nbreaks++] = nt.origEnd(p);
      }
    }
    StringBuilder compact = new StringBuilder(text.length());
    int[] from = new int[text.length() + nbreaks];
    int[] to = new int[from.length];
    int b = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      while (b < nbreaks && breakEnds[b] <= i) {
        b++;
        compact.append(TextNormalizer.BREAK); // no leak spans a sentence end (the streaming guard relies on it)
      }
      if (Character.isLetterOrDigit(cp)) {
        String f = TextNormalizer.fold(cp);
        if (compact.length() + f.length() > from.length) {
          from = java.util.Arrays.copyOf(from, 2 * from.length + f.length());
          to = java.util.Arrays.copyOf(to, from.length);
        }
        for (int k = 0; k < f.length(); k++) {
          from[compact.length()] = i;
          to[compact.length()] = next;
          compact.append(f.charAt(k));
        }
      }
      i = next;
    }
    int j = compact.indexOf(needle.toString());
    if (j >= 0) {
      out.add(policy.finding(RuleIds.CANARY_LEAK, from[j], to[j + needle.length() - 1],
          "Canary token from the system prompt appears (obfuscated) in the output", null));
    }
  }

  private static int indexOfIgnoreCase(String text, String token) {
    int n = token.length();
    for (int i = 0; i + n <= text.length(); i++) {
      if (text.regionMatches(true, i, token, 0, n)) {
        return i;
      }
    }
    return -1;
  }

}
