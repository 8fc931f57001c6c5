//! The centre's own rules: whether it is a training (demo) centre, and whether four eyes hold
//! for approvals. Turning four eyes off or on is an administrator's act, with its reason in the
//! audit log.

use super::audit::{self, AuditAction};
use super::staff::StaffMember;
use super::{Result, StorageError};
use crate::domain::roles::Permission;
use rusqlite::{Connection, Transaction};

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

/// Marks a centre as a training one (the demo generator and `init --training`); once is enough.
pub fn mark_training(tx: &Transaction<'_>, by: &str) -> Result<()> {
    if tx.execute("UPDATE centre SET training = 1 WHERE id = 1 AND training = 0", [])? == 0 {
        return Ok(());
    }
    audit::append(tx, by, AuditAction::Change, None, "centre:training", "1")
}

/// Turns four eyes on or off for the whole centre, with the reason in the audit log.
pub fn set_four_eyes(tx: &Transaction<'_>, me: &StaffMember, on: bool, reason: &str) -> Result<()> {
    me.require(Permission::ManageStaff)?;
    let reason = crate::domain::text::check_note(reason, 500).map_err(|p| p.on("--reason"))?;
    if !on && reason.trim().is_empty() {
        return Err(StorageError::Invalid(crate::i18n::trust::four_eyes_off_needs_reason()));
    }
    tx.execute("UPDATE centre SET four_eyes = ?1 WHERE id = 1", [on])?;
    let detail = format!("{}: {reason}", if on { "on" } else { "off" });
    audit::append(tx, &me.login, AuditAction::Change, None, "centre:four_eyes", &detail)
}
