-- 信息反馈与投诉 (issue 12): every matter that reaches the desk, numbered FK-YYYYMM-NNNN, its
-- 工作联系单 (GZ-YYYYMM-NNNN, one row per slip sent out) and its dated trail. Open matters
-- are read through feedback_state; the month registers through feedback_received.
CREATE TABLE feedback_counters (
    prefix TEXT NOT NULL CHECK (prefix IN ('FK', 'GZ')),
    month  TEXT NOT NULL CHECK (length(month) = 6),
    last   INTEGER NOT NULL CHECK (last > 0),
    PRIMARY KEY (prefix, month)
) STRICT;

CREATE TABLE feedback (
    id               INTEGER PRIMARY KEY,
    number           TEXT NOT NULL UNIQUE CHECK (number GLOB 'FK-[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]*'),
    channel          TEXT NOT NULL CHECK (channel IN ('phone', 'visit', 'wechat', 'letter', 'staff', 'other')),
    name             TEXT NOT NULL CHECK (length(trim(name)) > 0),
    phone            TEXT CHECK (phone IS NULL OR length(phone) = 11),
    person_id        INTEGER REFERENCES people(id) ON DELETE SET NULL,
    unit_id          INTEGER REFERENCES units(id),
    location         TEXT NOT NULL DEFAULT '',
    content          TEXT NOT NULL CHECK (length(trim(content)) > 0),
    category         TEXT NOT NULL CHECK (category IN ('repair', 'complaint', 'suggestion', 'inquiry', 'help', 'other')),
    severity         TEXT NOT NULL CHECK (severity IN ('general', 'major')),
    state            TEXT NOT NULL CHECK (state IN ('received', 'dispatched', 'replied', 'answered', 'closed')),
    received_at      TEXT NOT NULL,
    received_by_name TEXT NOT NULL,
    repair_id        INTEGER REFERENCES repairs(id),
    work_order       TEXT,
    department       TEXT NOT NULL DEFAULT '',
    handler_id       INTEGER REFERENCES staff(id),
    handler_name     TEXT NOT NULL DEFAULT '',
    requirement      TEXT NOT NULL DEFAULT '',
    reply_limit_min  INTEGER CHECK (reply_limit_min IS NULL OR reply_limit_min > 0),
    needs_superior   INTEGER NOT NULL DEFAULT 0 CHECK (needs_superior IN (0, 1)),
    dispatched_at    TEXT,
    escalated_to     TEXT NOT NULL DEFAULT '',
    escalated_at     TEXT,
    reply            TEXT NOT NULL DEFAULT '',
    replied_at       TEXT,
    answer           TEXT NOT NULL DEFAULT '',
    answered_at      TEXT,
    rating           TEXT CHECK (rating IS NULL OR rating IN ('satisfied', 'fair', 'dissatisfied')),
    rating_note      TEXT NOT NULL DEFAULT '',
    rated_at         TEXT,
    reopened_at      TEXT,
    result           TEXT NOT NULL DEFAULT '',
    closed_at        TEXT,
    recorded_by      INTEGER REFERENCES staff(id),
    recorded_by_name TEXT NOT NULL,
    recorded_at      TEXT NOT NULL,
    -- What the list's free-text search reads: one instr over one indexed column, not five.
    search_text      TEXT GENERATED ALWAYS AS (name || char(10) || content || char(10) ||
                         location || char(10) || department || char(10) || handler_name) VIRTUAL,
    -- A unit or a public place, never both; a 报修 is linked to its repair order.
    CHECK (unit_id IS NULL OR location = ''),
    CHECK ((rating IS NULL) = (rated_at IS NULL)),
    CHECK (state <> 'closed' OR (closed_at IS NOT NULL AND length(trim(answer)) > 0
                                 AND length(trim(result)) > 0))
) STRICT;
CREATE INDEX feedback_state ON feedback(state, received_at);
CREATE INDEX feedback_received ON feedback(received_at);
CREATE INDEX feedback_unit ON feedback(unit_id, received_at);
CREATE INDEX feedback_search ON feedback(received_at, search_text);
CREATE INDEX feedback_repair ON feedback(repair_id) WHERE repair_id IS NOT NULL;

CREATE TABLE work_orders (
    number       TEXT PRIMARY KEY CHECK (number GLOB 'GZ-[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]*'),
    feedback_id  INTEGER NOT NULL REFERENCES feedback(id) ON DELETE CASCADE,
    department   TEXT NOT NULL CHECK (length(trim(department)) > 0),
    handler_id   INTEGER REFERENCES staff(id),
    handler_name TEXT NOT NULL CHECK (length(trim(handler_name)) > 0),
    requirement  TEXT NOT NULL DEFAULT '',
    due_at       TEXT NOT NULL,
    issued_at    TEXT NOT NULL,
    issued_by    TEXT NOT NULL
) STRICT;
CREATE INDEX work_orders_feedback ON work_orders(feedback_id);

CREATE TABLE feedback_events (
    id          INTEGER PRIMARY KEY,
    feedback_id INTEGER NOT NULL REFERENCES feedback(id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    by_name     TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('received', 'dispatched', 'escalated', 'replied',
                                              'progress', 'answered', 'callback', 'reopened', 'closed')),
    text        TEXT NOT NULL
) STRICT;
CREATE INDEX feedback_events_of ON feedback_events(feedback_id, id);
