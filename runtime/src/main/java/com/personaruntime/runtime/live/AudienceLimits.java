package com.personaruntime.runtime.live;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Limits on the anonymous audience that hold across all of an address's sockets (a per-socket limit is
 * bypassed by opening more sockets), plus global caps. Shared by every HTTP verticle; thread-safe.
 *
 * <ul>
 *   <li>connections: at most {@link Options#connectionsPerAddress()} live sockets per client address and
 *       {@link Options#connections()} in all;</li>
 *   <li>messages: a token bucket per address refilled with {@link Options#messagesPerMinutePerAddress()}
 *       a minute (bursting up to the same number), on top of each socket's own bucket;</li>
 *   <li>moderation items: at most {@link Options#moderationItemsPerHourPerAddress()} items filed an hour
 *       because of one address's messages (refused inputs and flagged replies), so one address cannot flood
 *       the moderators' queue.</li>
 * </ul>
 *
 * <p>Defaults are chosen for a carrier NAT: a mobile carrier puts many people behind one public address,
 * so per-address limits are well above one person's use (a live room of a hundred viewers on one carrier
 * still fits) yet far below what a single machine can open (600 sockets from one address are refused).
 * Buckets use Bucket4j with greedy refill; idle addresses are forgotten after an hour.
 *
 * <p>In a cluster the per-address limits hold across nodes: {@link #drainUsage()} hands what this node's
 * audience used since the last call (connection counts that changed, messages and moderation items taken)
 * to {@link com.personaruntime.runtime.cluster.AudienceLimitsSync}, which publishes it every half second;
 * {@link #applyRemote} takes another node's report: its connections count against the address's limit here,
 * its messages and items are taken from the address's buckets here. Enforcement across nodes therefore
 * lags by up to one report interval. The global cap {@link Options#connections()} stays per node (it is a
 * node's capacity).
 */
public final class AudienceLimits {

  /**
   * Settings (all at least 1).
   *
   * @param connectionsPerAddress            live sockets one address may hold at once
   * @param connections                      live sockets in all, on this node
   * @param messagesPerMinutePerAddress      audience messages a minute across one address's sockets
   * @param moderationItemsPerHourPerAddress moderation items one address's messages may file an hour
   */
  public record Options(int connectionsPerAddress, int connections, int messagesPerMinutePerAddress,
                        int moderationItemsPerHourPerAddress) {
    /** Validates; messages name the field and the value. */
    public Options {
      positive("connectionsPerAddress", connectionsPerAddress);
      positive("connections", connections);
      positive("messagesPerMinutePerAddress", messagesPerMinutePerAddress);
      positive("moderationItemsPerHourPerAddress", moderationItemsPerHourPerAddress);
    }

    private static void positive(String name, int value) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be at least 1, got " + value);
      }
    }
  }

  /** Why a connection was not admitted; {@code code} is the error frame's code. */
  public enum Refusal {
    /** The address holds {@link Options#connectionsPerAddress()} sockets already. */
    TOO_MANY_CONNECTIONS_FROM_ADDRESS("too_many_connections"),
    /** The node holds {@link Options#connections()} sockets already. */
    SERVER_FULL("server_full");

    private final String code;

    Refusal(String code) {
      this.code = code;
    }

    /** The error code sent to the client. */
    public String code() {
      return code;
    }
  }

  /** An admitted connection: {@link #release()} it exactly when the socket closes (later calls do nothing). */
  public interface Lease {
    void release();
  }

  /** The outcome of {@link #admit}: a lease, or the refusal. */
  public record Admission(Lease lease, Refusal refusal) {
    /** Whether the connection may proceed. */
    public boolean admitted() {
      return lease != null;
    }
  }

  private final Options options;
  private final TimeMeter time;
  private final ConcurrentHashMap<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();
  private final AtomicInteger total = new AtomicInteger();
  private final Cache<String, Bucket> messageBuckets;
  private final Cache<String, Bucket> itemBuckets;
  /** Other nodes' live sockets per address: node id to (address to count). */
  private final ConcurrentHashMap<String, ConcurrentHashMap<String, Integer>> remote = new ConcurrentHashMap<>();
  /** Whether usage is recorded for other nodes (only once a sync is attached). */
  private volatile boolean recording;
  private final ConcurrentHashMap<String, Boolean> changedConnections = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, java.util.concurrent.atomic.LongAdder> usedMessages = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, java.util.concurrent.atomic.LongAdder> usedItems = new ConcurrentHashMap<>();

  /** Limits on the system clock. */
  public AudienceLimits(Options options) {
    this(options, Clock.systemUTC());
  }

  /** Limits whose buckets refill by {@code clock} (tests move it by hand). */
  public AudienceLimits(Options options, Clock clock) {
    this.options = options;
    this.time = new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        return clock.millis() * 1_000_000L;
      }

      @Override
      public boolean isWallClockBased() {
        return true;
      }
    };
    this.messageBuckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofHours(1)).maximumSize(1_000_000).build();
    this.itemBuckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofHours(1)).maximumSize(1_000_000).build();
  }

  /** The settings. */
  public Options options() {
    return options;
  }

  /** Admits a new socket from {@code address} if both the address and the node have room. */
  public Admission admit(String address) {
    String key = key(address);
    if (total.incrementAndGet() > options.connections()) {
      total.decrementAndGet();
      return new Admission(null, Refusal.SERVER_FULL);
    }
    boolean[] over = {false};
    int elsewhere = remoteCount(key);
    perAddress.compute(key, (k, count) -> {
      AtomicInteger c = count == null ? new AtomicInteger() : count;
      if (c.get() + elsewhere >= options.connectionsPerAddress()) {
        over[0] = true;
      } else {
        c.incrementAndGet();
      }
      return c.get() == 0 ? null : c;
    });
    if (over[0]) {
      total.decrementAndGet();
      return new Admission(null, Refusal.TOO_MANY_CONNECTIONS_FROM_ADDRESS);
    }
    AtomicBoolean released = new AtomicBoolean();
    if (recording) {
      changedConnections.put(key, Boolean.TRUE);
    }
    return new Admission(() -> {
      if (released.compareAndSet(false, true)) {
        total.decrementAndGet();
        perAddress.computeIfPresent(key, (k, c) -> c.decrementAndGet() <= 0 ? null : c);
        if (recording) {
          changedConnections.put(key, Boolean.TRUE);
        }
      }
    }, null);
  }

  /** Takes one message from the address's budget; false when it is used up (answer rate_limited). */
  public boolean tryMessage(String address) {
    String key = key(address);
    boolean ok = messageBucket(key).tryConsume(1);
    if (ok && recording) {
      usedMessages.computeIfAbsent(key, k -> new java.util.concurrent.atomic.LongAdder()).increment();
    }
    return ok;
  }

  /** Takes one moderation item from the address's budget; false when it is used up (file no item). */
  public boolean tryModerationItem(String address) {
    String key = key(address);
    boolean ok = itemBucket(key).tryConsume(1);
    if (ok && recording) {
      usedItems.computeIfAbsent(key, k -> new java.util.concurrent.atomic.LongAdder()).increment();
    }
    return ok;
  }

  private Bucket messageBucket(String key) {
    return messageBuckets.get(key, k -> bucket(options.messagesPerMinutePerAddress(), Duration.ofMinutes(1)));
  }

  private Bucket itemBucket(String key) {
    return itemBuckets.get(key, k -> bucket(options.moderationItemsPerHourPerAddress(), Duration.ofHours(1)));
  }

  private int remoteCount(String key) {
    if (remote.isEmpty()) {
      return 0;
    }
    int n = 0;
    for (Map<String, Integer> node : remote.values()) {
      n += node.getOrDefault(key, 0);
    }
    return n;
  }

  /**
   * What this node's audience used since the last call, for the other nodes of a cluster: the current
   * connection count of every address whose count changed (0 when it has none left), and the messages and
   * moderation items taken per address. The first call starts the recording (before it nothing is kept).
   * With {@code full}, the connection counts of every address with live sockets here (a periodic full
   * report, so a node that joined later learns them).
   */
  public Usage drainUsage(boolean full) {
    recording = true;
    Map<String, Integer> connections = new java.util.HashMap<>();
    if (full) {
      perAddress.forEach((k, c) -> connections.put(k, c.get()));
    }
    for (String k : List.copyOf(changedConnections.keySet())) {
      changedConnections.remove(k);
      AtomicInteger c = perAddress.get(k);
      connections.put(k, c == null ? 0 : c.get());
    }
    return new Usage(full, connections, drain(usedMessages), drain(usedItems));
  }

  private static Map<String, Long> drain(ConcurrentHashMap<String, java.util.concurrent.atomic.LongAdder> used) {
    Map<String, Long> out = new java.util.HashMap<>();
    for (String k : List.copyOf(used.keySet())) {
      java.util.concurrent.atomic.LongAdder a = used.remove(k);
      if (a != null && a.sum() > 0) {
        out.put(k, a.sum());
      }
    }
    return out;
  }

  /**
   * Applies another node's report: its connection counts replace what was known of that node (a full report
   * replaces all of it), its messages and items are taken from this node's buckets of the same addresses
   * (possibly below zero, so the address waits here as long as it would have there).
   */
  public void applyRemote(String node, Usage usage) {
    ConcurrentHashMap<String, Integer> counts = usage.full()
        ? new ConcurrentHashMap<>()
        : remote.computeIfAbsent(node, n -> new ConcurrentHashMap<>());
    usage.connections().forEach((k, c) -> {
      if (c <= 0) {
        counts.remove(k);
      } else {
        counts.put(k, c);
      }
    });
    if (usage.full()) {
      remote.put(node, counts);
    }
    usage.messages().forEach((k, n) -> messageBucket(k).consumeIgnoringRateLimits(n));
    usage.items().forEach((k, n) -> itemBucket(k).consumeIgnoringRateLimits(n));
  }

  /** Forgets what another node reported (it left the cluster or went silent). */
  public void forgetNode(String node) {
    remote.remove(node);
  }

  /**
   * One node's audience usage for the others: {@code connections} address to its live sockets on that
   * node (absolute), {@code messages} and {@code items} address to what was taken since the last report.
   */
  public record Usage(boolean full, Map<String, Integer> connections, Map<String, Long> messages,
                      Map<String, Long> items) {
    public Usage {
      connections = Map.copyOf(connections);
      messages = Map.copyOf(messages);
      items = Map.copyOf(items);
    }

    /** Whether there is nothing to report. */
    public boolean isEmpty() {
      return !full && connections.isEmpty() && messages.isEmpty() && items.isEmpty();
    }
  }

  /** Live sockets held by {@code address} on this node. */
  public int connections(String address) {
    AtomicInteger c = perAddress.get(key(address));
    return c == null ? 0 : c.get();
  }

  /** Live sockets held by {@code address} on other nodes, as last reported. */
  public int remoteConnections(String address) {
    return remoteCount(key(address));
  }

  /** Live sockets in all. */
  public int connections() {
    return total.get();
  }

  private Bucket bucket(int perPeriod, Duration period) {
    return Bucket.builder()
        .addLimit(limit -> limit.capacity(perPeriod).refillGreedy(perPeriod, period))
        .withCustomTimePrecision(time)
        .build();
  }

  private static String key(String address) {
    return address == null ? "unknown" : address;
  }
}
