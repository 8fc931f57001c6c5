//! The waiting list of each rationed service, served in the order applications were filed.
//!
//! Nothing here counts free places: what a pool has left is derived by [`pools`] each time, so
//! "places have freed" is simply a pool with something left while people wait for its service.
//! A grant that would take units while earlier applicants wait is refused unless the one who
//! grants it records a reason; the reason goes into the audit log and the half-year summary.

use super::audit::{self, AuditAction};
use super::pools;
use super::staff::StaffMember;
use super::{Result, StorageError, Tx};
use crate::domain::period::DateRange;
use crate::domain::roles::Permission;
use crate::domain::text::{FieldProblem, check_note};
use crate::domain::waitlist::{LeaveReason, Waiter, waiting_ahead};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

/// A person on a service's waiting list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WaitlistEntry {
    pub id: i64,
    pub service_id: i64,
    pub application_id: i64,
    pub resident_id: i64,
    pub resident_name: String,
    pub filed_on: NaiveDate,
    pub units: i64,
    /// The coordinator of the application, who is told when places free up.
    pub coordinator_login: Option<String>,
    /// When and why the person left the list; `None` while they wait.
    pub left: Option<(String, LeaveReason)>,
}

impl WaitlistEntry {
    fn waiter(&self) -> Waiter {
        Waiter { application_id: self.application_id, filed_on: self.filed_on }
    }
}

const ENTRY_SELECT: &str = "SELECT w.id, w.service_id, w.application_id, a.resident_id,
        r.first_name || ' ' || r.last_name, a.filed_on, w.units, a.coordinator_login, w.resolved_at, w.resolution
    FROM waitlist_entry w JOIN application a ON a.id = w.application_id JOIN resident r ON r.id = a.resident_id";

fn entry_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<WaitlistEntry> {
    let left_at: Option<String> = r.get(8)?;
    let reason: Option<String> = r.get(9)?;
    Ok(WaitlistEntry {
        id: r.get(0)?,
        service_id: r.get(1)?,
        application_id: r.get(2)?,
        resident_id: r.get(3)?,
        resident_name: r.get(4)?,
        filed_on: pools::date(r.get_ref(5)?.as_str()?)?,
        units: r.get(6)?,
        coordinator_login: r.get(7)?,
        left: left_at.zip(reason.as_deref().and_then(LeaveReason::from_code)),
    })
}

/// Who waits for a service now, first filed first.
pub fn waiting(conn: &Connection, service_id: i64) -> Result<Vec<WaitlistEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{ENTRY_SELECT} WHERE w.service_id = ?1 AND w.resolved_at IS NULL ORDER BY a.filed_on, a.id, w.id"
    ))?;
    Ok(stmt.query_map([service_id], entry_row)?.collect::<rusqlite::Result<_>>()?)
}

/// Everyone waiting for any service, by service and then in filing order.
pub fn all_waiting(conn: &Connection) -> Result<Vec<WaitlistEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{ENTRY_SELECT} WHERE w.resolved_at IS NULL ORDER BY w.service_id, a.filed_on, a.id, w.id"
    ))?;
    Ok(stmt.query_map([], entry_row)?.collect::<rusqlite::Result<_>>()?)
}

/// Every entry of a service, those who left included, in filing order.
pub fn history(conn: &Connection, service_id: i64) -> Result<Vec<WaitlistEntry>> {
    let mut stmt =
        conn.prepare_cached(&format!("{ENTRY_SELECT} WHERE w.service_id = ?1 ORDER BY a.filed_on, a.id, w.id"))?;
    Ok(stmt.query_map([service_id], entry_row)?.collect::<rusqlite::Result<_>>()?)
}

