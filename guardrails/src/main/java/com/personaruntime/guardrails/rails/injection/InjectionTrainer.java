package com.personaruntime.guardrails.rails.injection;

import com.personaruntime.guardrails.text.NormalizedText;
import com.personaruntime.guardrails.text.TextNormalizer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Trains {@link InjectionModel}: logistic regression with AdaGrad over the hashed features of
 * {@link InjectionModel#features}, class-balanced, a fixed seed (the same data gives the same
 * weights). The data recipe (which files, which columns, which licences) is in
 * {@code guardrails/training/README.md}; {@link #loadDefault(Path)} reads it.
 *
 * <p>Thresholds are chosen on out-of-fold scores of a k-fold cross-validation, never on rows the
 * scoring model was trained on: the block threshold is the lowest score that keeps the false
 * positive rate on held-out benign rows at or below 1%, the flag threshold the lowest at or below
 * 3%.
 *
 * <p>Command line (from the repository root, after {@code mvn -pl guardrails -am package}):
 * <pre>
 * java -cp guardrails/target/classes:$(cat cp.txt) com.personaruntime.guardrails.rails.injection.InjectionTrainer \
 *     guardrails/training guardrails/src/main/resources/com/personaruntime/guardrails/rails/injection/injection-model-v1.bin.gz
 * </pre>
 */
public final class InjectionTrainer {
  /** Hashed feature space: 2^16 buckets (256 KB of weights: stays in the L2 cache, so scoring is a few microseconds). */
  public static final int BITS = 16;
  static final int EPOCHS = Integer.getInteger("epochs", 6);
  static final double LEARNING_RATE = Double.parseDouble(System.getProperty("lr", "0.3"));
  static final long SEED = 20261130L;

  /** One labelled row: text, label (1 attack, 0 benign), category, language, source file. */
  public record Example(String text, int label, String category, String language, String source) {
  }

  private InjectionTrainer() {
  }

  /** Features of one row, precomputed: bucket index, sign in the top bit. */
  private static int[] encode(String text) {
    NormalizedText nt = TextNormalizer.normalize(text);
    int[][] buf = {new int[Math.max(16, nt.length() * 4 + 8)]};
    int[] n = {0};
    InjectionModel.features(nt.chars, Math.min(nt.length(), InjectionModel.MAX_CHARS), BITS, (idx, sign) -> {
      if (n[0] == buf[0].length) {
        buf[0] = Arrays.copyOf(buf[0], n[0] * 2);
      }
      buf[0][n[0]++] = sign < 0 ? idx | 0x80000000 : idx;
    });
    return Arrays.copyOf(buf[0], n[0]);
  }

  /**
   * Trains on {@code rows}.
   *
   * @return a model whose thresholds are the given ones
   */
  public static InjectionModel train(List<Example> rows, double blockThreshold, double flagThreshold, String note) {
    int[][] x = new int[rows.size()][];
    int[] y = new int[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      x[i] = encode(rows.get(i).text());
      y[i] = rows.get(i).label();
    }
    return fit(x, y, blockThreshold, flagThreshold, note);
  }

  private static InjectionModel fit(int[][] x, int[] y, double block, double flag, String note) {
    int d = 1 << BITS;
    float[] w = new float[d];
    float[] g2 = new float[d];
    double bias = 0;
    double bg2 = 0;
    int pos = 0;
    for (int v : y) {
      pos += v;
    }
    int neg = y.length - pos;
    double wPos = pos == 0 ? 1 : y.length / (2.0 * pos);
    double wNeg = neg == 0 ? 1 : y.length / (2.0 * neg);
    Integer[] order = new Integer[x.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Random rnd = new Random(SEED);
    for (int epoch = 0; epoch < EPOCHS; epoch++) {
      java.util.Collections.shuffle(Arrays.asList(order), rnd);
      for (int i : order) {
        int[] f = x[i];
        double norm = 1.0 / Math.sqrt(Math.max(1, f.length));
        double z = bias;
        for (int v : f) {
          z += (v < 0 ? -w[v & 0x7fffffff] : w[v]) * norm;
        }
        double p = InjectionModel.sigmoid(z);
        double g = (p - y[i]) * (y[i] == 1 ? wPos : wNeg);
        for (int v : f) {
          int idx = v & 0x7fffffff;
          double gj = g * norm * (v < 0 ? -1 : 1) + 1e-6 * w[idx];
          g2[idx] += gj * gj;
          w[idx] -= LEARNING_RATE * gj / Math.sqrt(g2[idx] + 1e-8);
        }
        bg2 += g * g;
        bias -= LEARNING_RATE * g / Math.sqrt(bg2 + 1e-8);
      }
    }
    return new InjectionModel(BITS, w, (float) bias, block, flag, note);
  }

  /**
   * k-fold cross-validation: each row is scored by a model trained on the other folds. Folds are
   * assigned by a seeded shuffle, stratified by label.
   *
   * @return out-of-fold scores, index-aligned with {@code rows}
   */
  public static double[] crossValidate(List<Example> rows, int folds) {
    int[] fold = folds(rows, folds);
    int[][] x = new int[rows.size()][];
    int[] y = new int[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      x[i] = encode(rows.get(i).text());
      y[i] = rows.get(i).label();
    }
    double[] scores = new double[rows.size()];
    for (int k = 0; k < folds; k++) {
      List<Integer> train = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        if (fold[i] != k) {
          train.add(i);
        }
      }
      int[][] tx = new int[train.size()][];
      int[] ty = new int[train.size()];
      for (int j = 0; j < train.size(); j++) {
        tx[j] = x[train.get(j)];
        ty[j] = y[train.get(j)];
      }
      InjectionModel m = fit(tx, ty, 0.5, 0.5, "fold " + k);
      for (int i = 0; i < rows.size(); i++) {
        if (fold[i] == k) {
          NormalizedText nt = TextNormalizer.normalize(rows.get(i).text());
          scores[i] = m.score(nt.chars, nt.length());
        }
      }
    }
    return scores;
  }

  /** Stratified fold assignment with the fixed seed. */
  public static int[] folds(List<Example> rows, int folds) {
    int[] fold = new int[rows.size()];
    Random rnd = new Random(SEED + 1);
    for (int label = 0; label <= 1; label++) {
      List<Integer> idx = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        if (rows.get(i).label() == label) {
          idx.add(i);
        }
      }
      java.util.Collections.shuffle(idx, rnd);
      for (int j = 0; j < idx.size(); j++) {
        fold[idx.get(j)] = j % folds;
      }
    }
    return fold;
  }

  /** Models trained for each fold (rows of fold k are unseen by model k), for evaluating the whole guard out of fold. */
  public static InjectionModel[] foldModels(List<Example> rows, int folds) {
    int[] fold = folds(rows, folds);
    int[][] x = new int[rows.size()][];
    int[] y = new int[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      x[i] = encode(rows.get(i).text());
      y[i] = rows.get(i).label();
    }
    InjectionModel[] out = new InjectionModel[folds];
    for (int k = 0; k < folds; k++) {
      List<Integer> train = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        if (fold[i] != k) {
          train.add(i);
        }
      }
      int[][] tx = new int[train.size()][];
      int[] ty = new int[train.size()];
      for (int j = 0; j < train.size(); j++) {
        tx[j] = x[train.get(j)];
        ty[j] = y[train.get(j)];
      }
      out[k] = fit(tx, ty, 0.5, 0.5, "fold " + k);
    }
    return out;
  }

  /** The same models with the thresholds of {@code thresholds} (block, flag). */
  public static InjectionModel withThresholds(InjectionModel m, double block, double flag) {
    return m.withThresholds(block, flag);
  }

  /** The lowest threshold whose false-positive rate on the benign rows is at most {@code fpr}. */
  public static double thresholdAtFpr(double[] scores, List<Example> rows, double fpr) {
    List<Double> benign = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).label() == 0) {
        benign.add(scores[i]);
      }
    }
    benign.sort(null);
    int allowed = (int) Math.floor(benign.size() * fpr);
    // threshold just above the (allowed+1)-th highest benign score
    int k = benign.size() - 1 - allowed;
    if (k < 0) {
      return 0.5;
    }
    return Math.min(0.999, Math.nextUp(benign.get(k)));
  }

  // ------------------------------------------------------------------ data

  /**
   * Reads the training data of {@code dir} (see its README): {@code datasets/jackhhao-jailbreak-train.csv},
   * {@code datasets/deepset-prompt-injections-train.jsonl} and {@code injection-extra.tsv}.
   */
  public static List<Example> loadDefault(Path dir) throws IOException {
    List<Example> out = new ArrayList<>();
    Path jack = dir.resolve("datasets/jackhhao-jailbreak-train.csv");
    for (List<String> rec : csv(Files.readString(jack, StandardCharsets.UTF_8))) {
      if (rec.size() < 2 || rec.get(0).equals("prompt")) {
        continue;
      }
      int label = rec.get(1).trim().equals("jailbreak") ? 1 : 0;
      out.add(new Example(rec.get(0), label, label == 1 ? "jailbreak" : "benign", "en", "jackhhao"));
    }
    Path deepset = dir.resolve("datasets/deepset-prompt-injections-train.jsonl");
    for (String line : Files.readAllLines(deepset, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      String text = jsonString(line, "text");
      int label = line.replace(" ", "").contains("\"label\":1") ? 1 : 0;
      String lang = LanguageId.detect(text);
      out.add(new Example(text, label, label == 1 ? "injection" : "benign", lang.equals("de") ? "de" : "en", "deepset"));
    }
    out.addAll(tsv(dir.resolve("injection-extra.tsv")));
    return out;
  }

  /** Rows of a {@code label<TAB>category<TAB>language<TAB>text} file ('#' lines are comments). */
  public static List<Example> tsv(Path file) throws IOException {
    List<Example> out = new ArrayList<>();
    int n = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      n++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] p = line.split("\t", 4);
      if (p.length != 4 || !(p[0].equals("0") || p[0].equals("1"))) {
        throw new IOException(file + ":" + n + ": expected label<TAB>category<TAB>language<TAB>text with label 0 or 1");
      }
      out.add(new Example(p[3], Integer.parseInt(p[0]), p[1], p[2], file.getFileName().toString()));
    }
    return out;
  }

  /** RFC 4180 CSV (quoted fields may hold commas, quotes and newlines). */
  static List<List<String>> csv(String s) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean q = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (q) {
        if (c == '"') {
          if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
            f.append('"');
            i++;
          } else {
            q = false;
          }
        } else {
          f.append(c);
        }
      } else if (c == '"') {
        q = true;
      } else if (c == ',') {
        row.add(f.toString());
        f.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
          i++;
        }
        row.add(f.toString());
        f.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else {
        f.append(c);
      }
    }
    if (f.length() > 0 || !row.isEmpty()) {
      row.add(f.toString());
      rows.add(row);
    }
    return rows;
  }

  /** The string value of a top-level key in a one-line JSON object (escapes decoded). */
  static String jsonString(String json, String key) {
    int k = json.indexOf("\"" + key + "\"");
    int i = json.indexOf('"', json.indexOf(':', k) + 1) + 1;
    StringBuilder sb = new StringBuilder();
    while (i < json.length()) {
      char c = json.charAt(i++);
      if (c == '"') {
        break;
      }
      if (c == '\\') {
        char e = json.charAt(i++);
        switch (e) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case 'r' -> sb.append('\r');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'u' -> {
            sb.append((char) Integer.parseInt(json.substring(i, i + 4), 16));
            i += 4;
          }
          default -> sb.append(e);
        }
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Trains the shipped model: {@code InjectionTrainer DATA_DIR OUT_FILE}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: InjectionTrainer DATA_DIR OUT_FILE   (DATA_DIR: guardrails/training)");
      System.exit(2);
    }
    List<Example> rows = loadDefault(Path.of(args[0]));
    double[] oof = crossValidate(rows, 5);
    double block = thresholdAtFpr(oof, rows, 0.01);
    double flag = thresholdAtFpr(oof, rows, 0.03);
    int tp = 0;
    int pos = 0;
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).label() == 1) {
        pos++;
        if (oof[i] >= block) {
          tp++;
        }
      }
    }
    String note = String.format(Locale.ROOT, "v1: %d rows (%d attacks), 5-fold CV recall %.3f at block threshold %.4f (FP <= 1%%), "
        + "flag threshold %.4f (FP <= 3%%), 2^%d hashed char 3-5-grams + word 1-2-grams, %d epochs AdaGrad, seed %d",
        rows.size(), pos, (double) tp / pos, block, flag, BITS, EPOCHS, SEED);
    InjectionModel m = train(rows, block, flag, note);
    Path out = Path.of(args[1]);
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (OutputStream o = Files.newOutputStream(out)) {
      m.write(o);
    }
    System.out.println(note);
    System.out.println("wrote " + out + " (" + Files.size(out) + " bytes)");
  }
}
