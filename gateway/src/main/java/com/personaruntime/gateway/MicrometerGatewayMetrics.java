package com.personaruntime.gateway;

import dev.langchain4j.model.output.TokenUsage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link GatewayMetrics} on Micrometer. Meters (Prometheus names in brackets):
 * <ul>
 *   <li>{@code persona.llm.tokens} [{@code persona_llm_tokens_total}] counter, tags {@code brand},
 *       {@code persona}, {@code route} ({@code provider:model}) and {@code type} ({@code input} or
 *       {@code output}): tokens as the provider reported them for completed replies. This is the spend
 *       per brand and persona that gateways such as LiteLLM report; multiply by the provider's price per
 *       token for money.</li>
 *   <li>{@code persona.llm.replies} [{@code persona_llm_replies_total}] counter, tags {@code route} and
 *       {@code outcome} ({@code completed}, {@code failed}, {@code cancelled}; route {@code -} when none
 *       served).</li>
 *   <li>{@code persona.llm.attempts} [{@code persona_llm_attempts_total}] counter, tag {@code route}.</li>
 *   <li>{@code persona.llm.attempt.failures} [{@code persona_llm_attempt_failures_total}] counter, tags
 *       {@code route} and {@code kind} ({@link GatewayFailure.Kind}, e.g. {@code DEADLINE}).</li>
 *   <li>{@code persona.llm.first.token} [{@code persona_llm_first_token_seconds}] timer, tag {@code route}:
 *       from the serving attempt's start to its first delta.</li>
 *   <li>{@code persona.llm.circuit.state} gauge, tag {@code endpoint}: 0 closed, 1 half-open, 2 open.</li>
 * </ul>
 * Tag values are bounded by the configured personas and models. Thread-safe.
 */
public final class MicrometerGatewayMetrics implements GatewayMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> circuits = new ConcurrentHashMap<>();

    /** Registers meters in {@code registry} as they are first used. */
    public MicrometerGatewayMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void attemptStarted(String route, int attempt) {
        Counter.builder("persona.llm.attempts").description("Model calls started (first tries and retries)")
                .tag("route", route).register(registry).increment();
    }

    @Override
    public void attemptFailed(String route, GatewayFailure.Kind kind) {
        Counter.builder("persona.llm.attempt.failures").description("Model calls that failed or were skipped")
                .tag("route", route).tag("kind", kind.name()).register(registry).increment();
    }

    @Override
    public void firstToken(String route, Duration latency) {
        Timer.builder("persona.llm.first.token").description("From a model call's start to its first text")
                .tag("route", route).register(registry).record(latency);
    }

    @Override
    public void completed(String route, Duration duration) {
        reply(route, "completed");
    }

    @Override
    public void failed(GatewayFailure failure) {
        reply(failure.routeName() == null ? "-" : failure.routeName(), "failed");
    }

    @Override
    public void cancelled() {
        reply("-", "cancelled");
    }

    @Override
    public void tokenUsage(String route, Attribution who, TokenUsage usage) {
        count(route, who, "input", usage.inputTokenCount());
        count(route, who, "output", usage.outputTokenCount());
    }

    @Override
    public void circuitStateChanged(String endpointKey, CircuitState state) {
        AtomicInteger value = circuits.computeIfAbsent(endpointKey, key -> {
            AtomicInteger v = new AtomicInteger();
            Gauge.builder("persona.llm.circuit.state", v, AtomicInteger::get)
                    .description("Circuit breaker state per model endpoint: 0 closed, 1 half-open, 2 open")
                    .tag("endpoint", key).register(registry);
            return v;
        });
        value.set(switch (state) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        });
    }

    private void reply(String route, String outcome) {
        Counter.builder("persona.llm.replies").description("Replies streamed through the model gateway")
                .tag("route", route).tag("outcome", outcome).register(registry).increment();
    }

    private void count(String route, Attribution who, String type, Integer tokens) {
        if (tokens == null || tokens <= 0) {
            return;
        }
        Counter.builder("persona.llm.tokens").description("Tokens reported by the model provider")
                .baseUnit("tokens")
                .tag("brand", who.brand()).tag("persona", who.persona()).tag("route", route).tag("type", type)
                .register(registry).increment(tokens);
    }
}
