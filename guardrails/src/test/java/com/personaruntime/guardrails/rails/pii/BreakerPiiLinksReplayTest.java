package com.personaruntime.guardrails.rails.pii;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.guardrails.CheckContext;
import com.personaruntime.guardrails.Decision;
import com.personaruntime.guardrails.Finding;
import com.personaruntime.guardrails.Policies;
import com.personaruntime.guardrails.Policy;
import com.personaruntime.guardrails.PolicyConfig;
import com.personaruntime.guardrails.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Replays the contact-data, link and identifier rows of breaker report b1
 * ({@code docs/breaker-report-2026-12-02.md}) against the two personas it used (linh: Lumière,
 * vi/en; milo: Brewhaus, en), from {@code eval/breaker-b1-pii-links.tsv}: every row must come out
 * as the report expected (redact = a {@code pii.*} rewrite that changes the text, catch = flag or
 * block, allow = allow).
 */
class BreakerPiiLinksReplayTest {
  static final Policy LINH = Policies.compile(PolicyConfig.builder()
      .bannedTerms(List.of("rẻ bèo", "hàng fake", "hàng nhái"))
      .competitors(List.of("GlowCo", "DermaViet"))
      .forbiddenClaims(List.of("chữa khỏi", "trị dứt điểm", "cam kết hết mụn", "trắng da vĩnh viễn", "cure",
          "guaranteed results", "permanent whitening"))
      .allowedLinkDomains(List.of("lumiere.example"))
      .ownNames(List.of("Lumière", "Linh"))
      .personaNames(List.of("Linh"))
      .avoidTopics(List.of("politics", "religion", "medical diagnosis"))
      .languages(List.of("vi", "en"))
      .build());
  static final Policy MILO = Policies.compile(PolicyConfig.builder()
      .bannedTerms(List.of("knockoff", "cheapest", "rip-off"))
      .competitors(List.of("Bean Bros Roasters", "Cupful Coffee Co."))
      .forbiddenClaims(List.of("boosts metabolism", "burns fat", "weight loss", "prevents cancer", "cures", "detox",
          "lowers blood pressure", "healthiest coffee"))
      .allowedLinkDomains(List.of("brewhaus.example"))
      .publicEmails(List.of("hello@brewhaus.example"))
      .ownNames(List.of("Brewhaus", "Milo"))
      .personaNames(List.of("Milo"))
      .avoidTopics(List.of("politics", "religion", "medical advice"))
      .languages(List.of("en"))
      .build());

  /**
   * Rows of kinds not handled yet, reported but not asserted (none left).
   */
  static final java.util.Set<String> KNOWN_MISSES = java.util.Set.of();

  static boolean asExpected(String expected, String text, Verdict v) {
    return switch (expected) {
      case "redact" -> v.decision() == Decision.REWRITE && !v.text().equals(text)
          && v.findings().stream().anyMatch(f -> f.ruleId().startsWith("pii."));
      case "catch" -> v.decision() == Decision.FLAG || v.decision() == Decision.BLOCK;
      case "allow" -> v.decision() == Decision.ALLOW;
      default -> throw new IllegalArgumentException("unknown expectation '" + expected + "'");
    };
  }

  @Test
  void everyRowAsTheReportExpected() throws IOException {
    Path p = Path.of("src/test/resources/eval/breaker-b1-pii-links.tsv");
    Map<String, Policy> personas = Map.of("linh", LINH, "milo", MILO);
    List<String> wrong = new ArrayList<>();
    List<String> known = new ArrayList<>();
    int rows = 0;
    for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] c = line.split("\t", 4);
      assertThat(c).as("%s: expected<TAB>persona<TAB>row<TAB>text in '%s'", p, line).hasSize(4);
      Policy policy = personas.get(c[1]);
      assertThat(policy).as("%s row %s: unknown persona '%s'", p, c[2], c[1]).isNotNull();
      Verdict v = policy.check(c[3], CheckContext.chatOutput().withLanguage(c[1].equals("linh") ? "vi" : "en"));
      rows++;
      if (!asExpected(c[0], c[3], v)) {
        (KNOWN_MISSES.contains(c[2]) ? known : wrong).add("row " + c[2] + " expected " + c[0] + ", got " + v.decision() + " "
            + v.findings().stream().map(Finding::ruleId).collect(Collectors.joining(",")) + " -> " + v.text()
            + "   | " + c[3]);
      }
    }
    System.out.println("breaker b1 pii/link/ids rows: " + rows + ", not as expected: " + wrong.size());
    wrong.forEach(w -> System.out.println("  " + w));
    System.out.println("known misses (not asserted): " + known.size());
    known.forEach(w -> System.out.println("  " + w));
    assertThat(wrong).isEmpty();
  }
}
