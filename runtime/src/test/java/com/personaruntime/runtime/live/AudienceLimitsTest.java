package com.personaruntime.runtime.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-address and global audience limits, with a clock moved by hand. */
class AudienceLimitsTest {
  private Instant now = Instant.parse("2026-11-30T10:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };

  @Test
  void connectionsAreCountedPerAddressAndInAllAndReleasedOnce() {
    AudienceLimits limits = new AudienceLimits(new AudienceLimits.Options(3, 5, 10, 10), clock);
    List<AudienceLimits.Lease> a = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      a.add(limits.admit("198.51.100.7").lease());
    }
    assertThat(limits.admit("198.51.100.7").refusal())
        .isEqualTo(AudienceLimits.Refusal.TOO_MANY_CONNECTIONS_FROM_ADDRESS);
    assertThat(limits.admit("203.0.113.9").admitted()).isTrue();
    assertThat(limits.admit("203.0.113.10").admitted()).isTrue();
    assertThat(limits.admit("203.0.113.11").refusal()).isEqualTo(AudienceLimits.Refusal.SERVER_FULL);
    a.get(0).release();
    a.get(0).release(); // twice counts once
    assertThat(limits.connections("198.51.100.7")).isEqualTo(2);
    assertThat(limits.connections()).isEqualTo(4);
    assertThat(limits.admit("198.51.100.7").admitted()).isTrue();
  }

  @Test
  void messagesAreBudgetedPerAddressAcrossSocketsAndRefillOverAMinute() {
    AudienceLimits limits = new AudienceLimits(new AudienceLimits.Options(100, 100, 6, 10), clock);
    for (int i = 0; i < 6; i++) {
      assertThat(limits.tryMessage("198.51.100.7")).isTrue();
    }
    assertThat(limits.tryMessage("198.51.100.7")).isFalse();
    assertThat(limits.tryMessage("198.51.100.8")).as("another address has its own budget").isTrue();
    now = now.plus(Duration.ofSeconds(10)); // 6 a minute: one message back every 10 s
    assertThat(limits.tryMessage("198.51.100.7")).isTrue();
    assertThat(limits.tryMessage("198.51.100.7")).isFalse();
  }

  @Test
  void moderationItemsAreBudgetedPerAddressPerHour() {
    AudienceLimits limits = new AudienceLimits(new AudienceLimits.Options(100, 100, 100, 2), clock);
    assertThat(limits.tryModerationItem("a")).isTrue();
    assertThat(limits.tryModerationItem("a")).isTrue();
    assertThat(limits.tryModerationItem("a")).isFalse();
    now = now.plus(Duration.ofMinutes(30));
    assertThat(limits.tryModerationItem("a")).isTrue();
  }
}
