//! The append-only audit log. Each entry's hash covers its content and the previous entry's
//! hash, so editing or deleting an entry breaks the chain from that point on.

use super::{Result, now_stamp};
use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What was done, as written to the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    OpenCard,
    RevealPesel,
    FindReveal,
    Export,
    Print,
    Change,
    Create,
    Import,
    StaffChange,
    Approve,
    Backup,
}

impl AuditAction {
    pub fn code(self) -> &'static str {
        match self {
            AuditAction::OpenCard => "open_card",
            AuditAction::RevealPesel => "reveal_pesel",
            AuditAction::FindReveal => "find_reveal",
            AuditAction::Export => "export",
            AuditAction::Print => "print",
            AuditAction::Change => "change",
            AuditAction::Create => "create",
            AuditAction::Import => "import",
            AuditAction::StaffChange => "staff_change",
            AuditAction::Approve => "approve",
            AuditAction::Backup => "backup",
        }
    }
}

fn entry_hash(
    prev: &str,
    at: &str,
    login: &str,
    action: &str,
    resident: Option<i64>,
    target: &str,
    detail: &str,
) -> String {
    let mut h = Sha256::new();
    for part in [prev, at, login, action, &resident.map(|r| r.to_string()).unwrap_or_default(), target, detail] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Appends an entry. Call inside a write transaction so that the chain has no forks.
pub fn append(
    conn: &Connection,
    login: &str,
    action: AuditAction,
    resident: Option<i64>,
    target: &str,
    detail: &str,
) -> Result<()> {
    let prev: String = conn
        .query_row("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| r.get(0))
        .optional()?
        .unwrap_or_else(|| GENESIS.to_string());
    let at = now_stamp();
    let hash = entry_hash(&prev, &at, login, action.code(), resident, target, detail);
    conn.execute(
        "INSERT INTO audit_log (at, login, action, resident_id, target, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![at, login, action.code(), resident, target, detail, prev, hash],
    )?;
    Ok(())
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub login: String,
    pub action: String,
    pub resident_id: Option<i64>,
    pub target: String,
    pub detail: String,
}

/// The first entry whose chain is broken, if any: a changed entry, or one removed before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainBreak {
    pub id: i64,
    pub reason: &'static str,
}

pub fn verify(conn: &Connection) -> Result<(usize, Option<ChainBreak>)> {
    let mut stmt = conn.prepare(
        "SELECT id, at, login, action, resident_id, target, detail, prev_hash, hash FROM audit_log ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let mut expected_prev = GENESIS.to_string();
    let mut count = 0;
    while let Some(r) = rows.next()? {
        count += 1;
        let id: i64 = r.get(0)?;
        let prev: String = r.get(7)?;
        let hash: String = r.get(8)?;
        if prev != expected_prev {
            return Ok((
                count,
                Some(ChainBreak { id, reason: "brakuje wpisu przed tym wpisem albo zmieniono poprzedni" }),
            ));
        }
        let computed = entry_hash(
            &prev,
            &r.get::<_, String>(1)?,
            &r.get::<_, String>(2)?,
            &r.get::<_, String>(3)?,
            r.get(4)?,
            &r.get::<_, String>(5)?,
            &r.get::<_, String>(6)?,
        );
        if computed != hash {
            return Ok((count, Some(ChainBreak { id, reason: "treść wpisu została zmieniona" })));
        }
        expected_prev = hash;
    }
    Ok((count, None))
}

pub fn entries(conn: &Connection, resident: Option<i64>, login: Option<&str>, limit: usize) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, login, action, resident_id, target, detail FROM audit_log
         WHERE (?1 IS NULL OR resident_id = ?1) AND (?2 IS NULL OR login = ?2)
         ORDER BY id DESC LIMIT ?3",
    )?;
    let rows = stmt.query_map(params![resident, login, limit as i64], |r| {
        Ok(AuditEntry {
            id: r.get(0)?,
            at: r.get(1)?,
            login: r.get(2)?,
            action: r.get(3)?,
            resident_id: r.get(4)?,
            target: r.get(5)?,
            detail: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
