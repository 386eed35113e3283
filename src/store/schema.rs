//! The database schema as a list of migrations on `PRAGMA user_version`.
//!
//! `MIGRATIONS[i]` takes a database from version `i` to `i + 1`. A fresh file runs them all; an
//! older file runs the ones it lacks. Never edit a migration that has shipped: add a new one.

/// Stamped into `PRAGMA application_id` so a stranger's SQLite file is never mistaken for ours
/// ("WYDS").
pub const APPLICATION_ID: i32 = 0x5759_4453;

/// Every migration, oldest first.
pub const MIGRATIONS: &[&str] = &[
    // 1: settings, staff, the unit and owner register, the unit log.
    r#"
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE staff (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role       TEXT NOT NULL,
    phone      TEXT,
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE units (
    id               INTEGER PRIMARY KEY,
    building         INTEGER NOT NULL CHECK (building > 0),
    entrance         INTEGER NOT NULL CHECK (entrance > 0),
    room             INTEGER NOT NULL CHECK (room > 0),
    area_hundredths  INTEGER NOT NULL CHECK (area_hundredths > 0),
    status           TEXT NOT NULL,
    note             TEXT NOT NULL DEFAULT '',
    recorded_by      INTEGER REFERENCES staff(id),
    recorded_by_name TEXT NOT NULL,
    recorded_at      TEXT NOT NULL,
    UNIQUE (building, entrance, room)
) STRICT;
CREATE INDEX units_room ON units(room);

CREATE TABLE people (
    id                INTEGER PRIMARY KEY,
    unit_id           INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    name              TEXT NOT NULL CHECK (length(trim(name)) > 0),
    phone             TEXT CHECK (phone IS NULL OR length(phone) = 11),
    id_number         TEXT CHECK (id_number IS NULL OR length(id_number) = 18),
    relation          TEXT NOT NULL,
    move_in           TEXT,
    emergency_contact TEXT NOT NULL DEFAULT '',
    emergency_phone   TEXT,
    note              TEXT NOT NULL DEFAULT '',
    recorded_by       INTEGER REFERENCES staff(id),
    recorded_by_name  TEXT NOT NULL,
    recorded_at       TEXT NOT NULL
) STRICT;
CREATE INDEX people_unit ON people(unit_id);
CREATE INDEX people_phone_tail ON people(substr(phone, 8));

CREATE TABLE unit_log (
    id       INTEGER PRIMARY KEY,
    unit_id  INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    at       TEXT NOT NULL,
    by_name  TEXT NOT NULL,
    kind     TEXT NOT NULL,
    text     TEXT NOT NULL
) STRICT;
CREATE INDEX unit_log_unit ON unit_log(unit_id, at);
"#,
    // Item-release passes (物品放行) and the key cabinet (钥匙管理).
    r#"
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
"#,
    // Vacant units (空置房管理): applications, inspections with meter readings, and which
    // buildings each service officer covers.
    r#"
CREATE TABLE vacancy_applications (
    id               INTEGER PRIMARY KEY,
    unit_id          INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    owner_name       TEXT NOT NULL CHECK (length(trim(owner_name)) > 0),
    id_checked       INTEGER NOT NULL CHECK (id_checked = 1),
    period_from      TEXT NOT NULL,
    period_to        TEXT NOT NULL CHECK (period_to >= period_from),
    reason           TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    officer_opinion  TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'ended')),
    decided_by       INTEGER REFERENCES staff(id),
    decided_by_name  TEXT,
    decided_at       TEXT,
    decision_note    TEXT NOT NULL DEFAULT '',
    ended_on         TEXT CHECK (ended_on IS NULL OR (ended_on >= period_from AND ended_on <= period_to)),
    recorded_by      INTEGER REFERENCES staff(id),
    recorded_by_name TEXT NOT NULL,
    recorded_at      TEXT NOT NULL,
    CHECK ((status = 'pending') = (decided_at IS NULL)),
    CHECK ((status = 'ended') = (ended_on IS NOT NULL))
) STRICT;
CREATE INDEX vacancy_applications_unit ON vacancy_applications(unit_id, period_from);
CREATE INDEX vacancy_applications_open ON vacancy_applications(status, period_to);

CREATE TABLE vacancy_inspections (
    id             INTEGER PRIMARY KEY,
    unit_id        INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    month          TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
    inspected_on   TEXT NOT NULL CHECK (substr(inspected_on, 1, 7) = month),
    kind           TEXT NOT NULL CHECK (kind IN ('monthly', 'storm', 'spot', 'shutoff')),
    checklist      TEXT NOT NULL CHECK (length(checklist) = 6 AND checklist NOT GLOB '*[^01]*'),
    abnormal       INTEGER NOT NULL CHECK (abnormal = (instr(checklist, '1') > 0)),
    water_litres   INTEGER CHECK (water_litres >= 0),
    power_centi    INTEGER CHECK (power_centi >= 0),
    gas_litres     INTEGER CHECK (gas_litres >= 0),
    water_max      INTEGER CHECK (water_max > 0),
    power_max      INTEGER CHECK (power_max > 0),
    gas_max        INTEGER CHECK (gas_max > 0),
    follow_up_kind TEXT CHECK (follow_up_kind IN ('note')),
    follow_up      TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL DEFAULT '',
    inspector      INTEGER REFERENCES staff(id),
    inspector_name TEXT NOT NULL,
    recorded_at    TEXT NOT NULL,
    CHECK (abnormal = 0 OR (follow_up_kind IS NOT NULL AND length(trim(follow_up)) > 0))
) STRICT;
CREATE INDEX vacancy_inspections_unit ON vacancy_inspections(unit_id, inspected_on);
CREATE INDEX vacancy_inspections_month ON vacancy_inspections(month, unit_id);

