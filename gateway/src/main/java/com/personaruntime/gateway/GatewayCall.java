package com.personaruntime.gateway;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.TokenUsage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/*
 * One streamed reply: walks the route chain, retries, enforces timeouts, and talks to the listener.
 *
 * Design notes
 * - One ReentrantLock guards all state. Every event (partial response, completion, error from a model
 *   thread; timer expiry; cancel from the caller) takes it, checks that it still concerns the current
 *   attempt and that the reply is not done, updates state and calls the listener while holding it. This
 *   gives ordered, never-concurrent callbacks, at-most-once completion, and "no callback after cancel()
 *   returns" (cancel waits for a running callback). It is reentrant, so a listener may cancel from inside a
 *   callback; code after a listener call re-checks `done`.
 * - An attempt that is given up (timeout, error, cancel) is detached first (current != it), so whatever
 *   its model still reports is ignored; then its upstream is aborted. Aborts and other work that may call
 *   back into this object run after the lock is released (`deferred`).
 * - Retries and fallbacks only happen while nothing was delivered; after the first delta any failure is
 *   terminal and reported with the partial text.
 * - One deadline timer per reply (firstTextDeadline), started with the reply: if it fires before the first
 *   delta, whatever provider attempt or backoff is in flight is given up and the first ready route after it
 *   (the composer) is started; provider routes are skipped from then on. Ready routes are exempt.
 */
final class GatewayCall implements StreamHandle {

    private static final Logger log = LoggerFactory.getLogger(GatewayCall.class);

    private final ModelGateway gateway;
    private final GatewayOptions options;
    private final GatewayMetrics metrics;
    private final List<ModelRoute> routes;
    private final ChatRequest request;
    private final StreamListener listener;
    private final Attribution attribution;

    private final ReentrantLock lock = new ReentrantLock();
    private final List<Runnable> deferred = new ArrayList<>();
    private final long startNanos = System.nanoTime();

    // guarded by lock
    private boolean done;
    private boolean cancelled;
    private int routeIndex = -1;
    private int attemptOnRoute;
    private Attempt current;
    private ScheduledFuture<?> backoffTimer;
    private ScheduledFuture<?> deadlineTimer;
    private boolean deadlinePassed;
    private final StringBuilder delivered = new StringBuilder();
    private boolean started;
    private final List<GatewayFailure.Attempt> failures = new ArrayList<>();
    private Failure lastFailure;
    private String lastRoute;

    GatewayCall(ModelGateway gateway, List<ModelRoute> routes, ChatRequest request, StreamListener listener,
                Attribution attribution) {
        this.gateway = gateway;
        this.options = gateway.options();
        this.metrics = gateway.metrics();
        this.routes = routes;
        this.request = request;
        this.listener = listener;
        this.attribution = attribution;
    }

    void start() {
        lock.lock();
        try {
            deadlineTimer = schedule(this::deadlinePassed, options.firstTextDeadline());
            nextRoute();
        } finally {
            unlock();
        }
    }

    @Override
    public void cancel() {
        lock.lock();
        try {
            if (done) {
                return;
            }
            done = true;
            cancelled = true;
            cancelTimer(backoffTimer);
            cancelTimer(deadlineTimer);
            if (current != null) {
                Attempt a = current;
                current = null;
                a.stopTimers();
                if (a.permit != null) {
                    a.permit.release();
                }
                deferred.add(a::abort);
            }
            metrics.cancelled();
            log.debug("stream cancelled after {} chars", delivered.length());
        } finally {
            unlock();
        }
    }

