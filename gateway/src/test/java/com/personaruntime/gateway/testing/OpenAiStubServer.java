package com.personaruntime.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real OpenAI-compatible chat completions server on 127.0.0.1 (random port) for tests.
 *
 * <p>Serves {@code POST /v1/chat/completions}. With {@code "stream": true} it answers with server-sent
 * events the way OpenAI does: one {@code chat.completion.chunk} per token, a finish chunk, a usage chunk
 * with {@code "choices": []} (LangChain4j asks for {@code stream_options.include_usage}) and
 * {@code data: [DONE]}; otherwise a single {@code chat.completion}. Raw sockets and chunked encoding, so a
 * {@link Reply#cutAfter cut} really breaks the connection and a client that goes away is noticed
 * ({@link #clientClosedConnections()}).
 *
 * <p>Scripting: replies are taken from a queue ({@link #enqueue}); when it is empty the
 * {@link #otherwise fallback reply} is used; {@link #respondWith} replaces both with a function of the
 * request. Every request is recorded ({@link #requests()}). Thread-safe. Usage:
 * <pre>{@code
 * try (OpenAiStubServer stub = OpenAiStubServer.start()) {
 *     stub.enqueue(Reply.error(500), Reply.tokens("Hel", "lo").tokenDelay(Duration.ofMillis(20)));
 *     // point an OpenAI client at stub.baseUrl()
 * }
 * }</pre>
 */
public final class OpenAiStubServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerSocket serverSocket;
    private final ExecutorService threads;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Deque<Reply> queue = new ArrayDeque<>();
    private final AtomicInteger clientClosed = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile Reply otherwise = Reply.tokens("Hello", " from", " the", " stub", ".");
    private volatile Function<RecordedRequest, Reply> script;
    private volatile boolean closed;

    private OpenAiStubServer() throws IOException {
        serverSocket = new ServerSocket();
        serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        AtomicInteger n = new AtomicInteger();
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "openai-stub-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        threads.execute(this::acceptLoop);
    }

    /** Starts a server on a random loopback port. */
    public static OpenAiStubServer start() {
        try {
            return new OpenAiStubServer();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the OpenAI stub server", e);
        }
    }

    /** {@code http://127.0.0.1:PORT/v1}, the base URL for an OpenAI client. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /** The port. */
    public int port() {
        return serverSocket.getLocalPort();
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

    /** Every request received so far, in arrival order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Number of requests received so far. */
    public int requestCount() {
        return requests.size();
    }

    /** The latest request. */
    public RecordedRequest lastRequest() {
        if (requests.isEmpty()) {
            throw new IllegalStateException("no request received");
        }
        return requests.get(requests.size() - 1);
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
        return await(() -> requests.size() >= count, timeout);
    }

    /** Forgets recorded requests, queued replies and counters; keeps the fallback reply. */
    public synchronized void reset() {
        queue.clear();
        requests.clear();
        clientClosed.set(0);
        script = null;
    }

    /** Stops accepting, closes every open connection and stops the threads. */
    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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

    private boolean await(java.util.function.BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    // ---- connection handling ----

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = serverSocket.accept();
                open.add(socket);
                threads.execute(() -> {
                    try {
                        serve(socket);
                    } finally {
                        open.remove(socket);
                        closeQuietly(socket);
                    }
                });
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("openai stub: accept failed: " + e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            RecordedRequest request = readRequest(in);
            if (request == null) {
                return;
            }
            requests.add(request);
            if (!request.method().equals("POST") || !request.path().startsWith("/v1/chat/completions")) {
                writeSimple(out, 404, "{\"error\":{\"message\":\"not found: " + request.path() + "\"}}");
                return;
            }
            Reply reply = nextReply(request);
            new Conversation(socket, in, out, request, reply).run();
        } catch (ClientGone e) {
            clientClosed.incrementAndGet();
        } catch (IOException e) {
            if (!closed) {
                clientClosed.incrementAndGet();
            }
        }
    }

    /** Thrown when the client closed or reset the connection. */
    private static final class ClientGone extends IOException {
        ClientGone(String message) {
            super(message);
        }
    }

    private final class Conversation {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final RecordedRequest request;
        private final Reply reply;
        private final String id = "chatcmpl-stub-" + ids.incrementAndGet();
        private final String model;

        Conversation(Socket socket, InputStream in, OutputStream out, RecordedRequest request, Reply reply) {
            this.socket = socket;
            this.in = in;
            this.out = out;
            this.request = request;
            this.reply = reply;
            JsonNode m = request.json().path("model");
            this.model = m.isTextual() ? m.asText() : "stub-model";
        }

        void run() throws IOException {
            pause(reply.responseDelay);
            if (reply.status != 200) {
                writeSimple(out, reply.status, reply.errorBody);
                return;
            }
            if (!request.stream()) {
                pause(reply.firstTokenDelay);
                writeSimple(out, 200, completionJson());
                return;
            }
            write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
            out.flush();
            pause(reply.firstTokenDelay);
            List<String> tokens = reply.tokens;
            for (int i = 0; i < tokens.size(); i++) {
                if (reply.cutAfter == i) {
                    cut();
                    return;
                }
                if (i > 0) {
                    pause(reply.tokenDelay);
                }
                String delta = (i == 0 ? "{\"role\":\"assistant\",\"content\":" : "{\"content\":")
                        + quote(tokens.get(i)) + "}";
                event(chunk("[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":null}]", null));
            }
            if (reply.cutAfter >= 0) {
                cut();
                return;
            }
            if (reply.hangAfterTokens) {
                pause(Duration.ofDays(1));
                return;
            }
            event(chunk("[{\"index\":0,\"delta\":{},\"finish_reason\":" + quote(reply.finishReason) + "}]", null));
            int completion = reply.completionTokens >= 0 ? reply.completionTokens : tokens.size();
            event(chunk("[]", "{\"prompt_tokens\":" + reply.promptTokens + ",\"completion_tokens\":" + completion
                    + ",\"total_tokens\":" + (reply.promptTokens + completion) + "}"));
            event("[DONE]");
            write("0\r\n\r\n");
            out.flush();
        }

        private String chunk(String choices, String usage) {
            return "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":"
                    + (System.currentTimeMillis() / 1000) + ",\"model\":" + quote(model) + ",\"choices\":" + choices
                    + (usage != null ? ",\"usage\":" + usage : "") + "}";
        }

        private String completionJson() {
            String text = String.join("", reply.tokens);
            int completion = reply.completionTokens >= 0 ? reply.completionTokens : reply.tokens.size();
            return "{\"id\":\"" + id + "\",\"object\":\"chat.completion\",\"created\":"
                    + (System.currentTimeMillis() / 1000) + ",\"model\":" + quote(model) + ",\"choices\":[{\"index\":0,"
                    + "\"message\":{\"role\":\"assistant\",\"content\":" + quote(text) + "},\"finish_reason\":"
                    + quote(reply.finishReason) + "}],\"usage\":{\"prompt_tokens\":" + reply.promptTokens
                    + ",\"completion_tokens\":" + completion + ",\"total_tokens\":" + (reply.promptTokens + completion)
                    + "}}";
        }

        private void event(String data) throws IOException {
            byte[] bytes = ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
            try {
                out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                throw new ClientGone("write failed: " + e.getMessage());
            }
        }

        private void write(String s) throws IOException {
            try {
                out.write(s.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new ClientGone("write failed: " + e.getMessage());
            }
        }

        /** Breaks the connection mid-body: no terminating chunk, socket closed. */
        private void cut() throws IOException {
            out.flush();
            socket.close();
        }

        /** Waits {@code delay}, noticing a client that closes the connection meanwhile. */
        private void pause(Duration delay) throws IOException {
            if (delay == null || delay.isZero()) {
                return;
            }
            long deadline = System.nanoTime() + delay.toNanos();
            while (true) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return;
                }
                socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
                try {
                    if (in.read() < 0) {
                        throw new ClientGone("client closed the connection");
                    }
                } catch (SocketTimeoutException e) {
                    return;
                } catch (ClientGone e) {
                    throw e;
                } catch (IOException e) {
                    if (closed) {
                        throw e;
                    }
                    throw new ClientGone("connection reset: " + e.getMessage());
                } finally {
                    if (!socket.isClosed()) {
                        socket.setSoTimeout(0);
                    }
                }
            }
        }
    }

    private static RecordedRequest readRequest(InputStream in) throws IOException {
        String requestLine = readLine(in);
        if (requestLine == null || requestLine.isEmpty()) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length < 2) {
            return null;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String line;
        while ((line = readLine(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).trim());
            }
        }
        byte[] body;
        String length = first(headers, "content-length");
        if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
        } else if ("chunked".equalsIgnoreCase(first(headers, "transfer-encoding"))) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            while (true) {
                String size = readLine(in);
                int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (n == 0) {
                    readLine(in);
                    break;
                }
                buf.write(in.readNBytes(n));
                readLine(in);
            }
            body = buf.toByteArray();
        } else {
            body = new byte[0];
        }
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        headers.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return new RecordedRequest(parts[0], parts[1], Collections.unmodifiableMap(frozen),
                new String(body, StandardCharsets.UTF_8));
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                break;
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        if (b < 0 && line.size() == 0) {
            return null;
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private static void writeSimple(OutputStream out, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
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

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
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

        /** The {@code content} of every message with {@code role}, in order (text contents only). */
        public List<String> messages(String role) {
            List<String> out = new ArrayList<>();
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
