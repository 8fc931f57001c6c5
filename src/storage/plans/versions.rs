//! Drafting: the checks, a new plan, saving a draft without losing anyone's work, holding a plan
//! while it is edited, and what a draft would do to the pools.

use super::{header, local_time, opt_date, version};
use crate::domain::ipus::{self, Action, CheckContext, Finding, LineContent, PlanContent, Stage};
use crate::domain::roles::Permission;
use crate::storage::audit::{self, AuditAction};
use crate::storage::staff::StaffMember;
use crate::storage::{Db, Result, StorageError, Tx, pools};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

/// The checks' context for a plan: its application's filing date, the suspended services and
/// the providers of each service's pools, and
/// the services limited to gminas the resident does not live in.
pub fn check_context(conn: &Connection, plan_id: i64, today: NaiveDate) -> Result<CheckContext> {
    let filed_on: Option<String> = conn
        .query_row(
            "SELECT a.filed_on FROM plan p JOIN application a ON a.id = p.application_id WHERE p.id = ?1",
            [plan_id],
            |r| r.get(0),
        )
        .optional()?;
    let suspended = conn
        .prepare_cached("SELECT id FROM service WHERE suspended = 1")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let resident: i64 = conn.query_row("SELECT resident_id FROM plan WHERE id = ?1", [plan_id], |r| r.get(0))?;
    Ok(CheckContext {
        filed_on: opt_date(filed_on)?,
        today: Some(today),
        suspended_services: suspended,
        pool_providers: pools::pool_providers(conn)?,
        closed_services: crate::storage::places::closed_to(conn, resident)?,
    })
}

/// Checks content for `stage`; errors become one message listing them all, warnings are returned.
pub fn check(
    conn: &Connection,
    plan_id: i64,
    content: &PlanContent,
    stage: Stage,
    today: NaiveDate,
) -> Result<Vec<Finding>> {
    let findings = ipus::check_content(content, &check_context(conn, plan_id, today)?, stage);
    if ipus::has_errors(&findings) {
        let errors: Vec<String> = findings
            .iter()
            .filter(|f| f.severity == ipus::Severity::Error)
            .map(|f| format!("{}: {}", f.field, f.message))
            .collect();
        return Err(StorageError::Invalid(errors.join("; ")));
    }
    Ok(findings)
}

fn write_content(tx: &Tx<'_>, version_id: i64, content: &PlanContent) -> Result<()> {
    tx.execute(
        "UPDATE plan_version SET period_start = ?2, period_end = ?3, needs = ?4, expected_effects = ?5, quality_check = ?6
         WHERE id = ?1",
        params![
            version_id,
            content.period_start.to_string(),
            content.period_end.to_string(),
            content.needs.trim(),
            content.expected_effects.trim(),
            content.quality_check.trim(),
        ],
    )?;
    tx.execute("DELETE FROM plan_line WHERE version_id = ?1", [version_id])?;
    tx.execute("DELETE FROM supporting_action WHERE version_id = ?1", [version_id])?;
    for (i, l) in content.lines.iter().enumerate() {
        let known: bool =
            tx.query_row("SELECT count(*) > 0 FROM service WHERE id = ?1", [l.service_id], |r| r.get(0))?;
        if !known {
            return Err(StorageError::Invalid(crate::i18n::errors::line_service_missing(
                crate::i18n::current(),
                i + 1,
                l.service_id,
            )));
        }
        tx.execute(
            "INSERT INTO plan_line (version_id, position, service_id, provider_id, amount, per, cap_amount, cap_per,
                 starts_on, ends_on, schedule, place_form, scope, resigned_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            params![
                version_id,
                i as i64 + 1,
                l.service_id,
                l.provider_id,
                l.amount.units,
                l.amount.per.code(),
                l.cap.map(|c| c.units),
                l.cap.map(|c| c.per.code()),
                l.starts_on.to_string(),
                l.ends_on.to_string(),
                l.schedule.trim(),
                l.place_form.trim(),
                l.scope.trim(),
                l.resigned_on.map(|d| d.to_string()),
            ],
        )?;
    }
    for (i, a) in content.actions.iter().enumerate() {
        tx.execute(
            "INSERT INTO supporting_action (version_id, position, what, who) VALUES (?1, ?2, ?3, ?4)",
            params![version_id, i as i64 + 1, a.what.trim(), a.who.trim()],
        )?;
    }
    Ok(())
}

pub(super) fn resident_of(conn: &Connection, plan_id: i64) -> Result<i64> {
    Ok(conn.query_row("SELECT resident_id FROM plan WHERE id = ?1", [plan_id], |r| r.get(0))?)
}

