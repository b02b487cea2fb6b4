package com.personaruntime.gateway;

import com.personaruntime.gateway.GatewayFailure.Kind;
import com.personaruntime.gateway.testing.FakeStreamingModel;
import com.personaruntime.gateway.testing.OpenAiStubServer;
import com.personaruntime.gateway.testing.OpenAiStubServer.Reply;
import com.personaruntime.gateway.testing.RecordingStreamListener;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.output.TokenUsage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway against loopback servers speaking each provider's own streaming format: OpenAI-compatible
 * SSE, Ollama's native NDJSON ({@code /api/chat}) and Anthropic's Messages SSE events ({@code /v1/messages}),
 * through LangChain4j's OpenAI, Ollama and Anthropic streaming models on the gateway's non-blocking client.
 */
class ProviderDialectsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private OpenAiStubServer stub;
    private UsageMetrics metrics;
    private ModelGateway gateway;
    private FakeStreamingModel composer;

    @BeforeEach
    void setUp() {
        stub = OpenAiStubServer.start();
        metrics = new UsageMetrics();
        gateway = ModelGateway.builder().options(GatewayOptions.builder()
                .outboundPolicy(com.personaruntime.gateway.net.OutboundAddressPolicy.builder()
                        .allowPrivateNetworks(true).build()) // the stub is on loopback
                .connectTimeout(Duration.ofMillis(500))
                // generous: the first request of a cold JVM on a busy 2-core machine loads many classes
                .firstTokenTimeout(Duration.ofSeconds(10))
                .interTokenTimeout(Duration.ofSeconds(10))
                .totalTimeout(Duration.ofSeconds(20))
                .maxRetries(1)
                .backoffBase(Duration.ofMillis(5))
                .backoffMax(Duration.ofMillis(10))
                .build()).metrics(metrics).build();
        composer = FakeStreamingModel.streaming("Offline ", "answer.");
    }

    @AfterEach
    void tearDown() {
        stub.close();
    }

    enum Provider {
        OPENAI, OLLAMA, ANTHROPIC;

        ModelSpec spec(OpenAiStubServer stub) {
            return switch (this) {
                case OPENAI -> new ModelSpec("openai", stub.baseUrl(), "gpt-stub", "sk-openai", 0.3);
                case OLLAMA -> new ModelSpec("ollama", stub.ollamaBaseUrl(), "qwen2.5:7b-instruct", null, 0.3);
                case ANTHROPIC -> new ModelSpec("anthropic", stub.baseUrl(), "claude-stub", "sk-ant-test", 0.3);
            };
        }

        String path() {
            return switch (this) {
                case OPENAI -> "/v1/chat/completions";
                case OLLAMA -> "/api/chat";
                case ANTHROPIC -> "/v1/messages";
            };
        }
    }

    private static ChatRequest request(String text) {
        return ChatRequest.builder()
                .messages(SystemMessage.from("Bạn là Linh, trợ lý AI của Lumière."), UserMessage.from(text))
                .build();
    }

    private RecordingStreamListener stream(Provider p, String text) {
        RecordingStreamListener listener = new RecordingStreamListener();
        gateway.stream(List.of(ModelRoute.of(p.spec(stub)), ModelRoute.of(composer, "composer")), request(text),
                listener, new Attribution("lumiere", "linh"));
        return listener;
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void streamsDeltasInOrderAndSendsTheProvidersOwnRequest(Provider p) {
        stub.enqueue(Reply.tokens("Kem", " chống", " nắng", " 390.000đ", " 🌿.").tokenDelay(Duration.ofMillis(5))
                .usage(42, 5));

        RecordingStreamListener l = stream(p, "Kem chống nắng giá bao nhiêu?").awaitEnd(WAIT);

        String route = p.spec(stub).displayName();
        assertThat(l.events()).containsExactly("start:" + route, "delta:Kem", "delta: chống", "delta: nắng",
                "delta: 390.000đ", "delta: 🌿.", "complete:" + route);
        assertThat(l.completedText()).isEqualTo("Kem chống nắng 390.000đ 🌿.");
        assertThat(l.usage().inputTokenCount()).isEqualTo(42);
        assertThat(l.usage().outputTokenCount()).isEqualTo(5);
        assertThat(l.violations()).isEmpty();

        OpenAiStubServer.RecordedRequest req = stub.lastRequest();
        assertThat(req.path()).isEqualTo(p.path());
        assertThat(req.model()).isEqualTo(p.spec(stub).modelName());
        assertThat(req.messages("system")).containsExactly("Bạn là Linh, trợ lý AI của Lumière.");
        assertThat(req.lastUserMessage()).isEqualTo("Kem chống nắng giá bao nhiêu?");
        switch (p) {
            case OPENAI -> {
                assertThat(req.stream()).isTrue();
                assertThat(req.header("authorization")).isEqualTo("Bearer sk-openai");
            }
            case OLLAMA -> assertThat(req.json().path("stream").asBoolean(false)).isTrue();
            case ANTHROPIC -> {
                assertThat(req.stream()).isTrue();
                assertThat(req.header("x-api-key")).isEqualTo("sk-ant-test");
                assertThat(req.header("anthropic-version")).isNotBlank();
            }
        }
        assertThat(composer.calls()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void tokenUsageFromTheProviderIsAttributedToBrandAndPersona(Provider p) {
        stub.enqueue(Reply.tokens("Chào", " bạn.").usage(120, 7));

        stream(p, "hi").awaitEnd(WAIT);

        assertThat(metrics.usage()).containsExactly(p.spec(stub).displayName() + " lumiere/linh in=120 out=7");
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void serverErrorIsRetriedThenFallsBackToTheComposer(Provider p) {
        stub.otherwise(Reply.error(503));

        RecordingStreamListener l = stream(p, "hi").awaitEnd(WAIT);

        assertThat(l.startedRoute()).isEqualTo("composer");
        assertThat(l.completedText()).isEqualTo("Offline answer.");
        assertThat(stub.requestCount()).isEqualTo(2);
        assertThat(metrics.usage()).as("no provider usage for the composer").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void aStreamCutAfterDeltasEndsWithThePartialTextAndNoFallback(Provider p) {
        stub.enqueue(Reply.tokens("Một", " hai", " ba", " bốn").cutAfter(2));

        RecordingStreamListener l = stream(p, "hi").awaitEnd(WAIT);

        assertThat(l.failure()).as("events %s, requests %d", l.events(), stub.requestCount()).isNotNull();
        assertThat(l.failure().delivered()).isTrue();
        assertThat(l.failure().partialText()).isEqualTo("Một hai");
        assertThat(composer.calls()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void cancelWhileStreamingClosesTheUpstreamConnection(Provider p) {
        stub.enqueue(Reply.tokens("Đang", " nói").hangAfterTokens());
        RecordingStreamListener l = new RecordingStreamListener();
        StreamHandle h = gateway.stream(List.of(ModelRoute.of(p.spec(stub))), request("hi"), l);
        l.awaitDeltas(2, WAIT);

        h.cancel();

        assertThat(stub.awaitClientClosed(1, WAIT)).as("upstream connection closed").isTrue();
        assertThat(l.ended()).isFalse();
        assertThat(l.violations()).isEmpty();
    }

    @Test
    void ollamaErrorLineIsAModelErrorBeforeAnyText() {
        stub.enqueue(Reply.error(404, "{\"error\":\"model 'nope' not found\"}"));

        RecordingStreamListener l = stream(Provider.OLLAMA, "hi").awaitEnd(WAIT);

        assertThat(l.startedRoute()).isEqualTo("composer");
        assertThat(stub.requestCount()).as("404 is not retried").isEqualTo(1);
        assertThat(l.failure()).isNull();
    }

    /** Records token usage as strings. */
    static final class UsageMetrics implements GatewayMetrics {
        private final List<String> usage = Collections.synchronizedList(new ArrayList<>());
        private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void tokenUsage(String route, Attribution who, TokenUsage u) {
            usage.add(route + " " + who.brand() + "/" + who.persona() + " in=" + u.inputTokenCount() + " out="
                    + u.outputTokenCount());
        }

        @Override
        public void attemptFailed(String route, Kind kind) {
            failures.add(route + ":" + kind);
        }

        List<String> usage() {
            synchronized (usage) {
                return List.copyOf(usage);
            }
        }
    }
}
