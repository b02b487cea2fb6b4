package com.personaruntime.runtime.insights;

import com.personaruntime.composer.Intent;
import com.personaruntime.composer.IntentDetector;
import com.personaruntime.composer.LanguageDetector;
import com.personaruntime.guardrails.TextFolding;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The offline sentiment model for audience messages in Vietnamese and English: a weighted lexicon
 * ({@code insights/sentiment-lexicon.txt}) with diacritic and teencode folding, emoji and emoticon
 * sentiment, negation scope, intensifiers, contrast ("nhưng", "but") and yes/no questions.
 *
 * <p>REFERENCE.md "Audience insight definitions": no Vietnamese sentiment model ships in a
 * Maven package, so the lexicon baseline is the offline path; vendors' automatic sentiment is
 * 60–75% accurate, which is why brands can correct labels by hand. Accuracy of this model on our
 * labelled set is in {@code docs/insights.md}.
 *
 * <p>Thread-safe and immutable; linear in the text (no regular expressions); no I/O after
 * construction.
 */
public final class SentimentModel {
  /** |score| at or above this is positive or negative; below it the text is neutral. */
  public static final double THRESHOLD = 0.2;
  /** VADER's normalisation constant: score = sum / sqrt(sum^2 + ALPHA) (Hutto and Gilbert, 2014). */
  private static final double ALPHA = 15;
  /** Words after a negator that it reaches, within the clause. */
  private static final int NEGATION_SCOPE = 3;

  /*
   * Design notes. The text is cut into word tokens and clause breaks (",.;!?" and newlines) on the
   * ORIGINAL text, so diacritics are still there to tell "chán" (bored) from "chân" (leg). Each word
   * is also folded with the guardrails' normaliser (TextFolding: diacritics, look-alikes, teencode),
   * and a word typed without diacritics matches an entry's folded form. Lexicon phrases are matched
   * longest first from every position; a negator flips the next NEGATION_SCOPE words of its clause
   * (a negated positive counts -0.75x, a negated negative +0.4x: "không tệ" is mildly positive);
   * an intensifier before (or, in Vietnamese, "quá", "lắm", "ghê" after) multiplies by 1.4;
   * "nhưng"/"but" halves what came before and weighs what follows 1.3x; yes/no questions ("có tốt
   * không?", "is it good?") damp their words. A complaint the composer's intent detector
   * recognises is never scored positive.
   */

  private static final Set<String> NEGATORS = Set.of("khong", "chang", "chua", "not", "no", "never",
      "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent", "cant", "cannot", "couldnt", "wont", "wouldnt",
      "shouldnt", "havent", "hasnt", "hadnt", "aint", "nothing", "nobody", "neither", "nor", "without", "hardly",
      "barely", "không", "chưa", "chả", "chẳng", "đừng");
  private static final Set<String> INTENSIFIERS_BEFORE = Set.of("rat", "qua", "cuc", "cuc ky", "sieu", "vo cung",
      "thuc su", "very", "so", "really", "super", "extremely", "totally", "absolutely", "truly",
      "incredibly", "soo", "sooo", "too", "such", "hoan toan", "qua la", "pretty", "quite", "real", "highly");
  private static final Set<String> INTENSIFIERS_AFTER = Set.of("qua", "lam", "ghe", "vai", "xiu", "cuc", "that su",
      "luon", "the", "vay");
  private static final Set<String> DOWNTONERS = Set.of("hoi", "slightly", "kinda", "somewhat", "bit", "little",
      "fairly");
  private static final Set<String> CONTRAST = Set.of("nhung", "but", "however", "though", "tuy", "mac du");
  private static final Set<String> AUX_START = Set.of("is", "are", "does", "do", "can", "will", "would", "should",
      "could", "did", "has", "have", "was", "were");
  private static final Set<String> VI_QUESTION_END = Set.of("khong", "chua", "ha", "nhi", "a");

