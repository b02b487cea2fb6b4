package com.personaruntime.guardrails.rails.lexicon;

import com.personaruntime.guardrails.text.TextNormalizer;
import com.personaruntime.guardrails.text.WordFolds;

import com.personaruntime.guardrails.Direction;
import com.personaruntime.guardrails.PolicyConfig;
import com.personaruntime.guardrails.RuleIds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import com.google.re2j.Pattern;

/*
 * A set of terms compiled into one Aho–Corasick automaton, plus regex rules over normalised text.
 * Two exist per check: the SHIPPED set (every lexicon, built once per JVM, terms tagged with their
 * group such as "health" or "politics" so a policy selects groups at match time) and the POLICY
 * set (the persona's own terms). Both scans are linear in the text, independent of term count
 * (WordTrie: a walk a word at a time from word starts, one hash probe per word; fallbacks
 * AhoCorasick#scanWordStarts, a character walk from word starts, capped, then the full scan).
 */
final class TermSet {
  /**
   * Pseudo rule of the other words and other senses of a rule's words ({@code exceptions/}: compounds such as
   * "sửa chữa", "giá trị", "manicure"): suppresses every match it partly overlaps, a persona's own term's too.
   */
  static final String EXCEPTION = "exception";
  /**
   * Pseudo rule of the harmless contexts of a SHIPPED rule's words ({@code contexts/}: "acne-prone skin",
   * "cancer research", "vote for your favourite shade"): the word is used in its own sense, so it suppresses
   * only a shipped match it partly overlaps, never a persona's own term (the brand's choice wins).
   */
  static final String CONTEXT = "context";
  /**
   * Pseudo rule of the innocent look-alikes of injection entries ({@code exceptions/injection.LANG.txt}): an exception
   * that applies to INPUT only, so these longer phrases ("why are you being so rude", "answer only with the word yes or
   * no") neither lengthen the streaming hold-back of the output direction nor suppress anything in a reply.
   */
  static final String INPUT_EXCEPTION = "input_exception";
  /**
   * Pseudo rule of a claim word's other senses ("curing time", "cure the gel", "salt-cured salmon"):
   * unlike an exception, it suppresses only a match that lies wholly inside it, so "UV cure for acne"
   * keeps its claim "cure for acne". Never a finding by itself.
   */
  static final String SENSE = "sense";
  /**
   * Pseudo rule of the phrases by which the persona says it IS an AI ("I'm an AI assistant", "mình là
   * trợ lý ảo"): an elliptic denial in the same sentence ("I'm an AI assistant, not a bot!") is then
   * not a claim to be human. Never a finding by itself.
   */
  static final String AI_SELF = "ai_self";

  /** Anchor bits of an entry: {@code ^} (it opens a clause) and {@code $} (it closes one, not with '?'). */
  static final int CLAUSE_START = 1;
  static final int CLAUSE_END = 2;

  /**
   * Normalised chars from the START of an anchored honesty match within which an AI
   * self-identification after it still clears it ("Not a bot: an AI assistant."). The same as
   * {@link #OUTPUT_NEAR_MAX}, so the look-ahead never lengthens the streaming guard's hold-back.
   */
  static final int AI_SELF_SPAN = 50;

  /**
   * A term: rule, display form (the term as written for the rules whose messages name it, else the detail:
   * {@link Builder#showsDisplay}), group (regulated-claim set or topic; null for always-on), strict
   * syllables, and for the two parts of a proximity entry ({@code A ~N~ B}) the entry's index in
   * {@link #near} and the part (0 = A, 1 = B); {@code near == -1} for a plain term.
   */
  record Term(String ruleId, String term, String group, String detail, String[][] strict, int near, int part, int anchors) {
    Term(String ruleId, String term, String group, String detail, String[][] strict) {
      this(ruleId, term, group, detail, strict, -1, 0, 0);
    }
  }

