package com.personaruntime.gateway;

import java.util.Locale;
import java.util.Objects;

/**
 * Which model to talk to and how: the persona's model binding with the API key already resolved.
 *
 * @param provider    {@code openai} (OpenAI or any OpenAI-compatible server: vLLM, llama.cpp, LM Studio,
 *                    Ollama's {@code /v1}), {@code ollama} (Ollama's native API) or {@code anthropic};
 *                    case-insensitive, stored in lower case
 * @param baseUrl     the API's base URL, or {@code null} for the provider's default
 * @param modelName   the provider's model name
 * @param apiKey      the API key, resolved from the environment by the caller; {@code null} for local
 *                    servers that need none. Never printed by {@link #toString()}.
 * @param temperature sampling temperature (0 to 2), or {@code null} for the provider's default
 */
public record ModelSpec(String provider, String baseUrl, String modelName, String apiKey, Double temperature) {

    /** Provider name for OpenAI and OpenAI-compatible servers. */
    public static final String OPENAI = "openai";
    /** Provider name for Ollama's native API. */
    public static final String OLLAMA = "ollama";
    /** Provider name for Anthropic's Messages API. */
    public static final String ANTHROPIC = "anthropic";

    static final String OPENAI_DEFAULT_URL = "https://api.openai.com/v1";
    static final String OLLAMA_DEFAULT_URL = "http://localhost:11434";
    static final String ANTHROPIC_DEFAULT_URL = "https://api.anthropic.com/v1";

    /** Validates and normalises; messages name the field and the value. */
    public ModelSpec {
        if (provider == null || provider.isBlank()) {
            throw new IllegalArgumentException("provider is required (openai, ollama or anthropic)");
        }
        provider = provider.trim().toLowerCase(Locale.ROOT);
        if (!provider.equals(OPENAI) && !provider.equals(OLLAMA) && !provider.equals(ANTHROPIC)) {
            throw new IllegalArgumentException(
                    "provider must be openai, ollama or anthropic, was: " + provider);
        }
        if (modelName == null || modelName.isBlank()) {
            throw new IllegalArgumentException("modelName is required for provider " + provider);
        }
        modelName = modelName.trim();
        if (baseUrl != null) {
            baseUrl = baseUrl.trim();
            if (baseUrl.isEmpty()) {
                baseUrl = null;
            } else if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
                throw new IllegalArgumentException("baseUrl must start with http:// or https://, was: " + baseUrl);
            }
        }
        if (apiKey != null && apiKey.isBlank()) {
            apiKey = null;
        }
        if (temperature != null && (temperature.isNaN() || temperature < 0 || temperature > 2)) {
            throw new IllegalArgumentException("temperature must be between 0 and 2, was: " + temperature);
        }
        if (apiKey == null && provider.equals(ANTHROPIC)) {
            throw new IllegalArgumentException("apiKey is required for provider anthropic");
        }
        if (apiKey == null && provider.equals(OPENAI) && baseUrl == null) {
            throw new IllegalArgumentException(
                    "apiKey is required for provider openai with the default baseUrl " + OPENAI_DEFAULT_URL);
        }
    }

    /** A spec for an OpenAI-compatible server that needs no key. */
    public static ModelSpec openAiCompatible(String baseUrl, String modelName) {
        return new ModelSpec(OPENAI, Objects.requireNonNull(baseUrl, "baseUrl"), modelName, null, null);
    }

    /** The base URL actually used: {@link #baseUrl()} or the provider's default, without a trailing slash. */
    public String effectiveBaseUrl() {
        String url = baseUrl != null ? baseUrl : switch (provider) {
            case OLLAMA -> OLLAMA_DEFAULT_URL;
            case ANTHROPIC -> ANTHROPIC_DEFAULT_URL;
            default -> OPENAI_DEFAULT_URL;
        };
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * Identifies the endpoint for circuit breaking: provider, effective base URL and model. Two personas
     * on the same endpoint share one breaker. Never contains the key.
     */
    public String endpointKey() {
        return provider + "|" + effectiveBaseUrl() + "|" + modelName;
    }

    /** A short name for logs and transcripts, e.g. {@code openai:gpt-4o-mini}. */
    public String displayName() {
        return provider + ":" + modelName;
    }

    @Override
    public String toString() {
        return "ModelSpec[provider=" + provider + ", baseUrl=" + effectiveBaseUrl() + ", modelName=" + modelName
                + ", apiKey=" + (apiKey == null ? "none" : "***") + ", temperature=" + temperature + "]";
    }
}
