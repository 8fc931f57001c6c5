//! Residents: creation and correction, the search index written beside each resident, and the
//! reads the search runs on it.

use super::audit::{self, AuditAction};
use super::places::{Places, relocate_resident};
use super::staff::StaffMember;
use super::{Result, StorageError, Tx, refused};
use crate::domain::fold::fold;
use crate::domain::pesel::{Pesel, Sex};
use crate::domain::resident::{Likeness, Resemblance, ResidentRecord, format_address};
use crate::domain::roles::Permission;
use crate::domain::sound::sound_key;
use crate::domain::text::FieldProblem;
use crate::i18n::{current, errors};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

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

/// Inserts a checked resident without its own audit entry, for bulk loads that audit once and
/// load the gminas' `places` once; the caller has checked the PESEL is free in the same
/// transaction. People registered at the desk, by `resident add` or by the import go through
/// [`register`], which also looks for look-alikes.
pub fn insert_unaudited(tx: &Tx<'_>, by: &str, r: &ResidentRecord, places: &Places) -> Result<i64> {
    insert_located(tx, by, r, places)
}

/// What is known of a person's situation beyond name and address; the reports count who is
/// not yet in POMOST.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Circumstances {
    pub occupation: String,
    pub employment: String,
    pub marital_status: String,
    pub household_size: Option<i64>,
    pub in_pomost: bool,
}

/// Records a person's circumstances on their record.
pub fn set_circumstances(tx: &Tx<'_>, by: &str, id: i64, c: &Circumstances) -> Result<()> {
    for (field, value) in
        [("zawód", &c.occupation), ("sytuacja zawodowa", &c.employment), ("stan cywilny", &c.marital_status)]
    {
        crate::domain::text::check_text(value, 120, false).map_err(|p| p.on(field))?;
    }
    if let Some(n) = c.household_size
        && !(1..=30).contains(&n)
    {
        return Err(refused("liczba osób w gospodarstwie", "musi być od 1 do 30".into()));
    }
    let changed = tx
        .prepare_cached(
            "UPDATE resident SET occupation = ?2, employment = ?3, marital_status = ?4, household_size = ?5,
                 in_pomost = ?6, updated_at = ?7, updated_by = ?8, revision = revision + 1
             WHERE id = ?1",
        )?
        .execute(params![
            id,
            c.occupation.trim(),
            c.employment.trim(),
            c.marital_status.trim(),
            c.household_size,
            c.in_pomost,
            tx.now_stamp(),
            by
        ])?;
    if changed == 0 {
        return Err(StorageError::NotFound(errors::missing_resident_no(current(), id)));
    }
    audit::append(tx, by, AuditAction::Change, Some(id), &format!("resident:{id}"), "sytuacja")
}

/// Special-category data (art. 9 GDPR): disability and its degree, dependency, health.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sensitive {
    pub disability: String,
    /// `lekki`, `umiarkowany`, `znaczny`, or empty.
    pub disability_degree: String,
    pub dependency: String,
    pub health: String,
}

pub const DISABILITY_DEGREES: [&str; 3] = ["lekki", "umiarkowany", "znaczny"];

/// Records a person's special-category data, replacing what was there.
pub fn set_sensitive(tx: &Tx<'_>, by: &str, id: i64, s: &Sensitive) -> Result<()> {
    if !s.disability_degree.is_empty() && !DISABILITY_DEGREES.contains(&s.disability_degree.as_str()) {
        return Err(FieldProblem::not_one_of(&s.disability_degree, &DISABILITY_DEGREES).on("stopień").into());
    }
    for (field, value) in
        [("niepełnosprawność", &s.disability), ("niesamodzielność", &s.dependency), ("zdrowie", &s.health)]
    {
        crate::domain::text::check_note(value, 4000).map_err(|p| p.on(field))?;
    }
    person(tx, id)?;
    tx.prepare_cached(
        "INSERT INTO resident_sensitive (resident_id, disability, disability_degree, dependency, health, updated_at,
             updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (resident_id) DO UPDATE SET disability = excluded.disability,
             disability_degree = excluded.disability_degree, dependency = excluded.dependency,
             health = excluded.health, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
    )?
    .execute(params![
        id,
        s.disability.trim(),
        s.disability_degree,
        s.dependency.trim(),
        s.health.trim(),
        tx.now_stamp(),
        by
    ])?;
    audit::append(tx, by, AuditAction::Change, Some(id), &format!("resident:{id}"), "dane szczególne")
}