  /**
   * A proximity entry {@code A ~N~ B} of a lexicon: phrase A, then at most N words, then phrase B,
   * in one sentence. It spans at most {@code maxNorm} normalised chars: gap words longer than
   * {@link #MAX_GAP_WORD} chars break the window, so the span is bounded by construction.
   */
  record Near(String ruleId, String display, String group, String detail, int gap, int maxNorm, int anchors,
      boolean acrossTopicQuestion, boolean noNegationInGap) {
    Near(String ruleId, String display, String group, String detail, int gap, int maxNorm, int anchors,
        boolean acrossTopicQuestion) {
      this(ruleId, display, group, detail, gap, maxNorm, anchors, acrossTopicQuestion, false);
    }
  }

  /** Longest word (normalised chars) that may sit in the gap of a proximity entry. */
  static final int MAX_GAP_WORD = 24;

  /**
   * Longest match (normalised chars) of a proximity entry of an output rule: about the longest
   * plain output term, so proximity entries do not lengthen the streaming guard's hold-back.
   */
  static final int OUTPUT_NEAR_MAX = 50;

  final List<Near> near;

  /** Shipped set: proximity-entry ids of the self templates' entries, per file, in order; empty elsewhere. */
  final Map<String, int[]> selfNear;

  /**
   * {@link Term#part()} of a head found by a persona's own set that pairs with a proximity entry of
   * the SHIPPED set (a persona's name as the subject of a self template: {@link Builder#selfHeads}).
   */
  static final int SHIPPED_HEAD = 2;

  /** A regex rule over normalised text, compiled with RE2/J (linear time, no backtracking). */
  record Regex(String ruleId, Pattern pattern) {
  }

  /**
   * The patterns as a character automaton: the lexicon rail's fallback when the word walk gives up, and its walks
   * that are not word by word (names in pieces, hashtag affixes: the persona's own set). Null for a set built by
   * {@link Builder#buildWordWalkOnly()} whose word walk cannot give up ({@link #WALK_MAX_WORDS}).
   */
  final AhoCorasick automaton;
  /** The same patterns walked a word at a time (the lexicon rail's fast path), or null when they do not allow it. */
  final WordTrie words;
  /**
   * Most words of a pattern for a set to do without its character automaton: the word walk from each word
   * start takes at most this many probes, and a text of {@code len} chars has at most {@code (len + 1) / 2}
   * word starts, so it stays within the rail's budget of {@code 8 * len + 64} probes whatever the text.
   */
  static final int WALK_MAX_WORDS = 16;
  /** Each pattern's length in normalised chars. */
  private final short[] patternLength;
  final Term[][] terms;
  final List<Regex> regexes;
  private final int[] maxLenByDirection = new int[Direction.values().length];

  private TermSet(Map<String, List<Term>> byNorm, List<Regex> regexes, List<Near> near, Map<String, int[]> selfNear,
      boolean characterWalks) {
    this.near = List.copyOf(near);
    this.selfNear = Map.copyOf(selfNear);
    List<String> patterns = new ArrayList<>(byNorm.keySet());
    this.terms = new Term[patterns.size()][];
    Map<List<Term>, Term[]> shared = new java.util.HashMap<>();
    for (int i = 0; i < patterns.size(); i++) {
      List<Term> ts = byNorm.get(patterns.get(i));
      // the terms of many patterns are the same Terms (one lexicon line's expansions): one array for them
      terms[i] = shared.computeIfAbsent(ts, k -> k.toArray(new Term[0]));
      for (Term t : ts) {
        for (Direction d : Direction.values()) {
          if (t.ruleId().equals(INPUT_EXCEPTION) ? d == Direction.INPUT
              : pseudo(t.ruleId()) || RuleIds.defaults(t.ruleId()).directions().contains(d)) {
            int len = patterns.get(i).length();
            if (t.anchors() != 0 && t.ruleId().equals(RuleIds.HONESTY)) {
              len = Math.max(len, AI_SELF_SPAN); // the look-ahead for an AI self-identification is part of its span
            }
            maxLenByDirection[d.ordinal()] = Math.max(maxLenByDirection[d.ordinal()], len);
          }
        }
      }
    }
    this.regexes = List.copyOf(regexes);
    for (Near nr : near) {
      for (Direction d : RuleIds.defaults(nr.ruleId()).directions()) {
        int len = nr.anchors() != 0 && nr.ruleId().equals(RuleIds.HONESTY) ? Math.max(nr.maxNorm(), AI_SELF_SPAN) : nr.maxNorm();
        maxLenByDirection[d.ordinal()] = Math.max(maxLenByDirection[d.ordinal()], len);
      }
    }
    for (Regex r : regexes) {
      for (Direction d : RuleIds.defaults(r.ruleId()).directions()) {
        maxLenByDirection[d.ordinal()] = Math.max(maxLenByDirection[d.ordinal()], LexiconRail.REGEX_MAX);
      }
    }
    this.patternLength = new short[patterns.size()];
    for (int i = 0; i < patterns.size(); i++) {
      int len = patterns.get(i).length();
      if (len > Short.MAX_VALUE) {
        throw new IllegalArgumentException("lexicon term longer than " + Short.MAX_VALUE + " chars: '"
            + patterns.get(i).substring(0, 40) + "...'");
      }
      patternLength[i] = (short) len;
    }
    this.words = WordTrie.build(patterns, ' ', TextNormalizer.BREAK);
    boolean wordsSuffice = !characterWalks && words != null && words.maxWords() <= WALK_MAX_WORDS;
    this.automaton = wordsSuffice ? null : new AhoCorasick(patterns);
  }

