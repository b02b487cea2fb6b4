-- Issue 8: an API token minted with another API token records its parent, so that it can never
-- outlive (expiry capped at the parent's) or survive (revocation cascades) the token that made it.
ALTER TABLE api_tokens ADD COLUMN parent_token_id VARCHAR(36);
CREATE INDEX api_tokens_parent_ix ON api_tokens (parent_token_id);
