package com.personaruntime.personas;

import com.personaruntime.guardrails.PolicyConfig;
import java.util.List;

/**
 * A persona's {@code boundaries} and {@code disclosure} sections as the guardrails' own
 * configuration; the runtime compiles and caches the policy per persona version.
 */
public final class PersonaPolicies {
  /**
   * Characters the streaming guard may hold before releasing at a word boundary. Smaller than
   * the guardrails' default (160) so a one-sentence chat answer still streams in several
   * deltas; the guard keeps back its own tail (the longest pattern span) either way.
   */
  public static final int STREAMING_BUDGET = 60;

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
        .publicEmails(persona.contact() == null || persona.contact().email() == null ? List.of()
            : List.of(persona.contact().email()))
        .streamingBudget(STREAMING_BUDGET)
        .build();
  }
}
