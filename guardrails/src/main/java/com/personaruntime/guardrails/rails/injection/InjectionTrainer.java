package com.personaruntime.guardrails.rails.injection;

import com.personaruntime.guardrails.Action;
import com.personaruntime.guardrails.CheckContext;
import com.personaruntime.guardrails.Decision;
import com.personaruntime.guardrails.Policies;
import com.personaruntime.guardrails.Policy;
import com.personaruntime.guardrails.PolicyConfig;
import com.personaruntime.guardrails.RuleIds;
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
 * {@link InjectionModel#features}, class-balanced, the weights of {@link #SEEDS} shuffles averaged,
 * fixed seeds (the same data gives the same weights). The data recipe (which files, which columns, which licences) is in
 * {@code guardrails/training/README.md}; {@link #loadDefault(Path)} reads it.
 *
 * <p>Thresholds are chosen on out-of-fold scores of a k-fold cross-validation, never on rows the
 * scoring model was trained on, for the WHOLE input guard (lexicons and the "unsure" flag included,
 * see {@link #chooseThresholds}). {@link #main} also prints the "hold one source out" figures.
 *
 * <p>Command line (from the repository root, after {@code mvn -pl guardrails -am package}):
 * <pre>
 * java -cp guardrails/target/classes:$(cat cp.txt) com.personaruntime.guardrails.rails.injection.InjectionTrainer \
 *     guardrails/training guardrails/src/main/resources/com/personaruntime/guardrails/rails/injection/injection-model-v2.bin.gz
 * </pre>
 */
public final class InjectionTrainer {
  /** Hashed feature space: 2^16 buckets (256 KB of weights: stays in the L2 cache, so scoring is a few microseconds). */
  public static final int BITS = 16;
  static final int EPOCHS = Integer.getInteger("epochs", 6);
  static final double LEARNING_RATE = Double.parseDouble(System.getProperty("lr", "0.3"));
  static final long SEED = 20261130L;
  /**
   * L2 penalty per feature update (the weight decay of the AdaGrad step), chosen by cross-validation: {@code
   * -Dl2grid=1e-6,1e-5,1e-4,...} makes {@link #main} run the 5-fold CV of the whole input guard for each value and print
   * its recall at the thresholds chosen on its out-of-fold scores; the value with the highest recall (ties: the
   * stronger penalty) is this default. {@code -Dl2=...} overrides it for experiments.
   */
  static final double L2 = Double.parseDouble(System.getProperty("l2", "1e-4"));

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
    return fit(x, y, blockThreshold, flagThreshold, note, L2);
  }

  /**
   * Models averaged per fit: the same rows trained with 4 different shuffles (seeds {@link #SEED} +
   * 7919k), their weights and biases averaged into ONE linear model, so scoring costs the same as one
   * model. Averaging steadies the scores of the rare rows that decide a 1% threshold: nested CV 90.0%
   * recall at 0.90% false positives against 88.2% at 0.68% for a single shuffle; 8 shuffles gave no
   * more. {@code -Dseeds=N} overrides it for experiments.
   */
  static final int SEEDS = Integer.getInteger("seeds", 4);

  private static InjectionModel fit(int[][] x, int[] y, double block, double flag, String note, double l2) {
    if (SEEDS <= 1) {
      return fit(x, y, block, flag, note, SEED, l2);
    }
    float[] avg = new float[1 << BITS];
    double bias = 0;
    for (int k = 0; k < SEEDS; k++) {
      InjectionModel m = fit(x, y, block, flag, note, SEED + 7919L * k, l2);
      float[] w = m.weights();
      for (int j = 0; j < avg.length; j++) {
        avg[j] += w[j] / SEEDS;
      }
      bias += m.bias() / SEEDS;
    }
    return new InjectionModel(BITS, avg, (float) bias, block, flag, note);
  }

  private static InjectionModel fit(int[][] x, int[] y, double block, double flag, String note, long seed, double l2) {
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
    Random rnd = new Random(seed);
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
          double gj = g * norm * (v < 0 ? -1 : 1) + l2 * w[idx];
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
   * Checksum of the raw training rows: label and text of every row, in order (SHA-256, first 8 bytes). Changes
   * when the data changes; recorded in the model file ({@link InjectionModel#dataChecksum()}).
   */
  public static long dataChecksum(List<Example> rows) {
    java.security.MessageDigest md = sha256();
    for (Example r : rows) {
      update(md, r.label(), r.text().toCharArray(), r.text().length());
    }
    return first8(md.digest());
  }

  /**
   * Checksum of the NORMALISED text ({@link TextNormalizer#normalize}) of the training rows, with their labels,
   * in order (SHA-256, first 8 bytes). The model's features are computed from this text, so when the normaliser
   * folds any training row differently, the checksum changes and the model must be retrained; recorded in the
   * model file ({@link InjectionModel#normalisedChecksum()}) and compared by a test.
   */
  public static long normalisedChecksum(List<Example> rows) {
    java.security.MessageDigest md = sha256();
    for (Example r : rows) {
      NormalizedText nt = TextNormalizer.normalize(r.text());
      update(md, r.label(), nt.chars, nt.length());
    }
    return first8(md.digest());
  }

  private static java.security.MessageDigest sha256() {
    try {
      return java.security.MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void update(java.security.MessageDigest md, int label, char[] c, int len) {
    byte[] b = new byte[5 + 2 * len];
    b[0] = (byte) label;
    b[1] = (byte) (len >>> 24);
    b[2] = (byte) (len >>> 16);
    b[3] = (byte) (len >>> 8);
    b[4] = (byte) len;
    for (int i = 0; i < len; i++) {
      b[5 + 2 * i] = (byte) (c[i] >>> 8);
      b[6 + 2 * i] = (byte) c[i];
    }
    md.update(b);
  }

  private static long first8(byte[] d) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (d[i] & 0xff);
    }
    return v;
  }

  /** Rows encoded once: features and labels. */
  private static final class Encoded {
    final int[][] x;
    final int[] y;

    Encoded(List<Example> rows) {
      x = new int[rows.size()][];
      y = new int[rows.size()];
      for (int i = 0; i < rows.size(); i++) {
        x[i] = encode(rows.get(i).text());
        y[i] = rows.get(i).label();
      }
    }

    /** A model trained on the rows where {@code use} is true. */
    InjectionModel fitOn(boolean[] use, String note) {
      return fitOn(use, note, L2);
    }

    /** A model trained on the rows where {@code use} is true, with L2 penalty {@code l2}. */
    InjectionModel fitOn(boolean[] use, String note, double l2) {
      int n = 0;
      for (boolean u : use) {
        n += u ? 1 : 0;
      }
      int[][] tx = new int[n][];
      int[] ty = new int[n];
      int j = 0;
      for (int i = 0; i < x.length; i++) {
        if (use[i]) {
          tx[j] = x[i];
          ty[j++] = y[i];
        }
      }
      return fit(tx, ty, 0.5, 0.5, note, l2);
    }
  }

  /**
   * k-fold cross-validation: each row is scored by a model trained on the other folds. Folds are
   * assigned by a seeded shuffle, stratified by label.
   *
   * @return out-of-fold scores, index-aligned with {@code rows}
   */
  public static double[] crossValidate(List<Example> rows, int folds) {
    InjectionModel[] models = foldModels(rows, folds);
    int[] fold = folds(rows, folds);
    double[] scores = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      scores[i] = models[fold[i]].score(rows.get(i).text());
    }
    return scores;
  }

  /**
   * Fold assignment stratified by source and label, each (source, label) group shuffled with its own
   * seed ({@link #SEED} + 1 + the hash of the source name): adding or removing rows of one source
   * does not move the rows of another between folds, so the cross-validated figures of the public
   * sets stay comparable when our own rows change (with one shuffle over all rows, a changed row
   * count moved them by 3-7 points).
   */
  public static int[] folds(List<Example> rows, int folds) {
    int[] fold = new int[rows.size()];
    List<String> sources = new ArrayList<>();
    for (Example r : rows) {
      if (!sources.contains(r.source())) {
        sources.add(r.source());
      }
    }
    for (String src : sources) {
      for (int label = 0; label <= 1; label++) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
          if (rows.get(i).label() == label && rows.get(i).source().equals(src)) {
            idx.add(i);
          }
        }
        java.util.Collections.shuffle(idx, new Random(SEED + 1 + src.hashCode() * 31L + label));
        for (int j = 0; j < idx.size(); j++) {
          fold[idx.get(j)] = j % folds;
        }
      }
    }
    return fold;
  }

  /** Models trained for each fold (rows of fold k are unseen by model k), for evaluating the whole guard out of fold. */
  public static InjectionModel[] foldModels(List<Example> rows, int folds) {
    return foldModels(rows, folds, new Encoded(rows), null);
  }

  private static InjectionModel[] foldModels(List<Example> rows, int folds, Encoded enc, boolean[] only) {
    return foldModels(rows, folds, enc, only, L2);
  }

  private static InjectionModel[] foldModels(List<Example> rows, int folds, Encoded enc, boolean[] only, double l2) {
    int[] fold = folds(rows, folds);
    InjectionModel[] out = new InjectionModel[folds];
    for (int k = 0; k < folds; k++) {
      boolean[] use = new boolean[rows.size()];
      for (int i = 0; i < use.length; i++) {
        use[i] = fold[i] != k && (only == null || only[i]);
      }
      out[k] = enc.fitOn(use, "fold " + k, l2);
    }
    return out;
  }

  /**
   * Platt scaling: the slope {@code a} and intercept {@code b} that minimise the log loss of {@code sigmoid(a * z + b)}
   * against the labels, with Platt's smoothed targets ((positives + 1) / (positives + 2) and 1 / (negatives + 2)), by
   * Newton's method. Fitted on OUT-OF-FOLD linear outputs ({@link InjectionModel#logit}), so the calibration is that of
   * unseen rows, not of the rows a model memorised.
   *
   * @param z linear outputs, one per row
   * @param y labels (1 attack, 0 benign), index-aligned with {@code z}
   * @return {a, b}; {1, 0} when a class is missing
   */
  public static double[] platt(double[] z, int[] y) {
    int pos = 0;
    for (int v : y) {
      pos += v;
    }
    int neg = y.length - pos;
    if (pos == 0 || neg == 0) {
      return new double[] {1, 0};
    }
    double hi = (pos + 1.0) / (pos + 2.0);
    double lo = 1.0 / (neg + 2.0);
    double a = 1;
    double b = 0;
    for (int it = 0; it < 100; it++) {
      double ga = 0;
      double gb = 0;
      double haa = 1e-9;
      double hab = 0;
      double hbb = 1e-9;
      for (int i = 0; i < z.length; i++) {
        double p = InjectionModel.sigmoid(a * z[i] + b);
        double t = y[i] == 1 ? hi : lo;
        double d = p - t;
        double s = p * (1 - p);
        ga += d * z[i];
        gb += d;
        haa += s * z[i] * z[i];
        hab += s * z[i];
        hbb += s;
      }
      double det = haa * hbb - hab * hab;
      if (det <= 0) {
        break;
      }
      double da = (hbb * ga - hab * gb) / det;
      double db = (haa * gb - hab * ga) / det;
      a -= da;
      b -= db;
      if (Math.abs(da) < 1e-9 && Math.abs(db) < 1e-9) {
        break;
      }
    }
    return a > 0 && Double.isFinite(a) && Double.isFinite(b) ? new double[] {a, b} : new double[] {1, 0};
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

  /**
   * Share of all benign rows the whole guard may stop when the block threshold is chosen (the 1%
   * goal). A threshold picked on out-of-fold scores is somewhat optimistic; nested cross-validation
   * ({@code -Dnested=true}) measures that: on the shipped data it gave 0.90% on unseen folds (with a
   * single shuffle and earlier versions of the data, 0.68% and 1.31%: expect about half a point of
   * noise either way).
   * {@code -DtargetFp=...} overrides it for experiments.
   */
  public static final double TARGET_FP = Double.parseDouble(System.getProperty("targetFp", "0.01"));
  /** Share of the benign rows of any one source the whole guard may stop (so easy rows of one source cannot buy false positives on another). */
  public static final double SOURCE_FP_CAP = 0.02;
  /** Share of benign rows in languages without a lexicon that the "unsure" flag may stop. */
  public static final double FLAG_FP = 0.03;
  /**
   * Share of benign rows in languages with an input-only lexicon that the "unsure" flag may stop: lower than {@link
   * #FLAG_FP}, the lexicon has judged them already ({@code -DflagFpLexicon=...} for experiments).
   */
  public static final double FLAG_FP_LEXICON = Double.parseDouble(System.getProperty("flagFpLexicon", "0.02"));

  /**
   * Block and "unsure" flag thresholds: {@code flag} for the languages with an input-only lexicon
   * ({@link LanguageId#hasInputLexicon}), {@code flagNoLexicon} for the languages without any lexicon.
   */
  public record Thresholds(double block, double flag, double flagNoLexicon) {
    /** The flag threshold of {@code lang}'s group. */
    public double flag(String lang) {
      return LanguageId.hasInputLexicon(lang) ? flag : flagNoLexicon;
    }
  }

  /**
   * The "unsure" flag threshold of one language group: the lowest that keeps the flag's false positives at or below
   * {@code share} of {@code benign} (out-of-fold scores of the group's judged benign rows the lexicons let through);
   * 0.999 (no flag) for a group without benign rows.
   */
  private static double flagThreshold(List<Double> benign, double share) {
    if (benign.isEmpty()) {
      return 0.999;
    }
    benign.sort(null);
    int allowed = (int) Math.floor(benign.size() * share);
    int k = benign.size() - 1 - allowed;
    return k < 0 ? 0.5 : Math.min(0.999, Math.nextUp(benign.get(k)));
  }

  /**
   * Chooses the thresholds of the WHOLE input guard on out-of-fold scores. A benign row counts as a
   * false positive when the lexicons stop it ({@code lexiconCaught}), or the model judges it
   * ({@link InjectionModel#enoughText}) and it scores at or above the block threshold, or it is in a
   * language without a lexicon and scores at or above the flag threshold. The flag threshold keeps
   * the flag's false positives at or below {@link #FLAG_FP} of the benign rows in such languages;
   * the block threshold is then the lowest that keeps the false positives of all rows at or below
   * {@link #TARGET_FP} and those of every source (each public set, our own rows) at or below
   * {@link #SOURCE_FP_CAP} (or at what the lexicons and the flag already stop, if that is more).
   */
  public static Thresholds chooseThresholds(List<Example> rows, double[] oof, boolean[] lexiconCaught) {
    int n = rows.size();
    boolean[] judged = new boolean[n];
    boolean[] noLexicon = new boolean[n];
    boolean[] inputLexicon = new boolean[n];
    List<Double> flagLexicon = new ArrayList<>();
    List<Double> flagNone = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      NormalizedText nt = TextNormalizer.normalize(rows.get(i).text());
      judged[i] = InjectionModel.enoughText(nt.chars, nt.length());
      String lang = LanguageId.detect(rows.get(i).text());
      noLexicon[i] = LearnedInjectionRail.flagWhenUnsure(lang);
      inputLexicon[i] = LanguageId.hasInputLexicon(lang);
      if (rows.get(i).label() == 0 && noLexicon[i] && judged[i] && !lexiconCaught[i]) {
        (inputLexicon[i] ? flagLexicon : flagNone).add(oof[i]);
      }
    }
    double flagL = flagThreshold(flagLexicon, FLAG_FP_LEXICON);
    double flagN = flagNone.isEmpty() ? flagL : flagThreshold(flagNone, FLAG_FP);
    if (System.getProperty("oneFlag") != null) { // the single flag threshold of round 7, for comparison
      List<Double> both = new ArrayList<>(flagLexicon);
      both.addAll(flagNone);
      flagL = flagN = flagThreshold(both, FLAG_FP);
    }
    double[] flagOf = new double[n];
    for (int i = 0; i < n; i++) {
      flagOf[i] = inputLexicon[i] ? flagL : flagN;
    }
    List<String> sources = new ArrayList<>();
    for (Example r : rows) {
      if (!sources.contains(r.source())) {
        sources.add(r.source());
      }
    }
    // candidate thresholds: just above each benign score, high to low
    List<Double> cands = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (rows.get(i).label() == 0) {
        cands.add(Math.min(0.999, Math.nextUp(oof[i])));
      }
    }
    cands.add(0.999);
    cands.sort(java.util.Collections.reverseOrder());
    double block = 0.999;
    for (double t : cands) {
      if (!withinBudget(rows, oof, lexiconCaught, judged, noLexicon, sources, t, flagOf)) {
        break;
      }
      block = t;
    }
    return new Thresholds(block, Math.min(flagL, block), Math.min(flagN, block));
  }

  private static boolean withinBudget(List<Example> rows, double[] oof, boolean[] lex, boolean[] judged, boolean[] noLex,
      List<String> sources, double block, double[] flag) {
    int allBenign = 0;
    int allFp = 0;
    int allBase = 0;
    for (String src : sources) {
      int benign = 0;
      int fp = 0;
      int base = 0;
      for (int i = 0; i < rows.size(); i++) {
        if (rows.get(i).label() != 0 || !rows.get(i).source().equals(src)) {
          continue;
        }
        benign++;
        boolean flagged = judged[i] && noLex[i] && oof[i] >= Math.min(flag[i], block);
        if (lex[i] || flagged) {
          base++;
        }
        if (lex[i] || flagged || (judged[i] && oof[i] >= block)) {
          fp++;
        }
      }
      if (fp > Math.max(base, Math.floor(benign * SOURCE_FP_CAP))) {
        return false;
      }
      allBenign += benign;
      allFp += fp;
      allBase += base;
    }
    return allFp <= Math.max(allBase, Math.floor(allBenign * TARGET_FP));
  }

  /**
   * Whether the lexicons alone stop each row (the learned rule's action set to ALLOW), as the chat
   * input check does, or a rule-based move of the learned rail does ({@link ScriptMoves}, {@link ExfilImages}).
   */
  public static boolean[] lexiconCaught(List<Example> rows, InjectionModel anyModel) {
    Policy lexiconsOnly = Policies.compile(PolicyConfig.builder()
        .languages(List.of("vi", "en"))
        .ruleAction(RuleIds.PROMPT_INJECTION_LEARNED, Action.ALLOW)
        .build(), anyModel);
    boolean[] out = new boolean[rows.size()];
    for (int i = 0; i < out.length; i++) {
      String text = rows.get(i).text();
      Decision d = lexiconsOnly.check(text, CheckContext.chatInput()).decision();
      // the rule-based moves the learned rail reports under its own rule id (scripts the word lexicons cannot read,
      // markdown exfiltration images) stop a row whatever the model says: they count here, as in the input guard
      out[i] = d == Decision.FLAG || d == Decision.BLOCK || ScriptMoves.find(text) != null || ExfilImages.find(text) != null;
    }
    return out;
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

  /**
   * Trains the shipped model: {@code InjectionTrainer DATA_DIR OUT_FILE}. Prints the cross-validated
   * figures of the whole input guard per source and the "hold one source out" figures, and records
   * the main ones in the model's note.
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: InjectionTrainer DATA_DIR OUT_FILE   (DATA_DIR: guardrails/training)");
      System.exit(2);
    }
    List<Example> rows = loadDefault(Path.of(args[0]));
    String also = System.getProperty("also");
    if (also != null) {
      // experiments only: more row files to train on (the shipped model reads the data recipe alone)
      for (String f : also.split(",")) {
        rows.addAll(tsv(Path.of(f)));
      }
    }
    Encoded enc = new Encoded(rows);
    int[] fold = folds(rows, FOLDS);
    boolean[] lex = null;
    String grid = System.getProperty("l2grid");
    if (grid != null) {
      // regularisation chosen by CV: the whole guard's out-of-fold recall at the thresholds chosen on those scores
      for (String v : grid.split(",")) {
        double l2 = Double.parseDouble(v.trim());
        InjectionModel[] gm = foldModels(rows, FOLDS, enc, null, l2);
        double[] gs = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
          gs[i] = gm[fold[i]].score(rows.get(i).text());
        }
        if (lex == null) {
          lex = lexiconCaught(rows, gm[0]);
        }
        Thresholds gt = chooseThresholds(rows, gs, lex);
        int[] g = figures(rows, gs, lex, gt, null);
        StringBuilder per = new StringBuilder();
        for (String src : List.of("jackhhao", "deepset", "injection-extra.tsv")) {
          int[] f = figures(rows, gs, lex, gt, src);
          per.append(String.format(Locale.ROOT, "; %s %.1f%% at %.1f%%", src, 100.0 * f[0] / Math.max(1, f[1]), 100.0 * f[2] / Math.max(1, f[3])));
        }
        System.out.printf(Locale.ROOT, "l2 %s: CV recall %.1f%% (%d/%d) at FP %.2f%% (%d/%d)%s%n", v.trim(), 100.0 * g[0] / g[1], g[0], g[1],
            100.0 * g[2] / g[3], g[2], g[3], per);
      }
    }
    InjectionModel[] models = foldModels(rows, FOLDS, enc, null);
    // out-of-fold linear outputs -> Platt calibration -> calibrated out-of-fold scores, on which the thresholds are chosen
    double[] z = new double[rows.size()];
    int[] labels = new int[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      NormalizedText nt = TextNormalizer.normalize(rows.get(i).text());
      z[i] = models[fold[i]].logit(nt.chars, nt.length());
      labels[i] = rows.get(i).label();
    }
    double[] cal = platt(z, labels);
    double[] oof = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      oof[i] = InjectionModel.sigmoid(cal[0] * z[i] + cal[1]);
    }
    if (lex == null) {
      lex = lexiconCaught(rows, models[0]);
    }
    Thresholds t = chooseThresholds(rows, oof, lex);
    int[] all = figures(rows, oof, lex, t, null);
    StringBuilder perSource = new StringBuilder();
    for (String src : List.of("jackhhao", "deepset", "injection-extra.tsv")) {
      int[] f = figures(rows, oof, lex, t, src);
      perSource.append(String.format(Locale.ROOT, "; %s recall %.1f%% FP %.1f%%", src, 100.0 * f[0] / Math.max(1, f[1]),
          100.0 * f[2] / Math.max(1, f[3])));
    }
    String note = String.format(Locale.ROOT, "v2: %d rows (%d attacks); whole input guard, %d-fold CV: recall %.1f%% at FP %.2f%%%s; "
        + "block %.4f, flag %.4f (input-only lexicon) / %.4f (no lexicon) (FP <= %.1f%% overall and <= %.1f%% per source, flag FP <= "
        + "%.1f%% / %.1f%% of each group's rows) on scores "
        + "calibrated out of fold (Platt a=%.4f b=%.4f); feature set %d (2^%d hashed char 3-5-grams, word 1-2-grams, concepts, length); "
        + "%d epochs AdaGrad, L2 %s, average of %d shuffles from seed %d",
        rows.size(), all[1], FOLDS, 100.0 * all[0] / all[1], 100.0 * all[2] / all[3], perSource, t.block(), t.flag(),
        t.flagNoLexicon(), 100 * TARGET_FP, 100 * SOURCE_FP_CAP, 100 * FLAG_FP_LEXICON, 100 * FLAG_FP, cal[0], cal[1], InjectionModel.FEATURE_SET, BITS, EPOCHS, L2, SEEDS, SEED);
    System.out.println(note);
    if (Boolean.getBoolean("verbose")) {
      for (int i = 0; i < rows.size(); i++) {
        int[] f = figures(List.of(rows.get(i)), new double[] {oof[i]}, new boolean[] {lex[i]}, t, null);
        if (f[0] + f[2] == (rows.get(i).label() == 1 ? 0 : 1)) {
          System.out.printf(Locale.ROOT, "  %s %.3f %s %s %s%n", rows.get(i).label() == 1 ? "MISSED " : "STOPPED", oof[i],
              lex[i] ? "lexicon" : "-", rows.get(i).source(), rows.get(i).text().replace('\n', ' '));
        }
      }
    }
    String dump = System.getProperty("dump");
    if (dump != null) {
      // every row's out-of-fold score, for looking into the data: score, label, lexicon, source, language, category, text
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < rows.size(); i++) {
        Example r = rows.get(i);
        sb.append(String.format(Locale.ROOT, "%.4f\t%d\t%s\t%s\t%s\t%s\t%s%n", oof[i], r.label(), lex[i] ? "lexicon" : "-", r.source(),
            r.language(), r.category(), r.text().replace('\n', ' ').replace('\t', ' ')));
      }
      Files.writeString(Path.of(dump), sb.toString(), StandardCharsets.UTF_8);
    }
    if (Boolean.getBoolean("nested")) {
      // thresholds chosen INSIDE each outer fold (inner CV on the other folds): no row's own score picks its threshold
      java.util.Map<String, int[]> f = new java.util.LinkedHashMap<>();
      for (int k = 0; k < FOLDS; k++) {
        int kk = k;
        holdOut(rows, enc, i -> fold[i] == kk, lex, f);
      }
      for (java.util.Map.Entry<String, int[]> e : f.entrySet()) {
        int[] g = e.getValue();
        System.out.printf(Locale.ROOT, "nested CV (thresholds chosen inside each fold), %s: recall %.1f%% (%d/%d), FP %.2f%% (%d/%d)%n",
            e.getKey(), 100.0 * g[0] / Math.max(1, g[1]), g[0], g[1], 100.0 * g[2] / Math.max(1, g[3]), g[2], g[3]);
      }
    }
    // hold one whole source out: trained (and thresholds chosen by CV) without it, judged on it
    for (String src : List.of("deepset", "jackhhao", "injection-extra.tsv")) {
      int[] f = holdOut(rows, enc, src, lex);
      System.out.printf(Locale.ROOT, "held out %s: trained without it, judged on it: recall %.1f%%, FP %.1f%%%n",
          src, 100.0 * f[0] / Math.max(1, f[1]), 100.0 * f[2] / Math.max(1, f[3]));
    }
    InjectionModel m = enc.fitOn(allTrue(rows.size()), note).withCalibration(cal[0], cal[1]).withThresholds(t.block(), t.flag(), t.flagNoLexicon())
        .withChecksums(dataChecksum(rows), normalisedChecksum(rows));
    for (String file : HELD_OUT_FILES) {
      Path held = Path.of(args[0]).resolve(file);
      if (Files.exists(held) && (also == null || !also.contains(file))) {
        List<Example> h = tsv(held);
        int[] f = figures(h, scores(m, h), lexiconCaught(h, m), t, null);
        System.out.printf(Locale.ROOT, "%s (never trained on), this model: recall %.1f%% (%d/%d), FP %.1f%% (%d/%d)%n", file,
            100.0 * f[0] / Math.max(1, f[1]), f[0], f[1], 100.0 * f[2] / Math.max(1, f[3]), f[2], f[3]);
      }
    }
    Path out = Path.of(args[1]);
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (OutputStream o = Files.newOutputStream(out)) {
      m.write(o);
    }
    System.out.println("wrote " + out + " (" + Files.size(out) + " bytes)");
  }

  /**
   * "Hold one whole source out": a model trained without the rows of {@code source}, its thresholds
   * chosen by cross-validation on the other rows, judges the rows of {@code source} (with the
   * lexicons, as the input guard does). A check of how the detector carries to data of another kind.
   *
   * @param lexiconCaught per row, whether the lexicons alone stop it ({@link #lexiconCaught})
   * @return {attacks caught, attacks, benign stopped, benign} on {@code source}
   */
  public static int[] holdOut(List<Example> rows, String source, boolean[] lexiconCaught) {
    return holdOut(rows, new Encoded(rows), source, lexiconCaught);
  }

  private static int[] holdOut(List<Example> rows, Encoded enc, String source, boolean[] lex) {
    return holdOut(rows, enc, i -> rows.get(i).source().equals(source), lex);
  }

  /** Trains (and chooses thresholds by CV) on the rows not {@code heldOut}; judges the {@code heldOut} rows. */
  private static int[] holdOut(List<Example> rows, Encoded enc, java.util.function.IntPredicate heldOut, boolean[] lex) {
    return holdOut(rows, enc, heldOut, lex, null);
  }

  /**
   * As {@link #holdOut(List, Encoded, java.util.function.IntPredicate, boolean[])}; when {@code bySource} is
   * given, also adds the figures of every judged source (and "all", and "all/LANG" by language) to it.
   */
  private static int[] holdOut(List<Example> rows, Encoded enc, java.util.function.IntPredicate heldOut, boolean[] lex,
      java.util.Map<String, int[]> bySource) {
    boolean[] only = new boolean[rows.size()];
    for (int i = 0; i < only.length; i++) {
      only[i] = !heldOut.test(i);
    }
    int[] fold = folds(rows, FOLDS);
    InjectionModel[] inner = foldModels(rows, FOLDS, enc, only);
    List<Example> kept = new ArrayList<>();
    List<Double> ks = new ArrayList<>();
    List<Boolean> kl = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (only[i]) {
        kept.add(rows.get(i));
        ks.add(inner[fold[i]].score(rows.get(i).text()));
        kl.add(lex[i]);
      }
    }
    double[] ksa = new double[ks.size()];
    boolean[] kla = new boolean[kl.size()];
    for (int j = 0; j < ksa.length; j++) {
      ksa[j] = ks.get(j);
      kla[j] = kl.get(j);
    }
    Thresholds t = chooseThresholds(kept, ksa, kla);
    InjectionModel without = enc.fitOn(only, "held out");
    List<Example> judged = new ArrayList<>();
    List<Double> js = new ArrayList<>();
    List<Boolean> jl = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (!only[i]) {
        judged.add(rows.get(i));
        js.add(without.score(rows.get(i).text()));
        jl.add(lex[i]);
      }
    }
    double[] jsa = new double[js.size()];
    boolean[] jla = new boolean[jl.size()];
    for (int j = 0; j < jsa.length; j++) {
      jsa[j] = js.get(j);
      jla[j] = jl.get(j);
    }
    String heldDump = System.getProperty("dumpHeldOut");
    if (heldDump != null && bySource == null) {
      // experiments: every held-out row's score and decision (caught by the whole guard or not), appended per run
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < judged.size(); i++) {
        Example r = judged.get(i);
        int[] g = figures(List.of(r), new double[] {jsa[i]}, new boolean[] {jla[i]}, t, null);
        sb.append(String.format(Locale.ROOT, "%.4f\t%d\t%d\t%s\t%s\t%s\t%s\t%s%n", jsa[i], r.label(), g[0] + g[2],
            jla[i] ? "lexicon" : "-", r.source(), r.language(), r.category(), r.text().replace('\n', ' ').replace('\t', ' ')));
      }
      try {
        Files.writeString(Path.of(heldDump), sb.toString(), StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    if (bySource != null) {
      for (int i = 0; i < judged.size(); i++) {
        Example r = judged.get(i);
        int[] g = figures(List.of(r), new double[] {jsa[i]}, new boolean[] {jla[i]}, t, null);
        for (String key : List.of("all", r.source(), "all/" + r.language())) {
          int[] acc = bySource.computeIfAbsent(key, x -> new int[4]);
          for (int j = 0; j < 4; j++) {
            acc[j] += g[j];
          }
        }
      }
    }
    return figures(judged, jsa, jla, t, null);
  }

  /** Held-out rows of the weak kinds of round 3 in the data directory: never trained on, judged after training. */
  public static final String HELD_OUT = "heldout-round3.tsv";
  /**
   * Held-out rows of round 5 (multi-turn pastes, attacks inside reviews and order notes, polite extraction,
   * translation-wrapped attacks, Vietnamese teencode, French/Spanish/Italian hijacks, obfuscation, and benign rows of
   * the same shapes): never trained on, judged after training.
   */
  public static final String HELD_OUT_ROUND5 = "heldout-round5.tsv";
  /**
   * Held-out rows of round 6 (polite configuration extraction, role reassignment to a brand or a professional, fake
   * authority, instructions inside reviews and notes, output forcing, rude personas, fr/es/it/pt hijacks, encoded
   * attacks, exfiltration links, and benign rows of the same shapes and benign uses of attack words), written before
   * the round-6 tuning: never trained on, judged after training.
   */
  public static final String HELD_OUT_ROUND6 = "heldout-round6.tsv";
  /**
   * Held-out rows of round 7 (Vietnamese attacks by kind — override, role reassignment, developer/debug mode, fiction
   * framing, system-prompt extraction, task hijack, output manipulation — typed with and without diacritics, in
   * teencode and as Telex keystrokes; Italian, Portuguese and French hijacks; attacks in languages without a lexicon;
   * benign look-alikes of the same shapes), written before the round-7 tuning: never trained on, judged after training.
   */
  public static final String HELD_OUT_ROUND7 = "heldout-round7.tsv";
  /**
   * Held-out rows of round 8 (attacks of the common public jailbreak and injection kinds — renamed DAN-like personas,
   * refusal suppression, forced openings, fake admin notices, maintenance/developer mode, the "grandmother" trick,
   * split payloads, markdown exfiltration links, instructions inside reviews and order notes — in en, vi (all four
   * typings), de, fr, es and in pl, tr, id and ja, which have no lexicon of their own; benign look-alikes in the same
   * languages), written before the round-8 changes: never trained on, judged after training.
   */
  public static final String HELD_OUT_ROUND8 = "heldout-round8.tsv";
  /**
   * Held-out rows of round 9 (attacks of the round-8 kinds in en, vi — with and without diacritics, teencode, Telex
   * keystrokes with and without tone keys — de, fr, es, and in ja, ko, zh and th, scripts without a lexicon; more benign
   * look-alikes than attacks in every one of those languages), written before the round-9 changes: never trained on,
   * judged after training.
   */
  public static final String HELD_OUT_ROUND9 = "heldout-round9.tsv";
  /**
   * Held-out rows of round 10 (fiction and role-play framing, payload splitting, override/role/developer-mode moves in
   * pl, tr, id, ja, ko, zh, th, ru, es, de, fr and Vietnamese without diacritics and in teencode, indirect injection
   * inside a pasted review, invoice or URL, encoded payloads, system-prompt extraction; more benign look-alikes than
   * attacks: quoted "ignore", questions about prompts, allowed role-play and stories, programming questions, Vietnamese
   * shopping chatter), written before the round-10 changes: never trained on, judged after training.
   */
  public static final String HELD_OUT_ROUND10 = "heldout-round10.tsv";
  /**
   * Held-out rows of round 11 (payload splitting, "repeat the text above", translation-wrapped injections, instructions
   * wrapped in markdown, polite system-prompt extraction, emoji and leetspeak obfuscation, multi-turn setup phrases, in
   * en, vi, de, fr, es, id, zh, ja and th; about as many benign look-alikes: programming and data questions with
   * "ignore/skip/override", "forget my last order", harmless role-play, a phone's developer mode, benign "for the rest of
   * this chat" preferences), written before the round-11 changes: never trained on, judged after training.
   */
  public static final String HELD_OUT_ROUND11 = "heldout-round11.tsv";
  /**
   * Held-out rows of round 12 (long role-play jailbreaks, refusal suppression, payload splitting, translation-wrapped
   * instructions, indirect injection inside pasted reviews, emails and URLs, "repeat the text above", short task hijacks,
   * in en, vi, de, fr, es, it, pt, id, ru, pl, tr, nl, ja, zh, ko and th; more benign rows than attacks: customer messages
   * that mention bots, prompts, policies and instructions, pasted benign reviews and emails, harmless role-play), written
   * before the round-12 changes: never trained on, judged after training.
   */
  public static final String HELD_OUT_ROUND12 = "heldout-round12.tsv";
  /**
   * Held-out rows of round 13 (short task hijacks after a pleasantry or a dropped topic, override wording, role
   * reassignment, DAN clones by their traits, developer mode, extraction, fiction framing, output forcing, notes inside
   * reviews, in en, vi, de, fr, es, it and pt; more benign look-alikes: shop questions with "ignore", "instructions",
   * "prompt", "developer mode", "forget", "từ giờ", "bỏ qua", questions about bots and prompts), written before the
   * round-13 changes: never trained on, judged after training.
   */
  public static final String HELD_OUT_ROUND13 = "heldout-round13.tsv";
  /**
   * Held-out rows of round 14 (output forcing, role prompts that change the task, fiction framing of harmful or extraction
   * requests, short task hijacks and overrides, in en, vi with and without diacritics, de, fr, es, and it, pt, id, ja;
   * more benign look-alikes: shop customers saying "say", "act as a gift", "pretend", "role", "write me a card text",
   * "answer only with the price", "từ giờ", "bỏ qua", "Anweisung", "vergiss nicht"), written before the round-14 changes:
   * never trained on, judged after training.
   */
  public static final String HELD_OUT_ROUND14 = "heldout-round14.tsv";
  /** Every held-out file {@link #main} judges with the model it wrote, in this order. */
  public static final List<String> HELD_OUT_FILES =
      List.of(HELD_OUT, HELD_OUT_ROUND5, HELD_OUT_ROUND6, HELD_OUT_ROUND7, HELD_OUT_ROUND8, HELD_OUT_ROUND9,
          HELD_OUT_ROUND10, HELD_OUT_ROUND11, HELD_OUT_ROUND12, HELD_OUT_ROUND13, HELD_OUT_ROUND14);

  static double[] scores(InjectionModel m, List<Example> rows) {
    double[] s = new double[rows.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = m.score(rows.get(i).text());
    }
    return s;
  }

  /** Folds of the cross-validation. */
  public static final int FOLDS = 5;

  private static boolean[] allTrue(int n) {
    boolean[] b = new boolean[n];
    Arrays.fill(b, true);
    return b;
  }

  /**
   * Whole-guard figures on the rows of {@code source} (all rows when null).
   *
   * @return {attacks caught, attacks, benign stopped, benign}
   */
  static int[] figures(List<Example> rows, double[] scores, boolean[] lex, Thresholds t, String source) {
    int[] f = new int[4];
    for (int i = 0; i < rows.size(); i++) {
      Example r = rows.get(i);
      if (source != null && !r.source().equals(source)) {
        continue;
      }
      NormalizedText nt = TextNormalizer.normalize(r.text());
      boolean judged = InjectionModel.enoughText(nt.chars, nt.length());
      String lang = LanguageId.detect(r.text());
      boolean noLex = LearnedInjectionRail.flagWhenUnsure(lang);
      boolean caught = lex[i] || (judged && (scores[i] >= t.block() || (noLex && scores[i] >= t.flag(lang))));
      if (r.label() == 1) {
        f[1]++;
        f[0] += caught ? 1 : 0;
      } else {
        f[3]++;
        f[2] += caught ? 1 : 0;
      }
    }
    return f;
  }
}
