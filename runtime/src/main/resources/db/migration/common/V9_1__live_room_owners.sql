-- Cluster mode (issue 14): who hosts each live room, fenced by an epoch.
-- A node becomes a room's owner while holding the room's cluster lock; it then bumps epoch here and
-- every write it makes for the room (accepting a question) is conditional on that epoch still being
-- current, so a stale owner (paused, partitioned, its lock taken over) is refused. The epoch lives in
-- the shared database, not only in the cluster, so it keeps growing across full cluster restarts and
-- room message ids made from it ("r<epoch>-<seq>") never repeat.
CREATE TABLE live_room_owners (
  room_key     VARCHAR(200) NOT NULL,
  epoch        BIGINT       NOT NULL,
  owner_node   VARCHAR(100) NOT NULL,
  acquired_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  fenced_at    TIMESTAMP WITH TIME ZONE,
  CONSTRAINT live_room_owners_pk PRIMARY KEY (room_key)
);
