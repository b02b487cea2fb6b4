package com.personaruntime.web.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir
  Path dir;

  @Test
  void defaultsNeedNothingInstalled() throws Exception {
    AppConfig c = ConfigLoader.load(null, Map.of());
    assertThat(c.http().port()).isEqualTo(8080);
    assertThat(c.storage().url()).isEqualTo("jdbc:h2:file:./data/persona-runtime");
    assertThat(c.llm().provider()).isEqualTo("composer");
    assertThat(c.personasDir()).isEmpty();
  }

  @Test
  void fileValuesAreReadAndEnvironmentWins() throws Exception {
    Path personas = Files.createDirectory(dir.resolve("personas"));
    Path file = write("""
        http:
          port: 9090
          allowedOrigins: [https://a.example, https://b.example]
        storage.url: jdbc:postgresql://127.0.0.1:5432/app
        personas:
          dir: personas
        llm:
          provider: openai
          baseUrl: http://127.0.0.1:8000/v1
          model: qwen
        """);
    AppConfig c = ConfigLoader.load(file, Map.of("HTTP_PORT", "7070", "LLM_APIKEY", "secret-value"));
    assertThat(c.http().port()).isEqualTo(7070);
    assertThat(c.http().allowedOrigins()).containsExactly("https://a.example", "https://b.example");
    assertThat(c.storage().url()).startsWith("jdbc:postgresql:");
    assertThat(c.personasDir()).contains(personas);
    assertThat(c.llm().model()).isEqualTo("qwen");
    assertThat(c.llm().apiKey()).isEqualTo("secret-value");
    assertThat(c.toString()).doesNotContain("secret-value");
  }

  @Test
  void everyProblemIsReportedWithSourceKeyAndValue() throws Exception {
    Path file = write("""
        http:
          port: 70000
          prot: 1
        llm:
          provider: gpt
        storage:
          url: mysql://x
        """);
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of("HTTP_MAXBODYBYTES", "lots")))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactlyInAnyOrder(
            file + ": http.prot: unknown key, did you mean 'http.port'?",
            file + ": http.port: must be an integer between 0 and 65535, got 70000",
            "environment HTTP_MAXBODYBYTES: http.maxBodyBytes: must be an integer between 1024 and 67108864, got 'lots'",
            file + ": storage.url: must be a JDBC URL starting with jdbc:h2: or jdbc:postgresql:, got 'mysql://x'",
            file + ": llm.provider: must be one of composer, openai, ollama, anthropic, got 'gpt'"));
  }

  @Test
  void missingPersonasDirAndModelAreNamed() throws Exception {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PERSONAS_DIR", dir.resolve("nope").toString(),
        "LLM_PROVIDER", "ollama")))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactly(
            "environment PERSONAS_DIR: personas.dir: must be an existing folder, got '" + dir.resolve("nope") + "'",
            "default: llm.model: must be set when llm.provider is ollama"));
  }

  @Test
  void secretsAreNotEchoedInErrors() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("LLM_BASEURL", "not a url")))
        .hasMessageContaining("llm.baseUrl: must be an absolute http(s) URL, got 'not a url'");
  }

  @Test
  void missingOrBrokenFileIsNamed() throws Exception {
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("absent.yaml"), Map.of()))
        .hasMessage(dir.resolve("absent.yaml") + ": config file not found");
    Path broken = write("http: [port: 1\n");
    assertThatThrownBy(() -> ConfigLoader.load(broken, Map.of()))
        .hasMessageStartingWith(broken + ": not valid YAML");
  }

  @Test
  void namedModelEndpointsComeFromTheFileAndTheEnvironment() throws Exception {
    Path file = write("""
        llm:
          endpoints:
            main:
              provider: openai
              baseUrl: https://api.openai.com/v1
              model: gpt-4o-mini
              apiKeyEnv: OPENAI_API_KEY
          apiKeyEnvAllowed: [BRAND_A_KEY]
        """);
    AppConfig c = ConfigLoader.load(file, Map.of("LLM_ENDPOINTS_LOCAL_QWEN_PROVIDER", "ollama",
        "LLM_ENDPOINTS_LOCAL_QWEN_MODEL", "qwen2.5:7b-instruct", "LLM_ENDPOINTS_MAIN_MODEL", "gpt-4o"));
    assertThat(c.llm().endpoints()).containsOnlyKeys("main", "local-qwen");
    assertThat(c.llm().endpoints().get("main")).isEqualTo(new AppConfig.Endpoint("main", "openai",
        "https://api.openai.com/v1", "gpt-4o", "OPENAI_API_KEY"));
    assertThat(c.llm().endpoints().get("local-qwen").baseUrl()).isNull();
    assertThat(c.llm().apiKeyEnvAllowed()).containsExactly("BRAND_A_KEY");
    assertThat(c.llm().allowPrivateNetworks()).isFalse();
  }

  @Test
  void badEndpointsAreNamedWithTheirField() throws Exception {
    Path file = write("""
        llm:
          endpoints:
            main:
              provider: gpt
              baseUrl: ftp://x
              apiKey: sk-inline
        """);
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of("LLM_ENDPOINTS_X_APIKEYENV", "lower-case",
        "LLM_ENDPOINTS_X_PROVIDER", "openai", "LLM_ENDPOINTS_X_MODEL", "m", "LLM_APIKEYENVALLOWED", "OK_KEY,not ok")))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactlyInAnyOrder(
            file + ": llm.endpoints.main.apiKey: unknown key; an endpoint is llm.endpoints.NAME.{provider,baseUrl,"
                + "model,apiKeyEnv}, did you mean 'apiKeyEnv'?",
            file + ": llm.endpoints.main.provider: must be one of openai, ollama, anthropic, got 'gpt'",
            file + ": llm.endpoints.main.baseUrl: must be an absolute http(s) URL, got 'ftp://x'",
            file + ": llm.endpoints.main.model: must be set (the model name the endpoint serves)",
            "environment LLM_ENDPOINTS_X_APIKEYENV: llm.endpoints.x.apiKeyEnv: must be an environment variable "
                + "name (A-Z, 0-9, _), got 'lower-case'",
            "environment LLM_APIKEYENVALLOWED: llm.apiKeyEnvAllowed: must list environment variable names "
                + "(A-Z, 0-9, _), got 'not ok'"));
  }

  @Test
  void envNamesFollowTheRule() {
    assertThat(ConfigKey.ALL).extracting(ConfigKey::envName)
        .contains("HTTP_PORT", "STORAGE_URL", "PERSONAS_DIR", "LLM_PROVIDER", "LLM_BASEURL", "LLM_MODEL", "LLM_APIKEY");
  }

  private Path write(String yaml) throws Exception {
    Path f = dir.resolve("config.yaml");
    Files.writeString(f, yaml);
    return f;
  }
}