    @Override
    public boolean isCancelled() {
        lock.lock();
        try {
            return cancelled;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isDone() {
        lock.lock();
        try {
            return done;
        } finally {
            lock.unlock();
        }
    }

    // ---- route and attempt control (lock held) ----

    private void nextRoute() {
        routeIndex++;
        attemptOnRoute = 0;
        if (routeIndex >= routes.size()) {
            failNothingDelivered();
            return;
        }
        tryAttempt();
    }

    private void tryAttempt() {
        ModelRoute route = routes.get(routeIndex);
        lastRoute = route.name();
        if (deadlinePassed && route instanceof ModelRoute.Spec) {
            recordFailure(route, new Failure(GatewayFailure.Kind.DEADLINE, null, null, false),
                    "skipped: first-text deadline passed");
            nextRoute();
            return;
        }
        StreamingChatModel model;
        CircuitBreaker.Permit permit = null;
        if (route instanceof ModelRoute.Spec spec) {
            permit = gateway.breaker(spec.spec().endpointKey()).tryAcquire();
            if (permit == null) {
                recordFailure(route, new Failure(GatewayFailure.Kind.CIRCUIT_OPEN, null, null, false),
                        "circuit open for " + spec.spec().endpointKey());
                nextRoute();
                return;
            }
            try {
                model = gateway.modelFactory().get(spec.spec());
            } catch (RuntimeException e) {
                permit.release();
                recordFailure(route, new Failure(GatewayFailure.Kind.MODEL_ERROR, null, e, false),
                        "model could not be built: " + e.getMessage());
                nextRoute();
                return;
            }
        } else {
            model = ((ModelRoute.Ready) route).model();
        }
        attemptOnRoute++;
        Attempt attempt = new Attempt(route, model, permit, attemptOnRoute);
        current = attempt;
        metrics.attemptStarted(route.name(), attemptOnRoute);
        attempt.firstTokenTimer = schedule(attempt::firstTokenTimedOut, options.firstTokenTimeout());
        attempt.totalTimer = schedule(attempt::totalTimedOut, options.totalTimeout());
        deferred.add(attempt::dispatch);
    }

    /** The current attempt failed before anything was delivered: retry, fall back, or give up. */
    private void attemptFailed(Attempt a, Failure failure) {
        current = null;
        a.stopTimers();
        deferred.add(a::abort);
        if (a.permit != null) {
            a.permit.recordFailure();
        }
        String detail = failure.describe();
        recordFailure(a.route, failure, detail);
        if (failure.retryable && attemptOnRoute <= options.maxRetries()) {
            Duration delay = backoff(attemptOnRoute);
            log.debug("route {} attempt {} failed ({}); retrying in {} ms", a.route.name(), a.number, detail,
                    delay.toMillis());
            backoffTimer = schedule(this::retry, delay);
        } else {
            log.warn("route {} failed after {} attempt(s) ({}); trying the next route", a.route.name(), a.number,
                    detail);
            nextRoute();
        }
    }

    /** The first-text deadline fired: give up on provider routes and let the first ready route answer. */
    private void deadlinePassed() {
        lock.lock();
        try {
            if (done || started) {
                return;
            }
            deadlinePassed = true;
            Attempt a = current;
            if (a != null && a.route instanceof ModelRoute.Ready) {
                return; // the composer (or another ready route) is already answering
            }
            cancelTimer(backoffTimer);
            backoffTimer = null;
            ModelRoute route = routes.get(routeIndex);
            if (a != null) {
                current = null;
                a.stopTimers();
                if (a.permit != null) {
                    a.permit.release();
                }
                deferred.add(a::abort);
            }
            recordFailure(route, new Failure(GatewayFailure.Kind.DEADLINE, null, null, false),
                    "no text within " + options.firstTextDeadline().toMillis() + " ms");
            log.warn("route {}: no text within the first-text deadline of {} ms; falling back", route.name(),
                    options.firstTextDeadline().toMillis());
            int ready = routeIndex + 1;
            while (ready < routes.size() && !(routes.get(ready) instanceof ModelRoute.Ready)) {
                ready++;
            }
            if (ready >= routes.size()) {
                routeIndex = routes.size();
                failNothingDelivered();
                return;
            }
            routeIndex = ready;
            attemptOnRoute = 0;
            tryAttempt();
        } finally {
            unlock();
        }
    }

    private void retry() {
        lock.lock();
        try {
            if (done) {
                return;
            }
            backoffTimer = null;
            tryAttempt();
        } finally {
            unlock();
        }
    }

    /** The current attempt failed after deltas were delivered: the reply ends here. */
    private void failDelivered(Attempt a, Failure failure) {
        current = null;
        done = true;
        a.stopTimers();
        deferred.add(a::abort);
        if (a.permit != null) {
            a.permit.recordFailure();
        }
        recordFailure(a.route, failure, failure.describe());
        GatewayFailure f = new GatewayFailure(failure.kind, true, delivered.toString(), a.route.name(),
                failure.status, failure.cause, failures);
        log.warn("route {} broke off after {} chars: {}", a.route.name(), delivered.length(), failure.describe());
        metrics.failed(f);
        notifyListener(() -> listener.onError(f));
    }

    private void failNothingDelivered() {
        done = true;
        cancelTimer(deadlineTimer);
        Failure last = lastFailure != null ? lastFailure
                : new Failure(GatewayFailure.Kind.CIRCUIT_OPEN, null, null, false);
        GatewayFailure f = new GatewayFailure(last.kind, false, "", lastRoute, last.status, last.cause, failures);
        log.warn("no route produced a reply: {}", f);
        metrics.failed(f);
        notifyListener(() -> listener.onError(f));
    }

    private void recordFailure(ModelRoute route, Failure failure, String detail) {
        lastFailure = failure;
        lastRoute = route.name();
        failures.add(new GatewayFailure.Attempt(route.name(), failure.kind, detail));
        metrics.attemptFailed(route.name(), failure.kind);
    }

    private void deliver(Attempt a, String text) {
        if (!started) {
            started = true;
            cancelTimer(a.firstTokenTimer);
            cancelTimer(deadlineTimer);
            metrics.firstToken(a.route.name(), Duration.ofNanos(System.nanoTime() - a.startNanos));
            notifyListener(() -> listener.onStart(a.route.name()));
            if (done) {
                return;
            }
        }
        delivered.append(text);
        notifyListener(() -> listener.onDelta(text));
        if (done) {
            return;
        }
        // The between-token timer is armed once and re-armed lazily when it fires (interTokenTimedOut):
        // cancelling and scheduling a timer per delta cost two scheduler-queue operations and a task
        // object per token, on the thread that decodes the stream.
        a.lastTokenNanos = System.nanoTime();
        if (a.interTokenTimer == null) {
            a.interTokenTimer = schedule(a::interTokenTimedOut, options.interTokenTimeout());
        }
    }

    private Duration backoff(int failedAttempts) {
        long base = options.backoffBase().toNanos();
        long max = options.backoffMax().toNanos();
        long exp = base << Math.min(failedAttempts - 1, 20);
        long capped = exp < 0 ? max : Math.min(exp, max);
        double jitter = options.backoffJitter() * ThreadLocalRandom.current().nextDouble();
        return Duration.ofNanos((long) (capped * (1 - jitter)));
    }

    private ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return options.scheduler().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static void cancelTimer(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void notifyListener(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            log.error("stream listener threw; ignored", e);
        }
    }

    /** Releases the lock, then runs the work deferred while holding it (only at the outermost level). */
    private void unlock() {
        List<Runnable> toRun = null;
        if (lock.getHoldCount() == 1 && !deferred.isEmpty()) {
            toRun = new ArrayList<>(deferred);
            deferred.clear();
        }
        lock.unlock();
        if (toRun != null) {
            for (Runnable r : toRun) {
                r.run();
            }
        }
    }

    // ---- error classification ----

    /** A classified failure of one attempt. */
    private record Failure(GatewayFailure.Kind kind, Integer status, Throwable cause, boolean retryable) {
        String describe() {
            StringBuilder sb = new StringBuilder(kind.name());
            if (status != null) {
                sb.append(' ').append(status);
            }
            if (cause != null) {
                sb.append(": ").append(cause.getClass().getSimpleName());
                if (cause.getMessage() != null) {
                    String m = cause.getMessage();
                    sb.append(' ').append(m.length() > 200 ? m.substring(0, 200) + "..." : m);
                }
            }
            return sb.toString();
        }
    }

    static boolean retryableStatus(int status) {
        return status == 408 || status == 409 || status == 425 || status == 429 || status >= 500;
    }

    private static Failure classify(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth < 12; t = t.getCause(), depth++) {
            if (t instanceof com.personaruntime.gateway.net.OutboundAddressRefusedException) {
                // the same URL gets the same answer: no retry, the chain moves on
                return new Failure(GatewayFailure.Kind.ADDRESS_REFUSED, null, error, false);
            }
            if (t instanceof HttpException http) {
                return new Failure(GatewayFailure.Kind.HTTP_ERROR, http.statusCode(), error,
                        retryableStatus(http.statusCode()));
            }
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException
                    || t instanceof UnresolvedAddressException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException) {
                return new Failure(GatewayFailure.Kind.CONNECT_FAILED, null, error, true);
            }
            if (t instanceof HttpTimeoutException || t instanceof TimeoutException) {
                return new Failure(GatewayFailure.Kind.FIRST_TOKEN_TIMEOUT, null, error, true);
            }
        }
        depth = 0;
        for (Throwable t = error; t != null && depth < 12; t = t.getCause(), depth++) {
            if (t instanceof IOException) {
                return new Failure(GatewayFailure.Kind.STREAM_CUT, null, error, true);
            }
        }
        if (error instanceof RateLimitException) {
            return new Failure(GatewayFailure.Kind.HTTP_ERROR, 429, error, true);
        }
        if (error instanceof InternalServerException) {
            return new Failure(GatewayFailure.Kind.HTTP_ERROR, null, error, true);
        }
        if (error instanceof AuthenticationException || error instanceof InvalidRequestException
                || error instanceof ModelNotFoundException) {
            return new Failure(GatewayFailure.Kind.HTTP_ERROR, null, error, false);
        }
        return new Failure(GatewayFailure.Kind.MODEL_ERROR, null, error, error instanceof RetriableException);
    }

