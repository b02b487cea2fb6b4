package com.personaruntime.guardrails.text;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/*
 * Normalisation for MATCHING ONLY. The output alphabet is folded letters and digits, a single ' '
 * between words and BREAK ('\n') at sentence ends; every output char remembers the original range
 * it came from, so a match maps back to original offsets.
 *
 * Pipeline:
 *  1. per code point: zero-width / format / control chars dropped (combining marks are attached
 *     to the previous char's range); NFKD, combining marks removed (Vietnamese diacritics folded),
 *     đ -> d, lower case, Cyrillic/Greek look-alikes mapped to Latin. NFKD + mark removal gives
 *     everything NFKC would (full-width forms, ligatures) for matching purposes.
 *  1b. symbols typed for letters inside a word ("¢ure", "(ure", "cl!n!cally", "c|_|res") become
 *     letters when the token spells a known word (SymbolLetters); pass 1 notes where to look.
 *  2. words = runs of letters, digits and inner '@'/'$'. Leetspeak (0 1 3 4 5 7 8 9 @ $) is mapped
 *     only inside words that contain a letter, so prices and phone numbers stay digits.
 *  3. runs of >= 3 one-character words separated by the SAME single separator ("c.u.r.e",
 *     "c-u-r-e", "c u r e") with at least two letters are joined into one word, and so are two
 *     letters joined by one non-space separator ("r.ẻ"). "I'm a" is not joined (different
 *     separators); "a b" is not joined (space).
 *  4. Vietnamese teencode words ("ko", "dc", "mk"...) are replaced by the full folded word.
 *  5. separator runs become ' ', or BREAK when they hold a sentence terminator followed by
 *     whitespace, a newline, or a CJK full stop. No pattern contains BREAK, so no match spans a
 *     sentence end: the streaming guard may release a sentence as soon as its end is seen. One
 *     exception: a question of at most five words ("Eczema? Not anymore!") is a break that lexicon
 *     entries written "A ~?N~ B" may cross; it becomes a release point (breakEnds) only once the
 *     next sentence has ended as well, so a match across it is whole before anything is released.
 *
 * stableOrig: original offset before which the output can no longer change when text is appended
 * (the last word may grow, or join a run of single letters).
 */
public final class TextNormalizer {
  public static final char BREAK = '\n';

  private static final byte SEP = 0;
  private static final byte LETTER = 1;
  private static final byte DIGIT = 2;
  private static final byte SYMBOL = 3;
  private static final byte SPACE = 4;
  /** A unit merged into the one before it by {@link SymbolLetters} ("|_|"): dropped before pass 2. */
  private static final byte REMOVED = 5;

  private static final String[] CACHE = new String[0x10000];
  private static final char[] LEET = new char[128];
  private static final Map<Character, Character> CONFUSABLES = new HashMap<>();

  static {
    String leet = "0o1i3e4a5s7t8b9g@a$s";
    for (int i = 0; i < leet.length(); i += 2) {
      LEET[leet.charAt(i)] = leet.charAt(i + 1);
    }
    // Cyrillic and Greek letters that look like Latin ones (lower case after folding).
    String conf = "аaбbвbгrдdеeёeззиuйuкkлnмmнhоoпnрpсcтtуyффхxччшwщwъbьbыыэeююяяіiїiјjѕsһhԁdԛqԝw"
        + "αaβbγyδdεeζzηnθoιiκkλlμuνvξεοoπnρpσoςcτtυuφфχxψψωwάaέeήnίiόoύuώw";
    for (int i = 0; i + 1 < conf.length(); i += 2) {
      CONFUSABLES.put(conf.charAt(i), conf.charAt(i + 1));
    }
    // Latin small capitals and IPA letters used as look-alikes ("ᴄᴜʀᴇ"): NFKD leaves them alone
    String caps = "ᴀaʙbᴄcᴅdᴇeꜰfɢgʜhɪiᴊjᴋkʟlᴍmɴnᴏoᴘpǫqʀrꜱsᴛtᴜuᴠvᴡwʏyᴢzɑaɡgɩiʋvɯwꞮiꞯqᴦrᴨnᴧaᴫnꭰdꭺaꭵv";
    for (int i = 0; i + 1 < caps.length(); i += 2) {
      CONFUSABLES.put(caps.charAt(i), caps.charAt(i + 1));
    }
    // Cherokee letters that look like Latin capitals ("ᏴurnS fat"); lower-cased first, as every char is
    int[] cherokee = {0x13AA, 'a', 0x13F4, 'b', 0x13DF, 'c', 0x13A0, 'd', 0x13AC, 'e', 0x13C0, 'g', 0x13BB, 'h', 0x13AB, 'j',
        0x13E6, 'k', 0x13DE, 'l', 0x13B7, 'm', 0x13E2, 'p', 0x13A1, 'r', 0x13DA, 's', 0x13A2, 't', 0x13D9, 'v', 0x13B3, 'w',
        0x13BD, 'y', 0x13C3, 'z', 0x13C2, 'h'};
    for (int i = 0; i + 1 < cherokee.length; i += 2) {
      CONFUSABLES.putIfAbsent(Character.toLowerCase((char) cherokee[i]), (char) cherokee[i + 1]);
    }
    CONFUSABLES.put('ı', 'i');
    CONFUSABLES.put('ł', 'l');
    CONFUSABLES.put('ø', 'o');
    CONFUSABLES.put('đ', 'd');
    CONFUSABLES.put('ð', 'd');
    CONFUSABLES.put('ħ', 'h');
    CONFUSABLES.put('ŧ', 't');
  }

  private TextNormalizer() {
  }

  /** Folds one code point: lower case, no diacritics, look-alikes mapped. "" when invisible. */
  public static String fold(int cp) {
    if (cp < 0x10000) {
      String cached = CACHE[cp];
      if (cached != null) {
        return cached;
      }
      String f = computeFold(cp);
      CACHE[cp] = f;
      return f;
    }
    // outside the BMP (emoji, math letters): a direct-mapped cache (no boxing, no locking), so a
    // reply with emoji does not redo NFKD; entries are immutable, a racing writer only replaces one
    SupplementaryFold[] cache = SUPPLEMENTARY;
    int slot = (cp ^ (cp >>> 10)) & (cache.length - 1);
    SupplementaryFold e = cache[slot];
    if (e != null && e.cp == cp) {
      return e.fold;
    }
    String f = computeFold(cp);
    cache[slot] = new SupplementaryFold(cp, f);
    return f;
  }

  private record SupplementaryFold(int cp, String fold) {
  }

  private static final SupplementaryFold[] SUPPLEMENTARY = new SupplementaryFold[4096];

