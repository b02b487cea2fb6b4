package com.personaruntime.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.runtime.catalog.PersonaCatalog;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Policies compile on a pool of their own ({@link PersonaCatalog#COMPILE_POOL}): while a compile runs (held
 * here by occupying every thread of that pool, as a first build of the shipped lexicons does for seconds)
 * the server still answers {@code /health} and renders console pages (event loops and the shared worker
 * pool are free), chats that need the compile wait for it and open once it is done, and they share one
 * compile instead of each occupying a worker.
 */
class PolicyCompilePoolIT {
  /** More than Vert.x's default shared worker pool (20 threads): on that pool they would occupy it all. */
  private static final int CHATS = 30;

  private static TestServer server;
  private static String admin;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start("compile-pool");
    admin = server.loginAdmin();
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void healthAndConsoleAnswerWhileAPolicyCompilesAndWaitingChatsOpenAfterIt() throws Exception {
    JsonObject persona = new JsonObject().put("id", "slowcompile").put("brand", "acme").put("name", "Slow Compile")
        .put("languages", new JsonArray().add("en"))
        .put("voice", new JsonObject().put("greeting", "Hi, I am an AI assistant of Acme."))
        .put("disclosure", new JsonObject().put("jurisdictions", new JsonArray().add("EU"))
            .put("ai_label", new JsonObject().put("en", "AI-generated")));
    server.post("/api/v1/personas", admin, persona).expect(201);

    // hold the compile pool: every one of its threads waits for the latch
    WorkerExecutor pool = server.server().vertx().createSharedWorkerExecutor(PersonaCatalog.COMPILE_POOL,
        PersonaCatalog.compileThreads(), 30, TimeUnit.MINUTES);
    CountDownLatch occupied = new CountDownLatch(PersonaCatalog.compileThreads());
    CountDownLatch release = new CountDownLatch(1);
    List<Future<Object>> holds = new ArrayList<>();
    for (int i = 0; i < PersonaCatalog.compileThreads(); i++) {
      holds.add(pool.executeBlocking(() -> {
        occupied.countDown();
        return release.await(5, TimeUnit.MINUTES);
      }, false));
    }
    List<CompletableFuture<WebSocket>> chats = new ArrayList<>();
    List<CompletableFuture<String>> firstFrames = new ArrayList<>();
    try {
      assertThat(occupied.await(60, TimeUnit.SECONDS)).as("every compile thread held").isTrue();

      // chats that need the (uncached) policy: their upgrades wait for the compile
      for (int i = 0; i < CHATS; i++) {
        CompletableFuture<String> first = new CompletableFuture<>();
        firstFrames.add(first);
        chats.add(server.client().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(120))
            .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/api/v1/live/slowcompile"),
                new WebSocket.Listener() {
                  private final StringBuilder text = new StringBuilder();

                  @Override
                  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                      first.complete(text.toString());
                    }
                    ws.request(1);
                    return null;
                  }
                }));
      }

      // meanwhile the server answers: health (event loop), the console's login page (rendered on a worker),
      // an API read (database client on the workers), each more often than the shared pool has threads
      for (int i = 0; i < CHATS; i++) {
        server.get("/health", null).expect(200);
        TestServer.Res page = server.call("GET", "/console/login").send();
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("password");
        server.get("/api/v1/personas", admin).expect(200);
      }
      // and no chat got its persona: the compile they wait for is still held
      assertThat(firstFrames).noneMatch(CompletableFuture::isDone);
    } finally {
      release.countDown();
    }
    for (Future<Object> hold : holds) {
      hold.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
    // the compile runs once released, and every waiting chat opens with its hello
    for (int i = 0; i < CHATS; i++) {
      String first = firstFrames.get(i).get(120, TimeUnit.SECONDS);
      assertThat(new JsonObject(first).getString("type")).isEqualTo("hello");
      chats.get(i).get(10, TimeUnit.SECONDS).sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
  }
}
