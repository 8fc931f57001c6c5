//! Who the centre works with: partner institutions and teams with the referrals made to them,
//! providers' contracts (unit price and period), the organiser's meetings with the coordinators,
//! and volunteers.

use super::audit::{self, AuditAction};
use super::{Result, StorageError, Tx};
use crate::domain::text::{FieldProblem, check_note, check_text};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

pub const PARTNER_KINDS: [&str; 8] = ["ops", "pcpr", "pup", "zespol", "ngo", "zdrowie", "szkola", "inna"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Partner {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub contact: String,
    pub handles: String,
    pub referrals: i64,
}

pub fn add_partner(tx: &Tx<'_>, by: &str, name: &str, kind: &str, contact: &str, handles: &str) -> Result<i64> {
    let name = check_text(name, 160, true).map_err(|p| p.on("--name"))?;
    if !PARTNER_KINDS.contains(&kind) {
        return Err(FieldProblem::Mismatch(crate::i18n::errors::one_of(
            crate::i18n::current(),
            PARTNER_KINDS.join(", "),
        ))
        .on("--kind")
        .into());
    }
    let contact = check_text(contact, 200, false).map_err(|p| p.on("--contact"))?;
    let handles = check_text(handles, 300, false).map_err(|p| p.on("--handles"))?;
    let exists: Option<i64> =
        tx.query_row("SELECT id FROM partner WHERE name = ?1", [&name], |r| r.get(0)).optional()?;
    if exists.is_some() {
        return Err(StorageError::Conflict(crate::i18n::errors::partner_exists(crate::i18n::current(), &name)));
    }
    tx.execute(
        "INSERT INTO partner (name, kind, contact, handles) VALUES (?1, ?2, ?3, ?4)",
        params![name, kind, contact, handles],
    )?;
    let id = tx.last_insert_rowid();
    audit::append(tx, by, AuditAction::Create, None, &format!("partner:{id}"), &name)?;
    Ok(id)
}

pub fn resolve_partner(conn: &Connection, name_or_id: &str) -> Result<i64> {
    let by_name: Option<i64> =
        conn.query_row("SELECT id FROM partner WHERE name = ?1", [name_or_id.trim()], |r| r.get(0)).optional()?;
    if let Some(id) = by_name {
        return Ok(id);
    }
    let by_id: Option<i64> = match name_or_id.trim().parse::<i64>() {
        Ok(n) => conn.query_row("SELECT id FROM partner WHERE id = ?1", [n], |r| r.get(0)).optional()?,
        Err(_) => None,
    };
    by_id
        .ok_or_else(|| StorageError::NotFound(crate::i18n::errors::missing_partner(crate::i18n::current(), name_or_id)))
}

pub fn partners(conn: &Connection) -> Result<Vec<Partner>> {
    Ok(conn
        .prepare(
            "SELECT p.id, p.name, p.kind, p.contact, p.handles,
                    (SELECT count(*) FROM referral r WHERE r.partner_id = p.id)
             FROM partner p ORDER BY p.name",
        )?
        .query_map([], |r| {
            Ok(Partner {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
                contact: r.get(3)?,
                handles: r.get(4)?,
                referrals: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// What was passed to whom; at most one of application and visit is named.
#[derive(Debug, Clone, Default)]
pub struct ReferralInput {
    pub partner_id: i64,
    pub resident_id: Option<i64>,
    pub application_id: Option<i64>,
    pub visit_id: Option<i64>,
    pub referred_on: Option<NaiveDate>,
    pub what: String,
}

pub fn add_referral(tx: &Tx<'_>, by: &str, r: &ReferralInput) -> Result<i64> {
    let what = check_note(&r.what, 500).map_err(|p| p.on("--what"))?;
    if what.is_empty() {
        return Err(FieldProblem::Required.on("--what").into());
    }
    let day = r.referred_on.ok_or_else(|| FieldProblem::Required.on("--on"))?;
    tx.execute(
        "INSERT INTO referral (partner_id, resident_id, application_id, visit_id, referred_on, what, recorded_by,
             recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![r.partner_id, r.resident_id, r.application_id, r.visit_id, day.to_string(), what, by, tx.now_stamp()],
    )?;
    let id = tx.last_insert_rowid();
    audit::append(
        tx,
        by,
        AuditAction::Create,
        r.resident_id,
        &format!("referral:{id}"),
        &format!("partner:{}", r.partner_id),
    )?;
    Ok(id)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Referral {
    pub partner: String,
    pub referred_on: String,
    pub what: String,
    pub resident_id: Option<i64>,
}

pub fn referrals(conn: &Connection, partner_id: Option<i64>) -> Result<Vec<Referral>> {
    Ok(conn
        .prepare(
            "SELECT p.name, r.referred_on, r.what, r.resident_id FROM referral r JOIN partner p ON p.id = r.partner_id
             WHERE ?1 IS NULL OR r.partner_id = ?1 ORDER BY r.referred_on DESC, r.id DESC",
        )?
        .query_map([partner_id], |r| {
            Ok(Referral { partner: r.get(0)?, referred_on: r.get(1)?, what: r.get(2)?, resident_id: r.get(3)? })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contract {
    pub id: i64,
    pub provider: String,
    pub service: String,
    pub number: String,
    pub unit_price_grosze: i64,
    pub starts_on: String,
    pub ends_on: String,
}

#[derive(Debug, Clone)]
pub struct ContractInput {
    pub provider_id: i64,
    pub service_id: i64,
    pub number: String,
    pub unit_price_grosze: i64,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

pub fn add_contract(tx: &Tx<'_>, by: &str, c: &ContractInput) -> Result<i64> {
    let ContractInput { provider_id, service_id, unit_price_grosze, starts_on, ends_on, .. } = *c;
    let number = check_text(&c.number, 80, false).map_err(|p| p.on("--number"))?;
    if unit_price_grosze < 0 {
        return Err(FieldProblem::Mismatch(crate::i18n::errors::negative_amount(crate::i18n::current()).into())
            .on("--price")
            .into());
    }
    if ends_on < starts_on {
        return Err(FieldProblem::Mismatch(
            crate::i18n::errors::contract_ends_before_start(crate::i18n::current()).into(),
        )
        .on("--to")
        .into());
    }
    let overlapping: Option<i64> = tx
        .query_row(
            "SELECT id FROM provider_contract WHERE provider_id = ?1 AND service_id = ?2
                 AND starts_on <= ?4 AND ends_on >= ?3",
            params![provider_id, service_id, starts_on.to_string(), ends_on.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(other) = overlapping {
        return Err(StorageError::Conflict(format!(
            "umowa nr {other} tego realizatora na tę usługę obejmuje już część tego okresu"
        )));
    }
    tx.execute(
        "INSERT INTO provider_contract (provider_id, service_id, number, unit_price_grosze, starts_on, ends_on,
             recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            provider_id,
            service_id,
            number,
            unit_price_grosze,
            starts_on.to_string(),
            ends_on.to_string(),
            by,
            tx.now_stamp()
        ],
    )?;
    let id = tx.last_insert_rowid();
    let detail = format!("realizator {provider_id}, usługa {service_id}, {unit_price_grosze} gr za jednostkę");
    audit::append(tx, by, AuditAction::Create, None, &format!("contract:{id}"), &detail)?;
    Ok(id)
}

pub fn contracts(conn: &Connection) -> Result<Vec<Contract>> {
    Ok(conn
        .prepare(
            "SELECT c.id, p.name, s.code, c.number, c.unit_price_grosze, c.starts_on, c.ends_on
             FROM provider_contract c JOIN provider p ON p.id = c.provider_id JOIN service s ON s.id = c.service_id
             ORDER BY s.code, p.name, c.starts_on",
        )?
        .query_map([], |r| {
            Ok(Contract {
                id: r.get(0)?,
                provider: r.get(1)?,
                service: r.get(2)?,
                number: r.get(3)?,
                unit_price_grosze: r.get(4)?,
                starts_on: r.get(5)?,
                ends_on: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// The contract price of a unit on a day: the named provider's contract; when none is named,
/// the service's default provider's, or else the one provider contracted for it that day.
pub fn unit_price(conn: &Connection, service_id: i64, provider_id: Option<i64>, day: NaiveDate) -> Result<Option<i64>> {
    let prices: Vec<(i64, i64)> = conn
        .prepare_cached(
            "SELECT c.provider_id, c.unit_price_grosze FROM provider_contract c
             WHERE c.service_id = ?1 AND c.starts_on <= ?2 AND c.ends_on >= ?2
             ORDER BY c.starts_on DESC",
        )?
        .query_map(params![service_id, day.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let of = |provider: i64| prices.iter().find(|(p, _)| *p == provider).map(|(_, price)| *price);
    if let Some(provider) = provider_id {
        return Ok(of(provider));
    }
    let default: Option<i64> = conn
        .prepare_cached("SELECT default_provider_id FROM service WHERE id = ?1")?
        .query_row([service_id], |r| r.get(0))?;
    let only = match prices.as_slice() {
        [(_, price)] => Some(*price),
        _ => None,
    };
    Ok(default.and_then(of).or(only))
}

#[derive(Debug, Clone, Default)]
pub struct MeetingInput {
    pub held_on: Option<NaiveDate>,
    pub attended: String,
    pub cases: String,
    pub providers_invited: String,
}

pub fn add_meeting(tx: &Tx<'_>, by: &str, m: &MeetingInput) -> Result<i64> {
    let held_on = m.held_on.ok_or_else(|| FieldProblem::Required.on("--on"))?;
    let attended = check_text(&m.attended, 500, true).map_err(|p| p.on("--attended"))?;
    let cases = check_note(&m.cases, 2000).map_err(|p| p.on("--cases"))?;
    let providers = check_text(&m.providers_invited, 500, false).map_err(|p| p.on("--providers"))?;
    tx.execute(
        "INSERT INTO meeting (held_on, attended, cases, providers_invited, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![held_on.to_string(), attended, cases, providers, by, tx.now_stamp()],
    )?;
    let id = tx.last_insert_rowid();
    audit::append(tx, by, AuditAction::Create, None, &format!("meeting:{id}"), &held_on.to_string())?;
    Ok(id)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Meeting {
    pub held_on: String,
    pub attended: String,
    pub cases: String,
    pub providers_invited: String,
}

pub fn meetings(conn: &Connection) -> Result<Vec<Meeting>> {
    Ok(conn
        .prepare("SELECT held_on, attended, cases, providers_invited FROM meeting ORDER BY held_on DESC, id DESC")?
        .query_map([], |r| {
            Ok(Meeting { held_on: r.get(0)?, attended: r.get(1)?, cases: r.get(2)?, providers_invited: r.get(3)? })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

pub fn last_meeting(conn: &Connection) -> Result<Option<NaiveDate>> {
    let day: Option<String> = conn.query_row("SELECT max(held_on) FROM meeting", [], |r| r.get(0))?;
    Ok(day.and_then(|d| d.parse().ok()))
}

#[derive(Debug, Clone, Default)]
pub struct VolunteerInput {
    pub name: String,
    pub organisation: String,
    pub from_on: Option<NaiveDate>,
    pub to_on: Option<NaiveDate>,
    pub hours: i64,
}

pub fn add_volunteer(tx: &Tx<'_>, by: &str, v: &VolunteerInput) -> Result<i64> {
    let name = check_text(&v.name, 120, true).map_err(|p| p.on("--name"))?;
    let organisation = check_text(&v.organisation, 160, false).map_err(|p| p.on("--organisation"))?;
    let from_on = v.from_on.ok_or_else(|| FieldProblem::Required.on("--from"))?;
    if v.to_on.is_some_and(|to| to < from_on) {
        return Err(FieldProblem::Mismatch(crate::i18n::errors::ends_before_start(crate::i18n::current()).into())
            .on("--to")
            .into());
    }
    if !(0..=100_000).contains(&v.hours) {
        return Err(FieldProblem::Number { min: 0, max: 100_000 }.on("--hours").into());
    }
    tx.execute(
        "INSERT INTO volunteer (name, organisation, from_on, to_on, hours) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![name, organisation, from_on.to_string(), v.to_on.map(|d| d.to_string()), v.hours],
    )?;
    let id = tx.last_insert_rowid();
    audit::append(tx, by, AuditAction::Create, None, &format!("volunteer:{id}"), &name)?;
    Ok(id)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Volunteer {
    pub name: String,
    pub organisation: String,
    pub from_on: String,
    pub to_on: Option<String>,
    pub hours: i64,
}

pub fn volunteers(conn: &Connection) -> Result<Vec<Volunteer>> {
    Ok(conn
        .prepare("SELECT name, organisation, from_on, to_on, hours FROM volunteer ORDER BY from_on, id")?
        .query_map([], |r| {
            Ok(Volunteer {
                name: r.get(0)?,
                organisation: r.get(1)?,
                from_on: r.get(2)?,
                to_on: r.get(3)?,
                hours: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}
