package com.personaruntime.gateway;

import com.personaruntime.gateway.net.OutboundAddressPolicy;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.DefaultServerSentEventParser;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import dev.langchain4j.http.client.sse.ServerSentEventParsingHandle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * LangChain4j {@link HttpClient} on the JDK client whose streaming calls hold no thread while they wait.
 *
 * <p>{@link #execute(HttpRequest, ServerSentEventParser, ServerSentEventListener)} sends the request
 * asynchronously and reads the body with a non-blocking {@link Flow.Subscriber}: each chunk the selector
 * delivers is decoded at once by an incremental {@link EventStreamDecoder} (Server-Sent Events for OpenAI
 * and Anthropic, NDJSON for Ollama's native API) and the events go to the listener on the HTTP client's
 * executor. Hundreds of concurrent streams therefore share the client's selector thread and its small
 * executor instead of each parking a thread in a blocking {@code InputStream.read} (what LangChain4j's
 * {@code JdkHttpClient} and its {@code DefaultServerSentEventParser} do).
 *
 * <p>Abort: the {@link Upstream} bound to the calling thread (see {@link GatewayCall}) can stop the call
 * at any point: before the response headers the exchange is cancelled, afterwards the body subscription
 * is cancelled; either closes the connection, so the model server stops generating. The parsing handle
 * LangChain4j passes to the listener does the same.
 *
 * <p>Every request's address is first checked against the {@link OutboundAddressPolicy}; a refused address
 * fails the call and nothing is sent.
 *
 * <p>Errors match LangChain4j's {@code JdkHttpClient}: a non-2xx status gives {@link HttpException} with
 * the (first 64 KiB of the) body, the JDK's {@link HttpTimeoutException} gives {@link TimeoutException}.
 */
final class StreamingHttpClient implements HttpClient {

    /** Most of an error body kept for the exception message. */
    static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

    private static final String OLLAMA_PARSER = "dev.langchain4j.model.ollama.OllamaServerSentEventParser";

    private final java.net.http.HttpClient delegate;
    private final Duration readTimeout;
    private final OutboundAddressPolicy policy;

    private StreamingHttpClient(java.net.http.HttpClient delegate, Duration readTimeout, OutboundAddressPolicy policy) {
        this.delegate = delegate;
        this.readTimeout = readTimeout;
        this.policy = policy;
    }

    /**
     * Resolves and checks the request's address before anything is sent. Blocking when the host is a name:
     * the streaming path runs it on the resolver threads ({@link #RESOLVER}), the blocking path on its
     * caller's thread (never an event loop); the JDK caches lookups.
     */
    private void checkAddress(URI uri) throws IOException {
        policy.check(uri);
    }

    /** Blocking call (LangChain4j's non-streaming API; the gateway itself only streams). */
    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        try {
            URI uri = URI.create(request.url());
            checkAddress(uri);
            HttpResponse<String> response = delegate.send(toJdk(request, uri), HttpResponse.BodyHandlers.ofString());
            if (!successful(response.statusCode())) {
                throw new HttpException(response.statusCode(), response.body());
            }
            return SuccessfulHttpResponse.builder()
                    .statusCode(response.statusCode())
                    .headers(response.headers().map())
                    .body(response.body())
                    .build();
        } catch (HttpTimeoutException e) {
            throw new TimeoutException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling " + request.url(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("I/O error calling " + request.url() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Streams without blocking: returns at once, events arrive on the HTTP client's executor.
     *
     * @throws UnsupportedOperationException for a parser other than LangChain4j's SSE parser or Ollama's
     *         NDJSON parser (each needs its incremental counterpart here)
     */
    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        Format format = Format.of(parser);
        Upstream upstream = Upstream.current();
        // parsed once: the address check and the JDK request share it (URI parsing showed in the call threads' profile)
        URI uri = URI.create(request.url());
        if (policy.needsLookup(uri)) {
            // a host name: the lookup (blocking in the JDK) runs on the resolver threads, never on the
            // gateway's call executor, so a slow DNS server cannot stall other replies
            CompletableFuture.runAsync(() -> {
                try {
                    checkAddress(uri);
                } catch (IOException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, RESOLVER).whenComplete((ok, failure) -> {
                if (failure != null) {
                    Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    quietly(() -> listener.onError(cause));
                } else if (upstream == null || !upstream.isAborted()) {
                    send(request, uri, format, listener, upstream);
                }
            });
            return;
        }
        try {
            checkAddress(uri);
        } catch (IOException e) {
            quietly(() -> listener.onError(e));
            return;
        }
        send(request, uri, format, listener, upstream);
    }

    /**
     * Threads for the outbound address check's name lookups (the JDK resolver blocks): at most four, created
     * only when a host name must be resolved, gone after a minute idle. The JDK caches lookups (30 s).
     */
    private static final java.util.concurrent.ExecutorService RESOLVER = resolver();

    private static java.util.concurrent.ExecutorService resolver() {
        java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(4, 4, 60,
                java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "persona-gateway-resolver");
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private void send(HttpRequest request, URI uri, Format format, ServerSentEventListener listener, Upstream upstream) {
        BodyReader reader = new BodyReader(format, listener);
        CompletableFuture<HttpResponse<Void>> exchange = delegate.sendAsync(toJdk(request, uri), reader);
        if (upstream != null) {
            upstream.onAbort(() -> {
                exchange.cancel(true);
                reader.cancel();
            });
        }
        exchange.whenComplete((response, failure) -> {
            if (failure != null) {
                reader.failed(failure);
            }
        });
    }

    private java.net.http.HttpRequest toJdk(HttpRequest request, URI uri) {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder().uri(uri);
        request.headers().forEach((name, values) -> {
            if (values != null) {
                values.forEach(v -> b.header(name, v));
            }
        });
        if (!request.formDataFields().isEmpty() || !request.formDataFiles().isEmpty()) {
            throw new UnsupportedOperationException("multipart requests are not used by the gateway");
        }
        b.method(request.method().name(), request.body() == null
                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        if (readTimeout != null) {
            b.timeout(readTimeout);
        }
        return b.build();
    }

    private static boolean successful(int status) {
        return status >= 200 && status < 300;
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException ignored) {
            // like LangChain4j's ServerSentEventListenerUtils: a listener's failure must not break the stream
        }
    }

    /** The body formats the providers stream in. */
    enum Format {
        SSE, NDJSON;

        static Format of(ServerSentEventParser parser) {
            if (parser == null || parser.getClass() == DefaultServerSentEventParser.class) {
                return SSE;
            }
            if (parser.getClass().getName().equals(OLLAMA_PARSER)) {
                return NDJSON;
            }
            throw new UnsupportedOperationException("no incremental decoder for the stream parser "
                    + parser.getClass().getName() + " (supported: LangChain4j's SSE parser, Ollama's NDJSON parser)");
        }
    }

    /**
     * Handles one response: a 2xx body is decoded and dispatched as it arrives, another status is collected
     * (bounded) and reported as {@link HttpException}. Ends the listener exactly once (onClose or onError),
     * and never calls it after a cancel.
     */
    private static final class BodyReader implements HttpResponse.BodyHandler<Void>, ServerSentEventParsingHandle {
        private final Format format;
        private final ServerSentEventListener listener;
        private final ServerSentEventContext context = new ServerSentEventContext(this);
        private volatile boolean cancelled;
        private volatile boolean ended;
        private volatile Flow.Subscription subscription;

        BodyReader(Format format, ServerSentEventListener listener) {
            this.format = format;
            this.listener = listener;
        }

        @Override
        public HttpResponse.BodySubscriber<Void> apply(HttpResponse.ResponseInfo info) {
            if (!successful(info.statusCode())) {
                return new ErrorBody(info.statusCode());
            }
            return new EventBody(info);
        }

        @Override
        public void cancel() {
            cancelled = true;
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        /** The exchange failed before a body subscriber took over (connect error, timeout, cancel). */
        void failed(Throwable failure) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            end(cause instanceof HttpTimeoutException ? new TimeoutException(cause) : cause);
        }

        private void end(Throwable error) {
            if (ended) {
                return;
            }
            ended = true;
            if (cancelled) {
                return;
            }
            if (error == null) {
                quietly(listener::onClose);
            } else {
                quietly(() -> listener.onError(error));
            }
        }

        private void subscribed(Flow.Subscription s) {
            subscription = s;
            if (cancelled) {
                s.cancel();
            }
        }

        /** A successful response: events as the bytes arrive. */
        private final class EventBody implements HttpResponse.BodySubscriber<Void> {
            private final HttpResponse.ResponseInfo info;
            private final CompletableFuture<Void> body = new CompletableFuture<>();
            private final EventStreamDecoder decoder;

            EventBody(HttpResponse.ResponseInfo info) {
                this.info = info;
                this.decoder = format == Format.NDJSON
                        ? EventStreamDecoder.ndjson(this::event) : EventStreamDecoder.serverSentEvents(this::event);
            }

            private void event(ServerSentEvent event) {
                if (!cancelled && !ended) {
                    quietly(() -> listener.onEvent(event, context));
                }
            }

            @Override
            public CompletionStage<Void> getBody() {
                return body;
            }

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscribed(s);
                if (!cancelled) {
                    quietly(() -> listener.onOpen(SuccessfulHttpResponse.builder()
                            .statusCode(info.statusCode())
                            .headers(info.headers().map())
                            .build()));
                    s.request(1);
                }
            }

            @Override
            public void onNext(List<ByteBuffer> chunks) {
                if (cancelled || ended) {
                    return;
                }
                try {
                    for (ByteBuffer chunk : chunks) {
                        decoder.feed(chunk);
                    }
                } catch (LineDecoder.LineTooLongException e) {
                    // a broken or hostile server: report it (the caller did not cancel), then drop the connection
                    end(new IOException(e.getMessage(), e));
                    subscription.cancel();
                    body.complete(null);
                    return;
                }
                if (!cancelled && !ended) {
                    subscription.request(1);
                }
            }

            @Override
            public void onError(Throwable error) {
                body.completeExceptionally(error);
                end(error);
            }

            @Override
            public void onComplete() {
                if (!cancelled && !ended) {
                    decoder.end();
                }
                body.complete(null);
                end(null);
            }
        }

        /** An error status: keep the first {@link #MAX_ERROR_BODY_BYTES} bytes for the message. */
        private final class ErrorBody implements HttpResponse.BodySubscriber<Void> {
            private final int status;
            private final CompletableFuture<Void> body = new CompletableFuture<>();
            private final byte[] bytes = new byte[MAX_ERROR_BODY_BYTES];
            private int length;

            ErrorBody(int status) {
                this.status = status;
            }

            @Override
            public CompletionStage<Void> getBody() {
                return body;
            }

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscribed(s);
                if (!cancelled) {
                    s.request(Long.MAX_VALUE);
                }
            }

            @Override
            public void onNext(List<ByteBuffer> chunks) {
                for (ByteBuffer chunk : chunks) {
                    int n = Math.min(chunk.remaining(), bytes.length - length);
                    chunk.get(bytes, length, n);
                    length += n;
                }
            }

            @Override
            public void onError(Throwable error) {
                body.completeExceptionally(error);
                end(error);
            }

            @Override
            public void onComplete() {
                body.complete(null);
                end(new HttpException(status, new String(bytes, 0, length, StandardCharsets.UTF_8)));
            }
        }
    }

    /** Builder handed to LangChain4j model builders; all models of one factory share one JDK client. */
    static final class Builder implements HttpClientBuilder {
        private final java.net.http.HttpClient shared;
        private final OutboundAddressPolicy policy;
        private Duration connectTimeout;
        private Duration readTimeout;

        Builder(java.net.http.HttpClient shared, OutboundAddressPolicy policy) {
            this.shared = shared;
            this.policy = policy;
        }

        @Override
        public Duration connectTimeout() { return connectTimeout; }

        /** Recorded for LangChain4j; the shared JDK client already carries the gateway's connect timeout. */
        @Override
        public Builder connectTimeout(Duration timeout) { this.connectTimeout = timeout; return this; }

        @Override
        public Duration readTimeout() { return readTimeout; }

        /** Applies to each request until its response headers arrive (the JDK client's request timeout). */
        @Override
        public Builder readTimeout(Duration timeout) { this.readTimeout = timeout; return this; }

        @Override
        public HttpClient build() {
            return new StreamingHttpClient(shared, readTimeout, policy);
        }
    }
}
