-- 装修管理 (issue 14): the owner's application (ZX-YYYYMM-NNNN) with its contractor, workers
-- and papers; each step with who and when; the second inspection's items (a failure links the
-- repair order it opened); the bill lines it put on the unit's fee account; the phases of the
-- work and the patrols (a violation numbers a 整改通知 per renovation, with its re-check); the
-- acceptances. `patrol_due` is the current phase's next patrol, kept by every write that
-- changes it, so today's round reads one index. `status_before` is the unit's status when the
-- permit made it 装修中, given back at the refund.
CREATE TABLE renovation_counters (
    month TEXT PRIMARY KEY CHECK (length(month) = 6),
    last  INTEGER NOT NULL CHECK (last > 0)
) STRICT;

CREATE TABLE renovations (
    id                INTEGER PRIMARY KEY,
    number            TEXT NOT NULL UNIQUE CHECK (number GLOB 'ZX-[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]*'),
    unit_id           INTEGER NOT NULL REFERENCES units(id),
    owner_name        TEXT NOT NULL CHECK (length(trim(owner_name)) > 0),
    person_id         INTEGER REFERENCES people(id) ON DELETE SET NULL,
    owner_phone       TEXT CHECK (owner_phone IS NULL OR length(owner_phone) = 11),
    company           TEXT NOT NULL CHECK (length(trim(company)) > 0),
    licence_no        TEXT NOT NULL DEFAULT '',
    qualification     TEXT NOT NULL DEFAULT '',
    person_in_charge  TEXT NOT NULL CHECK (length(trim(person_in_charge)) > 0),
    contractor_phone  TEXT NOT NULL CHECK (length(contractor_phone) = 11),
    planned_start     TEXT NOT NULL,
    planned_end       TEXT NOT NULL,
    kinds             TEXT NOT NULL CHECK (length(kinds) > 0),
    note              TEXT NOT NULL DEFAULT '',
    stage             TEXT NOT NULL CHECK (stage IN ('applied', 'inspection', 'awaiting_payment',
                          'working', 'initial', 'initial_rectify', 'final', 'final_rectify',
                          'accepted', 'refunded', 'cancelled')),
    status_before     TEXT,
    permit_at         TEXT,
    finished_on       TEXT,
    patrol_due        TEXT,
    applied_at        TEXT NOT NULL,
    applied_by_name   TEXT NOT NULL,
    recorded_by       INTEGER REFERENCES staff(id),
    CHECK (planned_end >= planned_start),
    CHECK (patrol_due IS NULL OR stage = 'working')
) STRICT;
CREATE UNIQUE INDEX renovations_open ON renovations(unit_id)
    WHERE stage NOT IN ('refunded', 'cancelled');
CREATE INDEX renovations_unit ON renovations(unit_id, id);
CREATE INDEX renovations_stage ON renovations(stage, id);
CREATE INDEX renovations_due ON renovations(patrol_due) WHERE patrol_due IS NOT NULL;

CREATE TABLE renovation_steps (
    id             INTEGER PRIMARY KEY,
    renovation_id  INTEGER NOT NULL REFERENCES renovations(id),
    what           TEXT NOT NULL CHECK (length(what) > 0),
    stage          TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    at             TEXT NOT NULL,
    by_name        TEXT NOT NULL
) STRICT;
CREATE INDEX renovation_steps_of ON renovation_steps(renovation_id, id);

CREATE TABLE renovation_workers (
    renovation_id  INTEGER NOT NULL REFERENCES renovations(id),
    seq            INTEGER NOT NULL,
    name           TEXT NOT NULL CHECK (length(trim(name)) > 0),
    id_number      TEXT NOT NULL CHECK (length(id_number) = 18),
    phone          TEXT NOT NULL CHECK (length(phone) = 11),
    trade          TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (renovation_id, seq)
) STRICT;

CREATE TABLE renovation_papers (
    renovation_id  INTEGER NOT NULL REFERENCES renovations(id),
    paper          TEXT NOT NULL,
    received_on    TEXT NOT NULL,
    by_name        TEXT NOT NULL,
    PRIMARY KEY (renovation_id, paper)
) STRICT;

CREATE TABLE renovation_inspection_items (
    id             INTEGER PRIMARY KEY,
    renovation_id  INTEGER NOT NULL REFERENCES renovations(id),
    seq            INTEGER NOT NULL,
    name           TEXT NOT NULL CHECK (length(trim(name)) > 0),
    passed         INTEGER NOT NULL CHECK (passed IN (0, 1)),
    note           TEXT NOT NULL DEFAULT '',
    repair_id      INTEGER REFERENCES repairs(id),
    at             TEXT NOT NULL,
    by_name        TEXT NOT NULL,
    UNIQUE (renovation_id, seq)
) STRICT;

CREATE TABLE renovation_lines (
    renovation_id  INTEGER NOT NULL REFERENCES renovations(id),
    line_id        INTEGER NOT NULL UNIQUE REFERENCES bill_lines(id),
    item_code      TEXT NOT NULL
) STRICT;
CREATE INDEX renovation_lines_of ON renovation_lines(renovation_id);

