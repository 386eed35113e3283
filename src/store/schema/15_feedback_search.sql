-- 信息反馈: the list's free-text search walks one index newest first and matches on the index
-- alone. Migration 12's (received_at, search_text) left the rows of one minute in the index's
-- text order, so the list's `ORDER BY received_at DESC, id DESC` made the planner prefer the
-- date index and read every row from the table to compute the text. With the id beside the
-- time, the index gives the list's order itself.
DROP INDEX feedback_search;
CREATE INDEX feedback_search ON feedback(received_at, id, search_text);
