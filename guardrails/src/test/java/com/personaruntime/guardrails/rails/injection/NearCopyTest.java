package com.personaruntime.guardrails.rails.injection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Our training rows written since round 2 ({@code guardrails/training/injection-extra.tsv}, after the
 * "Round 2" comment) and the held-out rows ({@code heldout-round3.tsv}) are not near-copies of a public row: the character 4-gram Jaccard similarity of
 * each to every row of the public sets stays below {@value #MAX_SIMILARITY} (text lower-cased,
 * diacritics removed, whitespace collapsed). Copies would make the cross-validation of the public
 * rows, and the "hold one source out" check, measure memory instead of transfer. The held-out rows are
 * guarded the other way too: training rows of round 4 on are not near-copies of a round-3 held-out row, and
 * no training row at all is a near-copy of a round-5 held-out row ({@code heldout-round5.tsv}).
 */
class NearCopyTest {
  static final double MAX_SIMILARITY = 0.35;

  static String fold(String s) {
    String t = Normalizer.normalize(s.toLowerCase(Locale.ROOT), Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
    return t.replaceAll("\\s+", " ");
  }

  static Set<String> grams(String s) {
    String t = fold(s);
    Set<String> g = new HashSet<>();
    for (int i = 0; i + 4 <= t.length(); i++) {
      g.add(t.substring(i, i + 4));
    }
    if (g.isEmpty()) {
      g.add(t);
    }
    return g;
  }

  @Test
  void ourRowsAreNotNearCopiesOfPublicRows() throws IOException {
    List<InjectionTrainer.Example> all = InjectionTrainer.loadDefault(Path.of("training"));
    List<String> pub = new ArrayList<>();
    for (InjectionTrainer.Example e : all) {
      if (!e.source().endsWith(".tsv")) {
        pub.add(e.text());
      }
    }
    // inverted index: 4-gram -> public rows holding it
    Map<String, List<Integer>> index = new HashMap<>();
    int[] sizes = new int[pub.size()];
    for (int i = 0; i < pub.size(); i++) {
      Set<String> g = grams(pub.get(i));
      sizes[i] = g.size();
      for (String x : g) {
        index.computeIfAbsent(x, k -> new ArrayList<>()).add(i);
      }
    }
    List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("training/injection-extra.tsv"), StandardCharsets.UTF_8));
    int heldFrom = lines.size();
    lines.addAll(Files.readAllLines(Path.of("training/heldout-round3.tsv"), StandardCharsets.UTF_8));
    boolean checked = false;
    List<String> copies = new ArrayList<>();
    int rows = 0;
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      if (line.startsWith("# --- Round 2")) {
        checked = true;
      }
      if (!checked || line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String text = line.split("\t", 4)[3];
      Set<String> g = grams(text);
      int[] inter = new int[pub.size()];
      for (String x : g) {
        for (int i : index.getOrDefault(x, List.of())) {
          inter[i]++;
        }
      }
      rows++;
      for (int i = 0; i < pub.size(); i++) {
        if (inter[i] == 0) {
          continue;
        }
        double j = (double) inter[i] / (g.size() + sizes[i] - inter[i]);
        if (j >= MAX_SIMILARITY) {
          copies.add(String.format(Locale.ROOT, "%s:%d (%.2f) %s  ~  %s",
              n < heldFrom ? "injection-extra.tsv" : "heldout-round3.tsv", n < heldFrom ? n + 1 : n - heldFrom + 1, j, text,
              pub.get(i).length() > 120 ? pub.get(i).substring(0, 120) + "..." : pub.get(i)));
        }
      }
    }
    assertThat(rows).as("rows checked after the Round 2 comment, and the held-out rows").isGreaterThan(800);
    assertThat(copies).as("near-copies of public rows: rewrite them in your own words").isEmpty();
  }

  /**
   * Training rows written after the held-out rows (from the "Round 4" comment of
   * {@code injection-extra.tsv} on) are not near-copies of a held-out row of {@code heldout-round3.tsv}
   * either (same measure, same bound): the held-out figures must measure the kind, not a paraphrase we
   * trained on. (Rounds 2 and 2b predate the held-out rows and are not checked against them: 18 of
   * the held-out rows, mostly short benign questions, are close to a round-2 row.)
   */
  @Test
  void newTrainingRowsAreNotNearCopiesOfHeldOutRows() throws IOException {
    List<String> held = new ArrayList<>();
    for (InjectionTrainer.Example e : InjectionTrainer.tsv(Path.of("training/heldout-round3.tsv"))) {
      held.add(e.text());
    }
    List<Set<String>> heldGrams = new ArrayList<>();
    for (String h : held) {
      heldGrams.add(grams(h));
    }
    List<String> lines = Files.readAllLines(Path.of("training/injection-extra.tsv"), StandardCharsets.UTF_8);
    boolean checked = false;
    int rows = 0;
    List<String> copies = new ArrayList<>();
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      if (line.startsWith("# --- Round 4")) {
        checked = true;
      }
      if (!checked || line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String text = line.split("\t", 4)[3];
      Set<String> g = grams(text);
      rows++;
      for (int i = 0; i < held.size(); i++) {
        Set<String> h = heldGrams.get(i);
        int inter = 0;
        for (String x : g) {
          if (h.contains(x)) {
            inter++;
          }
        }
        double j = (double) inter / (g.size() + h.size() - inter);
        if (j >= MAX_SIMILARITY) {
          copies.add(String.format(Locale.ROOT, "injection-extra.tsv:%d (%.2f) %s  ~  heldout-round3.tsv: %s", n + 1, j, text, held.get(i)));
        }
      }
    }
    assertThat(rows).as("rows after the Round 4 comment").isGreaterThan(200);
    assertThat(copies).as("near-copies of held-out rows: write the kind in other words").isEmpty();
  }

  /**
   * No training row at all (the public sets and every row of {@code injection-extra.tsv}, whatever its
   * round) is a near-copy of a round-5 held-out row ({@code heldout-round5.tsv}; same measure, same
   * bound): the round-5 rows were written fresh, not from training rows, and rows added to the
   * training data later must not paraphrase them either.
   */
  @Test
  void noTrainingRowIsNearCopyOfRound5HeldOutRows() throws IOException {
    noTrainingRowIsNearCopyOf(InjectionTrainer.HELD_OUT_ROUND5, 150);
  }

  /**
   * The same for the round-6 held-out rows ({@code heldout-round6.tsv}): written before the round-6 training rows, which
   * must not paraphrase them.
   */
  @Test
  void noTrainingRowIsNearCopyOfRound6HeldOutRows() throws IOException {
    noTrainingRowIsNearCopyOf(InjectionTrainer.HELD_OUT_ROUND6, 190);
  }

  /**
   * The same for the round-7 held-out rows ({@code heldout-round7.tsv}: Vietnamese by kind in every typing, it/pt/fr
   * hijacks, languages without a lexicon, benign look-alikes): written before the round-7 training rows, which must
   * not paraphrase them.
   */
  @Test
  void noTrainingRowIsNearCopyOfRound7HeldOutRows() throws IOException {
    noTrainingRowIsNearCopyOf(InjectionTrainer.HELD_OUT_ROUND7, 150);
  }

  /**
   * The same for the round-8 held-out rows ({@code heldout-round8.tsv}: the common public jailbreak and injection kinds
   * in en/vi/de/fr/es/pl/tr/id/ja, benign look-alikes): written before the round-8 training rows, which must not
   * paraphrase them.
   */
  @Test
  void noTrainingRowIsNearCopyOfRound8HeldOutRows() throws IOException {
    noTrainingRowIsNearCopyOf(InjectionTrainer.HELD_OUT_ROUND8, 140);
  }

  /**
   * The same for the round-9 held-out rows ({@code heldout-round9.tsv}: en/vi/de/fr/es and ja/ko/zh/th attacks and
   * benign look-alikes): written before the round-9 training rows, which must not paraphrase them.
   */
  @Test
  void noTrainingRowIsNearCopyOfRound9HeldOutRows() throws IOException {
    noTrainingRowIsNearCopyOf(InjectionTrainer.HELD_OUT_ROUND9, 110);
  }

  /**
   * The same for the round-10 held-out rows ({@code heldout-round10.tsv}: fiction framing, payload splitting, indirect
   * and encoded injection, overrides in thirteen languages, benign look-alikes): written before the round-10 training
   * rows, which must not paraphrase them.
   */
  @Test
  void noTrainingRowIsNearCopyOfRound10HeldOutRows() throws IOException {
    noTrainingRowIsNearCopyOf(InjectionTrainer.HELD_OUT_ROUND10, 150);
  }

  /**
   * The same for the round-11 held-out rows ({@code heldout-round11.tsv}: payload splitting, verbatim echoes, translation-
   * and markdown-wrapped instructions, polite extraction, emoji/leet obfuscation, multi-turn setup phrases, benign
   * look-alikes): written before the round-11 training rows, which must not paraphrase them.
   */
  @Test
  void noTrainingRowIsNearCopyOfRound11HeldOutRows() throws IOException {
    noTrainingRowIsNearCopyOf(InjectionTrainer.HELD_OUT_ROUND11, 150);
  }

  /**
   * The same for the round-12 held-out rows ({@code heldout-round12.tsv}: long role-play jailbreaks, refusal suppression,
   * payload splitting, translation-wrapped and indirect injection, "repeat the text above", benign messages about bots,
   * prompts and policies): written before the round-12 changes, which must not paraphrase them.
   */
  @Test
  void noTrainingRowIsNearCopyOfRound12HeldOutRows() throws IOException {
    noTrainingRowIsNearCopyOf(InjectionTrainer.HELD_OUT_ROUND12, 170);
  }

  /**
   * The same for the round-13 held-out rows ({@code heldout-round13.tsv}: short task hijacks, overrides, role
   * reassignment, DAN traits, extraction in en/vi/de/fr/es/it/pt, benign shop questions about bots, prompts and
   * instructions): written before the round-13 changes, which must not paraphrase them.
   */
  @Test
  void noTrainingRowIsNearCopyOfRound13HeldOutRows() throws IOException {
    noTrainingRowIsNearCopyOf(InjectionTrainer.HELD_OUT_ROUND13, 190);
  }

  /**
   * The same for the round-14 held-out rows ({@code heldout-round14.tsv}: output forcing, role prompts that change the
   * task, fiction framing, short hijacks and overrides in en/vi/de/fr/es/it/pt/id/ja, benign shop messages with "say",
   * "act as", "pretend", "role", card texts): written before the round-14 changes, which must not paraphrase them.
   */
  @Test
  void noTrainingRowIsNearCopyOfRound14HeldOutRows() throws IOException {
    noTrainingRowIsNearCopyOf(InjectionTrainer.HELD_OUT_ROUND14, 180);
  }

  private static void noTrainingRowIsNearCopyOf(String file, int minRows) throws IOException {
    List<String> held = new ArrayList<>();
    for (InjectionTrainer.Example e : InjectionTrainer.tsv(Path.of("training").resolve(file))) {
      held.add(e.text());
    }
    // inverted index: 4-gram -> held-out rows holding it
    Map<String, List<Integer>> index = new HashMap<>();
    int[] sizes = new int[held.size()];
    for (int i = 0; i < held.size(); i++) {
      Set<String> g = grams(held.get(i));
      sizes[i] = g.size();
      for (String x : g) {
        index.computeIfAbsent(x, k -> new ArrayList<>()).add(i);
      }
    }
    List<InjectionTrainer.Example> training = InjectionTrainer.loadDefault(Path.of("training"));
    List<String> copies = new ArrayList<>();
    for (InjectionTrainer.Example e : training) {
      Set<String> g = grams(e.text());
      int[] inter = new int[held.size()];
      for (String x : g) {
        for (int i : index.getOrDefault(x, List.of())) {
          inter[i]++;
        }
      }
      for (int i = 0; i < held.size(); i++) {
        if (inter[i] == 0) {
          continue;
        }
        double j = (double) inter[i] / (g.size() + sizes[i] - inter[i]);
        if (j >= MAX_SIMILARITY) {
          copies.add(String.format(Locale.ROOT, "%s (%.2f) %s  ~  %s: %s", e.source(), j,
              e.text().length() > 120 ? e.text().substring(0, 120) + "..." : e.text(), file, held.get(i)));
        }
      }
    }
    assertThat(held).as(file + " rows").hasSizeGreaterThan(minRows);
    assertThat(training).as("training rows checked").hasSizeGreaterThan(2500);
    assertThat(copies).as("training rows that are near-copies of " + file + " rows: write the kind in other words").isEmpty();
  }
}
