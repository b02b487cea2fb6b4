package com.personaruntime.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * A real model server on 127.0.0.1 (random port) for tests and the load tool, speaking three providers'
 * streaming formats on their own paths:
 * <ul>
 *   <li>{@code POST /v1/chat/completions}, OpenAI-compatible: with {@code "stream": true} server-sent events,
 *       one {@code chat.completion.chunk} per token, a finish chunk, a usage chunk with {@code "choices": []}
 *       (LangChain4j asks for {@code stream_options.include_usage}) and {@code data: [DONE]}; otherwise one
 *       {@code chat.completion}.</li>
 *   <li>{@code POST /api/chat}, Ollama's native API: newline-delimited JSON, one
 *       {@code {"message":{"content":..},"done":false}} per token and a last {@code "done":true} object with
 *       {@code done_reason}, {@code prompt_eval_count} and {@code eval_count}.</li>
 *   <li>{@code POST /v1/messages}, Anthropic's Messages API: named server-sent events {@code message_start}
 *       (input tokens), {@code content_block_start}, {@code ping}, one {@code content_block_delta}
 *       ({@code text_delta}) per token, {@code content_block_stop}, {@code message_delta} (stop reason,
 *       output tokens) and {@code message_stop}.</li>
 * </ul>
 * Built on Vert.x's HTTP server (its own small Vert.x instance, event loops only: no thread per
 * connection, keep-alive), with chunked bodies, so a {@link Reply#cutAfter cut} really breaks the
 * connection and a client that goes away is noticed ({@link #clientClosedConnections()}).
 *
 * <p>Scripting: replies are taken from a queue ({@link #enqueue}); when it is empty the
 * {@link #otherwise fallback reply} is used; {@link #respondWith} replaces both with a function of the
 * request. Requests are recorded ({@link #requests()}: the latest {@value #MAX_RECORDED}, so a long load run
 * does not fill the stub's heap; {@link #requestCount()} counts all). Thread-safe. Usage:
 * <pre>{@code
 * try (OpenAiStubServer stub = OpenAiStubServer.start()) {
 *     stub.enqueue(Reply.error(500), Reply.tokens("Hel", "lo").tokenDelay(Duration.ofMillis(20)));
 *     // point an OpenAI client at stub.baseUrl(), Ollama at stub.ollamaBaseUrl(), Anthropic at stub.baseUrl()
 * }
 * }</pre>
 */
public final class OpenAiStubServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The dialects, chosen by request path. */
    public enum Dialect { OPENAI, OLLAMA, ANTHROPIC }

    private final Vertx vertx;
    private final HttpServer server;
    /** Most requests kept for {@link #requests()}; older ones are dropped (still counted). */
    public static final int MAX_RECORDED = 10_000;

    private final java.util.concurrent.ConcurrentLinkedDeque<RecordedRequest> requests =
            new java.util.concurrent.ConcurrentLinkedDeque<>();
    private final java.util.concurrent.atomic.AtomicInteger received = new java.util.concurrent.atomic.AtomicInteger();
    private final Deque<Reply> queue = new ArrayDeque<>();
    private final AtomicInteger clientClosed = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    private final Object changed = new Object();
    private volatile Reply otherwise = Reply.tokens("Hello", " from", " the", " stub", ".");
    private volatile Function<RecordedRequest, Reply> script;
    private volatile boolean closed;

    private OpenAiStubServer(String host, int port, int eventLoops) {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        try {
            server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port).setTcpNoDelay(true)
                            .setHttp2ClearTextEnabled(false).setAcceptBacklog(4096))
                    .requestHandler(this::handle)
                    .listen()
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("could not start the model stub server on " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
    }

    /** Starts a server on a random loopback port. */
    public static OpenAiStubServer start() {
        return new OpenAiStubServer("127.0.0.1", 0, 1);
    }

    /**
     * Starts a server on a loopback {@code port} (0 for a random one) with {@code eventLoops} event loops
     * (the load tool's stub process).
     *
     * @throws IllegalArgumentException if {@code host} is not a loopback address
     */
    public static OpenAiStubServer start(String host, int port, int eventLoops) {
        if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("::1")) {
            throw new IllegalArgumentException("the stub binds loopback only, not " + host);
        }
        return new OpenAiStubServer(host, port, eventLoops);
    }

    /** {@code http://127.0.0.1:PORT/v1}: the base URL for an OpenAI-compatible or an Anthropic client. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /** {@code http://127.0.0.1:PORT}: the base URL for an Ollama client (it appends {@code /api/chat}). */
    public String ollamaBaseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The port. */
    public int port() {
        return server.actualPort();
    }

    /** Queues replies for the next requests, in order. */
    public synchronized OpenAiStubServer enqueue(Reply... replies) {
        queue.addAll(Arrays.asList(replies));
        return this;
    }

    /** The reply used when the queue is empty (initially a short five-token greeting). */
    public OpenAiStubServer otherwise(Reply reply) {
        this.otherwise = Objects.requireNonNull(reply, "reply");
        return this;
    }

    /** Answers every request with {@code script(request)}, ignoring the queue; {@code null} restores the queue. */
    public OpenAiStubServer respondWith(Function<RecordedRequest, Reply> script) {
        this.script = script;
        return this;
    }

    /** The requests received so far (the latest {@value #MAX_RECORDED}), in arrival order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Number of requests received so far (all of them). */
    public int requestCount() {
        return received.get();
    }

    /** The latest request. */
    public RecordedRequest lastRequest() {
        RecordedRequest last = requests.peekLast();
        if (last == null) {
            throw new IllegalStateException("no request received");
        }
        return last;
    }

    /** Connections the client closed or reset while a reply was still pending or streaming. */
    public int clientClosedConnections() {
        return clientClosed.get();
    }

    /** Waits until at least {@code count} connections were closed by the client; false on timeout. */
    public boolean awaitClientClosed(int count, Duration timeout) {
        return await(() -> clientClosed.get() >= count, timeout);
    }

    /** Waits until at least {@code count} requests arrived; false on timeout. */
    public boolean awaitRequests(int count, Duration timeout) {
        return await(() -> received.get() >= count, timeout);
    }

    /** Forgets recorded requests, queued replies and counters; keeps the fallback reply. */
    public synchronized void reset() {
        queue.clear();
        requests.clear();
        received.set(0);
        clientClosed.set(0);
        script = null;
    }

    /** Stops accepting, closes every open connection and the stub's Vert.x instance. */
    @Override
    public void close() {
        closed = true;
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // closing anyway
        }
    }

    private synchronized Reply nextReply(RecordedRequest request) {
        Function<RecordedRequest, Reply> f = script;
        if (f != null) {
            return Objects.requireNonNull(f.apply(request), "script returned null");
        }
        Reply r = queue.poll();
        return r != null ? r : otherwise;
    }

    /** Waits for {@code condition}, woken by every change of the counters (no polling). */
    private boolean await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changed) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(changed, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    private void signal() {
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    // ---- request handling (on the stub's event loop) ----

    private void handle(HttpServerRequest req) {
        req.body().onSuccess(body -> {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            req.headers().forEach(e -> headers.computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT),
                    k -> new ArrayList<>()).add(e.getValue()));
            Map<String, List<String>> frozen = new LinkedHashMap<>();
            headers.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
            RecordedRequest request = new RecordedRequest(req.method().name(), req.path(),
                    Collections.unmodifiableMap(frozen), body.toString());
            requests.addLast(request);
            if (received.incrementAndGet() > MAX_RECORDED) {
                requests.pollFirst(); // one in, one out (size() of the deque is not constant-time)
            }
            signal();
            Dialect dialect = dialect(req);
            if (dialect == null) {
                req.response().setStatusCode(404).putHeader("content-type", "application/json")
                        .end("{\"error\":{\"message\":\"not found: " + req.path() + "\"}}");
                return;
            }
            new Conversation(req, request, dialect, nextReply(request)).run();
        });
    }

    private static Dialect dialect(HttpServerRequest req) {
        if (!req.method().name().equals("POST")) {
            return null;
        }
        String path = req.path();
        if (path.endsWith("/chat/completions")) {
            return Dialect.OPENAI;
        }
        if (path.equals("/api/chat")) {
            return Dialect.OLLAMA;
        }
        if (path.endsWith("/messages")) {
            return Dialect.ANTHROPIC;
        }
        return null;
    }

    /** One request's reply, driven by event-loop timers. */
    private final class Conversation {
        private final HttpServerRequest req;
        private final HttpServerResponse res;
        private final HttpConnection connection;
        private final RecordedRequest request;
        private final Dialect dialect;
        private final Reply reply;
        private final String id;
        private final String model;
        private boolean finished;
        private long timer = -1;
        private io.vertx.core.Future<Void> lastWrite = io.vertx.core.Future.succeededFuture();

        Conversation(HttpServerRequest req, RecordedRequest request, Dialect dialect, Reply reply) {
            this.req = req;
            this.res = req.response();
            this.connection = req.connection();
            this.request = request;
            this.dialect = dialect;
            this.reply = reply;
            this.id = (dialect == Dialect.ANTHROPIC ? "msg_stub_" : "chatcmpl-stub-") + ids.incrementAndGet();
            JsonNode m = request.json().path("model");
            this.model = m.isTextual() ? m.asText() : "stub-model";
        }

        void run() {
            res.closeHandler(v -> gone());
            connection.closeHandler(v -> gone());
            after(reply.responseDelay, this::respond);
        }

        /** The client went away (or the server is closing) before the reply ended. */
        private void gone() {
            if (!finished) {
                finished = true;
                if (timer >= 0) {
                    vertx.cancelTimer(timer);
                }
                if (!closed) {
                    clientClosed.incrementAndGet();
                    signal();
                }
            }
        }

        private void after(Duration delay, Runnable next) {
            if (finished) {
                return;
            }
            if (delay == null || delay.isZero() || delay.isNegative()) {
                next.run();
                return;
            }
            timer = vertx.setTimer(Math.max(1, delay.toMillis()), t -> {
                timer = -1;
                if (!finished) {
                    next.run();
                }
            });
        }

        private void respond() {
            if (reply.status != 200) {
                endWith(reply.status, "application/json", reply.errorBody);
                return;
            }
            boolean stream = dialect == Dialect.OLLAMA
                    ? request.json().path("stream").asBoolean(true) : request.stream();
            if (!stream) {
                after(reply.firstTokenDelay, () -> endWith(200, "application/json", completionJson()));
                return;
            }
            res.setChunked(true).setStatusCode(200)
                    .putHeader("content-type", dialect == Dialect.OLLAMA ? "application/x-ndjson" : "text/event-stream")
                    .putHeader("cache-control", "no-cache");
            if (dialect == Dialect.ANTHROPIC) {
                res.write(sse("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"" + id
                        + "\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":" + quote(model)
                        + ",\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":" + reply.promptTokens
                        + ",\"output_tokens\":1}}}"));
                res.write(sse("content_block_start",
                        "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
                res.write(sse("ping", "{\"type\": \"ping\"}"));
            } else {
                // send the headers now, like a real server does before the first token
                res.write(Buffer.buffer());
            }
            after(reply.firstTokenDelay, () -> token(0));
        }

        private void token(int i) {
            List<String> tokens = reply.tokens;
            if (i == tokens.size()) {
                afterTokens();
                return;
            }
            if (reply.cutAfter == i) {
                cut();
                return;
            }
            lastWrite = res.write(tokenEvent(i, tokens.get(i)));
            after(i + 1 < tokens.size() && reply.cutAfter != i + 1 ? reply.tokenDelay : Duration.ZERO,
                    () -> token(i + 1));
        }

        private void afterTokens() {
            if (reply.cutAfter >= 0) {
                cut();
                return;
            }
            if (reply.hangAfterTokens) {
                return; // keep the connection open until the client leaves
            }
            int completion = reply.completionTokens >= 0 ? reply.completionTokens : reply.tokens.size();
            switch (dialect) {
                case OPENAI -> {
                    res.write(sse(null, chunk("[{\"index\":0,\"delta\":{},\"finish_reason\":"
                            + quote(reply.finishReason) + "}]", null)));
                    res.write(sse(null, chunk("[]", "{\"prompt_tokens\":" + reply.promptTokens
                            + ",\"completion_tokens\":" + completion + ",\"total_tokens\":"
                            + (reply.promptTokens + completion) + "}")));
                    res.write(sse(null, "[DONE]"));
                }
                case OLLAMA -> res.write(Buffer.buffer(ollamaLine("", true, completion) + "\n"));
                case ANTHROPIC -> {
                    res.write(sse("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
                    res.write(sse("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
                            + quote(anthropicStopReason()) + ",\"stop_sequence\":null},\"usage\":{\"output_tokens\":"
                            + completion + "}}"));
                    res.write(sse("message_stop", "{\"type\":\"message_stop\"}"));
                }
            }
            finished = true;
            res.end();
        }

        private Buffer tokenEvent(int i, String token) {
            return switch (dialect) {
                case OPENAI -> sse(null, chunk("[{\"index\":0,\"delta\":" + (i == 0
                        ? "{\"role\":\"assistant\",\"content\":" : "{\"content\":") + quote(token)
                        + "},\"finish_reason\":null}]", null));
                case OLLAMA -> Buffer.buffer(ollamaLine(token, false, 0) + "\n");
                case ANTHROPIC -> sse("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                        + "\"delta\":{\"type\":\"text_delta\",\"text\":" + quote(token) + "}}");
            };
        }

        /** Breaks the connection mid-body, once what was written is on the wire: no terminating chunk. */
        private void cut() {
            finished = true;
            lastWrite.onComplete(x -> connection.close());
        }

        private void endWith(int status, String contentType, String body) {
            finished = true;
            res.setStatusCode(status).putHeader("content-type", contentType).end(body);
        }

        private String anthropicStopReason() {
            return switch (reply.finishReason) {
                case "stop" -> "end_turn";
                case "length" -> "max_tokens";
                default -> reply.finishReason;
            };
        }

        private String ollamaLine(String content, boolean done, int completion) {
            return "{\"model\":" + quote(model) + ",\"created_at\":\"" + Instant.now() + "\",\"message\":{\"role\":"
                    + "\"assistant\",\"content\":" + quote(content) + "},\"done\":" + done
                    + (done ? ",\"done_reason\":" + quote(reply.finishReason) + ",\"total_duration\":1000000,"
                    + "\"prompt_eval_count\":" + reply.promptTokens + ",\"eval_count\":" + completion : "") + "}";
        }

        private String chunk(String choices, String usage) {
            return "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":"
                    + (System.currentTimeMillis() / 1000) + ",\"model\":" + quote(model) + ",\"choices\":" + choices
                    + (usage != null ? ",\"usage\":" + usage : "") + "}";
        }

        private String completionJson() {
            String text = String.join("", reply.tokens);
            int completion = reply.completionTokens >= 0 ? reply.completionTokens : reply.tokens.size();
            return switch (dialect) {
                case OPENAI -> "{\"id\":\"" + id + "\",\"object\":\"chat.completion\",\"created\":"
                        + (System.currentTimeMillis() / 1000) + ",\"model\":" + quote(model) + ",\"choices\":[{\"index\":0,"
                        + "\"message\":{\"role\":\"assistant\",\"content\":" + quote(text) + "},\"finish_reason\":"
                        + quote(reply.finishReason) + "}],\"usage\":{\"prompt_tokens\":" + reply.promptTokens
                        + ",\"completion_tokens\":" + completion + ",\"total_tokens\":" + (reply.promptTokens + completion)
                        + "}}";
                case OLLAMA -> ollamaLine(text, true, completion);
                case ANTHROPIC -> "{\"id\":\"" + id + "\",\"type\":\"message\",\"role\":\"assistant\",\"content\":"
                        + "[{\"type\":\"text\",\"text\":" + quote(text) + "}],\"model\":" + quote(model)
                        + ",\"stop_reason\":" + quote(anthropicStopReason()) + ",\"stop_sequence\":null,\"usage\":"
                        + "{\"input_tokens\":" + reply.promptTokens + ",\"output_tokens\":" + completion + "}}";
            };
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Buffer sse(String event, String data) {
        return Buffer.buffer((event != null ? "event: " + event + "\n" : "") + "data: " + data + "\n\n");
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /**
     * A request as received.
     *
     * @param method  HTTP method
     * @param path    request path, e.g. {@code /v1/chat/completions}
     * @param headers header names in lower case
     * @param body    the raw body
     */
    public record RecordedRequest(String method, String path, Map<String, List<String>> headers, String body) {

        /** The body parsed as JSON (an empty object if it is not JSON). */
        public JsonNode json() {
            try {
                return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
            } catch (IOException e) {
                return JSON.createObjectNode();
            }
        }

        /** Whether the client asked for a streamed reply. */
        public boolean stream() {
            return json().path("stream").asBoolean(false);
        }

        /** The requested model name. */
        public String model() {
            return json().path("model").asText(null);
        }

        /** The first value of a header (name case-insensitive), or {@code null}. */
        public String header(String name) {
            return first(headers, name.toLowerCase(Locale.ROOT));
        }

        /**
         * The {@code content} of every message with {@code role}, in order (text contents only); for
         * {@code system} also Anthropic's top-level {@code system} field.
         */
        public List<String> messages(String role) {
            List<String> out = new ArrayList<>();
            JsonNode topSystem = json().path("system"); // Anthropic keeps the system prompt outside messages
            if ("system".equals(role) && !topSystem.isMissingNode() && !topSystem.isNull()) {
                if (topSystem.isTextual()) {
                    out.add(topSystem.asText());
                } else if (topSystem.isArray()) {
                    StringBuilder sb = new StringBuilder();
                    topSystem.forEach(part -> sb.append(part.path("text").asText("")));
                    out.add(sb.toString());
                }
            }
            for (JsonNode m : json().path("messages")) {
                if (role.equals(m.path("role").asText())) {
                    JsonNode content = m.path("content");
                    if (content.isTextual()) {
                        out.add(content.asText());
                    } else if (content.isArray()) {
                        StringBuilder sb = new StringBuilder();
                        content.forEach(part -> sb.append(part.path("text").asText("")));
                        out.add(sb.toString());
                    }
                }
            }
            return out;
        }

        /** The last user message's text, or {@code null}. */
        public String lastUserMessage() {
            List<String> users = messages("user");
            return users.isEmpty() ? null : users.get(users.size() - 1);
        }
    }

    /**
     * What the stub does with one request. Immutable; the {@code with} methods return changed copies.
     * Build from {@link #tokens}, {@link #error} or {@link #hang}.
     */
    public static final class Reply {
        private final int status;
        private final String errorBody;
        private final List<String> tokens;
        private final Duration responseDelay;
        private final Duration firstTokenDelay;
        private final Duration tokenDelay;
        private final int cutAfter;
        private final boolean hangAfterTokens;
        private final String finishReason;
        private final int promptTokens;
        private final int completionTokens;

        private Reply(int status, String errorBody, List<String> tokens, Duration responseDelay,
                      Duration firstTokenDelay, Duration tokenDelay, int cutAfter, boolean hangAfterTokens,
                      String finishReason, int promptTokens, int completionTokens) {
            this.status = status;
            this.errorBody = errorBody;
            this.tokens = List.copyOf(tokens);
            this.responseDelay = responseDelay;
            this.firstTokenDelay = firstTokenDelay;
            this.tokenDelay = tokenDelay;
            this.cutAfter = cutAfter;
            this.hangAfterTokens = hangAfterTokens;
            this.finishReason = finishReason;
            this.promptTokens = promptTokens;
            this.completionTokens = completionTokens;
        }

        /** Streams these tokens (one chunk each), then finish, usage and {@code [DONE]}. */
        public static Reply tokens(String... tokens) {
            return tokens(List.of(tokens));
        }

        /** Streams these tokens (one chunk each), then finish, usage and {@code [DONE]}. */
        public static Reply tokens(List<String> tokens) {
            return new Reply(200, null, tokens, Duration.ZERO, Duration.ZERO, Duration.ZERO, -1, false, "stop", 10, -1);
        }

        /** Answers with HTTP {@code status} and an OpenAI-style error body. */
        public static Reply error(int status) {
            return error(status, "{\"error\":{\"message\":\"stub error " + status + "\",\"type\":\"server_error\"}}");
        }

        /** Answers with HTTP {@code status} and {@code body}. */
        public static Reply error(int status, String body) {
            if (status < 300) {
                throw new IllegalArgumentException("error status must be 300 or more, was: " + status);
            }
            return new Reply(status, body, List.of(), Duration.ZERO, Duration.ZERO, Duration.ZERO, -1, false, "stop",
                    10, -1);
        }

        /** Sends the response headers, then nothing until the client leaves (or the server closes). */
        public static Reply hang() {
            return tokens(List.of()).hangAfterTokens();
        }

        /** Waits this long before sending the response headers. */
        public Reply responseDelay(Duration delay) {
            return new Reply(status, errorBody, tokens, delay, firstTokenDelay, tokenDelay, cutAfter, hangAfterTokens,
                    finishReason, promptTokens, completionTokens);
        }

        /** Waits this long after the response headers before the first token. */
        public Reply firstTokenDelay(Duration delay) {
            return new Reply(status, errorBody, tokens, responseDelay, delay, tokenDelay, cutAfter, hangAfterTokens,
                    finishReason, promptTokens, completionTokens);
        }

        /** Waits this long between two tokens. */
        public Reply tokenDelay(Duration delay) {
            return new Reply(status, errorBody, tokens, responseDelay, firstTokenDelay, delay, cutAfter,
                    hangAfterTokens, finishReason, promptTokens, completionTokens);
        }

        /** Breaks the connection (no end of stream) after {@code n} tokens were sent. */
        public Reply cutAfter(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("cutAfter must not be negative, was: " + n);
            }
            return new Reply(status, errorBody, tokens, responseDelay, firstTokenDelay, tokenDelay, n, hangAfterTokens,
                    finishReason, promptTokens, completionTokens);
        }

        /** After the tokens, sends nothing more and keeps the connection open until the client leaves. */
        public Reply hangAfterTokens() {
            return new Reply(status, errorBody, tokens, responseDelay, firstTokenDelay, tokenDelay, cutAfter, true,
                    finishReason, promptTokens, completionTokens);
        }

        /** The finish reason of the finish chunk (default {@code stop}). */
        public Reply finishReason(String reason) {
            return new Reply(status, errorBody, tokens, responseDelay, firstTokenDelay, tokenDelay, cutAfter,
                    hangAfterTokens, reason, promptTokens, completionTokens);
        }

        /** Token counts of the usage chunk (default 10 prompt tokens, one completion token per token). */
        public Reply usage(int prompt, int completion) {
            return new Reply(status, errorBody, tokens, responseDelay, firstTokenDelay, tokenDelay, cutAfter,
                    hangAfterTokens, finishReason, prompt, completion);
        }

        /** The tokens this reply streams. */
        public List<String> tokenList() {
            return tokens;
        }

        @Override
        public String toString() {
            return status != 200 ? "Reply[error " + status + "]" : "Reply[" + tokens.size() + " tokens"
                    + (cutAfter >= 0 ? ", cut after " + cutAfter : "") + (hangAfterTokens ? ", hang" : "") + "]";
        }
    }
}
