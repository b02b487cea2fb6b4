package com.personaruntime.gateway;

/** Control over one streamed reply started by {@link ModelGateway#stream}. Thread-safe. */
public interface StreamHandle {

    /**
     * Stops the reply: timers are cancelled, the upstream request is aborted (its HTTP connection to the
     * model is closed, so the model stops generating), and no listener callback is made once this returns.
     * No-op when the reply already ended. Idempotent.
     */
    void cancel();

    /** Whether {@link #cancel()} stopped the reply. */
    boolean isCancelled();

    /** Whether the reply ended: completed, failed or cancelled. */
    boolean isDone();
}
