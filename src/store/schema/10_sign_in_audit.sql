-- 登录与操作日志: each person's PIN (Argon2id PHC string only), their wrong tries and lock;
-- the shift hand-overs; and the append-only audit log, each row chained to the one before by
-- SHA-256 so an edit or a removal behind the program's back shows in `check`.
ALTER TABLE staff ADD COLUMN secret_hash TEXT;
ALTER TABLE staff ADD COLUMN failed_tries INTEGER NOT NULL DEFAULT 0 CHECK (failed_tries >= 0);
ALTER TABLE staff ADD COLUMN locked_until TEXT;

CREATE TABLE handovers (
    id         INTEGER PRIMARY KEY,
    from_staff INTEGER REFERENCES staff(id),
    from_name  TEXT NOT NULL,
    to_staff   INTEGER NOT NULL REFERENCES staff(id),
    to_name    TEXT NOT NULL,
    at         TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE audit_log (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    at                TEXT NOT NULL,
    who               INTEGER REFERENCES staff(id),
    who_name          TEXT NOT NULL,
    countersign       INTEGER REFERENCES staff(id),
    countersign_name  TEXT,
    tab               TEXT NOT NULL,
    action            TEXT NOT NULL,
    what              TEXT NOT NULL,
    record_kind       TEXT NOT NULL,
    record_id         INTEGER,
    record_label      TEXT NOT NULL,
    before            TEXT,
    after             TEXT,
    prev_hash         TEXT NOT NULL,
    hash              TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_who ON audit_log(who_name, at);
CREATE INDEX audit_log_countersign ON audit_log(countersign_name, at);
CREATE INDEX audit_log_record ON audit_log(record_kind, record_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, '操作日志只能追加，不能修改'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, '操作日志只能追加，不能删除'); END;
