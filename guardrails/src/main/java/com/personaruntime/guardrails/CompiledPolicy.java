package com.personaruntime.guardrails;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import com.google.re2j.Matcher;

/*
 * A compiled policy. Lexical rules live in two Aho–Corasick automata (see TermSet): the shipped
 * lexicons (built once per JVM) and the persona's terms. A check is: normalise (linear), two automaton
 * passes (linear, independent of the number of terms), a few regexes over the original text for PII
 * and links (skipped cheaply when the text cannot contain them), and for posts the disclosure and
 * platform rules.
 *
 * A match counts only at word boundaries of the normalised text. A Vietnamese term (one with
 * diacritics) matched in text typed WITH diacritics must agree syllable by syllable: "chưa khỏi"
 * (not yet cured) is not "chữa khỏi" (cures), "đang" is not "đảng"; a syllable typed without
 * diacritics matches any. Exception phrases ("sửa chữa", "không phải ai cũng") suppress a match
 * they partly overlap.
 */
final class CompiledPolicy implements Policy {
  /** Longest match of a normalised-text regex rule; the streaming guard holds back at least this. */
  static final int REGEX_MAX = 80;

  private final PolicyConfig config;
  private final TermSet shipped;
  private final TermSet own;
  private final java.util.Set<String> groups;
  private final Map<String, Action> actions = new LinkedHashMap<>();
  private final Map<String, Severity> severities = new LinkedHashMap<>();
  private final EnumMap<Direction, Integer> maxNormLen = new EnumMap<>(Direction.class);

  private final InjectionModel model;
  private final List<Rail> rails;

  CompiledPolicy(PolicyConfig config) {
    this(config, InjectionModel.shipped());
  }

