package com.personaruntime.gateway;

import dev.langchain4j.http.client.sse.ServerSentEvent;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The incremental SSE and NDJSON decoders, fed in every possible split of the bytes. */
class EventStreamDecoderTest {

    private static List<ServerSentEvent> sse(String body, int... cuts) {
        List<ServerSentEvent> out = new ArrayList<>();
        EventStreamDecoder d = EventStreamDecoder.serverSentEvents(out::add);
        feed(d, body.getBytes(StandardCharsets.UTF_8), cuts);
        d.end();
        return out;
    }

    private static List<ServerSentEvent> ndjson(String body, int... cuts) {
        List<ServerSentEvent> out = new ArrayList<>();
        EventStreamDecoder d = EventStreamDecoder.ndjson(out::add);
        feed(d, body.getBytes(StandardCharsets.UTF_8), cuts);
        d.end();
        return out;
    }

    private static void feed(EventStreamDecoder d, byte[] bytes, int... cuts) {
        int from = 0;
        for (int cut : cuts) {
            d.feed(ByteBuffer.wrap(bytes, from, cut - from));
            from = cut;
        }
        d.feed(ByteBuffer.wrap(bytes, from, bytes.length - from));
    }

    /** Every way of splitting {@code body} into two chunks decodes to the same events as one chunk. */
    private static void assertSplitInvariant(String body, boolean sse) {
        List<ServerSentEvent> whole = sse ? sse(body) : ndjson(body);
        int n = body.getBytes(StandardCharsets.UTF_8).length;
        for (int cut = 0; cut <= n; cut++) {
            assertThat(sse ? sse(body, cut) : ndjson(body, cut)).as("split at byte %d", cut).isEqualTo(whole);
        }
        // and byte by byte
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        assertThat(sse ? sse(body, all) : ndjson(body, all)).as("one byte at a time").isEqualTo(whole);
    }

    @Test
    void openAiStreamDecodesToDataEventsWhateverTheChunking() {
        String body = "data: {\"choices\":[{\"delta\":{\"content\":\"Chào\"}}]}\n\n"
                + "data: {\"choices\":[{\"delta\":{\"content\":\" bạn 🌿\"}}]}\n\n"
                + "data: [DONE]\n\n";
        assertThat(sse(body)).containsExactly(
                new ServerSentEvent(null, "{\"choices\":[{\"delta\":{\"content\":\"Chào\"}}]}"),
                new ServerSentEvent(null, "{\"choices\":[{\"delta\":{\"content\":\" bạn 🌿\"}}]}"),
                new ServerSentEvent(null, "[DONE]"));
        assertSplitInvariant(body, true);
    }

    @Test
    void anthropicNamedEventsKeepTheirType() {
        String body = "event: message_start\r\ndata: {\"type\":\"message_start\"}\r\n\r\n"
                + "event: ping\r\ndata: {\"type\": \"ping\"}\r\n\r\n"
                + "event: content_block_delta\r\ndata: {\"delta\":{\"text\":\"Xin chào\"}}\r\n\r\n";
        assertThat(sse(body)).containsExactly(
                new ServerSentEvent("message_start", "{\"type\":\"message_start\"}"),
                new ServerSentEvent("ping", "{\"type\": \"ping\"}"),
                new ServerSentEvent("content_block_delta", "{\"delta\":{\"text\":\"Xin chào\"}}"));
        assertSplitInvariant(body, true);
    }

    @Test
    void lineEndsMayBeLfCrLfOrLoneCr() {
        assertThat(sse("data: a\n\ndata: b\r\n\r\ndata: c\r\rdata: d\n\r\n"))
                .extracting(ServerSentEvent::data).containsExactly("a", "b", "c", "d");
        assertSplitInvariant("data: a\r\n\r\ndata: b\r\rdata: c\n\n", true);
    }

