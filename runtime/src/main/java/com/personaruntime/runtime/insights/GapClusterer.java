package com.personaruntime.runtime.insights;

import com.personaruntime.composer.QuestionTerms;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups unanswered questions by meaning: one question asked three ways is one knowledge gap
 * counted three times.
 *
 * <p>Similarity of two questions is the larger of (a) the cosine of their embeddings from the bundled
 * all-MiniLM-L6-v2 model (the one the composer retrieves with) and (b) the Dice overlap of their
 * content terms as the composer's retrieval sees them (diacritic-folded, teencode expanded, stop
 * words dropped, light stemming, shared concepts such as "giao hàng" = "ship" = "delivery"). The
 * embedding model is English-only, so for a pair where either side is not English its cosine is
 * discounted ({@link #NON_ENGLISH_COSINE_DISCOUNT}) and the lexical overlap carries more weight.
 *
 * <p>Clustering is average-linkage, greedy in the order questions were asked: a question joins the
 * cluster whose mean similarity to it is highest if that is at least {@link #JOIN}; otherwise it
 * starts a new one. Average (not single) linkage keeps a chain of loosely related questions from
 * merging distinct gaps. O(n²) in the number of unanswered questions, which the service caps.
 */
public final class GapClusterer {
  /** Mean similarity a question needs to join a cluster. */
  static final double JOIN = 0.5;
  /** Subtracted from the cosine when either question is not English (the model is English-only). */
  static final double NON_ENGLISH_COSINE_DISCOUNT = 0.15;

  /** One unanswered question. {@code vector} may be null (then only the lexical overlap counts). */
  public record Question(long turnId, String text, float[] vector, boolean english) {
  }

  /** A knowledge gap: {@code question} is the member closest to the others; examples are distinct texts. */
  public record Gap(String question, int count, List<String> examples, List<Long> turnIds) {
  }

  private GapClusterer() {
  }

  /** Clusters the questions; gaps are ordered by count, then by first asked. */
  public static List<Gap> cluster(List<Question> questions) {
    List<Set<String>> terms = new ArrayList<>();
    for (Question q : questions) {
      terms.add(QuestionTerms.terms(q.text()));
    }
    List<List<Integer>> clusters = new ArrayList<>();
    for (int i = 0; i < questions.size(); i++) {
      int best = -1;
      double bestSim = JOIN;
      for (int c = 0; c < clusters.size(); c++) {
        double sum = 0;
        for (int j : clusters.get(c)) {
          sum += similarity(questions.get(i), terms.get(i), questions.get(j), terms.get(j));
        }
        double mean = sum / clusters.get(c).size();
        if (mean >= bestSim) {
          bestSim = mean;
          best = c;
        }
      }
      if (best < 0) {
        List<Integer> fresh = new ArrayList<>();
        fresh.add(i);
        clusters.add(fresh);
      } else {
        clusters.get(best).add(i);
      }
    }
    List<Gap> gaps = new ArrayList<>();
    for (List<Integer> members : clusters) {
      int central = members.get(0);
      double bestTotal = -1;
      for (int i : members) {
        double total = 0;
        for (int j : members) {
          if (i != j) {
            total += similarity(questions.get(i), terms.get(i), questions.get(j), terms.get(j));
          }
        }
        if (total > bestTotal + 1e-9) {
          bestTotal = total;
          central = i;
        }
      }
      Map<String, Boolean> examples = new LinkedHashMap<>();
      List<Long> ids = new ArrayList<>();
      for (int i : members) {
        examples.putIfAbsent(questions.get(i).text().strip(), true);
        ids.add(questions.get(i).turnId());
      }
      gaps.add(new Gap(questions.get(central).text().strip(), members.size(),
          List.copyOf(new ArrayList<>(examples.keySet()).subList(0, Math.min(5, examples.size()))), ids));
    }
    gaps.sort(Comparator.comparingInt(Gap::count).reversed());
    return gaps;
  }

  /** Similarity of two questions in [0, 1] (see the class comment). */
  static double similarity(Question a, Set<String> ta, Question b, Set<String> tb) {
    double lexical = dice(ta, tb);
    double cosine = 0;
    if (a.vector() != null && b.vector() != null && a.vector().length == b.vector().length) {
      cosine = cosine(a.vector(), b.vector());
      if (!(a.english() && b.english())) {
        cosine -= NON_ENGLISH_COSINE_DISCOUNT;
      }
    }
    return Math.max(0, Math.max(lexical, cosine));
  }

  static double dice(Set<String> a, Set<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return 0;
    }
    Set<String> common = new HashSet<>(a);
    common.retainAll(b);
    return 2.0 * common.size() / (a.size() + b.size());
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }
}
