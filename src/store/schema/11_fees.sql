-- 收费管理 (issue 11). Sections by the part of the fees module that owns them; money in
-- fen, areas in 0.01 m², water in litres, power in 0.01 kWh, months as `2026-11`.
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
