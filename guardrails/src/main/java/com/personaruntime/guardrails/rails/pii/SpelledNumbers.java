package com.personaruntime.guardrails.rails.pii;

import com.personaruntime.guardrails.RuleIds;
import com.personaruntime.guardrails.text.TextChars;
import com.personaruntime.guardrails.text.TextNormalizer;

import java.util.List;
import java.util.Map;

/*
 * Phone numbers in disguise: digits spelled out as words ("không chín một hai ba bốn năm sáu bảy
 * tám", "zero nine one two ..."), or with the letter o typed for zero ("o912 345 678"), alone or
 * mixed with digit groups; l or I for one ("09l2 345 678"). A run of such tokens, separated by spaces, commas, dots or hyphens, that
 * holds at least one spelled or disguised token and whose digits form a phone number (the same test
 * as plain numbers: Vietnamese mobile/landline, +CC...) is reported as pii.phone. Numbers read in pairs or with tens
 * words count too (breakers b7, b8): English teens and tens ("twelve", "thirty-four", "eighty seven"), Vietnamese
 * "mười" (ten, "mười lăm" = 15), "mươi" (times ten: "hai mươi mốt" = 21) and "muoi" typed without diacritics (either:
 * read both ways, see phones); a country code said as "plus"/"cộng"; counting by one ("nine, ten, eleven") is no number.
 *
 * Linear: one pass over the tokens; a run is judged once when it ends, and runs are capped at 15
 * digits and MAX_SPAN chars.
 */
final class SpelledNumbers {
  /**
   * Longest original span of a disguised phone number: ten digit words of up to five letters with
   * up to three separator chars between them ("zero nine seven seven, three three eight, ..."): 10 * 5 +
   * 9 * 3 = 77. Longer runs are not judged, so the streaming hold-back stays bounded (it was 50, which
   * let "zero nine one two, three four five, six seven eight" through).
   */
  static final int MAX_SPAN = 80;

  private static final Map<String, Character> WORDS = Map.ofEntries(
      Map.entry("zero", '0'), Map.entry("oh", '0'), Map.entry("one", '1'), Map.entry("two", '2'), Map.entry("three", '3'),
      Map.entry("four", '4'), Map.entry("five", '5'), Map.entry("six", '6'), Map.entry("seven", '7'), Map.entry("eight", '8'),
      Map.entry("nine", '9'),
      // Vietnamese, folded (không, một, hai, ba, bốn/tư, năm/lăm, sáu, bảy/bẩy, tám, chín; linh = 0 in numbers)
      Map.entry("khong", '0'), Map.entry("linh", '0'), Map.entry("mot", '1'), Map.entry("hai", '2'), Map.entry("ba", '3'),
      Map.entry("bon", '4'), Map.entry("tu", '4'), Map.entry("nam", '5'), Map.entry("lam", '5'), Map.entry("sau", '6'),
      Map.entry("bay", '7'), Map.entry("tam", '8'), Map.entry("chin", '9'),
      // Vietnamese chat spellings: "ko" / "hong" / "kh" for không
      Map.entry("ko", '0'), Map.entry("hong", '0'), Map.entry("khg", '0'),
      // Spanish, French, German, Italian, Portuguese (folded; "six" is six in French too)
      Map.entry("cero", '0'), Map.entry("uno", '1'), Map.entry("dos", '2'), Map.entry("tres", '3'), Map.entry("cuatro", '4'),
      Map.entry("cinco", '5'), Map.entry("seis", '6'), Map.entry("siete", '7'), Map.entry("ocho", '8'), Map.entry("nueve", '9'),
      Map.entry("un", '1'), Map.entry("deux", '2'), Map.entry("trois", '3'), Map.entry("quatre", '4'), Map.entry("cinq", '5'),
      Map.entry("sept", '7'), Map.entry("huit", '8'), Map.entry("neuf", '9'),
      Map.entry("null", '0'), Map.entry("eins", '1'), Map.entry("zwei", '2'), Map.entry("drei", '3'), Map.entry("vier", '4'),
      Map.entry("funf", '5'), Map.entry("sechs", '6'), Map.entry("sieben", '7'), Map.entry("acht", '8'), Map.entry("neun", '9'),
      Map.entry("due", '2'), Map.entry("tre", '3'), Map.entry("sei", '6'), Map.entry("sette", '7'), Map.entry("otto", '8'),
      Map.entry("nove", '9'), Map.entry("um", '1'), Map.entry("dois", '2'), Map.entry("sete", '7'), Map.entry("oito", '8'));

  /** Keys ({@link #key}) of the Vietnamese digit words, sorted: a run spelled in Vietnamese is no North American number. */
  private static final long[] VI_KEYS = java.util.stream.Stream.of("khong", "linh", "mot", "hai", "ba", "bon", "tu", "nam",
      "lam", "sau", "bay", "tam", "chin", "ko", "hong", "khg").mapToLong(w -> key(w, 0, w.length())).sorted().toArray();

  private SpelledNumbers() {
  }

