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

  @Test
  void usageReportedByAnotherNodeCountsAgainstTheSameAddressHere() {
    AudienceLimits a = new AudienceLimits(new AudienceLimits.Options(3, 100, 4, 2), clock);
    AudienceLimits b = new AudienceLimits(new AudienceLimits.Options(3, 100, 4, 2), clock);
    a.drainUsage(false); // a sync is attached: usage is recorded from now on
    List<AudienceLimits.Lease> held = new ArrayList<>();
    held.add(a.admit("x").lease());
    held.add(a.admit("x").lease());
    assertThat(a.tryMessage("x")).isTrue();
    assertThat(a.tryMessage("x")).isTrue();
    assertThat(a.tryMessage("x")).isTrue();
    assertThat(a.tryModerationItem("x")).isTrue();
    b.applyRemote("node-a", a.drainUsage(false));

    // two sockets on node a: one more here, then the address is full across both nodes
    assertThat(b.remoteConnections("x")).isEqualTo(2);
    assertThat(b.admit("x").admitted()).isTrue();
    assertThat(b.admit("x").refusal()).isEqualTo(AudienceLimits.Refusal.TOO_MANY_CONNECTIONS_FROM_ADDRESS);
    assertThat(b.admit("y").admitted()).as("another address is not affected").isTrue();
    // three of four messages and one of two items were taken on node a
    assertThat(b.tryMessage("x")).isTrue();
    assertThat(b.tryMessage("x")).isFalse();
    assertThat(b.tryModerationItem("x")).isTrue();
    assertThat(b.tryModerationItem("x")).isFalse();

    // node a's sockets close: its next report says so, and b admits again
    held.forEach(AudienceLimits.Lease::release);
    AudienceLimits.Usage closed = a.drainUsage(false);
    assertThat(closed.connections()).containsEntry("x", 0);
    b.applyRemote("node-a", closed);
    assertThat(b.admit("x").admitted()).isTrue();
    assertThat(a.drainUsage(false).isEmpty()).as("nothing new to report").isTrue();
  }

  @Test
  void aFullReportReplacesWhatWasKnownOfThatNodeAndASilentNodeIsForgotten() {
    AudienceLimits a = new AudienceLimits(new AudienceLimits.Options(2, 100, 100, 100), clock);
    AudienceLimits b = new AudienceLimits(new AudienceLimits.Options(2, 100, 100, 100), clock);
    a.drainUsage(false);
    a.admit("x");
    a.admit("x");
    a.drainUsage(false); // this report is lost: b joins later
    assertThat(b.admit("x").admitted()).isTrue();
    b.applyRemote("node-a", a.drainUsage(true));
    assertThat(b.remoteConnections("x")).isEqualTo(2);
    assertThat(b.admit("x").admitted()).isFalse();
    b.forgetNode("node-a");
    assertThat(b.remoteConnections("x")).isZero();
    assertThat(b.admit("x").admitted()).isTrue();
  }
}
