package com.personaruntime.guardrails;

import static com.personaruntime.guardrails.LumierePolicy.POLICY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Properties of the streaming guard: must-catch texts split at every boundary and at random
 * chunkings never release anything forbidden and end in FLAG/BLOCK; clean texts are released in
 * full and byte-identical; the streamed decision equals the whole-text decision.
 *
 * <p>Random chunkings come from seeded generators: a fixed seed (reproducible) plus one fresh
 * seed per run (wider coverage over time). A failure names its seed; rerun it with
 * {@code -Dguard.seed=N}.
 */
class StreamingGuardPropertiesTest {

  static final List<String> PREFIXES = List.of("", "Chào bạn! ", "Hi there. Our SPF50 is light and ",
      "Kem chống nắng SPF50 PA++++, 50 ml, giá 390.000đ. Bạn thoa lại sau 2 giờ nhé, và ",
      "A long sentence without any stop that keeps going and going well past the budget of the guard so that the "
          + "budget release path is exercised many times over before the bad part arrives and ");
  static final List<String> MUST_CATCH = List.of(
      "this will c.u.r.e your acne.", "chữa khỏi mụn luôn.", "tri dut diem nam.", "GlowCo is cheaper!",
      "it's rẻ bèo lắm.", "I'm a real person.", "I use it every day.", "mình đã dùng và khỏi mụn.",
      "buy at glowco.com today.", "guaranteed results for all.", "G10wC0 fans.", "hàng f4ke nhiều lắm",
      "the election is close.", "no side effects at all.");
  static final List<String> CLEAN = List.of(
      "Chào bạn! Mình là Linh, trợ lý AI của Lumière 🌿 Kem chống nắng SPF50 PA++++, 50 ml, 390.000đ, dùng hằng ngày, thoa lại sau 2 giờ.",
      "Very secure packaging. Our manicure kit is back! You can use it every day, and reapply after two hours outdoors.",
      "Mình đi sửa chữa khỏi phải lo nha. Da bạn chưa khỏi mụn thì kiên trì thêm nhé. Không phải ai cũng hợp với retinol.",
      "Order at https://www.lumiere.example/spf50 — free shipping over 500.000đ. Results may vary; consistent use helps. "
          + "This is a deliberately long sentence without a full stop so that the guard must fall back to its character budget "
          + "and release at word boundaries while holding back a tail");

  static String feed(StreamingGuard g, String text, List<Integer> cuts) {
    StringBuilder out = new StringBuilder();
    int prev = 0;
    for (int c : cuts) {
      out.append(g.offer(text.substring(prev, c)));
      prev = c;
    }
    out.append(g.offer(text.substring(prev)));
    return out.toString();
  }

  static void assertNothingForbiddenReleased(StreamingGuard g, String full) {
    Verdict fin = g.finish();
    assertThat(fin.decision()).as("decision for %s", full).isIn(Decision.FLAG, Decision.BLOCK);
    assertThat(g.stopped()).isTrue();
    String rel = g.released();
    assertThat(full).startsWith(rel);
    // nothing released contains (the start of) a match: released text alone is clean, and the
    // full text's first FLAG/BLOCK finding starts at or after the released prefix
    assertThat(POLICY.check(rel, LumierePolicy.OUT_EN).decision()).isIn(Decision.ALLOW, Decision.REWRITE);
    Verdict whole = POLICY.check(full, LumierePolicy.OUT_EN);
    int firstBad = whole.findings().stream().filter(f -> f.action() == Action.FLAG || f.action() == Action.BLOCK)
        .mapToInt(Finding::start).min().orElseThrow();
    assertThat(rel.length()).as("released '%s' reaches into the match at %d", rel, firstBad).isLessThanOrEqualTo(firstBad);
  }

  @Test
  void mustCatchSplitAtEveryBoundary() {
    for (String prefix : PREFIXES) {
      for (String bad : MUST_CATCH) {
        String full = prefix + bad + " Thanks for asking, see you soon.";
        for (int cut = 1; cut < full.length(); cut++) {
          StreamingGuard g = POLICY.streamingGuard(LumierePolicy.OUT_EN);
          feed(g, full, List.of(cut));
          assertNothingForbiddenReleased(g, full);
        }
        // and one char at a time
        StreamingGuard g = POLICY.streamingGuard(LumierePolicy.OUT_EN);
        List<Integer> all = new ArrayList<>();
        for (int i = 1; i < full.length(); i++) {
          all.add(i);
        }
        feed(g, full, all);
        assertNothingForbiddenReleased(g, full);
      }
    }
  }

