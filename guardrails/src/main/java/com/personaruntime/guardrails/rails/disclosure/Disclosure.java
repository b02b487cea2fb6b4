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
    boolean aiAtStart = jur.contains("CN");
    StringBuilder startInsert = new StringBuilder();
    // sponsored label
    if (ctx.sponsored()) {
      List<int[]> found = sponsoredOccurrences(text, cfg, langs);
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
      if (!hasAiLabel(folded, cfg, l)) {
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

  private static boolean hasAiLabel(NormalizedText folded, PolicyConfig cfg, String lang) {
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
        if (standsAsLabel(folded.original, folded.origStart(i), folded.origEnd(i + needle.length() - 1))) {
          return true;
        }
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
        || c == '\u3002' || c == '\uff1f' || c == '\uff01';
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
    for (int i = 0; i < before.length(); i++) {
      if (Character.isLetterOrDigit(before.charAt(i))) {
        return false;
      }
    }
    return true;
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
