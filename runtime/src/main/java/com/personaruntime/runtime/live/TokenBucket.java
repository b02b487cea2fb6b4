package com.personaruntime.runtime.live;

import java.time.Clock;

/**
 * A token bucket: {@code capacity} messages at once, refilled at {@code perSecond}. Not
 * thread-safe: each connection owns one on its event-loop context. The clock is injected so
 * tests need no sleeping.
 */
public final class TokenBucket {
  private final double capacity;
  private final double perMilli;
  private final Clock clock;
  private double tokens;
  private long last;

  /**
   * @param capacity  messages allowed at once (at least 1); the bucket starts full
   * @param perSecond refill rate (positive)
   * @param clock     time source
   */
  public TokenBucket(int capacity, double perSecond, Clock clock) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("perSecond must be positive, got " + perSecond);
    }
    this.capacity = capacity;
    this.perMilli = perSecond / 1000.0;
    this.clock = clock;
    this.tokens = capacity;
    this.last = clock.millis();
  }

  /** Takes one token if there is one. */
  public boolean tryTake() {
    long now = clock.millis();
    if (now > last) {
      // Only forward time refills; a clock stepped back is not credited twice when it catches up.
      tokens = Math.min(capacity, tokens + (now - last) * perMilli);
      last = now;
    }
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
