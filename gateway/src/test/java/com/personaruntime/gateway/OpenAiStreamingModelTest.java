package com.personaruntime.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import dev.langchain4j.http.client.sse.ServerSentEventParsingHandle;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link OpenAiStreamingModel} against LangChain4j's {@code OpenAiStreamingChatModel}: both get the same events
 * from the same scripted HTTP client, and what their handlers receive (partial texts, the final response's text,
 * token usage, finish reason, id and model, or the error's class and message) and what they send (body as JSON,
 * headers, URL) must be the same.
 */
class OpenAiStreamingModelTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BASE = "http://127.0.0.1:9/v1";

    /** One scripted exchange: events then a normal end, or an error instead of the end. */
    private record Script(String name, List<ServerSentEvent> events, Throwable error) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** An HTTP client that records the request and plays a script to the listener on the calling thread. */
    private static final class ScriptedHttp implements HttpClient, HttpClientBuilder {
        private final Script script;
        final List<HttpRequest> requests = new ArrayList<>();
        boolean cancelled;

        ScriptedHttp(Script script) {
            this.script = script;
        }

        @Override
        public dev.langchain4j.http.client.SuccessfulHttpResponse execute(HttpRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
            requests.add(request);
            ServerSentEventContext context = new ServerSentEventContext(new ServerSentEventParsingHandle() {
                @Override
                public void cancel() {
                    cancelled = true;
                }

                @Override
                public boolean isCancelled() {
                    return cancelled;
                }
            });
            if (script.error() instanceof HttpException) {
                listener.onError(script.error());
                return;
            }
            listener.onOpen(SuccessfulHttpResponse.builder().statusCode(200).headers(Map.of()).build());
            for (ServerSentEvent e : script.events()) {
                if (cancelled) {
                    return;
                }
                listener.onEvent(e, context);
            }
            if (script.error() != null) {
                listener.onError(script.error());
            } else {
                listener.onClose();
            }
        }

        @Override
        public Duration connectTimeout() {
            return null;
        }

        @Override
        public HttpClientBuilder connectTimeout(Duration timeout) {
            return this;
        }

        @Override
        public Duration readTimeout() {
            return null;
        }

        @Override
        public HttpClientBuilder readTimeout(Duration timeout) {
            return this;
        }

        @Override
        public HttpClient build() {
            return this;
        }
    }

    /** Every call a handler receives, as text. */
    private static final class Log implements StreamingChatResponseHandler {
        final List<String> calls = new ArrayList<>();

        @Override
        public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            calls.add("partial " + partial.text() + (context.streamingHandle() == null ? " (no handle)" : ""));
        }

        @Override
        public void onCompleteResponse(ChatResponse r) {
            calls.add("complete text=" + r.aiMessage().text() + " usage=" + (r.tokenUsage() == null ? null
                    : r.tokenUsage().inputTokenCount() + "/" + r.tokenUsage().outputTokenCount() + "/"
                    + r.tokenUsage().totalTokenCount()) + " finish=" + r.finishReason() + " id=" + r.id()
                    + " model=" + r.modelName());
        }

        @Override
        public void onError(Throwable error) {
            calls.add("error " + error.getClass().getName() + ": " + error.getMessage());
        }
    }

    private static ServerSentEvent data(String json) {
        return new ServerSentEvent(null, json);
    }

    private static String chunk(String choices, String more) {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1764800000,\"model\":\"m-1\","
                + "\"system_fingerprint\":\"fp_1\",\"choices\":" + choices + more + "}";
    }

    private static String delta(String content) {
        return chunk("[{\"index\":0,\"delta\":{\"content\":" + content + "},\"logprobs\":null,\"finish_reason\":null}]", "");
    }

    static Stream<Script> scripts() {
        ServerSentEvent role = data(chunk("[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},"
                + "\"finish_reason\":null}]", ""));
        ServerSentEvent stop = data(chunk("[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]", ""));
        ServerSentEvent usage = data(chunk("[]", ",\"usage\":{\"prompt_tokens\":31,\"completion_tokens\":4,"
                + "\"total_tokens\":35,\"prompt_tokens_details\":{\"cached_tokens\":0}}"));
        ServerSentEvent done = data("[DONE]");
        return Stream.of(
                new Script("a reply as OpenAI streams it", List.of(role, data(delta("\"Hello\"")), data(delta("\", world.\"")),
                        stop, usage, done), null),
                new Script("escapes, Vietnamese and emoji", List.of(data(delta("\"Chào bạn \\\"Lan\\\"\\n\"")),
                        data(delta("\"\\u00e1o d\\u00e0i 😊 \\\\ / \\t\"")), stop, done), null),
                new Script("no usage, finish reason length", List.of(data(delta("\"cut\"")),
                        data(chunk("[{\"index\":0,\"delta\":{\"content\":null},\"finish_reason\":\"length\"}]", "")), done), null),
                new Script("content filter, then an unknown finish reason", List.of(data(delta("\"a\"")),
                        data(chunk("[{\"index\":0,\"delta\":{},\"finish_reason\":\"content_filter\"}]", "")),
                        data(chunk("[{\"index\":0,\"delta\":{},\"finish_reason\":\"something_new\"}]", ""))), null),
                new Script("two choices: the first one counts", List.of(data(chunk("[{\"index\":0,\"delta\":{\"content\":\"one\"}},"
                        + "{\"index\":1,\"delta\":{\"content\":\"two\"}}]", "")), stop, done), null),
                new Script("fields in another order, nested unknown ones", List.of(data("{\"choices\":[{\"finish_reason\":null,"
                        + "\"delta\":{\"tool_calls\":null,\"extra\":{\"a\":[1,2,{\"b\":null}]},\"content\":\"x\"},\"index\":0}],"
                        + "\"model\":\"m-2\",\"id\":\"c-2\",\"usage\":null,\"service_tier\":\"default\"}"), done), null),
                new Script("nothing but DONE", List.of(done), null),
                new Script("an error event", List.of(data(delta("\"a\"")), new ServerSentEvent("error", "{\"error\":\"overloaded\"}")),
                        null),
                new Script("the stream breaks", List.of(data(delta("\"a\""))), new java.io.IOException("connection reset")),
                new Script("HTTP 429", List.of(), new HttpException(429, "{\"error\":{\"message\":\"slow down\"}}")),
                new Script("HTTP 500", List.of(), new HttpException(500, "boom")),
                new Script("HTTP 401", List.of(), new HttpException(401, "no key")),
                new Script("HTTP 404", List.of(), new HttpException(404, "no model")));
    }

    private static ChatRequest plainChat() {
        return ChatRequest.builder().messages(List.of(
                SystemMessage.from("You are Linh. Say \"xin chào\".\nNever invent prices."),
                UserMessage.from("giá bao nhiêu?"),
                AiMessage.from("390.000đ ạ."),
                UserMessage.from("còn size M không 😊"))).build();
    }

    private static List<String> run(StreamingChatModel model, ChatRequest request) {
        Log log = new Log();
        model.chat(request, log);
        return log.calls;
    }

    private static StreamingChatModel langChain4j(ScriptedHttp http, String modelName, Double temperature) {
        return OpenAiStreamingChatModel.builder().httpClientBuilder(http).baseUrl(BASE).apiKey("sk-test")
                .modelName(modelName).temperature(temperature).build();
    }

    private static OpenAiStreamingModel ours(ScriptedHttp http, String modelName, Double temperature) {
        return new OpenAiStreamingModel(http, BASE, "sk-test", modelName, temperature,
                langChain4j(new ScriptedHttp(new Script("unused", List.of(), null)), modelName, temperature));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void theHandlerHearsWhatLangChain4jsModelWouldSay(Script script) {
        ScriptedHttp theirs = new ScriptedHttp(script);
        ScriptedHttp mine = new ScriptedHttp(script);
        List<String> expected = endedOnce(run(langChain4j(theirs, "qwen", 0.7), plainChat()));
        List<String> actual = run(ours(mine, "qwen", 0.7), plainChat());
        assertThat(actual).isEqualTo(expected);
        assertThat(actual).isNotEmpty();
        assertThat(actual.stream().filter(c -> c.startsWith("complete") || c.startsWith("error"))).hasSize(1);
    }

    /**
     * The calls up to the first error: after an {@code event: error} LangChain4j's model also reports the completion
     * when the stream closes (the gateway ignores it: the attempt has failed); this model ends the handler once.
     */
    private static List<String> endedOnce(List<String> calls) {
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).startsWith("error")) {
                return calls.subList(0, i + 1);
            }
        }
        return calls;
    }

    @Test
    void theRequestIsLangChain4jsAsJsonWithTheSameHeadersOnlyCompact() throws Exception {
        for (Double temperature : new Double[] {0.7, null, 0.0, 1.25}) {
            for (String modelName : new String[] {"qwen2.5:7b", null}) {
                Script done = new Script("done", List.of(data("[DONE]")), null);
                ScriptedHttp theirs = new ScriptedHttp(done);
                ScriptedHttp mine = new ScriptedHttp(done);
                run(langChain4j(theirs, modelName, temperature), plainChat());
                run(ours(mine, modelName, temperature), plainChat());
                HttpRequest expected = theirs.requests.get(0);
                HttpRequest actual = mine.requests.get(0);
                assertThat(actual.url()).isEqualTo(expected.url()).isEqualTo(BASE + "/chat/completions");
                assertThat(actual.method()).isEqualTo(expected.method());
                assertThat(MAPPER.readTree(actual.body())).as("%s %s", modelName, temperature)
                        .isEqualTo(MAPPER.readTree(expected.body()));
                assertThat(new TreeMap<>(actual.headers())).isEqualTo(new TreeMap<>(expected.headers()));
                assertThat(actual.body()).doesNotContain("\n").hasSizeLessThan(expected.body().length());
            }
        }
    }

    @Test
    void aChunkThatIsNotJsonEndsTheReplyWithOneErrorAndCancelsTheStream() {
        Script broken = new Script("broken", List.of(data(delta("\"a\"")), data("{\"choices\":[{\"delta\":"),
                data(delta("\"b\"")), data("[DONE]")), null);
        ScriptedHttp http = new ScriptedHttp(broken);
        List<String> calls = run(ours(http, "qwen", null), plainChat());
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0)).isEqualTo("partial a");
        assertThat(calls.get(1)).startsWith("error ").contains("not an OpenAI stream chunk");
        assertThat(http.cancelled).isTrue();
    }

    @Test
    void requestsBeyondAPlainTextChatGoToLangChain4jsModel() {
        ChatRequest withParameters = ChatRequest.builder().messages(List.of(UserMessage.from("hi")))
                .maxOutputTokens(50).build();
        ChatRequest withImage = ChatRequest.builder().messages(List.of(UserMessage.from(TextContent.from("what is it?"),
                ImageContent.from("https://example.com/a.png")))).build();
        ChatRequest named = ChatRequest.builder().messages(List.of(UserMessage.from("lan", "hi"))).build();
        for (ChatRequest r : List.of(withParameters, withImage, named)) {
            assertThat(OpenAiStreamingModel.plain(r)).isFalse();
            Script done = new Script("done", List.of(data(delta("\"ok\"")), data("[DONE]")), null);
            ScriptedHttp general = new ScriptedHttp(done);
            ScriptedHttp mine = new ScriptedHttp(done);
            OpenAiStreamingModel model = new OpenAiStreamingModel(mine, BASE, "sk-test", "qwen", null,
                    langChain4j(general, "qwen", null));
            assertThat(run(model, r)).containsExactly("partial ok",
                    "complete text=ok usage=null finish=null id=chatcmpl-1 model=m-1");
            assertThat(mine.requests).isEmpty();
            assertThat(general.requests).hasSize(1);
        }
        assertThat(OpenAiStreamingModel.plain(plainChat())).isTrue();
        List<ChatMessage> onlySystem = List.of(SystemMessage.from("draft a post"));
        assertThat(OpenAiStreamingModel.plain(ChatRequest.builder().messages(onlySystem).build())).isTrue();
    }
}
