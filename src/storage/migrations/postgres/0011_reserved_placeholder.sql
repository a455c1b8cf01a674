-- Placeholder on branch priv2 only, so that 0012 applies without a gap before the
-- branch that owns 0011 (priv) is merged. Delete this file when the real 0011 arrives.
SELECT 1;
