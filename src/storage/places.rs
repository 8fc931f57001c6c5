//! The centre's map: the partnership's gminas, the villages, towns and estates in them and the
//! towns' streets, which places and residents' addresses point to. A resident's gmina is derived
//! from the address by [`crate::domain::gmina::locate`] on every write of an address.

use super::audit::{self, AuditAction};
use super::{Result, StorageError, Tx};
use crate::domain::gmina::{Located, StreetPlace, VillagePlace, locate};
use crate::domain::text::{FieldProblem, check_postal_code, check_text};
use rusqlite::{Connection, OptionalExtension, params};

/// TERYT codes are optional; when given they are digits only (TERC 7, SIMC 7, ULIC 5).
fn check_teryt(value: &str, len: usize, field: &'static str) -> Result<String> {
    let value = value.trim();
    if value.is_empty() || (value.len() == len && value.bytes().all(|b| b.is_ascii_digit())) {
        Ok(value.to_string())
    } else {
        Err(FieldProblem::Mismatch(crate::i18n::errors::teryt_digits(crate::i18n::current(), len)).on(field).into())
    }
}

fn optional_postal_code(value: &str) -> Result<String> {
    if value.trim().is_empty() {
        return Ok(String::new());
    }
    Ok(check_postal_code(value).map_err(|p| p.on("--postal-code"))?)
}

pub fn add_gmina(tx: &Tx<'_>, by: &str, name: &str, teryt: &str) -> Result<i64> {
    let name = check_text(name, 120, true).map_err(|p| p.on("--name"))?;
    let teryt = check_teryt(teryt, 7, "--teryt")?;
    if gmina_id(tx, &name)?.is_some() {
        return Err(StorageError::Conflict(crate::i18n::errors::gmina_exists(crate::i18n::current(), &name)));
    }
    tx.execute("INSERT INTO gmina (name, teryt) VALUES (?1, ?2)", params![name, teryt])?;
    let id = tx.last_insert_rowid();
    audit::append(tx, by, AuditAction::Create, None, &format!("gmina:{id}"), &name)?;
    Ok(id)
}

fn gmina_id(conn: &Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn.query_row("SELECT id FROM gmina WHERE name = ?1", [name.trim()], |r| r.get(0)).optional()?)
}

