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
      "khong", "chang", "cha", "chua", "dung", "hem", "hong", "kg", "khg",
      // German, French and Spanish (a reply may switch language; the de/fr/es health lexicons): "Kein Tee senkt den
      // Cholesterinspiegel", "Aucun thé ne réduit le cholestérol", "Ningún té reduce el colesterol". French "ne" and
      // "ni" are not here: folded they are Vietnamese "nè" and "nì"
      "kein", "keine", "keinen", "keiner", "nicht", "nie", "niemals", "ohne", "aucun", "aucune", "jamais", "sans",
      "nunca", "ningun", "ninguna", "ninguno", "tampoco", "sin");
  /** Second halves of "can't", "don't" ... after the apostrophe became a space. */
  private static final Set<String> NT_STEMS = Set.of("can", "don", "doesn", "didn", "won", "isn", "aren", "wasn", "weren",
      "shouldn", "couldn", "wouldn", "haven", "hasn", "ain");
  private static final Set<String> TERMINATORS = Set.of("but", "however", "although", "though", "yet", "except", "unlike",
      "nhung", "ma", "tuy", "song", "con", "nhung ma", "ngoai tru", "tru");
  private static final String[] POST = {"nicht", "is a myth", "is not true", "isn t true", "is false", "is untrue", "are myths",
      "is misleading", "la sai", "la khong dung", "la khong co that", "la loi don", "la quang cao sai", "khong co that",
      "la bia dat", "la lua dao", "are false", "are untrue", "are not true", "aren t true", "are misleading", "is wrong",
      "are wrong", "is a lie", "are lies", "are a myth", "is nonsense", "is a scam", "are scams", "is not proven",
      "are not proven", "has no evidence", "have no evidence", "la tin don", "la tin gia", "khong co co so",
      "chua duoc chung minh", "khong duoc chung minh",
      // the claim said to be impossible ("Việc trắng da vĩnh viễn là không thể", "permanent whitening is impossible")
      "la khong the", "la dieu khong the", "la chuyen khong the", "la bat kha", "khong ton tai", "la khong tuong",
      "la ao tuong", "la hoang duong", "la chuyen hoang duong", "la vo ly", "la phi thuc te", "is impossible",
      "is not possible", "isn t possible", "are impossible", "doesn t exist", "does not exist", "don t exist",
      "do not exist", "is a fantasy", "is a fairy tale", "is unrealistic", "is not realistic", "isn t realistic",
      "is pseudoscience", "is snake oil"};
  /** Pre-triggers whose scope is the whole clause (up to {@link #LONG_SCOPE} words): disbelief, missing evidence. */
  private static final Set<String> LONG_TRIGGERS = Set.of("don t believe", "dont believe", "do not believe",
      "never believe", "don t trust", "dont trust", "do not trust", "never trust", "beware of", "be wary of",
      "no evidence", "no proof", "no scientific evidence", "not proven", "never claim", "never claimed", "don t claim",
      "do not claim", "dung tin", "khong tin", "dung nghe", "canh giac voi", "chua co bang chung", "khong co bang chung",
      "chua duoc chung minh", "khong duoc chung minh", "khong he", "chang he",
      // missing studies ("Chưa có nghiên cứu nào chứng minh...", "no study shows..."), warnings about those who claim it
      "no study", "no studies", "no research", "no clinical", "no data", "no scientific", "not clinically proven",
      "not scientifically proven", "not backed by", "chua co nghien cuu", "khong co nghien cuu", "chua nghien cuu nao",
      "chua co co so", "chua co du lieu", "khong co du lieu", "chua duoc kiem chung", "khong duoc kiem chung",
      "chua ai chung minh", "khong ai chung minh", "be skeptical of", "be sceptical of", "be suspicious of",
      "be careful with", "be careful of", "watch out for", "don t fall for", "dont fall for", "do not fall for",
      "steer clear of", "hay can than voi", "can than voi", "coi chung", "de phong", "canh giac", "dung mac lua",
      "hay nghi ngo", "nen nghi ngo", "never seen a study", "never seen any study", "never seen any evidence",
      "never seen any proof", "never seen evidence", "never seen proof", "haven t seen any", "havent seen any",
      "have not seen any", "chua thay nghien cuu", "chua thay bang chung", "chua thay co so");
  static final int LONG_SCOPE = 12;

  /**
   * Trigger phrases that deny nothing but express amazement ("Can't believe it burns fat so fast!", "Không thể
   * tin được là nó chữa khỏi mụn"): the claim is asserted, unless a saying or thinking word lies between them
   * ("Can't believe people still say coffee burns fat": disbelief of what others claim, a negation).
   */
  private static final String[] AMAZEMENT = {"can t believe", "cant believe", "cannot believe", "can not believe",
      "couldn t believe", "couldnt believe", "could not believe", "can t get over", "cant get over", "never thought",
      "never knew", "never expected", "never imagined", "never dreamed", "not gonna lie", "no joke", "no kidding", "no lie",
      "no cap", "not kidding", "khong the tin", "khong tin noi", "khong tin duoc", "khong the ngo", "khong ngo",
      "chang ngo", "chang the tin", "khong the nao tin", "hong tin noi", "khong tuong tuong noi", "khong the tuong tuong"};
  /** Saying and thinking words that make an amazement trigger a disbelief of a reported claim. */
  private static final Set<String> SAYERS = Set.of("say", "says", "said", "saying", "claim", "claims", "claimed",
      "claiming", "think", "thinks", "thought", "tell", "tells", "told", "promise", "promises",
      "advertise", "advertises", "noi", "bao", "don", "tuong", "nghi", "quang", "hua", "quang cao");
  /**
   * Comparative tails after a claim that turn an existential negation into praise of the product ("I've never
   * seen anything that burns fat like this", "Chưa thấy kem nào chữa khỏi mụn nhanh vậy"): no other thing does
   * it as this one does.
   */
  private static final String[] COMPARATIVE = {"like this", "like it", "like that", "like ours", "like our", "like these",
      "like mine", "like us", "as well as", "as fast as", "as quickly as", "as good as", "as effectively as", "as much as",
      "better than", "faster than", "so fast", "this fast", "that fast", "so quickly", "this quickly", "so well",
      "nhu vay", "nhu the", "nhu nay", "nhu kem nay", "nhu em nay", "nhu sp nay", "nhu san pham nay", "nhu ben minh",
      "bang kem nay", "bang em nay", "bang sp nay", "bang ben minh", "nhanh vay", "nhanh the", "nhanh nhu vay",
      "nhanh nhu the", "hon kem nay", "hon em nay", "hon sp nay", "ghe vay", "ghe the", "du vay", "du the"};
  /** Existential negations ("nothing", "no cream", "không có kem nào", "chưa thấy ..."), which a comparative tail turns into praise. */
  private static final Set<String> EXISTENTIAL = Set.of("never", "no", "nothing", "none", "nobody", "neither");
  private static final Set<String> VI_EXISTENTIAL_NEXT = Set.of("co", "ai", "thay", "tung", "bao", "gi", "loai", "mot");
  private static final Set<String> REPORTING = Set.of("if", "whether", "wonder", "wondering", "wondered", "ask", "asked",
      "asking", "asks", "question", "hoi", "lieu", "thac mac", "tu hoi", "quote", "said", "say", "says",
      // what someone else might take "me" for ("You might think I'm a real person, but...")
      "think", "thinks", "thought", "assume", "assumes", "assumed", "imagine", "suspect", "suspected", "tuong", "nghi");

  /**
   * Words after "say" that make it a greeting, not a report: "Come say hi, I'm at the Hanoi store until 6" invites the
   * customer to a person (breaker b6), where "People say I'm a real person" reports.
   */
  private static final Set<String> GREETING_OBJECTS = Set.of("hi", "hello", "hey", "hallo", "bye", "goodbye", "cheese",
      "chao", "xin");

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
    String next3 = "";
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
      int trigStart = wsIdx;
      if (word.equals("t") && wsIdx > 1) {
        int ps = wordStartBefore(nt, wsIdx - 1);
        trig = NT_STEMS.contains(word(nt, ps, wsIdx - 1));
        trigStart = ps; // "can t believe": the phrase starts at the stem
      }
      // "đâu có kem nào...", "làm gì có...": rhetorical negations of two or three words
      trig |= PAIR_TRIGGERS.contains(word + " " + next) && typedAsTrigger(word, text, nt, wsIdx, we);
      trig |= PAIR_TRIGGERS.contains(word + " " + next + " " + next2);
      if (trig && w < SCOPE) {
        return triggerNegates(text, nt, trigStart, we, ns, ne, word, next);
      }
      if (LONG_TRIGGERS.contains(word + " " + next) || LONG_TRIGGERS.contains(word + " " + next + " " + next2)
          || LONG_TRIGGERS.contains(word + " " + next + " " + next2 + " " + next3)) {
        return true;
      }
      String amazed = trig ? prefixOf(wordsFrom(nt, trigStart, 4), AMAZEMENT) : null;
      if (amazed != null && sayerBetween(nt, trigStart + amazed.length(), ns)) {
        return true; // disbelief of what someone says, clause-wide ("Không thể tin được là có người nói nó chữa khỏi mụn")
      }
      next3 = next2;
      next2 = next;
      next = word;
      pos = wsIdx;
    }
    // a claim quoted or reported ("People ask if it helps with eczema", "\"Say goodbye to eczema\" is a
    // claim we can't make") and denied later in the same sentence
    int oe = nt.origEnd(ne - 1);
    if ((quoted(text, os, oe) || quotedAround(text, os, oe) || reportedBefore(nt, ns)) && deniedAfter(text, nt, ne)) {
      return true;
    }
    // post-triggers of impossibility or falsehood further on in the clause ("Chữa khỏi mụn hoàn toàn là điều không
    // thể", "trị dứt điểm nám chỉ sau 1 tuần là không thể"), within OUTPUT_NEAR_MAX chars of the match's end
    if (postInClauseWithin(text, nt, ne)) {
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

  /*
   * Reported claims (breaker b4): a claim said by someone the persona keeps at a distance ("If anyone tells you a
   * cream can cure acne", "Whoever says", "You may have heard", "Ai bảo", "Người ta đồn", "Si on vous dit", "Si
   * alguien dice") is mentioned, not made. Rejected after it in its sentence ("they're wrong", "là sai", "đừng tin",
   * "c'est faux"): allowed; agreed with ("and they're right", "and it really does", "đúng vậy"): a claim; neither: at most
   * flagged (a moderator reads it). Authorities and testimonials ("As doctors say", "Everyone says") are no distance.
   */
  private static final String[] REPORT_FRAMES = {"if anyone tells you", "if anyone says", "if anyone claims",
      "if anybody tells you", "if anybody says", "if someone tells you", "if someone says", "if someone claims",
      "if somebody tells you", "if somebody says", "if a brand tells you", "if a brand says", "if a brand claims",
      "if a seller says", "if a seller claims", "if an ad says", "if an ad claims", "if you hear", "if you ve heard",
      "if you have heard", "if you read", "whoever says", "whoever tells you", "whoever claims", "anyone who says",
      "anyone who tells you", "anyone who claims", "anyone claiming", "those who say", "those who claim", "people who say",
      "people who claim", "brands that claim", "brands claiming", "sellers claiming", "ads that claim", "ads claiming",
      "ads that say", "ads saying", "you may have heard", "you might have heard", "you ve probably heard",
      "you probably heard", "you may ve heard", "you might ve heard", "some say", "some people say", "some claim",
      "some people claim", "some brands claim", "some brands say", "some influencers claim", "some influencers say",
      "some sellers claim", "some sites claim", "some sites say", "some ads claim", "some ads say", "many brands claim",
      "other brands claim", "rumour has it", "rumor has it", "allegedly", "supposedly",
      "ai noi", "ai bao", "ai hua", "ai quang cao", "nguoi ta don", "nguoi ta noi", "nguoi ta bao", "co nguoi noi",
      "co nguoi bao", "co nguoi don", "nghe don", "tin don", "loi don", "tren mang don", "tren mang noi", "quang cao noi",
      "quang cao bao", "ben khac quang cao", "hang khac quang cao", "neu ai noi", "neu ai bao", "neu co ai noi",
      "si on vous dit", "si on te dit", "si quelqu un vous dit", "si quelqu un te dit", "si quelqu un dit", "certains disent",
      "certains pretendent", "ceux qui disent", "ceux qui pretendent", "si alguien dice", "si alguien te dice",
      "si alguien le dice", "si te dicen", "si le dicen", "algunos dicen", "algunos afirman", "quien diga", "quienes dicen",
      "los que dicen", "wer behauptet", "wer sagt", "wenn jemand sagt", "wenn jemand behauptet", "wenn ihnen jemand sagt",
      "wenn dir jemand sagt", "manche sagen", "manche behaupten", "einige behaupten"};
  /** Rejections of a reported claim read after it ("they're wrong", "là sai", "đừng tin", "c'est faux", "miente"). */
  private static final String[] REPORT_REJECTED = {"wrong", "mistaken", "lying", "lie", "lies", "false", "untrue",
      "not true", "isn t true", "doesn t work", "don t work", "does not work", "myth", "nonsense", "scam", "no proof", "no evidence", "not proven", "don t believe",
      "dont believe", "don t trust", "sai", "noi sai", "khong dung", "dung tin", "khong tin", "dung nghe", "khong co co so",
      "chua co co so", "chua co bang chung", "khong co bang chung", "lua dao", "bia dat", "tin don", "loi don",
      "faux", "c est faux", "mensonge", "ment", "mentent", "falso", "es falso", "mentira", "miente", "mienten",
      "irrt", "irren", "falsch", "lugt", "lugen", "stimmt nicht", "unsinn"};
  /** Agreement with a reported claim read after it ("and they're right", "and it really does", "đúng vậy"). */
  private static final String[] REPORT_ENDORSED = {"right", "true", "it does", "really does", "it works", "works", "la dung", "dung do", "noi dung", "correct",
      "spot on", "agree", "dung vay", "dung that", "dung roi", "dung day", "la that", "that do", "that su", "chuan",
      "vrai", "raison", "verdad", "razon", "cierto", "stimmt", "recht", "richtig"};

  /** {@link #reported}: no distancing frame before the claim. */
  static final int NOT_REPORTED = 0;
  /** {@link #reported}: reported at a distance and rejected after it. */
  static final int REPORTED_REJECTED = 1;
  /** {@link #reported}: reported at a distance, neither rejected nor agreed with. */
  static final int REPORTED = 2;
  /** {@link #reported}: reported at a distance and agreed with. */
  static final int REPORTED_ENDORSED = 3;

  /**
   * How the claim at normalised [ns, ne) is reported: a distancing frame ({@link #REPORT_FRAMES}) among the 10 words
   * before it in its clause, then a rejection or an agreement among the words after it in its sentence that end within
   * {@link TermSet#OUTPUT_NEAR_MAX} chars of the claim's start (inside the rail's span). Constant work per match.
   */
  static int reported(String text, NormalizedText nt, int ns, int ne) {
    String before = wordsBefore(text, nt, ns, 10, false);
    if (before.isEmpty() || !containsPhrase(before, REPORT_FRAMES)) {
      return NOT_REPORTED;
    }
    String after = wordsAfterWithin(text, nt, ns, ne, false);
    if (containsPhrase(after, REPORT_REJECTED)) {
      return REPORTED_REJECTED;
    }
    if (containsPhrase(after, REPORT_ENDORSED)) {
      return REPORTED_ENDORSED;
    }
    // left standing about the persona's own product ("Người ta nói kem này chữa khỏi mụn đó", "Some say it cures
    // acne"): repeating what others say about what you sell is making the claim (breaker b5)
    String near = lastWords(before, 3);
    return containsPhrase(near, OWN_PRODUCT) ? REPORTED_ENDORSED : REPORTED;
  }

  /** Words naming the persona's own product right before a reported claim: "it", "this", "kem này", "ours". */
  private static final String[] OWN_PRODUCT = {"it", "this", "these", "ours", "our", "nay", "em nay", "sp nay", "no"};

  /** The last {@code n} space-separated words of {@code s}. */
  private static String lastWords(String s, int n) {
    int i = s.length();
    for (int k = 0; k < n && i > 0; k++) {
      i = s.lastIndexOf(' ', i - 1);
      if (i < 0) {
        return s;
      }
    }
    return s.substring(i + 1);
  }

  /*
   * Politics (or another avoided topic) declined (breaker b4): "Mình không bàn chuyện chính trị", "I don't take sides in
   * elections", "I stay out of politics", "Politics isn't something I comment on", "Lumière không ủng hộ đảng phái nào":
   * the persona avoids the topic, as its policy asks. A negated endorsement of someone ("Don't vote for Smith", "Đừng
   * bầu cho ông A", "I don't support the Republicans") still takes a side.
   */
  private static final String[] TOPIC_DECLINE = {"stay out of", "stay away from", "steer clear of", "stay neutral on",
      "stay neutral about", "remain neutral on", "neutral on", "neutral about", "keep out of", "avoid", "avoiding",
      "tranh", "tranh ban", "tranh noi", "trung lap ve", "pas parti", "ne parle pas", "ne parlons pas", "ne commente pas",
      "reste neutre", "neutre sur", "me mantengo al margen", "neutral sobre", "neutral en", "halte mich raus", "neutral bei"};
  private static final String[] TOPIC_DISCUSS = {"discuss", "talk", "talk about", "comment", "comment on", "take sides",
      "take a side", "take side", "debate", "share opinions", "share my opinion", "share my opinions", "get into", "weigh in",
      "engage in", "give opinions", "give my opinion", "have opinions", "do", "cover", "ban", "ban luan", "binh luan",
      "noi chuyen", "noi ve", "de cap", "tham gia", "y kien", "nhan xet", "phat bieu", "ban chuyen", "parle", "parler",
      "parlons", "commente", "hablo", "hablamos", "opino", "comento", "opinamos", "spreche", "sprechen", "rede", "reden",
      "kommentiere", "aussere", "diskutiere"};
  private static final String[] TOPIC_STANCE = {"support", "endorse", "back", "side with", "ung ho", "theo", "soutiens",
      "apoyo", "apoyamos", "unterstutze"};
  private static final String[] TOPIC_ANY = {"any", "nao", "nao ca", "aucun", "aucune", "ningun", "ninguno", "ninguna",
      "keine", "keinen", "either"};

  /**
   * True when the avoided-topic match at normalised [ns, ne) is declined: a declining phrase ({@link #TOPIC_DECLINE})
   * before it in its clause, or a negation with a verb of discussing or taking sides ({@link #TOPIC_DISCUSS}) before it
   * ("không bàn chuyện chính trị") or after it ("Politics isn't something I comment on"), or a negated support of any
   * side ("không ủng hộ đảng phái nào"). Reads at most 6 words before and the words after within
   * {@link TermSet#OUTPUT_NEAR_MAX} chars of the match's start, in its clause: constant work.
   */
  static boolean declinedTopic(String text, NormalizedText nt, int ns, int ne) {
    String before = wordsBefore(text, nt, ns, 6, true);
    String match = word(nt, ns, ne);
    String after = wordsAfterWithin(text, nt, ns, ne, true);
    String lead = before.isEmpty() ? match : before + " " + match;
    if (containsPhrase(before, TOPIC_DECLINE)) {
      return true;
    }
    if (hasTrigger(before)) {
      return containsPhrase(lead, TOPIC_DISCUSS)
          || (containsPhrase(lead, TOPIC_STANCE) && (containsPhrase(lead, TOPIC_ANY) || containsPhrase(after, TOPIC_ANY)));
    }
    return hasTrigger(after) && containsPhrase(after, TOPIC_DISCUSS);
  }

  /** A negation trigger word (or "don t", "isn t"...) among space-separated normalised words. */
  private static boolean hasTrigger(String words) {
    if (words.isEmpty()) {
      return false;
    }
    String prev = "";
    for (String w : words.split(" ")) {
      if ((TRIGGERS.contains(w) && !w.equals("no")) || (w.equals("t") && NT_STEMS.contains(prev))
          || (w.equals("no") && !prev.isEmpty())) {
        return true;
      }
      prev = w;
    }
    return words.startsWith("no ");
  }

  /** True when {@code hay} (space-separated words) contains one of {@code phrases} at word boundaries. */
  private static boolean containsPhrase(String hay, String[] phrases) {
    if (hay.isEmpty()) {
      return false;
    }
    for (String p : phrases) {
      int i = hay.indexOf(p);
      while (i >= 0) {
        if ((i == 0 || hay.charAt(i - 1) == ' ') && (i + p.length() == hay.length() || hay.charAt(i + p.length()) == ' ')) {
          return true;
        }
        i = hay.indexOf(p, i + 1);
      }
    }
    return false;
  }

  /**
   * Up to {@code max} words before normalised {@code ns} in its sentence, stopping at a clause break and at a
   * terminator ("but", "nhưng"), joined in text order; with {@code stopAtTerminator} false only the sentence and the
   * clause bound the walk.
   */
  private static String wordsBefore(String text, NormalizedText nt, int ns, int max, boolean stopAtTerminator) {
    int pos = ns;
    int from = ns;
    for (int w = 0; w < max && pos > 0; w++) {
      if (nt.chars[pos - 1] == TextNormalizer.BREAK) {
        break;
      }
      int we = pos - 1;
      int s = wordStartBefore(nt, we);
      if (s >= we || LexiconRail.clauseBreak(text, nt.origEnd(we - 1), nt.origStart(ns))) {
        break;
      }
      if (stopAtTerminator && TERMINATORS.contains(word(nt, s, we))) {
        break;
      }
      from = s;
      pos = s;
    }
    return from >= ns ? "" : word(nt, from, ns - 1);
  }

  /**
   * The words after normalised {@code ne} in its sentence (in its clause with {@code clauseOnly}) that end within
   * {@link TermSet#OUTPUT_NEAR_MAX} chars of {@code ns}, space-joined.
   */
  private static String wordsAfterWithin(String text, NormalizedText nt, int ns, int ne, boolean clauseOnly) {
    int e = ne;
    int limit = ns + TermSet.OUTPUT_NEAR_MAX;
    while (e < nt.length() && nt.chars[e] == ' ') {
      int s = e + 1;
      int k = s;
      while (k < nt.length() && nt.chars[k] != ' ' && nt.chars[k] != TextNormalizer.BREAK) {
        k++;
      }
      if (k == s || k > limit || (clauseOnly && LexiconRail.clauseBreak(text, nt.origEnd(e - 1), nt.origStart(s)))) {
        break;
      }
      e = k;
    }
    return e == ne ? "" : word(nt, ne + 1, e);
  }

  /** Rhetorical negations of two or three words ("đâu có kem nào chữa khỏi mụn", "làm gì có", "lấy đâu ra"). */
  private static final Set<String> PAIR_TRIGGERS = Set.of("dau co", "dau phai", "dau ra", "lam gi co", "lay dau ra",
      "lam sao co", "kiem dau ra");

  /**
   * Whether a trigger found before a claim negates it: not a pseudo-trigger ("not only", "no doubt"), not an
   * amazement ("can't believe", "không thể tin được") unless a saying word lies between it and the claim, and not an
   * existential negation followed by a comparative tail ("nothing burns fat like this"). {@code ts} is the
   * trigger phrase's normalised start, {@code we} the trigger word's end. Constant work: a few words either side.
   */
  private static boolean triggerNegates(String text, NormalizedText nt, int ts, int we, int ns, int ne, String word,
      String next) {
    String phrase = wordsFrom(nt, ts, 4);
    if (startsWithAny(phrase, PSEUDO_PHRASES)) {
      return false;
    }
    String amazed = prefixOf(phrase, AMAZEMENT);
    if (amazed != null) {
      return sayerBetween(nt, ts + amazed.length(), ns);
    }
    boolean existential = EXISTENTIAL.contains(word) || PAIR_TRIGGERS.contains(word + " " + next)
        || ((word.equals("khong") || word.equals("chang") || word.equals("chua") || word.equals("cha"))
            && VI_EXISTENTIAL_NEXT.contains(next));
    return !(existential && comparativeAfter(text, nt, ns, ne));
  }

  /** Up to {@code max} words of the normalised text from {@code s} in its sentence, space-joined. */
  private static String wordsFrom(NormalizedText nt, int s, int max) {
    int e = s;
    int words = 0;
    while (e < nt.length() && nt.chars[e] != TextNormalizer.BREAK) {
      if (nt.chars[e] == ' ' && ++words == max) {
        break;
      }
      e++;
    }
    return word(nt, s, e);
  }

  /** True when {@code phrase} starts with one of {@code prefixes} followed by a word boundary. */
  private static boolean startsWithAny(String phrase, String[] prefixes) {
    return prefixOf(phrase, prefixes) != null;
  }

  /** The first of {@code prefixes} that {@code phrase} starts with, followed by a word boundary; else null. */
  private static String prefixOf(String phrase, String[] prefixes) {
    for (String p : prefixes) {
      if (phrase.startsWith(p) && (phrase.length() == p.length() || phrase.charAt(p.length()) == ' ')) {
        return p;
      }
    }
    return null;
  }

  /** Word pairs and triples (trigger + next words) that are not negations. */
  private static final String[] PSEUDO_PHRASES = {"not only", "not just", "no doubt", "no wonder", "not to", "nothing but",
      "no other", "no more", "never fails", "never failed", "khong chi", "khong nhung", "chang nhung", "khong the khong",
      "khong ai khong", "khong gi", "khong dau", "khong con", "khong khac", "cha khac", "chang khac", "khong lo",
      "no questions asked", "not surprisingly", "not bad", "no problem", "no worries", "khong nghi ngo", "chang nghi ngo",
      "khong can ban khoan", "khong phai ban khoan"};

  /** A saying or thinking word ({@link #SAYERS}) between normalised {@code from} and {@code to} (in one sentence). */
  private static boolean sayerBetween(NormalizedText nt, int from, int to) {
    return anyWordIn(nt, from, to, SAYERS);
  }

  /** True when a word of normalised [from, to) is one of {@code words} (exact normalised form). */
  static boolean anyWordIn(NormalizedText nt, int from, int to, java.util.Set<String> words) {
    int i = from;
    while (i < to) {
      while (i < to && (nt.chars[i] == ' ' || nt.chars[i] == TextNormalizer.BREAK)) {
        i++;
      }
      int s = i;
      while (i < to && nt.chars[i] != ' ' && nt.chars[i] != TextNormalizer.BREAK) {
        i++;
      }
      if (i > s && words.contains(word(nt, s, i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * A comparative tail ({@link #COMPARATIVE}) among the words after the claim at normalised [ns, ne), in its
   * clause, ending within {@link TermSet#OUTPUT_NEAR_MAX} chars of the claim's start (inside the rail's span, so
   * the streaming guard has read it before it releases the claim).
   */
  private static boolean comparativeAfter(String text, NormalizedText nt, int ns, int ne) {
    StringBuilder after = new StringBuilder();
    int e = ne;
    for (int w = 0; w < 5 && e < nt.length() && nt.chars[e] == ' '; w++) {
      int s = e + 1;
      int k = s;
      while (k < nt.length() && nt.chars[k] != ' ' && nt.chars[k] != TextNormalizer.BREAK) {
        k++;
      }
      if (k == s || k > ns + TermSet.OUTPUT_NEAR_MAX || LexiconRail.clauseBreak(text, nt.origEnd(e - 1), nt.origStart(s))) {
        break;
      }
      if (after.length() > 0) {
        after.append(' ');
      }
      after.append(nt.chars, s, k - s);
      e = k;
    }
    return containsPhrase(after.toString(), COMPARATIVE);
  }

  /**
   * Nouns that name words rather than use them ("the phrase "burns fat"", "từ "chữa khỏi"", "claims like "detox""):
   * a claim in quotation marks right after one is mentioned, not made.
   */
  private static final Set<String> METALINGUISTIC = Set.of("phrase", "phrases", "word", "words", "term", "terms", "expression",
      "expressions", "label", "labels", "claim", "claims", "slogan", "slogans", "tagline", "taglines", "buzzword", "buzzwords",
      "keyword", "keywords", "wording", "like", "tu", "cum tu", "chu", "cau", "khau hieu", "tu khoa", "nhu", "loi");

  /** Chars after a match within which a closing quotation mark makes it quoted (constant work, inside the rail's span). */
  static final int QUOTE_CLOSE_REACH = 24;

  /**
   * True when the claim at normalised [ns, ne) (original [os, oe)) is written in quotation marks (opened earlier in
   * its sentence, closed within {@link #QUOTE_CLOSE_REACH} chars after it) right after a noun that names words
   * ({@link #METALINGUISTIC}: "The phrase "burns fat" shows up in ads", "Từ "chữa khỏi" ..."): the words are
   * mentioned, not claimed. Constant work per match.
   */
  static boolean quotedMention(String text, NormalizedText nt, int ns, int os, int oe) {
    if (!quotedAround(text, os, oe)) {
      return false;
    }
    // the opening quote: the last one before os in the sentence
    int q = os - 1;
    while (q >= 0 && os - q <= LexiconRail.QUOTE_REACH && "\"“«„'‘".indexOf(text.charAt(q)) < 0) {
      q--;
    }
    if (q < 0 || os - q > LexiconRail.QUOTE_REACH) {
      return false;
    }
    // the one or two words right before it
    int k = q - 1;
    while (k >= 0 && Character.isWhitespace(text.charAt(k))) {
      k--;
    }
    int e1 = k + 1;
    while (k >= 0 && Character.isLetter(text.charAt(k))) {
      k--;
    }
    String w1 = TextNormalizer.normalize(text.substring(k + 1, e1)).toString().trim();
    int k2 = k;
    while (k2 >= 0 && Character.isWhitespace(text.charAt(k2))) {
      k2--;
    }
    int e2 = k2 + 1;
    while (k2 >= 0 && Character.isLetter(text.charAt(k2))) {
      k2--;
    }
    String w2 = TextNormalizer.normalize(text.substring(k2 + 1, e2)).toString().trim();
    return METALINGUISTIC.contains(w1) || METALINGUISTIC.contains(w2 + " " + w1);
  }

  /**
   * True when original [os, oe) lies inside quotation marks: opened earlier in its sentence
   * ({@link LexiconRail#insideQuote}) and closed within {@link #QUOTE_CLOSE_REACH} chars after it, in the sentence.
   */
  static boolean quotedAround(String text, int os, int oe) {
    if (!LexiconRail.insideQuote(text, os)) {
      return false;
    }
    for (int i = oe; i < text.length() && i < oe + QUOTE_CLOSE_REACH; i++) {
      char c = text.charAt(i);
      if ("\"”»'’".indexOf(c) >= 0) {
        return true;
      }
      if (c == '.' || c == '!' || c == '?' || c == '\n') {
        return false;
      }
    }
    return false;
  }

  /**
   * Negative answers that open the sentence after a short question ("Detox? Not a thing we sell.", "Is it a detox
   * drink? Nope.", "Trị dứt điểm? Không đâu ạ."), as normalised word sequences.
   */
  private static final String[] NO_ANSWERS = {"no", "nope", "nah", "not", "never", "none", "not really", "not at all",
      "sadly no", "sadly not", "sorry no", "unfortunately no", "unfortunately not", "afraid not", "i m afraid not",
      "definitely not", "absolutely not", "of course not", "certainly not", "khong", "chang", "cha", "dau co", "dau",
      "hong", "khong dau", "khong phai", "khong co", "da khong", "da khong a", "tiec la khong", "rat tiec khong", "that ra khong",
      "chac chan khong", "tat nhien khong", "khong he", "chang phai", "chua", "chua dau", "short answer no",
      "the short answer is no", "the answer is no", "answer no", "cau tra loi la khong", "tra loi la khong"};
  /** Answers that open with a negation word but affirm ("No doubt!", "Not only that...", "Mụn? Không còn nữa!"). */
  private static final String[] ANSWER_PSEUDO = {"no doubt", "not only", "not just", "no wonder", "no problem", "no worries",
      "not bad", "no way", "no questions asked", "not surprisingly", "no other", "nothing but", "nothing beats",
      "nothing else", "nothing comes close", "never fails", "never failed", "no more", "not anymore", "not any more",
      "no longer", "never again", "khong chi", "khong nhung", "khong nghi ngo", "chang nghi ngo", "khong gi bang",
      "khong dau bang", "khong ai bang", "khong con", "chang con", "khong lo", "khong so", "khong the khong", "khong khac"};

  /** Subjects and negated auxiliaries that answer a question with a denial ("It doesn't.", "We don't.", "Nó không."). */
  private static final Set<String> ANSWER_SUBJECTS = Set.of("it", "this", "that", "we", "they", "coffee", "ours", "mine",
      "no", "nope", "sadly", "unfortunately", "honestly", "well", "nah", "kem", "nay", "san", "sp", "minh", "ben", "da");
  /** Negated auxiliaries typed whole ("doesnt", "cannot", "không"); the stems of "doesn't" ({@link #NT_STEMS}) need their "t". */
  private static final Set<String> NEGATED_AUX = Set.of("doesnt", "dont", "wont", "cant", "isnt", "arent", "cannot", "not",
      "never", "khong", "chang");

  /**
   * True when the claim at normalised [ns, ne) lies in a short question ({@link TextNormalizer#topicQuestionBreak})
   * that the next sentence answers with a denial ({@link #NO_ANSWERS}, or a subject and a negated auxiliary: "It
   * doesn't."), not a pseudo-denial ("No doubt!", "Not only that..."). The answer's words read end within
   * {@link TermSet#OUTPUT_NEAR_MAX} chars of the claim's start, inside the rail's span; the question's break is a
   * streaming release point only once the answer has ended (TextNormalizer), so nothing is released before.
   */
  static boolean answeredNo(NormalizedText nt, int ns, int ne) {
    return answeredNo(nt, ns, ne, false);
  }

  /**
   * True when the claim at original [os, oe) (normalised [ns, ne)) is quoted or reported ("Many ask us "does it cure
   * acne?"", "Some sites say "cures acne"") in a sentence that ends with the closing quotation mark
   * ({@link TextNormalizer#quoteBreak}), and the next sentence answers with a denial as {@link #answeredNo} reads it
   * ("Short answer: no.", "We don't."): the question or the saying is mentioned, not made. Such a break is a streaming
   * release point only once the answer has ended (TextNormalizer), and the answer is read within
   * {@link TermSet#OUTPUT_NEAR_MAX} chars of the claim's start.
   */
  static boolean quotedAnsweredNo(String text, NormalizedText nt, int ns, int ne, int os, int oe) {
    return (quoted(text, os, oe) || quotedAround(text, os, oe) || LexiconRail.insideQuote(text, os) || reportedBefore(nt, ns))
        && answeredNo(nt, ns, ne, true);
  }

  private static boolean answeredNo(NormalizedText nt, int ns, int ne, boolean afterQuote) {
    int limit = Math.min(nt.length(), ns + TermSet.OUTPUT_NEAR_MAX);
    int b = ne;
    while (b < limit && nt.chars[b] != TextNormalizer.BREAK) {
      b++;
    }
    if (b >= limit || !(afterQuote ? TextNormalizer.quoteBreak(nt, b) : TextNormalizer.topicQuestionBreak(nt, b))) {
      return false;
    }
    // the answer's first words, within the limit
    int e = b + 1;
    int words = 0;
    while (e < limit && words < (afterQuote ? 6 : 4)) { // "Câu trả lời là không": six words after a quote
      if (nt.chars[e] == TextNormalizer.BREAK) {
        break;
      }
      if (nt.chars[e] == ' ') {
        words++;
      }
      e++;
    }
    String answer = word(nt, b + 1, e).trim();
    if (e == limit && e < nt.length() && nt.chars[e] != ' ' && nt.chars[e] != TextNormalizer.BREAK) {
      int sp = answer.lastIndexOf(' ');
      answer = sp < 0 ? "" : answer.substring(0, sp); // a word cut at the limit is not read
    }
    if (answer.isEmpty() || startsWithAny(answer, ANSWER_PSEUDO) || startsWithAny(answer, AMAZEMENT)) {
      return false;
    }
    if (startsWithAny(answer, NO_ANSWERS)) {
      return true;
    }
    String[] w = answer.split(" ");
    for (int i = 0; i + 1 < w.length && i < 3; i++) {
      if (ANSWER_SUBJECTS.contains(w[i]) && (NEGATED_AUX.contains(w[i + 1]) || (i + 2 < w.length && w[i + 2].equals("t")
          && NT_STEMS.contains(w[i + 1])))) {
        return true;
      }
    }
    return false;
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

  /** Negation words that praise after a claim ("... nothing else comes close", "none better"). */
  private static final String[] PRAISE_AFTER = {"nothing else", "nothing comes close", "none better", "nothing beats",
      "no one else", "nobody else", "khong dau bang", "khong gi bang", "khong ai bang", "chang gi bang"};

  /** Words by which a speaker keeps away from a quoted or reported claim ("The phrase "burns fat" ...; we avoid it"). */
  private static final Set<String> AVOIDING = Set.of("avoid", "avoids", "avoiding", "banned", "forbidden", "prohibited",
      "misleading", "untrue", "false", "myth", "myths", "scam", "tranh");

  /** A negation trigger or an avoiding word among the {@link #LONG_SCOPE} words after normalised {@code ne} in its sentence. */
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
      boolean trig = (TRIGGERS.contains(word) && typedAsTrigger(word, text, nt, s, k)) || (word.equals("t") && NT_STEMS.contains(prev));
      if (trig && (prev.equals("like") || prev.equals("than") || startsWithAny(wordsFrom(nt, s, 3), PSEUDO_PHRASES)
          || startsWithAny(wordsFrom(nt, s, 3), PRAISE_AFTER))) {
        trig = false; // "like nothing else", "better than nothing", "no doubt": praise, not a denial
      }
      if (trig && QUESTION_PARTICLES.contains(word) && (questionMarkAfter(text, nt.origEnd(k - 1))
          || w == 0 && k < nt.length() && LexiconRail.clauseBreak(text, nt.origEnd(k - 1), nt.origStart(Math.min(k + 1,
          nt.length() - 1))))) {
        trig = false; // "có chữa khỏi mụn không?", "hỏi có chữa khỏi mụn không, có nha": the question's particle
      }
      if (trig && !deniesTheClaim(text, nt, s, k)) {
        trig = false; // "... and never dries your skin", "... no fragrance either", "... lại không bết": another word negated
      }
      if (trig || AVOIDING.contains(word)) {
        return true;
      }
      prev = word;
      e = k;
    }
    return false;
  }

  /*
   * A negation after a reported or quoted claim denies the claim only when nothing but a denial's words follow it in
   * its clause (breaker b5): "It doesn't, but it soothes", "we can't confirm that", "there's no proof", "câu trả lời
   * là không nha", "không đúng đâu"; a content word after it is what it negates ("never dries your skin", "no
   * fragrance", "không bết", "without any side effects"). The trigger's first word after it is looked at (the "t" of
   * "can t" skipped): constant work.
   */
  private static final Set<String> DENIAL_TAIL = Set.of(
      "it", "that", "this", "so", "true", "really", "quite", "exactly", "at", "all", "confirm", "confirmed",
      "verify", "verified", "proof", "proven", "evidence", "study", "studies", "research", "data", "case", "way",
      "thing", "cure", "cures", "work", "works", "working", "do", "does", "we", "they",
      "i", "you", "agree", "claim", "claims", "say", "says", "believe", "trust", "sure", "promise", "guarantee",
      "correct", "right", "one", "ever", "likely", "have", "has", "be", "is", "are", "dau", "nha", "nhe", "co",
      "phai", "dung", "vay", "han", "luon", "chua", "khoi", "tin", "he", "bao", "chac", "chung", "bang", "xac",
      "kiem", "ai", "nao", "gi", "nghe", "nen", "hieu", "tac", "duoc", "ha", "nhen", "ne", "day", "hoan", "100",
      "noi", "chinh", "khang", "wahr", "vrai", "cierto", "verdad", "stimmt", "pas", "nicht",
      // verbs of making, selling or backing the claim ("a claim we can't make", "we don't sell one")
      "make", "made", "sell", "sold", "offer", "stock", "carry", "back", "support", "endorse", "recommend", "state",
      "print", "write", "use", "allow", "allowed", "legal", "accurate", "valid", "legit", "honest", "scientific",
      "supported", "backed", "possible", "realistic", "ban", "lam", "dam");

  private static final Set<String> DETERMINERS = Set.of("any", "a", "an", "the", "such", "one", "single");

  private static boolean deniesTheClaim(String text, NormalizedText nt, int s, int k) {
    int e = k;
    String w = word(nt, s, k);
    for (int hop = 0; hop < 3; hop++) {
      if (e >= nt.length() || nt.chars[e] != ' ') {
        return true; // the sentence ends after the trigger
      }
      int ns = e + 1;
      int ne = ns;
      while (ne < nt.length() && nt.chars[ne] != ' ' && nt.chars[ne] != TextNormalizer.BREAK) {
        ne++;
      }
      if (ne == ns || LexiconRail.clauseBreak(text, nt.origEnd(e - 1), nt.origStart(ns))) {
        return true; // the clause ends after the trigger ("It doesn't, but ...")
      }
      String next = word(nt, ns, ne);
      if (hop < 2 && (next.equals("t") && NT_STEMS.contains(w) || DETERMINERS.contains(next))) {
        e = ne; // "can t confirm", "isn t any proof", "without any irritation": the word after
        w = next;
        continue;
      }
      return DENIAL_TAIL.contains(next);
    }
    return true;
  }

  /** Vietnamese negation words that close a yes/no question ("có ... không?", "... chưa?", "... hông?"). */
  private static final Set<String> QUESTION_PARTICLES = Set.of("khong", "hong", "hem", "chua", "kg", "khg");

  /** True when a question mark follows original {@code oe}, past at most 3 spaces, quotes or particles' punctuation. */
  private static boolean questionMarkAfter(String text, int oe) {
    for (int i = oe; i < text.length() && i < oe + 4; i++) {
      char c = text.charAt(i);
      if (c == '?' || c == '\uff1f') {
        return true;
      }
      if (!(c == ' ' || c == '"' || c == '\u201d' || c == '\'' || c == '\u2019' || c == '\u00bb')) {
        return false;
      }
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

  /**
   * {@link #hasPost} over the words after [.., ne) in its clause (at most 10 words) that end within
   * {@link TermSet#OUTPUT_NEAR_MAX} normalised chars of {@code ne}: the streaming guard holds back at least that many
   * chars after a match before the match is final, so the words read are there when it decides.
   */
  private static boolean postInClauseWithin(String text, NormalizedText nt, int ne) {
    StringBuilder after = new StringBuilder();
    int e = ne;
    for (int w = 0; w < 10 && e < nt.length() && nt.chars[e] == ' '; w++) {
      int s = e + 1;
      int k = s;
      while (k < nt.length() && nt.chars[k] != ' ' && nt.chars[k] != TextNormalizer.BREAK) {
        k++;
      }
      if (k == s || k > ne + TermSet.OUTPUT_NEAR_MAX || LexiconRail.clauseBreak(text, nt.origEnd(e - 1), nt.origStart(s))) {
        break;
      }
      if (after.length() > 0) {
        after.append(' ');
      }
      after.append(nt.chars, s, k - s);
      e = k;
    }
    return after.length() > 0 && hasPost(after.toString());
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
      "hem", Set.of("hem", "hẻm"),
      "dau", Set.of("đâu", "dau"),
      // Vietnamese "nó" (it) folds to "no": "Nó chữa khỏi mụn" asserts
      "no", Set.of("no"));

  /**
   * Triggers that, typed without diacritics, are as often another common word ("dung": đừng don't / dùng use,
   * "dùng kem này chữa khỏi mụn"; "chua": chưa not yet / chữa cure, "chua tri dut diem"): plain, they negate only
   * before one of these words ("dung tin", "chua co", "chua thay").
   */
  private static final java.util.Map<String, Set<String>> PLAIN_NEXT = java.util.Map.of(
      "dung", Set.of("tin", "nghe", "mong", "ky", "hy", "hi", "nghi", "tuong", "mua", "lo", "so", "voi", "bao", "qua", "hong", "ao",
          "dung", "xai", "noi", "hua", "ki"),
      "chua", Set.of("co", "he", "tung", "thay", "biet", "chac", "bao", "ro", "ai", "nghe", "dung", "thu", "xai", "hieu", "kiem",
          "nghien", "chung"));
  /** Words after a plain "no" that make it Vietnamese "nó" (it) typed without diacritics: "no chua khoi mun" asserts. */
  private static final Set<String> VI_AFTER_NO = Set.of("chua", "tri", "giup", "lam", "se", "da", "dang", "thi", "la", "rat",
      "cung", "van", "con", "chi", "hieu", "tot", "that", "thuc", "duoc", "dieu", "xoa", "tan", "tieu", "khong", "ko",
      "hong", "chang", "day", "do", "nay", "kia", "ma", "cu", "moi", "vua", "hay", "thiet", "lai");

  /** True when the trigger word at normalised [s, e) was typed as a negation (see {@link #TYPED_FORMS}, {@link #PLAIN_NEXT}). */
  private static boolean typedAsTrigger(String word, String text, NormalizedText nt, int s, int e) {
    Set<String> forms = TYPED_FORMS.get(word);
    if (forms == null) {
      return true;
    }
    if (word.equals("no") && plainTyped(text, nt, s, e)) {
      return !VI_AFTER_NO.contains(firstWord(nt, Math.min(nt.length(), e + 1)));
    }
    Set<String> nextOk = PLAIN_NEXT.get(word);
    if (nextOk != null && plainTyped(text, nt, s, e)) {
      return nextOk.contains(firstWord(nt, Math.min(nt.length(), e + 1)));
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

  /**
   * True when the word at normalised [s, e) was typed bare: its original letters, lower-cased, are the normalised
   * word ("chua", "dung", "no"), with no diacritic and no Telex or VNI mark ("chuwa" is chưa, "dduwngf" đừng).
   */
  private static boolean plainTyped(String text, NormalizedText nt, int s, int e) {
    int os = nt.origStart(s);
    int oe = nt.origEnd(e - 1);
    if (oe - os != e - s) {
      return false;
    }
    for (int i = 0; i < e - s; i++) {
      char c = text.charAt(os + i);
      if (c > 0x7F || Character.toLowerCase(c) != nt.chars[s + i]) {
        return false;
      }
    }
    return true;
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
      if (REPORTING.contains(word) && !GREETING_OBJECTS.contains(firstWord(nt, we + 1))) {
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