  /** Length in normalised chars of pattern {@code p}. */
  int patternLength(int p) {
    return patternLength[p];
  }

  /** True for the pseudo rules that are never findings themselves (exceptions, AI self-identification). */
  static boolean pseudo(String ruleId) {
    return ruleId.equals(EXCEPTION) || ruleId.equals(CONTEXT) || ruleId.equals(INPUT_EXCEPTION) || ruleId.equals(AI_SELF)
        || ruleId.equals(SENSE);
  }

  int maxLen(Direction d) {
    return maxLenByDirection[d.ordinal()];
  }

  int size() {
    return terms.length;
  }

  private static volatile TermSet shipped;

  /** Every shipped lexicon; built on first use (lexicons are read once per JVM). */
  static TermSet shipped() {
    TermSet s = shipped;
    if (s == null) {
      synchronized (TermSet.class) {
        s = shipped;
        if (s == null) {
          shipped = s = buildShipped();
        }
      }
    }
    return s;
  }

  /**
   * Languages with an injection lexicon but no other lexicon (claims, honesty...): their input is
   * matched against it, and is still judged by the learned detector and flagged when it is unsure.
   * pl, tr and id hold the core moves only; the learned detector stays their main judge (their "unsure" threshold is
   * that of the languages without a lexicon, see {@code LanguageId.hasInputLexicon}).
   */
  public static final List<String> INJECTION_ONLY_LANGUAGES = List.of("de", "fr", "es", "it", "pt", "ru", "pl", "tr", "id");

  /**
   * Languages whose output lexicons (health claims, topics to avoid, honesty) apply to every reply whatever the
   * persona's languages, since a reply may switch language: en and vi in full, de/fr/es for health claims, politics and
   * honesty, it (breaker b9) for health claims and honesty.
   */
  static final List<String> OUTPUT_ALSO_LANGUAGES = List.of("en", "vi", "de", "fr", "es", "it");

  /** True when the shipped set of this JVM was compiled from the build's {@link ShippedImage}, false when collected anew. */
  static volatile boolean shippedFromImage;

  /**
   * Compiles the shipped set from the terms the build collected ({@link ShippedImage}), or, without a valid image,
   * collects them from the lexicons first ({@link #collectShipped()}, 6-10 s of CPU). The same set either way.
   */
  private static TermSet buildShipped() {
    Builder b = ShippedImage.read();
    shippedFromImage = b != null;
    return (b != null ? b : collectShipped()).buildWordWalkOnly();
  }

