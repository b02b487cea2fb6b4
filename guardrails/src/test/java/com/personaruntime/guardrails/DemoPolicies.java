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
  /**
   * Bà Tư (Phở Sài Gòn 1975, a phở restaurant chain, vi/en), the newcomer's persona of 2026-12-03
   * ({@code /tmp/hnew13-pw/batu.yaml}) as PersonaPolicies builds it: a restaurant's staff, kitchen and dishes.
   */
  public static final PolicyConfig BA_TU_CONFIG = PolicyConfig.builder()
      .bannedTerms(List.of("hàng ế", "thịt bò Úc giả"))
      .competitors(List.of("Phở Ông Hùng", "Phở 24h"))
      .forbiddenClaims(List.of("chữa cảm", "giải độc", "cure", "detox"))
      .avoidTopics(List.of("politics", "religion"))
      .allowedLinkDomains(List.of("phosaigon1975.example"))
      .publicEmails(List.of("datban@phosaigon1975.example"))
      .publicPhones(List.of("028 3822 1975"))
      .ownNames(List.of("pho-sai-gon", "Bà Tư"))
      .personaNames(List.of("Bà Tư"))
      .languages(List.of("vi", "en"))
      .jurisdictions(List.of("VN", "US"))
      .aiLabels(Map.of("vi", "Nội dung do AI tạo ra", "en", "AI-generated"))
      .sponsoredLabels(Map.of("vi", "#quảngcáo", "en", "#ad"))
      .streamingBudget(60)
      .build();
  public static final Policy LINH = Policies.compile(LINH_CONFIG);
  public static final Policy MILO = Policies.compile(MILO_CONFIG);
  public static final Policy BA_TU = Policies.compile(BA_TU_CONFIG);

  private DemoPolicies() {
  }

  /** The policy of a demo persona by its id ("linh", "milo", "ba-tu"). */
  public static Policy of(String persona) {
    return switch (persona) {
      case "linh" -> LINH;
      case "milo" -> MILO;
      case "ba-tu" -> BA_TU;
      default -> throw new IllegalArgumentException("unknown demo persona '" + persona + "', expected linh, milo or ba-tu");
    };
  }
}
