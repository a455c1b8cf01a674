-- Enterprises (R-ACC-2, R-ACC-5): the enterprise and its creator's contact details,
-- members with their role, invitations, and members' account-cancellation requests
-- with their status history. Times are Unix milliseconds.
CREATE TABLE enterprises (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    contact_name TEXT NOT NULL,
    contact_email TEXT NOT NULL,
    contact_phone TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE TABLE enterprise_members (
    id INTEGER PRIMARY KEY,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('administrator', 'member')),
    status TEXT NOT NULL CHECK (status IN ('active', 'disabled')),
    joined_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (enterprise_id, user_id)
);
CREATE INDEX enterprise_members_user ON enterprise_members (user_id);
CREATE TABLE enterprise_invitations (
    id INTEGER PRIMARY KEY,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    target TEXT NOT NULL,
    invited_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'revoked')),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    responded_at INTEGER,
    responded_by INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX enterprise_invitations_target ON enterprise_invitations (target, status);
CREATE INDEX enterprise_invitations_enterprise ON enterprise_invitations (enterprise_id, created_at);
CREATE TABLE enterprise_cancellation_requests (
    id INTEGER PRIMARY KEY,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    note TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'refused')),
    created_at INTEGER NOT NULL,
    decided_at INTEGER,
    decided_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    decision_reason TEXT
);
CREATE INDEX enterprise_cancellation_requests_enterprise
    ON enterprise_cancellation_requests (enterprise_id, status);
CREATE INDEX enterprise_cancellation_requests_user ON enterprise_cancellation_requests (user_id);
CREATE TABLE enterprise_cancellation_events (
    id INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL
        REFERENCES enterprise_cancellation_requests (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'refused')),
    actor_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    reason TEXT,
    occurred_at INTEGER NOT NULL
);
CREATE INDEX enterprise_cancellation_events_request ON enterprise_cancellation_events (request_id);
