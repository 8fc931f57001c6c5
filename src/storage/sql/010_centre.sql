-- A centre set up by its own people: the centre's details, the programme (PUS) with its
-- resolutions, services, planned persons, budget and fees, the partnership's streets, the
-- resident's gmina, partners and referrals, providers' contracts, meetings and quality checks.

ALTER TABLE centre ADD COLUMN email TEXT NOT NULL DEFAULT '';
ALTER TABLE centre ADD COLUMN director TEXT NOT NULL DEFAULT '';
ALTER TABLE centre ADD COLUMN regon TEXT NOT NULL DEFAULT '';

ALTER TABLE gmina ADD COLUMN teryt TEXT NOT NULL DEFAULT '';
ALTER TABLE village ADD COLUMN teryt TEXT NOT NULL DEFAULT '';

-- Streets of a town or osiedle; the postal code tells apart streets of the same name.
CREATE TABLE street (
    id INTEGER PRIMARY KEY,
    gmina_id INTEGER NOT NULL REFERENCES gmina(id),
    village_id INTEGER REFERENCES village(id),
    name TEXT NOT NULL,
    postal_code TEXT NOT NULL DEFAULT '',
    teryt TEXT NOT NULL DEFAULT '',
    UNIQUE (gmina_id, name, postal_code)
);

-- Derived from the address on every write of it; empty when the address names no known place.
ALTER TABLE resident ADD COLUMN gmina_id INTEGER REFERENCES gmina(id);
CREATE INDEX resident_gmina ON resident(gmina_id);

CREATE TABLE programme (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    budget_grosze INTEGER NOT NULL DEFAULT 0 CHECK (budget_grosze >= 0),
    -- The income criterion of the social-assistance act the fee bands are relative to.
    criterion_single_grosze INTEGER NOT NULL DEFAULT 0 CHECK (criterion_single_grosze >= 0),
    criterion_family_grosze INTEGER NOT NULL DEFAULT 0 CHECK (criterion_family_grosze >= 0),
    -- How long an income declaration is valid from the day it was made.
    declaration_months INTEGER NOT NULL DEFAULT 12 CHECK (declaration_months BETWEEN 1 AND 36),
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    CHECK (starts_on <= ends_on)
);

-- Each gmina of the partnership adopts the programme by its own council's resolution.
CREATE TABLE programme_resolution (
    programme_id INTEGER NOT NULL REFERENCES programme(id),
    gmina_id INTEGER NOT NULL REFERENCES gmina(id),
    number TEXT NOT NULL,
    adopted_on TEXT NOT NULL,
    PRIMARY KEY (programme_id, gmina_id)
);

CREATE TABLE programme_service (
    programme_id INTEGER NOT NULL REFERENCES programme(id),
    service_id INTEGER NOT NULL REFERENCES service(id),
    planned_persons INTEGER NOT NULL DEFAULT 0 CHECK (planned_persons >= 0),
    fee_kind TEXT NOT NULL DEFAULT 'free' CHECK (fee_kind IN ('free', 'flat', 'bands')),
    flat_grosze INTEGER NOT NULL DEFAULT 0 CHECK (flat_grosze >= 0),
    PRIMARY KEY (programme_id, service_id)
);

CREATE TABLE programme_fee_band (
    programme_id INTEGER NOT NULL,
    service_id INTEGER NOT NULL,
    position INTEGER NOT NULL,
    -- NULL: the band above every edge.
    up_to_percent INTEGER CHECK (up_to_percent > 0),
    price_share_percent INTEGER NOT NULL CHECK (price_share_percent BETWEEN 0 AND 100),
    PRIMARY KEY (programme_id, service_id, position),
    FOREIGN KEY (programme_id, service_id) REFERENCES programme_service(programme_id, service_id)
);

CREATE TABLE programme_discount (
    programme_id INTEGER NOT NULL REFERENCES programme(id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    percent_off INTEGER NOT NULL CHECK (percent_off BETWEEN 0 AND 100),
    PRIMARY KEY (programme_id, code)
);

-- A service offered only to residents of some gminas; a service without rows is for all.
CREATE TABLE service_gmina (
    service_id INTEGER NOT NULL REFERENCES service(id),
    gmina_id INTEGER NOT NULL REFERENCES gmina(id),
    PRIMARY KEY (service_id, gmina_id)
);

-- Oświadczenie o dochodzie: the newest valid one counts.
CREATE TABLE income_declaration (
    id INTEGER PRIMARY KEY,
    resident_id INTEGER NOT NULL REFERENCES resident(id),
    declared_on TEXT NOT NULL,
    valid_until TEXT NOT NULL,
    income_per_person_grosze INTEGER NOT NULL CHECK (income_per_person_grosze >= 0),
    household_size INTEGER NOT NULL CHECK (household_size BETWEEN 1 AND 30),
    -- Discount category codes, comma-separated.
    categories TEXT NOT NULL DEFAULT '',
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    CHECK (declared_on <= valid_until)
);
CREATE INDEX income_declaration_resident ON income_declaration(resident_id, declared_on);

CREATE TABLE partner (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('ops', 'pcpr', 'pup', 'zespol', 'ngo', 'zdrowie', 'szkola', 'inna')),
    contact TEXT NOT NULL DEFAULT '',
    handles TEXT NOT NULL DEFAULT ''
);

-- What was passed to a partner and when: a forwarded application or an information visit.
CREATE TABLE referral (
    id INTEGER PRIMARY KEY,
    partner_id INTEGER NOT NULL REFERENCES partner(id),
    resident_id INTEGER REFERENCES resident(id),
    application_id INTEGER REFERENCES application(id),
    visit_id INTEGER REFERENCES contact_visit(id),
    referred_on TEXT NOT NULL,
    what TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX referral_partner ON referral(partner_id, referred_on);

CREATE TABLE provider_contract (
    id INTEGER PRIMARY KEY,
    provider_id INTEGER NOT NULL REFERENCES provider(id),
    service_id INTEGER NOT NULL REFERENCES service(id),
    number TEXT NOT NULL DEFAULT '',
    unit_price_grosze INTEGER NOT NULL CHECK (unit_price_grosze >= 0),
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    CHECK (starts_on <= ends_on)
);
CREATE INDEX provider_contract_service ON provider_contract(service_id, provider_id, starts_on);

-- The organiser's meeting with the coordinators (art. 46 ust. 2), at least every 3 months.
CREATE TABLE meeting (
    id INTEGER PRIMARY KEY,
    held_on TEXT NOT NULL,
    attended TEXT NOT NULL DEFAULT '',
    cases TEXT NOT NULL DEFAULT '',
    providers_invited TEXT NOT NULL DEFAULT '',
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);

ALTER TABLE monitoring_contact ADD COLUMN quality TEXT NOT NULL DEFAULT ''
    CHECK (quality IN ('', 'zgodna', 'uwagi', 'niezgodna'));

-- New roles: a partner's team reading the cases forwarded to it, and the local community
-- organiser (organizowanie społeczności lokalnej, OSL) receiving the half-year summary. SQLite cannot change
-- a CHECK, so the table is rebuilt with the same rows.
CREATE TABLE staff_role_new (
    login TEXT NOT NULL REFERENCES staff(login),
    role TEXT NOT NULL CHECK (role IN ('recepcja', 'koordynator', 'organizator', 'dyrektor', 'administrator',
                                       'zespol', 'osl')),
    PRIMARY KEY (login, role)
);
INSERT INTO staff_role_new SELECT login, role FROM staff_role;
DROP TABLE staff_role;
ALTER TABLE staff_role_new RENAME TO staff_role;
