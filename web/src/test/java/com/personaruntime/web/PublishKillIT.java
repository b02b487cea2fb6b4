package com.personaruntime.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * kill -9 in the middle of publishing: the server runs as a child JVM on a file database; six
 * posts are scheduled for the same instant; the receiver holds some deliveries open and the
 * server is killed (SIGKILL) while they are in flight; a new server on the same database and
 * port finishes the job. Every post arrives, exactly once per webhook-id after the receiver's
 * de-duplication, and never twice under different ids.
 */
class PublishKillIT {
  private static final String ADMIN = "admin@example.test";
  private static final String ADMIN_PASSWORD = "admin-password-for-tests";
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Process child;

  @AfterEach
  void killChild() {
    if (child != null && child.isAlive()) {
      child.destroyForcibly();
    }
  }

  private Process startServer(Path dir, int port, String run) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("HTTP_HOST", "127.0.0.1");
    env.put("HTTP_PORT", Integer.toString(port));
    // the default H2 file URL: the pool checkpoints each write transaction before answering, so the
    // outbox's claims and delivery marks survive the kill -9 (Database.checkpointsWrites)
    env.put("STORAGE_URL", "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath());
    env.put("ADMIN_EMAIL", ADMIN);
    env.put("ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.put("AUTH_LOGINATTEMPTSPERADDRESS", "10000");
    env.put("PUBLISH_ALLOWPRIVATENETWORKS", "true");
    env.put("PUBLISH_POLLINTERVALMS", "100");
    env.put("PUBLISH_DELIVERYTIMEOUTMS", "20000");
    env.put("PUBLISH_LEASESECONDS", "30");
    env.put("OPT_OUT_TRACKING", "true");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx384m", // the shipped lexicons build within 256 MB and keep ~48 MB (docs/benchmarks.md)
         "-Dfile.encoding=UTF-8", "-Dai.djl.offline=true",
        "-Djava.io.tmpdir=" + dir.toAbsolutePath(), "-cp", System.getProperty("java.class.path"),
        "com.personaruntime.web.Main");
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("server-" + run + ".log").toFile());
    Process p = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new AssertionError("server exited: " + Files.readString(dir.resolve("server-" + run + ".log")));
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return p;
        }
      } catch (java.io.IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("server did not come up: " + Files.readString(dir.resolve("server-" + run + ".log")));
  }

  private JsonObject call(int port, String method, String path, String token, JsonObject body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(60)).header("content-type", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body.encode(), StandardCharsets.UTF_8));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as("%s %s -> %s", method, path, r.body()).isBetween(200, 299);
    return new JsonObject(r.body());
  }

  @Test
  void sixPostsScheduledTogetherArriveExactlyOnceAcrossAKillDashNine() throws Exception {
    Path dir = Path.of("target", "kill9-" + UUID.randomUUID().toString().substring(0, 8));
    Files.createDirectories(dir);
    boolean passed = false;
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      child = startServer(dir, port, "1");
      String admin = call(port, "POST", "/api/v1/auth/login", null,
          new JsonObject().put("email", ADMIN).put("password", ADMIN_PASSWORD)).getString("token");
      JsonObject channel = call(port, "POST", "/api/v1/brands/brewhaus/channels", admin,
          new JsonObject().put("platform", "*").put("url", receiver.url()));
      receiver.secret(channel.getString("secret"));

      // six posts by the composer (milo: review.posts flagged, so clean drafts are approved by the policy)
      List<String> postIds = new ArrayList<>();
      String[] briefs = {"House Blend", "Ethiopia Yirgacheffe", "Swiss Water Decaf", "pour-over guide",
          "French press guide", "coffee subscription"};
      for (String brief : briefs) {
        JsonObject post = call(port, "POST", "/api/v1/posts", admin, new JsonObject().put("persona", "milo")
            .put("brief", brief).put("platforms", new JsonArray().add("x")).put("sponsored", true));
        assertThat(post.getString("status")).as(post.encodePrettily()).isEqualTo("approved");
        postIds.add(post.getString("id"));
      }
      receiver.holdAfter(3); // three deliveries are answered, the rest are held open: the server is mid-delivery
      String at = Instant.now().plusSeconds(2).toString();
      for (String id : postIds) {
        call(port, "POST", "/api/v1/posts/" + id + "/schedule", admin, new JsonObject().put("at", at));
      }
      assertThat(receiver.awaitRequests(4, Duration.ofSeconds(30))).as("deliveries in flight").isTrue();
      child.destroyForcibly(); // SIGKILL
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      int beforeRestart = receiver.all().size();
      receiver.holdAfter(Integer.MAX_VALUE);
      receiver.release();

      child = startServer(dir, port, "2");
      assertThat(receiver.awaitUnique(6, Duration.ofSeconds(60)))
          .as("six distinct deliveries; got %s", receiver.unique().keySet()).isTrue();

      // exactly once per webhook-id after de-duplication, and one webhook-id per variant
      Map<String, String> variantOfId = new HashMap<>();
      for (WebhookReceiver.Received r : receiver.all()) {
        assertThat(r.signatureValid()).as(r.verifyError()).isTrue();
        String variant = r.json().getJsonObject("data").getString("variantId");
        String earlier = variantOfId.putIfAbsent(r.webhookId(), variant);
        assertThat(earlier == null || earlier.equals(variant)).isTrue();
      }
      assertThat(receiver.unique()).hasSize(6);
      Set<String> variants = new HashSet<>(variantOfId.values());
      assertThat(variants).as("no variant delivered under two webhook-ids").hasSize(6);

      String token = call(port, "POST", "/api/v1/auth/login", null,
          new JsonObject().put("email", ADMIN).put("password", ADMIN_PASSWORD)).getString("token");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      Set<String> published = new HashSet<>();
      while (published.size() < 6 && System.nanoTime() < deadline) {
        for (String id : postIds) {
          if ("published".equals(call(port, "GET", "/api/v1/posts/" + id, token, null).getString("status"))) {
            published.add(id);
          }
        }
        Thread.sleep(100);
      }
      assertThat(published).as("posts published after the restart").hasSize(6);
      System.out.printf("kill -9 test: %d requests before the kill, %d in all, %d distinct webhook-ids%n",
          beforeRestart, receiver.all().size(), receiver.unique().size());
      passed = true;
    } finally {
      if (child != null) {
        child.destroyForcibly();
        child.waitFor(30, TimeUnit.SECONDS);
      }
      if (passed) {
        deleteQuietly(dir.toFile()); // kept on failure: the two server logs are in it
      }
    }
  }

  private static void deleteQuietly(File f) {
    File[] children = f.listFiles();
    if (children != null) {
      for (File c : children) {
        deleteQuietly(c);
      }
    }
    f.delete();
  }
}