  /** Reads, expands and normalises every shipped lexicon: the terms of the shipped set, not yet compiled. */
  static Builder collectShipped() {
    Builder b = new Builder();
    for (String set : PolicyConfig.REGULATED_CLAIM_SETS) {
      // de/fr/es: a reply may switch language ("senkt den Cholesterinspiegel"); only health has such files (a missing
      // file is empty)
      for (String lang : OUTPUT_ALSO_LANGUAGES) {
        b.lexicon(RuleIds.FORBIDDEN_CLAIM, "claims/" + set + "." + lang + ".txt", set, "regulated " + set + " claim");
      }
    }
    for (String topic : Builder.SHIPPED_TOPICS) {
      // de/fr/es: output text is not restricted to the persona's languages ("Wählt die Grünen!", "Votez pour ...");
      // only politics has such files today (a missing file is empty)
      for (String lang : OUTPUT_ALSO_LANGUAGES) {
        b.lexicon(RuleIds.AVOID_TOPIC, "topics/" + topic + "." + lang + ".txt", topic, "topic to avoid: " + topic);
      }
    }
    b.selfTemplates(null);
    for (String lang : List.of("de", "fr", "es", "it")) {
      // "Ich bin ein echter Mensch", "Je suis une vraie personne", "Soy una persona real", "Sono una persona vera" (and their AI self-identifications,
      // which clear an anchored denial in the same sentence)
      b.lexicon(RuleIds.HONESTY, "honesty/" + lang + ".txt", null, "claims to be human / denies being an AI");
      b.lexicon(AI_SELF, "honesty/ai_self." + lang + ".txt", null, "identifies as an AI");
    }
    for (String lang : List.of("en", "vi")) {
      b.lexicon(RuleIds.HONESTY, "honesty/" + lang + ".txt", null, "claims to be human / denies being an AI");
      b.lexicon(AI_SELF, "honesty/ai_self." + lang + ".txt", null, "identifies as an AI");
      b.lexicon(RuleIds.FAKE_EXPERIENCE, "fake_experience/" + lang + ".txt", null, "claims personal experience with a product");
      b.lexicon(RuleIds.PROMPT_INJECTION, "injection/" + lang + ".txt", null, "prompt injection / jailbreak attempt");
      b.lexicon(EXCEPTION, "exceptions/" + lang + ".txt", null, "innocent phrase");
      b.lexicon(INPUT_EXCEPTION, "exceptions/injection." + lang + ".txt", null, "innocent look-alike of an injection");
      b.lexicon(SENSE, "senses/" + lang + ".txt", null, "another sense of a claim word");
      b.lexicon(CONTEXT, "contexts/" + lang + ".txt", null, "harmless context of a shipped rule's word");
    }
    // input-only injection lexicons of languages without the other lexicons (and their look-alikes)
    for (String lang : INJECTION_ONLY_LANGUAGES) {
      b.lexicon(RuleIds.PROMPT_INJECTION, "injection/" + lang + ".txt", null, "prompt injection / jailbreak attempt");
      b.lexicon(EXCEPTION, "exceptions/" + lang + ".txt", null, "innocent phrase");
      b.lexicon(INPUT_EXCEPTION, "exceptions/injection." + lang + ".txt", null, "innocent look-alike of an injection");
    }
    return b;
  }

  /** Collects terms; {@link #build()} compiles them. */
  static final class Builder {
    static final List<String> SHIPPED_TOPICS = List.of("politics", "religion", "gambling");
    /** The collected patterns and their terms, proximity entries and regexes ({@link ShippedImage} writes and reads them). */
    final Map<String, List<Term>> byNorm = new LinkedHashMap<>();
    final List<Regex> regexes = new ArrayList<>();
    final List<Near> near = new ArrayList<>();

    void lexicon(String rule, String path, String group, String detail) {
      entries(rule, Lexicons.load(path), group, detail);
    }

    /**
     * Adds the first-person templates of {@code honesty/self.*.txt} and {@code fake_experience/self.*.txt}
     * with their subject slots filled: {@code @be} (English "I am": "(i m|im|i am)", or a persona's
     * name with a copula, "Milo is", "This is Milo,") and {@code @i} (the bare subject: English "i",
     * Vietnamese "(mình|tôi|em|tớ|tui|mk)", or the name).
     *
     * @param name a persona's name, or null for the shipped pronoun subjects
     */
    void selfTemplates(String name) {
      if (name != null) {
        throw new IllegalArgumentException("selfTemplates: use selfHeads for a persona's name");
      }
      for (String[] f : SELF_FILES) {
        Map<String, String> slots = f[1].endsWith(".en.txt") ? Map.of("@be", "(i m|im|i am)", "@i", "i")
            : Map.of("@be", VI_SELF, "@i", VI_SELF);
        List<String> es = Lexicons.loadTemplate(f[1], slots);
        int[] ids = new int[es.size()];
        for (int k = 0; k < es.size(); k++) {
          if (!es.get(k).startsWith(Lexicons.NEAR)) {
            throw new IllegalArgumentException("lexicon " + f[1] + ": every entry must be a proximity entry 'A ~N~ B' with its"
                + " subject slot in A, got '" + es.get(k) + "'");
          }
          ids[k] = near.size();
          entries(f[0], List.of(es.get(k)), null, f[2]);
        }
        selfNear.put(f[1], ids);
      }
    }

