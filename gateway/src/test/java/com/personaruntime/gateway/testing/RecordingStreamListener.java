package com.personaruntime.gateway.testing;

import com.personaruntime.gateway.GatewayFailure;
import com.personaruntime.gateway.StreamListener;
import dev.langchain4j.model.output.TokenUsage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link StreamListener} that records every callback, in order, for assertions. Thread-safe. It also
 * notes callbacks that break the listener contract (anything after the end, a second end, callbacks from
 * two threads at once) in {@link #violations()}.
 */
public final class RecordingStreamListener implements StreamListener {

    private final List<String> events = new ArrayList<>();
    private final List<String> deltas = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile String startedRoute;
    private volatile String completedText;
    private volatile String completedRoute;
    private volatile TokenUsage usage;
    private volatile GatewayFailure failure;
    private boolean inCallback;
    private boolean done;

    @Override
    public void onStart(String routeName) {
        enter("start:" + routeName);
        startedRoute = routeName;
        leave();
    }

    @Override
    public void onDelta(String text) {
        enter("delta:" + text);
        synchronized (this) {
            deltas.add(text);
            notifyAll();
        }
        leave();
    }

    @Override
    public void onComplete(String fullText, String routeName, TokenUsage usage) {
        enter("complete:" + routeName);
        completedText = fullText;
        completedRoute = routeName;
        this.usage = usage;
        end();
        leave();
    }

    @Override
    public void onError(GatewayFailure failure) {
        enter("error:" + failure.kind());
        this.failure = failure;
        end();
        leave();
    }

    private synchronized void enter(String event) {
        if (inCallback) {
            violations.add("concurrent callback: " + event);
        }
        if (done) {
            violations.add("callback after the end: " + event);
        }
        inCallback = true;
        events.add(event);
    }

    private synchronized void leave() {
        inCallback = false;
    }

    private synchronized void end() {
        done = true;
        ended.countDown();
    }

    /** Waits for onComplete or onError; fails if neither came in time. */
    public RecordingStreamListener awaitEnd(Duration timeout) {
        try {
            if (!ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("stream did not end within " + timeout + "; events: " + events());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return this;
    }

    /** Waits until at least {@code n} deltas arrived (woken by each delta, no polling). */
    public RecordingStreamListener awaitDeltas(int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (deltas.size() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("fewer than " + n + " deltas within " + timeout + "; events: " + events);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
        return this;
    }

    /** Whether onComplete or onError was called. */
    public boolean ended() {
        return ended.getCount() == 0;
    }

    /** Every callback as {@code start:ROUTE}, {@code delta:TEXT}, {@code complete:ROUTE}, {@code error:KIND}. */
    public synchronized List<String> events() {
        return List.copyOf(events);
    }

    /** The deltas, in order. */
    public synchronized List<String> deltas() {
        return List.copyOf(deltas);
    }

    /** Contract violations seen (empty when all is well). */
    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    /** The route given to onStart, or {@code null}. */
    public String startedRoute() { return startedRoute; }

    /** The full text given to onComplete, or {@code null}. */
    public String completedText() { return completedText; }

    /** The route given to onComplete, or {@code null}. */
    public String completedRoute() { return completedRoute; }

    /** The usage given to onComplete, or {@code null}. */
    public TokenUsage usage() { return usage; }

    /** The failure given to onError, or {@code null}. */
    public GatewayFailure failure() { return failure; }
}
