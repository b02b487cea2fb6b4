package com.personaruntime.runtime.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Limits login attempts over a sliding window: at most {@code maxFailuresPerAccount} failed
 * logins per account and {@code maxAttemptsPerAddress} unsuccessful attempts per remote address (defaults:
 * 5 and 20 per 15 minutes). An attempt counts against its address from the moment it starts (so a burst of
 * parallel guesses meets the limit before any is checked) and is forgiven when it succeeds: a team behind one
 * office address that signs in many times a day is never locked out by its own successful logins (OWASP
 * Authentication Cheat Sheet: throttle failed attempts). A successful login also clears the account's failures.
 *
 * <p>State lives in memory (bounded Caffeine caches driven by the injected clock). In a cluster the
 * nodes share it: every attempt, failure and success recorded here is handed to the {@link Replicator}
 * (which publishes it on the clustered event bus), and what other nodes recorded comes back through
 * {@link #apply}, so a guesser spreading attempts over the nodes meets the same limits.
 * Thread-safe.
 */
public final class LoginThrottle {

  /**
   * The answer of {@link #check}.
   *
   * @param allowed           whether the attempt may proceed
   * @param retryAfterSeconds when refused, seconds until the next attempt may succeed (at least 1)
   */
  public record Decision(boolean allowed, long retryAfterSeconds) {
    static final Decision ALLOW = new Decision(true, 0);
  }

  /** Default failures per account per window. */
  public static final int DEFAULT_FAILURES_PER_ACCOUNT = 5;
  /** Default attempts per address per window. */
  public static final int DEFAULT_ATTEMPTS_PER_ADDRESS = 20;
  /** Default window. */
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);

  private static final long MAX_KEYS = 100_000;

  /** What a node recorded, as other nodes replay it. */
  public enum Event {
    /** An attempt from an address (key: the address) started. */
    ATTEMPT,
    /** A login for an account (key: the account) failed. */
    FAILURE,
    /** A login for an account (key: the account) succeeded: its failures are cleared. */
    SUCCESS,
    /** The attempt from an address (key: the address) that started at {@code atMillis} succeeded: not counted. */
    FORGIVEN
  }

  /** Receives every event recorded on this node (to share it with the other nodes). Must not block. */
  @FunctionalInterface
  public interface Replicator {
    /** {@code key} is the normalised account or address, {@code atMillis} the clock time of the event. */
    void recorded(Event event, String key, long atMillis);
  }

  private volatile Replicator replicator = (e, k, t) -> { };

  private final Clock clock;
  private final int maxFailuresPerAccount;
  private final int maxAttemptsPerAddress;
  private final long windowMillis;
  private final Cache<String, ArrayDeque<Long>> accountFailures;
  private final Cache<String, ArrayDeque<Long>> addressAttempts;

  /** With the default limits. */
  public LoginThrottle(Clock clock) {
    this(clock, DEFAULT_FAILURES_PER_ACCOUNT, DEFAULT_ATTEMPTS_PER_ADDRESS, DEFAULT_WINDOW);
  }

  /** With the given limits; each must be at least 1 and the window positive. */
  public LoginThrottle(Clock clock, int maxFailuresPerAccount, int maxAttemptsPerAddress, Duration window) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxFailuresPerAccount < 1) {
      throw new IllegalArgumentException("login failures per account must be at least 1, got " + maxFailuresPerAccount);
    }
    if (maxAttemptsPerAddress < 1) {
      throw new IllegalArgumentException("login attempts per address must be at least 1, got " + maxAttemptsPerAddress);
    }
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("login throttle window must be positive, got " + window);
    }
    this.maxFailuresPerAccount = maxFailuresPerAccount;
    this.maxAttemptsPerAddress = maxAttemptsPerAddress;
    this.windowMillis = window.toMillis();
    this.accountFailures = newCache(window);
    this.addressAttempts = newCache(window);
  }

  private Cache<String, ArrayDeque<Long>> newCache(Duration window) {
    return Caffeine.newBuilder()
        .maximumSize(MAX_KEYS)
        .expireAfterAccess(window)
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
        .build();
  }

  /** Whether a login for this account from this address may be attempted now. */
  public Decision check(String account, String address) {
    long now = clock.millis();
    long accountWait = wait(accountFailures, accountKey(account), maxFailuresPerAccount, now);
    long addressWait = wait(addressAttempts, addressKey(address), maxAttemptsPerAddress, now);
    long waitMillis = Math.max(accountWait, addressWait);
    if (waitMillis <= 0) {
      return Decision.ALLOW;
    }
    return new Decision(false, Math.max(1, (waitMillis + 999) / 1000));
  }

  /**
   * Counts an attempt from this address (call it for every login that passed {@link #check}).
   *
   * @return the attempt's time (clock millis), to hand to {@link #recordSuccess(String, String, long)}
   */
  public long recordAttempt(String address) {
    long now = clock.millis();
    record(addressAttempts, addressKey(address), maxAttemptsPerAddress, now);
    replicator.recorded(Event.ATTEMPT, addressKey(address), now);
    return now;
  }

  /** Counts a failed login for this account. */
  public void recordFailure(String account) {
    long now = clock.millis();
    record(accountFailures, accountKey(account), maxFailuresPerAccount, now);
    replicator.recorded(Event.FAILURE, accountKey(account), now);
  }

  /** Clears the account's failures after a successful login. */
  public void recordSuccess(String account) {
    accountFailures.invalidate(accountKey(account));
    replicator.recorded(Event.SUCCESS, accountKey(account), clock.millis());
  }

  /**
   * A successful login: clears the account's failures and forgives the attempt from {@code address} that
   * started at {@code attemptAt} (the value {@link #recordAttempt} returned), so it no longer counts against
   * the address.
   */
  public void recordSuccess(String account, String address, long attemptAt) {
    recordSuccess(account);
    forgive(addressKey(address), attemptAt);
    replicator.recorded(Event.FORGIVEN, addressKey(address), attemptAt);
  }

  private void forgive(String key, long attemptAt) {
    addressAttempts.asMap().computeIfPresent(key, (k, times) -> {
      times.removeLastOccurrence(attemptAt);
      return times.isEmpty() ? null : times;
    });
  }

  /** Shares this node's events through {@code replicator} from now on. */
  public void replicateTo(Replicator replicator) {
    this.replicator = java.util.Objects.requireNonNull(replicator, "replicator");
  }

  /**
   * Replays an event another node recorded ({@code key} already normalised); not replicated again.
   * An event older than the window is ignored.
   */
  public void apply(Event event, String key, long atMillis) {
    switch (event) {
      case ATTEMPT -> record(addressAttempts, key, maxAttemptsPerAddress, atMillis);
      case FAILURE -> record(accountFailures, key, maxFailuresPerAccount, atMillis);
      case SUCCESS -> accountFailures.invalidate(key);
      case FORGIVEN -> forgive(key, atMillis);
    }
  }

  private long wait(Cache<String, ArrayDeque<Long>> cache, String key, int limit, long now) {
    long[] wait = {0};
    cache.asMap().computeIfPresent(key, (k, times) -> {
      prune(times, now);
      if (times.size() >= limit) {
        wait[0] = times.peekFirst() + windowMillis - now;
      }
      return times.isEmpty() ? null : times;
    });
    return wait[0];
  }

  private void record(Cache<String, ArrayDeque<Long>> cache, String key, int limit, long at) {
    long now = Math.max(clock.millis(), at);
    if (at + windowMillis <= now) {
      return;
    }
    cache.asMap().compute(key, (k, times) -> {
      ArrayDeque<Long> out = times == null ? new ArrayDeque<>() : times;
      prune(out, now);
      // keep the times ordered: a replicated event may be slightly older than the newest one here
      java.util.List<Long> sorted = new java.util.ArrayList<>(out);
      sorted.add(at);
      java.util.Collections.sort(sorted);
      out.clear();
      out.addAll(sorted);
      while (out.size() > limit) {
        out.removeFirst();
      }
      return out;
    });
  }

  private void prune(ArrayDeque<Long> times, long now) {
    while (!times.isEmpty() && times.peekFirst() + windowMillis <= now) {
      times.removeFirst();
    }
  }

  private static String accountKey(String account) {
    return account == null ? "" : account.strip().toLowerCase(Locale.ROOT);
  }

  private static String addressKey(String address) {
    return address == null ? "unknown" : address;
  }
}
