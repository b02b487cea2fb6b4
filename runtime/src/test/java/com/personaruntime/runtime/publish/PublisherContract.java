package com.personaruntime.runtime.publish;

import static com.personaruntime.runtime.storage.TestDb.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.gateway.net.OutboundAddressPolicy;
import com.personaruntime.runtime.storage.AuditLog;
import com.personaruntime.runtime.storage.Backend;
import com.personaruntime.runtime.storage.DbContract;
import com.personaruntime.runtime.storage.Sql;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay on each backend, with an injected clock and a real receiver on loopback:
 * retries on the Standard Webhooks schedule with the same webhook-id and body, 410 disables the
 * channel, dead letter with the last error, and two relays on one database never deliver a row twice.
 */
abstract class PublisherContract extends DbContract {
  private static final String SECRET = ChannelStore.newSecret();
  private HttpServer server;
  private final List<String[]> received = new CopyOnWriteArrayList<>(); // webhook-id, body, valid
  private volatile IntSupplier answer = () -> 200;
  private String url;
  private String brandId;

  @BeforeAll
  void receiver() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/hook", ex -> {
      String body;
      try (InputStream in = ex.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      var h = ex.getRequestHeaders();
      // the relay's clock is injected (not "now"), so compare signatures rather than use verify()'s
      // freshness check: the signature must be the spec's HMAC over "id.timestamp.body"
      String valid;
      try {
        String expected = new Webhook(SECRET).sign(h.getFirst("webhook-id"),
            Long.parseLong(h.getFirst("webhook-timestamp")), body);
        valid = String.valueOf(expected.equals(h.getFirst("webhook-signature")));
      } catch (Exception e) {
        valid = e.toString();
      }
      received.add(new String[] {h.getFirst("webhook-id"), body, valid});
      ex.sendResponseHeaders(answer.getAsInt(), -1);
      ex.close();
    });
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  @AfterAll
  void stopReceiver() {
    if (server != null) {
      server.stop(0);
    }
  }

  @BeforeEach
  void reset() {
    received.clear();
    answer = () -> 200;
    brandId = Sql.newId();
    await(db.pool().preparedQuery("INSERT INTO brands (id, slug, name, created_at) VALUES (?, ?, ?, ?)")
        .execute(Tuple.of(brandId, unique("b"), "B", Sql.ts(clock.instant()))));
  }

  private Publisher publisher(String node) {
    return new Publisher(t.vertx, db, new AuditLog(db, clock), clock, new Publisher.Options(Duration.ofSeconds(1), 20,
        Duration.ofSeconds(5), Duration.ofSeconds(30),
        OutboundAddressPolicy.builder().allowPrivateNetworks(true).build(), node));
  }

  private String channel() {
    String id = Sql.newId();
    await(db.pool().preparedQuery("INSERT INTO publish_channels (id, brand_id, platform, url, secret, status, "
        + "created_at) VALUES (?, ?, '*', ?, ?, 'active', ?)").execute(Tuple.of(id, brandId, url, SECRET,
        Sql.ts(clock.instant()))));
    return id;
  }

  /** A scheduled variant with one due delivery to the channel; returns {variantId, webhookId}. */
  private String[] scheduled(String channelId) {
    String postId = Sql.newId();
    String variantId = Sql.newId();
    String outboxId = Sql.newId();
    String webhookId = "msg_" + outboxId.replace("-", "");
    var now = Sql.ts(clock.instant());
    await(db.pool().preparedQuery("INSERT INTO posts (id, brand_id, persona_id, persona_slug, persona_version, "
        + "author_id, brief, language, sponsored, created_at, updated_at) VALUES (?, ?, 'p', 'p', 1, 'u', 'b', 'en', "
        + "TRUE, ?, ?)").execute(Tuple.of(postId, brandId, now, now)));
    await(db.pool().preparedQuery("INSERT INTO post_variants (id, post_id, brand_id, platform, status, text, "
        + "text_sha256, verdict, findings, blocking, needs_approval, text_length, length_limit, labels, "
        + "platform_flags, generator, created_at, updated_at) VALUES (?, ?, ?, 'x', 'scheduled', 'hi', 'h', "
        + "'allow', '[]', FALSE, FALSE, 2, 280, '[]', '{}', '{}', ?, ?)")
        .execute(Tuple.of(variantId, postId, brandId, now, now)));
    await(db.pool().preparedQuery("INSERT INTO publish_outbox (id, brand_id, post_id, variant_id, channel_id, "
        + "webhook_id, body, status, due_at, attempts, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, 0, ?)")
        .execute(Tuple.from(new Object[] {outboxId, brandId, postId, variantId, channelId, webhookId,
            "{\"type\":\"post.published\",\"data\":{\"variantId\":\"" + variantId + "\"}}", now, now})));
    return new String[] {variantId, webhookId};
  }

  private Row variant(String id) {
    return await(db.pool().preparedQuery("SELECT status, last_error FROM post_variants WHERE id = ?")
        .execute(Tuple.of(id))).iterator().next();
  }

  private Row delivery(String webhookId) {
    return await(db.pool().preparedQuery("SELECT status, attempts, due_at, last_error, last_status FROM publish_outbox "
        + "WHERE webhook_id = ?").execute(Tuple.of(webhookId))).iterator().next();
  }

  @Test
  void aFailedDeliveryIsRetriedOnTheSpecScheduleWithTheSameIdAndBody() {
    String[] v = scheduled(channel());
    AtomicInteger calls = new AtomicInteger();
    answer = () -> calls.incrementAndGet() == 1 ? 500 : 200;
    Publisher p = publisher("n1:1");
    assertThat(await(p.tick())).isEqualTo(1);
    Row d = delivery(v[1]);
    assertThat(Sql.string(d, "status")).isEqualTo("pending");
    assertThat(Sql.integer(d, "attempts")).isEqualTo(1);
    assertThat(Sql.string(d, "last_error")).isEqualTo("HTTP 500");
    assertThat(Sql.instant(d, "due_at")).isEqualTo(Sql.micros(clock.instant().plusSeconds(5)));
    assertThat(Sql.string(variant(v[0]), "status")).isEqualTo("publishing");

    assertThat(await(p.tick())).as("not due yet").isZero();
    clock.advance(Duration.ofSeconds(5));
    assertThat(await(p.tick())).isEqualTo(1);
    assertThat(Sql.string(delivery(v[1]), "status")).isEqualTo("delivered");
    assertThat(Sql.string(variant(v[0]), "status")).isEqualTo("published");
    assertThat(received).hasSize(2);
    assertThat(received.get(0)[0]).isEqualTo(v[1]).isEqualTo(received.get(1)[0]);
    assertThat(received.get(0)[1]).isEqualTo(received.get(1)[1]);
    assertThat(received.get(1)[2]).isEqualTo("true");
    Row audit = await(db.pool().preparedQuery("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'post.published' "
        + "AND target_id = ?").execute(Tuple.of(v[0]))).iterator().next();
    assertThat(Sql.longValue(audit, "n")).isEqualTo(1L);
    p.close();
  }

  @Test
  void gone410DisablesTheChannelAndFailsTheVariant() {
    String channel = channel();
    String[] v = scheduled(channel);
    String[] other = scheduled(channel);
    answer = () -> 410;
    Publisher p = publisher("n1:1");
    await(p.tick());
    Row c = await(db.pool().preparedQuery("SELECT status, disabled_reason FROM publish_channels WHERE id = ?")
        .execute(Tuple.of(channel))).iterator().next();
    assertThat(Sql.string(c, "status")).isEqualTo("disabled");
    assertThat(Sql.string(c, "disabled_reason")).contains("410");
    assertThat(Sql.string(variant(v[0]), "status")).isEqualTo("failed");
    assertThat(Sql.string(variant(v[0]), "last_error")).contains("410");
    assertThat(Sql.string(delivery(v[1]), "status")).isEqualTo("dead");
    // the other delivery to the disabled channel is dead-lettered without calling it again
    await(p.tick());
    assertThat(Sql.string(delivery(other[1]), "status")).isEqualTo("dead");
    assertThat(received.stream().filter(r -> r[0].equals(other[1])).count()).isLessThanOrEqualTo(1);
    p.close();
  }

  @Test
  void afterTheLastRetryTheDeliveryIsDeadLetteredWithTheLastError() {
    String[] v = scheduled(channel());
    answer = () -> 503;
    Publisher p = publisher("n1:1");
    for (int i = 0; i < Publisher.MAX_ATTEMPTS; i++) {
      assertThat(await(p.tick())).as("attempt %d", i + 1).isEqualTo(1);
      if (i < Publisher.RETRY_SCHEDULE.size()) {
        clock.advance(Publisher.RETRY_SCHEDULE.get(i));
      }
    }
    Row d = delivery(v[1]);
    assertThat(Sql.string(d, "status")).isEqualTo("dead");
    assertThat(Sql.integer(d, "attempts")).isEqualTo(Publisher.MAX_ATTEMPTS);
    assertThat(Sql.string(variant(v[0]), "status")).isEqualTo("failed");
    assertThat(Sql.string(variant(v[0]), "last_error")).contains("HTTP 503").contains("gave up after 10 attempts");
    clock.advance(Duration.ofDays(2));
    assertThat(await(p.tick())).isZero();
    assertThat(received).hasSize(Publisher.MAX_ATTEMPTS);
    p.close();
  }

  @Test
  void twoRelaysOnOneDatabaseDeliverEveryRowExactlyOnce() {
    String channel = channel();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ids.add(scheduled(channel)[1]);
    }
    Publisher a = publisher("a:1");
    Publisher b = publisher("b:1");
    for (int round = 0; round < 3; round++) {
      await(io.vertx.core.Future.all(a.tick(), b.tick(), a.tick(), b.tick()));
    }
    Map<String, Integer> perId = new ConcurrentHashMap<>();
    received.forEach(r -> perId.merge(r[0], 1, Integer::sum));
    assertThat(perId.keySet()).containsAll(ids);
    assertThat(perId.values()).allMatch(n -> n == 1);
    a.close();
    b.close();
  }

  @Test
  void aRestartedNodeReleasesTheLeasesItsKilledRunLeft() {
    String[] v = scheduled(channel());
    // a run of node n9:1 claimed the row and died before delivering
    await(db.pool().preparedQuery("UPDATE publish_outbox SET lease_owner = 'n9:1/dead0000', lease_until = ?, "
        + "attempts = 1 WHERE webhook_id = ?").execute(Tuple.of(Sql.ts(clock.instant().plusSeconds(60)), v[1])));
    Publisher other = publisher("n8:1");
    assertThat(await(other.releaseOwnLeases())).as("another node never steals a live lease").isZero();
    assertThat(await(other.tick())).isZero();
    Publisher restarted = publisher("n9:1");
    assertThat(await(restarted.releaseOwnLeases())).isEqualTo(1);
    assertThat(await(restarted.tick())).isEqualTo(1);
    assertThat(Sql.string(delivery(v[1]), "status")).isEqualTo("delivered");
    other.close();
    restarted.close();
  }
}

class PublisherH2Test extends PublisherContract {
  @Override
  protected Backend backend() {
    return Backend.H2;
  }
}

class PublisherPostgresTest extends PublisherContract {
  @Override
  protected Backend backend() {
    return Backend.POSTGRESQL;
  }
}
