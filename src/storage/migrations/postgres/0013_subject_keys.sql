-- Crypto-shredding of backups (R-PRIV-7, R-PRIV-5): one random 32-byte key per account.
-- `videopro admin backup` encrypts the account's personal columns under it; account
-- cancellation deletes the row, which makes that data unreadable in every older
-- backup. This table is never written into a backup. Times are Unix milliseconds.
CREATE TABLE subject_keys (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    key_bytes BYTEA NOT NULL,
    created_at BIGINT NOT NULL
);