CREATE TABLE renovation_phases (
    id               INTEGER PRIMARY KEY,
    renovation_id    INTEGER NOT NULL REFERENCES renovations(id),
    kind             TEXT NOT NULL CHECK (kind IN ('plumbing', 'carpentry', 'painting',
                         'flooring', 'installation')),
    started_on       TEXT NOT NULL,
    installation_day TEXT,
    ended_on         TEXT,
    by_name          TEXT NOT NULL,
    CHECK (installation_day IS NULL OR kind = 'installation')
) STRICT;
CREATE UNIQUE INDEX renovation_phases_current ON renovation_phases(renovation_id)
    WHERE ended_on IS NULL;
CREATE INDEX renovation_phases_of ON renovation_phases(renovation_id, id);

CREATE TABLE renovation_patrols (
    id               INTEGER PRIMARY KEY,
    renovation_id    INTEGER NOT NULL REFERENCES renovations(id),
    phase_id         INTEGER NOT NULL REFERENCES renovation_phases(id),
    at               TEXT NOT NULL,
    by_name          TEXT NOT NULL,
    findings         TEXT NOT NULL DEFAULT '',
    violation        TEXT,
    notice_seq       INTEGER CHECK (notice_seq IS NULL OR notice_seq > 0),
    recheck_on       TEXT,
    rechecked_at     TEXT,
    recheck_passed   INTEGER CHECK (recheck_passed IS NULL OR recheck_passed IN (0, 1)),
    recheck_note     TEXT,
    rechecked_by_name TEXT,
    CHECK ((violation IS NULL) = (notice_seq IS NULL)),
    CHECK ((violation IS NULL) = (recheck_on IS NULL)),
    CHECK ((rechecked_at IS NULL) = (recheck_passed IS NULL)),
    UNIQUE (renovation_id, notice_seq)
) STRICT;
CREATE INDEX renovation_patrols_of ON renovation_patrols(renovation_id, at);
CREATE INDEX renovation_patrols_at ON renovation_patrols(at);
CREATE INDEX renovation_patrols_recheck ON renovation_patrols(recheck_on)
    WHERE violation IS NOT NULL AND (recheck_passed IS NULL OR recheck_passed = 0);

CREATE TABLE renovation_acceptances (
    id               INTEGER PRIMARY KEY,
    renovation_id    INTEGER NOT NULL REFERENCES renovations(id),
    round            TEXT NOT NULL CHECK (round IN ('initial', 'final')),
    passed           INTEGER NOT NULL CHECK (passed IN (0, 1)),
    findings         TEXT NOT NULL DEFAULT '',
    at               TEXT NOT NULL,
    by_name          TEXT NOT NULL
) STRICT;
CREATE INDEX renovation_acceptances_of ON renovation_acceptances(renovation_id, id);

-- 退款 in the fees module: a deposit line paid back (TK-YYYYMM-NNNN, gap-free), less
-- deductions each with its reason; any deduction names the supervisor who approved it. The
-- cashier's day counts refunds as money out.
CREATE TABLE refund_counters (
    month TEXT PRIMARY KEY CHECK (length(month) = 6),
    last  INTEGER NOT NULL CHECK (last > 0)
) STRICT;

CREATE TABLE refunds (
    id               INTEGER PRIMARY KEY,
    number           TEXT NOT NULL UNIQUE CHECK (number GLOB 'TK-[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]*'),
    unit_id          INTEGER NOT NULL REFERENCES units(id),
    line_id          INTEGER NOT NULL UNIQUE REFERENCES bill_lines(id),
    payee            TEXT NOT NULL CHECK (length(trim(payee)) > 0),
    method           TEXT NOT NULL CHECK (method IN ('cash', 'wechat', 'alipay', 'card',
                         'transfer')),
    deposit_fen      INTEGER NOT NULL CHECK (deposit_fen > 0),
    deducted_fen     INTEGER NOT NULL CHECK (deducted_fen >= 0),
    amount_fen       INTEGER NOT NULL CHECK (amount_fen >= 0),
    source_ref       TEXT NOT NULL DEFAULT '',
    note             TEXT NOT NULL DEFAULT '',
    approved_by_name TEXT,
    issued_at        TEXT NOT NULL,
    by_name          TEXT NOT NULL,
    recorded_by      INTEGER REFERENCES staff(id),
    CHECK (amount_fen = deposit_fen - deducted_fen),
    CHECK (deducted_fen = 0 OR approved_by_name IS NOT NULL)
) STRICT;
CREATE INDEX refunds_issued ON refunds(issued_at);
CREATE INDEX refunds_unit ON refunds(unit_id, issued_at);

CREATE TABLE refund_deductions (
    refund_id   INTEGER NOT NULL REFERENCES refunds(id),
    seq         INTEGER NOT NULL,
    reason      TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    amount_fen  INTEGER NOT NULL CHECK (amount_fen > 0),
    PRIMARY KEY (refund_id, seq)
) STRICT;

-- The rubbish removal of a renovation, billed once with its deposit and management fee.
INSERT INTO fee_items (code, name, kind, meter, vacancy_discount, sort) VALUES
    ('ZXLJF', '装修垃圾清运费', 'one_off', NULL, 0, 105);
