package com.personaruntime.guardrails.rails.injection;

import com.personaruntime.guardrails.text.NormalizedText;
import com.personaruntime.guardrails.text.TextNormalizer;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The learned prompt-injection / jailbreak detector: a logistic-regression model over hashed
 * features of the NORMALISED text (case, diacritics, look-alikes, leetspeak, split letters and
 * teencode folded, see {@code TextNormalizer}), so Vietnamese typed with or without diacritics, and
 * teencode, share features. Feature set {@value #FEATURE_SET}:
 * <ul>
 *   <li>character 3-, 4- and 5-grams (with a space before and after the text);</li>
 *   <li>word unigrams and bigrams;</li>
 *   <li>language-neutral <b>concepts</b> ({@value #CONCEPTS_RESOURCE}): words of many languages that
 *       play the same part in an attack ("vergiss", "oublie", "quên", "forget" are all IGNORE) give
 *       concept unigrams, concept bigrams (two concepts at most {@value #CONCEPT_GAP} words apart,
 *       e.g. IGNORE→INSTRUCTION) and "concept at the start of a sentence" (imperative structure:
 *       "Vergiss alles.", "Now write ..."), so a move learned in one language carries to others;</li>
 *   <li>a message-length bucket (words: &lt;4, &lt;8, &lt;16, &lt;32, &lt;64, &lt;128, more).</li>
 * </ul>
 *
 * <p>Scoring is one pass over the normalised text: about 5 hashes per character, plus one lookup
 * per word in a small open-addressing table of concepts; each feature is a lookup in a float array of
 * {@code 2^bits} signed weights; the sum is divided by the square root of the number of features
 * (length normalisation), and this linear output {@code z} becomes the score {@code sigmoid(a * z + b)} with the
 * Platt calibration ({@link #withCalibration}) fitted on out-of-fold outputs, so the score reads as a probability. Linear in the text, no allocation per
 * character; a 1 KB message scores in a few microseconds.
 *
 * <p>Weights ship as a versioned resource ({@value #RESOURCE}); the training code is
 * {@link InjectionTrainer} and the data recipe is {@code guardrails/training/README.md}. The file
 * records the feature set and the CRC-32 of the concepts file it was trained with, and refuses to
 * load against other ones; it also records checksums of its training rows and of their normalised
 * text ({@link #dataChecksum()}, {@link #normalisedChecksum()}), which a test compares with what the
 * current data and {@code TextNormalizer} give, so a normaliser change that alters the features is
 * caught without a retrain. It carries two thresholds chosen on out-of-fold scores of a
 * cross-validation of the whole input guard (lexicons included, see
 * {@link InjectionTrainer#chooseThresholds}): {@link #blockThreshold()} (false positives at or below
 * 1% of the held-out benign rows, and 2% of any one source) and {@link #flagThreshold()} (a lower
 * "unsure" bound used where no full lexicon covers the language).
 */
public final class InjectionModel {
  /** Classpath resource of the shipped weights. The file name carries the model version. */
  public static final String RESOURCE = "/com/personaruntime/guardrails/rails/injection/injection-model-v2.bin.gz";
  /** Classpath resource of the concept lexicon (part of the feature set). */
  public static final String CONCEPTS_RESOURCE = "/com/personaruntime/guardrails/rails/injection/concepts.txt";
  /** Version of the feature extraction in {@link #features}; a model file of another version does not load. */
  public static final int FEATURE_SET = 4; // 4: feature set 2 plus character bigrams of Han, Kana and Hangul (round 9)
  /**
   * File format: "PRI5" (format 5 adds the "unsure" flag threshold of languages without any lexicon; format 4, "PRI4",
   * which still loads with one flag threshold for both groups, added the calibration slope and intercept; format 3,
   * "PRI3", which still loads with the identity calibration, added the checksums of the training text; format 2,
   * "PRI2", had none).
   */
  static final int MAGIC = 0x50524935; // "PRI5"
  /** Format 4, read with the same flag threshold for languages without any lexicon as for input-only lexicons. */
  static final int MAGIC_4 = 0x50524934; // "PRI4"
  /** Format 3, read with the identity calibration. */
  static final int MAGIC_3 = 0x50524933; // "PRI3"
  /** Two concepts at most this many words apart form a concept bigram. */
  static final int CONCEPT_GAP = 3;

  private final int bits;
  private final int mask;
  private final float[] w;
  private final float bias;
  private final double blockThreshold;
  private final double flagThreshold;
  private final double flagNoLexicon;
  private final String note;
  private final long dataChecksum;
  private final long normalisedChecksum;
  private final double calA;
  private final double calB;

  InjectionModel(int bits, float[] w, float bias, double blockThreshold, double flagThreshold, String note) {
    this(bits, w, bias, blockThreshold, flagThreshold, flagThreshold, note, 0, 0, 1, 0);
  }

  InjectionModel(int bits, float[] w, float bias, double blockThreshold, double flagThreshold, double flagNoLexicon,
      String note, long dataChecksum, long normalisedChecksum, double calA, double calB) {
    if (w.length != 1 << bits) {
      throw new IllegalArgumentException("weights: expected " + (1 << bits) + " values, got " + w.length);
    }
    this.bits = bits;
    this.mask = (1 << bits) - 1;
    this.w = w;
    this.bias = bias;
    this.blockThreshold = blockThreshold;
    this.flagThreshold = flagThreshold;
    this.flagNoLexicon = flagNoLexicon;
    this.note = note;
    this.dataChecksum = dataChecksum;
    this.normalisedChecksum = normalisedChecksum;
    this.calA = calA;
    this.calB = calB;
  }

  private static volatile InjectionModel shipped;

  /**
   * The shipped model, loaded once per JVM.
   *
   * @throws IllegalStateException when the resource is missing or damaged, or was trained with
   *     another feature set or concepts file (the jar is broken: the input guard must not silently
   *     run without its detector)
   */
  public static InjectionModel shipped() {
    InjectionModel m = shipped;
    if (m == null) {
      synchronized (InjectionModel.class) {
        m = shipped;
        if (m == null) {
          try (InputStream in = InjectionModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
              throw new IllegalStateException("injection model resource " + RESOURCE + " is missing from the classpath");
            }
            shipped = m = read(in);
          } catch (IOException e) {
            throw new IllegalStateException("injection model resource " + RESOURCE + " cannot be read: " + e.getMessage(), e);
          }
        }
      }
    }
    return m;
  }

  /** @return the probability-like score threshold at or above which input is blocked (about 1% false positives out of fold) */
  public double blockThreshold() {
    return blockThreshold;
  }

  /**
   * @return the lower "unsure" threshold of the languages with an input-only injection lexicon (de, fr, es, it, pt, ru:
   *     {@link LanguageId#hasInputLexicon}): input in such a language scoring at or above it is flagged
   */
  public double flagThreshold() {
    return flagThreshold;
  }

  /**
   * @return the "unsure" threshold of the languages without any lexicon (nl, pl, tr, id, sv, ja, ko, zh, th ...), where
   *     the learned detector is the only judge: input in such a language scoring at or above it is flagged
   */
  public double flagThresholdNoLexicon() {
    return flagNoLexicon;
  }

  /** @return the "unsure" threshold for input in {@code lang}: {@link #flagThreshold} or {@link #flagThresholdNoLexicon} */
  public double flagThreshold(String lang) {
    return LanguageId.hasInputLexicon(lang) ? flagThreshold : flagNoLexicon;
  }

  /**
   * @return checksum of the raw training rows (label and text, in {@link InjectionTrainer#loadDefault} order) this
   *     model was trained on ({@link InjectionTrainer#dataChecksum}); 0 for a model not written by the trainer's main
   */
  public long dataChecksum() {
    return dataChecksum;
  }

  /**
   * @return checksum of the NORMALISED text of the training rows ({@link InjectionTrainer#normalisedChecksum}): the
   *     features are computed from it, so when {@code TextNormalizer} folds the training text differently from
   *     the day the model was trained, this no longer matches and the model needs a retrain (checked by a test)
   */
  public long normalisedChecksum() {
    return normalisedChecksum;
  }

  /** The same model recording the checksums of its training rows (raw and normalised). */
  InjectionModel withChecksums(long data, long normalised) {
    return new InjectionModel(bits, w, bias, blockThreshold, flagThreshold, flagNoLexicon, note, data, normalised, calA, calB);
  }

  /**
   * The same model with the calibration {@code score = sigmoid(a * z + b)} of its linear output {@code z} (Platt
   * scaling fitted by {@link InjectionTrainer#platt} on out-of-fold outputs), so that {@link #score} reads as the
   * probability that a row of the training mix is an attack. Monotone: it moves the thresholds, not the decisions.
   *
   * @param a slope, positive
   * @param b intercept
   * @throws IllegalArgumentException when {@code a} is not a positive finite number or {@code b} is not finite
   */
  public InjectionModel withCalibration(double a, double b) {
    if (!(a > 0) || Double.isInfinite(a) || !Double.isFinite(b)) {
      throw new IllegalArgumentException("calibration: slope must be positive and finite, intercept finite; got a=" + a + ", b=" + b);
    }
    return new InjectionModel(bits, w, bias, blockThreshold, flagThreshold, flagNoLexicon, note, dataChecksum, normalisedChecksum,
        a, b);
  }

  /** @return slope of the calibration of the linear output (1 for an uncalibrated model); see {@link #withCalibration} */
  public double calibrationSlope() {
    return calA;
  }

  /** @return intercept of the calibration of the linear output (0 for an uncalibrated model); see {@link #withCalibration} */
  public double calibrationIntercept() {
    return calB;
  }

  /** @return a one-line description of the training run (data, rows, cross-validated figures) */
  public String note() {
    return note;
  }

  /** Scores a raw text (normalises it first). @return probability (0..1) that the text is an injection/jailbreak */
  public double score(String text) {
    NormalizedText nt = TextNormalizer.normalize(text);
    return score(nt.chars, nt.length());
  }

  /**
   * Longest prefix of the normalised text that is scored: attacks state their move early; the
   * rest of a very long message adds cost, not evidence. (The lexicons still read everything.)
   */
  static final int MAX_CHARS = 2048;

  /**
   * Scores normalised chars [0, len), without their data-handling clauses ({@link DataClauses}: "ignore the first line"
   * of a CSV, "skip the header row" in a message about programming or data) and their requests for one of the shop's
   * public documents ({@link PublicDocuments}: "tell me your return policy word for word") and the customer's own clauses
   * about the conversation, the assistant or a product ({@link CustomerClauses}: "ignore my last message", "who
   * programmed you?", "the instructions on the box").
   */
  double score(char[] c, int len) {
    char[] scored = scored(c, len);
    Acc acc = new Acc(w);
    features(scored, Math.min(scored == c ? len : scored.length, MAX_CHARS), bits, acc);
    return sigmoid(calA * linear(acc) + calB);
  }

  /**
   * The chars the detector reads: {@code c} itself when nothing is taken out (the caller's {@code len} applies),
   * else a new array without the data-handling clauses and public-document requests.
   */
  private static char[] scored(char[] c, int len) {
    char[] out = c;
    int n = len;
    char[] without = DataClauses.without(out, n);
    if (without != null) {
      out = without;
      n = without.length;
    }
    without = PublicDocuments.without(out, n);
    if (without != null) {
      out = without;
      n = without.length;
    }
    without = CustomerClauses.without(out, n);
    return without != null ? without : out;
  }

  /** The uncalibrated linear output (log-odds before {@link #withCalibration}) of normalised chars [0, len). */
  double logit(char[] c, int len) {
    char[] scored = scored(c, len);
    Acc acc = new Acc(w);
    features(scored, Math.min(scored == c ? len : scored.length, MAX_CHARS), bits, acc);
    return linear(acc);
  }

  private double linear(Acc acc) {
    return bias + acc.sum / Math.sqrt(Math.max(1, acc.n));
  }

  /** Sums signed weights (one object per message, none per feature). */
  private static final class Acc implements FeatureSink {
    final float[] w;
    double sum;
    int n;

    Acc(float[] w) {
      this.w = w;
    }

    @Override
    public void feature(int index, int sign) {
      sum += sign * w[index];
      n++;
    }
  }

  /** Letters a message of one or two words needs before the model alone judges it (a word typed with split letters, "S a y t h a t ..."). */
  static final int MIN_LETTERS_SHORT = 16;

  /**
   * Whether the model judges a message at all: three words or more, or one or two words of at least
   * {@value #MIN_LETTERS_SHORT} letters. One or two short words carry too little for the model alone
   * ("ok shop"); the lexicons still apply.
   */
  static boolean enoughText(char[] c, int len) {
    int words = 0;
    for (int i = 0; i < len && words < 3; i++) {
      if (c[i] != ' ' && c[i] != TextNormalizer.BREAK && (i == 0 || c[i - 1] == ' ' || c[i - 1] == TextNormalizer.BREAK)) {
        words++;
      }
    }
    return words >= 3 || (words > 0 && len >= MIN_LETTERS_SHORT);
  }

  static double sigmoid(double z) {
    return 1.0 / (1.0 + Math.exp(-z));
  }

  /** Receives one hashed feature: bucket index and sign (+1/-1). */
  interface FeatureSink {
    void feature(int index, int sign);
  }

  private static final int FNV = 0x811c9dc5;
  private static final int PRIME = 0x01000193;
  private static final int GOLDEN = 0x61c88647;

  static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  /** Han (CJK Unified Ideographs and Extension A), Hiragana, Katakana and Hangul syllables. */
  static boolean cjk(char ch) {
    return (ch >= 0x3040 && ch <= 0x30FF) || (ch >= 0x3400 && ch <= 0x4DBF) || (ch >= 0x4E00 && ch <= 0x9FFF)
        || (ch >= 0xAC00 && ch <= 0xD7A3);
  }

  private static boolean sep(char ch) {
    return ch == ' ' || ch == TextNormalizer.BREAK;
  }

  private static void emit(FeatureSink sink, int m, int mask) {
    sink.feature(m & mask, (m >>> 31) == 0 ? 1 : -1);
  }

  /** Hash of one normalised word (the same function builds the concept table). */
  static int wordHash(char[] c, int from, int to) {
    int h = 0x1234567;
    for (int i = from; i < to; i++) {
      h = (h ^ c[i]) * PRIME;
    }
    return h;
  }

  /** Key of two consecutive words (word bigram feature and two-word concept entries). */
  static int pairKey(int prev, int h) {
    return prev * 31 + h + 0x27d4eb2d;
  }

  /**
   * Emits the hashed features of normalised chars [0, len) (see the class comment). The order and
   * hashing are part of the feature set {@value #FEATURE_SET}: change them only with a new version.
   */
  static void features(char[] c, int len, int bits, FeatureSink sink) {
    int mask = (1 << bits) - 1;
    int n = len + 2;
    for (int i = 0; i + 3 <= n; i++) {
      int h = FNV;
      for (int k = 0; k < 5 && i + k < n; k++) {
        int p = i + k - 1;
        char ch = p < 0 || p >= len || sep(c[p]) ? ' ' : c[p];
        h = (h ^ ch) * PRIME;
        if (k >= 2) {
          emit(sink, mix(h + k * 0x9e3779b9), mask);
        }
      }
    }
    // Han, Kana and Hangul: most words are two characters, so character bigrams (which the 3-5-grams above only see
    // with a neighbour) carry them: 無視 指示 忽略 指令 무시 지시 (feature set 4)
    for (int i = 0; i + 1 < len; i++) {
      if (cjk(c[i]) && cjk(c[i + 1])) {
        emit(sink, mix(((FNV ^ c[i]) * PRIME ^ c[i + 1]) * PRIME + 0x2545f491), mask);
      }
    }
    Concepts concepts = Concepts.shipped();
    int prev = 0;
    int words = 0;
    int lastConcept = -1;
    int sinceConcept = Integer.MAX_VALUE / 2;
    boolean sentenceStart = true;
    int i = 0;
    while (i < len) {
      if (sep(c[i])) {
        if (c[i] == TextNormalizer.BREAK) {
          sentenceStart = true;
        }
        i++;
        continue;
      }
      int s = i;
      while (i < len && !sep(c[i])) {
        i++;
      }
      int h = wordHash(c, s, i);
      emit(sink, mix(h ^ 0x5bd1e995), mask);
      if (words > 0) {
        emit(sink, mix(pairKey(prev, h)), mask);
      }
      int concept = words > 0 ? concepts.pair(pairKey(prev, h)) : -1;
      if (concept < 0) {
        concept = concepts.word(h);
      }
      if (concept >= 0) {
        emit(sink, mix(0x3c6ef372 + concept * GOLDEN), mask);
        if (lastConcept >= 0 && lastConcept != concept && sinceConcept <= CONCEPT_GAP) {
          emit(sink, mix(0x7f4a7c15 + (lastConcept * 64 + concept) * GOLDEN), mask);
        }
        if (sentenceStart) {
          emit(sink, mix(0x6a09e667 + concept * GOLDEN), mask);
        }
        lastConcept = concept;
        sinceConcept = 0;
      } else {
        sinceConcept++;
      }
      sentenceStart = false;
      prev = h;
      words++;
    }
    int bucket = words < 4 ? 0 : words < 8 ? 1 : words < 16 ? 2 : words < 32 ? 3 : words < 64 ? 4 : words < 128 ? 5 : 6;
    for (int r = 0; r < 4; r++) {
      emit(sink, mix(0x51ed270b + bucket * GOLDEN + r), mask);
    }
  }

  /** The same model with block threshold {@code block} and {@code flag} as the "unsure" threshold of both language groups. */
  public InjectionModel withThresholds(double block, double flag) {
    return withThresholds(block, flag, flag);
  }

  /**
   * The same model with block threshold {@code block}, "unsure" threshold {@code flag} for languages with an input-only
   * lexicon and {@code flagNoLexicon} for languages without any lexicon.
   */
  public InjectionModel withThresholds(double block, double flag, double flagNoLexicon) {
    return new InjectionModel(bits, w, bias, block, flag, flagNoLexicon, note, dataChecksum, normalisedChecksum, calA, calB);
  }

  float[] weights() {
    return w;
  }

  float bias() {
    return bias;
  }

  int bits() {
    return bits;
  }

  /** Writes the model (gzip; header, then the weights as floats). */
  void write(OutputStream out) throws IOException {
    try (DataOutputStream d = new DataOutputStream(new GZIPOutputStream(out))) {
      d.writeInt(MAGIC);
      d.writeInt(FEATURE_SET);
      d.writeInt(Concepts.shipped().crc());
      d.writeInt(bits);
      d.writeFloat(bias);
      d.writeDouble(blockThreshold);
      d.writeDouble(flagThreshold);
      d.writeUTF(note);
      d.writeLong(dataChecksum);
      d.writeLong(normalisedChecksum);
      d.writeDouble(calA);
      d.writeDouble(calB);
      d.writeDouble(flagNoLexicon);
      for (float x : w) {
        d.writeFloat(x);
      }
    }
  }

  static InjectionModel read(InputStream in) throws IOException {
    try (DataInputStream d = new DataInputStream(new GZIPInputStream(in, 1 << 16))) {
      int magic = d.readInt();
      if (magic != MAGIC && magic != MAGIC_4 && magic != MAGIC_3) {
        throw new IOException("not an injection model of this version (magic " + Integer.toHexString(magic)
            + ", expected " + Integer.toHexString(MAGIC) + "): retrain with InjectionTrainer");
      }
      int features = d.readInt();
      if (features != FEATURE_SET) {
        throw new IOException("model trained with feature set " + features + ", this code extracts feature set " + FEATURE_SET
            + ": retrain with InjectionTrainer");
      }
      int crc = d.readInt();
      if (crc != Concepts.shipped().crc()) {
        throw new IOException("model trained with another " + CONCEPTS_RESOURCE + " (CRC-32 " + Integer.toHexString(crc)
            + ", now " + Integer.toHexString(Concepts.shipped().crc()) + "): retrain with InjectionTrainer");
      }
      int bits = d.readInt();
      if (bits < 10 || bits > 24) {
        throw new IOException("bad model dimension bits " + bits);
      }
      float bias = d.readFloat();
      double block = d.readDouble();
      double flag = d.readDouble();
      String note = d.readUTF();
      long data = d.readLong();
      long normalised = d.readLong();
      double a = magic != MAGIC_3 ? d.readDouble() : 1;
      double b = magic != MAGIC_3 ? d.readDouble() : 0;
      double flagNoLexicon = magic == MAGIC ? d.readDouble() : flag;
      float[] w = new float[1 << bits];
      for (int i = 0; i < w.length; i++) {
        w[i] = d.readFloat();
      }
      return new InjectionModel(bits, w, bias, block, flag, flagNoLexicon, note, data, normalised, a, b);
    }
  }

  byte[] toBytes() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try {
      write(b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return b.toByteArray();
  }
}
