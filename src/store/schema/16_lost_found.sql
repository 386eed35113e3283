-- 物品拾遗 (issue 15): items handed in (SW-YYYYMM-NNNN) with where and when, who found
-- them, where they are kept, and for valuables the two witnesses and the supervisor who keeps
-- them; the claim (the claimant's ID and phone in full, shown masked) or the disposal on the
-- same row; and the owners' loss reports (XW-YYYYMM-NNNN), closed by the claim they led to.
CREATE TABLE lostfound_counters (
    prefix TEXT NOT NULL CHECK (prefix IN ('SW', 'XW')),
    month  TEXT NOT NULL CHECK (length(month) = 6),
    last   INTEGER NOT NULL CHECK (last > 0),
    PRIMARY KEY (prefix, month)
) STRICT;

CREATE TABLE found_items (
    id                INTEGER PRIMARY KEY,
    number            TEXT NOT NULL UNIQUE CHECK (number GLOB 'SW-[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]*'),
    category          TEXT NOT NULL CHECK (category IN ('phone', 'wallet', 'cash', 'document', 'card',
                          'keys', 'bag', 'electronics', 'jewelry', 'clothing', 'toy', 'daily', 'other')),
    name              TEXT NOT NULL CHECK (length(trim(name)) > 0),
    description       TEXT NOT NULL DEFAULT '',
    place             TEXT NOT NULL CHECK (length(trim(place)) > 0),
    found_at          TEXT NOT NULL,
    finder_kind       TEXT NOT NULL CHECK (finder_kind IN ('staff', 'resident', 'visitor')),
    finder_name       TEXT NOT NULL CHECK (length(trim(finder_name)) > 0),
    finder_phone      TEXT CHECK (finder_phone IS NULL OR length(finder_phone) = 11),
    finder_staff      INTEGER REFERENCES staff(id),
    storage           TEXT NOT NULL CHECK (length(trim(storage)) > 0),
    valuables         TEXT NOT NULL DEFAULT '',
    cash_fen          INTEGER CHECK (cash_fen IS NULL OR cash_fen > 0),
    witness1          TEXT NOT NULL DEFAULT '',
    witness2          TEXT NOT NULL DEFAULT '',
    custodian         TEXT NOT NULL DEFAULT '',
    state             TEXT NOT NULL CHECK (state IN ('in_store', 'claimed', 'disposed')),
    recorded_by       INTEGER REFERENCES staff(id),
    recorded_by_name  TEXT NOT NULL,
    recorded_at       TEXT NOT NULL,
    claimant_name     TEXT,
    claimant_id       TEXT CHECK (claimant_id IS NULL OR length(claimant_id) = 18),
    claimant_phone    TEXT CHECK (claimant_phone IS NULL OR length(claimant_phone) = 11),
    claim_description TEXT,
    claimed_at        TEXT,
    released_by_name  TEXT,
    disposal_method   TEXT CHECK (disposal_method IS NULL OR disposal_method IN ('police', 'donate', 'discard')),
    disposal_reason   TEXT,
    disposal_receiver TEXT,
    disposed_at       TEXT,
    disposed_by_name  TEXT,
    -- What the list's search reads: the number, the name, the features, the place, the storage.
    search_text       TEXT GENERATED ALWAYS AS (number || char(10) || name || char(10) ||
                          description || char(10) || place || char(10) || storage) VIRTUAL,
    -- A valuable was counted before two different staff and is kept by the supervisor.
    CHECK (valuables = '' OR (length(trim(witness1)) > 0 AND length(trim(witness2)) > 0
                              AND witness1 <> witness2 AND length(trim(custodian)) > 0)),
    CHECK ((cash_fen IS NOT NULL) = (instr(valuables, 'cash') > 0)),
    CHECK ((state = 'claimed') = (claimed_at IS NOT NULL)),
    CHECK (state <> 'claimed' OR (length(trim(claimant_name)) > 0 AND claimant_id IS NOT NULL
                                  AND claimant_phone IS NOT NULL
                                  AND length(trim(claim_description)) > 0
                                  AND length(trim(released_by_name)) > 0)),
    CHECK ((state = 'disposed') = (disposed_at IS NOT NULL)),
    CHECK (state <> 'disposed' OR (disposal_method IS NOT NULL
                                   AND length(trim(disposal_reason)) > 0
                                   AND length(trim(disposed_by_name)) > 0))
) STRICT;
CREATE INDEX found_items_state ON found_items(state, found_at);
CREATE INDEX found_items_found ON found_items(found_at);

CREATE TABLE loss_reports (
    id               INTEGER PRIMARY KEY,
    number           TEXT NOT NULL UNIQUE CHECK (number GLOB 'XW-[0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]*'),
    name             TEXT NOT NULL CHECK (length(trim(name)) > 0),
    phone            TEXT NOT NULL CHECK (length(phone) = 11),
    category         TEXT,
    description      TEXT NOT NULL CHECK (length(trim(description)) > 0),
    place            TEXT NOT NULL DEFAULT '',
    lost_on          TEXT NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('open', 'closed')),
    result           TEXT NOT NULL DEFAULT '',
    closed_at        TEXT,
    item_id          INTEGER REFERENCES found_items(id),
    recorded_by      INTEGER REFERENCES staff(id),
    recorded_by_name TEXT NOT NULL,
    recorded_at      TEXT NOT NULL,
    CHECK ((state = 'closed') = (closed_at IS NOT NULL)),
    CHECK (state = 'open' OR length(trim(result)) > 0)
) STRICT;
CREATE INDEX loss_reports_state ON loss_reports(state, recorded_at);
CREATE INDEX loss_reports_item ON loss_reports(item_id) WHERE item_id IS NOT NULL;
