package com.personaruntime.gateway;

import java.util.ArrayList;
import java.util.List;

/**
 * The network side of one attempt: whatever must be closed to stop the model's generation.
 *
 * <p>LangChain4j gives a {@code StreamingHandle} only with the first partial response, so it cannot stop a
 * request that is still waiting for its first token. The gateway therefore binds an {@code Upstream} to
 * the thread that calls {@code StreamingChatModel.chat(..)}; {@link StreamingHttpClient}, which every model
 * built by {@link ModelFactory} uses, picks it up on that same thread and registers the pending HTTP
 * exchange and, later, the response body stream. {@link #abort()} cancels the exchange and closes the
 * body, which closes the connection to the model server.
 */
final class Upstream {

    private static final ThreadLocal<Upstream> CURRENT = new ThreadLocal<>();

    private final List<Runnable> aborters = new ArrayList<>();
    private boolean aborted;

    /** The upstream bound to this thread by the gateway, or {@code null}. */
    static Upstream current() {
        return CURRENT.get();
    }

    /** Runs {@code call} with this upstream bound to the current thread. */
    void runBound(Runnable call) {
        Upstream previous = CURRENT.get();
        CURRENT.set(this);
        try {
            call.run();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** Registers something to run on abort; runs it at once if already aborted. */
    void onAbort(Runnable aborter) {
        synchronized (this) {
            if (!aborted) {
                aborters.add(aborter);
                return;
            }
        }
        runQuietly(aborter);
    }

    /** Aborts once: runs every registered aborter. */
    void abort() {
        List<Runnable> toRun;
        synchronized (this) {
            if (aborted) {
                return;
            }
            aborted = true;
            toRun = new ArrayList<>(aborters);
            aborters.clear();
        }
        toRun.forEach(Upstream::runQuietly);
    }

    synchronized boolean isAborted() {
        return aborted;
    }

    private static void runQuietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException ignored) {
            // closing an already broken connection may throw; the goal (closed) is reached either way
        }
    }
}
