package com.personaruntime.gateway;

import dev.langchain4j.model.output.TokenUsage;

/**
 * Receives one streamed reply from {@link ModelGateway#stream}.
 *
 * <p>Order: {@code onStart} once, when a route begins to deliver; then {@code onDelta} zero or more times;
 * then exactly one of {@code onComplete} or {@code onError}. {@code onError} may also come without
 * {@code onStart} when no route delivered anything. Nothing is called after {@link StreamHandle#cancel()}
 * has returned.
 *
 * <p>Threads: callbacks run on the gateway's or the HTTP client's threads, one at a time and in order
 * (never concurrently for one stream). They are called while the stream's lock is held: keep them short
 * and non-blocking (hop onto an event loop if needed). Calling {@code cancel()} from a callback is allowed.
 * An exception thrown by a callback is logged and ignored.
 */
public interface StreamListener {

    /** The route that serves this reply; called once, before its first delta. */
    default void onStart(String routeName) {
    }

    /** The next piece of the reply, never empty. */
    void onDelta(String text);

    /**
     * The reply ended normally.
     *
     * @param fullText  every delta joined, exactly what was delivered
     * @param routeName the route that served it
     * @param usage     token usage reported by the model, or {@code null}
     */
    void onComplete(String fullText, String routeName, TokenUsage usage);

    /** The reply failed; {@link GatewayFailure#delivered()} says whether deltas had been delivered. */
    void onError(GatewayFailure failure);
}
