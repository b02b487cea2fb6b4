package com.personaruntime.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Audience insights end to end: real live WebSocket conversations with the demo personas (praise
 * and complaints in Vietnamese and English, one unanswered question asked three ways), then the
 * insights API, the CSV export, a manual label, brand scoping and retention.
 */
class InsightsIT {
  static TestServer server;
  static String admin;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start("insights");
    admin = server.loginAdmin();
    // Linh (brand lumiere, Vietnamese): a returning audience member who opted in to be named
    try (Chat c = Chat.open("linh", "browser-lan-0001", "Lan")) {
      c.say("Kem chống nắng này tuyệt vời quá, thoa lên mịn da mà không bết chút nào 😍");
      c.say("Giao hàng chậm quá, hộp bị móp, thất vọng ghê");
      c.say("Shop có bán thẻ quà tặng không ạ?");
    }
    try (Chat c = Chat.open("linh", "browser-lan-0001", "Lan")) {
      c.say("co the qua tang ko shop");
      c.say("Cảm ơn Linh nhiều nha, tư vấn dễ thương ghê");
    }
    try (Chat c = Chat.open("linh", null, null)) {
      c.say("Mình muốn mua thẻ quà tặng tặng bạn được không?");
      c.say("sp dung bi kich ung, noi mun do ca mat, chan that su");
    }
    // Milo (brand brewhaus, English)
    try (Chat c = Chat.open("milo", "browser-sam-0002", null)) {
      c.say("I love the house blend, honestly the best coffee I've had this year!");
      c.say("My order arrived broken and nobody answers my emails. Terrible service.");
      c.say("Do you offer gift wrapping?");
      c.say("Can you gift wrap my order?");
      c.say("Is gift wrapping available for orders?");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  /** The report once every turn has its signals (they are computed after the turn is stored). */
  static JsonObject report(String persona, int messages) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    JsonObject r;
    do {
      r = server.get("/api/v1/insights?persona=" + persona + "&days=7", admin).expect(200).json();
      if (r.getInteger("analysedMessages") >= messages) {
        return r;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // poll, bounded by the deadline
    } while (System.nanoTime() < deadline);
    throw new AssertionError("signals of " + messages + " turns not stored in time: " + r.encode());
  }

  @Test
  void englishPraiseComplaintsAndOneGapAskedThreeWays() throws Exception {
    JsonObject r = report("milo", 5);
    assertThat(r.getInteger("conversations")).isEqualTo(1);
    assertThat(r.getInteger("messages")).isEqualTo(5);
    JsonObject s = r.getJsonObject("sentiment");
    assertThat(s.getInteger("positive")).as("praise: %s", r.encode()).isEqualTo(1);
    assertThat(s.getInteger("negative")).as("complaint: %s", r.encode()).isEqualTo(1);
    assertThat(s.getInteger("neutral")).isEqualTo(3);
    assertThat(s.getDouble("net")).isEqualTo(0.0);
    assertThat(s.getString("definition")).contains("Talkwalker");
    JsonArray gaps = r.getJsonArray("knowledgeGaps");
    assertThat(gaps).as("gaps: %s", gaps.encode()).hasSize(1);
    assertThat(gaps.getJsonObject(0).getInteger("count")).isEqualTo(3);
    assertThat(gaps.getJsonObject(0).getString("question")).containsIgnoringCase("gift");
    assertThat(r.getJsonObject("responseTimeMs").getInteger("p50")).isNotNull();
    assertThat(r.getJsonObject("responseTimeMs").getInteger("p90"))
        .isGreaterThanOrEqualTo(r.getJsonObject("responseTimeMs").getInteger("p50"));
    assertThat(r.getJsonObject("moderation").getInteger("flagged")).isZero();
    assertThat(r.getJsonArray("topics")).isNotEmpty();
  }

  @Test
  void vietnamesePraiseComplaintsGapAndReturningAudience() throws Exception {
    JsonObject r = report("linh", 7);
    assertThat(r.getInteger("conversations")).isEqualTo(3);
    JsonObject s = r.getJsonObject("sentiment");
    assertThat(s.getInteger("positive")).as("praise: %s", r.encode()).isEqualTo(2);
    assertThat(s.getInteger("negative")).as("complaints: %s", r.encode()).isEqualTo(2);
    JsonArray gaps = r.getJsonArray("knowledgeGaps");
    assertThat(gaps).as("gaps: %s", gaps.encode()).hasSize(1);
    assertThat(gaps.getJsonObject(0).getInteger("count")).isEqualTo(3);
    JsonObject community = r.getJsonObject("community");
    assertThat(community.getInteger("audience")).isEqualTo(2);
    assertThat(community.getInteger("returning")).isEqualTo(1);
    JsonObject advocate = community.getJsonArray("advocates").getJsonObject(0);
    assertThat(advocate.getString("audience")).isEqualTo("Lan");
    assertThat(advocate.getBoolean("named")).isTrue();
    // no raw browser id or IP is stored: only the per-brand salted hash
    List<java.util.Map<String, Object>> ids = server.query("SELECT DISTINCT audience_id FROM turn_signals");
    assertThat(ids.toString()).doesNotContain("browser-lan").doesNotContain("127.0.0.1");
  }

  @Test
  void anotherBrandGets404AndBadInputIsNamed() throws Exception {
    server.addMember(admin, "brewhaus", "barista@brewhaus.example", "owner");
    String barista = server.login("barista@brewhaus.example", TestServer.PASSWORD);
    server.get("/api/v1/insights?persona=linh&days=7", barista).expectError(404, "not_found");
    server.get("/api/v1/insights/turns.csv?persona=linh", barista).expectError(404, "not_found");
    server.get("/api/v1/insights?persona=milo&days=7", barista).expect(200);
    assertThat(server.get("/api/v1/insights?persona=milo&days=0", barista).expectError(400, "invalid").message())
        .contains("days");
    assertThat(server.get("/api/v1/insights", barista).expectError(400, "invalid").message()).contains("persona");
    server.get("/api/v1/insights?persona=milo", null).expect(401);
  }

  @Test
  void csvExportAndManualLabelIsPreferred() throws Exception {
    report("milo", 5);
    TestServer.Res csv = server.get("/api/v1/insights/turns.csv?persona=milo&days=7", admin).expect(200);
    assertThat(csv.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
    String[] lines = csv.body().split("\r\n");
    assertThat(lines[0]).startsWith("turn_id,created_at,conversation,room,audience,language,sentiment");
    assertThat(lines).hasSize(6);
    assertThat(csv.body()).contains("Do you offer gift wrapping?");
    // relabel the "gift wrapping" question as negative by hand: the report uses it
    String row = java.util.Arrays.stream(lines).filter(l -> l.contains("Do you offer gift wrapping?")).findFirst()
        .orElseThrow();
    long turnId = Long.parseLong(row.substring(0, row.indexOf(',')));
    server.put("/api/v1/insights/turns/" + turnId + "/sentiment", admin, new JsonObject().put("sentiment", "negative"))
        .expect(200);
    JsonObject s = report("milo", 5).getJsonObject("sentiment");
    assertThat(s.getInteger("negative")).isEqualTo(2);
    assertThat(s.getInteger("corrected")).isEqualTo(1);
    assertThat(server.put("/api/v1/insights/turns/" + turnId + "/sentiment", admin,
        new JsonObject().put("sentiment", "happy")).expectError(400, "invalid").message()).contains("sentiment");
    server.put("/api/v1/insights/turns/" + turnId + "/sentiment", admin, new JsonObject().putNull("sentiment"))
        .expect(200);
    assertThat(report("milo", 5).getJsonObject("sentiment").getInteger("negative")).isEqualTo(1);
  }

  /** One live chat over a real WebSocket. */
  static final class Chat implements AutoCloseable {
    final WebSocket ws;
    int n;

    private Chat(WebSocket ws) {
      this.ws = ws;
    }

    static Chat open(String persona, String browser, String name) throws Exception {
      StringBuilder q = new StringBuilder();
      if (browser != null) {
        q.append("?browser=").append(browser);
      }
      if (name != null) {
        q.append(q.length() == 0 ? '?' : '&').append("name=").append(URLEncoder.encode(name, StandardCharsets.UTF_8));
      }
      LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
      WebSocket ws = server.client().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(60))
          .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/api/v1/live/" + persona + q),
              new WebSocket.Listener() {
                private final StringBuilder partial = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                  partial.append(data);
                  if (last) {
                    frames.add(new JsonObject(partial.toString()));
                    partial.setLength(0);
                  }
                  webSocket.request(1);
                  return CompletableFuture.completedFuture(null);
                }
              }).get(70, TimeUnit.SECONDS);
      Chat chat = new Chat(ws);
      chat.queue = frames;
      JsonObject hello = frames.poll(10, TimeUnit.SECONDS);
      assertThat(hello).isNotNull();
      assertThat(hello.getString("type")).isEqualTo("hello");
      return chat;
    }

    LinkedBlockingQueue<JsonObject> queue;

    /** Sends a message and waits for its done frame; returns the reply text. */
    String say(String text) throws Exception {
      String id = "m" + (++n);
      ws.sendText(new JsonObject().put("type", "message").put("id", id).put("text", text).encode(), true)
          .get(5, TimeUnit.SECONDS);
      StringBuilder reply = new StringBuilder();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        JsonObject f = queue.poll(1, TimeUnit.SECONDS);
        if (f == null || !id.equals(f.getString("replyTo"))) {
          continue;
        }
        if ("delta".equals(f.getString("type"))) {
          reply.append(f.getString("text"));
        } else if ("done".equals(f.getString("type"))) {
          return reply.toString();
        }
      }
      throw new AssertionError("no done frame for '" + text + "'");
    }

    @Override
    public void close() {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(x -> null);
    }
  }
}
