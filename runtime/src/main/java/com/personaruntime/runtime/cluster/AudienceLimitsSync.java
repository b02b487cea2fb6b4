package com.personaruntime.runtime.cluster;

import com.personaruntime.runtime.live.AudienceLimits;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shares the audience limits per address ({@link AudienceLimits}) between the nodes of a cluster, so that
 * an address cannot multiply its connections, messages or moderation items by the number of nodes.
 *
 * <p>Every {@link #INTERVAL_MILLIS} each node publishes on {@link #ADDRESS} of the clustered event bus what
 * its audience used since the last report ({@link AudienceLimits#drainUsage}): the connection counts that
 * changed and the messages and moderation items taken, per address; every {@link #FULL_EVERY}-th report
 * carries all its connection counts, so a node that joined later learns them. The others apply it
 * ({@link AudienceLimits#applyRemote}). A node not heard of for {@link #SILENT_MILLIS} is forgotten (it
 * died or left; its sockets are gone with it). Nothing is published when there is nothing new, and
 * nothing at all on a single node.
 *
 * <p>Trade-off: the limits hold cluster-wide with a lag of up to one report (half a second), instead of a
 * cluster round trip on every audience message.
 */
public final class AudienceLimitsSync {

  /** Event bus address of the usage reports. */
  public static final String ADDRESS = "live.audience-usage";
  /** How often a node reports (milliseconds). */
  public static final long INTERVAL_MILLIS = 500;
  /** Every this many reports, a node sends all its connection counts. */
  public static final int FULL_EVERY = 20;
  /** A node silent this long (milliseconds) is forgotten. */
  public static final long SILENT_MILLIS = 30_000;

  private AudienceLimitsSync() {
  }

  /**
   * Connects {@code limits} to the other nodes through {@code vertx}'s clustered event bus (does nothing
   * when {@code vertx} is not clustered).
   *
   * @return the periodic timer's id (cancel it to stop reporting), or -1 on a single node
   */
  public static long attach(Vertx vertx, AudienceLimits limits, String nodeId) {
    Objects.requireNonNull(nodeId, "nodeId");
    if (!vertx.isClustered()) {
      return -1;
    }
    Map<String, Long> heard = new ConcurrentHashMap<>();
    vertx.eventBus().<JsonObject>consumer(ADDRESS, m -> {
      JsonObject e = m.body();
      String node = e.getString("node");
      if (node == null || nodeId.equals(node)) {
        return;
      }
      try {
        limits.applyRemote(node, decode(e));
        heard.put(node, System.nanoTime());
      } catch (RuntimeException bad) {
        // a malformed report from another version of the runtime: ignore it rather than fail the consumer
      }
    });
    int[] tick = {0};
    return vertx.setPeriodic(INTERVAL_MILLIS, id -> {
      boolean full = tick[0]++ % FULL_EVERY == 0;
      AudienceLimits.Usage usage = limits.drainUsage(full);
      if (!usage.isEmpty()) {
        vertx.eventBus().publish(ADDRESS, encode(usage).put("node", nodeId));
      }
      long now = System.nanoTime();
      heard.forEach((node, at) -> {
        if (now - at > SILENT_MILLIS * 1_000_000L) {
          heard.remove(node);
          limits.forgetNode(node);
        }
      });
    });
  }

  static JsonObject encode(AudienceLimits.Usage u) {
    return new JsonObject().put("full", u.full())
        .put("connections", new JsonObject(new HashMap<>(u.connections())))
        .put("messages", new JsonObject(new HashMap<>(u.messages())))
        .put("items", new JsonObject(new HashMap<>(u.items())));
  }

  static AudienceLimits.Usage decode(JsonObject e) {
    Map<String, Integer> connections = new HashMap<>();
    e.getJsonObject("connections", new JsonObject()).forEach(x -> connections.put(x.getKey(),
        ((Number) x.getValue()).intValue()));
    return new AudienceLimits.Usage(e.getBoolean("full", false), connections, longs(e.getJsonObject("messages")),
        longs(e.getJsonObject("items")));
  }

  private static Map<String, Long> longs(JsonObject o) {
    Map<String, Long> out = new HashMap<>();
    if (o != null) {
      o.forEach(x -> out.put(x.getKey(), ((Number) x.getValue()).longValue()));
    }
    return out;
  }
}