CREATE TABLE officer_buildings (
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    building INTEGER NOT NULL CHECK (building > 0),
    PRIMARY KEY (building, staff_id)
) STRICT;

CREATE INDEX units_status_building ON units(status, building);
"#,
    // Repairs (报修管理): orders numbered per month, their materials and state changes.
    r#"
CREATE TABLE repair_counters (
    month TEXT PRIMARY KEY CHECK (length(month) = 6),
    last  INTEGER NOT NULL CHECK (last > 0)
) STRICT;

CREATE TABLE repairs (
    id               INTEGER PRIMARY KEY,
    number           TEXT NOT NULL UNIQUE CHECK (number GLOB 'WX-[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]*'),
    unit_id          INTEGER REFERENCES units(id),
    location         TEXT NOT NULL DEFAULT '',
    officer_id       INTEGER REFERENCES staff(id),
    officer_name     TEXT NOT NULL DEFAULT '',
    reporter         TEXT NOT NULL,
    phone            TEXT CHECK (phone IS NULL OR length(phone) = 11),
    channel          TEXT NOT NULL CHECK (channel IN ('call', 'visit', 'patrol', 'other')),
    category         TEXT NOT NULL CHECK (length(trim(category)) > 0),
    description      TEXT NOT NULL CHECK (length(trim(description)) > 0),
    appointment_at   TEXT NOT NULL,
    chargeable       INTEGER NOT NULL CHECK (chargeable IN (0, 1)),
    quote            TEXT NOT NULL DEFAULT '',
    quote_fen        INTEGER NOT NULL DEFAULT 0 CHECK (quote_fen >= 0),
    state            TEXT NOT NULL CHECK (state IN ('pending', 'dispatched', 'on_site', 'in_review',
                                                    'completed', 'called_back', 'closed', 'cancelled')),
    -- When the running deadline started counting (appointment, review, completion); NULL when
    -- none runs. The open and overdue lists read it through repairs_clock.
    clock_at         TEXT,
    technician_id    INTEGER REFERENCES staff(id),
    technician_name  TEXT NOT NULL DEFAULT '',
    dispatched_at    TEXT,
    arrived_at       TEXT,
    review_at        TEXT,
    completed_at     TEXT,
    work_done        TEXT NOT NULL DEFAULT '',
    labour_fen       INTEGER NOT NULL DEFAULT 0 CHECK (labour_fen >= 0),
    payment          TEXT CHECK (payment IS NULL OR payment IN ('cash', 'wechat', 'alipay', 'card')),
    receipt          TEXT CHECK (receipt IS NULL OR receipt IN ('invoice', 'receipt')),
    rating           TEXT CHECK (rating IS NULL OR rating IN ('satisfied', 'fair', 'dissatisfied')),
    rating_comment   TEXT NOT NULL DEFAULT '',
    rated_by         TEXT NOT NULL DEFAULT '',
    rated_at         TEXT,
    callback_at      TEXT,
    callback_by      TEXT NOT NULL DEFAULT '',
    callback_note    TEXT NOT NULL DEFAULT '',
    nc_department    TEXT NOT NULL DEFAULT '',
    nc_problem       TEXT NOT NULL DEFAULT '',
    nc_correction    TEXT NOT NULL DEFAULT '',
    closed_at        TEXT,
    cancelled_at     TEXT,
    cancel_reason    TEXT NOT NULL DEFAULT '',
    recorded_by      INTEGER REFERENCES staff(id),
    recorded_by_name TEXT NOT NULL,
    recorded_at      TEXT NOT NULL,
    -- A unit, or a public location with its area's service officer: exactly one.
    CHECK ((unit_id IS NULL) = (officer_id IS NOT NULL)),
    CHECK (unit_id IS NOT NULL OR length(trim(location)) > 0),
    CHECK ((rating IS NULL) = (rated_at IS NULL))
) STRICT;
CREATE INDEX repairs_clock ON repairs(state, clock_at);
CREATE INDEX repairs_received ON repairs(recorded_at);
CREATE INDEX repairs_completed ON repairs(completed_at) WHERE completed_at IS NOT NULL;
CREATE INDEX repairs_unit ON repairs(unit_id, recorded_at) WHERE unit_id IS NOT NULL;

CREATE TABLE repair_materials (
    id             INTEGER PRIMARY KEY,
    repair_id      INTEGER NOT NULL REFERENCES repairs(id) ON DELETE CASCADE,
    line           INTEGER NOT NULL CHECK (line > 0),
    name           TEXT NOT NULL CHECK (length(trim(name)) > 0),
    spec           TEXT NOT NULL DEFAULT '',
    model          TEXT NOT NULL DEFAULT '',
    qty_hundredths INTEGER NOT NULL CHECK (qty_hundredths > 0),
    unit           TEXT NOT NULL DEFAULT '',
    price_fen      INTEGER NOT NULL CHECK (price_fen >= 0),
    UNIQUE (repair_id, line)
) STRICT;

