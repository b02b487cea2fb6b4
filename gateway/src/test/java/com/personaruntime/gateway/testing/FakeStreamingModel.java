package com.personaruntime.gateway.testing;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An in-process {@link StreamingChatModel} that streams fixed tokens on the calling thread, e.g. to stand
 * in for the offline composer at the end of a fallback chain. Records the requests it got. Fails loudly
 * ({@link #failing}) when asked to.
 */
public final class FakeStreamingModel implements StreamingChatModel {

    private final List<String> tokens;
    private final RuntimeException failure;
    private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

    private FakeStreamingModel(List<String> tokens, RuntimeException failure) {
        this.tokens = List.copyOf(tokens);
        this.failure = failure;
    }

    /** Streams these tokens, then completes. */
    public static FakeStreamingModel streaming(String... tokens) {
        return new FakeStreamingModel(List.of(tokens), null);
    }

    /** Reports {@code error} through the handler on every call. */
    public static FakeStreamingModel failing(RuntimeException error) {
        return new FakeStreamingModel(List.of(), error);
    }

    @Override
    public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
        requests.add(request);
        if (failure != null) {
            handler.onError(failure);
            return;
        }
        AtomicBoolean cancelled = new AtomicBoolean();
        StreamingHandle handle = new StreamingHandle() {
            @Override
            public void cancel() {
                cancelled.set(true);
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get();
            }
        };
        StringBuilder text = new StringBuilder();
        for (String token : tokens) {
            if (cancelled.get()) {
                return;
            }
            text.append(token);
            handler.onPartialResponse(new PartialResponse(token), new PartialResponseContext(handle));
        }
        if (!cancelled.get()) {
            handler.onCompleteResponse(ChatResponse.builder()
                    .aiMessage(AiMessage.from(text.toString()))
                    .finishReason(FinishReason.STOP)
                    .tokenUsage(new TokenUsage(0, tokens.size()))
                    .build());
        }
    }

    /** The requests received. */
    public List<ChatRequest> requests() {
        return List.copyOf(requests);
    }

    /** How many times it was called. */
    public int calls() {
        return requests.size();
    }

    /** All tokens joined. */
    public String text() {
        return String.join("", tokens);
    }
}
