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
      new ConfigKey("http.trustedProxies", Type.LIST, "", false,
          "Reverse proxies (IP addresses or CIDR ranges) whose Forwarded / X-Forwarded-For headers name the client "
              + "for per-address limits; empty: the headers are ignored."),
      new ConfigKey("http.allowedOrigins", Type.LIST, "", false,
          "Origins allowed to open live WebSockets; empty allows any."),
      new ConfigKey("http.instances", Type.INT, "0", false,
          "HTTP verticles (each with its own event loop) sharing the port; 0 means two per core."),
      new ConfigKey("storage.url", Type.STRING, "jdbc:h2:file:./data/persona-runtime", false,
          "JDBC URL: H2 (embedded, default) or PostgreSQL (jdbc:postgresql://host:5432/db)."),
      new ConfigKey("storage.user", Type.STRING, "", false, "Database user."),
      new ConfigKey("storage.password", Type.STRING, "", true, "Database password (prefer the STORAGE_PASSWORD variable)."),
      new ConfigKey("storage.maxPoolSize", Type.INT, "8", false, "Largest number of pooled database connections."),
      new ConfigKey("storage.groupCommitMillis", Type.INT, "100", false,
          "Milliseconds the first background write (transcript turn, turn signal, conversation) waits for others to "
              + "share its transaction (0-10000; 0 commits each at once when the store is idle)."),
      new ConfigKey("personas.dir", Type.STRING, "", false,
          "Folder of persona files imported at start; empty loads the two demo personas."),
      new ConfigKey("llm.provider", Type.STRING, "composer", false,
          "Default model provider: composer (offline), openai (any OpenAI-compatible URL), ollama, anthropic."),
      new ConfigKey("llm.baseUrl", Type.STRING, "", false, "Default model endpoint, e.g. http://localhost:11434/v1."),
      new ConfigKey("llm.model", Type.STRING, "", false, "Default model name, e.g. qwen2.5:7b-instruct."),
      new ConfigKey("llm.apiKey", Type.STRING, "", true, "Default API key (set it through LLM_APIKEY, never in a file)."),
      new ConfigKey("llm.apiKeyEnvAllowed", Type.LIST, "", false,
          "Environment variables a raw persona binding (admins, persona files) may name in model.apiKeyEnv; "
              + "named endpoints need no entry."),
      new ConfigKey("llm.allowPrivateNetworks", Type.BOOLEAN, "false", false,
          "Let model calls reach loopback, private and link-local addresses (development only); endpoints "
              + "in this configuration are always allowed, cloud metadata addresses never."),
      new ConfigKey("llm.connectTimeoutMs", Type.INT, "5000", false, "Model gateway: TCP connect timeout."),
      new ConfigKey("llm.firstTokenTimeoutMs", Type.INT, "10000", false,
          "Model gateway: longest wait for the first token of an attempt before retrying or falling back."),
      new ConfigKey("llm.interTokenTimeoutMs", Type.INT, "20000", false,
          "Model gateway: longest gap between two tokens once a reply has started."),
      new ConfigKey("llm.totalTimeoutMs", Type.INT, "120000", false, "Model gateway: longest duration of one reply."),
      new ConfigKey("llm.maxRetries", Type.INT, "2", false,
          "Model gateway: retries on the same model before anything was shown (then the next model in the chain)."),
      new ConfigKey("llm.firstTextDeadlineMs", Type.INT, "15000", false,
          "Model gateway: longest wait for the first text of a reply across all retries and models; then the "
              + "offline composer answers."),
      new ConfigKey("live.maxMessageChars", Type.INT, "2000", false, "Longest audience message on a live WebSocket."),
      new ConfigKey("live.burst", Type.INT, "5", false, "Live WebSocket rate limit: messages allowed at once."),
      new ConfigKey("live.messagesPerMinute", Type.INT, "30", false,
          "Live WebSocket rate limit: sustained messages per minute per connection."),
      new ConfigKey("live.connectionsPerAddress", Type.INT, "200", false,
          "Live WebSockets one client address may hold at once (room for many people behind one carrier NAT); "
              + "more are closed with code 1008 after an error frame too_many_connections."),
      new ConfigKey("live.maxConnections", Type.INT, "20000", false,
          "Live WebSockets on this node in all; more are closed with code 1013 after an error frame server_full."),
      new ConfigKey("live.messagesPerMinutePerAddress", Type.INT, "300", false,
          "Audience messages a minute across all WebSockets of one client address; more get error rate_limited."),
      new ConfigKey("live.moderationItemsPerHourPerAddress", Type.INT, "120", false,
          "Moderation items one client address's messages may file an hour; beyond it no item is filed (logged)."),
      new ConfigKey("live.idleTimeoutSeconds", Type.INT, "600", false,
          "A live WebSocket without audience messages for this long is closed."),
      new ConfigKey("live.redisclosureMinutes", Type.INT, "30", false,
          "After a gap this long in a one-to-one chat, the AI disclosure is said again."),
      new ConfigKey("live.roomDisclosureSeconds", Type.INT, "300", false,
          "In live rooms, the AI disclosure is repeated to every viewer this often."),
      new ConfigKey("live.roomQueueSize", Type.INT, "20", false,
          "In live rooms, questions that may wait while the persona answers one; more get error queue_full."),
      new ConfigKey("live.memoryTurns", Type.INT, "8", false, "Turns of a conversation the persona remembers."),
      new ConfigKey("live.resumeTtlMinutes", Type.INT, "1440", false,
          "How long a chat's resume token stays valid after its last use (reconnect with ?resume=TOKEN)."),
      new ConfigKey("moderation.claiming", Type.STRING, "optional", false,
          "Default claiming of brands without their own setting: off, optional or required."),
      new ConfigKey("moderation.slaSeconds", Type.INT, "600", false,
          "Default time a held reply waits for a moderator before the audience gets the closing line."),
      new ConfigKey("moderation.leaseSeconds", Type.INT, "300", false,
          "Default lifetime of a claim; after it another moderator may take the item over."),
      new ConfigKey("moderation.sweepSeconds", Type.INT, "5", false,
          "How often each node ends held replies whose SLA ran out."),
      new ConfigKey("auth.sessionTtlMinutes", Type.INT, "720", false,
          "Lifetime of a console session and of a login bearer token."),
      new ConfigKey("auth.loginFailuresPerAccount", Type.INT, "5", false,
          "Failed logins allowed per account per 15 minutes."),
      new ConfigKey("auth.loginAttemptsPerAddress", Type.INT, "20", false,
          "Login attempts allowed per client address per 15 minutes."),
      new ConfigKey("auth.invitationTtlHours", Type.INT, "168", false,
          "How long a brand invitation's accept link stays valid (hours; default 7 days)."),
      new ConfigKey("publish.allowPrivateNetworks", Type.BOOLEAN, "false", false,
          "Let publishing channel URLs point at loopback or private addresses (development and tests only)."),
      new ConfigKey("publish.publicBaseUrl", Type.STRING, "", false,
          "The server's public URL, used in provenanceUrl of delivered posts; empty: http://localhost:<port>."),
      new ConfigKey("publish.pollIntervalMs", Type.INT, "1000", false,
          "How often the publisher looks for due deliveries (the outbox relay)."),
      new ConfigKey("publish.deliveryTimeoutMs", Type.INT, "10000", false,
          "Longest wait for a channel's answer to one delivery."),
      new ConfigKey("publish.leaseSeconds", Type.INT, "60", false,
          "How long a claimed delivery is held before another node may retry it (longer than the timeout)."),
      new ConfigKey("provenance.keyFile", Type.STRING, "", false,
          "JWK set file of the provenance signing keys; empty: provenance-keys.json in the data folder (created at first start)."),
      new ConfigKey("provenance.privateJwk", Type.STRING, "", true,
          "A private EC P-256 JWK (JSON) that signs provenance records instead of the key file (set PROVENANCE_PRIVATEJWK)."),
      new ConfigKey("cluster.enabled", Type.BOOLEAN, "false", false,
          "Run as one node of a cluster (Vert.x clustered event bus on Hazelcast); needs PostgreSQL storage."),
      new ConfigKey("cluster.host", Type.STRING, "127.0.0.1", false,
          "Address this node binds and announces to the other nodes (Hazelcast and the event bus)."),
      new ConfigKey("cluster.port", Type.INT, "5701", false, "Hazelcast member port of this node on cluster.host."),
      new ConfigKey("cluster.members", Type.LIST, "", false,
          "Other nodes to join, host:port each (comma separated); TCP-IP only, no multicast."),
      new ConfigKey("cluster.failureTimeoutSeconds", Type.INT, "10", false,
          "A node silent this long is removed from the cluster and its live rooms are taken over."),
      new ConfigKey("cluster.takeoverCheckMillis", Type.INT, "1000", false,
          "How often a node with viewers of a live room hosted elsewhere checks whether it can take the room over."));
}
