-- Placeholder: migration number 0007 is assigned to another branch (enterprises).
-- It only keeps the sequence without a gap on the profile branch; delete this file
-- when the branch that owns 0007 is merged.
SELECT 1;
