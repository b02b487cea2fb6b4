package com.personaruntime.gateway;

import dev.langchain4j.model.chat.StreamingChatModel;

import java.util.Objects;

/**
 * One step of a fallback chain: either a {@link ModelSpec} (built by {@link ModelFactory} and guarded by
 * its endpoint's circuit breaker) or a ready {@link StreamingChatModel} such as the offline composer, which
 * is not circuit-broken and belongs at the end of the chain.
 */
public sealed interface ModelRoute permits ModelRoute.Spec, ModelRoute.Ready {

    /** Name reported to {@link StreamListener#onStart} and in failures. */
    String name();

    /** A route to a provider model, named {@code provider:model}. */
    static ModelRoute of(ModelSpec spec) {
        return new Spec(spec, spec.displayName());
    }

    /** A route to a provider model with a chosen name. */
    static ModelRoute of(ModelSpec spec, String name) {
        return new Spec(spec, name);
    }

    /** A route to a ready model (e.g. the offline composer, always the last route). */
    static ModelRoute of(StreamingChatModel model, String name) {
        return new Ready(model, name);
    }

    /** A provider model route. */
    record Spec(ModelSpec spec, String name) implements ModelRoute {
        public Spec {
            Objects.requireNonNull(spec, "spec");
            requireName(name);
        }
    }

    /** A ready model route. */
    record Ready(StreamingChatModel model, String name) implements ModelRoute {
        public Ready {
            Objects.requireNonNull(model, "model");
            requireName(name);
        }

        @Override
        public String toString() {
            return "Ready[" + name + "]";
        }
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("route name must not be blank");
        }
    }
}