  private static String computeFold(int cp) {
    if (cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0) {
      return ""; // Hangul fillers: letters by category, blank when shown ("bur\u3164ns")
    }
    int type = Character.getType(cp);
    if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.COMBINING_SPACING_MARK
        || type == Character.FORMAT || type == Character.CONTROL) {
      return "";
    }
    // trade mark and service mark signs glued to a word ("GlowCo™", "cure™ acne", breaker b5): NFKD reads them as
    // the letters "tm"/"sm", which made a new word; they are marks on the word, not part of it
    if (cp == 0x2122 || cp == 0x2120) {
      return "";
    }
    // enclosed letters without a compatibility decomposition: negative circled 🅐 (U+1F150), negative
    // squared 🅰 (U+1F170) and regional indicators 🇦 (U+1F1E6; pairs render as flags) read as letters
    if (cp >= 0x1F150 && cp <= 0x1F169) {
      return String.valueOf((char) ('a' + cp - 0x1F150));
    }
    if (cp >= 0x1F170 && cp <= 0x1F189) {
      return String.valueOf((char) ('a' + cp - 0x1F170));
    }
    if (cp >= 0x1F1E6 && cp <= 0x1F1FF) {
      return String.valueOf((char) ('a' + cp - 0x1F1E6));
    }
    String s = new String(Character.toChars(cp));
    String lower = s.toLowerCase(Locale.ROOT);
    Character conf = lower.length() == 1 ? CONFUSABLES.get(lower.charAt(0)) : null;
    if (conf != null) {
      return String.valueOf(conf);
    }
    String d = Normalizer.normalize(s, Normalizer.Form.NFKD);
    StringBuilder sb = new StringBuilder(d.length());
    for (int i = 0; i < d.length(); i++) {
      char c = d.charAt(i);
      int t = Character.getType(c);
      if (t == Character.NON_SPACING_MARK || t == Character.ENCLOSING_MARK || t == Character.COMBINING_SPACING_MARK) {
        continue;
      }
      String lc = String.valueOf(c).toLowerCase(Locale.ROOT);
      for (int j = 0; j < lc.length(); j++) {
        char x = lc.charAt(j);
        Character m = CONFUSABLES.get(x);
        sb.append(m != null ? m : x);
      }
    }
    if (sb.toString().equals("ß")) {
      return "ss";
    }
    return sb.toString();
  }

  public static boolean isTerminator(char c) {
    return c == '.' || c == '!' || c == '?' || c == '\u2026' || c == ';';
  }

  public static boolean isCjkStop(char c) {
    return c == '\u3002' || c == '\uff01' || c == '\uff1f';
  }

  /** Initial consonants of a Vietnamese syllable that are never a word alone (two or three letters). */
  private static final java.util.Set<String> ONSETS = java.util.Set.of("ch", "gh", "kh", "ng", "nh", "ph", "th", "tr", "ngh");
  /** Onsets that are also chat abbreviations of a word ("kh" = không, "ng" = người: "kh ổn", "ng ăn"). */
  private static final java.util.Set<String> TEEN_ONSETS = java.util.Set.of("kh", "ng");

  /**
   * True when word [ps, pe) (letters, no diacritic) is the initial consonants of a Vietnamese
   * syllable whose rest, word [s, e) (letters with a diacritic, from a vowel), follows after one
   * space, and the two together are a syllable: "ch ữa", "kh ỏi", "tr ị", "ng ười". A single
   * consonant counts typed in lower case ("m ụn", "t ôi", "b ỏ", "c ó"; not before the particles
   * "ạ", "à": "size m ạ"), or opening a sentence before two letters or more ("M ình là ..."; not
   * "size M ạ", "vitamin B ổn định").
   */
  private static boolean onsetSplit(char[] in, char[] uc, byte[] uk, int[] us, int ps, int pe, int pflags, int s, int e,
      boolean dotted, WordFolds.Chars buf) {
    int pn = pe - ps;
    int n = e - s;
    if (pn > 3 || n > 6 || (pflags & (ALL_LETTERS | DIACRITICS)) != ALL_LETTERS) {
      return false;
    }
    if (!consonantsOnly(uc, ps, pe)) {
      return false;
    }
    // a single consonant ("b", "m", "k", "t" are also chat abbreviations: "b ơi", "m ổn", "k ăn", "t ôi")
    // or a teencode onset joins only a rest that is no syllable of its own ("m ụn" yes, "m ổn" no)
    if (!dotted && (pn == 1 || TEEN_ONSETS.contains(new String(uc, ps, pn))) && HashtagSegmenter.knownSyllable(uc, s, e)) {
      return false; // (a dot inside a syllable is no chat abbreviation: "kh.ỏi", "m.ụn" join)
    }
    if (pn == 1) {
      char orig = in[us[ps]];
      boolean lower = orig >= 'a' && orig <= 'z';
      // one vowel after it: not "a" (the particles "ạ", "à" after a size: "size m ạ")
      if ((n == 1 && uc[s] == 'a') || !(lower || (n >= 2 && orig >= 'A' && orig <= 'Z' && sentenceStart(in, us[ps])))
          || uc[ps] == 'w' || uc[ps] == 'f' || uc[ps] == 'j' || uc[ps] == 'z') {
        return false;
      }
    } else if (!ONSETS.contains(new String(uc, ps, pn))) {
      return false;
    }
    buf.reset(pn + n);
    for (int k = ps; k < pe; k++) {
      buf.append(uc[k]);
    }
    for (int k = s; k < e; k++) {
      if (uc[k] < 'a' || uc[k] > 'z') {
        return false;
      }
      buf.append(uc[k]);
    }
    return WordFolds.syllable(buf);
  }

  /**
   * True when the single consonant word w-1 and the single letter [s, e) after it belong to a run
   * of single letters ("c h ữ a", "m ụ n"): a single letter before w-1 or after [s, e), one char
   * apart. The run join handles them.
   */
  private static boolean inSingleRun(byte[] uk, int[] ws, int[] we, int w, int s, int e, int u) {
    if (we[w - 1] - ws[w - 1] != 1) {
      return false;
    }
    if (w >= 2 && we[w - 2] - ws[w - 2] == 1 && ws[w - 1] - we[w - 2] == 1 && uk[ws[w - 2]] == LETTER) {
      return true;
    }
    return e + 1 < u && uk[e] != LETTER && uk[e + 1] == LETTER && (e + 2 >= u || uk[e + 2] == SPACE || uk[e + 2] == SEP);
  }

  /**
   * Word starts inside a run of single letters about to be joined (indexes into the run, or null):
   * a run typed with Vietnamese diacritics splits into its syllables ("c h ữ a k h ỏ i m ụ n" ->
   * "chữa khỏi mụn"); a run spaced by single spaces that starts with the word "a" or "I" or a digit
   * keeps that first single apart when the whole is no English word and the rest has three letters
   * or more ("a d e t o x" -> "a detox"; "a l l", "i g n o r e" stay whole). Linear in the run.
   */
  private static int[] runCuts(char[] uc, byte[] uk, boolean[] um, int[] ws, int wi, int we, boolean tightSpaces,
      WordFolds.Chars buf) {
    int n = we - wi + 1;
    if (n < 4 || n > HashtagSegmenter.MAX) {
      return null;
    }
    boolean marked = false;
    buf.reset(n);
    for (int k = wi; k <= we; k++) {
      int unit = ws[k];
      char c = uc[unit];
      if (uk[unit] != LETTER && c < 128 && LEET[c] != 0) {
        c = LEET[c];
      }
      buf.append(c);
      marked |= um[unit];
    }
    if (marked) {
      return WordFolds.segment(buf.toString());
    }
    char first = uc[ws[wi]];
    if (!tightSpaces || !(first == 'a' || first == 'i' || uk[ws[wi]] == DIGIT)) {
      return null;
    }
    for (int k = wi + 1; k <= we; k++) {
      if (uk[ws[k]] != LETTER) {
        return null;
      }
    }
    String whole = buf.toString();
    char[] wc = whole.toCharArray();
    if (HashtagSegmenter.englishWord(wc, 0, wc.length)) {
      return null;
    }
    return new int[] {1};
  }

  /**
   * Invisible chars that may stand for a space between words typed together: zero-width space and
   * non-joiner, word joiner, BOM, Mongolian vowel separator, Hangul fillers ("chữa\u200Bkhỏi\u200Bmụn").
   */
  private static boolean invisibleJoiner(int cp) {
    return cp == 0x200B || cp == 0x200C || cp == 0x2060 || cp == 0xFEFF || cp == 0x180E || cp == 0x115F || cp == 0x1160
        || cp == 0x3164 || cp == 0xFFA0;
  }

  /**
   * True when the invisible joiner before unit {@code j} ('_', '~', a zero-width space or a Hangul
   * filler: {@code gaps[gp]}) separates two words: the letters before it back to the last joiner or
   * the word's start ([ls, j)) and the letters after it up to the next joiner or non-letter are both
   * known words of two letters or more (the English word list, or a Vietnamese syllable: typed with
   * diacritics, or of the known list): "chữa_khỏi_mụn", "burns~fat", "Bean\u3164Bros". Emphasis or
   * padding inside one word stays invisible ("c**ure**", "kh_ỏi_", "de_tox_", "bur\u3164ns"). Reads
   * each piece at most twice: linear.
   */
  private static boolean gapSplit(char[] in, char[] uc, byte[] uk, int[] us, int[] ue, boolean[] um, int u, int ls, int j,
      int[] gaps, int gp, int ngaps, WordFolds.Chars buf) {
    for (int k = ls; k < j; k++) {
      if (uk[k] != LETTER) {
        return false;
      }
    }
    int r = j + 1;
    int g = gp + 1;
    while (r < u && uk[r] == LETTER && r - j <= HashtagSegmenter.MAX_PIECE) {
      while (g < ngaps && gaps[g] < ue[r - 1]) {
        g++;
      }
      if (g < ngaps && gaps[g] < us[r]) {
        break;
      }
      r++;
    }
    // two-letter syllables typed without diacritics are too common in English fragments ("cu\u200Bre"):
    // one of the two pieces must be longer, or a word of the English list, or typed with diacritics
    if (!(knownPiece(uc, um, ls, j, buf) && knownPiece(uc, um, j, r, buf)
        && (j - ls > 2 || r - j > 2 || strongPiece(uc, um, ls, j) || strongPiece(uc, um, j, r)))) {
      return false;
    }
    // '_' between English words is an identifier ("input_string", "content_warning_bot"): one word, as
    // before (a persona's term typed so still matches typed as one word, "burns_fat"); with Vietnamese
    // diacritics it stands for a space ("chữa_khỏi_mụn")
    return in[gaps[gp]] != '_' || marked(um, ls, j) || marked(um, j, r);
  }

  private static boolean marked(boolean[] um, int s, int e) {
    for (int k = s; k < e; k++) {
      if (um[k]) {
        return true;
      }
    }
    return false;
  }

  /** An English word, or letters typed with a Vietnamese diacritic. */
  private static boolean strongPiece(char[] uc, boolean[] um, int s, int e) {
    for (int k = s; k < e; k++) {
      if (um[k]) {
        return true;
      }
    }
    return HashtagSegmenter.englishWord(uc, s, e);
  }

  /** True when folded letters uc[s, e) are an English word or a Vietnamese syllable (see {@link #gapSplit}). */
  private static boolean knownPiece(char[] uc, boolean[] um, int s, int e, WordFolds.Chars buf) {
    int n = e - s;
    if (n < 2 || n > HashtagSegmenter.MAX_PIECE) {
      return false;
    }
    for (int k = s; k < e; k++) {
      if (uc[k] < 'a' || uc[k] > 'z') {
        return false;
      }
    }
    if (HashtagSegmenter.englishWord(uc, s, e)) {
      return true;
    }
    boolean marked = false;
    for (int k = s; k < e && !marked; k++) {
      marked = um[k];
    }
    // a whole syllable, not an onset ("kh_ỏi_" is one word)
    return n <= 7 && (marked || HashtagSegmenter.knownSyllable(uc, s, e)) && WordFolds.syllable(buf.of(uc, s, e));
  }

  /** True when uc[s, e) are letters a-z without a vowel ("ch", "ngh", "m"). */
  private static boolean consonantsOnly(char[] uc, int s, int e) {
    for (int k = s; k < e; k++) {
      char c = uc[k];
      if (c < 'a' || c > 'z' || WordFolds.vowel(c)) {
        return false;
      }
    }
    return true;
  }

  /** True when only spaces (at most 8) lie between original {@code i} and the text start or a sentence terminator. */
  private static boolean sentenceStart(char[] in, int i) {
    for (int k = i - 1; k >= 0 && k >= i - 8; k--) {
      char c = in[k];
      if (c == '.' || c == '!' || c == '?' || c == '\n') {
        return true;
      }
      if (c != ' ') {
        return false;
      }
    }
    return i == 0;
  }

  /** ASCII chars that may stand for a letter next to one: ( | ! + $ @ and the digit 1 (l or i; other digits are leetspeak). */
  private static final boolean[] SYMBOL_SITE = new boolean[128];

  static {
    for (char c : "(|!+$@1".toCharArray()) {
      SYMBOL_SITE[c] = true;
    }
  }

  /**
   * True when symbol {@code c} at in[i] (about to become unit u) touches a letter as a letter typed
   * as a symbol would: a letter right after it ("(ure", "!nstant", "$kin"), or, for | $ 1 and the
   * non-ASCII symbols, a letter unit right before it ("hea|s", "cure$"). '|' before '_' or '|' starts "|_|".
   */
  private static boolean symbolSite(char[] in, int n, int i, char c, byte[] uk, int u) {
    if (i + 1 < n) {
      char next = in[i + 1];
      if (next < 0x80 ? (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') : Character.isLetter(next)) {
        return true;
      }
      if (c == '|' && (next == '_' || next == '|')) {
        return true;
      }
    }
    boolean afterLetter = u > 0 && uk[u - 1] == LETTER;
    if (c == '$' && !afterLetter && u > 1 && uk[u - 1] == DIGIT && uk[u - 2] == LETTER) {
      return true; // after leetspeak in the same word: "l0$$"
    }
    return afterLetter && (c == '|' || c == '$' || c == '1' || c >= 0x80);
  }

  /**
   * Folds the tokens around {@code sites} (letters, digits and symbols glued together) that spell a
   * known word with symbols for letters ({@link SymbolLetters}); drops the units merged away. Each
   * token is read once (sites inside a token already read are skipped): linear. Returns the new unit count.
   */
  private static int foldSymbolLetters(char[] in, char[] uc, byte[] uk, int[] us, int[] ue, boolean[] um, int u, int[] sites,
      int nsites, SymbolLetters.Buf buf) {
    int done = -1;
    boolean removed = false;
    for (int q = 0; q < nsites; q++) {
      int site = sites[q];
      if (site < done) {
        continue;
      }
      int ts = site;
      while (ts > done && ts > 0 && tokenUnit(uc, uk, ts - 1)) {
        ts--;
      }
      int te = site + 1;
      while (te < u && tokenUnit(uc, uk, te)) {
        te++;
      }
      done = te;
      removed |= SymbolLetters.fold(in, uc, uk, us, ue, ts, te, LETTER, REMOVED, buf);
    }
    if (!removed) {
      return u;
    }
    int k = 0;
    for (int j = 0; j < u; j++) {
      if (uk[j] != REMOVED) {
        uc[k] = uc[j];
        uk[k] = uk[j];
        us[k] = us[j];
        ue[k] = ue[j];
        um[k] = um[j];
        k++;
      }
    }
    return k;
  }

  /** A unit of a symbol-letter token: a letter, a digit, '@'/'$', or a symbol that may stand for a letter. */
  private static boolean tokenUnit(char[] uc, byte[] uk, int k) {
    byte kind = uk[k];
    return kind == LETTER || kind == DIGIT || kind == SYMBOL || (kind == SEP && SymbolLetters.symbol(uc[k]));
  }

  /**
   * The separator of the gap [s, e) between two single chars of a split-letter run, or 0: one
   * mergeable char ("c.u.r.e", "c u r e"), or one non-space mergeable char with a space on each side
   * ("c . u . r . e", "c - u - r - e"), or {@link #WIDE}: two or three spaces ("c  u  r  e"); the
   * last two need three or more singles.
   */
  private static char runGap(char[] uc, byte[] uk, int s, int e) {
    if (e == s) {
      return 0; // words split at an invisible joiner
    }
    if (e - s == 1) {
      char sc = uc[s];
      byte sk = uk[s];
      return (sk == SEP || sk == SPACE) && sc != '\n' && mergeableSep(sc) ? sc : 0;
    }
    if (e - s == 3 && uk[s] == SPACE && uc[s] == ' ' && uk[s + 2] == SPACE && uc[s + 2] == ' ' && uk[s + 1] == SEP
        && uc[s + 1] != ' ' && mergeableSep(uc[s + 1])) {
      return uc[s + 1];
    }
    if (e - s <= 3) {
      for (int k = s; k < e; k++) {
        if (uk[k] != SPACE || uc[k] != ' ') {
          return 0;
        }
      }
      return WIDE;
    }
    return 0;
  }

  /** {@link #runGap} of two or three spaces between single letters ("c  u  r  e"). */
  private static final char WIDE = '\u0001';

  /**
   * True when gaps of separators {@code a} and {@code b} may alternate in one run: two different
   * non-space separators typed the same way, both tight or both with spaces around ("c.u-r.e",
   * "c . u - r . e"). A space, two spaces and a separator never mix ("I'm a b.c" stays apart).
   */
  private static boolean mixableGaps(char a, char b) {
    return a != ' ' && b != ' ' && a != WIDE && b != WIDE;
  }

  private static boolean mergeableSep(char c) {
    return c == ' ' || c == '.' || c == '-' || c == '_' || c == '*' || c == '\u00b7' || c == '/' || c == '+' || c == '~'
        || c == '|' || c == '\u2022' || c == '\u2010' || c == '\u2011' || c == '\u2012' || c == '\u2013' || c == '\u2014';
  }

  /**
   * Working arrays of one normalisation, kept per thread so that a check allocates nothing but its
   * result: fresh arrays cost more than the work itself (every byte of a new array is a cache miss).
   * Only texts up to {@link #KEEP_CHARS} chars leave their arrays behind.
   */
  private static final class Scratch {
    /** {@link #normalizeOutput}: an ellipsis before a lower-case letter is no sentence break. */
    boolean ellipsisPauses;
    char[] in = new char[0];
    char[] uc = new char[0];
    byte[] uk = new byte[0];
    int[] us = new int[0];
    int[] ue = new int[0];
    boolean[] um = new boolean[0];
    int[] ws = new int[0];
    int[] we = new int[0];
    /** Per word: {@link #HAS_LETTER}, {@link #HAS_DIGIT}, {@link #DIACRITICS}, {@link #ALL_LETTERS}. */
    byte[] wf = new byte[0];
    int[] breaks = new int[4];
    /** Units of pass 1 where a symbol that may stand for a letter touches a letter ({@link SymbolLetters}). */
    int[] sites = new int[8];
    /** Original offsets of invisible joiners dropped right after a letter ("chữa_khỏi", "burns\u200Bfat"): see {@link #gapSplit}. */
    int[] gaps = new int[8];
    final SymbolLetters.Buf symbols = new SymbolLetters.Buf();
    /** Scratch of {@link #onsetSplit}. */
    final WordFolds.Chars onset = new WordFolds.Chars();
    final WordFolds.Word word = new WordFolds.Word();
    /** Scratch of {@link #vietnameseSentences}. */
    final WordFolds.Word probe = new WordFolds.Word();
    /** Per word: whether its sentence is possibly Vietnamese ({@link #vietnameseSentences}). */
    boolean[] viSentence = new boolean[0];
    /** Per word: what pass 2b found out about it that pass 3 asks again ({@link #HARD_BEFORE}, {@link #FW_SHIFT}, {@link #SCREEN_KNOWN}). */
    byte[] wordInfo = new byte[0];
    /*
     * The arrays of the normalisation in progress, handed from one pass to the next (a pass may grow them); the
     * fields above keep them for the next text only when it is at most KEEP_CHARS long. Passes are methods of their
     * own so that the JIT compiles each with its own inlining budget (one 5.6 KB method ran out of it).
     */
    char[] curUc;
    byte[] curUk;
    int[] curUs;
    int[] curUe;
    boolean[] curUm;
    int nsites;
    int ngaps;
    int[] curWs;
    int[] curWe;
    byte[] curWf;
    int[] curBreaks;
    boolean busy;
  }

  private static final int KEEP_CHARS = 8192;

  /** Word flags of pass 2: a letter unit; a digit unit; a letter unit with a Vietnamese diacritic; letter units only. */
  private static final int HAS_LETTER = 1;
  private static final int HAS_DIGIT = 2;
  private static final int DIACRITICS = 4;
  private static final int ALL_LETTERS = 8;

  /*
   * Word info of pass 2b ({@link Scratch#wordInfo}), read again by pass 3 instead of computing it twice: a sentence
   * break in the separators before the word; the word's VietnameseSentence.functionWord (+1, -1, 0) in two bits,
   * stored plus one (0 = not computed); and, for a word of letters without diacritics, whether the fast path's
   * screen (WordFolds.unchanged || KeptWords.contains) clears it.
   */
  private static final int HARD_BEFORE = 1;
  private static final int FW_SHIFT = 1;
  private static final int FW_MASK = 3 << FW_SHIFT;
  private static final int SCREEN_KNOWN = 8;
  private static final int SCREEN_OK = 16;

  /**
   * Per BMP char: 0 = not yet computed; -1 = general path (fold empty or longer than one char);
   * else the folded char (bits 0-15), its unit kind (bits 16-23) and {@link #MARK_BIT} when the char
   * is a Vietnamese letter with a diacritic. Filled lazily; racing writers write the same value.
   */
  private static final int[] FAST = new int[0x10000];
  private static final int MARK_BIT = 1 << 24;

  private static int fastCode(char ch) {
    int mark = vietnameseMark(ch) ? MARK_BIT : 0;
    if (Character.isWhitespace(ch) || Character.isSpaceChar(ch)) {
      char c = (ch == 0x2028 || ch == 0x2029 || ch == 0x85) ? '\n' : ' ';
      return mark | (SPACE << 16) | c;
    }
    String f = fold(ch);
    if (f.length() != 1) {
      return -1;
    }
    char c = f.charAt(0);
    byte kind;
    if (c >= '0' && c <= '9') {
      kind = DIGIT;
    } else if (Character.isLetter(c)) {
      kind = LETTER;
    } else if (Character.isDigit(c)) {
      kind = DIGIT;
      c = (char) ('0' + Character.digit(c, 10));
    } else if (c == '@' || c == '$') {
      kind = SYMBOL;
    } else {
      kind = SEP;
    }
    return mark | (kind << 16) | c;
  }
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /** Normalises {@code text}. */
  public static NormalizedText normalize(CharSequence text) {
    return normalize(text, null);
  }

  /**
   * Normalises {@code text} into {@code reuse} (its arrays are reused when large enough), or into a
   * new {@link NormalizedText} when {@code reuse} is null. A reused instance is overwritten: use it
   * only where the previous result is no longer read.
   */
  public static NormalizedText normalize(CharSequence text, NormalizedText reuse) {
    return normalize(text, reuse, false);
  }

  /**
   * Normalises a persona's output: as {@link #normalize(CharSequence, NormalizedText)}, except that an ellipsis
   * followed by a lower-case letter is a pause inside the sentence, not its end ("I'm a real... person",
   * "giảm nguy cơ... tiểu đường"; breaker b5). Audience input keeps the break: the learned injection detector's
   * features were trained on text normalised that way ({@code TrainingTextChecksumTest}).
   */
  public static NormalizedText normalizeOutput(CharSequence text, NormalizedText reuse) {
    return normalize(text, reuse, true);
  }

  private static NormalizedText normalize(CharSequence text, NormalizedText reuse, boolean output) {
    Scratch sc = SCRATCH.get();
    if (sc.busy) {
      sc = new Scratch(); // re-entered (never today): do not share the arrays
    }
    sc.busy = true;
    sc.ellipsisPauses = output;
    try {
      return normalize(text, reuse, sc);
    } finally {
      sc.busy = false;
    }
  }

  private static NormalizedText normalize(CharSequence text, NormalizedText reuse, Scratch scr) {
    final int n = text.length();
    // the chars of a text a check has pinned are read from its one copy (TextChars.pin; never written here)
    char[] pinned = TextChars.pinned(text);
    char[] in = pinned != null ? pinned : scr.in.length >= n ? scr.in : new char[n];
    if (pinned != null) {
      // already there
    } else if (text instanceof String) {
      ((String) text).getChars(0, n, in, 0);
    } else {
      for (int i = 0; i < n; i++) {
        in[i] = text.charAt(i);
      }
    }
    int u = units(text, in, n, scr);
    char[] uc = scr.curUc;
    byte[] uk = scr.curUk;
    int[] us = scr.curUs;
    int[] ue = scr.curUe;
    boolean[] um = scr.curUm;

    // ---- pass 1b: symbols typed for letters ("¢ure", "(ure", "cl!n!cally", "c|_|res"), only where pass 1 saw one
    int nsites = scr.nsites;
    if (nsites > 0) {
      u = foldSymbolLetters(in, uc, uk, us, ue, um, u, scr.sites, nsites, scr.symbols);
    }

    int w = words(in, uc, uk, us, ue, um, u, scr);
    int[] ws = scr.curWs;
    int[] we = scr.curWe;
    byte[] wf = scr.curWf;

    // ---- pass 2b: which sentences are possibly Vietnamese (the Telex keys an English word could spell fold only there)
    boolean[] viSentence = vietnameseSentences(text, in, uc, uk, us, ue, ws, we, wf, w, u, scr);
    byte[] info = scr.wordInfo;
    if (w > KEEP_CHARS) {
      scr.wordInfo = new byte[0]; // as viSentence: only a shorter text's array is kept
    }

    NormalizedText result = emit(text, reuse, scr, in, n, uc, uk, us, ue, um, u, ws, we, wf, w, viSentence, info);
    int[] breaks = scr.curBreaks;
    // hand-over only: a longer text's arrays must not stay behind
    scr.curUc = null;
    scr.curUk = null;
    scr.curUs = null;
    scr.curUe = null;
    scr.curUm = null;
    scr.curWs = null;
    scr.curWe = null;
    scr.curWf = null;
    scr.curBreaks = null;
    if (n <= KEEP_CHARS) {
      if (pinned == null) {
        scr.in = in;
      }
      scr.uc = uc;
      scr.uk = uk;
      scr.us = us;
      scr.ue = ue;
      scr.um = um;
      scr.ws = ws;
      scr.we = we;
      scr.wf = wf;
      scr.breaks = breaks;
    }
    return result;
  }

  /** Pass 1 of the normalisation: the units of {@code in}; leaves their arrays, the sites and the gaps in {@code scr}. */
  private static int units(CharSequence text, char[] in, int n, Scratch scr) {
    int cap = n + 8;
    char[] uc = scr.uc.length >= cap ? scr.uc : new char[cap];
    byte[] uk = scr.uk.length >= cap ? scr.uk : new byte[cap];
    int[] us = scr.us.length >= cap ? scr.us : new int[cap];
    int[] ue = scr.ue.length >= cap ? scr.ue : new int[cap];
    boolean[] um = scr.um.length >= cap ? scr.um : new boolean[cap];
    cap = Math.min(Math.min(Math.min(uc.length, uk.length), Math.min(us.length, ue.length)), um.length);
    int u = 0;
    int[] sites = scr.sites;
    int nsites = 0;
    int[] gaps = scr.gaps;
    int ngaps = 0;
    for (int i = 0; i < n; ) {
      char ch = in[i];
      if (ch == '&') {
        int[] ent = htmlEntity(text, i);
        if (ent != null) {
          // "c&#117;res": the character the reference stands for, over the whole reference
          int cp = ent[0];
          int end = ent[1];
          String f = Character.isWhitespace(cp) || Character.isSpaceChar(cp) ? " " : fold(cp);
          if (u + f.length() + 1 >= cap) {
            cap = cap * 2 + f.length();
            uc = Arrays.copyOf(uc, cap); uk = Arrays.copyOf(uk, cap); us = Arrays.copyOf(us, cap); ue = Arrays.copyOf(ue, cap); um = Arrays.copyOf(um, cap);
          }
          boolean mark = cp < 0x10000 && vietnameseMark((char) cp);
          for (int k = 0; k < f.length(); k++) {
            char c = f.charAt(k);
            byte kind;
            if (c == ' ') {
              kind = SPACE;
            } else if (c >= '0' && c <= '9') {
              kind = DIGIT;
            } else if (Character.isLetter(c)) {
              kind = LETTER;
            } else if (c == '@' || c == '$') {
              kind = SYMBOL;
            } else {
              kind = SEP;
            }
            uc[u] = c; uk[u] = kind; us[u] = i; ue[u] = end; um[u] = mark; u++;
          }
          i = end;
          continue;
        }
      }
      if (ch < 0x80) {
        byte kind;
        char c = ch;
        if (c >= 'a' && c <= 'z') {
          kind = LETTER;
        } else if (c >= 'A' && c <= 'Z') {
          kind = LETTER;
          c = (char) (c + 32);
        } else if (c >= '0' && c <= '9') {
          kind = DIGIT;
        } else if (c == '@' || c == '$') {
          kind = SYMBOL;
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == 0x0C) {
          kind = SPACE;
          c = (c == '\n' || c == '\r' || c == 0x0B || c == 0x0C) ? '\n' : ' ';
        } else if (c < 0x20 || c == 0x7F || c == '*' || c == '_' || c == '~' || c == '`') {
          // controls, and markdown emphasis inside or around words ("c**ure**", "kh_ỏi_"): invisible
          if ((c == '_' || c == '~') && u > 0 && uk[u - 1] == LETTER) {
            // ... or a separator of words typed without spaces ("chữa_khỏi_mụn"): pass 2 decides
            if (ngaps == gaps.length) {
              gaps = Arrays.copyOf(gaps, ngaps * 2);
            }
            gaps[ngaps++] = i;
          }
          i++;
          continue;
        } else if ((c == '[' && pandocSpanAt(text, i)) || (c == ']' && pandocAttrEnd(text, i + 1) > 0)) {
          // a Pandoc span ("[cu]{.x}res"): the brackets and the attribute block are markup, invisible
          i = c == '[' ? i + 1 : pandocAttrEnd(text, i + 1);
          continue;
        } else if (c == '<') {
          int commentEnd = htmlComment(text, i);
          if (commentEnd > 0) {
            i = commentEnd; // "cu<!-- -->re": invisible
            continue;
          }
          int tagEnd = htmlTag(text, i);
          if (tagEnd > 0) {
            if (!inlineTag(text, i)) {
              if (u + 1 >= cap) {
                cap = cap * 2;
                uc = Arrays.copyOf(uc, cap); uk = Arrays.copyOf(uk, cap); us = Arrays.copyOf(us, cap); ue = Arrays.copyOf(ue, cap); um = Arrays.copyOf(um, cap);
              }
              uc[u] = ' '; uk[u] = SPACE; us[u] = i; ue[u] = tagEnd; um[u] = false; u++;
            }
            i = tagEnd; // an inline tag ("<b>cu</b>re") is invisible, a block tag separates words
            continue;
          }
          kind = SEP;
        } else {
          kind = SEP;
        }
        if (u + 1 >= cap) {
          cap = cap * 2;
          uc = Arrays.copyOf(uc, cap); uk = Arrays.copyOf(uk, cap); us = Arrays.copyOf(us, cap); ue = Arrays.copyOf(ue, cap); um = Arrays.copyOf(um, cap);
        }
        if (SYMBOL_SITE[c] && symbolSite(in, n, i, c, uk, u)) {
          // a symbol or '1' glued to a letter: maybe a letter typed as a symbol ("(ure", "cl!n!cally", "c1inically")
          if (nsites == sites.length) {
            sites = Arrays.copyOf(sites, nsites * 2);
          }
          sites[nsites++] = u;
        }
        uc[u] = c; uk[u] = kind; us[u] = i; ue[u] = i + 1; um[u] = false; u++;
        i++;
        continue;
      }
      if (!Character.isSurrogate(ch)) {
        // one BMP char whose fold is one char, or a space: from the table (computed once per char)
        int code = FAST[ch];
        if (code == 0) {
          code = fastCode(ch);
          FAST[ch] = code;
        }
        if (code > 0) {
          if (u + 1 >= cap) {
            cap = cap * 2;
            uc = Arrays.copyOf(uc, cap); uk = Arrays.copyOf(uk, cap); us = Arrays.copyOf(us, cap); ue = Arrays.copyOf(ue, cap); um = Arrays.copyOf(um, cap);
          }
          if ((code & 0xFFFF) >= 0xA2 && ((code >>> 16) & 0xFF) == SEP && SymbolLetters.symbol((char) code)
              && symbolSite(in, n, i, (char) code, uk, u)) {
            // "¢ure", "€czema", "cu®e"
            if (nsites == sites.length) {
              sites = Arrays.copyOf(sites, nsites * 2);
            }
            sites[nsites++] = u;
          }
          uc[u] = (char) code; uk[u] = (byte) ((code >>> 16) & 0xFF); us[u] = i; ue[u] = i + 1; um[u] = (code & MARK_BIT) != 0; u++;
          i++;
          continue;
        }
      }
      int cp = Character.codePointAt(in, i, n);
      int len = Character.charCount(cp);
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        if (u + 1 >= cap) {
          cap = cap * 2;
          uc = Arrays.copyOf(uc, cap); uk = Arrays.copyOf(uk, cap); us = Arrays.copyOf(us, cap); ue = Arrays.copyOf(ue, cap); um = Arrays.copyOf(um, cap);
        }
        uc[u] = (cp == 0x2028 || cp == 0x2029 || cp == 0x85) ? '\n' : ' ';
        uk[u] = SPACE; us[u] = i; ue[u] = i + len; um[u] = false; u++;
        i += len;
        continue;
      }
      String f = fold(cp);
      if (f.isEmpty()) {
        if (invisibleJoiner(cp) && u > 0 && uk[u - 1] == LETTER) {
          if (ngaps == gaps.length) {
            gaps = Arrays.copyOf(gaps, ngaps * 2);
          }
          gaps[ngaps++] = i; // "chữa\u200Bkhỏi": pass 2 decides whether it separates words
        }
        int t = Character.getType(cp);
        if (u > 0 && (t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK || t == Character.ENCLOSING_MARK)
            && ue[u - 1] == i) {
          ue[u - 1] = i + len; // a combining mark belongs to the char before it
          if (vietnameseMark(ch)) {
            um[u - 1] = true;
          }
        }
        i += len;
        continue;
      }
      boolean mark = false;
      for (int q = i; q < i + len; q++) {
        mark |= vietnameseMark(in[q]);
      }
      if (u + f.length() + 1 >= cap) {
        cap = cap * 2 + f.length();
        uc = Arrays.copyOf(uc, cap); uk = Arrays.copyOf(uk, cap); us = Arrays.copyOf(us, cap); ue = Arrays.copyOf(ue, cap); um = Arrays.copyOf(um, cap);
      }
      for (int k = 0; k < f.length(); k++) {
        char c = f.charAt(k);
        byte kind;
        if (c >= '0' && c <= '9') {
          kind = DIGIT;
        } else if (Character.isLetter(c)) {
          kind = LETTER;
        } else if (Character.isDigit(c)) {
          kind = DIGIT;
          c = (char) ('0' + Character.digit(c, 10));
        } else if (c == '@' || c == '$') {
          kind = SYMBOL;
        } else {
          kind = SEP;
        }
        uc[u] = c; uk[u] = kind; us[u] = i; ue[u] = i + len; um[u] = mark; u++;
      }
      i += len;
    }

    scr.curUc = uc;
    scr.curUk = uk;
    scr.curUs = us;
    scr.curUe = ue;
    scr.curUm = um;
    scr.sites = sites;
    scr.nsites = nsites;
    scr.gaps = gaps;
    scr.ngaps = ngaps;
    return u;
  }

  /** Pass 2: the words (unit ranges) of the {@code u} units; leaves their arrays in {@code scr}, returns their count. */
  private static int words(char[] in, char[] uc, byte[] uk, int[] us, int[] ue, boolean[] um, int u, Scratch scr) {
    // ---- pass 2: words (unit ranges). Leading/trailing symbols of a word are separators.
    int[] gaps = scr.gaps;
    int ngaps = scr.ngaps;
    int[] ws = scr.ws.length >= u / 2 + 2 ? scr.ws : new int[u / 2 + 2];
    int[] we = scr.we.length == ws.length ? scr.we : new int[ws.length];
    byte[] wf = scr.wf.length == ws.length ? scr.wf : new byte[ws.length];
    int w = 0;
    int gp = 0; // next gap site (original offset order, like the units)
    for (int k = 0; k < u; ) {
      if (uk[k] == SEP || uk[k] == SPACE || uk[k] == SYMBOL) {
        k++;
        continue;
      }
      int s = k;
      int e = k;
      int j = k;
      int pieceStart = k; // first unit after the last gap site inside this word
      // the word's flags (over [s, e) only: a symbol counts once a letter or digit follows it)
      int flags = ALL_LETTERS;
      boolean symbol = false;
      while (j < u) {
        byte kj = uk[j];
        if (kj == SEP || kj == SPACE) {
          break;
        }
        if (gp < ngaps && j > s) {
          while (gp < ngaps && gaps[gp] < ue[j - 1]) {
            gp++;
          }
          if (gp < ngaps && gaps[gp] < us[j]) {
            // an invisible joiner between units j-1 and j: two known words typed around it are two words
            boolean split = kj == LETTER && gapSplit(in, uc, uk, us, ue, um, u, pieceStart, j, gaps, gp, ngaps, scr.onset);
            pieceStart = j;
            if (split) {
              break;
            }
          }
        }
        if (kj != SYMBOL) {
          e = j + 1;
          if (symbol) {
            flags &= ~ALL_LETTERS;
            symbol = false;
          }
          if (kj == LETTER) {
            flags |= um[j] ? HAS_LETTER | DIACRITICS : HAS_LETTER;
          } else {
            flags &= ~ALL_LETTERS;
            if (kj == DIGIT) {
              flags |= HAS_DIGIT;
            }
          }
        } else {
          symbol = true;
        }
        j++;
      }
      // trailing symbols are separators: word is [s, e)
      if (w > 0 && (flags & (DIACRITICS | ALL_LETTERS)) == (DIACRITICS | ALL_LETTERS) && WordFolds.vowel(uc[s])
          && s - we[w - 1] == 1 && ((uk[s - 1] == SPACE && uc[s - 1] == ' ') || (uk[s - 1] == SEP && uc[s - 1] == '.'))
          && (e - s > 1 || !inSingleRun(uk, ws, we, w, s, e, u))
          && onsetSplit(in, uc, uk, us, ws[w - 1], we[w - 1], wf[w - 1], s, e, uk[s - 1] == SEP, scr.onset)) {
        // a Vietnamese syllable split after its initial consonants ("ch ữa", "kh ỏi", "ng ười", "ch.ữa",
        // "m.ụn"): one word again, its inner space or dot skipped when the word is folded
        we[w - 1] = e;
        wf[w - 1] = (byte) ((wf[w - 1] | flags) & ~ALL_LETTERS);
        k = j;
        continue;
      }
      if (w == ws.length) {
        ws = Arrays.copyOf(ws, w * 2);
        we = Arrays.copyOf(we, w * 2);
        wf = Arrays.copyOf(wf, w * 2);
      }
      ws[w] = s;
      we[w] = e;
      wf[w] = (byte) flags;
      w++;
      k = j;
    }

    scr.curWs = ws;
    scr.curWe = we;
    scr.curWf = wf;
    return w;
  }

  /** Pass 3: the output chars, their original ranges and the release points; leaves the breaks array in {@code scr}. */
  private static NormalizedText emit(CharSequence text, NormalizedText reuse, Scratch scr, char[] in, int n, char[] uc,
      byte[] uk, int[] us, int[] ue, boolean[] um, int u, int[] ws, int[] we, byte[] wf, int w, boolean[] viSentence,
      byte[] info) {
    // ---- pass 3: emit
    char[] oc;
    int[] os;
    int[] oe;
    if (reuse != null && reuse.chars.length >= u + 2 && reuse.origStartArray().length >= u + 2 && reuse.origEndArray().length >= u + 2) {
      oc = reuse.chars;
      os = reuse.origStartArray();
      oe = reuse.origEndArray();
    } else {
      oc = new char[u + 2];
      os = new int[u + 2];
      oe = new int[u + 2];
    }
    int o = 0;
    int[] breaks = scr.breaks;
    int nb = 0;
    int wi = 0;
    int noRunUntil = -1;
    WordFolds.Word word = scr.word;
    int lastUnitOfWord = 0;
    int pendingBreak = -1; // the end of the last topic question's break, not yet a release point
    boolean pendingQuestion = false; // pendingBreak ends a topic question (not a quotation, not a filler after one)
    int soft = 0; // soft line breaks (softLineBreak)
    while (wi < w) {
      // separator run before word wi (between previous word end and this word start)
      if (wi > 0) {
        int sepS = we[wi - 1];
        int sepE = ws[wi];
        boolean hard = (info[wi] & HARD_BEFORE) != 0; // pass 2b: sentenceBreak
        if (o == oc.length) {
          oc = Arrays.copyOf(oc, o * 2 + 2); os = Arrays.copyOf(os, o * 2 + 2); oe = Arrays.copyOf(oe, o * 2 + 2);
        }
        oc[o] = hard ? BREAK : ' ';
        if (sepS == sepE) {
          os[o] = ue[sepS - 1]; // words split at an invisible joiner (gapSplit): the joiner's chars
          oe[o] = us[sepS];
        } else {
          os[o] = us[sepS];
          oe[o] = ue[sepE - 1];
        }
        o++;
        if (hard && softLineBreak(in, uc, uk, us, ue, sepS, sepE)) {
          // one line break without a sentence end ("burns\nfat"): a break for every rule, but the
          // persona's terms may run across it, so it is no release point of the streaming guard
          soft++;
        } else if (hard && dottedDigitGroups(uc, sepS, sepE, ws[wi])) {
          // a dot and a space between digit groups ("0912. 345. 678", "0987 . 654 . 321"): a break for matching, but
          // no release point, so the PII rail reads the number whole before any of it is released (breaker b6)
        } else if (hard) {
          // a topic question ("Eczema? Not anymore!") is a break for matching, but a release point
          // for streaming only once the next sentence has ended too: proximity entries written
          // "A ~?N~ B" may cross it (topicQuestionBreak), never two of them
          if (nb + 2 > breaks.length) {
            breaks = Arrays.copyOf(breaks, nb * 2 + 2);
          }
          int end = breakEnd(uc, uk, ue, sepS, sepE);
          if (pendingBreak >= 0 && pendingQuestion && fillerSentenceBefore(oc, o - 1)) {
            // a filler sentence after a topic question ("Are you a bot? Ha, fair question. Nope!"): the question's
            // break waits for the sentence after the filler too (one filler at most), so "A ~?N~ B" may cross both
            pendingBreak = end;
            pendingQuestion = false;
          } else {
            if (pendingBreak >= 0) {
              breaks[nb++] = pendingBreak;
            }
            boolean question = questionMark(uc, sepS, sepE) && shortSentenceBefore(oc, o - 1);
            if (question || closingQuote(uc, sepS, sepE)) {
              pendingBreak = end;
              pendingQuestion = question;
            } else {
              pendingBreak = -1;
              pendingQuestion = false;
              breaks[nb++] = end;
            }
          }
        }
      }
      // single-letter run?
      int runEnd = wi;
      char runSep = 0;
      boolean runSpaced = false;
      if (wi > noRunUntil && isSingle(uk, ws[wi], we[wi])) {
        int letters = uk[ws[wi]] == LETTER ? 1 : 0;
        int j = wi;
        char sepChar = 0;
        boolean spacedGap = false;
        boolean firstSpaced = false;
        boolean classBreak = false;
        while (j + 1 < w && isSingle(uk, ws[j + 1], we[j + 1])) {
          char sc = runGap(uc, uk, we[j], ws[j + 1]);
          if (sc == 0) {
            break;
          }
          boolean spaced = ws[j + 1] - we[j] > 1;
          if (sepChar == 0) {
            sepChar = sc;
            firstSpaced = spaced;
          } else if (sepChar != sc && !(mixableGaps(sepChar, sc) && spaced == firstSpaced)) {
            classBreak = true;
            break; // "c.u-r.e" and "c . u - r . e" mix separators; spaces and separators do not
          }
          spacedGap |= spaced;
          j++;
          if (uk[ws[j]] == LETTER) {
            letters++;
          }
        }
        // three or more singles, or two letters joined by a non-space separator ("r.e", "f-a")
        if ((j - wi + 1 >= 3 && letters >= 2) || (j - wi + 1 == 2 && letters == 2 && sepChar != ' ' && !spacedGap)) {
          runEnd = j;
          runSep = sepChar;
          runSpaced = spacedGap;
        } else {
          // a run starting later inside [wi, j] has no more letters and stops at the same place:
          // it cannot qualify either, so do not look ahead again (keeps this pass linear)
          // (when a gap of another kind stopped it, a run of that kind may still start at its last
          // single: "e   a l l" is no run, "a l l" is)
          noRunUntil = classBreak ? j - 1 : j;
        }
      }
      if (runEnd > wi) {
        int[] cuts = runCuts(uc, uk, um, ws, wi, runEnd, runSep == ' ' && !runSpaced, scr.onset);
        int ci = 0;
        for (int k = wi; k <= runEnd; k++) {
          int unit = ws[k];
          char c = uc[unit];
          if (uk[unit] != LETTER && c < 128 && LEET[c] != 0) {
            c = LEET[c];
          }
          if (o + 1 >= oc.length) {
            oc = Arrays.copyOf(oc, o * 2 + 2); os = Arrays.copyOf(os, o * 2 + 2); oe = Arrays.copyOf(oe, o * 2 + 2);
          }
          if (cuts != null && ci < cuts.length && cuts[ci] == k - wi) {
            // words inside a split-letter run: "c h ữ a k h ỏ i m ụ n", "a d e t o x"
            oc[o] = ' ';
            os[o] = ue[ws[k - 1]];
            oe[o] = us[unit];
            o++;
            ci++;
          }
          oc[o] = c;
          os[o] = us[unit];
          oe[o] = ue[unit];
          o++;
        }
        wi = runEnd + 1;
        continue;
      }
      int s = ws[wi];
      int e = we[wi];
      int flags = wf[wi]; // from pass 2
      boolean hasLetter = (flags & HAS_LETTER) != 0;
      boolean hasDigit = (flags & HAS_DIGIT) != 0;
      boolean diacritics = (flags & DIACRITICS) != 0; // a Vietnamese diacritic among a letter unit's original chars
      boolean allLetters = (flags & ALL_LETTERS) != 0;
      // the common case: a word of letters that no fold below changes goes straight to the output
      // a word of a possibly Vietnamese sentence, not a function word of another language ("is", "this", "now")
      boolean viWord = viSentence[wi] && !diacritics && allLetters && functionWord(info, wi, uc, s, e) >= 0
          && !innerCapital(in, us[s], ue[e - 1]); // "GIow Co": a capital I inside a word is a disguised l, not Telex
      if (allLetters && !(s > 0 && uc[s - 1] == '#') && !viWord
          && (diacritics ? WordFolds.unchanged(uc, s, e, true) : plainScreen(info, wi, uc, s, e))) {
        if (o + (e - s) + 2 >= oc.length) {
          int nc = (o + (e - s) + 2) * 2;
          oc = Arrays.copyOf(oc, nc); os = Arrays.copyOf(os, nc); oe = Arrays.copyOf(oe, nc);
        }
        for (int k = s; k < e; k++) {
          oc[o] = uc[k];
          os[o] = us[k];
          oe[o] = ue[k];
          o++;
        }
        wi++;
        continue;
      }
      word.reset();
      for (int k = s; k < e; k++) {
        if ((uk[k] == SYMBOL && !hasLetter) || uk[k] == SPACE || uk[k] == SEP) {
          continue; // symbol in a word without letters; the space or dot of a split syllable ("ch ữa", "ch.ữa")
        }
        word.add(uc[k], k);
      }
      if (hasLetter) {
        int last = foldWord(word, uk, hasDigit, diacritics, viWord);
        if (last >= 0) {
          lastUnitOfWord = last;
        }
      }
      // a hashtag: split CamelCase ("#CuresAcne") and Vietnamese syllables typed together ("#chữakhỏimụn")
      int[] cuts = null;
      if (hasLetter && s > 0 && uc[s - 1] == '#' && word.n >= 4 && word.u[0] >= 0) {
        cuts = hashtagCuts(text, word, us, diacritics);
      }
      if (o + word.n * 2 + 2 >= oc.length) {
        int nc = (o + word.n * 2 + 2) * 2;
        oc = Arrays.copyOf(oc, nc); os = Arrays.copyOf(os, nc); oe = Arrays.copyOf(oe, nc);
      }
      int ci = 0;
      for (int k = 0; k < word.n; k++) {
        if (cuts != null && ci < cuts.length && cuts[ci] == k) {
          oc[o] = ' ';
          os[o] = us[word.u[k]];
          oe[o] = us[word.u[k]];
          o++;
          ci++;
        }
        int unit = word.u[k];
        // a number beside two or more words of a hashtag stays a number ("#nguoithat100", "#cureacne2026"); an id
        // of letters and digits ("#DH12345") is read as before (the learned detector's training text depends on it)
        oc[o] = cuts != null && cuts.length >= 2 && unit >= 0 && Character.isDigit(text.charAt(us[unit]))
            && digitPiece(text, word, us, cuts, k) ? text.charAt(us[unit]) : word.c[k];
        if (unit < 0) {
          os[o] = us[-1 - unit];
          oe[o] = ue[lastUnitOfWord];
        } else {
          os[o] = us[unit];
          oe[o] = ue[unit];
        }
        o++;
      }
      wi++;
    }
    // trailing separators
    int stable;
    if (w > 0) {
      int lastEnd = we[w - 1];
      if (lastEnd < u) {
        // a spaced dot at the very end may still be "gmail . com" once more text arrives: no break yet
        boolean hard = isHardBreak(uc, uk, lastEnd, u) && !latinCjkDot(uc, lastEnd, u, u) && !(scr.ellipsisPauses && ellipsisRun(uc, uk, lastEnd, u))
            && !(u - lastEnd <= 3 && u - lastEnd >= 2 && uk[lastEnd] == SPACE
            && uc[lastEnd + 1] == '.' && (u - lastEnd == 2 || uk[lastEnd + 2] == SPACE) && uc[lastEnd] == ' ')
            && !numberAbbreviation(uc, ws[w - 1], we[w - 1]); // "No. " may still be followed by its number
        if (o == oc.length) {
          oc = Arrays.copyOf(oc, o + 2); os = Arrays.copyOf(os, o + 2); oe = Arrays.copyOf(oe, o + 2);
        }
        oc[o] = hard ? BREAK : ' ';
        os[o] = us[lastEnd];
        oe[o] = ue[u - 1];
        o++;
        if (hard && softLineBreak(in, uc, uk, us, ue, lastEnd, u)) {
          soft++; // "burns\n" may still go on with "fat"
        } else if (hard) {
          if (nb + 2 > breaks.length) {
            breaks = Arrays.copyOf(breaks, nb * 2 + 2);
          }
          if (!(pendingBreak >= 0 && pendingQuestion && fillerSentenceBefore(oc, o - 1))
              && !dottedDigitGroups(uc, lastEnd, u, -1)) { // ("0912. " may go on with "345")
            // (a filler after a topic question: held with the question until the next sentence has ended)
            if (pendingBreak >= 0) {
              breaks[nb++] = pendingBreak;
            }
            if (!((questionMark(uc, lastEnd, u) && shortSentenceBefore(oc, o - 1)) || closingQuote(uc, lastEnd, u))) {
              breaks[nb++] = ue[u - 1];
            }
          }
        }
      }
      // the last word may still grow or join a run of single letters
      int first = w - 1;
      while (first > 0 && ws[first] == we[first - 1]) {
        first--; // split from the word before at an invisible joiner: the split may still change
      }
      while (first > 0 && isSingle(uk, ws[first], we[first]) && isSingle(uk, ws[first - 1], we[first - 1])
          && (ws[first] - we[first - 1] == 1 || runGap(uc, uk, we[first - 1], ws[first]) != 0)) {
        first--;
      }
      if (first > 0 && first == w - 1 && ws[first] - we[first - 1] == 1 && we[first - 1] - ws[first - 1] <= 3
          && (wf[first - 1] & (ALL_LETTERS | DIACRITICS)) == ALL_LETTERS && consonantsOnly(uc, ws[first - 1], we[first - 1])) {
        first--; // "ch ư" may still become "ch ữa" (or stop being one syllable): the onset is not stable yet
      }
      int firstUnit = ws[first];
      while (firstUnit > 0 && uk[firstUnit - 1] != LETTER && tokenUnit(uc, uk, firstUnit - 1)) {
        firstUnit--; // "(" before the last word may still fold into it ("(ure" -> "cure")
      }
      stable = us[firstUnit];
    } else {
      stable = u > 0 ? us[0] : n;
      if (u > 0 && isHardBreak(uc, uk, 0, u)) {
        breaks[nb++] = ue[u - 1];
      }
    }
    scr.curBreaks = breaks;
    int[] breakEnds = nb == 0 ? NO_BREAKS : Arrays.copyOf(breaks, nb);
    if (reuse != null) {
      reuse.set(text, oc, o, os, oe, breakEnds, stable);
      reuse.softBreaks = soft;
      return reuse;
    }
    NormalizedText result = new NormalizedText(text, oc, o, os, oe, breakEnds, stable);
    result.softBreaks = soft;
    return result;
  }

  private static final int[] NO_BREAKS = new int[0];

  /**
   * Most words of a topic question ("Eczema?", "Acne on your back?", "Bạn hỏi mình là bot hả?": Vietnamese syllables are
   * words, so 5 let most Vietnamese questions about the persona through; breaker b6): see {@link #topicQuestionBreak}.
   */
  public static final int TOPIC_QUESTION_WORDS = 7;
  /** Most normalised chars of a topic question (keeps the look-back constant). */
  static final int TOPIC_QUESTION_CHARS = 6 * 25;

  /**
   * True when the sentence break at normalised {@code bp} ends a topic question: its separator holds
   * a question mark and the sentence before it has 1-{@link #TOPIC_QUESTION_WORDS} words (at most
   * {@link #TOPIC_QUESTION_CHARS} chars): "Eczema? Not anymore!", "Mụn? Hết luôn!". Such a break
   * is a release point of the streaming guard ({@link NormalizedText#breakEnds}) only once the next
   * sentence has ended too, so a lexicon entry written {@code A ~?N~ B} (which crosses one such
   * break at most) may cross it without a leak. Constant time.
   */
  public static boolean topicQuestionBreak(NormalizedText nt, int bp) {
    if (bp <= 0 || bp >= nt.length() || nt.chars[bp] != BREAK) {
      return false;
    }
    CharSequence t = nt.original;
    boolean q = false;
    for (int k = nt.origStart(bp), end = Math.min(nt.origEnd(bp), t.length()); k < end && !q; k++) {
      char ch = t.charAt(k);
      q = ch == '?' || ch == '\uff1f';
    }
    return q && shortSentenceBefore(nt.chars, bp);
  }

  /**
   * True when the sentence break at normalised {@code bp} closes a quotation: its separator holds a closing quotation
   * mark ('Many ask "does it cure acne?" Short answer: no.', 'Some sites say "cures acne". We don't.'). Like a topic
   * question's, such a break is a release point of the streaming guard only once the next sentence has ended, so a
   * quoted claim may be read with the answer after it (Negation.quotedAnsweredNo). Constant time.
   */
  public static boolean quoteBreak(NormalizedText nt, int bp) {
    if (bp <= 0 || bp >= nt.length() || nt.chars[bp] != BREAK) {
      return false;
    }
    CharSequence t = nt.original;
    for (int k = nt.origStart(bp), end = Math.min(nt.origEnd(bp), t.length()); k < end; k++) {
      if (closingQuote(t.charAt(k))) {
        return true;
      }
    }
    return false;
  }

  private static boolean closingQuote(char c) {
    return c == '"' || c == '\u201d' || c == '\u00bb';
  }

  private static boolean closingQuote(char[] uc, int s, int e) {
    for (int k = s; k < e; k++) {
      if (closingQuote(uc[k])) {
        return true;
      }
    }
    return false;
  }

  private static boolean questionMark(char[] uc, int s, int e) {
    for (int k = s; k < e; k++) {
      if (uc[k] == '?' || uc[k] == '\uff1f') {
        return true;
      }
    }
    return false;
  }

  /**
   * True when units [sepS, sepE) are one dot with at most one space before it and one after it, between a digit and,
   * when {@code next} is not negative, a digit at unit {@code next}: digit groups of one number ("0912. 345. 678"), whose
   * dot the PII rail reads as a joiner. Constant time.
   */
  private static boolean dottedDigitGroups(char[] uc, int sepS, int sepE, int next) {
    if (sepS <= 0 || sepE - sepS < 1 || sepE - sepS > 3 || !(uc[sepS - 1] >= '0' && uc[sepS - 1] <= '9')
        || (next >= 0 && !(uc[next] >= '0' && uc[next] <= '9'))) {
      return false;
    }
    int dots = 0;
    int k = sepS;
    if (uc[k] == ' ') {
      k++;
    }
    if (k < sepE && uc[k] == '.') {
      dots++;
      k++;
    }
    if (k < sepE && uc[k] == ' ') {
      k++;
    }
    return dots == 1 && k == sepE;
  }

  /** Most words of a filler sentence ({@link #fillerSentence}). */
  public static final int FILLER_WORDS = 4;
  /** Most normalised chars of a filler sentence, its break included. */
  public static final int FILLER_CHARS = 32;
  /**
   * Words of a filler sentence, folded: interjections and remarks on the question that answer nothing ("Ha, fair
   * question.", "Good one.", "Hmm.", "Câu hỏi hay nè.", "Hihi."). No yes or no word ("vâng", "sure", "yes" answer; "dạ" is a polite "yes?" before an answer).
   */
  private static final java.util.Set<String> FILLER = java.util.Set.of("ha", "haha", "hah", "hehe", "heh", "lol", "hmm", "hm",
      "oh", "ooh", "well", "fair", "good", "great", "nice", "fun", "funny", "cute", "question", "one", "what", "a", "an",
      "interesting", "hihi", "da", "cau", "hoi", "hay", "qua", "lam", "ne", "ghe", "thu", "vi", "ta", "nhi", "um", "uhm",
      "o", "ui", "oi", "troi", "wow");

  /**
   * True when normalised chars [from, to) are a filler sentence: 1-{@link #FILLER_WORDS} words, each in the filler list,
   * at most {@link #FILLER_CHARS} chars. Constant time.
   */
  public static boolean fillerSentence(char[] c, int from, int to) {
    if (to - from > FILLER_CHARS || to <= from) {
      return false;
    }
    int words = 0;
    int i = from;
    while (i < to) {
      while (i < to && c[i] == ' ') {
        i++;
      }
      int s = i;
      while (i < to && c[i] != ' ' && c[i] != BREAK) {
        i++;
      }
      if (i > s) {
        if (++words > FILLER_WORDS || !FILLER.contains(new String(c, s, i - s))) {
          return false;
        }
      }
      if (i < to && c[i] == BREAK) {
        return false;
      }
    }
    return words >= 1;
  }

  /** {@link #fillerSentence} of the sentence that ends at the break at {@code at} (back to the previous break). */
  private static boolean fillerSentenceBefore(char[] c, int at) {
    int k = at - 1;
    while (k >= 0 && c[k] != BREAK && at - k <= FILLER_CHARS + 1) {
      k--;
    }
    return (k < 0 || c[k] == BREAK) && fillerSentence(c, k + 1, at);
  }

  /** True when normalised chars before {@code at}, back to the previous break, hold 1-{@link #TOPIC_QUESTION_WORDS} words (at most 150 chars). */
  private static boolean shortSentenceBefore(char[] c, int at) {
    int words = 0;
    boolean inWord = false;
    for (int k = at - 1; k >= 0; k--) {
      char x = c[k];
      if (x == BREAK) {
        break;
      }
      if (at - k > TOPIC_QUESTION_CHARS) {
        return false;
      }
      if (x == ' ') {
        inWord = false;
      } else if (!inWord) {
        inWord = true;
        if (++words > TOPIC_QUESTION_WORDS) {
          return false;
        }
      }
    }
    return words >= 1;
  }

  /**
   * The words of a normalised text ({@code norm}: a lexicon entry as {@link #normalize} gives it, words separated by
   * single spaces) as they read in a possibly Vietnamese sentence, where the Telex keys an English word can also spell
   * are folded ({@link WordFolds#telexLoose}: "from now on" -> "from no on" is not, "now" is a function word; "keep
   * character" -> "kep character"), or null when no word changes. Lexicon entries are also matched in this form, so a
   * term keeps its meaning when the sentence around it folds its words.
   */
  public static String vietnameseSentenceForm(String norm) {
    WordFolds.Word word = new WordFolds.Word();
    StringBuilder out = new StringBuilder(norm.length());
    boolean changed = false;
    int i = 0;
    int n = norm.length();
    while (i < n) {
      int j = norm.indexOf(' ', i);
      if (j < 0) {
        j = n;
      }
      char[] c = norm.substring(i, j).toCharArray();
      boolean plain = c.length > 0 && VietnameseSentence.functionWord(c, 0, c.length) >= 0;
      for (int k = 0; k < c.length && plain; k++) {
        plain = c[k] >= 'a' && c[k] <= 'z';
      }
      if (out.length() > 0) {
        out.append(' ');
      }
      if (plain) {
        word.reset();
        for (int k = 0; k < c.length; k++) {
          word.add(c[k], k);
        }
        if (WordFolds.telexLoose(word)) {
          changed = true;
          out.append(word.c, 0, word.n);
          i = j + 1;
          continue;
        }
      }
      out.append(c);
      i = j + 1;
    }
    return changed ? out.toString() : null;
  }

  /** True when original chars in[s, e) hold an upper-case letter after a lower-case one or after two letters ("GIow"). */
  private static boolean innerCapital(char[] in, int s, int e) {
    for (int i = s + 1; i < e; i++) {
      if (Character.isUpperCase(in[i]) && (Character.isLowerCase(in[i - 1]) || (i + 1 < e && Character.isLowerCase(in[i + 1])))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Per word of pass 2: whether its sentence (words between hard breaks, as pass 3 cuts them) is possibly Vietnamese
   * ({@link VietnameseSentence}): evidence for is a letter only Vietnamese writes, a word the strict Telex or VNI fold
   * folds, a Vietnamese function word; against, a function word of en/de/fr/es/it/pt. Linear: each word is read once
   * (the Telex probe only for words the fast path's screens cannot clear), each sentence's verdict written once.
   */
  private static boolean[] vietnameseSentences(CharSequence text, char[] in, char[] uc, byte[] uk, int[] us, int[] ue, int[] ws,
      int[] we, byte[] wf, int w, int u, Scratch scr) {
    boolean[] vs = scr.viSentence.length >= w ? scr.viSentence : new boolean[Math.max(w, 16)];
    byte[] info = scr.wordInfo.length >= w ? scr.wordInfo : new byte[Math.max(w, 16)];
    if (w <= KEEP_CHARS) {
      scr.viSentence = vs;
    }
    scr.wordInfo = info; // read by pass 3 of this normalisation, which drops it when longer than KEEP_CHARS words
    WordFolds.Word probe = scr.probe;
    int start = 0;
    int score = 0;
    boolean any = false;
    for (int i = 0; i <= w; i++) {
      boolean end = i == w;
      if (!end) {
        info[i] = 0;
      }
      if (!end && i > 0) {
        int sepS = we[i - 1];
        int sepE = ws[i];
        end = isHardBreak(uc, uk, sepS, sepE) && !spacedDot(text, uc, uk, us, sepS, sepE) && !latinCjkDot(uc, sepS, sepE, u)
            && !(uk[sepE] == DIGIT && numberAbbreviation(uc, ws[i - 1], we[i - 1]))
            && !(scr.ellipsisPauses && ellipsisPause(text, uc, uk, us, sepS, sepE));
        if (end) {
          info[i] = HARD_BEFORE;
        }
      }
      if (end) {
        boolean vi = any && score >= 2; // two signs more for Vietnamese than against ("en la tienda" is Spanish)
        for (int k = start; k < i; k++) {
          vs[k] = vi;
        }
        start = i;
        score = 0;
        any = false;
        if (i == w) {
          break;
        }
      }
      int s = ws[i];
      int e = we[i];
      int flags = wf[i];
      if ((flags & HAS_LETTER) == 0) {
        continue;
      }
      int fw = (flags & ALL_LETTERS) != 0 ? functionWord(info, i, uc, s, e) : 0;
      if (fw != 0) {
        score += fw;
        any |= fw > 0;
        continue;
      }
      boolean evidence = false;
      if ((flags & DIACRITICS) != 0) {
        for (int k = s; k < e && !evidence; k++) {
          for (int j = us[k]; j < ue[k] && !evidence; j++) {
            evidence = VietnameseSentence.vietnameseLetter(in[j]);
          }
        }
      } else if ((flags & ALL_LETTERS) != 0 && e - s >= 2 && e - s <= 9 && !plainScreen(info, i, uc, s, e)) {
        probe.reset();
        for (int k = s; k < e; k++) {
          probe.add(uc[k], k);
        }
        evidence = !WordFolds.telexStop(probe.c, probe.n) && WordFolds.telex(probe);
      } else if ((flags & HAS_DIGIT) != 0 && e - s <= 12) {
        probe.reset();
        for (int k = s; k < e; k++) {
          if (uk[k] == LETTER || uk[k] == DIGIT) {
            probe.add(uc[k], k);
          }
        }
        evidence = WordFolds.vni(probe);
      }
      if (evidence) {
        score++;
        any = true;
      }
    }
    return vs;
  }

  /** {@link VietnameseSentence#functionWord} of word {@code i} (c[s, e)), computed once per normalisation ({@link #FW_SHIFT}). */
  private static int functionWord(byte[] info, int i, char[] c, int s, int e) {
    int b = (info[i] & FW_MASK) >>> FW_SHIFT;
    if (b == 0) {
      b = VietnameseSentence.functionWord(c, s, e) + 2; // 1, 2 or 3
      info[i] = (byte) (info[i] | (b << FW_SHIFT));
    }
    return b - 2;
  }

  /**
   * Whether the fast path's screen clears word {@code i} (c[s, e), letters without diacritics): {@link
   * WordFolds#unchanged} or a {@link KeptWords kept word}; computed once per normalisation ({@link #SCREEN_KNOWN}).
   */
  private static boolean plainScreen(byte[] info, int i, char[] c, int s, int e) {
    int b = info[i];
    if ((b & SCREEN_KNOWN) == 0) {
      boolean ok = WordFolds.unchanged(c, s, e, false) || KeptWords.contains(c, s, e);
      info[i] = (byte) (b | SCREEN_KNOWN | (ok ? SCREEN_OK : 0));
      return ok;
    }
    return (b & SCREEN_OK) != 0;
  }

  /**
   * The word folds of pass 3 for a word with a letter, in their order: VNI keystrokes (words with a
   * digit), stretched letters, leetspeak of non-letter units, Telex keystrokes (words without
   * diacritics), teencode letter swaps, teencode words.
   *
   * @param uk the unit kinds ({@code word.u} indexes them)
   * @return the last unit of the word when a teencode word was expanded (its chars then hold
   *     {@code -1 - first unit}), else -1
   */
  private static int foldWord(WordFolds.Word word, byte[] uk, boolean hasDigit, boolean diacritics, boolean viSentence) {
    boolean folded = hasDigit && WordFolds.vni(word);
    WordFolds.collapseRuns(word); // letters only: digits are not leet-mapped yet ("2000" stays)
    for (int k = 0; k < word.n; k++) {
      char c = word.c[k];
      if (uk[word.u[k]] != LETTER && c < 128 && LEET[c] != 0) {
        word.c[k] = LEET[c];
      }
    }
    if (!folded && !diacritics) {
      // English words that read as Telex ("door", "beer", "car") fold only in a possibly Vietnamese sentence
      boolean english = !viSentence && WordFolds.telexStop(word.c, word.n);
      if (!english && !WordFolds.telex(word) && viSentence) {
        WordFolds.telexLoose(word); // "nhaan vieen", "cacs": only in a sentence that is possibly Vietnamese
      }
    } else if (!folded) {
      WordFolds.strayToneKey(word); // "trăngs", "vĩnhx"
    }
    WordFolds.teen(word, diacritics);
    if (word.n <= 4 && Teencode.mayBeTeencode(word.c, word.n)) {
      String teen = Teencode.teencode().get(word.str());
      if (teen != null) {
        int first = word.u[0];
        int last = word.u[word.n - 1];
        word.reset();
        for (int k = 0; k < teen.length(); k++) {
          word.add(teen.charAt(k), k == 0 ? first : last);
        }
        // every char of an expanded word maps to the whole original word
        for (int k = 0; k < word.n; k++) {
          word.u[k] = -1 - first;
        }
        word.u[word.n - 1] = -1 - first;
        return last;
      }
    }
    return -1;
  }

  /**
   * Plain words (a-z, no diacritics) of the English word list ({@link HashtagSegmenter#RESOURCE})
   * that {@link WordFolds#unchanged} cannot clear by its screens ("works", "free", "under", "for":
   * a w, a doubled vowel, a final r, f or x, an initial f, p, w ...) but that {@link #foldWord}
   * leaves exactly as they are, chars and unit map. Found once per JVM by running {@link #foldWord}
   * on every such word, so the normaliser's fast path copies them without folding and its output is
   * the same as the folds'. Exact: a word is kept as its base-27 code (up to 13 letters), no hash.
   */
  static final class KeptWords {
    private static final long[] TABLE = build();

    private KeptWords() {
    }

    /** True when c[s, e) (a-z) is a kept word. */
    static boolean contains(char[] c, int s, int e) {
      long k = code(c, s, e);
      if (k <= 0) {
        return false;
      }
      long[] t = TABLE;
      int mask = t.length - 1;
      int i = slot(k, mask);
      long x;
      while ((x = t[i]) != 0) {
        if (x == k) {
          return true;
        }
        i = (i + 1) & mask;
      }
      return false;
    }

    /** Base-27 code of c[s, e) when it is 1-13 letters a-z, else -1. */
    private static long code(char[] c, int s, int e) {
      return VietnameseSentence.code(c, s, e, 13);
    }

    private static int slot(long k, int mask) {
      long h = k * 0x9E3779B97F4A7C15L;
      return (int) (h >>> 40) & mask;
    }

    private static long[] build() {
      java.util.List<Long> kept = new java.util.ArrayList<>();
      WordFolds.Word word = new WordFolds.Word();
      byte[] letters = new byte[16];
      Arrays.fill(letters, LETTER);
      java.io.InputStream in = TextNormalizer.class.getResourceAsStream(HashtagSegmenter.RESOURCE);
      if (in == null) {
        throw new IllegalStateException("missing resource " + HashtagSegmenter.RESOURCE);
      }
      try (java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(in,
          java.nio.charset.StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          char[] c = line.trim().toCharArray();
          int n = c.length;
          if (n < 1 || n > 13 || code(c, 0, n) < 0 || WordFolds.unchanged(c, 0, n, false)) {
            continue;
          }
          word.reset();
          for (int k = 0; k < n; k++) {
            word.add(c[k], k);
          }
          if (foldWord(word, letters, false, false, false) >= 0 || word.n != n) {
            continue;
          }
          boolean same = true;
          for (int k = 0; k < n && same; k++) {
            same = word.c[k] == c[k] && word.u[k] == k;
          }
          if (same) {
            kept.add(code(c, 0, n));
          }
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("reading " + HashtagSegmenter.RESOURCE, e);
      }
      long[] t = new long[Integer.highestOneBit(Math.max(16, kept.size() * 3)) * 2];
      int mask = t.length - 1;
      for (long k : kept) {
        int i = slot(k, mask);
        while (t[i] != 0 && t[i] != k) {
          i = (i + 1) & mask;
        }
        t[i] = k;
      }
      return t;
    }
  }

  private static final String VI_MARKED = "àáâãèéêìíòóôõùúýăđĩũơưÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯ";

  /** True for a Vietnamese letter with a diacritic, or a combining tone mark (text typed in NFD). */
  public static boolean vietnameseMark(char c) {
    return (c >= 0x1EA0 && c <= 0x1EF9) || (c >= 0x0300 && c <= 0x0323) || (c > 0x7F && VI_MARKED.indexOf(c) >= 0);
  }

  private static final java.util.Set<String> INLINE_TAGS = java.util.Set.of("b", "i", "u", "s", "em", "strong", "span",
      "mark", "small", "sup", "sub", "del", "ins", "font", "a", "code", "kbd", "abbr", "q", "tt", "big", "strike");

  /**
   * End of an HTML tag at i ("<b>", "</span>", "<a href=...>", "<br/>"; at most 120 chars), or -1.
   * After the name only '>', "/>" or attributes with at least one '=' are accepted, so text in
   * angle brackets ("<i cure acne>") is not mistaken for a tag and hidden.
   */
  public static int htmlTag(CharSequence text, int i) {
    int n = text.length();
    int k = i + 1;
    if (k < n && text.charAt(k) == '/') {
      k++;
    }
    int ns = k;
    while (k < n && k - ns < 10 && Character.isLetterOrDigit(text.charAt(k)) && text.charAt(k) < 128) {
      k++;
    }
    if (k == ns || !Character.isLetter(text.charAt(ns))) {
      return -1;
    }
    if (k < n && text.charAt(k) == '>') {
      return k + 1;
    }
    if (k + 1 < n && text.charAt(k) == '/' && text.charAt(k + 1) == '>') {
      return k + 2;
    }
    if (k >= n || text.charAt(k) != ' ') {
      return -1;
    }
    int limit = Math.min(n, i + 120);
    boolean eq = false;
    while (k < limit && text.charAt(k) != '>' && text.charAt(k) != '<') {
      char c = text.charAt(k);
      if (c < ' ') {
        return -1;
      }
      eq |= c == '=';
      k++;
    }
    return eq && k < limit && text.charAt(k) == '>' ? k + 1 : -1;
  }

  /** Longest Pandoc span content and attribute block read ("[cu]{.x}"): bounded, so the look-ahead is constant. */
  static final int PANDOC_SPAN_MAX = 24;
  static final int PANDOC_ATTR_MAX = 40;

  /**
   * True when the '[' at i opens a Pandoc span: at most {@link #PANDOC_SPAN_MAX} chars of one line without brackets,
   * then "]" and an attribute block ({@link #pandocAttrEnd}). Constant work.
   */
  static boolean pandocSpanAt(CharSequence text, int i) {
    int n = text.length();
    int limit = Math.min(n, i + 1 + PANDOC_SPAN_MAX);
    for (int k = i + 1; k < limit; k++) {
      char c = text.charAt(k);
      if (c == ']') {
        return k > i + 1 && pandocAttrEnd(text, k + 1) > 0;
      }
      if (c == '[' || c == '\n' || c == '{' || c == '}') {
        return false;
      }
    }
    return false;
  }

  /**
   * End of a Pandoc attribute block at i ("{.x}", "{#id}", "{style="color:red"}", "{.a .b}"; at most
   * {@link #PANDOC_ATTR_MAX} chars), or -1. It opens with '.', '#' or a letter, and holds no sentence end (no '.'
   * before a space or the closing brace, no '!' or '?'), so it never hides a break from the streaming guard.
   */
  static int pandocAttrEnd(CharSequence text, int i) {
    int n = text.length();
    if (i + 2 >= n || text.charAt(i) != '{') {
      return -1;
    }
    char first = text.charAt(i + 1);
    if (!(first == '.' || first == '#' || (first < 128 && Character.isLetter(first)))) {
      return -1;
    }
    int limit = Math.min(n, i + PANDOC_ATTR_MAX);
    for (int k = i + 1; k < limit; k++) {
      char c = text.charAt(k);
      if (c == '}') {
        return k > i + 1 ? k + 1 : -1;
      }
      if (c == '{' || c == '[' || c == ']' || c == '!' || c == '?' || c < ' ' || c > 126) {
        return -1;
      }
      if (c == '.' && k + 1 < n && (text.charAt(k + 1) == ' ' || text.charAt(k + 1) == '}')) {
        return -1;
      }
    }
    return -1;
  }

  /** End of an HTML comment ("<!-- ... -->", at most 200 chars) starting at i, or -1. */
  public static int htmlComment(CharSequence text, int i) {
    int n = text.length();
    if (i + 6 >= n || text.charAt(i + 1) != '!' || text.charAt(i + 2) != '-' || text.charAt(i + 3) != '-') {
      return -1;
    }
    int limit = Math.min(n, i + 200);
    for (int k = i + 4; k + 2 < limit; k++) {
      if (text.charAt(k) == '-' && text.charAt(k + 1) == '-' && text.charAt(k + 2) == '>') {
        return k + 3;
      }
    }
    return -1;
  }

  private static final Map<String, Integer> ENTITIES = Map.of("amp", (int) '&', "lt", (int) '<', "gt", (int) '>',
      "quot", (int) '"', "apos", (int) '\'', "nbsp", 0xA0, "shy", 0xAD, "zwj", 0x200D, "zwnj", 0x200C, "hellip", 0x2026);

  /**
   * An HTML character reference at i ("&#117;", "&#x75;", "&amp;"): {code point, end}, or null.
   * Bounded: at most 10 chars.
   */
  public static int[] htmlEntity(CharSequence text, int i) {
    int n = text.length();
    int k = i + 1;
    if (k < n && text.charAt(k) == '#') {
      k++;
      boolean hex = k < n && (text.charAt(k) == 'x' || text.charAt(k) == 'X');
      if (hex) {
        k++;
      }
      int ds = k;
      int v = 0;
      while (k < n && k - ds < 7) {
        int d = Character.digit(text.charAt(k), hex ? 16 : 10);
        if (d < 0 || text.charAt(k) > 127) {
          break;
        }
        v = v * (hex ? 16 : 10) + d;
        k++;
      }
      if (k == ds || k >= n || text.charAt(k) != ';' || v <= 0 || v > Character.MAX_CODE_POINT
          || (v >= 0xD800 && v <= 0xDFFF)) {
        return null;
      }
      return new int[] {v, k + 1};
    }
    int ns = k;
    while (k < n && k - ns < 7 && text.charAt(k) >= 'a' && text.charAt(k) <= 'z') {
      k++;
    }
    if (k == ns || k >= n || text.charAt(k) != ';') {
      return null;
    }
    Integer cp = ENTITIES.get(text.subSequence(ns, k).toString());
    return cp == null ? null : new int[] {cp, k + 1};
  }

  private static boolean inlineTag(CharSequence text, int i) {
    int k = i + 1;
    if (text.charAt(k) == '/') {
      k++;
    }
    int s = k;
    while (k < text.length() && Character.isLetterOrDigit(text.charAt(k)) && text.charAt(k) < 128) {
      k++;
    }
    return INLINE_TAGS.contains(text.subSequence(s, k).toString().toLowerCase(Locale.ROOT));
  }

  /** Cut points (indexes into the word) of a hashtag: CamelCase boundaries, else Vietnamese syllables. */
  private static int[] hashtagCuts(CharSequence text, WordFolds.Word w, int[] us, boolean diacritics) {
    int[] cuts = new int[w.n];
    int nc = 0;
    for (int k = 1; k < w.n; k++) {
      if (w.u[k] < 0 || w.u[k - 1] < 0) {
        return null;
      }
      char prev = text.charAt(us[w.u[k - 1]]);
      char cur = text.charAt(us[w.u[k]]);
      if (Character.isUpperCase(cur) && (Character.isLowerCase(prev) || Character.isDigit(prev)) && w.u[k] != w.u[k - 1]) {
        cuts[nc++] = k;
      } else if (us[w.u[k]] > 0 && text.charAt(us[w.u[k]] - 1) == '_' && k >= 2 && w.n - k >= 2) {
        cuts[nc++] = k; // "#cure_acne": an underscore separates the words of a hashtag
      }
    }
    if (nc == 0) {
      int[] inner = digitRunCuts(text, w, us, diacritics);
      if (inner != null) {
        return inner;
      }
    }
    // a number of two or more digits at the end ("#GuaranteedResults2026"); a single digit may be
    // leetspeak ("#cur3")
    int t = w.n;
    while (t > 0 && w.u[t - 1] >= 0 && Character.isDigit(text.charAt(us[w.u[t - 1]]))) {
      t--;
    }
    if (t > 0 && w.n - t >= 2 && (nc == 0 || cuts[nc - 1] < t)) {
      if (nc == 0) {
        // the letters before the number may still be Vietnamese syllables typed together
        int[] head = headCuts(w, t, diacritics);
        if (head != null) {
          int[] all = Arrays.copyOf(head, head.length + 1);
          all[head.length] = t;
          return all;
        }
      }
      cuts[nc++] = t;
    }
    if (nc > 0) {
      return Arrays.copyOf(cuts, nc);
    }
    return headCuts(w, w.n, diacritics);
  }

  /**
   * Cut points of the first {@code len} chars of a hashtag word, or null: Vietnamese syllables when
   * it was typed with diacritics ("#chữakhỏimụn"), else the fewest English words and Vietnamese
   * syllables typed without diacritics ({@link HashtagSegmenter}: "#lowerscholesterol",
   * "#giamnguycotieuduong"; "#procurement" and "#securecheckout" keep their words whole).
   */
  private static int[] headCuts(WordFolds.Word w, int len, boolean diacritics) {
    if (diacritics) {
      // syllables typed partly with diacritics and partly without ("#giảmnguycơtiểuđường", breaker b5): the
      // dictionary split of the folded letters when there is one, else the syllable-shape split
      // syllable-shape split when all its pieces are known syllables, else the dictionary split of the folded letters
      int[] shape = WordFolds.segment(new String(w.c, 0, len));
      if (shape != null && knownPieces(w.c, shape, len)) {
        return shape;
      }
      int[] dict = HashtagSegmenter.cuts(w.c, len);
      return dict != null ? dict : shape;
    }
    return HashtagSegmenter.cuts(w.c, len);
  }

  /**
   * Breaker b5: digits inside a hashtag that the leetspeak reading cannot place ("#chuakhoimun7ngay", "#giarebeo99k",
   * "#100percenthuman", "#nguoithat100"): when the whole hashtag read with digits as letters has no split, every run
   * of digits is a piece of its own (kept as digits, {@link #digitPiece}) and the letters between them are split on
   * their own; taken when the letters before the first run or after the last one split into two or more words.
   * "#cur3acne" keeps its leetspeak reading ("cure acne"). Null when not taken.
   */
  private static int[] digitRunCuts(CharSequence text, WordFolds.Word w, int[] us, boolean diacritics) {
    boolean digits = false;
    for (int k = 0; k < w.n; k++) {
      if (w.u[k] < 0) {
        return null;
      }
      digits |= Character.isDigit(text.charAt(us[w.u[k]]));
    }
    if (!digits || headCuts(w, w.n, diacritics) != null) {
      return null;
    }
    int[] cuts = new int[2 * w.n];
    int nc = 0;
    boolean split = false;
    int k = 0;
    while (k < w.n) {
      boolean d = Character.isDigit(text.charAt(us[w.u[k]]));
      int e = k;
      while (e < w.n && Character.isDigit(text.charAt(us[w.u[e]])) == d) {
        e++;
      }
      if (k > 0) {
        cuts[nc++] = k;
      }
      if (!d && e - k >= 4) {
        WordFolds.Word part = new WordFolds.Word();
        for (int x = k; x < e; x++) {
          part.add(w.c[x], w.u[x]);
        }
        int[] pc = headCuts(part, part.n, diacritics);
        if (pc != null) {
          split = true;
          for (int c : pc) {
            cuts[nc++] = k + c;
          }
        }
      }
      k = e;
    }
    return split ? Arrays.copyOf(cuts, nc) : null;
  }

  /** True when the piece of a split hashtag holding char k was typed as digits (written out as digits, not leetspeak). */
  private static boolean digitPiece(CharSequence text, WordFolds.Word w, int[] us, int[] cuts, int k) {
    int s = 0;
    int e = w.n;
    for (int c : cuts) {
      if (c <= k) {
        s = c;
      } else {
        e = c;
        break;
      }
    }
    for (int x = s; x < e; x++) {
      if (w.u[x] < 0 || !Character.isDigit(text.charAt(us[w.u[x]]))) {
        return false;
      }
    }
    return true;
  }

  /** True when every piece of c[0, len) cut at {@code cuts} is a known Vietnamese syllable. */
  private static boolean knownPieces(char[] c, int[] cuts, int len) {
    int from = 0;
    for (int k = 0; k <= cuts.length; k++) {
      int to = k < cuts.length ? cuts[k] : len;
      if (!HashtagSegmenter.knownSyllable(c, from, to)) {
        return false;
      }
      from = to;
    }
    return true;
  }

  /**
   * Where the sentence break in the separator units [s, e) ends: after its last space or sentence
   * terminator, so what opens the next sentence ('#' of a hashtag, '(' or a quote) stays with it.
   */
  private static int breakEnd(char[] uc, byte[] uk, int[] ue, int s, int e) {
    for (int k = e - 1; k > s; k--) {
      if (uk[k] == SPACE || isTerminator(uc[k]) || isCjkStop(uc[k])) {
        return ue[k];
      }
    }
    return ue[e - 1];
  }

  private static boolean isSingle(byte[] uk, int s, int e) {
    return e - s == 1 && (uk[s] == LETTER || uk[s] == DIGIT);
  }

  /**
   * True for a dot with spaces on both sides followed by a lower-case letter ("gmail . com",
   * "yahoo . co . uk"): a disguised address, not a sentence end, so no sentence break may cut it
   * (the streaming guard releases at sentence breaks).
   */
  private static boolean spacedDot(CharSequence text, char[] uc, byte[] uk, int[] us, int s, int e) {
    if (e - s != 3 || uk[s] != SPACE || uc[s + 1] != '.' || uk[s + 2] != SPACE || uc[s] != ' ' || uc[s + 2] != ' ') {
      return false;
    }
    int next = us[e - 1] + 1;
    return next < text.length() && Character.isLowerCase(text.charAt(next));
  }

  /** "No", "Nr", "Tel", "Ref"... before ". " and a number ("Order No. 0912…"): an abbreviation, no sentence end. */
  private static boolean numberAbbreviation(char[] uc, int s, int e) {
    int n = e - s;
    if (n < 2 || n > 3) {
      return false;
    }
    String w = new String(uc, s, n);
    return w.equals("no") || w.equals("nr") || w.equals("tel") || w.equals("ref") || w.equals("inv") || w.equals("ord")
        || w.equals("num") || w.equals("art") || w.equals("vol") || w.equals("pp") || w.equals("fig") || w.equals("so");
  }

  /** A dot in brackets ("gmail [.] com", "(.)"): a disguised address dot, never a sentence end. */
  private static boolean bracketedDot(char[] uc, int s, int e, int k) {
    return uc[k] == '.' && k > s && k + 1 < e
        && ((uc[k - 1] == '[' && uc[k + 1] == ']') || (uc[k - 1] == '(' && uc[k + 1] == ')') || (uc[k - 1] == '{' && uc[k + 1] == '}'));
  }

  /**
   * An ideographic full stop alone between Latin letters or digits ("glowshop。beauty"), or after one
   * at the end of the text so far: a disguised dot of a link, not a sentence end.
   */
  private static boolean latinCjkDot(char[] uc, int s, int e, int u) {
    return e - s == 1 && isCjkStop(uc[s]) && s > 0 && asciiAlnum(uc[s - 1]) && (e >= u || asciiAlnum(uc[e]));
  }

  private static boolean asciiAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /**
   * True when the separator units [s, e) are one line break without a sentence end: spaces around a
   * single line break ("\n", "\r\n", U+2028, U+2029, VT, FF, NEL), optionally after a hyphen ("bur-\nns").
   * A blank line, a terminator or any other separator is a hard break.
   */
  private static boolean softLineBreak(char[] in, char[] uc, byte[] uk, int[] us, int[] ue, int s, int e) {
    int k = s;
    if (k < e && uk[k] == SEP && uc[k] == '-' && k + 1 < e && uk[k + 1] == SPACE) {
      k++;
    }
    for (int q = k; q < e; q++) {
      if (uk[q] != SPACE) {
        return false;
      }
    }
    int lines = 0;
    for (int i = us[k], end = ue[e - 1]; i < end; i++) {
      char c = in[i];
      if (c == '\n' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029 || (c == '\r' && (i + 1 >= end
          || in[i + 1] != '\n'))) {
        if (++lines > 1) {
          return false;
        }
      }
    }
    return lines == 1;
  }

  /**
   * A copy of {@code nt} whose soft line breaks ({@link NormalizedText#softBreaks}: one line break
   * without a sentence end) are spaces, same offsets: the persona's terms are matched on it too, so
   * "burns\nfat" and "Bean Bros\nRoasters" are one phrase. {@code nt} itself when it has none.
   */
  public static NormalizedText bridged(NormalizedText nt) {
    if (nt.softBreaks == 0) {
      return nt;
    }
    char[] c = Arrays.copyOf(nt.chars, nt.length());
    for (int i = 0; i < c.length; i++) {
      if (c[i] == BREAK && softBreakAt(nt, i)) {
        c[i] = ' ';
      }
    }
    int[] os = new int[c.length];
    int[] oe = new int[c.length];
    for (int i = 0; i < c.length; i++) {
      os[i] = nt.origStart(i);
      oe[i] = nt.origEnd(i);
    }
    return new NormalizedText(nt.original, c, c.length, os, oe, nt.breakEnds, nt.stableOrig);
  }

  /** True when normalised char {@code i} is a soft line break (see {@link #bridged}). Reads its original chars only. */
  public static boolean softBreakAt(NormalizedText nt, int i) {
    if (i <= 0 || i >= nt.length() || nt.chars[i] != BREAK) {
      return false;
    }
    CharSequence t = nt.original;
    int lines = 0;
    int k = nt.origStart(i);
    int end = Math.min(nt.origEnd(i), t.length());
    if (k < end && t.charAt(k) == '-') {
      k++;
    }
    for (; k < end; k++) {
      char c = t.charAt(k);
      if (c == '\n' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029 || (c == '\r' && (k + 1 >= end
          || t.charAt(k + 1) != '\n'))) {
        lines++;
      } else if (!(Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT)) {
        return false;
      }
    }
    return lines == 1;
  }

  /*
   * Breaker b5: an ellipsis followed by a lower-case letter is a pause inside a sentence, not its end ("I'm a real...
   * person", "giảm nguy cơ... tiểu đường", "hàng... fake"): no sentence break, so a claim split by it is one match.
   * An ellipsis at the end of the text received so far is no break yet (what follows decides), like a spaced dot.
   */
  private static boolean ellipsisPause(CharSequence text, char[] uc, byte[] uk, int[] us, int s, int e) {
    return ellipsisRun(uc, uk, s, e) && Character.isLowerCase(text.charAt(us[e]));
  }

  /** True when units [s, e) are an ellipsis ("..", "...", "…") with spaces around it and nothing else. */
  private static boolean ellipsisRun(char[] uc, byte[] uk, int s, int e) {
    int dots = 0;
    for (int k = s; k < e; k++) {
      char c = uc[k];
      if (c == '\u2026') {
        dots += 3;
      } else if (c == '.') {
        dots++;
      } else if (uk[k] != SPACE || c == '\n' || c == '\r') {
        return false;
      }
    }
    return dots >= 2;
  }

  private static boolean isHardBreak(char[] uc, byte[] uk, int s, int e) {
    boolean term = false;
    for (int k = s; k < e; k++) {
      char c = uc[k];
      if (uk[k] == SPACE) {
        if (c == '\n' || term) {
          return true;
        }
      } else if (isTerminator(c) && !bracketedDot(uc, s, e, k)) {
        term = true;
      } else if (isCjkStop(c)) {
        return true;
      }
    }
    return false;
  }
}
