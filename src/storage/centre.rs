//! The centre's own rules: whether it is a training (demo) centre, and whether four eyes hold
//! for approvals. Turning four eyes off or on is an administrator's act, with its reason in the
//! audit log.

use super::audit::{self, AuditAction};
use super::staff::StaffMember;
use super::{Result, StorageError, Tx};
use crate::domain::approval::{OwnPlan, four_eyes};
use crate::domain::roles::Permission;
use rusqlite::{Connection, OptionalExtension};

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
