package com.personaruntime.web.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.personaruntime.gateway.testing.OpenAiStubServer;
import com.personaruntime.gateway.testing.OpenAiStubServer.Reply;
import com.personaruntime.web.PersonaServer;
import com.personaruntime.web.config.AppConfig;
import com.personaruntime.web.config.ConfigLoader;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three real clustered nodes (Vert.x clustered event bus on Hazelcast, TCP-IP on loopback) sharing one
 * PostgreSQL schema: a live room with viewers on every node sees each reply exactly once; when the node
 * hosting the room dies (its Hazelcast member terminated without leaving, then its Vert.x closed, like a
 * kill -9), another node takes the room over and it answers again; persona changes and the login throttle
 * reach every node. Needs PERSONA_TEST_PG_URL (skipped without it unless PERSONA_TEST_PG_REQUIRED=true).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String ADMIN_EMAIL = "admin@cluster-it.test";
  private static final String ADMIN_PASSWORD = "admin-password-123";

  private OpenAiStubServer stub;
  private final List<PersonaServer> nodes = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private String schema;
  private Path personas;

  /**
   * A fresh schema {@code PREFIX_<12 hex>} on the test PostgreSQL ({@code PERSONA_TEST_PG_URL}); without one
   * the test is skipped, or fails when {@code PERSONA_TEST_PG_REQUIRED=true}.
   */
  static String createSchema(String prefix, String test) throws Exception {
    String pg = System.getenv("PERSONA_TEST_PG_URL");
    if (pg == null || pg.isBlank()) {
      if ("true".equalsIgnoreCase(System.getenv("PERSONA_TEST_PG_REQUIRED"))) {
        fail("PERSONA_TEST_PG_REQUIRED=true but PERSONA_TEST_PG_URL is not set");
      }
      Assumptions.assumeTrue(false, test + " skipped: set PERSONA_TEST_PG_URL (a cluster needs PostgreSQL)");
    }
    String schema = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(pg, System.getenv("PERSONA_TEST_PG_USER"),
        System.getenv("PERSONA_TEST_PG_PASSWORD")); Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA " + schema);
    }
    return schema;
  }

  @BeforeAll
  void startThreeNodes() throws Exception {
    String pg = System.getenv("PERSONA_TEST_PG_URL");
    schema = createSchema("cluster", "cluster test");
    stub = OpenAiStubServer.start();
    personas = Files.createDirectories(Files.createTempDirectory("cluster-it").resolve("personas"));
    Files.writeString(personas.resolve("nova.yaml"), persona("Nova"), StandardCharsets.UTF_8);
    int[] ports = {freePort(), freePort(), freePort()};
    String members = "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1] + ",127.0.0.1:" + ports[2];
    // One after the other: the first node migrates the schema, creates the admin and imports the persona.
    for (int port : ports) {
      Map<String, String> env = new HashMap<>();
      env.put("HTTP_HOST", "127.0.0.1");
      env.put("HTTP_PORT", "0");
      // each node's connections carry its name, so a simulated kill can cut them as the OS would
      env.put("STORAGE_URL", pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + schema
          + "&ApplicationName=" + schema + "-node" + nodes.size());
      env.put("STORAGE_USER", System.getenv("PERSONA_TEST_PG_USER"));
      env.put("STORAGE_PASSWORD", System.getenv("PERSONA_TEST_PG_PASSWORD"));
      env.put("PERSONAS_DIR", personas.toString());
      env.put("ADMIN_EMAIL", ADMIN_EMAIL);
      env.put("ADMIN_PASSWORD", ADMIN_PASSWORD);
      env.put("LLM_ENDPOINTS_STUB_PROVIDER", "openai");
      env.put("LLM_ENDPOINTS_STUB_BASEURL", stub.baseUrl());
      env.put("LLM_ENDPOINTS_STUB_MODEL", "stub-model");
      env.put("LLM_FIRSTTOKENTIMEOUTMS", "5000");
      env.put("LLM_MAXRETRIES", "0");
      env.put("CLUSTER_ENABLED", "true");
      env.put("CLUSTER_HOST", "127.0.0.1");
      env.put("CLUSTER_PORT", String.valueOf(port));
      env.put("CLUSTER_MEMBERS", members);
      env.put("CLUSTER_FAILURETIMEOUTSECONDS", "3");
      env.put("LIVE_CONNECTIONSPERADDRESS", "4"); // all viewers come from 127.0.0.1 (see the audience test)
      AppConfig config = ConfigLoader.load(null, env);
      nodes.add(PersonaServer.start(config, env, System.out).get(120, TimeUnit.SECONDS));
    }
  }

  @AfterAll
  void stopNodes() throws Exception {
    for (PersonaServer n : nodes) {
      try {
        n.vertx().close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // already gone (the killed node)
      }
    }
    if (stub != null) {
      stub.close();
    }
    if (schema != null) {
      try (Connection c = DriverManager.getConnection(System.getenv("PERSONA_TEST_PG_URL"),
          System.getenv("PERSONA_TEST_PG_USER"), System.getenv("PERSONA_TEST_PG_PASSWORD"));
           Statement st = c.createStatement()) {
        cutConnections(st, schema + "-node%");
        st.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  /** The test persona "nova" of brand acme, with the given display name, answering from the stub endpoint. */
  static String persona(String name) {
    return """
        id: nova
        brand: acme
        name: %s
        languages: [vi, en]
        bio: "Trợ lý AI thử nghiệm của Acme."
        voice:
          personality: [warm]
          greeting: "Chào bạn! Mình là Nova, trợ lý AI của Acme."
        knowledge:
          - id: serum
            title: "Serum Acme"
            text: "Serum Acme lọ 30 ml, giá 250.000đ, dùng buổi tối sau khi rửa mặt."
            tags: [product]
        disclosure:
          jurisdictions: [VN, EU]
          ai_label: { vi: "Nội dung do AI tạo ra", en: "AI-generated" }
        model:
          endpoint: stub
        """.formatted(name);
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return s.getLocalPort();
    }
  }

  private String base(int node) {
    return "127.0.0.1:" + nodes.get(node).port();
  }

  private HttpResponse<String> login(int node, String email, String password) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://" + base(node) + "/api/v1/auth/login"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("email", email).put("password", password)
            .encode())).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @Order(1)
  void personaChangesOnOneNodeReachTheCachesOfTheOthers() throws Exception {
    try (Viewer before = Viewer.open(http, base(2), "nova", null)) {
      assertThat(before.hello().getJsonObject("persona").getString("name")).isEqualTo("Nova");
    }
    HttpResponse<String> login = login(0, ADMIN_EMAIL, ADMIN_PASSWORD);
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    String token = new JsonObject(login.body()).getString("token");
    HttpResponse<String> put = http.send(HttpRequest.newBuilder(
            URI.create("http://" + base(0) + "/api/v1/personas/nova?publish=true"))
        .header("Authorization", "Bearer " + token).header("content-type", "application/yaml")
        .PUT(HttpRequest.BodyPublishers.ofString(persona("Nova Hai"))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as(put.body()).isBetween(200, 201);

    // node 2 cached "Nova"; the change published on node 0 invalidates it there (no 10-minute staleness)
    long deadline = System.nanoTime() + WAIT.toNanos();
    String name;
    do {
      try (Viewer after = Viewer.open(http, base(2), "nova", null)) {
        name = after.hello().getJsonObject("persona").getString("name");
      }
    } while (!name.equals("Nova Hai") && System.nanoTime() < deadline);
    assertThat(name).isEqualTo("Nova Hai");
  }

  @Test
  @Order(2)
  void failedLoginsOnOneNodeCountOnTheOthers() throws Exception {
    java.util.concurrent.CountDownLatch failuresSeen = new java.util.concurrent.CountDownLatch(5);
    var watch = nodes.get(2).vertx().eventBus().<JsonObject>consumer(
        com.personaruntime.runtime.cluster.LoginThrottleSync.ADDRESS, m -> {
          if ("FAILURE".equals(m.body().getString("event"))) {
            failuresSeen.countDown();
          }
        });
    watch.completion().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    for (int i = 0; i < 5; i++) {
      assertThat(login(i % 2, ADMIN_EMAIL, "wrong-password-" + i).statusCode()).isEqualTo(401);
    }
    // the account's 5 failures happened on nodes 0 and 1; once node 2 has heard of them it refuses the
    // right password too (without sharing it would accept it and clear the failures)
    assertThat(failuresSeen.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    watch.unregister();
    HttpResponse<String> third = login(2, ADMIN_EMAIL, ADMIN_PASSWORD);
    assertThat(third.statusCode()).as(third.body()).isEqualTo(429);
  }

  @Test
  @Order(3)
  void aRoomWithViewersOnEveryNodeSeesEachReplyOnceAndAnswersAgainAfterItsHostDies() throws Exception {
    stub.otherwise(Reply.tokens("Serum", " Acme", " giá", " 250.000đ.", " Dùng", " buổi", " tối."));
    String room = "stage-" + UUID.randomUUID().toString().substring(0, 6);
    try (Viewer host = Viewer.open(http, base(0), "nova", room);
         Viewer b = Viewer.open(http, base(1), "nova", room);
         Viewer c = Viewer.open(http, base(2), "nova", room)) {
      host.hello(); // the first viewer: node 0 hosts the room
      b.hello();
      c.hello();

      String q1 = b.askUntilAccepted("b1", "Serum giá bao nhiêu?");
      String q2 = c.askUntilAccepted("c1", "Dùng lúc nào?");
      String reply = "Serum Acme giá 250.000đ. Dùng buổi tối.";
      for (Viewer v : List.of(host, b, c)) {
        v.expectRepliesOnce(Map.of(q1, reply, q2, reply));
      }
      assertThat(q1).startsWith("r1-");

      kill(0);

      // node 1 or 2 takes the room over; questions are refused (unavailable) until then
      String q3 = c.askUntilAccepted("c2", "Còn hàng không?");
      assertThat(q3).as("a new owner, a new epoch").startsWith("r2-");
      b.expectRepliesOnce(Map.of(q3, reply));
      c.expectRepliesOnce(Map.of(q3, reply));
    }
  }

  @Test
  @Order(4)
  void anAddressIsLimitedAcrossNodesNotPerNode() throws Exception {
    // four sockets from 127.0.0.1 on node 1 use up the address's limit (4) on every node
    List<Viewer> held = new ArrayList<>();
    try {
      while (held.size() < 4) {
        Viewer v = Viewer.open(http, base(1), "nova", null);
        JsonObject first = v.next(f -> true);
        if ("hello".equals(first.getString("type"))) {
          held.add(v);
        } else {
          // an earlier test's sockets may not be reported closed yet (reports go out every half second)
          assertThat(first.getString("code")).as("%s", first).isEqualTo("too_many_connections");
          v.close();
        }
      }
      // node 2 learns of them from node 1's usage report and refuses a fifth socket
      JsonObject refused = null;
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (refused == null && System.nanoTime() < deadline) {
        try (Viewer v = Viewer.open(http, base(2), "nova", null)) {
          JsonObject first = v.next(f -> true);
          if (!"hello".equals(first.getString("type"))) {
            refused = first;
          }
        }
      }
      assertThat(refused).as("node 2 refused the address's fifth socket").isNotNull();
      assertThat(refused.getString("type")).isEqualTo("error");
      assertThat(refused.getString("code")).isEqualTo("too_many_connections");
    } finally {
      held.forEach(Viewer::close);
    }
    // once node 1 reports them closed, node 2 admits the address again
    long deadline = System.nanoTime() + WAIT.toNanos();
    boolean admitted = false;
    while (!admitted && System.nanoTime() < deadline) {
      try (Viewer v = Viewer.open(http, base(2), "nova", null)) {
        admitted = "hello".equals(v.next(f -> true).getString("type"));
      }
    }
    assertThat(admitted).isTrue();
  }

  /** Like kill -9: the Hazelcast member stops without leaving the cluster, then the node's Vert.x is closed. */
  private void kill(int node) throws Exception {
    VertxInternal vx = (VertxInternal) nodes.get(node).vertx();
    ((HazelcastClusterManager) vx.clusterManager()).getHazelcastInstance().getLifecycleService().terminate();
    vx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    // A dead process's database connections are closed by its operating system, and PostgreSQL rolls back
    // what they had open; a closed Vert.x in a live JVM leaves a connection that was mid-transaction open
    // (holding its locks), so cut the killed node's connections here.
    try (Connection c = DriverManager.getConnection(System.getenv("PERSONA_TEST_PG_URL"),
        System.getenv("PERSONA_TEST_PG_USER"), System.getenv("PERSONA_TEST_PG_PASSWORD"));
         Statement st = c.createStatement()) {
      cutConnections(st, schema + "-node" + node);
    }
  }

  private static void cutConnections(Statement st, String applicationName) throws java.sql.SQLException {
    try (var rs = st.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE '"
        + applicationName + "' AND pid <> pg_backend_pid()")) {
      while (rs.next()) {
        // each row: one connection cut
      }
    }
  }

  /** A viewer's WebSocket; every frame is queued. */
  static final class Viewer implements WebSocket.Listener, AutoCloseable {
    final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final java.util.Set<String> announced = new java.util.HashSet<>();
    private final java.util.ArrayDeque<JsonObject> backlog = new java.util.ArrayDeque<>();
    private final java.util.Set<String> finished = new java.util.HashSet<>();
    private WebSocket socket;

    static Viewer open(HttpClient http, String base, String slug, String room) {
      Viewer v = new Viewer();
      v.socket = http.newWebSocketBuilder().connectTimeout(WAIT) // a node just UP on a loaded machine can take 10 s+
          .buildAsync(URI.create("ws://" + base + "/api/v1/live/" + slug + (room == null ? "" : "?room=" + room)), v)
          .join();
      return v;
    }

    @Override
    public void onOpen(WebSocket ws) {
      ws.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        frames.add(new JsonObject(partial.toString()));
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    JsonObject hello() throws InterruptedException {
      JsonObject f = next(x -> true);
      assertThat(f.getString("type")).as("first frame: %s", f).isEqualTo("hello");
      return f;
    }

    /** The next frame {@code wanted} accepts; frames it skips stay queued, in order, for later calls. */
    JsonObject next(Predicate<JsonObject> wanted) throws InterruptedException {
      for (java.util.Iterator<JsonObject> it = backlog.iterator(); it.hasNext(); ) {
        JsonObject f = it.next();
        if (wanted.test(f)) {
          it.remove();
          return f;
        }
      }
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (true) {
        JsonObject f = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (f == null) {
          fail("no matching frame within " + WAIT + "; skipped: " + backlog);
        }
        if (wanted.test(f)) {
          return f;
        }
        backlog.add(f);
      }
    }

    /** Sends a question until the room accepts it (retrying while the room moves); the room message id. */
    String askUntilAccepted(String clientId, String text) throws InterruptedException {
      long deadline = System.nanoTime() + WAIT.toNanos();
      int attempt = 0;
      while (System.nanoTime() < deadline) {
        String id = clientId + "-" + (++attempt);
        socket.sendText(new JsonObject().put("type", "message").put("id", id).put("text", text).encode(), true)
            .join();
        JsonObject f = next(x -> id.equals(x.getString("clientId")) || id.equals(x.getString("replyTo")));
        if ("message".equals(f.getString("type"))) {
          announced.add(f.getString("id"));
          return f.getString("id");
        }
        assertThat(f.getString("code")).as("only 'unavailable' while the room moves: %s", f)
            .isEqualTo("unavailable");
      }
      return fail("room did not accept '" + text + "' within " + WAIT);
    }

    /**
     * Reads this viewer's frames in arrival order until every question in {@code expected} (room message id
     * to reply text) was answered: each question announced exactly once, its deltas joining to the text, one
     * done. A second announcement, a second done or a delta after the done (a duplicate delivery) fails.
     */
    void expectRepliesOnce(Map<String, String> expected) throws InterruptedException {
      Map<String, StringBuilder> text = new HashMap<>();
      java.util.Set<String> open = new java.util.HashSet<>(expected.keySet());
      while (!open.isEmpty()) {
        JsonObject f = next(x -> expected.keySet().stream().anyMatch(id -> related(x, id))
            || finished.stream().anyMatch(id -> related(x, id)));
        String id = "message".equals(f.getString("type")) ? f.getString("id") : f.getString("replyTo");
        if (finished.contains(id)) {
          fail("frame of reply " + id + " after its done (duplicate delivery): " + f);
        }
        switch (f.getString("type")) {
          case "message" -> assertThat(announced.add(id)).as("question %s announced once", id).isTrue();
          case "delta" -> text.computeIfAbsent(id, k -> new StringBuilder()).append(f.getString("text"));
          case "done" -> {
            assertThat(announced).as("question %s announced before its reply", id).contains(id);
            assertThat(String.valueOf(text.get(id))).as("reply to %s", id).isEqualTo(expected.get(id));
            finished.add(id);
            open.remove(id);
          }
          default -> fail("unexpected frame " + f);
        }
      }
    }

    private static boolean related(JsonObject f, String id) {
      return id.equals(f.getString("replyTo")) || ("message".equals(f.getString("type")) && id.equals(f.getString("id")));
    }

    @Override
    public void close() {
      socket.abort();
    }
  }
}
