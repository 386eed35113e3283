-- Item-release passes (物品放行) and the key cabinet (钥匙管理).
CREATE TABLE item_pass_counters (
    month TEXT PRIMARY KEY CHECK (length(month) = 6),
    last  INTEGER NOT NULL CHECK (last > 0)
) STRICT;

CREATE TABLE item_passes (
    id               INTEGER PRIMARY KEY,
    number           TEXT NOT NULL UNIQUE CHECK (number LIKE 'FX-______-____%'),
    unit_id          INTEGER REFERENCES units(id),
    kind             TEXT NOT NULL CHECK (kind IN ('owner', 'tenant', 'contractor', 'public')),
    applicant        TEXT NOT NULL CHECK (length(trim(applicant)) > 0),
    phone            TEXT NOT NULL CHECK (length(phone) = 11),
    authorisation    TEXT NOT NULL DEFAULT '',
    certificate      TEXT NOT NULL DEFAULT '',
    reason           TEXT NOT NULL
                     CHECK (reason IN ('moving_out', 'renovation_waste', 'repair', 'other')),
    reason_note      TEXT NOT NULL DEFAULT '',
    plate            TEXT,
    driver           TEXT,
    driver_doc       TEXT,
    planned          TEXT NOT NULL CHECK (length(planned) = 10),
    status           TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'released', 'void')),
    fees_by_name     TEXT,
    fees_role        TEXT,
    fees_at          TEXT,
    override_by_name TEXT,
    override_reason  TEXT,
    approved_by_name TEXT,
    approved_at      TEXT,
    guard_name       TEXT,
    released_at      TEXT,
    void_reason      TEXT,
    voided_at        TEXT,
    recorded_by      INTEGER REFERENCES staff(id),
    recorded_by_name TEXT NOT NULL,
    recorded_at      TEXT NOT NULL,
    CHECK (unit_id IS NOT NULL OR kind = 'public'),
    CHECK ((plate IS NULL) = (driver IS NULL) AND (plate IS NULL) = (driver_doc IS NULL)),
    CHECK (status = 'pending' OR status = 'void' OR approved_at IS NOT NULL),
    CHECK (status <> 'released' OR (released_at IS NOT NULL AND guard_name IS NOT NULL)),
    CHECK (status <> 'void' OR length(trim(void_reason)) > 0)
) STRICT;
CREATE INDEX item_passes_planned ON item_passes(planned, status);
CREATE INDEX item_passes_status ON item_passes(status, number);
CREATE INDEX item_passes_unit ON item_passes(unit_id);

CREATE TABLE item_pass_items (
    pass_id  INTEGER NOT NULL REFERENCES item_passes(id) ON DELETE CASCADE,
    seq      INTEGER NOT NULL CHECK (seq > 0),
    name     TEXT NOT NULL CHECK (length(trim(name)) > 0),
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    note     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (pass_id, seq)
) STRICT;

CREATE TABLE unit_keys (
    id               INTEGER PRIMARY KEY,
    unit_id          INTEGER REFERENCES units(id),
    place            TEXT NOT NULL DEFAULT '',
    hook             TEXT NOT NULL UNIQUE CHECK (length(trim(hook)) > 0),
    count            INTEGER NOT NULL CHECK (count > 0),
    location         TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL CHECK (status IN ('in_cabinet', 'lent', 'with_owner', 'lost')),
    recorded_by      INTEGER REFERENCES staff(id),
    recorded_by_name TEXT NOT NULL,
    recorded_at      TEXT NOT NULL,
    CHECK ((unit_id IS NULL) <> (place = ''))
) STRICT;
CREATE INDEX unit_keys_unit ON unit_keys(unit_id);

CREATE TABLE key_loans (
    id               INTEGER PRIMARY KEY,
    key_id           INTEGER NOT NULL REFERENCES unit_keys(id),
    borrower         TEXT NOT NULL CHECK (length(trim(borrower)) > 0),
    phone            TEXT NOT NULL CHECK (length(phone) = 11),
    org              TEXT NOT NULL CHECK (org IN ('repair', 'contractor', 'sales', 'other')),
    purpose          TEXT NOT NULL CHECK (length(trim(purpose)) > 0),
    approver         TEXT NOT NULL DEFAULT '',
    out_at           TEXT NOT NULL,
    due_at           TEXT NOT NULL,
    returned_at      TEXT,
    condition        TEXT,
    received_by      TEXT,
    recorded_by      INTEGER REFERENCES staff(id),
    recorded_by_name TEXT NOT NULL,
    recorded_at      TEXT NOT NULL,
    CHECK (due_at > out_at),
    CHECK (org <> 'sales' OR length(trim(approver)) > 0),
    CHECK ((returned_at IS NULL) = (received_by IS NULL))
) STRICT;
-- At most one open loan per key: the database itself refuses a double loan.
CREATE UNIQUE INDEX key_loans_open ON key_loans(key_id) WHERE returned_at IS NULL;
CREATE INDEX key_loans_due ON key_loans(due_at) WHERE returned_at IS NULL;
CREATE INDEX key_loans_out ON key_loans(out_at);
CREATE INDEX key_loans_key ON key_loans(key_id, out_at);

CREATE TABLE key_issues (
    id               INTEGER PRIMARY KEY,
    key_id           INTEGER NOT NULL REFERENCES unit_keys(id),
    recipient        TEXT NOT NULL CHECK (length(trim(recipient)) > 0),
    document         TEXT NOT NULL CHECK (length(trim(document)) > 0),
    document_tail    TEXT NOT NULL DEFAULT '',
    count            INTEGER NOT NULL CHECK (count > 0),
    signed           INTEGER NOT NULL CHECK (signed = 1),
    issued_at        TEXT NOT NULL,
    recorded_by      INTEGER REFERENCES staff(id),
    recorded_by_name TEXT NOT NULL,
    recorded_at      TEXT NOT NULL
) STRICT;
CREATE INDEX key_issues_at ON key_issues(issued_at);

CREATE TABLE key_checks (
    id               INTEGER PRIMARY KEY,
    key_id           INTEGER NOT NULL REFERENCES unit_keys(id),
    result           TEXT NOT NULL CHECK (result IN ('good', 'relabelled', 'missing')),
    note             TEXT NOT NULL DEFAULT '',
    checked_at       TEXT NOT NULL,
    recorded_by      INTEGER REFERENCES staff(id),
    recorded_by_name TEXT NOT NULL
) STRICT;
CREATE INDEX key_checks_key ON key_checks(key_id, checked_at);
