-- New session token on a privilege change (R-ACC-3): a change marks the user's
-- sessions (renewal_due); the next request of a marked session gets a new token.
-- The replaced token's hash stays for a short grace (renewed_at) so that requests
-- already in flight with it are still served. Times are Unix milliseconds.
ALTER TABLE sessions ADD COLUMN renewal_due INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN previous_token_hash TEXT;
ALTER TABLE sessions ADD COLUMN renewed_at INTEGER;
CREATE INDEX sessions_previous_token_hash ON sessions (previous_token_hash);
