package com.personaruntime.gateway;

import com.personaruntime.gateway.net.OutboundAddressPolicy;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * LangChain4j {@link HttpClient} on the JDK client that can be aborted through the {@link Upstream} bound
 * to the calling thread. Behaves like LangChain4j's {@code JdkHttpClient} otherwise (same error mapping),
 * but keeps the pending exchange and the response body so that an abort closes the connection at any
 * point: before the response headers (the exchange is cancelled) or while streaming (the body is closed).
 */
final class AbortableHttpClient implements HttpClient {

    private final java.net.http.HttpClient delegate;
    private final Duration readTimeout;
    private final OutboundAddressPolicy policy;

    private AbortableHttpClient(java.net.http.HttpClient delegate, Duration readTimeout, OutboundAddressPolicy policy) {
        this.delegate = delegate;
        this.readTimeout = readTimeout;
        this.policy = policy;
    }

    /** Resolves and checks the request's address (blocking DNS: callers run on the gateway's executor). */
    private void checkAddress(HttpRequest request) throws IOException {
        policy.check(URI.create(request.url()));
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        try {
            checkAddress(request);
            HttpResponse<String> response = delegate.send(toJdk(request), HttpResponse.BodyHandlers.ofString());
            if (!successful(response)) {
                throw new HttpException(response.statusCode(), response.body());
            }
            return toSuccessful(response, response.body());
        } catch (HttpTimeoutException e) {
            throw new TimeoutException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling " + request.url(), e);
        } catch (IOException e) {
            throw new IllegalStateException("I/O error calling " + request.url() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        Upstream upstream = Upstream.current();
        try {
            checkAddress(request);
        } catch (IOException e) {
            quietly(() -> listener.onError(e));
            return;
        }
        CompletableFuture<HttpResponse<InputStream>> exchange =
                delegate.sendAsync(toJdk(request), HttpResponse.BodyHandlers.ofInputStream());
        if (upstream != null) {
            upstream.onAbort(() -> exchange.cancel(true));
        }
        exchange.thenAccept(response -> {
            InputStream body = response.body();
            if (upstream != null) {
                upstream.onAbort(() -> closeQuietly(body));
            }
            try (body) {
                if (!successful(response)) {
                    HttpException error = new HttpException(response.statusCode(), readBody(body));
                    quietly(() -> listener.onError(error));
                    return;
                }
                quietly(() -> listener.onOpen(toSuccessful(response, null)));
                parser.parse(body, listener);
                quietly(listener::onClose);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }).exceptionally(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            Throwable reported = cause instanceof HttpTimeoutException ? new TimeoutException(cause) : cause;
            quietly(() -> listener.onError(reported));
            return null;
        });
    }

    private java.net.http.HttpRequest toJdk(HttpRequest request) {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder().uri(URI.create(request.url()));
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

    private static boolean successful(HttpResponse<?> response) {
        return response.statusCode() >= 200 && response.statusCode() < 300;
    }

    private static SuccessfulHttpResponse toSuccessful(HttpResponse<?> response, String body) {
        return SuccessfulHttpResponse.builder()
                .statusCode(response.statusCode())
                .headers(response.headers().map())
                .body(body)
                .build();
    }

    private static String readBody(InputStream body) {
        try {
            byte[] bytes = body.readNBytes(64 * 1024);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(body unreadable: " + e.getMessage() + ")";
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // already closed or broken: the connection is gone either way
        }
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException ignored) {
            // like LangChain4j's ServerSentEventListenerUtils: a listener's failure must not break the stream
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

        @Override
        public Builder readTimeout(Duration timeout) { this.readTimeout = timeout; return this; }

        @Override
        public HttpClient build() {
            return new AbortableHttpClient(shared, readTimeout, policy);
        }
    }
}
