-- Issue 8: members join a brand by invitation. An owner invites an e-mail with a role; the answer is the
-- same whether or not that e-mail has an account. Only when the invitee accepts (a new account sets its
-- password, an existing one proves it) is the membership created. The accept token is stored only as its
-- SHA-256 (token_hash); a row is pending while accepted_at and revoked_at are NULL and expires_at is ahead.
CREATE TABLE brand_invitations (
  id           VARCHAR(36)  NOT NULL,
  brand_id     VARCHAR(36)  NOT NULL,
  email        VARCHAR(320) NOT NULL,
  role         VARCHAR(16)  NOT NULL,
  token_hash   VARCHAR(64)  NOT NULL,
  created_by   VARCHAR(36)  NOT NULL,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  accepted_at  TIMESTAMP WITH TIME ZONE,
  accepted_by  VARCHAR(36),
  revoked_at   TIMESTAMP WITH TIME ZONE,
  CONSTRAINT brand_invitations_pk PRIMARY KEY (id),
  CONSTRAINT brand_invitations_token_uq UNIQUE (token_hash),
  CONSTRAINT brand_invitations_brand_fk FOREIGN KEY (brand_id) REFERENCES brands (id) ON DELETE CASCADE,
  CONSTRAINT brand_invitations_role_ck CHECK (role IN ('owner', 'editor', 'moderator')),
  CONSTRAINT brand_invitations_email_lower_ck CHECK (email = LOWER(email))
);
CREATE INDEX brand_invitations_brand_idx ON brand_invitations (brand_id, email);
