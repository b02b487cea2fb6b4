package com.personaruntime.guardrails;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A bounded cache of compiled policies (Caffeine). Key them by persona id plus version, e.g.
 * {@code "linh@7"}, so a new persona version compiles a new policy; call {@link #invalidate}
 * when a change arrives over the event bus.
 */
public final class PolicyCache {
  private final Cache<String, Policy> cache;

  /** @param maximumSize the most policies kept */
  public PolicyCache(long maximumSize) {
    if (maximumSize <= 0) {
      throw new IllegalArgumentException("maximumSize: must be positive, was " + maximumSize);
    }
    this.cache = Caffeine.newBuilder().maximumSize(maximumSize).build();
  }

  /** @return the cached policy for {@code key}, compiling {@code config.get()} on a miss */
  public Policy get(String key, Supplier<PolicyConfig> config) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(config, "config");
    return cache.get(key, k -> Policies.compile(config.get()));
  }

  /** Drops the policy for {@code key}. */
  public void invalidate(String key) {
    cache.invalidate(key);
  }

  /** @return the approximate number of cached policies */
  public long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }
}
