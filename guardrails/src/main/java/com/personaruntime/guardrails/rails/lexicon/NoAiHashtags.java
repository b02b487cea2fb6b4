package com.personaruntime.guardrails.rails.lexicon;

import java.util.List;
import java.util.Set;

/**
 * Hashtags that say a text was made without AI: "#khongAI", "#KhôngAI", "#noAIused", "#ZeroAI", "#AIfree", "#sansIA",
 * "#ohneKI", "#sinIA", "#senzaIA" (breaker b8 left "#khongAI", b9 found the kind). The normaliser cuts a hashtag into
 * lower-case words, and Vietnamese "không ai" is also "nobody" ("#khongaibang", "#KhôngAiBằng": nobody compares), so
 * the lexicons cannot tell them apart; the hashtag as typed can. A hashtag is read as a negation, the AI word and an
 * optional tail:
 * <ul>
 *   <li>negation: Vietnamese "không", "ko", "k", "hông", "hổng", "hok", "chẳng", "chả", "không dùng" (diacritics optional), then the
 *       AI word typed in capitals right after a lower-case or marked letter ("#khongAI", "#KhôngAI"; "#khongai" is
 *       "nobody" and stays allowed); English "no", "zero", "not", "without", "0", French "sans", German "ohne", "null",
 *       "kein", "keine", Spanish "sin", Italian "senza", in any case ("#noai", "#NoAI", "#ZEROAI");</li>
 *   <li>AI word: "ai", "ia" (fr/es/it), "ki" (de) - the one its negation's language uses;</li>
 *   <li>tail: nothing, "used", "involved", "here", "inside", "at all", "whatsoever", Vietnamese particles ("đâu", "nha",
 *       "hết", "luôn", "nhé"), or a number ("#noAI100"). Any other tail is another word ("#NoAILimits",
 *       "#KhôngAiBằng"): no claim.</li>
 * </ul>
 * "#AIfree" (the AI word first, "free" after) says the same. Hashtags are read as typed (original text), each at most
 * {@link #MAX_TAG} chars: one pass over the text, constant work per hashtag - linear, within the lexicon rail's span.
 */
final class NoAiHashtags {
  /** Longest hashtag read (chars after '#'); a longer one is no such claim. Below the output hold-back. */
  static final int MAX_TAG = 32;

  private static final Set<String> VI_NEGATIONS = Set.of("khong", "ko", "k", "hong", "hok", "chang", "cha", "kg", "khg",
      "khongdung", "kodung", "kdung", "khongxai", "koxai", "khongsudung", "khongcan", "khongcodung");
  private static final Set<String> AI_NEGATIONS = Set.of("no", "zero", "not", "without", "0", "non", "nonai");
  /** Not "no": Italian "#noia" is boredom. */
  private static final Set<String> IA_NEGATIONS = Set.of("sans", "sin", "senza", "zero", "0", "pasd");
  private static final Set<String> KI_NEGATIONS = Set.of("ohne", "null", "kein", "keine", "0");
  private static final Set<String> TAILS = Set.of("", "used", "involved", "here", "inside", "atall", "whatsoever", "ever",
      "dau", "nha", "nhe", "het", "luon", "nhen", "ne", "utilisee", "utilise", "usata", "usada", "benutzt");

  private NoAiHashtags() {
  }

  /** A hashtag that says no AI made the text: original [start, end) of the hashtag ('#' included). */
  interface Sink {
    void add(int start, int end);
  }

  /**
   * Reports every hashtag of {@code text} that says the text was made without AI. A hashtag that runs to the end of a
   * text still arriving ({@code whole} false) is not read yet: its last word may go on ("#khongAI" then "bang").
   */
  static void find(String text, boolean whole, Sink sink) {
    int n = text.length();
    for (int i = text.indexOf('#'); i >= 0 && i < n; i = text.indexOf('#', i + 1)) {
      if (i > 0 && (Character.isLetterOrDigit(text.charAt(i - 1)) || text.charAt(i - 1) == '#' || text.charAt(i - 1) == '&')) {
        continue;
      }
      int e = i + 1;
      while (e < n && e - i <= MAX_TAG + 1 && tagChar(text.charAt(e))) {
        e++;
      }
      if (e - i > MAX_TAG + 1 || e == i + 1 || (e < n && tagChar(text.charAt(e)))) {
        i = e - 1;
        continue; // too long to be such a claim
      }
      if (e == n && !whole) {
        return; // the hashtag may go on
      }
      if (saysNoAi(text, i + 1, e)) {
        sink.add(i, e);
      }
      i = e - 1;
    }
  }

  private static boolean tagChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || Character.getType(c) == Character.NON_SPACING_MARK;
  }

  /** True when the hashtag text[s, e) (no '#') is a negation, an AI word and a tail, or "AI" + "free". */
  static boolean saysNoAi(String text, int s, int e) {
    // folded: lower case, no diacritics, no '_'; at[k] = index in text of folded char k
    char[] f = new char[e - s];
    int[] at = new int[e - s];
    int m = 0;
    for (int i = s; i < e; i++) {
      char c = text.charAt(i);
      if (c == '_' || Character.getType(c) == Character.NON_SPACING_MARK) {
        continue;
      }
      char b = base(c);
      f[m] = Character.toLowerCase(b);
      at[m] = i;
      m++;
    }
    String w = new String(f, 0, m);
    if (w.equals("aifree") || w.equals("aifreecontent") || w.equals("kifrei")) {
      return true;
    }
    for (int k = 1; k + 2 <= m; k++) {
      String ai = w.substring(k, k + 2);
      Set<String> negations = switch (ai) {
        case "ai" -> AI_NEGATIONS;
        case "ia" -> IA_NEGATIONS;
        case "ki" -> KI_NEGATIONS;
        default -> null;
      };
      if (negations == null || !TAILS.contains(w.substring(k + 2)) && !digits(w, k + 2)) {
        continue;
      }
      String neg = w.substring(0, k);
      if (negations.contains(neg)) {
        return true;
      }
      if (ai.equals("ai") && VI_NEGATIONS.contains(neg) && Character.isUpperCase(text.charAt(at[k]))
          && Character.isUpperCase(text.charAt(at[k + 1])) && !Character.isUpperCase(text.charAt(at[k - 1]))) {
        return true; // "#khongAI", "#KhôngAI": the capitals say AI ("#khongai", "#KHONGAI" may be "không ai", nobody)
      }
    }
    return false;
  }

  private static boolean digits(String w, int from) {
    if (from >= w.length()) {
      return false;
    }
    for (int i = from; i < w.length(); i++) {
      if (!Character.isDigit(w.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** A letter without its diacritics ("ô" -> "o", "đ" -> "d"); other chars as they are. */
  private static char base(char c) {
    if (c == 'đ' || c == 'Đ') {
      return c == 'đ' ? 'd' : 'D';
    }
    if (c < 0x80) {
      return c;
    }
    String d = java.text.Normalizer.normalize(String.valueOf(c), java.text.Normalizer.Form.NFD);
    return d.charAt(0);
  }

  /** For tests: the hashtags of {@code text} that say no AI, as typed. */
  static List<String> found(String text) {
    List<String> out = new java.util.ArrayList<>();
    find(text, true, (s, e) -> out.add(text.substring(s, e)));
    return out;
  }
}
