-- Privacy center, second part (R-PRIV-8, R-PRIV-9): the operator's register of
-- recipients of personal information, and recorded security incidents with the
-- notices sent about them. Times are Unix milliseconds; category lists hold one
-- data-map category per line.
CREATE TABLE privacy_recipients (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL,
    contact TEXT NOT NULL,
    purpose TEXT NOT NULL,
    categories TEXT NOT NULL,
    legal_basis TEXT NOT NULL,
    added_at BIGINT NOT NULL,
    added_by TEXT NOT NULL
);
CREATE TABLE security_incidents (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    summary TEXT NOT NULL,
    categories TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    ended_at BIGINT NOT NULL,
    measures TEXT NOT NULL,
    advice TEXT NOT NULL,
    recorded_at BIGINT NOT NULL,
    recorded_by TEXT NOT NULL,
    notified BIGINT NOT NULL,
    published INTEGER NOT NULL CHECK (published IN (0, 1))
);
