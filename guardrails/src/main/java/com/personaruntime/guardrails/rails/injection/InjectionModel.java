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
 * character 3-5-grams and word 1-2-grams of the NORMALISED text (case, diacritics, look-alikes,
 * leetspeak, split letters and teencode folded, see {@code TextNormalizer}), so Vietnamese typed
 * with or without diacritics, and teencode, share features.
 *
 * <p>Scoring is one pass over the normalised text: about 4 hashes per character, each a lookup in
 * a float array of {@code 2^bits} signed weights; the sum is divided by the square root of the
 * number of features (length normalisation) and squashed to a probability. No allocation per
 * character; a 1 KB message scores in a few microseconds.
 *
 * <p>Weights ship as a versioned resource ({@value #RESOURCE}); the training code is
 * {@link InjectionTrainer} and the data recipe is {@code guardrails/training/README.md}. The file
 * carries two thresholds chosen by cross-validation: {@link #blockThreshold()} (about 1% false
 * positives on held-out benign rows) and {@link #flagThreshold()} (a lower "unsure" bound used
 * where no lexicon covers the language).
 */
public final class InjectionModel {
  /** Classpath resource of the shipped weights. The file name carries the model version. */
  public static final String RESOURCE = "/com/personaruntime/guardrails/rails/injection/injection-model-v1.bin.gz";
  static final int MAGIC = 0x50524931; // "PRI1"

  private final int bits;
  private final int mask;
  private final float[] w;
  private final float bias;
  private final double blockThreshold;
  private final double flagThreshold;
  private final String note;

  InjectionModel(int bits, float[] w, float bias, double blockThreshold, double flagThreshold, String note) {
    if (w.length != 1 << bits) {
      throw new IllegalArgumentException("weights: expected " + (1 << bits) + " values, got " + w.length);
    }
    this.bits = bits;
    this.mask = (1 << bits) - 1;
    this.w = w;
    this.bias = bias;
    this.blockThreshold = blockThreshold;
    this.flagThreshold = flagThreshold;
    this.note = note;
  }

  private static volatile InjectionModel shipped;

  /**
   * The shipped model, loaded once per JVM.
   *
   * @throws IllegalStateException when the resource is missing or damaged (the jar is broken: the
   *     input guard must not silently run without its detector)
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

  /** @return the probability-like score threshold at or above which input is blocked (about 1% FP on held-out data) */
  public double blockThreshold() {
    return blockThreshold;
  }

  /** @return the lower "unsure" threshold: input in a language without a lexicon scoring at or above it is flagged */
  public double flagThreshold() {
    return flagThreshold;
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

  /** Scores normalised chars [0, len). */
  double score(char[] c, int len) {
    len = Math.min(len, MAX_CHARS);
    double[] acc = new double[2];
    features(c, len, bits, (idx, sign) -> {
      acc[0] += sign * w[idx];
      acc[1]++;
    });
    return sigmoid(bias + acc[0] / Math.sqrt(Math.max(1, acc[1])));
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

  private static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  private static boolean sep(char ch) {
    return ch == ' ' || ch == TextNormalizer.BREAK;
  }

  /**
   * Emits the hashed features of normalised chars [0, len): char 3-, 4- and 5-grams over the text
   * with a space before and after (sentence breaks read as spaces), word unigrams and bigrams.
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
          int m = mix(h + k * 0x9e3779b9);
          sink.feature(m & mask, (m >>> 31) == 0 ? 1 : -1);
        }
      }
    }
    int prev = 0;
    boolean hasPrev = false;
    int i = 0;
    while (i < len) {
      if (sep(c[i])) {
        i++;
        continue;
      }
      int h = 0x1234567;
      while (i < len && !sep(c[i])) {
        h = (h ^ c[i]) * PRIME;
        i++;
      }
      int m = mix(h ^ 0x5bd1e995);
      sink.feature(m & mask, (m >>> 31) == 0 ? 1 : -1);
      if (hasPrev) {
        int b = mix(prev * 31 + h + 0x27d4eb2d);
        sink.feature(b & mask, (b >>> 31) == 0 ? 1 : -1);
      }
      prev = h;
      hasPrev = true;
    }
  }

  public InjectionModel withThresholds(double block, double flag) {
    return new InjectionModel(bits, w, bias, block, flag, note);
  }

  int bits() {
    return bits;
  }

  /** Writes the model (gzip; header, then the weights as floats). */
  void write(OutputStream out) throws IOException {
    try (DataOutputStream d = new DataOutputStream(new GZIPOutputStream(out))) {
      d.writeInt(MAGIC);
      d.writeInt(bits);
      d.writeFloat(bias);
      d.writeDouble(blockThreshold);
      d.writeDouble(flagThreshold);
      d.writeUTF(note);
      for (float x : w) {
        d.writeFloat(x);
      }
    }
  }

  static InjectionModel read(InputStream in) throws IOException {
    try (DataInputStream d = new DataInputStream(new GZIPInputStream(in, 1 << 16))) {
      int magic = d.readInt();
      if (magic != MAGIC) {
        throw new IOException("not an injection model (magic " + Integer.toHexString(magic) + ")");
      }
      int bits = d.readInt();
      if (bits < 10 || bits > 24) {
        throw new IOException("bad model dimension bits " + bits);
      }
      float bias = d.readFloat();
      double block = d.readDouble();
      double flag = d.readDouble();
      String note = d.readUTF();
      float[] w = new float[1 << bits];
      for (int i = 0; i < w.length; i++) {
        w[i] = d.readFloat();
      }
      return new InjectionModel(bits, w, bias, block, flag, note);
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
