-- Statutory holidays close a service unless its weekly hours say they hold on holidays too.
ALTER TABLE opening_hours ADD COLUMN on_holidays INTEGER NOT NULL DEFAULT 0 CHECK (on_holidays IN (0, 1));

-- A temporary closure of a service (renovation, staff leave), first and last day inclusive.
CREATE TABLE service_closure (
    id INTEGER PRIMARY KEY,
    service_id INTEGER NOT NULL REFERENCES service(id),
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    CHECK (starts_on <= ends_on)
);
CREATE INDEX service_closure_service ON service_closure(service_id);
