//! Applications for services (art. 35), the needs assessment (Indywidualna Diagnoza Potrzeb) and
//! the outcome of each: a plan, forwarding to another unit, a refusal by decision, or information only.

use super::audit::{self, AuditAction};
use super::staff::StaffMember;
use super::{Result, StorageError, Tx, refused};
use crate::domain::assessment::ServiceEntry;
use crate::domain::limits::MAX_HOUSEHOLD;
use crate::domain::resident::ResidentRecord;
use crate::domain::roles::Permission;
use crate::domain::text::{FieldProblem, check_email, check_note, check_text, normalize_phone};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

/// The SQL condition (on `application a`) of an application still awaiting its answer, the one
/// the 30-day deadline runs for: filed or assessed, with no plan submitted for it and no
/// qualification answering it. Drafting a plan, a waiting-list place, a forward, information
/// only or a refusal each answer it in their own state. A macro, so that queries can `concat!` it.
macro_rules! awaiting_answer {
    () => {
        "a.state IN ('złożony', 'diagnoza')
         -- One set of submitted applications, not a scan per application: plan.application_id has no index.
         AND a.id NOT IN (
             SELECT p.application_id FROM plan p JOIN plan_version v ON v.plan_id = p.id
             WHERE p.application_id IS NOT NULL AND v.state IN ('złożony', 'zatwierdzony', 'zastąpiony'))
         -- A qualification (art. 42) answers the application without a plan.
         AND a.id NOT IN (SELECT application_id FROM qualification)"
    };
}
pub(crate) use awaiting_answer;

/// Who applies (art. 35).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ApplicantKind {
    Resident,
    LegalRepresentative,
    DeFactoCarer,
}

impl ApplicantKind {
    pub const ALL: [ApplicantKind; 3] =
        [ApplicantKind::Resident, ApplicantKind::LegalRepresentative, ApplicantKind::DeFactoCarer];

    pub fn code(self) -> &'static str {
        match self {
            ApplicantKind::Resident => "mieszkaniec",
            ApplicantKind::LegalRepresentative => "przedstawiciel_ustawowy",
            ApplicantKind::DeFactoCarer => "opiekun_faktyczny",
        }
    }

    pub fn from_code(code: &str) -> Option<ApplicantKind> {
        ApplicantKind::ALL.into_iter().find(|k| k.code() == code.trim())
    }
}

pub const CHANNELS: [&str; 5] = ["osobiście", "telefon", "pismo", "e-mail", "epuap"];

/// An application as typed at the desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationInput {
    pub filed_on: NaiveDate,
    pub applicant_kind: ApplicantKind,
    /// For a representative or carer: their own name and contacts.
    pub applicant_name: String,
    pub applicant_phone: String,
    pub applicant_email: String,
    pub applicant_address: String,
    pub channel: String,
    pub summary: String,
}

/// Who the application is for: someone already registered, or a person registered with it.
pub enum ForResident<'a> {
    Existing(i64),
    New(&'a ResidentRecord),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Application {
    pub id: i64,
    pub resident_id: i64,
    pub resident_name: String,
    pub filed_on: NaiveDate,
    pub applicant_kind: String,
    pub applicant_name: String,
    pub applicant_phone: String,
    pub applicant_email: String,
    pub applicant_address: String,
    pub channel: String,
    pub summary: String,
    pub state: String,
    pub coordinator_login: Option<String>,
    pub forwarded_to: String,
    pub forwarded_reason: String,
    pub decision_number: String,
    pub decision_date: Option<NaiveDate>,
    pub created_by: String,
}

/// A refusal of one service entry of an assessment, which has no field of its own to name.
fn invalid_entry(position: usize, reason: impl std::fmt::Display) -> StorageError {
    StorageError::Invalid(crate::i18n::errors::assessed_service(crate::i18n::current(), position, reason))
}

