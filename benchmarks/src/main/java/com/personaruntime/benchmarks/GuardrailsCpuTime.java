package com.personaruntime.benchmarks;

import com.personaruntime.guardrails.StreamingGuard;
import com.personaruntime.guardrails.rails.injection.InjectionModel;
import com.personaruntime.guardrails.text.TextNormalizer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * The same operations as {@link GuardrailsBenchmark}, timed per operation in THREAD CPU time
 * ({@link ThreadMXBean#getCurrentThreadCpuTime()}), so time the thread spends descheduled on a
 * shared, overloaded machine does not count. Prints p50/p90/p99/p99.9 in microseconds. Use it
 * beside JMH when the machine's load average is far above its core count (JMH's wall-clock
 * samples then measure the queue, not the code).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar com.personaruntime.benchmarks.GuardrailsCpuTime [ops | adversarial]</pre>
 *
 * <p>All operations are warmed up together (3 x ops turns) before any is timed, then each is
 * timed over two passes of {@code ops} operations, the second reported.
 */
public final class GuardrailsCpuTime {
  private GuardrailsCpuTime() {
  }

  interface Op {
    void run();
  }

  public static void main(String[] args) {
    boolean adversarialOnly = args.length > 0 && args[0].equals("adversarial");
    int ops = args.length > 0 && !adversarialOnly ? Integer.parseInt(args[0]) : 20_000;
    GuardrailsBenchmark b = new GuardrailsBenchmark();
    b.setup();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    if (!mx.isCurrentThreadCpuTimeSupported()) {
      System.err.println("thread CPU time is not supported by this JVM");
      System.exit(1);
    }
    mx.setThreadCpuTimeEnabled(true);
    if (adversarialOnly) {
      adversarial(b, mx);
      return;
    }
    // warm every operation up together first (as in a server, where input and output checks
    // interleave), so the JIT has compiled them all before the first one is timed
    for (int i = 0; i < 3 * ops; i++) {
      b.policy.check(b.message, b.inCtx);
      b.policy.check(b.reply, b.ctx);
    }
    report("checkOutput1kb", mx, ops, () -> b.policy.check(b.reply, b.ctx));
    report("checkInput1kb (learned detector)", mx, ops, () -> b.policy.check(b.message, b.inCtx));
    // the learned detector's own cost is the difference of these two: the input check normalises once for every rail
    InjectionModel model = InjectionModel.shipped();
    report("normalise1kb (shared by every rail)", mx, ops, () -> TextNormalizer.normalize(b.message));
    report("learnedScore1kb (normalise + score)", mx, ops, () -> model.score(b.message));
    report("checkTurn1kb (input + output)", mx, ops, () -> {
      b.policy.check(b.message, b.inCtx);
      b.policy.check(b.reply, b.ctx);
    });
    double[] perToken = new double[ops / 10];
    for (int w = 0; w < 2; w++) {
      for (int i = 0; i < perToken.length; i++) {
        long t0 = mx.getCurrentThreadCpuTime();
        StreamingGuard g = b.policy.streamingGuard(b.ctx);
        for (String t : b.tokens) {
          g.offer(t);
        }
        g.finish();
        perToken[i] = (mx.getCurrentThreadCpuTime() - t0) / 1000.0 / GuardrailsBenchmark.TOKENS;
      }
    }
    print("streamPerToken (per token)", perToken);
    adversarial(b, mx);
  }

  /**
   * Linearity on adversarial input (issue 12: no rule worse than linear): the whole output and
   * input check of 16 KB, 64 KB and 256 KB of the same pattern, printed in ns per char; a linear
   * check keeps that figure flat as the text grows. Each size is timed 5 times after one warm-up,
   * the fastest kept (thread CPU time).
   */
  static void adversarial(GuardrailsBenchmark b, ThreadMXBean mx) {
    String longest = "";
    for (String t : b.config.bannedTerms()) {
      if (t.length() > longest.length()) {
        longest = t;
      }
    }
    String partial = longest.substring(0, longest.length() - 1) + " "; // a persona term without its last letter
    String[][] kinds = {
        {"one repeated char", "a"},
        {"repeated partial term", partial},
        {"repeated partial claim (vi)", "chữa khỏi mụ "},
        {"mixed diacritics", "ữ\u0301a\u0300\u0303 ả\u0323 Ộ\u0309\u0301 "},
        {"'@' then letters", "@a"},
        {"digits and dots", "0.9"},
    };
    int[] sizes = {16, 64, 256};
    System.out.println("adversarial input: thread CPU time of one whole check per char (fastest of 5) at 16 / 64 / 256 KB");
    for (String[] k : kinds) {
      StringBuilder line = new StringBuilder();
      for (com.personaruntime.guardrails.CheckContext ctx : new com.personaruntime.guardrails.CheckContext[] {b.ctx, b.inCtx}) {
        line.append(ctx == b.ctx ? "  output" : "  input");
        for (int kb : sizes) {
          int chars = kb * 1024;
          line.append(String.format(Locale.ROOT, " %6.1f", timeCheck(b, mx, repeat(k[1], chars), ctx) * 1000 / chars));
        }
        line.append(" ns/char");
      }
      System.out.printf(Locale.ROOT, "  %-28s%s%n", k[0], line);
    }
  }

  private static String repeat(String unit, int chars) {
    StringBuilder sb = new StringBuilder(chars + unit.length());
    while (sb.length() < chars) {
      sb.append(unit);
    }
    return sb.substring(0, chars);
  }

  private static double timeCheck(GuardrailsBenchmark b, ThreadMXBean mx, String text, com.personaruntime.guardrails.CheckContext ctx) {
    b.policy.check(text, ctx);
    long best = Long.MAX_VALUE;
    for (int r = 0; r < 5; r++) {
      long t0 = mx.getCurrentThreadCpuTime();
      b.policy.check(text, ctx);
      best = Math.min(best, mx.getCurrentThreadCpuTime() - t0);
    }
    return best / 1000.0;
  }

  private static void report(String name, ThreadMXBean mx, int ops, Op op) {
    double[] us = new double[ops];
    for (int warm = 0; warm < 2; warm++) {
      for (int i = 0; i < ops; i++) {
        long t0 = mx.getCurrentThreadCpuTime();
        op.run();
        us[i] = (mx.getCurrentThreadCpuTime() - t0) / 1000.0;
      }
    }
    print(name, us);
  }

  private static void print(String name, double[] us) {
    double[] s = us.clone();
    Arrays.sort(s);
    System.out.printf(Locale.ROOT, "%-36s n=%d  p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  mean %.1f us (thread CPU time)%n",
        name, s.length, pct(s, 0.50), pct(s, 0.90), pct(s, 0.99), pct(s, 0.999), Arrays.stream(s).average().orElse(0));
  }

  private static double pct(double[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }
}
