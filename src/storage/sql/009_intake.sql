-- The intake at the desk: people without PESEL are told apart by an identity document, pairs
-- that look alike but were judged to be two people are not offered again, and a merge of two
-- records into one is kept with who decided it.

ALTER TABLE resident ADD COLUMN document_no TEXT NOT NULL DEFAULT '';
CREATE INDEX resident_birth_date ON resident(birth_date);
CREATE INDEX resident_house ON resident(house_no, city);

-- "inna osoba": two records that look alike were judged to be two people. Stored with the lower id first.
CREATE TABLE resident_distinct (
    first_id INTEGER NOT NULL REFERENCES resident(id),
    second_id INTEGER NOT NULL REFERENCES resident(id),
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    PRIMARY KEY (first_id, second_id),
    CHECK (first_id < second_id)
);

-- Two records found to be one person: everything of `merged_id` now belongs to `kept_id`; the
-- merged record's data are kept here as they were, so the merge can be read back.
CREATE TABLE resident_merge (
    id INTEGER PRIMARY KEY,
    kept_id INTEGER NOT NULL REFERENCES resident(id),
    merged_id INTEGER NOT NULL UNIQUE,
    merged_data TEXT NOT NULL,
    merged_by TEXT NOT NULL,
    merged_at TEXT NOT NULL
);
CREATE INDEX resident_merge_kept ON resident_merge(kept_id);
