/**
 * Guardrails: text in, {@link com.personaruntime.guardrails.Verdict} out. Pure Java, no I/O at
 * check time, usable as a plain library.
 *
 * <p>API: {@link com.personaruntime.guardrails.PolicyConfig} (built from a persona's
 * {@code boundaries} and {@code disclosure} sections) is compiled by
 * {@link com.personaruntime.guardrails.Policies} into an immutable, thread-safe
 * {@link com.personaruntime.guardrails.Policy}, cached per persona version by
 * {@link com.personaruntime.guardrails.PolicyCache}. {@code Policy.check} judges a whole text;
 * {@link com.personaruntime.guardrails.StreamingGuard} judges a streamed reply as it arrives.
 * Rule ids and defaults: {@link com.personaruntime.guardrails.RuleIds}.
 *
 * <p>Everything else in the package is package-private implementation: normalisation
 * ({@code TextNormalizer}), the Aho–Corasick automaton, shipped lexicons (resources under
 * {@code com/personaruntime/guardrails/lexicons/}), PII and link detectors, disclosure profiles.
 */
package com.personaruntime.guardrails;
