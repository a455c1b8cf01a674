-- Privacy center (R-PRIV-2, R-PRIV-3, R-PRIV-8): policy versions, the consent
-- ledger, data exports and the hash-chained audit log. Times are Unix milliseconds.
-- consents and audit_log are append-only: the repositories never UPDATE or DELETE
-- them (only the retention job will, per the data map).
CREATE TABLE policy_versions (
    version BIGINT PRIMARY KEY,
    text TEXT NOT NULL,
    effective_at BIGINT NOT NULL,
    material INTEGER NOT NULL CHECK (material IN (0, 1)),
    published_at BIGINT NOT NULL,
    published_by TEXT NOT NULL
);
CREATE TABLE consents (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id BIGINT NOT NULL,
    purpose TEXT NOT NULL,
    granted INTEGER NOT NULL CHECK (granted IN (0, 1)),
    policy_version BIGINT NOT NULL,
    recorded_at BIGINT NOT NULL,
    method TEXT NOT NULL,
    jurisdiction TEXT NOT NULL
);
CREATE INDEX consents_user ON consents (user_id, id);
CREATE TABLE data_exports (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'ready', 'failed')),
    progress INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 100),
    created_at BIGINT NOT NULL,
    finished_at BIGINT,
    expires_at BIGINT,
    archive BYTEA,
    error TEXT
);
CREATE INDEX data_exports_user ON data_exports (user_id);
CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY,
    occurred_at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    details TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log (subject);
