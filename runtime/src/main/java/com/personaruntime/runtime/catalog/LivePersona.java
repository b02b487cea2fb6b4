package com.personaruntime.runtime.catalog;

import com.personaruntime.guardrails.Policy;
import com.personaruntime.personas.Persona;

/**
 * The published version of a persona as the runtime serves it: the document, its version,
 * the owning brand (id, and the display name audiences see: never the slug) and its compiled
 * guardrail policy.
 */
public record LivePersona(String personaId, String brandId, int version, Persona persona, Policy policy,
    String brandName) {

  /** With the brand's slug as its display name (tests, personas without a stored brand). */
  public LivePersona(String personaId, String brandId, int version, Persona persona, Policy policy) {
    this(personaId, brandId, version, persona, policy, persona.brand());
  }

  public LivePersona {
    if (brandName == null || brandName.isBlank()) {
      brandName = persona.brand();
    }
  }

  public String slug() {
    return persona.id();
  }
}
