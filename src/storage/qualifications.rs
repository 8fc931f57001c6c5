//! Qualification for one service without an IPUS (art. 42) and its refusal by decision.
//!
//! A qualification draws on the pools exactly like an approved plan line: [`pools`] reads both,
//! so the base, the card and the reports count it. It is granted in one transaction with the
//! pool and waiting-list checks, so two desks cannot both take the last units.

use super::audit::{self, AuditAction};
use super::plans::EndReason;
use super::pools::{self, GrantedLine};
use super::staff::StaffMember;
use super::waitlist::{self, Bypassing};
use super::{Result, StorageError, Tx};
use crate::domain::period::DateRange;
use crate::domain::plan::{Amount, Per};
use crate::domain::qualification::{self, QualificationDraft, Refusal};
use crate::domain::quota;
use crate::domain::roles::Permission;
use crate::domain::text::FieldProblem;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

/// A recorded qualification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QualificationRecord {
    pub id: i64,
    pub application_id: i64,
    pub resident_id: i64,
    pub resident_name: String,
    pub service_id: i64,
    pub service_code: String,
    pub service_name: String,
    pub unit: String,
    pub provider_id: Option<i64>,
    pub provider_name: Option<String>,
    pub amount: Amount,
    pub span: DateRange,
    pub fee_note: String,
    pub declaration_on: NaiveDate,
    pub decided_by: String,
    pub decided_at: String,
    /// From which day it grants nothing more, and why.
    pub ended_on: Option<NaiveDate>,
    pub end_reason: Option<String>,
}

/// What to grant: the application, the service and its provider, and the checked-in draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub application_id: i64,
    pub service_id: i64,
    pub provider_id: Option<i64>,
    pub draft: QualificationDraft,
    /// Why the grant goes ahead of people waiting for the service, if any wait.
    pub queue_reason: Option<String>,
}

