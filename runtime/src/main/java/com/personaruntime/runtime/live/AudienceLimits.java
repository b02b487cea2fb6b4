package com.personaruntime.runtime.live;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
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
    perAddress.compute(key, (k, count) -> {
      AtomicInteger c = count == null ? new AtomicInteger() : count;
      if (c.get() >= options.connectionsPerAddress()) {
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
    return new Admission(() -> {
      if (released.compareAndSet(false, true)) {
        total.decrementAndGet();
        perAddress.computeIfPresent(key, (k, c) -> c.decrementAndGet() <= 0 ? null : c);
      }
    }, null);
  }

  /** Takes one message from the address's budget; false when it is used up (answer rate_limited). */
  public boolean tryMessage(String address) {
    return messageBuckets.get(key(address), k -> bucket(options.messagesPerMinutePerAddress(), Duration.ofMinutes(1)))
        .tryConsume(1);
  }

  /** Takes one moderation item from the address's budget; false when it is used up (file no item). */
  public boolean tryModerationItem(String address) {
    return itemBuckets.get(key(address), k -> bucket(options.moderationItemsPerHourPerAddress(), Duration.ofHours(1)))
        .tryConsume(1);
  }

  /** Live sockets held by {@code address}. */
  public int connections(String address) {
    AtomicInteger c = perAddress.get(key(address));
    return c == null ? 0 : c.get();
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
