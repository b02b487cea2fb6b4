-- Moderation that closes the loop (issue 10): held replies, releases to the audience, claims as
-- leases, per-brand SLA and claiming settings, resumable conversations.
-- Portable SQL (H2 2.x and PostgreSQL 15). Existing rows keep their data.

-- moderation_items
--   moderator_decision  the moderator's act (approve|edit|reject|dismiss|confirm_block|let_through);
--                       the existing column 'decision' is the guard's verdict (allow|rewrite|flag|block)
--   conversation_id     the conversation a chat item belongs to; releases are delivered to it
--   reply_to            the audience message id the item answers (the held frame's replyTo)
--   held                true when the audience waits for the decision (a flagged reply)
--   persona_version     the persona version that produced the item
--   due_at              held items: when the brand's SLA runs out (then status 'expired')
--   claim_expires_at    end of the current claim's lease; after it another moderator may take over
--   reason_rule         the decision's reason: a rule id from the item's findings (or 'other')
--   release_text        what the audience gets on release (original, edited text or closing line)
--   released_at         when the release reached the audience (NULL until delivered)
ALTER TABLE moderation_items ADD COLUMN moderator_decision VARCHAR(16);
ALTER TABLE moderation_items ADD COLUMN conversation_id VARCHAR(36);
ALTER TABLE moderation_items ADD COLUMN reply_to VARCHAR(100);
ALTER TABLE moderation_items ADD COLUMN held BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE moderation_items ADD COLUMN persona_version INTEGER;
ALTER TABLE moderation_items ADD COLUMN due_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE moderation_items ADD COLUMN claim_expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE moderation_items ADD COLUMN reason_rule VARCHAR(100);
ALTER TABLE moderation_items ADD COLUMN release_text TEXT;
ALTER TABLE moderation_items ADD COLUMN released_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE moderation_items DROP CONSTRAINT moderation_items_status_ck;
ALTER TABLE moderation_items ADD CONSTRAINT moderation_items_status_ck CHECK (status IN ('open', 'claimed',
  'approved', 'edited', 'rejected', 'expired', 'dismissed', 'block_confirmed', 'let_through'));
UPDATE moderation_items SET claim_expires_at = claimed_at WHERE status = 'claimed';
CREATE INDEX moderation_items_conversation_idx ON moderation_items (conversation_id);
CREATE INDEX moderation_items_due_idx ON moderation_items (status, due_at);

-- Per-brand moderation settings; a brand without a row uses the server's defaults.
--   claiming       'off' (no claims), 'optional' (claim to signal work; deciding open items is fine),
--                  'required' (only the holder of a live claim may decide)
--   sla_seconds    how long a held reply may wait before it ends with the closing line
--   lease_seconds  how long a claim lasts without renewal
CREATE TABLE moderation_settings (
  brand_id       VARCHAR(36) NOT NULL,
  claiming       VARCHAR(8)  NOT NULL,
  sla_seconds    INTEGER     NOT NULL,
  lease_seconds  INTEGER     NOT NULL,
  updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT moderation_settings_pk PRIMARY KEY (brand_id),
  CONSTRAINT moderation_settings_brand_fk FOREIGN KEY (brand_id) REFERENCES brands (id) ON DELETE CASCADE,
  CONSTRAINT moderation_settings_claiming_ck CHECK (claiming IN ('off', 'optional', 'required')),
  CONSTRAINT moderation_settings_sla_ck CHECK (sla_seconds > 0),
  CONSTRAINT moderation_settings_lease_ck CHECK (lease_seconds > 0)
);

-- Resume tokens of live conversations: only the SHA-256 of the token is stored.
CREATE TABLE live_resume_tokens (
  token_hash       VARCHAR(64) NOT NULL,
  conversation_id  VARCHAR(36) NOT NULL,
  persona_id       VARCHAR(36) NOT NULL,
  created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT live_resume_tokens_pk PRIMARY KEY (token_hash),
  CONSTRAINT live_resume_tokens_conversation_fk FOREIGN KEY (conversation_id) REFERENCES conversations (id)
);
CREATE INDEX live_resume_tokens_conversation_idx ON live_resume_tokens (conversation_id);

-- Transcript rows are now of three kinds: 'turn' (an audience message and the persona's answer),
-- 'release' (a moderator's decision delivered later; audience_text is empty) and the decision
-- column may hold a moderator decision for releases.
ALTER TABLE transcript_turns ADD COLUMN kind VARCHAR(8) DEFAULT 'turn' NOT NULL;
ALTER TABLE transcript_turns ALTER COLUMN decision SET DATA TYPE VARCHAR(16);
