package com.personaruntime.gateway;

import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ModelFactoryTest {

    private final ModelFactory factory = new ModelFactory(GatewayOptions.defaults());

    @Test
    void buildsTheProvidersModelAndCachesItPerSpec() {
        ModelSpec openai = ModelSpec.openAiCompatible("http://127.0.0.1:9/v1", "qwen");
        ModelSpec ollama = new ModelSpec("ollama", "http://127.0.0.1:9", "qwen", null, 0.3);
        ModelSpec anthropic = new ModelSpec("anthropic", null, "claude-3-5-haiku-latest", "key", null);

        assertThat(factory.get(openai)).isInstanceOf(OpenAiStreamingChatModel.class);
        assertThat(factory.get(ollama)).isInstanceOf(OllamaStreamingChatModel.class);
        assertThat(factory.get(anthropic)).isInstanceOf(AnthropicStreamingChatModel.class);
        assertThat(factory.get(ModelSpec.openAiCompatible("http://127.0.0.1:9/v1", "qwen")))
                .isSameAs(factory.get(openai));
        assertThat(factory.size()).isEqualTo(3);

        factory.evict(openai);
        assertThat(factory.size()).isEqualTo(2);
    }
}
