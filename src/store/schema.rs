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
];

/// The schema version this program writes.
pub fn version() -> i64 {
    MIGRATIONS.len() as i64
}
