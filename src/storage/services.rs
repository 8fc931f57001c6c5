//! The organiser's editing of the service base: services, providers, places, opening hours,
//! pools and their limits, suspension. Every change is audited, and a change to anything of a
//! service stamps the service with who changed it and when, which the base shows as "last update".

use super::audit::{self, AuditAction};
use super::pools::{self, Pool};
use super::{Result, StorageError, Tx, refused};
use crate::domain::period::{DateRange, PeriodKind};
use crate::domain::quota;
use crate::domain::text::{FieldProblem, check_email, check_one_of, check_text, normalize_phone};
use crate::i18n::{current, errors};
use chrono::{NaiveDate, NaiveTime};
use rusqlite::{Connection, OptionalExtension, params};

pub use crate::domain::service::{ACCESS_RULES, FORMS, ServiceInput};
pub const PROVIDER_KINDS: [&str; 5] = ["cus", "jednostka_gminy", "ngo", "pes", "firma"];
pub const LOCATION_KINDS: [&str; 3] = ["placówka", "dom", "zdalnie"];

fn one_of(value: &str, allowed: &[&str], field: &'static str) -> Result<String> {
    Ok(check_one_of(value, allowed).map_err(|p| p.on(field))?)
}

fn target(service_id: i64) -> String {
    format!("service:{service_id}")
}

/// Stamps the service with the change and writes the audit entry.
fn touch(tx: &Tx<'_>, by: &str, service_id: i64, action: AuditAction, detail: &str) -> Result<()> {
    let changed = tx.execute(
        "UPDATE service SET updated_at = ?1, updated_by = ?2 WHERE id = ?3",
        params![tx.now_stamp(), by, service_id],
    )?;
    if changed == 0 {
        return Err(StorageError::NotFound(errors::missing_service_no(current(), service_id)));
    }
    audit::append(tx, by, action, None, &target(service_id), detail)
}

fn write_lists(tx: &Tx<'_>, id: i64, s: &ServiceInput) -> Result<()> {
    tx.execute("DELETE FROM service_area WHERE service_id = ?1", [id])?;
    tx.execute("DELETE FROM service_target_group WHERE service_id = ?1", [id])?;
    for area in &s.areas {
        tx.execute("INSERT INTO service_area (service_id, area) VALUES (?1, ?2)", params![id, area])?;
    }
    for group in &s.target_groups {
        tx.execute("INSERT INTO service_target_group (service_id, target_group) VALUES (?1, ?2)", params![id, group])?;
    }
    Ok(())
}

fn code_taken(conn: &Connection, code: &str, except: Option<i64>) -> Result<bool> {
    let other: Option<i64> =
        conn.query_row("SELECT id FROM service WHERE code = ?1", [code], |r| r.get(0)).optional()?;
    Ok(other.is_some_and(|o| Some(o) != except))
}

pub fn add_service(tx: &Tx<'_>, by: &str, input: &ServiceInput) -> Result<i64> {
    let s = input.checked()?;
    if code_taken(tx, &s.code, None)? {
        return Err(refused("kod", errors::service_code_taken(current(), &s.code)));
    }
    tx.execute(
        "INSERT INTO service (code, name, unit, description, fee_grosze, fee_note, access_rule, form, delivery_days,
             default_provider_id, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            s.code,
            s.name,
            s.unit,
            s.description,
            s.fee_grosze,
            s.fee_note,
            s.access_rule,
            s.form,
            s.delivery_days,
            s.default_provider_id,
            tx.now_stamp(),
            by
        ],
    )?;
    let id = tx.last_insert_rowid();
    write_lists(tx, id, &s)?;
    audit::append(tx, by, AuditAction::Create, None, &target(id), &s.name)?;
    Ok(id)
}

pub fn edit_service(tx: &Tx<'_>, by: &str, id: i64, input: &ServiceInput) -> Result<()> {
    let s = input.checked()?;
    if code_taken(tx, &s.code, Some(id))? {
        return Err(refused("kod", errors::service_code_taken(current(), &s.code)));
    }
    let changed = tx.execute(
        "UPDATE service SET code = ?1, name = ?2, unit = ?3, description = ?4, fee_grosze = ?5, fee_note = ?6,
             access_rule = ?7, form = ?8, delivery_days = ?9, default_provider_id = ?10
         WHERE id = ?11",
        params![
            s.code,
            s.name,
            s.unit,
            s.description,
            s.fee_grosze,
            s.fee_note,
            s.access_rule,
            s.form,
            s.delivery_days,
            s.default_provider_id,
            id
        ],
    )?;
    if changed == 0 {
        return Err(StorageError::NotFound(errors::missing_service_no(current(), id)));
    }
    write_lists(tx, id, &s)?;
    touch(tx, by, id, AuditAction::Change, "edycja usługi")
}

