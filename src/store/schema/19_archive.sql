-- 月末归档: every run of the month-end archive, and every change to a closed month's records.
-- A month is closed from its first archive on; each later run is kept beside the first, so the
-- desk shows when it was first archived, when last, and what changed in between.
CREATE TABLE archives (
    id        INTEGER PRIMARY KEY,
    month     TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    at        TEXT NOT NULL,
    by_id     INTEGER REFERENCES staff(id),
    by_name   TEXT NOT NULL,
    folder    TEXT NOT NULL,
    -- SHA-256 of the run's SHA256SUMS: one value naming the whole archive's content.
    digest    TEXT NOT NULL CHECK (length(digest) = 64),
    files     INTEGER NOT NULL CHECK (files > 0)
) STRICT;
CREATE INDEX archives_month ON archives(month, at);

CREATE TABLE archive_edits (
    id            INTEGER PRIMARY KEY,
    month         TEXT NOT NULL,
    at            TEXT NOT NULL,
    by_name       TEXT NOT NULL,
    record_kind   TEXT NOT NULL,
    record_id     INTEGER NOT NULL,
    record_label  TEXT NOT NULL,
    what          TEXT NOT NULL
) STRICT;
CREATE INDEX archive_edits_month ON archive_edits(month, at);