  private static boolean sep(char c) {
    return c == ' ' || c == ',' || c == '.' || c == '-' || c == '_' || c == '\u00a0';
  }

  /** Digit words packed as base-32 keys of their folded letters (see {@link #key}), sorted; their digits alongside. */
  private static final long[] KEYS;
  private static final char[] DIGITS;

  static {
    java.util.TreeMap<Long, Character> m = new java.util.TreeMap<>();
    WORDS.forEach((w, d) -> m.put(key(w, 0, w.length()), d));
    KEYS = new long[m.size()];
    DIGITS = new char[m.size()];
    int i = 0;
    for (Map.Entry<Long, Character> e : m.entrySet()) {
      KEYS[i] = e.getKey();
      DIGITS[i++] = e.getValue();
    }
  }

  /** Base-32 key of the folded letters a-z of s[from, to), or -1 when another char is there. */
  private static long key(CharSequence s, int from, int to) {
    long k = 0;
    for (int i = from; i < to; i++) {
      k = keyStep(k, s.charAt(i));
      if (k < 0) {
        return -1;
      }
    }
    return k;
  }

  /** {@link #key(CharSequence, int, int)} of a char array. */
  private static long key(char[] s, int from, int to) {
    long k = 0;
    for (int i = from; i < to; i++) {
      k = keyStep(k, s[i]);
      if (k < 0) {
        return -1;
      }
    }
    return k;
  }

  /** @return key {@code k} extended by char {@code c}, or -1 when {@code c} folds to no letter a-z */
  private static long keyStep(long k, char c) {
    if (c >= 'A' && c <= 'Z') {
      c = (char) (c + 32);
    } else if (c >= 0x80) {
      c = c < FOLD_LETTER.length ? foldLetter(c) : foldLetterOf(c);
    }
    if (c < 'a' || c > 'z') {
      return -1;
    }
    return k * 32 + (c - 'a' + 1);
  }

  /**
   * The fold of the chars 0x80-0x1FFF (Latin-1, Latin Extended, combining marks, Vietnamese) as {@link #keyStep} reads it,
   * filled as chars are met: 0 not yet known, 1 no letter a-z, else the letter. A Vietnamese word's marked letters take
   * one array read instead of {@link TextNormalizer#fold}'s string (the same value: {@link #foldLetterOf}).
   */
  private static final char[] FOLD_LETTER = new char[0x2000];

  private static char foldLetter(char c) {
    char f = FOLD_LETTER[c];
    if (f == 0) {
      f = foldLetterOf(c);
      FOLD_LETTER[c] = f == 0 ? 1 : f; // a racing writer stores the same value
    }
    return f == 1 ? 0 : f;
  }

  /** The one char {@link TextNormalizer#fold} gives {@code c}, or 0 when it gives another length (no letter then). */
  private static char foldLetterOf(char c) {
    String f = TextNormalizer.fold(c);
    return f.length() == 1 ? f.charAt(0) : 0;
  }

  /**
   * True when some {@link #digitWord} is a prefix of t[s, e) of 2-6 letters: the prefixes' keys are built one letter
   * at a time (one key for all five lengths, where asking {@link #digitWord} of each would build five).
   */
  private static boolean opensWithDigitWord(char[] t, int s, int e) {
    char c0 = t[s];
    if (c0 < 128 && !FIRST[c0]) {
      return false;
    }
    long k = 0;
    for (int i = s; i < e && i - s < 6; i++) {
      k = keyStep(k, t[i]);
      if (k < 0) {
        return false;
      }
      if (i - s >= 1 && inTable(k)) {
        return true;
      }
      if (i - s >= 1 && !isPrefix(k)) {
        return false; // no digit word goes on from these letters ("ke" of "kem", "li" of "lightweight")
      }
    }
    return false;
  }

  /** True when key {@code k} (2-6 letters) is a proper prefix of a digit word: {@link #PREFIX_KEYS}. */
  private static boolean isPrefix(long k) {
    for (int h = prefixSlot(k); ; h = (h + 1) & (PREFIX_KEYS.length - 1)) {
      long x = PREFIX_KEYS[h];
      if (x == k) {
        return true;
      }
      if (x == 0) {
        return false;
      }
    }
  }

  private static boolean inTable(long k) {
    for (int h = slot(k); ; h = (h + 1) & (TABLE_KEYS.length - 1)) {
      long x = TABLE_KEYS[h];
      if (x == k) {
        return true;
      }
      if (x == 0) {
        return false;
      }
    }
  }

  /** The digit a spelled word stands for, or 0. Allocation-free: words of 2-6 letters only. */
  private static char digitWord(char[] text, int s, int e) {
    int len = e - s;
    if (len < 2 || len > 6) {
      return 0;
    }
    char c0 = text[s];
    if (c0 < 128 && !FIRST[c0]) {
      return 0; // no digit word starts with this letter (checked before the whole key is built)
    }
    long k = key(text, s, e);
    if (k < 0) {
      return 0;
    }
    for (int h = slot(k); ; h = (h + 1) & (TABLE_KEYS.length - 1)) {
      long x = TABLE_KEYS[h];
      if (x == k) {
        return TABLE_DIGITS[h];
      }
      if (x == 0) {
        return 0;
      }
    }
  }