/// The insert itself, the gmina derived from the address among `places` (loaded once per batch
/// by the import).
fn insert_located(tx: &Tx<'_>, by: &str, r: &ResidentRecord, places: &Places) -> Result<i64> {
    let now = tx.now_stamp();
    let located = places.locate(&r.city, &r.postal_code, &r.street);
    tx.prepare_cached(
        "INSERT INTO resident (pesel, first_name, last_name, birth_date, sex, street, house_no, flat_no,
             postal_code, city, phone, email, created_at, updated_at, updated_by, document_no, gmina_id, village_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, ?14, ?15, ?16, ?17)",
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
        r.document_no,
        located.map(|l| l.gmina_id),
        located.and_then(|l| l.village_id),
    ])?;
    let id = tx.last_insert_rowid();
    index_resident(tx, id)?;
    Ok(id)
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

/// The newest change to any resident as `(updated_at, id)`, where watching for changes starts.
pub fn newest_change(conn: &Connection) -> Result<Option<(String, i64)>> {
    Ok(conn
        .query_row("SELECT updated_at, id FROM resident ORDER BY updated_at DESC, id DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?)
}

/// The residents `ids` for a result list, in the order of `ids` (missing ones are left out).
pub fn search_rows(conn: &Connection, ids: &[i64]) -> Result<Vec<SearchRow>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {SEARCH_COLUMNS} FROM resident WHERE id = ?1"))?;
    let mut rows = Vec::with_capacity(ids.len());
    for &id in ids {
        if let Some(row) = stmt.query_row([id], search_row).optional()? {
            rows.push(row);
        }
    }
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
                postal_code, city, phone, email, document_no
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
                document_no: r.get(11)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| StorageError::NotFound(crate::i18n::errors::missing_resident_no(crate::i18n::current(), id)))
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
    let text = |r: &ResidentRecord| -> [(&'static str, String); 12] {
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
            ("document_no", r.document_no.clone()),
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
             updated_at = ?14, updated_by = ?15, document_no = ?16, revision = revision + 1
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
            tx.now_stamp(),
            by,
            r.document_no,
        ],
    )?;
    relocate_resident(tx, &Places::load(tx)?, id)?;
    index_resident(tx, id)?;
    let detail = changed.iter().map(|(f, was, now)| format!("{f}: „{was}” → „{now}”")).collect::<Vec<_>>().join("; ");
    audit::append(tx, by, AuditAction::Change, Some(id), &format!("resident:{id}"), &detail)?;
    Ok(changed.into_iter().map(|(f, _, _)| f).collect())
}

/// A registered person as shown beside another for the choice "to ta sama osoba" / "inna osoba".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub birth_date: String,
    pub pesel: String,
    pub document_no: String,
    pub address: String,
}

/// Someone registered who may be the person being registered, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LookAlike {
    pub person: Person,
    pub likeness: Likeness,
}

/// Two registered records that may be one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DuplicatePair {
    pub first: Person,
    pub second: Person,
    pub likeness: Likeness,
}

const PERSON_COLUMNS: &str = "id, first_name, last_name, coalesce(birth_date, ''), coalesce(pesel, ''), document_no, \
                              street, house_no, flat_no, postal_code, city";

fn person_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(Person, Resemblance)> {
    let (street, house_no, flat_no, postal_code, city): (String, String, String, String, String) =
        (r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?, r.get(10)?);
    let person = Person {
        id: r.get(0)?,
        first_name: r.get(1)?,
        last_name: r.get(2)?,
        birth_date: r.get(3)?,
        pesel: r.get(4)?,
        document_no: r.get(5)?,
        address: format_address(&street, &house_no, &flat_no, &postal_code, &city),
    };
    let birth_date = NaiveDate::parse_from_str(&person.birth_date, "%Y-%m-%d").ok();
    let resemblance =
        Resemblance::of(&person.first_name, &person.last_name, birth_date, &street, &house_no, &flat_no, &city);
    Ok((person, resemblance))
}

