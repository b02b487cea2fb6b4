package com.personaruntime.composer;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.output.FinishReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The offline composer as a LangChain4j {@link StreamingChatModel}: answers the last user message
 * of a request from the persona's approved knowledge only, in the persona's voice, and streams the
 * reply in chunks of a few words.
 *
 * <p>Work runs on the {@link Executor} given at construction (it embeds the question: blocking, a
 * few milliseconds), never on the caller's thread. Each chunk goes to
 * {@link StreamingChatResponseHandler#onPartialResponse(PartialResponse, PartialResponseContext)},
 * then {@code onCompleteResponse} carries the full text with {@link FinishReason#STOP}. Streaming
 * stops without a completion when the {@link StreamingHandle} (from the partial-response context or
 * from {@link #stream}) is cancelled; when the handler's partial callback throws, streaming stops and
 * the exception goes to {@code onError}. Other failures go to {@code onError} too.
 */
public final class ComposerChatModel implements StreamingChatModel {

    /** The model name reported in responses. */
    public static final String MODEL_NAME = "persona-composer";
    private static final Logger LOG = LoggerFactory.getLogger(ComposerChatModel.class);

    private final ComposerPersona persona;
    private final ReplyComposer composer;
    private final Executor executor;

    /**
     * @param persona  the persona to answer as
     * @param index    the persona's knowledge, built from {@code persona.knowledge()}
     * @param executor where composition and streaming run (a worker pool, not an event loop)
     */
    public ComposerChatModel(ComposerPersona persona, KnowledgeIndex index, Executor executor) {
        this.persona = Objects.requireNonNull(persona, "persona");
        this.composer = new ReplyComposer(persona, Objects.requireNonNull(index, "index"));
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * Builds the persona's {@link KnowledgeIndex} and the model. <b>Blocking</b> (see
     * {@link KnowledgeIndex#build(List)}).
     */
    public static ComposerChatModel create(ComposerPersona persona, Executor executor) {
        return new ComposerChatModel(persona, KnowledgeIndex.build(persona.knowledge()), executor);
    }

    /** The persona this model answers as. */
    public ComposerPersona persona() {
        return persona;
    }

    /**
     * Composes the reply to one question on the caller's thread. <b>Blocking</b> (embeds the
     * question, a few milliseconds).
     */
    public Composition compose(String question) {
        return composer.compose(question);
    }

    /**
     * Composes the reply to one message of a conversation on the caller's thread. <b>Blocking</b>.
     *
     * @param question the audience's message
     * @param history  the audience's earlier messages, oldest first (the product in focus and the language come
     *                 from them); may be empty
     * @param audience segment and sentiment, or {@code null} to infer both from the messages
     */
    public Composition compose(String question, List<String> history, Audience audience) {
        return composer.compose(question, history, audience);
    }

    /**
     * This model answering for one audience (segment and sentiment) instead of inferring it; the runtime
     * makes one per turn. The view shares this model's persona, index and executor.
     */
    public StreamingChatModel forAudience(Audience audience) {
        ComposerChatModel self = this;
        return new StreamingChatModel() {
            @Override
            public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
                self.stream(request, handler, audience);
            }
        };
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        stream(request, handler);
    }

    /**
     * Like {@link #chat(ChatRequest, StreamingChatResponseHandler)} without listeners, returning a
     * handle that stops the stream when cancelled.
     */
    public StreamingHandle stream(ChatRequest request, StreamingChatResponseHandler handler) {
        return stream(request, handler, null);
    }

    private StreamingHandle stream(ChatRequest request, StreamingChatResponseHandler handler, Audience audience) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(handler, "handler");
        Handle handle = new Handle();
        try {
            executor.execute(() -> run(request, handler, handle, audience));
        } catch (RuntimeException e) {
            reportError(handler, e);
        }
        return handle;
    }

    private void run(ChatRequest request, StreamingChatResponseHandler handler, Handle handle, Audience audience) {
        Composition composition;
        try {
            List<String> users = userTexts(request.messages());
            composition = compose(users.get(users.size() - 1), users.subList(0, users.size() - 1), audience);
        } catch (RuntimeException e) {
            LOG.warn("Composer failed for persona {}: {}", persona.id(), e.toString());
            reportError(handler, e);
            return;
        }
        PartialResponseContext context = new PartialResponseContext(handle);
        for (String chunk : composition.chunks()) {
            if (handle.isCancelled()) {
                return;
            }
            try {
                handler.onPartialResponse(new PartialResponse(chunk), context);
            } catch (RuntimeException e) {
                handle.cancel();
                reportError(handler, e);
                return;
            }
        }
        if (handle.isCancelled()) {
            return;
        }
        ChatResponse response = ChatResponse.builder()
                .id(UUID.randomUUID().toString())
                .modelName(MODEL_NAME)
                .aiMessage(AiMessage.from(composition.text()))
                .finishReason(FinishReason.STOP)
                .build();
        try {
            handler.onCompleteResponse(response);
        } catch (RuntimeException e) {
            reportError(handler, e);
        }
    }

    /** Passes the error on; a handler that throws from onError is logged, not propagated into the executor. */
    private void reportError(StreamingChatResponseHandler handler, Throwable error) {
        try {
            handler.onError(error);
        } catch (RuntimeException e) {
            LOG.warn("onError handler of persona {} threw {} while handling {}", persona.id(), e, error.toString());
        }
    }

    /** The texts of every user message, oldest first; an error when the request has none. */
    static List<String> userTexts(List<ChatMessage> messages) {
        lastUserText(messages);
        List<String> out = new java.util.ArrayList<>();
        for (ChatMessage m : messages) {
            if (m instanceof UserMessage u) {
                StringBuilder text = new StringBuilder();
                for (Content c : u.contents()) {
                    if (c instanceof TextContent t) {
                        if (!text.isEmpty()) {
                            text.append('\n');
                        }
                        text.append(t.text());
                    }
                }
                out.add(text.toString());
            }
        }
        return out;
    }

    /** The text of the last user message; an error when the request has none. */
    static String lastUserText(List<ChatMessage> messages) {
        UserMessage last = UserMessage.findLast(messages)
                .orElseThrow(() -> new IllegalArgumentException("the chat request has no user message"));
        StringBuilder text = new StringBuilder();
        for (Content c : last.contents()) {
            if (c instanceof TextContent t) {
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(t.text());
            }
        }
        return text.toString();
    }

    private static final class Handle implements StreamingHandle {
        private final AtomicBoolean cancelled = new AtomicBoolean();

        @Override
        public void cancel() {
            cancelled.set(true);
        }

        @Override
        public boolean isCancelled() {
            return cancelled.get();
        }
    }
}
