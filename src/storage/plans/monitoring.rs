//! After the plan: the summary conversation (art. 45), the follow-up, monitoring contacts.

use super::{EndReason, PlanDetail, end_plan, header};
use crate::domain::monitoring::{Contact, FollowUp, Summary};
use crate::domain::roles::Permission;
use crate::storage::audit::{self, AuditAction};
use crate::storage::staff::StaffMember;
use crate::storage::{Result, StorageError, Tx};
use chrono::NaiveDate;
use rusqlite::params;

/// Records the summary conversation at the end (art. 45): its date, the course and the results.
/// A plan not yet ended ends that day as completed.
pub fn record_summary(
    tx: &Tx<'_>,
    me: &StaffMember,
    plan_id: i64,
    on: NaiveDate,
    course: &str,
    results: &str,
) -> Result<()> {
    let h = header(tx, plan_id)?;
    super::lifecycle::require_may_end(me, &h)?;
    let Summary { on, course, results } = Summary::check(on, course, results)?;
    if h.ended_on.is_none() {
        end_plan(tx, me, plan_id, on, EndReason::Completed, None)?;
    }
    tx.execute(
        "UPDATE plan SET summary_on = ?2, summary_course = ?3, summary_results = ?4 WHERE id = ?1",
        params![plan_id, on.to_string(), course, results],
    )?;
    audit::append(tx, &me.login, AuditAction::Change, Some(h.resident_id), &format!("plan:{plan_id}"), "podsumowanie")
}

/// Records the follow-up 6 months after the end (Dębica, section G).
/// Records the follow-up after the end; returns the due date when it came well before it, to warn.
pub fn record_follow_up(
    tx: &Tx<'_>,
    me: &StaffMember,
    plan_id: i64,
    on: NaiveDate,
    note: &str,
) -> Result<Option<NaiveDate>> {
    me.require(Permission::RecordMonitoring)?;
    let FollowUp { on, note } = FollowUp::check(on, note)?;
    let h = header(tx, plan_id)?;
    let Some(ended) = h.ended_on else {
        return Err(StorageError::Conflict(crate::i18n::errors::plan_still_running(crate::i18n::current(), &h.number)));
    };
    let early = crate::domain::monitoring::follow_up_timing(ended, on).map_err(|p| p.on("data monitoringu"))?;
    tx.execute(
        "UPDATE plan SET follow_up_on = ?2, follow_up_note = ?3 WHERE id = ?1",
        params![plan_id, on.to_string(), note],
    )?;
    audit::append(
        tx,
        &me.login,
        AuditAction::Change,
        Some(h.resident_id),
        &format!("plan:{plan_id}"),
        "monitoring po zakończeniu",
    )?;
    Ok(early)
}

/// A monitoring contact at any time (art. 45; Starachowice: at least quarterly).
pub fn add_contact(tx: &Tx<'_>, me: &StaffMember, plan_id: i64, contact: &Contact) -> Result<i64> {
    me.require(Permission::RecordMonitoring)?;
    let Contact { on, channel, with_whom, note, quality } = contact;
    let h = header(tx, plan_id)?;
    tx.execute(
        "INSERT INTO monitoring_contact (plan_id, contact_on, channel, with_whom, note, quality, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![plan_id, on.to_string(), channel, with_whom, note, quality, me.login, tx.now_stamp()],
    )?;
    let id = tx.last_insert_rowid();
    audit::append(tx, &me.login, AuditAction::Create, Some(h.resident_id), &format!("monitoring:{id}"), channel)?;
    Ok(id)
}

/// When the next monitoring contact is due: 3 months after the last one, or after the start.
pub fn monitoring_due(d: &PlanDetail) -> Option<NaiveDate> {
    let start = d.approved()?.content.period_start;
    let last = d.contacts.iter().map(|c| c.contact_on).max().unwrap_or(start).max(start);
    Some(crate::domain::plan::monitoring_due(last))
}