const SELECT: &str = "SELECT q.id, q.application_id, a.resident_id, r.first_name || ' ' || r.last_name,
        q.service_id, s.code, s.name, s.unit, q.provider_id, pr.name, q.amount, q.per, q.starts_on, q.ends_on,
        q.fee_note, q.declaration_on, q.decided_by, q.decided_at, q.ended_on, q.end_reason
    FROM qualification q
    JOIN application a ON a.id = q.application_id
    JOIN resident r ON r.id = a.resident_id
    JOIN service s ON s.id = q.service_id
    LEFT JOIN provider pr ON pr.id = q.provider_id";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<QualificationRecord> {
    let day = |i: usize| -> rusqlite::Result<NaiveDate> { pools::date(r.get_ref(i)?.as_str()?) };
    let ended: Option<String> = r.get(18)?;
    Ok(QualificationRecord {
        id: r.get(0)?,
        application_id: r.get(1)?,
        resident_id: r.get(2)?,
        resident_name: r.get(3)?,
        service_id: r.get(4)?,
        service_code: r.get(5)?,
        service_name: r.get(6)?,
        unit: r.get(7)?,
        provider_id: r.get(8)?,
        provider_name: r.get(9)?,
        amount: Amount { units: r.get(10)?, per: Per::from_code(r.get_ref(11)?.as_str()?).unwrap_or(Per::Plan) },
        span: DateRange { start: day(12)?, end: day(13)? },
        fee_note: r.get(14)?,
        declaration_on: day(15)?,
        decided_by: r.get(16)?,
        decided_at: r.get(17)?,
        ended_on: ended.as_deref().map(pools::date).transpose()?,
        end_reason: r.get(19)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<QualificationRecord> {
    conn.prepare_cached(&format!("{SELECT} WHERE q.id = ?1"))?.query_row([id], row).optional()?.ok_or_else(|| {
        StorageError::NotFound(crate::i18n::errors::missing_qualification_no(crate::i18n::current(), id))
    })
}

/// A resident's qualifications, newest first, for the card.
pub fn of_resident(conn: &Connection, resident_id: i64) -> Result<Vec<QualificationRecord>> {
    let mut stmt =
        conn.prepare_cached(&format!("{SELECT} WHERE a.resident_id = ?1 ORDER BY q.starts_on DESC, q.id"))?;
    Ok(stmt.query_map([resident_id], row)?.collect::<rusqlite::Result<_>>()?)
}

pub fn of_application(conn: &Connection, application_id: i64) -> Result<Vec<QualificationRecord>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE q.application_id = ?1 ORDER BY q.id"))?;
    Ok(stmt.query_map([application_id], row)?.collect::<rusqlite::Result<_>>()?)
}

fn open_application(conn: &Connection, application_id: i64) -> Result<(i64, NaiveDate)> {
    let (resident, filed, state): (i64, String, String) = conn
        .query_row("SELECT resident_id, filed_on, state FROM application WHERE id = ?1", [application_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?
        .ok_or_else(|| {
            StorageError::NotFound(crate::i18n::errors::missing_application_no(crate::i18n::current(), application_id))
        })?;
    if matches!(state.as_str(), "przekazany" | "odmowa" | "informacja") {
        return Err(StorageError::Conflict(crate::i18n::errors::application_closed(
            crate::i18n::current(),
            application_id,
            state,
        )));
    }
    Ok((resident, pools::date(&filed)?))
}

/// Qualifies the applicant for one service (art. 42): checks the declaration, amount and span,
/// the provider against the service's pools, what the pools have left in every period, and the
/// waiting list; writes the grant only when all hold. Run it in one write transaction.
pub fn qualify(tx: &Tx<'_>, me: &StaffMember, grant: &Grant, today: NaiveDate) -> Result<i64> {
    me.require(Permission::Qualify)?;
    let (resident_id, filed_on) = open_application(tx, grant.application_id)?;
    let (suspended, service_name): (bool, String) = tx
        .query_row("SELECT suspended, name FROM service WHERE id = ?1", [grant.service_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?
        .ok_or_else(|| {
            StorageError::NotFound(crate::i18n::errors::missing_service_no(crate::i18n::current(), grant.service_id))
        })?;
    if suspended {
        return Err(StorageError::Conflict(crate::i18n::errors::service_suspended(
            crate::i18n::current(),
            service_name,
        )));
    }
    if let Some(p) = grant.provider_id {
        let known: bool = tx.query_row("SELECT count(*) > 0 FROM provider WHERE id = ?1", [p], |r| r.get(0))?;
        if !known {
            return Err(StorageError::NotFound(crate::i18n::errors::missing_provider_no(crate::i18n::current(), p)));
        }
    }
    let checked = qualification::check(&grant.draft, today)?;
    if checked.declaration_on < filed_on {
        return Err(FieldProblem::Mismatch(crate::i18n::errors::declaration_before_filing(
            crate::i18n::current(),
            filed_on,
        ))
        .on("oświadczenie")
        .into());
    }
    let providers = pools::pool_providers(tx)?;
    let service_pools = providers.get(&grant.service_id).map_or(&[][..], Vec::as_slice);
    quota::check_provider(service_pools, grant.provider_id)
        .map_err(|p| FieldProblem::Mismatch(p.to_string()).on("realizator"))?;
    let line = GrantedLine {
        line_id: 0,
        version_id: 0,
        position: 1,
        qualification_id: None,
        service_id: grant.service_id,
        provider_id: grant.provider_id,
        resident_id,
        allocation: checked.allocation.clone(),
    };
    let short = pools::shortfalls(tx, std::slice::from_ref(&line), None)?;
    if let Some(s) = short.first() {
        return Err(StorageError::NoRoom(crate::i18n::errors::no_room_for_grant(
            crate::i18n::current(),
            &s.period_label,
            s.limit,
            s.granted_elsewhere,
            quota::remaining(s.limit, s.granted_elsewhere),
            s.needed,
        )));
    }
    let ahead = waitlist::ahead_of(tx, Some(grant.application_id), &[grant.service_id])?;
    let span = checked.allocation.span;
    tx.execute(
        "INSERT INTO qualification (application_id, service_id, provider_id, amount, per, starts_on, ends_on,
             fee_note, declaration_on, decided_by, decided_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            grant.application_id,
            grant.service_id,
            grant.provider_id,
            checked.allocation.amount.units,
            checked.allocation.amount.per.code(),
            span.start.to_string(),
            span.end.to_string(),
            checked.fee_note,
            checked.declaration_on.to_string(),
            me.login,
            tx.now_stamp(),
        ],
    )?;
    let id = tx.last_insert_rowid();
    waitlist::honour(
        tx,
        me,
        &ahead,
        Some(grant.application_id),
        Bypassing::Qualification(id),
        grant.queue_reason.as_deref(),
    )?;
    waitlist::granted(tx, &me.login, grant.application_id, &[grant.service_id])?;
    audit::append(
        tx,
        &me.login,
        AuditAction::Approve,
        Some(resident_id),
        &format!("qualification:{id}"),
        &format!(
            "wniosek {}, {service_name}, {} / {}, {} – {}",
            grant.application_id,
            checked.allocation.amount.units,
            checked.allocation.amount.per.code(),
            span.start,
            span.end
        ),
    )?;
    Ok(id)
}

/// Ends a qualification on `on` (completed, or the resident resigned): from that day it grants
/// nothing more and its units return to the pool.
pub fn end(tx: &Tx<'_>, me: &StaffMember, id: i64, on: NaiveDate, reason: EndReason) -> Result<()> {
    if !me.can(Permission::DraftPlan) {
        me.require(Permission::Qualify)?;
    }
    let q = get(tx, id)?;
    if let Some(ended) = q.ended_on {
        return Err(StorageError::Conflict(crate::i18n::errors::qualification_already_ended(
            crate::i18n::current(),
            id,
            ended,
        )));
    }
    if on < q.span.start || on > q.span.end {
        return Err(FieldProblem::Mismatch(crate::i18n::errors::within_service_period(
            crate::i18n::current(),
            q.span.start,
            q.span.end,
        ))
        .on("od dnia")
        .into());
    }
    tx.execute(
        "UPDATE qualification SET ended_on = ?2, end_reason = ?3 WHERE id = ?1",
        params![id, on.to_string(), reason.code()],
    )?;
    audit::append(
        tx,
        &me.login,
        AuditAction::Change,
        Some(q.resident_id),
        &format!("qualification:{id}"),
        &format!("{} od {on}", reason.code()),
    )
}

/// A recorded refusal to qualify.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RefusalRecord {
    pub id: i64,
    pub application_id: i64,
    pub service_id: i64,
    pub service_name: String,
    pub decision_number: String,
    pub decided_on: NaiveDate,
    pub grounds: String,
    pub appeal_until: NaiveDate,
}

/// Refuses qualification for a service by an administrative decision (art. 42). An application
/// with nothing granted is closed as refused, with the decision's number and date.
pub fn refuse(
    tx: &Tx<'_>,
    me: &StaffMember,
    application_id: i64,
    service_id: i64,
    refusal: &Refusal,
    today: NaiveDate,
) -> Result<i64> {
    // The coordinator who assessed the needs records the decision too, as before qualifications.
    if !me.can(Permission::AssessNeeds) {
        me.require(Permission::Qualify)?;
    }
    let (resident_id, filed_on) = open_application(tx, application_id)?;
    let known: bool = tx.query_row("SELECT count(*) > 0 FROM service WHERE id = ?1", [service_id], |r| r.get(0))?;
    if !known {
        return Err(StorageError::NotFound(crate::i18n::errors::missing_service_no(
            crate::i18n::current(),
            service_id,
        )));
    }
    let r = qualification::check_refusal(refusal, today)?;
    if r.decided_on < filed_on {
        return Err(FieldProblem::Mismatch(crate::i18n::errors::before_filing(crate::i18n::current(), filed_on))
            .on("data decyzji")
            .into());
    }
    tx.execute(
        "INSERT INTO qualification_refusal (application_id, service_id, decision_number, decided_on, grounds,
             recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            application_id,
            service_id,
            r.decision_number,
            r.decided_on.to_string(),
            r.grounds,
            me.login,
            tx.now_stamp()
        ],
    )?;
    let id = tx.last_insert_rowid();
    let granted: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM qualification WHERE application_id = ?1)
             OR EXISTS (SELECT 1 FROM plan WHERE application_id = ?1)",
        [application_id],
        |r| r.get(0),
    )?;
    if !granted {
        tx.execute(
            "UPDATE application SET state = 'odmowa', decision_number = ?2, decision_date = ?3 WHERE id = ?1",
            params![application_id, r.decision_number, r.decided_on.to_string()],
        )?;
    }
    audit::append(
        tx,
        &me.login,
        AuditAction::Change,
        Some(resident_id),
        &format!("qualification_refusal:{id}"),
        &format!(
            "wniosek {application_id}, usługa {service_id}, decyzja {} z {}, odwołanie do {}",
            r.decision_number,
            r.decided_on,
            qualification::appeal_deadline(r.decided_on)
        ),
    )?;
    Ok(id)
}