    // ---- one attempt on one route ----

    private final class Attempt implements StreamingChatResponseHandler {
        final ModelRoute route;
        final StreamingChatModel model;
        final CircuitBreaker.Permit permit;
        final int number;
        final Upstream upstream = new Upstream();
        final long startNanos = System.nanoTime();
        volatile StreamingHandle streamingHandle;
        // guarded by the call's lock
        ScheduledFuture<?> firstTokenTimer;
        ScheduledFuture<?> interTokenTimer;
        ScheduledFuture<?> totalTimer;
        /** System.nanoTime() of the latest delivered delta; read when the between-token timer fires. */
        long lastTokenNanos;

        Attempt(ModelRoute route, StreamingChatModel model, CircuitBreaker.Permit permit, int number) {
            this.route = route;
            this.model = model;
            this.permit = permit;
            this.number = number;
        }

        /** Starts the model call on the gateway's executor, with this attempt's upstream bound. */
        void dispatch() {
            try {
                options.executor().execute(() -> {
                    try {
                        upstream.runBound(() -> model.chat(request, this));
                    } catch (RuntimeException e) {
                        onError(e);
                    }
                });
            } catch (RuntimeException rejected) {
                onError(rejected);
            }
        }

        void abort() {
            upstream.abort();
            StreamingHandle handle = streamingHandle;
            if (handle != null) {
                try {
                    handle.cancel();
                } catch (RuntimeException ignored) {
                    // the stream is being torn down anyway
                }
            }
        }

