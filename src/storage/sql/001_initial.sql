-- The whole model of a CUS desk. Dates are ISO 8601 text (YYYY-MM-DD), times UTC RFC 3339.
-- Counters such as units granted, used and remaining are never stored: they are computed
-- from plan lines and usage records.

CREATE TABLE centre (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    programme_resolution TEXT NOT NULL DEFAULT ''
);

CREATE TABLE gmina (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE village (
    id INTEGER PRIMARY KEY,
    gmina_id INTEGER NOT NULL REFERENCES gmina(id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'wieś' CHECK (kind IN ('miasto', 'wieś', 'osiedle')),
    postal_code TEXT NOT NULL DEFAULT '',
    UNIQUE (gmina_id, name)
);

CREATE TABLE staff (
    login TEXT PRIMARY KEY,
    full_name TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    -- An organiser approves plans only on the director's authorisation (art. 41).
    may_approve INTEGER NOT NULL DEFAULT 0 CHECK (may_approve IN (0, 1)),
    created_at TEXT NOT NULL
);

CREATE TABLE staff_role (
    login TEXT NOT NULL REFERENCES staff(login),
    role TEXT NOT NULL CHECK (role IN ('recepcja', 'koordynator', 'organizator', 'dyrektor', 'administrator')),
    PRIMARY KEY (login, role)
);

CREATE TABLE resident (
    id INTEGER PRIMARY KEY,
    pesel TEXT UNIQUE,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    birth_date TEXT,
    sex TEXT CHECK (sex IN ('K', 'M')),
    street TEXT NOT NULL DEFAULT '',
    house_no TEXT NOT NULL DEFAULT '',
    flat_no TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    village_id INTEGER REFERENCES village(id),
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    occupation TEXT NOT NULL DEFAULT '',
    employment TEXT NOT NULL DEFAULT '',
    marital_status TEXT NOT NULL DEFAULT '',
    household_size INTEGER,
    -- Known to the social-assistance system POMOST (data confirmed from there).
    in_pomost INTEGER NOT NULL DEFAULT 0 CHECK (in_pomost IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX resident_updated ON resident(updated_at);

-- Special-category data (RODO art. 9), kept apart so that roles without access never read it.
CREATE TABLE resident_sensitive (
    resident_id INTEGER PRIMARY KEY REFERENCES resident(id),
    disability TEXT NOT NULL DEFAULT '',
    disability_degree TEXT NOT NULL DEFAULT '' CHECK (disability_degree IN ('', 'lekki', 'umiarkowany', 'znaczny')),
    dependency TEXT NOT NULL DEFAULT '',
    health TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);

-- A legal representative or a de facto carer who may apply on the resident's behalf (art. 35).
CREATE TABLE representative (
    id INTEGER PRIMARY KEY,
    resident_id INTEGER NOT NULL REFERENCES resident(id),
    kind TEXT NOT NULL CHECK (kind IN ('przedstawiciel_ustawowy', 'opiekun_faktyczny')),
    full_name TEXT NOT NULL,
    pesel TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX representative_resident ON representative(resident_id);

CREATE TABLE provider (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('cus', 'jednostka_gminy', 'ngo', 'pes', 'firma')),
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT ''
);

CREATE TABLE location (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    village_id INTEGER REFERENCES village(id),
    -- 'placówka' is a venue; 'dom' means delivered at the resident's home.
    kind TEXT NOT NULL DEFAULT 'placówka' CHECK (kind IN ('placówka', 'dom', 'zdalnie'))
);

CREATE TABLE service (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    unit TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    fee_grosze INTEGER NOT NULL DEFAULT 0 CHECK (fee_grosze >= 0),
    fee_note TEXT NOT NULL DEFAULT '',
    access_rule TEXT NOT NULL DEFAULT 'otwarty' CHECK (access_rule IN ('otwarty', 'kryteria', 'odplatnosc_czesciowa')),
    form TEXT NOT NULL DEFAULT 'indywidualna' CHECK (form IN ('indywidualna', 'grupowa', 'indywidualna_i_grupowa')),
    delivery_days INTEGER NOT NULL DEFAULT 0 CHECK (delivery_days >= 0),
    default_provider_id INTEGER REFERENCES provider(id),
    suspended INTEGER NOT NULL DEFAULT 0 CHECK (suspended IN (0, 1)),
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);

-- Statutory areas of art. 2 of the Act; a service may belong to several.
CREATE TABLE service_area (
    service_id INTEGER NOT NULL REFERENCES service(id),
    area TEXT NOT NULL,
    PRIMARY KEY (service_id, area)
);

CREATE TABLE service_target_group (
    service_id INTEGER NOT NULL REFERENCES service(id),
    target_group TEXT NOT NULL,
    PRIMARY KEY (service_id, target_group)
);

-- Weekly opening hours of a service at a location, valid over a range of days.
CREATE TABLE opening_hours (
    id INTEGER PRIMARY KEY,
    service_id INTEGER NOT NULL REFERENCES service(id),
    location_id INTEGER NOT NULL REFERENCES location(id),
    provider_id INTEGER REFERENCES provider(id),
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    opens TEXT NOT NULL,
    closes TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    CHECK (opens < closes)
);
CREATE INDEX opening_hours_service ON opening_hours(service_id);

-- A limit of units per calendar period; a partner puts only an agreed share into the base.
CREATE TABLE capacity_pool (
    id INTEGER PRIMARY KEY,
    service_id INTEGER NOT NULL REFERENCES service(id),
    provider_id INTEGER REFERENCES provider(id),
    period_kind TEXT NOT NULL CHECK (period_kind IN ('week', 'month', 'quarter', 'year')),
    units_limit INTEGER NOT NULL CHECK (units_limit >= 0),
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
CREATE INDEX capacity_pool_service ON capacity_pool(service_id);

-- A limit set for one particular period, overriding the pool's usual limit.
CREATE TABLE pool_period_limit (
    pool_id INTEGER NOT NULL REFERENCES capacity_pool(id),
    period_start TEXT NOT NULL,
    units_limit INTEGER NOT NULL CHECK (units_limit >= 0),
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (pool_id, period_start)
);

CREATE TABLE application (
    id INTEGER PRIMARY KEY,
    resident_id INTEGER NOT NULL REFERENCES resident(id),
    filed_on TEXT NOT NULL,
    applicant_kind TEXT NOT NULL CHECK (applicant_kind IN ('mieszkaniec', 'przedstawiciel_ustawowy', 'opiekun_faktyczny')),
    applicant_name TEXT NOT NULL DEFAULT '',
    applicant_phone TEXT NOT NULL DEFAULT '',
    applicant_email TEXT NOT NULL DEFAULT '',
    applicant_address TEXT NOT NULL DEFAULT '',
    channel TEXT NOT NULL DEFAULT 'osobiście' CHECK (channel IN ('osobiście', 'telefon', 'pismo', 'e-mail', 'epuap')),
    summary TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'złożony'
        CHECK (state IN ('złożony', 'diagnoza', 'plan', 'przekazany', 'odmowa', 'informacja', 'oczekuje')),
    coordinator_login TEXT REFERENCES staff(login),
    forwarded_to TEXT NOT NULL DEFAULT '',
    forwarded_reason TEXT NOT NULL DEFAULT '',
    decision_number TEXT NOT NULL DEFAULT '',
    decision_date TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX application_resident ON application(resident_id);
CREATE INDEX application_state ON application(state, filed_on);

-- Indywidualna Diagnoza Potrzeb: the interview record.
CREATE TABLE needs_assessment (
    id INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES application(id),
    conducted_on TEXT NOT NULL,
    coordinator_login TEXT NOT NULL REFERENCES staff(login),
    occupation TEXT NOT NULL DEFAULT '',
    employment TEXT NOT NULL DEFAULT '',
    marital_status TEXT NOT NULL DEFAULT '',
    household_size INTEGER,
    disability TEXT NOT NULL DEFAULT '',
    dependency TEXT NOT NULL DEFAULT '',
    health TEXT NOT NULL DEFAULT '',
    problems TEXT NOT NULL DEFAULT '',
    needs TEXT NOT NULL DEFAULT '',
    readiness_for_change TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX needs_assessment_application ON needs_assessment(application_id);

-- Services used now and wanted, as the resident described them in the interview.
CREATE TABLE assessment_service (
    id INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL REFERENCES needs_assessment(id),
    kind TEXT NOT NULL CHECK (kind IN ('obecna', 'oczekiwana')),
    service_id INTEGER REFERENCES service(id),
    description TEXT NOT NULL DEFAULT '',
    unit TEXT NOT NULL DEFAULT '',
    quantity INTEGER,
    frequency TEXT NOT NULL DEFAULT ''
);

-- Services waiting for a pool to free up; served in the order applications were filed.
CREATE TABLE waitlist_entry (
    id INTEGER PRIMARY KEY,
    service_id INTEGER NOT NULL REFERENCES service(id),
    application_id INTEGER NOT NULL REFERENCES application(id),
    units INTEGER NOT NULL CHECK (units > 0),
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL,
    resolved_at TEXT,
    resolution TEXT CHECK (resolution IN ('przyznano', 'wycofano')),
    UNIQUE (service_id, application_id)
);

CREATE TABLE plan (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    resident_id INTEGER NOT NULL REFERENCES resident(id),
    application_id INTEGER REFERENCES application(id),
    coordinator_login TEXT NOT NULL REFERENCES staff(login),
    created_at TEXT NOT NULL,
    -- Who is editing the draft now; advisory, for the "held by" message.
    held_by TEXT,
    held_at TEXT,
    ended_on TEXT,
    end_reason TEXT CHECK (end_reason IN ('zakończony', 'rezygnacja')),
    director_informed_on TEXT,
    summary_on TEXT,
    summary_course TEXT NOT NULL DEFAULT '',
    summary_results TEXT NOT NULL DEFAULT '',
    follow_up_on TEXT,
    follow_up_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX plan_resident ON plan(resident_id);

-- Every version of a plan stays readable; an update is a new version approved anew.
CREATE TABLE plan_version (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan(id),
    version INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'szkic'
        CHECK (state IN ('szkic', 'złożony', 'zatwierdzony', 'zwrócony', 'zastąpiony')),
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    needs TEXT NOT NULL DEFAULT '',
    expected_effects TEXT NOT NULL DEFAULT '',
    quality_check TEXT NOT NULL DEFAULT '',
    drafted_on TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    UNIQUE (plan_id, version)
);
CREATE INDEX plan_version_state ON plan_version(state);

CREATE TABLE plan_line (
    id INTEGER PRIMARY KEY,
    version_id INTEGER NOT NULL REFERENCES plan_version(id),
    position INTEGER NOT NULL,
    service_id INTEGER NOT NULL REFERENCES service(id),
    provider_id INTEGER REFERENCES provider(id),
    amount INTEGER NOT NULL CHECK (amount > 0),
    per TEXT NOT NULL CHECK (per IN ('week', 'month', 'year', 'plan')),
    cap_amount INTEGER CHECK (cap_amount > 0),
    cap_per TEXT CHECK (cap_per IN ('month', 'year', 'plan')),
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    schedule TEXT NOT NULL DEFAULT '',
    place_form TEXT NOT NULL DEFAULT '',
    scope TEXT NOT NULL DEFAULT '',
    resigned_on TEXT,
    CHECK (starts_on <= ends_on)
);
CREATE INDEX plan_line_version ON plan_line(version_id);
CREATE INDEX plan_line_service ON plan_line(service_id, starts_on, ends_on);

CREATE TABLE supporting_action (
    id INTEGER PRIMARY KEY,
    version_id INTEGER NOT NULL REFERENCES plan_version(id),
    position INTEGER NOT NULL,
    what TEXT NOT NULL,
    who TEXT NOT NULL DEFAULT ''
);

CREATE TABLE plan_decision (
    id INTEGER PRIMARY KEY,
    version_id INTEGER NOT NULL REFERENCES plan_version(id),
    decision TEXT NOT NULL CHECK (decision IN ('złożony', 'zatwierdzony', 'zwrócony')),
    decided_by TEXT NOT NULL REFERENCES staff(login),
    decided_at TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT ''
);

CREATE TABLE usage_record (
    id INTEGER PRIMARY KEY,
    line_id INTEGER NOT NULL REFERENCES plan_line(id),
    used_on TEXT NOT NULL,
    units INTEGER NOT NULL CHECK (units > 0),
    note TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT 'desk',
    -- Identifies a row of a provider's list so that importing the same list twice adds nothing.
    import_key TEXT UNIQUE,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX usage_record_line ON usage_record(line_id, used_on);

CREATE TABLE monitoring_contact (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan(id),
    contact_on TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('telefon', 'wizyta', 'w_cus', 'e-mail')),
    with_whom TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX monitoring_contact_plan ON monitoring_contact(plan_id, contact_on);

-- Information-only visits and calls: most contacts at the desk end with information or a referral.
CREATE TABLE contact_visit (
    id INTEGER PRIMARY KEY,
    resident_id INTEGER REFERENCES resident(id),
    visited_on TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('osobiście', 'telefon', 'e-mail', 'pismo')),
    topic TEXT NOT NULL,
    referral TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX contact_visit_resident ON contact_visit(resident_id, visited_on);

-- Append-only: each entry carries the hash of the previous one, so an edit or a deletion shows.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    login TEXT NOT NULL,
    action TEXT NOT NULL,
    resident_id INTEGER,
    target TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_resident ON audit_log(resident_id);
CREATE INDEX audit_log_login ON audit_log(login);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
