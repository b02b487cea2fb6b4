package com.personaruntime.benchmarks;

import com.personaruntime.guardrails.Policies;
import com.personaruntime.guardrails.Policy;
import com.personaruntime.guardrails.PolicyConfig;
import com.personaruntime.guardrails.rails.lexicon.LexiconRail;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.util.List;

/**
 * Heap and build cost of the compiled guardrails (docs/benchmarks.md, "Heap of the compiled guardrails"): the heap
 * in use after {@code System.gc()} before and after each step, and the step's thread CPU time.
 * <ol>
 *   <li>the shipped lexicons ({@link LexiconRail#preload()}: built once per JVM), with their pattern count;</li>
 *   <li>the 1,000-term policy of {@link GuardrailsBenchmark} ({@code Policies.compile}), with its own pattern count;</li>
 *   <li>the same policy with a persona name ("Milo", then "Linh"): the name's self-template heads on top.</li>
 * </ol>
 * Each compiled object is kept reachable until the end, so every figure is what it holds. Run with a heap large enough
 * for the build (its peak is several times what it keeps) and nothing else in the JVM:
 *
 * <pre>java -Xmx1g -cp benchmarks/target/benchmarks.jar com.personaruntime.benchmarks.GuardrailsHeap</pre>
 *
 * <p>Heap figures are in MB (10^6 bytes); GC timing makes them vary by ~1 MB between runs.
 */
public final class GuardrailsHeap {
  private GuardrailsHeap() {
  }

  private static long used() throws InterruptedException {
    Runtime r = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return r.totalMemory() - r.freeMemory();
  }

  /** The compiled policy's own pattern count (package-private in guardrails: read reflectively), or -1. */
  private static int ownPatterns(Policy p) {
    try {
      Method m = p.getClass().getDeclaredMethod("patternCount");
      m.setAccessible(true);
      return (Integer) m.invoke(p);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return -1;
    }
  }

  public static void main(String[] args) throws Exception {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long u0 = used();
    long c0 = mx.getCurrentThreadCpuTime();
    LexiconRail.preload();
    long c1 = mx.getCurrentThreadCpuTime();
    long u1 = used();
    System.out.printf("shipped lexicons: %,d patterns, %.1f MB retained, %.2f s CPU to build%n",
        LexiconRail.shippedPatternCount(), (u1 - u0) / 1e6, (c1 - c0) / 1e9);
    GuardrailsBenchmark b = new GuardrailsBenchmark();
    b.setup(); // compiles the policy once (warms the code paths); measured again below
    PolicyConfig config = b.config;
    long u2 = used();
    long c2 = mx.getCurrentThreadCpuTime();
    Policy p = Policies.compile(config);
    long c3 = mx.getCurrentThreadCpuTime();
    long u3 = used();
    System.out.printf("1,000-term policy: %,d own patterns, %.1f MB retained, %.2f s CPU to compile%n", ownPatterns(p),
        (u3 - u2) / 1e6, (c3 - c2) / 1e9);
    Policy[] keep = new Policy[2];
    int k = 0;
    for (String name : List.of("Milo", "Linh")) {
      PolicyConfig named = PolicyConfig.builder().bannedTerms(config.bannedTerms()).competitors(config.competitors())
          .forbiddenClaims(config.forbiddenClaims()).avoidTopics(config.avoidTopics())
          .allowedLinkDomains(config.allowedLinkDomains()).languages(config.languages())
          .jurisdictions(config.jurisdictions()).personaNames(List.of(name)).build();
      long u4 = used();
      long c4 = mx.getCurrentThreadCpuTime();
      keep[k++] = Policies.compile(named);
      long c5 = mx.getCurrentThreadCpuTime();
      long u5 = used();
      System.out.printf("  + persona name '%s': %.1f MB retained, %.2f s CPU (policy and the name's heads)%n", name,
          (u5 - u4) / 1e6, (c5 - c4) / 1e9);
    }
    System.out.println("(kept: " + p.hashCode() % 2 + keep.length + ")");
  }
}