  static final long FIXED_SEED = 20261123L;

  static long[] seeds() {
    String forced = System.getProperty("guard.seed");
    if (forced != null) {
      return new long[] {Long.parseLong(forced)};
    }
    return new long[] {FIXED_SEED, System.nanoTime()};
  }

  /** Distinct sorted cut points in [1, length-1], at most {@code max} of them. */
  static List<Integer> randomCuts(Random random, int length, int max) {
    TreeSet<Integer> cuts = new TreeSet<>();
    int n = random.nextInt(max + 1);
    for (int i = 0; i < n && length > 1; i++) {
      cuts.add(1 + random.nextInt(length - 1));
    }
    return List.copyOf(cuts);
  }

  static final List<String> SUFFIXES = List.of("", " More text follows here.", " Cảm ơn bạn nhiều nha!");

  @Test
  void mustCatchRandomChunkings() {
    for (long seed : seeds()) {
      Random random = new Random(seed);
      for (int i = 0; i < 400; i++) {
        String text = PREFIXES.get(random.nextInt(PREFIXES.size())) + MUST_CATCH.get(random.nextInt(MUST_CATCH.size()))
            + SUFFIXES.get(random.nextInt(SUFFIXES.size()));
        List<Integer> cuts = randomCuts(random, text.length(), 40);
        StreamingGuard g = POLICY.streamingGuard(LumierePolicy.OUT_EN);
        feed(g, text, cuts);
        try {
          assertNothingForbiddenReleased(g, text);
        } catch (AssertionError e) {
          throw new AssertionError("seed " + seed + ", cuts " + cuts + ": " + e.getMessage(), e);
        }
      }
    }
  }

  @Test
  void cleanTextsAreReleasedInFullAndIdentical() {
    for (long seed : seeds()) {
      Random random = new Random(seed);
      for (int i = 0; i < 400; i++) {
        String text = CLEAN.get(random.nextInt(CLEAN.size()));
        List<Integer> cuts = randomCuts(random, text.length(), 60);
        StreamingGuard g = POLICY.streamingGuard(LumierePolicy.OUT_EN);
        String during = feed(g, text, cuts);
        Verdict v = g.finish();
        String where = "seed " + seed + ", cuts " + cuts;
        assertThat(v.decision()).as(where).isEqualTo(Decision.ALLOW);
        assertThat(g.released()).as(where).isEqualTo(text);
        assertThat(text).as(where).startsWith(during);
      }
    }
  }

  static final List<String> REDACT = List.of(
      "Call 0912 345 678 today. Thanks!",
      "My colleague's mail is linh@lumiere.example and the hotline is +84 912 345 678 for orders",
      "Pay with 4111 1111 1111 1111? No, never share it. " + "Okay then, ".repeat(20) + "call 0912345678 please",
      // contact data in disguise after a run that exceeds the budget: the release path must hold each back whole
      "Okay then, ".repeat(20) + "write nguyenthithuhang.skincare (a còng) yahoo (chấm) com please",
      "Okay then, ".repeat(20) + "call nine one seven five five five oh one two three now",
      "Okay then, ".repeat(20) + "sdt ko chín 1 2 3 4 5 6 7 8 nha",
      "Okay then, ".repeat(20) + "mail milo&#64;gmail&#46;com or m i l o @ g m a i l . c o m today",
      "Okay then, ".repeat(20) + "my SSN 123-45-6789 and ٠٩١٢٣٤٥٦٧٨ ok");

  @Test
  void redactedTextStreamsExactlyAsTheWholeTextCheck() {
    for (long seed : seeds()) {
      Random random = new Random(seed);
      for (int i = 0; i < 300; i++) {
        String text = REDACT.get(random.nextInt(REDACT.size()));
        List<Integer> cuts = randomCuts(random, text.length(), 40);
        StreamingGuard g = POLICY.streamingGuard(LumierePolicy.OUT_EN);
        feed(g, text, cuts);
        Verdict v = g.finish();
        Verdict whole = POLICY.check(text, LumierePolicy.OUT_EN);
        String where = "seed " + seed + ", cuts " + cuts;
        assertThat(v.decision()).as(where).isEqualTo(Decision.REWRITE);
        assertThat(g.released()).as(where).isEqualTo(whole.text());
        assertThat(g.released()).as(where).doesNotContain("0912", "linh@", "4111", "nguyenthithuhang", "nine one",
            "oh one two", "1 2 3 4 5 6 7 8", "milo&", "m i l o", "6789", "٠٩١٢");
      }
    }
  }
}
