package com.personaruntime.guardrails.rails.lexicon;

import com.google.re2j.Matcher;
import com.personaruntime.guardrails.Action;
import com.personaruntime.guardrails.Direction;
import com.personaruntime.guardrails.Finding;
import com.personaruntime.guardrails.PolicyConfig;
import com.personaruntime.guardrails.RuleIds;
import com.personaruntime.guardrails.rails.Rail;
import com.personaruntime.guardrails.rails.RailContext;
import com.personaruntime.guardrails.rails.RailInput;
import com.personaruntime.guardrails.text.HashtagSegmenter;
import com.personaruntime.guardrails.text.NormalizedText;
import com.personaruntime.guardrails.text.TextChars;
import com.personaruntime.guardrails.text.TextNormalizer;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/*
 * The lexicon rail. Lexical rules live in two Aho–Corasick automata (see TermSet): the shipped
 * lexicons (built once per JVM, data under the resources folder of this package) and the persona's
 * terms. A check is two word walks over the normalised text (WordTrie: one hash probe per word,
 * linear, independent of the number of terms; the character walk of the automaton as fallback),
 * proximity pairs, exceptions, negation and mention, and the few RE2/J entries.
 *
 * A match counts only at word boundaries of the normalised text. A Vietnamese term (one with
 * diacritics) matched in text typed WITH diacritics must agree syllable by syllable: "chưa khỏi"
 * (not yet cured) is not "chữa khỏi" (cures), "đang" is not "đảng"; a syllable typed without
 * diacritics matches any. Exception phrases ("sửa chữa", "không phải ai cũng") suppress a match
 * they partly overlap.
 */
/**
 * Lexicons (shipped and the persona's), proximity entries, exceptions, negation and mention: rules
 * {@code banned_term}, {@code competitor}, {@code forbidden_claim}, {@code avoid_topic},
 * {@code honesty}, {@code fake_experience}, {@code prompt_injection}. Its span is in normalised
 * characters: the longest term, proximity window or regex entry of a direction, plus one.
 */
public final class LexiconRail extends Rail {
  /** Longest match of a normalised-text regex rule; the streaming guard holds back at least this. */
  static final int REGEX_MAX = 80;

  /** Per-thread scratch of the word-start walk (hits buffered before they are reported). */
  private static final ThreadLocal<int[]> HIT_BUF = ThreadLocal.withInitial(() -> new int[64]);
  private final ThreadLocal<int[]> hitBuf = HIT_BUF;
  private final TermSet shipped;
  private final TermSet own;
  /** True when the persona names competitors ({@link #squeezed} runs only then). */
  private final boolean hasCompetitors;
  /**
   * The self-template heads with the persona's name(s) as subject ({@link TermSet.Builder#selfHeads}),
   * one set per name, shared by every policy of that name through {@link #NAME_HEADS}.
   */
  private final TermSet[] names;
  private final Set<String> groups;
  /** Normalised words of the brand's and persona's own names (PolicyConfig.ownNames, allowed domains' first labels). */
  private final Set<String> ownWords;

  /*
   * The rule gate of a term's rule id: a pseudo rule (TermSet.pseudo) or, per direction, whether the policy
   * has the rule active. Every hit of the word walks asks this for each of its terms; the terms carry the
   * RuleIds / TermSet constants, so the known ids are found by reference (a few compares) instead of five
   * String.equals and a map lookup. An id not among them (none today) is judged the long way, with the same result.
   */
  private static final int PSEUDO = 1;
  private final String[] gateIds;
  private final int[] gateBits;