    /**
     * Adds, for a persona's name, the heads of the shipped self templates with the name as their
     * subject ({@code @be}: "Milo is", "Milo's", "This is Milo,", "I'm Milo,", "Milo here";
     * {@code @i}: "Milo"; Vietnamese: "Linh"), as heads of the SHIPPED proximity entries
     * ({@link #SHIPPED_HEAD}): the tails (the complements) are not compiled again per policy.
     */
    void selfHeads(String name, TermSet shippedSet) {
      String n = name.replace("(", " ").replace(")", " ").replace("|", " ").replace("@", " ").trim();
      Map<String, String> en = Map.of("@be", "(" + n + " is|" + n + " s|this is " + n + "|it s " + n + "|i m " + n + "|here s "
          + n + "|" + n + " here)", "@i", n);
      Map<String, String> vi = Map.of("@be", n, "@i", n);
      for (String[] f : SELF_FILES) {
        List<String> es = Lexicons.loadTemplate(f[1], f[1].endsWith(".en.txt") ? en : vi);
        int[] ids = shippedSet.selfNear.get(f[1]);
        if (ids == null || ids.length != es.size()) {
          throw new IllegalStateException("self template " + f[1] + ": entries differ from the shipped set's");
        }
        for (int k = 0; k < es.size(); k++) {
          String[] p = es.get(k).substring(Lexicons.NEAR.length()).split("\u0000", 3);
          String head = p[1].trim();
          if (head.startsWith("^ ")) {
            head = head.substring(2);
          }
          for (String a : Lexicons.expand(head)) {
            // a head too long to pair within the entry's capped span is left out: it could never match,
            // and it would lengthen the streaming hold-back
            if (TextNormalizer.normalize(a).length() <= SELF_HEAD_MAX) {
              add(f[0], a, a, null, f[2], ids[k], SHIPPED_HEAD, 0);
            }
          }
        }
      }
    }

    /** Longest head (normalised chars) of a self template with a persona's name: the rest of {@link #OUTPUT_NEAR_MAX} is the tail's. */
    static final int SELF_HEAD_MAX = OUTPUT_NEAR_MAX - 10;

    /** The self template files: rule, path, detail. */
    private static final String[][] SELF_FILES = {
        {RuleIds.HONESTY, "honesty/self.en.txt", "claims to be human / denies being an AI"},
        {RuleIds.HONESTY, "honesty/self.vi.txt", "claims to be human / denies being an AI"},
        {RuleIds.FAKE_EXPERIENCE, "fake_experience/self.en.txt", "claims personal experience with a product"},
        {RuleIds.FAKE_EXPERIENCE, "fake_experience/self.vi.txt", "claims personal experience with a product"}};

    /** Shipped proximity-entry ids of each self template's entries, in file order (see {@link #selfHeads}). */
    final Map<String, int[]> selfNear = new LinkedHashMap<>();

    /** The Vietnamese first-person subjects of the shipped self templates. */
    static final String VI_SELF = "(mình|tôi|em|tớ|tui|mk)";