pub fn person(conn: &Connection, id: i64) -> Result<Person> {
    conn.query_row(&format!("SELECT {PERSON_COLUMNS} FROM resident WHERE id = ?1"), [id], person_row)
        .optional()?
        .map(|(p, _)| p)
        .ok_or_else(|| StorageError::NotFound(format!("mieszkaniec nr {id}")))
}

/// People registered whom `r` may be: the same folded name with the same birth date or at the
/// same address. Candidates come from the search index's range of the folded surname, so that
/// the check reads a handful of rows however many people share a birth date or a house number
/// (an import of a whole register runs it once per row).
pub fn look_alikes(conn: &Connection, r: &ResidentRecord) -> Result<Vec<LookAlike>> {
    let wanted = r.resemblance();
    let surname = clean_fold(&r.last_name);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PERSON_COLUMNS} FROM resident
         WHERE id IN (SELECT resident_id FROM resident_key WHERE kind = ?1 AND key >= ?2 AND key < ?3)
           AND (birth_date = ?4 OR (?5 <> '' AND house_no = ?5))
         ORDER BY id"
    ))?;
    let rows = stmt.query_map(
        params![
            KeyKind::Name as i64,
            format!("{surname}{NAME_END}"),
            format!("{surname}{NAME_END_NEXT}"),
            r.birth_date.map(|d| d.to_string()),
            r.house_no
        ],
        person_row,
    )?;
    let mut found = Vec::new();
    for row in rows {
        let (person, resemblance) = row?;
        if let Some(likeness) = wanted.likeness(&resemblance) {
            found.push(LookAlike { person, likeness });
        }
    }
    Ok(found)
}

/// Registers a new person: the one way the desk form, `resident add` and the import add people.
/// A PESEL already registered is refused naming who has it; people who look alike are refused
/// (listed in the error) unless `distinct_from` names them, and each such "inna osoba" choice is
/// recorded with who made it.
pub fn register(tx: &Tx<'_>, by: &str, r: &ResidentRecord, distinct_from: &[i64]) -> Result<i64> {
    let id = register_unaudited(tx, by, r, distinct_from, &Places::load(tx)?)?;
    audit::append(tx, by, AuditAction::Create, Some(id), &format!("resident:{id}"), "")?;
    Ok(id)
}

/// [`register`] without the creation's own audit entry, for the import, which audits each batch
/// and loads the gminas' `places` once for it; the "inna osoba" choices are audited all the same.
pub fn register_unaudited(
    tx: &Tx<'_>,
    by: &str,
    r: &ResidentRecord,
    distinct_from: &[i64],
    places: &Places,
) -> Result<i64> {
    r.check_identifiable()?;
    if let Some(p) = &r.pesel
        && let Some(id) = id_by_pesel(tx, p.as_str())?
    {
        let p = person(tx, id)?;
        return Err(StorageError::DuplicatePesel { id, name: format!("{} {}", p.first_name, p.last_name) });
    }
    let alike: Vec<LookAlike> =
        look_alikes(tx, r)?.into_iter().filter(|l| !distinct_from.contains(&l.person.id)).collect();
    if !alike.is_empty() {
        return Err(StorageError::LooksLike(alike));
    }
    let id = insert_located(tx, by, r, places)?;
    for other in distinct_from {
        record_distinct(tx, by, id, *other)?;
    }
    Ok(id)
}

/// "Inna osoba": two records that look alike are two people; the pair is not offered again.
pub fn record_distinct(tx: &Tx<'_>, by: &str, a: i64, b: i64) -> Result<()> {
    let (first, second) = (a.min(b), a.max(b));
    person(tx, first)?;
    person(tx, second)?;
    tx.execute(
        "INSERT OR IGNORE INTO resident_distinct (first_id, second_id, decided_by, decided_at) VALUES (?1, ?2, ?3, ?4)",
        params![first, second, by, tx.now_stamp()],
    )?;
    audit::append(
        tx,
        by,
        AuditAction::Change,
        Some(a),
        &format!("resident:{a}"),
        &format!("inna osoba niż resident:{b}"),
    )
}

