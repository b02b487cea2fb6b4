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
      "la bia dat", "la lua dao", "are false", "are untrue", "are not true", "aren t true", "are misleading", "is wrong",
      "are wrong", "is a lie", "are lies", "are a myth", "is nonsense", "is a scam", "are scams", "is not proven",
      "are not proven", "has no evidence", "have no evidence", "la tin don", "la tin gia", "khong co co so",
      "chua duoc chung minh", "khong duoc chung minh"};
  /** Pre-triggers whose scope is the whole clause (up to {@link #LONG_SCOPE} words): disbelief, missing evidence. */
  private static final Set<String> LONG_TRIGGERS = Set.of("don t believe", "dont believe", "do not believe",
      "never believe", "don t trust", "dont trust", "do not trust", "never trust", "beware of", "be wary of",
      "no evidence", "no proof", "no scientific evidence", "not proven", "never claim", "never claimed", "don t claim",
      "do not claim", "dung tin", "khong tin", "dung nghe", "canh giac voi", "chua co bang chung", "khong co bang chung",
      "chua duoc chung minh", "khong duoc chung minh", "khong he", "chang he");
  static final int LONG_SCOPE = 12;
  private static final Set<String> REPORTING = Set.of("if", "whether", "wonder", "wondering", "wondered", "ask", "asked",
      "asking", "asks", "question", "hoi", "lieu", "thac mac", "tu hoi", "quote", "said", "say", "says",
      // what someone else might take "me" for ("You might think I'm a real person, but...")
      "think", "thinks", "thought", "assume", "assumes", "assumed", "imagine", "suspect", "suspected", "tuong", "nghi");

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
    // pre-triggers: walk back over at most SCOPE words in the same sentence (LONG_SCOPE for the
    // clause-wide triggers such as "don't believe", "chưa có bằng chứng")
    int pos = ns;
    String next = firstWord(nt, ns);
    String next2 = secondWord(nt, ns);
    for (int w = 0; w < LONG_SCOPE && pos > 0; w++) {
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
      boolean trig = TRIGGERS.contains(word) && typedAsTrigger(word, text, nt, wsIdx, we);
      if (word.equals("t") && wsIdx > 1) {
        int ps = wordStartBefore(nt, wsIdx - 1);
        trig = NT_STEMS.contains(word(nt, ps, wsIdx - 1));
      }
      if (trig && w < SCOPE) {
        return !PSEUDO.contains(word + " " + next) && !PSEUDO.contains(word + " " + next + " " + secondWord(nt, we + 1));
      }
      if (LONG_TRIGGERS.contains(word + " " + next) || LONG_TRIGGERS.contains(word + " " + next + " " + next2)) {
        return true;
      }
      next2 = next;
      next = word;
      pos = wsIdx;
    }
    // a claim quoted or reported ("People ask if it helps with eczema", "\"Say goodbye to eczema\" is a
    // claim we can't make") and denied later in the same sentence
    if ((quoted(text, os, nt.origEnd(ne - 1)) || reportedBefore(nt, ns)) && deniedAfter(text, nt, ne)) {
      return true;
    }
    // post-triggers right after the match
    StringBuilder after = new StringBuilder();
    int e = wordsAfter(text, nt, ne, false, after);
    if (e > ne && LexiconRail.clauseBreak(text, nt.origEnd(ne - 1), nt.origEnd(e - 1))) {
      // only the words of the same clause: "cures acne, which is not true of the others"
      return postInClause(text, nt, ne);
    }
    return hasPost(after.toString());
  }

  /** An asking or saying word ("asked", "whether", "hỏi"...) among the 8 words before normalised {@code ns} in its sentence. */
  private static boolean reportedBefore(NormalizedText nt, int ns) {
    int pos = ns;
    for (int w = 0; w < 8 && pos > 0; w++) {
      if (nt.chars[pos - 1] == TextNormalizer.BREAK) {
        return false;
      }
      int we = pos - 1;
      int s = wordStartBefore(nt, we);
      if (s >= we) {
        return false;
      }
      if (ASKING.contains(word(nt, s, we))) {
        return true;
      }
      pos = s;
    }
    return false;
  }

  /** Words that report a question or a saying (a conditional "if" is not one: "if you use it daily, it cures..."). */
  private static final Set<String> ASKING = Set.of("whether", "wonder", "wondering", "wondered", "ask", "asked", "asking",
      "asks", "question", "questions", "hoi", "lieu", "thac mac", "quote", "said", "say", "says", "claim", "claims", "claimed",
      "tuong", "nghi", "think", "thinks", "thought");

  /** A negation trigger among the {@link #LONG_SCOPE} words after normalised {@code ne} in its sentence. */
  private static boolean deniedAfter(String text, NormalizedText nt, int ne) {
    int e = ne;
    String prev = "";
    for (int w = 0; w < LONG_SCOPE && e < nt.length() && nt.chars[e] == ' '; w++) {
      int s = e + 1;
      int k = s;
      while (k < nt.length() && nt.chars[k] != ' ' && nt.chars[k] != TextNormalizer.BREAK) {
        k++;
      }
      if (k == s) {
        break;
      }
      String word = word(nt, s, k);
      if ((TRIGGERS.contains(word) && typedAsTrigger(word, text, nt, s, k)) || (word.equals("t") && NT_STEMS.contains(prev))) {
        return true;
      }
      prev = word;
      e = k;
    }
    return false;
  }

  /** A post-trigger starting at a word boundary of the words after a match. */
  private static boolean hasPost(String a) {
    for (String p : POST) {
      int i = a.indexOf(p);
      while (i >= 0) {
        if ((i == 0 || a.charAt(i - 1) == ' ') && (i + p.length() == a.length() || a.charAt(i + p.length()) == ' ')) {
          return true;
        }
        i = a.indexOf(p, i + 1);
      }
    }
    return false;
  }

  /** {@link #hasPost} over the words after [.., ne) up to the first clause break. */
  private static boolean postInClause(String text, NormalizedText nt, int ne) {
    StringBuilder after = new StringBuilder();
    wordsAfter(text, nt, ne, true, after);
    return hasPost(after.toString());
  }

  /**
   * Appends to {@code after} the at most {@link #POST_SCOPE} words following normalised position {@code ne},
   * space-separated, stopping at a sentence break (and, with {@code stopAtClause}, at a clause break).
   *
   * @return the normalised end of the last word taken ({@code ne} when none)
   */
  private static int wordsAfter(String text, NormalizedText nt, int ne, boolean stopAtClause, StringBuilder after) {
    int e = ne;
    for (int w = 0; w < POST_SCOPE && e < nt.length() && nt.chars[e] == ' '; w++) {
      int s = e + 1;
      int k = s;
      while (k < nt.length() && nt.chars[k] != ' ' && nt.chars[k] != TextNormalizer.BREAK) {
        k++;
      }
      if (k == s || (stopAtClause && LexiconRail.clauseBreak(text, nt.origEnd(e - 1), nt.origStart(s)))) {
        break;
      }
      if (after.length() > 0) {
        after.append(' ');
      }
      after.append(nt.chars, s, k - s);
      e = k;
    }
    return e;
  }

  /**
   * Vietnamese triggers whose letters other words share: typed WITH diacritics, only these forms
   * negate ("chưa" not yet, not "chữa" cure; "đừng" don't, not "dùng" use; "hông" not, not "hồng"
   * pink; "chả", not "chà"). Typed without diacritics, the plain form still counts.
   */
  private static final java.util.Map<String, Set<String>> TYPED_FORMS = java.util.Map.of(
      "chua", Set.of("chưa", "chua"),
      "dung", Set.of("đừng", "dung", "đung"),
      "hong", Set.of("hông", "hong", "hổng"),
      "cha", Set.of("chả", "cha", "chẳ"),
      "chang", Set.of("chẳng", "chang", "chẵng"),
      "khong", Set.of("không", "khong", "hkông", "khôg", "khg", "kg", "ko", "k", "hok", "hông", "khum", "hem"),
      "hem", Set.of("hem", "hẻm"));

  /** True when the trigger word at normalised [s, e) was typed as a negation (see {@link #TYPED_FORMS}). */
  private static boolean typedAsTrigger(String word, String text, NormalizedText nt, int s, int e) {
    Set<String> forms = TYPED_FORMS.get(word);
    if (forms == null) {
      return true;
    }
    String orig = text.substring(nt.origStart(s), nt.origEnd(e - 1)).toLowerCase(java.util.Locale.ROOT);
    boolean plain = true;
    for (int i = 0; i < orig.length(); i++) {
      if (orig.charAt(i) > 0x7F) {
        plain = false;
        break;
      }
    }
    return plain || forms.contains(java.text.Normalizer.normalize(orig, java.text.Normalizer.Form.NFC));
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
   * before it in the same sentence, within 8 words), it sits in quotation marks, or a question mark
   * follows it right away.
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
    return quoted(text, os, oe) || askedRightAfter(text, oe);
  }

  /** A question mark right after the phrase (spaces between): "Không phải AI đâu? ..." asks, it does not claim. */
  private static boolean askedRightAfter(String text, int oe) {
    for (int i = oe; i < text.length() && i < oe + 4; i++) {
      char c = text.charAt(i);
      if (c == '?' || c == '\uff1f') {
        return true;
      }
      if (!Character.isWhitespace(c)) {
        return false;
      }
    }
    return false;
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
