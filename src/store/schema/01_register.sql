-- settings, staff, the unit and owner register, the unit log.
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
