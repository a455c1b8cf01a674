-- Placeholder on branch priv only, so that 0011 applies without a gap before the
-- branches that own 0008 are merged. Delete this file when the real 0008 arrives.
SELECT 1;
