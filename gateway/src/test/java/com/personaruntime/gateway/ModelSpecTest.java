package com.personaruntime.gateway;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelSpecTest {

    private static final String KEY = "sk-secret-1234567890";

    @Test
    void toStringNeverPrintsTheKey() {
        ModelSpec spec = new ModelSpec("openai", null, "gpt-4o-mini", KEY, 0.7);

        assertThat(spec.toString()).doesNotContain(KEY).doesNotContain("sk-").contains("apiKey=***")
                .contains("gpt-4o-mini").contains("https://api.openai.com/v1");
        assertThat(new ModelSpec("ollama", null, "qwen2.5", null, null).toString()).contains("apiKey=none");
    }

    @Test
    void endpointKeyIsProviderUrlAndModelWithoutTheKey() {
        ModelSpec a = new ModelSpec("OpenAI", "http://localhost:8000/v1/", "qwen", KEY, null);
        ModelSpec b = new ModelSpec("openai", "http://localhost:8000/v1", "qwen", "other-key", 0.2);

        assertThat(a.endpointKey()).isEqualTo("openai|http://localhost:8000/v1|qwen").doesNotContain(KEY);
        assertThat(a.endpointKey()).isEqualTo(b.endpointKey());
        assertThat(new ModelSpec("ollama", null, "qwen", null, null).endpointKey())
                .isEqualTo("ollama|http://localhost:11434|qwen");
        assertThat(new ModelSpec("anthropic", null, "claude", KEY, null).effectiveBaseUrl())
                .isEqualTo("https://api.anthropic.com/v1");
    }

    @Test
    void validationMessagesNameTheField() {
        assertThatThrownBy(() -> new ModelSpec(null, null, "m", null, null))
                .hasMessageContaining("provider is required");
        assertThatThrownBy(() -> new ModelSpec("azure", null, "m", KEY, null))
                .hasMessage("provider must be openai, ollama or anthropic, was: azure");
        assertThatThrownBy(() -> new ModelSpec("openai", "http://x/v1", " ", null, null))
                .hasMessage("modelName is required for provider openai");
        assertThatThrownBy(() -> new ModelSpec("openai", "localhost:8000", "m", null, null))
                .hasMessage("baseUrl must start with http:// or https://, was: localhost:8000");
        assertThatThrownBy(() -> new ModelSpec("openai", "http://x/v1", "m", null, 2.5))
                .hasMessage("temperature must be between 0 and 2, was: 2.5");
        assertThatThrownBy(() -> new ModelSpec("anthropic", null, "claude", null, null))
                .hasMessage("apiKey is required for provider anthropic");
        assertThatThrownBy(() -> new ModelSpec("openai", null, "gpt-4o", " ", null))
                .hasMessageContaining("apiKey is required for provider openai");
    }

    @Test
    void localOpenAiCompatibleServersNeedNoKey() {
        ModelSpec spec = ModelSpec.openAiCompatible("http://localhost:11434/v1", "qwen2.5:7b-instruct");

        assertThat(spec.apiKey()).isNull();
        assertThat(spec.displayName()).isEqualTo("openai:qwen2.5:7b-instruct");
    }
}
