package com.personaruntime.gateway;

import com.personaruntime.gateway.GatewayFailure.Kind;
import com.personaruntime.gateway.testing.FakeStreamingModel;
import com.personaruntime.gateway.testing.MutableClock;
import com.personaruntime.gateway.testing.OpenAiStubServer;
import com.personaruntime.gateway.testing.OpenAiStubServer.Reply;
import com.personaruntime.gateway.testing.RecordingStreamListener;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway against a real OpenAI-compatible SSE server on loopback, through OpenAiStreamingModel (plain text chats). */
class ModelGatewayIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private OpenAiStubServer stub;
    private MutableClock clock;
    private RecordingMetrics metrics;
    private ModelGateway gateway;
    private ModelSpec spec;
    private FakeStreamingModel composer;

    @BeforeEach
    void setUp() {
        stub = OpenAiStubServer.start();
        clock = MutableClock.start();
        metrics = new RecordingMetrics();
        gateway = gateway(options().build());
        spec = ModelSpec.openAiCompatible(stub.baseUrl(), "stub-model");
        composer = FakeStreamingModel.streaming("Sorry, ", "I am ", "offline.");
    }

    @AfterEach
    void tearDown() {
        stub.close();
    }

    private GatewayOptions.Builder options() {
        return GatewayOptions.builder()
                .connectTimeout(Duration.ofMillis(500))
                // generous: on a loaded machine (a parallel build, load average 15) a first token 1.5 s
                // late is ordinary; tests of the timeouts set their own short values
                .firstTokenTimeout(Duration.ofSeconds(5))
                .interTokenTimeout(Duration.ofSeconds(2))
                .totalTimeout(Duration.ofSeconds(10))
                .maxRetries(2)
                .backoffBase(Duration.ofMillis(10))
                .backoffMax(Duration.ofMillis(40))
                .failureThreshold(3)
                .openDuration(Duration.ofSeconds(30))
                .clock(clock)
                // the stub listens on loopback
                .outboundPolicy(com.personaruntime.gateway.net.OutboundAddressPolicy.builder()
                        .allowPrivateNetworks(true).build());
    }

    private ModelGateway gateway(GatewayOptions options) {
        return ModelGateway.builder().options(options).metrics(metrics).build();
    }

    private static ChatRequest request(String text) {
        return ChatRequest.builder()
                .messages(SystemMessage.from("You are Linh, an AI assistant."), UserMessage.from(text))
                .build();
    }

    private List<ModelRoute> chain() {
        return List.of(ModelRoute.of(spec), ModelRoute.of(composer, "composer"));
    }

    private RecordingStreamListener stream(List<ModelRoute> chain, String text) {
        RecordingStreamListener listener = new RecordingStreamListener();
        gateway.stream(chain, request(text), listener);
        return listener;
    }

    @Test
    void deltasArriveInOrderInSeveralCallbacksAndJoinToTheFullText() {
        stub.enqueue(Reply.tokens("Chào", " bạn", "! SPF50", " giá", " 390.000đ.").tokenDelay(Duration.ofMillis(15)));

        RecordingStreamListener listener = stream(chain(), "Kem chống nắng giá bao nhiêu?").awaitEnd(WAIT);

        assertThat(listener.events()).containsExactly("start:openai:stub-model", "delta:Chào", "delta: bạn",
                "delta:! SPF50", "delta: giá", "delta: 390.000đ.", "complete:openai:stub-model");
        assertThat(listener.completedText()).isEqualTo("Chào bạn! SPF50 giá 390.000đ.");
        assertThat(listener.usage()).isNotNull();
        assertThat(listener.usage().outputTokenCount()).isEqualTo(5);
        assertThat(listener.violations()).isEmpty();
        OpenAiStubServer.RecordedRequest received = stub.lastRequest();
        assertThat(received.stream()).isTrue();
        assertThat(received.model()).isEqualTo("stub-model");
        assertThat(received.messages("system")).containsExactly("You are Linh, an AI assistant.");
        assertThat(received.lastUserMessage()).isEqualTo("Kem chống nắng giá bao nhiêu?");
        assertThat(composer.calls()).isZero();
    }

    @Test
    void aLoopbackEndpointIsRefusedByTheDefaultPolicyWithoutAnyRequestOrRetry() {
        gateway = gateway(options().outboundPolicy(com.personaruntime.gateway.net.OutboundAddressPolicy.publicOnly())
                .build());
        spec = new ModelSpec("openai", stub.baseUrl(), "stub-model", "sk-server-secret", null);
        stub.otherwise(Reply.tokens("should", " not", " be", " called"));

        RecordingStreamListener listener = stream(chain(), "hi").awaitEnd(WAIT);

        assertThat(listener.startedRoute()).isEqualTo("composer");
        assertThat(stub.requestCount()).isZero();
        assertThat(metrics.failures()).containsExactly("openai:stub-model:ADDRESS_REFUSED");
    }

    @Test
    void anEndpointTheOperatorAllowedIsCalledEvenOnLoopbackButNotAnotherPortOfTheSameHost() {
        gateway = gateway(options().outboundPolicy(com.personaruntime.gateway.net.OutboundAddressPolicy.builder()
                .allowEndpoint(stub.baseUrl()).build()).build());
        stub.enqueue(Reply.tokens("ok"));
        assertThat(stream(chain(), "hi").awaitEnd(WAIT).completedText()).isEqualTo("ok");

        spec = ModelSpec.openAiCompatible("http://127.0.0.1:" + (stub.port() == 65535 ? 1 : stub.port() + 1) + "/v1",
                "other");
        RecordingStreamListener other = stream(chain(), "hi").awaitEnd(WAIT);
        assertThat(other.startedRoute()).isEqualTo("composer");
        assertThat(metrics.failures()).containsExactly("openai:other:ADDRESS_REFUSED");
    }

    @Test
    void aSlowNameLookupDoesNotHoldUpOtherReplies() throws Exception {
        java.util.concurrent.CountDownLatch lookupStarted = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch releaseLookup = new java.util.concurrent.CountDownLatch(1);
        // one call thread only: a lookup on it would stall every other reply
        gateway = gateway(options().executor(java.util.concurrent.Executors.newSingleThreadExecutor())
                .outboundPolicy(com.personaruntime.gateway.net.OutboundAddressPolicy.builder()
                        .allowPrivateNetworks(true)
                        .resolver(host -> {
                            if (host.equals("slow-dns.test")) {
                                lookupStarted.countDown();
                                try {
                                    releaseLookup.await(30, java.util.concurrent.TimeUnit.SECONDS);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            }
                            return java.net.InetAddress.getAllByName(host.equals("slow-dns.test") ? "127.0.0.1" : host);
                        }).build())
                .firstTokenTimeout(Duration.ofSeconds(20)).totalTimeout(Duration.ofSeconds(30))
                .firstTextDeadline(Duration.ofSeconds(30)).build());
        try {
            ModelSpec slow = ModelSpec.openAiCompatible("http://slow-dns.test:" + stub.port() + "/v1", "stub-model");
            RecordingStreamListener blocked = stream(List.of(ModelRoute.of(slow)), "hi");
            assertThat(lookupStarted.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

            // while that lookup hangs, a reply from an address literal streams to the end
            stub.otherwise(Reply.tokens("still", " here"));
            assertThat(stream(List.of(ModelRoute.of(spec)), "hi").awaitEnd(WAIT).completedText()).isEqualTo("still here");
            assertThat(blocked.ended()).isFalse();
        } finally {
            releaseLookup.countDown();
        }
    }

    @Test
    void http500ThenSuccessIsRetriedAndTheListenerSeesOnlyTheSuccessfulStream() {
        stub.enqueue(Reply.error(500), Reply.tokens("Second", " try"));

        RecordingStreamListener listener = stream(chain(), "hi").awaitEnd(WAIT);

        assertThat(listener.events()).containsExactly("start:openai:stub-model", "delta:Second", "delta: try",
                "complete:openai:stub-model");
        assertThat(stub.requestCount()).isEqualTo(2);
        assertThat(metrics.failures()).containsExactly("openai:stub-model:HTTP_ERROR");
        assertThat(composer.calls()).isZero();
    }

    @Test
    void http500ForeverFallsBackToTheLastRoute() {
        stub.otherwise(Reply.error(500));

        RecordingStreamListener listener = stream(chain(), "hi").awaitEnd(WAIT);

        assertThat(listener.startedRoute()).isEqualTo("composer");
        assertThat(listener.completedText()).isEqualTo("Sorry, I am offline.");
        assertThat(listener.deltas()).containsExactly("Sorry, ", "I am ", "offline.");
        assertThat(stub.requestCount()).isEqualTo(3); // first try + 2 retries
        assertThat(metrics.failures()).containsOnly("openai:stub-model:HTTP_ERROR").hasSize(3);
        assertThat(composer.calls()).isEqualTo(1);
        assertThat(listener.violations()).isEmpty();
    }

    @Test
    void allRoutesFailingEndsWithOnErrorListingEveryAttempt() {
        stub.otherwise(Reply.error(503));
        List<ModelRoute> chain = List.of(ModelRoute.of(spec),
                ModelRoute.of(FakeStreamingModel.failing(new IllegalStateException("composer broken")), "composer"));

        RecordingStreamListener listener = stream(chain, "hi").awaitEnd(WAIT);

        GatewayFailure failure = listener.failure();
        assertThat(failure).isNotNull();
        assertThat(failure.delivered()).isFalse();
        assertThat(failure.partialText()).isEmpty();
        assertThat(failure.kind()).isEqualTo(Kind.MODEL_ERROR);
        assertThat(failure.routeName()).isEqualTo("composer");
        assertThat(failure.attempts()).extracting(GatewayFailure.Attempt::kind)
                .containsExactly(Kind.HTTP_ERROR, Kind.HTTP_ERROR, Kind.HTTP_ERROR, Kind.MODEL_ERROR);
        assertThat(failure.attempts().get(0).detail()).contains("503");
        assertThat(listener.events()).containsExactly("error:MODEL_ERROR");
    }

    @Test
    void clientErrorIsNotRetriedButFallsBack() {
        stub.otherwise(Reply.error(401, "{\"error\":{\"message\":\"bad key\",\"type\":\"invalid_request_error\"}}"));

        RecordingStreamListener listener = stream(chain(), "hi").awaitEnd(WAIT);

        assertThat(listener.completedRoute()).isEqualTo("composer");
        assertThat(stub.requestCount()).isEqualTo(1);
    }

    @Test
    void firstTokenTimeoutFallsBackAndClosesTheSlowConnections() {
        gateway = gateway(options().firstTokenTimeout(Duration.ofMillis(300)).maxRetries(1).build());
        stub.otherwise(Reply.tokens("too", " late").firstTokenDelay(Duration.ofSeconds(5)));

        long start = System.nanoTime();
        RecordingStreamListener listener = stream(chain(), "hi").awaitEnd(WAIT);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(listener.completedRoute()).isEqualTo("composer");
        assertThat(listener.deltas()).doesNotContain("too", " late");
        assertThat(metrics.failures()).containsExactly("openai:stub-model:FIRST_TOKEN_TIMEOUT",
                "openai:stub-model:FIRST_TOKEN_TIMEOUT");
        assertThat(took).as("fell back before the stub's first token, 5 s away").isLessThan(Duration.ofSeconds(5));
        assertThat(stub.awaitClientClosed(2, WAIT)).as("both timed-out requests aborted").isTrue();
    }

    @Test
    void connectionRefusedIsRetriedThenFallsBack() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            closedPort = s.getLocalPort();
        }
        ModelSpec dead = ModelSpec.openAiCompatible("http://127.0.0.1:" + closedPort + "/v1", "stub-model");

        RecordingStreamListener listener = new RecordingStreamListener();
        gateway.stream(List.of(ModelRoute.of(dead), ModelRoute.of(composer, "composer")), request("hi"), listener);
        listener.awaitEnd(WAIT);

        assertThat(listener.completedRoute()).isEqualTo("composer");
        assertThat(metrics.failures()).hasSize(3).containsOnly("openai:stub-model:CONNECT_FAILED");
    }

    @Test
    void streamCutAfterDeltasEndsWithErrorAndPartialTextWithoutFallback() {
        stub.enqueue(Reply.tokens("One", " two", " three", " four").tokenDelay(Duration.ofMillis(10)).cutAfter(2));

        RecordingStreamListener listener = stream(chain(), "hi").awaitEnd(WAIT);

        GatewayFailure failure = listener.failure();
        assertThat(failure).isNotNull();
        assertThat(failure.kind()).isEqualTo(Kind.STREAM_CUT);
        assertThat(failure.delivered()).isTrue();
        assertThat(failure.partialText()).isEqualTo("One two");
        assertThat(failure.routeName()).isEqualTo("openai:stub-model");
        assertThat(listener.events()).containsExactly("start:openai:stub-model", "delta:One", "delta: two",
                "error:STREAM_CUT");
        assertThat(composer.calls()).isZero();
        assertThat(stub.requestCount()).isEqualTo(1);
    }

    @Test
    void streamCutBeforeTheFirstDeltaIsRetried() {
        stub.enqueue(Reply.tokens("lost").cutAfter(0), Reply.tokens("Fine", "."));

        RecordingStreamListener listener = stream(chain(), "hi").awaitEnd(WAIT);

        assertThat(listener.events()).containsExactly("start:openai:stub-model", "delta:Fine", "delta:.",
                "complete:openai:stub-model");
        assertThat(stub.requestCount()).isEqualTo(2);
    }

    @Test
    void interTokenTimeoutAfterDeltasEndsWithErrorAndClosesTheConnection() {
        stub.enqueue(Reply.tokens("Hello", " there").hangAfterTokens());

        RecordingStreamListener listener = stream(chain(), "hi").awaitEnd(WAIT);

        GatewayFailure failure = listener.failure();
        assertThat(failure.kind()).isEqualTo(Kind.INTER_TOKEN_TIMEOUT);
        assertThat(failure.delivered()).isTrue();
        assertThat(failure.partialText()).isEqualTo("Hello there");
        assertThat(composer.calls()).isZero();
        assertThat(stub.awaitClientClosed(1, WAIT)).isTrue();
    }

    @Test
    void deltasSpacedBelowTheBetweenTokenTimeoutKeepTheReplyAliveUntilTheStreamStalls() {
        // 8 deltas 300 ms apart (2.1 s from the first to the last, well past one 1 s between-token
        // timeout), then silence: the timer armed at the first delta must re-arm from the latest one.
        gateway = gateway(options().interTokenTimeout(Duration.ofSeconds(1)).build());
        List<String> eight = IntStream.range(0, 8).mapToObj(i -> " w" + i).collect(Collectors.toList());
        stub.enqueue(Reply.tokens(eight).tokenDelay(Duration.ofMillis(300)).hangAfterTokens());

        RecordingStreamListener listener = stream(chain(), "hi").awaitEnd(WAIT);

        assertThat(listener.failure().kind()).isEqualTo(Kind.INTER_TOKEN_TIMEOUT);
        assertThat(listener.failure().partialText()).isEqualTo(String.join("", eight));
        assertThat(composer.calls()).isZero();
        assertThat(stub.awaitClientClosed(1, WAIT)).isTrue();
    }

    @Test
    void totalTimeoutEndsAReplyThatKeepsTrickling() {
        gateway = gateway(options().firstTokenTimeout(Duration.ofMillis(500)).interTokenTimeout(Duration.ofMillis(300))
                .totalTimeout(Duration.ofMillis(600))
                .build());
        List<String> many = IntStream.range(0, 100).mapToObj(i -> " t" + i).collect(Collectors.toList());
        stub.enqueue(Reply.tokens(many).tokenDelay(Duration.ofMillis(20)));

        RecordingStreamListener listener = stream(chain(), "hi").awaitEnd(WAIT);

        assertThat(listener.failure().kind()).isEqualTo(Kind.TOTAL_TIMEOUT);
        assertThat(listener.failure().delivered()).isTrue();
        assertThat(listener.failure().partialText()).isEqualTo(String.join("", listener.deltas()));
        assertThat(stub.awaitClientClosed(1, WAIT)).isTrue();
    }

    @Test
    void circuitOpensAfterConsecutiveFailuresSkipsTheRouteThenProbesWhenHalfOpen() {
        gateway = gateway(options().maxRetries(0).build());
        stub.otherwise(Reply.error(500));

        for (int i = 0; i < 3; i++) {
            assertThat(stream(chain(), "hi").awaitEnd(WAIT).completedRoute()).isEqualTo("composer");
        }
        assertThat(stub.requestCount()).isEqualTo(3);
        assertThat(gateway.circuitState(spec.endpointKey())).isEqualTo(CircuitState.OPEN);
        assertThat(metrics.circuit()).containsExactly("OPEN");

        // open: skipped without a request
        metrics.clear();
        assertThat(stream(chain(), "hi").awaitEnd(WAIT).completedRoute()).isEqualTo("composer");
        assertThat(stub.requestCount()).isEqualTo(3);
        assertThat(metrics.failures()).containsExactly("openai:stub-model:CIRCUIT_OPEN");

        // still open just before the open duration has passed
        clock.advance(Duration.ofSeconds(29));
        assertThat(stream(chain(), "hi").awaitEnd(WAIT).completedRoute()).isEqualTo("composer");
        assertThat(stub.requestCount()).isEqualTo(3);

        // half-open: one probe, which fails and re-opens the circuit
        clock.advance(Duration.ofSeconds(2));
        assertThat(gateway.circuitState(spec.endpointKey())).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(stream(chain(), "hi").awaitEnd(WAIT).completedRoute()).isEqualTo("composer");
        assertThat(stub.requestCount()).isEqualTo(4);
        assertThat(gateway.circuitState(spec.endpointKey())).isEqualTo(CircuitState.OPEN);

        // half-open again: the probe succeeds and closes the circuit
        clock.advance(Duration.ofSeconds(31));
        stub.otherwise(Reply.tokens("Back", " online"));
        RecordingStreamListener probe = stream(chain(), "hi").awaitEnd(WAIT);
        assertThat(probe.completedRoute()).isEqualTo("openai:stub-model");
        assertThat(probe.completedText()).isEqualTo("Back online");
        assertThat(stub.requestCount()).isEqualTo(5);
        assertThat(gateway.circuitState(spec.endpointKey())).isEqualTo(CircuitState.CLOSED);
        assertThat(metrics.circuit()).containsExactly("HALF_OPEN", "OPEN", "HALF_OPEN", "CLOSED");
    }

    @Test
    void cancelWhileStreamingClosesTheUpstreamConnectionAndStopsCallbacks() throws InterruptedException {
        List<String> many = IntStream.range(0, 200).mapToObj(i -> " w" + i).collect(Collectors.toList());
        stub.enqueue(Reply.tokens(many).tokenDelay(Duration.ofMillis(20)));
        RecordingStreamListener listener = new RecordingStreamListener();

        StreamHandle handle = gateway.stream(chain(), request("hi"), listener);
        listener.awaitDeltas(3, WAIT);
        handle.cancel();
        List<String> atCancel = listener.events();

        assertThat(stub.awaitClientClosed(1, WAIT)).as("stub saw the client close the connection").isTrue();
        Thread.sleep(150);
        assertThat(listener.events()).isEqualTo(atCancel);
        assertThat(listener.ended()).isFalse();
        assertThat(handle.isCancelled()).isTrue();
        assertThat(handle.isDone()).isTrue();
        assertThat(listener.deltas().size()).isLessThan(200);
        assertThat(composer.calls()).isZero();
        assertThat(gateway.circuitState(spec.endpointKey())).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void cancelFromInsideACallbackStopsEverything() {
        List<String> many = IntStream.range(0, 200).mapToObj(i -> " w" + i).collect(Collectors.toList());
        stub.enqueue(Reply.tokens(many).tokenDelay(Duration.ofMillis(10)));
        java.util.concurrent.CompletableFuture<StreamHandle> handle = new java.util.concurrent.CompletableFuture<>();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        RecordingStreamListener recorder = new RecordingStreamListener();
        StreamListener cancelling = new StreamListener() {
            @Override
            public void onDelta(String text) {
                seen.add(text);
                recorder.onDelta(text);
                if (seen.size() == 2) {
                    handle.join().cancel();
                }
            }

            @Override
            public void onComplete(String fullText, String routeName, dev.langchain4j.model.output.TokenUsage usage) {
                recorder.onComplete(fullText, routeName, usage);
            }

            @Override
            public void onError(GatewayFailure failure) {
                recorder.onError(failure);
            }
        };
        handle.complete(gateway.stream(chain(), request("hi"), cancelling));

        assertThat(stub.awaitClientClosed(1, WAIT)).isTrue();
        assertThat(seen).containsExactly(" w0", " w1");
        assertThat(recorder.ended()).isFalse();
    }

    @Test
    void cancelBeforeTheFirstTokenClosesTheUpstreamConnection() {
        stub.enqueue(Reply.hang());
        RecordingStreamListener listener = new RecordingStreamListener();

        StreamHandle handle = gateway.stream(chain(), request("hi"), listener);
        assertThat(stub.awaitRequests(1, WAIT)).isTrue();
        handle.cancel();

        assertThat(stub.awaitClientClosed(1, WAIT)).isTrue();
        assertThat(listener.events()).isEmpty();
    }

    @Test
    void cancelBeforeTheResponseHeadersAbortsTheExchange() {
        stub.enqueue(Reply.tokens("never").responseDelay(Duration.ofSeconds(5)));
        RecordingStreamListener listener = new RecordingStreamListener();

        StreamHandle handle = gateway.stream(chain(), request("hi"), listener);
        assertThat(stub.awaitRequests(1, WAIT)).isTrue();
        handle.cancel();

        assertThat(stub.awaitClientClosed(1, WAIT)).isTrue();
        assertThat(listener.events()).isEmpty();
    }

    @Test
    void concurrentStreamsShareTheModelAndStayApart() {
        stub.respondWith(req -> Reply.tokens("echo:", req.lastUserMessage()).tokenDelay(Duration.ofMillis(5)));
        List<RecordingStreamListener> listeners = IntStream.range(0, 20)
                .mapToObj(i -> stream(chain(), "q" + i)).collect(Collectors.toList());

        for (int i = 0; i < listeners.size(); i++) {
            RecordingStreamListener l = listeners.get(i).awaitEnd(WAIT);
            assertThat(l.completedText()).isEqualTo("echo:q" + i);
            assertThat(l.violations()).isEmpty();
        }
        assertThat(gateway.modelFactory().size()).isEqualTo(1);
    }

    /** Records metrics hooks as strings. */
    static final class RecordingMetrics implements GatewayMetrics {
        private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        private final List<String> circuit = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void attemptFailed(String route, Kind kind) {
            failures.add(route + ":" + kind);
        }

        @Override
        public void circuitStateChanged(String endpointKey, CircuitState state) {
            circuit.add(state.name());
        }

        List<String> failures() {
            synchronized (failures) {
                return List.copyOf(failures);
            }
        }

        List<String> circuit() {
            synchronized (circuit) {
                return List.copyOf(circuit);
            }
        }

        void clear() {
            failures.clear();
            circuit.clear();
        }
    }
}
