package com.personaruntime.runtime.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.personaruntime.gateway.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private final MutableClock clock = MutableClock.start();

  @Test
  void aFullBucketAllowsItsCapacityAtOnceThenRefuses() {
    TokenBucket bucket = new TokenBucket(5, 0.5, clock);
    for (int i = 0; i < 5; i++) {
      assertThat(bucket.tryTake()).as("message %d", i).isTrue();
    }
    assertThat(bucket.tryTake()).isFalse();
  }

  @Test
  void refillsAtTheRateAndNeverAboveCapacity() {
    TokenBucket bucket = new TokenBucket(2, 0.5, clock);
    assertThat(bucket.tryTake()).isTrue();
    assertThat(bucket.tryTake()).isTrue();
    assertThat(bucket.tryTake()).isFalse();
    clock.advance(Duration.ofMillis(1999));
    assertThat(bucket.tryTake()).as("0.9995 tokens after 1999 ms").isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(bucket.tryTake()).as("one token after 2 s in total").isTrue();
    assertThat(bucket.tryTake()).isFalse();
    clock.advance(Duration.ofHours(1));
    assertThat(bucket.tryTake()).isTrue();
    assertThat(bucket.tryTake()).isTrue();
    assertThat(bucket.tryTake()).as("capped at capacity 2").isFalse();
  }

  @Test
  void refusedAttemptsDoNotConsumeTokens() {
    TokenBucket bucket = new TokenBucket(1, 1, clock);
    assertThat(bucket.tryTake()).isTrue();
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofMillis(50));
      assertThat(bucket.tryTake()).isFalse();
    }
    clock.advance(Duration.ofMillis(500));
    assertThat(bucket.tryTake()).as("1 s since the last token, whatever was refused meanwhile").isTrue();
  }

  @Test
  void aClockGoingBackwardsAddsNothing() {
    TokenBucket bucket = new TokenBucket(1, 1, clock);
    assertThat(bucket.tryTake()).isTrue();
    clock.advance(Duration.ofSeconds(-10));
    assertThat(bucket.tryTake()).isFalse();
    clock.advance(Duration.ofMillis(10_500));
    assertThat(bucket.tryTake()).as("only 0.5 s really passed since the last token").isFalse();
    clock.advance(Duration.ofMillis(500));
    assertThat(bucket.tryTake()).isTrue();
  }

  @Test
  void invalidSettingsAreNamed() {
    assertThatThrownBy(() -> new TokenBucket(0, 1, clock)).hasMessage("capacity must be at least 1, got 0");
    assertThatThrownBy(() -> new TokenBucket(1, 0, clock)).hasMessage("perSecond must be positive, got 0.0");
    assertThatThrownBy(() -> new TokenBucket(1, Double.NaN, clock)).hasMessage("perSecond must be positive, got NaN");
  }

  @Test
  void roomOptionsAreValidated() {
    assertThatThrownBy(() -> new LiveRooms.Options(0, 1000)).hasMessage("queueSize must be at least 1, got 0");
    assertThatThrownBy(() -> new LiveRooms.Options(1, 999))
        .hasMessage("disclosureMillis must be at least 1000, got 999");
  }
}