  /** @return the gate bits of rule id {@code ruleId}: {@link #PSEUDO}, {@link #activeBit} per direction it is active in */
  private int gate(String ruleId) {
    String[] ids = gateIds;
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] == ruleId) {
        return gateBits[i];
      }
    }
    return gateOf(ruleId);
  }

  private int gateOf(String ruleId) {
    if (TermSet.pseudo(ruleId)) {
      return PSEUDO;
    }
    int bits = 0;
    for (Direction d : Direction.values()) {
      if (policy.active(ruleId, d)) {
        bits |= activeBit(d);
      }
    }
    return bits;
  }

  private static int activeBit(Direction d) {
    return 2 << d.ordinal();
  }

  /** True when a term of rule {@code ruleId} may be a finding in direction {@code dir}: no pseudo rule, and active. */
  private boolean findingIn(String ruleId, Direction dir) {
    return (gate(ruleId) & activeBit(dir)) != 0;
  }

  public LexiconRail(RailContext policy, PolicyConfig config) {
    super(policy, "lexicon", SpanUnit.NORMALISED, RuleIds.BANNED_TERM, RuleIds.COMPETITOR, RuleIds.FORBIDDEN_CLAIM,
        RuleIds.AVOID_TOPIC, RuleIds.HONESTY, RuleIds.FAKE_EXPERIENCE, RuleIds.PROMPT_INJECTION);
    this.shipped = TermSet.shipped();
    this.hasCompetitors = !config.competitors().isEmpty();
    Set<String> g = new java.util.HashSet<>(config.regulatedClaims());
    TermSet.Builder b = new TermSet.Builder();
    for (String t : config.bannedTerms()) {
      b.withInflections(RuleIds.BANNED_TERM, t, null, "banned term");
    }
    for (String t : config.competitors()) {
      b.withInflections(RuleIds.COMPETITOR, t, null, "competitor");
    }
    Set<Lexicons.Block> paraphrased = new java.util.HashSet<>();
    for (String t : config.forbiddenClaims()) {
      b.withInflections(RuleIds.FORBIDDEN_CLAIM, t, null, "forbidden claim");
      // the same claim in other words ("melts fat", "shed pounds" for "burns fat"): paraphrases/families.txt
      String key = TextNormalizer.normalize(t).toString().replace(TextNormalizer.BREAK, ' ').trim();
      for (Lexicons.Block block : Lexicons.blocks(PARAPHRASES)) {
        if (block.keys().contains(key) && paraphrased.add(block)) {
          b.paraphrases(RuleIds.FORBIDDEN_CLAIM, block.entries(), "a paraphrase of the forbidden claim '" + t + "'");
        }
      }
    }
    for (String topic : config.avoidTopics()) {
      String key = topic.toLowerCase(Locale.ROOT);
      if (TermSet.Builder.SHIPPED_TOPICS.contains(key)) {
        g.add(key);
      } else {
        b.withInflections(RuleIds.AVOID_TOPIC, topic, null, "topic to avoid: " + topic);
      }
    }
    List<TermSet> named = new java.util.ArrayList<>();
    for (String name : config.personaNames()) {
      // the persona's name as a first-person subject ("Linh là người thật", "This is Milo, a real barista")
      String key = TextNormalizer.normalize(name).toString().trim();
      if (key.length() >= 2 && key.length() <= PERSONA_NAME_MAX) {
        named.add(NAME_HEADS.get(key, k -> {
          TermSet.Builder nb = new TermSet.Builder();
          nb.selfHeads(name, shipped);
          return nb.buildWordWalkOnly();
        }));
      }
    }
    this.names = named.toArray(new TermSet[0]);
    this.groups = Set.copyOf(g);
    // the lexicons' own rules and pseudo rules first (the ids the walks ask for), then every other rule
    List<String> ids = new ArrayList<>(List.of(RuleIds.FORBIDDEN_CLAIM, RuleIds.HONESTY, RuleIds.FAKE_EXPERIENCE,
        RuleIds.PROMPT_INJECTION, TermSet.EXCEPTION, TermSet.CONTEXT, TermSet.SENSE, TermSet.AI_SELF, TermSet.INPUT_EXCEPTION,
        RuleIds.AVOID_TOPIC, RuleIds.BANNED_TERM, RuleIds.COMPETITOR));
    for (String id : RuleIds.all()) {
      if (!ids.contains(id)) {
        ids.add(id);
      }
    }
    this.gateIds = ids.toArray(new String[0]);
    this.gateBits = new int[gateIds.length];
    for (int i = 0; i < gateIds.length; i++) {
      gateBits[i] = gateOf(gateIds[i]);
    }
    this.own = b.build();
    Set<String> ow = new java.util.HashSet<>();
    for (String name : config.ownNames()) {
      addWords(ow, name);
    }
    for (String d : config.allowedLinkDomains()) {
      int dot = d.indexOf('.');
      addWords(ow, dot > 0 ? d.substring(0, dot) : d);
    }
    this.ownWords = Set.copyOf(ow);
  }

  private static void addWords(Set<String> into, String name) {
    for (String w : TextNormalizer.normalize(name).toString().split("[ \n]+")) {
      if (w.length() >= 2) {
        into.add(w);
      }
    }
  }

  /**
   * Longest persona name (normalised chars) used as a subject of the self templates; a longer one is
   * not (it would lengthen the streaming guard's hold-back).
   */
  static final int PERSONA_NAME_MAX = 24;

  /**
   * The compiled self-template heads of a persona name (normalised), shared across policies: a name
   * expands to 9,000-15,000 head patterns (0.5-1 s to compile on a 2-core machine), so a persona's
   * new version, a reload after publish or a second persona of the same name reuses them. Held weakly:
   * the cache keeps a name's heads only while some policy uses them (about 3.7 MB of heap per name), so
   * it never pins more than the policies themselves do.
   */
  private static final com.github.benmanes.caffeine.cache.Cache<String, TermSet> NAME_HEADS =
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder().weakValues().build();

  /** The compiled heads of a persona name when a policy compiled them and they are still cached, else null. */
  static TermSet cachedHeads(String name) {
    return NAME_HEADS.getIfPresent(TextNormalizer.normalize(name).toString().trim());
  }

  /** The paraphrase blocks of persona claims, by meaning (see the file's header). */
  static final String PARAPHRASES = "paraphrases/families.txt";

  /** Loads and compiles the shipped lexicons now (about a second, once per JVM). */
  public static void preload() {
    TermSet.shipped();
  }

  /** @return the number of distinct normalised patterns of the shipped lexicons (compiling them on first use) */
  public static int shippedPatternCount() {
    return TermSet.shipped().size();
  }

  /** @return the number of distinct normalised patterns of the persona's own terms */
  public int patternCount() {
    return own.size();
  }

  @Override
  public int maxSpan(Direction d) {
    // a persona term matched across the pieces of a split name spans at most one space per char
    int span = Math.max(Math.max(shipped.maxLen(d), own.maxLen(d)), 2 * Math.min(own.maxLen(d), JOINED_MAX));
    for (TermSet n : names) {
      span = Math.max(span, n.maxLen(d));
    }
    if (d == Direction.OUTPUT) {
      span = Math.max(span, ENDORSE_MAX); // "vote Smith" and the words read after the name
    }
    return span + 1;
  }

  /**
   * Longest span (normalised chars) of a named endorsement from the verb's start, the words read
   * after the name included: {@link TermSet#OUTPUT_NEAR_MAX}, so it never lengthens the hold-back.
   */
  static final int ENDORSE_MAX = TermSet.OUTPUT_NEAR_MAX;
  private static final Set<String> ENDORSE_VERBS = Set.of("vote", "elect", "reelect", "votes", "elects",
      // French and Spanish imperatives ("Votez pour Dupont dimanche !", "Vota por García el domingo")
      "votez", "votons", "vota", "voten", "votad", "votemos");
  private static final Set<String> ENGLISH_VOTE_VERBS = Set.of("vote", "elect", "reelect", "votes", "elects", "with", "support",
      "supports", "supporting", "back", "backs", "backing", "behind", "team");
  /** German "wählt" (folded "wahlt"): also "choose" ("Wählt eure Lieblingssorte"), so a name needs election context after it. */
  private static final Set<String> CHOOSE_VOTE_VERBS = Set.of("wahlt", "wahlen", "wahle", "waehlt", "waehlen");
  /** Prepositions and articles read between a French, Spanish or German voting verb and the name ("pour", "por", "die"). */
  private static final Set<String> VERB_PREPOSITIONS = Set.of("pour", "por", "po", "a", "al", "fur", "fuer", "die", "den",
      "der"); // "po": the Telex fold reads Spanish "por" as "pỏ"
  /** Function words skipped (not counted) when looking for election context after a name ("in the primary", "am Sonntag"). */
  private static final Set<String> CONTEXT_FILLERS = Set.of("in", "the", "this", "next", "on", "at", "am", "im", "au", "le",
      "la", "el", "en", "ce", "este", "esta", "diesen", "diesem", "dieser", "zum", "beim", "de", "du", "des", "del", "lors",
      "upcoming", "coming");
  /** Supporter groups of a slogan "GROUP for NAME!" ("Coffee lovers for Bernie!", "Baristas for Kim!"). */
  private static final Set<String> SUPPORTER_GROUPS = Set.of("lovers", "fans", "drinkers", "moms", "mums", "dads", "parents",
      "veterans", "vets", "students", "women", "men", "workers", "teachers", "nurses", "farmers", "christians", "catholics",
      "evangelicals", "latinos", "latinas", "americans", "seniors", "millennials", "scientists", "doctors", "lawyers", "baristas",
      "roasters", "patriots", "conservatives", "progressives", "democrats", "republicans", "independents", "voters", "families",
      "bikers", "gamers", "artists", "musicians", "athletes", "nerds", "geeks", "foodies", "truckers", "miners", "unions",
      "immigrants", "grandmas", "grandpas", "youth", "neighbors", "neighbours", "friends", "owners", "entrepreneurs");
  /** Vietnamese titles before a name after "bầu" ("Bầu anh Ba đi mọi người ơi"). */
  private static final Set<String> VI_TITLES = Set.of("anh", "chi", "ong", "ba", "co", "chu", "bac", "thay", "em", "di", "cau",
      "mo", "dong");
  /** Words after "bầu TITLE Name" that make it a call to vote: particles of a request, a post ("đi", "nha", "làm"). */
  private static final Set<String> VI_CALL_AFTER = Set.of("di", "nha", "nhe", "nghen", "nhen", "ha", "voi", "lam", "vao", "len",
      "nao", "oi", "nhiem", "dac", "trung", "nhi", "ne");
  /** Capitalised words after "vote" that are not a candidate's name ("Vote Now!", "Vote Here"). */
  private static final Set<String> NOT_A_NAME = Set.of("for", "against", "now", "here", "today", "tonight", "tomorrow", "early",
      "online", "in", "on", "at", "by", "the", "a", "an", "our", "your", "my", "this", "that", "these", "those", "it", "them",
      "him", "her", "us", "me", "yes", "no", "best", "top", "all", "every", "again", "with", "and", "or", "to", "please",
      "below", "above", "soon", "button", "link", "poll", "count", "results", "result", "closes", "close", "ends", "is", "was",
      "who", "which", "what", "how", "when", "where", "why", "whatever", "whoever", "one", "two", "three", "once", "twice",
      "up", "down", "out", "off", "via", "daily", "weekly", "free", "fast", "anonymously");
  /** Words after the name that make it an election ("Vote Smith on Tuesday", "Elect Tran this November"). */
  private static final Set<String> ELECTION_CONTEXT = Set.of("monday", "tuesday", "wednesday", "thursday", "friday",
      "saturday", "sunday", "november", "election", "elections", "primary", "primaries", "runoff", "ballot", "polls", "year",
      "fall", "autumn", "better", "change", "future", "mayor", "president", "governor", "senate", "senator", "congress",
      "council", "office", "parliament", "district", "state", "city", "country", "nation", "america", "vietnam", "people",
      "caucus", "caucuses", "midterms", "midterm",
      // French, Spanish, German days and elections ("dimanche", "el domingo", "am Sonntag")
      "dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "domingo", "lunes", "martes", "miercoles",
      "jueves", "viernes", "sabado", "sonntag", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag",
      "eleccion", "elecciones", "primaire", "primaires", "primarias", "presidentielle", "municipales", "legislatives",
      "mairie", "alcaldia", "alcalde", "presidencia", "presidente", "wahl", "bundestagswahl", "landtagswahl", "europawahl",
      "kommunalwahl", "stichwahl", "burgermeister", "kanzler", "kanzlerin", "bundestag");

  /** Words after "vote" that make it a poll of products or content, not of a candidate ("Vote Glow Serum!"). */
  private static final Set<String> POLL_WORDS = Set.of("serum", "serums", "cream", "creams", "mask", "masks", "shade", "shades",
      "colour", "color", "colours", "colors", "scent", "scents", "collection", "kit", "kits", "set", "sets", "look", "looks",
      "edition", "flavour", "flavor", "flavours", "flavors", "bottle", "design", "designs", "option", "options", "pick", "picks",
      "favourite", "favorite", "favourites", "favorites", "winner", "style", "styles", "lipstick", "toner", "cleanser",
      "sunscreen", "lotion", "oil", "balm", "gel", "palette", "product", "products", "item", "items", "photo", "photos", "pic",
      "pics", "video", "videos", "post", "posts", "song", "songs", "outfit", "outfits", "episode", "logo", "packaging", "launch",
      "drop", "bundle", "combo", "box", "routine", "challenge", "contest", "giveaway", "poll", "survey", "entry", "entries",
      // shades (not the party colours red and blue)
      "pink", "nude", "coral", "peach", "rose", "berry", "mauve", "gold", "silver", "matte", "glossy", "shimmer", "cherry");
  /** Capitalised words before a year that name a season, an event or a product line, not a candidate ("Summer 2028!"). */
  private static final Set<String> YEAR_NOT_NAME = Set.of("spring", "summer", "autumn", "fall", "winter", "january", "february",
      "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "tet", "christmas",
      "xmas", "easter", "halloween", "noel", "valentine", "valentines", "holiday", "holidays", "expo", "olympics", "olympic",
      "games", "cup", "fest", "festival", "summit", "awards", "conference", "con", "marathon", "tour", "season", "class",
      "cohort", "batch", "line", "lineup", "sale", "sales", "lookbook", "trend", "trends", "goals", "vision", "plan", "roadmap",
      "vintage", "model", "version", "release", "update", "calendar", "budget", "report", "forecast", "catalog", "catalogue",
      "review", "recap", "wrapped", "resolutions", "graduation", "grad", "wedding", "anniversary", "birthday", "year", "new",
      "happy", "welcome", "hello", "goodbye", "bye", "since", "est", "world", "vietnam", "asia", "europe", "paris", "london",
      "tokyo", "milan", "seoul", "hanoi", "saigon", "la", "dubai", "brisbane", "edition", "issue", "vol", "volume", "part",
      "chapter", "week", "month", "quarter", "fashion", "beauty", "skincare", "glow", "copyright", "founded", "established",
      "from", "until", "through", "circa",
      // origins and places, which name coffees, teas and collections ("Coffee lovers for Ethiopia!", "Kenya 2028")
      "ethiopia", "colombia", "kenya", "brazil", "guatemala", "sumatra", "java", "yirgacheffe", "sidamo", "honduras", "peru",
      "rwanda", "burundi", "tanzania", "uganda", "yemen", "jamaica", "kona", "hawaii", "panama", "mexico", "nicaragua",
      "bolivia", "ecuador", "india", "indonesia", "laos", "thailand", "china", "japan", "korea", "france", "italy", "spain",
      "portugal", "germany", "africa", "america", "dalat", "buon", "sapa", "hue", "danang", "portland", "seattle");
  /** Words right before "with" that make it standing with someone ("I'm with Smith", "we stand with Tran"). */
  private static final Set<String> WITH_SUBJECT = Set.of("m", "im", "am", "re", "are", "stand", "stands", "standing", "were",
      "was");
  /** Support verbs that name a candidate only with election context after the name ("Support Tran this November"). */
  private static final Set<String> SUPPORT_VERBS = Set.of("with", "support", "supports", "supporting", "back", "backs",
      "backing", "behind", "team");

  /** {@link #ENDORSE_VERBS}, {@link #SUPPORT_VERBS} and {@link #WITH_SUBJECT} as arrays: the word walk compares chars, no String per word. */
  private static final String[] ENDORSE_VERB_LIST = ENDORSE_VERBS.toArray(new String[0]);
  private static final String[] SUPPORT_VERB_LIST = SUPPORT_VERBS.toArray(new String[0]);
  private static final String[] WITH_SUBJECT_LIST = WITH_SUBJECT.toArray(new String[0]);
  private static final String[] CHOOSE_VOTE_LIST = CHOOSE_VOTE_VERBS.toArray(new String[0]);
  private static final String[] SUPPORTER_GROUP_LIST = SUPPORTER_GROUPS.toArray(new String[0]);

  /** True when normalised word [s, e) ("bau") was typed "bầu" or plain "bau" (not "báu" precious, "bàu" pond). */
  private static boolean typedBau(String text, NormalizedText nt, int s, int e) {
    String w = Normalizer.normalize(text.substring(nt.origStart(s), nt.origEnd(e - 1)), Normalizer.Form.NFC)
        .toLowerCase(Locale.ROOT);
    return w.equals("bầu") || w.equals("bau");
  }

  /**
   * Normalised end of a slogan "GROUP for NAME" whose "for" is at [fs, fe) ("Coffee lovers for Bernie!"): one or two
   * capitalised name words ({@link #candidateName}) that close the clause (not a question); else -1.
   */
  private int groupSloganEnd(String text, NormalizedText nt, int fs, int fe) {
    char[] c = nt.chars;
    int n = nt.length();
    int limit = Math.min(n, fs + ENDORSE_MAX);
    int pos = fe;
    int nameEnd = -1;
    for (int k = 0; k < 2 && pos < limit && c[pos] == ' '; k++) {
      int s = pos + 1;
      int e = s;
      while (e < limit && c[e] != ' ' && c[e] != TextNormalizer.BREAK) {
        e++;
      }
      if (e == s || (e == limit && limit < n) || !candidateName(text, nt, s, e)
          || clauseBreak(text, nt.origEnd(pos - 1), nt.origStart(s))) {
        break;
      }
      nameEnd = e;
      pos = e;
    }
    return nameEnd > 0 && clauseEndsAfter(text, nt.origEnd(nameEnd - 1)) ? nameEnd : -1;
  }

  /**
   * Normalised end of a Vietnamese call to vote "bầu TITLE Name" after "bầu" at [bs, be) ("Bầu anh Ba đi mọi người
   * ơi", "bầu chị Lan nha"): a title ({@link #VI_TITLES}), one to three words capitalised in the original (not the
   * brand's names), then the clause's end or a request particle or post word ({@link #VI_CALL_AFTER}) right after;
   * else -1. Pregnancy ("mẹ bầu chị Lan") is left to the exceptions.
   */
  private int viCallToVoteEnd(String text, NormalizedText nt, int bs, int be) {
    char[] c = nt.chars;
    int n = nt.length();
    int limit = Math.min(n, bs + ENDORSE_MAX);
    int pos = be;
    if (pos >= limit || c[pos] != ' ') {
      return -1;
    }
    int ts = pos + 1;
    int te = ts;
    while (te < limit && c[te] != ' ' && c[te] != TextNormalizer.BREAK) {
      te++;
    }
    if (te == ts || !VI_TITLES.contains(new String(c, ts, te - ts))) {
      return -1;
    }
    if (te - ts == 4 && new String(c, ts, 4).equals("dong")) {
      // "đồng chí": the title's second syllable
      int s2 = te + 1;
      int e2 = s2;
      while (e2 < limit && c[e2] != ' ' && c[e2] != TextNormalizer.BREAK) {
        e2++;
      }
      if (te >= limit || c[te] != ' ' || !new String(c, s2, e2 - s2).equals("chi")) {
        return -1;
      }
      te = e2;
    }
    pos = te;
    int nameEnd = -1;
    for (int k = 0; k < 3 && pos < limit && c[pos] == ' '; k++) {
      int s = pos + 1;
      int e = s;
      while (e < limit && c[e] != ' ' && c[e] != TextNormalizer.BREAK) {
        e++;
      }
      if (e == s || (e == limit && limit < n) || !allLetters(c, s, e) || !Character.isUpperCase(text.charAt(nt.origStart(s)))
          || ownWords.contains(new String(c, s, e - s)) || clauseBreak(text, nt.origEnd(pos - 1), nt.origStart(s))) {
        break;
      }
      nameEnd = e;
      pos = e;
    }
    if (nameEnd < 0) {
      return -1;
    }
    if (clauseEndsAfter(text, nt.origEnd(nameEnd - 1))) {
      return nameEnd;
    }
    int s = nameEnd + 1;
    int e = s;
    while (e < limit && c[e] != ' ' && c[e] != TextNormalizer.BREAK) {
      e++;
    }
    if (nameEnd < limit && c[nameEnd] == ' ' && e > s && !(e == limit && limit < n)
        && VI_CALL_AFTER.contains(new String(c, s, e - s)) && !clauseBreak(text, nt.origEnd(nameEnd - 1), nt.origStart(s))) {
      return e;
    }
    return -1;
  }

  /** {@code Set.of(words).contains(new String(c, s, len))}, without building the string. */
  private static boolean oneOf(String[] words, char[] c, int s, int len) {
    for (String w : words) {
      if (w.length() == len) {
        int k = 0;
        while (k < len && w.charAt(k) == c[s + k]) {
          k++;
        }
        if (k == len) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Endorsements of a named person: (1) a voting verb, then one to three words capitalised in the
   * original text (a name, not "Vote Now"), then the end of the clause or election context within two
   * words ("on Tuesday", "this November", "for a better city", a year) — a single name typed in lower
   * case counts at a clause end too ("vote smith!"); (2) "I'm with", "we stand with", "support",
   * "back", "team" and a capitalised name, only with election context after it ("I'm with Smith
   * this November", "Team Tran 2028"); (3) a campaign slogan: a clause that is a capitalised name and
   * a year ("Smith 2028!", "#Smith2028", "Jane Smith 2030"). A name of the brand or the persona
   * ({@link PolicyConfig#ownNames()}) or a product or content word ("Vote Lumière!", "Vote Glow
   * Serum!") is a poll; a season, event or product line before a year ("Summer 2028!", "Expo 2028")
   * is no candidate. Poll votes that go on with other words ("Vote Lumière Glow as your favourite
   * serum") are not endorsements either. Linear: one walk over the words, constant work per word.
   */
  private void namedEndorsements(String text, NormalizedText nt, List<Match> matches) {
    char[] c = nt.chars;
    int n = nt.length();
    int i = 0;
    int p1s = -1;
    int p1e = -1;
    int p2s = -1;
    int p2e = -1;
    while (i < n) {
      if (c[i] == ' ' || c[i] == TextNormalizer.BREAK) {
        if (c[i] == TextNormalizer.BREAK) {
          p1s = -1;
          p2s = -1;
        }
        i++;
        continue;
      }
      int s = i;
      while (i < n && c[i] != ' ' && c[i] != TextNormalizer.BREAK) {
        i++;
      }
      int len = i - s;
      int end = -1;
      int from = s;
      if (len >= 4 && len <= 7 && (c[s] == 'v' || c[s] == 'e' || c[s] == 'r') && oneOf(ENDORSE_VERB_LIST, c, s, len)) {
        end = namedEndorsementEnd(text, nt, s, i, false);
      } else if (len >= 5 && len <= 7 && c[s] == 'w' && oneOf(CHOOSE_VOTE_LIST, c, s, len)) {
        end = namedEndorsementEnd(text, nt, s, i, true);
      } else if (len == 3 && c[s] == 'f' && c[s + 1] == 'o' && c[s + 2] == 'r' && p1s >= 0
          && oneOf(SUPPORTER_GROUP_LIST, c, p1s, p1e - p1s) && !clauseBreak(text, nt.origEnd(p1e - 1), nt.origStart(s))) {
        from = p1s;
        end = groupSloganEnd(text, nt, s, i);
      } else if (len == 3 && c[s] == 'b' && c[s + 1] == 'a' && c[s + 2] == 'u' && typedBau(text, nt, s, i)) {
        end = viCallToVoteEnd(text, nt, s, i);
      } else if (len >= 4 && len <= 10 && (c[s] == 'w' || c[s] == 's' || c[s] == 'b' || c[s] == 't')
          && oneOf(SUPPORT_VERB_LIST, c, s, len)
          && (c[s] != 'w' || (p1s >= 0 && oneOf(WITH_SUBJECT_LIST, c, p1s, p1e - p1s)))) {
        end = namedEndorsementEnd(text, nt, s, i, true);
      } else if (len == 4 && p1s >= 0 && isYear(text, nt, s, i)) {
        from = sloganStart(text, nt, p1s, p1e, p2s, p2e, s);
        if (from >= 0 && clauseEndsAfter(text, nt.origEnd(i - 1))) {
          end = i;
        }
      }
      if (end > 0) {
        matches.add(new Match(nt.origStart(from), nt.origEnd(end - 1),
            new TermSet.Term(RuleIds.AVOID_TOPIC, "vote <name>", "politics", "topic to avoid: politics", null), from, end));
      }
      p2s = p1s;
      p2e = p1e;
      p1s = s;
      p1e = i;
    }
  }

  /** True when normalised word [s, e) is a year 2000-2099 typed as digits in the original ("2028"; "#Smith2028" folds it to "2o2b"). */
  private static boolean isYear(String text, NormalizedText nt, int s, int e) {
    int os = nt.origStart(s);
    int oe = nt.origEnd(e - 1);
    if (oe - os != 4 || text.charAt(os) != '2' || text.charAt(os + 1) != '0') {
      return false;
    }
    return Character.isDigit(text.charAt(os + 2)) && Character.isDigit(text.charAt(os + 3));
  }

  /**
   * Start of a campaign slogan's name before a year at normalised {@code ys}: the word before it
   * [p1s, p1e) (and the one before that, [p2s, p2e), when it is capitalised too) — capitalised in the
   * original, letters only, no season, event, product or own name — opening its clause; else -1.
   */
  private int sloganStart(String text, NormalizedText nt, int p1s, int p1e, int p2s, int p2e, int ys) {
    if (!candidateName(text, nt, p1s, p1e) || clauseBreak(text, nt.origEnd(p1e - 1), nt.origStart(ys))) {
      return -1;
    }
    int from = p1s;
    if (p2s >= 0 && candidateName(text, nt, p2s, p2e) && !clauseBreak(text, nt.origEnd(p2e - 1), nt.origStart(p1s))) {
      from = p2s;
    }
    return anchorsHold(TermSet.CLAUSE_START, text, nt, from, nt.origStart(from), nt.origEnd(p1e - 1)) ? from : -1;
  }

  private boolean candidateName(String text, NormalizedText nt, int s, int e) {
    if (e - s < 2 || e - s > 20 || !allLetters(nt.chars, s, e) || !Character.isUpperCase(text.charAt(nt.origStart(s)))) {
      return false;
    }
    String w = new String(nt.chars, s, e - s);
    return !YEAR_NOT_NAME.contains(w) && !POLL_WORDS.contains(w) && !NOT_A_NAME.contains(w) && !ownWords.contains(w)
        && !ELECTION_CONTEXT.contains(w) && !ENDORSE_VERBS.contains(w);
  }

  /**
   * Normalised end of the name after a voting or support verb at [vs, ve), or -1 when it is no
   * endorsement. A support verb needs election context after the name; a voting verb also counts at
   * a clause end.
   */
  private int namedEndorsementEnd(String text, NormalizedText nt, int vs, int ve, boolean needContext) {
    char[] c = nt.chars;
    int n = nt.length();
    int limit = Math.min(n, vs + ENDORSE_MAX);
    int pos = ve;
    int names = 0;
    int nameEnd = -1;
    boolean lowerName = false;
    boolean foreign = !ENGLISH_VOTE_VERBS.contains(new String(c, vs, ve - vs)); // votez, vota, wählt ...
    if (foreign && pos < limit && c[pos] == ' ') {
      // one preposition or article between a French, Spanish or German verb and the name ("Votez pour Dupont")
      int s = pos + 1;
      int e = s;
      while (e < limit && c[e] != ' ' && c[e] != TextNormalizer.BREAK) {
        e++;
      }
      if (e > s && VERB_PREPOSITIONS.contains(new String(c, s, e - s)) && !clauseBreak(text, nt.origEnd(pos - 1), nt.origStart(s))) {
        pos = e;
      }
    }
    // up to three capitalised name words in the same sentence (one name typed in lower case counts
    // at a clause end after a voting verb, "vote smith!", or with election context after it)
    while (names < 3 && !lowerName && pos < limit && c[pos] == ' ') {
      int s = pos + 1;
      int e = s;
      while (e < limit && c[e] != ' ' && c[e] != TextNormalizer.BREAK) {
        e++;
      }
      if (e == s || e - s > 20 || (e == limit && limit < n)) {
        break;
      }
      char first = text.charAt(nt.origStart(s));
      String w = new String(c, s, e - s);
      if (ownWords.contains(w) || POLL_WORDS.contains(w)) {
        return -1; // "Vote Lumière!", "Vote Glow Serum!": a poll
      }
      if (NOT_A_NAME.contains(w) || ELECTION_CONTEXT.contains(w) || !allLetters(c, s, e)
          || LexiconRail.clauseBreak(text, nt.origEnd(pos - 1), nt.origStart(s))
          || (names > 0 && !Character.isUpperCase(first))) {
        break;
      }
      if (!Character.isUpperCase(first)) {
        if (!Character.isLowerCase(first) || needContext) {
          break;
        }
        lowerName = true;
      }
      names++;
      nameEnd = e;
      pos = e;
    }
    if (names == 0) {
      return -1;
    }
    if (!needContext && clauseEndsAfter(text, nt.origEnd(nameEnd - 1))) {
      // a lower-case word at the clause end is a name unless it is an adverb ("vote wisely!")
      boolean adverb = lowerName && nameEnd - vs > 2 && c[nameEnd - 1] == 'y' && c[nameEnd - 2] == 'l';
      if (!adverb) {
        return nameEnd;
      }
    }
    // election context within the next two words of the clause (articles and prepositions not counted: "in the
    // primary", "am Sonntag", "el domingo")
    pos = nameEnd;
    int fillers = 0;
    for (int k = 0; k < 2 && pos < limit && c[pos] == ' '; k++) {
      int s = pos + 1;
      int e = s;
      while (e < limit && c[e] != ' ' && c[e] != TextNormalizer.BREAK) {
        e++;
      }
      if (e == s || (e == limit && limit < n) || LexiconRail.clauseBreak(text, nt.origEnd(pos - 1), nt.origStart(s))) {
        break;
      }
      String w = new String(c, s, e - s);
      if (ELECTION_CONTEXT.contains(w) || (e - s == 4 && isYear(text, nt, s, e))) {
        return nameEnd;
      }
      if (CONTEXT_FILLERS.contains(w) && fillers < 2) {
        fillers++;
        k--;
      }
      pos = e;
    }
    return -1;
  }

  /** True when only spaces and symbols lie between original {@code oe} and the text end or a clause separator (not '?'). */
  private static boolean clauseEndsAfter(String text, int oe) {
    for (int i = oe, k = 0; i < text.length(); i++, k++) {
      char ch = text.charAt(i);
      if (ch == '?' || ch == '\uff1f') {
        return false;
      }
      if (k >= ANCHOR_REACH || clauseSeparator(text, i)) {
        return true;
      }
      if (Character.isLetterOrDigit(ch)) {
        return false;
      }
    }
    return true;
  }

  private static boolean allLetters(char[] c, int s, int e) {
    for (int i = s; i < e; i++) {
      if (!Character.isLetter(c[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void check(RailInput in, List<Finding> out) {
    // a line break without a sentence end is read as a space by every lexicon ("I'm a real\nperson",
    // "Ignore all previous\ninstructions", "burns\nfat"); it is no release point of the streaming
    // guard either (NormalizedText.softBreaks), so a phrase across it is held back whole
    lexicalFindings(in.text(), TextNormalizer.bridged(in.nt()), in.dir(), out);
    if (in.dir() == Direction.OUTPUT && policy.active(RuleIds.HONESTY, in.dir()) && in.text().indexOf('#') >= 0) {
      noAiHashtags(in.text(), in.wholeText(), out);
    }
    if (in.text().indexOf('\u202E') >= 0) {
      displayedReversed(in.text(), in.dir(), out);
    }
  }

  /**
   * Hashtags saying the text was made without AI ("#khongAI", "#noAIused", "#sansIA", "#ohneKI"; {@link NoAiHashtags}),
   * read as typed since the normalised text cannot tell "#khongAI" from "#khongai" (nobody): an honesty finding, unless
   * a stopping honesty finding already covers the hashtag (an entry matched its words).
   */
  private void noAiHashtags(String text, boolean whole, List<Finding> out) {
    NoAiHashtags.find(text, whole, (s, e) -> {
      for (Finding f : out) {
        if (f.ruleId().equals(RuleIds.HONESTY) && f.action() != Action.ALLOW && f.start() < e && s < f.end()) {
          return;
        }
      }
      out.add(policy.finding(RuleIds.HONESTY, s, e, "Claims the text was made without AI: \"" + text.substring(s, e) + "\"",
          null));
    });
  }

  /**
   * Text under a right-to-left override (U+202E, up to U+202C, a line break or the end) is shown
   * reversed: "\u202Etaf snrub" reads "burns fat". When the text holds one, the lexicons also read the
   * text as shown (each such run reversed by code points, same length) and a match found only that way
   * is a finding over the original run's chars it came from. Linear: one more normalisation and walk,
   * only for such texts.
   */
  private void displayedReversed(String text, Direction dir, List<Finding> out) {
    char[] shown = text.toCharArray();
    int n = shown.length;
    boolean any = false;
    int[] runStart = new int[4];
    int[] runEnd = new int[4];
    int runs = 0;
    for (int i = 0; i < n; i++) {
      if (shown[i] != '\u202E') {
        continue;
      }
      int a = i + 1;
      int b = a;
      while (b < n && shown[b] != '\u202C' && shown[b] != '\n' && shown[b] != '\u2029') {
        b++;
      }
      if (b - a >= 2) {
        reverseCodePoints(shown, a, b);
        if (runs == runStart.length) {
          runStart = java.util.Arrays.copyOf(runStart, runs * 2);
          runEnd = java.util.Arrays.copyOf(runEnd, runs * 2);
        }
        runStart[runs] = a;
        runEnd[runs] = b;
        runs++;
        any = true;
      }
      i = b;
    }
    if (!any) {
      return;
    }
    String visual = new String(shown);
    NormalizedText vnt = TextNormalizer.normalize(visual);
    List<Finding> found = new ArrayList<>();
    lexicalFindings(visual, vnt, dir, found);
    for (Finding f : found) {
      if (f.action() == Action.ALLOW) {
        continue;
      }
      // map the shown span back to the original chars: inside a reversed run, mirrored
      int s = f.start();
      int e = f.end();
      boolean inRun = false;
      for (int r = 0; r < runs; r++) {
        int a = runStart[r];
        int b = runEnd[r];
        if (s < b && e > a) {
          inRun = true;
          int ms = a + b - Math.min(e, b);
          int me = a + b - Math.max(s, a);
          s = Math.min(s < a ? s : ms, ms);
          e = Math.max(e > b ? e : me, me);
        }
      }
      if (!inRun) {
        continue; // the same text in both readings: the plain check has it
      }
      out.add(new Finding(f.ruleId(), f.severity(), f.action(), s, e, f.message() + " (shown reversed by U+202E)", null));
    }
  }

  /** Reverses chars [a, b) by code points (a surrogate pair stays in order). */
  private static void reverseCodePoints(char[] c, int a, int b) {
    for (int i = a, j = b - 1; i < j; i++, j--) {
      char t = c[i];
      c[i] = c[j];
      c[j] = t;
    }
    for (int i = a; i + 1 < b; i++) {
      if (Character.isLowSurrogate(c[i]) && Character.isHighSurrogate(c[i + 1])) {
        char t = c[i];
        c[i] = c[i + 1];
        c[i + 1] = t;
        i++;
      }
    }
  }

  /** Syllables with their diacritics when the term has any (Vietnamese), else null. */
  static String[][] strictSyllables(String raw) {
    String[] syl = syllables(raw);
    for (String s : syl) {
      if (!isPlain(s)) {
        return new String[][] {syl};
      }
    }
    return null;
  }

  static String[] syllables(CharSequence raw) {
    String nfc = Normalizer.normalize(raw, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < nfc.length(); i++) {
      char c = nfc.charAt(i);
      if (Character.isLetter(c)) {
        String f = c < 128 || (c >= 0x00C0 && c <= 0x1EFF && !isCyrGreek(c)) ? String.valueOf(c) : TextNormalizer.fold(c);
        cur.append(f);
      } else if (Character.getType(c) == Character.FORMAT) {
        continue;
      } else if (cur.length() > 0) {
        out.add(cur.toString());
        cur.setLength(0);
      }
    }
    if (cur.length() > 0) {
      out.add(cur.toString());
    }
    return out.toArray(new String[0]);
  }

  private static boolean isCyrGreek(char c) {
    return c >= 0x0370 && c <= 0x052F;
  }

  private static boolean isPlain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c > 'z' || c < 'a') {
        return false;
      }
    }
    return true;
  }

  /** {@link #strictOkGeneral} of {@code text[os, oe)}, without allocating for plain Latin/Vietnamese text. */
  static boolean strictOk(TermSet.Term t, String text, int os, int oe) {
    return strictOk(t, text.toCharArray(), os, oe);
  }

  /** As {@link #strictOk(TermSet.Term, String, int, int)}, reading the text's chars from {@code text}. */
  static boolean strictOk(TermSet.Term t, char[] text, int os, int oe) {
    String[] want = t.strict()[0];
    // fast path: only ASCII, Latin-1 letters and Latin Extended(-Additional) precomposed letters,
    // which NFC leaves alone and whose per-char lower case is the string's; anything else (combining
    // marks, format chars, Greek, 'İ') takes the general path
    int count = 0;
    boolean inSyl = false;
    for (int i = os; i < oe; i++) {
      char c = text[i];
      if (!(c < 0x80 || (c >= 0xC0 && c <= 0x24F && c != 0x130 && c != 0xD7 && c != 0xF7) || (c >= 0x1E00 && c <= 0x1EFF))) {
        return strictOkGeneral(t, new String(text, os, oe - os));
      }
      boolean letter = syllableLetter(c);
      if (letter && !inSyl) {
        count++;
      }
      inSyl = letter;
    }
    if (count != want.length) {
      return flatOk(want, text, os, oe); // split or joined syllables ("c h ư a k h ỏ i", "ch.ưa"): letter by letter
    }
    int k = 0;
    int i = os;
    int hoiNga = -1; // the syllable typed with the other of hỏi/ngã, if any
    boolean exact = false; // a syllable typed with the term's diacritics
    while (i < oe) {
      if (!syllableLetter(text[i])) {
        i++;
        continue;
      }
      int s = i;
      while (i < oe && syllableLetter(text[i])) {
        i++;
      }
      String w = want[k++];
      boolean plain = true;
      boolean lengthEqual = i - s == w.length();
      boolean equal = lengthEqual;
      boolean same = lengthEqual;
      for (int q = s; q < i; q++) {
        char ch = text[q];
        char g = ch < 0x80 ? (ch >= 'A' && ch <= 'Z' ? (char) (ch + 32) : ch) : Character.toLowerCase(ch);
        if (g > 'z' || g < 'a') {
          plain = false;
        }
        if (lengthEqual) {
          char x = w.charAt(q - s);
          if (g != x) {
            equal = false;
          }
          if (same && g != x && !TextNormalizer.fold(g).equals(TextNormalizer.fold(x))) {
            same = false;
          }
        }
      }
      if (!plain && !equal && same) {
        if (hoiNga >= 0 || want.length < 2 || !mayHaveHoiNga(text, s, i) || !hoiNgaOnly(new String(text, s, i - s), w)) {
          return false;
        }
        hoiNga = k - 1;
      }
      exact |= !plain && equal;
    }
    // one syllable typed with hỏi for ngã or the reverse ("chữa khõi"), the others as the term: a typo
    return hoiNga < 0 || exact;
  }

  /**
   * {@link #strictOk} for a match whose syllables were split or joined ("c h ư a k h ỏ i", "ch.ưa kh.ỏi",
   * "chưakhỏi"): the letters in order against the term's letters; when there are as many, a letter
   * typed with other diacritics than the term's (same base letter) makes it another word. A different
   * count means stretched or folded letters: the match stands.
   */
  private static boolean flatOk(String[] want, char[] text, int os, int oe) {
    int total = 0;
    for (String w : want) {
      total += w.length();
    }
    int letters = 0;
    for (int i = os; i < oe; i++) {
      if (syllableLetter(text[i])) {
        letters++;
      }
    }
    if (letters != total) {
      return true;
    }
    int k = 0;
    int q = 0;
    for (int i = os; i < oe; i++) {
      char ch = text[i];
      if (!syllableLetter(ch)) {
        continue;
      }
      while (q >= want[k].length()) {
        k++;
        q = 0;
      }
      char x = want[k].charAt(q++);
      char g = ch < 0x80 ? (ch >= 'A' && ch <= 'Z' ? (char) (ch + 32) : ch) : Character.toLowerCase(ch);
      if (g > 'z' && g != x && TextNormalizer.fold(g).equals(TextNormalizer.fold(x))) {
        return false;
      }
    }
    return true;
  }

  /** A letter of a syllable in {@link #strictOk}: ASCII a-z/A-Z, else {@link Character#isLetter(char)} (by table). */
  private static boolean syllableLetter(char c) {
    return c < 0x80 ? ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') : TextChars.letter(c);
  }

  static boolean strictOkGeneral(TermSet.Term t, CharSequence span) {
    String[] want = t.strict()[0];
    String[] got = syllables(span);
    if (got.length != want.length) {
      char[] flat = String.join(" ", got).toCharArray();
      return flatOk(want, flat, 0, flat.length); // split or joined syllables: letter by letter
    }
    int hoiNga = -1;
    boolean exact = false;
    for (int i = 0; i < got.length; i++) {
      if (!isPlain(got[i]) && !got[i].equals(want[i]) && sameLetters(got[i], want[i])) {
        // same letters, other diacritics: another word ("chưa khỏi" is not "chữa khỏi"). Different
        // letters mean the normaliser undid an obfuscation ("khỏj", "zứt", "chữaaaa"): the match stands.
        // One syllable with hỏi for ngã or the reverse, the others as the term, is a typo ("chữa khõi").
        if (hoiNga >= 0 || want.length < 2 || !hoiNgaOnly(got[i], want[i])) {
          return false;
        }
        hoiNga = i;
      }
      exact |= !isPlain(got[i]) && got[i].equals(want[i]);
    }
    return hoiNga < 0 || exact;
  }

  /**
   * True when syllable {@code got} differs from {@code want} (same length, lower case) only by the
   * hỏi and ngã tones swapped (U+0309, U+0303), the most common Vietnamese spelling mistake ("khõi"
   * for "khỏi"); vowel marks and other tones must agree ("chưa" is not "chữa").
   */
  static boolean hoiNgaOnly(String got, String want) {
    if (!mayHaveHoiNga(got)) {
      return false; // nothing in it decomposes to a hỏi or ngã mark: no swap (the common look-alike, "chưa" for "chữa")
    }
    int fast = hoiNgaOnlyByTable(got, want);
    if (fast >= 0) {
      return fast == 1;
    }
    String g = Normalizer.normalize(got.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
    String w = Normalizer.normalize(want, Normalizer.Form.NFD);
    if (g.length() != w.length()) {
      return false;
    }
    boolean swapped = false;
    for (int i = 0; i < g.length(); i++) {
      char a = g.charAt(i);
      char b = w.charAt(i);
      if (a == b) {
        continue;
      }
      if ((a == '\u0309' && b == '\u0303') || (a == '\u0303' && b == '\u0309')) {
        swapped = true;
        continue;
      }
      return false;
    }
    return swapped;
  }

  /**
   * Chars below U+3000 whose canonical decomposition holds a hỏi (U+0309) or ngã (U+0303) mark, the marks themselves
   * included: computed once with {@link Normalizer}, so {@link #hoiNgaOnly} skips its decompositions when none occurs.
   */
  private static final boolean[] HOI_NGA = new boolean[0x3000];
  /**
   * The canonical decomposition (NFD) of each letter below U+3000 whose decomposition opens with a letter, else null: the
   * NFD of a string of such letters is the concatenation of theirs (no combining mark of one letter is reordered past the
   * next letter, which opens with a starter), so {@link #hoiNgaOnlyByTable} compares decompositions without normalising.
   */
  private static final char[][] NFD_LETTER = new char[0x3000][];

  static {
    for (char c = 0; c < HOI_NGA.length; c++) {
      String d = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
      HOI_NGA[c] = d.indexOf('\u0309') >= 0 || d.indexOf('\u0303') >= 0;
      if (Character.isLetter(c) && !d.isEmpty() && Character.isLetter(d.charAt(0))) {
        NFD_LETTER[c] = d.toCharArray();
      }
    }
  }

  /**
   * {@link #hoiNgaOnly}'s comparison of the decompositions read from {@link #NFD_LETTER}: 1 (true) or 0 (false) when
   * every char of both syllables is such a letter (the syllables' chars are letters: strictOk reads letters only), -1
   * when the table cannot say (a char from U+3000 on, a non-letter, or one String.toLowerCase maps otherwise than
   * char by char: 'İ', 'Σ').
   */
  private static int hoiNgaOnlyByTable(String got, String want) {
    int gn = got.length();
    int wn = want.length();
    for (int i = 0; i < gn; i++) {
      char c = got.charAt(i);
      if (c >= NFD_LETTER.length || c == '\u0130' || c == '\u03A3' || NFD_LETTER[c] == null
          || Character.toLowerCase(c) >= NFD_LETTER.length || NFD_LETTER[Character.toLowerCase(c)] == null) {
        return -1;
      }
    }
    for (int i = 0; i < wn; i++) {
      char c = want.charAt(i);
      if (c >= NFD_LETTER.length || NFD_LETTER[c] == null) {
        return -1;
      }
    }
    // walk both decompositions: char gi of got at offset go of its decomposition, likewise for want
    int gi = 0;
    int go = 0;
    int wi = 0;
    int wo = 0;
    boolean swapped = false;
    while (true) {
      if (gi < gn && go == NFD_LETTER[Character.toLowerCase(got.charAt(gi))].length) {
        gi++;
        go = 0;
        continue;
      }
      if (wi < wn && wo == NFD_LETTER[want.charAt(wi)].length) {
        wi++;
        wo = 0;
        continue;
      }
      boolean gEnd = gi == gn;
      boolean wEnd = wi == wn;
      if (gEnd || wEnd) {
        return gEnd && wEnd && swapped ? 1 : 0; // (decompositions of different lengths: false)
      }
      char a = NFD_LETTER[Character.toLowerCase(got.charAt(gi))][go++];
      char b = NFD_LETTER[want.charAt(wi)][wo++];
      if (a == b) {
        continue;
      }
      if ((a == '\u0309' && b == '\u0303') || (a == '\u0303' && b == '\u0309')) {
        swapped = true;
        continue;
      }
      return 0;
    }
  }

  /** False only when no char of {@code s} decomposes to a hỏi or ngã mark (chars from U+3000 on count as maybe). */
  private static boolean mayHaveHoiNga(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= HOI_NGA.length || HOI_NGA[c]) {
        return true;
      }
    }
    return false;
  }

  /** {@link #mayHaveHoiNga(String)} of {@code t[s, e)}, without a copy. */
  private static boolean mayHaveHoiNga(char[] t, int s, int e) {
    for (int i = s; i < e; i++) {
      char c = t[i];
      if (c >= HOI_NGA.length || HOI_NGA[c]) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameLetters(String a, String b) {
    if (a.length() != b.length()) {
      return false;
    }
    for (int i = 0; i < a.length(); i++) {
      if (!TextNormalizer.fold(a.charAt(i)).equals(TextNormalizer.fold(b.charAt(i)))) {
        return false;
      }
    }
    return true;
  }
  /**
   * A lexical match: original [start, end), normalised [ns, ne); {@code own} when it is a persona's own term (or
   * a paraphrase of one), which a shipped context ({@link TermSet#CONTEXT}) never excuses.
   */
  private record Match(int start, int end, TermSet.Term term, int ns, int ne, boolean own) {
    Match(int start, int end, TermSet.Term term, int ns, int ne) {
      this(start, end, term, ns, ne, false);
    }
  }

  /**
   * A match of one part of a proximity entry, with its normalised offsets. A text has dozens of them (every
   * pronoun or subject heads some entry), so they are not allocated per check: {@link NearHits} hands out the
   * same instances again on the thread's next check, and nothing keeps one past its check.
   */
  private static final class NearHit {
    private TermSet set;
    /** The term whose syllable check ({@link #strictOk}) this hit still needs, or null (none, or it held). */
    private TermSet.Term unchecked;
    private int near;
    private int part;
    private int ns;
    private int ne;
    private int os;
    private int oe;
    private boolean apposition;

    TermSet set() {
      return set;
    }

    int near() {
      return near;
    }

    int part() {
      return part;
    }

    int ns() {
      return ns;
    }

    int ne() {
      return ne;
    }

    int os() {
      return os;
    }

    int oe() {
      return oe;
    }

    boolean apposition() {
      return apposition;
    }
  }

  /** The proximity-part hits of one check, in a list over instances reused per thread (see {@link NearHit}). */
  private static final class NearHits {
    final ArrayList<NearHit> hits = new ArrayList<>();
    private NearHit[] pool = new NearHit[16];

    /** Instances of pool[0, used) were handed out in this check (the list may hold fewer: {@link #resolveNear}). */
    private int used;

    /** @param unchecked the term whose syllable check the hit still needs ({@link #resolveNear} runs it), or null */
    void add(TermSet set, TermSet.Term unchecked, int near, int part, int ns, int ne, int os, int oe, boolean apposition) {
      // the list holds pool[0, size) until resolveNear sorts and filters it, after the last add of the check
      int k = used;
      if (k == pool.length) {
        pool = java.util.Arrays.copyOf(pool, k * 2);
      }
      NearHit h = pool[k];
      if (h == null) {
        h = new NearHit();
        pool[k] = h;
      }
      used = k + 1;
      h.set = set;
      h.unchecked = unchecked;
      h.near = near;
      h.part = part;
      h.ns = ns;
      h.ne = ne;
      h.os = os;
      h.oe = oe;
      h.apposition = apposition;
      hits.add(h);
    }

    boolean isEmpty() {
      return hits.isEmpty();
    }

    /** Empties the list; instances and a list grown past 1,024 hits are dropped, and no hit keeps its term set. */
    void clear() {
      int n = used;
      used = 0;
      hits.clear();
      if (n > 1024) {
        pool = new NearHit[16];
        hits.trimToSize();
      } else {
        for (int k = 0; k < n; k++) {
          pool[k].set = null;
          pool[k].unchecked = null;
        }
      }
    }
  }
  private static final Comparator<NearHit> BY_NS_PART = (a, b) -> a.ns() != b.ns() ? Integer.compare(a.ns(), b.ns())
      : Integer.compare(a.part(), b.part());
  private static final Comparator<Match> BY_START = Comparator.comparingInt(Match::start);
  private static final Comparator<Match> BY_START_LONGEST_FIRST =
      Comparator.comparingInt(Match::start).thenComparing(Comparator.comparingInt(Match::end).reversed());


  private void lexical(TermSet set, String text, NormalizedText nt, WordTrie.Words words, Direction dir, List<Match> matches,
      List<Match> exceptions, NearHits nearHits, List<Match> aiSelf) {
    // a term counts only at word boundaries: walk the patterns a word at a time from word starts
    // (WordTrie), else the trie a character at a time from word starts (AhoCorasick); the hits
    // that do not end at a word end are dropped below
    // the original's chars, for the syllable checks of Vietnamese terms (String.charAt on a UTF-16
    // string checks coder and bounds per call)
    final char[] chars = TextChars.of(text, TextChars.LEXICON);
    WordTrie.SpanHit onHit = (p, start, end) -> {
      if (!nt.boundaryBefore(start) || !nt.boundaryAfter(end)) {
        return;
      }
      // the terms of one pattern often share their strict syllables (one lexicon line, its expansions): the
      // syllable check depends on them and the span only, so it runs once per distinct array
      String[][] lastStrict = null;
      boolean lastStrictOk = false;
      for (TermSet.Term t : set.terms[p]) {
        int gate = gate(t.ruleId());
        boolean pseudo = (gate & PSEUDO) != 0;
        if (!pseudo && ((gate & activeBit(dir)) == 0 || (t.group() != null && !groups.contains(t.group())))) {
          continue;
        }
        if (dir != Direction.INPUT && t.ruleId().equals(TermSet.INPUT_EXCEPTION)) {
          continue; // look-alikes of injections: input only (their span is not part of the output hold-back)
        }
        int os = nt.origStart(start);
        int oe = nt.origEnd(end - 1);
        if (t.strict() != null && t.near() < 0) {
          // (a proximity part's syllable check waits for resolveNear: most parts find no partner in the text)
          if (t.strict() != lastStrict) {
            lastStrict = t.strict();
            lastStrictOk = strictOk(t, chars, os, oe);
          }
          if (!lastStrictOk) {
            continue;
          }
        }
        if (set == own && t.ruleId().equals(RuleIds.COMPETITOR) && acrossClause(nt, start, end, t.term())) {
          continue; // "a healthy glow, co-washed curls" is no "Glow Co"
        }
        if (t.near() >= 0) {
          // a persona's name heading a shipped self template pairs with the shipped entry's tail
          // (a comma may follow it: "This is Milo, a real barista", "I'm Linh, a real person")
          TermSet.Term unchecked = t.strict() != null ? t : null;
          if (t.part() == TermSet.SHIPPED_HEAD) {
            nearHits.add(shipped, unchecked, t.near(), 0, start, end, os, oe, true);
          } else {
            nearHits.add(set, unchecked, t.near(), t.part(), start, end, os, oe, false);
          }
          continue;
        }
        if (!anchorsHold(t.anchors(), text, nt, start, os, oe)) {
          continue;
        }
        if (t.ruleId().equals(TermSet.AI_SELF)) {
          aiSelf.add(new Match(os, oe, t, start, end));
        } else {
          (pseudo ? exceptions : matches).add(new Match(os, oe, t, start, end, set == own));
        }
      }
    };
    int[] buf = hitBuf.get();
    int[] done = set.words == null ? null : set.words.scan(nt.chars, words, 8L * nt.length() + 64, onHit, buf);
    if (done == null) {
      // (a set without its character automaton has a word walk that never runs out of budget: TermSet)
      done = set.automaton.scanWordStarts(nt.chars, nt.length(), ' ', TextNormalizer.BREAK,
          (p, end) -> onHit.hit(p, end - set.patternLength(p), end), buf);
    }
    if (done != buf) {
      hitBuf.set(done);
    }
  }

  /** Per-thread word table of the normalised text, shared by both term sets of a check. */
  private static final ThreadLocal<WordTrie.Words> WORDS = ThreadLocal.withInitial(WordTrie.Words::new);

  /** True when original [s, e) holds a Latin letter with a diacritic or "đ" (a Vietnamese-typed syllable). */
  private static boolean marked(CharSequence text, int s, int e) {
    for (int i = s; i < e && i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0xC0 && c <= 0x24F && Character.isLetter(c) || c >= 0x1E00 && c <= 0x1EFF || c >= 0x0300 && c <= 0x036F) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when a word of at most {@link #JOINED_PIECE} letters of original [s, e) is typed with a diacritic and no longer
   * word of it is: "glow cô dâu" is a Vietnamese syllable after a plain "glow", but in "Glów Cô", "Glòw Cò" the whole
   * name is decorated (a longer piece such as "glów" is no Vietnamese syllable the name could be read as; breaker b6).
   */
  private static boolean shortMarkedPiece(String text, int s, int e) {
    boolean shortMarked = false;
    int i = s;
    while (i < e) {
      while (i < e && !Character.isLetter(text.charAt(i))) {
        i++;
      }
      int w = i;
      int letters = 0;
      while (i < e && (Character.isLetter(text.charAt(i)) || Character.getType(text.charAt(i)) == Character.NON_SPACING_MARK)) {
        letters += Character.isLetter(text.charAt(i)) ? 1 : 0;
        i++;
      }
      if (letters > 0 && marked(text, w, i)) {
        if (letters > JOINED_PIECE) {
          return false;
        }
        shortMarked = true;
      }
    }
    return shortMarked;
  }

  /** Shortest persona term (normalised chars) matched across the pieces of a split name. */
  static final int JOINED_MIN = 4;
  /** Longest persona term (normalised chars) matched across pieces: names are short, and the hold-back stays bounded. */
  static final int JOINED_MAX = 24;
  /** A space is dropped between two words when one of them has at most this many chars ("Glow Co", "Gl ow Co"). */
  static final int JOINED_PIECE = 3;

  /**
   * Names written in pieces ("Glow Co", "Gl ow Co", "Glo wCo" for the persona's "GlowCo"): the
   * persona's terms of {@link #JOINED_MIN} chars or more are also looked up in the normalised text
   * with the spaces next to short words (at most {@link #JOINED_PIECE} chars) removed. A hit counts
   * when it spans two or more words and starts and ends at word boundaries ("glow. Cost" is two
   * sentences; "glow co-wash" is the name). One extra pass: the trie walked from each word start
   * over at most {@link #JOINED_MAX} chars, so linear.
   */
  private void joined(TermSet set, NormalizedText nt, WordTrie.Words words, Direction dir, List<Match> matches) {
    // The text with some spaces dropped is never built: which spaces drop follows from the word
    // table alone (a single space between two words of one sentence, next to a piece of at most
    // JOINED_PIECE chars; a piece grows while the spaces before it drop), and the trie is walked
    // from each word start over the words, skipping the dropped spaces (AhoCorasick.scanJoined).
    int w = words.n;
    boolean[] drop = JOIN_DROP.get();
    if (drop.length < w) {
      drop = new boolean[Math.max(w, drop.length * 2)];
      if (w <= 4096) {
        JOIN_DROP.set(drop);
      }
    }
    int[] ws = words.ws;
    int[] we = words.we;
    boolean any = false;
    int glued = 0;
    for (int k = 0; k < w; k++) {
      int len = we[k] - ws[k];
      glued = k > 0 && drop[k - 1] ? glued + len : len;
      boolean d = words.joined[k] && (glued <= JOINED_PIECE || we[k + 1] - ws[k + 1] <= JOINED_PIECE
          || hyphenInWord(nt, we[k], ws[k + 1])) && !clausePunctuation(nt, we[k]);
      drop[k] = d;
      any |= d;
    }
    if (!any) {
      return;
    }
    AhoCorasick.HitScratch hs = JOIN_HITS.get();
    set.automaton.scanJoined(nt.chars, words, drop, JOINED_MIN, JOINED_MAX, (p, ns, ne) -> {
      int len = set.automaton.patternLength(p);
      if (len < JOINED_MIN || len > JOINED_MAX) {
        return;
      }
      if (ne - ns == len || !nt.boundaryBefore(ns) || !nt.boundaryAfter(ne)) {
        return; // one word (the plain pass has it), or not whole words
      }
      int os = nt.origStart(ns);
      int oe = nt.origEnd(ne - 1);
      for (TermSet.Term t : set.terms[p]) {
        if (!findingIn(t.ruleId(), dir) || t.near() >= 0
            || (t.group() != null && !groups.contains(t.group()))) {
          continue;
        }
        if (t.ruleId().equals(RuleIds.COMPETITOR) && functionWordPieces(nt.original, os, oe)) {
          continue; // "La neige tombe", "the inn is free": a sentence's own words, not "Laneige", "Innisfree"
        }
        matches.add(new Match(os, oe, t, ns, ne, true));
      }
    }, hs);
    if (hs.ends.length > 4096) {
      JOIN_HITS.set(new AhoCorasick.HitScratch());
    }
  }

  /**
   * Function words of the languages a reply may be in (articles, "is", prepositions, conjunctions; folded lower case):
   * a short piece of a name read across pieces that is one of these is the sentence's own word ("La neige tombe" is
   * French snow, "the inn is free on Sundays" an inn), unless the pieces are typed with the name's capitals.
   */
  private static final Set<String> FUNCTION_WORDS = Set.of("la", "le", "les", "l", "de", "du", "des", "un", "une", "et", "el",
      "los", "las", "y", "en", "is", "in", "of", "the", "a", "an", "and", "or", "to", "at", "on", "as", "it", "der", "die",
      "das", "und", "im", "am", "il", "lo", "di", "da");

  /**
   * True when original [os, oe), a competitor's name read across pieces, holds a piece of at most
   * {@link #JOINED_PIECE} letters that is one of {@link #FUNCTION_WORDS} and no piece after the first opens with a capital letter: "La neige", "inn
   * is free" (breakers b7, b8); "La Neige", "LA NEIGE", "Inn Is Free" stay the name typed in pieces. Only on a hit, over at most {@link #JOINED_MAX} * 2 chars.
   */
  static boolean functionWordPieces(CharSequence text, int os, int oe) {
    boolean function = false;
    boolean laterCapital = false;
    int pieces = 0;
    int i = os;
    int end = Math.min(oe, text.length());
    while (i < end) {
      while (i < end && !Character.isLetter(text.charAt(i))) {
        i++;
      }
      int w = i;
      while (i < end && Character.isLetter(text.charAt(i))) {
        i++;
      }
      if (i == w) {
        break;
      }
      if (pieces > 0 && Character.isUpperCase(text.charAt(w))) {
        laterCapital = true;
      }
      pieces++;
      if (i - w <= JOINED_PIECE && FUNCTION_WORDS.contains(text.subSequence(w, i).toString().toLowerCase(Locale.ROOT))) {
        function = true;
      }
    }
    return function && !laterCapital;
  }

  /**
   * True when a name's words matched at normalised [start, end) are parted by clause punctuation (", ; : ! ?") that
   * the name itself does not contain: "glow, co-washed" is two clauses, not the competitor "Glow Co". Linear in the match.
   */
  private static boolean acrossClause(NormalizedText nt, int start, int end, String name) {
    for (int i = start + 1; i < end - 1; i++) {
      if (nt.chars[i] == ' ' && clausePunctuation(nt, i)) {
        return name.indexOf(',') < 0 && name.indexOf(';') < 0 && name.indexOf(':') < 0 && name.indexOf('!') < 0
            && name.indexOf('?') < 0;
      }
    }
    return false;
  }

  /** True when the normalised space at {@code sp} stands for clause punctuation (", ; : ! ? ( )"): "Cheap, est. 1998" is two words. */
  private static boolean clausePunctuation(NormalizedText nt, int sp) {
    CharSequence t = nt.original;
    boolean entity = false;
    for (int i = nt.origStart(sp), end = Math.min(nt.origEnd(sp), t.length()); i < end; i++) {
      char c = t.charAt(i);
      entity |= c == '&';
      if (c == ',' || (c == ';' && !entity) || c == ':' || c == '!' || c == '?' || c == '(' || c == ')' || c == '\uff0c') {
        return true; // (the ';' of a character reference, "&nbsp;", is none)
      }
    }
    return false;
  }

  /** True when the normalised space at {@code sp} (before {@code next}) stands for one hyphen between two letters ("chea-pest"). */
  private static boolean hyphenInWord(NormalizedText nt, int sp, int next) {
    int os = nt.origStart(sp);
    int oe = nt.origEnd(sp);
    CharSequence t = nt.original;
    if (oe - os != 1 || os == 0 || oe >= t.length()) {
      return false;
    }
    char c = t.charAt(os);
    return (c == '-' || c == '\u2010' || c == '\u2011') && Character.isLetter(t.charAt(os - 1)) && Character.isLetter(t.charAt(oe));
  }

  /** Longest hashtag or handle word (normalised chars) searched for a persona's term with a known rest. */
  static final int AFFIX_MAX = 40;

  /**
   * A persona's term glued to known words inside a hashtag or a handle ("#detoxtuesday", "#morningdetox",
   * "@glowco_official"): for each word right after '#' or '@' that the normaliser did not split, the
   * persona's terms (typed as one word) that start or end it, when the rest is known words, a Vietnamese
   * syllable or a number ({@link HashtagSegmenter#knownRest}). The finding covers the whole word. At most
   * {@link #AFFIX_MAX} chars per word, each read once by the automaton: linear.
   */
  private void affixed(TermSet set, NormalizedText nt, WordTrie.Words words, Direction dir, List<Match> matches) {
    CharSequence text = nt.original;
    char[] buf = null;
    for (int k = 0; k < words.n; k++) {
      int s = words.ws[k];
      int e = words.we[k];
      int os = nt.origStart(s);
      if (os == 0 || (text.charAt(os - 1) != '#' && text.charAt(os - 1) != '@')) {
        continue;
      }
      // a hashtag the normaliser split into words ("#glowcoreview" read "glow core view"): its words glued back, as
      // typed (each next word starts where the one before ends in the original; breaker b6)
      int last = k;
      int glued = e - s;
      while (last + 1 < words.n && nt.origEnd(words.we[last] - 1) == nt.origStart(words.ws[last + 1])
          && words.we[last + 1] - s <= AFFIX_MAX) { // the span stays within AFFIX_MAX normalised chars
        last++;
        glued += words.we[last] - words.ws[last];
      }
      if (glued < 6 || glued > AFFIX_MAX) {
        continue;
      }
      e = words.we[last];
      if (buf == null) {
        buf = new char[AFFIX_MAX];
      }
      for (int q = k, at = 0; q <= last; q++) {
        System.arraycopy(nt.chars, words.ws[q], buf, at, words.we[q] - words.ws[q]);
        at += words.we[q] - words.ws[q];
      }
      final char[] w = buf;
      final int ws = s;
      final int we = e;
      final int len = glued;
      set.automaton.scan(w, len, (p, end) -> {
        int start = end - set.automaton.patternLength(p);
        boolean prefix = start == 0 && end < len && HashtagSegmenter.knownRest(w, end, len);
        boolean suffix = end == len && start > 0 && HashtagSegmenter.knownRest(w, 0, start);
        if (!prefix && !suffix) {
          return;
        }
        for (TermSet.Term t : set.terms[p]) {
          if (!findingIn(t.ruleId(), dir) || t.near() >= 0
              || (t.group() != null && !groups.contains(t.group()))) {
            continue;
          }
          matches.add(new Match(nt.origStart(ws), nt.origEnd(we - 1), t, ws, we));
        }
      });
    }
  }

  /**
   * Competitors' names with letters typed twice ("Gloww Coo", "GlowwCo's", "Dermmaa Viet", "Cupfull Coffee Co." for the
   * persona's "GlowCo", "DermaViet", "Cupful Coffee Co."; breaker b6): the persona's terms walked with a letter that
   * repeats the one before it read once ({@link AhoCorasick#scanSqueezed}), whole words, one clause. Only competitor
   * names: a banned term or a claim typed so is folded by the normaliser's stretched letters, and a name is what
   * people decorate. At most {@link #JOINED_MAX} pattern chars, so a hit spans at most twice that, within
   * {@link #maxSpan}; linear.
   */
  private void squeezed(TermSet set, NormalizedText nt, WordTrie.Words words, Direction dir, List<Match> matches) {
    if (!findingIn(RuleIds.COMPETITOR, dir)) {
      return;
    }
    set.automaton.scanSqueezed(nt.chars, words, JOINED_MAX, (p, ns, ne) -> {
      if (!nt.boundaryBefore(ns) || !nt.boundaryAfter(ne)) {
        return;
      }
      int os = nt.origStart(ns);
      int oe = nt.origEnd(ne - 1);
      for (TermSet.Term t : set.terms[p]) {
        if (t.ruleId().equals(RuleIds.COMPETITOR) && t.near() < 0 && !acrossClause(nt, ns, ne, t.term())) {
          matches.add(new Match(os, oe, t, ns, ne, true));
        }
      }
    });
  }

  /** Per-thread scratch of {@link #joined}: which word's following space drops, and the hits found. */
  private static final ThreadLocal<boolean[]> JOIN_DROP = ThreadLocal.withInitial(() -> new boolean[64]);
  private static final ThreadLocal<AhoCorasick.HitScratch> JOIN_HITS = ThreadLocal.withInitial(AhoCorasick.HitScratch::new);

  /**
   * Pairs the parts of proximity entries: an A hit, then a B hit starting at most N words after A
   * ends, in the same sentence, no gap word longer than {@link TermSet#MAX_GAP_WORD}. One sweep in
   * start order (the latest A of each entry is kept), so linear in the hits.
   */
  private static void resolveNear(List<NearHit> hits, String text, NormalizedText nt, List<Match> matches, TermSet ownSet) {
    boolean anyTail = false;
    for (NearHit h : hits) {
      anyTail |= h.part() == 1;
    }
    if (!anyTail) {
      return; // (a tail whose syllable check would fail pairs with nothing either)
    }
    if (!withBothParts(hits, text)) {
      return;
    }
    hits.sort(BY_NS_PART);
    HeadMap lastHead = HEADS.get().clear(hits.size());
    HeadMap longHead = LONG_HEADS.get().clear(hits.size());
    for (NearHit h : hits) {
      long key = nearKey(h);
      if (h.part() == 0) {
        // the latest head; of heads starting together the shortest, so a longer one that runs into
        // the tail ("giảm đau" before "đau khớp") does not hide a pairing one ("giảm"); the longest
        // of them is kept too and tried second ("i m" and "i m linh" before ", a real person")
        NearHit prev = lastHead.get(key);
        if (prev == null || h.ns() > prev.ns()) {
          lastHead.put(key, h);
          longHead.put(key, h);
        } else if (h.ns() == prev.ns()) {
          if (h.ne() < prev.ne()) {
            lastHead.put(key, h);
          }
          NearHit lg = longHead.get(key);
          if (lg == null || lg.ns() != h.ns() || h.ne() > lg.ne()) {
            longHead.put(key, h);
          }
        }
        continue;
      }
      NearHit a = lastHead.get(key);
      if (a == null) {
        continue;
      }
      if (!pair(a, h, text, nt, matches, h.set() == ownSet)) {
        NearHit lg = longHead.get(key);
        if (lg != null && lg != a && lg.ns() == a.ns()) {
          pair(lg, h, text, nt, matches, h.set() == ownSet);
        }
      }
    }
    lastHead.clear(0);
    longHead.clear(0);
  }

  /** The key of a proximity entry in {@link #resolveNear}'s maps: its term set and index. */
  private static long nearKey(NearHit h) {
    return ((long) System.identityHashCode(h.set()) << 32) | h.near();
  }

  /**
   * Keeps, in their order, the hits of {@code hits} that can take part in a pair: those of entries with a head
   * and a tail hit among them, whose deferred syllable check ({@link NearHit#unchecked}, {@link #strictOk}) holds.
   * A hit dropped here is one {@link #resolveNear} would never have paired: an entry's pairing reads its own hits
   * only, in their (stable) sort order, and a hit failing its syllable check was never one. Most proximity parts
   * of a text (pronouns, subjects) find no partner, so most checks are saved.
   *
   * @return false when no hit is left
   */
  private static boolean withBothParts(List<NearHit> hits, String text) {
    int n = hits.size();
    PartsSeen seen = PARTS_SEEN.get().clear(n);
    for (int k = 0; k < n; k++) {
      NearHit h = hits.get(k);
      seen.mark(nearKey(h), h.part() == 0 ? 1 : 2);
    }
    char[] chars = null;
    int m = 0;
    for (int k = 0; k < n; k++) {
      NearHit h = hits.get(k);
      if (seen.parts(nearKey(h)) != 3) {
        continue;
      }
      if (h.unchecked != null) {
        if (chars == null) {
          chars = TextChars.of(text, TextChars.LEXICON);
        }
        if (!strictOk(h.unchecked, chars, h.os(), h.oe())) {
          continue;
        }
        h.unchecked = null;
      }
      hits.set(m++, h);
    }
    seen.clear(0);
    if (m < n) {
      hits.subList(m, n).clear();
    }
    return m > 0;
  }

  /** Which parts (1 head, 2 tail) each proximity entry (a long key) has hits of: open addressing, reused per thread. */
  private static final class PartsSeen {
    private long[] keys = new long[64];
    private byte[] parts = new byte[64];
    private int mask = 63;

    /** Empties the set, sized for {@code entries} keys (a large table is dropped when {@code entries} is 0). */
    PartsSeen clear(int entries) {
      if (entries * 2 > keys.length) {
        int cap = Integer.highestOneBit(entries * 4 - 1) << 1;
        keys = new long[cap];
        parts = new byte[cap];
        mask = cap - 1;
      } else if (entries == 0 && keys.length > 1024) {
        keys = new long[64];
        parts = new byte[64];
        mask = 63;
      } else {
        java.util.Arrays.fill(parts, (byte) 0);
      }
      return this;
    }

    private int slot(long key) {
      long h = key * 0x9E3779B97F4A7C15L;
      int i = (int) (h >>> 40) & mask;
      while (parts[i] != 0 && keys[i] != key) {
        i = (i + 1) & mask;
      }
      return i;
    }

    void mark(long key, int part) {
      int i = slot(key);
      keys[i] = key;
      parts[i] |= (byte) part;
    }

    int parts(long key) {
      return parts[slot(key)];
    }
  }

  private static final ThreadLocal<PartsSeen> PARTS_SEEN = ThreadLocal.withInitial(PartsSeen::new);

  /** The latest head hit per proximity entry (a long key), for {@link #resolveNear}: open addressing, reused per thread. */
  private static final class HeadMap {
    private long[] keys = new long[64];
    private NearHit[] vals = new NearHit[64];
    private int mask = 63;

    /** Empties the map, sized for {@code entries} keys (a large table is dropped when {@code entries} is 0). */
    HeadMap clear(int entries) {
      if (entries * 2 > keys.length) {
        int cap = Integer.highestOneBit(entries * 4 - 1) << 1;
        keys = new long[cap];
        vals = new NearHit[cap];
        mask = cap - 1;
      } else if (entries == 0 && keys.length > 1024) {
        keys = new long[64];
        vals = new NearHit[64];
        mask = 63;
      } else {
        java.util.Arrays.fill(vals, null);
      }
      return this;
    }

    private int slot(long key) {
      long h = key * 0x9E3779B97F4A7C15L;
      int i = (int) (h >>> 40) & mask;
      while (vals[i] != null && keys[i] != key) {
        i = (i + 1) & mask;
      }
      return i;
    }

    NearHit get(long key) {
      return vals[slot(key)];
    }

    void put(long key, NearHit h) {
      int i = slot(key);
      keys[i] = key;
      vals[i] = h;
    }
  }

  private static final ThreadLocal<HeadMap> HEADS = ThreadLocal.withInitial(HeadMap::new);
  private static final ThreadLocal<HeadMap> LONG_HEADS = ThreadLocal.withInitial(HeadMap::new);

  /** Adds the match of head {@code a} and tail {@code h} of one proximity entry when they pair; returns whether they did. */
  private static boolean pair(NearHit a, NearHit h, String text, NormalizedText nt, List<Match> matches, boolean own) {
    if (a.ne() > h.ns()) {
      return false;
    }
    TermSet.Near nr = h.set().near.get(h.near());
    if (h.ne() - a.ns() <= nr.maxNorm() && withinGap(nt, a.ne(), h.ns(), nr.gap(), nr.acrossTopicQuestion())
        && !(nr.noNegationInGap() && negationBetween(nt, a.ne(), h.ns()))
        && (!clauseBreakOutsideFiller(text, nt, a, h, nr.acrossTopicQuestion())
            || (a.apposition() && onlyComma(text, a.oe(), h.os())))
        && !lineBreak(text, a.oe(), h.os())
        && anchorsHold(nr.anchors(), text, nt, a.ns(), a.os(), h.oe())) {
      matches.add(new Match(a.os(), h.oe(), new TermSet.Term(nr.ruleId(), nr.display(), nr.group(), nr.detail(), null, -1, 0,
          nr.anchors()), a.ns(), h.ne(), own));
      return true;
    }
    return false;
  }

  /** True when a word of normalised [from, to) is a negation ({@link TermVariants#GAP_NEGATORS}: "burns no fat"). */
  private static boolean negationBetween(NormalizedText nt, int from, int to) {
    return Negation.anyWordIn(nt, from, to, TermVariants.GAP_NEGATORS);
  }

  /** True when original [from, to) is spaces and one comma or colon (an apposition: "This is Milo, a real barista", "Milo here: a human"). */
  private static boolean onlyComma(String text, int from, int to) {
    int commas = 0;
    for (int i = from; i < to && i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ',' || c == '\uff0c' || c == ':') {
        commas++;
      } else if (!Character.isWhitespace(c)) {
        return false;
      }
    }
    return commas == 1;
  }

  /** Chars of spaces and symbols (emoji, '*', '~') skipped when looking for a clause edge next to an anchored match. */
  static final int ANCHOR_REACH = 32;

  /**
   * True when an entry's anchors hold for a match at original [os, oe) (normalised start ns): with
   * {@code ^}, only spaces, symbols and quotes lie between it and the start of the text or a clause or
   * sentence separator before it; with {@code $}, likewise between it and the end of the text or a
   * separator after it, and that separator is not '?' ("Not a bot?" asks). At most
   * {@link #ANCHOR_REACH} chars are looked at on each side: constant work per match.
   */
  static boolean anchorsHold(int anchors, String text, NormalizedText nt, int ns, int os, int oe) {
    if ((anchors & TermSet.CLAUSE_START) != 0 && !(os > 0 && text.charAt(os - 1) == '#')) {
      // (a hashtag is a clause of its own: "#notabot", "#khongphaibot #tuvan", breaker b5)
      boolean ok = true;
      for (int i = os - 1, k = 0; i >= 0; i--, k++) {
        char c = text.charAt(i);
        if (k >= ANCHOR_REACH || clauseSeparator(text, i) || c == '?' || c == '\uff1f') {
          break;
        }
        if (Character.isLetterOrDigit(c)) {
          ok = false;
          break;
        }
      }
      if (!ok) {
        return false;
      }
    }
    return (anchors & TermSet.CLAUSE_END) == 0 || clauseEndsAfter(text, oe) || endsHashtag(text, os, oe);
  }

  /** True when original [os, oe) lies in one hashtag and ends it (at most {@link #ANCHOR_REACH} * 2 chars long). */
  private static boolean endsHashtag(String text, int os, int oe) {
    if (oe < text.length() && (Character.isLetterOrDigit(text.charAt(oe)) || text.charAt(oe) == '_')) {
      return false;
    }
    for (int i = oe - 1, k = 0; i >= 0 && k < 2 * ANCHOR_REACH; i--, k++) {
      char c = text.charAt(i);
      if (c == '#') {
        return i < os;
      }
      if (!(Character.isLetterOrDigit(c) || c == '_' || Character.getType(c) == Character.NON_SPACING_MARK)) {
        return false;
      }
    }
    return false;
  }

  /** A clause or sentence separator at original index i: . , ; : ! … ( ) a line break, a dash between spaces. */
  private static boolean clauseSeparator(String text, int i) {
    char c = text.charAt(i);
    return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '\u2026' || c == '(' || c == ')' || c == '\n'
        || c == '\u2014' || c == '\u2013' || c == '\u3002' || c == '\uff01' || c == '\uff0c'
        || (c == '-' && i > 0 && Character.isWhitespace(text.charAt(i - 1)));
  }

  /**
   * True when an AI self-identification that is not itself negated ("I'm an AI assistant", "mình là
   * trợ lý ảo") lies in the same sentence as the match: at most 80 normalised chars before it, or at
   * ending at most {@link TermSet#AI_SELF_SPAN} after the match's start (within the rail's span, so
   * streaming waits for it).
   */
  private static boolean identifiesAsAi(String text, NormalizedText nt, Match m, List<Match> aiSelf) {
    // aiSelf is sorted by normalised start: visit only the hits inside the window (bounded per match)
    int lo = 0;
    int hi = aiSelf.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (aiSelf.get(mid).ns() < m.ns() - 80) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    for (int k = lo; k < aiSelf.size() && aiSelf.get(k).ns() <= m.ns() + TermSet.AI_SELF_SPAN; k++) {
      Match h = aiSelf.get(k);
      if (h.ns() >= m.ns() - 80 && h.ne() <= m.ns() + TermSet.AI_SELF_SPAN && (h.ne() <= m.ns() || h.ns() >= m.ne())
          && sameSentence(nt, Math.min(h.ns(), m.ns()), Math.max(h.ne(), m.ne()))
          && !Negation.negated(text, nt, h.ns(), h.ne(), h.start())) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when an AI self-identification that is not negated starts after the match ends, in the
   * same sentence as the match's end, and ends within {@link TermSet#AI_SELF_SPAN} normalised chars
   * of the match's start (inside the rail's span, so streaming waits for it).
   */
  private static boolean identifiesAsAiAfter(String text, NormalizedText nt, Match m, List<Match> aiSelf) {
    for (Match h : aiSelf) {
      if (h.ns() >= m.ne() && h.ne() <= m.ns() + TermSet.AI_SELF_SPAN && sameSentence(nt, m.ne(), h.ns())
          && !Negation.negated(text, nt, h.ns(), h.ne(), h.start())) {
        return true;
      }
    }
    return false;
  }

  /*
   * Breaker b5: a meeting place said to the customer ("See you at the Hanoi store", "Hẹn gặp bạn ở cửa hàng") is no
   * presence of the persona's own when the staff who will be there are named right after it in the same sentence
   * ("...: our staff will help", "..., các bạn nhân viên sẽ tư vấn"). Only the words ending within
   * TermSet.OUTPUT_NEAR_MAX normalised chars of the match's start are read (inside the rail's span, so the streaming
   * guard waits for them); a staff named in the next sentence is not seen.
   */
  private static final String[] MEETING_OPENERS = {"see you", "see ya", "meet you", "i ll see you", "i ll meet you",
      "let s meet", "hen gap", "gap nhau", "gap ban"};
  private static final String[] STAFF = {"our staff", "our team", "our advisers", "our advisors", "our beauty advisers",
      "our beauty advisors", "our consultants", "our beauticians", "our pharmacists", "our store team", "the staff",
      "our staff members", "our team members", "a colleague", "my colleagues", "our colleagues", "a team member",
      "nhan vien", "cac ban nhan vien", "doi ngu", "tu van vien", "chuyen vien", "cac ban tu van", "cac chi nhan vien",
      "ekip", "team cua hang", "unser team", "notre equipe", "nuestro equipo"};

  private static final String[] FIRST_PERSON = {"i", "me", "myself", "i ll", "i m", "minh", "em", "toi", "to", "tui",
      "mk", "ich", "je", "moi", "yo"};

  private static boolean staffMeetsAfter(NormalizedText nt, int ns, int ne) {
    String matched = new String(nt.chars, ns, ne - ns);
    boolean meeting = false;
    for (String o : MEETING_OPENERS) {
      meeting |= matched.startsWith(o + " ") || matched.equals(o);
    }
    if (!meeting) {
      return false;
    }
    int limit = Math.min(nt.length(), ns + TermSet.OUTPUT_NEAR_MAX);
    int e = ne;
    while (e < limit && nt.chars[e] != TextNormalizer.BREAK) {
      e++;
    }
    while (e > ne && e < nt.length() && nt.chars[e] != ' ' && nt.chars[e] != TextNormalizer.BREAK) {
      e--; // whole words only
    }
    String after = " " + new String(nt.chars, ne, e - ne).trim() + " ";
    for (String me : FIRST_PERSON) {
      if (after.contains(" " + me + " ")) {
        return false; // "..., I'll be there with our team": the persona is there too
      }
    }
    for (String st : STAFF) {
      if (after.contains(" " + st + " ")) {
        return true;
      }
    }
    return false;
  }

  /** Original chars looked back by {@link #insideQuote} (constant work per match). */
  static final int QUOTE_REACH = 120;

  /**
   * True when original {@code os} lies inside a quotation opened earlier in its sentence and not yet
   * closed: an odd number of straight double quotes, or more opening than closing curly or angle
   * quotes, between the sentence's start (the last '.', '!', '?' or '…' before a space, or line
   * break; at most {@link #QUOTE_REACH} chars back) and {@code os}. Looks only backwards within the
   * sentence, so a streamed text is judged as the whole text.
   */
  static boolean insideQuote(String text, int os) {
    int straight = 0;
    int open = 0;
    for (int i = os - 1, k = 0; i >= 0 && k < QUOTE_REACH; i--, k++) {
      char c = text.charAt(i);
      if (c == '\n' || ((c == '.' || c == '!' || c == '?' || c == '\u2026') && i + 1 < text.length()
          && Character.isWhitespace(text.charAt(i + 1)))) {
        break; // the sentence's start: a quote opened in an earlier sentence is not looked for
      }
      if (c == '"') {
        straight++;
      } else if (c == '\u201c' || c == '\u00ab' || c == '\u201e') {
        open++;
      } else if (c == '\u201d' || c == '\u00bb') {
        open--;
      }
    }
    return straight % 2 == 1 || open > 0;
  }

  /** Nouns after a capitalised claim word that make it a product's or a title's name ("Cure serum", "Cure collection"). */
  private static final Set<String> NAME_NOUNS = Set.of("serum", "serums", "cream", "creams", "collection", "range", "line",
      "candle", "candles", "kit", "set", "mask", "masks", "oil", "balm", "gel", "toner", "lotion", "edition", "series", "bundle",
      "box", "bar", "soap", "mist", "spray", "scent", "perfume", "shampoo", "conditioner", "cleanser", "sunscreen", "palette",
      "lipstick", "brand", "shop", "store", "studio", "spa", "salon", "cafe", "hotel", "album", "song", "book", "film", "band",
      "podcast", "show", "tea", "blend", "drink", "pack");

  /** Chars looked at after a claim word's start by {@link #nameUse} (within the rail's span, so streaming waits for them). */
  static final int NAME_AHEAD = 40;

  /**
   * True when the one-word claim at original [s, e) is used in a name ("Our Cure Collection candle",
   * "the new Lumière Cure range"): it is capitalised, not the first word of its sentence, next to
   * another capitalised word of its clause (after it, or before it when that one does not open the
   * sentence), and the sentence is not a headline typed in Title Case (a word of three or more letters
   * in lower case lies within 60 chars before or {@link #NAME_AHEAD} after the claim's start).
   * "This Will Cure Your Acne" stays a claim. Constant work per match.
   */
  static boolean nameUse(String text, int s, int e) {
    int n = text.length();
    if (e - s < 2 || !Character.isUpperCase(text.charAt(s))) {
      return false;
    }
    for (int k = s; k < e; k++) {
      if (!Character.isLetter(text.charAt(k))) {
        return false;
      }
    }
    int b = s - 1;
    while (b >= 0 && s - b < 4 && (text.charAt(b) == ' ' || "\"'\u201c\u2018".indexOf(text.charAt(b)) >= 0)) {
      b--;
    }
    if (b < 0 || text.charAt(b) == ' ' || !Character.isLetter(text.charAt(b))) {
      return false; // first word of the text or of a sentence or clause
    }
    boolean nextCap = e + 1 < n && text.charAt(e) == ' ' && Character.isUpperCase(text.charAt(e + 1));
    if (!nextCap && e + 1 < n && text.charAt(e) == ' ') {
      int we = e + 1;
      while (we < n && we - e <= 13 && Character.isLetter(text.charAt(we))) {
        we++;
      }
      nextCap = NAME_NOUNS.contains(text.substring(e + 1, we).toLowerCase(Locale.ROOT)); // "our Cure serum"
    }
    boolean prevCap = false;
    int ps = b;
    while (ps > 0 && s - ps < 24 && Character.isLetter(text.charAt(ps - 1))) {
      ps--;
    }
    if (Character.isUpperCase(text.charAt(ps))) {
      int q = ps - 1;
      while (q >= 0 && ps - q < 4 && text.charAt(q) == ' ') {
        q--;
      }
      prevCap = q >= 0 && Character.isLetter(text.charAt(q)); // "Lumière Cure", not "Our Cure" at a sentence start
    }
    if (!nextCap && !prevCap) {
      return false;
    }
    return lowerWordWithin(text, Math.max(0, s - 60), s) || lowerWordWithin(text, e, Math.min(n, s + NAME_AHEAD));
  }

  /** True when text[from, to) holds a whole word of three or more letters starting in lower case, within one sentence of the claim. */
  private static boolean lowerWordWithin(String text, int from, int to) {
    int run = 0;
    boolean lower = false;
    for (int k = from; k <= to; k++) {
      char c = k < to ? text.charAt(k) : ' ';
      if (Character.isLetter(c)) {
        if (run == 0) {
          lower = Character.isLowerCase(c) && (k == 0 || !Character.isLetterOrDigit(text.charAt(k - 1)));
        }
        run++;
      } else {
        if (lower && run >= 3 && k < text.length() + 1) {
          return true;
        }
        run = 0;
        lower = false;
      }
    }
    return false;
  }

  private static boolean sameSentence(NormalizedText nt, int from, int to) {
    for (int i = from; i < to; i++) {
      if (nt.chars[i] == TextNormalizer.BREAK) {
        return false;
      }
    }
    return true;
  }

  /**
   * True when original [from, to) holds a line terminator: the two parts of a proximity entry never pair
   * across lines (list items: "- kem dưỡng trắng da\nDa khô dùng vĩnh viễn"), while a contiguous phrase
   * is read across a line break without a sentence end ({@link TextNormalizer#bridged}).
   */
  private static boolean lineBreak(String text, int from, int to) {
    for (int i = from; i < to && i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@link #clauseBreak} between head {@code a} and tail {@code h}, leaving out a filler sentence after a topic question
   * that the pair crosses ("Are you a bot? Ha, fair question. Nope!": the comma of "Ha, fair question" parts nothing).
   */
  private static boolean clauseBreakOutsideFiller(String text, NormalizedText nt, NearHit a, NearHit h, boolean topic) {
    if (topic) {
      for (int i = a.ne(); i < h.ns(); i++) {
        if (nt.chars[i] == TextNormalizer.BREAK) {
          int j = i + 1;
          while (j < h.ns() && nt.chars[j] != TextNormalizer.BREAK) {
            j++;
          }
          if (j < h.ns() && j > i + 1 && TextNormalizer.fillerSentence(nt.chars, i + 1, j)) {
            return clauseBreak(text, a.oe(), nt.origStart(i + 1)) || clauseBreak(text, nt.origStart(j), h.os());
          }
          break;
        }
      }
    }
    return clauseBreak(text, a.oe(), h.os());
  }

  /** True when original [from, to) holds a clause separator (, ; : or a dash between spaces). */
  static boolean clauseBreak(String text, int from, int to) {
    for (int i = from; i < to && i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ',' || (c == ';' && !entityEnd(text, i)) || c == ':' || c == '(' || c == ')' || c == '\u2014' || c == '\u2013'
          || (c == '-' && i > 0 && text.charAt(i - 1) == ' ')) {
        return true;
      }
    }
    return false;
  }

  /** True when the ';' at original {@code i} ends an HTML entity ("&nbsp;", "&#160;"), which is a space, not a clause break. */
  private static boolean entityEnd(String text, int i) {
    for (int k = i - 1; k >= 0 && i - k <= 9; k--) {
      char c = text.charAt(k);
      if (c == '&') {
        return i - k >= 3;
      }
      if (!(c == '#' || (c < 0x80 && Character.isLetterOrDigit(c)))) {
        return false;
      }
    }
    return false;
  }

  /**
   * True when normalised [from, to) holds at most {@code gap} words, each at most MAX_GAP_WORD chars,
   * and no sentence break; with {@code topic}, one break that ends a topic question
   * ({@link TextNormalizer#topicQuestionBreak}: "Eczema? Not anymore!") is allowed.
   */
  private static boolean withinGap(NormalizedText nt, int from, int to, int gap, boolean topic) {
    if (to - from > (gap + 1) * (TermSet.MAX_GAP_WORD + 1) + 1 + (topic ? TextNormalizer.FILLER_CHARS + 1 : 0)) {
      return false;
    }
    int words = 0;
    int wordLen = 0;
    for (int i = from; i < to; i++) {
      char c = nt.chars[i];
      if (c == TextNormalizer.BREAK) {
        if (!topic || !TextNormalizer.topicQuestionBreak(nt, i)) {
          return false;
        }
        topic = false; // one topic question at most
        wordLen = 0;
        // and one filler sentence after it ("Are you a bot? Ha, fair question. Nope!"), whose break the normaliser
        // holds with the question's (TextNormalizer.fillerSentence)
        int j = i + 1;
        while (j < to && j - i <= TextNormalizer.FILLER_CHARS + 1 && nt.chars[j] != TextNormalizer.BREAK) {
          j++;
        }
        if (j < to && nt.chars[j] == TextNormalizer.BREAK && TextNormalizer.fillerSentence(nt.chars, i + 1, j)) {
          i = j;
        }
        continue;
      }
      if (c == ' ') {
        wordLen = 0;
      } else {
        if (wordLen == 0) {
          words++;
        }
        if (++wordLen > TermSet.MAX_GAP_WORD) {
          return false;
        }
      }
    }
    return words <= gap;
  }

  /**
   * Removes matches that an exception phrase partly overlaps (an exception inside a match does not
   * count), and matches wholly inside a phrase of another sense of the claim word ({@link TermSet#SENSE});
   * a context phrase ({@link TermSet#CONTEXT}) removes only shipped matches, never a persona's own term. Both
   * lists are sorted and swept together: linear after sorting.
   */
  private static List<Match> withoutExceptions(List<Match> matches, List<Match> exceptions) {
    exceptions.sort(BY_START);
    int[] maxEnd = new int[exceptions.size()];
    int run = Integer.MIN_VALUE;
    for (int k = 0; k < exceptions.size(); k++) {
      run = Math.max(run, exceptions.get(k).end());
      maxEnd[k] = run;
    }
    List<Match> out = new ArrayList<>(matches.size());
    for (Match m : matches) {
      // exceptions starting before m.end(): the last index with start < m.end()
      int lo = 0;
      int hi = exceptions.size() - 1;
      int last = -1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        if (exceptions.get(mid).start() < m.end()) {
          last = mid;
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      boolean suppressed = false;
      // walk back only while an exception can still reach into m (bounded by the longest exception span)
      for (int k = last; k >= 0 && maxEnd[k] > m.start(); k--) {
        Match e = exceptions.get(k);
        if (e.term().ruleId().equals(TermSet.CONTEXT) && m.own()) {
          continue; // a harmless context of a shipped rule's word never excuses the persona's own term
        }
        if (e.term().ruleId().equals(TermSet.SENSE)) {
          if (e.start() <= m.start() && m.end() <= e.end()) {
            suppressed = true; // the claim word in another sense ("curing time"), wholly inside it
            break;
          }
          continue;
        }
        if (e.end() > m.start() && !(m.start() <= e.start() && e.end() <= m.end())) {
          suppressed = true;
          break;
        }
      }
      if (!suppressed) {
        out.add(m);
      }
    }
    return out;
  }

  /** The lexicon rail's work: both automata, proximity pairs, exceptions, de-duplication, negation, mention, regex entries. */
  private void lexicalFindings(String text, NormalizedText nt, Direction dir, List<Finding> out) {
    HitLists lists = HIT_LISTS.get();
    if (lists.busy) {
      lists = new HitLists(); // re-entered (never today): do not share the lists
    }
    lists.busy = true;
    try {
      lexicalFindings(text, nt, dir, out, lists.matches, lists.exceptions, lists.nearHits, lists.aiSelf);
    } finally {
      lists.clear();
      lists.busy = false;
    }
  }

  /** The hit lists of one check, reused per thread (cleared after every check; a list grown past 1,024 entries is dropped). */
  private static final class HitLists {
    ArrayList<Match> matches = new ArrayList<>();
    ArrayList<Match> exceptions = new ArrayList<>();
    final NearHits nearHits = new NearHits();
    ArrayList<Match> aiSelf = new ArrayList<>();
    boolean busy;

    void clear() {
      matches = cleared(matches);
      exceptions = cleared(exceptions);
      nearHits.clear();
      aiSelf = cleared(aiSelf);
    }

    private static <T> ArrayList<T> cleared(ArrayList<T> l) {
      if (l.size() > 1024) {
        return new ArrayList<>();
      }
      l.clear();
      return l;
    }
  }

  private static final ThreadLocal<HitLists> HIT_LISTS = ThreadLocal.withInitial(HitLists::new);

  private void lexicalFindings(String text, NormalizedText nt, Direction dir, List<Finding> out, List<Match> matches,
      List<Match> exceptions, NearHits nearHits, List<Match> aiSelf) {
    // the word table is kept per thread for texts up to 8,192 chars; a longer one gets its own
    WordTrie.Words words = (nt.length() <= 8192 ? WORDS.get() : new WordTrie.Words()).of(nt.chars, nt.length(), ' ',
        TextNormalizer.BREAK);
    lexical(shipped, text, nt, words, dir, matches, exceptions, nearHits, aiSelf);
    lexical(own, text, nt, words, dir, matches, exceptions, nearHits, aiSelf);
    for (TermSet n : names) {
      lexical(n, text, nt, words, dir, matches, exceptions, nearHits, aiSelf);
    }
    if (own.size() > 0) {
      joined(own, nt, words, dir, matches);
      affixed(own, nt, words, dir, matches);
      if (hasCompetitors) {
        squeezed(own, nt, words, dir, matches);
      }
    }
    if (dir == Direction.OUTPUT && groups.contains("politics") && policy.active(RuleIds.AVOID_TOPIC, dir)) {
      namedEndorsements(text, nt, matches);
    }
    if (!nearHits.isEmpty()) {
      resolveNear(nearHits.hits, text, nt, matches, own);
    }
    if (!matches.isEmpty()) {
      if (aiSelf.size() > 1) {
        aiSelf.sort(Comparator.comparingInt(Match::ns));
      }
      if (!exceptions.isEmpty()) {
        matches = withoutExceptions(matches, exceptions);
      }
      matches.sort(BY_START_LONGEST_FIRST);
      // drop a match inside an earlier match of the same rule: one sweep, furthest end per rule
      List<Match> kept = new ArrayList<>();
      Map<String, Integer> reach = new java.util.HashMap<>();
      for (Match m : matches) {
        Integer r = reach.get(m.term().ruleId());
        if (r != null && m.end() <= r) {
          continue;
        }
        reach.put(m.term().ruleId(), r == null ? m.end() : Math.max(r, m.end()));
        kept.add(m);
      }
      for (Match m : kept) {
        TermSet.Term t = m.term();
        String seen = text.substring(m.start(), m.end());
        String rule = t.ruleId();
        boolean claim = rule.equals(RuleIds.FORBIDDEN_CLAIM) || rule.equals(RuleIds.FAKE_EXPERIENCE) || rule.equals(RuleIds.HONESTY);
        if (rule.equals(RuleIds.COMPETITOR) && shortMarkedPiece(text, m.start(), m.end())
            && !marked(t.term(), 0, t.term().length())) {
          // a short piece typed with Vietnamese diacritics the name does not have is a Vietnamese syllable: "Glow cổ
          // điển", "glow cô dâu", "glow có thể" are no "GlowCo" (breaker b4/b5); "Derma Việt" still is
          continue;
        }
        if (rule.equals(RuleIds.HONESTY) && !sameSentence(nt, m.ns(), m.ne())) {
          // asked, then denied across a short question ("I'm an AI? No way, I'm Linh!"): the question is
          // not a mention and the answer's "no" is no negation of it; only an AI self-identification
          // right after the answer clears it ("A bot? Not quite: I'm an AI assistant")
          if (!aiSelf.isEmpty() && identifiesAsAiAfter(text, nt, m, aiSelf)) {
            out.add(new Finding(rule, policy.severity(rule), Action.ALLOW, m.start(), m.end(),
                "Identifies as an AI right after, so allowed: " + message(t, seen), null));
          } else {
            out.add(policy.finding(rule, m.start(), m.end(), message(t, seen), null));
          }
          continue;
        }
        if ((rule.equals(RuleIds.HONESTY) || rule.equals(RuleIds.FAKE_EXPERIENCE)) && insideQuote(text, m.start())) {
          // a customer's or a reviewer's words quoted ('One reviewer wrote: "I drank it every day"')
          out.add(new Finding(rule, policy.severity(rule), Action.ALLOW, m.start(), m.end(),
              "Quoted, not claimed, so allowed: " + message(t, seen), null));
          continue;
        }
        if (claim && (Negation.negated(text, nt, m.ns(), m.ne(), m.start())
            || (rule.equals(RuleIds.FORBIDDEN_CLAIM) && (Negation.answeredNo(nt, m.ns(), m.ne())
            || Negation.quotedAnsweredNo(text, nt, m.ns(), m.ne(), m.start(), m.end()))))) {
          // a negated claim or disclaimer ("không chữa khỏi mụn", "no sunscreen can cure acne") is allowed, on record
          out.add(new Finding(rule, policy.severity(rule), Action.ALLOW, m.start(), m.end(),
              "Negated, so allowed: " + message(t, seen), null));
          continue;
        }
        if (rule.equals(RuleIds.FORBIDDEN_CLAIM) && dir == Direction.OUTPUT) {
          // a claim someone else makes, at a distance ("If anyone tells you a cream can cure acne, they're wrong"):
          // rejected, allowed; neither rejected nor agreed with, at most flagged; agreed with, a claim (Negation.reported)
          int how = Negation.reported(text, nt, m.ns(), m.ne());
          if (how == Negation.REPORTED_REJECTED) {
            out.add(new Finding(rule, policy.severity(rule), Action.ALLOW, m.start(), m.end(),
                "Reported and rejected, not claimed, so allowed: " + message(t, seen), null));
            continue;
          }
          if (how == Negation.REPORTED) {
            Action a = policy.action(rule) == Action.BLOCK ? Action.FLAG : policy.action(rule);
            out.add(new Finding(rule, policy.severity(rule), a, m.start(), m.end(),
                "Reported (someone else's words), not claimed: " + message(t, seen), null));
            continue;
          }
        }
        if (rule.equals(RuleIds.AVOID_TOPIC) && dir == Direction.OUTPUT && Negation.declinedTopic(text, nt, m.ns(), m.ne())) {
          // "Mình không bàn chuyện chính trị", "I don't take sides in elections": the persona avoids the topic
          out.add(new Finding(rule, policy.severity(rule), Action.ALLOW, m.start(), m.end(),
              "Declined (the persona does not discuss it), so allowed: " + message(t, seen), null));
          continue;
        }
        if (rule.equals(RuleIds.FORBIDDEN_CLAIM) && Negation.quotedMention(text, nt, m.ns(), m.start(), m.end())) {
          // "The phrase "burns fat" shows up in ads": the words are named, not claimed; a moderator looks at most
          Action a = policy.action(rule) == Action.BLOCK ? Action.FLAG : policy.action(rule);
          out.add(new Finding(rule, policy.severity(rule), a, m.start(), m.end(),
              "Quoted as words (the phrase, the term...), not claimed: " + message(t, seen), null));
          continue;
        }
        if (rule.equals(RuleIds.FORBIDDEN_CLAIM) && nameUse(text, m.start(), m.end())) {
          // "Our Cure Collection candle": the claim word is part of a name (a product, a collection, a title)
          out.add(new Finding(rule, policy.severity(rule), Action.ALLOW, m.start(), m.end(),
              "Part of a name (product, brand or title), not a claim, so allowed: " + message(t, seen), null));
          continue;
        }
        if (rule.equals(RuleIds.HONESTY) && Negation.mentioned(text, nt, m.ns(), m.start(), m.end())) {
          out.add(new Finding(rule, policy.severity(rule), Action.ALLOW, m.start(), m.end(),
              "Mentioned (asked or reported), not claimed, so allowed: " + message(t, seen), null));
          continue;
        }
        if (rule.equals(RuleIds.HONESTY) && staffMeetsAfter(nt, m.ns(), m.ne())) {
          // "See you at the Hanoi store: our staff will help", "Hẹn gặp bạn ở cửa hàng nha, các bạn nhân viên sẽ tư vấn"
          out.add(new Finding(rule, policy.severity(rule), Action.ALLOW, m.start(), m.end(),
              "The staff named right after meet the customer, so allowed: " + message(t, seen), null));
          continue;
        }
        if (rule.equals(RuleIds.HONESTY) && t.anchors() != 0 && !aiSelf.isEmpty() && identifiesAsAi(text, nt, m, aiSelf)) {
          // an elliptic denial next to "I'm an AI assistant" ("Not a human, not a bot: an AI assistant") is honest
          out.add(new Finding(rule, policy.severity(rule), Action.ALLOW, m.start(), m.end(),
              "Identifies as an AI in the same sentence, so allowed: " + message(t, seen), null));
          continue;
        }
        out.add(policy.finding(rule, m.start(), m.end(), message(t, seen), policy.action(rule) == Action.REWRITE ? "***" : null));
      }
    }
    int lexicalCount = out.size();
    String norm = null;
    for (TermSet.Regex r : shipped.regexes) {
      if (!policy.active(r.ruleId(), dir)) {
        continue;
      }
      if (norm == null) {
        norm = nt.toString();
      }
      Matcher m = r.pattern().matcher(norm);
      while (m.find()) {
        if (m.end() == m.start()) {
          continue;
        }
        int os = nt.origStart(m.start());
        int oe = nt.origEnd(m.end() - 1);
        boolean covered = false;
        for (int k = 0; k < lexicalCount && !covered; k++) {
          Finding f = out.get(k);
          covered = f.ruleId().equals(r.ruleId()) && f.start() < oe && os < f.end();
        }
        if (!covered) {
          out.add(policy.finding(r.ruleId(), os, oe, message(new TermSet.Term(r.ruleId(), "", null, "", null), text.substring(os, oe)), null));
        }
      }
    }
  }


  private static String message(TermSet.Term t, String seen) {
    String what = switch (t.ruleId()) {
      case RuleIds.BANNED_TERM -> "Banned term '" + t.term() + "'";
      case RuleIds.COMPETITOR -> "Competitor mention '" + t.term() + "'";
      case RuleIds.FORBIDDEN_CLAIM -> "Forbidden claim '" + t.term() + "' (" + t.detail() + ")";
      case RuleIds.AVOID_TOPIC -> "Avoided topic (" + t.detail().replace("topic to avoid: ", "") + "): '" + t.term() + "'";
      case RuleIds.HONESTY -> "Claims to be human or denies being an AI";
      case RuleIds.FAKE_EXPERIENCE -> "Claims personal experience with a product (an AI persona cannot use products)";
      case RuleIds.PROMPT_INJECTION -> "Prompt injection / jailbreak attempt";
      default -> t.detail();
    };
    return what + ": \"" + seen + "\"";
  }

}
