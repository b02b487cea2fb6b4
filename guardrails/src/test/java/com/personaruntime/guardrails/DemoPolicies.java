package com.personaruntime.guardrails;

import java.util.List;
import java.util.Map;

/**
 * The two demo personas' boundaries ({@code personas/.../demo-personas/linh.yaml} and {@code milo.yaml}) as
 * guardrail policies, as PersonaPolicies builds them: Linh (Lumière skincare, vi/en) and Milo (Brewhaus coffee, en).
 */
public final class DemoPolicies {
  public static final PolicyConfig LINH_CONFIG = PolicyConfig.builder()
      .bannedTerms(List.of("rẻ bèo", "hàng fake", "hàng nhái"))
      .competitors(List.of("GlowCo", "DermaViet"))
      .forbiddenClaims(List.of("chữa khỏi", "trị dứt điểm", "cam kết hết mụn", "trắng da vĩnh viễn", "cure",
          "guaranteed results", "permanent whitening"))
      .avoidTopics(List.of("politics", "religion", "medical diagnosis"))
      .allowedLinkDomains(List.of("lumiere.example"))
      .publicEmails(List.of("hotro@lumiere.example"))
      .ownNames(List.of("lumiere", "Linh"))
      .personaNames(List.of("Linh"))
      .languages(List.of("vi", "en"))
      .jurisdictions(List.of("VN", "EU", "US"))
      .aiLabels(Map.of("vi", "Nội dung do AI tạo ra", "en", "AI-generated"))
      .sponsoredLabels(Map.of("vi", "#quảngcáo", "en", "#ad"))
      .streamingBudget(60)
      .build();
  public static final PolicyConfig MILO_CONFIG = PolicyConfig.builder()
      .bannedTerms(List.of("knockoff", "cheapest", "rip-off"))
      .competitors(List.of("Bean Bros Roasters", "Cupful Coffee Co."))
      .forbiddenClaims(List.of("boosts metabolism", "burns fat", "weight loss", "prevents cancer", "cures", "detox",
          "lowers blood pressure", "healthiest coffee"))
      .avoidTopics(List.of("politics", "religion", "medical advice"))
      .allowedLinkDomains(List.of("brewhaus.example"))
      .publicEmails(List.of("hello@brewhaus.example"))
      .ownNames(List.of("brewhaus", "Milo"))
      .personaNames(List.of("Milo"))
      .languages(List.of("en"))
      .jurisdictions(List.of("US", "UK", "EU"))
      .aiLabels(Map.of("en", "AI-generated"))
      .sponsoredLabels(Map.of("en", "#ad"))
      .streamingBudget(60)
      .build();
  public static final Policy LINH = Policies.compile(LINH_CONFIG);
  public static final Policy MILO = Policies.compile(MILO_CONFIG);

  private DemoPolicies() {
  }

  /** The policy of a demo persona by its id ("linh", "milo"). */
  public static Policy of(String persona) {
    return switch (persona) {
      case "linh" -> LINH;
      case "milo" -> MILO;
      default -> throw new IllegalArgumentException("unknown demo persona '" + persona + "', expected linh or milo");
    };
  }
}