    private void entries(String rule, List<String> entries, String group, String detail) {
      List<String> res = new ArrayList<>();
      for (String entry : entries) {
        if (entry.startsWith(Lexicons.NEAR)) {
          String[] p = entry.substring(Lexicons.NEAR.length()).split("\u0000", 3);
          // "~?N~": may cross a topic question ("Eczema? Not anymore!")
          boolean topic = p[0].startsWith("?");
          int gap = Integer.parseInt(topic ? p[0].substring(1) : p[0]);
          int anchors = 0;
          String head = p[1].trim();
          String tail = p[2].trim();
          if (head.startsWith("^ ")) {
            anchors |= CLAUSE_START;
            head = head.substring(2);
          }
          if (tail.endsWith(" $")) {
            anchors |= CLAUSE_END;
            tail = tail.substring(0, tail.length() - 2);
          }
          int span = nearParts(rule, Lexicons.expand(head), Lexicons.expand(tail), gap, group, detail);
          if (RuleIds.defaults(rule).directions().contains(Direction.OUTPUT)) {
            // an output entry lengthens the streaming hold-back by its span: capped, a longer match is not one
            span = Math.min(span, OUTPUT_NEAR_MAX);
          }
          near.add(new Near(rule, shorten(head) + " ... " + shorten(tail), group, detail, gap, span, anchors, topic,
              negationInGapEnds));
          continue;
        }
        if (entry.startsWith("re:")) {
          res.add("(?:" + entry.substring(3).trim() + ")");
        } else {
          int anchors = 0;
          String e = entry;
          if (e.startsWith("^ ")) {
            anchors |= CLAUSE_START;
            e = e.substring(2).trim();
          }
          if (e.endsWith(" $")) {
            anchors |= CLAUSE_END;
            e = e.substring(0, e.length() - 2).trim();
          }
          add(rule, e, e, group, detail, -1, 0, anchors);
        }
      }
      if (!res.isEmpty()) {
        regexes.add(new Regex(rule, Pattern.compile(String.join("|", res))));
      }
    }

    /** A long alternation shown by its first alternative: "(say goodbye to|…)" (finding messages stay short). */
    static String shorten(String part) {
      if (part.length() <= 40) {
        return part;
      }
      int s = 0;
      while (s < part.length() && part.charAt(s) == '(') {
        s++;
      }
      int e = s;
      while (e < part.length() && part.charAt(e) != '|' && part.charAt(e) != ')') {
        e++;
      }
      return "(" + part.substring(s, e).trim() + "|\u2026)";
    }

    /**
     * Adds the entries of a paraphrase block ({@link Lexicons#blocks}) for a persona's own term: rule {@code rule},
     * no group (always on), {@code detail} naming the term they paraphrase.
     */
    void paraphrases(String rule, List<String> blockEntries, String detail) {
      // a negation between a paraphrase's parts is a disclaimer ("Results are not guaranteed", "Whitening is not permanent")
      negationInGapEnds = true;
      try {
        entries(rule, blockEntries, null, detail);
      } finally {
        negationInGapEnds = false;
      }
    }

    /** While true, the proximity entries added do not pair across a negation ({@link Near#noNegationInGap()}). */
    private boolean negationInGapEnds;

    /** Adds a persona term and its English inflections (cure -> cures, cured, curing). */
    void withInflections(String rule, String term, String group, String detail) {
      inflections(rule, term, term, group, detail);
      // leetspeak '1' folds to 'i', but is also typed for 'l' ("G1owCo"): add the l->i skeleton
      String li = term.replace('l', 'i').replace('L', 'I');
      if (!li.equals(term)) {
        inflections(rule, li, term, group, detail);
      }
      // a multi-word term typed without spaces (or with invisible separators): "rẻbèo", "ripoff", "ripoffs"
      if (term.trim().indexOf(' ') > 0) {
        add(rule, term.replace(" ", ""), term, group, detail);
      }
      String glued = TermVariants.glued(term);
      if (glued != null && !glued.equals(term.replace(" ", ""))) {
        inflections(rule, glued, term, group, detail);
      }
      variants(rule, term, group, detail);
      // a name written in pieces: "GlowCo" is also "Glow Co", "glow co", "Glow-Co"
      String split = camelSplit(term);
      if (!split.equals(term)) {
        inflections(rule, split, term, group, detail);
      }
    }

