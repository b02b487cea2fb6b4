package com.personaruntime.gateway;

import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds LangChain4j {@link StreamingChatModel}s for {@link ModelSpec}s and caches them per spec.
 *
 * <p>{@code openai} gives an {@link OpenAiStreamingChatModel} (any OpenAI-compatible base URL) behind an
 * {@link OpenAiStreamingModel} (which streams plain text chats itself, reading each chunk with Jackson's streaming
 * parser), {@code ollama} an {@link OllamaStreamingChatModel}, {@code anthropic} an {@link AnthropicStreamingChatModel}.
 * All of them share one JDK HTTP client with the options' connect timeout; the HTTP read timeout is the
 * options' total timeout (the gateway enforces the finer first-token and between-token timeouts itself).
 * Streams are read without blocking ({@link StreamingHttpClient}): the client has one selector thread and
 * a fixed executor of {@link GatewayOptions#httpThreads()} threads, whatever the number of concurrent
 * streams; with 0 threads the selector thread decodes and dispatches every chunk of a plain-HTTP stream itself
 * ({@code https} endpoints then get a second client with two executor threads, see {@link #clientFor}). Models built here can have their connection aborted by {@link ModelGateway}'s cancel at any
 * point of a request, also before the first token. Every request's address is checked against the options'
 * {@link GatewayOptions#outboundPolicy()} first; a refused address fails the request with an
 * {@link com.personaruntime.gateway.net.OutboundAddressRefusedException} and nothing is sent. Thread-safe.
 */
public final class ModelFactory {

    /** HTTPS streams' executor threads when {@link GatewayOptions#httpThreads()} is 0. */
    static final int TLS_HTTP_THREADS = 2;

    private final GatewayOptions options;
    private final java.net.http.HttpClient httpClient;
    /** The client for {@code https} endpoints when plain HTTP has no executor threads; built on first use. */
    private volatile java.net.http.HttpClient tlsClient;
    private final Map<ModelSpec, StreamingChatModel> cache = new ConcurrentHashMap<>();

    /** A factory whose models use {@code options}' connect and total timeouts. */
    public ModelFactory(GatewayOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.httpClient = client(options.httpThreads());
    }

    /**
     * A JDK client whose executor has {@code threads} threads; 0: none, its selector thread runs the body
     * subscribers itself (no hand-over per chunk).
     */
    private java.net.http.HttpClient client(int threads) {
        return java.net.http.HttpClient.newBuilder()
                .connectTimeout(options.connectTimeout())
                .executor(threads == 0 ? Runnable::run
                        : Executors.newFixedThreadPool(threads, daemon("persona-gateway-http")))
                .build();
    }

    /**
     * The client for a base URL. With {@link GatewayOptions#httpThreads()} 0 only plain-HTTP endpoints (a model
     * server on the same machine or network: vLLM, Ollama, llama.cpp) are decoded on the selector thread;
     * {@code https} endpoints (TLS, usually HTTP/2) keep {@value #TLS_HTTP_THREADS} executor threads, the JDK
     * client's tested way of running them, on a second client built on first use.
     */
    java.net.http.HttpClient clientFor(String baseUrl) {
        if (options.httpThreads() > 0 || baseUrl == null || !baseUrl.regionMatches(true, 0, "https:", 0, 6)) {
            return httpClient;
        }
        java.net.http.HttpClient tls = tlsClient;
        if (tls == null) {
            synchronized (this) {
                tls = tlsClient;
                if (tls == null) {
                    tlsClient = tls = client(TLS_HTTP_THREADS);
                }
            }
        }
        return tls;
    }

    /**
     * The model for {@code spec}, built on first use and cached (the cache key is the whole spec, so a
     * changed key or temperature gives a new model).
     */
    public StreamingChatModel get(ModelSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return cache.computeIfAbsent(spec, this::build);
    }

    /** Drops the cached model of {@code spec}, e.g. after a persona's binding changed. */
    public void evict(ModelSpec spec) {
        cache.remove(spec);
    }

    /** Number of cached models. */
    public int size() {
        return cache.size();
    }

    private StreamingChatModel build(ModelSpec spec) {
        Duration read = options.totalTimeout();
        StreamingHttpClient.Builder http = new StreamingHttpClient.Builder(clientFor(spec.effectiveBaseUrl()),
                options.outboundPolicy());
        http.connectTimeout(options.connectTimeout());
        http.readTimeout(read);
        return switch (spec.provider()) {
            case ModelSpec.OPENAI -> {
                // OpenAI-compatible local servers accept any key; the client wants one
                String key = spec.apiKey() != null ? spec.apiKey() : "unused";
                StreamingChatModel general = OpenAiStreamingChatModel.builder()
                        .httpClientBuilder(http)
                        .baseUrl(spec.effectiveBaseUrl())
                        .apiKey(key)
                        .modelName(spec.modelName())
                        .temperature(spec.temperature())
                        .build();
                // plain text chats (every chat and post draft of the runtime) read the stream with Jackson's
                // streaming parser; anything else goes through LangChain4j's model
                yield new OpenAiStreamingModel(http.build(), spec.effectiveBaseUrl(), key, spec.modelName(),
                        spec.temperature(), general);
            }
            case ModelSpec.OLLAMA -> OllamaStreamingChatModel.builder()
                    .httpClientBuilder(http)
                    .baseUrl(spec.effectiveBaseUrl())
                    .modelName(spec.modelName())
                    .temperature(spec.temperature())
                    .build();
            case ModelSpec.ANTHROPIC -> AnthropicStreamingChatModel.builder()
                    .httpClientBuilder(http)
                    .baseUrl(spec.effectiveBaseUrl() + "/")
                    .apiKey(spec.apiKey())
                    .modelName(spec.modelName())
                    .temperature(spec.temperature())
                    .build();
            default -> throw new IllegalArgumentException("provider must be openai, ollama or anthropic, was: "
                    + spec.provider());
        };
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
