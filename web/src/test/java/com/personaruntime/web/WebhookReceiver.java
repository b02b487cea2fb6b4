package com.personaruntime.web;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * A real Standard Webhooks receiver on 127.0.0.1 for tests, the way a brand would write one: it
 * verifies each delivery's signature with the {@code standardwebhooks} library (which also rejects
 * stale timestamps), de-duplicates on {@code webhook-id}, and records every request. The answer
 * status is scriptable ({@link #answer}); a {@link #hold} makes it keep requests open (to kill the
 * server in the middle of a delivery).
 */
final class WebhookReceiver implements AutoCloseable {
  /** One request as received. */
  record Received(String webhookId, String timestamp, String signature, String body, boolean signatureValid,
                  String verifyError) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  private final HttpServer server;
  private final List<Received> all = new CopyOnWriteArrayList<>();
  private final Map<String, Received> unique = new ConcurrentHashMap<>();
  private final LinkedBlockingQueue<Received> arrivals = new LinkedBlockingQueue<>();
  private volatile String secret;
  private volatile IntSupplier answer = () -> 200;
  private final AtomicInteger holdAfter = new AtomicInteger(Integer.MAX_VALUE);
  private final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);

  WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "webhook-receiver");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/hook", exchange -> {
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      var h = exchange.getRequestHeaders();
      String id = h.getFirst("webhook-id");
      boolean valid = false;
      String error = null;
      try {
        new Webhook(secret).verify(body, HttpHeaders.of(Map.of(
            "webhook-id", List.of(String.valueOf(id)),
            "webhook-timestamp", List.of(String.valueOf(h.getFirst("webhook-timestamp"))),
            "webhook-signature", List.of(String.valueOf(h.getFirst("webhook-signature")))), (a, b) -> true));
        valid = true;
      } catch (Exception e) {
        error = e.toString();
      }
      Received r = new Received(id, h.getFirst("webhook-timestamp"), h.getFirst("webhook-signature"), body, valid,
          error);
      all.add(r);
      if (valid) {
        unique.putIfAbsent(id, r);
      }
      arrivals.add(r);
      if (all.size() > holdAfter.get()) {
        try {
          release.await(60, TimeUnit.SECONDS); // the server is killed meanwhile
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      int status = answer.getAsInt();
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  void secret(String s) {
    this.secret = s;
  }

  void answer(IntSupplier status) {
    this.answer = status;
  }

  /** After {@code n} requests, further requests are held open until {@link #release()}. */
  void holdAfter(int n) {
    holdAfter.set(n);
  }

  void release() {
    release.countDown();
  }

  List<Received> all() {
    return new ArrayList<>(all);
  }

  Map<String, Received> unique() {
    return Map.copyOf(unique);
  }

  /** Waits until {@code n} distinct valid deliveries have arrived; false on timeout. */
  boolean awaitUnique(int n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (unique.size() < n) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      arrivals.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
    }
    return true;
  }

  /** Waits until {@code n} requests (valid or not, duplicates included) have arrived; false on timeout. */
  boolean awaitRequests(int n, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (all.size() < n) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      arrivals.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
    }
    return true;
  }

  @Override
  public void close() {
    release();
    server.stop(0);
  }
}
