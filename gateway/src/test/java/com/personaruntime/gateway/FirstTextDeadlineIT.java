package com.personaruntime.gateway;

import com.personaruntime.gateway.GatewayFailure.Kind;
import com.personaruntime.gateway.testing.FakeStreamingModel;
import com.personaruntime.gateway.testing.ManualScheduler;
import com.personaruntime.gateway.testing.OpenAiStubServer;
import com.personaruntime.gateway.testing.OpenAiStubServer.Reply;
import com.personaruntime.gateway.testing.RecordingStreamListener;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overall first-text deadline across retries and fallbacks, with the gateway's timers on a
 * {@link ManualScheduler}: time moves only when the test says so, the model server is real.
 */
class FirstTextDeadlineIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private OpenAiStubServer stub;
    private ManualScheduler timers;
    private Failures metrics;
    private FakeStreamingModel composer;

    @BeforeEach
    void setUp() {
        stub = OpenAiStubServer.start();
        timers = new ManualScheduler();
        metrics = new Failures();
        composer = FakeStreamingModel.streaming("Composer ", "answers.");
        stub.otherwise(Reply.hang()); // headers, then no token ever
    }

    @AfterEach
    void tearDown() {
        stub.close();
    }

    private ModelGateway gateway(Duration firstToken, Duration deadline, int retries) {
        return ModelGateway.builder().options(GatewayOptions.builder()
                .outboundPolicy(com.personaruntime.gateway.net.OutboundAddressPolicy.builder()
                        .allowPrivateNetworks(true).build()) // the stub is on loopback
                .scheduler(timers)
                .firstTokenTimeout(firstToken)
                .firstTextDeadline(deadline)
                .maxRetries(retries)
                .backoffBase(Duration.ZERO)
                .backoffMax(Duration.ZERO)
                .build()).metrics(metrics).build();
    }

    private static ChatRequest request() {
        return ChatRequest.builder().messages(UserMessage.from("Còn hàng không?")).build();
    }

    private ModelRoute provider() {
        return ModelRoute.of(ModelSpec.openAiCompatible(stub.baseUrl(), "slow-model"));
    }

    @Test
    void theDeadlineCutsTheRetriesShortAndTheComposerAnswers() {
        // Without the deadline: 3 attempts x 2 s before the composer. With it: the composer at 5 s.
        ModelGateway gateway = gateway(Duration.ofSeconds(2), Duration.ofSeconds(5), 2);
        RecordingStreamListener l = new RecordingStreamListener();
        gateway.stream(List.of(provider(), ModelRoute.of(composer, "composer")), request(), l);

        assertThat(stub.awaitRequests(1, WAIT)).isTrue();
        timers.advance(Duration.ofSeconds(2));          // t=2: attempt 1 times out, retry at once
        assertThat(stub.awaitRequests(2, WAIT)).isTrue();
        timers.advance(Duration.ofSeconds(2));          // t=4: attempt 2 times out, retry at once
        assertThat(stub.awaitRequests(3, WAIT)).isTrue();
        assertThat(l.ended()).isFalse();
        timers.advance(Duration.ofSeconds(1));          // t=5: the deadline, attempt 3 still waiting

        l.awaitEnd(WAIT);
        assertThat(l.startedRoute()).isEqualTo("composer");
        assertThat(l.completedText()).isEqualTo("Composer answers.");
        assertThat(metrics.failures()).containsExactly("openai:slow-model:FIRST_TOKEN_TIMEOUT",
                "openai:slow-model:FIRST_TOKEN_TIMEOUT", "openai:slow-model:DEADLINE");
        assertThat(stub.awaitClientClosed(3, WAIT)).as("every abandoned attempt's connection closed").isTrue();
        assertThat(l.violations()).isEmpty();
    }

    @Test
    void laterProviderRoutesAreSkippedOnceTheDeadlinePassed() {
        ModelGateway gateway = gateway(Duration.ofSeconds(10), Duration.ofSeconds(3), 0);
        ModelRoute second = ModelRoute.of(ModelSpec.openAiCompatible(stub.baseUrl(), "second-model"));
        RecordingStreamListener l = new RecordingStreamListener();
        gateway.stream(List.of(provider(), second, ModelRoute.of(composer, "composer")), request(), l);

        assertThat(stub.awaitRequests(1, WAIT)).isTrue();
        timers.advance(Duration.ofSeconds(3));

        l.awaitEnd(WAIT);
        assertThat(l.startedRoute()).isEqualTo("composer");
        assertThat(stub.requestCount()).as("second provider never asked").isEqualTo(1);
        assertThat(stub.awaitClientClosed(1, WAIT)).isTrue();
    }

    @Test
    void withoutAReadyRouteTheReplyFailsWithDeadline() {
        ModelGateway gateway = gateway(Duration.ofSeconds(10), Duration.ofSeconds(3), 0);
        RecordingStreamListener l = new RecordingStreamListener();
        gateway.stream(List.of(provider()), request(), l);

        assertThat(stub.awaitRequests(1, WAIT)).isTrue();
        timers.advance(Duration.ofSeconds(3));

        l.awaitEnd(WAIT);
        assertThat(l.failure().kind()).isEqualTo(Kind.DEADLINE);
        assertThat(l.failure().delivered()).isFalse();
        assertThat(stub.awaitClientClosed(1, WAIT)).isTrue();
    }

    @Test
    void aReplyThatStartedInTimeIsNotCutByTheDeadline() {
        stub.otherwise(Reply.tokens("Còn", " hàng", " nhé."));
        ModelGateway gateway = gateway(Duration.ofSeconds(10), Duration.ofSeconds(3), 0);
        RecordingStreamListener l = new RecordingStreamListener();
        gateway.stream(List.of(provider(), ModelRoute.of(composer, "composer")), request(), l);

        l.awaitEnd(WAIT);
        timers.advance(Duration.ofSeconds(10));

        assertThat(l.completedText()).isEqualTo("Còn hàng nhé.");
        assertThat(composer.calls()).isZero();
        assertThat(timers.pending()).as("no timer left behind").isZero();
    }

    @Test
    void theComposerItselfIsNotSubjectToTheDeadline() {
        ModelGateway gateway = gateway(Duration.ofSeconds(1), Duration.ofSeconds(3), 0);
        RecordingStreamListener l = new RecordingStreamListener();
        FakeStreamingModel slowComposer = FakeStreamingModel.streaming("late ", "but there.");
        gateway.stream(List.of(ModelRoute.of(slowComposer, "composer")), request(), l);

        l.awaitEnd(WAIT);
        timers.advance(Duration.ofSeconds(5));

        assertThat(l.completedText()).isEqualTo("late but there.");
    }

    /** Records failed attempts. */
    static final class Failures implements GatewayMetrics {
        private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void attemptFailed(String route, Kind kind) {
            failures.add(route + ":" + kind);
        }

        List<String> failures() {
            synchronized (failures) {
                return List.copyOf(failures);
            }
        }
    }
}