const REFUSAL_COLUMNS: &str = "SELECT f.id, f.application_id, f.service_id, s.name, f.decision_number, f.decided_on,
         f.grounds
     FROM qualification_refusal f JOIN service s ON s.id = f.service_id";

fn refusal_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RefusalRecord> {
    let decided_on = pools::date(r.get_ref(5)?.as_str()?)?;
    Ok(RefusalRecord {
        id: r.get(0)?,
        application_id: r.get(1)?,
        service_id: r.get(2)?,
        service_name: r.get(3)?,
        decision_number: r.get(4)?,
        decided_on,
        grounds: r.get(6)?,
        appeal_until: qualification::appeal_deadline(decided_on),
    })
}

/// The refusals recorded on an application.
pub fn refusals(conn: &Connection, application_id: i64) -> Result<Vec<RefusalRecord>> {
    let mut stmt =
        conn.prepare_cached(&format!("{REFUSAL_COLUMNS} WHERE f.application_id = ?1 ORDER BY f.decided_on, f.id"))?;
    let rows = stmt.query_map([application_id], refusal_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One recorded refusal, by its number.
pub fn refusal(conn: &Connection, id: i64) -> Result<RefusalRecord> {
    conn.query_row(&format!("{REFUSAL_COLUMNS} WHERE f.id = ?1"), [id], refusal_row)
        .optional()?
        .ok_or_else(|| StorageError::NotFound(crate::i18n::errors::missing_refusal(crate::i18n::current(), id)))
}
