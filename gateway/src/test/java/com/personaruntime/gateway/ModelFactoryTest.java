package com.personaruntime.gateway;

import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ModelFactoryTest {

    private final ModelFactory factory = new ModelFactory(GatewayOptions.defaults());

    @Test
    void buildsTheProvidersModelAndCachesItPerSpec() {
        ModelSpec openai = ModelSpec.openAiCompatible("http://127.0.0.1:9/v1", "qwen");
        ModelSpec ollama = new ModelSpec("ollama", "http://127.0.0.1:9", "qwen", null, 0.3);
        ModelSpec anthropic = new ModelSpec("anthropic", null, "claude-3-5-haiku-latest", "key", null);

        assertThat(factory.get(openai)).isInstanceOf(OpenAiStreamingModel.class);
        assertThat(factory.get(ollama)).isInstanceOf(OllamaStreamingChatModel.class);
        assertThat(factory.get(anthropic)).isInstanceOf(AnthropicStreamingChatModel.class);
        assertThat(factory.get(ModelSpec.openAiCompatible("http://127.0.0.1:9/v1", "qwen")))
                .isSameAs(factory.get(openai));
        assertThat(factory.size()).isEqualTo(3);

        factory.evict(openai);
        assertThat(factory.size()).isEqualTo(2);
    }

    @Test
    void withoutExecutorThreadsOnlyPlainHttpIsDecodedOnTheSelectorAndHttpsGetsAClientWithThreads() {
        ModelFactory direct = new ModelFactory(GatewayOptions.builder().httpThreads(0).build());
        java.net.http.HttpClient plain = direct.clientFor("http://127.0.0.1:11434/v1");
        assertThat(plain.executor()).isPresent();
        Thread caller = Thread.currentThread();
        Thread[] on = new Thread[1];
        plain.executor().orElseThrow().execute(() -> on[0] = Thread.currentThread());
        assertThat(on[0]).as("a same-thread executor").isSameAs(caller);

        java.net.http.HttpClient tls = direct.clientFor("https://api.openai.com/v1");
        assertThat(tls).isNotSameAs(plain).isSameAs(direct.clientFor("HTTPS://api.anthropic.com"));
        java.util.concurrent.CompletableFuture<Thread> worker = new java.util.concurrent.CompletableFuture<>();
        tls.executor().orElseThrow().execute(() -> worker.complete(Thread.currentThread()));
        assertThat(worker.join()).isNotSameAs(caller);

        ModelFactory pooled = new ModelFactory(GatewayOptions.builder().httpThreads(2).build());
        assertThat(pooled.clientFor("https://api.openai.com/v1")).isSameAs(pooled.clientFor("http://127.0.0.1:9"));
    }
}
