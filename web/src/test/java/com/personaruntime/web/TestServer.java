package com.personaruntime.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.web.config.AppConfig;
import com.personaruntime.web.config.ConfigLoader;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real {@link PersonaServer} on 127.0.0.1 with a free port and its own in-memory H2
 * database, plus a small {@link HttpClient} front for the integration tests. One per test
 * class: starting costs about a second.
 */
final class TestServer implements AutoCloseable {
  static final String ADMIN_EMAIL = "admin@example.test";
  static final String ADMIN_PASSWORD = "admin-password-for-tests";
  static final String PASSWORD = "member-password-123";

  private final PersonaServer server;
  private final String dbUrl;
  private final URI base;
  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();
  private final ByteArrayOutputStream console;

  private String dbUser;
  private String dbPassword;
  private String pgSchema;

  private TestServer(PersonaServer server, String dbUrl, ByteArrayOutputStream console) {
    this.server = server;
    this.dbUrl = dbUrl;
    this.console = console;
    this.base = URI.create("http://127.0.0.1:" + server.port());
  }

  /** Starts a server; {@code env} entries override the test defaults (config keys by env name). */
  static TestServer start(String name, Map<String, String> env) throws Exception {
    return start(name, env, java.time.Clock.systemUTC());
  }

  /** As {@link #start(String, Map)} with the server's clock (tests move a {@link TestClock} by hand). */
  static TestServer start(String name, Map<String, String> env, java.time.Clock clock) throws Exception {
    // a STORAGE_URL in env wins (a restart on the same in-memory database, or PostgreSQL)
    String dbUrl = env.getOrDefault("STORAGE_URL", "jdbc:h2:mem:" + name + "-" + UUID.randomUUID()
        + ";DB_CLOSE_DELAY=-1");
    Map<String, String> all = new HashMap<>();
    all.put("HTTP_HOST", "127.0.0.1");
    all.put("HTTP_PORT", "0");
    all.put("STORAGE_URL", dbUrl);
    all.put("ADMIN_EMAIL", ADMIN_EMAIL);
    all.put("ADMIN_PASSWORD", ADMIN_PASSWORD);
    // every request comes from 127.0.0.1: keep the per-address login limit out of the way
    all.put("AUTH_LOGINATTEMPTSPERADDRESS", "10000");
    all.put("HTTP_SHUTDOWNGRACESECONDS", "5");
    all.putAll(env);
    all.put("STORAGE_URL", dbUrl);
    AppConfig config = ConfigLoader.load(null, all);
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PersonaServer server = PersonaServer.start(config, all,
        new PrintStream(console, true, StandardCharsets.UTF_8), clock).get(60, TimeUnit.SECONDS);
    return new TestServer(server, dbUrl, console);
  }

  static TestServer start(String name) throws Exception {
    return start(name, Map.of());
  }

  /** Whether PostgreSQL tests run: PERSONA_TEST_PG_URL set (failing when PERSONA_TEST_PG_REQUIRED=true without it). */
  static boolean postgresAvailable() {
    String pg = System.getenv("PERSONA_TEST_PG_URL");
    if (pg == null || pg.isBlank()) {
      if ("true".equalsIgnoreCase(System.getenv("PERSONA_TEST_PG_REQUIRED"))) {
        throw new IllegalStateException("PERSONA_TEST_PG_REQUIRED=true but PERSONA_TEST_PG_URL is not set");
      }
      return false;
    }
    return true;
  }

