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
 * (also when its step budget runs out and it falls back), and the allocation-free syllable check
 * agrees with the NFC-based one.
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
}
