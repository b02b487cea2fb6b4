package com.personaruntime.web.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The server's configuration, immutable once built by {@link ConfigLoader}. Secrets are kept
 * out of {@link #toString()}.
 */
public record AppConfig(Http http, Storage storage, Optional<Path> personasDir, Llm llm, Auth auth, Live live) {

  public record Http(String host, int port, int maxBodyBytes, int shutdownGraceSeconds, boolean secureCookies,
                     List<String> allowedOrigins) {
    public Http {
      allowedOrigins = List.copyOf(allowedOrigins);
    }
  }

  public record Storage(String url, String user, String password, int maxPoolSize) {
    @Override
    public String toString() {
      return "Storage[url=" + url + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***")
          + ", maxPoolSize=" + maxPoolSize + "]";
    }
  }

  /** The default model binding and the model gateway's timeouts and retries. */
  public record Llm(String provider, String baseUrl, String model, String apiKey, int connectTimeoutMs,
                    int firstTokenTimeoutMs, int interTokenTimeoutMs, int totalTimeoutMs, int maxRetries) {
    @Override
    public String toString() {
      return "Llm[provider=" + provider + ", baseUrl=" + baseUrl + ", model=" + model + ", apiKey="
          + (apiKey.isEmpty() ? "" : "***") + ", connectTimeoutMs=" + connectTimeoutMs + ", firstTokenTimeoutMs="
          + firstTokenTimeoutMs + ", interTokenTimeoutMs=" + interTokenTimeoutMs + ", totalTimeoutMs="
          + totalTimeoutMs + ", maxRetries=" + maxRetries + "]";
    }
  }

  public record Auth(int sessionTtlMinutes, int loginFailuresPerAccount, int loginAttemptsPerAddress) {
  }

  /** Limits of live WebSockets and live rooms ({@code live.*}). */
  public record Live(int maxMessageChars, int burst, int messagesPerMinute, int idleTimeoutSeconds,
                     int redisclosureMinutes, int roomDisclosureSeconds, int roomQueueSize, int memoryTurns) {
  }
}
