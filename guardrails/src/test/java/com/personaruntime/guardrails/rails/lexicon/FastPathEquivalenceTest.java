package com.personaruntime.guardrails.rails.lexicon;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.guardrails.RuleIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The lexicon rail's fast paths give the same answers as the general ones they shortcut: the
 * word-start trie walk reports exactly the Aho–Corasick occurrences that start at a word start
 * (also when its step budget runs out and it falls back), the word walk exactly those that also
 * end at a word end, and the allocation-free syllable check agrees with the NFC-based one.
 */
class FastPathEquivalenceTest {

  private static List<Long> viaScan(AhoCorasick ac, char[] t, int len) {
    List<Long> out = new ArrayList<>();
    ac.scan(t, len, (p, end) -> {
      int start = end - ac.patternLength(p);
      if (start == 0 || t[start - 1] == ' ' || t[start - 1] == '\n') {
        out.add(((long) start << 40) | ((long) end << 20) | p);
      }
    });
    out.sort(null);
    return out;
  }

  private static List<Long> viaWalk(AhoCorasick ac, char[] t, int len) {
    List<Long> out = new ArrayList<>();
    ac.scanWordStarts(t, len, ' ', '\n', (p, end) -> out.add(((long) (end - ac.patternLength(p)) << 40) | ((long) end << 20) | p),
        new int[2]);
    out.sort(null);
    return out;
  }

  @Test
  void wordStartWalkReportsTheOccurrencesThatStartAtWordStarts() {
    Random rnd = new Random(7);
    String alphabet = "ab \nc";
    for (int round = 0; round < 300; round++) {
      List<String> patterns = new ArrayList<>();
      int np = 1 + rnd.nextInt(12);
      for (int i = 0; i < np; i++) {
        StringBuilder p = new StringBuilder();
        int len = 1 + rnd.nextInt(6);
        for (int k = 0; k < len; k++) {
          p.append("abc ".charAt(rnd.nextInt(k == 0 || k == len - 1 ? 3 : 4)));
        }
        if (!patterns.contains(p.toString())) {
          patterns.add(p.toString());
        }
      }
      AhoCorasick ac = new AhoCorasick(patterns);
      char[] text = new char[rnd.nextInt(80)];
      for (int i = 0; i < text.length; i++) {
        text[i] = alphabet.charAt(rnd.nextInt(alphabet.length()));
      }
      assertThat(viaWalk(ac, text, text.length)).as("%s in '%s'", patterns, new String(text))
          .isEqualTo(viaScan(ac, text, text.length));
    }
  }

  /** Hits of the Aho–Corasick scan that start at a word start AND end at a word end. */
  private static List<Long> viaScanWholeWords(AhoCorasick ac, char[] t, int len) {
    List<Long> out = new ArrayList<>();
    for (long x : viaScan(ac, t, len)) {
      int end = (int) ((x >>> 20) & 0xFFFFF);
      if (end == len || t[end] == ' ' || t[end] == '\n') {
        out.add(x);
      }
    }
    return out;
  }

  /** The word walk's hits, or null when it gave up (budget). */
  private static List<Long> viaWordWalk(WordTrie wt, AhoCorasick ac, char[] t, int len, long budget) {
    List<Long> out = new ArrayList<>();
    WordTrie.Words words = new WordTrie.Words().of(t, len, ' ', '\n');
    int[] r = wt.scan(t, words, budget, (p, start, end) -> {
      assertThat(end - start).as("reported span is the pattern's length").isEqualTo(ac.patternLength(p));
      out.add(((long) start << 40) | ((long) end << 20) | p);
    }, new int[2]);
    if (r == null) {
      assertThat(out).as("nothing is reported when the walk gives up").isEmpty();
      return null;
    }
    List<Long> sorted = new ArrayList<>(out);
    sorted.sort(null);
    assertThat(out).as("reported in start order, by end within a start").isEqualTo(sorted);
    return out;
  }

