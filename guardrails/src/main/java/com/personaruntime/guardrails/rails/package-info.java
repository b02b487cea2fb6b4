/**
 * The rails of a policy, one sub-package per rail: {@code lexicon}, {@code injection} (the learned
 * detector), {@code pii}, {@code links}, {@code canary}, {@code disclosure}. Each holds the rule,
 * its data (the resources folder of the same name) and its table tests (the test folder of the
 * same name). Every rail declares its longest span ({@link com.personaruntime.guardrails.Rule#maxSpan}),
 * from which the streaming guard derives its hold-back. Not API: use
 * {@link com.personaruntime.guardrails.Policy}.
 */
package com.personaruntime.guardrails.rails;
