//! The resident card: who the person is, who may act for them, what they have applied for and
//! been planned, and the last contacts. Special-category data is read only when asked for.

use super::pools::{self, GrantedLine};
use super::{Result, Tx};
use crate::domain::plan::Amount;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

/// How many recent contacts the card shows.
pub const CONTACTS_SHOWN: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Representative {
    /// `przedstawiciel_ustawowy` or `opiekun_faktyczny`, as stored.
    pub kind: String,
    pub full_name: String,
    pub phone: String,
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanSummary {
    pub number: String,
    pub version: i64,
    pub state: String,
    pub period_start: String,
    pub period_end: String,
}

/// A plan line or qualification in force today, with what was used of it in its current period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InForce {
    pub service_name: String,
    pub unit: String,
    pub provider_name: Option<String>,
    /// The plan's number for a plan line; `None` for a qualification.
    pub plan_number: Option<String>,
    pub amount: Amount,
    /// Units granted in the current period, as the usage check counts them.
    pub granted: u32,
    /// Units recorded in the current period.
    pub used: u32,
}

/// A place on a service's waiting list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitingPlace {
    pub service_name: String,
    /// 1 for the first in filing order.
    pub position: usize,
    pub filed_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationSummary {
    pub id: i64,
    pub filed_on: String,
    pub state: String,
    pub summary: String,
    /// Still awaiting its answer, so the 30-day deadline runs (see `applications::awaiting_answer`).
    pub awaiting_answer: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactKind {
    Visit,
    Monitoring,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactSummary {
    pub kind: ContactKind,
    pub on: String,
    pub channel: String,
    /// The topic of a visit, or the note of a monitoring contact.
    pub what: String,
    pub referral: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sensitive {
    pub disability: String,
    pub disability_degree: String,
    pub dependency: String,
    pub health: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub pesel: String,
    pub birth_date: Option<String>,
    pub street: String,
    pub house_no: String,
    pub flat_no: String,
    pub postal_code: String,
    pub city: String,
    /// The gmina derived from the address; `None` when the address is in none the centre knows.
    pub gmina: Option<String>,
    pub phone: String,
    pub email: String,
    pub representatives: Vec<Representative>,
    pub plans: Vec<PlanSummary>,
    /// Single services granted without a plan (art. 42) and not ended, newest first.
    pub qualifications: Vec<super::qualifications::QualificationRecord>,
    /// Plans ended, shown folded as a count unless asked for.
    pub ended_plans: Vec<PlanSummary>,
    /// Plan lines and qualifications in force on the day the card was read.
    pub in_force: Vec<InForce>,
    pub waiting: Vec<WaitingPlace>,
    pub applications: Vec<ApplicationSummary>,
    pub contacts: Vec<ContactSummary>,
    /// `None` when the reader may not see special-category data; `Some` with empty fields when none is stored.
    pub sensitive: Option<Sensitive>,
}

/// Application states that still need work at the desk.
const OPEN_APPLICATION_STATES: &str = "('złożony', 'diagnoza', 'oczekuje', 'plan')";

/// Whether the application awaits its answer, as the dashboard and the list of open
/// applications tell it.
const AWAITING_ANSWER: &str = concat!("(", super::applications::awaiting_answer!(), ")");

/// Reads a card as it stands on `today`; `with_sensitive` only for readers allowed
/// special-category data.
pub fn load(conn: &Connection, id: i64, with_sensitive: bool, today: NaiveDate) -> Result<Card> {
    let mut card = conn
        .query_row(
            "SELECT id, first_name, last_name, coalesce(pesel, ''), birth_date, street, house_no, flat_no,
                    postal_code, city, phone, email,
                    (SELECT name FROM gmina WHERE gmina.id = resident.gmina_id)
             FROM resident WHERE id = ?1",
            [id],
            |r| {
                Ok(Card {
                    id: r.get(0)?,
                    first_name: r.get(1)?,
                    last_name: r.get(2)?,
                    pesel: r.get(3)?,
                    birth_date: r.get(4)?,
                    street: r.get(5)?,
                    house_no: r.get(6)?,
                    flat_no: r.get(7)?,
                    postal_code: r.get(8)?,
                    city: r.get(9)?,
                    phone: r.get(10)?,
                    email: r.get(11)?,
                    gmina: r.get(12)?,
                    representatives: Vec::new(),
                    plans: Vec::new(),
                    qualifications: Vec::new(),
                    ended_plans: Vec::new(),
                    in_force: Vec::new(),
                    waiting: Vec::new(),
                    applications: Vec::new(),
                    contacts: Vec::new(),
                    sensitive: None,
                })
            },
        )
        .optional()?
        .ok_or_else(|| {
            super::StorageError::NotFound(crate::i18n::errors::missing_resident_no(crate::i18n::current(), id))
        })?;

    let mut stmt = conn.prepare_cached(
        "SELECT kind, full_name, phone, email FROM representative WHERE resident_id = ?1 ORDER BY id",
    )?;
    card.representatives = stmt
        .query_map([id], |r| {
            Ok(Representative { kind: r.get(0)?, full_name: r.get(1)?, phone: r.get(2)?, email: r.get(3)? })
        })?
        .collect::<rusqlite::Result<_>>()?;

    // The newest version of each plan; those not ended first, the ended ones apart.
    let mut stmt = conn.prepare_cached(
        "SELECT p.number, v.version, v.state, v.period_start, v.period_end, p.ended_on IS NOT NULL
         FROM plan p JOIN plan_version v ON v.plan_id = p.id
         WHERE p.resident_id = ?1
           AND v.version = (SELECT max(version) FROM plan_version WHERE plan_id = p.id)
         ORDER BY v.period_start DESC",
    )?;
    let plans = stmt
        .query_map([id], |r| {
            let plan = PlanSummary {
                number: r.get(0)?,
                version: r.get(1)?,
                state: r.get(2)?,
                period_start: r.get(3)?,
                period_end: r.get(4)?,
            };
            Ok((plan, r.get::<_, bool>(5)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let (ended, current): (Vec<_>, Vec<_>) = plans.into_iter().partition(|(_, ended)| *ended);
    card.plans = current.into_iter().map(|(plan, _)| plan).collect();
    card.ended_plans = ended.into_iter().map(|(plan, _)| plan).collect();

    card.qualifications =
        super::qualifications::of_resident(conn, id)?.into_iter().filter(|q| q.ended_on.is_none()).collect();

    card.in_force = pools::in_force_of_resident(conn, id, today)?
        .iter()
        .map(|line| in_force(conn, line, today))
        .collect::<Result<_>>()?;

    card.waiting = waiting_places(conn, id)?;

    let mut stmt = conn.prepare_cached(&format!(
        "SELECT a.id, a.filed_on, a.state, a.summary, {AWAITING_ANSWER} FROM application a
         WHERE a.resident_id = ?1 AND a.state IN {OPEN_APPLICATION_STATES} ORDER BY a.filed_on DESC, a.id DESC"
    ))?;
    card.applications = stmt
        .query_map([id], |r| {
            Ok(ApplicationSummary {
                id: r.get(0)?,
                filed_on: r.get(1)?,
                state: r.get(2)?,
                summary: r.get(3)?,
                awaiting_answer: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;

    let mut stmt = conn.prepare_cached(
        "SELECT 0, visited_on, channel, topic, referral, id FROM contact_visit WHERE resident_id = ?1
         UNION ALL
         SELECT 1, m.contact_on, m.channel, m.note, '', m.id FROM monitoring_contact m
           JOIN plan p ON p.id = m.plan_id WHERE p.resident_id = ?1
         ORDER BY 2 DESC, 6 DESC LIMIT ?2",
    )?;
    card.contacts = stmt
        .query_map(params![id, CONTACTS_SHOWN as i64], |r| {
            Ok(ContactSummary {
                kind: if r.get::<_, i64>(0)? == 0 { ContactKind::Visit } else { ContactKind::Monitoring },
                on: r.get(1)?,
                channel: r.get(2)?,
                what: r.get(3)?,
                referral: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;

    if !with_sensitive {
        // An application's summary and a monitoring note tell of health as often as not.
        let hidden = crate::i18n::trust::hidden();
        for application in &mut card.applications {
            crate::domain::special::hide(&mut application.summary, &hidden);
        }
        for contact in card.contacts.iter_mut().filter(|c| c.kind == ContactKind::Monitoring) {
            crate::domain::special::hide(&mut contact.what, &hidden);
        }
    }
    if with_sensitive {
        card.sensitive = Some(
            conn.query_row(
                "SELECT disability, disability_degree, dependency, health FROM resident_sensitive WHERE resident_id = ?1",
                [id],
                |r| {
                    Ok(Sensitive {
                        disability: r.get(0)?,
                        disability_degree: r.get(1)?,
                        dependency: r.get(2)?,
                        health: r.get(3)?,
                    })
                },
            )
            .optional()?
            .unwrap_or(Sensitive {
                disability: String::new(),
                disability_degree: String::new(),
                dependency: String::new(),
                health: String::new(),
            }),
        );
    }
    Ok(card)
}

/// The resident's PESEL alone, empty when none is stored.
pub fn pesel(conn: &Connection, id: i64) -> Result<String> {
    conn.query_row("SELECT coalesce(pesel, '') FROM resident WHERE id = ?1", [id], |r| r.get(0)).optional()?.ok_or_else(
        || super::StorageError::NotFound(crate::i18n::errors::missing_resident_no(crate::i18n::current(), id)),
    )
}

/// What a grant in force gives and what was used of it in the period `today` falls in; both
/// derived from the grant and its usage records.
fn in_force(conn: &Connection, line: &GrantedLine, today: NaiveDate) -> Result<InForce> {
    let (service_name, unit, provider_name): (String, String, Option<String>) = conn.query_row(
        "SELECT s.name, s.unit, (SELECT name FROM provider WHERE id = ?2) FROM service s WHERE s.id = ?1",
        params![line.service_id, line.provider_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let plan_number = match line.qualification_id {
        Some(_) => None,
        None => Some(conn.query_row(
            "SELECT p.number FROM plan p JOIN plan_version v ON v.plan_id = p.id WHERE v.id = ?1",
            [line.version_id],
            |r| r.get(0),
        )?),
    };
    let allocation = &line.allocation;
    let (granted, used) = match allocation.period_of(today) {
        Some(period) => {
            let used = super::usage::used_of(conn, line.grant())?
                .iter()
                .filter(|(day, _)| period.contains(*day))
                .fold(0u32, |sum, (_, units)| sum.saturating_add(*units));
            (allocation.units_within(period), used)
        }
        None => (0, 0),
    };
    Ok(InForce { service_name, unit, provider_name, plan_number, amount: allocation.amount, granted, used })
}

/// The resident's places on waiting lists, each with the position in its service's filing order.
fn waiting_places(conn: &Connection, resident_id: i64) -> Result<Vec<WaitingPlace>> {
    let services: Vec<(i64, String)> = conn
        .prepare_cached(
            "SELECT DISTINCT w.service_id, s.name FROM waitlist_entry w
             JOIN application a ON a.id = w.application_id JOIN service s ON s.id = w.service_id
             WHERE a.resident_id = ?1 AND w.resolved_at IS NULL ORDER BY s.name",
        )?
        .query_map([resident_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut places = Vec::new();
    for (service_id, service_name) in services {
        for (at, entry) in super::waitlist::waiting(conn, service_id)?.iter().enumerate() {
            if entry.resident_id == resident_id {
                places.push(WaitingPlace {
                    service_name: service_name.clone(),
                    position: at + 1,
                    filed_on: entry.filed_on,
                });
            }
        }
    }
    Ok(places)
}

/// Logs an information-only visit or call, of a registered resident or anonymous (no resident:
/// "Informacja bez rejestracji"); the caller checks the permission and runs this in
/// [`super::Db::write`] so that the audit entry commits with it.
pub fn record_visit(
    tx: &Tx<'_>,
    by: &str,
    resident_id: Option<i64>,
    visit: &crate::domain::visit::VisitRecord,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO contact_visit (resident_id, visited_on, channel, topic, referral, note, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            resident_id,
            visit.visited_on.to_string(),
            visit.channel,
            visit.topic,
            visit.referral,
            visit.note,
            by,
            tx.now_stamp()
        ],
    )?;
    let id = tx.last_insert_rowid();
    super::audit::append(
        tx,
        by,
        super::audit::AuditAction::Create,
        resident_id,
        &format!("contact_visit:{id}"),
        visit.channel,
    )?;
    Ok(id)
}

/// Links a legal representative or de facto carer to a resident (art. 35); the resident's record
/// counts as changed, so that other desks showing the card read it again.
pub fn add_representative(
    tx: &Tx<'_>,
    by: &str,
    resident_id: i64,
    r: &crate::domain::resident::RepresentativeRecord,
) -> Result<i64> {
    let changed = tx.execute(
        "UPDATE resident SET updated_at = ?2, updated_by = ?3, revision = revision + 1 WHERE id = ?1",
        params![resident_id, tx.now_stamp(), by],
    )?;
    if changed == 0 {
        return Err(super::StorageError::NotFound(format!("mieszkaniec nr {resident_id}")));
    }
    tx.execute(
        "INSERT INTO representative (resident_id, kind, full_name, pesel, phone, email, address, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![resident_id, r.kind, r.full_name, r.pesel, r.phone, r.email, r.address, r.note],
    )?;
    let id = tx.last_insert_rowid();
    super::audit::append(
        tx,
        by,
        super::audit::AuditAction::Create,
        Some(resident_id),
        &format!("representative:{id}"),
        r.kind,
    )?;
    Ok(id)
}