        void stopTimers() {
            cancelTimer(firstTokenTimer);
            cancelTimer(interTokenTimer);
            cancelTimer(totalTimer);
        }

        private boolean isCurrent() {
            return !done && current == this;
        }

        @Override
        public void onPartialResponse(String partialResponse) {
            partial(partialResponse);
        }

        @Override
        public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
            if (context != null && context.streamingHandle() != null) {
                streamingHandle = context.streamingHandle();
                if (upstream.isAborted()) {
                    abort();
                    return;
                }
            }
            partial(partialResponse == null ? null : partialResponse.text());
        }

        private void partial(String text) {
            lock.lock();
            try {
                if (!isCurrent() || text == null || text.isEmpty()) {
                    return;
                }
                deliver(this, text);
            } finally {
                unlock();
            }
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            lock.lock();
            try {
                if (!isCurrent()) {
                    return;
                }
                String text = response != null && response.aiMessage() != null ? response.aiMessage().text() : null;
                if (!started) {
                    if (text == null || text.isEmpty()) {
                        attemptFailed(this, new Failure(GatewayFailure.Kind.EMPTY_RESPONSE, null, null, true));
                        return;
                    }
                    // a model that sent no partial responses: deliver its whole text as one delta
                    deliver(this, text);
                    if (done) {
                        return;
                    }
                }
                current = null;
                done = true;
                stopTimers();
                if (permit != null) {
                    permit.recordSuccess();
                }
                String full = delivered.toString();
                metrics.completed(route.name(), Duration.ofNanos(System.nanoTime() - GatewayCall.this.startNanos));
                if (route instanceof ModelRoute.Spec && response != null && response.tokenUsage() != null) {
                    TokenUsage usage = response.tokenUsage();
                    notifyListener(() -> metrics.tokenUsage(route.name(), attribution, usage));
                }
                notifyListener(() -> listener.onComplete(full, route.name(),
                        response == null ? null : response.tokenUsage()));
            } finally {
                unlock();
            }
        }

