package com.personaruntime.guardrails.rails.disclosure;

import com.personaruntime.guardrails.RuleIds;
import com.personaruntime.guardrails.text.NormalizedText;
import com.personaruntime.guardrails.text.TextNormalizer;

import com.personaruntime.guardrails.CheckContext;
import com.personaruntime.guardrails.PolicyConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/*
 * Disclosure for posts (channel POST, direction OUTPUT) and platform limits.
 *
 * Jurisdiction profiles:
 *   every profile: a visible AI label on every published post (EU AI Act Art. 50(2), VN AI Law
 *   Art. 11, China's 2025 labelling measures; the product applies it everywhere), and for
 *   sponsored posts the sponsored label at the START (FTC Endorsement Guides, UK CAP 2, VN
 *   Advertising Law 2025 - not buried among hashtags).
 *   CN: the AI label goes at the start (explicit label), elsewhere it is appended at the end.
 *   VN: when the post language is not Vietnamese, the Vietnamese labels are added too.
 * Labels come from the persona per language, else the defaults below, else English.
 *
 * Insertions are findings with start == end and the label as fix; a buried sponsored label is a
 * finding with fix "" (removed) plus an insertion at 0.
 */
public final class Disclosure {
  public static final Map<String, PolicyConfig.PlatformLimit> DEFAULT_PLATFORM_LIMITS;
  public static final Map<String, String> DEFAULT_AI = Map.of(
      "vi", "Nội dung do AI tạo ra", "en", "AI-generated", "zh", "AI生成内容", "fr", "Contenu généré par IA",
      "de", "KI-generiert", "es", "Generado por IA");
  public static final Map<String, String> DEFAULT_SPONSORED = Map.of(
      "vi", "#quảngcáo", "en", "#ad", "zh", "#广告", "fr", "#publicité", "de", "#anzeige", "es", "#publicidad");

  static {
    Map<String, PolicyConfig.PlatformLimit> m = new LinkedHashMap<>();
    m.put("x", new PolicyConfig.PlatformLimit(280, 3));
    m.put("threads", new PolicyConfig.PlatformLimit(500, 1));
    m.put("instagram", new PolicyConfig.PlatformLimit(2200, 30));
    m.put("tiktok", new PolicyConfig.PlatformLimit(4000, 30));
    m.put("facebook", new PolicyConfig.PlatformLimit(63206, 30));
    m.put("linkedin", new PolicyConfig.PlatformLimit(3000, 5));
    DEFAULT_PLATFORM_LIMITS = m;
  }

  /** Hashtags recognised as an existing sponsored label (compared in lower case). */
  private static final Set<String> SPONSORED_TAGS = Set.of("ad", "ads", "advert", "sponsored", "sponsor", "quảngcáo",
      "quangcao", "qc", "tàitrợ", "taitro", "paidpartnership", "partner", "anzeige", "werbung", "publicité", "publicidad", "广告");

  private static boolean tagChar(int cp) {
    return Character.isLetterOrDigit(cp) || cp == '_' || Character.getType(cp) == Character.NON_SPACING_MARK;
  }