    /** The other forms of a persona's term ({@link TermVariants}): inflections and compounds, name forms, spellings. */
    private void variants(String rule, String term, String group, String detail) {
      List<String> plain = new ArrayList<>();
      if (rule.equals(RuleIds.FORBIDDEN_CLAIM)) {
        TermVariants.Forms f = TermVariants.englishClaim(term);
        plain.addAll(f.plain());
        for (TermVariants.Near nv : f.near()) {
          nearVariant(rule, nv.heads(), nv.tails(), nv.gap(), term, group, detail);
        }
      }
      if (rule.equals(RuleIds.COMPETITOR)) {
        // a name's forms (suffixes, spellings, typos: ~40 per name) take a plural at most ("two Cupful Coffees"), not the
        // verb endings of inflections(): "cupful coffee companying" is no form of a name, and the crossing was most of a
        // 1,000-term policy's patterns (70,690 of 86,321)
        for (String v : TermVariants.competitor(term)) {
          add(rule, v, term, group, detail);
          String plural = TermVariants.plural(v);
          if (plural != null) {
            add(rule, plural, term, group, detail);
          }
        }
      }
      plain.addAll(TermVariants.vietnamese(term));
      for (String v : plain) {
        inflections(rule, v, term, group, detail);
        if (v.indexOf(' ') > 0) {
          add(rule, v.replace(" ", ""), term, group, detail); // "fatburning", "beanbros"
        }
      }
    }

    /**
     * A proximity variant of a persona's term: a head, at most {@code gap} words that are no negation
     * ({@link TermVariants#GAP_NEGATORS}), then a tail, in one clause ("burns belly fat").
     */
    private void nearVariant(String rule, List<String> heads, List<String> tails, int gap, String display, String group,
        String detail) {
      int span = Math.min(nearParts(rule, heads, tails, gap, group, detail), OUTPUT_NEAR_MAX);
      near.add(new Near(rule, display, group, detail, gap, span, 0, false, true));
    }

    /**
     * Adds the heads (part 0) and tails (part 1) of the proximity entry about to be added as {@code near}'s
     * next one; returns its uncapped span in normalised chars (longest head + longest tail + the gap's words).
     */
    private int nearParts(String rule, List<String> heads, List<String> tails, int gap, String group, String detail) {
      int id = near.size();
      int maxA = 0;
      int maxB = 0;
      for (String a : heads) {
        maxA = Math.max(maxA, add(rule, a, a, group, detail, id, 0, 0));
      }
      for (String b : tails) {
        maxB = Math.max(maxB, add(rule, b, b, group, detail, id, 1, 0));
      }
      return maxA + maxB + (gap + 1) * (MAX_GAP_WORD + 1) + 1;
    }

    /** "GlowCo" -> "Glow Co", "iPhone15" -> "i Phone 15": a space at lower-to-upper and letter-digit changes. */
    static String camelSplit(String term) {
      StringBuilder sb = new StringBuilder(term.length() + 4);
      for (int i = 0; i < term.length(); i++) {
        char c = term.charAt(i);
        if (i > 0) {
          char p = term.charAt(i - 1);
          if ((Character.isUpperCase(c) && Character.isLowerCase(p))
              || (Character.isDigit(c) && Character.isLetter(p)) || (Character.isLetter(c) && Character.isDigit(p))) {
            sb.append(' ');
          }
        }
        sb.append(c);
      }
      return sb.toString();
    }

    private void inflections(String rule, String term, String display, String group, String detail) {
      add(rule, term, display, group, detail);
      int sp = term.lastIndexOf(' ');
      String last = term.substring(sp + 1);
      if (last.length() >= 3 && last.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
        String low = last.toLowerCase(Locale.ROOT);
        List<String> suffixes = List.of("s", "es", "ed", "ing");
        if (low.endsWith("e")) {
          suffixes = List.of("s", "d");
          add(rule, term.substring(0, term.length() - 1) + "ing", display, group, detail);
        } else if (low.endsWith("y")) {
          add(rule, term.substring(0, term.length() - 1) + "ies", display, group, detail);
        }
        for (String s : suffixes) {
          add(rule, term + s, display, group, detail);
        }
      }
    }

    void add(String rule, String raw, String display, String group, String detail) {
      add(rule, raw, display, group, detail, -1, 0, 0);
    }