/// Every pair of registered records that may be one person, except pairs judged to be two.
pub fn duplicates(conn: &Connection) -> Result<Vec<DuplicatePair>> {
    let mut stmt = conn.prepare(&format!("SELECT {PERSON_COLUMNS} FROM resident ORDER BY id"))?;
    let people = stmt.query_map([], person_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    let distinct: std::collections::HashSet<(i64, i64)> = conn
        .prepare("SELECT first_id, second_id FROM resident_distinct")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut by_name: std::collections::BTreeMap<&str, Vec<usize>> = std::collections::BTreeMap::new();
    for (i, (_, resemblance)) in people.iter().enumerate() {
        by_name.entry(resemblance.name_key()).or_default().push(i);
    }
    let mut pairs = Vec::new();
    for group in by_name.values().filter(|g| g.len() > 1) {
        for (n, &i) in group.iter().enumerate() {
            for &j in &group[n + 1..] {
                let ((a, ra), (b, rb)) = (&people[i], &people[j]);
                if distinct.contains(&(a.id.min(b.id), a.id.max(b.id))) {
                    continue;
                }
                if let Some(likeness) = ra.likeness(rb) {
                    pairs.push(DuplicatePair { first: a.clone(), second: b.clone(), likeness });
                }
            }
        }
    }
    pairs.sort_by_key(|p| (p.first.id, p.second.id));
    Ok(pairs)
}

/// Joins `other` into `keep`: every application, plan, visit and representative of `other`
/// moves to `keep`, empty fields of `keep` are filled from `other`, and `other`'s record is kept
/// as it was in `resident_merge`. Audit entries are append-only and keep `other`'s number; the
/// merge record ties them to `keep`.
pub fn merge(tx: &Tx<'_>, me: &StaffMember, keep: i64, other: i64) -> Result<()> {
    me.require(Permission::MergeResidents)?;
    if keep == other {
        return Err(StorageError::Invalid(errors::merge_same(current()).into()));
    }
    let (kept, merged) = (person(tx, keep)?, person(tx, other)?);
    if !kept.pesel.is_empty() && !merged.pesel.is_empty() && kept.pesel != merged.pesel {
        return Err(StorageError::Conflict(errors::merge_two_pesels(current(), &kept.pesel, &merged.pesel)));
    }
    let data = serde_json::json!({
        "resident": input_of(tx, other)?,
        "special_category_data": tx.query_row(
            "SELECT json_object('disability', disability, 'disability_degree', disability_degree,
                 'dependency', dependency, 'health', health) FROM resident_sensitive WHERE resident_id = ?1",
            [other],
            |r| r.get::<_, String>(0),
        ).optional()?,
    });
    tx.execute(
        "INSERT INTO resident_merge (kept_id, merged_id, merged_data, merged_by, merged_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![keep, other, data.to_string(), me.login, tx.now_stamp()],
    )?;
    for table in ["application", "plan", "contact_visit", "representative", "income_declaration", "referral"] {
        tx.execute(&format!("UPDATE {table} SET resident_id = ?1 WHERE resident_id = ?2"), params![keep, other])?;
    }
    tx.execute(
        "UPDATE resident_sensitive SET resident_id = ?1 WHERE resident_id = ?2
             AND NOT EXISTS (SELECT 1 FROM resident_sensitive WHERE resident_id = ?1)",
        params![keep, other],
    )?;
    tx.execute("DELETE FROM resident_sensitive WHERE resident_id = ?1", [other])?;
    tx.execute("DELETE FROM resident_distinct WHERE first_id = ?1 OR second_id = ?1", [other])?;
    // The PESEL moves only after the merged record lets go of it, since a PESEL is unique.
    let pesel: Option<String> = tx.query_row("SELECT pesel FROM resident WHERE id = ?1", [other], |r| r.get(0))?;
    tx.execute("UPDATE resident SET pesel = NULL WHERE id = ?1", [other])?;
    tx.execute(
        "UPDATE resident AS k SET
             pesel = coalesce(k.pesel, ?3), birth_date = coalesce(k.birth_date, o.birth_date), sex = coalesce(k.sex, o.sex),
             document_no = CASE WHEN k.document_no = '' THEN o.document_no ELSE k.document_no END,
             phone = CASE WHEN k.phone = '' THEN o.phone ELSE k.phone END,
             email = CASE WHEN k.email = '' THEN o.email ELSE k.email END,
             occupation = CASE WHEN k.occupation = '' THEN o.occupation ELSE k.occupation END,
             street = CASE WHEN k.house_no = '' AND k.city = '' THEN o.street ELSE k.street END,
             house_no = CASE WHEN k.house_no = '' AND k.city = '' THEN o.house_no ELSE k.house_no END,
             flat_no = CASE WHEN k.house_no = '' AND k.city = '' THEN o.flat_no ELSE k.flat_no END,
             postal_code = CASE WHEN k.house_no = '' AND k.city = '' THEN o.postal_code ELSE k.postal_code END,
             city = CASE WHEN k.city = '' THEN o.city ELSE k.city END,
             updated_at = ?4, updated_by = ?5, revision = k.revision + 1
         FROM resident AS o WHERE k.id = ?1 AND o.id = ?2",
        params![keep, other, pesel, tx.now_stamp(), me.login],
    )?;
    tx.execute("DELETE FROM resident WHERE id = ?1", [other])?;
    // The kept record may have taken a PESEL, a phone or an address: it is found by them now,
    // and an address taken decides its gmina.
    relocate_resident(tx, &Places::load(tx)?, keep)?;
    index_resident(tx, keep)?;
    audit::append(
        tx,
        &me.login,
        AuditAction::Change,
        Some(keep),
        &format!("resident:{keep}"),
        &format!("połączono z resident:{other}"),
    )?;
    audit::append(
        tx,
        &me.login,
        AuditAction::Change,
        Some(other),
        &format!("resident:{other}"),
        &format!("połączono w resident:{keep}"),
    )
}

