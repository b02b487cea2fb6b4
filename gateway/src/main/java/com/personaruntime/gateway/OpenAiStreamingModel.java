package com.personaruntime.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.DefaultServerSentEventParser;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParsingHandleUtils;
import dev.langchain4j.internal.ExceptionMapper;
import dev.langchain4j.internal.InternalStreamingChatResponseHandlerUtils;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * An OpenAI-compatible streaming chat model ({@code POST {baseUrl}/chat/completions} with {@code "stream": true})
 * that reads each Server-Sent Event of the reply with Jackson's streaming {@link JsonParser}, taking only what the
 * gateway uses (the first choice's {@code delta.content} and {@code finish_reason}, the {@code id}, {@code model}
 * and {@code usage}), and writes the request with a {@link JsonGenerator} (compact).
 *
 * <p>Why: LangChain4j's {@code OpenAiStreamingChatModel} binds every chunk (about one per token) into its full
 * {@code ChatCompletionResponse} object tree with Jackson databind and a response builder, and pretty-prints the
 * request. Measured warm on a 30-token reply, request and stream together: ~55 µs of CPU there, ~27 µs here
 * (docs/benchmarks.md, eleventh round; a small share of a reply's CPU, larger while the JIT is still compiling).
 *
 * <p>Scope: only plain text chats take this path: system, user and assistant messages of text alone, and a
 * {@link ChatRequest} with no parameters of its own (the model name and temperature are this model's). Anything
 * else (tools, images, response formats, per-request parameters) goes to {@code general}, LangChain4j's model for
 * the same endpoint, unchanged. What goes over the wire is the JSON LangChain4j sends for such a chat ({@code model},
 * {@code messages}, {@code temperature}, {@code stream}, {@code stream_options.include_usage}) with the same
 * headers; what the handler receives matches LangChain4j's model too: each non-empty {@code delta.content} as a
 * partial response with a streaming handle that cancels the exchange, then one {@link ChatResponse} with the whole
 * text, token usage, finish reason, id and model name, or one error mapped by LangChain4j's
 * {@link ExceptionMapper} (an {@code event: error} becomes a {@link RuntimeException} with its data, as there). The
 * handler is ended once: after an error event LangChain4j's model also reports a completion when the stream closes
 * (the gateway ignores it, the attempt has failed); this one does not. A chunk that is not JSON ends the reply with
 * an error and closes the exchange. {@code OpenAiStreamingModelTest}
 * compares both models on the same stub replies.
 *
 * <p>Thread-safe; the handler is called on the HTTP client's thread that decodes the stream.
 */
final class OpenAiStreamingModel implements StreamingChatModel {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final String DONE = "[DONE]";

    private final HttpClient http;
    private final String url;
    private final String apiKey;
    private final String modelName;
    private final Double temperature;
    private final StreamingChatModel general;

    /**
     * @param http        the HTTP client (the gateway's {@link StreamingHttpClient})
     * @param baseUrl     the endpoint's base URL, e.g. {@code http://127.0.0.1:8000/v1}
     * @param apiKey      sent as {@code Authorization: Bearer}; not null
     * @param modelName   the model asked for, may be null (then no {@code model} field, as LangChain4j)
     * @param temperature may be null (then no {@code temperature} field)
     * @param general     LangChain4j's model for the same endpoint, for requests this one does not cover
     */
    OpenAiStreamingModel(HttpClient http, String baseUrl, String apiKey, String modelName, Double temperature,
                         StreamingChatModel general) {
        this.http = Objects.requireNonNull(http, "http");
        String base = Objects.requireNonNull(baseUrl, "baseUrl");
        this.url = base.endsWith("/") ? base + "chat/completions" : base + "/chat/completions";
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.modelName = modelName;
        this.temperature = temperature;
        this.general = Objects.requireNonNull(general, "general");
    }

    @Override
    public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
        if (!plain(request)) {
            general.chat(request, handler);
            return;
        }
        HttpRequest httpRequest = HttpRequest.builder()
                .method(HttpMethod.POST)
                .url(url)
                .addHeader("Authorization", "Bearer " + apiKey)
                .addHeader("User-Agent", "langchain4j-openai")
                .addHeader("Content-Type", "application/json")
                .body(body(request.messages()))
                .build();
        http.execute(httpRequest, new DefaultServerSentEventParser(), new Listener(handler));
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        chat(request, handler);
    }

    /**
     * True for a chat this model sends itself: messages of the three plain kinds with text only, and no request
     * parameters (the parameters LangChain4j's builder gives a request built from messages alone, all null).
     */
    static boolean plain(ChatRequest request) {
        ChatRequestParameters p = request.parameters();
        if (p != null && (p.getClass() != DefaultChatRequestParameters.class || p.modelName() != null
                || p.temperature() != null || p.topP() != null || p.topK() != null || p.frequencyPenalty() != null
                || p.presencePenalty() != null || p.maxOutputTokens() != null
                || (p.stopSequences() != null && !p.stopSequences().isEmpty())
                || (p.toolSpecifications() != null && !p.toolSpecifications().isEmpty())
                || p.toolChoice() != null || p.responseFormat() != null)) {
            return false;
        }
        List<ChatMessage> messages = request.messages();
        if (messages == null || messages.isEmpty()) {
            return false;
        }
        for (ChatMessage m : messages) {
            if (m instanceof SystemMessage s) {
                if (s.getClass() != SystemMessage.class || s.text() == null) {
                    return false;
                }
            } else if (m instanceof UserMessage u) {
                if (u.getClass() != UserMessage.class || !u.hasSingleText() || u.name() != null) {
                    return false;
                }
            } else if (m instanceof AiMessage a) {
                if (a.getClass() != AiMessage.class || a.text() == null || a.hasToolExecutionRequests()
                        || a.thinking() != null || !a.attributes().isEmpty()) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return true;
    }

    /** The request body, compact: the fields LangChain4j's model sends for a plain chat. */
    String body(List<ChatMessage> messages) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            if (modelName != null) {
                g.writeStringField("model", modelName);
            }
            g.writeArrayFieldStart("messages");
            for (ChatMessage m : messages) {
                g.writeStartObject();
                if (m instanceof SystemMessage s) {
                    g.writeStringField("role", "system");
                    g.writeStringField("content", s.text());
                } else if (m instanceof UserMessage u) {
                    g.writeStringField("role", "user");
                    g.writeStringField("content", u.singleText());
                } else {
                    g.writeStringField("role", "assistant");
                    g.writeStringField("content", ((AiMessage) m).text());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            if (temperature != null) {
                g.writeNumberField("temperature", temperature);
            }
            g.writeBooleanField("stream", true);
            g.writeObjectFieldStart("stream_options");
            g.writeBooleanField("include_usage", true);
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** LangChain4j's mapping of OpenAI's finish reasons ({@code OpenAiUtils.finishReasonFrom}). */
    static FinishReason finishReason(String reason) {
        if (reason == null) {
            return null;
        }
        return switch (reason) {
            case "stop" -> FinishReason.STOP;
            case "length" -> FinishReason.LENGTH;
            case "tool_calls", "function_call" -> FinishReason.TOOL_EXECUTION;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            default -> null;
        };
    }

    /**
     * One reply: decodes the events, delivers the text, and ends the handler exactly once (complete or error).
     * Events arrive one at a time on the thread decoding the stream.
     */
    private static final class Listener implements ServerSentEventListener {
        private final StreamingChatResponseHandler handler;
        private final StringBuilder text = new StringBuilder();
        private volatile StreamingHandle streamingHandle;
        private String id;
        private String model;
        private String finishReason;
        private TokenUsage usage;
        private boolean ended;

        Listener(StreamingChatResponseHandler handler) {
            this.handler = handler;
        }

        @Override
        public void onOpen(SuccessfulHttpResponse response) {
            // nothing to keep: the response metadata is not used
        }

        @Override
        public void onEvent(ServerSentEvent event) {
            onEvent(event, null);
        }

        @Override
        public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
            if (ended) {
                return;
            }
            StreamingHandle handle = streamingHandle;
            if (handle == null && context != null) {
                streamingHandle = handle = ServerSentEventParsingHandleUtils.toStreamingHandle(context.parsingHandle());
            }
            String data = event.data();
            if (DONE.equals(data)) {
                return;
            }
            if ("error".equals(event.event())) {
                fail(new RuntimeException(data));
                return;
            }
            String content;
            try {
                content = read(data);
            } catch (IOException | RuntimeException e) {
                fail(new RuntimeException("not an OpenAI stream chunk: " + e.getMessage(), e));
                if (handle != null) {
                    handle.cancel();
                }
                return;
            }
            if (content != null && !content.isEmpty()) {
                text.append(content);
                InternalStreamingChatResponseHandlerUtils.onPartialResponse(handler, content, handle);
            }
        }

        /** Reads one chunk's fields into this reply; returns the first choice's {@code delta.content}, or null. */
        private String read(String data) throws IOException {
            String content = null;
            try (JsonParser p = JSON.createParser(data)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new IOException("expected a JSON object");
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    switch (field) {
                        case "id" -> id = value == JsonToken.VALUE_STRING ? p.getText() : id;
                        case "model" -> model = value == JsonToken.VALUE_STRING ? p.getText() : model;
                        case "choices" -> {
                            if (value == JsonToken.START_ARRAY) {
                                content = choices(p);
                            } else {
                                p.skipChildren();
                            }
                        }
                        case "usage" -> {
                            if (value == JsonToken.START_OBJECT) {
                                usage = usage(p);
                            } else {
                                p.skipChildren();
                            }
                        }
                        default -> p.skipChildren();
                    }
                }
            }
            return content;
        }

        /** The choices array (the parser on its start): the first choice's content and finish reason; the rest skipped. */
        private String choices(JsonParser p) throws IOException {
            String content = null;
            boolean first = true;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t == null) {
                    throw new IOException("unexpected end of the chunk");
                }
                if (!first || t != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    first = false;
                    continue;
                }
                first = false;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    if ("finish_reason".equals(field) && value == JsonToken.VALUE_STRING) {
                        finishReason = p.getText();
                    } else if ("delta".equals(field) && value == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String name = p.currentName();
                            JsonToken v = p.nextToken();
                            if ("content".equals(name) && v == JsonToken.VALUE_STRING) {
                                content = p.getText();
                            } else {
                                p.skipChildren();
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
            }
            return content;
        }

        private static TokenUsage usage(JsonParser p) throws IOException {
            Integer prompt = null;
            Integer completion = null;
            Integer total = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_NUMBER_INT) {
                    switch (field) {
                        case "prompt_tokens" -> prompt = p.getIntValue();
                        case "completion_tokens" -> completion = p.getIntValue();
                        case "total_tokens" -> total = p.getIntValue();
                        default -> { }
                    }
                } else {
                    p.skipChildren();
                }
            }
            return new TokenUsage(prompt, completion, total);
        }

        private void fail(Throwable error) {
            if (ended) {
                return;
            }
            ended = true;
            RuntimeException mapped = ExceptionMapper.DEFAULT.mapException(error);
            InternalStreamingChatResponseHandlerUtils.withLoggingExceptions(() -> handler.onError(mapped));
        }

        @Override
        public void onError(Throwable error) {
            fail(error);
        }

        @Override
        public void onClose() {
            if (ended) {
                return;
            }
            StreamingHandle handle = streamingHandle;
            if (handle != null && handle.isCancelled()) {
                return;
            }
            ended = true;
            ChatResponse response = ChatResponse.builder()
                    .aiMessage(text.isEmpty() ? AiMessage.builder().build() : AiMessage.from(text.toString()))
                    .id(id)
                    .modelName(model)
                    .tokenUsage(usage)
                    .finishReason(finishReason(finishReason))
                    .build();
            InternalStreamingChatResponseHandlerUtils.onCompleteResponse(handler, response);
        }
    }
}