  @Test
  void wordWalkReportsTheWholeWordOccurrences() {
    Random rnd = new Random(11);
    String alphabet = "aab \nc";
    for (int round = 0; round < 2_000; round++) {
      List<String> patterns = new ArrayList<>();
      int np = 1 + rnd.nextInt(12);
      for (int i = 0; i < np; i++) {
        StringBuilder p = new StringBuilder();
        int words = 1 + rnd.nextInt(3);
        for (int w = 0; w < words; w++) {
          if (w > 0) {
            p.append(' ');
          }
          int len = 1 + rnd.nextInt(3);
          for (int k = 0; k < len; k++) {
            p.append("abc".charAt(rnd.nextInt(3)));
          }
        }
        if (!patterns.contains(p.toString())) {
          patterns.add(p.toString());
        }
      }
      AhoCorasick ac = new AhoCorasick(patterns);
      WordTrie wt = WordTrie.build(patterns, ' ', '\n');
      assertThat(wt).as("word-shaped patterns %s", patterns).isNotNull();
      char[] text = new char[rnd.nextInt(80)];
      for (int i = 0; i < text.length; i++) {
        text[i] = alphabet.charAt(rnd.nextInt(alphabet.length()));
      }
      assertThat(viaWordWalk(wt, ac, text, text.length, 8L * text.length + 64)).as("%s in '%s'", patterns, new String(text))
          .isEqualTo(viaScanWholeWords(ac, text, text.length));
    }
  }

  @Test
  void wordTrieRefusesPatternsThatAreNotWordsJoinedBySingleSpaces() {
    assertThat(WordTrie.build(List.of("a b", "c"), ' ', '\n')).isNotNull();
    for (String bad : List.of(" a", "a ", "a  b", "a\nb", "")) {
      assertThat(WordTrie.build(List.of("a b", bad), ' ', '\n')).as("'%s'", bad).isNull();
    }
  }

  @Test
  void shippedAndPersonaTermSetsUseTheWordWalk() {
    assertThat(TermSet.shipped().words).isNotNull();
    TermSet.Builder b = new TermSet.Builder();
    for (String t : List.of("GlowCo", "rẻ bèo", "hàng fake", "cure", "c.u.r.e", "#ChữaKhỏiMụn", "Dr. Glow", "ko bik")) {
      b.withInflections(RuleIds.BANNED_TERM, t, null, "banned term");
    }
    assertThat(b.build().words).isNotNull();
  }

  @Test
  void wordWalkGivesUpPastItsBudgetAndTheCharacterWalkAgrees() {
    String longPattern = "a ".repeat(30) + "b";
    List<String> patterns = List.of(longPattern, "a a", "a");
    AhoCorasick ac = new AhoCorasick(patterns);
    WordTrie wt = WordTrie.build(patterns, ' ', '\n');
    char[] text = ("a ".repeat(5_000) + "b").toCharArray();
    assertThat(viaWordWalk(wt, ac, text, text.length, 1_000)).isNull();
    // 5,000 starts x 30 probes: more than the rail's budget (8 per char), so the rail falls back
    assertThat(viaWordWalk(wt, ac, text, text.length, 8L * text.length + 64)).isNull();
    assertThat(viaWordWalk(wt, ac, text, text.length, 10_000_000)).isEqualTo(viaScanWholeWords(ac, text, text.length));
  }

  @Test
  void wordWalkOfAtMostSixteenWordsPerPatternNeverRunsOutOfTheRailsBudget() {
    // the shipped set drops its character automaton on this bound (TermSet.WALK_MAX_WORDS)
    String longest = "a ".repeat(TermSet.WALK_MAX_WORDS - 1) + "a";
    List<String> patterns = List.of(longest, "a a", "a", "a ".repeat(TermSet.WALK_MAX_WORDS - 1) + "b");
    AhoCorasick ac = new AhoCorasick(patterns);
    WordTrie wt = WordTrie.build(patterns, ' ', '\n');
    assertThat(wt.maxWords()).isEqualTo(TermSet.WALK_MAX_WORDS);
    for (String s : List.of("a ".repeat(5_000) + "b", "a".repeat(3) + " a".repeat(4_000), "a", "a b", " a  a ", "a\na a")) {
      char[] text = s.toCharArray();
      assertThat(viaWordWalk(wt, ac, text, text.length, 8L * text.length + 64)).as("'%s'", s.length() > 20 ? s.substring(0, 20) : s)
          .isEqualTo(viaScanWholeWords(ac, text, text.length));
    }
  }

  @Test
  void aSetBuiltForTheWordWalkOnlyMatchesAsTheFullOne() {
    TermSet.Builder full = new TermSet.Builder();
    TermSet.Builder words = new TermSet.Builder();
    for (TermSet.Builder b : List.of(full, words)) {
      for (String t : List.of("chữa khỏi", "cure (acne|eczema)", "i m a (real|) (human|person)", "mình là người thật")) {
        for (String e : Lexicons.expand(t)) {
          b.add(RuleIds.FORBIDDEN_CLAIM, e, e, null, "claim");
        }
      }
    }
    TermSet a = full.build();
    TermSet w = words.buildWordWalkOnly();
    assertThat(a.automaton).isNotNull();
    assertThat(w.automaton).as("no character automaton when the word walk stands alone").isNull();
    assertThat(w.size()).isEqualTo(a.size());
    for (int p = 0; p < a.size(); p++) {
      assertThat(w.patternLength(p)).isEqualTo(a.patternLength(p));
      assertThat(w.terms[p]).usingRecursiveFieldByFieldElementComparator().containsExactly(a.terms[p]);
    }
  }