/// Look-alikes on one line: `Anna Nowak (nr 12, ur. 1950-02-03; imię, nazwisko i data urodzenia)`.
pub fn describe_look_alikes(alike: &[LookAlike]) -> String {
    alike
        .iter()
        .map(|l| {
            let p = &l.person;
            let born = if p.birth_date.is_empty() { String::new() } else { format!(", {}", p.birth_date) };
            format!(
                "{} {} (nr {}{born}; {})",
                p.first_name,
                p.last_name,
                p.id,
                errors::likeness(current(), l.likeness.code())
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// What a search key says of its resident; the numbers are stored (see the search index
/// migration), so they never change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// Folded `surname␁first name`: its order is the list's order.
    Name = 1,
    /// Folded `first name␁surname`.
    First = 2,
    /// Any further word of the names, and the words of the street and the town.
    Word = 3,
    Pesel = 4,
    /// Phone digits without a country prefix.
    Phone = 5,
    BirthYear = 6,
    /// [`sound_key`] of each word of the names.
    Sound = 7,
    /// Every tail of the phone's national digits from its second digit on, at least
    /// [`PHONE_INSIDE_MIN`] long, so that a number typed from its middle is a prefix range.
    PhoneInside = 8,
    /// Each folded word of the name of the resident's gmina, followed by [`NAME_END`] and the
    /// resident's [`KeyKind::Name`] key: a gmina's residents lie in name order in its range.
    Gmina = 9,
}

/// Digit words this long also match inside a phone number; shorter ones would match most phones.
pub const PHONE_INSIDE_MIN: usize = 4;

impl KeyKind {
    /// Whether every resident has at most one key of this kind, so that its keys in a range
    /// count residents.
    pub fn one_per_resident(self) -> bool {
        matches!(self, KeyKind::Name | KeyKind::First | KeyKind::Pesel | KeyKind::Phone | KeyKind::BirthYear)
    }

    fn from_code(code: i64) -> Option<KeyKind> {
        use KeyKind::*;
        [Name, First, Word, Pesel, Phone, BirthYear, Sound, PhoneInside, Gmina].into_iter().find(|k| *k as i64 == code)
    }
}

/// Separates the two names in [`KeyKind::Name`] and [`KeyKind::First`] keys. It sorts below
/// every character a name holds, so a surname comes before its longer forms (Nowak before
/// Nowak-Kowalska), and the keys of one exact name lie in `name␁ .. name␂`.
pub const NAME_END: char = '\u{1}';
/// The first character after [`NAME_END`].
pub const NAME_END_NEXT: char = '\u{2}';

/// Folded text without control characters (which [`NAME_END`] is one of).
fn clean_fold(text: &str) -> String {
    fold(text).chars().filter(|c| !c.is_control()).collect::<String>().trim().to_string()
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// The national part of a phone number's digits.
pub fn national_phone(digits: &str) -> &str {
    digits.strip_prefix("0048").or_else(|| digits.strip_prefix("48").filter(|d| d.len() >= 9)).unwrap_or(digits)
}

/// The fields of a resident the search keys are made of.
pub struct KeySource<'a> {
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub street: &'a str,
    pub city: &'a str,
    pub pesel: &'a str,
    pub phone: &'a str,
    pub birth_date: &'a str,
    /// The name of the resident's gmina; empty when the address did not resolve.
    pub gmina: &'a str,
}

/// The [`KeyKind::Gmina`] keys of a resident with the `Name` key `name_key` living in `gmina`.
pub fn gmina_keys(gmina: &str, name_key: &str) -> Vec<String> {
    let gmina = clean_fold(gmina);
    let mut keys: Vec<String> = Vec::new();
    for word in words(&gmina) {
        let key = format!("{word}{NAME_END}{name_key}");
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}

/// A resident's search keys, each once.
pub fn search_keys(r: &KeySource<'_>) -> Vec<(KeyKind, String)> {
    let surname = clean_fold(r.last_name);
    let first = clean_fold(r.first_name);
    let mut keys = vec![
        (KeyKind::Name, format!("{surname}{NAME_END}{first}")),
        (KeyKind::First, format!("{first}{NAME_END}{surname}")),
    ];
    let mut push = |kind: KeyKind, key: String| {
        if !key.is_empty() && !keys.iter().any(|(k, existing)| *k == kind && *existing == key) {
            keys.push((kind, key));
        }
    };
    for name in [&surname, &first] {
        for word in words(name).skip(1) {
            push(KeyKind::Word, word.to_string());
        }
    }
    // "ul." and "al." say what kind of street it is, which nobody searches for.
    let street = clean_fold(r.street);
    let street_words = street.split_whitespace().filter(|w| !(w.ends_with('.') && w.len() <= 4));
    for word in street_words.flat_map(words).chain(words(&clean_fold(r.city))) {
        push(KeyKind::Word, word.to_string());
    }
    let digits = |text: &str| text.chars().filter(char::is_ascii_digit).collect::<String>();
    push(KeyKind::Pesel, digits(r.pesel));
    let phone = national_phone(&digits(r.phone)).to_string();
    push(KeyKind::Phone, phone.clone());
    for at in 1..phone.len().saturating_sub(PHONE_INSIDE_MIN - 1) {
        push(KeyKind::PhoneInside, phone[at..].to_string());
    }
    let year = match r.birth_date.get(..4).filter(|y| y.bytes().all(|b| b.is_ascii_digit())) {
        Some(year) => year.to_string(),
        None => Pesel::parse(r.pesel).map(|p| p.birth_date().format("%Y").to_string()).unwrap_or_default(),
    };
    push(KeyKind::BirthYear, year);
    for word in words(r.last_name).chain(words(r.first_name)) {
        push(KeyKind::Sound, sound_key(word));
    }
    let name_key = format!("{surname}{NAME_END}{first}");
    for key in gmina_keys(r.gmina, &name_key) {
        push(KeyKind::Gmina, key);
    }
    keys
}

/// Replaces resident `id`'s search keys with those of its stored fields. Every write of a
/// resident calls it in the same transaction, so the index never lags the register.
pub fn index_resident(tx: &Tx<'_>, id: i64) -> Result<()> {
    let fields: Option<[String; 8]> = tx
        .prepare_cached(
            "SELECT r.first_name, r.last_name, r.street, r.city, coalesce(r.pesel, ''), r.phone,
                    coalesce(r.birth_date, ''), coalesce(g.name, '')
             FROM resident r LEFT JOIN gmina g ON g.id = r.gmina_id WHERE r.id = ?1",
        )?
        .query_row([id], |r| {
            Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?])
        })
        .optional()?;
    tx.prepare_cached("DELETE FROM resident_key WHERE resident_id = ?1")?.execute([id])?;
    let Some([first_name, last_name, street, city, pesel, phone, birth_date, gmina]) = fields else {
        return Ok(());
    };
    let source = KeySource {
        first_name: &first_name,
        last_name: &last_name,
        street: &street,
        city: &city,
        pesel: &pesel,
        phone: &phone,
        birth_date: &birth_date,
        gmina: &gmina,
    };
    let mut insert = tx.prepare_cached("INSERT INTO resident_key (kind, key, resident_id) VALUES (?1, ?2, ?3)")?;
    let mut name = tx.prepare_cached("INSERT OR IGNORE INTO search_name (name) VALUES (?1)")?;
    for (kind, key) in search_keys(&source) {
        insert.execute(params![kind as i64, key, id])?;
        if matches!(kind, KeyKind::Name | KeyKind::First)
            && let Some((name_part, _)) = key.split_once(NAME_END)
        {
            name.execute([name_part])?;
        }
    }
    Ok(())
}

/// [`search_keys`] as JSON `[[kind, key], …]`, for the migration that indexes residents
/// written before the index existed.
pub fn search_keys_json(r: &KeySource<'_>) -> String {
    let keys: Vec<(i64, String)> = search_keys(r).into_iter().map(|(kind, key)| (kind as i64, key)).collect();
    serde_json::to_string(&keys).unwrap_or_else(|_| "[]".to_string())
}

/// The residents with a key of `kind` in `from..to` and their keys, in key order, until `each`
/// returns false.
pub fn scan_keys(
    conn: &Connection,
    kind: KeyKind,
    from: &str,
    to: &str,
    mut each: impl FnMut(i64, &KeyRow<'_>) -> bool,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT resident_id, key FROM resident_key WHERE kind = ?1 AND key >= ?2 AND key < ?3
         ORDER BY key, resident_id",
    )?;
    let mut rows = stmt.query(params![kind as i64, from, to])?;
    while let Some(row) = rows.next()? {
        if !each(row.get(0)?, &KeyRow(row)) {
            break;
        }
    }
    Ok(())
}

/// A key [`scan_keys`] found, read only if asked for: most keys a query passes over are not.
pub struct KeyRow<'a>(&'a rusqlite::Row<'a>);

impl KeyRow<'_> {
    pub fn key(&self) -> Option<&str> {
        self.0.get_ref(1).ok()?.as_str().ok()
    }
}

/// The residents with a key of `kind` in `from..to`, in key order, until `each` returns false.
pub fn scan_ids(
    conn: &Connection,
    kind: KeyKind,
    from: &str,
    to: &str,
    mut each: impl FnMut(i64) -> bool,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT resident_id FROM resident_key WHERE kind = ?1 AND key >= ?2 AND key < ?3 ORDER BY key, resident_id",
    )?;
    let mut rows = stmt.query(params![kind as i64, from, to])?;
    while let Some(row) = rows.next()? {
        if !each(row.get(0)?) {
            break;
        }
    }
    Ok(())
}

