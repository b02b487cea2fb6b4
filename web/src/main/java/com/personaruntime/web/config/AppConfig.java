package com.personaruntime.web.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The server's configuration, immutable once built by {@link ConfigLoader}. Secrets are kept
 * out of {@link #toString()}.
 */
public record AppConfig(Http http, Storage storage, Optional<Path> personasDir, Llm llm, Auth auth, Live live,
                        Publish publish, Cluster cluster, Moderation moderation) {

  /**
   * Cluster mode ({@code cluster.*}): see {@link com.personaruntime.runtime.cluster.ClusterSettings}.
   *
   * @param members other nodes as {@code host:port}
   * @param takeoverCheckMillis how often a node with viewers of a live room hosted elsewhere checks whether
   *                            it can take the room over (milliseconds)
   */
  public record Cluster(boolean enabled, String host, int port, List<String> members, int failureTimeoutSeconds,
                        int takeoverCheckMillis) {
    public Cluster {
      members = List.copyOf(members);
    }

    /** The runtime's settings. */
    public com.personaruntime.runtime.cluster.ClusterSettings settings() {
      return new com.personaruntime.runtime.cluster.ClusterSettings(enabled, host, port, members,
          failureTimeoutSeconds);
    }
  }

  /** The HTTP face; {@code instances} 0 means two HTTP verticles per core. */
  /**
   * The HTTP face ({@code http.*}); {@code trustedProxies} are the addresses or CIDR ranges whose
   * forwarding headers are believed (see {@code web.http.ClientAddress}).
   */
  public record Http(String host, int port, int maxBodyBytes, int shutdownGraceSeconds, boolean secureCookies,
                     List<String> allowedOrigins, int instances, List<String> trustedProxies) {
    public Http {
      allowedOrigins = List.copyOf(allowedOrigins);
      trustedProxies = List.copyOf(trustedProxies);
    }
  }

  public record Storage(String url, String user, String password, int maxPoolSize, int groupCommitMillis) {
    @Override
    public String toString() {
      return "Storage[url=" + url + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***")
          + ", maxPoolSize=" + maxPoolSize + ", groupCommitMillis=" + groupCommitMillis + "]";
    }
  }

  /**
   * The default model binding, the named model endpoints personas may refer to, which key variables raw
   * bindings may name, whether model calls may reach private networks, and the gateway's timeouts and retries.
   */
  public record Llm(String provider, String baseUrl, String model, String apiKey, int connectTimeoutMs,
                    int firstTokenTimeoutMs, int interTokenTimeoutMs, int totalTimeoutMs, int maxRetries,
                    java.util.Map<String, Endpoint> endpoints, List<String> apiKeyEnvAllowed,
                    boolean allowPrivateNetworks, int firstTextDeadlineMs) {
    public Llm {
      endpoints = java.util.Map.copyOf(endpoints);
      apiKeyEnvAllowed = List.copyOf(apiKeyEnvAllowed);
    }

    @Override
    public String toString() {
      return "Llm[provider=" + provider + ", baseUrl=" + baseUrl + ", model=" + model + ", apiKey="
          + (apiKey.isEmpty() ? "" : "***") + ", connectTimeoutMs=" + connectTimeoutMs + ", firstTokenTimeoutMs="
          + firstTokenTimeoutMs + ", interTokenTimeoutMs=" + interTokenTimeoutMs + ", totalTimeoutMs="
          + totalTimeoutMs + ", maxRetries=" + maxRetries + ", endpoints=" + endpoints.keySet()
          + ", apiKeyEnvAllowed=" + apiKeyEnvAllowed + ", allowPrivateNetworks=" + allowPrivateNetworks
          + ", firstTextDeadlineMs=" + firstTextDeadlineMs + "]";
    }
  }

  /**
   * A named model endpoint ({@code llm.endpoints.NAME.*}): what a persona's {@code model.endpoint: NAME}
   * binds to. The key is read from the environment variable {@code apiKeyEnv} names (operator-chosen).
   */
  public record Endpoint(String name, String provider, String baseUrl, String model, String apiKeyEnv) {
  }

  /**
   * Logins and invitations ({@code auth.*}).
   *
   * @param sessionTtlMinutes       lifetime of a console session and login token
   * @param loginFailuresPerAccount failed logins per account per 15 minutes
   * @param loginAttemptsPerAddress login attempts per client address per 15 minutes
   * @param invitationTtlHours      lifetime of a brand invitation's accept token
   */
  public record Auth(int sessionTtlMinutes, int loginFailuresPerAccount, int loginAttemptsPerAddress,
      int invitationTtlHours) {
  }

  /** Limits of live WebSockets and live rooms ({@code live.*}). */
  public record Live(int maxMessageChars, int burst, int messagesPerMinute, int idleTimeoutSeconds,
                     int redisclosureMinutes, int roomDisclosureSeconds, int roomQueueSize, int memoryTurns,
                     int connectionsPerAddress, int maxConnections, int messagesPerMinutePerAddress,
                     int moderationItemsPerHourPerAddress, int resumeTtlMinutes) {
  }

  /**
   * Moderation defaults ({@code moderation.*}) for brands without their own settings, and the SLA sweep.
   *
   * @param claiming     off, optional or required
   * @param slaSeconds   how long a held reply waits for a decision before it ends with the closing line
   * @param leaseSeconds how long a claim lasts
   * @param sweepSeconds how often each node looks for held replies past their SLA
   */
  public record Moderation(String claiming, int slaSeconds, int leaseSeconds, int sweepSeconds) {
  }

  /**
   * Posts publishing and provenance ({@code publish.*}, {@code provenance.*}).
   *
   * @param keyFile    the provenance key file, or empty for the default in the data folder
   * @param privateJwk a configured signing key (JSON), or "" — never shown by {@link #toString()}
   */
  public record Publish(boolean allowPrivateNetworks, String publicBaseUrl, int pollIntervalMs, int deliveryTimeoutMs,
                        int leaseSeconds, Optional<Path> keyFile, String privateJwk) {
    @Override
    public String toString() {
      return "Publish[allowPrivateNetworks=" + allowPrivateNetworks + ", publicBaseUrl=" + publicBaseUrl
          + ", pollIntervalMs=" + pollIntervalMs + ", deliveryTimeoutMs=" + deliveryTimeoutMs + ", leaseSeconds="
          + leaseSeconds + ", keyFile=" + keyFile + ", privateJwk=" + (privateJwk.isEmpty() ? "" : "***") + "]";
    }
  }
}