  /** The digit words' keys in an open-addressing table (0 = empty: no key is 0), their digits alongside. */
  private static final long[] TABLE_KEYS = new long[256];
  private static final char[] TABLE_DIGITS = new char[256];
  /** ASCII chars (either case) that start a digit word. */
  private static final boolean[] FIRST = new boolean[128];

  static {
    for (int i = 0; i < KEYS.length; i++) {
      int h = slot(KEYS[i]);
      while (TABLE_KEYS[h] != 0) {
        h = (h + 1) & (TABLE_KEYS.length - 1);
      }
      TABLE_KEYS[h] = KEYS[i];
      TABLE_DIGITS[h] = DIGITS[i];
    }
    for (String w : WORDS.keySet()) {
      FIRST[w.charAt(0)] = true;
      FIRST[Character.toUpperCase(w.charAt(0))] = true;
    }
  }

  /** The keys of the proper prefixes of 2-5 letters of the digit words ("ze", "zer", "kh", "kho", "khon" ...), open addressing (0 = empty). */
  private static final long[] PREFIX_KEYS = new long[512];

  static {
    for (String w : WORDS.keySet()) {
      for (int len = 2; len < w.length(); len++) {
        long k = key(w, 0, len);
        int h = prefixSlot(k);
        while (PREFIX_KEYS[h] != 0 && PREFIX_KEYS[h] != k) {
          h = (h + 1) & (PREFIX_KEYS.length - 1);
        }
        PREFIX_KEYS[h] = k;
      }
    }
  }

  private static int prefixSlot(long k) {
    return (int) ((k * 0x9E3779B97F4A7C15L) >>> 55); // 0-511
  }

  private static int slot(long k) {
    k *= 0x9E3779B97F4A7C15L;
    return (int) (k >>> 56);
  }

  /**
   * Reports spelled phones of {@code str} to {@code sink}. A run with tens words typed without diacritics ("khong chin
   * muoi hai ba muoi bon ...": each "muoi" is "mười", ten, or "mươi", times ten) is read once with every such "muoi"
   * after a unit word as "mươi", once with all of them as "mười", and once with each single one as "mười" (at most
   * {@link #MAX_FLIPS} readings more: linear), since "chín mười hai" (9, 12) and "chín mươi hai" (92) are typed alike;
   * a span found by one reading is not reported again.
   */
  static void phones(String str, List<int[]> spans, Pii.Sink sink) {
    int[] ambiguous = new int[1];
    List<int[]> found = new java.util.ArrayList<>(1);
    Pii.Sink once = (rule, s, e, kind) -> {
      for (int[] f : found) {
        if (f[0] < e && s < f[1]) {
          return;
        }
      }
      found.add(new int[] {s, e});
      sink.found(rule, s, e, kind);
    };
    scan(str, spans, once, NO_FLIP, ambiguous);
    if (ambiguous[0] > 0) {
      scan(str, spans, once, ALL_TEN, null);
      for (int f = 0; f < Math.min(ambiguous[0], MAX_FLIPS); f++) {
        scan(str, spans, once, f, null);
      }
    }
  }

  /** {@link #scan}'s reading of the folded "muoi" after a unit word: all "mươi" (times ten), or all "mười" (ten). */
  private static final int NO_FLIP = -1;
  private static final int ALL_TEN = -2;
  /** Most single "muoi" read as "mười" one at a time ({@link #phones}). */
  private static final int MAX_FLIPS = 6;

  /** Kinds of {@link #tensWord}: "mười" (ten, a unit may follow), "mươi" (times ten), "muoi" (either). */
  private static final int TW_VI_TEN = 1 << 8;
  private static final int TW_VI_X10 = 2 << 8;
  private static final int TW_VI_AMBIG = 3 << 8;
  /** English tens ("twenty" ... "ninety": a unit may follow) and teens ("ten" ... "nineteen": closed). */
  private static final int TW_TENS = 4 << 8;
  private static final int TW_TEEN = 5 << 8;
  private static final int TW_KIND = 7 << 8;

  /** Tens and teen words (English; Vietnamese "muoi", folded) as {@link #key}s, sorted; their values alongside. */
  private static final long[] TENS_KEYS;
  private static final int[] TENS_VALUES;

