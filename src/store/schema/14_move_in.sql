-- 业主入住 (issue 13): one case per unit and owner (one open case per unit), its steps with
-- who and when (a skip with its reason), the items handed over (the keys themselves live in
-- the keys tables), the handover inspections with their checklist and the defects, each
-- linked to the repair order it became. Fees and bank agreements are read live, never kept.
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
