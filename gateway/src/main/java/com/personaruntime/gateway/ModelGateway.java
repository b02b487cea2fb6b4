package com.personaruntime.gateway;

import dev.langchain4j.model.chat.request.ChatRequest;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Streams a chat reply through a fallback chain of models, with the guarantees a live chat needs.
 *
 * <ul>
 *   <li>Routes are tried in order. On one route, an attempt that fails before anything was delivered
 *       (HTTP 5xx/429, connection refused, first-token timeout, stream cut before the first delta, empty
 *       reply) is retried with exponential backoff up to {@link GatewayOptions#maxRetries()} times; a
 *       non-retryable error (HTTP 400/401/404, other model errors) or the last retry moves to the next
 *       route. A route whose endpoint's circuit is open is skipped at once.</li>
 *   <li>Once a delta was delivered the reply is bound to that route: a later failure (cut stream,
 *       inter-token or total timeout) ends it with {@link StreamListener#onError} carrying the partial
 *       text; it is never continued silently by another model.</li>
 *   <li>Timeouts are the gateway's own timers (first token, between tokens, total per attempt), not only
 *       the HTTP client's.</li>
 *   <li>An overall deadline for the first text of a reply ({@link GatewayOptions#firstTextDeadline()}) spans
 *       every retry and provider route: once it passes, the ready route at the end of the chain (the offline
 *       composer) answers.</li>
 *   <li>{@link StreamHandle#cancel()} aborts the upstream HTTP request (see {@link ModelFactory}).</li>
 *   <li>Streams are read without blocking: no thread is held per stream (see {@link ModelFactory}).</li>
 * </ul>
 *
 * <p>One circuit breaker per {@link ModelSpec#endpointKey()}, shared by all streams of this gateway.
 * Thread-safe; {@link #stream} never blocks (model calls start on {@link GatewayOptions#executor()}).
 */
public final class ModelGateway {

    private final GatewayOptions options;
    private final ModelFactory modelFactory;
    private final GatewayMetrics metrics;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    private ModelGateway(Builder b) {
        this.options = b.options;
        this.modelFactory = b.modelFactory != null ? b.modelFactory : new ModelFactory(b.options);
        this.metrics = b.metrics;
    }

    /** A gateway with {@code options}, its own {@link ModelFactory} and no metrics. */
    public static ModelGateway create(GatewayOptions options) {
        return builder().options(options).build();
    }

    /** A builder (default options, own factory, no metrics). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts streaming a reply to {@code request} and returns at once.
     *
     * @param chain    routes in order of preference, at least one; a ready model such as the offline
     *                 composer goes last
     * @param request  the chat request; leave its model name unset, each route supplies its own
     * @param listener receives the reply, see {@link StreamListener} for order and threads
     * @return a handle to cancel the reply
     */
    public StreamHandle stream(List<ModelRoute> chain, ChatRequest request, StreamListener listener) {
        return stream(chain, request, listener, Attribution.NONE);
    }

    /**
     * As {@link #stream(List, ChatRequest, StreamListener)}, attributing the reply's token usage to a brand
     * and persona in {@link GatewayMetrics#tokenUsage}.
     */
    public StreamHandle stream(List<ModelRoute> chain, ChatRequest request, StreamListener listener,
                               Attribution who) {
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("chain must contain at least one route");
        }
        List<ModelRoute> routes = List.copyOf(chain);
        GatewayCall call = new GatewayCall(this, routes, request, listener, who);
        call.start();
        return call;
    }

    /** The circuit state of an endpoint ({@link CircuitState#CLOSED} if it was never used). */
    public CircuitState circuitState(String endpointKey) {
        CircuitBreaker breaker = breakers.get(endpointKey);
        return breaker == null ? CircuitState.CLOSED : breaker.state();
    }

    /** The settings. */
    public GatewayOptions options() {
        return options;
    }

    /** The factory that builds this gateway's provider models. */
    public ModelFactory modelFactory() {
        return modelFactory;
    }

    GatewayMetrics metrics() {
        return metrics;
    }

    CircuitBreaker breaker(String endpointKey) {
        return breakers.computeIfAbsent(endpointKey, key -> new CircuitBreaker(key, options.failureThreshold(),
                options.openDuration(), options.clock(), metrics::circuitStateChanged));
    }

    /** Builder for {@link ModelGateway}. */
    public static final class Builder {
        private GatewayOptions options = GatewayOptions.defaults();
        private ModelFactory modelFactory;
        private GatewayMetrics metrics = GatewayMetrics.NONE;

        private Builder() {
        }

        /** Settings; defaults to {@link GatewayOptions#defaults()}. */
        public Builder options(GatewayOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** A shared model factory; by default the gateway builds its own from the options. */
        public Builder modelFactory(ModelFactory modelFactory) {
            this.modelFactory = modelFactory;
            return this;
        }

        /** Metrics hooks; defaults to none. */
        public Builder metrics(GatewayMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        public ModelGateway build() {
            return new ModelGateway(this);
        }
    }
}
