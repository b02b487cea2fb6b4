package com.personaruntime.benchmarks;

import com.personaruntime.guardrails.CheckContext;
import com.personaruntime.guardrails.Direction;
import com.personaruntime.guardrails.Rule;
import com.personaruntime.guardrails.StreamingGuard;
import com.personaruntime.guardrails.rails.Rail;
import com.personaruntime.guardrails.rails.RailInput;
import com.personaruntime.guardrails.text.NormalizedText;
import com.personaruntime.guardrails.text.TextChars;
import com.personaruntime.guardrails.text.TextNormalizer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A/B of two or more benchmark jars (e.g. main's and a change's) in ONE JVM, for a machine whose load makes
 * separate runs incomparable: each jar is loaded by a class loader of its own, and their timings are taken in
 * turn, a short batch each, so every jar sees the same neighbours. Timed per operation in thread CPU time: the
 * output check of {@link GuardrailsBenchmark}'s 1 KB reply, its normalisation, each output rail on the
 * normalised reply, and the reply streamed through a streaming guard (256 tokens). Prints min / p10 / p50 of
 * the batches in microseconds per operation; the minimum is the least disturbed figure.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar com.personaruntime.benchmarks.GuardrailsAB ROUNDS REPS NAME=JAR NAME=JAR ...</pre>
 *
 * <p>e.g. {@code GuardrailsAB 2000 10 before=/tmp/main.jar after=benchmarks/target/benchmarks.jar}. A jar built
 * before this class existed works too: the class is read from this jar, the guardrails from the jar named.
 */
public final class GuardrailsAB {
  private GuardrailsAB() {
  }

  private interface Op {
    void run();
  }

  private static Map<String, Op> ops;
  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

  /** Builds the benchmark state and the operations in the calling class loader, warms them; returns their names. */
  public static String[] setup() {
    GuardrailsBenchmark b = new GuardrailsBenchmark();
    b.setup();
    String text = b.reply;
    CheckContext ctx = b.ctx;
    NormalizedText nt = TextNormalizer.normalize(text);
    Map<String, Op> m = new LinkedHashMap<>();
    m.put("check", () -> b.policy.check(text, ctx));
    m.put("normalize", () -> pinned(text, () -> TextNormalizer.normalize(text)));
    for (Rule r : b.policy.rules()) {
      Rail rail = (Rail) r;
      if (rail.activeFor(Direction.OUTPUT)) {
        m.put(rail.name(), () -> pinned(text,
            () -> rail.check(new RailInput(text, nt, ctx, Direction.OUTPUT, true), new ArrayList<>())));
      }
    }
    m.put("stream", () -> {
      StreamingGuard g = b.policy.streamingGuard(ctx);
      for (String t : b.tokens) {
        g.offer(t);
      }
      g.finish();
    });
    for (int w = 0; w < 2000; w++) {
      for (Op o : m.values()) {
        o.run();
      }
    }
    ops = m;
    return m.keySet().toArray(new String[0]);
  }

  /** As a check runs its rails: with the text's chars pinned (one copy shared by the scanners). */
  private static void pinned(String text, Op op) {
    boolean pin = TextChars.pin(text);
    try {
      op.run();
    } finally {
      if (pin) {
        TextChars.unpin();
      }
    }
  }

  /** Thread CPU time per operation, in microseconds, of {@code reps} runs of operation {@code op}. */
  public static double time(String op, int reps) {
    Op o = ops.get(op);
    long t0 = MX.getCurrentThreadCpuTime();
    for (int i = 0; i < reps; i++) {
      o.run();
    }
    return (MX.getCurrentThreadCpuTime() - t0) / 1000.0 / reps;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("usage: GuardrailsAB ROUNDS REPS NAME=JAR NAME=JAR ...");
      System.exit(2);
    }
    int rounds = Integer.parseInt(args[0]);
    int reps = Integer.parseInt(args[1]);
    URL self = GuardrailsAB.class.getProtectionDomain().getCodeSource().getLocation();
    List<String> names = new ArrayList<>();
    List<Method> timers = new ArrayList<>();
    String[] opNames = null;
    for (int i = 2; i < args.length; i++) {
      String[] nameJar = args[i].split("=", 2);
      if (nameJar.length != 2) {
        System.err.println("not NAME=JAR: " + args[i]);
        System.exit(2);
      }
      // the jar's classes first; this class (and nothing else) from this jar when the other has none
      URLClassLoader cl = new URLClassLoader(new URL[] {Path.of(nameJar[1]).toUri().toURL(), self},
          ClassLoader.getPlatformClassLoader());
      Class<?> c = Class.forName(GuardrailsAB.class.getName(), true, cl);
      String[] these = (String[]) c.getMethod("setup").invoke(null);
      if (opNames != null && !Arrays.equals(opNames, these)) {
        System.err.println(nameJar[0] + " has other operations: " + Arrays.toString(these));
        System.exit(2);
      }
      opNames = these;
      names.add(nameJar[0]);
      timers.add(c.getMethod("time", String.class, int.class));
    }
    int nj = names.size();
    double[][][] res = new double[nj][opNames.length][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int o = 0; o < opNames.length; o++) {
        for (int k = 0; k < nj; k++) {
          int j = (k + r) % nj; // who goes first alternates
          res[j][o][r] = (double) timers.get(j).invoke(null, opNames[o], reps);
        }
      }
    }
    StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-10s", "us/op"));
    for (String n : names) {
      head.append(String.format(Locale.ROOT, " | %-22s", n + " min / p10 / p50"));
    }
    System.out.println(head);
    for (int o = 0; o < opNames.length; o++) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-10s", opNames[o]));
      for (int j = 0; j < nj; j++) {
        double[] v = res[j][o].clone();
        Arrays.sort(v);
        line.append(String.format(Locale.ROOT, " | %6.1f %6.1f %6.1f   ", v[0], v[rounds / 10], v[rounds / 2]));
      }
      System.out.println(line);
    }
  }
}
