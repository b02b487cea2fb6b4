package com.personaruntime.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;

/**
 * Consecutive-failure circuit breaker for one endpoint. Closed: every call passes; {@code threshold}
 * consecutive failures open it. Open: calls are refused until {@code openDuration} has passed on the
 * clock, then it is half-open. Half-open: exactly one probe passes; success closes, failure re-opens, and
 * a probe released without an outcome (cancelled) lets the next caller probe.
 */
final class CircuitBreaker {

    private final String endpointKey;
    private final int threshold;
    private final Duration openDuration;
    private final Clock clock;
    private final BiConsumer<String, CircuitState> onChange;

    private CircuitState state = CircuitState.CLOSED;
    private int consecutiveFailures;
    private Instant openedAt;
    private boolean probeInFlight;

    CircuitBreaker(String endpointKey, int threshold, Duration openDuration, Clock clock,
                   BiConsumer<String, CircuitState> onChange) {
        this.endpointKey = endpointKey;
        this.threshold = threshold;
        this.openDuration = openDuration;
        this.clock = clock;
        this.onChange = onChange;
    }

    /** A permit for one call, or {@code null} when the circuit refuses it. */
    synchronized Permit tryAcquire() {
        if (state == CircuitState.OPEN) {
            if (clock.instant().isBefore(openedAt.plus(openDuration))) {
                return null;
            }
            transition(CircuitState.HALF_OPEN);
        }
        if (state == CircuitState.HALF_OPEN) {
            if (probeInFlight) {
                return null;
            }
            probeInFlight = true;
            return new Permit(true);
        }
        return new Permit(false);
    }

    synchronized CircuitState state() {
        if (state == CircuitState.OPEN && !clock.instant().isBefore(openedAt.plus(openDuration))) {
            return CircuitState.HALF_OPEN;
        }
        return state;
    }

    private synchronized void success(Permit permit) {
        if (permit.probe) {
            probeInFlight = false;
        }
        consecutiveFailures = 0;
        if (state != CircuitState.CLOSED) {
            transition(CircuitState.CLOSED);
        }
    }

    private synchronized void failure(Permit permit) {
        if (permit.probe) {
            probeInFlight = false;
        }
        consecutiveFailures++;
        if (state == CircuitState.HALF_OPEN || (state == CircuitState.CLOSED && consecutiveFailures >= threshold)) {
            openedAt = clock.instant();
            transition(CircuitState.OPEN);
        }
    }

    private synchronized void release(Permit permit) {
        if (permit.probe) {
            probeInFlight = false;
        }
    }

    private void transition(CircuitState next) {
        state = next;
        onChange.accept(endpointKey, next);
    }

    /** Leave to record exactly one outcome of a call; later calls are ignored. */
    final class Permit {
        private final boolean probe;
        private boolean done;

        private Permit(boolean probe) {
            this.probe = probe;
        }

        void recordSuccess() {
            if (finish()) {
                success(this);
            }
        }

        void recordFailure() {
            if (finish()) {
                failure(this);
            }
        }

        /** Neither success nor failure (the caller cancelled). */
        void release() {
            if (finish()) {
                CircuitBreaker.this.release(this);
            }
        }

        private synchronized boolean finish() {
            if (done) {
                return false;
            }
            done = true;
            return true;
        }
    }
}
