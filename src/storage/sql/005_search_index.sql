-- The resident search index, kept in the database so that no desk loads every resident: each
-- resident's search keys, written by the same transaction that writes the resident
-- (storage::residents::index_resident). Kinds, as numbered in storage::residents::KeyKind:
-- 1 folded "surname␁first name", 2 folded "first name␁surname", 3 any other word of the names
-- and the words of the street and town, 4 PESEL, 5 phone digits without a country prefix,
-- 6 birth year, 7 the sound key of each word of the names.
CREATE TABLE resident_key (
    kind INTEGER NOT NULL,
    key TEXT NOT NULL,
    resident_id INTEGER NOT NULL REFERENCES resident(id) ON DELETE CASCADE,
    PRIMARY KEY (kind, key, resident_id)
) WITHOUT ROWID;
-- A resident's own keys, to replace them and to check a resident against a query's other words.
CREATE INDEX resident_key_resident ON resident_key (resident_id);

-- Every folded surname and first name ever written, the vocabulary fuzzy matching scores
-- (a name no longer used finds nobody, which is harmless).
CREATE TABLE search_name (
    name TEXT PRIMARY KEY
) WITHOUT ROWID;

-- search_keys() is the Rust function index_resident uses, registered by the migration runner.
INSERT INTO resident_key (kind, key, resident_id)
SELECT DISTINCT k.value ->> 0, k.value ->> 1, r.id
FROM resident r,
     json_each(search_keys(r.first_name, r.last_name, r.street, r.city, r.pesel, r.phone, r.birth_date)) k;

INSERT OR IGNORE INTO search_name (name)
SELECT substr(key, 1, instr(key, char(1)) - 1) FROM resident_key WHERE kind IN (1, 2);