    @Test
    void multiLineDataIsJoinedWithLfAndOneLeadingSpaceIsRemoved() {
        assertThat(sse("data:first\ndata:  second\ndata\n\n"))
                .containsExactly(new ServerSentEvent(null, "first\n second\n"));
    }

    @Test
    void commentsIdsRetryAndUnknownFieldsAreIgnored() {
        assertThat(sse(": keep-alive\nid: 7\nretry: 3000\nfoo: bar\ndata: x\n\n: another\n\n"))
                .containsExactly(new ServerSentEvent(null, "x"));
    }

    @Test
    void anEventWithoutDataIsNotDispatchedAndItsTypeDoesNotLeakIntoTheNext() {
        assertThat(sse("event: ping\n\ndata: after\n\n")).containsExactly(new ServerSentEvent(null, "after"));
    }

    @Test
    void aPendingEventIsDispatchedWhenTheBodyEndsWithoutABlankLine() {
        assertThat(sse("data: one\n\ndata: two")).extracting(ServerSentEvent::data).containsExactly("one", "two");
    }

    @Test
    void aLeadingByteOrderMarkIsDropped() {
        assertThat(sse("\uFEFFdata: x\n\n")).containsExactly(new ServerSentEvent(null, "x"));
    }

    @Test
    void aMultiByteCharacterSplitAcrossChunksIsDecodedWhole() {
        String body = "data: Kem chống nắng 390.000đ 🌿\n\n";
        assertSplitInvariant(body, true);
        assertThat(sse(body, body.getBytes(StandardCharsets.UTF_8).length - 5).get(0).data())
                .isEqualTo("Kem chống nắng 390.000đ 🌿");
    }

    @Test
    void ndjsonGivesOneEventPerLineAndSkipsBlankLines() {
        String body = "{\"message\":{\"content\":\"Chào\"},\"done\":false}\n\n"
                + "{\"message\":{\"content\":\" bạn\"},\"done\":false}\r\n"
                + "{\"done\":true,\"eval_count\":2}";
        assertThat(ndjson(body)).extracting(ServerSentEvent::data).containsExactly(
                "{\"message\":{\"content\":\"Chào\"},\"done\":false}",
                "{\"message\":{\"content\":\" bạn\"},\"done\":false}",
                "{\"done\":true,\"eval_count\":2}");
        assertThat(ndjson(body)).extracting(ServerSentEvent::event).containsOnlyNulls();
        assertSplitInvariant(body, false);
    }

    @Test
    void aLineLongerThanTheLimitFailsInsteadOfGrowingWithoutBound() {
        List<String> lines = new ArrayList<>();
        LineDecoder d = new LineDecoder(8, lines::add);
        d.feed(ByteBuffer.wrap("12345678\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(lines).containsExactly("12345678");
        assertThatThrownBy(() -> d.feed(ByteBuffer.wrap("123456789".getBytes(StandardCharsets.US_ASCII))))
                .isInstanceOf(LineDecoder.LineTooLongException.class)
                .hasMessage("stream line longer than 8 bytes");
    }

    @Test
    void directAndSlicedBuffersDecodeLikeHeapBuffers() {
        byte[] body = "data: un\r\n\r\ndata: deux\n\ndata: trois\r".getBytes(StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        LineDecoder d = new LineDecoder(64, lines::add);
        // a slice has a non-zero array offset; a direct buffer has no array at all
        byte[] padded = new byte[body.length + 7];
        System.arraycopy(body, 0, padded, 7, 10);
        d.feed(ByteBuffer.wrap(padded, 7, 10).slice());
        ByteBuffer direct = ByteBuffer.allocateDirect(body.length - 10);
        direct.put(body, 10, body.length - 10).flip();
        d.feed(direct);
        assertThat(direct.hasRemaining()).isFalse();
        d.feed(ByteBuffer.wrap("\ndata: quatre".getBytes(StandardCharsets.UTF_8)));
        d.end();
        assertThat(lines).containsExactly("data: un", "", "data: deux", "", "data: trois", "data: quatre");
    }
}
