//! Residents: creation, the rows the search index is built from, and the card.

use super::audit::{self, AuditAction};
use super::places::{Places, relocate_resident};
use super::{Result, StorageError, Tx, now_stamp, refused};
use crate::domain::pesel::Sex;
use crate::domain::resident::ResidentRecord;
use crate::i18n::{current, errors};
use rusqlite::{Connection, OptionalExtension, params};

/// Inserts a checked resident; a PESEL already registered is a conflict naming who has it.
pub fn insert(tx: &Tx<'_>, by: &str, r: &ResidentRecord) -> Result<i64> {
    if let Some(p) = &r.pesel
        && let Some(id) = id_by_pesel(tx, p.as_str())?
    {
        return Err(refused("PESEL", errors::pesel_registered(current(), id)));
    }
    let id = insert_unaudited(tx, by, r, &Places::load(tx)?)?;
    audit::append(tx, by, AuditAction::Create, Some(id), &format!("resident:{id}"), "")?;
    Ok(id)
}

/// Inserts a checked resident without its own audit entry, for bulk loads that audit each
/// batch; the caller has checked the PESEL is free in the same transaction. The gmina is
/// derived from the address among `places`, loaded once per batch.
pub fn insert_unaudited(tx: &Tx<'_>, by: &str, r: &ResidentRecord, places: &Places) -> Result<i64> {
    let now = now_stamp();
    let located = places.locate(&r.city, &r.postal_code, &r.street);
    tx.prepare_cached(
        "INSERT INTO resident (pesel, first_name, last_name, birth_date, sex, street, house_no, flat_no,
             postal_code, city, phone, email, created_at, updated_at, updated_by, gmina_id, village_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, ?14, ?15, ?16)",
    )?
    .execute(params![
        r.pesel.as_ref().map(|p| p.as_str().to_string()),
        r.first_name,
        r.last_name,
        r.birth_date.map(|d| d.to_string()),
        r.sex.map(sex_code),
        r.street,
        r.house_no,
        r.flat_no,
        r.postal_code,
        r.city,
        r.phone,
        r.email,
        now,
        by,
        located.map(|l| l.gmina_id),
        located.and_then(|l| l.village_id),
    ])?;
    Ok(tx.last_insert_rowid())
}

pub fn sex_code(sex: Sex) -> &'static str {
    match sex {
        Sex::Female => "K",
        Sex::Male => "M",
    }
}

pub fn id_by_pesel(conn: &Connection, pesel: &str) -> Result<Option<i64>> {
    Ok(conn.prepare_cached("SELECT id FROM resident WHERE pesel = ?1")?.query_row([pesel], |r| r.get(0)).optional()?)
}

/// What the search index needs of a resident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRow {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub pesel: String,
    pub phone: String,
    pub street: String,
    pub house_no: String,
    pub flat_no: String,
    pub postal_code: String,
    pub city: String,
    /// The gmina's name, empty when the address is in none the centre knows.
    pub gmina: String,
    pub updated_at: String,
}

const SEARCH_COLUMNS: &str = "id, first_name, last_name, coalesce(pesel, ''), phone, street, house_no, flat_no, \
                              postal_code, city, updated_at, \
                              coalesce((SELECT name FROM gmina WHERE gmina.id = resident.gmina_id), '')";

fn search_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SearchRow> {
    Ok(SearchRow {
        id: r.get(0)?,
        first_name: r.get(1)?,
        last_name: r.get(2)?,
        pesel: r.get(3)?,
        phone: r.get(4)?,
        street: r.get(5)?,
        house_no: r.get(6)?,
        flat_no: r.get(7)?,
        postal_code: r.get(8)?,
        city: r.get(9)?,
        updated_at: r.get(10)?,
        gmina: r.get(11)?,
    })
}

