-- Audience insights (issue 15): signals of every transcript turn, and per-brand settings.
-- Portable SQL (H2 2.x and PostgreSQL 15).

-- One row per transcript turn, computed off the event loop after the turn is stored. Deleted
-- with its turn (retention). No IP address is ever stored: audience_id is an HMAC-SHA256 of the
-- browser id or conversation (resume) id under the brand's own salt, so ids cannot be joined
-- across brands.
CREATE TABLE turn_signals (
  turn_id           BIGINT       NOT NULL,
  brand_id          VARCHAR(36)  NOT NULL,
  persona_id        VARCHAR(36)  NOT NULL,
  conversation_id   VARCHAR(36)  NOT NULL,
  room              VARCHAR(100),
  audience_id       VARCHAR(32),
  audience_name     VARCHAR(60),
  language          VARCHAR(8),
  sentiment         VARCHAR(8)   NOT NULL,
  sentiment_score   DOUBLE PRECISION NOT NULL,
  sentiment_manual  VARCHAR(8),
  corrected_by      VARCHAR(320),
  corrected_at      TIMESTAMP WITH TIME ZONE,
  intent            VARCHAR(32)  NOT NULL,
  topic             VARCHAR(200),
  question          BOOLEAN      NOT NULL,
  answered          BOOLEAN,
  knowledge_score   DOUBLE PRECISION,
  response_ms       INTEGER,
  verdict           VARCHAR(8)   NOT NULL,
  embedding         TEXT,
  created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT turn_signals_pk PRIMARY KEY (turn_id),
  CONSTRAINT turn_signals_turn_fk FOREIGN KEY (turn_id) REFERENCES transcript_turns (id) ON DELETE CASCADE,
  CONSTRAINT turn_signals_sentiment_ck CHECK (sentiment IN ('positive', 'negative', 'neutral')),
  CONSTRAINT turn_signals_manual_ck CHECK (sentiment_manual IS NULL OR sentiment_manual IN ('positive', 'negative', 'neutral'))
);
CREATE INDEX turn_signals_persona_idx ON turn_signals (persona_id, created_at);
CREATE INDEX transcript_turns_brand_created_idx ON transcript_turns (brand_id, created_at);

-- Per brand: the salt of its pseudonymous audience ids and how long transcripts are kept.
CREATE TABLE insight_settings (
  brand_id        VARCHAR(36) NOT NULL,
  audience_salt   VARCHAR(64) NOT NULL,
  retention_days  INTEGER,
  updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT insight_settings_pk PRIMARY KEY (brand_id),
  CONSTRAINT insight_settings_brand_fk FOREIGN KEY (brand_id) REFERENCES brands (id) ON DELETE CASCADE,
  CONSTRAINT insight_settings_retention_ck CHECK (retention_days IS NULL OR retention_days > 0)
);
