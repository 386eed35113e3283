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
];

/// The schema version this program writes.
pub fn version() -> i64 {
    MIGRATIONS.len() as i64
}
