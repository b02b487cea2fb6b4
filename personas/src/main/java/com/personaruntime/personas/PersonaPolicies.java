package com.personaruntime.personas;

import com.personaruntime.guardrails.PolicyConfig;
import java.util.List;

/**
 * A persona's {@code boundaries} and {@code disclosure} sections as the guardrails' own
 * configuration; the runtime compiles and caches the policy per persona version.
 */
public final class PersonaPolicies {
  private PersonaPolicies() {
  }

  /**
   * The policy configuration of a validated persona.
   *
   * @throws IllegalArgumentException if a value is one the guardrails refuse (validation at load
   *     time rejects those first, so this means the persona skipped validation)
   */
  public static PolicyConfig toPolicyConfig(Persona persona) {
    Persona.Boundaries b = persona.boundaries();
    Persona.Disclosure d = persona.disclosure();
    return PolicyConfig.builder()
        .bannedTerms(b.bannedTerms())
        .competitors(b.competitors())
        .forbiddenClaims(b.forbiddenClaims())
        .avoidTopics(b.avoidTopics())
        .allowedLinkDomains(b.allowedLinkDomains())
        .languages(persona.languages().isEmpty() ? List.of("en") : persona.languages())
        .jurisdictions(d.jurisdictions())
        .aiLabels(d.aiLabel())
        .sponsoredLabels(d.sponsoredLabel())
        .build();
  }
}
