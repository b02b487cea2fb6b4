package com.personaruntime.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The brand-value rows of the breaker report b1 ({@code docs/breaker-report-2026-12-02.md}: disease-risk
 * claims, paraphrases of a persona's claims, negated claims and disclaimers, negation used to assert,
 * mention vs use, political endorsements and their look-alikes), re-run with the exact texts against
 * the two demo personas the breaker used (their {@code boundaries} copied from
 * {@code personas/src/main/resources/demo-personas/linh.yaml} and {@code milo.yaml}, as
 * {@code PersonaPolicies.toPolicyConfig} builds them). Expected {@code catch} = flag or block,
 * {@code allow} = allow (a negated or mentioned claim may be flagged, never blocked).
 * Rows: {@code src/test/resources/breaker/b1-brand-values.tsv}.
 */
class BreakerB1BrandValuesTest {
  static final PolicyConfig LINH = PolicyConfig.builder()
      .avoidTopics(List.of("politics", "religion", "medical diagnosis"))
      .bannedTerms(List.of("rẻ bèo", "hàng fake", "hàng nhái"))
      .competitors(List.of("GlowCo", "DermaViet"))
      .forbiddenClaims(List.of("chữa khỏi", "trị dứt điểm", "cam kết hết mụn", "trắng da vĩnh viễn", "cure",
          "guaranteed results", "permanent whitening"))
      .allowedLinkDomains(List.of("lumiere.example"))
      .languages(List.of("vi", "en"))
      .jurisdictions(List.of("VN", "EU", "US"))
      .aiLabels(Map.of("vi", "Nội dung do AI tạo ra", "en", "AI-generated"))
      .sponsoredLabels(Map.of("vi", "#quảngcáo", "en", "#ad"))
      .publicEmails(List.of("hotro@lumiere.example"))
      .ownNames(List.of("lumiere", "Linh"))
      .personaNames(List.of("Linh"))
      .streamingBudget(60)
      .build();
  static final PolicyConfig MILO = PolicyConfig.builder()
      .avoidTopics(List.of("politics", "religion", "medical advice"))
      .bannedTerms(List.of("knockoff", "cheapest", "rip-off"))
      .competitors(List.of("Bean Bros Roasters", "Cupful Coffee Co."))
      .forbiddenClaims(List.of("boosts metabolism", "burns fat", "weight loss", "prevents cancer", "cures", "detox",
          "lowers blood pressure", "healthiest coffee"))
      .allowedLinkDomains(List.of("brewhaus.example"))
      .languages(List.of("en"))
      .jurisdictions(List.of("US", "UK", "EU"))
      .aiLabels(Map.of("en", "AI-generated"))
      .sponsoredLabels(Map.of("en", "#ad"))
      .publicEmails(List.of("hello@brewhaus.example"))
      .ownNames(List.of("brewhaus", "Milo"))
      .personaNames(List.of("Milo"))
      .streamingBudget(60)
      .build();
  static final Policy LINH_POLICY = Policies.compile(LINH);
  static final Policy MILO_POLICY = Policies.compile(MILO);

  /** Rows not fixed yet (each named in the final report); a row listed here that passes is printed, to be removed. */
  static final java.util.Set<String> OPEN = java.util.Set.of();

  record Row(String id, String persona, String kind, boolean catchExpected, String text) {
  }

  static List<Row> rows() throws IOException {
    List<Row> out = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("src/test/resources/breaker/b1-brand-values.tsv"), StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", 6);
      out.add(new Row(f[0], f[1], f[2], f[3].equals("catch"), f[5]));
    }
    return out;
  }

  static Policy policy(String persona) {
    return switch (persona) {
      case "linh" -> LINH_POLICY;
      case "milo" -> MILO_POLICY;
      default -> throw new IllegalArgumentException("unknown persona " + persona);
    };
  }

  /** True when the verdict is what the row expects. */
  static boolean asExpected(Row r, Decision d) {
    return r.catchExpected() ? d == Decision.FLAG || d == Decision.BLOCK : d != Decision.BLOCK
        && (d == Decision.ALLOW || r.kind().equals("neg") || r.kind().equals("mention"));
  }

  @Test
  void everyRowAsTheReportExpects() throws IOException {
    Map<String, int[]> byKind = new TreeMap<>();
    List<String> wrong = new ArrayList<>();
    for (Row r : rows()) {
      Verdict v = policy(r.persona()).check(r.text(), CheckContext.chatOutput());
      boolean ok = asExpected(r, v.decision());
      int[] k = byKind.computeIfAbsent(r.kind() + (r.catchExpected() ? " / catch" : " / allow"), x -> new int[2]);
      k[0]++;
      k[1] += ok ? 1 : 0;
      if (OPEN.contains(r.id())) {
        if (ok) {
          System.out.println("  NOW PASSING (remove from OPEN) #" + r.id() + " " + r.text());
        }
        continue;
      }
      if (!ok) {
        wrong.add("#" + r.id() + " " + r.persona() + " " + r.kind() + " expected " + (r.catchExpected() ? "catch" : "allow")
            + ", got " + v.decision().wire() + ": " + r.text() + " " + v.findings());
      }
      // streamed in chunks of 1, 2 and 5 chars, the decision is the same and a caught claim never leaks
      for (int size : new int[] {1, 2, 5}) {
        StreamingGuard g = policy(r.persona()).streamingGuard(CheckContext.chatOutput());
        for (int i = 0; i < r.text().length() && !g.stopped(); i += size) {
          g.offer(r.text().substring(i, Math.min(r.text().length(), i + size)));
        }
        Verdict s = g.finish();
        if (asExpected(r, s.decision()) != ok) {
          wrong.add("#" + r.id() + " streamed by " + size + ": " + s.decision().wire() + " vs " + v.decision().wire() + ": "
              + r.text());
        }
      }
    }
    StringBuilder sb = new StringBuilder("\nBreaker b1, brand-value rows (as expected / rows)\n");
    byKind.forEach((k, c) -> sb.append(String.format("  %-28s %3d / %3d%n", k, c[1], c[0])));
    System.out.print(sb);
    wrong.forEach(w -> System.out.println("  WRONG " + w));
    assertThat(wrong).as("breaker b1 rows not as expected").isEmpty();
  }
}
