package com.personaruntime.guardrails.text;

import java.util.Set;

/*
 * Word-level folds of the normaliser, each undoing one way people disguise words. A word is given
 * as folded chars (lower case, no diacritics) with, per char, the index of the unit it came from,
 * so every output char still maps back to the original text. All folds are linear in the word.
 *
 *  - stretched letters: a run of three or more of the same letter becomes one ("cuuuure",
 *    "chữaaaa"); terms with a double letter also get a collapsed variant (TermSet), so
 *    "guaranteeeed" still meets "guaranteed".
 *  - raw VNI keystrokes: tone/modifier digits after a vowel are dropped when what is left is a
 *    Vietnamese syllable ("chu74a" -> "chua", "kho3i" -> "khoi").
 *  - raw Telex keystrokes: modifier letters (aa ee oo dd, w after a/o/u) and the tone key (s f r x j
 *    after the vowel) are dropped when the word shows a Telex signal and what is left is a
 *    Vietnamese syllable ("chuwxa" -> "chua", "khoir" -> "khoi", "ddieemr" -> "diem").
 *  - teencode letter swaps: final j -> i ("khỏj"), initial dz -> d, ck -> ch ("ckữa"); in words
 *    typed with Vietnamese diacritics also initial z -> d ("zứt"), f -> ph ("fải"), w -> qu ("wá"),
 *    p -> b ("pèo"), j -> gi ("jờ"), k -> c before a/o/u ("kái"), final g -> ng ("hàg") and
 *    oy -> oi ("khỏy"); in words without diacritics the initial swaps apply when the result is a
 *    Vietnamese syllable and the word is not an English one they would hit ("tri zut diem",
 *    "re peo"; "pen", "way" stay).
 */
