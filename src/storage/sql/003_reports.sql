-- Reports need to know when a service entered the catalogue (quarterly indicator "new services")
-- and who volunteered for the centre. Only additions: no existing column changes.

ALTER TABLE service ADD COLUMN created_at TEXT NOT NULL DEFAULT '';
-- Services that existed before this column have no better date than their last update.
UPDATE service SET created_at = updated_at WHERE created_at = '';
-- Code that inserts a service without naming created_at still gets a date.
CREATE TRIGGER service_created_at AFTER INSERT ON service WHEN NEW.created_at = ''
BEGIN UPDATE service SET created_at = NEW.updated_at WHERE id = NEW.id; END;

-- Volunteers working with the centre or a partner, for the quarterly indicators.
CREATE TABLE volunteer (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    from_on TEXT NOT NULL,
    to_on TEXT,
    hours INTEGER NOT NULL DEFAULT 0 CHECK (hours >= 0)
);
