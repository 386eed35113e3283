-- 统计's 收缴率 (issue 16): each month's bills by building and what of them a receipt issued by
-- that month's end paid, kept by triggers on bill_lines, so the 13-month trend reads a row per
-- month and building instead of every bill line of the year (about 130,000 at the demo's size).
-- A voided receipt sets its lines' receipt_id back to NULL, which takes them out again.
CREATE TABLE month_collection (
    month         TEXT NOT NULL CHECK (length(month) = 7),
    building      INTEGER NOT NULL,
    billed_fen    INTEGER NOT NULL,
    collected_fen INTEGER NOT NULL,
    PRIMARY KEY (month, building)
) STRICT, WITHOUT ROWID;
INSERT INTO month_collection (month, building, billed_fen, collected_fen)
    SELECT b.month, u.building, sum(b.amount_fen),
           sum(CASE WHEN r.issued_at < date(b.month || '-01', '+1 month') THEN b.amount_fen
                    ELSE 0 END)
    FROM bill_lines b JOIN units u ON u.id = b.unit_id
         LEFT JOIN receipts r ON r.id = b.receipt_id
    GROUP BY b.month, u.building;

CREATE TRIGGER bill_lines_collection_insert AFTER INSERT ON bill_lines BEGIN
    INSERT OR IGNORE INTO month_collection (month, building, billed_fen, collected_fen)
        SELECT NEW.month, building, 0, 0 FROM units WHERE id = NEW.unit_id;
    UPDATE month_collection SET billed_fen = billed_fen + NEW.amount_fen,
        collected_fen = collected_fen + coalesce((SELECT NEW.amount_fen FROM receipts r
            WHERE r.id = NEW.receipt_id
              AND r.issued_at < date(NEW.month || '-01', '+1 month')), 0)
    WHERE month = NEW.month AND building = (SELECT building FROM units WHERE id = NEW.unit_id);
END;

CREATE TRIGGER bill_lines_collection_delete AFTER DELETE ON bill_lines BEGIN
    UPDATE month_collection SET billed_fen = billed_fen - OLD.amount_fen,
        collected_fen = collected_fen - coalesce((SELECT OLD.amount_fen FROM receipts r
            WHERE r.id = OLD.receipt_id
              AND r.issued_at < date(OLD.month || '-01', '+1 month')), 0)
    WHERE month = OLD.month AND building = (SELECT building FROM units WHERE id = OLD.unit_id);
END;

CREATE TRIGGER bill_lines_collection_update AFTER UPDATE OF receipt_id, amount_fen, unit_id, month
ON bill_lines BEGIN
    UPDATE month_collection SET billed_fen = billed_fen - OLD.amount_fen,
        collected_fen = collected_fen - coalesce((SELECT OLD.amount_fen FROM receipts r
            WHERE r.id = OLD.receipt_id
              AND r.issued_at < date(OLD.month || '-01', '+1 month')), 0)
    WHERE month = OLD.month AND building = (SELECT building FROM units WHERE id = OLD.unit_id);
    INSERT OR IGNORE INTO month_collection (month, building, billed_fen, collected_fen)
        SELECT NEW.month, building, 0, 0 FROM units WHERE id = NEW.unit_id;
    UPDATE month_collection SET billed_fen = billed_fen + NEW.amount_fen,
        collected_fen = collected_fen + coalesce((SELECT NEW.amount_fen FROM receipts r
            WHERE r.id = NEW.receipt_id
              AND r.issued_at < date(NEW.month || '-01', '+1 month')), 0)
    WHERE month = NEW.month AND building = (SELECT building FROM units WHERE id = NEW.unit_id);
END;
