package com.personaruntime.gateway;

/** State of an endpoint's circuit breaker. */
public enum CircuitState {
    /** Requests flow; consecutive failures are counted. */
    CLOSED,
    /** Requests are refused until the open duration has passed. */
    OPEN,
    /** One probe request is let through; its outcome closes or re-opens the circuit. */
    HALF_OPEN
}
