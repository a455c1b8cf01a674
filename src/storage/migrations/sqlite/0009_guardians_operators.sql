-- Guardian consent for children under 14 (R-MINOR-1), operator accounts, and the
-- persistent sign-in / code-verification failure counters (R-ACC-1, R-ACC-3).
-- Times are Unix milliseconds.
-- A pending child's request: where the guardian is reached and the link's token.
-- Deleted on confirmation or with the account (7 days unconfirmed).
CREATE TABLE guardian_requests (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    guardian_contact TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    request_token TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX guardian_requests_expires_at ON guardian_requests (expires_at);
-- The proof kept after a guardian confirmed: masked and hashed contact only. Like
-- consents, no foreign key: closing the account does not silently delete the proof.
CREATE TABLE guardian_consents (
    user_id INTEGER PRIMARY KEY,
    guardian_masked TEXT NOT NULL,
    guardian_hash TEXT NOT NULL,
    consent_id INTEGER NOT NULL,
    confirmed_at INTEGER NOT NULL
);
CREATE TABLE operators (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    granted_at INTEGER NOT NULL,
    granted_by TEXT NOT NULL
);
-- One row per failed attempt; key_hash is SHA-256 of the scope and the key (an IP
-- address or a sign-in target). Counted within the limit's window, so limits
-- survive restarts and hold across processes.
CREATE TABLE attempt_failures (
    id INTEGER PRIMARY KEY,
    scope TEXT NOT NULL,
    key_hash TEXT NOT NULL,
    failed_at INTEGER NOT NULL
);
CREATE INDEX attempt_failures_key ON attempt_failures (scope, key_hash, failed_at);
CREATE INDEX attempt_failures_failed_at ON attempt_failures (failed_at);