    /** @return the normalised length of the added term (0 when it has nothing to match) */
    int add(String rule, String raw, String display, String group, String detail, int nearId, int part, int anchors) {
      String norm = TextNormalizer.normalize(raw).toString().replace(TextNormalizer.BREAK, ' ').trim();
      if (norm.isEmpty()) {
        return 0;
      }
      // single-letter words of an entry ("i m a human") are joined by the normaliser like a word
      // typed in split letters ("ima human"); text typed "I'm a human" keeps them apart: match both
      if (raw.indexOf(' ') > 0) {
        // four spaces: the normaliser joins single letters split by up to three ("c  u  r  e")
        String apart = TextNormalizer.normalize(raw.replace(" ", "    ")).toString().replace(TextNormalizer.BREAK, ' ').trim();
        if (!apart.isEmpty() && !apart.equals(norm)) {
          addKey(apart, rule, raw, display, group, detail, nearId, part, anchors);
        }
      }
      // stretched text has its letter runs collapsed ("guaranteeeed" -> "guaranted"): match that too
      String collapsed = WordFolds.collapseDoubles(norm);
      if (!collapsed.equals(norm) && collapsed.length() >= 4) {
        addKey(collapsed, rule, raw, display, group, detail, nearId, part, anchors);
      }
      return addKey(norm, rule, raw, display, group, detail, nearId, part, anchors);
    }

    private int addKey(String norm, String rule, String raw, String display, String group, String detail, int nearId, int part,
        int anchors) {
      List<Term> list = byNorm.computeIfAbsent(norm, k -> new ArrayList<>(1));
      String[][] strict = strict(raw);
      boolean shown = showsDisplay(rule);
      String d = shown ? display : detail;
      for (Term t : list) {
        if (t.ruleId().equals(rule) && t.near() == nearId && t.part() == part && t.anchors() == anchors
            && (shown ? t.term().equals(display)
                : t.strict() == strict && java.util.Objects.equals(t.group(), group) && java.util.Objects.equals(t.detail(), detail))) {
          return norm.length();
        }
      }
      Term t = new Term(rule, d, group, detail, strict, nearId, part, anchors);
      Term shared = termPool.putIfAbsent(t, t);
      list.add(shared == null ? t : shared);
      return norm.length();
    }

    /**
     * True for the rules whose finding message names the term's display form ({@link LexiconRail}'s message):
     * banned terms, competitors, forbidden claims, topics. The other rules' terms keep their {@code detail} as
     * display, so the hundreds of thousands of expansions of one lexicon line share one {@link Term}.
     */
    static boolean showsDisplay(String rule) {
      return rule.equals(RuleIds.BANNED_TERM) || rule.equals(RuleIds.COMPETITOR) || rule.equals(RuleIds.FORBIDDEN_CLAIM)
          || rule.equals(RuleIds.AVOID_TOPIC);
    }

    /**
     * The strict syllables of {@code raw} ({@link LexiconRail#strictSyllables}), one shared array per distinct
     * sequence, its syllables shared too (the shipped lexicons' ~870,000 syllables are ~1,700 distinct strings).
     */
    private String[][] strict(String raw) {
      String[][] s = LexiconRail.strictSyllables(raw);
      if (s == null) {
        return null;
      }
      String[] syl = s[0];
      for (int i = 0; i < syl.length; i++) {
        String x = syllablePool.putIfAbsent(syl[i], syl[i]);
        if (x != null) {
          syl[i] = x;
        }
      }
      return strictPool.computeIfAbsent(java.util.Arrays.asList(syl), k -> s);
    }

    /** Shared {@link Term}s, syllables and syllable arrays of this builder (records compare strict arrays by reference). */
    private final Map<Term, Term> termPool = new java.util.HashMap<>();
    private final Map<String, String> syllablePool = new java.util.HashMap<>();
    private final Map<List<String>, String[][]> strictPool = new java.util.HashMap<>();

    /** The set with its character automaton, for every walk of the lexicon rail (a persona's own terms). */
    TermSet build() {
      return new TermSet(byNorm, regexes, near, selfNear, true);
    }

    /**
     * The set for the word walk only (the shipped lexicons, a persona name's heads): without the character
     * automaton when the word walk can stand alone (at most {@link #WALK_MAX_WORDS} words per pattern), which is
     * about half of the shipped set's heap (2.2 million states). Same matches as {@link #build()}.
     */
    TermSet buildWordWalkOnly() {
      return new TermSet(byNorm, regexes, near, selfNear, false);
    }
  }
}
