package com.personaruntime.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up (persona folder import, a port in use) and graceful shutdown of a real server. */
class LifecycleIT {

  @TempDir
  Path dir;

  @Test
  void personaFolderIsImportedAndABrokenFileIsSkippedWithoutStoppingTheOthers() throws Exception {
    Files.writeString(dir.resolve("an.yaml"), """
        id: an
        brand: tea-house
        name: An
        languages: [vi]
        disclosure: { jurisdictions: [VN], ai_label: { vi: "Nội dung do AI tạo ra" } }
        """);
    Files.writeString(dir.resolve("ben.json"), """
        {"id": "ben", "brand": "bakery", "name": "Ben", "languages": ["en"],
         "disclosure": {"jurisdictions": ["US"], "ai_label": {"en": "AI-generated"}}}
        """);
    Files.writeString(dir.resolve("broken.yaml"), """
        id: broken
        brand: tea-house
        name: Broken
        languages: [vi]
        model: { provider: composer, temperature: 9 }
        """);
    try (TestServer s = TestServer.start("import", Map.of("PERSONAS_DIR", dir.toString()))) {
      String admin = s.loginAdmin();
      JsonArray items = s.get("/api/v1/personas", admin).expect(200).items();
      assertThat(items.stream().map(o -> ((JsonObject) o).getString("id") + "@" + ((JsonObject) o).getString("brand")))
          .containsExactlyInAnyOrder("an@tea-house", "ben@bakery");
      s.get("/api/v1/personas/broken", admin).expectError(404, "not_found");
      assertThat(s.get("/api/v1/brands", admin).items().encode()).contains("tea-house").contains("bakery");
      JsonArray versions = s.get("/api/v1/personas/an/versions", admin).expect(200).items();
      assertThat(versions.getJsonObject(0).getString("source")).isEqualTo("file");
    }
  }

  @Test
  void aPortInUseFailsStartUpWithAMessage() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = Main.run(new String[] {"serve"}, Map.of(
              "HTTP_HOST", "127.0.0.1",
              "HTTP_PORT", String.valueOf(taken.getLocalPort()),
              "STORAGE_URL", "jdbc:h2:mem:port-in-use;DB_CLOSE_DELAY=-1",
              "ADMIN_EMAIL", TestServer.ADMIN_EMAIL,
              "ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD),
          new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
      assertThat(code).isNotZero();
      assertThat(err.toString(StandardCharsets.UTF_8)).contains("start-up failed");
    }
  }

  @Test
  void stopFinishesTheRequestInFlightThenClosesThePort() throws Exception {
    TestServer s = TestServer.start("shutdown");
    int port = s.port();
    String body = new JsonObject().put("email", TestServer.ADMIN_EMAIL).put("password", TestServer.ADMIN_PASSWORD)
        .encode();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(20_000);
      OutputStream o = socket.getOutputStream();
      // a slow client: headers and half of the body now, the rest after the shutdown began
      o.write(("POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      o.write(bytes, 0, bytes.length / 2);
      o.flush();
      Thread.sleep(200);

      CompletableFuture<Void> stopped = s.server().stop();
      Thread.sleep(300);
      assertThat(stopped).as("stop waits for the request in flight").isNotDone();
      assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
          .as("no new connections once stopping").isInstanceOf(ConnectException.class);

      o.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
      o.flush();
      String response = readResponse(socket.getInputStream());
      assertThat(response).startsWith("HTTP/1.1 200").contains("\"token\"");

      stopped.get(20, TimeUnit.SECONDS);
    }
    assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
        .isInstanceOf(ConnectException.class);
    // a second stop is harmless and already complete
    CompletableFuture<Void> again = s.server().stop();
    again.get(1, TimeUnit.SECONDS);
    s.close();
  }

  @Test
  void stopWithNothingInFlightIsQuick() throws Exception {
    TestServer s = TestServer.start("quick-stop");
    int port = s.port();
    s.get("/health", null).expect(200);
    long t0 = System.nanoTime();
    s.server().stop().get(20, TimeUnit.SECONDS);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).as("ms to stop an idle server")
        .isLessThan(4_000);
    assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
        .isInstanceOf(ConnectException.class);
  }

  /** Reads one HTTP/1.1 response with a content-length (or until the server closes). */
  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] chunk = new byte[4096];
    int n;
    while ((n = in.read(chunk)) != -1) {
      buf.write(chunk, 0, n);
      String soFar = buf.toString(StandardCharsets.UTF_8);
      int headerEnd = soFar.indexOf("\r\n\r\n");
      if (headerEnd >= 0) {
        String headers = soFar.substring(0, headerEnd).toLowerCase();
        int cl = headers.indexOf("content-length:");
        if (cl >= 0) {
          int len = Integer.parseInt(headers.substring(cl + 15, headers.indexOf('\n', cl) < 0 ? headers.length()
              : headers.indexOf('\n', cl)).trim());
          if (buf.size() >= headerEnd + 4 + len) {
            break;
          }
        }
      }
    }
    return buf.toString(StandardCharsets.UTF_8);
  }
}