  static {
    Map<String, Integer> w = Map.ofEntries(Map.entry("ten", TW_TEEN | 10), Map.entry("eleven", TW_TEEN | 11),
        Map.entry("twelve", TW_TEEN | 12), Map.entry("thirteen", TW_TEEN | 13), Map.entry("fourteen", TW_TEEN | 14),
        Map.entry("fifteen", TW_TEEN | 15), Map.entry("sixteen", TW_TEEN | 16), Map.entry("seventeen", TW_TEEN | 17),
        Map.entry("eighteen", TW_TEEN | 18), Map.entry("nineteen", TW_TEEN | 19), Map.entry("twenty", TW_TENS | 2),
        Map.entry("thirty", TW_TENS | 3), Map.entry("forty", TW_TENS | 4), Map.entry("fourty", TW_TENS | 4),
        Map.entry("fifty", TW_TENS | 5), Map.entry("sixty", TW_TENS | 6), Map.entry("seventy", TW_TENS | 7),
        Map.entry("eighty", TW_TENS | 8), Map.entry("ninety", TW_TENS | 9), Map.entry("muoi", TW_VI_AMBIG));
    java.util.TreeMap<Long, Integer> m = new java.util.TreeMap<>();
    w.forEach((k, v) -> m.put(key(k, 0, k.length()), v));
    TENS_KEYS = m.keySet().stream().mapToLong(Long::longValue).toArray();
    TENS_VALUES = m.values().stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The kind and value of a tens or teen word at t[s, e) ("twelve": TW_TEEN | 12, "thirty": TW_TENS | 3, "mười":
   * TW_VI_TEN, "mươi": TW_VI_X10, "muoi": TW_VI_AMBIG), or 0. Only words of 3-9 letters opening with e, f, m, n, s or t
   * build a key.
   */
  private static int tensWord(char[] t, int s, int e) {
    int len = e - s;
    if (len < 3 || len > 9) {
      return 0;
    }
    char c0 = t[s];
    if (c0 >= 'A' && c0 <= 'Z') {
      c0 = (char) (c0 + 32);
    }
    if (c0 != 'e' && c0 != 'f' && c0 != 'm' && c0 != 'n' && c0 != 's' && c0 != 't') {
      return 0;
    }
    long k = key(t, s, e);
    if (k < 0) {
      return 0;
    }
    int i = java.util.Arrays.binarySearch(TENS_KEYS, k);
    if (i < 0) {
      return 0;
    }
    int v = TENS_VALUES[i];
    if (v == TW_VI_AMBIG) {
      char c2 = t[s + 2]; // "mười" has ờ (a grave accent), "mươi" has ơ; a plain o is either
      if (c2 == '\u1edd' || c2 == '\u1edc') {
        return TW_VI_TEN;
      }
      if (c2 == '\u01a1' || c2 == '\u01a0') {
        return TW_VI_X10;
      }
    }
    return v;
  }

  /** True when t[from, to) holds only spaces and hyphens (a unit word going on from a tens word: "thirty-four"). */
  private static boolean spacesOrHyphens(char[] t, int from, int to) {
    for (int k = from; k < to; k++) {
      if (t[k] != ' ' && t[k] != '-' && t[k] != '\u00a0') {
        return false;
      }
    }
    return true;
  }

  /**
   * Where a disguised phone number may still be growing at the end of {@code str} (a streamed text
   * so far): the start of the last run of digit tokens when it reaches the end, is followed only by
   * separators, or only by a gap of at most three separators and a last word still being typed
   * ("zero nine one two, three fo"), and is still short enough to be judged; {@code str.length()}
   * when no run is open. The streaming guard holds back from there: a run may be up to
   * {@link #MAX_SPAN} chars, longer than the fixed PII tail ({@link Pii#STREAM_SPAN}). Linear.
   */
  static int openRunStart(String str) {
    return scan(str, null, null, NO_FLIP, null);
  }

  /** Longest token read as digits ("khong9mot2ba4nam6bay8"); a longer one is no digit token. */
  private static final int MAX_TOKEN = 40;
  /** Most tokens a judged run keeps (a run of more is too long to judge, like one over 15 digits). */
  private static final int MAX_TOKENS = 24;
  /**
   * Fewest digits {@link #judge} reports: a part of a run with fewer is skipped there, so a run with fewer in all (most
   * runs: "hai", "ba", "50 ml", "2 giờ") is not judged at all.
   */
  private static final int JUDGED_DIGITS = 9;
  /** Flags of {@link #token}'s result above the digit count. */
  private static final int SPELLED = 1 << 8;
  private static final int REAL = 1 << 9;
  private static final int SINGLE = 1 << 10;
  private static final int VIET = 1 << 11;

  /** A digit look-alike letter ("o912", "09l2", "3A5"), or 0. */
  private static char lookalike(char c) {
    return switch (c) {
      case 'o', 'O' -> '0';
      case 'l', 'I', 'i', '|' -> '1';
      case 'Z', 'z' -> '2';
      case 'E' -> '3';
      case 'A' -> '4';
      case 'S', 's' -> '5';
      case 'b', 'G' -> '6';
      case 'T' -> '7';
      case 'B' -> '8';
      case 'g', 'q' -> '9';
      default -> 0;
    };
  }

  /**
   * The digits of token t[s, e) (letters and digits) written to out[0, ...): digits, digit words, and
   * digit words glued to digits or to each other ("3four5", "khong9mot2ba4", "ninefive"), and look-alike
   * letters among at least as many real digits ("o9I2", "3A5", at least two real digits; a lone "O"
   * for zero). Returns the digit count with the flags SPELLED (a word or look-alike is in it), REAL
   * (a real digit is), SINGLE (one real digit alone); 0 when the token is no digit token. Linear in the
   * token (at most {@link #MAX_TOKEN} chars).
   */
  private static int token(char[] t, int s, int e, char[] out, int[] prev) {
    if (e - s > MAX_TOKEN || e == s) {
      return 0;
    }
    int nd = 0;
    int real = 0;
    int looks = 0;
    boolean word = false;
    boolean viet = false;
    int p = s;
    while (p < e) {
      char c = t[p];
      if (c >= '0' && c <= '9') {
        if (nd == out.length) {
          return 0;
        }
        out[nd++] = c;
        real++;
        p++;
        continue;
      }
      int q = p;
      while (q < e && !(t[q] >= '0' && t[q] <= '9')) {
        q++;
      }
      int m = segment(t, p, q, out, nd, prev);
      if (m >= 0) {
        nd = m;
        word = true;
        viet |= java.util.Arrays.binarySearch(VI_KEYS, key(t, p, Math.min(q, p + 6))) >= 0 || (q - p > 6 && vietStart(t, p, q));
        p = q;
        continue;
      }
      for (int r = p; r < q; r++) {
        char d = lookalike(t[r]);
        if (d == 0 || nd == out.length) {
          return 0;
        }
        out[nd++] = d;
      }
      looks += q - p;
      p = q;
    }
    if (looks > 0 && !(real >= 2 && looks <= real) && !(e - s == 1 && (t[s] == 'o' || t[s] == 'O'))) {
      return 0;
    }
    return nd | (word || looks > 0 ? SPELLED : 0) | (real > 0 ? REAL : 0) | (real == 1 && e - s == 1 ? SINGLE : 0)
        | (viet ? VIET : 0);
  }

  /** True when the letters t[s, e) start with a Vietnamese digit word ("khongchinmot"). */
  private static boolean vietStart(char[] t, int s, int e) {
    for (int w = 2; w <= 5 && s + w <= e; w++) {
      if (java.util.Arrays.binarySearch(VI_KEYS, key(t, s, s + w)) >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Splits the letters t[s, e) into digit words ("khong", "ninefive" -> "nine" "five"), writing their
   * digits from out[nd]; returns the new count, or -1 when the letters are not digit words only.
   * Dynamic programming over at most {@link #MAX_TOKEN} letters and words of 2-6 letters: linear.
   * {@code prev} is the caller's scratch of at least {@code e - s + 1} ints.
   */
  private static int segment(char[] t, int s, int e, char[] out, int nd, int[] prev) {
    int len = e - s;
    if (len < 2) {
      return -1;
    }
    // a split starts with a digit word, and so does a whole digit word: most letter runs open with none ("lightweight",
    // "khỏi", "kem"), so neither the word nor the table below is looked at
    if (!opensWithDigitWord(t, s, e)) {
      return -1;
    }
    if (len <= 6) {
      char w = digitWord(t, s, e);
      if (w != 0) {
        if (nd == out.length) {
          return -1;
        }
        out[nd] = w;
        return nd + 1;
      }
    }
    // prev[j]: the start of the last word of a split of t[s, s + j), or -1
    java.util.Arrays.fill(prev, 0, len + 1, -1);
    prev[0] = 0;
    for (int j = 2; j <= len; j++) {
      for (int w = 2; w <= 6 && w <= j; w++) {
        if ((j - w == 0 || prev[j - w] >= 0) && digitWord(t, s + j - w, s + j) != 0) {
          prev[j] = j - w;
          break;
        }
      }
    }
    if (prev[len] < 0) {
      return -1;
    }
    int words = 0;
    for (int j = len; j > 0; j = prev[j]) {
      words++;
    }
    if (nd + words > out.length) {
      return -1;
    }
    int k = nd + words;
    for (int j = len; j > 0; j = prev[j]) {
      out[--k] = digitWord(t, s + prev[j], s + j);
    }
    return nd + words;
  }

  /**
   * The arrays of one {@link #scan}, kept per thread (a check and every streamed token scan once): every entry is
   * written before it is read (the token's digits and segment's table by {@link #token}, the run's by the scan).
   */
  private static final class Scratch {
    final char[] tok = new char[16];
    /** segment's table, shared by the tokens. */
    final int[] prev = new int[MAX_TOKEN + 1];
    /** The run's tokens: start, end, digit count and flags. */
    final int[] ts = new int[MAX_TOKENS];
    final int[] te = new int[MAX_TOKENS];
    final int[] tf = new int[MAX_TOKENS];
    final char[] digits = new char[16 * 2];
    boolean busy;
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /**
   * Reports spelled phones to {@code sink} (when not null); returns {@link #openRunStart}. {@code flip}: how a folded
   * "muoi" after a unit word is read ({@link #NO_FLIP}: "mươi", {@link #ALL_TEN}: "mười", k >= 0: the k-th such one
   * "mười", the others "mươi"); {@code ambiguous} (when not null) gets the count of such words.
   */
  private static int scan(String str, List<int[]> spans, Pii.Sink sink, int flip, int[] ambiguous) {
    Scratch sc = SCRATCH.get();
    if (sc.busy) {
      sc = new Scratch(); // re-entered (a sink that scans: never today): arrays of its own
    }
    sc.busy = true;
    try {
      return scan(str, spans, sink, flip, ambiguous, sc);
    } finally {
      sc.busy = false;
    }
  }

  private static int scan(String str, List<int[]> spans, Pii.Sink sink, int flip, int[] ambiguous, Scratch sc) {
    int n = str.length();
    int lastStart = -1;
    int lastEnd = -1;
    boolean lastOpen = false;
    char[] text = TextChars.of(str, TextChars.PII_SPELLED);
    char[] tok = sc.tok;
    int[] prev = sc.prev;
    int[] ts = sc.ts;
    int[] te = sc.te;
    int[] tf = sc.tf;
    char[] digits = sc.digits;
    int nt = 0;
    int nd = 0;
    boolean overflow = false;
    int runStart = -1;
    int runEnd = -1;
    boolean open = false; // the run's last token ends in a tens word a unit word may complete ("thirty", "hai mươi")
    int ambig = 0;
    int i = 0;
    while (i < n) {
      // next token [s, e): letters and digits
      int s = i;
      while (s < n && sep(text[s])) {
        s++;
      }
      int gap = s - i;
      int e = s;
      boolean digit = false;
      while (e < n && TextChars.letterOrDigit(text[e])) {
        char c = text[e];
        digit |= c >= '0' && c <= '9';
        e++;
      }
      int r;
      if (e == s) {
        e = s + 1; // a symbol: no digit token, ends a run
        r = 0;
      } else if (!digit && !(e - s == 1 ? text[s] == 'o' || text[s] == 'O'
          : e - s <= MAX_TOKEN && opensWithDigitWord(text, s, e))) {
        r = 0; // no digit 0-9: a digit token only as digit words (which open with one) or a lone "o" (token)
      } else {
        r = token(text, s, e, tok, prev);
      }
      int rep = r == 0 && e > s ? repeatWord(text, s, e) : 0;
      if (rep > 0) {
        // "double three", "triple five": the next token's one digit, two or three times (breaker b5)
        int s2 = e;
        while (s2 < n && s2 - e < 1 && text[s2] == ' ') {
          s2++;
        }
        int e2 = s2;
        while (e2 < n && TextChars.letterOrDigit(text[e2])) {
          e2++;
        }
        int r2 = s2 > e && e2 > s2 ? token(text, s2, e2, tok, prev) : 0;
        if ((r2 & 0xFF) == 1) {
          for (int k = 1; k < rep; k++) {
            tok[k] = tok[0];
          }
          r = rep | SPELLED | (r2 & VIET);
          e = e2;
        }
      }
      boolean follows = runStart >= 0 && runEnd == s - gap && gap >= 1 && gap <= 3 && text[s - 1] != '\n';
      boolean newOpen = false;
      int tw = r == 0 && !digit ? tensWord(text, s, e) : 0;
      if (tw != 0) {
        int kind = tw & TW_KIND;
        // "ba mươi": times ten, after a unit word in the run ("hai mươi hai" = 22)
        boolean attachable = follows && !open && nt > 0 && spacesOrHyphens(text, s - gap, s) && (tf[nt - 1] & 0xFF) == 1
            && (tf[nt - 1] & SPELLED) != 0 && (tf[nt - 1] & REAL) == 0;
        boolean x10 = kind == TW_VI_X10;
        if (kind == TW_VI_AMBIG && attachable) {
          int idx = ambig++;
          x10 = flip != ALL_TEN && flip != idx;
        }
        if (x10) {
          if (attachable && !overflow && nd < 16) {
            digits[nd++] = '0';
            tf[nt - 1] = (tf[nt - 1] + 1) | VIET;
            te[nt - 1] = e;
            runEnd = e;
            open = true;
            overflow |= runEnd - runStart > MAX_SPAN;
            i = e;
            continue;
          }
          // a "mươi" with no unit word before it: no digit token
        } else if (kind == TW_VI_TEN || kind == TW_VI_AMBIG) {
          tok[0] = '1';
          tok[1] = '0';
          r = 2 | SPELLED | VIET;
          newOpen = true;
        } else if (kind == TW_TENS) {
          tok[0] = (char) ('0' + (tw & 0xFF));
          tok[1] = '0';
          r = 2 | SPELLED;
          newOpen = true;
        } else {
          tok[0] = (char) ('0' + (tw & 0xFF) / 10);
          tok[1] = (char) ('0' + (tw & 0xFF) % 10);
          r = 2 | SPELLED;
        }
      } else if (open && follows && (r & 0xFF) == 1 && (r & SPELLED) != 0 && (r & REAL) == 0
          && spacesOrHyphens(text, s - gap, s) && !overflow) {
        // the unit of an open tens word: "thirty-four", "hai mươi mốt", "mười lăm"
        digits[nd - 1] = tok[0];
        tf[nt - 1] |= r & VIET;
        te[nt - 1] = e;
        runEnd = e;
        open = false;
        overflow |= runEnd - runStart > MAX_SPAN;
        i = e;
        continue;
      }
      boolean joined = runStart >= 0 && gap >= 1 && gap <= 3 && text[s - 1] != '\n' && r != 0;
      if (runStart >= 0 && !joined) {
        if (sink != null && !overflow && nd >= JUDGED_DIGITS) {
          judge(str, ts, te, tf, nt, digits, spans, sink);
        }
        lastStart = runStart;
        lastEnd = runEnd;
        lastOpen = !overflow;
        runStart = -1;
        nt = 0;
        nd = 0;
        overflow = false;
        open = false;
      }
      if (r != 0) {
        open = newOpen;
        if (runStart < 0) {
          runStart = s;
        }
        runEnd = e;
        int count = r & 0xFF;
        if (nt == MAX_TOKENS || nd + count > 16) {
          overflow = true;
        } else {
          ts[nt] = s;
          te[nt] = e;
          tf[nt] = r;
          nt++;
          System.arraycopy(tok, 0, digits, nd, count);
          nd += count;
        }
        if (runEnd - runStart > MAX_SPAN) {
          overflow = true;
        }
      }
      i = e;
    }
    if (ambiguous != null) {
      ambiguous[0] = ambig;
    }
    if (runStart >= 0) {
      if (sink != null && !overflow && nd >= JUDGED_DIGITS) {
        judge(str, ts, te, tf, nt, digits, spans, sink);
      }
      lastStart = runStart;
      lastEnd = runEnd;
      lastOpen = !overflow;
    }
    if (lastStart < 0 || !lastOpen) {
      return n;
    }
    // the last word may still be typed (no separator after it yet); before it, at most 3 separators
    int t = n;
    if (t > 0 && text[t - 1] == ' ') {
      int w = t - 1;
      while (w > 0 && TextChars.letterOrDigit(text[w - 1])) {
        w--;
      }
      if (w < t - 1 && repeatWord(text, w, t - 1) > 0) {
        t--; // "... two, double ": the digit it repeats is still to come
      }
    }
    while (t > 0 && TextChars.letterOrDigit(text[t - 1])) {
      t--;
    }
    int u = t;
    while (u > 0 && t - u <= 3 && sep(text[u - 1])) {
      u--;
    }
    return lastEnd == n || (u == lastEnd && t - u <= 3) ? lastStart : n;
  }

  /** True when the word right before {@code s} (one space or ": " between) is "plus" or "cộng"/"cong" (any case). */
  private static boolean plusWordBefore(String text, int s) {
    int e = s;
    while (e > 0 && s - e < 2 && (text.charAt(e - 1) == ' ' || text.charAt(e - 1) == ':')) {
      e--;
    }
    if (e == s) {
      return false;
    }
    int b = e;
    while (b > 0 && e - b < 5 && Character.isLetter(text.charAt(b - 1))) {
      b--;
    }
    if (b > 0 && Character.isLetterOrDigit(text.charAt(b - 1))) {
      return false;
    }
    long k = key(text, b, e);
    return k == PLUS_KEY || k == CONG_KEY;
  }

  private static final long PLUS_KEY = key("plus", 0, 4);
  private static final long CONG_KEY = key("cong", 0, 4);

  /** 2 for "double", 3 for "triple" (any case) at t[s, e), else 0. */
  private static int repeatWord(char[] t, int s, int e) {
    if (e - s != 6) {
      return 0;
    }
    // as toLowerCase(Locale.ROOT) then equals: no char outside A-Z lower-cases to one of these letters, but for 'İ' (U+0130),
    // whose lower case "i\u0307" is two chars long, so a word with it is no six-letter match either
    return asciiLowerEquals(t, s, "double") ? 2 : asciiLowerEquals(t, s, "triple") ? 3 : 0;
  }

  /** True when t[s, s + w.length()) is {@code w} (lower-case ASCII letters) in any ASCII case. */
  private static boolean asciiLowerEquals(char[] t, int s, String w) {
    for (int k = 0; k < w.length(); k++) {
      char c = t[s + k];
      if (c >= 'A' && c <= 'Z') {
        c = (char) (c + 32);
      }
      if (c != w.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /**
   * True when tokens [a, b) (three or more, each of one or two digits: digits[offset[k], offset[k + 1])) count up or
   * down by one ("eight, nine, ten, eleven").
   */
  private static boolean countingTokens(char[] digits, int[] offset, int a, int b) {
    if (b - a < 3) {
      return false;
    }
    int up = 0;
    int down = 0;
    int last = -1;
    for (int k = a; k < b; k++) {
      int len = offset[k + 1] - offset[k];
      if (len > 2) {
        return false;
      }
      int v = 0;
      for (int j = offset[k]; j < offset[k + 1]; j++) {
        v = v * 10 + (digits[j] - '0');
      }
      if (k > a) {
        up += v == last + 1 ? 1 : 0;
        down += v == last - 1 ? 1 : 0;
      }
      last = v;
    }
    return up == b - a - 1 || down == b - a - 1;
  }

  /** True when digits[0, nd) count up or down by one ("987654321"). */
  private static boolean counting(char[] d, int from, int nd) {
    boolean up = true;
    boolean down = true;
    for (int i = from + 1; i < from + nd; i++) {
      up &= d[i] == d[i - 1] + 1;
      down &= d[i] == d[i - 1] - 1;
    }
    return up || down;
  }

  /**
   * Judges a run of digit tokens: reports the longest part of it, the whole run or the run without up
   * to two tokens at either end ("tu" or "due" before a spelled number: words that are also digits),
   * whose digits are a phone number and that is a disguise (a spelled or look-alike token, or seven
   * or more single digits spaced apart: "5 0 3 5 5 5 0 1 4 7"). A phone number is one by
   * {@link Pii#isPhoneDigits}, a North American number without its grouping ({@link Pii#nanp}), or
   * nine digit words and nothing else ("chín một hai ba bốn năm sáu bảy tám", "nine one two ...") that a
   * leading zero makes a Vietnamese mobile number (people drop the zero when they spell the number
   * out); nine digits typed as digits stay ids, and a count or countdown ("chín, tám, bảy, ... một") is
   * no number.
   */
  private static void judge(String text, int[] ts, int[] te, int[] tf, int nt, char[] digits, List<int[]> spans,
      Pii.Sink sink) {
    // (the scan calls this only for runs of JUDGED_DIGITS digits or more: every part judged below has at most the run's digits)
    int[] offset = new int[nt + 1];
    for (int k = 0; k < nt; k++) {
      offset[k + 1] = offset[k] + (tf[k] & 0xFF);
    }
    for (int drop = 0; drop <= 4; drop++) {
      for (int a = 0; a <= Math.min(2, drop); a++) {
        int b = nt - (drop - a); // tokens [a, b)
        if (drop - a > 2 || b - a < 1) {
          continue;
        }
        int from = offset[a];
        int nd = offset[b] - from;
        if (nd < JUDGED_DIGITS || nd > 16) {
          continue;
        }
        boolean spelled = false;
        boolean allWords = true;
        boolean viet = false;
        int singles = 0;
        for (int k = a; k < b; k++) {
          spelled |= (tf[k] & SPELLED) != 0;
          allWords &= (tf[k] & REAL) == 0;
          viet |= (tf[k] & VIET) != 0;
          singles += (tf[k] & SINGLE) != 0 ? 1 : 0;
        }
        boolean trimmed = a > 0 || b < nt;
        if (trimmed && ((tf[a] & SPELLED) == 0 && (tf[b - 1] & SPELLED) == 0 && !spelled)) {
          continue;
        }
        if (!spelled && singles < 7) {
          continue;
        }
        if (allWords && countingTokens(digits, offset, a, b)) {
          continue; // "one, two, ..., nine, ten", "eleven, twelve, thirteen ...": counting, no number
        }
        int s = ts[a];
        int e = te[b - 1];
        boolean sign = s > 0 && text.charAt(s - 1) == '+';
        // "plus eight four ...", "cộng tám tư ...": a country code said aloud (the span stays the digits' own: the word
        // before the run may already be released when streaming)
        boolean plus = sign || (spelled && plusWordBefore(text, s));
        char[] d = java.util.Arrays.copyOfRange(digits, from, from + nd);
        if (Pii.identifierContext(text, sign ? s - 1 : s, Pii.ID_WORDS)) {
          return; // "Mã số: tám chín một ...": a code read out, not a phone number
        }
        if (nd >= 13 && spelled && !plus && Pii.luhn(new String(digits, from, nd))) {
          // a payment card read out ("four one one one, one one one one, ..."): Luhn-valid, 13-16 digits
          if (!Pii.overlaps(spans, s, e)) {
            sink.found(RuleIds.PII_CARD, s, e, "payment card number (spelled out)");
          }
          return;
        }
        if (nd > 15) {
          continue;
        }
        // a national number spelled out or disguised from its trunk zero ("zéro six un deux ...", "null eins fünf
        // eins ..."): ten to twelve digits after one zero, never an id (ids are typed, not spelled)
        boolean national = !plus && spelled && !viet && nd >= 10 && nd <= 12 && d[0] == '0' && d[1] != '0';
        boolean phone = Pii.isPhoneDigits(d, nd, plus) || (!plus && !viet && Pii.nanp(d, nd)) || national;
        if (!phone && nd == 9 && allWords && !trimmed && !plus && d[0] != '0' && !counting(d, 0, nd)) {
          char[] withZero = new char[10];
          withZero[0] = '0';
          System.arraycopy(d, 0, withZero, 1, 9);
          phone = Pii.isPhoneDigits(withZero, 10, false);
        }
        if (!phone) {
          continue;
        }
        if (!Pii.overlaps(spans, s, e)) {
          sink.found(RuleIds.PII_PHONE, sign ? s - 1 : s, e, "phone number (spelled out or disguised)");
        }
        return;
      }
    }
  }
}
