-- Privacy center (R-PRIV-2, R-PRIV-3, R-PRIV-8): policy versions, the consent
-- ledger, data exports and the hash-chained audit log. Times are Unix milliseconds.
-- consents and audit_log are append-only: the repositories never UPDATE or DELETE
-- them (only the retention job will, per the data map).
CREATE TABLE policy_versions (
    version INTEGER PRIMARY KEY,
    text TEXT NOT NULL,
    effective_at INTEGER NOT NULL,
    material INTEGER NOT NULL CHECK (material IN (0, 1)),
    published_at INTEGER NOT NULL,
    published_by TEXT NOT NULL
);
CREATE TABLE consents (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL,
    purpose TEXT NOT NULL,
    granted INTEGER NOT NULL CHECK (granted IN (0, 1)),
    policy_version INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL,
    method TEXT NOT NULL,
    jurisdiction TEXT NOT NULL
);
CREATE INDEX consents_user ON consents (user_id, id);
CREATE TABLE data_exports (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'ready', 'failed')),
    progress INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 100),
    created_at INTEGER NOT NULL,
    finished_at INTEGER,
    expires_at INTEGER,
    archive BLOB,
    error TEXT
);
CREATE INDEX data_exports_user ON data_exports (user_id);
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    occurred_at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    details TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log (subject);
