-- Deletion of one category of a user's data on his request (R-PRIV-4, policy §6.4):
-- the category asked for and the ground of §6.4 invoked, so that the operator (or the
-- service at once, where the ground allows) carries out exactly that deletion.
ALTER TABLE privacy_requests ADD COLUMN erase_category TEXT;
ALTER TABLE privacy_requests ADD COLUMN erase_ground TEXT;