/// A service by its code, or by its number.
pub fn resolve_service(conn: &Connection, code_or_id: &str) -> Result<i64> {
    let by_code: Option<i64> =
        conn.query_row("SELECT id FROM service WHERE code = ?1", [code_or_id.trim()], |r| r.get(0)).optional()?;
    if let Some(id) = by_code {
        return Ok(id);
    }
    let by_id: Option<i64> = match code_or_id.trim().parse::<i64>() {
        Ok(n) => conn.query_row("SELECT id FROM service WHERE id = ?1", [n], |r| r.get(0)).optional()?,
        Err(_) => None,
    };
    by_id.ok_or_else(|| StorageError::NotFound(errors::missing_service(current(), code_or_id)))
}

pub fn service_name(conn: &Connection, id: i64) -> Result<String> {
    Ok(conn.query_row("SELECT name FROM service WHERE id = ?1", [id], |r| r.get(0))?)
}

/// Marks a service suspended (nothing new is promised from it) or resumes it.
pub fn set_suspended(tx: &Tx<'_>, by: &str, service_id: i64, suspended: bool) -> Result<()> {
    tx.execute("UPDATE service SET suspended = ?1 WHERE id = ?2", params![suspended as i64, service_id])?;
    touch(tx, by, service_id, AuditAction::Change, if suspended { "zawieszona" } else { "wznowiona" })
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProviderInput {
    pub name: String,
    pub kind: String,
    pub phone: String,
    pub email: String,
    pub address: String,
}

pub fn add_provider(tx: &Tx<'_>, by: &str, p: &ProviderInput) -> Result<i64> {
    let id = add_provider_unaudited(tx, p)?;
    audit::append(tx, by, AuditAction::Create, None, &format!("provider:{id}"), p.name.trim())?;
    Ok(id)
}

/// Checks and inserts a provider without its own audit entry, for bulk loads audited as a whole.
pub fn add_provider_unaudited(tx: &Tx<'_>, p: &ProviderInput) -> Result<i64> {
    let name = check_text(&p.name, 120, true).map_err(|e| e.on("nazwa"))?;
    let kind = one_of(&p.kind, &PROVIDER_KINDS, "rodzaj")?;
    let phone = if p.phone.trim().is_empty() {
        String::new()
    } else {
        normalize_phone(&p.phone).map_err(|e| e.on("telefon"))?
    };
    let email =
        if p.email.trim().is_empty() { String::new() } else { check_email(&p.email).map_err(|e| e.on("e-mail"))? };
    let address = check_text(&p.address, 200, false).map_err(|e| e.on("adres"))?;
    let exists: Option<i64> =
        tx.query_row("SELECT id FROM provider WHERE name = ?1", [&name], |r| r.get(0)).optional()?;
    if exists.is_some() {
        return Err(refused("nazwa", errors::provider_exists(current(), &name)));
    }
    tx.execute(
        "INSERT INTO provider (name, kind, phone, email, address) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![name, kind, phone, email, address],
    )?;
    Ok(tx.last_insert_rowid())
}

/// A provider by its number or its exact name.
pub fn resolve_provider(conn: &Connection, name_or_id: &str) -> Result<i64> {
    let by_name: Option<i64> =
        conn.query_row("SELECT id FROM provider WHERE name = ?1", [name_or_id.trim()], |r| r.get(0)).optional()?;
    if let Some(id) = by_name {
        return Ok(id);
    }
    let by_id: Option<i64> = match name_or_id.trim().parse::<i64>() {
        Ok(n) => conn.query_row("SELECT id FROM provider WHERE id = ?1", [n], |r| r.get(0)).optional()?,
        Err(_) => None,
    };
    by_id.ok_or_else(|| StorageError::NotFound(errors::missing_provider(current(), name_or_id)))
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LocationInput {
    pub name: String,
    pub address: String,
    pub village_id: Option<i64>,
    pub kind: String,
}

pub fn add_location(tx: &Tx<'_>, by: &str, l: &LocationInput) -> Result<i64> {
    let id = add_location_unaudited(tx, l)?;
    audit::append(tx, by, AuditAction::Create, None, &format!("location:{id}"), l.name.trim())?;
    Ok(id)
}

/// Checks and inserts a place without its own audit entry, for bulk loads audited as a whole.
pub fn add_location_unaudited(tx: &Tx<'_>, l: &LocationInput) -> Result<i64> {
    let name = check_text(&l.name, 120, true).map_err(|e| e.on("nazwa miejsca"))?;
    let address = check_text(&l.address, 200, false).map_err(|e| e.on("adres"))?;
    let kind = one_of(if l.kind.is_empty() { "placówka" } else { &l.kind }, &LOCATION_KINDS, "rodzaj miejsca")?;
    tx.execute(
        "INSERT INTO location (name, address, village_id, kind) VALUES (?1, ?2, ?3, ?4)",
        params![name, address, l.village_id, kind],
    )?;
    Ok(tx.last_insert_rowid())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoursInput {
    pub service_id: i64,
    pub location_id: i64,
    pub provider_id: Option<i64>,
    /// 1 = Monday … 7 = Sunday.
    pub weekday: u32,
    pub opens: NaiveTime,
    pub closes: NaiveTime,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    /// The hours hold on statutory holidays too (a helpline); otherwise a holiday closes them.
    pub on_holidays: bool,
}

pub fn add_hours(tx: &Tx<'_>, by: &str, h: &HoursInput) -> Result<i64> {
    if !(1..=7).contains(&h.weekday) {
        return Err(FieldProblem::Number { min: 1, max: 7 }.on("dzień tygodnia").into());
    }
    if h.opens >= h.closes {
        return Err(FieldProblem::Mismatch(errors::closes_before_opening(current()).into()).on("godziny").into());
    }
    if h.valid_to.is_some_and(|to| to < h.valid_from) {
        return Err(FieldProblem::Mismatch(errors::valid_to_before_from(current()).into()).on("ważność").into());
    }
    tx.execute(
        "INSERT INTO opening_hours
             (service_id, location_id, provider_id, weekday, opens, closes, valid_from, valid_to, on_holidays)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            h.service_id,
            h.location_id,
            h.provider_id,
            h.weekday,
            h.opens.format("%H:%M").to_string(),
            h.closes.format("%H:%M").to_string(),
            h.valid_from.to_string(),
            h.valid_to.map(|d| d.to_string()),
            h.on_holidays
        ],
    )?;
    let id = tx.last_insert_rowid();
    let detail = format!(
        "godziny: dzień {} {}–{} od {}{}",
        h.weekday,
        h.opens.format("%H:%M"),
        h.closes.format("%H:%M"),
        h.valid_from,
        if h.on_holidays { ", także w święta" } else { "" }
    );
    touch(tx, by, h.service_id, AuditAction::Change, &detail)?;
    Ok(id)
}

/// Ends a weekly opening on `last_day`, keeping its history.
pub fn end_hours(tx: &Tx<'_>, by: &str, hours_id: i64, last_day: NaiveDate) -> Result<()> {
    let row: Option<(i64, String)> = tx
        .query_row("SELECT service_id, valid_from FROM opening_hours WHERE id = ?1", [hours_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let (service_id, from) =
        row.ok_or_else(|| StorageError::NotFound(errors::missing_hours_no(current(), hours_id)))?;
    if last_day.to_string() < from {
        return Err(FieldProblem::Mismatch(errors::hours_valid_from(current(), &from)).on("ważność").into());
    }
    tx.execute("UPDATE opening_hours SET valid_to = ?1 WHERE id = ?2", params![last_day.to_string(), hours_id])?;
    touch(tx, by, service_id, AuditAction::Change, &format!("godziny nr {hours_id} do {last_day}"))
}

/// Closes a service from `first_day` to `last_day` inclusive, for the reason given.
pub fn add_closure(tx: &Tx<'_>, by: &str, service_id: i64, days: DateRange, reason: &str) -> Result<i64> {
    if days.end < days.start {
        return Err(FieldProblem::Mismatch(errors::closure_ends_before(current(), days.start))
            .on("koniec zamknięcia")
            .into());
    }
    let reason = check_text(reason, 200, true).map_err(|p| p.on("powód zamknięcia"))?;
    tx.execute(
        "INSERT INTO service_closure (service_id, starts_on, ends_on, reason, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![service_id, days.start.to_string(), days.end.to_string(), reason, tx.now_stamp(), by],
    )?;
    let id = tx.last_insert_rowid();
    touch(tx, by, service_id, AuditAction::Change, &format!("nieczynna od {} do {}: {reason}", days.start, days.end))?;
    Ok(id)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolInput {
    pub service_id: i64,
    pub provider_id: Option<i64>,
    pub period_kind: PeriodKind,
    pub units_limit: i64,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

pub fn add_pool(tx: &Tx<'_>, by: &str, p: &PoolInput) -> Result<i64> {
    if !(0..=quota::MAX_LIMIT).contains(&p.units_limit) {
        return Err(FieldProblem::Number { min: 0, max: quota::MAX_LIMIT }.on("limit").into());
    }
    tx.execute(
        "INSERT INTO capacity_pool (service_id, provider_id, period_kind, units_limit, valid_from, valid_to, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            p.service_id,
            p.provider_id,
            p.period_kind.code(),
            p.units_limit,
            p.valid_from.to_string(),
            p.valid_to.map(|d| d.to_string()),
            tx.now_stamp(),
            by
        ],
    )?;
    let id = tx.last_insert_rowid();
    let detail = format!("pula nr {id}: {} na okres ({})", p.units_limit, p.period_kind.code());
    touch(tx, by, p.service_id, AuditAction::Create, &detail)?;
    Ok(id)
}

/// The pool of a service that a limit applies to; with several pools the provider decides.
pub fn choose_pool(conn: &Connection, service_id: i64, provider_id: Option<i64>) -> Result<Pool> {
    let pools = pools::pools_of_service(conn, service_id)?;
    let name = service_name(conn, service_id)?;
    let matching: Vec<Pool> =
        pools.into_iter().filter(|p| provider_id.is_none_or(|id| p.provider_id == Some(id))).collect();
    match matching.len() {
        0 if provider_id.is_some() => Err(StorageError::NotFound(errors::missing_provider_pool(current(), &name))),
        0 => Err(StorageError::NotFound(errors::missing_pool(current(), &name))),
        1 => Ok(matching.into_iter().next().expect("one pool")),
        n => Err(StorageError::Invalid(format!(
            "usługa „{name}” ma {n} pule (po jednej na realizatora); wskaż realizatora: --provider NAZWA_LUB_NUMER"
        ))),
    }
}

/// Sets the limit of one period of a pool, never below what approved plans already hold in it.
pub fn set_period_limit(tx: &Tx<'_>, by: &str, pool: &Pool, period: DateRange, units: i64) -> Result<()> {
    if !(0..=quota::MAX_LIMIT).contains(&units) {
        return Err(FieldProblem::Number { min: 0, max: quota::MAX_LIMIT }.on("limit").into());
    }
    if pool.period_kind.containing(period.start) != period {
        let problem = format!("pula liczy okresy typu {}, a podano inny okres", pool.period_kind.code());
        return Err(FieldProblem::Mismatch(problem).on("okres").into());
    }
    let granted = pools::granted(tx, pool, period, None)?;
    if quota::remaining(units, granted) < 0 {
        return Err(StorageError::Conflict(errors::limit_below_granted(current(), units, granted)));
    }
    let now = tx.now_stamp();
    tx.execute(
        "INSERT INTO pool_period_limit (pool_id, period_start, units_limit, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (pool_id, period_start) DO UPDATE SET units_limit = ?3, updated_at = ?4, updated_by = ?5",
        params![pool.id, period.start.to_string(), units, now, by],
    )?;
    let detail = format!("limit puli nr {} w okresie {}: {units}", pool.id, pool.period_kind.label(period));
    touch(tx, by, pool.service_id, AuditAction::Change, &detail)
}

/// Sets a pool's limit for the period a label names (2026-11, 2026-Q4, 2026, 2026-W48); the
/// label must be of the kind the pool counts in. `provider` (name or number) picks the pool
/// when the service has one per provider.
pub fn set_limit_by_label(
    tx: &Tx<'_>,
    by: &str,
    service_id: i64,
    label: &str,
    units: i64,
    provider: Option<&str>,
) -> Result<(Pool, DateRange)> {
    let (kind, period) = PeriodKind::parse_label(label)
        .ok_or_else(|| FieldProblem::PeriodLabel(label.trim().to_string()).on("okres"))?;
    let provider_id = provider.map(|p| resolve_provider(tx, p)).transpose()?;
    let pool = choose_pool(tx, service_id, provider_id)?;
    if pool.period_kind != kind {
        let problem =
            format!("pula usługi liczy okresy „{}”, a „{label}” to okres „{}”", pool.period_kind.code(), kind.code());
        return Err(FieldProblem::Mismatch(problem).on("okres").into());
    }
    set_period_limit(tx, by, &pool, period, units)?;
    Ok((pool, period))
}

/// A service as it stands, in the shape the organiser edits, so that an edit changes only what
/// was given.
pub fn service_input(conn: &Connection, id: i64) -> Result<ServiceInput> {
    let mut input = conn
        .query_row(
            "SELECT code, name, unit, description, fee_grosze, fee_note, access_rule, form, delivery_days,
                    default_provider_id
             FROM service WHERE id = ?1",
            [id],
            |r| {
                Ok(ServiceInput {
                    code: r.get(0)?,
                    name: r.get(1)?,
                    unit: r.get(2)?,
                    description: r.get(3)?,
                    fee_grosze: r.get(4)?,
                    fee_note: r.get(5)?,
                    access_rule: r.get(6)?,
                    form: r.get(7)?,
                    delivery_days: r.get(8)?,
                    default_provider_id: r.get(9)?,
                    areas: Vec::new(),
                    target_groups: Vec::new(),
                })
            },
        )
        .optional()?
        .ok_or_else(|| StorageError::NotFound(errors::missing_service_no(current(), id)))?;
    let list = |sql: &str| -> Result<Vec<String>> {
        Ok(conn.prepare_cached(sql)?.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
    };
    input.areas = list("SELECT area FROM service_area WHERE service_id = ?1 ORDER BY area")?;
    input.target_groups =
        list("SELECT target_group FROM service_target_group WHERE service_id = ?1 ORDER BY target_group")?;
    Ok(input)
}

/// A place by its number or its exact name.
pub fn resolve_location(conn: &Connection, name_or_id: &str) -> Result<i64> {
    let by_name: Option<i64> = conn
        .query_row("SELECT id FROM location WHERE name = ?1 ORDER BY id", [name_or_id.trim()], |r| r.get(0))
        .optional()?;
    if let Some(id) = by_name {
        return Ok(id);
    }
    let by_id: Option<i64> = match name_or_id.trim().parse::<i64>() {
        Ok(n) => conn.query_row("SELECT id FROM location WHERE id = ?1", [n], |r| r.get(0)).optional()?,
        Err(_) => None,
    };
    by_id.ok_or_else(|| StorageError::NotFound(errors::missing_place(current(), name_or_id)))
}

/// A village by its number or its name; a name found in several gminas must be given by number.
pub fn resolve_village(conn: &Connection, name_or_id: &str) -> Result<i64> {
    let ids: Vec<i64> = conn
        .prepare_cached("SELECT id FROM village WHERE name = ?1 ORDER BY id")?
        .query_map([name_or_id.trim()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    match ids.as_slice() {
        [id] => return Ok(*id),
        [] => {}
        _ => {
            return Err(StorageError::Invalid(format!(
                "miejscowość „{name_or_id}” jest w kilku gminach; podaj jej numer"
            )));
        }
    }
    let by_id: Option<i64> = match name_or_id.trim().parse::<i64>() {
        Ok(n) => conn.query_row("SELECT id FROM village WHERE id = ?1", [n], |r| r.get(0)).optional()?,
        Err(_) => None,
    };
    by_id.ok_or_else(|| StorageError::NotFound(errors::missing_village(current(), name_or_id)))
}

/// The service a code names, in any letter case.
pub fn id_by_code(conn: &Connection, code: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM service WHERE upper(code) = upper(?1)")?
        .query_row([code.trim()], |r| r.get(0))
        .optional()?)
}
