-- The audit log's head, outside the log so that entries removed at its end show.
CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    entries INTEGER NOT NULL,
    last_id INTEGER NOT NULL,
    last_hash TEXT NOT NULL,
    keyed_from INTEGER NOT NULL,
    mac TEXT NOT NULL
);