  @Test
  void walkFallsBackToTheLinearScanOnAdversarialText() {
    // every word start follows a 60-char pattern almost to its end: the walk's budget runs out
    String longPattern = "a ".repeat(30) + "b";
    AhoCorasick ac = new AhoCorasick(List.of(longPattern, "a a", "a"));
    char[] text = ("a ".repeat(5_000) + "b").toCharArray();
    assertThat(viaWalk(ac, text, text.length)).isEqualTo(viaScan(ac, text, text.length));
    assertThat(viaWalk(ac, text, text.length)).hasSize(2 * 5_000 - 1 + 1);
  }

  @Test
  void allocationFreeSyllableCheckAgreesWithTheGeneralOne() {
    String[] terms = {"chữa khỏi", "trị dứt điểm", "đảng", "giảm nguy cơ", "cure", "hàng fake", "Ốc"};
    String[] spans = {"chữa khỏi", "chưa khỏi", "CHỮA KHỎI", "Chữa Khỏi", "chua khoi", "chữa-khỏi", "chữaaaa khỏi", "khỏj",
        "trị dứt điểm", "trĩ dứt điểm", "tri dut diem", "đang", "Đảng", "ĐẢNG", "giảm nguy cơ", "giam nguy co", "giám nguy cơ",
        "cure", "Cüre", "hàng fake", "hang fake", "hằng fake", "ốc", "óc", "Ọc", "c\u0301ure", "chữa\u00adkhỏi", "İc",
        "chữa khỏi bệnh", "chữa", "x", ""};
    for (String term : terms) {
      TermSet.Term t = new TermSet.Term(RuleIds.FORBIDDEN_CLAIM, term, null, "test", LexiconRail.strictSyllables(term));
      if (t.strict() == null) {
        continue;
      }
      for (String span : spans) {
        String text = "ab " + span + " cd";
        assertThat(LexiconRail.strictOk(t, text, 3, 3 + span.length())).as("%s vs '%s'", term, span)
            .isEqualTo(LexiconRail.strictOkGeneral(t, span));
      }
    }
  }

