package com.personaruntime.gateway;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Immutable gateway settings. Build with {@link #builder()}; {@link Builder#build()} validates every field
 * and the relations between them, and its messages name the field and the value.
 *
 * <p>Defaults: connect 5 s, first token 10 s, between tokens 20 s, total 120 s, 2 retries before the first
 * token, backoff 200 ms doubling up to 2 s with jitter, circuit opens after 5 consecutive failures for 30 s,
 * first text of a reply within 15 s across all retries and fallbacks (else the last, ready route answers),
 * HTTP executor of {@code max(2, cores)} threads (none on at most two processors: the client's selector thread
 * decodes plain-HTTP streams itself; {@code https} endpoints keep two, see {@link ModelFactory}). The clock, the timer scheduler and the executor that
 * starts model calls are injectable for tests; the defaults are JVM-wide daemon threads (a fixed number,
 * not one per stream) that need no shutdown.
 */
public final class GatewayOptions {

    private final Duration connectTimeout;
    private final Duration firstTokenTimeout;
    private final Duration interTokenTimeout;
    private final Duration totalTimeout;
    private final Duration firstTextDeadline;
    private final int maxRetries;
    private final Duration backoffBase;
    private final Duration backoffMax;
    private final double backoffJitter;
    private final int failureThreshold;
    private final Duration openDuration;
    private final int httpThreads;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Executor executor;
    private final com.personaruntime.gateway.net.OutboundAddressPolicy outboundPolicy;

    private GatewayOptions(Builder b) {
        this.connectTimeout = b.connectTimeout;
        this.firstTokenTimeout = b.firstTokenTimeout;
        this.interTokenTimeout = b.interTokenTimeout;
        this.totalTimeout = b.totalTimeout;
        this.firstTextDeadline = b.firstTextDeadline;
        this.maxRetries = b.maxRetries;
        this.backoffBase = b.backoffBase;
        this.backoffMax = b.backoffMax;
        this.backoffJitter = b.backoffJitter;
        this.failureThreshold = b.failureThreshold;
        this.openDuration = b.openDuration;
        this.httpThreads = b.httpThreads;
        this.clock = b.clock;
        this.scheduler = b.scheduler != null ? b.scheduler : Defaults.SCHEDULER;
        this.executor = b.executor != null ? b.executor : Defaults.EXECUTOR;
        this.outboundPolicy = b.outboundPolicy;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults. */
    public static GatewayOptions defaults() {
        return builder().build();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.connectTimeout = connectTimeout;
        b.firstTokenTimeout = firstTokenTimeout;
        b.interTokenTimeout = interTokenTimeout;
        b.totalTimeout = totalTimeout;
        b.firstTextDeadline = firstTextDeadline;
        b.maxRetries = maxRetries;
        b.backoffBase = backoffBase;
        b.backoffMax = backoffMax;
        b.backoffJitter = backoffJitter;
        b.failureThreshold = failureThreshold;
        b.openDuration = openDuration;
        b.httpThreads = httpThreads;
        b.clock = clock;
        b.scheduler = scheduler == Defaults.SCHEDULER ? null : scheduler;
        b.executor = executor == Defaults.EXECUTOR ? null : executor;
        b.outboundPolicy = outboundPolicy;
        return b;
    }

    /** TCP connect timeout of the HTTP client. */
    public Duration connectTimeout() { return connectTimeout; }

    /** Longest wait from sending a request to the first text delta of an attempt. */
    public Duration firstTokenTimeout() { return firstTokenTimeout; }

    /** Longest gap between two text deltas once the reply has started. */
    public Duration interTokenTimeout() { return interTokenTimeout; }

    /** Longest duration of one attempt, from sending the request to the end of the reply. */
    public Duration totalTimeout() { return totalTimeout; }

    /**
     * Longest wait, from {@link ModelGateway#stream} to the first text delta, across every attempt, retry,
     * backoff and provider route of one reply. When it passes with nothing delivered, the attempt in flight
     * is aborted, the remaining provider routes are skipped and the first ready route (the offline composer)
     * answers; without one the reply fails with {@link GatewayFailure.Kind#DEADLINE}. Ready routes are not
     * subject to it. Bounds the worst case that retries and fallbacks would otherwise stretch to about
     * {@code routes x (maxRetries + 1) x firstTokenTimeout}.
     */
    public Duration firstTextDeadline() { return firstTextDeadline; }

    /**
         * Threads of the HTTP client's executor (body chunks are decoded and dispatched there), fixed; 0: none,
     * the client's selector thread decodes and dispatches every chunk of a plain-HTTP stream itself (no
     * hand-over per chunk), and {@code https} endpoints get a second client with two executor threads.
     */
    public int httpThreads() { return httpThreads; }

    /** Retries on the same route while nothing has been delivered (so at most {@code maxRetries + 1} attempts). */
    public int maxRetries() { return maxRetries; }

    /** Backoff before the first retry; doubles for each further retry. */
    public Duration backoffBase() { return backoffBase; }

    /** Upper bound of one backoff. */
    public Duration backoffMax() { return backoffMax; }

    /** Fraction (0 to 1) of each backoff that is randomised: a backoff {@code d} becomes {@code d * (1 - jitter * random)}. */
    public double backoffJitter() { return backoffJitter; }

    /** Consecutive failures of an endpoint that open its circuit. */
    public int failureThreshold() { return failureThreshold; }

    /** How long an open circuit skips its endpoint before letting one probe through (half-open). */
    public Duration openDuration() { return openDuration; }

    /** Clock for the circuit breakers' open duration. */
    public Clock clock() { return clock; }

    /** Runs the gateway's timers (timeouts, backoff). */
    public ScheduledExecutorService scheduler() { return scheduler; }

    /** Starts model calls, so a caller's thread (an event loop) never runs a model's blocking setup. */
    public Executor executor() { return executor; }

    /**
     * Which addresses model calls may reach; checked (host resolved, every address classified) before each
     * HTTP request. A refused address fails the attempt without retry and the chain moves on.
     */
    public com.personaruntime.gateway.net.OutboundAddressPolicy outboundPolicy() { return outboundPolicy; }

    @Override
    public String toString() {
        return "GatewayOptions[connectTimeout=" + connectTimeout + ", firstTokenTimeout=" + firstTokenTimeout
                + ", interTokenTimeout=" + interTokenTimeout + ", totalTimeout=" + totalTimeout
                + ", firstTextDeadline=" + firstTextDeadline + ", httpThreads=" + httpThreads
                + ", maxRetries=" + maxRetries + ", backoffBase=" + backoffBase + ", backoffMax=" + backoffMax
                + ", backoffJitter=" + backoffJitter + ", failureThreshold=" + failureThreshold
                + ", openDuration=" + openDuration + ", outboundPolicy=" + outboundPolicy + "]";
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration firstTokenTimeout = Duration.ofSeconds(10);
        private Duration interTokenTimeout = Duration.ofSeconds(20);
        private Duration totalTimeout = Duration.ofSeconds(120);
        private Duration firstTextDeadline = Duration.ofSeconds(15);
        private int maxRetries = 2;
        private Duration backoffBase = Duration.ofMillis(200);
        private Duration backoffMax = Duration.ofSeconds(2);
        private double backoffJitter = 0.5;
        private int failureThreshold = 5;
        private Duration openDuration = Duration.ofSeconds(30);
        private int httpThreads = Defaults.HTTP_THREADS;
        private Clock clock = Clock.systemUTC();
        private ScheduledExecutorService scheduler;
        private Executor executor;
        private com.personaruntime.gateway.net.OutboundAddressPolicy outboundPolicy =
                com.personaruntime.gateway.net.OutboundAddressPolicy.publicOnly();

        private Builder() {
        }

        public Builder connectTimeout(Duration value) { this.connectTimeout = value; return this; }

        public Builder firstTokenTimeout(Duration value) { this.firstTokenTimeout = value; return this; }

        public Builder interTokenTimeout(Duration value) { this.interTokenTimeout = value; return this; }

        public Builder totalTimeout(Duration value) { this.totalTimeout = value; return this; }

        public Builder firstTextDeadline(Duration value) { this.firstTextDeadline = value; return this; }

        public Builder httpThreads(int value) { this.httpThreads = value; return this; }

        public Builder maxRetries(int value) { this.maxRetries = value; return this; }

        public Builder backoffBase(Duration value) { this.backoffBase = value; return this; }

        public Builder backoffMax(Duration value) { this.backoffMax = value; return this; }

        public Builder backoffJitter(double value) { this.backoffJitter = value; return this; }

        public Builder failureThreshold(int value) { this.failureThreshold = value; return this; }

        public Builder openDuration(Duration value) { this.openDuration = value; return this; }

        public Builder clock(Clock value) { this.clock = value; return this; }

        /** Timer scheduler; {@code null} for the shared default. Not shut down by the gateway. */
        public Builder scheduler(ScheduledExecutorService value) { this.scheduler = value; return this; }

        /** Executor that starts model calls; {@code null} for the shared default. Not shut down by the gateway. */
        public Builder executor(Executor value) { this.executor = value; return this; }

        /** Addresses model calls may reach; default {@link com.personaruntime.gateway.net.OutboundAddressPolicy#publicOnly()}. */
        public Builder outboundPolicy(com.personaruntime.gateway.net.OutboundAddressPolicy value) {
            this.outboundPolicy = Objects.requireNonNull(value, "outboundPolicy");
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the first invalid field and its value
         */
        public GatewayOptions build() {
            positive("connectTimeout", connectTimeout);
            positive("firstTokenTimeout", firstTokenTimeout);
            positive("interTokenTimeout", interTokenTimeout);
            positive("totalTimeout", totalTimeout);
            positive("firstTextDeadline", firstTextDeadline);
            if (httpThreads < 0 || httpThreads > 64) {
                throw new IllegalArgumentException("httpThreads must be between 0 and 64, was: " + httpThreads);
            }
            if (maxRetries < 0 || maxRetries > 10) {
                throw new IllegalArgumentException("maxRetries must be between 0 and 10, was: " + maxRetries);
            }
            notNegative("backoffBase", backoffBase);
            notNegative("backoffMax", backoffMax);
            if (Double.isNaN(backoffJitter) || backoffJitter < 0 || backoffJitter > 1) {
                throw new IllegalArgumentException("backoffJitter must be between 0 and 1, was: " + backoffJitter);
            }
            if (failureThreshold < 1) {
                throw new IllegalArgumentException("failureThreshold must be at least 1, was: " + failureThreshold);
            }
            positive("openDuration", openDuration);
            Objects.requireNonNull(clock, "clock must not be null");
            if (firstTokenTimeout.compareTo(totalTimeout) > 0) {
                throw new IllegalArgumentException("firstTokenTimeout (" + firstTokenTimeout
                        + ") must not exceed totalTimeout (" + totalTimeout + ")");
            }
            if (interTokenTimeout.compareTo(totalTimeout) > 0) {
                throw new IllegalArgumentException("interTokenTimeout (" + interTokenTimeout
                        + ") must not exceed totalTimeout (" + totalTimeout + ")");
            }
            if (backoffBase.compareTo(backoffMax) > 0) {
                throw new IllegalArgumentException("backoffBase (" + backoffBase
                        + ") must not exceed backoffMax (" + backoffMax + ")");
            }
            return new GatewayOptions(this);
        }

        private static void positive(String field, Duration value) {
            if (value == null) {
                throw new IllegalArgumentException(field + " must not be null");
            }
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(field + " must be positive, was: " + value);
            }
        }

        private static void notNegative(String field, Duration value) {
            if (value == null) {
                throw new IllegalArgumentException(field + " must not be null");
            }
            if (value.isNegative()) {
                throw new IllegalArgumentException(field + " must not be negative, was: " + value);
            }
        }
    }

    /**
     * JVM-wide default threads, created on first use; daemon threads, so they need no shutdown. Fixed
     * sizes: starting a model call only builds its request and hands it to the non-blocking HTTP client.
     */
    private static final class Defaults {
        static final int THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());
        /**
         * HTTP executor threads: none on a machine of at most two processors (the selector thread decodes each
         * chunk itself: measured there, handing every chunk to an executor thread cost ~40% of the HTTP
         * client's CPU per reply, docs/benchmarks.md), else {@link #THREADS}.
         */
        static final int HTTP_THREADS = Runtime.getRuntime().availableProcessors() <= 2 ? 0 : THREADS;
        static final ScheduledExecutorService SCHEDULER;
        static final ExecutorService EXECUTOR;

        static {
            ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, daemon("persona-gateway-timer"));
            timers.setRemoveOnCancelPolicy(true);
            SCHEDULER = timers;
            EXECUTOR = Executors.newFixedThreadPool(THREADS, daemon("persona-gateway-call"));
        }

        private static ThreadFactory daemon(String prefix) {
            AtomicInteger n = new AtomicInteger();
            return r -> {
                Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
        }
    }
}
