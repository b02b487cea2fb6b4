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
 * <p>{@code openai} gives an {@link OpenAiStreamingChatModel} (any OpenAI-compatible base URL),
 * {@code ollama} an {@link OllamaStreamingChatModel}, {@code anthropic} an {@link AnthropicStreamingChatModel}.
 * All of them share one JDK HTTP client with the options' connect timeout; the HTTP read timeout is the
 * options' total timeout (the gateway enforces the finer first-token and between-token timeouts itself).
 * Streams are read without blocking ({@link StreamingHttpClient}): the client has one selector thread and
 * a fixed executor of {@link GatewayOptions#httpThreads()} threads, whatever the number of concurrent
 * streams; with 0 threads the selector thread decodes and dispatches every chunk itself. Models built here can have their connection aborted by {@link ModelGateway}'s cancel at any
 * point of a request, also before the first token. Every request's address is checked against the options'
 * {@link GatewayOptions#outboundPolicy()} first; a refused address fails the request with an
 * {@link com.personaruntime.gateway.net.OutboundAddressRefusedException} and nothing is sent. Thread-safe.
 */
public final class ModelFactory {

    private final GatewayOptions options;
    private final java.net.http.HttpClient httpClient;
    private final Map<ModelSpec, StreamingChatModel> cache = new ConcurrentHashMap<>();

    /** A factory whose models use {@code options}' connect and total timeouts. */
    public ModelFactory(GatewayOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.httpClient = java.net.http.HttpClient.newBuilder()
                .connectTimeout(options.connectTimeout())
                .executor(options.httpThreads() == 0 ? Runnable::run
                        : Executors.newFixedThreadPool(options.httpThreads(), daemon("persona-gateway-http")))
                .build();
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
        StreamingHttpClient.Builder http = new StreamingHttpClient.Builder(httpClient, options.outboundPolicy());
        http.connectTimeout(options.connectTimeout());
        http.readTimeout(read);
        return switch (spec.provider()) {
            case ModelSpec.OPENAI -> OpenAiStreamingChatModel.builder()
                    .httpClientBuilder(http)
                    .baseUrl(spec.effectiveBaseUrl())
                    // OpenAI-compatible local servers accept any key; the client wants one
                    .apiKey(spec.apiKey() != null ? spec.apiKey() : "unused")
                    .modelName(spec.modelName())
                    .temperature(spec.temperature())
                    .build();
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
