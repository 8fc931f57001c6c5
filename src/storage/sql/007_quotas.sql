-- Quotas that cannot be bypassed (issue 11): the waiting list keeps why a person left it,
-- services are granted by qualification without an IPUS, refusals are decisions, and an
-- approval ahead of people waiting keeps its reason.

-- The waiting list is rebuilt so that a person may join again after leaving (the old UNIQUE
-- forbade it) and leaving keeps its reason. Nothing references this table.
CREATE TABLE waitlist_entry_new (
    id INTEGER PRIMARY KEY,
    service_id INTEGER NOT NULL REFERENCES service(id),
    application_id INTEGER NOT NULL REFERENCES application(id),
    units INTEGER NOT NULL CHECK (units > 0),
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL,
    resolved_at TEXT,
    -- przyznano: got the service; rezygnacja: resigned; wyprowadzka: moved away.
    resolution TEXT CHECK (resolution IN ('przyznano', 'rezygnacja', 'wyprowadzka')),
    resolved_by TEXT,
    CHECK ((resolved_at IS NULL) = (resolution IS NULL))
);
INSERT INTO waitlist_entry_new (id, service_id, application_id, units, added_at, added_by, resolved_at, resolution)
SELECT id, service_id, application_id, units, added_at, added_by,
       CASE WHEN resolution IS NULL THEN NULL ELSE coalesce(resolved_at, added_at) END,
       CASE resolution WHEN 'wycofano' THEN 'rezygnacja' ELSE resolution END
FROM waitlist_entry;
DROP TABLE waitlist_entry;
ALTER TABLE waitlist_entry_new RENAME TO waitlist_entry;
CREATE UNIQUE INDEX waitlist_entry_open ON waitlist_entry(service_id, application_id) WHERE resolved_at IS NULL;
CREATE INDEX waitlist_entry_service ON waitlist_entry(service_id, resolved_at);

-- Art. 42: one service granted on an application with the applicant's declaration, without a
-- plan and without a decision; it draws on the pools like an approved plan line.
CREATE TABLE qualification (
    id INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES application(id),
    service_id INTEGER NOT NULL REFERENCES service(id),
    provider_id INTEGER REFERENCES provider(id),
    amount INTEGER NOT NULL CHECK (amount > 0),
    per TEXT NOT NULL CHECK (per IN ('week', 'month', 'year', 'plan')),
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    fee_note TEXT NOT NULL DEFAULT '',
    declaration_on TEXT NOT NULL,
    decided_by TEXT NOT NULL REFERENCES staff(login),
    decided_at TEXT NOT NULL,
    -- From this day the qualification grants nothing more.
    ended_on TEXT,
    end_reason TEXT CHECK (end_reason IN ('zakończony', 'rezygnacja')),
    CHECK (starts_on <= ends_on),
    CHECK ((ended_on IS NULL) = (end_reason IS NULL))
);
CREATE INDEX qualification_application ON qualification(application_id);
CREATE INDEX qualification_service ON qualification(service_id, starts_on, ends_on);

-- A refusal to qualify is an administrative decision (art. 42), open to appeal for 14 days
-- from its date; the deadline is derived, not stored.
CREATE TABLE qualification_refusal (
    id INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES application(id),
    service_id INTEGER NOT NULL REFERENCES service(id),
    decision_number TEXT NOT NULL,
    decided_on TEXT NOT NULL,
    grounds TEXT NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES staff(login),
    recorded_at TEXT NOT NULL
);
CREATE INDEX qualification_refusal_application ON qualification_refusal(application_id);

-- Units granted while earlier applicants waited for the same service, with the approver's
-- reason, for the half-year summary.
CREATE TABLE waitlist_bypass (
    id INTEGER PRIMARY KEY,
    service_id INTEGER NOT NULL REFERENCES service(id),
    application_id INTEGER REFERENCES application(id),
    plan_version_id INTEGER REFERENCES plan_version(id),
    qualification_id INTEGER REFERENCES qualification(id),
    waiting_before INTEGER NOT NULL CHECK (waiting_before > 0),
    reason TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    CHECK ((plan_version_id IS NULL) != (qualification_id IS NULL))
);
