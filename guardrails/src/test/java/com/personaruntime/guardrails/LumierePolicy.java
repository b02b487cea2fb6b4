package com.personaruntime.guardrails;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The fixed test policy, modelled on the Lumière skincare persona in ARCHITECTURE.md. */
public final class LumierePolicy {
  public static final PolicyConfig CONFIG = PolicyConfig.builder()
      .bannedTerms(List.of("rẻ bèo", "hàng fake"))
      .competitors(List.of("GlowCo"))
      .forbiddenClaims(List.of("chữa khỏi", "trị dứt điểm", "cure", "guaranteed results"))
      .allowedLinkDomains(List.of("lumiere.example"))
      .ownNames(List.of("Lumière", "Linh"))
      .personaNames(List.of("Linh"))
      .avoidTopics(List.of("politics", "religion"))
      .languages(List.of("vi", "en"))
      .jurisdictions(List.of("VN", "EU", "US"))
      .aiLabels(Map.of("vi", "Nội dung do AI tạo ra", "en", "AI-generated"))
      .sponsoredLabels(Map.of("vi", "#quảngcáo", "en", "#ad"))
      .build();
  public static final Policy POLICY = Policies.compile(CONFIG);

  public static final CheckContext OUT_EN = CheckContext.chatOutput().withLanguage("en");
  public static final CheckContext OUT_VI = CheckContext.chatOutput().withLanguage("vi");

  private static final Map<String, Policy> WITH_COMPETITORS = new ConcurrentHashMap<>();

  private LumierePolicy() {
  }

  /**
   * Lumière's policy with other competitors: {@code names} separated by '|', an underscore standing for a space
   * ("Innisfree|La_Roche-Posay"). Compiled once per list.
   */
  public static Policy withCompetitors(String names) {
    return WITH_COMPETITORS.computeIfAbsent(names, n -> Policies.compile(PolicyConfig.builder()
        .bannedTerms(CONFIG.bannedTerms())
        .competitors(Arrays.stream(n.split("\\|")).map(c -> c.replace('_', ' ')).toList())
        .forbiddenClaims(CONFIG.forbiddenClaims())
        .allowedLinkDomains(CONFIG.allowedLinkDomains())
        .ownNames(CONFIG.ownNames())
        .personaNames(CONFIG.personaNames())
        .avoidTopics(CONFIG.avoidTopics())
        .languages(CONFIG.languages())
        .jurisdictions(CONFIG.jurisdictions())
        .aiLabels(CONFIG.aiLabels())
        .sponsoredLabels(CONFIG.sponsoredLabels())
        .build()));
  }
}
