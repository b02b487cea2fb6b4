package com.personaruntime.runtime.cluster;

import com.personaruntime.runtime.storage.Database;
import com.personaruntime.runtime.storage.Sql;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Lock;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One owner per live room, cluster-wide: a cluster lock plus an epoch as a fencing token.
 *
 * <p>{@link #tryAcquire} takes the room's lock from Vert.x shared data (a Hazelcast map lock when clustered,
 * released by the cluster when its holder dies; a local lock otherwise), then bumps the room's epoch in the
 * shared database ({@code live_room_owners}). The lock alone is not enough (REFERENCE.md: any node can
 * force-unlock it, and a paused owner does not know it lost it), so every write the owner makes for its room
 * first passes {@link Lease#fence()}: an update conditional on the epoch still being the room's current
 * one. A stale owner's fence fails and it must step down. The epoch is kept in the database rather than a
 * cluster counter so that it survives a restart of the whole cluster (ids built from it stay unique).
 *
 * <p>Thread-safe; the futures complete on the caller's context.
 */
public final class RoomOwnership {

    /** Prefix of the lock names in Vert.x shared data. */
    static final String LOCK_PREFIX = "persona.room.owner.";

    private final Vertx vertx;
    private final Database db;
    private final Clock clock;
    private final String nodeId;

    /**
     * @param nodeId this node's name in {@code live_room_owners.owner_node} (the cluster node id, or a
     *               random id on a single node)
     */
    public RoomOwnership(Vertx vertx, Database db, Clock clock, String nodeId) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
    }

    /** This node's id. */
    public String nodeId() {
        return nodeId;
    }

    /**
     * Tries to become the owner of {@code roomKey}, waiting at most {@code waitMillis} for the lock.
     *
     * @return the lease, or empty when another node holds the room; fails when the database cannot record
     *         the new epoch (the lock is released again then)
     */
    public Future<Optional<Lease>> tryAcquire(String roomKey, long waitMillis) {
        return vertx.sharedData().getLockWithTimeout(LOCK_PREFIX + roomKey, waitMillis)
                .transform(ar -> {
                    if (ar.failed()) {
                        return Future.succeededFuture(Optional.<Lease>empty());
                    }
                    Lock lock = ar.result();
                    return bumpEpoch(roomKey)
                            .map(epoch -> Optional.of(new Lease(roomKey, epoch, lock)))
                            .onFailure(err -> lock.release());
                });
    }

    /** The room's current epoch in the database (0 when it was never owned). */
    public Future<Long> currentEpoch(String roomKey) {
        return db.pool().preparedQuery("SELECT epoch FROM live_room_owners WHERE room_key = ?")
                .execute(Tuple.of(roomKey))
                .map(rows -> Sql.first(rows, r -> Sql.longValue(r, "epoch")).orElse(0L));
    }

    private Future<Long> bumpEpoch(String roomKey) {
        var now = Sql.ts(clock.instant());
        return db.pool().preparedQuery(
                        "UPDATE live_room_owners SET epoch = epoch + 1, owner_node = ?, acquired_at = ?, fenced_at = NULL"
                                + " WHERE room_key = ?")
                .execute(Tuple.of(nodeId, now, roomKey))
                .compose(updated -> updated.rowCount() == 1 ? Future.succeededFuture()
                        : db.pool().preparedQuery("INSERT INTO live_room_owners (room_key, epoch, owner_node, acquired_at)"
                                        + " VALUES (?, 1, ?, ?)")
                                .execute(Tuple.of(roomKey, nodeId, now)).mapEmpty())
                .compose(v -> currentEpoch(roomKey));
    }

    /** Ownership of one room at one epoch. Release it when the room closes here. */
    public final class Lease {
        private final String roomKey;
        private final long epoch;
        private final Lock lock;
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease(String roomKey, long epoch, Lock lock) {
            this.roomKey = roomKey;
            this.epoch = epoch;
            this.lock = lock;
        }

        /** The room. */
        public String roomKey() {
            return roomKey;
        }

        /** The fencing token: grows by one at every change of owner, never repeats. */
        public long epoch() {
            return epoch;
        }

        /**
         * Checks, with a write, that this lease is still the room's current ownership.
         *
         * @return true when the owner may go on writing; false when a newer owner took the room (this node
         *         must step down and must not write for the room any more)
         */
        public Future<Boolean> fence() {
            return db.pool().preparedQuery(
                            "UPDATE live_room_owners SET fenced_at = ? WHERE room_key = ? AND epoch = ?")
                    .execute(Tuple.of(Sql.ts(clock.instant()), roomKey, epoch))
                    .map(rows -> rows.rowCount() == 1);
        }

        /** Gives the room up (its lock), once; other nodes' candidates may then take it. */
        public void release() {
            if (released.compareAndSet(false, true)) {
                lock.release();
            }
        }

        /** Whether {@link #release} was called. */
        public boolean released() {
            return released.get();
        }

        @Override
        public String toString() {
            return "Lease[" + roomKey + ", epoch " + epoch + ", node " + nodeId + "]";
        }
    }
}
