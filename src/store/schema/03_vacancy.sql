-- Vacant units (空置房管理): applications, inspections with meter readings, and which
-- buildings each service officer covers.
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
