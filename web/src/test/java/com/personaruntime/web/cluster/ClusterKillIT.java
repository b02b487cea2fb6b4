package com.personaruntime.web.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.gateway.testing.OpenAiStubServer;
import com.personaruntime.gateway.testing.OpenAiStubServer.Reply;
import com.personaruntime.web.cluster.ClusterIT.Viewer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two clustered nodes as real processes (child JVMs of this test, PostgreSQL shared) and a real
 * {@code kill -9} (SIGKILL, {@link Process#destroyForcibly()}) of the node hosting a live room: the
 * surviving node notices through Hazelcast's failure detector, takes the room over under a new epoch and
 * the room answers again; a viewer whose node died reconnects to the survivor and joins the same room; a
 * reply that was streaming on the dead node ends for its viewers on the survivor with an
 * {@code error interrupted} frame instead of hanging without {@code done}.
 *
 * <p>Needs PERSONA_TEST_PG_URL (skipped without it unless PERSONA_TEST_PG_REQUIRED=true).
 */
class ClusterKillIT {

  private static final Duration UP = Duration.ofSeconds(120);

  private final List<Process> children = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private OpenAiStubServer stub;
  private String schema;
  private Path dir;

  @AfterEach
  void stop() throws Exception {
    for (Process p : children) {
      p.destroyForcibly();
    }
    for (Process p : children) {
      p.waitFor(30, TimeUnit.SECONDS);
    }
    if (stub != null) {
      stub.close();
    }
    if (schema != null) {
      try (Connection c = DriverManager.getConnection(System.getenv("PERSONA_TEST_PG_URL"),
          System.getenv("PERSONA_TEST_PG_USER"), System.getenv("PERSONA_TEST_PG_PASSWORD"));
           Statement st = c.createStatement()) {
        st.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  @Test
  void theRoomAnswersAgainAfterKillDashNineOfItsHost() throws Exception {
    String pg = System.getenv("PERSONA_TEST_PG_URL");
    schema = ClusterIT.createSchema("kill", "cluster kill test");
    dir = Files.createDirectories(Path.of("target", "cluster-kill-" + schema));
    Path personas = Files.createDirectories(dir.resolve("personas"));
    Files.writeString(personas.resolve("nova.yaml"), ClusterIT.persona("Nova"), StandardCharsets.UTF_8);
    stub = OpenAiStubServer.start();
    String reply = "Serum Acme giá 250.000đ. Dùng buổi tối.";
    stub.otherwise(Reply.tokens("Serum", " Acme", " giá", " 250.000đ.", " Dùng", " buổi", " tối."));

    int[] cluster = {ClusterIT.freePort(), ClusterIT.freePort()};
    int[] httpPorts = {ClusterIT.freePort(), ClusterIT.freePort()};
    String members = "127.0.0.1:" + cluster[0] + ",127.0.0.1:" + cluster[1];
    Process a = start(0, pg, personas, httpPorts[0], cluster[0], members);
    Process b = start(1, pg, personas, httpPorts[1], cluster[1], members);
    String baseA = "127.0.0.1:" + httpPorts[0];
    String baseB = "127.0.0.1:" + httpPorts[1];
    String room = "live-" + UUID.randomUUID().toString().substring(0, 6);

    Viewer onA = Viewer.open(http, baseA, "nova", room);
    Viewer onB1 = Viewer.open(http, baseB, "nova", room);
    Viewer onB2 = Viewer.open(http, baseB, "nova", room);
    try {
      onA.hello(); // the first viewer: node A hosts the room
      onB1.hello();
      onB2.hello();
      String q1 = onB1.askUntilAccepted("b1", "Serum giá bao nhiêu?");
      assertThat(q1).startsWith("r1-");
      for (Viewer v : List.of(onA, onB1, onB2)) {
        v.expectRepliesOnce(Map.of(q1, reply));
      }

      // a long reply is streaming on A when A is killed
      stub.otherwise(Reply.tokens(slowTokens()).tokenDelay(Duration.ofMillis(200)));
      String q2 = onB1.askUntilAccepted("b2", "Kể thêm về serum đi");
      JsonObject firstDelta = onB2.next(f -> "delta".equals(f.getString("type")) && q2.equals(f.getString("replyTo")));
      assertThat(firstDelta.getString("text")).isNotEmpty();
      a.destroyForcibly(); // SIGKILL: no shutdown hook, no cluster leave
      assertThat(a.waitFor(30, TimeUnit.SECONDS)).isTrue();

      // the viewers on B learn that the reply will not finish
      for (Viewer v : List.of(onB1, onB2)) {
        JsonObject end = v.next(f -> q2.equals(f.getString("replyTo"))
            && ("error".equals(f.getString("type")) || "done".equals(f.getString("type"))));
        assertThat(end.getString("type")).as("end of the interrupted reply: %s", end).isEqualTo("error");
        assertThat(end.getString("code")).isEqualTo("interrupted");
      }

      // B takes the room over under a new epoch and answers again
      stub.otherwise(Reply.tokens("Serum", " Acme", " giá", " 250.000đ.", " Dùng", " buổi", " tối."));
      String q3 = onB2.askUntilAccepted("c1", "Còn hàng không?");
      assertThat(q3).as("a new owner, a new epoch").startsWith("r2-");
      onB1.expectRepliesOnce(Map.of(q3, reply));
      onB2.expectRepliesOnce(Map.of(q3, reply));

      // the viewer whose node died reconnects to the survivor and sees the room's next reply once
      try (Viewer back = Viewer.open(http, baseB, "nova", room)) {
        back.hello();
        String q4 = onB1.askUntilAccepted("b3", "Serum giá bao nhiêu?");
        back.expectRepliesOnce(Map.of(q4, reply));
        onB2.expectRepliesOnce(Map.of(q4, reply));
      }
    } finally {
      onB1.close();
      onB2.close();
      onA.close();
    }
    assertThat(b.isAlive()).isTrue();
  }

  private static String[] slowTokens() {
    String[] t = new String[60];
    for (int i = 0; i < t.length; i++) {
      t[i] = i % 6 == 5 ? " tối." : " serum";
    }
    t[0] = "Serum.";
    return t;
  }

  private Process start(int index, String pg, Path personas, int httpPort, int clusterPort, String members)
      throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("HTTP_HOST", "127.0.0.1");
    env.put("HTTP_PORT", String.valueOf(httpPort));
    env.put("STORAGE_URL", pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    env.put("STORAGE_USER", System.getenv("PERSONA_TEST_PG_USER"));
    env.put("STORAGE_PASSWORD", System.getenv("PERSONA_TEST_PG_PASSWORD"));
    env.put("PERSONAS_DIR", personas.toString());
    env.put("ADMIN_EMAIL", "admin@cluster-kill.test");
    env.put("ADMIN_PASSWORD", "admin-password-123");
    env.put("LLM_ENDPOINTS_STUB_PROVIDER", "openai");
    env.put("LLM_ENDPOINTS_STUB_BASEURL", stub.baseUrl());
    env.put("LLM_ENDPOINTS_STUB_MODEL", "stub-model");
    env.put("LLM_FIRSTTOKENTIMEOUTMS", "5000");
    env.put("LLM_MAXRETRIES", "0");
    env.put("CLUSTER_ENABLED", "true");
    env.put("CLUSTER_HOST", "127.0.0.1");
    env.put("CLUSTER_PORT", String.valueOf(clusterPort));
    env.put("CLUSTER_MEMBERS", members);
    env.put("CLUSTER_FAILURETIMEOUTSECONDS", "3");
    env.put("CLUSTER_TAKEOVERCHECKMILLIS", "200");
    env.put("OPT_OUT_TRACKING", "true");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = dir.resolve("node-" + index + ".log");
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx384m", // the shipped lexicons build within 256 MB and keep ~48 MB (docs/benchmarks.md)
         "-Dfile.encoding=UTF-8", "-Dai.djl.offline=true",
        "-cp", System.getProperty("java.class.path"), "com.personaruntime.web.Main");
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    Process p = pb.start();
    children.add(p);
    long deadline = System.nanoTime() + UP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new AssertionError("node " + index + " exited: " + Files.readString(log));
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("UP")) {
          return p;
        }
      } catch (java.io.IOException e) {
        // not listening yet
      }
      p.waitFor(100, TimeUnit.MILLISECONDS); // poll interval; returns early when the node dies
    }
    throw new AssertionError("node " + index + " not UP within " + UP + ": " + Files.readString(log));
  }
}