public final class WordFolds {
  private static final String[] INITIALS = {"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
      "b", "c", "d", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", ""};
  private static final Set<String> NUCLEI = Set.of("a", "e", "i", "o", "u", "y", "ai", "ao", "au", "ay", "eo", "eu", "ia",
      "ie", "iu", "oa", "oe", "oi", "ua", "ue", "ui", "uo", "uu", "uy", "ya", "ye", "yeu", "ieu", "oai", "oao", "oay",
      "oeo", "uay", "uoi", "uou", "uya", "uye", "uyu", "uai");
  private static final String[] FINALS = {"ng", "nh", "ch", "c", "m", "n", "p", "t", ""};
  /** Nuclei that end in a glide (i, o, u, y) or "ia": they take no final consonant. */
  private static final Set<String> OPEN_ONLY = Set.of("ai", "ao", "au", "ay", "eo", "eu", "iu", "oi", "ui", "uu", "ia",
      "oai", "oao", "oay", "oeo", "uay", "uoi", "uou", "uyu", "yeu", "ieu", "uai", "uya", "ya");
  /** English words that look like a Telex syllable with a tone key ("her" = "he" + r). */
  private static final Set<String> TELEX_STOP = Set.of("her", "car", "bar", "jar", "tar", "mix", "box", "tax", "max",
      "sex", "six", "fix", "fax", "wax", "hex", "lax", "tux", "of", "if", "or", "nor", "per", "ref", "chef", "beef",
      "roof", "leaf", "chief", "deaf", "loaf", "thief", "reef", "door", "poor", "moor", "boor", "tour", "sour", "pour",
      "hour", "four", "your", "our", "sir", "stir", "fur", "cur", "bur", "pair", "hair", "air", "fair", "lair", "tier",
      "pier", "beer", "deer", "peer", "seer", "cheer", "steer", "near", "hear", "dear", "gear", "tear", "year", "bear",
      "pear", "wear", "clear", "ear", "oar", "boar", "roar", "soar", "hoax", "coax", "mar", "oaf", "oof", "huh",
      "nix", "mux", "lux", "pax", "sax", "vex", "hoar", "dour", "liar", "tsar", "cigar");

  private WordFolds() {
  }

  public static boolean vowel(char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
  }

  /**
   * Nuclei as a table over their base-27 code (a-z = 1..26, up to 3 letters): {@code NUCLEUS}
   * for a nucleus, plus {@code OPEN} when it takes no final consonant. Lets {@link #syllable}
   * test a nucleus without building a string.
   */
  private static final byte[] NUCLEUS_CODES = new byte[27 * 27 * 27];
  private static final byte NUCLEUS = 1;
  private static final byte OPEN = 2;

  static {
    for (String nu : NUCLEI) {
      NUCLEUS_CODES[code(nu, 0, nu.length())] |= NUCLEUS;
    }
    for (String nu : OPEN_ONLY) {
      NUCLEUS_CODES[code(nu, 0, nu.length())] |= OPEN;
    }
  }

  /** Base-27 code of s[from, to) when it is 1-3 letters a-z, else -1. */
  private static int code(CharSequence s, int from, int to) {
    int len = to - from;
    if (len < 1 || len > 3) {
      return -1;
    }
    int k = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 'a' || c > 'z') {
        return -1;
      }
      k = k * 27 + (c - 'a' + 1);
    }
    return k;
  }

  /**
   * {@link #INITIALS} that start with a-z (index c - 'a'), then the empty initial; {@link #FINALS}
   * that end with a-z, then the empty final. Which initials and finals can fit a word depends only
   * on its first and last letter, so {@link #syllable} tries those few instead of all 27 x 9.
   */
  private static final String[][] INITIALS_BY_FIRST = new String[27][];
  private static final String[][] FINALS_BY_LAST = new String[27][];

  static {
    for (int k = 0; k < 27; k++) {
      java.util.List<String> ini = new java.util.ArrayList<>();
      java.util.List<String> fin = new java.util.ArrayList<>();
      for (String x : INITIALS) {
        if (x.isEmpty() || (k < 26 && x.charAt(0) == 'a' + k)) {
          ini.add(x);
        }
      }
      for (String x : FINALS) {
        if (x.isEmpty() || (k < 26 && x.charAt(x.length() - 1) == 'a' + k)) {
          fin.add(x);
        }
      }
      INITIALS_BY_FIRST[k] = ini.toArray(new String[0]);
      FINALS_BY_LAST[k] = fin.toArray(new String[0]);
    }
  }

  private static int letterIndex(char c) {
    return c >= 'a' && c <= 'z' ? c - 'a' : 26;
  }

  /** True when {@code s} (folded, lower case) is a Vietnamese syllable: initial + nucleus + final. */
  public static boolean syllable(CharSequence s) {
    int n = s.length();
    if (n == 0 || n > 7) {
      return false;
    }
    String[] finals = FINALS_BY_LAST[letterIndex(s.charAt(n - 1))];
    for (String ini : INITIALS_BY_FIRST[letterIndex(s.charAt(0))]) {
      if (!startsWith(s, ini)) {
        continue;
      }
      for (String fin : finals) {
        int ns = ini.length();
        int ne = n - fin.length();
        if (ne <= ns || !endsWith(s, fin)) {
          continue;
        }
        int k = code(s, ns, ne);
        if (k < 0) {
          continue;
        }
        byte b = NUCLEUS_CODES[k];
        if ((b & NUCLEUS) != 0 && (fin.isEmpty() || (b & OPEN) == 0)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The previous {@link #syllable} (a nucleus looked up as a string); kept as the reference the tests compare with. */
  static boolean syllableReference(CharSequence s) {
    int n = s.length();
    if (n == 0 || n > 7) {
      return false;
    }
    for (String ini : INITIALS) {
      if (!startsWith(s, ini)) {
        continue;
      }
      for (String fin : FINALS) {
        int ns = ini.length();
        int ne = n - fin.length();
        if (ne <= ns || !endsWith(s, fin)) {
          continue;
        }
        String nucleus = s.subSequence(ns, ne).toString();
        if (NUCLEI.contains(nucleus) && (fin.isEmpty() || !OPEN_ONLY.contains(nucleus))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean startsWith(CharSequence s, String p) {
    if (p.length() > s.length()) {
      return false;
    }
    for (int i = 0; i < p.length(); i++) {
      if (s.charAt(i) != p.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean endsWith(CharSequence s, String p) {
    int o = s.length() - p.length();
    if (o < 0) {
      return false;
    }
    for (int i = 0; i < p.length(); i++) {
      if (s.charAt(o + i) != p.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** A word being folded: chars and, per char, its unit index. */
  public static final class Word {
    char[] c = new char[16];
    int[] u = new int[16];
    int n;

    void reset() {
      n = 0;
    }

    void add(char ch, int unit) {
      if (n == c.length) {
        c = java.util.Arrays.copyOf(c, n * 2);
        u = java.util.Arrays.copyOf(u, n * 2);
      }
      c[n] = ch;
      u[n] = unit;
      n++;
    }

    /** Scratch of {@link #telex}. */
    private boolean[] keep = new boolean[16];
    final Chars rest = new Chars();
    /** Scratch of {@link #teen}. */
    final Chars cand = new Chars();

    String str() {
      return new String(c, 0, n);
    }

    /** A cleared scratch array of at least {@code len} flags. */
    boolean[] keep(int len) {
      if (keep.length < len) {
        keep = new boolean[Math.max(len, 2 * keep.length)];
      } else {
        java.util.Arrays.fill(keep, 0, len, false);
      }
      return keep;
    }

    /** Keeps only positions where keep[i]. */
    void retain(boolean[] keep) {
      int k = 0;
      for (int i = 0; i < n; i++) {
        if (keep[i]) {
          c[k] = c[i];
          u[k] = u[i];
          k++;
        }
      }
      n = k;
    }

    /** Replaces the first {@code len} chars by {@code with} (all mapped to the first char's unit). */
    void replacePrefix(int len, String with) {
      int unit = u[0];
      char[] nc = new char[n - len + with.length() + 4];
      int[] nu = new int[nc.length];
      int k = 0;
      for (int i = 0; i < with.length(); i++) {
        nc[k] = with.charAt(i);
        nu[k++] = unit;
      }
      for (int i = len; i < n; i++) {
        nc[k] = c[i];
        nu[k++] = u[i];
      }
      c = nc;
      u = nu;
      n = k;
    }
  }

  /** A reusable char buffer readable as a CharSequence (for {@link #syllable} without building strings). */
  static final class Chars implements CharSequence {
    private char[] a = new char[16];
    private int len;

    Chars reset(int capacity) {
      if (a.length < capacity) {
        a = new char[Math.max(capacity, 2 * a.length)];
      }
      len = 0;
      return this;
    }

    void append(char ch) {
      if (len == a.length) {
        a = java.util.Arrays.copyOf(a, 2 * len + 2);
      }
      a[len++] = ch;
    }

    /** Resets to {@code src[from, to)}. */
    Chars of(char[] src, int from, int to) {
      reset(to - from + 2);
      System.arraycopy(src, from, a, 0, to - from);
      len = to - from;
      return this;
    }

    @Override
    public int length() {
      return len;
    }

    @Override
    public char charAt(int i) {
      if (i >= len) {
        throw new IndexOutOfBoundsException(i);
      }
      return a[i];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new String(a, start, end - start);
    }

    @Override
    public String toString() {
      return new String(a, 0, len);
    }
  }

  /** {@link #TELEX_STOP} as sorted base-27 codes (every entry is 1-9 letters a-z). */
  private static final long[] TELEX_STOP_CODES = TELEX_STOP.stream().mapToLong(s -> longCode(s.toCharArray(), s.length())).sorted()
      .toArray();

  /** Base-27 code of c[0, n) when it is 1-9 letters a-z, else -1. */
  private static long longCode(char[] c, int n) {
    if (n < 1 || n > 9) {
      return -1;
    }
    long k = 0;
    for (int i = 0; i < n; i++) {
      if (c[i] < 'a' || c[i] > 'z') {
        return -1;
      }
      k = k * 27 + (c[i] - 'a' + 1);
    }
    return k;
  }

  /** {@code TELEX_STOP.contains(new String(c, 0, n))}, without building the string. */
  static boolean telexStop(char[] c, int n) {
    long k = longCode(c, n);
    return k >= 0 && java.util.Arrays.binarySearch(TELEX_STOP_CODES, k) >= 0;
  }

  /** Collapses runs of three or more identical letters to one. */
  public static void collapseRuns(Word w) {
    if (w.n < 3) {
      return;
    }
    boolean any = false;
    for (int i = 2; i < w.n && !any; i++) {
      any = w.c[i] == w.c[i - 1] && w.c[i] == w.c[i - 2] && Character.isLetter(w.c[i]);
    }
    if (!any) {
      return;
    }
    boolean[] keep = new boolean[w.n];
    int i = 0;
    while (i < w.n) {
      int j = i;
      while (j < w.n && w.c[j] == w.c[i]) {
        j++;
      }
      boolean letter = Character.isLetter(w.c[i]);
      int keepCount = letter && j - i >= 3 ? 1 : j - i;
      for (int k = i; k < i + keepCount; k++) {
        keep[k] = true;
      }
      i = j;
    }
    w.retain(keep);
  }

  /** Collapses every double letter to one (for term variants). */
  public static String collapseDoubles(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (i > 0 && c == s.charAt(i - 1) && Character.isLetter(c)) {
        continue;
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /** VNI: letters with tone/modifier digits 1-9 after vowels (or 9 after d). @return true if folded */
  public static boolean vni(Word w) {
    boolean digit = false;
    boolean seenVowel = false;
    for (int i = 0; i < w.n; i++) {
      char c = w.c[i];
      seenVowel |= vowel(c);
      if (c >= '0' && c <= '9') {
        digit = true;
        if (c == '0' || i == 0) {
          return false;
        }
        char p = w.c[i - 1];
        boolean afterDigit = p >= '1' && p <= '9';
        // a tone digit (1-5) may also be typed last, after the final consonant ("giam3", "d9u7o7ng2")
        boolean trailingTone = c <= '5' && i == w.n - 1 && seenVowel;
        if (!(vowel(p) || (c == '9' && p == 'd') || afterDigit || trailingTone)) {
          return false;
        }
      } else if (!(c >= 'a' && c <= 'z')) {
        return false;
      }
    }
    if (!digit) {
      return false;
    }
    boolean[] keep = new boolean[w.n];
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < w.n; i++) {
      keep[i] = !(w.c[i] >= '0' && w.c[i] <= '9');
      if (keep[i]) {
        sb.append(w.c[i]);
      }
    }
    if (!syllable(sb)) {
      return false;
    }
    w.retain(keep);
    return true;
  }

  /** Telex keystrokes. @return true if folded */
  public static boolean telex(Word w) {
    int n = w.n;
    if (n < 2 || n > 9) {
      return false;
    }
    if (w.c[n - 1] == 'j' && n >= 2 && vowel(w.c[n - 2])) {
      // teencode i -> j ("khoj") is likelier than a Telex heavy tone when "khoi" is a syllable
      StringBuilder alt = new StringBuilder(w.str());
      alt.setCharAt(n - 1, 'i');
      if (syllable(alt)) {
        return false;
      }
    }
    for (int i = 0; i < n; i++) {
      if (w.c[i] < 'a' || w.c[i] > 'z') {
        return false;
      }
    }
    // cheap screen before any allocation: a Telex word has w, a doubled a/e/o, a leading dd, or ends
    // in a tone key after a vowel
    boolean signal = false;
    for (int i = 0; i < n && !signal; i++) {
      char c = w.c[i];
      signal = c == 'w' || (i > 0 && c == w.c[i - 1] && (c == 'a' || c == 'e' || c == 'o' || (c == 'd' && i == 1)));
    }
    char last = w.c[n - 1];
    boolean midTone = midToneBeforeFinal(w.c, 0, n);
    boolean viOnsetTone = viOnsetWithTone(w.c, 0, n);
    if (!signal && !midTone && !viOnsetTone
        && !((last == 'f' || last == 'r' || last == 'x' || last == 'j') && (vowel(w.c[n - 2]) || toneAfterFinal(w.c, 0, n)))) {
      return false;
    }
    boolean doubled = hasPair(w, 'a', 'a') || hasPair(w, 'e', 'e') || hasPair(w, 'o', 'o');
    // the tone key: the last of s f r x j after the first vowel
    int firstVowel = -1;
    for (int i = 0; i < n; i++) {
      if (vowel(w.c[i])) {
        firstVowel = i;
        break;
      }
    }
    if (firstVowel < 0) {
      return false;
    }
    int tone = -1;
    for (int i = n - 1; i > firstVowel; i--) {
      char c = w.c[i];
      if (c == 's' || c == 'f' || c == 'r' || c == 'x' || c == 'j') {
        tone = i;
        break;
      }
    }
    boolean weakTone = tone >= 0 && w.c[tone] != 's';
    // "uw" and a leading "dd" do not occur in English; "aw"/"ow" do ("how", "saw"), so they count
    // only together with a tone key other than s or a doubled vowel
    boolean startsW = w.c[0] == 'w';
    boolean strong = (w.c[0] == 'd' && w.c[1] == 'd') || hasPair(w, 'u', 'w')
        || ((hasPair(w, 'a', 'w') || hasPair(w, 'o', 'w')) && (weakTone || doubled || modifierFinalTone(w.c, 0, n)));
    if (!(strong || (doubled && tone >= 0) || (weakTone && tone == n - 1) || (midTone && tone == n - 3)
        || (viOnsetTone && tone == n - 1))) {
      return false;
    }
    if (!strong && !doubled && telexStop(w.c, n)) {
      return false;
    }
    // what is left once the keys are dropped, in the word's scratch (no allocation: most words
    // that reach this point are English ones that are not a syllable and stay as they are)
    boolean[] keep = w.keep(n);
    Chars sb = w.rest.reset(n + 1);
    if (startsW) {
      sb.append('u');
    }
    for (int i = 0; i < n; i++) {
      char c = w.c[i];
      boolean k = true;
      if (i == tone) {
        k = false;
      } else if (c == 'w' && i > 0 && (w.c[i - 1] == 'a' || w.c[i - 1] == 'o' || w.c[i - 1] == 'u')) {
        k = false;
      } else if (c == 'w' && i == 0) {
        k = false; // "w" alone types "ư"
      } else if (i > 0 && c == w.c[i - 1] && (c == 'a' || c == 'e' || c == 'o' || (c == 'd' && i == 1)) && keep[i - 1]) {
        k = false;
      }
      keep[i] = k;
      if (k) {
        sb.append(c);
      }
    }
    if (sb.length() == (startsW ? 1 : 0)) {
      return false;
    }
    if (!syllable(sb)) {
      return false;
    }
    w.retain(keep);
    if (startsW) {
      w.replacePrefix(0, "u");
    }
    return true;
  }

  /**
   * Telex keystrokes in a sentence that is possibly Vietnamese ({@code TextNormalizer}'s sentence screen), for the words
   * {@link #telex} leaves alone because an English word could look the same: modifier keys without a tone key
   * ("nhaan" -> "nhan", "vieen" -> "vien", "khoong" -> "khong", "own" -> "on"), a final s as the tone key ("cacs",
   * "sachs"), and the English-looking words of {@link #TELEX_STOP} ("car" -> "ca"). The modifier keys (the second of
   * aa ee oo, the second d of a leading dd, w after a, o or u, a leading w) and the last of s f r x j after the first
   * vowel are dropped when what is left is a Vietnamese syllable; without the tone key when that alone is one. Linear in
   * the word, no allocation.
   *
   * @return true if folded
   */
  public static boolean telexLoose(Word w) {
    int n = w.n;
    if (n < 2 || n > 9) {
      return false;
    }
    if (w.c[n - 1] == 'j' && vowel(w.c[n - 2])) {
      // teencode i -> j ("khoj") is likelier than a Telex heavy tone when "khoi" is a syllable (as in telex)
      StringBuilder alt = new StringBuilder(w.str());
      alt.setCharAt(n - 1, 'i');
      if (syllable(alt)) {
        return false;
      }
    }
    int firstVowel = -1;
    for (int i = 0; i < n; i++) {
      char c = w.c[i];
      if (c < 'a' || c > 'z') {
        return false;
      }
      if (firstVowel < 0 && vowel(c)) {
        firstVowel = i;
      }
    }
    if (firstVowel < 0) {
      return false;
    }
    // the tone key typed last only ("cacs", "car"): a key inside the word is left to telex, English "use" stays whole
    char lastKey = w.c[n - 1];
    int tone = n - 1 > firstVowel && (lastKey == 's' || lastKey == 'f' || lastKey == 'r' || lastKey == 'x' || lastKey == 'j')
        ? n - 1 : -1;
    boolean startsW = w.c[0] == 'w';
    boolean[] keep = w.keep(n);
    boolean modifier = false;
    for (int i = 0; i < n; i++) {
      char c = w.c[i];
      boolean k = true;
      if (c == 'w' && i > 0 && (w.c[i - 1] == 'a' || w.c[i - 1] == 'o' || w.c[i - 1] == 'u')) {
        k = false;
      } else if (c == 'w' && i == 0) {
        k = false;
      } else if (i > 0 && c == w.c[i - 1] && (c == 'a' || c == 'e' || c == 'o' || (c == 'd' && i == 1)) && keep[i - 1]) {
        k = false;
      }
      keep[i] = k;
      modifier |= !k;
    }
    // with the tone key first, then without it
    for (int pass = 0; pass < 2; pass++) {
      int drop = pass == 0 ? tone : -1;
      if (pass == 0 && tone < 0 || pass == 1 && !modifier) {
        continue;
      }
      Chars sb = w.rest.reset(n + 1);
      if (startsW) {
        sb.append('u');
      }
      for (int i = 0; i < n; i++) {
        if (keep[i] && i != drop) {
          sb.append(w.c[i]);
        }
      }
      if (sb.length() == 0 || !syllable(sb)) {
        continue;
      }
      if (drop >= 0) {
        keep[drop] = false;
      }
      w.retain(keep);
      if (startsW) {
        w.replacePrefix(0, "u");
      }
      return true;
    }
    return false;
  }

  /** The previous {@link #telex} (allocating); kept as the reference the tests compare with. */
  static boolean telexReference(Word w) {
    int n = w.n;
    if (n < 2 || n > 9) {
      return false;
    }
    if (w.c[n - 1] == 'j' && n >= 2 && vowel(w.c[n - 2])) {
      // teencode i -> j ("khoj") is likelier than a Telex heavy tone when "khoi" is a syllable
      StringBuilder alt = new StringBuilder(w.str());
      alt.setCharAt(n - 1, 'i');
      if (syllable(alt)) {
        return false;
      }
    }
    for (int i = 0; i < n; i++) {
      if (w.c[i] < 'a' || w.c[i] > 'z') {
        return false;
      }
    }
    // cheap screen before any allocation: a Telex word has w, a doubled a/e/o, a leading dd, or ends
    // in a tone key after a vowel
    boolean signal = false;
    for (int i = 0; i < n && !signal; i++) {
      char c = w.c[i];
      signal = c == 'w' || (i > 0 && c == w.c[i - 1] && (c == 'a' || c == 'e' || c == 'o' || (c == 'd' && i == 1)));
    }
    char last = w.c[n - 1];
    boolean midTone = midToneBeforeFinal(w.c, 0, n);
    boolean viOnsetTone = viOnsetWithTone(w.c, 0, n);
    if (!signal && !midTone && !viOnsetTone
        && !((last == 'f' || last == 'r' || last == 'x' || last == 'j') && (vowel(w.c[n - 2]) || toneAfterFinal(w.c, 0, n)))) {
      return false;
    }
    boolean doubled = hasPair(w, 'a', 'a') || hasPair(w, 'e', 'e') || hasPair(w, 'o', 'o');
    // the tone key: the last of s f r x j after the first vowel
    int firstVowel = -1;
    for (int i = 0; i < n; i++) {
      if (vowel(w.c[i])) {
        firstVowel = i;
        break;
      }
    }
    if (firstVowel < 0) {
      return false;
    }
    int tone = -1;
    for (int i = n - 1; i > firstVowel; i--) {
      char c = w.c[i];
      if (c == 's' || c == 'f' || c == 'r' || c == 'x' || c == 'j') {
        tone = i;
        break;
      }
    }
    boolean weakTone = tone >= 0 && w.c[tone] != 's';
    // "uw" and a leading "dd" do not occur in English; "aw"/"ow" do ("how", "saw"), so they count
    // only together with a tone key other than s or a doubled vowel
    boolean startsW = w.c[0] == 'w';
    boolean strong = (w.c[0] == 'd' && w.c[1] == 'd') || hasPair(w, 'u', 'w')
        || ((hasPair(w, 'a', 'w') || hasPair(w, 'o', 'w')) && (weakTone || doubled || modifierFinalTone(w.c, 0, n)));
    if (!(strong || (doubled && tone >= 0) || (weakTone && tone == n - 1) || (midTone && tone == n - 3)
        || (viOnsetTone && tone == n - 1))) {
      return false;
    }
    if (!strong && !doubled && TELEX_STOP.contains(w.str())) {
      return false;
    }
    boolean[] keep = new boolean[n];
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      char c = w.c[i];
      boolean k = true;
      if (i == tone) {
        k = false;
      } else if (c == 'w' && i > 0 && (w.c[i - 1] == 'a' || w.c[i - 1] == 'o' || w.c[i - 1] == 'u')) {
        k = false;
      } else if (c == 'w' && i == 0) {
        k = false; // "w" alone types "ư"
      } else if (i > 0 && c == w.c[i - 1] && (c == 'a' || c == 'e' || c == 'o' || (c == 'd' && i == 1)) && keep[i - 1]) {
        k = false;
      }
      keep[i] = k;
      if (k) {
        sb.append(c);
      }
    }
    if (sb.length() == 0) {
      return false;
    }
    if (startsW) {
      sb.insert(0, 'u');
    }
    if (!syllable(sb)) {
      return false;
    }
    w.retain(keep);
    if (startsW) {
      w.replacePrefix(0, "u");
    }
    return true;
  }

  /**
   * True when none of the word folds would change the letters {@code c[s, e)}: no run of three
   * equal letters ({@link #collapseRuns}), no Telex signal ({@link #telex}, words without
   * diacritics), no teencode swap ({@link #teen}) and not a teencode word. The normaliser then
   * copies the word as it is; otherwise it runs the folds. Must agree with those methods.
   */
  static boolean unchanged(char[] c, int s, int e, boolean diacritics) {
    int n = e - s;
    for (int k = s + 2; k < e; k++) {
      if (c[k] == c[k - 1] && c[k] == c[k - 2]) {
        return false;
      }
    }
    if (n >= 2) {
      char c0 = c[s];
      char c1 = c[s + 1];
      char last = c[e - 1];
      char prev = c[e - 2];
      if ((last == 'j' && vowel(prev)) || (c0 == 'd' && c1 == 'z') || (c0 == 'c' && c1 == 'k')
          || (last == 'y' && prev == 'o' && (diacritics || n >= 4))) {
        return false;
      }
      if (diacritics && (last == 'g' || last == 'h') && vowel(prev)) {
        return false;
      }
      if (diacritics && n >= 3 && (last == 's' || last == 'f' || last == 'r' || last == 'x' || last == 'j')) {
        return false; // strayToneKey
      }
      if (!diacritics && n >= 3 && n <= 6 && plainDroppedN(c, s, e) && !HashtagSegmenter.englishWord(c, s, e)) {
        return false; // teen: droppedN
      }
      if (!diacritics && (midToneBeforeFinal(c, s, e) || viOnsetWithTone(c, s, e))) {
        return false; // telex
      }
      if (!diacritics && plainSwapCandidate(c0, c1, n)) {
        return false;
      }
      if (diacritics && (c0 == 'z' || c0 == 'f' || (c0 == 'w' && vowel(c1)) || (c0 == 'p' && c1 != 'h')
          || (c0 == 'j' && vowel(c1)) || (c0 == 'k' && (c1 == 'a' || c1 == 'o' || c1 == 'u')))) {
        return false;
      }
      if (!diacritics && n <= 9) {
        boolean az = true;
        for (int k = s; k < e && az; k++) {
          az = c[k] >= 'a' && c[k] <= 'z';
        }
        if (az) {
          for (int k = s; k < e; k++) {
            char x = c[k];
            if (x == 'w' || (k > s && x == c[k - 1] && (x == 'a' || x == 'e' || x == 'o' || (x == 'd' && k == s + 1)))) {
              return false;
            }
          }
          if ((last == 'f' || last == 'r' || last == 'x') && (vowel(prev) || toneAfterFinal(c, s, e))) {
            return false;
          }
        }
      }
    }
    return n > 4 || !Teencode.mayBeTeencode(c, s, n);
  }

  /**
   * True when c[s, e) ends in a tone key f, r or x typed after a final m, n, ng or nh ("giamr",
   * "hangf"): the tones those keys type go with such finals only.
   */
  private static boolean toneAfterFinal(char[] c, int s, int e) {
    if (e - s < 3) {
      return false;
    }
    char last = c[e - 1];
    char prev = c[e - 2];
    if (!(last == 'f' || last == 'r' || last == 'x')) {
      return false;
    }
    return prev == 'm' || prev == 'n' || (prev == 'g' && c[e - 3] == 'n') || (prev == 'h' && c[e - 3] == 'n');
  }

  /**
   * True when c[s, e) ends in "aw" or "ow" (the breve and horn keys), a final consonant and a tone key
   * ("trawngs", "dowcj", "cawts"): no English word ends so ("dawns", "towns", "owns" end in n + s and
   * are left out).
   */
  static boolean modifierFinalTone(char[] c, int s, int e) {
    int n = e - s;
    if (n < 5) {
      return false;
    }
    char last = c[e - 1];
    if (!(last == 's' || last == 'f' || last == 'r' || last == 'x' || last == 'j')) {
      return false;
    }
    int f = e - 1;
    int fs;
    if ((c[f - 1] == 'g' || c[f - 1] == 'h') && (c[f - 2] == 'n' || (c[f - 1] == 'h' && c[f - 2] == 'c'))) {
      fs = f - 2; // ng, nh, ch
    } else if (c[f - 1] == 'c' || c[f - 1] == 'm' || c[f - 1] == 'p' || c[f - 1] == 't' || (c[f - 1] == 'n' && last != 's')) {
      fs = f - 1;
    } else {
      return false;
    }
    return fs - s >= 2 && c[fs - 1] == 'w' && (c[fs - 2] == 'a' || c[fs - 2] == 'o');
  }

  /**
   * True when c[s, e) has a tone key right before a final "nh" or "ng" after a vowel ("vixnh", "trasng"):
   * Telex lets the tone key come before the final consonants; no English word has s, f, r, x or j there.
   */
  static boolean midToneBeforeFinal(char[] c, int s, int e) {
    if (e - s < 4) {
      return false;
    }
    char t = c[e - 3];
    return c[e - 2] == 'n' && (c[e - 1] == 'h' || c[e - 1] == 'g') && (t == 's' || t == 'f' || t == 'r' || t == 'x' || t == 'j')
        && vowel(c[e - 4]);
  }

  /**
   * True when c[s, e) starts with an initial no English word has ("nh", "ng", "kh") and ends in the tone
   * key s ("nhais", "khoongs"): the plural s of English needs no such test.
   */
  static boolean viOnsetWithTone(char[] c, int s, int e) {
    if (e - s < 4 || c[e - 1] != 's') {
      return false;
    }
    char a = c[s];
    char b = c[s + 1];
    return (a == 'n' && (b == 'h' || b == 'g')) || (a == 'k' && b == 'h');
  }

  /**
   * A tone key typed after a word that already has its Vietnamese diacritics and a final consonant
   * ("trăngs", "vĩnhx"): no Vietnamese syllable ends in s, f, r, x or j, so the key is dropped when the
   * rest is a syllable.
   *
   * @return true if folded
   */
  public static boolean strayToneKey(Word w) {
    int n = w.n;
    if (n < 3) {
      return false;
    }
    char last = w.c[n - 1];
    if (!(last == 's' || last == 'f' || last == 'r' || last == 'x' || last == 'j')) {
      return false;
    }
    // after a final consonant only: European words with accents end in a vowel and s ("très", "más")
    char f = w.c[n - 2];
    if (!(f == 'c' || f == 'm' || f == 'n' || f == 'p' || f == 't' || (f == 'g' && w.c[n - 3] == 'n')
        || (f == 'h' && (w.c[n - 3] == 'n' || w.c[n - 3] == 'c')))) {
      return false;
    }
    if (!syllable(w.cand.of(w.c, 0, n - 1))) {
      return false;
    }
    w.n = n - 1;
    return true;
  }

  /** True when the word holds {@code a} immediately followed by {@code b}. */
  private static boolean hasPair(Word w, char a, char b) {
    for (int i = 1; i < w.n; i++) {
      if (w.c[i] == b && w.c[i - 1] == a) {
        return true;
      }
    }
    return false;
  }

  /**
   * English words that a teencode swap would turn into a Vietnamese syllable when typed without
   * diacritics ("pen" would become "ben", "way" "quay"): left alone. Every other word without
   * diacritics that starts with z, f, w, p, j or k+a/o/u and becomes a syllable by the swap is
   * taken as teencode ("zut" = "dut", "peo" = "beo", "fong" = "phong").
   */
  private static final Set<String> EN_SWAP_STOP = Set.of("zen", "zip", "zap", "zit", "zag", "zig", "zing",
      "fa", "fan", "fat", "fin", "fit", "fun", "fang", "fay", "fen", "foe", "fie", "fam", "fab", "fop", "fon",
      "we", "way", "win", "wit", "wet", "wan", "won", "wat", "wang", "wing", "wa", "wen", "wot", "woe", "wai",
      "pa", "pan", "pat", "pay", "pen", "pet", "pin", "pit", "pot", "put", "pup", "pie", "pop", "pom", "pam", "pac",
      "pic", "pun", "pep", "pip", "pang", "ping", "pong", "poi", "pi", "po", "pe", "pint",
      "jam", "jet", "jot", "jut", "jay", "jan", "jim", "jin", "joe", "jo", "jun", "jon", "jap",
      "ka", "kay", "kai", "koi", "kong", "kung", "kat", "kan", "kap", "kot", "kuo",
      // function words of other languages (German, French, Spanish, Portuguese, Italian, Dutch, Indonesian)
      "wie", "zum", "wem", "peu", "fue", "fui", "foi", "kun", "kau", "pai", "pou", "jou", "fou", "pia");

  /** True when a no-diacritics swap may apply to a word starting with c0, c1 (see {@link #teen}). */
  private static boolean plainSwapCandidate(char c0, char c1, int n) {
    return n >= 3 && n <= 7 && vowel(c1) && (c0 == 'z' || c0 == 'f' || c0 == 'w' || c0 == 'p' || c0 == 'j'
        || (c0 == 'k' && (c1 == 'a' || c1 == 'o' || c1 == 'u')));
  }

  /**
   * Teencode letter swaps.
   *
   * <ul>
   *   <li>always: final j -> i after a vowel ("khoj"), initial dz -> d, initial ck -> ch ("ckữa");</li>
   *   <li>in words typed with Vietnamese diacritics: initial z -> d ("zứt"), f -> ph ("fải"),
   *       w -> qu ("wá"), p -> b ("pèo"), j -> gi ("jảm"), k -> c before a/o/u ("kái"), final g -> ng
   *       ("hàg", "đừg") and final oy -> oi ("khỏy") when the result is a syllable;</li>
   *   <li>in words typed without diacritics, the same initial swaps (and oy -> oi in words of four
   *       letters or more) only when the result is a Vietnamese syllable, the word is no teencode
   *       word ("ko") and not an English word that a swap would hit ({@link #EN_SWAP_STOP}).</li>
   * </ul>
   *
   * @param diacritics whether the original word carried Vietnamese diacritics (then the swaps
   *     that collide with English spelling are safe to apply)
   */
  public static void teen(Word w, boolean diacritics) {
    if (w.n < 2) {
      return;
    }
    if (w.c[w.n - 1] == 'j' && vowel(w.c[w.n - 2])) {
      w.c[w.n - 1] = 'i';
    }
    if (w.c[0] == 'd' && w.c[1] == 'z') {
      w.replacePrefix(2, "d");
      return;
    }
    if (w.c[0] == 'c' && w.c[1] == 'k' && w.n >= 3 && vowel(w.c[2])) {
      w.replacePrefix(2, "ch");
      return;
    }
    int n = w.n;
    // the candidates below are built in the word's scratch (syllable reads chars only): no strings
    Chars cand = w.cand;
    if (n >= 3 && w.c[n - 1] == 'y' && w.c[n - 2] == 'o' && (diacritics || n >= 4) && n <= 7) {
      w.c[n - 1] = 'i';
      if (!syllable(cand.of(w.c, 0, n))) {
        w.c[n - 1] = 'y';
      }
    }
    if (!diacritics) {
      char c0 = w.c[0];
      char c1 = w.c[1];
      if (n >= 3 && n <= 6 && plainDroppedN(w.c, 0, n) && !(n <= 4 && Teencode.mayBeTeencode(w.c, n))
          && !HashtagSegmenter.englishWord(w.c, 0, n)) {
        droppedN(w, cand); // "trag", "vih": no English word
        return;
      }
      if (!plainSwapCandidate(c0, c1, n) || (n <= 4 && Teencode.mayBeTeencode(w.c, n))) {
        return;
      }
      if (enSwapStop(w.c, n)) {
        return;
      }
      String to = swapped(c0);
      cand.reset(to.length() + n - 1);
      for (int k = 0; k < to.length(); k++) {
        cand.append(to.charAt(k));
      }
      for (int k = 1; k < n; k++) {
        cand.append(w.c[k]);
      }
      if (syllable(cand)) {
        w.replacePrefix(1, to);
      }
      return;
    }
    if (n >= 3 && n <= 6 && w.c[n - 1] == 'g' && vowel(w.c[n - 2])) {
      cand.of(w.c, 0, n - 1);
      cand.append('n');
      cand.append('g');
      if (syllable(cand)) {
        int unit = w.u[n - 1];
        w.add('g', unit);
        w.c[n - 1] = 'n';
      }
    } else if (n >= 3 && n <= 6 && w.c[n - 1] == 'h') {
      droppedN(w, cand); // "vĩh"
      n = w.n;
    }
    char c0 = w.c[0];
    char c1 = w.c[1];
    if (c0 == 'z') {
      w.replacePrefix(1, "d");
    } else if (c0 == 'f') {
      w.replacePrefix(1, "ph");
    } else if (c0 == 'w' && vowel(c1)) {
      w.replacePrefix(1, "qu");
    } else if (c0 == 'p' && c1 != 'h') {
      w.replacePrefix(1, "b");
    } else if (c0 == 'j' && vowel(c1)) {
      w.replacePrefix(1, "gi");
    } else if (c0 == 'k' && (c1 == 'a' || c1 == 'o' || c1 == 'u')) {
      w.replacePrefix(1, "c");
    }
  }

  /**
   * Teencode that drops the n of a final "ng" or "nh" ("vĩh", "trag", "vih"): a final h or g after a
   * vowel gets its n back when that makes a syllable.
   */
  private static void droppedN(Word w, Chars cand) {
    int n = w.n;
    char last = w.c[n - 1];
    if (n < 3 || n > 6 || !(last == 'h' || last == 'g') || !vowel(w.c[n - 2])) {
      return;
    }
    cand.of(w.c, 0, n - 1);
    cand.append('n');
    cand.append(last);
    if (syllable(cand)) {
      int unit = w.u[n - 1];
      w.add(last, unit);
      w.c[n - 1] = 'n';
    }
  }

  /** A plain word whose teencode may have dropped the n of "ang", "ong", "ung" or "inh" ("trag", "vih"). */
  static boolean plainDroppedN(char[] c, int s, int e) {
    char last = c[e - 1];
    char prev = c[e - 2];
    return (last == 'g' && (prev == 'a' || prev == 'o' || prev == 'u')) || (last == 'h' && prev == 'i');
  }

  /** {@link #EN_SWAP_STOP} as sorted base-27 codes (every entry is 1-9 letters a-z, checked when the class loads). */
  private static final long[] EN_SWAP_STOP_CODES = EN_SWAP_STOP.stream().mapToLong(x -> {
    long k = longCode(x.toCharArray(), x.length());
    if (k < 0) {
      throw new IllegalStateException("EN_SWAP_STOP entry is not 1-9 letters a-z: " + x);
    }
    return k;
  }).sorted().toArray();

  /** {@code EN_SWAP_STOP.contains(new String(c, 0, n))}, without building the string. */
  static boolean enSwapStop(char[] c, int n) {
    long k = longCode(c, n);
    return k >= 0 && java.util.Arrays.binarySearch(EN_SWAP_STOP_CODES, k) >= 0;
  }

  private static String swapped(char c0) {
    switch (c0) {
      case 'z':
        return "d";
      case 'f':
        return "ph";
      case 'w':
        return "qu";
      case 'p':
        return "b";
      case 'j':
        return "gi";
      default:
        return "c";
    }
  }

  /**
   * Splits a run of Vietnamese syllables typed together (a hashtag "chuakhoimun"): cut points
   * such that every piece is a syllable, preferring long pieces; null when no full split exists.
   * Dynamic programming over positions, at most 7 chars per piece: linear.
   */
  public static int[] segment(String s) {
    int n = s.length();
    if (n < 4 || n > 64) {
      return null;
    }
    int[] next = new int[n + 1];
    java.util.Arrays.fill(next, -1);
    next[n] = n;
    for (int i = n - 1; i >= 0; i--) {
      for (int len = Math.min(7, n - i); len >= 1; len--) {
        if (next[i + len] >= 0 && syllable(s.substring(i, i + len))) {
          next[i] = i + len;
          break;
        }
      }
    }
    if (next[0] < 0 || next[0] == n) {
      return null;
    }
    int count = 0;
    for (int i = next[0]; i < n; i = next[i]) {
      count++;
    }
    int[] cuts = new int[count];
    int k = 0;
    for (int i = next[0]; i < n; i = next[i]) {
      cuts[k++] = i;
    }
    return cuts;
  }
}
