-- Placeholder on branch priv only, so that 0011 applies without a gap before the
-- branches that own 0007 are merged. Delete this file when the real 0007 arrives.
SELECT 1;