/// A gmina by its name or number.
pub fn resolve_gmina(conn: &Connection, name_or_id: &str) -> Result<i64> {
    if let Some(id) = gmina_id(conn, name_or_id)? {
        return Ok(id);
    }
    let by_id: Option<i64> = match name_or_id.trim().parse::<i64>() {
        Ok(n) => conn.query_row("SELECT id FROM gmina WHERE id = ?1", [n], |r| r.get(0)).optional()?,
        Err(_) => None,
    };
    by_id.ok_or_else(|| StorageError::NotFound(crate::i18n::errors::missing_gmina(crate::i18n::current(), name_or_id)))
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VillageInput {
    pub name: String,
    /// `miasto`, `wieś` or `osiedle`.
    pub kind: String,
    pub postal_code: String,
    pub teryt: String,
}

pub const VILLAGE_KINDS: [&str; 3] = ["miasto", "wieś", "osiedle"];

pub fn add_village(tx: &Tx<'_>, by: &str, gmina_id: i64, v: &VillageInput) -> Result<i64> {
    let name = check_text(&v.name, 120, true).map_err(|p| p.on("--village"))?;
    let kind = if v.kind.trim().is_empty() { "wieś" } else { v.kind.trim() };
    if !VILLAGE_KINDS.contains(&kind) {
        return Err(FieldProblem::Mismatch(crate::i18n::errors::one_of(
            crate::i18n::current(),
            VILLAGE_KINDS.join(", "),
        ))
        .on("--kind")
        .into());
    }
    let postal_code = optional_postal_code(&v.postal_code)?;
    let teryt = check_teryt(&v.teryt, 7, "--teryt")?;
    let exists: Option<i64> = tx
        .query_row("SELECT id FROM village WHERE gmina_id = ?1 AND name = ?2", params![gmina_id, name], |r| r.get(0))
        .optional()?;
    if exists.is_some() {
        return Err(StorageError::Conflict(crate::i18n::errors::village_exists(crate::i18n::current(), &name)));
    }
    tx.execute(
        "INSERT INTO village (gmina_id, name, kind, postal_code, teryt) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![gmina_id, name, kind, postal_code, teryt],
    )?;
    let id = tx.last_insert_rowid();
    audit::append(tx, by, AuditAction::Create, None, &format!("village:{id}"), &name)?;
    relocate_all(tx)?;
    Ok(id)
}

pub fn add_street(
    tx: &Tx<'_>,
    by: &str,
    gmina_id: i64,
    village_id: Option<i64>,
    name: &str,
    postal_code: &str,
    teryt: &str,
) -> Result<i64> {
    let name = check_text(name, 120, true).map_err(|p| p.on("--street"))?;
    let postal_code = optional_postal_code(postal_code)?;
    let teryt = check_teryt(teryt, 5, "--teryt")?;
    if let Some(v) = village_id {
        let of: i64 = tx.query_row("SELECT gmina_id FROM village WHERE id = ?1", [v], |r| r.get(0))?;
        if of != gmina_id {
            return Err(FieldProblem::Mismatch(
                crate::i18n::errors::village_in_other_gmina(crate::i18n::current()).into(),
            )
            .on("--village")
            .into());
        }
    }
    let inserted = tx.execute(
        "INSERT OR IGNORE INTO street (gmina_id, village_id, name, postal_code, teryt) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![gmina_id, village_id, name, postal_code, teryt],
    )?;
    if inserted == 0 {
        return Err(StorageError::Conflict(crate::i18n::errors::street_exists(
            crate::i18n::current(),
            &name,
            &postal_code,
        )));
    }
    let id = tx.last_insert_rowid();
    audit::append(tx, by, AuditAction::Create, None, &format!("street:{id}"), &name)?;
    relocate_all(tx)?;
    Ok(id)
}

/// The places addresses are matched against.
pub struct Places {
    villages: Vec<VillagePlace>,
    streets: Vec<StreetPlace>,
}

impl Places {
    pub fn load(conn: &Connection) -> Result<Places> {
        let villages = conn
            .prepare_cached("SELECT id, gmina_id, name, postal_code FROM village ORDER BY id")?
            .query_map([], |r| {
                Ok(VillagePlace { village_id: r.get(0)?, gmina_id: r.get(1)?, name: r.get(2)?, postal_code: r.get(3)? })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let streets = conn
            .prepare_cached("SELECT gmina_id, village_id, name, postal_code FROM street ORDER BY id")?
            .query_map([], |r| {
                Ok(StreetPlace { gmina_id: r.get(0)?, village_id: r.get(1)?, name: r.get(2)?, postal_code: r.get(3)? })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Places { villages, streets })
    }

    pub fn locate(&self, city: &str, postal_code: &str, street: &str) -> Option<Located> {
        locate(city, postal_code, street, &self.villages, &self.streets)
    }
}

/// Sets a resident's gmina and village from the stored address; called by every writer of it,
/// which then writes the resident's search keys. Whether the gmina changed.
pub fn relocate_resident(tx: &Tx<'_>, places: &Places, resident_id: i64) -> Result<bool> {
    let (city, postal_code, street, before): (String, String, String, Option<i64>) = tx
        .prepare_cached("SELECT city, postal_code, street, gmina_id FROM resident WHERE id = ?1")?
        .query_row([resident_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    let found = places.locate(&city, &postal_code, &street);
    // A changed gmina is a change the desks' search indexes pick up by the stamp.
    tx.prepare_cached(
        "UPDATE resident SET gmina_id = ?2, village_id = ?3,
             updated_at = CASE WHEN gmina_id IS ?2 THEN updated_at ELSE ?4 END
         WHERE id = ?1",
    )?
    .execute(params![resident_id, found.map(|f| f.gmina_id), found.and_then(|f| f.village_id), tx.now_stamp()])?;
    Ok(before != found.map(|f| f.gmina_id))
}

/// After a new village or street, residents whose address did not resolve may now, and are then
/// found under their gmina.
fn relocate_all(tx: &Tx<'_>) -> Result<()> {
    let places = Places::load(tx)?;
    let ids: Vec<i64> = tx
        .prepare("SELECT id FROM resident WHERE gmina_id IS NULL")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        if relocate_resident(tx, &places, id)? {
            super::residents::index_resident(tx, id)?;
        }
    }
    Ok(())
}

/// A gmina with what it holds, for `gmina list`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct GminaRow {
    pub id: i64,
    pub name: String,
    pub teryt: String,
    pub villages: Vec<String>,
    pub streets: i64,
    pub residents: i64,
}

pub fn list(conn: &Connection) -> Result<Vec<GminaRow>> {
    let mut rows: Vec<GminaRow> = conn
        .prepare(
            "SELECT g.id, g.name, g.teryt,
                    (SELECT count(*) FROM street s WHERE s.gmina_id = g.id),
                    (SELECT count(*) FROM resident r WHERE r.gmina_id = g.id)
             FROM gmina g ORDER BY g.id",
        )?
        .query_map([], |r| {
            Ok(GminaRow {
                id: r.get(0)?,
                name: r.get(1)?,
                teryt: r.get(2)?,
                villages: Vec::new(),
                streets: r.get(3)?,
                residents: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare("SELECT name FROM village WHERE gmina_id = ?1 ORDER BY id")?;
    for row in &mut rows {
        row.villages = stmt.query_map([row.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    }
    Ok(rows)
}

/// `(id, name)` of every gmina, in the order they were added.
pub fn names(conn: &Connection) -> Result<Vec<(i64, String)>> {
    Ok(conn
        .prepare_cached("SELECT id, name FROM gmina ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Limits a service to residents of the given gminas; an empty list opens it to all.
pub fn limit_service(tx: &Tx<'_>, by: &str, service_id: i64, gminas: &[i64]) -> Result<()> {
    tx.execute("DELETE FROM service_gmina WHERE service_id = ?1", [service_id])?;
    for g in gminas {
        tx.execute("INSERT OR IGNORE INTO service_gmina (service_id, gmina_id) VALUES (?1, ?2)", [service_id, *g])?;
    }
    let detail = if gminas.is_empty() {
        "dla wszystkich gmin".to_string()
    } else {
        format!("tylko gminy {}", gminas.iter().map(|g| g.to_string()).collect::<Vec<_>>().join(", "))
    };
    audit::append(tx, by, AuditAction::Change, None, &format!("service:{service_id}"), &detail)?;
    Ok(())
}

/// Services limited to gminas the resident does not live in, each with those gminas' names.
pub fn closed_to(conn: &Connection, resident_id: i64) -> Result<Vec<(i64, String)>> {
    let gmina: Option<i64> =
        conn.query_row("SELECT gmina_id FROM resident WHERE id = ?1", [resident_id], |r| r.get(0))?;
    let rows: Vec<(i64, i64, String)> = conn
        .prepare_cached(
            "SELECT sg.service_id, sg.gmina_id, g.name FROM service_gmina sg JOIN gmina g ON g.id = sg.gmina_id
             ORDER BY sg.service_id, g.name",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut closed: Vec<(i64, String)> = Vec::new();
    let mut open: Vec<i64> = Vec::new();
    for (service, g, name) in rows {
        if Some(g) == gmina {
            open.push(service);
        }
        match closed.last_mut() {
            Some((s, names)) if *s == service => {
                names.push_str(", ");
                names.push_str(&name);
            }
            _ => closed.push((service, name)),
        }
    }
    closed.retain(|(s, _)| !open.contains(s));
    Ok(closed)
}

/// The resident's gmina name, if the address resolved.
pub fn of_resident(conn: &Connection, resident_id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT g.name FROM resident r JOIN gmina g ON g.id = r.gmina_id WHERE r.id = ?1")?
        .query_row([resident_id], |r| r.get(0))
        .optional()?)
}
