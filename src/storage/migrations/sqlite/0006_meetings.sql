-- Meetings (R-MEET-1), when they actually ran and who attended (R-MEET-5, R-MEET-6).
-- Times are Unix milliseconds; flags are 0/1. A passcode is stored only as a keyed
-- HMAC (server key outside the database), never in clear.
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    meeting_id TEXT NOT NULL UNIQUE,
    creator_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    subject TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('instant', 'scheduled')),
    starts_at INTEGER NOT NULL,
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0),
    passcode_hash TEXT,
    waiting_room INTEGER NOT NULL CHECK (waiting_room IN (0, 1)),
    guests_allowed INTEGER NOT NULL CHECK (guests_allowed IN (0, 1)),
    locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
    status TEXT NOT NULL CHECK (status IN ('scheduled', 'ended', 'cancelled')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX meetings_creator_starts ON meetings (creator_id, starts_at);
CREATE TABLE meeting_sessions (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    started_at INTEGER NOT NULL,
    ended_at INTEGER
);
CREATE INDEX meeting_sessions_meeting ON meeting_sessions (meeting_id);
CREATE TABLE meeting_attendance (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    session_id INTEGER REFERENCES meeting_sessions (id) ON DELETE SET NULL,
    user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    display_name TEXT NOT NULL,
    joined_at INTEGER NOT NULL,
    exited_at INTEGER
);
CREATE INDEX meeting_attendance_meeting ON meeting_attendance (meeting_id, joined_at);
CREATE INDEX meeting_attendance_user ON meeting_attendance (user_id);
