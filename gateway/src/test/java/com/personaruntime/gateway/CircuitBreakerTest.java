package com.personaruntime.gateway;

import com.personaruntime.gateway.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakerTest {

    private final MutableClock clock = MutableClock.start();
    private final List<String> changes = new ArrayList<>();
    private final CircuitBreaker breaker = new CircuitBreaker("e", 2, Duration.ofSeconds(10), clock,
            (key, state) -> changes.add(state.name()));

    @Test
    void successResetsTheConsecutiveFailureCount() {
        breaker.tryAcquire().recordFailure();
        breaker.tryAcquire().recordSuccess();
        breaker.tryAcquire().recordFailure();

        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        breaker.tryAcquire().recordFailure();
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(breaker.tryAcquire()).isNull();
    }

    @Test
    void halfOpenLetsExactlyOneProbeThrough() {
        breaker.tryAcquire().recordFailure();
        breaker.tryAcquire().recordFailure();
        clock.advance(Duration.ofSeconds(10));

        CircuitBreaker.Permit probe = breaker.tryAcquire();
        assertThat(probe).isNotNull();
        assertThat(breaker.tryAcquire()).as("second caller while the probe runs").isNull();

        probe.release(); // cancelled probe: the next caller may probe
        CircuitBreaker.Permit next = breaker.tryAcquire();
        assertThat(next).isNotNull();
        next.recordSuccess();
        next.recordFailure(); // a second outcome is ignored

        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(changes).containsExactly("OPEN", "HALF_OPEN", "CLOSED");
    }
}