pub fn all_search_rows(conn: &Connection) -> Result<Vec<SearchRow>> {
    let mut stmt = conn.prepare(&format!("SELECT {SEARCH_COLUMNS} FROM resident ORDER BY id"))?;
    let rows = stmt.query_map([], search_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Residents added or changed at or after `stamp` (stamps are RFC 3339 UTC, so text order is time order).
pub fn search_rows_changed_since(conn: &Connection, stamp: &str) -> Result<Vec<SearchRow>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {SEARCH_COLUMNS} FROM resident WHERE updated_at >= ?1"))?;
    let rows = stmt.query_map([stamp], search_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Residents added or changed after a `(updated_at, id)` cursor: a later stamp, or the same stamp
/// and a higher id. Stamps are taken inside the writing transaction and writers take turns, so
/// rows become visible in stamp order; the id tells apart rows written in the same millisecond.
pub fn search_rows_after(conn: &Connection, stamp: &str, id: i64) -> Result<Vec<SearchRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {SEARCH_COLUMNS} FROM resident WHERE (updated_at, id) > (?1, ?2) ORDER BY updated_at, id"
    ))?;
    let rows = stmt.query_map(rusqlite::params![stamp, id], search_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM resident", [], |r| r.get(0))?)
}

/// The stored fields of a resident in the form the desk edits them.
pub fn input_of(conn: &Connection, id: i64) -> Result<crate::domain::resident::ResidentInput> {
    conn.query_row(
        "SELECT coalesce(pesel, ''), first_name, last_name, coalesce(birth_date, ''), street, house_no, flat_no,
                postal_code, city, phone, email
         FROM resident WHERE id = ?1",
        [id],
        |r| {
            Ok(crate::domain::resident::ResidentInput {
                pesel: r.get(0)?,
                first_name: r.get(1)?,
                last_name: r.get(2)?,
                birth_date: r.get(3)?,
                street: r.get(4)?,
                house_no: r.get(5)?,
                flat_no: r.get(6)?,
                postal_code: r.get(7)?,
                city: r.get(8)?,
                phone: r.get(9)?,
                email: r.get(10)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| StorageError::NotFound(format!("mieszkaniec nr {id}")))
}

/// Corrects a resident's data (RODO art. 16); the audit entry lists each changed field with
/// its old and new value.
pub fn correct(tx: &Tx<'_>, by: &str, id: i64, r: &ResidentRecord) -> Result<Vec<&'static str>> {
    let before = input_of(tx, id)?.validate().ok();
    if let Some(p) = &r.pesel
        && let Some(other) = id_by_pesel(tx, p.as_str())?
        && other != id
    {
        return Err(refused("PESEL", errors::pesel_registered(current(), other)));
    }
    let text = |r: &ResidentRecord| -> [(&'static str, String); 11] {
        [
            ("pesel", r.pesel.as_ref().map(|p| p.to_string()).unwrap_or_default()),
            ("first_name", r.first_name.clone()),
            ("last_name", r.last_name.clone()),
            ("birth_date", r.birth_date.map(|d| d.to_string()).unwrap_or_default()),
            ("street", r.street.clone()),
            ("house_no", r.house_no.clone()),
            ("flat_no", r.flat_no.clone()),
            ("postal_code", r.postal_code.clone()),
            ("city", r.city.clone()),
            ("phone", r.phone.clone()),
            ("email", r.email.clone()),
        ]
    };
    let new = text(r);
    let old = before.as_ref().map(text);
    let changed: Vec<(&'static str, String, String)> = new
        .iter()
        .enumerate()
        .filter_map(|(i, (name, value))| {
            let was = old.as_ref().map(|o| o[i].1.clone()).unwrap_or_default();
            (was != *value).then(|| (*name, was, value.clone()))
        })
        .collect();
    if changed.is_empty() {
        return Ok(Vec::new());
    }
    tx.execute(
        "UPDATE resident SET pesel = ?2, first_name = ?3, last_name = ?4, birth_date = ?5, sex = ?6, street = ?7,
             house_no = ?8, flat_no = ?9, postal_code = ?10, city = ?11, phone = ?12, email = ?13,
             updated_at = ?14, updated_by = ?15, revision = revision + 1
         WHERE id = ?1",
        params![
            id,
            r.pesel.as_ref().map(|p| p.as_str().to_string()),
            r.first_name,
            r.last_name,
            r.birth_date.map(|d| d.to_string()),
            r.sex.map(sex_code),
            r.street,
            r.house_no,
            r.flat_no,
            r.postal_code,
            r.city,
            r.phone,
            r.email,
            now_stamp(),
            by,
        ],
    )?;
    relocate_resident(tx, &Places::load(tx)?, id)?;
    let detail = changed.iter().map(|(f, was, now)| format!("{f}: „{was}” → „{now}”")).collect::<Vec<_>>().join("; ");
    audit::append(tx, by, AuditAction::Change, Some(id), &format!("resident:{id}"), &detail)?;
    Ok(changed.into_iter().map(|(f, _, _)| f).collect())
}
