package com.personaruntime.guardrails.rails.lexicon;

import com.personaruntime.guardrails.text.NormalizedText;
import com.personaruntime.guardrails.text.TextNormalizer;

import java.util.Set;

/*
 * Scope-aware negation (the NegEx approach: Chapman et al., "A Simple Algorithm for Identifying
 * Negated Findings and Diseases in Discharge Summaries", J Biomed Inform 2001): a claim is negated
 * when a negation TRIGGER precedes it within a SCOPE of at most 6 words in the same clause, and no
 * TERMINATOR ("but", "nhưng", a comma, a sentence end) lies between; or when a post-trigger ("is a
 * myth", "là sai") follows within 4 words. PSEUDO-triggers look like negations but are not ("not
 * only", "không chỉ", "no doubt"): they never negate.
 *
 * Mention vs use: an honesty phrase is MENTIONED, not used, when its clause reports or asks about
 * it ("Wondering if you're talking to a real person?", "Bạn hỏi mình có phải người thật không?").
 *
 * Everything works on the normalised text (folded, teencode expanded: "ko" is "khong"), with
 * clause separators checked on the original text. Each call looks at a bounded window: linear.
 */
final class Negation {
  static final int SCOPE = 6;
  static final int POST_SCOPE = 4;

  private static final Set<String> TRIGGERS = Set.of(
      "no", "not", "never", "none", "nothing", "nobody", "neither", "nor", "without", "cannot", "cant", "dont", "doesnt",
      "didnt", "wont", "isnt", "arent", "wasnt", "werent", "shouldnt", "couldnt", "wouldnt", "havent", "hasnt",
      "khong", "chang", "cha", "chua", "dung", "hem", "hong", "kg", "khg");
  /** Second halves of "can't", "don't" ... after the apostrophe became a space. */
  private static final Set<String> NT_STEMS = Set.of("can", "don", "doesn", "didn", "won", "isn", "aren", "wasn", "weren",
      "shouldn", "couldn", "wouldn", "haven", "hasn", "ain");
  private static final Set<String> TERMINATORS = Set.of("but", "however", "although", "though", "yet", "except", "unlike",
      "nhung", "ma", "tuy", "song", "con", "nhung ma", "ngoai tru", "tru");
  /** Word pairs (trigger + next) that are not negations. */
  private static final Set<String> PSEUDO = Set.of("not only", "not just", "no doubt", "no wonder", "not to", "nothing but",
      "no other", "no more", "never fails", "khong chi", "khong nhung", "chang nhung", "khong the khong", "khong ai khong",
      "khong gi", "khong dau", "khong con", "khong khac", "cha khac", "chang khac", "khong lo");
  private static final String[] POST = {"is a myth", "is not true", "isn t true", "is false", "is untrue", "are myths",
      "is misleading", "la sai", "la khong dung", "la khong co that", "la loi don", "la quang cao sai", "khong co that",
      "la bia dat", "la lua dao"};
  private static final Set<String> REPORTING = Set.of("if", "whether", "wonder", "wondering", "wondered", "ask", "asked",
      "asking", "asks", "question", "hoi", "lieu", "thac mac", "tu hoi", "quote", "said", "say", "says");

  private Negation() {
  }

  /** Word i of the normalised text ending right before {@code pos} (walking back), as [start, end) pairs. */
  private static int wordStartBefore(NormalizedText nt, int pos) {
    int k = pos;
    while (k > 0 && nt.chars[k - 1] != ' ' && nt.chars[k - 1] != TextNormalizer.BREAK) {
      k--;
    }
    return k;
  }

  private static String word(NormalizedText nt, int s, int e) {
    return new String(nt.chars, s, e - s);
  }