  /**
   * Starts a server on PostgreSQL (PERSONA_TEST_PG_URL / _USER / _PASSWORD) in a fresh schema, dropped on
   * {@link #close()}. Check {@link #postgresAvailable()} first.
   */
  static TestServer startPostgres(String name, Map<String, String> env) throws Exception {
    String pg = System.getenv("PERSONA_TEST_PG_URL");
    String user = System.getenv("PERSONA_TEST_PG_USER");
    String password = System.getenv("PERSONA_TEST_PG_PASSWORD");
    String schema = name.replaceAll("[^a-z0-9]", "") + "_" + UUID.randomUUID().toString().replace("-", "")
        .substring(0, 12);
    try (Connection c = DriverManager.getConnection(pg, user, password); Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA " + schema);
    }
    Map<String, String> all = new HashMap<>(env);
    all.put("STORAGE_URL", pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    all.put("STORAGE_USER", user);
    all.put("STORAGE_PASSWORD", password);
    TestServer server;
    try {
      server = start(name, all);
    } catch (Exception e) {
      dropSchema(schema);
      throw e;
    }
    server.dbUser = user;
    server.dbPassword = password;
    server.pgSchema = schema;
    return server;
  }

  private static void dropSchema(String schema) throws Exception {
    try (Connection c = DriverManager.getConnection(System.getenv("PERSONA_TEST_PG_URL"),
        System.getenv("PERSONA_TEST_PG_USER"), System.getenv("PERSONA_TEST_PG_PASSWORD"));
         Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA " + schema + " CASCADE");
    }
  }

  private Connection connect() throws java.sql.SQLException {
    return dbUser == null ? DriverManager.getConnection(dbUrl) : DriverManager.getConnection(dbUrl, dbUser, dbPassword);
  }

  PersonaServer server() {
    return server;
  }

  /** The JDBC URL of the server's in-memory database (for commands that open it directly). */
  String dbUrl() {
    return dbUrl;
  }

  int port() {
    return server.port();
  }

  URI uri(String path) {
    return base.resolve(path);
  }

  String console() {
    return console.toString(StandardCharsets.UTF_8);
  }

  HttpClient client() {
    return client;
  }

  @Override
  public void close() throws Exception {
    try {
      server.stop().get(30, TimeUnit.SECONDS);
    } finally {
      if (pgSchema != null) {
        dropSchema(pgSchema);
      }
    }
  }

  /** Stops the server but keeps its database (a restart with {@code STORAGE_URL} = {@link #dbUrl()} follows). */
  void stopKeepingDatabase() throws Exception {
    server.stop().get(30, TimeUnit.SECONDS);
  }

  // ---------------------------------------------------------------- the router

  /** The server's router (the first HTTP verticle's; every verticle has the same routes). */
  Router router() throws ReflectiveOperationException {
    return server.router();
  }

  // ---------------------------------------------------------------- requests

  /** A request under construction. */
  final class Call {
    private final String method;
    private final String path;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String body;

    Call(String method, String path) {
      this.method = method;
      this.path = path;
    }

    Call bearer(String token) {
      if (token != null) {
        headers.put("Authorization", "Bearer " + token);
      }
      return this;
    }

    Call header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    Call json(Object value) {
      headers.putIfAbsent("Content-Type", "application/json");
      body = value instanceof String s ? s : value instanceof JsonObject o ? o.encode()
          : io.vertx.core.json.Json.encode(value);
      return this;
    }

    Call body(String contentType, String raw) {
      headers.put("Content-Type", contentType);
      body = raw;
      return this;
    }

    Res send() {
      HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
      headers.forEach(b::header);
      b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
      try {
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Res(method + " " + path, r.statusCode(), r.headers(), r.body());
      } catch (Exception e) {
        throw new AssertionError(method + " " + path + " failed: " + e, e);
      }
    }
  }

  Call call(String method, String path) {
    return new Call(method, path);
  }

  Res get(String path, String token) {
    return call("GET", path).bearer(token).send();
  }

  Res post(String path, String token, Object json) {
    return call("POST", path).bearer(token).json(json).send();
  }

  Res put(String path, String token, Object json) {
    return call("PUT", path).bearer(token).json(json).send();
  }

  Res delete(String path, String token) {
    return call("DELETE", path).bearer(token).send();
  }

  /** A response. */
  record Res(String request, int status, HttpHeaders headers, String body) {
    JsonObject json() {
      assertThat(headers.firstValue("content-type")).as("content type of %s", request)
          .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
      return new JsonObject(body);
    }

    JsonArray items() {
      return json().getJsonArray("items");
    }

    /** The error code of a JSON error body. */
    String code() {
      return json().getJsonObject("error").getString("code");
    }

    String message() {
      return json().getJsonObject("error").getString("message");
    }

    /** Asserts the status, showing the body when it differs; returns this. */
    Res expect(int expected) {
      assertThat(status).as("%s answered %s", request, body).isEqualTo(expected);
      return this;
    }

    /** Asserts a JSON error with this status and code; returns this. */
    Res expectError(int expected, String code) {
      expect(expected);
      JsonObject error = json().getJsonObject("error");
      assertThat(error).as("error object of %s: %s", request, body).isNotNull();
      assertThat(error.getString("code")).as("error code of %s", request).isEqualTo(code);
      assertThat(error.getString("message")).as("error message of %s", request).isNotBlank();
      assertThat(body).as("no internals leak from %s", request)
          .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("com.personaruntime");
      return this;
    }
  }

  // ---------------------------------------------------------------- users

  /** Logs in; returns the bearer token. */
  String login(String email, String password) {
    return post("/api/v1/auth/login", null, new JsonObject().put("email", email).put("password", password))
        .expect(200).json().getString("token");
  }

  String loginAdmin() {
    return login(ADMIN_EMAIL, ADMIN_PASSWORD);
  }

  /**
   * Adds a member to a brand the way users do: the owner (or admin) invites, the invitee accepts with
   * {@link #PASSWORD} (creating the account when the e-mail is new); returns the user id.
   */
  String addMember(String ownerToken, String brand, String email, String role) {
    String token = invite(ownerToken, brand, email, role).getString("token");
    return post("/api/v1/invitations/" + token + "/accept", null, new JsonObject().put("password", PASSWORD)
        .put("name", email)).expect(200).json().getString("userId");
  }

  /** Invites an e-mail to a brand: the 202 answer (invitation, {@code token}, {@code acceptUrl}). */
  JsonObject invite(String ownerToken, String brand, String email, String role) {
    return post("/api/v1/brands/" + brand + "/invitations", ownerToken, new JsonObject()
        .put("email", email).put("role", role)).expect(202).json();
  }

  // ---------------------------------------------------------------- the database

  /** Runs a statement against the server's database; returns the update count. */
  int update(String sql) throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      return s.executeUpdate(sql);
    }
  }

  /**
   * Waits (at most 10 s) until the background writes queued so far — transcript turns, turn signals,
   * conversations, which the group commit holds for up to {@code storage.groupCommitMillis} — are committed.
   */
  void awaitBackgroundWrites() throws Exception {
    server().database().groupCommit().drain().toCompletionStage().toCompletableFuture()
        .get(10, java.util.concurrent.TimeUnit.SECONDS);
  }

  /** Rows of a query against the server's database (the same in-memory H2), as maps of upper-case columns. */
  List<Map<String, Object>> query(String sql) throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      List<Map<String, Object>> rows = new ArrayList<>();
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= n; i++) {
          row.put(rs.getMetaData().getColumnLabel(i).toUpperCase(), rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  /**
   * An audience sends a text over the live socket that the input guard refuses (e.g. a prompt
   * injection): asserts the reply ends {@code done} with {@code block} and waits until the
   * moderation item is stored. Returns the item's id.
   */
  public String flagAudienceMessage(String persona, String text) throws Exception {
    java.util.concurrent.LinkedBlockingQueue<JsonObject> frames = new java.util.concurrent.LinkedBlockingQueue<>();
    java.net.http.WebSocket ws = client().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(60))
        .buildAsync(URI.create("ws://127.0.0.1:" + port() + "/api/v1/live/" + persona),
            new java.net.http.WebSocket.Listener() {
              private final StringBuilder partial = new StringBuilder();

              @Override
              public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket webSocket,
                  CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                  frames.add(new JsonObject(partial.toString()));
                  partial.setLength(0);
                }
                webSocket.request(1);
                return java.util.concurrent.CompletableFuture.completedFuture(null);
              }
            }).get(70, TimeUnit.SECONDS);
    try {
      JsonObject hello = frames.poll(10, TimeUnit.SECONDS);
      assertThat(hello).isNotNull();
      assertThat(hello.getString("type")).isEqualTo("hello");
      ws.sendText(new JsonObject().put("type", "message").put("id", "m1").put("text", text).encode(), true)
          .get(5, TimeUnit.SECONDS);
      JsonObject done = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (done == null && System.nanoTime() < deadline) {
        JsonObject f = frames.poll(1, TimeUnit.SECONDS);
        if (f != null && "done".equals(f.getString("type"))) {
          done = f;
        }
      }
      assertThat(done).as("done frame for the refused message to %s", persona).isNotNull();
      assertThat(done.getString("decision")).isEqualTo("block");
    } finally {
      ws.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "bye").exceptionally(x -> null);
    }
    // the item is stored asynchronously after the done frame
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      List<Map<String, Object>> rows = query("SELECT m.id FROM moderation_items m JOIN personas p ON p.id = m.persona_id"
          + " WHERE p.slug = '" + persona.replace("'", "''") + "' AND CAST(m.content AS VARCHAR(10000)) = '"
          + text.replace("'", "''") + "'");
      if (!rows.isEmpty()) {
        return (String) rows.get(0).get("ID");
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no moderation item stored for " + persona);
  }
}
