-- 物品放行: who issued a public-property certificate (外运证明), and the guard's confirmation
-- that the pass was signed before release (由业主签字后方可放行), with who and when.
ALTER TABLE item_passes ADD COLUMN certificate_issuer TEXT NOT NULL DEFAULT '';
ALTER TABLE item_passes ADD COLUMN signed_checked_by_name TEXT;
ALTER TABLE item_passes ADD COLUMN signed_checked_at TEXT;
