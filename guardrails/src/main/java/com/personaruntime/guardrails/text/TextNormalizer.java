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
 *  2. words = runs of letters, digits and inner '@'/'$'. Leetspeak (0 1 3 4 5 7 8 9 @ $) is mapped
 *     only inside words that contain a letter, so prices and phone numbers stay digits.
 *  3. runs of >= 3 one-character words separated by the SAME single separator ("c.u.r.e",
 *     "c-u-r-e", "c u r e") with at least two letters are joined into one word, and so are two
 *     letters joined by one non-space separator ("r.ẻ"). "I'm a" is not joined (different
 *     separators); "a b" is not joined (space).
 *  4. Vietnamese teencode words ("ko", "dc", "mk"...) are replaced by the full folded word.
 *  5. separator runs become ' ', or BREAK when they hold a sentence terminator followed by
 *     whitespace, a newline, or a CJK full stop. No pattern contains BREAK, so no match spans a
 *     sentence end: the streaming guard may release a sentence as soon as its end is seen.
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
    return computeFold(cp);
  }

  private static String computeFold(int cp) {
    int type = Character.getType(cp);
    if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.COMBINING_SPACING_MARK
        || type == Character.FORMAT || type == Character.CONTROL) {
      return "";
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

  private static boolean mergeableSep(char c) {
    return c == ' ' || c == '.' || c == '-' || c == '_' || c == '*' || c == '\u00b7' || c == '/' || c == '+' || c == '~'
        || c == '|' || c == '\u2022' || c == '\u2010' || c == '\u2011' || c == '\u2012' || c == '\u2013' || c == '\u2014';
  }

  /** Normalises {@code text}. */
  public static NormalizedText normalize(CharSequence text) {
    final int n = text.length();
    // ---- pass 1: units
    int cap = n + 8;
    char[] uc = new char[cap];
    byte[] uk = new byte[cap];
    int[] us = new int[cap];
    int[] ue = new int[cap];
    int u = 0;
    for (int i = 0; i < n; ) {
      char ch = text.charAt(i);
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
          i++;
          continue;
        } else if (c == '<') {
          int tagEnd = htmlTag(text, i);
          if (tagEnd > 0) {
            if (!inlineTag(text, i)) {
              if (u + 1 >= cap) {
                cap = cap * 2;
                uc = Arrays.copyOf(uc, cap); uk = Arrays.copyOf(uk, cap); us = Arrays.copyOf(us, cap); ue = Arrays.copyOf(ue, cap);
              }
              uc[u] = ' '; uk[u] = SPACE; us[u] = i; ue[u] = tagEnd; u++;
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
          uc = Arrays.copyOf(uc, cap); uk = Arrays.copyOf(uk, cap); us = Arrays.copyOf(us, cap); ue = Arrays.copyOf(ue, cap);
        }
        uc[u] = c; uk[u] = kind; us[u] = i; ue[u] = i + 1; u++;
        i++;
        continue;
      }
      int cp = Character.codePointAt(text, i);
      int len = Character.charCount(cp);
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        if (u + 1 >= cap) {
          cap = cap * 2;
          uc = Arrays.copyOf(uc, cap); uk = Arrays.copyOf(uk, cap); us = Arrays.copyOf(us, cap); ue = Arrays.copyOf(ue, cap);
        }
        uc[u] = (cp == 0x2028 || cp == 0x2029 || cp == 0x85) ? '\n' : ' ';
        uk[u] = SPACE; us[u] = i; ue[u] = i + len; u++;
        i += len;
        continue;
      }
      String f = fold(cp);
      if (f.isEmpty()) {
        int t = Character.getType(cp);
        if (u > 0 && (t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK || t == Character.ENCLOSING_MARK)
            && ue[u - 1] == i) {
          ue[u - 1] = i + len; // a combining mark belongs to the char before it
        }
        i += len;
        continue;
      }
      if (u + f.length() + 1 >= cap) {
        cap = cap * 2 + f.length();
        uc = Arrays.copyOf(uc, cap); uk = Arrays.copyOf(uk, cap); us = Arrays.copyOf(us, cap); ue = Arrays.copyOf(ue, cap);
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
        uc[u] = c; uk[u] = kind; us[u] = i; ue[u] = i + len; u++;
      }
      i += len;
    }

    // ---- pass 2: words (unit ranges). Leading/trailing symbols of a word are separators.
    int[] ws = new int[u / 2 + 2];
    int[] we = new int[u / 2 + 2];
    int w = 0;
    for (int k = 0; k < u; ) {
      if (uk[k] == SEP || uk[k] == SPACE || uk[k] == SYMBOL) {
        k++;
        continue;
      }
      int s = k;
      int e = k;
      int j = k;
      while (j < u && uk[j] != SEP && uk[j] != SPACE) {
        if (uk[j] != SYMBOL) {
          e = j + 1;
        }
        j++;
      }
      // trailing symbols are separators: word is [s, e)
      if (w == ws.length) {
        ws = Arrays.copyOf(ws, w * 2);
        we = Arrays.copyOf(we, w * 2);
      }
      ws[w] = s;
      we[w] = e;
      w++;
      k = j;
    }

    // ---- pass 3: emit
    char[] oc = new char[u + 2];
    int[] os = new int[u + 2];
    int[] oe = new int[u + 2];
    int o = 0;
    int[] breaks = new int[4];
    int nb = 0;
    StringBuilder tmp = new StringBuilder();
    int wi = 0;
    int noRunUntil = -1;
    WordFolds.Word word = new WordFolds.Word();
    int lastUnitOfWord = 0;
    while (wi < w) {
      // separator run before word wi (between previous word end and this word start)
      if (wi > 0) {
        int sepS = we[wi - 1];
        int sepE = ws[wi];
        boolean hard = isHardBreak(uc, uk, sepS, sepE);
        if (o == oc.length) {
          oc = Arrays.copyOf(oc, o * 2 + 2); os = Arrays.copyOf(os, o * 2 + 2); oe = Arrays.copyOf(oe, o * 2 + 2);
        }
        oc[o] = hard ? BREAK : ' ';
        os[o] = us[sepS];
        oe[o] = ue[sepE - 1];
        o++;
        if (hard) {
          if (nb == breaks.length) {
            breaks = Arrays.copyOf(breaks, nb * 2);
          }
          breaks[nb++] = ue[sepE - 1];
        }
      }
      // single-letter run?
      int runEnd = wi;
      if (wi > noRunUntil && isSingle(uk, ws[wi], we[wi])) {
        int letters = uk[ws[wi]] == LETTER ? 1 : 0;
        int j = wi;
        char sepChar = 0;
        while (j + 1 < w && isSingle(uk, ws[j + 1], we[j + 1]) && ws[j + 1] - we[j] == 1) {
          char sc = uc[we[j]];
          byte sk = uk[we[j]];
          if (!(sk == SEP || sk == SPACE) || sc == '\n' || !mergeableSep(sc)) {
            break;
          }
          if (sepChar == 0) {
            sepChar = sc;
          } else if (sepChar != sc) {
            break;
          }
          j++;
          if (uk[ws[j]] == LETTER) {
            letters++;
          }
        }
        // three or more singles, or two letters joined by a non-space separator ("r.e", "f-a")
        if ((j - wi + 1 >= 3 && letters >= 2) || (j - wi + 1 == 2 && letters == 2 && sepChar != ' ')) {
          runEnd = j;
        } else {
          // a run starting later inside [wi, j] has no more letters and stops at the same place:
          // it cannot qualify either, so do not look ahead again (keeps this pass linear)
          noRunUntil = j;
        }
      }
      if (runEnd > wi) {
        for (int k = wi; k <= runEnd; k++) {
          int unit = ws[k];
          char c = uc[unit];
          if (uk[unit] != LETTER && c < 128 && LEET[c] != 0) {
            c = LEET[c];
          }
          if (o == oc.length) {
            oc = Arrays.copyOf(oc, o * 2 + 2); os = Arrays.copyOf(os, o * 2 + 2); oe = Arrays.copyOf(oe, o * 2 + 2);
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
      boolean hasLetter = false;
      boolean hasDigit = false;
      boolean diacritics = false;
      for (int k = s; k < e; k++) {
        if (uk[k] == LETTER) {
          hasLetter = true;
          if (!diacritics) {
            for (int q = us[k]; q < ue[k]; q++) {
              if (vietnameseMark(text.charAt(q))) {
                diacritics = true;
                break;
              }
            }
          }
        } else if (uk[k] == DIGIT) {
          hasDigit = true;
        }
      }
      word.reset();
      for (int k = s; k < e; k++) {
        if (uk[k] == SYMBOL && !hasLetter) {
          continue; // symbol in a word without letters
        }
        word.add(uc[k], k);
      }
      if (hasLetter) {
        boolean folded = hasDigit && WordFolds.vni(word);
        WordFolds.collapseRuns(word); // letters only: digits are not leet-mapped yet ("2000" stays)
        for (int k = 0; k < word.n; k++) {
          char c = word.c[k];
          if (uk[word.u[k]] != LETTER && c < 128 && LEET[c] != 0) {
            word.c[k] = LEET[c];
          }
        }
        if (!folded && !diacritics) {
          WordFolds.telex(word);
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
            lastUnitOfWord = last;
          }
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
        oc[o] = word.c[k];
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
        boolean hard = isHardBreak(uc, uk, lastEnd, u);
        if (o == oc.length) {
          oc = Arrays.copyOf(oc, o + 2); os = Arrays.copyOf(os, o + 2); oe = Arrays.copyOf(oe, o + 2);
        }
        oc[o] = hard ? BREAK : ' ';
        os[o] = us[lastEnd];
        oe[o] = ue[u - 1];
        o++;
        if (hard) {
          if (nb == breaks.length) {
            breaks = Arrays.copyOf(breaks, nb * 2);
          }
          breaks[nb++] = ue[u - 1];
        }
      }
      // the last word may still grow or join a run of single letters
      int first = w - 1;
      while (first > 0 && isSingle(uk, ws[first], we[first]) && isSingle(uk, ws[first - 1], we[first - 1])
          && ws[first] - we[first - 1] == 1) {
        first--;
      }
      stable = us[ws[first]];
    } else {
      stable = u > 0 ? us[0] : n;
      if (u > 0 && isHardBreak(uc, uk, 0, u)) {
        breaks[nb++] = ue[u - 1];
      }
    }
    return new NormalizedText(text, oc, o, os, oe, Arrays.copyOf(breaks, nb), stable);
  }

  private static final String VI_MARKED = "àáâãèéêìíòóôõùúýăđĩũơưÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĐĨŨƠƯ";

  /** True for a Vietnamese letter with a diacritic, or a combining tone mark (text typed in NFD). */
  public static boolean vietnameseMark(char c) {
    return (c >= 0x1EA0 && c <= 0x1EF9) || (c >= 0x0300 && c <= 0x0323) || (c > 0x7F && VI_MARKED.indexOf(c) >= 0);
  }

  private static final java.util.Set<String> INLINE_TAGS = java.util.Set.of("b", "i", "u", "s", "em", "strong", "span",
      "mark", "small", "sup", "sub", "del", "ins", "font", "a", "code", "kbd", "abbr", "q", "tt", "big", "strike");

  /** End of an HTML tag at i ("<b>", "</span>", "<a href=...>"; at most 80 chars), or -1. */
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
    int limit = Math.min(n, i + 80);
    while (k < limit && text.charAt(k) != '>' && text.charAt(k) != '<') {
      if (k == ns + 10 || (k > ns && !(text.charAt(k) == ' ' || text.charAt(k) == '/' || text.charAt(k) == '"'
          || text.charAt(k) == '=' || text.charAt(k) == '\'' || text.charAt(k) > ' '))) {
        return -1;
      }
      k++;
    }
    return k < limit && text.charAt(k) == '>' ? k + 1 : -1;
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
      }
    }
    if (nc > 0) {
      return Arrays.copyOf(cuts, nc);
    }
    if (!diacritics) {
      return null;
    }
    return WordFolds.segment(w.str());
  }

  private static boolean isSingle(byte[] uk, int s, int e) {
    return e - s == 1 && (uk[s] == LETTER || uk[s] == DIGIT);
  }

  private static boolean isHardBreak(char[] uc, byte[] uk, int s, int e) {
    boolean term = false;
    for (int k = s; k < e; k++) {
      char c = uc[k];
      if (uk[k] == SPACE) {
        if (c == '\n' || term) {
          return true;
        }
      } else if (isTerminator(c)) {
        term = true;
      } else if (isCjkStop(c)) {
        return true;
      }
    }
    return false;
  }
}
