-- Moderation decisions: a moderator claims an item, then approves, edits or rejects it.
-- Portable SQL (H2 2.x and PostgreSQL 15). Existing rows keep their data; the new columns
-- stay NULL until an item is claimed or decided.
--   claimed_by  user id of the moderator who claimed the item (status 'claimed')
--   claimed_at  when it was claimed
--   final_text  the text the moderator released: the original content on approve, the
--               moderator's text on edit, NULL on reject
--   note        the moderator's optional note on the decision
-- decided_by (V2) holds the deciding moderator's user id, decided_at when.

ALTER TABLE moderation_items ADD COLUMN claimed_by VARCHAR(320);
ALTER TABLE moderation_items ADD COLUMN claimed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE moderation_items ADD COLUMN final_text TEXT;
ALTER TABLE moderation_items ADD COLUMN note TEXT;
