package com.personaruntime.web.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The server's configuration, immutable once built by {@link ConfigLoader}. Secrets are kept
 * out of {@link #toString()}.
 */
public record AppConfig(Http http, Storage storage, Optional<Path> personasDir, Llm llm, Auth auth) {

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

  public record Llm(String provider, String baseUrl, String model, String apiKey) {
    @Override
    public String toString() {
      return "Llm[provider=" + provider + ", baseUrl=" + baseUrl + ", model=" + model + ", apiKey="
          + (apiKey.isEmpty() ? "" : "***") + "]";
    }
  }

  public record Auth(int sessionTtlMinutes, int loginFailuresPerAccount, int loginAttemptsPerAddress) {
  }
}