/// Registers an application, creating the resident first when `who` is new, in one transaction.
pub fn register(tx: &Tx<'_>, me: &StaffMember, who: ForResident<'_>, input: &ApplicationInput) -> Result<i64> {
    me.require(Permission::RegisterApplication)?;
    if !CHANNELS.contains(&input.channel.as_str()) {
        return Err(FieldProblem::not_one_of(&input.channel, &CHANNELS).on("kanał").into());
    }
    let name = check_text(&input.applicant_name, 120, input.applicant_kind != ApplicantKind::Resident)
        .map_err(|p| p.on("wnioskodawca"))?;
    let phone = normalize_phone(&input.applicant_phone).map_err(|p| p.on("telefon wnioskodawcy"))?;
    let email = check_email(&input.applicant_email).map_err(|p| p.on("e-mail wnioskodawcy"))?;
    let address = check_text(&input.applicant_address, 160, false).map_err(|p| p.on("adres wnioskodawcy"))?;
    let summary = check_note(&input.summary, 2000).map_err(|p| p.on("treść wniosku"))?;
    let resident_id = match who {
        ForResident::Existing(id) => {
            let exists: bool = tx.query_row("SELECT count(*) > 0 FROM resident WHERE id = ?1", [id], |r| r.get(0))?;
            if !exists {
                return Err(StorageError::NotFound(crate::i18n::errors::missing_resident_no(
                    crate::i18n::current(),
                    id,
                )));
            }
            id
        }
        ForResident::New(record) => {
            // A person filed for with the application is registered like any other: one who
            // looks like someone registered is refused, to be decided at the desk or with
            // `resident add`, never added silently.
            let alike = super::residents::look_alikes(tx, record)?;
            if !alike.is_empty() {
                return Err(StorageError::LooksLike(alike));
            }
            super::residents::insert(tx, &me.login, record)?
        }
    };
    tx.execute(
        "INSERT INTO application (resident_id, filed_on, applicant_kind, applicant_name, applicant_phone,
             applicant_email, applicant_address, channel, summary, coordinator_login, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?10)",
        params![
            resident_id,
            input.filed_on.to_string(),
            input.applicant_kind.code(),
            name,
            phone,
            email,
            address,
            input.channel,
            summary,
            me.login,
            tx.now_stamp(),
        ],
    )?;
    let id = tx.last_insert_rowid();
    audit::append(tx, &me.login, AuditAction::Create, Some(resident_id), &format!("application:{id}"), "")?;
    Ok(id)
}

const SELECT: &str = "SELECT a.id, a.resident_id, r.first_name || ' ' || r.last_name, a.filed_on, a.applicant_kind,
        a.applicant_name, a.applicant_phone, a.applicant_email, a.applicant_address, a.channel, a.summary, a.state,
        a.coordinator_login, a.forwarded_to, a.forwarded_reason, a.decision_number, a.decision_date, a.created_by
    FROM application a JOIN resident r ON r.id = a.resident_id";

