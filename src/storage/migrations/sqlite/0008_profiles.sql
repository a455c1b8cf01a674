-- Profiles (R-ACC-4): the optional fields beyond the account's identifier and
-- display name, and the avatar, re-encoded (metadata stripped) and kept in the
-- database so that it is backed up, exported and erased with the account.
-- Times are Unix milliseconds.
CREATE TABLE user_profiles (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    gender TEXT,
    position TEXT,
    address TEXT,
    company TEXT,
    department TEXT,
    updated_at INTEGER NOT NULL
);
CREATE TABLE user_avatars (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    media_type TEXT NOT NULL,
    width INTEGER NOT NULL CHECK (width > 0),
    height INTEGER NOT NULL CHECK (height > 0),
    image BLOB NOT NULL,
    updated_at INTEGER NOT NULL
);