/// Puts an application on the waiting list of a service; the list is served in filing order.
pub fn join(tx: &Tx<'_>, me: &StaffMember, application_id: i64, service_id: i64, units: i64) -> Result<i64> {
    if !me.can(Permission::DraftPlan) {
        me.require(Permission::Qualify)?;
    }
    let (resident_id, state): (i64, String) = tx
        .query_row("SELECT resident_id, state FROM application WHERE id = ?1", [application_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?
        .ok_or_else(|| {
            StorageError::NotFound(crate::i18n::errors::missing_application_no(crate::i18n::current(), application_id))
        })?;
    if matches!(state.as_str(), "przekazany" | "odmowa" | "informacja") {
        return Err(StorageError::Conflict(format!(
            "wniosek nr {application_id} jest już rozpatrzony (stan: {state}); na listę wpisuje się wniosek w toku"
        )));
    }
    let max = i64::from(crate::domain::plan::MAX_UNITS);
    if !(1..=max).contains(&units) {
        return Err(FieldProblem::Number { min: 1, max }.on("ilość").into());
    }
    let known: bool = tx.query_row("SELECT count(*) > 0 FROM service WHERE id = ?1", [service_id], |r| r.get(0))?;
    if !known {
        return Err(StorageError::NotFound(crate::i18n::errors::missing_service_no(
            crate::i18n::current(),
            service_id,
        )));
    }
    let open: bool = tx.query_row(
        "SELECT count(*) > 0 FROM waitlist_entry WHERE service_id = ?1 AND application_id = ?2 AND resolved_at IS NULL",
        params![service_id, application_id],
        |r| r.get(0),
    )?;
    if open {
        return Err(StorageError::Conflict(crate::i18n::errors::already_waiting(
            crate::i18n::current(),
            application_id,
        )));
    }
    tx.execute(
        "INSERT INTO waitlist_entry (service_id, application_id, units, added_at, added_by) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![service_id, application_id, units, tx.now_stamp(), me.login],
    )?;
    let id = tx.last_insert_rowid();
    // An application with a plan keeps that state; its plan shows what it waits for.
    tx.execute(
        "UPDATE application SET state = 'oczekuje' WHERE id = ?1 AND state IN ('złożony', 'diagnoza')",
        [application_id],
    )?;
    audit::append(
        tx,
        &me.login,
        AuditAction::Create,
        Some(resident_id),
        &format!("waitlist:{id}"),
        &format!("usługa {service_id}, {units} j."),
    )?;
    Ok(id)
}

/// Takes a person off the list; the entry stays, with when, why and who.
pub fn leave(tx: &Tx<'_>, me: &StaffMember, entry_id: i64, reason: LeaveReason) -> Result<()> {
    if !me.can(Permission::DraftPlan) {
        me.require(Permission::Qualify)?;
    }
    let entry = tx
        .prepare_cached(&format!("{ENTRY_SELECT} WHERE w.id = ?1"))?
        .query_row([entry_id], entry_row)
        .optional()?
        .ok_or_else(|| {
            StorageError::NotFound(crate::i18n::errors::missing_waitlist_entry(crate::i18n::current(), entry_id))
        })?;
    if let Some((at, why)) = &entry.left {
        return Err(StorageError::Conflict(format!(
            "wpis nr {entry_id} zamknięto już {} ({})",
            super::plans::local_time(at),
            why.code()
        )));
    }
    resolve(tx, &me.login, entry.id, reason)?;
    audit::append(
        tx,
        &me.login,
        AuditAction::Change,
        Some(entry.resident_id),
        &format!("waitlist:{entry_id}"),
        reason.code(),
    )
}

fn resolve(tx: &Tx<'_>, login: &str, entry_id: i64, reason: LeaveReason) -> Result<()> {
    tx.execute(
        "UPDATE waitlist_entry SET resolved_at = ?2, resolution = ?3, resolved_by = ?4 WHERE id = ?1",
        params![entry_id, tx.now_stamp(), reason.code(), login],
    )?;
    Ok(())
}

/// Closes the application's open entries for services it has now been granted.
pub fn granted(tx: &Tx<'_>, login: &str, application_id: i64, service_ids: &[i64]) -> Result<()> {
    for &service_id in service_ids {
        let open: Vec<i64> = tx
            .prepare_cached(
                "SELECT id FROM waitlist_entry WHERE application_id = ?1 AND service_id = ?2 AND resolved_at IS NULL",
            )?
            .query_map(params![application_id, service_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in open {
            resolve(tx, login, id, LeaveReason::Granted)?;
        }
    }
    Ok(())
}

/// What a grant would take ahead of people waiting for one service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ahead {
    pub service_id: i64,
    pub service_name: String,
    /// Those who wait ahead of the grant, first filed first.
    pub waiting: Vec<WaitlistEntry>,
}

/// Where the grant stands in the waiting list: the application it is made on (or none), and
/// the rationed services it takes units of.
pub fn ahead_of(conn: &Connection, application_id: Option<i64>, service_ids: &[i64]) -> Result<Vec<Ahead>> {
    let me = match application_id {
        Some(id) => Some(Waiter {
            application_id: id,
            filed_on: pools::date(
                &conn.query_row("SELECT filed_on FROM application WHERE id = ?1", [id], |r| r.get::<_, String>(0))?,
            )?,
        }),
        None => None,
    };
    let mut out = Vec::new();
    let mut seen = Vec::new();
    for &service_id in service_ids {
        if seen.contains(&service_id) || pools::pools_of_service(conn, service_id)?.is_empty() {
            continue;
        }
        seen.push(service_id);
        let list = waiting(conn, service_id)?;
        let ahead: Vec<Waiter> = waiting_ahead(&list.iter().map(WaitlistEntry::waiter).collect::<Vec<_>>(), me);
        if ahead.is_empty() {
            continue;
        }
        let waiting = list.into_iter().filter(|e| ahead.contains(&e.waiter())).collect();
        let service_name = conn.query_row("SELECT name FROM service WHERE id = ?1", [service_id], |r| r.get(0))?;
        out.push(Ahead { service_id, service_name, waiting });
    }
    Ok(out)
}

/// What was granted ahead of the list: a plan version or a qualification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bypassing {
    PlanVersion(i64),
    Qualification(i64),
}

/// Refuses a grant made ahead of people waiting unless a reason is given; with a reason, keeps
/// it for each service in the audit log and for the half-year summary. Call it in the granting
/// transaction, after the grant is written.
pub fn honour(
    tx: &Tx<'_>,
    me: &StaffMember,
    ahead: &[Ahead],
    application_id: Option<i64>,
    by: Bypassing,
    reason: Option<&str>,
) -> Result<()> {
    if ahead.is_empty() {
        return Ok(());
    }
    let reason = check_note(reason.unwrap_or(""), 2000).map_err(|p| p.on("powód pierwszeństwa"))?;
    if reason.is_empty() {
        let described: Vec<String> = ahead
            .iter()
            .map(|a| {
                let first = &a.waiting[0];
                crate::i18n::errors::waiting_for_service(
                    crate::i18n::current(),
                    &a.service_name,
                    a.waiting.len(),
                    &first.resident_name,
                    first.filed_on,
                )
            })
            .collect();
        return Err(StorageError::EarlierApplicantsWait(crate::i18n::errors::earlier_applicants_wait(
            crate::i18n::current(),
            described.join("; "),
        )));
    }
    let (version, qualification) = match by {
        Bypassing::PlanVersion(v) => (Some(v), None),
        Bypassing::Qualification(q) => (None, Some(q)),
    };
    let resident: Option<i64> = match application_id {
        Some(id) => tx.query_row("SELECT resident_id FROM application WHERE id = ?1", [id], |r| r.get(0)).optional()?,
        None => None,
    };
    for a in ahead {
        tx.execute(
            "INSERT INTO waitlist_bypass (service_id, application_id, plan_version_id, qualification_id,
                 waiting_before, reason, decided_by, decided_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                a.service_id,
                application_id,
                version,
                qualification,
                a.waiting.len(),
                reason,
                me.login,
                tx.now_stamp()
            ],
        )?;
        let target = match by {
            Bypassing::PlanVersion(v) => format!("plan_version:{v}"),
            Bypassing::Qualification(q) => format!("qualification:{q}"),
        };
        audit::append(
            tx,
            &me.login,
            AuditAction::Approve,
            resident,
            &target,
            &format!("przed listą oczekujących usługi {} ({} os.): {reason}", a.service_id, a.waiting.len()),
        )?;
    }
    Ok(())
}

/// A grant made ahead of the waiting list, for the half-year summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bypass {
    pub service_id: i64,
    pub service_name: String,
    pub waiting_before: i64,
    pub reason: String,
    pub decided_by: String,
    pub decided_at: String,
}

