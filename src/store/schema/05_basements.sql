-- Basements (地下室): inspected like vacant units, listed on their building's sheet. A table
-- of their own rather than a nullable unit in vacancy_inspections: SQLite cannot alter that
-- table's CHECKs, and the readings history of units stays a plain index scan.
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
