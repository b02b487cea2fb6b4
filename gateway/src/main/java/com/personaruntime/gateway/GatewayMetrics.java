package com.personaruntime.gateway;

import dev.langchain4j.model.output.TokenUsage;

import java.time.Duration;

/**
 * Optional hooks for metrics (SPI). Every method has an empty default; implementations must be
 * thread-safe and fast, as they are called on the gateway's threads, sometimes under a stream's lock.
 */
public interface GatewayMetrics {

    /** No-op metrics. */
    GatewayMetrics NONE = new GatewayMetrics() {
    };

    /** An attempt on {@code route} is starting ({@code attempt} counts from 1 per route). */
    default void attemptStarted(String route, int attempt) {
    }

    /** An attempt failed (also called for a route skipped by an open circuit). */
    default void attemptFailed(String route, GatewayFailure.Kind kind) {
    }

    /** The first delta of a reply arrived, {@code latency} after the serving attempt started. */
    default void firstToken(String route, Duration latency) {
    }

    /** A reply completed on {@code route} after {@code duration} (whole stream, including retries). */
    default void completed(String route, Duration duration) {
    }

    /**
     * A provider route completed a reply and reported its token usage (OpenAI's {@code usage} chunk,
     * Anthropic's {@code message_start}/{@code message_delta} usage, Ollama's {@code prompt_eval_count} and
     * {@code eval_count}). Not called for ready routes such as the offline composer, nor for replies that
     * broke off or were cancelled (providers report usage only at the end of a stream).
     *
     * @param route the provider route ({@code provider:model})
     * @param who   the brand and persona the reply was for
     * @param usage input and output token counts as the provider reported them (either may be null)
     */
    default void tokenUsage(String route, Attribution who, TokenUsage usage) {
    }

    /** A reply ended with a failure. */
    default void failed(GatewayFailure failure) {
    }

    /** A reply was cancelled by the caller. */
    default void cancelled() {
    }

    /** An endpoint's circuit changed state. */
    default void circuitStateChanged(String endpointKey, CircuitState state) {
    }
}
