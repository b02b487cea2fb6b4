package com.personaruntime.runtime.cluster;

import static com.personaruntime.runtime.storage.TestDb.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.personaruntime.runtime.storage.Backend;
import com.personaruntime.runtime.storage.DbContract;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Room ownership on each backend: one holder of a room's lock at a time, an epoch that grows with every
 * new owner, and a stale owner's fenced write refused once a newer owner took the room.
 */
abstract class RoomOwnershipContract extends DbContract {

  private RoomOwnership node(String id) {
    return new RoomOwnership(t.vertx, db, clock, id);
  }

  @Test
  void oneOwnerAtATimeAndTheEpochGrowsWithEachOwner() {
    String room = unique("linh.stage");
    RoomOwnership a = node("node-a");
    RoomOwnership b = node("node-b");

    RoomOwnership.Lease first = await(a.tryAcquire(room, 50)).orElseThrow();
    assertThat(first.epoch()).isEqualTo(1);
    assertThat(await(b.tryAcquire(room, 50))).as("held by node-a").isEmpty();

    first.release();
    RoomOwnership.Lease second = await(b.tryAcquire(room, 1000)).orElseThrow();
    assertThat(second.epoch()).isEqualTo(2);
    assertThat(await(a.currentEpoch(room))).isEqualTo(2);
    second.release();
  }

  @Test
  void aStaleOwnerCannotWriteOnceANewerOwnerTookTheRoom() {
    String room = unique("milo.cafe");
    RoomOwnership a = node("node-a");
    RoomOwnership b = node("node-b");
    RoomOwnership.Lease stale = await(a.tryAcquire(room, 50)).orElseThrow();
    assertThat(await(stale.fence())).isTrue();

    // node-a loses the lock without noticing (paused, partitioned, force-unlocked): node-b takes over.
    stale.release();
    RoomOwnership.Lease current = await(b.tryAcquire(room, 1000)).orElseThrow();

    assertThat(await(stale.fence())).as("the stale owner's write is refused").isFalse();
    assertThat(await(current.fence())).as("the current owner writes").isTrue();
    current.release();
  }

  @Test
  void releasingTwiceIsHarmlessAndAnUnknownRoomHasEpochZero() {
    String room = unique("x.y");
    RoomOwnership a = node("node-a");
    assertThat(await(a.currentEpoch(room))).isZero();
    RoomOwnership.Lease l = await(a.tryAcquire(room, 50)).orElseThrow();
    l.release();
    l.release();
    Optional<RoomOwnership.Lease> again = await(a.tryAcquire(room, 50));
    assertThat(again).isPresent();
    assertThat(again.get().epoch()).isEqualTo(2);
    again.get().release();
  }
}

class RoomOwnershipH2Test extends RoomOwnershipContract {
  @Override
  protected Backend backend() {
    return Backend.H2;
  }
}

class RoomOwnershipPostgresTest extends RoomOwnershipContract {
  @Override
  protected Backend backend() {
    return Backend.POSTGRESQL;
  }
}
