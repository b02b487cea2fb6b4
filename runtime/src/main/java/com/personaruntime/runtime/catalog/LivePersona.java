package com.personaruntime.runtime.catalog;

import com.personaruntime.guardrails.Policy;
import com.personaruntime.personas.Persona;

/**
 * The published version of a persona as the runtime serves it: the document, its version,
 * the owning brand and its compiled guardrail policy.
 */
public record LivePersona(String personaId, String brandId, int version, Persona persona, Policy policy) {
  public String slug() {
    return persona.id();
  }
}
