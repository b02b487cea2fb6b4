-- Posts (issue 11): drafts per platform, review, scheduling, the publishing outbox, channels
-- and provenance. Portable SQL (H2 2.x and PostgreSQL 15). JSON is stored as TEXT; ids are
-- UUID strings; timestamps are UTC instants.

-- One logical post: a brief drafted by a persona for several platforms. Its status is derived
-- from its variants (see PostStatus). scheduled_at is the UTC instant; zone the IANA zone the
-- person scheduled in (shown back; never used to recompute the instant).
CREATE TABLE posts (
  id               VARCHAR(36)  NOT NULL,
  brand_id         VARCHAR(36)  NOT NULL,
  persona_id       VARCHAR(36)  NOT NULL,
  persona_slug     VARCHAR(100) NOT NULL,
  persona_version  INTEGER      NOT NULL,
  author_id        VARCHAR(36)  NOT NULL,
  brief            TEXT         NOT NULL,
  language         VARCHAR(8)   NOT NULL,
  sponsored        BOOLEAN      NOT NULL,
  scheduled_at     TIMESTAMP WITH TIME ZONE,
  zone             VARCHAR(64),
  created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT posts_pk PRIMARY KEY (id)
);
CREATE INDEX posts_brand_idx ON posts (brand_id, created_at);

-- One variant per platform. text_sha256 is the SHA-256 (hex) of the NFC UTF-8 text; approvals
-- bind to it. blocking: a finding that forbids approval (guard block, a limit that cannot be met).
-- needs_approval: a person other than the author must approve this exact text before it is
-- scheduled (review policy 'always', or the guard flagged it).
CREATE TABLE post_variants (
  id                  VARCHAR(36)  NOT NULL,
  post_id             VARCHAR(36)  NOT NULL,
  brand_id            VARCHAR(36)  NOT NULL,
  platform            VARCHAR(16)  NOT NULL,
  status              VARCHAR(16)  NOT NULL,
  text                TEXT         NOT NULL,
  text_sha256         VARCHAR(64)  NOT NULL,
  verdict             VARCHAR(8)   NOT NULL,
  findings            TEXT         NOT NULL,
  blocking            BOOLEAN      NOT NULL,
  needs_approval      BOOLEAN      NOT NULL,
  text_length         INTEGER      NOT NULL,
  length_limit        INTEGER      NOT NULL,
  labels              TEXT         NOT NULL,
  platform_flags      TEXT         NOT NULL,
  generator           TEXT         NOT NULL,
  moderation_item_id  VARCHAR(36),
  last_error          TEXT,
  published_at        TIMESTAMP WITH TIME ZONE,
  created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT post_variants_pk PRIMARY KEY (id),
  CONSTRAINT post_variants_post_fk FOREIGN KEY (post_id) REFERENCES posts (id),
  CONSTRAINT post_variants_platform_uq UNIQUE (post_id, platform),
  CONSTRAINT post_variants_status_ck CHECK (status IN ('draft', 'in_review', 'approved', 'rejected', 'scheduled',
    'publishing', 'published', 'failed', 'cancelled'))
);
CREATE INDEX post_variants_post_idx ON post_variants (post_id);

-- An approval is of one exact text: it counts only while text_sha256 equals the variant's.
CREATE TABLE post_approvals (
  id           VARCHAR(36) NOT NULL,
  variant_id   VARCHAR(36) NOT NULL,
  user_id      VARCHAR(36) NOT NULL,
  text_sha256  VARCHAR(64) NOT NULL,
  at           TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT post_approvals_pk PRIMARY KEY (id),
  CONSTRAINT post_approvals_variant_fk FOREIGN KEY (variant_id) REFERENCES post_variants (id)
);
CREATE INDEX post_approvals_variant_idx ON post_approvals (variant_id);

CREATE TABLE post_comments (
  id          VARCHAR(36) NOT NULL,
  post_id     VARCHAR(36) NOT NULL,
  variant_id  VARCHAR(36),
  user_id     VARCHAR(36) NOT NULL,
  body        TEXT        NOT NULL,
  at          TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT post_comments_pk PRIMARY KEY (id),
  CONSTRAINT post_comments_post_fk FOREIGN KEY (post_id) REFERENCES posts (id)
);
CREATE INDEX post_comments_post_idx ON post_comments (post_id, at);

-- Where a brand's posts are delivered (Standard Webhooks). platform '*' receives every platform.
-- secret is the whsec_ signing secret (shown once to the brand). A 410 answer disables a channel.
CREATE TABLE publish_channels (
  id               VARCHAR(36)   NOT NULL,
  brand_id         VARCHAR(36)   NOT NULL,
  platform         VARCHAR(16)   NOT NULL,
  url              VARCHAR(2048) NOT NULL,
  secret           VARCHAR(200)  NOT NULL,
  status           VARCHAR(16)   NOT NULL,
  disabled_reason  TEXT,
  created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT publish_channels_pk PRIMARY KEY (id),
  CONSTRAINT publish_channels_status_ck CHECK (status IN ('active', 'disabled', 'deleted'))
);
CREATE INDEX publish_channels_brand_idx ON publish_channels (brand_id, status);

-- The transactional outbox: one row per (variant, channel), written in the transaction that
-- schedules the variant. webhook_id is the idempotency key receivers de-duplicate on; body is
-- fixed when the row is written, so every retry sends the same bytes. A relay claims due rows
-- (lease_owner/lease_until; FOR UPDATE SKIP LOCKED on PostgreSQL) and delivers at least once.
CREATE TABLE publish_outbox (
  id            VARCHAR(36) NOT NULL,
  brand_id      VARCHAR(36) NOT NULL,
  post_id       VARCHAR(36) NOT NULL,
  variant_id    VARCHAR(36) NOT NULL,
  channel_id    VARCHAR(36) NOT NULL,
  webhook_id    VARCHAR(64) NOT NULL,
  body          TEXT        NOT NULL,
  status        VARCHAR(16) NOT NULL,
  due_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  attempts      INTEGER     NOT NULL,
  lease_owner   VARCHAR(64),
  lease_until   TIMESTAMP WITH TIME ZONE,
  last_status   INTEGER,
  last_error    TEXT,
  delivered_at  TIMESTAMP WITH TIME ZONE,
  created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT publish_outbox_pk PRIMARY KEY (id),
  CONSTRAINT publish_outbox_webhook_uq UNIQUE (webhook_id),
  CONSTRAINT publish_outbox_delivery_uq UNIQUE (variant_id, channel_id),
  CONSTRAINT publish_outbox_status_ck CHECK (status IN ('pending', 'delivered', 'dead', 'cancelled'))
);
CREATE INDEX publish_outbox_due_idx ON publish_outbox (status, due_at);
CREATE INDEX publish_outbox_variant_idx ON publish_outbox (variant_id);

-- Signed provenance records, one per published variant (record = the JSON signed, jws = compact JWS).
CREATE TABLE provenance_records (
  variant_id  VARCHAR(36)  NOT NULL,
  record      TEXT         NOT NULL,
  jws         TEXT         NOT NULL,
  kid         VARCHAR(100) NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT provenance_records_pk PRIMARY KEY (variant_id)
);

-- Every public signing key ever used (so records signed before a rotation still verify).
CREATE TABLE provenance_keys (
  kid         VARCHAR(100) NOT NULL,
  public_jwk  TEXT         NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT provenance_keys_pk PRIMARY KEY (kid)
);
