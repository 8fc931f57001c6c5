//! A version's way through approval (art. 41), updates, and the end of a plan by resignation
//! (art. 44) or completion.

use super::versions::{insert_draft_version, resident_of};
use super::{VersionView, check, detail, header, local_time, version};
use crate::domain::ipus::{self, Action, Finding, LineContent, Stage, VersionState};
use crate::domain::monitoring::ReturnComment;
use crate::domain::roles::{Permission, may_end_plan};
use crate::domain::text::check_note;
use crate::storage::audit::{self, AuditAction};
use crate::storage::staff::StaffMember;
use crate::storage::{Result, StorageError, Tx, centre, pools, refused, waitlist};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

/// Ending a plan or resigning from it is for the plan's own coordinator, an organiser or the director.
pub(super) fn require_may_end(me: &StaffMember, plan: &super::PlanHeader) -> Result<()> {
    me.require(Permission::EndPlan)?;
    if me.active && may_end_plan(&me.roles, plan.coordinator_login == me.login) {
        return Ok(());
    }
    Err(StorageError::Forbidden(crate::i18n::errors::not_the_plans_coordinator(
        crate::i18n::current(),
        &me.login,
        &plan.number,
        &plan.coordinator_login,
    )))
}

fn decide(tx: &Tx<'_>, me: &StaffMember, version_id: i64, decision: &str, comment: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO plan_decision (version_id, decision, decided_by, decided_at, comment) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![version_id, decision, me.login, tx.now_stamp(), comment],
    )?;
    Ok(())
}

fn set_state(tx: &Tx<'_>, me: &StaffMember, version_id: i64, to: VersionState) -> Result<()> {
    tx.execute(
        "UPDATE plan_version SET state = ?2, revision = revision + 1, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
        params![version_id, to.code(), tx.now_stamp(), me.login],
    )?;
    Ok(())
}

fn transition(stored: &VersionView, action: Action) -> Result<VersionState> {
    ipus::transition(stored.state, action)
        .map_err(|e| StorageError::Conflict(crate::i18n::errors::in_version(crate::i18n::current(), stored.version, e)))
}

/// Submits a draft for approval; the legal bounds are now errors. Returns the remaining warnings.
pub fn submit(tx: &Tx<'_>, me: &StaffMember, version_id: i64, today: NaiveDate) -> Result<Vec<Finding>> {
    me.require(Permission::DraftPlan)?;
    let stored = version(tx, version_id)?;
    let to = transition(&stored, Action::Submit)?;
    let warnings = check(tx, stored.plan_id, &stored.content, Stage::Submit, today)?;
    set_state(tx, me, version_id, to)?;
    decide(tx, me, version_id, "złożony", "")?;
    audit::append(
        tx,
        &me.login,
        AuditAction::Change,
        Some(resident_of(tx, stored.plan_id)?),
        &format!("plan_version:{version_id}"),
        "złożony",
    )?;
    Ok(warnings)
}