        @Override
        public void onError(Throwable error) {
            lock.lock();
            try {
                if (!isCurrent()) {
                    return;
                }
                Failure failure = classify(error);
                if (started) {
                    Failure cut = failure.kind == GatewayFailure.Kind.HTTP_ERROR || failure.kind == GatewayFailure.Kind.MODEL_ERROR
                            ? failure : new Failure(GatewayFailure.Kind.STREAM_CUT, failure.status, error, false);
                    failDelivered(this, cut);
                } else {
                    attemptFailed(this, failure);
                }
            } finally {
                unlock();
            }
        }

        void firstTokenTimedOut() {
            lock.lock();
            try {
                if (isCurrent() && !started) {
                    attemptFailed(this, new Failure(GatewayFailure.Kind.FIRST_TOKEN_TIMEOUT, null, null, true));
                }
            } finally {
                unlock();
            }
        }

        void interTokenTimedOut() {
            lock.lock();
            try {
                if (!isCurrent() || !started) {
                    return;
                }
                long timeout = options.interTokenTimeout().toNanos();
                long silent = System.nanoTime() - lastTokenNanos;
                if (silent < timeout) {
                    // deltas arrived since the timer was armed: wait for the rest of the timeout after the latest
                    interTokenTimer = schedule(this::interTokenTimedOut, Duration.ofNanos(timeout - silent));
                    return;
                }
                failDelivered(this, new Failure(GatewayFailure.Kind.INTER_TOKEN_TIMEOUT, null, null, false));
            } finally {
                unlock();
            }
        }

        void totalTimedOut() {
            lock.lock();
            try {
                if (!isCurrent()) {
                    return;
                }
                Failure failure = new Failure(GatewayFailure.Kind.TOTAL_TIMEOUT, null, null, !started);
                if (started) {
                    failDelivered(this, failure);
                } else {
                    attemptFailed(this, failure);
                }
            } finally {
                unlock();
            }
        }
    }
}