  /** A policy with another injection model (evaluation: a model trained without the rows it is scored on). */
  CompiledPolicy(PolicyConfig config, InjectionModel model) {
    this.config = config;
    this.model = model;
    for (String id : RuleIds.all()) {
      RuleIds.Defaults d = RuleIds.defaults(id);
      actions.put(id, config.ruleActions().getOrDefault(id, d.action()));
      severities.put(id, d.severity());
    }
    this.shipped = TermSet.shipped();
    java.util.Set<String> g = new java.util.HashSet<>(config.regulatedClaims());
    TermSet.Builder b = new TermSet.Builder();
    for (String t : config.bannedTerms()) {
      b.withInflections(RuleIds.BANNED_TERM, t, null, "banned term");
    }
    for (String t : config.competitors()) {
      b.withInflections(RuleIds.COMPETITOR, t, null, "competitor");
    }
    for (String t : config.forbiddenClaims()) {
      b.withInflections(RuleIds.FORBIDDEN_CLAIM, t, null, "forbidden claim");
    }
    for (String topic : config.avoidTopics()) {
      String key = topic.toLowerCase(Locale.ROOT);
      if (TermSet.Builder.SHIPPED_TOPICS.contains(key)) {
        g.add(key);
      } else {
        b.withInflections(RuleIds.AVOID_TOPIC, topic, null, "topic to avoid: " + topic);
      }
    }
    this.groups = java.util.Set.copyOf(g);
    this.own = b.build();
    this.rails = List.of(new LexiconRail(), new LearnedInjectionRail(), new PiiRail(), new LinkRail(), new CanaryRail(),
        new DisclosureRail());
    for (Direction d : Direction.values()) {
      maxNormLen.put(d, streamingSpan(d, Rule.SpanUnit.NORMALISED));
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

  private static boolean strictOk(TermSet.Term t, CharSequence span) {
    String[] want = t.strict()[0];
    String[] got = syllables(span);
    if (got.length != want.length) {
      return true; // obfuscation changed the shape; the folded match stands
    }
    for (int i = 0; i < got.length; i++) {
      if (!isPlain(got[i]) && !got[i].equals(want[i]) && sameLetters(got[i], want[i])) {
        // same letters, other diacritics: another word ("chưa khỏi" is not "chữa khỏi"). Different
        // letters mean the normaliser undid an obfuscation ("khỏj", "zứt", "chữaaaa"): the match stands.
        return false;
      }
    }
    return true;
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

  boolean active(String ruleId, Direction d) {
    RuleIds.Defaults def = RuleIds.defaults(ruleId);
    return def != null && def.directions().contains(d);
  }

  int maxNormLen(Direction d) {
    return maxNormLen.get(d);
  }

  int patternCount() {
    return own.size();
  }

  @Override
  public PolicyConfig config() {
    return config;
  }

  String language(CheckContext ctx) {
    return ctx.language() != null ? ctx.language() : config.defaultLanguage();
  }

  String redaction(CheckContext ctx) {
    return "vi".equals(language(ctx)) ? "[đã ẩn]" : "[redacted]";
  }

  Finding finding(String ruleId, int start, int end, String message, String fix) {
    return new Finding(ruleId, severities.get(ruleId), actions.get(ruleId), start, end, message, fix);
  }

  /** Result of a scan: findings (sorted) plus the normalised text. */
  record Scan(List<Finding> findings, NormalizedText normalized) {
  }

  @Override
  public Verdict check(String text, CheckContext ctx) {
    if (text == null) {
      throw new IllegalArgumentException("text: must not be null");
    }
    if (ctx == null) {
      throw new IllegalArgumentException("ctx: must not be null");
    }
    List<Finding> f = scan(text, ctx, true).findings();
    return new Verdict(Verdict.decisionOf(f), apply(text, f), f);
  }

  @Override
  public StreamingGuard streamingGuard(CheckContext ctx) {
    if (ctx == null) {
      throw new IllegalArgumentException("ctx: must not be null");
    }
    return new StreamingGuardImpl(this, ctx);
  }

  /** A lexical match: original [start, end), normalised [ns, ne). */
  private record Match(int start, int end, TermSet.Term term, int ns, int ne) {
  }

  /** A match of one part of a proximity entry, with its normalised offsets. */
  private record NearHit(TermSet set, int near, int part, int ns, int ne, int os, int oe) {
  }

  private void lexical(TermSet set, String text, NormalizedText nt, Direction dir, List<Match> matches, List<Match> exceptions,
      List<NearHit> nearHits) {
    set.automaton.scan(nt.chars, nt.length(), (p, end) -> {
      int start = end - set.automaton.patternLength(p);
      if (!nt.boundaryBefore(start) || !nt.boundaryAfter(end)) {
        return;
      }
      for (TermSet.Term t : set.terms[p]) {
        boolean exc = t.ruleId().equals(TermSet.EXCEPTION);
        if (!exc && (!active(t.ruleId(), dir) || (t.group() != null && !groups.contains(t.group())))) {
          continue;
        }
        int os = nt.origStart(start);
        int oe = nt.origEnd(end - 1);
        if (t.strict() != null && !strictOk(t, text.subSequence(os, oe))) {
          continue;
        }
        if (t.near() >= 0) {
          nearHits.add(new NearHit(set, t.near(), t.part(), start, end, os, oe));
          continue;
        }
        (exc ? exceptions : matches).add(new Match(os, oe, t, start, end));
      }
    });
  }

  /**
   * Pairs the parts of proximity entries: an A hit, then a B hit starting at most N words after A
   * ends, in the same sentence, no gap word longer than {@link TermSet#MAX_GAP_WORD}. One sweep in
   * start order (the latest A of each entry is kept), so linear in the hits.
   */
  private static void resolveNear(List<NearHit> hits, String text, NormalizedText nt, List<Match> matches) {
    boolean anyTail = false;
    for (NearHit h : hits) {
      anyTail |= h.part() == 1;
    }
    if (!anyTail) {
      return;
    }
    hits.sort(Comparator.comparingInt(NearHit::ns).thenComparingInt(NearHit::part));
    Map<Long, NearHit> lastHead = new java.util.HashMap<>();
    for (NearHit h : hits) {
      long key = ((long) System.identityHashCode(h.set()) << 32) | h.near();
      if (h.part() == 0) {
        lastHead.put(key, h);
        continue;
      }
      NearHit a = lastHead.get(key);
      if (a == null || a.ne() > h.ns()) {
        continue;
      }
      TermSet.Near nr = h.set().near.get(h.near());
      if (withinGap(nt, a.ne(), h.ns(), nr.gap()) && !clauseBreak(text, a.oe(), h.os())) {
        matches.add(new Match(a.os(), h.oe(), new TermSet.Term(nr.ruleId(), nr.display(), nr.group(), nr.detail(), null), a.ns(), h.ne()));
      }
    }
  }

  /** True when original [from, to) holds a clause separator (, ; : or a dash between spaces). */
  static boolean clauseBreak(String text, int from, int to) {
    for (int i = from; i < to && i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == '\u2014' || c == '\u2013'
          || (c == '-' && i > 0 && text.charAt(i - 1) == ' ')) {
        return true;
      }
    }
    return false;
  }

  /** True when normalised [from, to) holds at most {@code gap} words, each at most MAX_GAP_WORD chars, and no sentence break. */
  private static boolean withinGap(NormalizedText nt, int from, int to, int gap) {
    if (to - from > (gap + 1) * (TermSet.MAX_GAP_WORD + 1) + 1) {
      return false;
    }
    int words = 0;
    int wordLen = 0;
    for (int i = from; i < to; i++) {
      char c = nt.chars[i];
      if (c == TextNormalizer.BREAK) {
        return false;
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
   * count). Both lists are sorted and swept together: linear after sorting.
   */
  private static List<Match> withoutExceptions(List<Match> matches, List<Match> exceptions) {
    exceptions.sort(Comparator.comparingInt(Match::start));
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

  /** What every rail of one check sees. */
  record Input(String text, NormalizedText nt, CheckContext ctx, Direction dir, boolean wholeText) {
  }

  /** A rail of this policy (see {@link Rule}); checks append to the findings of the rails before them. */
  abstract class Rail implements Rule {
    private final String name;
    private final Set<String> ids;
    private final SpanUnit unit;

    Rail(String name, SpanUnit unit, String... ids) {
      this.name = name;
      this.unit = unit;
      this.ids = Set.of(ids);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Set<String> ruleIds() {
      return ids;
    }

    @Override
    public SpanUnit spanUnit() {
      return unit;
    }

    /** @return true when some rule of this rail applies to the direction */
    boolean activeFor(Direction d) {
      for (String id : ids) {
        if (active(id, d)) {
          return true;
        }
      }
      return false;
    }

    abstract void check(Input in, List<Finding> out);
  }

  /** Lexicons (shipped and the persona's), proximity entries, exceptions, negation and mention. */
  final class LexiconRail extends Rail {
    LexiconRail() {
      super("lexicon", SpanUnit.NORMALISED, RuleIds.BANNED_TERM, RuleIds.COMPETITOR, RuleIds.FORBIDDEN_CLAIM,
          RuleIds.AVOID_TOPIC, RuleIds.HONESTY, RuleIds.FAKE_EXPERIENCE, RuleIds.PROMPT_INJECTION);
    }

    @Override
    public int maxSpan(Direction d) {
      return Math.max(shipped.maxLen(d), own.maxLen(d)) + 1;
    }

    @Override
    void check(Input in, List<Finding> out) {
      lexicalFindings(in.text(), in.nt(), in.dir(), out);
    }
  }

  /** The learned injection detector: judges a whole audience message. */
  final class LearnedInjectionRail extends Rail {
    LearnedInjectionRail() {
      super("learned-injection", SpanUnit.ORIGINAL, RuleIds.PROMPT_INJECTION_LEARNED);
    }

    @Override
    public int maxSpan(Direction d) {
      return activeFor(d) ? WHOLE_TEXT : 0;
    }

    @Override
    void check(Input in, List<Finding> out) {
      learned(in.text(), in.nt(), out);
    }
  }

  /** Personal data: e-mail (plain and disguised), phone, card, VN id; redacted. */
  final class PiiRail extends Rail {
    PiiRail() {
      super("pii", SpanUnit.ORIGINAL, RuleIds.PII_EMAIL, RuleIds.PII_PHONE, RuleIds.PII_CARD, RuleIds.PII_VN_ID);
    }

    @Override
    public int maxSpan(Direction d) {
      return activeFor(d) ? Pii.MAX_SPAN : 0;
    }

    @Override
    void check(Input in, List<Finding> out) {
      Direction dir = in.dir();
      String text = in.text();
      boolean email = active(RuleIds.PII_EMAIL, dir);
      String placeholder = redaction(in.ctx());
      Pii.scan(text, email, active(RuleIds.PII_PHONE, dir), active(RuleIds.PII_CARD, dir), active(RuleIds.PII_VN_ID, dir),
          (rule, s, e, kind) -> {
            // The brand's own public addresses are contact details the persona may give out.
            if (rule.equals(RuleIds.PII_EMAIL) && dir == Direction.OUTPUT
                && config.publicEmails().contains(text.substring(s, e).toLowerCase(java.util.Locale.ROOT))) {
              return;
            }
            out.add(finding(rule, s, e, "Personal data (" + kind + ") redacted", placeholder));
          });
    }
  }

  /** Links outside the allowed domains (bare domains by the Public Suffix List). */
  final class LinkRail extends Rail {
    LinkRail() {
      super("links", SpanUnit.ORIGINAL, RuleIds.LINK_DOMAIN);
    }

    @Override
    public int maxSpan(Direction d) {
      // a link is one word (held whole as the growing last word) or joined by " dot ": bounded by
      // the longest host, but in practice within the PII tail; the word rule keeps URLs whole
      return activeFor(d) ? Pii.MAX_SPAN : 0;
    }

    @Override
    void check(Input in, List<Finding> out) {
      List<int[]> emails = new ArrayList<>();
      for (Finding f : out) {
        if (f.ruleId().equals(RuleIds.PII_EMAIL)) {
          emails.add(new int[] {f.start(), f.end()});
        }
      }
      Links.scan(in.text(), config.allowedLinkDomains(), (s, e, host) -> {
        if (insideAny(emails, s, e)) {
          return;
        }
        out.add(finding(RuleIds.LINK_DOMAIN, s, e, "Link to '" + host + "' is outside the allowed domains "
            + config.allowedLinkDomains(), null));
      });
    }
  }

  /** The system prompt's canary token in output, even obfuscated (its span depends on the token: see the guard). */
  final class CanaryRail extends Rail {
    CanaryRail() {
      super("canary", SpanUnit.NORMALISED, RuleIds.CANARY_LEAK);
    }

    @Override
    public int maxSpan(Direction d) {
      return 0; // per reply: canaryNormLen(token), added by the streaming guard
    }

    @Override
    void check(Input in, List<Finding> out) {
      if (in.ctx().canaryToken() != null) {
        canary(in.text(), in.nt(), in.ctx().canaryToken(), out);
      }
    }
  }

  /** Disclosure labels and platform limits: whole posts only. */
  final class DisclosureRail extends Rail {
    DisclosureRail() {
      super("disclosure", SpanUnit.ORIGINAL, RuleIds.AI_LABEL, RuleIds.SPONSORED_LABEL, RuleIds.PLATFORM_LENGTH,
          RuleIds.PLATFORM_HASHTAGS);
    }

    @Override
    public int maxSpan(Direction d) {
      return activeFor(d) ? WHOLE_TEXT : 0;
    }

    @Override
    void check(Input in, List<Finding> out) {
      CheckContext ctx = in.ctx();
      if (!in.wholeText() || ctx.channel() != Channel.POST || in.dir() != Direction.OUTPUT) {
        return;
      }
      String text = in.text();
      Disclosure.check(text, ctx, config, language(ctx), (rule, s, e, msg, fix) -> out.add(finding(rule, s, e, msg, fix)));
      if (ctx.platform() != null) {
        String finalText = apply(text, out);
        Disclosure.checkPlatform(text, finalText, ctx.platform(), config,
            (rule, s, e, msg, fix) -> out.add(finding(rule, s, e, msg, fix)));
      }
    }
  }

  /** The rails, in the order they run (links after PII: a link inside an e-mail address is not reported). */
  @Override
  public List<? extends Rule> rules() {
    return rails;
  }

  /**
   * Longest span of the rails that can match text in direction {@code d} while it streams, in the
   * given unit; rails that judge only whole texts are left out (they run on the complete text).
   */
  int streamingSpan(Direction d, Rule.SpanUnit unit) {
    int max = 0;
    for (Rail r : rails) {
      int span = r.maxSpan(d);
      if (r.spanUnit() == unit && span != Rule.WHOLE_TEXT) {
        max = Math.max(max, span);
      }
    }
    return max;
  }

  Scan scan(String text, CheckContext ctx, boolean wholeText) {
    Direction dir = ctx.direction();
    NormalizedText nt = TextNormalizer.normalize(text);
    Input in = new Input(text, nt, ctx, dir, wholeText);
    List<Finding> out = new ArrayList<>();
    for (Rail r : rails) {
      if (r.activeFor(dir)) {
        r.check(in, out);
      }
    }
    out.sort(Comparator.comparingInt(Finding::start).thenComparingInt(Finding::end));
    return new Scan(out, nt);
  }

  /** The lexicon rail's work: both automata, proximity pairs, exceptions, de-duplication, negation, mention, regex entries. */
  private void lexicalFindings(String text, NormalizedText nt, Direction dir, List<Finding> out) {
    List<Match> matches = new ArrayList<>();
    List<Match> exceptions = new ArrayList<>();
    List<NearHit> nearHits = new ArrayList<>();
    lexical(shipped, text, nt, dir, matches, exceptions, nearHits);
    lexical(own, text, nt, dir, matches, exceptions, nearHits);
    if (!nearHits.isEmpty()) {
      resolveNear(nearHits, text, nt, matches);
    }
    if (!matches.isEmpty()) {
      if (!exceptions.isEmpty()) {
        matches = withoutExceptions(matches, exceptions);
      }
      matches.sort(Comparator.comparingInt(Match::start).thenComparing(Comparator.comparingInt(Match::end).reversed()));
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
        if (claim && Negation.negated(text, nt, m.ns(), m.ne(), m.start())) {
          // a negated claim or disclaimer ("không chữa khỏi mụn", "no sunscreen can cure acne") is allowed, on record
          out.add(new Finding(rule, severities.get(rule), Action.ALLOW, m.start(), m.end(),
              "Negated, so allowed: " + message(t, seen), null));
          continue;
        }
        if (rule.equals(RuleIds.HONESTY) && Negation.mentioned(text, nt, m.ns(), m.start(), m.end())) {
          out.add(new Finding(rule, severities.get(rule), Action.ALLOW, m.start(), m.end(),
              "Mentioned (asked or reported), not claimed, so allowed: " + message(t, seen), null));
          continue;
        }
        out.add(finding(rule, m.start(), m.end(), message(t, seen), actions.get(rule) == Action.REWRITE ? "***" : null));
      }
    }
    int lexicalCount = out.size();
    String norm = null;
    for (TermSet.Regex r : shipped.regexes) {
      if (!active(r.ruleId(), dir)) {
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
          out.add(finding(r.ruleId(), os, oe, message(new TermSet.Term(r.ruleId(), "", null, "", null), text.substring(os, oe)), null));
        }
      }
    }
  }


  /**
   * The learned detector over the normalised text. At or above the persona's threshold: the
   * rule's action (BLOCK by default). In a language without lexicons, at or above the model's
   * lower "unsure" threshold: FLAG, so such input is never silently let through on a guess.
   */
  private void learned(String text, NormalizedText nt, List<Finding> out) {
    int words = 0;
    for (int i = 0; i < nt.length() && words < 3; i++) {
      if (nt.chars[i] != ' ' && nt.chars[i] != TextNormalizer.BREAK && (i == 0 || nt.chars[i - 1] == ' ' || nt.chars[i - 1] == TextNormalizer.BREAK)) {
        words++;
      }
    }
    if (words < 3) {
      return; // one or two words carry too little for the model alone ("ok shop"); the lexicons still apply
    }
    double score = model.score(nt.chars, nt.length());
    double block = config.injectionThreshold() != null ? config.injectionThreshold() : model.blockThreshold();
    double flag = Math.min(block, model.flagThreshold());
    if (score < flag) {
      return;
    }
    String lang = LanguageId.detect(text);
    String rule = RuleIds.PROMPT_INJECTION_LEARNED;
    String s = String.format(Locale.ROOT, "%.2f", score);
    if (score >= block) {
      out.add(new Finding(rule, severities.get(rule), actions.get(rule), 0, text.length(),
          "Prompt injection / jailbreak (learned detector, score " + s + " >= threshold "
              + String.format(Locale.ROOT, "%.2f", block) + ", language " + lang + ")", null, score));
    } else if (!LanguageId.hasLexicon(lang) && !LanguageId.UNKNOWN.equals(lang)) {
      Action a = actions.get(rule).compareTo(Action.FLAG) > 0 ? Action.FLAG : actions.get(rule);
      out.add(new Finding(rule, severities.get(rule), a, 0, text.length(),
          "Possible prompt injection in a language without a lexicon (" + lang + "): learned detector unsure, score " + s
              + "; held for a moderator", null, score));
    }
  }

  /** True when [s, e) lies inside one of the ascending, disjoint spans (binary search). */
  private static boolean insideAny(List<int[]> spans, int s, int e) {
    int lo = 0;
    int hi = spans.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int[] sp = spans.get(mid);
      if (sp[1] <= s) {
        lo = mid + 1;
      } else if (sp[0] > s) {
        hi = mid - 1;
      } else {
        return e <= sp[1];
      }
    }
    return false;
  }

  int canaryNormLen(String canary) {
    return canary == null ? 0 : 2 * TextNormalizer.normalize(canary).length() + 1;
  }

  private void canary(String text, NormalizedText nt, String token, List<Finding> out) {
    int i = indexOfIgnoreCase(text, token);
    if (i >= 0) {
      out.add(finding(RuleIds.CANARY_LEAK, i, i + token.length(), "Canary token from the system prompt appears in the output", null));
      return;
    }
    String c = TextNormalizer.normalize(token).toString().replace(" ", "").replace(String.valueOf(TextNormalizer.BREAK), "");
    if (c.isEmpty()) {
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
      out.add(finding(RuleIds.CANARY_LEAK, s, e, "Canary token from the system prompt appears (obfuscated) in the output", null));
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

  /** Applies the fixes of REWRITE findings; overlapping fixes after the first are skipped. */
  static String apply(String text, List<Finding> findings) {
    List<Finding> edits = new ArrayList<>();
    for (Finding f : findings) {
      if (f.action() == Action.REWRITE && f.fix() != null) {
        edits.add(f);
      }
    }
    if (edits.isEmpty()) {
      return text;
    }
    edits.sort(Comparator.comparingInt(Finding::start).thenComparingInt(Finding::end));
    StringBuilder sb = new StringBuilder(text.length() + 32);
    int pos = 0;
    for (Finding f : edits) {
      if (f.start() < pos) {
        continue;
      }
      sb.append(text, pos, f.start()).append(f.fix());
      pos = f.end();
    }
    sb.append(text, pos, text.length());
    return sb.toString();
  }
}