  /** {@link LexiconRail#hoiNgaOnly} as it was written before its table path: both syllables decomposed with NFD. */
  private static boolean hoiNgaOnlyByNfd(String got, String want) {
    String g = java.text.Normalizer.normalize(got.toLowerCase(java.util.Locale.ROOT), java.text.Normalizer.Form.NFD);
    String w = java.text.Normalizer.normalize(want, java.text.Normalizer.Form.NFD);
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

  @Test
  void hoiNgaTablePathAgreesWithTheNfdComparison() {
    // Vietnamese vowels with every tone and vowel mark, upper and lower case, decomposed forms, and other letters
    String vowels = "aăâeêioôơuưy";
    String tones = "\u0300\u0301\u0303\u0309\u0323";
    List<String> letters = new ArrayList<>();
    for (char v : vowels.toCharArray()) {
      String base = java.text.Normalizer.normalize(String.valueOf(v), java.text.Normalizer.Form.NFD);
      letters.add(String.valueOf(v));
      letters.add(String.valueOf(v).toUpperCase(java.util.Locale.ROOT));
      for (char t : tones.toCharArray()) {
        String composed = java.text.Normalizer.normalize(base + t, java.text.Normalizer.Form.NFC);
        letters.add(composed);
        letters.add(composed.toUpperCase(java.util.Locale.ROOT));
        letters.add(base + t); // typed decomposed: the table path must defer to the NFD one
      }
    }
    for (String c : new String[] {"ch", "kh", "đ", "Đ", "g", "ng", "tr", "m", "n", "İ", "ı", "Σ", "ß", "ǅ", "ﬁ", "\u3042", "1", "-"}) {
      letters.add(c);
    }
    Random rnd = new Random(11);
    int swaps = 0;
    for (int round = 0; round < 50_000; round++) {
      StringBuilder got = new StringBuilder();
      StringBuilder want = new StringBuilder();
      int len = 1 + rnd.nextInt(3);
      for (int k = 0; k < len; k++) {
        String l = letters.get(rnd.nextInt(letters.size()));
        got.append(l);
        // mostly the same letter, or its hỏi/ngã twin, so that true answers occur often
        String w = rnd.nextInt(3) == 0 ? letters.get(rnd.nextInt(letters.size())) : l.toLowerCase(java.util.Locale.ROOT);
        if (rnd.nextBoolean()) {
          String d = java.text.Normalizer.normalize(w, java.text.Normalizer.Form.NFD);
          d = d.indexOf('\u0309') >= 0 ? d.replace('\u0309', '\u0303') : d.replace('\u0303', '\u0309');
          w = java.text.Normalizer.normalize(d, java.text.Normalizer.Form.NFC);
        }
        want.append(w);
      }
      boolean expected = hoiNgaOnlyByNfd(got.toString(), want.toString());
      swaps += expected ? 1 : 0;
      assertThat(LexiconRail.hoiNgaOnly(got.toString(), want.toString())).as("'%s' vs '%s'", got, want).isEqualTo(expected);
    }
    assertThat(swaps).as("pairs that differ by hỏi/ngã only").isGreaterThan(250);
  }

  /**
   * The walk over names written in pieces reports, in its order (by end, longest first), exactly the occurrences of
   * minLen..maxLen chars in the text with the dropped spaces removed that start at a word start and span a dropped
   * space (a brute-force search of the joined text), whatever words and drops the text has.
   */
  @Test
  void joinedWalkReportsTheOccurrencesAcrossDroppedSpaces() {
    assertThat(joinedRounds(new Random(13), "aab \n", "ab")).isGreaterThan(500);
    // a digit, and a char outside the walk's two-letter table (AhoCorasick.twoLetters): its first-two-letter read
    // and the char-by-char fallback
    assertThat(joinedRounds(new Random(14), "a1é \n", "a1é")).isGreaterThan(250); // 327 with this seed
  }

  /** Rounds of {@link #joinedWalkReportsTheOccurrencesAcrossDroppedSpaces}; the text's first three chars are its letters. */
  private static int joinedRounds(Random rnd, String alphabet, String letters) {
    int hits = 0;
    for (int round = 0; round < 20000; round++) {
      List<String> patterns = new ArrayList<>();
      for (int k = 0; k < 1 + rnd.nextInt(8); k++) {
        String p = randomWords(rnd, letters, 2 + rnd.nextInt(4));
        if (!p.isEmpty()) {
          patterns.add(p);
        }
      }
      if (patterns.isEmpty()) {
        continue;
      }
      AhoCorasick ac = new AhoCorasick(patterns);
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < 1 + rnd.nextInt(40); k++) {
        sb.append(alphabet.charAt(rnd.nextInt(k % 2 == 1 ? alphabet.length() : 3)));
      }
      char[] t = sb.toString().toCharArray();
      WordTrie.Words words = new WordTrie.Words().of(t, t.length, ' ', '\n');
      boolean[] drop = new boolean[Math.max(1, words.n)];
      for (int k = 0; k < words.n; k++) {
        drop[k] = words.joined[k] && rnd.nextInt(3) > 0;
      }
      int minLen = 1 + rnd.nextInt(3);
      int maxLen = minLen + rnd.nextInt(12);
      List<String> got = new ArrayList<>();
      ac.scanJoined(t, words, drop, minLen, maxLen, (p, s, e) -> got.add(p + "@" + s + "-" + e), new AhoCorasick.HitScratch());
      List<String> want = joinedReference(patterns, t, words, drop, minLen, maxLen);
      assertThat(got).as("%s %s drop=%s min=%d max=%d", patterns, new String(t), java.util.Arrays.toString(drop), minLen, maxLen)
          .isEqualTo(want);
      hits += want.size();
    }
    return hits;
  }

