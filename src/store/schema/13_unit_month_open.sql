-- What each unit still owes for each month, kept by triggers on bill_lines: 今日 and the
-- arrears read a row per owing unit and month instead of every open line (about one in five).
CREATE TABLE unit_month_open (
    unit_id   INTEGER NOT NULL REFERENCES units(id),
    month     TEXT NOT NULL CHECK (length(month) = 7),
    open_fen  INTEGER NOT NULL,
    PRIMARY KEY (unit_id, month)
) STRICT, WITHOUT ROWID;
INSERT INTO unit_month_open (unit_id, month, open_fen)
    SELECT unit_id, month, sum(amount_fen) FROM bill_lines
    WHERE receipt_id IS NULL GROUP BY unit_id, month HAVING sum(amount_fen) <> 0;

CREATE TRIGGER bill_lines_open_insert AFTER INSERT ON bill_lines
WHEN NEW.receipt_id IS NULL BEGIN
    INSERT OR IGNORE INTO unit_month_open (unit_id, month, open_fen)
        VALUES (NEW.unit_id, NEW.month, 0);
    UPDATE unit_month_open SET open_fen = open_fen + NEW.amount_fen
        WHERE unit_id = NEW.unit_id AND month = NEW.month;
    DELETE FROM unit_month_open
        WHERE unit_id = NEW.unit_id AND month = NEW.month AND open_fen = 0;
END;

CREATE TRIGGER bill_lines_open_delete AFTER DELETE ON bill_lines
WHEN OLD.receipt_id IS NULL BEGIN
    INSERT OR IGNORE INTO unit_month_open (unit_id, month, open_fen)
        VALUES (OLD.unit_id, OLD.month, 0);
    UPDATE unit_month_open SET open_fen = open_fen - OLD.amount_fen
        WHERE unit_id = OLD.unit_id AND month = OLD.month;
    DELETE FROM unit_month_open
        WHERE unit_id = OLD.unit_id AND month = OLD.month AND open_fen = 0;
END;

-- A row at zero is removed (a month paid off); one that comes back starts again from zero.
CREATE TRIGGER bill_lines_open_update AFTER UPDATE OF receipt_id, amount_fen, unit_id, month
ON bill_lines BEGIN
    INSERT OR IGNORE INTO unit_month_open (unit_id, month, open_fen)
        SELECT OLD.unit_id, OLD.month, 0 WHERE OLD.receipt_id IS NULL;
    UPDATE unit_month_open SET open_fen = open_fen - OLD.amount_fen
        WHERE OLD.receipt_id IS NULL AND unit_id = OLD.unit_id AND month = OLD.month;
    INSERT OR IGNORE INTO unit_month_open (unit_id, month, open_fen)
        SELECT NEW.unit_id, NEW.month, 0 WHERE NEW.receipt_id IS NULL;
    UPDATE unit_month_open SET open_fen = open_fen + NEW.amount_fen
        WHERE NEW.receipt_id IS NULL AND unit_id = NEW.unit_id AND month = NEW.month;
    DELETE FROM unit_month_open WHERE open_fen = 0
        AND ((unit_id = OLD.unit_id AND month = OLD.month)
          OR (unit_id = NEW.unit_id AND month = NEW.month));
END;
