package com.personaruntime.loadtest;

import java.util.Arrays;
import java.util.Locale;

/** Thread-safe collector of millisecond samples (stored as microseconds) with nearest-rank percentiles. */
final class Recorder {
  private long[] micros = new long[1024];
  private int n;

  synchronized void addNanos(long nanos) {
    if (n == micros.length) {
      micros = Arrays.copyOf(micros, n * 2);
    }
    micros[n++] = nanos / 1_000;
  }

  synchronized int count() {
    return n;
  }

  /** Sorted copy, in milliseconds. */
  synchronized double[] sortedMillis() {
    long[] c = Arrays.copyOf(micros, n);
    Arrays.sort(c);
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = c[i] / 1000.0;
    }
    return d;
  }

  static double pct(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** "n=.. p50=.. p90=.. p99=.. max=.." in ms, each sample minus {@code offsetMs}. */
  String summary(double offsetMs) {
    double[] s = sortedMillis();
    if (s.length == 0) {
      return "n=0";
    }
    return String.format(Locale.ROOT, "n=%d p50=%.1f p90=%.1f p99=%.1f max=%.1f ms", s.length,
        pct(s, 50) - offsetMs, pct(s, 90) - offsetMs, pct(s, 99) - offsetMs, s[s.length - 1] - offsetMs);
  }

  String toJson(double offsetMs) {
    double[] s = sortedMillis();
    if (s.length == 0) {
      return "{\"n\":0}";
    }
    return String.format(Locale.ROOT, "{\"n\":%d,\"p50\":%.2f,\"p90\":%.2f,\"p99\":%.2f,\"max\":%.2f}", s.length,
        pct(s, 50) - offsetMs, pct(s, 90) - offsetMs, pct(s, 99) - offsetMs, s[s.length - 1] - offsetMs);
  }
}