  /** Emoji and emoticons: weight per sign. */
  private static final Map<String, Double> EMOJI = new HashMap<>();

  static {
    for (String e : List.of("😍", "🥰", "❤", "❤️", "💕", "💖", "💗", "💓", "💞", "😘", "🤩", "💯", "👍", "👏",
        "🎉", "🥳", "😻", "♥", "💘", "🫶", "🙌")) {
      EMOJI.put(e, 2.0);
    }
    for (String e : List.of("😊", "🙂", "😁", "😄", "😃", "😀", "☺", "😆", "🤗", "✨", "🔥", "🙏", "😋", "🌟",
        "⭐", "👌", "💪", "😎", ":)", ":-)", ":D", ":-D", "=))", "=)", "^^", "^_^", "<3", ":3", "xD")) {
      EMOJI.put(e, 1.5);
    }
    for (String e : List.of("😡", "😠", "🤬", "😤", "👎", "💔", "🤮", "🤢", "🖕")) {
      EMOJI.put(e, -2.5);
    }
    for (String e : List.of("😞", "😢", "😭", "😔", "😒", "🙄", "😩", "😫", "😣", "😖", "😕", "☹", "🙁",
        "😓", "😰", "😱", "😥", "😪", "🥺", ":(", ":-(", ":((", "T_T", "T.T", ":'(", "-_-", ":/")) {
      EMOJI.put(e, -1.5);
    }
  }

  /**
   * The ASCII emoticons (":)", "=))", "T_T") of {@link #EMOJI}, in the map's own order (so the sum of their
   * weights adds up as it always did); emoji code points are read per sign instead.
   */
  private static final List<Map.Entry<String, Double>> EMOTICONS = EMOJI.entrySet().stream()
      .filter(e -> e.getKey().length() >= 2 && e.getKey().chars().allMatch(c -> c < 128))
      .map(e -> Map.entry(e.getKey(), e.getValue()))
      .toList();

  /** condition: a word for the asker's own body ("mụn", "dry"), see {@link #conditionWeight}. */
  private record Entry(String[] exact, String[] folded, double weight, boolean strict, boolean vietnamese,
                       boolean condition) {
  }

  /*
   * Condition words. An audience member who describes their own skin or body to ask for advice ("mk da dau mun,
   * nen dung sp nao a", "I have dry, sensitive skin. What would you recommend?") is not unhappy with the brand;
   * the same words after use ("dùng xong da khô căng", "it gave me a rash") are a complaint, and their relief
   * ("xài 1 tháng hết mụn", "less dry since I started using it") is praise. A condition entry ('~' in the
   * lexicon) therefore counts: nothing in a clause that asks; relieved (an improvement word next to it) as
   * +0.75 of its weight; otherwise its weight only when the text tells of using the product (a use or cause
   * word in a clause that does not ask) or the clause has the product as its subject ("kem này", "it", "the
   * cake"). Without that the text describes the asker and the word is 0.
   */
  /** Use and cause words (folded): the asker used the product, or it did something. */
  private static final Set<String> USE_OR_CAUSE = Set.of("dung", "xai", "thoa", "boi", "uong", "khien", "gay",
      "use", "used", "using", "uses", "applied", "applying", "apply", "tried", "trying", "wore", "wearing", "drank",
      "drinking", "ate", "eating", "made", "makes", "making", "gave", "gives", "caused", "causes", "left", "leaves");
  /** Use and cause words that fold to a common other word: they count with their marks only. */
  private static final Set<String> USE_OR_CAUSE_MARKED = Set.of("làm");
  /** Words that make the product a clause's subject or object ("kem này", "nó", "it", "this"). */
  private static final Set<String> PRODUCT_WORDS = Set.of("nay", "it", "this", "that", "its", "your");
  /** Improvement words before a condition ("đỡ mụn", "hết mụn", "less dry"): folded. */
  private static final Set<String> RELIEF_BEFORE = Set.of("het", "bot", "giam", "khoi", "less", "fewer", "reduced",
      "cleared", "cured");
  /** Improvement words after a condition ("mụn giảm hẳn", "the rash cleared up", "acne is gone"): folded. */
  private static final Set<String> RELIEF_AFTER = Set.of("giam", "bot", "het", "lan", "gone", "cleared", "disappeared",
      "reduced", "calmed", "healed", "improved", "vanished", "faded");
  /** Two-word improvements before a condition. */
  private static final Set<String> RELIEF_PAIRS_BEFORE = Set.of("no more", "no longer", "khong con", "het sach");
  /** Vietnamese question words (folded) that make a clause ask ("nên dùng sp nào", "dùng gì"). */
  private static final Set<String> VI_QUESTION_WORDS = Set.of("nao", "gi", "sao", "nen", "hả", "nhỉ");
  /** English words that, first in a clause, make it ask ("what would you recommend"). */
  private static final Set<String> EN_QUESTION_START = Set.of("what", "which", "how", "where", "when", "why", "who",
      "should", "can", "could", "would", "will", "do", "does", "is", "are", "any", "anything");
  /** Final words of a Vietnamese question, folded ("không", "chưa", and "k", "ko", "hok" typed fast). */
  private static final Set<String> VI_QUESTION_FINAL = Set.of("khong", "chua", "hong", "k", "ko", "kh", "hok", "hem",
      "kg", "khg");
  /** Trailing words after a Vietnamese "không"/"chưa" that still end a question ("dùng được không ạ", "k shop"). */
  private static final Set<String> VI_TRAILING = Set.of("a", "shop", "ad", "ban", "nha", "nhi", "vay", "ha", "ah",
      "em", "chi", "anh", "ak", "ac", "oi", "nhe");