CREATE TABLE repair_events (
    id        INTEGER PRIMARY KEY,
    repair_id INTEGER NOT NULL REFERENCES repairs(id) ON DELETE CASCADE,
    state     TEXT NOT NULL,
    at        TEXT NOT NULL,
    by_id     INTEGER REFERENCES staff(id),
    by_name   TEXT NOT NULL,
    note      TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX repair_events_repair ON repair_events(repair_id, id);
"#,
    // Basements (地下室): inspected like vacant units, listed on their building's sheet. A table
    // of their own rather than a nullable unit in vacancy_inspections: SQLite cannot alter that
    // table's CHECKs, and the readings history of units stays a plain index scan.
    r#"
CREATE TABLE basements (
    id               INTEGER PRIMARY KEY,
    building         INTEGER NOT NULL CHECK (building > 0),
    name             TEXT NOT NULL CHECK (length(trim(name)) > 0),
    note             TEXT NOT NULL DEFAULT '',
    active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    recorded_by      INTEGER REFERENCES staff(id),
    recorded_by_name TEXT NOT NULL,
    recorded_at      TEXT NOT NULL,
    UNIQUE (building, name)
) STRICT;

CREATE TABLE basement_inspections (
    id             INTEGER PRIMARY KEY,
    basement_id    INTEGER NOT NULL REFERENCES basements(id) ON DELETE CASCADE,
    month          TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
    inspected_on   TEXT NOT NULL CHECK (substr(inspected_on, 1, 7) = month),
    kind           TEXT NOT NULL CHECK (kind IN ('monthly', 'storm', 'spot')),
    checklist      TEXT NOT NULL CHECK (length(checklist) = 6 AND checklist NOT GLOB '*[^01]*'),
    abnormal       INTEGER NOT NULL CHECK (abnormal = (instr(checklist, '1') > 0)),
    water_litres   INTEGER CHECK (water_litres >= 0),
    power_centi    INTEGER CHECK (power_centi >= 0),
    gas_litres     INTEGER CHECK (gas_litres >= 0),
    water_max      INTEGER CHECK (water_max > 0),
    power_max      INTEGER CHECK (power_max > 0),
    gas_max        INTEGER CHECK (gas_max > 0),
    follow_up_kind TEXT CHECK (follow_up_kind IN ('note')),
    follow_up      TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL DEFAULT '',
    inspector      INTEGER REFERENCES staff(id),
    inspector_name TEXT NOT NULL,
    recorded_at    TEXT NOT NULL,
    CHECK (abnormal = 0 OR (follow_up_kind IS NOT NULL AND length(trim(follow_up)) > 0))
) STRICT;
CREATE INDEX basement_inspections_month ON basement_inspections(month, basement_id);
CREATE INDEX basement_inspections_basement ON basement_inspections(basement_id, inspected_on);
"#,
    // The month's vacant list at ten years: covering indexes, so the three months of readings
    // and the applications in force are read from the index alone (no row lookups), in place
    // of the plain month index.
    r#"
CREATE INDEX vacancy_inspections_readings ON vacancy_inspections(month, unit_id, inspected_on, id,
    water_litres, power_centi, gas_litres, water_max, power_max, gas_max);
DROP INDEX vacancy_inspections_month;
CREATE INDEX vacancy_applications_in_force ON vacancy_applications(status, period_from, ended_on,
    period_to, unit_id);
"#,
    // 物品放行: who issued a public-property certificate (外运证明), and the guard's confirmation
    // that the pass was signed before release (由业主签字后方可放行), with who and when.
    r#"
ALTER TABLE item_passes ADD COLUMN certificate_issuer TEXT NOT NULL DEFAULT '';
ALTER TABLE item_passes ADD COLUMN signed_checked_by_name TEXT;
ALTER TABLE item_passes ADD COLUMN signed_checked_at TEXT;
"#,
    // Vacant units, issue 8: who walked apart from who typed it in, why a reading went down
    // (a new meter's start beside the roll-over maximum), the repair order an anomaly opened,
    // and the shut-off of water and power as a task after approval (old approvals had it done
    // at approval, so they are marked done then). The readings index takes the new starts so
    // the month's list still reads from the index alone.
    r#"
ALTER TABLE vacancy_inspections ADD COLUMN recorded_by INTEGER REFERENCES staff(id);
ALTER TABLE vacancy_inspections ADD COLUMN recorded_by_name TEXT NOT NULL DEFAULT '';
ALTER TABLE vacancy_inspections ADD COLUMN water_start INTEGER CHECK (water_start >= 0);
ALTER TABLE vacancy_inspections ADD COLUMN power_start INTEGER CHECK (power_start >= 0);
ALTER TABLE vacancy_inspections ADD COLUMN gas_start INTEGER CHECK (gas_start >= 0);
ALTER TABLE vacancy_inspections ADD COLUMN repair_id INTEGER REFERENCES repairs(id);
UPDATE vacancy_inspections SET recorded_by = inspector, recorded_by_name = inspector_name;

ALTER TABLE basement_inspections ADD COLUMN recorded_by INTEGER REFERENCES staff(id);
ALTER TABLE basement_inspections ADD COLUMN recorded_by_name TEXT NOT NULL DEFAULT '';
ALTER TABLE basement_inspections ADD COLUMN water_start INTEGER CHECK (water_start >= 0);
ALTER TABLE basement_inspections ADD COLUMN power_start INTEGER CHECK (power_start >= 0);
ALTER TABLE basement_inspections ADD COLUMN gas_start INTEGER CHECK (gas_start >= 0);
ALTER TABLE basement_inspections ADD COLUMN repair_id INTEGER REFERENCES repairs(id);
UPDATE basement_inspections SET recorded_by = inspector, recorded_by_name = inspector_name;

ALTER TABLE vacancy_applications ADD COLUMN shut_off_at TEXT;
ALTER TABLE vacancy_applications ADD COLUMN shut_off_by_name TEXT;
UPDATE vacancy_applications SET shut_off_at = decided_at, shut_off_by_name = decided_by_name
    WHERE status IN ('approved', 'ended');

DROP INDEX vacancy_inspections_readings;
CREATE INDEX vacancy_inspections_readings ON vacancy_inspections(month, unit_id, inspected_on, id,
    water_litres, power_centi, gas_litres, water_max, power_max, gas_max,
    water_start, power_start, gas_start);
"#,
    // 报修: the technician's 15 minutes run from the appointment or, for a slip handed over
    // after it, from the dispatch. Orders dispatched before this rule get their clock moved the
    // same way, so the overdue list agrees with each order's own countdown. (Times are stored
    // as text that sorts as it reads.)
    r#"
UPDATE repairs SET clock_at = max(appointment_at, dispatched_at)
    WHERE state = 'dispatched' AND dispatched_at IS NOT NULL;
"#,
    // 登录与操作日志: each person's PIN (Argon2id PHC string only), their wrong tries and lock;
    // the shift hand-overs; and the append-only audit log, each row chained to the one before by
    // SHA-256 so an edit or a removal behind the program's back shows in `check`.
    r#"
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
"#,
    // 收费管理 (issue 11). Sections by the part of the fees module that owns them; money in
    // fen, areas in 0.01 m², water in litres, power in 0.01 kWh, months as `2026-11`.
    r#"
-- Units: what kind of property (for prices by kind) and the day billing starts (交房/计费
--起始日); a unit without one is billed from the day it was recorded.
ALTER TABLE units ADD COLUMN kind TEXT NOT NULL DEFAULT 'residence'
    CHECK (kind IN ('residence', 'shop', 'office', 'storage'));
ALTER TABLE units ADD COLUMN billing_from TEXT;

-- Standards: items and their prices from a month on (history kept: a new price is a new row).
CREATE TABLE fee_items (
    id               INTEGER PRIMARY KEY,
    code             TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 12),
    name             TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind             TEXT NOT NULL CHECK (kind IN ('per_area', 'per_unit', 'per_space',
                         'metered', 'apportioned', 'one_off')),
    meter            TEXT CHECK (meter IS NULL OR meter IN ('water', 'power')),
    vacancy_discount INTEGER NOT NULL DEFAULT 0 CHECK (vacancy_discount IN (0, 1)),
    active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    sort             INTEGER NOT NULL DEFAULT 0,
    CHECK ((kind IN ('metered', 'apportioned')) = (meter IS NOT NULL))
) STRICT;

