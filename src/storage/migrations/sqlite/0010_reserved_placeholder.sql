-- Placeholder on branch priv only, so that 0011 applies without a gap before the
-- branches that own 0010 are merged. Delete this file when the real 0010 arrives.
SELECT 1;
