-- 信息反馈: the list's free-text search tested every matter's text (instr over ~12,000 index
-- entries at ten years: 2-3 ms, with a tail past the 5 ms target). Now every two-character
-- pair of each matter's search_text has a row here, its rows newest first within the pair: a
-- search of two or more characters walks the rows of its rarest pair and tests only those.
CREATE TABLE feedback_grams (
    gram        TEXT NOT NULL,
    received_at TEXT NOT NULL,
    feedback_id INTEGER NOT NULL,
    PRIMARY KEY (gram, received_at, feedback_id)
) STRICT, WITHOUT ROWID;

-- The pairs of a text start at positions 1 .. length-1. A trigger may not use a recursive CTE,
-- so the positions come from json_each over an array of length-1 zeros: zeroblob(n) is n
-- bytes, hex() spells them "00" n times, and each "00" becomes one "0,". Pairs that span the
-- line break between two fields are left out: a search is one line and never holds one.
CREATE VIEW feedback_pairs (gram, received_at, feedback_id) AS
SELECT substr(f.search_text, p.key + 1, 2), f.received_at, f.id
FROM feedback AS f,
     json_each('[' || rtrim(replace(hex(zeroblob(max(length(f.search_text) - 1, 0))),
                                    '00', '0,'), ',') || ']') AS p
WHERE instr(substr(f.search_text, p.key + 1, 2), char(10)) = 0;

-- The triggers keep the table right on every write path, the demo's bulk loader and sqlite3
-- too. A changed or deleted matter's old pairs are found from its old text, on the primary
-- key: no second index is needed.
CREATE TRIGGER feedback_grams_insert AFTER INSERT ON feedback BEGIN
    INSERT OR IGNORE INTO feedback_grams (gram, received_at, feedback_id)
    SELECT gram, received_at, feedback_id FROM feedback_pairs WHERE feedback_id = NEW.id;
END;

CREATE TRIGGER feedback_grams_update
AFTER UPDATE OF name, content, location, department, handler_name, received_at ON feedback
WHEN OLD.search_text IS NOT NEW.search_text OR OLD.received_at IS NOT NEW.received_at
BEGIN
    DELETE FROM feedback_grams
    WHERE received_at = OLD.received_at AND feedback_id = OLD.id AND gram IN (
        SELECT substr(OLD.search_text, p.key + 1, 2)
        FROM json_each('[' || rtrim(replace(hex(zeroblob(max(length(OLD.search_text) - 1, 0))),
                                            '00', '0,'), ',') || ']') AS p);
    INSERT OR IGNORE INTO feedback_grams (gram, received_at, feedback_id)
    SELECT gram, received_at, feedback_id FROM feedback_pairs WHERE feedback_id = NEW.id;
END;

CREATE TRIGGER feedback_grams_delete AFTER DELETE ON feedback BEGIN
    DELETE FROM feedback_grams
    WHERE received_at = OLD.received_at AND feedback_id = OLD.id AND gram IN (
        SELECT substr(OLD.search_text, p.key + 1, 2)
        FROM json_each('[' || rtrim(replace(hex(zeroblob(max(length(OLD.search_text) - 1, 0))),
                                            '00', '0,'), ',') || ']') AS p);
END;

-- The matters already kept.
INSERT OR IGNORE INTO feedback_grams (gram, received_at, feedback_id)
SELECT gram, received_at, feedback_id FROM feedback_pairs;

-- A caller is found by the last four digits of the phone (or more of it, or all): without an
-- index of its own that search read every matter newest first to test its phone (4-6 ms at
-- ten years). A phone here is always 11 digits, so its last four start at the 8th.
CREATE INDEX feedback_phone_tail ON feedback(substr(phone, 8));