CREATE TABLE fee_prices (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES fee_items(id),
    unit_kind   TEXT CHECK (unit_kind IS NULL OR
                    unit_kind IN ('residence', 'shop', 'office', 'storage')),
    from_month  TEXT NOT NULL CHECK (length(from_month) = 7),
    fen         INTEGER NOT NULL CHECK (fen >= 0),
    set_by_name TEXT NOT NULL,
    set_at      TEXT NOT NULL,
    UNIQUE (item_id, unit_kind, from_month)
) STRICT;

-- 车位: the parking-space register (机动车占位费 per space that has a unit).
CREATE TABLE parking_spaces (
    id          INTEGER PRIMARY KEY,
    number      TEXT NOT NULL UNIQUE CHECK (length(trim(number)) > 0),
    place       TEXT NOT NULL DEFAULT '',
    unit_id     INTEGER REFERENCES units(id),
    plates      TEXT NOT NULL DEFAULT '',
    from_date   TEXT,
    note        TEXT NOT NULL DEFAULT '',
    recorded_by_name TEXT NOT NULL,
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX parking_spaces_unit ON parking_spaces(unit_id);

-- Meter readings: a unit's (unit_id) or a building's master meter (unit_id NULL), one per
-- meter and month; use = this month's reading minus the month before's.
CREATE TABLE meter_readings (
    id          INTEGER PRIMARY KEY,
    building    INTEGER NOT NULL CHECK (building > 0),
    unit_id     INTEGER REFERENCES units(id),
    meter       TEXT NOT NULL CHECK (meter IN ('water', 'power')),
    month       TEXT NOT NULL CHECK (length(month) = 7),
    reading     INTEGER NOT NULL CHECK (reading >= 0),
    read_on     TEXT NOT NULL,
    recorded_by_name TEXT NOT NULL,
    recorded_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX meter_readings_unit ON meter_readings(unit_id, meter, month)
    WHERE unit_id IS NOT NULL;
CREATE UNIQUE INDEX meter_readings_master ON meter_readings(building, meter, month)
    WHERE unit_id IS NULL;
CREATE INDEX meter_readings_month ON meter_readings(month, building, meter);

-- Receipts (实收): `SJ-YYYYMM-NNNN`, a monthly sequence without gaps; voided, never deleted.
CREATE TABLE receipt_counters (
    month TEXT PRIMARY KEY CHECK (length(month) = 6),
    last  INTEGER NOT NULL CHECK (last > 0)
) STRICT;

CREATE TABLE receipts (
    id            INTEGER PRIMARY KEY,
    number        TEXT NOT NULL UNIQUE CHECK (number LIKE 'SJ-______-____%'),
    unit_id       INTEGER REFERENCES units(id),
    payer         TEXT NOT NULL,
    method        TEXT NOT NULL CHECK (method IN ('cash', 'wechat', 'alipay', 'card',
                      'transfer', 'bank_debit', 'prepaid')),
    total_fen     INTEGER NOT NULL,
    prepay_fen    INTEGER NOT NULL DEFAULT 0 CHECK (prepay_fen >= 0),
    tendered_fen  INTEGER,
    issued_at     TEXT NOT NULL,
    cashier       INTEGER REFERENCES staff(id),
    cashier_name  TEXT NOT NULL,
    note          TEXT NOT NULL DEFAULT '',
    bank_batch    INTEGER REFERENCES bank_batches(id),
    voided_at     TEXT,
    voided_by_name TEXT,
    void_reason   TEXT,
    CHECK ((voided_at IS NULL) = (void_reason IS NULL))
) STRICT;
CREATE INDEX receipts_unit ON receipts(unit_id, issued_at);
CREATE INDEX receipts_issued ON receipts(issued_at);

-- Bill lines (应收): one per unit, item and month from the billing run (never twice), or a
-- one-off, a repair's charges, an adjustment of another line. `receipt_id` is the receipt that
-- paid it (NULL while owed); a void sets it back to NULL, and `receipt_lines` keeps what each
-- receipt paid for good.
CREATE TABLE bill_lines (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    item_id     INTEGER NOT NULL REFERENCES fee_items(id),
    month       TEXT NOT NULL CHECK (length(month) = 7),
    amount_fen  INTEGER NOT NULL,
    full_fen    INTEGER NOT NULL,
    basis       TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL CHECK (source IN ('billing', 'repair', 'charge', 'adjustment')),
    source_ref  TEXT NOT NULL DEFAULT '',
    adjusts     INTEGER REFERENCES bill_lines(id),
    reason      TEXT,
    created_by_name TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    receipt_id  INTEGER REFERENCES receipts(id),
    CHECK ((source = 'adjustment') = (adjusts IS NOT NULL AND reason IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX bill_lines_once ON bill_lines(unit_id, item_id, month, source_ref)
    WHERE source = 'billing';
CREATE INDEX bill_lines_unit ON bill_lines(unit_id, month);
CREATE INDEX bill_lines_open ON bill_lines(unit_id, month, amount_fen) WHERE receipt_id IS NULL;
CREATE INDEX bill_lines_receipt ON bill_lines(receipt_id);
CREATE INDEX bill_lines_month ON bill_lines(month, item_id);

CREATE TABLE receipt_lines (
    receipt_id  INTEGER NOT NULL REFERENCES receipts(id),
    line_id     INTEGER REFERENCES bill_lines(id),
    item_name   TEXT NOT NULL,
    period      TEXT NOT NULL,
    amount_fen  INTEGER NOT NULL
) STRICT;
CREATE INDEX receipt_lines_receipt ON receipt_lines(receipt_id);

-- Prepayment (预存): the unit's balance is the sum of its entries; a receipt adds, a bill
-- paid from it takes away, a void reverses.
CREATE TABLE prepayments (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    amount_fen  INTEGER NOT NULL,
    receipt_id  INTEGER REFERENCES receipts(id),
    note        TEXT NOT NULL,
    at          TEXT NOT NULL
) STRICT;
CREATE INDEX prepayments_unit ON prepayments(unit_id);

-- 银行代扣: the owner's agreement, each month's request file, the bank's result files.
CREATE TABLE bank_agreements (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    bank        TEXT NOT NULL CHECK (length(trim(bank)) > 0),
    holder      TEXT NOT NULL CHECK (length(trim(holder)) > 0),
    account     TEXT NOT NULL CHECK (length(account) BETWEEN 8 AND 30),
    signed_on   TEXT NOT NULL,
    ended_on    TEXT,
    recorded_by_name TEXT NOT NULL,
    recorded_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX bank_agreements_active ON bank_agreements(unit_id) WHERE ended_on IS NULL;

CREATE TABLE bank_requests (
    id          INTEGER PRIMARY KEY,
    month       TEXT NOT NULL CHECK (length(month) = 7),
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    agreement_id INTEGER NOT NULL REFERENCES bank_agreements(id),
    amount_fen  INTEGER NOT NULL CHECK (amount_fen > 0),
    line_ids    TEXT NOT NULL,
    exported_at TEXT NOT NULL,
    result      TEXT CHECK (result IS NULL OR result IN ('paid', 'failed')),
    result_note TEXT,
    batch_id    INTEGER REFERENCES bank_batches(id)
) STRICT;
CREATE INDEX bank_requests_unit ON bank_requests(unit_id, month);

CREATE TABLE bank_batches (
    id          INTEGER PRIMARY KEY,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL UNIQUE,
    imported_at TEXT NOT NULL,
    by_name     TEXT NOT NULL,
    paid_count  INTEGER NOT NULL,
    failed_count INTEGER NOT NULL,
    paid_fen    INTEGER NOT NULL
) STRICT;

-- The procedure's items (chapter 5). Prices are the office's to set in 收费标准: an item
-- without a price is not billed, and the billing run's preview says so.
INSERT INTO fee_items (code, name, kind, meter, vacancy_discount, sort) VALUES
    ('WYF', '物业管理服务费', 'per_area', NULL, 1, 10),
    ('CWF', '机动车占位费', 'per_space', NULL, 0, 20),
    ('LJF', '垃圾清运费', 'per_unit', NULL, 0, 30),
    ('SF', '水费', 'metered', 'water', 0, 40),
    ('DF', '电费', 'metered', 'power', 0, 50),
    ('GTS', '公共用水分摊', 'apportioned', 'water', 1, 60),
    ('GTD', '公共用电分摊', 'apportioned', 'power', 1, 70),
    ('TYF', '特约有偿服务费', 'one_off', NULL, 0, 80),
    ('ZXBZJ', '装修保证金', 'one_off', NULL, 0, 90),
    ('ZXGLF', '装修管理费', 'one_off', NULL, 0, 100),
    ('XFK', '修复款', 'one_off', NULL, 0, 110),
    ('ZLF', '场地及房屋租赁费', 'one_off', NULL, 0, 120),
    ('DSF', '代收费', 'one_off', NULL, 0, 130);
"#,
    // 信息反馈与投诉 (issue 12): every matter that reaches the desk, numbered FK-YYYYMM-NNNN, its
    // 工作联系单 (GZ-YYYYMM-NNNN, one row per slip sent out) and its dated trail. Open matters
    // are read through feedback_state; the month registers through feedback_received.
    r#"
CREATE TABLE feedback_counters (
    prefix TEXT NOT NULL CHECK (prefix IN ('FK', 'GZ')),
    month  TEXT NOT NULL CHECK (length(month) = 6),
    last   INTEGER NOT NULL CHECK (last > 0),
    PRIMARY KEY (prefix, month)
) STRICT;

CREATE TABLE feedback (
    id               INTEGER PRIMARY KEY,
    number           TEXT NOT NULL UNIQUE CHECK (number GLOB 'FK-[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]*'),
    channel          TEXT NOT NULL CHECK (channel IN ('phone', 'visit', 'wechat', 'letter', 'staff', 'other')),
    name             TEXT NOT NULL CHECK (length(trim(name)) > 0),
    phone            TEXT CHECK (phone IS NULL OR length(phone) = 11),
    person_id        INTEGER REFERENCES people(id) ON DELETE SET NULL,
    unit_id          INTEGER REFERENCES units(id),
    location         TEXT NOT NULL DEFAULT '',
    content          TEXT NOT NULL CHECK (length(trim(content)) > 0),
    category         TEXT NOT NULL CHECK (category IN ('repair', 'complaint', 'suggestion', 'inquiry', 'help', 'other')),
    severity         TEXT NOT NULL CHECK (severity IN ('general', 'major')),
    state            TEXT NOT NULL CHECK (state IN ('received', 'dispatched', 'replied', 'answered', 'closed')),
    received_at      TEXT NOT NULL,
    received_by_name TEXT NOT NULL,
    repair_id        INTEGER REFERENCES repairs(id),
    work_order       TEXT,
    department       TEXT NOT NULL DEFAULT '',
    handler_id       INTEGER REFERENCES staff(id),
    handler_name     TEXT NOT NULL DEFAULT '',
    requirement      TEXT NOT NULL DEFAULT '',
    reply_limit_min  INTEGER CHECK (reply_limit_min IS NULL OR reply_limit_min > 0),
    needs_superior   INTEGER NOT NULL DEFAULT 0 CHECK (needs_superior IN (0, 1)),
    dispatched_at    TEXT,
    escalated_to     TEXT NOT NULL DEFAULT '',
    escalated_at     TEXT,
    reply            TEXT NOT NULL DEFAULT '',
    replied_at       TEXT,
    answer           TEXT NOT NULL DEFAULT '',
    answered_at      TEXT,
    rating           TEXT CHECK (rating IS NULL OR rating IN ('satisfied', 'fair', 'dissatisfied')),
    rating_note      TEXT NOT NULL DEFAULT '',
    rated_at         TEXT,
    reopened_at      TEXT,
    result           TEXT NOT NULL DEFAULT '',
    closed_at        TEXT,
    recorded_by      INTEGER REFERENCES staff(id),
    recorded_by_name TEXT NOT NULL,
    recorded_at      TEXT NOT NULL,
    -- What the list's free-text search reads: one instr over one indexed column, not five.
    search_text      TEXT GENERATED ALWAYS AS (name || char(10) || content || char(10) ||
                         location || char(10) || department || char(10) || handler_name) VIRTUAL,
    -- A unit or a public place, never both; a 报修 is linked to its repair order.
    CHECK (unit_id IS NULL OR location = ''),
    CHECK ((rating IS NULL) = (rated_at IS NULL)),
    CHECK (state <> 'closed' OR (closed_at IS NOT NULL AND length(trim(answer)) > 0
                                 AND length(trim(result)) > 0))
) STRICT;
CREATE INDEX feedback_state ON feedback(state, received_at);
CREATE INDEX feedback_received ON feedback(received_at);
CREATE INDEX feedback_unit ON feedback(unit_id, received_at);
CREATE INDEX feedback_search ON feedback(received_at, search_text);
CREATE INDEX feedback_repair ON feedback(repair_id) WHERE repair_id IS NOT NULL;

CREATE TABLE work_orders (
    number       TEXT PRIMARY KEY CHECK (number GLOB 'GZ-[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]*'),
    feedback_id  INTEGER NOT NULL REFERENCES feedback(id) ON DELETE CASCADE,
    department   TEXT NOT NULL CHECK (length(trim(department)) > 0),
    handler_id   INTEGER REFERENCES staff(id),
    handler_name TEXT NOT NULL CHECK (length(trim(handler_name)) > 0),
    requirement  TEXT NOT NULL DEFAULT '',
    due_at       TEXT NOT NULL,
    issued_at    TEXT NOT NULL,
    issued_by    TEXT NOT NULL
) STRICT;
CREATE INDEX work_orders_feedback ON work_orders(feedback_id);

CREATE TABLE feedback_events (
    id          INTEGER PRIMARY KEY,
    feedback_id INTEGER NOT NULL REFERENCES feedback(id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    by_name     TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('received', 'dispatched', 'escalated', 'replied',
                                              'progress', 'answered', 'callback', 'reopened', 'closed')),
    text        TEXT NOT NULL
) STRICT;
CREATE INDEX feedback_events_of ON feedback_events(feedback_id, id);
"#,
    // What each unit still owes for each month, kept by triggers on bill_lines: 今日 and the
    // arrears read a row per owing unit and month instead of every open line (about one in five).
    r#"
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
"#,
    // 业主入住 (issue 13): one case per unit and owner (one open case per unit), its steps with
    // who and when (a skip with its reason), the items handed over (the keys themselves live in
    // the keys tables), the handover inspections with their checklist and the defects, each
    // linked to the repair order it became. Fees and bank agreements are read live, never kept.
    r#"
CREATE TABLE move_ins (
    id             INTEGER PRIMARY KEY,
    unit_id        INTEGER NOT NULL REFERENCES units(id),
    owner_name     TEXT NOT NULL CHECK (length(trim(owner_name)) > 0),
    person_id      INTEGER REFERENCES people(id) ON DELETE SET NULL,
    notice_no      TEXT NOT NULL DEFAULT '',
    scheduled_at   TEXT,
    state          TEXT NOT NULL CHECK (state IN ('open', 'moved_in', 'renovating')),
    service_signed TEXT,
    rules_signed   TEXT,
    moved_in       TEXT,
    finished_at    TEXT,
    opened_at      TEXT NOT NULL,
    opened_by_name TEXT NOT NULL,
    recorded_by    INTEGER REFERENCES staff(id),
    CHECK ((service_signed IS NULL) = (rules_signed IS NULL)),
    CHECK (state = 'open' OR (moved_in IS NOT NULL AND finished_at IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX move_ins_open ON move_ins(unit_id) WHERE state = 'open';
CREATE INDEX move_ins_unit ON move_ins(unit_id, id);
CREATE INDEX move_ins_scheduled ON move_ins(scheduled_at) WHERE scheduled_at IS NOT NULL;

CREATE TABLE move_in_steps (
    move_in_id INTEGER NOT NULL REFERENCES move_ins(id) ON DELETE CASCADE,
    step       TEXT NOT NULL CHECK (step IN ('verify', 'agreements', 'owner_file', 'bank_agreement',
                   'payment', 'items', 'inspection1', 'inspection2', 'handbook', 'checklist',
                   'finish')),
    at         TEXT NOT NULL,
    by_name    TEXT NOT NULL,
    skipped    TEXT CHECK (skipped IS NULL OR length(trim(skipped)) > 0),
    note       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (move_in_id, step)
) STRICT;

CREATE TABLE move_in_items (
    move_in_id INTEGER NOT NULL REFERENCES move_ins(id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    qty        INTEGER NOT NULL CHECK (qty > 0),
    PRIMARY KEY (move_in_id, seq),
    UNIQUE (move_in_id, name)
) STRICT;

CREATE TABLE move_in_inspections (
    id          INTEGER PRIMARY KEY,
    move_in_id  INTEGER NOT NULL REFERENCES move_ins(id) ON DELETE CASCADE,
    round       INTEGER NOT NULL CHECK (round IN (1, 2)),
    at          TEXT NOT NULL,
    by_name     TEXT NOT NULL CHECK (length(trim(by_name)) > 0),
    water       INTEGER CHECK (water IS NULL OR water >= 0),
    electricity INTEGER CHECK (electricity IS NULL OR electricity >= 0),
    gas         INTEGER CHECK (gas IS NULL OR gas >= 0),
    UNIQUE (move_in_id, round)
) STRICT;

CREATE TABLE move_in_checks (
    inspection_id INTEGER NOT NULL REFERENCES move_in_inspections(id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    area          TEXT NOT NULL CHECK (length(trim(area)) > 0),
    ok            INTEGER NOT NULL CHECK (ok IN (0, 1)),
    note          TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (inspection_id, seq),
    CHECK (ok = 1 OR length(trim(note)) > 0)
) STRICT;

CREATE TABLE move_in_defects (
    id               INTEGER PRIMARY KEY,
    inspection_id    INTEGER NOT NULL REFERENCES move_in_inspections(id) ON DELETE CASCADE,
    area             TEXT NOT NULL,
    note             TEXT NOT NULL,
    repair_id        INTEGER REFERENCES repairs(id),
    accepted_at      TEXT,
    accepted_by_name TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX move_in_defects_of ON move_in_defects(inspection_id);
CREATE INDEX move_in_defects_repair ON move_in_defects(repair_id) WHERE repair_id IS NOT NULL;
"#,
    // 业主房屋代租 (issue 15): the owner's entrustment of a unit (DZ-YYYYMM-NNNN, one listing
    // per unit that is not withdrawn), its viewings, and its leases (one running per
    // entrustment). A lease keeps the tenant's details for the police registration after the
    // tenant has left the register, the unit's status before it (restored at its end), and the
    // commission line it billed in the fees tables.
    r#"
CREATE TABLE rental_counters (
    month TEXT PRIMARY KEY CHECK (length(month) = 6),
    last  INTEGER NOT NULL CHECK (last > 0)
) STRICT;

CREATE TABLE rental_entrustments (
    id               INTEGER PRIMARY KEY,
    number           TEXT NOT NULL UNIQUE CHECK (number GLOB 'DZ-[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]*'),
    unit_id          INTEGER NOT NULL REFERENCES units(id),
    owner_name       TEXT NOT NULL CHECK (length(trim(owner_name)) > 0),
    person_id        INTEGER REFERENCES people(id) ON DELETE SET NULL,
    owner_phone      TEXT CHECK (owner_phone IS NULL OR length(owner_phone) = 11),
    asking_rent_fen  INTEGER NOT NULL CHECK (asking_rent_fen > 0),
    deposit_terms    TEXT NOT NULL DEFAULT '',
    furnishings      TEXT NOT NULL DEFAULT '',
    available_from   TEXT NOT NULL,
    period_from      TEXT NOT NULL,
    period_to        TEXT NOT NULL,
    commission_bp    INTEGER CHECK (commission_bp IS NULL OR commission_bp > 0),
    commission_fen   INTEGER CHECK (commission_fen IS NULL OR commission_fen > 0),
    bank             TEXT NOT NULL DEFAULT '',
    account_holder   TEXT NOT NULL DEFAULT '',
    account          TEXT CHECK (account IS NULL OR length(account) BETWEEN 8 AND 30),
    note             TEXT NOT NULL DEFAULT '',
    state            TEXT NOT NULL CHECK (state IN ('listed', 'let', 'withdrawn')),
    withdrawn_on     TEXT,
    withdraw_reason  TEXT,
    recorded_by      INTEGER REFERENCES staff(id),
    recorded_by_name TEXT NOT NULL,
    recorded_at      TEXT NOT NULL,
    CHECK ((commission_bp IS NULL) <> (commission_fen IS NULL)),
    CHECK (period_to >= period_from),
    CHECK ((state = 'withdrawn') = (withdrawn_on IS NOT NULL AND withdraw_reason IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX rental_entrustments_current ON rental_entrustments(unit_id)
    WHERE state <> 'withdrawn';
CREATE INDEX rental_entrustments_unit ON rental_entrustments(unit_id, id);
CREATE INDEX rental_entrustments_state ON rental_entrustments(state, id);

CREATE TABLE rental_viewings (
    id               INTEGER PRIMARY KEY,
    entrustment_id   INTEGER NOT NULL REFERENCES rental_entrustments(id),
    at               TEXT NOT NULL,
    visitor          TEXT NOT NULL CHECK (length(trim(visitor)) > 0),
    phone            TEXT CHECK (phone IS NULL OR length(phone) = 11),
    staff_id         INTEGER REFERENCES staff(id),
    staff_name       TEXT NOT NULL CHECK (length(trim(staff_name)) > 0),
    outcome          TEXT NOT NULL CHECK (outcome IN ('interested', 'considering', 'declined')),
    note             TEXT NOT NULL DEFAULT '',
    recorded_by_name TEXT NOT NULL,
    recorded_at      TEXT NOT NULL
) STRICT;
CREATE INDEX rental_viewings_of ON rental_viewings(entrustment_id, at);

CREATE TABLE rental_leases (
    id               INTEGER PRIMARY KEY,
    entrustment_id   INTEGER NOT NULL REFERENCES rental_entrustments(id),
    unit_id          INTEGER NOT NULL REFERENCES units(id),
    tenant           TEXT NOT NULL CHECK (length(trim(tenant)) > 0),
    id_number        TEXT NOT NULL CHECK (length(id_number) = 18),
    phone            TEXT NOT NULL CHECK (length(phone) = 11),
    person_id        INTEGER REFERENCES people(id) ON DELETE SET NULL,
    occupants        INTEGER NOT NULL CHECK (occupants BETWEEN 1 AND 20),
    purpose          TEXT NOT NULL CHECK (purpose IN ('home', 'office', 'other')),
    rent_fen         INTEGER NOT NULL CHECK (rent_fen > 0),
    deposit_fen      INTEGER NOT NULL CHECK (deposit_fen >= 0),
    cycle            TEXT NOT NULL CHECK (cycle IN ('monthly', 'quarterly', 'half_year', 'yearly')),
    starts_on        TEXT NOT NULL,
    ends_on          TEXT NOT NULL,
    commission_fen   INTEGER NOT NULL CHECK (commission_fen > 0),
    commission_line  INTEGER REFERENCES bill_lines(id),
    status_before    TEXT NOT NULL,
    signed_at        TEXT NOT NULL,
    signed_by_name   TEXT NOT NULL,
    recorded_by      INTEGER REFERENCES staff(id),
    ended_on         TEXT,
    end_reason       TEXT,
    ended_at         TEXT,
    ended_by_name    TEXT,
    CHECK (ends_on > starts_on),
    CHECK ((ended_on IS NULL) = (ended_at IS NULL)),
    CHECK ((ended_on IS NULL) = (end_reason IS NULL)),
    CHECK (ended_on IS NULL OR ended_on >= starts_on)
) STRICT;
CREATE UNIQUE INDEX rental_leases_running ON rental_leases(entrustment_id) WHERE ended_on IS NULL;
CREATE INDEX rental_leases_ending ON rental_leases(ends_on) WHERE ended_on IS NULL;
CREATE INDEX rental_leases_of ON rental_leases(entrustment_id, starts_on);

-- The office's commission for letting an owner's unit, billed to the unit when a lease is
-- signed (its amount is the entrustment's, so the item has no price of its own).
INSERT INTO fee_items (code, name, kind, meter, vacancy_discount, sort) VALUES
    ('DZYJ', '房屋代租佣金', 'one_off', NULL, 0, 140);
"#,
];

/// The schema version this program writes.
pub fn version() -> i64 {
    MIGRATIONS.len() as i64
}