/// How many keys of `kind` lie in `from..to`, counted up to `at_most`.
pub fn count_keys(conn: &Connection, kind: KeyKind, from: &str, to: &str, at_most: usize) -> Result<usize> {
    let n: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM (SELECT 1 FROM resident_key WHERE kind = ?1 AND key >= ?2 AND key < ?3 LIMIT ?4)",
        )?
        .query_row(params![kind as i64, from, to, at_most as i64], |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or_default())
}

/// Resident `id`'s [`KeyKind::Name`] key, the list's order.
pub fn name_key_of(conn: &Connection, id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT key FROM resident_key WHERE resident_id = ?1 AND kind = 1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

/// Every search key of resident `id`, handed to `each` without copying.
pub fn keys_of(conn: &Connection, id: i64, mut each: impl FnMut(KeyKind, &str)) -> Result<()> {
    let mut stmt = conn.prepare_cached("SELECT kind, key FROM resident_key WHERE resident_id = ?1")?;
    let mut rows = stmt.query([id])?;
    while let Some(row) = rows.next()? {
        if let Some(kind) = KeyKind::from_code(row.get(0)?) {
            each(kind, row.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?);
        }
    }
    Ok(())
}

/// The folded names in `from..to` that anybody has (or had) and that match the GLOB pattern
/// `glob`, for fuzzy matching: SQLite tests the pattern, so only matching names are copied out.
pub fn names_between(conn: &Connection, from: &str, to: &str, glob: &str) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT name FROM search_name WHERE name >= ?1 AND name < ?2 AND name GLOB ?3")?;
    let names = stmt.query_map([from, to, glob], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(names)
}
