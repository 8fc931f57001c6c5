//! The centre's own details and rules and its programme of social services (PUS): the council
//! resolutions per gmina, the period, the services with planned persons and fees, the budget,
//! and the residents' income declarations the fees are computed from. The rules say whether it
//! is a training (demo) centre and whether four eyes hold for approvals; turning four eyes off
//! or on is an administrator's act, with its reason in the audit log.

use super::audit::{self, AuditAction};
use super::staff::StaffMember;
use super::{Result, StorageError, Tx};
use crate::domain::approval::{OwnPlan, four_eyes};
use crate::domain::fee::{Discount, Fee, FeeKind, FeeScheme, IncomeBand, IncomeDeclaration, check_bands, fee_per_unit};
use crate::domain::roles::Permission;
use crate::domain::text::{FieldProblem, check_email, check_text, normalize_phone};
use chrono::{Months, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Centre {
    pub name: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub director: String,
    pub regon: String,
    /// Who hears appeals against the centre's decisions ("Samorządowe Kolegium Odwoławcze w …").
    pub appeal_body: String,
}

/// What `centre set` changes; fields left `None` keep their value.
#[derive(Debug, Clone, Default)]
pub struct CentreChanges {
    pub name: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub director: Option<String>,
    pub regon: Option<String>,
    pub appeal_body: Option<String>,
}

pub fn centre(conn: &Connection) -> Result<Centre> {
    conn.query_row(
        "SELECT name, address, phone, email, director, regon, appeal_body FROM centre WHERE id = 1",
        [],
        |r| {
            Ok(Centre {
                name: r.get(0)?,
                address: r.get(1)?,
                phone: r.get(2)?,
                email: r.get(3)?,
                director: r.get(4)?,
                regon: r.get(5)?,
                appeal_body: r.get(6)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| StorageError::NotFound(crate::i18n::errors::missing_centre(crate::i18n::current()).into()))
}

/// REGON: 9 or 14 digits whose last is the check digit (weights of GUS, remainder 10 counts as 0).
fn check_regon(value: &str) -> std::result::Result<String, FieldProblem> {
    let digits: Vec<u32> = value.trim().chars().filter_map(|c| c.to_digit(10)).collect();
    let bad = || FieldProblem::Mismatch(crate::i18n::errors::regon_check(crate::i18n::current()).into());
    if value.trim().chars().any(|c| !c.is_ascii_digit()) {
        return Err(bad());
    }
    let weights: &[u32] = match digits.len() {
        9 => &[8, 9, 2, 3, 4, 5, 6, 7],
        14 => &[2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8],
        _ => return Err(bad()),
    };
    let sum: u32 = digits.iter().zip(weights).map(|(d, w)| d * w).sum();
    if sum % 11 % 10 != digits[digits.len() - 1] {
        return Err(bad());
    }
    Ok(value.trim().to_string())
}

/// Names the centre of a new database; [`set_centre`] fills in the rest. Not audited: the
/// first audited change is its administrator's.
pub fn create(tx: &Tx<'_>, name: &str) -> Result<()> {
    tx.execute("INSERT OR REPLACE INTO centre (id, name) VALUES (1, ?1)", [name])?;
    Ok(())
}

pub fn set_centre(tx: &Tx<'_>, by: &str, c: &CentreChanges) -> Result<Centre> {
    let mut next = centre(tx)?;
    if let Some(v) = &c.name {
        next.name = check_text(v, 120, true).map_err(|p| p.on("--name"))?;
    }
    if let Some(v) = &c.address {
        next.address = check_text(v, 200, false).map_err(|p| p.on("--address"))?;
    }
    if let Some(v) = &c.phone {
        next.phone =
            if v.trim().is_empty() { String::new() } else { normalize_phone(v).map_err(|p| p.on("--phone"))? };
    }
    if let Some(v) = &c.email {
        next.email = if v.trim().is_empty() { String::new() } else { check_email(v).map_err(|p| p.on("--email"))? };
    }
    if let Some(v) = &c.director {
        next.director = check_text(v, 120, false).map_err(|p| p.on("--director"))?;
    }
    if let Some(v) = &c.regon {
        next.regon = if v.trim().is_empty() { String::new() } else { check_regon(v).map_err(|p| p.on("--regon"))? };
    }
    if let Some(v) = &c.appeal_body {
        next.appeal_body = check_text(v, 200, false).map_err(|p| p.on("--appeal-body"))?;
    }
    tx.execute(
        "UPDATE centre SET name = ?1, address = ?2, phone = ?3, email = ?4, director = ?5, regon = ?6,
             appeal_body = ?7
         WHERE id = 1",
        params![next.name, next.address, next.phone, next.email, next.director, next.regon, next.appeal_body],
    )?;
    audit::append(tx, by, AuditAction::Change, None, "centre", &next.name)?;
    Ok(next)
}

/// A programme as `programme add` and `programme edit` give it; `None` keeps the stored value.
#[derive(Debug, Clone, Default)]
pub struct ProgrammeChanges {
    pub name: Option<String>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub budget_grosze: Option<i64>,
    pub criterion_single_grosze: Option<i64>,
    pub criterion_family_grosze: Option<i64>,
    pub declaration_months: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Programme {
    pub id: i64,
    pub name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub budget_grosze: i64,
    pub criterion_single_grosze: i64,
    pub criterion_family_grosze: i64,
    pub declaration_months: u32,
    pub resolutions: Vec<Resolution>,
    pub services: Vec<ProgrammeService>,
    pub discounts: Vec<DiscountRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resolution {
    pub gmina: String,
    pub number: String,
    pub adopted_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProgrammeService {
    pub service_id: i64,
    pub code: String,
    pub name: String,
    pub planned_persons: i64,
    /// `free`, `flat` or `bands`.
    pub fee_kind: String,
    pub flat_grosze: i64,
    /// As `150:0,200:10,*:100`.
    pub bands: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiscountRow {
    pub code: String,
    pub name: String,
    pub percent_off: u32,
}

/// The fee a programme's service row states.
pub fn fee_kind(s: &ProgrammeService) -> FeeKind {
    match s.fee_kind.as_str() {
        "flat" => FeeKind::Flat { grosze: s.flat_grosze },
        "bands" => FeeKind::IncomeBands(crate::domain::fee::parse_bands(&s.bands).unwrap_or_default()),
        _ => FeeKind::Free,
    }
}

fn money_field(value: Option<i64>, field: &'static str) -> Result<()> {
    if value.is_some_and(|v| v < 0) {
        return Err(FieldProblem::Mismatch(crate::i18n::errors::negative_amount(crate::i18n::current()).into())
            .on(field)
            .into());
    }
    Ok(())
}

pub fn add_programme(tx: &Tx<'_>, by: &str, p: &ProgrammeChanges) -> Result<i64> {
    let name = check_text(p.name.as_deref().unwrap_or(""), 200, true).map_err(|e| e.on("--name"))?;
    let starts_on = p.starts_on.ok_or_else(|| FieldProblem::Required.on("--from"))?;
    let ends_on = p.ends_on.ok_or_else(|| FieldProblem::Required.on("--to"))?;
    tx.execute(
        "INSERT INTO programme (name, starts_on, ends_on, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![name, starts_on.to_string(), ends_on.max(starts_on).to_string(), tx.now_stamp(), by],
    )
    .map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => {
            StorageError::Conflict(crate::i18n::errors::programme_exists(crate::i18n::current(), &name))
        }
        _ => e.into(),
    })?;
    let id = tx.last_insert_rowid();
    audit::append(tx, by, AuditAction::Create, None, &format!("programme:{id}"), &name)?;
    edit_programme(tx, by, id, &ProgrammeChanges { name: None, ..p.clone() })?;
    Ok(id)
}

pub fn edit_programme(tx: &Tx<'_>, by: &str, id: i64, p: &ProgrammeChanges) -> Result<()> {
    let current = programme(tx, id)?;
    let name = match &p.name {
        Some(n) => check_text(n, 200, true).map_err(|e| e.on("--name"))?,
        None => current.name.clone(),
    };
    let starts_on = p.starts_on.unwrap_or(current.starts_on);
    let ends_on = p.ends_on.unwrap_or(current.ends_on);
    if ends_on < starts_on {
        return Err(FieldProblem::Mismatch(
            crate::i18n::errors::programme_ends_before_start(crate::i18n::current()).into(),
        )
        .on("--to")
        .into());
    }
    money_field(p.budget_grosze, "--budget")?;
    money_field(p.criterion_single_grosze, "--criterion-single")?;
    money_field(p.criterion_family_grosze, "--criterion-family")?;
    if p.declaration_months.is_some_and(|m| !(1..=36).contains(&m)) {
        return Err(FieldProblem::Number { min: 1, max: 36 }.on("--declaration-months").into());
    }
    tx.execute(
        "UPDATE programme SET name = ?2, starts_on = ?3, ends_on = ?4, budget_grosze = ?5,
             criterion_single_grosze = ?6, criterion_family_grosze = ?7, declaration_months = ?8,
             updated_at = ?9, updated_by = ?10
         WHERE id = ?1",
        params![
            id,
            name,
            starts_on.to_string(),
            ends_on.to_string(),
            p.budget_grosze.unwrap_or(current.budget_grosze),
            p.criterion_single_grosze.unwrap_or(current.criterion_single_grosze),
            p.criterion_family_grosze.unwrap_or(current.criterion_family_grosze),
            p.declaration_months.unwrap_or(current.declaration_months),
            tx.now_stamp(),
            by
        ],
    )?;
    audit::append(tx, by, AuditAction::Change, None, &format!("programme:{id}"), &name)?;
    Ok(())
}

/// A programme by its name or number.
pub fn resolve_programme(conn: &Connection, name_or_id: &str) -> Result<i64> {
    let by_name: Option<i64> =
        conn.query_row("SELECT id FROM programme WHERE name = ?1", [name_or_id.trim()], |r| r.get(0)).optional()?;
    if let Some(id) = by_name {
        return Ok(id);
    }
    let by_id: Option<i64> = match name_or_id.trim().parse::<i64>() {
        Ok(n) => conn.query_row("SELECT id FROM programme WHERE id = ?1", [n], |r| r.get(0)).optional()?,
        Err(_) => None,
    };
    by_id.ok_or_else(|| {
        StorageError::NotFound(crate::i18n::errors::missing_programme(crate::i18n::current(), name_or_id))
    })
}

pub fn set_resolution(
    tx: &Tx<'_>,
    by: &str,
    programme_id: i64,
    gmina_id: i64,
    number: &str,
    adopted_on: NaiveDate,
) -> Result<()> {
    let number = check_text(number, 120, true).map_err(|p| p.on("--resolution"))?;
    tx.execute(
        "INSERT INTO programme_resolution (programme_id, gmina_id, number, adopted_on) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (programme_id, gmina_id) DO UPDATE SET number = excluded.number, adopted_on = excluded.adopted_on",
        params![programme_id, gmina_id, number, adopted_on.to_string()],
    )?;
    let detail = format!("gmina {gmina_id}: uchwała {number} z {adopted_on}");
    audit::append(tx, by, AuditAction::Change, None, &format!("programme:{programme_id}"), &detail)
}

/// The fee of one service as `programme service` sets it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeeInput {
    Free,
    Flat(i64),
    Bands(Vec<IncomeBand>),
}

pub fn set_service(
    tx: &Tx<'_>,
    by: &str,
    programme_id: i64,
    service_id: i64,
    planned_persons: i64,
    fee: &FeeInput,
) -> Result<()> {
    if planned_persons < 0 {
        return Err(FieldProblem::Number { min: 0, max: i64::from(i32::MAX) }.on("--planned").into());
    }
    let (kind, flat) = match fee {
        FeeInput::Free => ("free", 0),
        FeeInput::Flat(g) if *g < 0 => {
            return Err(FieldProblem::Mismatch(crate::i18n::errors::negative_amount(crate::i18n::current()).into())
                .on("--flat")
                .into());
        }
        FeeInput::Flat(g) => ("flat", *g),
        FeeInput::Bands(bands) => {
            check_bands(bands).map_err(|p| FieldProblem::Mismatch(p.to_string()).on("--bands"))?;
            ("bands", 0)
        }
    };
    tx.execute(
        "DELETE FROM programme_fee_band WHERE programme_id = ?1 AND service_id = ?2",
        [programme_id, service_id],
    )?;
    tx.execute(
        "INSERT INTO programme_service (programme_id, service_id, planned_persons, fee_kind, flat_grosze)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (programme_id, service_id) DO UPDATE SET planned_persons = excluded.planned_persons,
             fee_kind = excluded.fee_kind, flat_grosze = excluded.flat_grosze",
        params![programme_id, service_id, planned_persons, kind, flat],
    )?;
    if let FeeInput::Bands(bands) = fee {
        let mut insert = tx.prepare_cached(
            "INSERT INTO programme_fee_band (programme_id, service_id, position, up_to_percent, price_share_percent)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (i, b) in bands.iter().enumerate() {
            insert.execute(params![programme_id, service_id, i as i64, b.up_to_percent, b.price_share_percent])?;
        }
    }
    let detail = format!("usługa {service_id}: {planned_persons} osób, opłata {kind}");
    audit::append(tx, by, AuditAction::Change, None, &format!("programme:{programme_id}"), &detail)
}

pub fn set_discount(tx: &Tx<'_>, by: &str, programme_id: i64, code: &str, name: &str, percent_off: u32) -> Result<()> {
    let code = check_text(code, 40, true).map_err(|p| p.on("--code"))?;
    if code.contains(',') {
        return Err(FieldProblem::Mismatch(crate::i18n::errors::code_without_commas(crate::i18n::current()).into())
            .on("--code")
            .into());
    }
    let name = check_text(name, 120, true).map_err(|p| p.on("--name"))?;
    if percent_off > 100 {
        return Err(FieldProblem::Number { min: 0, max: 100 }.on("--percent-off").into());
    }
    tx.execute(
        "INSERT INTO programme_discount (programme_id, code, name, percent_off) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (programme_id, code) DO UPDATE SET name = excluded.name, percent_off = excluded.percent_off",
        params![programme_id, code, name, percent_off],
    )?;
    let detail = format!("ulga {code}: {percent_off} %");
    audit::append(tx, by, AuditAction::Change, None, &format!("programme:{programme_id}"), &detail)
}

fn date(text: String) -> rusqlite::Result<NaiveDate> {
    text.parse().map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

pub fn programme(conn: &Connection, id: i64) -> Result<Programme> {
    let mut p = conn
        .query_row(
            "SELECT id, name, starts_on, ends_on, budget_grosze, criterion_single_grosze, criterion_family_grosze,
                    declaration_months
             FROM programme WHERE id = ?1",
            [id],
            |r| {
                Ok(Programme {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    starts_on: date(r.get(2)?)?,
                    ends_on: date(r.get(3)?)?,
                    budget_grosze: r.get(4)?,
                    criterion_single_grosze: r.get(5)?,
                    criterion_family_grosze: r.get(6)?,
                    declaration_months: r.get(7)?,
                    resolutions: Vec::new(),
                    services: Vec::new(),
                    discounts: Vec::new(),
                })
            },
        )
        .optional()?
        .ok_or_else(|| StorageError::NotFound(crate::i18n::errors::missing_programme_no(crate::i18n::current(), id)))?;
    p.resolutions = conn
        .prepare_cached(
            "SELECT g.name, r.number, r.adopted_on FROM programme_resolution r JOIN gmina g ON g.id = r.gmina_id
             WHERE r.programme_id = ?1 ORDER BY g.id",
        )?
        .query_map([id], |r| Ok(Resolution { gmina: r.get(0)?, number: r.get(1)?, adopted_on: date(r.get(2)?)? }))?
        .collect::<rusqlite::Result<_>>()?;
    p.services = conn
        .prepare_cached(
            "SELECT s.id, s.code, s.name, ps.planned_persons, ps.fee_kind, ps.flat_grosze
             FROM programme_service ps JOIN service s ON s.id = ps.service_id
             WHERE ps.programme_id = ?1 ORDER BY s.code",
        )?
        .query_map([id], |r| {
            Ok(ProgrammeService {
                service_id: r.get(0)?,
                code: r.get(1)?,
                name: r.get(2)?,
                planned_persons: r.get(3)?,
                fee_kind: r.get(4)?,
                flat_grosze: r.get(5)?,
                bands: String::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    for s in &mut p.services {
        s.bands = crate::domain::fee::format_bands(&bands(conn, id, s.service_id)?);
    }
    p.discounts = discounts(conn, id)?
        .into_iter()
        .map(|d| DiscountRow { code: d.code, name: d.name, percent_off: d.percent_off })
        .collect();
    Ok(p)
}

pub fn programmes(conn: &Connection) -> Result<Vec<Programme>> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM programme ORDER BY starts_on, id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter().map(|id| programme(conn, id)).collect()
}

/// The programme in force on a day: of those whose period covers it, the one started last.
pub fn programme_on(conn: &Connection, day: NaiveDate) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM programme WHERE starts_on <= ?1 AND ends_on >= ?1 ORDER BY starts_on DESC, id DESC LIMIT 1",
        )?
        .query_row([day.to_string()], |r| r.get(0))
        .optional()?)
}

fn bands(conn: &Connection, programme_id: i64, service_id: i64) -> Result<Vec<IncomeBand>> {
    Ok(conn
        .prepare_cached(
            "SELECT up_to_percent, price_share_percent FROM programme_fee_band
             WHERE programme_id = ?1 AND service_id = ?2 ORDER BY position",
        )?
        .query_map([programme_id, service_id], |r| {
            Ok(IncomeBand { up_to_percent: r.get(0)?, price_share_percent: r.get(1)? })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

fn discounts(conn: &Connection, programme_id: i64) -> Result<Vec<Discount>> {
    Ok(conn
        .prepare_cached("SELECT code, name, percent_off FROM programme_discount WHERE programme_id = ?1 ORDER BY code")?
        .query_map([programme_id], |r| Ok(Discount { code: r.get(0)?, name: r.get(1)?, percent_off: r.get(2)? }))?
        .collect::<rusqlite::Result<_>>()?)
}

/// What the programme in force on `day` says of a service's fee; `None` when no programme
/// covers the day or the programme does not offer the service.
pub fn fee_scheme(conn: &Connection, service_id: i64, day: NaiveDate) -> Result<Option<FeeScheme>> {
    let Some(programme_id) = programme_on(conn, day)? else { return Ok(None) };
    let row: Option<(String, i64, i64, i64)> = conn
        .prepare_cached(
            "SELECT ps.fee_kind, ps.flat_grosze, p.criterion_single_grosze, p.criterion_family_grosze
             FROM programme_service ps JOIN programme p ON p.id = ps.programme_id
             WHERE ps.programme_id = ?1 AND ps.service_id = ?2",
        )?
        .query_row([programme_id, service_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    let Some((kind, flat, single, family)) = row else { return Ok(None) };
    let kind = match kind.as_str() {
        "flat" => FeeKind::Flat { grosze: flat },
        "bands" => FeeKind::IncomeBands(bands(conn, programme_id, service_id)?),
        _ => FeeKind::Free,
    };
    Ok(Some(FeeScheme {
        kind,
        criterion_single_grosze: single,
        criterion_family_grosze: family,
        discounts: discounts(conn, programme_id)?,
    }))
}

/// Records an income declaration, valid for the programme's number of months from its day.
pub fn add_declaration(
    tx: &Tx<'_>,
    by: &str,
    resident_id: i64,
    declared_on: NaiveDate,
    income_per_person_grosze: i64,
    household_size: u32,
    categories: &[String],
) -> Result<IncomeDeclaration> {
    if income_per_person_grosze < 0 {
        return Err(FieldProblem::Mismatch(crate::i18n::errors::negative_amount(crate::i18n::current()).into())
            .on("--income")
            .into());
    }
    if !(1..=30).contains(&household_size) {
        return Err(FieldProblem::Number { min: 1, max: 30 }.on("--household").into());
    }
    let programme_id = programme_on(tx, declared_on)?;
    let months: u32 = match programme_id {
        Some(id) => tx.query_row("SELECT declaration_months FROM programme WHERE id = ?1", [id], |r| r.get(0))?,
        None => 12,
    };
    let known: Vec<String> = match programme_id {
        Some(id) => discounts(tx, id)?.into_iter().map(|d| d.code).collect(),
        None => Vec::new(),
    };
    if let Some(unknown) = categories.iter().find(|c| !known.contains(c)) {
        return Err(FieldProblem::Mismatch(crate::i18n::errors::discount_not_in_programme(
            crate::i18n::current(),
            unknown,
            &known,
        ))
        .on("--category")
        .into());
    }
    let valid_until = declared_on
        .checked_add_months(Months::new(months))
        .and_then(|d| d.pred_opt())
        .ok_or_else(|| FieldProblem::Date.on("--on"))?;
    tx.execute(
        "INSERT INTO income_declaration (resident_id, declared_on, valid_until, income_per_person_grosze,
             household_size, categories, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            resident_id,
            declared_on.to_string(),
            valid_until.to_string(),
            income_per_person_grosze,
            household_size,
            categories.join(","),
            by,
            tx.now_stamp()
        ],
    )?;
    let id = tx.last_insert_rowid();
    audit::append(tx, by, AuditAction::Create, Some(resident_id), &format!("income_declaration:{id}"), "")?;
    Ok(IncomeDeclaration {
        declared_on,
        valid_until,
        income_per_person_grosze,
        household_size,
        categories: categories.to_vec(),
    })
}

/// The newest declaration valid on `day`.
pub fn declaration_on(conn: &Connection, resident_id: i64, day: NaiveDate) -> Result<Option<IncomeDeclaration>> {
    Ok(conn
        .prepare_cached(
            "SELECT declared_on, valid_until, income_per_person_grosze, household_size, categories
             FROM income_declaration WHERE resident_id = ?1 AND declared_on <= ?2 AND valid_until >= ?2
             ORDER BY declared_on DESC, id DESC LIMIT 1",
        )?
        .query_row(params![resident_id, day.to_string()], |r| {
            let categories: String = r.get(4)?;
            Ok(IncomeDeclaration {
                declared_on: date(r.get(0)?)?,
                valid_until: date(r.get(1)?)?,
                income_per_person_grosze: r.get(2)?,
                household_size: r.get(3)?,
                categories: categories.split(',').filter(|c| !c.is_empty()).map(String::from).collect(),
            })
        })
        .optional()?)
}

/// The fee a resident pays per unit of a service from a provider on a day: the programme's
/// scheme, the provider's contract price and the resident's declaration, through
/// [`fee_per_unit`]. `None` when no programme in force offers the service.
pub fn fee_for(
    conn: &Connection,
    resident_id: i64,
    service_id: i64,
    provider_id: Option<i64>,
    day: NaiveDate,
) -> Result<Option<Fee>> {
    let Some(scheme) = fee_scheme(conn, service_id, day)? else { return Ok(None) };
    let price = super::partners::unit_price(conn, service_id, provider_id, day)?;
    let declaration = declaration_on(conn, resident_id, day)?;
    Ok(Some(fee_per_unit(&scheme, price, declaration.as_ref(), day)))
}

/// What a printed plan's header says of who runs it: the centre and the programme in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Header {
    pub centre: Centre,
    pub programme: Option<String>,
    pub resolutions: Vec<Resolution>,
}

impl Header {
    /// The programme and each gmina's resolution adopting it, as a plan's legal basis cites
    /// them; `None` without a programme with resolutions.
    pub fn resolution_text(&self) -> Option<String> {
        let programme = self.programme.as_ref().filter(|_| !self.resolutions.is_empty())?;
        let each: Vec<String> =
            self.resolutions.iter().map(|r| format!("{} z dnia {} ({})", r.number, r.adopted_on, r.gmina)).collect();
        Some(format!("{programme} przyjęty: {}", each.join("; ")))
    }
}

pub fn header(conn: &Connection, day: NaiveDate) -> Result<Header> {
    let programme = match programme_on(conn, day)? {
        Some(id) => Some(programme(conn, id)?),
        None => None,
    };
    Ok(Header {
        centre: centre(conn)?,
        resolutions: programme.as_ref().map(|p| p.resolutions.clone()).unwrap_or_default(),
        programme: programme.map(|p| p.name),
    })
}

#[cfg(test)]
mod tests {
    use super::check_regon;

    #[test]
    fn regon_check_digit() {
        assert!(check_regon("123456785").is_ok());
        assert!(check_regon("123456786").is_err());
        assert!(check_regon("12345678512347").is_ok());
        assert!(check_regon("1234567").is_err());
        assert!(check_regon("12345678a").is_err());
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    /// A demo or training centre: acting as another login is allowed, and every screen says so.
    pub training: bool,
    /// The approver neither coordinates the plan nor drafted the version.
    pub four_eyes: bool,
}

pub fn rules(conn: &Connection) -> Result<Rules> {
    let (training, four_eyes) = conn
        .query_row("SELECT training, four_eyes FROM centre WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap_or((false, true));
    Ok(Rules { training, four_eyes })
}

/// Makes a new centre a training one: the demo generator and `init --training` do, as they
/// create it (nothing turns an existing real centre into one).
pub fn mark_training(tx: &Tx<'_>) -> Result<()> {
    tx.execute("UPDATE centre SET training = 1 WHERE id = 1", [])?;
    Ok(())
}

/// Turns four eyes on or off for the whole centre, with the reason in the audit log.
pub fn set_four_eyes(tx: &Tx<'_>, me: &StaffMember, on: bool, reason: &str) -> Result<()> {
    me.require(Permission::ManageStaff)?;
    let reason = crate::domain::text::check_note(reason, 500).map_err(|p| p.on("--reason"))?;
    if !on && reason.trim().is_empty() {
        return Err(StorageError::Invalid(crate::i18n::trust::four_eyes_off_needs_reason()));
    }
    tx.execute("UPDATE centre SET four_eyes = ?1 WHERE id = 1", [on])?;
    let detail = format!("{}: {reason}", if on { "on" } else { "off" });
    audit::append(tx, &me.login, AuditAction::Change, None, "centre:four_eyes", &detail)
}

/// Four eyes for approving `version_id` of `plan_id`: refused when `me` coordinates the plan or
/// drafted the version (saved a draft of it, made it or submitted it), unless the centre turned
/// the rule off. Returns whether the rule held, for [`record_approval_rule`].
pub fn check_approver(conn: &Connection, me: &StaffMember, plan_id: i64, version_id: i64) -> Result<bool> {
    let rules = rules(conn)?;
    let coordinator: String =
        conn.query_row("SELECT coordinator_login FROM plan WHERE id = ?1", [plan_id], |r| r.get(0))?;
    // A return for corrections is the approver's own act, not drafting.
    let drafters: Vec<String> = conn
        .prepare_cached(
            "SELECT updated_by FROM plan_version WHERE id = ?1
             UNION SELECT decided_by FROM plan_decision WHERE version_id = ?1 AND decision = 'złożony'
             UNION SELECT login FROM audit_log WHERE target = 'plan_version:' || ?1
                   AND (action = 'create' OR (action = 'change' AND detail != 'zwrócony'))",
        )?
        .query_map([version_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    match four_eyes(&me.login, &coordinator, &drafters, rules.four_eyes) {
        Ok(()) => Ok(rules.four_eyes),
        Err(OwnPlan::Coordinates) => Err(StorageError::Forbidden(crate::i18n::trust::approver_coordinates(&me.login))),
        Err(OwnPlan::Drafted) => Err(StorageError::Forbidden(crate::i18n::trust::approver_drafted(&me.login))),
    }
}

/// Records on the approval of `version_id` whether four eyes held, for the printout.
pub fn record_approval_rule(tx: &Tx<'_>, version_id: i64, four_eyes: bool) -> Result<()> {
    tx.execute(
        "UPDATE plan_decision SET four_eyes = ?2 WHERE version_id = ?1 AND decision = 'zatwierdzony'",
        rusqlite::params![version_id, four_eyes],
    )?;
    Ok(())
}

/// Whether the approval of `version_id` was made with four eyes off.
pub fn approved_without_four_eyes(conn: &Connection, version_id: i64) -> Result<bool> {
    let off: Option<bool> = conn
        .query_row(
            "SELECT four_eyes = 0 FROM plan_decision WHERE version_id = ?1 AND decision = 'zatwierdzony'",
            [version_id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(off.unwrap_or(false))
}