/// Starts a plan for an application: number `IPUS/<year>/<seq>`, version 1 as a draft.
pub fn create_draft(
    tx: &Tx<'_>,
    me: &StaffMember,
    application_id: i64,
    content: &PlanContent,
    today: NaiveDate,
) -> Result<(i64, i64)> {
    me.require(Permission::DraftPlan)?;
    let app = crate::storage::applications::get(tx, application_id)?;
    if matches!(app.state.as_str(), "przekazany" | "odmowa" | "informacja") {
        return Err(StorageError::Conflict(format!(
            "wniosek nr {application_id} jest zamknięty (stan: {}); plan można sporządzić tylko do otwartego wniosku",
            app.state
        )));
    }
    let existing: Option<String> = tx
        .query_row("SELECT number FROM plan WHERE application_id = ?1 LIMIT 1", [application_id], |r| r.get(0))
        .optional()?;
    if let Some(number) = existing {
        return Err(StorageError::Conflict(crate::i18n::errors::application_has_plan(
            crate::i18n::current(),
            application_id,
            number,
        )));
    }
    let context = CheckContext {
        filed_on: Some(app.filed_on),
        today: Some(today),
        pool_providers: pools::pool_providers(tx)?,
        ..Default::default()
    };
    let findings = ipus::check_content(content, &context, Stage::Draft);
    if ipus::has_errors(&findings) {
        let errors: Vec<String> =
            findings.iter().filter(|f| f.severity == ipus::Severity::Error).map(|f| f.to_string()).collect();
        return Err(StorageError::Invalid(errors.join("; ")));
    }
    let year = chrono::Datelike::year(&today);
    let numbers: Vec<String> = tx
        .prepare("SELECT number FROM plan WHERE number LIKE ?1")?
        .query_map([format!("{}/{year}/%", ipus::NUMBER_PREFIX)], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let number = ipus::next_number(year, numbers.iter().map(String::as_str));
    let now = tx.now_stamp();
    tx.execute(
        "INSERT INTO plan (number, resident_id, application_id, coordinator_login, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![number, app.resident_id, application_id, me.login, now],
    )?;
    let plan_id = tx.last_insert_rowid();
    let version_id = insert_draft_version(tx, plan_id, 1, content, today, &now, &me.login)?;
    tx.execute("UPDATE application SET state = 'plan' WHERE id = ?1 AND state != 'oczekuje'", [application_id])?;
    audit::append(tx, &me.login, AuditAction::Create, Some(app.resident_id), &format!("plan:{plan_id}"), &number)?;
    Ok((plan_id, version_id))
}

/// A save that did not happen, with the content the person typed so that nothing is lost.
#[derive(Debug)]
pub struct Unsaved {
    pub error: StorageError,
    pub content: Box<PlanContent>,
}

impl std::fmt::Display for Unsaved {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.error.fmt(f)
    }
}

impl std::error::Error for Unsaved {}

/// What a successful save reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub revision: i64,
    pub warnings: Vec<Finding>,
    /// The moment stamped on the version, as stored.
    pub at: String,
}

/// Saves a draft if nobody saved it since `expected_revision` was read. A stale save is refused
/// with who changed it and when, and the caller gets its content back to merge by hand.
pub fn save_draft(
    db: &mut Db,
    me: &StaffMember,
    version_id: i64,
    expected_revision: i64,
    content: PlanContent,
    today: NaiveDate,
) -> std::result::Result<Saved, Unsaved> {
    let result = db.write(|tx| save(tx, me, version_id, expected_revision, &content, today));
    result.map_err(|error| Unsaved { error, content: Box::new(content) })
}

/// [`save_draft`] inside a write already under way: the caller keeps the content on failure.
pub fn save(
    tx: &Tx<'_>,
    me: &StaffMember,
    version_id: i64,
    expected_revision: i64,
    content: &PlanContent,
    today: NaiveDate,
) -> Result<Saved> {
    me.require(Permission::DraftPlan)?;
    let stored = version(tx, version_id)?;
    if stored.revision != expected_revision {
        return Err(StorageError::Conflict(format!(
            "plan zmieniony przez {} o {}; tej zmiany nie zapisano",
            stored.updated_by,
            local_time(&stored.updated_at)
        )));
    }
    let next = ipus::transition(stored.state, Action::Edit).map_err(|e| StorageError::Conflict(e.to_string()))?;
    let warnings = check(tx, stored.plan_id, content, Stage::Draft, today)?;
    write_content(tx, version_id, content)?;
    let now = tx.now_stamp();
    tx.execute(
        "UPDATE plan_version SET state = ?2, revision = revision + 1, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
        params![version_id, next.code(), now, me.login],
    )?;
    // Saving keeps the hold fresh, so an active editor never looks stale to others.
    tx.execute("UPDATE plan SET held_at = ?2 WHERE id = ?1 AND held_by = ?3", params![stored.plan_id, now, me.login])?;
    audit::append(
        tx,
        &me.login,
        AuditAction::Change,
        Some(resident_of(tx, stored.plan_id)?),
        &format!("plan_version:{version_id}"),
        &format!("rev {}", expected_revision + 1),
    )?;
    Ok(Saved { revision: expected_revision + 1, warnings, at: now })
}

/// Someone else editing a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub login: String,
    pub since: String,
}