/// Grants made ahead of the list with their reasons, decided within `range`.
pub fn bypasses(conn: &Connection, range: DateRange) -> Result<Vec<Bypass>> {
    let mut stmt = conn.prepare_cached(
        "SELECT b.service_id, s.name, b.waiting_before, b.reason, b.decided_by, b.decided_at
         FROM waitlist_bypass b JOIN service s ON s.id = b.service_id
         WHERE substr(b.decided_at, 1, 10) BETWEEN ?1 AND ?2 ORDER BY b.decided_at, b.id",
    )?;
    let rows = stmt.query_map(params![range.start.to_string(), range.end.to_string()], |r| {
        Ok(Bypass {
            service_id: r.get(0)?,
            service_name: r.get(1)?,
            waiting_before: r.get(2)?,
            reason: r.get(3)?,
            decided_by: r.get(4)?,
            decided_at: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Places freed for people waiting: a rationed service with something left in today's period
/// of one of its pools while someone waits for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Freed {
    pub service_id: i64,
    pub service_name: String,
    /// The most any of the service's pools has left in today's period.
    pub remaining: i64,
    pub waiting: usize,
    pub first: WaitlistEntry,
    /// The coordinators of everyone waiting, who are told too.
    pub coordinators: Vec<String>,
}

/// Services whose pools have units left today while people wait: who is first is offered them.
pub fn freed(conn: &Connection, today: NaiveDate) -> Result<Vec<Freed>> {
    let mut out = Vec::new();
    let all = all_waiting(conn)?;
    let mut from = 0;
    while from < all.len() {
        let service_id = all[from].service_id;
        let to = from + all[from..].iter().take_while(|e| e.service_id == service_id).count();
        let mut remaining: Option<i64> = None;
        for left in pools::left_per_pool(conn, service_id, DateRange { start: today, end: today })? {
            if let Some(p) = left.periods.first() {
                remaining = Some(remaining.map_or(p.remaining, |r| r.max(p.remaining)));
            }
        }
        if let Some(remaining) = remaining.filter(|&r| r > 0) {
            let service_name = conn.query_row("SELECT name FROM service WHERE id = ?1", [service_id], |r| r.get(0))?;
            let mut coordinators: Vec<String> =
                all[from..to].iter().filter_map(|e| e.coordinator_login.clone()).collect();
            coordinators.sort();
            coordinators.dedup();
            out.push(Freed {
                service_id,
                service_name,
                remaining,
                waiting: to - from,
                first: all[from].clone(),
                coordinators,
            });
        }
        from = to;
    }
    Ok(out)
}