  /**
   * True when the match at normalised [ns, ne) (original [os, oe)) is negated.
   */
  static boolean negated(String text, NormalizedText nt, int ns, int ne, int os) {
    // pre-triggers: walk back over at most SCOPE words in the same sentence
    int pos = ns;
    String next = firstWord(nt, ns);
    for (int w = 0; w < SCOPE && pos > 0; w++) {
      char sep = nt.chars[pos - 1];
      if (sep == TextNormalizer.BREAK) {
        break;
      }
      int we = pos - 1;
      int wsIdx = wordStartBefore(nt, we);
      if (wsIdx >= we) {
        break;
      }
      String word = word(nt, wsIdx, we);
      int origWordEnd = nt.origEnd(we - 1);
      if (LexiconRail.clauseBreak(text, origWordEnd, os)) {
        break;
      }
      if (TERMINATORS.contains(word)) {
        break;
      }
      boolean trig = TRIGGERS.contains(word) && !(word.equals("chua") && chuaIsCure(text, nt, wsIdx, we));
      if (word.equals("t") && wsIdx > 1) {
        int ps = wordStartBefore(nt, wsIdx - 1);
        trig = NT_STEMS.contains(word(nt, ps, wsIdx - 1));
      }
      if (trig) {
        return !PSEUDO.contains(word + " " + next) && !PSEUDO.contains(word + " " + next + " " + secondWord(nt, we + 1));
      }
      next = word;
      pos = wsIdx;
    }
    // post-triggers right after the match
    int e = ne;
    StringBuilder after = new StringBuilder();
    for (int w = 0; w < POST_SCOPE && e < nt.length() && nt.chars[e] == ' '; w++) {
      int s = e + 1;
      int k = s;
      while (k < nt.length() && nt.chars[k] != ' ' && nt.chars[k] != TextNormalizer.BREAK) {
        k++;
      }
      if (k == s) {
        break;
      }
      if (after.length() > 0) {
        after.append(' ');
      }
      after.append(nt.chars, s, k - s);
      e = k;
    }
    String a = after.toString();
    for (String p : POST) {
      if (a.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /** "chua" is "chưa" (not yet) only when typed so; "chữa" (cure) is not a negation. */
  private static boolean chuaIsCure(String text, NormalizedText nt, int s, int e) {
    String orig = text.substring(nt.origStart(s), nt.origEnd(e - 1)).toLowerCase(java.util.Locale.ROOT);
    return !(orig.equals("chưa") || orig.equals("chua"));
  }

  private static String firstWord(NormalizedText nt, int s) {
    int k = s;
    while (k < nt.length() && nt.chars[k] != ' ' && nt.chars[k] != TextNormalizer.BREAK) {
      k++;
    }
    return word(nt, s, k);
  }

  private static String secondWord(NormalizedText nt, int s) {
    if (s >= nt.length()) {
      return "";
    }
    int k = s;
    while (k < nt.length() && nt.chars[k] != ' ' && nt.chars[k] != TextNormalizer.BREAK) {
      k++;
    }
    if (k >= nt.length() || nt.chars[k] != ' ') {
      return "";
    }
    return firstWord(nt, k + 1);
  }

  /**
   * True when the honesty phrase at normalised [ns, ne) is mentioned rather than claimed: its
   * sentence asks or reports it (a reporting word such as "if", "whether", "asked", "hỏi", "liệu"
   * before it in the same sentence, within 8 words), or it sits in quotation marks.
   */
  static boolean mentioned(String text, NormalizedText nt, int ns, int os, int oe) {
    int pos = ns;
    for (int w = 0; w < 8 && pos > 0; w++) {
      if (nt.chars[pos - 1] == TextNormalizer.BREAK) {
        break;
      }
      int we = pos - 1;
      int s = wordStartBefore(nt, we);
      if (s >= we) {
        break;
      }
      String word = word(nt, s, we);
      if (REPORTING.contains(word)) {
        return true;
      }
      pos = s;
    }
    return quoted(text, os, oe);
  }

  private static boolean quoted(String text, int os, int oe) {
    int from = Math.max(0, os - 3);
    int to = Math.min(text.length(), oe + 3);
    boolean open = false;
    boolean close = false;
    for (int i = from; i < os; i++) {
      open |= "\"“«„'‘".indexOf(text.charAt(i)) >= 0;
    }
    for (int i = oe; i < to; i++) {
      close |= "\"”»'’".indexOf(text.charAt(i)) >= 0;
    }
    return open && close;
  }
}