fn date(s: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Application> {
    Ok(Application {
        id: r.get(0)?,
        resident_id: r.get(1)?,
        resident_name: r.get(2)?,
        filed_on: date(&r.get::<_, String>(3)?)?,
        applicant_kind: r.get(4)?,
        applicant_name: r.get(5)?,
        applicant_phone: r.get(6)?,
        applicant_email: r.get(7)?,
        applicant_address: r.get(8)?,
        channel: r.get(9)?,
        summary: r.get(10)?,
        state: r.get(11)?,
        coordinator_login: r.get(12)?,
        forwarded_to: r.get(13)?,
        forwarded_reason: r.get(14)?,
        decision_number: r.get(15)?,
        decision_date: r.get::<_, Option<String>>(16)?.map(|s| date(&s)).transpose()?,
        created_by: r.get(17)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Application> {
    conn.query_row(&format!("{SELECT} WHERE a.id = ?1"), [id], row)
        .optional()?
        .ok_or_else(|| StorageError::NotFound(crate::i18n::errors::missing_application_no(crate::i18n::current(), id)))
}

/// A service used now or wanted, as described in the interview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssessedService {
    /// `obecna` (used now) or `oczekiwana` (wanted).
    pub kind: String,
    pub service_id: Option<i64>,
    pub description: String,
    pub unit: String,
    pub quantity: Option<i64>,
    pub frequency: String,
}

impl AssessedService {
    /// A service typed at the desk or on the command line; `kind` is `obecna` or `oczekiwana`.
    pub fn described(kind: &str, entry: ServiceEntry) -> Self {
        AssessedService {
            kind: kind.to_string(),
            service_id: None,
            description: entry.description,
            unit: entry.unit,
            quantity: entry.quantity,
            frequency: entry.frequency,
        }
    }
}

/// The interview record; the fields the Starachowice IDP and Dębica 9.1 name.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct AssessmentInput {
    pub occupation: String,
    pub employment: String,
    pub marital_status: String,
    pub household_size: Option<i64>,
    pub disability: String,
    pub dependency: String,
    pub health: String,
    pub problems: String,
    pub needs: String,
    pub readiness_for_change: String,
    pub notes: String,
    pub services: Vec<AssessedService>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assessment {
    pub id: i64,
    pub application_id: i64,
    pub conducted_on: NaiveDate,
    pub coordinator_login: String,
    pub input: AssessmentInput,
}

/// Records the needs assessment of an application; the application moves to `diagnoza`.
pub fn assess(
    tx: &Tx<'_>,
    me: &StaffMember,
    application_id: i64,
    conducted_on: NaiveDate,
    a: &AssessmentInput,
) -> Result<i64> {
    me.require(Permission::AssessNeeds)?;
    let app = get(tx, application_id)?;
    if conducted_on < app.filed_on {
        return Err(refused("data diagnozy", format!("jest przed złożeniem wniosku ({})", app.filed_on)));
    }
    for (field, value) in
        [("zawód", &a.occupation), ("sytuacja zawodowa", &a.employment), ("stan cywilny", &a.marital_status)]
    {
        check_text(value, 120, false).map_err(|p| p.on(field))?;
    }
    for (field, value) in [
        ("niepełnosprawność", &a.disability),
        ("niesamodzielność", &a.dependency),
        ("zdrowie", &a.health),
        ("problemy", &a.problems),
        ("potrzeby", &a.needs),
        ("gotowość do zmiany", &a.readiness_for_change),
        ("uwagi", &a.notes),
    ] {
        check_note(value, 4000).map_err(|p| p.on(field))?;
    }
    if let Some(n) = a.household_size
        && !(1..=MAX_HOUSEHOLD).contains(&n)
    {
        return Err(refused("liczba osób w gospodarstwie", format!("musi być od 1 do {MAX_HOUSEHOLD}")));
    }
    tx.execute(
        "INSERT INTO needs_assessment (application_id, conducted_on, coordinator_login, occupation, employment,
             marital_status, household_size, disability, dependency, health, problems, needs, readiness_for_change,
             notes, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            application_id,
            conducted_on.to_string(),
            me.login,
            a.occupation.trim(),
            a.employment.trim(),
            a.marital_status.trim(),
            a.household_size,
            a.disability.trim(),
            a.dependency.trim(),
            a.health.trim(),
            a.problems.trim(),
            a.needs.trim(),
            a.readiness_for_change.trim(),
            a.notes.trim(),
            tx.now_stamp(),
        ],
    )?;
    let id = tx.last_insert_rowid();
    for (i, s) in a.services.iter().enumerate() {
        if s.kind != "obecna" && s.kind != "oczekiwana" {
            return Err(invalid_entry(i + 1, "rodzaj musi być „obecna” albo „oczekiwana”"));
        }
        if s.service_id.is_none() && s.description.trim().is_empty() {
            return Err(invalid_entry(i + 1, "wskaż usługę z katalogu albo ją opisz"));
        }
        for value in [&s.description, &s.unit, &s.frequency] {
            check_text(value, 200, false).map_err(|p| invalid_entry(i + 1, p))?;
        }
        if s.quantity.is_some_and(|q| q <= 0) {
            return Err(invalid_entry(i + 1, "ilość musi być większa od zera"));
        }
        tx.execute(
            "INSERT INTO assessment_service (assessment_id, kind, service_id, description, unit, quantity, frequency)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![id, s.kind, s.service_id, s.description.trim(), s.unit.trim(), s.quantity, s.frequency.trim()],
        )?;
    }
    tx.execute(
        "UPDATE application SET state = 'diagnoza', coordinator_login = ?2 WHERE id = ?1 AND state IN ('złożony', 'diagnoza')",
        params![application_id, me.login],
    )?;
    audit::append(
        tx,
        &me.login,
        AuditAction::Create,
        Some(app.resident_id),
        &format!("needs_assessment:{id}"),
        &format!("application:{application_id}"),
    )?;
    Ok(id)
}

/// The latest assessment of an application, with its services.
pub fn latest_assessment(conn: &Connection, application_id: i64) -> Result<Option<Assessment>> {
    let found = conn
        .query_row(
            "SELECT id, conducted_on, coordinator_login, occupation, employment, marital_status, household_size,
                 disability, dependency, health, problems, needs, readiness_for_change, notes
             FROM needs_assessment WHERE application_id = ?1 ORDER BY conducted_on DESC, id DESC LIMIT 1",
            [application_id],
            |r| {
                Ok(Assessment {
                    id: r.get(0)?,
                    application_id,
                    conducted_on: date(&r.get::<_, String>(1)?)?,
                    coordinator_login: r.get(2)?,
                    input: AssessmentInput {
                        occupation: r.get(3)?,
                        employment: r.get(4)?,
                        marital_status: r.get(5)?,
                        household_size: r.get(6)?,
                        disability: r.get(7)?,
                        dependency: r.get(8)?,
                        health: r.get(9)?,
                        problems: r.get(10)?,
                        needs: r.get(11)?,
                        readiness_for_change: r.get(12)?,
                        notes: r.get(13)?,
                        services: Vec::new(),
                    },
                })
            },
        )
        .optional()?;
    let Some(mut assessment) = found else { return Ok(None) };
    let mut stmt = conn.prepare(
        "SELECT kind, service_id, description, unit, quantity, frequency FROM assessment_service
         WHERE assessment_id = ?1 ORDER BY id",
    )?;
    assessment.input.services = stmt
        .query_map([assessment.id], |r| {
            Ok(AssessedService {
                kind: r.get(0)?,
                service_id: r.get(1)?,
                description: r.get(2)?,
                unit: r.get(3)?,
                quantity: r.get(4)?,
                frequency: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(assessment))
}

/// How an application ends when no plan is drafted; a refusal is a decision on a service
/// (`qualifications::refuse`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Forwarded to another team, the gmina office or another unit (art. 38).
    Forward { to: String, reason: String },
    /// Information and referral only.
    InformationOnly { note: String },
}

/// Closes an application with an outcome other than a plan.
/// A case forwarded to a partner in the directory is a referral to it, with what was passed on.
fn record_referral(tx: &Tx<'_>, me: &StaffMember, app: &Application, to: &str, reason: &str) -> Result<()> {
    let Ok(partner_id) = super::partners::resolve_partner(tx, to) else { return Ok(()) };
    let what =
        if reason.is_empty() { format!("wniosek nr {}", app.id) } else { format!("wniosek nr {}: {reason}", app.id) };
    let input = super::partners::ReferralInput {
        partner_id,
        resident_id: Some(app.resident_id),
        application_id: Some(app.id),
        visit_id: None,
        referred_on: Some(tx.today()),
        what,
    };
    super::partners::add_referral(tx, &me.login, &input)?;
    Ok(())
}

pub fn close(tx: &Tx<'_>, me: &StaffMember, application_id: i64, outcome: &Outcome) -> Result<()> {
    me.require(Permission::AssessNeeds)?;
    let app = get(tx, application_id)?;
    if matches!(app.state.as_str(), "plan" | "przekazany" | "odmowa" | "informacja") {
        return Err(StorageError::Conflict(format!(
            "wniosek nr {application_id} jest już rozpatrzony (stan: {})",
            app.state
        )));
    }
    let (state, detail) = match outcome {
        Outcome::Forward { to, reason } => {
            let to = check_text(to, 160, true).map_err(|p| p.on("przekazano do"))?;
            let reason = check_note(reason, 2000).map_err(|p| p.on("powód przekazania"))?;
            tx.execute(
                "UPDATE application SET state = 'przekazany', forwarded_to = ?2, forwarded_reason = ?3 WHERE id = ?1",
                params![application_id, to, reason],
            )?;
            record_referral(tx, me, &app, &to, &reason)?;
            ("przekazany", format!("do: {to}"))
        }
        Outcome::InformationOnly { note } => {
            let note = check_note(note, 2000).map_err(|p| p.on("informacja"))?;
            tx.execute(
                "UPDATE application SET state = 'informacja', forwarded_reason = ?2 WHERE id = ?1",
                params![application_id, note],
            )?;
            ("informacja", String::new())
        }
    };
    audit::append(
        tx,
        &me.login,
        AuditAction::Change,
        Some(app.resident_id),
        &format!("application:{application_id}"),
        &format!("stan={state} {detail}"),
    )
}
