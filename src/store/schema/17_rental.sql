-- 业主房屋代租 (issue 15): the owner's entrustment of a unit (DZ-YYYYMM-NNNN, one listing
-- per unit that is not withdrawn), its viewings, and its leases (one running per
-- entrustment). A lease keeps the tenant's details for the police registration after the
-- tenant has left the register, the unit's status before it (restored at its end), and the
-- commission line it billed in the fees tables.
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