  private final Map<String, List<Entry>> byFirstWord;

  private SentimentModel(Map<String, List<Entry>> byFirstWord) {
    this.byFirstWord = byFirstWord;
  }

  private static final class Holder {
    static final SentimentModel SHIPPED = load();
  }

  /** The model with the shipped lexicon (loaded once). */
  public static SentimentModel shipped() {
    return Holder.SHIPPED;
  }

  private static SentimentModel load() {
    String resource = "/insights/sentiment-lexicon.txt";
    Map<String, List<Entry>> index = new HashMap<>();
    try (InputStream in = SentimentModel.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int n = 0;
      boolean vietnamese = false;
      while ((line = r.readLine()) != null) {
        n++;
        if (line.startsWith("# ----")) {
          vietnamese = line.contains("Vietnamese");
        }
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int tab = line.indexOf('\t');
        if (tab < 0) {
          throw new IllegalStateException(resource + ":" + n + ": expected WEIGHT<TAB>PHRASE, got '" + line + "'");
        }
        double weight = Double.parseDouble(line.substring(0, tab).strip());
        String phrase = line.substring(tab + 1).strip();
        boolean condition = phrase.startsWith("~");
        if (condition) {
          phrase = phrase.substring(1);
        }
        boolean strict = phrase.startsWith("=");
        if (strict) {
          phrase = phrase.substring(1);
        }
        List<Token> tokens = new ArrayList<>();
        for (String word : phrase.split(" +")) {
          addWord(word, 0, tokens);
        }
        String[] exact = new String[tokens.size()];
        String[] folded = new String[tokens.size()];
        for (int i = 0; i < tokens.size(); i++) {
          exact[i] = tokens.get(i).exact != null ? tokens.get(i).exact : tokens.get(i).folded;
          folded[i] = tokens.get(i).folded;
        }
        if (tokens.isEmpty()) {
          throw new IllegalStateException(resource + ":" + n + ": empty phrase");
        }
        index.computeIfAbsent(folded[0], k -> new ArrayList<>()).add(new Entry(exact, folded, weight, strict, vietnamese,
            condition));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(resource + " could not be read", e);
    }
    index.values().forEach(list -> list.sort((a, b) -> b.folded.length - a.folded.length));
    return new SentimentModel(index);
  }

  /** One word: its lower-case NFC form (null for the 2nd+ word of an expanded teencode), folded form, clause. */
  private record Token(String exact, String folded, boolean ascii, int clause) {
  }

  /** yesNo: the clause is a yes/no question; asks: the clause ends with '?'. */
  private record Tokens(List<Token> tokens, List<Boolean> yesNo, List<Boolean> asks, double emoji,
                        int exclamations) {
  }

  /**
   * Scores one text. Never null; empty or sign-less text is neutral with score 0.
   */
  public SentimentScore score(String text) {
    if (text == null || text.isBlank()) {
      return new SentimentScore(Sentiment.NEUTRAL, 0);
    }
    Tokens t = tokenize(text);
    List<Token> tokens = t.tokens;
    boolean english = "en".equals(LanguageDetector.detect(text));
    double before = 0;   // sum of clauses before the last contrast word
    double sum = 0;
    double contrastBoost = 1;
    int negatedUntil = -1;
    int negClause = -1;
    boolean[] asking = asking(t, english);
    boolean used = toldOfUse(tokens, asking);
    for (int i = 0; i < tokens.size(); ) {
      Token tok = tokens.get(i);
      if (CONTRAST.contains(tok.folded)) {
        before = (before + sum) * 0.5;
        sum = 0;
        contrastBoost = 1.3;
        i++;
        continue;
      }
      if (INTENSIFIERS_BEFORE.contains(tok.folded) && i + 1 < tokens.size()
          && tokens.get(i + 1).clause == tok.clause && match(tokens, i + 1, english) != null) {
        i++; // "pretty disappointed": the adverb only strengthens what follows
        continue;
      }
      Entry match = match(tokens, i, english);
      if (match == null) {
        if (isNegator(tok, english)) {
          negatedUntil = i + NEGATION_SCOPE;
          negClause = tok.clause;
        }
        i++;
        continue;
      }
      double w = match.weight;
      int end = i + match.folded.length;
      boolean relieved = false;
      if (match.condition) {
        if (asking[tok.clause]) {
          i = end;
          continue;
        }
        relieved = relieved(tokens, i, end);
        if (relieved) {
          w = -0.75 * w;
        } else if (!used && !productInClause(tokens, tok.clause, english)) {
          i = end;
          continue;
        }
      }
      if (intensified(tokens, i, end)) {
        w *= 1.4;
      } else if (i > 0 && tokens.get(i - 1).clause == tok.clause && DOWNTONERS.contains(tokens.get(i - 1).folded)) {
        w *= 0.6;
      }
      if (i <= negatedUntil && tok.clause == negClause && !relieved) {
        w = w > 0 ? -0.75 * w : -0.4 * w;
        negatedUntil = -1;
      }
      if (t.yesNo.get(tok.clause)) {
        w *= w > 0 ? 0.2 : 0.5;
      } else if (t.asks.get(tok.clause) && w > 0) {
        w *= 0.3; // "which roast is best?" asks, it does not praise
      }
      sum += w * contrastBoost;
      i = end;
    }
    double total = before + sum + t.emoji;
    if (total != 0 && t.exclamations > 0) {
      total *= 1 + 0.1 * Math.min(3, t.exclamations);
    }
    double score = total / Math.sqrt(total * total + ALPHA);
    if (total <= 0 && score > -THRESHOLD && IntentDetector.detect(text) == Intent.COMPLAINT) {
      // The composer's complaint cues ("giao sai", "wrong item", "still waiting") settle it.
      score = Math.min(score - 0.5, -0.35);
    }
    Sentiment label = score >= THRESHOLD ? Sentiment.POSITIVE : score <= -THRESHOLD ? Sentiment.NEGATIVE
        : Sentiment.NEUTRAL;
    return new SentimentScore(label, Math.round(score * 1000) / 1000.0);
  }

  /**
   * Per clause: does it ask? A '?' or a yes/no question (as for damping), a Vietnamese question word ("nào",
   * "gì", "sao", "nên") or a final "không"/"chưa" before only particles ("dùng được không ạ", "có ... k shop"),
   * or an English question word first ("what would you recommend").
   */
  private static boolean[] asking(Tokens t, boolean english) {
    boolean[] out = new boolean[t.asks.size()];
    for (int c = 0; c < out.length; c++) {
      out[c] = t.asks.get(c) || t.yesNo.get(c);
    }
    List<Token> tokens = t.tokens;
    int start = 0;
    while (start < tokens.size()) {
      int c = tokens.get(start).clause;
      int end = start;
      while (end < tokens.size() && tokens.get(end).clause == c) {
        end++;
      }
      if (!out[c]) {
        if (english) {
          out[c] = EN_QUESTION_START.contains(tokens.get(start).folded);
        } else {
          for (int k = start; k < end && !out[c]; k++) {
            Token w = tokens.get(k);
            out[c] = VI_QUESTION_WORDS.contains(w.folded) && (w.exact == null || w.ascii || !w.folded.equals("nen")
                || "nên".equals(w.exact));
          }
          int last = end - 1;
          while (last > start && VI_TRAILING.contains(tokens.get(last).folded)) {
            last--;
          }
          String lastWord = tokens.get(last).folded;
          out[c] |= last > start && VI_QUESTION_FINAL.contains(lastWord);
        }
      }
      start = end;
    }
    return out;
  }

  /** Whether a clause that does not ask holds a use or cause word ("dùng xong", "made my skin", "gave me"). */
  private static boolean toldOfUse(List<Token> tokens, boolean[] asking) {
    for (Token tok : tokens) {
      if (!asking[tok.clause] && ((USE_OR_CAUSE.contains(tok.folded) && (tok.exact == null || tok.ascii
          || !tok.folded.equals("dung") || "dùng".equals(tok.exact)))
          || (tok.exact != null && USE_OR_CAUSE_MARKED.contains(tok.exact)))) {
        return true;
      }
    }
    return false;
  }

  /** Whether the clause names the product ("kem này", "nó", "it", "this"), or starts with "the"/"your". */
  private static boolean productInClause(List<Token> tokens, int clause, boolean english) {
    boolean first = true;
    for (Token tok : tokens) {
      if (tok.clause != clause) {
        continue;
      }
      if (PRODUCT_WORDS.contains(tok.folded) || (first && english && tok.folded.equals("the"))
          || (!english && "nó".equals(tok.exact))) {
        return true;
      }
      first = false;
    }
    return false;
  }

  /** An improvement word right before (up to two words) or after (up to three) a condition, same clause. */
  private static boolean relieved(List<Token> tokens, int start, int end) {
    int clause = tokens.get(start).clause;
    for (int k = Math.max(0, start - 2); k < start; k++) {
      Token b = tokens.get(k);
      if (b.clause == clause && (RELIEF_BEFORE.contains(b.folded) || "đỡ".equals(b.exact))) {
        return true;
      }
      if (k + 1 < start && tokens.get(k + 1).clause == clause
          && RELIEF_PAIRS_BEFORE.contains(b.folded + " " + tokens.get(k + 1).folded)) {
        return true;
      }
    }
    for (int k = end; k < Math.min(tokens.size(), end + 3); k++) {
      if (tokens.get(k).clause == clause && RELIEF_AFTER.contains(tokens.get(k).folded)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isNegator(Token tok, boolean english) {
    if (!english && "no".equals(tok.folded) && tok.exact != null) {
      return false; // Vietnamese "no" typed without marks is "nó" (it)
    }
    // "chả", "chẳng", "đừng" only with their marks: folded they are "cha" (father), "dung" (use)
    return (tok.exact != null && NEGATORS.contains(tok.exact))
        || ((tok.ascii || tok.exact == null) && NEGATORS.contains(tok.folded));
  }

  private static boolean intensified(List<Token> tokens, int start, int end) {
    int clause = tokens.get(start).clause;
    for (int k = Math.max(0, start - 2); k < start; k++) {
      Token b = tokens.get(k);
      if (b.clause == clause && INTENSIFIERS_BEFORE.contains(b.folded)) {
        return true;
      }
    }
    return end < tokens.size() && tokens.get(end).clause == clause
        && INTENSIFIERS_AFTER.contains(tokens.get(end).folded);
  }

  private Entry match(List<Token> tokens, int at, boolean english) {
    List<Entry> candidates = byFirstWord.get(tokens.get(at).folded);
    if (candidates == null) {
      return null;
    }
    int clause = tokens.get(at).clause;
    for (Entry e : candidates) {
      if (at + e.folded.length > tokens.size()) {
        continue;
      }
      boolean ok = true;
      for (int j = 0; j < e.folded.length && ok; j++) {
        Token tok = tokens.get(at + j);
        ok = tok.clause == clause && (e.exact[j].equals(tok.exact)
            || ((tok.ascii || tok.exact == null) && !e.strict && !(english && e.vietnamese)
                && e.folded[j].equals(tok.folded)));
      }
      if (ok) {
        return e;
      }
    }
    return null;
  }

  /** Words, clauses, emoji and '!' of the original text. Linear in its length. */
  private static Tokens tokenize(String raw) {
    String text = Normalizer.normalize(raw, Normalizer.Form.NFC);
    List<Token> tokens = new ArrayList<>();
    List<Boolean> questions = new ArrayList<>();
    double emoji = emoticons(text);
    int exclamations = 0;
    int clause = 0;
    StringBuilder word = new StringBuilder();
    int n = text.length();
    for (int i = 0; i <= n; ) {
      int cp = i < n ? text.codePointAt(i) : ' ';
      int len = i < n ? Character.charCount(cp) : 1;
      boolean inWord = Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK
          || ((cp == '\'' || cp == '\u2019') && word.length() > 0 && i + 1 < n && Character.isLetter(text.charAt(i + 1)));
      if (inWord) {
        if (cp != '\'' && cp != '\u2019') {
          word.appendCodePoint(cp);
        }
      } else {
        if (word.length() > 0) {
          addWord(word.toString(), clause, tokens);
          word.setLength(0);
        }
        if (i < n) {
          String sign = new String(Character.toChars(cp));
          Double w = EMOJI.get(sign);
          if (w != null) {
            emoji += w;
          }
          if (cp == '!') {
            exclamations++;
          }
          if (cp == '?' || cp == '.' || cp == '!' || cp == ',' || cp == ';' || cp == '\n' || cp == '\u2026') {
            while (questions.size() <= clause) {
              questions.add(false);
            }
            if (cp == '?') {
              questions.set(clause, true);
            }
            clause++;
          }
        }
      }
      i += len;
    }
    while (questions.size() <= clause) {
      questions.add(false);
    }
    // A clause is a yes/no question when it ends with '?' and starts with an auxiliary ("is it good?"),
    // or is Vietnamese "có ... không/chưa" with or without '?'. Wh-questions ("why is it so bad?") keep
    // their sentiment.
    List<Boolean> yesNo = new ArrayList<>();
    for (int c = 0; c < questions.size(); c++) {
      yesNo.add(false);
    }
    int start = 0;
    while (start < tokens.size()) {
      int c = tokens.get(start).clause;
      int end = start;
      while (end < tokens.size() && tokens.get(end).clause == c) {
        end++;
      }
      String first = tokens.get(start).folded;
      String last = tokens.get(end - 1).folded;
      boolean co = false;
      for (int k = start; k < end - 1; k++) {
        co |= tokens.get(k).folded.equals("co");
      }
      yesNo.set(c, (questions.get(c) && AUX_START.contains(first)) || (co && VI_QUESTION_END.contains(last)
          && end - start > 1));
      start = end;
    }
    return new Tokens(tokens, yesNo, questions, emoji, exclamations);
  }

  private static void addWord(String w, int clause, List<Token> out) {
    Token[] forms = WORD_FORMS.get(w);
    if (forms == null) {
      forms = forms(w);
      if (WORD_FORMS.size() >= WORD_FORMS_MAX) {
        WORD_FORMS.clear(); // bounded: a flood of distinct words costs a re-fold, never memory
      }
      WORD_FORMS.put(w, forms);
    }
    for (Token f : forms) {
      out.add(f.clause == clause ? f : new Token(f.exact, f.folded, f.ascii, clause));
    }
  }

  /** Most words whose forms are remembered ({@link #WORD_FORMS}). */
  static final int WORD_FORMS_MAX = 20_000;

  /**
   * The tokens of a word as typed (clause 0), by the word. Folding a word runs the guardrails' normaliser
   * and a Unicode decomposition, a quarter of a turn's sentiment scoring on the server (docs/benchmarks.md,
   * issue 14); a word's forms depend on the word alone, and chat messages reuse a small vocabulary.
   */
  private static final java.util.concurrent.ConcurrentHashMap<String, Token[]> WORD_FORMS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Word forms computed so far rather than remembered (for tests). */
  private static final java.util.concurrent.atomic.AtomicLong FORMS_COMPUTED = new java.util.concurrent.atomic.AtomicLong();

  static long formsComputed() {
    return FORMS_COMPUTED.get();
  }

  /** Forgets the remembered word forms (for tests: scoring with and without them must agree). */
  static void forgetWordForms() {
    WORD_FORMS.clear();
  }

  private static Token[] forms(String w) {
    FORMS_COMPUTED.incrementAndGet();
    String exact = w.toLowerCase(Locale.ROOT);
    boolean ascii = exact.chars().allMatch(ch -> ch < 128);
    String folded = TextFolding.fold(exact);
    if (folded.isEmpty()) {
      return new Token[0];
    }
    String plain = stripMarks(exact);
    if (!ascii && !folded.equals(plain)) {
      // Teencode is typed without marks: "hỏng" (broken) folds to "hong", which is NOT teencode "không".
      return new Token[] {new Token(exact, plain, false, 0)};
    }
    String[] parts = folded.split("[ \\n]");
    boolean expanded = parts.length > 1 || !parts[0].equals(plain);
    Token[] out = new Token[parts.length];
    for (int k = 0; k < parts.length; k++) {
      // an expanded teencode word ("ko" -> "khong") no longer has an exact form to match
      out[k] = new Token(expanded || k > 0 ? null : exact, parts[k], ascii, 0);
    }
    return out;
  }

  /** NFD without combining marks, đ -> d: Vietnamese letters without their diacritics. */
  private static String stripMarks(String s) {
    String d = Normalizer.normalize(s, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(d.length());
    for (int i = 0; i < d.length(); i++) {
      char c = d.charAt(i);
      if (Character.getType(c) != Character.NON_SPACING_MARK) {
        out.append(c == 'đ' ? 'd' : c);
      }
    }
    return out.toString();
  }

  /** Sum of the ASCII emoticons (":)", "=))", "T_T") in the text; emoji code points are read per sign. */
  private static double emoticons(String text) {
    double sum = 0;
    for (Map.Entry<String, Double> e : EMOTICONS) {
      String sign = e.getKey();
      if (text.indexOf(sign.charAt(0)) < 0) {
        continue; // most messages hold none of the signs' first characters (':', '=', '^', '<', 'T', 'x', '-')
      }
      int from = 0;
      int count = 0;
      while (count < 3 && (from = text.indexOf(sign, from)) >= 0) {
        count++;
        from += sign.length();
      }
      sum += count * e.getValue();
    }
    return sum;
  }
}
