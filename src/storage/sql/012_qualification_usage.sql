-- Usage is recorded against a qualification (art. 42) as well as against a plan line: the
-- table is rebuilt so that a record names exactly one of the two. Nothing references it.
CREATE TABLE usage_record_new (
    id INTEGER PRIMARY KEY,
    line_id INTEGER REFERENCES plan_line(id),
    qualification_id INTEGER REFERENCES qualification(id),
    used_on TEXT NOT NULL,
    units INTEGER NOT NULL CHECK (units > 0),
    note TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT 'desk',
    -- Identifies a row of a provider's list so that importing the same list twice adds nothing.
    import_key TEXT UNIQUE,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    CHECK ((line_id IS NULL) != (qualification_id IS NULL))
);
INSERT INTO usage_record_new (id, line_id, used_on, units, note, source, import_key, recorded_by, recorded_at)
SELECT id, line_id, used_on, units, note, source, import_key, recorded_by, recorded_at FROM usage_record;
DROP TABLE usage_record;
ALTER TABLE usage_record_new RENAME TO usage_record;
CREATE INDEX usage_record_line ON usage_record(line_id, used_on);
CREATE INDEX usage_record_qualification ON usage_record(qualification_id, used_on);
