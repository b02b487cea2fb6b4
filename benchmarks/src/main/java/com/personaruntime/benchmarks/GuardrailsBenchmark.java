package com.personaruntime.benchmarks;

import com.personaruntime.guardrails.CheckContext;
import com.personaruntime.guardrails.Policies;
import com.personaruntime.guardrails.Policy;
import com.personaruntime.guardrails.PolicyConfig;
import com.personaruntime.guardrails.StreamingGuard;
import com.personaruntime.guardrails.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Guardrails benchmarks (see docs/benchmarks.md, section "Guardrails"):
 * <ul>
 *   <li>{@code checkOutput1kb}: full output check of a ~1 KB mixed vi/en reply under a policy with
 *       1,000 terms (plus every shipped lexicon); SampleTime gives p99.</li>
 *   <li>{@code streamPerToken}: a streaming guard fed the same reply in ~4-char tokens; the score
 *       is per token (OperationsPerInvocation).</li>
 *   <li>{@code checkInput1kb}: full INPUT check of a ~1 KB audience message: injection lexicons, the
 *       learned injection detector (hashed n-gram logistic regression) and language identification,
 *       PII; SampleTime gives p99.</li>
 *   <li>{@code checkTurn1kb}: one chat turn's whole guard work, learned detector included: the input
 *       check of the 1 KB message plus the output check of the 1 KB reply.</li>
 *   <li>{@code compilePolicy}: compiling a 1,000-term policy (shipped lexicons already loaded).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GuardrailsBenchmark {
  static final int TOKENS = 256;

  PolicyConfig config;
  Policy policy;
  String reply;
  List<String> tokens;
  CheckContext ctx;
  CheckContext inCtx;
  String message;

  @Setup(Level.Trial)
  public void setup() {
    Random rnd = new Random(42);
    List<String> terms = new ArrayList<>();
    String syll = "ba be bi bo bu ca ce chi cho chu da de di do du ga ge gi go gu ha he hi ho hu ka ke ki ko ku la le li lo lu"
        + " ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu";
    String[] s = syll.split(" ");
    while (terms.size() < 1000) {
      int words = 1 + rnd.nextInt(3);
      StringBuilder t = new StringBuilder();
      for (int w = 0; w < words; w++) {
        if (w > 0) {
          t.append(' ');
        }
        int syl = 2 + rnd.nextInt(3);
        for (int k = 0; k < syl; k++) {
          t.append(s[rnd.nextInt(s.length)]);
        }
      }
      if (!terms.contains(t.toString())) {
        terms.add(t.toString());
      }
    }
    List<String> banned = new ArrayList<>(terms.subList(0, 400));
    banned.addAll(List.of("rẻ bèo", "hàng fake"));
    config = PolicyConfig.builder()
        .bannedTerms(banned)
        .competitors(terms.subList(400, 700))
        .forbiddenClaims(concat(terms.subList(700, 1000), List.of("chữa khỏi", "trị dứt điểm", "cure", "guaranteed results")))
        .avoidTopics(List.of("politics", "religion"))
        .allowedLinkDomains(List.of("lumiere.example"))
        .languages(List.of("vi", "en"))
        .jurisdictions(List.of("VN", "EU", "US"))
        .build();
    Policies.preload();
    policy = Policies.compile(config);
    String base = "Chào bạn! Mình là Linh, trợ lý AI của Lumière 🌿 Kem chống nắng SPF50 PA++++, 50 ml, giá 390.000đ, dùng hằng ngày "
        + "và thoa lại sau 2 giờ khi ở ngoài trời nhé. Our SPF50 sunscreen is lightweight, non-greasy and works well under makeup; "
        + "for oily skin try the gel texture. Very secure packaging, and the manicure kit is back in stock. Da bạn chưa khỏi mụn thì "
        + "kiên trì thêm nhé, mình đi sửa chữa khỏi phải lo. You can order at https://www.lumiere.example/spf50 or ask me anything "
        + "about ingredients: niacinamide, vitamin C, vitamin E. Results may vary; consistent use helps. Cảm ơn bạn đã tin tưởng "
        + "Lumière! Free shipping on orders over 500.000đ, returns within 30 days. ";
    StringBuilder r = new StringBuilder(base);
    while (r.length() < 1024) {
      r.append(base);
    }
    reply = r.substring(0, 1024);
    int step = (reply.length() + TOKENS - 1) / TOKENS;
    tokens = new ArrayList<>();
    for (int i = 0; i < reply.length(); i += step) {
      tokens.add(reply.substring(i, Math.min(reply.length(), i + step)));
    }
    while (tokens.size() < TOKENS) {
      tokens.add("");
    }
    ctx = CheckContext.chatOutput().withLanguage("vi");
    inCtx = CheckContext.chatInput().withLanguage("vi");
    String q = "Chào shop, mình da dầu hay bị mụn ẩn ở cằm, đang dùng BHA 2% buổi tối và kem dưỡng mỏng nhẹ. Kem chống nắng SPF50 "
        + "có hợp da mình không, có bị bít lỗ chân lông không? Hi, I also wanted to ask whether the gel texture leaves a white cast "
        + "and how often I should reapply when I'm outdoors most of the day. Giá 390.000đ có kèm quà không, ship về Đà Nẵng "
        + "mất mấy ngày vậy? Cảm ơn shop nhiều nha! ";
    StringBuilder m = new StringBuilder(q);
    while (m.length() < 1024) {
      m.append(q);
    }
    message = m.substring(0, 1024);
    Verdict iv = policy.check(message, inCtx);
    if (!iv.releasable()) {
      throw new IllegalStateException("benchmark message must be clean, got " + iv);
    }
    Verdict v = policy.check(reply, ctx);
    if (!v.releasable()) {
      throw new IllegalStateException("benchmark reply must be clean, got " + v);
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  public Verdict checkOutput1kb() {
    return policy.check(reply, ctx);
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  public Verdict checkInput1kb() {
    return policy.check(message, inCtx);
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  public Verdict checkTurn1kb() {
    policy.check(message, inCtx);
    return policy.check(reply, ctx);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OperationsPerInvocation(TOKENS)
  public Verdict streamPerToken() {
    StreamingGuard g = policy.streamingGuard(ctx);
    for (String t : tokens) {
      g.offer(t);
    }
    return g.finish();
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public Policy compilePolicy() {
    return Policies.compile(config);
  }
}