/// Approves a submitted version (art. 41). Run it in one write transaction: the pools are
/// checked against what is approved at this moment, and on any shortfall nothing changes.
/// `expected_revision` guards against approving something other than what the approver read.
///
/// Approval also refuses lines whose way of delivery art. 39 requires and the version lacks,
/// and units taken ahead of earlier applicants on a service's waiting list unless
/// `queue_reason` says why (it is kept in the audit log and for the half-year summary).
pub fn approve(
    tx: &Tx<'_>,
    me: &StaffMember,
    version_id: i64,
    expected_revision: Option<i64>,
    comment: &str,
    queue_reason: Option<&str>,
) -> Result<()> {
    me.require(Permission::ApprovePlan)?;
    let comment = check_note(comment, 2000).map_err(|p| p.on("komentarz"))?;
    let stored = version(tx, version_id)?;
    let to = transition(&stored, Action::Approve)?;
    if let Some(expected) = expected_revision
        && expected != stored.revision
    {
        return Err(StorageError::Conflict(crate::i18n::plan::changed_since_read(
            stored.version,
            &stored.updated_by,
            local_time(&stored.updated_at),
        )));
    }
    let four_eyes = centre::check_approver(tx, me, stored.plan_id, version_id)?;
    check_delivery(tx, &stored)?;
    let shortfalls = pools::shortfalls_of_version(tx, version_id)?;
    if !shortfalls.is_empty() {
        return Err(StorageError::NoRoom(crate::i18n::plan::no_room_in_pool(
            shortfalls.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "),
        )));
    }
    let previous: Vec<i64> = tx
        .prepare("SELECT id FROM plan_version WHERE plan_id = ?1 AND state = 'zatwierdzony' AND id != ?2")?
        .query_map(params![stored.plan_id, version_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for old in previous {
        let old_view = version(tx, old)?;
        set_state(tx, me, old, transition(&old_view, Action::Supersede)?)?;
    }
    let h = header(tx, stored.plan_id)?;
    let ahead = waitlist::ahead_of(tx, h.application_id, &services_taking_more(tx, &stored)?)?;
    set_state(tx, me, version_id, to)?;
    decide(tx, me, version_id, "zatwierdzony", &comment)?;
    centre::record_approval_rule(tx, version_id, four_eyes)?;
    waitlist::honour(tx, me, &ahead, h.application_id, waitlist::Bypassing::PlanVersion(version_id), queue_reason)?;
    if let Some(application_id) = h.application_id {
        let services: Vec<i64> = stored.content.lines.iter().map(|l| l.service_id).collect();
        waitlist::granted(tx, &me.login, application_id, &services)?;
        tx.execute("UPDATE application SET state = 'plan' WHERE id = ?1", [application_id])?;
    }
    audit::append(
        tx,
        &me.login,
        AuditAction::Approve,
        Some(h.resident_id),
        &format!("plan_version:{version_id}"),
        &format!("{} wersja {}", h.number, stored.version),
    )
}

/// Refuses a version whose lines lack what art. 39 requires of the way of delivery (a provider
/// where the service has pools per provider, a schedule, a place): pools may have changed
/// since it was submitted.
fn check_delivery(conn: &Connection, stored: &VersionView) -> Result<()> {
    let ctx = ipus::CheckContext { pool_providers: pools::pool_providers(conn)?, ..Default::default() };
    let problems: Vec<String> = stored
        .content
        .lines
        .iter()
        .enumerate()
        .flat_map(|(i, line)| {
            ipus::delivery_problems(line, &ctx)
                .into_iter()
                .map(move |p| format!("{}: {p}", ipus::FindingField::Line(i + 1)))
        })
        .collect();
    if problems.is_empty() {
        return Ok(());
    }
    Err(StorageError::Invalid(crate::i18n::errors::cannot_approve(crate::i18n::current(), problems.join("; "))))
}

/// The services of which a version grants more units than the plan's approved version it
/// replaces: only those take anything from people waiting.
fn services_taking_more(conn: &Connection, stored: &VersionView) -> Result<Vec<i64>> {
    let total = |lines: &[LineContent], service: i64| -> i64 {
        lines
            .iter()
            .filter(|l| l.service_id == service && l.resigned_on.is_none())
            .filter_map(LineContent::allocation)
            .map(|a| i64::from(a.units_within(a.span)))
            .sum()
    };
    let before: Vec<LineContent> = match approved_version_id(conn, stored.plan_id) {
        Ok(id) if id != stored.id => version(conn, id)?.content.lines,
        _ => Vec::new(),
    };
    let mut out: Vec<i64> = Vec::new();
    for line in &stored.content.lines {
        if !out.contains(&line.service_id)
            && total(&stored.content.lines, line.service_id) > total(&before, line.service_id)
        {
            out.push(line.service_id);
        }
    }
    Ok(out)
}

/// Returns a submitted version to the coordinator; the comment says what to correct.
pub fn return_version(tx: &Tx<'_>, me: &StaffMember, version_id: i64, comment: &str) -> Result<()> {
    me.require(Permission::ApprovePlan)?;
    let ReturnComment(comment) = ReturnComment::check(comment)?;
    let stored = version(tx, version_id)?;
    let to = transition(&stored, Action::Return)?;
    set_state(tx, me, version_id, to)?;
    decide(tx, me, version_id, "zwrócony", &comment)?;
    audit::append(
        tx,
        &me.login,
        AuditAction::Change,
        Some(resident_of(tx, stored.plan_id)?),
        &format!("plan_version:{version_id}"),
        "zwrócony",
    )
}

/// Starts an update (art. 41): a new draft version copied from the approved one, without the
/// services the resident resigned from. The approved version stays in force until the new one
/// is approved.
pub fn start_update(tx: &Tx<'_>, me: &StaffMember, plan_id: i64, today: NaiveDate) -> Result<i64> {
    me.require(Permission::DraftPlan)?;
    let d = detail(tx, plan_id)?;
    let states: Vec<(u32, VersionState)> = d.versions.iter().map(|v| (v.version, v.state)).collect();
    ipus::check_update(&states, d.header.ended_on.is_some()).map_err(|e| StorageError::Conflict(e.to_string()))?;
    let Some(approved) = d.approved() else {
        return Err(StorageError::Conflict(ipus::UpdateProblem::NothingApproved.to_string()));
    };
    let mut content = approved.content.clone();
    content.lines.retain(|l| l.resigned_on.is_none());
    let next = d.versions.iter().map(|v| v.version).max().unwrap_or(0) + 1;
    let now = tx.now_stamp();
    let version_id = insert_draft_version(tx, plan_id, next, &content, today, &now, &me.login)?;
    audit::append(
        tx,
        &me.login,
        AuditAction::Create,
        Some(d.header.resident_id),
        &format!("plan_version:{version_id}"),
        &format!("{} aktualizacja, wersja {next}", d.header.number),
    )?;
    Ok(version_id)
}

fn approved_version_id(conn: &Connection, plan_id: i64) -> Result<i64> {
    conn.query_row("SELECT id FROM plan_version WHERE plan_id = ?1 AND state = 'zatwierdzony'", [plan_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StorageError::Conflict(crate::i18n::errors::no_approved_version(crate::i18n::current()).into()))
}

/// Resignation from one service of the approved plan (art. 44): from `on` the line grants
/// nothing more and its units return to the pool.
pub fn resign_line(
    tx: &Tx<'_>,
    me: &StaffMember,
    plan_id: i64,
    position: usize,
    on: NaiveDate,
    director_informed_on: NaiveDate,
) -> Result<()> {
    require_may_end(me, &header(tx, plan_id)?)?;
    let version_id = approved_version_id(tx, plan_id)?;
    let v = version(tx, version_id)?;
    let index = position
        .checked_sub(1)
        .filter(|i| *i < v.lines.len())
        .ok_or_else(|| refused("pozycja", format!("plan ma pozycje 1–{}, nie ma pozycji {position}", v.lines.len())))?;
    let line = &v.content.lines[index];
    if let Some(earlier) = line.resigned_on {
        return Err(StorageError::Conflict(crate::i18n::errors::line_already_resigned(
            crate::i18n::current(),
            position,
            earlier,
        )));
    }
    // Before the start is allowed: the person changed their mind and the line grants nothing.
    if on > line.ends_on {
        return Err(refused(
            "data rezygnacji",
            format!("{on} jest po końcu usługi ({} – {})", line.starts_on, line.ends_on),
        ));
    }
    if director_informed_on < on {
        return Err(refused(
            "data poinformowania dyrektora",
            format!("{director_informed_on} jest przed rezygnacją ({on})"),
        ));
    }
    tx.execute(
        "UPDATE plan_line SET resigned_on = ?2, director_informed_on = ?3 WHERE id = ?1",
        params![v.lines[index].id, on.to_string(), director_informed_on.to_string()],
    )?;
    audit::append(
        tx,
        &me.login,
        AuditAction::Change,
        Some(resident_of(tx, plan_id)?),
        &format!("plan_line:{}", v.lines[index].id),
        &format!("rezygnacja od {on}, dyrektor poinformowany {director_informed_on}"),
    )
}

/// How a plan ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndReason {
    Completed,
    Resignation,
}

impl EndReason {
    pub fn code(self) -> &'static str {
        match self {
            EndReason::Completed => "zakończony",
            EndReason::Resignation => "rezygnacja",
        }
    }
}

/// Ends a plan on `on`: by resignation from the whole plan (art. 44, the director must have been
/// informed), or as completed. From that day its lines grant nothing more.
pub fn end_plan(
    tx: &Tx<'_>,
    me: &StaffMember,
    plan_id: i64,
    on: NaiveDate,
    reason: EndReason,
    director_informed_on: Option<NaiveDate>,
) -> Result<()> {
    let h = header(tx, plan_id)?;
    require_may_end(me, &h)?;
    if let Some(ended) = h.ended_on {
        return Err(StorageError::Conflict(crate::i18n::errors::plan_already_ended(
            crate::i18n::current(),
            &h.number,
            ended,
        )));
    }
    approved_version_id(tx, plan_id)?;
    if reason == EndReason::Resignation && director_informed_on.is_none() {
        return Err(refused(
            "data poinformowania dyrektora",
            "rezygnacja z planu wymaga poinformowania dyrektora (art. 44)".into(),
        ));
    }
    if let Some(informed) = director_informed_on
        && informed < on
    {
        return Err(refused("data poinformowania dyrektora", format!("{informed} jest przed końcem planu ({on})")));
    }
    tx.execute(
        "UPDATE plan SET ended_on = ?2, end_reason = ?3, director_informed_on = ?4 WHERE id = ?1",
        params![plan_id, on.to_string(), reason.code(), director_informed_on.map(|d| d.to_string())],
    )?;
    audit::append(
        tx,
        &me.login,
        AuditAction::Change,
        Some(h.resident_id),
        &format!("plan:{plan_id}"),
        &format!("koniec {on}: {}", reason.code()),
    )
}

/// The version a command acts on when given a plan: the one in `state`.
pub fn version_in_state(conn: &Connection, plan_id: i64, wanted: &[VersionState]) -> Result<i64> {
    let d = detail(conn, plan_id)?;
    d.versions.iter().rev().find(|v| wanted.contains(&v.state)).map(|v| v.id).ok_or_else(|| {
        StorageError::Conflict(format!(
            "plan {} nie ma wersji w stanie {} (wersje: {})",
            d.header.number,
            wanted.iter().map(|s| s.code()).collect::<Vec<_>>().join(" ani "),
            d.versions.iter().map(|v| format!("{} {}", v.version, v.state.code())).collect::<Vec<_>>().join(", ")
        ))
    })
}