  /**
   * Hashtags of a text as [start, end) pairs: '#' not glued to a word, '&' or '#' before it, then
   * letters, digits, marks or '_'. A single forward pass (no regex).
   */
  public static List<int[]> hashtags(String text) {
    List<int[]> out = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      if (text.charAt(i) != '#') {
        i++;
        continue;
      }
      int prev = i > 0 ? text.codePointBefore(i) : ' ';
      int j = i + 1;
      while (j < n && tagChar(text.codePointAt(j))) {
        j += Character.charCount(text.codePointAt(j));
      }
      if (j > i + 1 && !(tagChar(prev) || prev == '&' || prev == '#')) {
        out.add(new int[] {i, j});
      }
      i = Math.max(j, i + 1);
    }
    return out;
  }

  /** Sponsored-label hashtags ("#ad", "#quảngcáo", ...) of a text. */
  private static List<int[]> sponsoredTags(String text) {
    List<int[]> out = new ArrayList<>();
    for (int[] t : hashtags(text)) {
      if (SPONSORED_TAGS.contains(java.text.Normalizer.normalize(text.substring(t[0] + 1, t[1]), java.text.Normalizer.Form.NFC)
          .toLowerCase(Locale.ROOT))) {
        out.add(t);
      }
    }
    return out;
  }

  private Disclosure() {
  }

  public static String aiLabel(PolicyConfig cfg, String lang) {
    String l = cfg.aiLabels().get(lang);
    if (l == null) {
      l = DEFAULT_AI.get(lang);
    }
    return l != null ? l : DEFAULT_AI.get("en");
  }

  public static String sponsoredLabel(PolicyConfig cfg, String lang) {
    String l = cfg.sponsoredLabels().get(lang);
    if (l == null) {
      l = DEFAULT_SPONSORED.get(lang);
    }
    return l != null ? l : DEFAULT_SPONSORED.get("en");
  }

  public interface Sink {
    void add(String ruleId, int start, int end, String message, String fix);
  }

  /** Disclosure findings for a post. */
  public static void check(String text, CheckContext ctx, PolicyConfig cfg, String lang, Sink sink) {
    Set<String> jur = cfg.jurisdictions();
    List<String> langs = new ArrayList<>();
    langs.add(lang);
    if (jur.contains("VN") && !lang.equals("vi")) {
      langs.add("vi");
    }
    NormalizedText folded = TextNormalizer.normalize(text);
    java.util.BitSet hidden = hiddenParts(text);
    boolean aiAtStart = jur.contains("CN");
    StringBuilder startInsert = new StringBuilder();
    // sponsored label
    if (ctx.sponsored()) {
      List<int[]> found = sponsoredOccurrences(text, cfg, langs);
      if (hidden != null) {
        found.removeIf(f -> hidden.nextSetBit(f[0]) >= 0 && hidden.nextSetBit(f[0]) < f[1]); // "<sub>#ad</sub>": not shown
      }
      // the earliest label decides: if any label has only labels before it, the first one does
      boolean atStart = !found.isEmpty() && onlyLabelsBefore(text, found.get(0)[0], cfg, langs);
      if (!atStart) {
        for (String l : langs) {
          startInsert.append(sponsoredLabel(cfg, l)).append(' ');
        }
        if (!found.isEmpty()) {
          for (int[] f : found) {
            int s = f[0];
            int e = f[1];
            if (e < text.length() && text.charAt(e) == ' ') {
              e++;
            } else if (s > 0 && text.charAt(s - 1) == ' ') {
              s--;
            }
            sink.add(RuleIds.SPONSORED_LABEL, s, e, "Sponsored label '" + text.substring(f[0], f[1])
                + "' is buried at offset " + f[0] + "; it must come first: moved to the start", "");
          }
        }
        sink.add(RuleIds.SPONSORED_LABEL, 0, 0, found.isEmpty()
            ? "Sponsored post without a sponsored label: '" + startInsert.toString().trim() + "' inserted at the start"
            : "Sponsored label moved to the start", startInsert.toString());
      }
    }
    // AI label
    List<String> missing = new ArrayList<>();
    for (String l : langs) {
      if (!hasAiLabel(folded, cfg, l, hidden)) {
        missing.add(aiLabel(cfg, l));
      }
    }
    if (!missing.isEmpty()) {
      String label = String.join(" · ", missing);
      if (aiAtStart) {
        sink.add(RuleIds.AI_LABEL, 0, 0, "Post without an AI label (CN profile: explicit label at the start): '" + label + "' inserted",
            label + "\n");
      } else {
        sink.add(RuleIds.AI_LABEL, text.length(), text.length(), "Post without an AI label: '" + label + "' appended",
            (text.isEmpty() ? "" : "\n\n") + label);
      }
    }
  }

  private static boolean hasAiLabel(NormalizedText folded, PolicyConfig cfg, String lang, java.util.BitSet hidden) {
    List<String> candidates = new ArrayList<>();
    candidates.add(aiLabel(cfg, lang));
    candidates.add(DEFAULT_AI.getOrDefault(lang, DEFAULT_AI.get("en")));
    if (lang.equals("en")) {
      candidates.addAll(List.of("#aigenerated", "ai generated", "made with ai", "#madewithai", "created with ai", "#aigc"));
    } else if (lang.equals("vi")) {
      candidates.addAll(List.of("do ai tạo", "tạo bởi ai", "#aitạo", "nội dung ai"));
    }
    String hay = folded.toString().replace(TextNormalizer.BREAK, ' ');
    for (String c : candidates) {
      String needle = fold(c);
      if (needle.isEmpty()) {
        continue;
      }
      for (int i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
        int os = folded.origStart(i);
        int oe = folded.origEnd(i + needle.length() - 1);
        if (standsAsLabel(folded.original, os, oe) && shownAsTyped(folded.original, os, oe, hidden, cfg)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Scripts a label's letters may be written in: those of the labels the product ships and the persona's own (Latin,
   * Han, and any other script a persona's label uses). A letter of another script inside a label's words is a
   * look-alike ("АІ-generated" with Cyrillic А and І, "ΑΙ" with Greek capitals): a reader sees "AI", a platform's or
   * regulator's check does not (breaker b9).
   */
  private static boolean labelScript(int cp, PolicyConfig cfg) {
    Character.UnicodeScript sc = Character.UnicodeScript.of(cp);
    if (sc == Character.UnicodeScript.LATIN || sc == Character.UnicodeScript.HAN || sc == Character.UnicodeScript.COMMON
        || sc == Character.UnicodeScript.INHERITED) {
      return true;
    }
    for (String l : cfg.aiLabels().values()) {
      for (int i = 0; i < l.length(); i += Character.charCount(l.codePointAt(i))) {
        if (Character.UnicodeScript.of(l.codePointAt(i)) == sc) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * True when original text[os, oe) is a label as a reader and a machine both read it (breaker b9): no char of it in
   * a hidden or tiny part of the post ({@link #hiddenParts}), no invisible format char inside it (zero-width space,
   * joiners, soft hyphen: "A\u200BI-generated" is not the label's text), no modifier or superscript letters
   * ("ᴬᴵ⁻ᵍᵉⁿᵉʳᵃᵗᵉᵈ", tiny text) and no letter of a script the labels are not written in. The normaliser folds all of
   * these to the label's words, which is right for finding a banned term and wrong for accepting a label. One pass
   * over the occurrence.
   */
  private static boolean shownAsTyped(CharSequence text, int os, int oe, java.util.BitSet hidden, PolicyConfig cfg) {
    if (hidden != null && hidden.nextSetBit(os) >= 0 && hidden.nextSetBit(os) < oe) {
      return false;
    }
    for (int i = os; i < oe; ) {
      int cp = Character.codePointAt(text, i);
      int t = Character.getType(cp);
      if (t == Character.FORMAT || t == Character.MODIFIER_LETTER || t == Character.MODIFIER_SYMBOL
          || (cp >= 0x2070 && cp <= 0x209F) || cp == 0x00B2 || cp == 0x00B3 || cp == 0x00B9) {
        return false;
      }
      if (Character.isLetter(cp) && !labelScript(cp, cfg)) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }

  /**
   * Tags whose content is no conspicuous label: tiny text ("<sub>", "<sup>", "<small>") and text struck through
   * ("<s>", "<strike>", "<del>": a label crossed out is withdrawn, breaker b8).
   */
  private static final Set<String> TINY_TAGS = Set.of("sub", "sup", "small", "s", "strike", "del");
  /** Inline style and attribute words that hide an element (compared with spaces removed, lower case). */
  private static final String[] HIDING_STYLES = {"display:none", "visibility:hidden", "font-size:0", "opacity:0",
      "color:transparent", " hidden", "height:0", "width:0"};
  /** Deepest nesting of open hiding tags tracked; deeper ones count as hidden to the end (bounded work per tag). */
  private static final int HIDDEN_DEPTH = 16;
  /** Longest tag read (chars from '<' to '>'): longer is no tag. */
  private static final int TAG_MAX = 300;

  /**
   * The parts of a post a reader does not see, or sees only as tiny text (breaker b9): HTML comments
   * ("&lt;!-- AI-generated --&gt;"), elements hidden by an attribute or inline style ("display:none",
   * "font-size:0", "visibility:hidden", "hidden"), "&lt;sub&gt;", "&lt;sup&gt;", "&lt;small&gt;" text, and text struck
   * through ("&lt;s&gt;", "&lt;del&gt;"). A label there is no
   * label (FTC: "clear and conspicuous"; EU AI Act Art. 50(5): "clear and distinguishable"). Null when the text has
   * no '&lt;' (the common case). One forward pass over tags with a bounded stack: linear in the text.
   */
  static java.util.BitSet hiddenParts(String text) {
    if (text.indexOf('<') < 0) {
      return null;
    }
    java.util.BitSet hidden = new java.util.BitSet(text.length());
    String lower = text.toLowerCase(Locale.ROOT);
    int n = text.length();
    String[] openName = new String[HIDDEN_DEPTH];
    int[] openEnd = new int[HIDDEN_DEPTH];
    int depth = 0;
    int i = 0;
    while (i < n) {
      int lt = lower.indexOf('<', i);
      if (lt < 0) {
        break;
      }
      if (lower.startsWith("<!--", lt)) {
        int close = lower.indexOf("-->", lt + 4);
        int end = close < 0 ? n : close + 3;
        hidden.set(lt, end);
        i = end;
        continue;
      }
      boolean closing = lt + 1 < n && lower.charAt(lt + 1) == '/';
      int ns = lt + (closing ? 2 : 1);
      int ne = ns;
      while (ne < n && ne - lt < TAG_MAX && (Character.isLetterOrDigit(lower.charAt(ne)))) {
        ne++;
      }
      int gt = ne;
      while (gt < n && gt - lt < TAG_MAX && lower.charAt(gt) != '>' && lower.charAt(gt) != '<') {
        gt++;
      }
      if (ne == ns || gt >= n || lower.charAt(gt) != '>') {
        i = lt + 1; // no tag: a '<' of the text ("<3", "a < b")
        continue;
      }
      String name = lower.substring(ns, ne);
      if (closing) {
        for (int k = depth - 1; k >= 0; k--) {
          if (openName[k].equals(name)) {
            hidden.set(openEnd[k], lt);
            depth = k;
            break;
          }
        }
      } else if (TINY_TAGS.contains(name) || hides(lower, ne, gt)) {
        if (depth < HIDDEN_DEPTH) {
          openName[depth] = name;
          openEnd[depth] = gt + 1;
          depth++;
        } else {
          hidden.set(gt + 1, n);
        }
      }
      i = gt + 1;
    }
    for (int k = 0; k < depth; k++) {
      hidden.set(openEnd[k], n); // never closed: hidden to the end, as a browser renders it
    }
    return hidden;
  }

  /** True when the attributes lower[s, e) of a tag hide its element (inline style or the "hidden" attribute). */
  private static boolean hides(String lower, int s, int e) {
    StringBuilder a = new StringBuilder(e - s + 2).append(' ');
    for (int i = s; i < e; i++) {
      char c = lower.charAt(i);
      if (c == ' ' && a.length() > 0 && a.charAt(a.length() - 1) != ' ' && a.charAt(a.length() - 1) != ':'
          && a.charAt(a.length() - 1) != ';') {
        a.append(' ');
      } else if (c != ' ' && c != '"' && c != '\'') {
        a.append(c);
      }
    }
    a.append(' ');
    String attrs = a.toString().replace("hidden=", "hidden ");
    for (String h : HIDING_STYLES) {
      int k = attrs.indexOf(h);
      if (k < 0) {
        continue;
      }
      char after = k + h.length() < attrs.length() ? attrs.charAt(k + h.length()) : ' ';
      if (h.charAt(0) == ' ' ? !Character.isLetterOrDigit(after) && after != '-' : !h.endsWith("0") || !Character.isDigit(after)) {
        return true; // " hidden" is the attribute, not "hidden-xs"; "font-size:0" not "font-size:05"
      }
    }
    return false;
  }

  private static String fold(String s) {
    return TextNormalizer.normalize(s).toString().replace(TextNormalizer.BREAK, ' ');
  }

  /*
   * A label's words found in a post are a label only where they stand as one (breaker b5): not inside a link or a
   * word ("lumiere.example/ai-generated-skincare-myths"), not denied ("not AI-generated", "Không phải nội dung do AI
   * tạo ra"), not asked ("Made with AI? Nope"), and not one phrase of a longer sentence that only talks about such
   * content ("How AI-generated beauty ads mislead shoppers", "Cẩn thận với nội dung do AI tạo ra trên mạng"): its
   * clause (between sentence ends, line breaks, separators such as "·", "|", ":", ",", brackets) holds at most
   * LABEL_CLAUSE_WORDS other words ("This post is AI-generated", "AI-generated post.", "Bài viết do AI tạo").
   * One forward look at the clause around each occurrence: linear in the clause.
   */
  private static final int LABEL_CLAUSE_WORDS = 4;
  /** Chars looked at on each side of a label's words for its clause's edges. */
  private static final int LABEL_CLAUSE_REACH = 120;
  private static final Set<String> LABEL_NEGATIONS = Set.of("not", "no", "never", "isn't", "isn’t", "isnt", "wasn't",
      "wasnt", "nothing", "zero", "without", "không", "khong", "ko", "chẳng", "chang", "chả", "đâu", "dau", "hông", "hong",
      "hổng", "chưa", "chua", "kein", "keine", "nicht", "pas", "non", "sin");

  static boolean standsAsLabel(CharSequence text, int os, int oe) {
    if (os > 0) {
      char b = text.charAt(os - 1);
      if (Character.isLetterOrDigit(b) || b == '/' || b == '-' || b == '_' || b == '=' || b == '.' && os > 1
          && Character.isLetterOrDigit(text.charAt(os - 2))) {
        return false; // inside a word, a path or a domain
      }
    }
    if (oe < text.length()) {
      char a = text.charAt(oe);
      if (Character.isLetterOrDigit(a) || (a == '-' || a == '_' || a == '/') && oe + 1 < text.length()
          && Character.isLetterOrDigit(text.charAt(oe + 1))) {
        return false;
      }
    }
    if (os > 0 && text.charAt(os - 1) == '#') {
      return true; // a label hashtag ("#aigenerated", "#madewithai") stands as one wherever it is
    }
    int cs = os;
    while (cs > 0 && !labelClauseEnd(text.charAt(cs - 1))) {
      if (os - cs >= LABEL_CLAUSE_REACH) {
        return false; // a long clause: a sentence that mentions the words (and constant work per occurrence)
      }
      cs--;
    }
    int ce = oe;
    while (ce < text.length() && !labelClauseEnd(text.charAt(ce))) {
      if (ce - oe >= LABEL_CLAUSE_REACH) {
        return false;
      }
      ce++;
    }
    if (ce < text.length() && Character.isSurrogate(text.charAt(ce))) {
      // an emoji ends the clause; a question mark right after it still asks
      int q = ce;
      while (q < text.length() && (Character.isSurrogate(text.charAt(q)) || text.charAt(q) == ' ')) {
        q++;
      }
      ce = q < text.length() && text.charAt(q) == '?' ? q : ce;
    }
    if (ce < text.length() && (text.charAt(ce) == '?' || text.charAt(ce) == '\uff1f')) {
      return false; // "Made with AI?": asked, not said
    }
    int others = 0;
    String prev = null;
    for (String w : words(text, cs, os)) {
      others++;
      prev = w;
      if (LABEL_NEGATIONS.contains(w)) {
        return false;
      }
      if (w.equals("phải") || w.equals("phai")) {
        return false; // "không phải", "chẳng phải", "đâu phải" ... before the label
      }
    }
    others += words(text, oe, ce).size();
    return others <= LABEL_CLAUSE_WORDS;
  }

  private static boolean labelClauseEnd(char c) {
    return Character.isSurrogate(c) || Character.getType(c) == Character.OTHER_SYMBOL || c == '\n' || c == '\r' || c == '.' || c == '!' || c == '?' || c == ',' || c == ';' || c == ':' || c == '·'
        || c == '|' || c == '•' || c == '(' || c == ')' || c == '[' || c == ']' || c == '\u2014' || c == '\u2013'
        || c == '\u3002' || c == '\uff1f' || c == '\uff01'
        || c == '<' || c == '>'; // an HTML tag: "<p>AI-generated</p>", "<strong>Nội dung do AI tạo ra</strong>" (breaker b9)
  }

  /** The words (letters, digits, apostrophes, lower case) of text[s, e), hashtags left out. */
  private static List<String> words(CharSequence text, int s, int e) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean tag = false;
    for (int i = s; i <= e; i++) {
      char c = i < e ? text.charAt(i) : ' ';
      if (Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK
          || (c == '\'' || c == '\u2019') && w.length() > 0) {
        tag |= w.length() == 0 && i > 0 && text.charAt(i - 1) == '#';
        w.append(Character.toLowerCase(c));
      } else if (w.length() > 0) {
        if (!tag) {
          out.add(java.text.Normalizer.normalize(w, java.text.Normalizer.Form.NFC));
        }
        w.setLength(0);
        tag = false;
      }
    }
    return out;
  }

  private static List<int[]> sponsoredOccurrences(String text, PolicyConfig cfg, List<String> langs) {
    List<int[]> out = new ArrayList<>();
    java.util.BitSet covered = new java.util.BitSet(text.length());
    for (int[] t : sponsoredTags(text)) {
      out.add(t);
      covered.set(t[0], t[1]);
    }
    String lower = text.toLowerCase(Locale.ROOT);
    for (String l : langs) {
      String label = sponsoredLabel(cfg, l).toLowerCase(Locale.ROOT);
      int i = lower.indexOf(label);
      while (i >= 0) {
        final int s = i;
        int e = i + label.length();
        // "#ad" inside "#adorable", "#AdventCalendar", "#quảngcáođẹp": another hashtag, not the label (breaker b5)
        boolean whole = (e >= text.length() || !tagChar(text.codePointAt(e)))
            && (s == 0 || !tagChar(text.codePointBefore(s)) || !tagChar(label.codePointAt(0)));
        if (!covered.get(s) && whole) {
          out.add(new int[] {i, e});
        }
        i = lower.indexOf(label, i + 1);
      }
    }
    out.sort((a, b) -> Integer.compare(a[0], b[0]));
    return out;
  }

  /** True when only whitespace, punctuation, emoji or other labels precede {@code pos}. */
  private static boolean onlyLabelsBefore(String text, int pos, PolicyConfig cfg, List<String> langs) {
    String before = text.substring(0, pos);
    for (String l : langs) {
      before = before.replace(aiLabel(cfg, l), "");
    }
    StringBuilder rest = new StringBuilder(before.length());
    int from = 0;
    for (int[] t : sponsoredTags(before)) {
      rest.append(before, from, t[0]);
      from = t[1];
    }
    before = rest.append(before, from, before.length()).toString();
    boolean inTag = false;
    for (int i = 0; i < before.length(); i++) {
      char c = before.charAt(i);
      if (c == '<' && i + 1 < before.length() && (Character.isLetter(before.charAt(i + 1)) || before.charAt(i + 1) == '/')) {
        inTag = true; // markup around the label ("<b>#ad</b>") is no text before it
      } else if (c == '>') {
        inTag = false;
      } else if (!inTag && Character.isLetterOrDigit(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Denials of being sponsored, folded as the normaliser folds text (lower case, no diacritics): in a sponsored post
   * they contradict the label the post must carry (FTC Endorsement Guides 16 CFR 255.5; VN Advertising Law: an ad
   * must not pass itself off as an opinion). Hashtags are matched glued too ("#notsponsored", "#khongquangcao").
   */
  private static final List<String> SPONSORSHIP_DENIALS = List.of("not an ad", "not an advert", "not an advertisement",
      "not sponsored", "not a sponsored post", "not a paid post", "not paid", "no sponsor", "unsponsored", "nonsponsored",
      "not an ad just", "this isnt an ad", "no ad", "không phải quảng cáo", "không quảng cáo", "chẳng phải quảng cáo",
      "đâu phải quảng cáo", "không phải qc", "ko phải quảng cáo", "ko phải qc", "không được tài trợ", "không phải tài trợ",
      "không ai trả tiền", "pas une pub", "pas sponsorisé", "non sponsorisé", "pas de partenariat", "keine werbung",
      "nicht gesponsert", "keine anzeige", "kein sponsoring", "no es publicidad", "no patrocinado", "sin patrocinio",
      "no es un anuncio", "non sponsorizzato", "non è pubblicità", "non è una pubblicità");
  /** The denials above, folded once (spaced and glued forms). */
  private static final List<String> SPONSORSHIP_DENIALS_FOLDED;

  static {
    List<String> f = new ArrayList<>();
    for (String d : SPONSORSHIP_DENIALS) {
      String folded = TextNormalizer.normalize(d).toString().replace(TextNormalizer.BREAK, ' ').trim();
      if (!folded.isEmpty() && !f.contains(folded)) {
        f.add(folded);
      }
      String glued = folded.replace(" ", "");
      if (!glued.equals(folded) && glued.length() >= 6 && !f.contains(glued)) {
        f.add(glued);
      }
    }
    SPONSORSHIP_DENIALS_FOLDED = List.copyOf(f);
  }

  /**
   * Where a sponsored post says it is not sponsored ("Not an ad, just a mug I love", "#notsponsored", "Không phải
   * quảng cáo đâu nha", "keine Werbung", "no es publicidad"): original [start, end) pairs, empty for a post that is
   * not sponsored or says no such thing (breaker b9). A denial as a whole word sequence of the folded text; asked
   * ("Is this an ad? Yes: #ad") is not "not an ad". One indexOf walk per denial: linear in the text.
   */
  public static List<int[]> sponsorshipDenials(String text, CheckContext ctx) {
    List<int[]> out = new ArrayList<>();
    if (!ctx.sponsored()) {
      return out;
    }
    NormalizedText folded = TextNormalizer.normalize(text);
    String hay = folded.toString().replace(TextNormalizer.BREAK, ' ');
    for (String d : SPONSORSHIP_DENIALS_FOLDED) {
      for (int i = hay.indexOf(d); i >= 0; i = hay.indexOf(d, i + 1)) {
        int e = i + d.length();
        if ((i == 0 || !Character.isLetterOrDigit(hay.charAt(i - 1))) && (e >= hay.length() || !Character.isLetterOrDigit(hay.charAt(e)))) {
          out.add(new int[] {folded.origStart(i), folded.origEnd(e - 1)});
          return out;
        }
      }
    }
    return out;
  }

  /** Platform limits on the final text (after insertions); offsets are mapped to the original. */
  public static void checkPlatform(String original, String finalText, String platform, PolicyConfig cfg, Sink sink) {
    PolicyConfig.PlatformLimit lim = cfg.platformLimits().get(platform);
    if (lim == null) {
      return;
    }
    int len = finalText.codePointCount(0, finalText.length());
    if (len > lim.maxLength()) {
      int origLen = original.length();
      int start = Math.min(origLen, Math.max(0, origLen - (len - lim.maxLength())));
      sink.add(RuleIds.PLATFORM_LENGTH, start, origLen, "Post is " + len + " characters (labels included); " + platform
          + " allows " + lim.maxLength(), null);
    }
    int total = count(finalText);
    if (total > lim.maxHashtags()) {
      List<int[]> tags = hashtags(original);
      int inserted = total - tags.size();
      int keep = Math.max(0, lim.maxHashtags() - Math.max(0, inserted));
      int start = keep < tags.size() ? tags.get(keep)[0] : original.length();
      int end = tags.isEmpty() ? original.length() : Math.max(start, tags.get(tags.size() - 1)[1]);
      sink.add(RuleIds.PLATFORM_HASHTAGS, start, end, "Post has " + total + " hashtags (labels included); " + platform
          + " allows " + lim.maxHashtags(), null);
    }
  }

  private static int count(String text) {
    return hashtags(text).size();
  }
}
