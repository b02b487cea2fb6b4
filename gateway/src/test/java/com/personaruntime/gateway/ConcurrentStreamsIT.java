package com.personaruntime.gateway;

import com.personaruntime.gateway.testing.OpenAiStubServer;
import com.personaruntime.gateway.testing.OpenAiStubServer.Reply;
import com.personaruntime.gateway.testing.RecordingStreamListener;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No thread per stream: 400 replies streaming at the same time from a loopback model server hold a fixed
 * number of gateway threads (the HTTP client's selector and executor, the call executor, the timer), not
 * one each. Counts threads; measures no time.
 */
class ConcurrentStreamsIT {

    private static final int STREAMS = 400;
    /** Gateway threads allowed on top of the JVM's and the stub's, whatever the number of streams. */
    private static final int MAX_EXTRA_THREADS = 30;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private OpenAiStubServer stub;
    private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void setUp() {
        stub = OpenAiStubServer.start();
    }

    @AfterEach
    void tearDown() {
        stub.close();
    }

    /**
     * With two HTTP executor threads, and with none (the selector thread decodes every chunk: the default on a
     * machine of at most two processors).
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "httpThreads={0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {2, 0})
    void fourHundredConcurrentStreamsShareAFixedSetOfThreadsAndCancelClosesEveryConnection(int httpThreads) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // Every stream sends two tokens, then stays open (like a long reply) until the gateway cancels it.
        stub.otherwise(Reply.tokens("Xin", " chào").hangAfterTokens());
        ModelGateway gateway = ModelGateway.builder().options(GatewayOptions.builder()
                .outboundPolicy(com.personaruntime.gateway.net.OutboundAddressPolicy.builder()
                        .allowPrivateNetworks(true).build()) // the stub is on loopback
                .httpThreads(httpThreads)
                .firstTokenTimeout(Duration.ofSeconds(60))
                .interTokenTimeout(Duration.ofSeconds(120))
                .totalTimeout(Duration.ofSeconds(120))
                .firstTextDeadline(Duration.ofSeconds(60))
                .failureThreshold(10_000)
                .build()).metrics(new GatewayMetrics() {
                    @Override
                    public void failed(GatewayFailure failure) {
                        failures.add(failure.toString());
                    }
                }).build();
        List<ModelRoute> chain = List.of(ModelRoute.of(ModelSpec.openAiCompatible(stub.baseUrl(), "stub-model")));
        int before = threads.getThreadCount();

        List<RecordingStreamListener> listeners = new ArrayList<>();
        List<StreamHandle> handles = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            RecordingStreamListener l = new RecordingStreamListener();
            listeners.add(l);
            handles.add(gateway.stream(chain, ChatRequest.builder().messages(UserMessage.from("q" + i)).build(), l));
        }
        for (RecordingStreamListener l : listeners) {
            try {
                l.awaitDeltas(2, WAIT);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; failures: " + failures.subList(0, Math.min(5, failures.size())), e);
            }
        }
        // All 400 are open now: each has its two deltas and none has ended.
        int during = threads.getThreadCount();
        assertThat(listeners).noneMatch(RecordingStreamListener::ended);
        assertThat(stub.requestCount()).isEqualTo(STREAMS);
        assertThat(during - before)
                .as("threads added while %d streams are open (before: %d, during: %d)", STREAMS, before, during)
                .isLessThanOrEqualTo(MAX_EXTRA_THREADS);

        handles.forEach(StreamHandle::cancel);

        assertThat(stub.awaitClientClosed(STREAMS, WAIT)).as("every upstream connection closed by cancel")
                .isTrue();
        assertThat(listeners).allMatch(l -> l.violations().isEmpty());
    }
}