  /**
   * The walk over letters typed twice reports the same hits, in the same order, whether or not it skips the word starts
   * from which no repeated char is within reach ({@link AhoCorasick#scanSqueezed}'s screen), whatever words, repeats,
   * sentence breaks and length bound the text has; a reach bound one char too tight fails it (21 rounds differ).
   */
  @Test
  void squeezedWalkScreenKeepsEveryHit() {
    Random rnd = new Random(17);
    String alphabet = "aab \n";
    int hits = 0;
    int boundHits = 0;
    for (int round = 0; round < 30000; round++) {
      List<String> patterns = new ArrayList<>();
      for (int k = 0; k < 1 + rnd.nextInt(8); k++) {
        String p = randomWords(rnd, "ab", 2 + rnd.nextInt(5));
        if (!p.isEmpty() && !patterns.contains(p)) {
          patterns.add(p);
        }
      }
      if (patterns.isEmpty()) {
        continue;
      }
      AhoCorasick ac = new AhoCorasick(patterns);
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < 1 + rnd.nextInt(40); k++) {
        sb.append(alphabet.charAt(rnd.nextInt(k % 3 == 2 ? alphabet.length() : 3)));
      }
      char[] t = sb.toString().toCharArray();
      WordTrie.Words words = new WordTrie.Words().of(t, t.length, ' ', '\n');
      int maxLen = 1 + rnd.nextInt(10);
      List<String> got = new ArrayList<>();
      ac.scanSqueezed(t, words, maxLen, (p, s, e) -> got.add(p + "@" + s + "-" + e));
      List<String> want = new ArrayList<>();
      ac.scanSqueezed(t, words, maxLen, (p, s, e) -> want.add(p + "@" + s + "-" + e), false);
      assertThat(got).as("%s %s max=%d", patterns, new String(t), maxLen).isEqualTo(want);
      hits += want.size();
      for (String h : want) {
        // a hit whose first skip lies exactly maxLen chars after its start: the screen's bound is tight there
        String[] se = h.substring(h.indexOf('@') + 1).split("-");
        int s = Integer.parseInt(se[0]);
        int r = s + 1;
        while (r < t.length && !(t[r] == t[r - 1] && t[r] != ' ' && t[r] != '\n' && t[r - 1] != ' ' && t[r - 1] != '\n')) {
          r++;
        }
        boundHits += r - s == maxLen ? 1 : 0;
      }
    }
    assertThat(hits).isGreaterThan(1000);
    assertThat(boundHits).isGreaterThan(10);
  }

  private static String randomWords(Random rnd, String letters, int len) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < len; k++) {
      boolean space = k > 0 && k < len - 1 && sb.charAt(sb.length() - 1) != ' ' && rnd.nextInt(4) == 0;
      sb.append(space ? ' ' : letters.charAt(rnd.nextInt(letters.length())));
    }
    return sb.toString();
  }

  /** Brute force: the joined text's occurrences, mapped back, by end then longest first, then pattern order. */
  private static List<String> joinedReference(List<String> patterns, char[] t, WordTrie.Words words, boolean[] drop,
      int minLen, int maxLen) {
    StringBuilder joined = new StringBuilder();
    List<Integer> at = new ArrayList<>(); // text offset of each joined char
    List<Boolean> afterDrop = new ArrayList<>(); // a dropped space lies right before this joined char
    java.util.Set<Integer> wordStarts = new java.util.HashSet<>();
    java.util.Set<Integer> droppedAt = new java.util.HashSet<>();
    for (int k = 0; k < words.n; k++) {
      wordStarts.add(words.ws[k]);
      if (drop[k]) {
        droppedAt.add(words.we[k]);
      }
    }
    boolean pending = false;
    for (int i = 0; i < t.length; i++) {
      if (droppedAt.contains(i)) {
        pending = true;
        continue;
      }
      joined.append(t[i]);
      at.add(i);
      afterDrop.add(pending);
      pending = false;
    }
    List<long[]> occ = new ArrayList<>(); // end, length, order of the AhoCorasick output at that state, text start, pattern
    String j = joined.toString();
    for (int p = 0; p < patterns.size(); p++) {
      String pat = patterns.get(p);
      for (int s = j.indexOf(pat); s >= 0; s = j.indexOf(pat, s + 1)) {
        int e = s + pat.length();
        boolean spans = false;
        for (int q = s + 1; q < e; q++) {
          spans |= afterDrop.get(q);
        }
        // a walk runs through single spaces and words only: no other separator inside
        boolean walkable = true;
        for (int q = at.get(s); q < at.get(e - 1); q++) {
          walkable &= t[q] != '\n' && !(t[q] == ' ' && (q + 1 >= t.length || t[q + 1] == ' ' || t[q + 1] == '\n' || q == 0
              || t[q - 1] == ' ' || t[q - 1] == '\n'));
        }
        if (spans && walkable && wordStarts.contains(at.get(s)) && pat.length() >= minLen && pat.length() <= maxLen) {
          occ.add(new long[] {at.get(e - 1) + 1, pat.length(), at.get(s), p});
        }
      }
    }
    occ.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : x[1] != y[1] ? Long.compare(y[1], x[1]) : 0);
    List<String> out = new ArrayList<>();
    for (long[] o : occ) {
      out.add(o[3] + "@" + o[2] + "-" + o[0]);
    }
    return out;
  }
}
