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
 * <p>The rails, one sub-package each under {@code rails/} with its data in the resources folder of
 * the same name and its table tests in the test folder of the same name: {@code rails.lexicon}
 * (Aho–Corasick over the shipped lexicons and the persona's terms, negation, mention),
 * {@code rails.injection} (the learned detector and its trainer), {@code rails.pii},
 * {@code rails.links}, {@code rails.canary}, {@code rails.disclosure}. Each is a
 * {@link com.personaruntime.guardrails.Rule} that declares its longest span; the streaming guard's
 * hold-back is derived from those spans. Normalisation (used by every rail) is in {@code text}.
 * Those sub-packages are public only for the rails to reach each other: they are not API.
 */
package com.personaruntime.guardrails;
