-- One-time codes (R-ACC-1): only a keyed hash of each code is stored. The rows are
-- also the rate-limit counters (codes per target and per IP within the window).
-- Times are Unix milliseconds.
CREATE TABLE one_time_codes (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    target TEXT NOT NULL,
    purpose TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    consumed_at BIGINT,
    requester_ip TEXT NOT NULL
);
CREATE INDEX one_time_codes_target ON one_time_codes (target, created_at);
CREATE INDEX one_time_codes_ip ON one_time_codes (requester_ip, created_at);
CREATE INDEX one_time_codes_created_at ON one_time_codes (created_at);
