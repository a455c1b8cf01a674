-- Enterprises (R-ACC-2, R-ACC-5): the enterprise and its creator's contact details,
-- members with their role, invitations, and members' account-cancellation requests
-- with their status history. Times are Unix milliseconds.
CREATE TABLE enterprises (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL,
    contact_name TEXT NOT NULL,
    contact_email TEXT NOT NULL,
    contact_phone TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE TABLE enterprise_members (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('administrator', 'member')),
    status TEXT NOT NULL CHECK (status IN ('active', 'disabled')),
    joined_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (enterprise_id, user_id)
);
CREATE INDEX enterprise_members_user ON enterprise_members (user_id);
CREATE TABLE enterprise_invitations (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    target TEXT NOT NULL,
    invited_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'revoked')),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    responded_at BIGINT,
    responded_by BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX enterprise_invitations_target ON enterprise_invitations (target, status);
CREATE INDEX enterprise_invitations_enterprise ON enterprise_invitations (enterprise_id, created_at);
CREATE TABLE enterprise_cancellation_requests (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    enterprise_id BIGINT NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    note TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'refused')),
    created_at BIGINT NOT NULL,
    decided_at BIGINT,
    decided_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    decision_reason TEXT
);
CREATE INDEX enterprise_cancellation_requests_enterprise
    ON enterprise_cancellation_requests (enterprise_id, status);
CREATE INDEX enterprise_cancellation_requests_user ON enterprise_cancellation_requests (user_id);
CREATE TABLE enterprise_cancellation_events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id BIGINT NOT NULL
        REFERENCES enterprise_cancellation_requests (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'refused')),
    actor_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    reason TEXT,
    occurred_at BIGINT NOT NULL
);
CREATE INDEX enterprise_cancellation_events_request ON enterprise_cancellation_events (request_id);
