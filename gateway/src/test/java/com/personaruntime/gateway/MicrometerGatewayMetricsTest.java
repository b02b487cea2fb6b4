package com.personaruntime.gateway;

import dev.langchain4j.model.output.TokenUsage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class MicrometerGatewayMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerGatewayMetrics metrics = new MicrometerGatewayMetrics(registry);

    private double tokens(String brand, String persona, String type) {
        return registry.get("persona.llm.tokens").tag("brand", brand).tag("persona", persona).tag("type", type)
                .counter().count();
    }

    @Test
    void tokenUsageAddsUpPerBrandPersonaAndDirection() {
        metrics.tokenUsage("openai:gpt", new Attribution("lumiere", "linh"), new TokenUsage(100, 20));
        metrics.tokenUsage("openai:gpt", new Attribution("lumiere", "linh"), new TokenUsage(50, 5));
        metrics.tokenUsage("ollama:qwen", new Attribution("brewhaus", "milo"), new TokenUsage(7, null));

        assertThat(tokens("lumiere", "linh", "input")).isEqualTo(150);
        assertThat(tokens("lumiere", "linh", "output")).isEqualTo(25);
        assertThat(tokens("brewhaus", "milo", "input")).isEqualTo(7);
        assertThat(registry.find("persona.llm.tokens").tag("persona", "milo").tag("type", "output").counter())
                .as("no output count reported, no meter").isNull();
    }

    @Test
    void repliesAttemptsFailuresLatencyAndCircuitState() {
        metrics.attemptStarted("openai:gpt", 1);
        metrics.attemptFailed("openai:gpt", GatewayFailure.Kind.DEADLINE);
        metrics.firstToken("composer", Duration.ofMillis(12));
        metrics.completed("composer", Duration.ofMillis(300));
        metrics.cancelled();
        metrics.circuitStateChanged("openai|http://x", CircuitState.OPEN);

        assertThat(registry.get("persona.llm.attempts").tag("route", "openai:gpt").counter().count()).isEqualTo(1);
        assertThat(registry.get("persona.llm.attempt.failures").tag("kind", "DEADLINE").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("persona.llm.first.token").tag("route", "composer").timer().count()).isEqualTo(1);
        assertThat(registry.get("persona.llm.replies").tag("route", "composer").tag("outcome", "completed")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("persona.llm.replies").tag("outcome", "cancelled").counter().count()).isEqualTo(1);
        assertThat(registry.get("persona.llm.circuit.state").tag("endpoint", "openai|http://x").gauge().value())
                .isEqualTo(2);
        metrics.circuitStateChanged("openai|http://x", CircuitState.CLOSED);
        assertThat(registry.get("persona.llm.circuit.state").gauge().value()).isEqualTo(0);
    }
}
