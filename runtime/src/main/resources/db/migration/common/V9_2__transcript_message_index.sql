-- Issue 14: a turn's signals are stored by (conversation_id, message_id) (InsightsStore.insert). With only
-- the (conversation_id, id) index that lookup scanned every turn of the conversation, so each new turn of
-- a long conversation (a 24/7 live room) cost more than the last: the server's CPU per reply rose
-- steadily during a 30-minute soak (docs/benchmarks.md).
CREATE INDEX transcript_turns_message_idx ON transcript_turns (conversation_id, message_id);
