-- The network operation log (R-PRIV-7): one row per HTTP request.
-- occurred_at is Unix time in milliseconds.
CREATE TABLE network_operation_log (
    id INTEGER PRIMARY KEY,
    occurred_at INTEGER NOT NULL,
    method TEXT NOT NULL,
    route TEXT NOT NULL,
    status INTEGER NOT NULL,
    latency_us INTEGER NOT NULL,
    client_ip TEXT NOT NULL
);
CREATE INDEX network_operation_log_occurred_at ON network_operation_log (occurred_at);
