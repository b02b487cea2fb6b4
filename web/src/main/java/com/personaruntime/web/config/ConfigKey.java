package com.personaruntime.web.config;

import java.util.List;
import java.util.Locale;

/**
 * One configuration key: its dotted name, type, default and the text the README shows.
 * The environment variable overriding it is the name in upper case with dots replaced by
 * underscores ({@code llm.baseUrl} -> {@code LLM_BASEURL}).
 */
public record ConfigKey(String name, Type type, String defaultValue, boolean secret, String description) {

  /** Value types with their own parsing and expected-value wording. */
  public enum Type {
    STRING("a string"),
    INT("an integer"),
    BOOLEAN("true or false"),
    LIST("a list of strings (comma separated in the environment)");

    final String expected;

    Type(String expected) {
      this.expected = expected;
    }
  }

  /** The environment variable that overrides this key. */
  public String envName() {
    return name.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  /** Every key the server understands, in README order. */
  public static final List<ConfigKey> ALL = List.of(
      new ConfigKey("http.host", Type.STRING, "0.0.0.0", false, "Address the HTTP server binds to."),
      new ConfigKey("http.port", Type.INT, "8080", false, "HTTP port (0 picks a free port)."),
      new ConfigKey("http.maxBodyBytes", Type.INT, "1048576", false, "Largest request body accepted; larger bodies get 413."),
      new ConfigKey("http.shutdownGraceSeconds", Type.INT, "10", false,
          "On SIGTERM: how long in-flight requests may take to finish."),
      new ConfigKey("http.secureCookies", Type.BOOLEAN, "false", false,
          "Mark the console session cookie Secure (set true behind HTTPS)."),
      new ConfigKey("http.allowedOrigins", Type.LIST, "", false,
          "Origins allowed to open live WebSockets; empty allows any."),
      new ConfigKey("storage.url", Type.STRING, "jdbc:h2:file:./data/persona-runtime", false,
          "JDBC URL: H2 (embedded, default) or PostgreSQL (jdbc:postgresql://host:5432/db)."),
      new ConfigKey("storage.user", Type.STRING, "", false, "Database user."),
      new ConfigKey("storage.password", Type.STRING, "", true, "Database password (prefer the STORAGE_PASSWORD variable)."),
      new ConfigKey("storage.maxPoolSize", Type.INT, "8", false, "Largest number of pooled database connections."),
      new ConfigKey("personas.dir", Type.STRING, "", false,
          "Folder of persona files imported at start; empty loads the two demo personas."),
      new ConfigKey("llm.provider", Type.STRING, "composer", false,
          "Default model provider: composer (offline), openai (any OpenAI-compatible URL), ollama, anthropic."),
      new ConfigKey("llm.baseUrl", Type.STRING, "", false, "Default model endpoint, e.g. http://localhost:11434/v1."),
      new ConfigKey("llm.model", Type.STRING, "", false, "Default model name, e.g. qwen2.5:7b-instruct."),
      new ConfigKey("llm.apiKey", Type.STRING, "", true, "Default API key (set it through LLM_APIKEY, never in a file)."),
      new ConfigKey("auth.sessionTtlMinutes", Type.INT, "720", false,
          "Lifetime of a console session and of a login bearer token."),
      new ConfigKey("auth.loginFailuresPerAccount", Type.INT, "5", false,
          "Failed logins allowed per account per 15 minutes."),
      new ConfigKey("auth.loginAttemptsPerAddress", Type.INT, "20", false,
          "Login attempts allowed per client address per 15 minutes."));
}
