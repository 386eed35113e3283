-- Repairs (报修管理): orders numbered per month, their materials and state changes.
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
