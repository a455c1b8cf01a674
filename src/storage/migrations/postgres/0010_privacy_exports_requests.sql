-- "Download my data" (R-PRIV-3): each export gets a random public id (32 hex digits)
-- used in its download link, so that export links cannot be guessed from the
-- sequential row id; the owner's session is required as well.
ALTER TABLE data_exports ADD COLUMN public_id TEXT;
CREATE UNIQUE INDEX data_exports_public_id ON data_exports (public_id);
-- Privacy requests (R-PRIV-6): access, copy, correction, deletion, cancellation,
-- explanation of rules, and requests by close relatives of a deceased user. Due at the
-- end of the 15th working day after receipt; `history` is a JSON array of status
-- changes ({at, status, actor, note}), appended to, never rewritten.
CREATE TABLE privacy_requests (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    user_id BIGINT,
    kind TEXT NOT NULL CHECK (kind IN ('access', 'copy', 'correction', 'deletion',
        'cancellation', 'explanation', 'deceased_relative')),
    channel TEXT NOT NULL CHECK (channel IN ('web', 'email', 'operator', 'enterprise')),
    requester_contact TEXT NOT NULL,
    details TEXT NOT NULL,
    identity_verified INTEGER NOT NULL CHECK (identity_verified IN (0, 1)),
    status TEXT NOT NULL CHECK (status IN ('received', 'in_progress', 'answered', 'refused')),
    received_at BIGINT NOT NULL,
    due_at BIGINT NOT NULL,
    answer TEXT,
    answered_at BIGINT,
    history TEXT NOT NULL
);
CREATE INDEX privacy_requests_user ON privacy_requests (user_id);
CREATE INDEX privacy_requests_open ON privacy_requests (status, due_at);