impl std::fmt::Display for Holder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "edytuje: {} od {}", self.login, local_time(&self.since))
    }
}

/// Opens a plan for editing: records `me` as holding it, unless someone else holds it and has
/// saved within the last minutes; then returns who, and the plan stays theirs.
pub fn hold(tx: &Tx<'_>, me: &StaffMember, plan_id: i64) -> Result<Option<Holder>> {
    me.require(Permission::DraftPlan)?;
    let h = header(tx, plan_id)?;
    if let (Some(login), Some(at)) = (&h.held_by, &h.held_at)
        && *login != me.login
        && let Ok(since) = chrono::DateTime::parse_from_rfc3339(at)
        && ipus::hold_is_live(since.to_utc(), tx.now())
    {
        return Ok(Some(Holder { login: login.clone(), since: at.clone() }));
    }
    tx.execute("UPDATE plan SET held_by = ?2, held_at = ?3 WHERE id = ?1", params![plan_id, me.login, tx.now_stamp()])?;
    Ok(None)
}

/// Lets go of a plan held by `me`.
pub fn release(tx: &Tx<'_>, me: &StaffMember, plan_id: i64) -> Result<()> {
    tx.execute(
        "UPDATE plan SET held_by = NULL, held_at = NULL WHERE id = ?1 AND held_by = ?2",
        params![plan_id, me.login],
    )?;
    Ok(())
}

/// What one line of a draft does to the tightest pool period it draws from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineEffect {
    /// 1-based, as on the printed plan.
    pub position: usize,
    pub period_label: String,
    /// Remaining before this line: the limit less other approved plans and the draft's earlier lines.
    pub remaining_before: i64,
    pub needed: i64,
    pub remaining_after: i64,
}

impl LineEffect {
    pub fn fits(&self) -> bool {
        self.remaining_after >= 0
    }
}

/// Each line's effect on its pools as the editor shows it: for every line the period where the
/// least would remain, or `None` when the service has no pool (it is not rationed). Other
/// approved versions of this plan are left out, since this content would replace them.
pub fn pool_effects(conn: &Connection, plan_id: i64, content: &PlanContent) -> Result<Vec<Option<LineEffect>>> {
    let granted_lines: Vec<Option<pools::GrantedLine>> = content
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let end = l.resigned_on.and_then(|r| r.pred_opt()).map_or(l.ends_on, |r| r.min(l.ends_on));
            let allocation = LineContent { ends_on: end, ..l.clone() }.allocation()?;
            Some(pools::GrantedLine {
                line_id: 0,
                version_id: 0,
                position: i as i64 + 1,
                qualification_id: None,
                service_id: l.service_id,
                provider_id: l.provider_id,
                resident_id: 0,
                allocation,
            })
        })
        .collect();
    let mut out = Vec::with_capacity(content.lines.len());
    for (i, line) in granted_lines.iter().enumerate() {
        let Some(line) = line else {
            out.push(None);
            continue;
        };
        let mut tightest: Option<LineEffect> = None;
        for pool in pools::pools_of_service(conn, line.service_id)? {
            if !pools::draws_from(line, &pool) {
                continue;
            }
            let Some(range) = line.allocation.span.intersect(&pool.valid) else { continue };
            for period in pool.period_kind.periods_touching(range) {
                let needed = i64::from(line.allocation.units_within(period));
                if needed == 0 {
                    continue;
                }
                let earlier: i64 = granted_lines[..i]
                    .iter()
                    .flatten()
                    .filter(|l| pools::draws_from(l, &pool))
                    .map(|l| i64::from(l.allocation.units_within(period)))
                    .sum();
                let limit = pools::limit_for(conn, &pool, period)?;
                let before =
                    crate::domain::quota::remaining(limit, pools::granted(conn, &pool, period, Some(plan_id))?)
                        - earlier;
                let effect = LineEffect {
                    position: i + 1,
                    period_label: pool.period_kind.label(period),
                    remaining_before: before,
                    needed,
                    remaining_after: before - needed,
                };
                if tightest.as_ref().is_none_or(|t| effect.remaining_after < t.remaining_after) {
                    tightest = Some(effect);
                }
            }
        }
        out.push(tightest);
    }
    Ok(out)
}

/// A new draft version of a plan with its lines and supporting actions.
pub(super) fn insert_draft_version(
    tx: &Tx<'_>,
    plan_id: i64,
    version: u32,
    content: &PlanContent,
    today: NaiveDate,
    now: &str,
    login: &str,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO plan_version (plan_id, version, state, period_start, period_end, drafted_on, updated_at, updated_by)
         VALUES (?1, ?2, 'szkic', ?3, ?4, ?5, ?6, ?7)",
        params![
            plan_id,
            version,
            content.period_start.to_string(),
            content.period_end.to_string(),
            today.to_string(),
            now,
            login
        ],
    )?;
    let version_id = tx.last_insert_rowid();
    write_content(tx, version_id, content)?;
    Ok(version_id)
}
