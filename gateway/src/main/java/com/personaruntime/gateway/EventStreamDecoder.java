package com.personaruntime.gateway;

import dev.langchain4j.http.client.sse.ServerSentEvent;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Incremental decoders for the two streaming formats model servers use, fed chunk by chunk from a
 * non-blocking HTTP body: {@link #serverSentEvents} ({@code text/event-stream}: OpenAI, Anthropic) and
 * {@link #ndjson} (one JSON document per line: Ollama's native {@code /api/chat}). Both emit LangChain4j
 * {@link ServerSentEvent}s, which is what the providers' LangChain4j listeners consume. Not thread-safe.
 */
abstract class EventStreamDecoder {

    /** Longest line accepted, 4 MiB. */
    static final int MAX_LINE_BYTES = 4 * 1024 * 1024;

    final LineDecoder lines;
    final Consumer<ServerSentEvent> sink;

    private EventStreamDecoder(Consumer<ServerSentEvent> sink) {
        this.sink = sink;
        this.lines = new LineDecoder(MAX_LINE_BYTES, this::line);
    }

    /** A Server-Sent Events decoder. */
    static EventStreamDecoder serverSentEvents(Consumer<ServerSentEvent> sink) {
        return new Sse(sink);
    }

    /** A newline-delimited JSON decoder: every non-blank line is one event with that line as data. */
    static EventStreamDecoder ndjson(Consumer<ServerSentEvent> sink) {
        return new Ndjson(sink);
    }

    /** Consumes a chunk of the body. */
    final void feed(ByteBuffer chunk) {
        lines.feed(chunk);
    }

    /** The body ended. */
    void end() {
        lines.end();
    }

    abstract void line(String line);

    /**
     * Server-Sent Events per WHATWG HTML "9.2.6 Interpreting an event stream": {@code field: value} lines,
     * one optional space after the colon removed, {@code data} lines joined with LF, {@code event} names the
     * type, comment lines ({@code :...}) ignored, an empty line dispatches; an event without data is not
     * dispatched. One deviation, matching LangChain4j's blocking parser: an event still pending when the
     * body ends is dispatched rather than dropped (some servers omit the last blank line). {@code id} and
     * {@code retry} are parsed and ignored (the gateway never reconnects a model stream).
     */
    private static final class Sse extends EventStreamDecoder {
        private final StringBuilder data = new StringBuilder();
        private boolean hasData;
        private String event;

        Sse(Consumer<ServerSentEvent> sink) {
            super(sink);
        }

        @Override
        void line(String line) {
            if (line.isEmpty()) {
                dispatch();
                return;
            }
            if (line.charAt(0) == ':') {
                return;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = "";
            if (colon >= 0) {
                int from = colon + 1;
                if (from < line.length() && line.charAt(from) == ' ') {
                    from++;
                }
                value = line.substring(from);
            }
            switch (field) {
                case "data" -> {
                    if (hasData) {
                        data.append('\n');
                    }
                    data.append(value);
                    hasData = true;
                }
                case "event" -> event = value;
                default -> {
                    // id, retry and unknown fields: nothing to do for a one-shot model stream
                }
            }
        }

        @Override
        void end() {
            super.end();
            dispatch();
        }

        private void dispatch() {
            if (hasData) {
                String type = event == null || event.isEmpty() ? null : event;
                String payload = data.toString();
                data.setLength(0);
                hasData = false;
                event = null;
                sink.accept(new ServerSentEvent(type, payload));
            } else {
                event = null;
            }
        }
    }

    /** NDJSON: each non-blank line is one JSON document. */
    private static final class Ndjson extends EventStreamDecoder {
        Ndjson(Consumer<ServerSentEvent> sink) {
            super(sink);
        }

        @Override
        void line(String line) {
            if (!line.isBlank()) {
                sink.accept(new ServerSentEvent(null, line));
            }
        }
    }
}
