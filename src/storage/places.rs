//! The centre's map: gminas and the villages, towns and estates in them, which places and
//! residents' addresses point to.

use super::{Result, StorageError, Tx};
use crate::domain::text::{FieldProblem, check_one_of, check_postal_code, check_text};
use rusqlite::{OptionalExtension, params};

/// What a place in a gmina is, as stored.
pub const VILLAGE_KINDS: [&str; 3] = ["miasto", "wieś", "osiedle"];

pub fn add_gmina(tx: &Tx<'_>, name: &str) -> Result<i64> {
    let name = check_text(name, 120, true).map_err(|p| p.on("gmina"))?;
    let taken: Option<i64> = tx.query_row("SELECT id FROM gmina WHERE name = ?1", [&name], |r| r.get(0)).optional()?;
    if taken.is_some() {
        return Err(FieldProblem::Mismatch(crate::i18n::errors::gmina_exists(crate::i18n::current(), &name))
            .on("gmina")
            .into());
    }
    tx.execute("INSERT INTO gmina (name) VALUES (?1)", [&name])?;
    Ok(tx.last_insert_rowid())
}

pub fn add_village(tx: &Tx<'_>, gmina_id: i64, name: &str, kind: &str, postal_code: &str) -> Result<i64> {
    let name = check_text(name, 120, true).map_err(|p| p.on("miejscowość"))?;
    let kind = check_one_of(kind, &VILLAGE_KINDS).map_err(|p| p.on("rodzaj miejscowości"))?;
    let postal_code = check_postal_code(postal_code).map_err(|p| p.on("kod pocztowy"))?;
    let known: bool = tx.query_row("SELECT count(*) > 0 FROM gmina WHERE id = ?1", [gmina_id], |r| r.get(0))?;
    if !known {
        return Err(StorageError::NotFound(crate::i18n::errors::missing_gmina_no(crate::i18n::current(), gmina_id)));
    }
    tx.execute(
        "INSERT INTO village (gmina_id, name, kind, postal_code) VALUES (?1, ?2, ?3, ?4)",
        params![gmina_id, name, kind, postal_code],
    )?;
    Ok(tx.last_insert_rowid())
}
