//! Individual plans (IPUS): numbering, versions and their content, saving drafts without losing
//! anyone's work, submission, approval against the pools, updates, resignation, completion,
//! follow-up and monitoring. The rules come from [`crate::domain::ipus`]; this module keeps the
//! rows and runs each change in the caller's write transaction.

use super::audit::{self, AuditAction};
use super::staff::StaffMember;
use super::{Db, Result, StorageError, now_stamp, pools, waitlist};
use crate::domain::ipus::{
    self, Action, ActionContent, CheckContext, Finding, LineContent, PlanContent, Stage, VersionState,
};
use crate::domain::plan::{Amount, Per};
use crate::domain::roles::Permission;
use crate::domain::text::{check_note, check_text};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

fn date(s: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

fn opt_date(s: Option<String>) -> rusqlite::Result<Option<NaiveDate>> {
    s.map(|s| date(&s)).transpose()
}

fn state(code: &str) -> rusqlite::Result<VersionState> {
    VersionState::from_code(code).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("nieznany stan wersji planu: {code}").into(),
        )
    })
}

/// `HH:MM` in local time of a stored UTC stamp, for messages about who did what when.
pub fn local_time(stamp: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(stamp)
        .map(|t| t.with_timezone(&chrono::Local).format("%H:%M").to_string())
        .unwrap_or_else(|_| stamp.to_string())
}

/// The plan row: who it is for, who coordinates it, and how it ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanHeader {
    pub id: i64,
    pub number: String,
    pub resident_id: i64,
    pub resident_name: String,
    pub application_id: Option<i64>,
    pub coordinator_login: String,
    pub coordinator_name: String,
    pub coordinator_phone: String,
    pub created_at: String,
    pub held_by: Option<String>,
    pub held_at: Option<String>,
    pub ended_on: Option<NaiveDate>,
    pub end_reason: Option<String>,
    pub director_informed_on: Option<NaiveDate>,
    pub summary_on: Option<NaiveDate>,
    pub summary_course: String,
    pub summary_results: String,
    pub follow_up_on: Option<NaiveDate>,
    pub follow_up_note: String,
}

impl PlanHeader {
    /// When the follow-up conversation is due: 6 months after the end (Dębica, section G).
    pub fn follow_up_due(&self) -> Option<NaiveDate> {
        self.ended_on.map(crate::domain::plan::follow_up_due)
    }
}

/// One line as stored: its id and the date the director learnt of a resignation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineMeta {
    pub id: i64,
    pub director_informed_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VersionView {
    pub id: i64,
    pub plan_id: i64,
    pub version: u32,
    pub state: VersionState,
    pub revision: i64,
    pub drafted_on: NaiveDate,
    pub updated_at: String,
    pub updated_by: String,
    pub content: PlanContent,
    /// Parallel to `content.lines`.
    pub lines: Vec<LineMeta>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    pub version: u32,
    pub decision: String,
    pub decided_by: String,
    pub decided_at: String,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contact {
    pub id: i64,
    pub contact_on: NaiveDate,
    pub channel: String,
    pub with_whom: String,
    pub note: String,
    pub recorded_by: String,
}

/// A plan with every version, decision and monitoring contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanDetail {
    pub header: PlanHeader,
    pub versions: Vec<VersionView>,
    pub decisions: Vec<Decision>,
    pub contacts: Vec<Contact>,
}

impl PlanDetail {
    /// The version in force, if any.
    pub fn approved(&self) -> Option<&VersionView> {
        self.versions.iter().find(|v| v.state == VersionState::Approved)
    }

    /// The version on its way to approval, if any.
    pub fn open(&self) -> Option<&VersionView> {
        self.versions.iter().find(|v| v.state.is_open())
    }

    /// What the desk shows first: the open version, else the approved one, else the latest.
    pub fn current(&self) -> Option<&VersionView> {
        self.open().or_else(|| self.approved()).or_else(|| self.versions.last())
    }
}

const HEADER_SELECT: &str =
    "SELECT p.id, p.number, p.resident_id, r.first_name || ' ' || r.last_name, p.application_id,
        p.coordinator_login, coalesce(s.full_name, ''), coalesce(s.phone, ''), p.created_at, p.held_by, p.held_at,
        p.ended_on, p.end_reason, p.director_informed_on, p.summary_on, p.summary_course, p.summary_results,
        p.follow_up_on, p.follow_up_note
    FROM plan p JOIN resident r ON r.id = p.resident_id LEFT JOIN staff s ON s.login = p.coordinator_login";

fn header_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<PlanHeader> {
    Ok(PlanHeader {
        id: r.get(0)?,
        number: r.get(1)?,
        resident_id: r.get(2)?,
        resident_name: r.get(3)?,
        application_id: r.get(4)?,
        coordinator_login: r.get(5)?,
        coordinator_name: r.get(6)?,
        coordinator_phone: r.get(7)?,
        created_at: r.get(8)?,
        held_by: r.get(9)?,
        held_at: r.get(10)?,
        ended_on: opt_date(r.get(11)?)?,
        end_reason: r.get(12)?,
        director_informed_on: opt_date(r.get(13)?)?,
        summary_on: opt_date(r.get(14)?)?,
        summary_course: r.get(15)?,
        summary_results: r.get(16)?,
        follow_up_on: opt_date(r.get(17)?)?,
        follow_up_note: r.get(18)?,
    })
}

pub fn header(conn: &Connection, plan_id: i64) -> Result<PlanHeader> {
    conn.query_row(&format!("{HEADER_SELECT} WHERE p.id = ?1"), [plan_id], header_row)
        .optional()?
        .ok_or_else(|| StorageError::NotFound(format!("plan nr {plan_id}")))
}

/// A plan by its number (`IPUS/2026/0042`) or its numeric id.
pub fn resolve(conn: &Connection, id_or_number: &str) -> Result<i64> {
    let key = id_or_number.trim();
    let found: Option<i64> = if ipus::parse_number(key).is_some() {
        conn.query_row("SELECT id FROM plan WHERE upper(number) = upper(?1)", [key], |r| r.get(0)).optional()?
    } else if let Ok(id) = key.parse::<i64>() {
        conn.query_row("SELECT id FROM plan WHERE id = ?1", [id], |r| r.get(0)).optional()?
    } else {
        return Err(StorageError::Invalid(format!(
            "plan: „{key}” to ani numer planu (IPUS/RRRR/NNNN), ani identyfikator liczbowy"
        )));
    };
    found.ok_or_else(|| StorageError::NotFound(format!("plan {key}")))
}

fn read_content(conn: &Connection, version_id: i64) -> Result<(PlanContent, Vec<LineMeta>)> {
    let (period_start, period_end, needs, expected_effects, quality_check): (String, String, String, String, String) =
        conn.query_row(
            "SELECT period_start, period_end, needs, expected_effects, quality_check FROM plan_version WHERE id = ?1",
            [version_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
    let mut stmt = conn.prepare_cached(
        "SELECT l.id, l.service_id, s.code, s.name, l.provider_id, coalesce(pr.name, ''), l.amount, l.per,
             l.cap_amount, l.cap_per, l.starts_on, l.ends_on, l.schedule, l.place_form, l.scope, l.resigned_on,
             l.director_informed_on
         FROM plan_line l JOIN service s ON s.id = l.service_id LEFT JOIN provider pr ON pr.id = l.provider_id
         WHERE l.version_id = ?1 ORDER BY l.position",
    )?;
    let per = |code: String| Per::from_code(&code).unwrap_or(Per::Plan);
    let rows = stmt.query_map([version_id], |r| {
        let cap = match (r.get::<_, Option<u32>>(8)?, r.get::<_, Option<String>>(9)?) {
            (Some(units), Some(p)) => Some(Amount { units, per: per(p) }),
            _ => None,
        };
        Ok((
            LineContent {
                service_id: r.get(1)?,
                service_code: r.get(2)?,
                service_name: r.get(3)?,
                provider_id: r.get(4)?,
                provider_name: r.get(5)?,
                amount: Amount { units: r.get(6)?, per: per(r.get(7)?) },
                cap,
                starts_on: date(&r.get::<_, String>(10)?)?,
                ends_on: date(&r.get::<_, String>(11)?)?,
                schedule: r.get(12)?,
                place_form: r.get(13)?,
                scope: r.get(14)?,
                resigned_on: opt_date(r.get(15)?)?,
            },
            LineMeta { id: r.get(0)?, director_informed_on: opt_date(r.get(16)?)? },
        ))
    })?;
    let (lines, meta): (Vec<_>, Vec<_>) = rows.collect::<rusqlite::Result<Vec<_>>>()?.into_iter().unzip();
    let mut stmt =
        conn.prepare_cached("SELECT what, who FROM supporting_action WHERE version_id = ?1 ORDER BY position")?;
    let actions = stmt
        .query_map([version_id], |r| Ok(ActionContent { what: r.get(0)?, who: r.get(1)? }))?
        .collect::<rusqlite::Result<_>>()?;
    Ok((
        PlanContent {
            period_start: date(&period_start)?,
            period_end: date(&period_end)?,
            needs,
            expected_effects,
            quality_check,
            lines,
            actions,
        },
        meta,
    ))
}

pub fn version(conn: &Connection, version_id: i64) -> Result<VersionView> {
    let row = conn
        .query_row(
            "SELECT plan_id, version, state, revision, drafted_on, updated_at, updated_by FROM plan_version WHERE id = ?1",
            [version_id],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, u32>(1)?,
                    state(&r.get::<_, String>(2)?)?,
                    r.get::<_, i64>(3)?,
                    date(&r.get::<_, String>(4)?)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                ))
            },
        )
        .optional()?
        .ok_or_else(|| StorageError::NotFound(format!("wersja planu {version_id}")))?;
    let (content, lines) = read_content(conn, version_id)?;
    Ok(VersionView {
        id: version_id,
        plan_id: row.0,
        version: row.1,
        state: row.2,
        revision: row.3,
        drafted_on: row.4,
        updated_at: row.5,
        updated_by: row.6,
        content,
        lines,
    })
}

pub fn detail(conn: &Connection, plan_id: i64) -> Result<PlanDetail> {
    let header = header(conn, plan_id)?;
    let ids: Vec<i64> = conn
        .prepare_cached("SELECT id FROM plan_version WHERE plan_id = ?1 ORDER BY version")?
        .query_map([plan_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let versions = ids.into_iter().map(|id| version(conn, id)).collect::<Result<Vec<_>>>()?;
    let decisions = conn
        .prepare_cached(
            "SELECT v.version, d.decision, d.decided_by, d.decided_at, d.comment
             FROM plan_decision d JOIN plan_version v ON v.id = d.version_id WHERE v.plan_id = ?1 ORDER BY d.id",
        )?
        .query_map([plan_id], |r| {
            Ok(Decision {
                version: r.get(0)?,
                decision: r.get(1)?,
                decided_by: r.get(2)?,
                decided_at: r.get(3)?,
                comment: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let contacts = conn
        .prepare_cached(
            "SELECT id, contact_on, channel, with_whom, note, recorded_by FROM monitoring_contact
             WHERE plan_id = ?1 ORDER BY contact_on, id",
        )?
        .query_map([plan_id], |r| {
            Ok(Contact {
                id: r.get(0)?,
                contact_on: date(&r.get::<_, String>(1)?)?,
                channel: r.get(2)?,
                with_whom: r.get(3)?,
                note: r.get(4)?,
                recorded_by: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(PlanDetail { header, versions, decisions, contacts })
}

/// A row of the plan list: a plan and one of its versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanSummary {
    pub plan_id: i64,
    pub number: String,
    pub resident_id: i64,
    pub resident_name: String,
    pub coordinator_login: String,
    pub version_id: i64,
    pub version: u32,
    pub state: VersionState,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub application_filed_on: Option<NaiveDate>,
}

/// Plans with their latest version, or with their version in `state` when one is asked for.
pub fn list(conn: &Connection, state_filter: Option<VersionState>) -> Result<Vec<PlanSummary>> {
    let version_rule = match state_filter {
        Some(_) => {
            "v.state = ?1 AND v.version = (SELECT max(version) FROM plan_version WHERE plan_id = p.id AND state = ?1)"
        }
        None => "?1 IS NULL AND v.version = (SELECT max(version) FROM plan_version WHERE plan_id = p.id)",
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT p.id, p.number, p.resident_id, r.first_name || ' ' || r.last_name, p.coordinator_login, v.id,
             v.version, v.state, v.period_start, v.period_end, p.ended_on, a.filed_on
         FROM plan p JOIN plan_version v ON v.plan_id = p.id JOIN resident r ON r.id = p.resident_id
         LEFT JOIN application a ON a.id = p.application_id
         WHERE {version_rule} ORDER BY p.number"
    ))?;
    let rows = stmt.query_map([state_filter.map(VersionState::code)], |r| {
        Ok(PlanSummary {
            plan_id: r.get(0)?,
            number: r.get(1)?,
            resident_id: r.get(2)?,
            resident_name: r.get(3)?,
            coordinator_login: r.get(4)?,
            version_id: r.get(5)?,
            version: r.get(6)?,
            state: state(&r.get::<_, String>(7)?)?,
            period_start: date(&r.get::<_, String>(8)?)?,
            period_end: date(&r.get::<_, String>(9)?)?,
            ended_on: opt_date(r.get(10)?)?,
            application_filed_on: opt_date(r.get(11)?)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The checks' context for a plan: its application's filing date and the suspended services.
/// What the checks of a plan's content need from the store: the application's filing date,
/// the suspended services and the providers of each service's pools.
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
    Ok(CheckContext {
        filed_on: opt_date(filed_on)?,
        today: Some(today),
        suspended_services: suspended,
        pool_providers: pools::pool_providers(conn)?,
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

fn write_content(conn: &Connection, version_id: i64, content: &PlanContent) -> Result<()> {
    conn.execute(
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
    conn.execute("DELETE FROM plan_line WHERE version_id = ?1", [version_id])?;
    conn.execute("DELETE FROM supporting_action WHERE version_id = ?1", [version_id])?;
    for (i, l) in content.lines.iter().enumerate() {
        let known: bool =
            conn.query_row("SELECT count(*) > 0 FROM service WHERE id = ?1", [l.service_id], |r| r.get(0))?;
        if !known {
            return Err(StorageError::Invalid(format!("pozycja {}: nie ma usługi nr {}", i + 1, l.service_id)));
        }
        conn.execute(
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
        conn.execute(
            "INSERT INTO supporting_action (version_id, position, what, who) VALUES (?1, ?2, ?3, ?4)",
            params![version_id, i as i64 + 1, a.what.trim(), a.who.trim()],
        )?;
    }
    Ok(())
}

fn resident_of(conn: &Connection, plan_id: i64) -> Result<i64> {
    Ok(conn.query_row("SELECT resident_id FROM plan WHERE id = ?1", [plan_id], |r| r.get(0))?)
}

/// Starts a plan for an application: number `IPUS/<year>/<seq>`, version 1 as a draft.
pub fn create_draft(
    conn: &Connection,
    me: &StaffMember,
    application_id: i64,
    content: &PlanContent,
    today: NaiveDate,
) -> Result<(i64, i64)> {
    me.require(Permission::DraftPlan)?;
    let app = super::applications::get(conn, application_id)?;
    if matches!(app.state.as_str(), "przekazany" | "odmowa" | "informacja") {
        return Err(StorageError::Conflict(format!(
            "wniosek nr {application_id} jest zamknięty (stan: {}); plan można sporządzić tylko do otwartego wniosku",
            app.state
        )));
    }
    let existing: Option<String> = conn
        .query_row("SELECT number FROM plan WHERE application_id = ?1 LIMIT 1", [application_id], |r| r.get(0))
        .optional()?;
    if let Some(number) = existing {
        return Err(StorageError::Conflict(format!("do wniosku nr {application_id} jest już plan {number}")));
    }
    let context = CheckContext {
        filed_on: Some(app.filed_on),
        today: Some(today),
        pool_providers: pools::pool_providers(conn)?,
        ..Default::default()
    };
    let findings = ipus::check_content(content, &context, Stage::Draft);
    if ipus::has_errors(&findings) {
        let errors: Vec<String> =
            findings.iter().filter(|f| f.severity == ipus::Severity::Error).map(|f| f.to_string()).collect();
        return Err(StorageError::Invalid(errors.join("; ")));
    }
    let year = chrono::Datelike::year(&today);
    let numbers: Vec<String> = conn
        .prepare("SELECT number FROM plan WHERE number LIKE ?1")?
        .query_map([format!("{}/{year}/%", ipus::NUMBER_PREFIX)], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let number = ipus::next_number(year, numbers.iter().map(String::as_str));
    let now = now_stamp();
    conn.execute(
        "INSERT INTO plan (number, resident_id, application_id, coordinator_login, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![number, app.resident_id, application_id, me.login, now],
    )?;
    let plan_id = conn.last_insert_rowid();
    let version_id = insert_draft_version(conn, plan_id, 1, content, today, &now, &me.login)?;
    conn.execute("UPDATE application SET state = 'plan' WHERE id = ?1 AND state != 'oczekuje'", [application_id])?;
    audit::append(conn, &me.login, AuditAction::Create, Some(app.resident_id), &format!("plan:{plan_id}"), &number)?;
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
    let result = db.write(|tx| save_in(tx, me, version_id, expected_revision, &content, today));
    result.map_err(|error| Unsaved { error, content: Box::new(content) })
}

fn save_in(
    conn: &Connection,
    me: &StaffMember,
    version_id: i64,
    expected_revision: i64,
    content: &PlanContent,
    today: NaiveDate,
) -> Result<Saved> {
    me.require(Permission::DraftPlan)?;
    let stored = version(conn, version_id)?;
    if stored.revision != expected_revision {
        return Err(StorageError::Conflict(format!(
            "plan zmieniony przez {} o {}; twoje zmiany zachowano — odśwież i połącz",
            stored.updated_by,
            local_time(&stored.updated_at)
        )));
    }
    let next = ipus::transition(stored.state, Action::Edit).map_err(|e| StorageError::Conflict(e.to_string()))?;
    let warnings = check(conn, stored.plan_id, content, Stage::Draft, today)?;
    write_content(conn, version_id, content)?;
    let now = now_stamp();
    conn.execute(
        "UPDATE plan_version SET state = ?2, revision = revision + 1, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
        params![version_id, next.code(), now, me.login],
    )?;
    // Saving keeps the hold fresh, so an active editor never looks stale to others.
    conn.execute(
        "UPDATE plan SET held_at = ?2 WHERE id = ?1 AND held_by = ?3",
        params![stored.plan_id, now, me.login],
    )?;
    audit::append(
        conn,
        &me.login,
        AuditAction::Change,
        Some(resident_of(conn, stored.plan_id)?),
        &format!("plan_version:{version_id}"),
        &format!("rev {}", expected_revision + 1),
    )?;
    Ok(Saved { revision: expected_revision + 1, warnings })
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
pub fn hold(conn: &Connection, me: &StaffMember, plan_id: i64) -> Result<Option<Holder>> {
    me.require(Permission::DraftPlan)?;
    let h = header(conn, plan_id)?;
    if let (Some(login), Some(at)) = (&h.held_by, &h.held_at)
        && *login != me.login
        && let Ok(since) = chrono::DateTime::parse_from_rfc3339(at)
        && ipus::hold_is_live(since.to_utc(), chrono::Utc::now())
    {
        return Ok(Some(Holder { login: login.clone(), since: at.clone() }));
    }
    conn.execute("UPDATE plan SET held_by = ?2, held_at = ?3 WHERE id = ?1", params![plan_id, me.login, now_stamp()])?;
    Ok(None)
}

/// Lets go of a plan held by `me`.
pub fn release(conn: &Connection, me: &StaffMember, plan_id: i64) -> Result<()> {
    conn.execute(
        "UPDATE plan SET held_by = NULL, held_at = NULL WHERE id = ?1 AND held_by = ?2",
        params![plan_id, me.login],
    )?;
    Ok(())
}

fn decide(conn: &Connection, me: &StaffMember, version_id: i64, decision: &str, comment: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO plan_decision (version_id, decision, decided_by, decided_at, comment) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![version_id, decision, me.login, now_stamp(), comment],
    )?;
    Ok(())
}

fn set_state(conn: &Connection, me: &StaffMember, version_id: i64, to: VersionState) -> Result<()> {
    conn.execute(
        "UPDATE plan_version SET state = ?2, revision = revision + 1, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
        params![version_id, to.code(), now_stamp(), me.login],
    )?;
    Ok(())
}

fn transition(stored: &VersionView, action: Action) -> Result<VersionState> {
    ipus::transition(stored.state, action)
        .map_err(|e| StorageError::Conflict(format!("wersja {}: {e}", stored.version)))
}

/// Submits a draft for approval; the legal bounds are now errors. Returns the remaining warnings.
pub fn submit(conn: &Connection, me: &StaffMember, version_id: i64, today: NaiveDate) -> Result<Vec<Finding>> {
    me.require(Permission::DraftPlan)?;
    let stored = version(conn, version_id)?;
    let to = transition(&stored, Action::Submit)?;
    let warnings = check(conn, stored.plan_id, &stored.content, Stage::Submit, today)?;
    set_state(conn, me, version_id, to)?;
    decide(conn, me, version_id, "złożony", "")?;
    audit::append(
        conn,
        &me.login,
        AuditAction::Change,
        Some(resident_of(conn, stored.plan_id)?),
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
    conn: &Connection,
    me: &StaffMember,
    version_id: i64,
    expected_revision: Option<i64>,
    comment: &str,
    queue_reason: Option<&str>,
) -> Result<()> {
    me.require(Permission::ApprovePlan)?;
    let comment = check_note(comment, 2000).map_err(|p| p.on("komentarz"))?;
    let stored = version(conn, version_id)?;
    let to = transition(&stored, Action::Approve)?;
    if let Some(expected) = expected_revision
        && expected != stored.revision
    {
        return Err(StorageError::Conflict(format!(
            "wersja {} zmieniła się od odczytu (zmienił {} o {}); przeczytaj ją ponownie",
            stored.version,
            stored.updated_by,
            local_time(&stored.updated_at)
        )));
    }
    check_delivery(conn, &stored)?;
    let shortfalls = pools::shortfalls_of_version(conn, version_id)?;
    if !shortfalls.is_empty() {
        return Err(StorageError::Conflict(format!(
            "nie można zatwierdzić — brak miejsc w puli: {}",
            shortfalls.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
        )));
    }
    let previous: Vec<i64> = conn
        .prepare("SELECT id FROM plan_version WHERE plan_id = ?1 AND state = 'zatwierdzony' AND id != ?2")?
        .query_map(params![stored.plan_id, version_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for old in previous {
        let old_view = version(conn, old)?;
        set_state(conn, me, old, transition(&old_view, Action::Supersede)?)?;
    }
    let h = header(conn, stored.plan_id)?;
    let ahead = waitlist::ahead_of(conn, h.application_id, &services_taking_more(conn, &stored)?)?;
    set_state(conn, me, version_id, to)?;
    decide(conn, me, version_id, "zatwierdzony", &comment)?;
    waitlist::honour(conn, me, &ahead, h.application_id, waitlist::Bypassing::PlanVersion(version_id), queue_reason)?;
    if let Some(application_id) = h.application_id {
        let services: Vec<i64> = stored.content.lines.iter().map(|l| l.service_id).collect();
        waitlist::granted(conn, &me.login, application_id, &services)?;
        conn.execute("UPDATE application SET state = 'plan' WHERE id = ?1", [application_id])?;
    }
    audit::append(
        conn,
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
    let ctx = CheckContext { pool_providers: pools::pool_providers(conn)?, ..Default::default() };
    let problems: Vec<String> = stored
        .content
        .lines
        .iter()
        .enumerate()
        .flat_map(|(i, line)| {
            ipus::delivery_problems(line, &ctx).into_iter().map(move |p| format!("pozycja {}: {p}", i + 1))
        })
        .collect();
    if problems.is_empty() {
        return Ok(());
    }
    Err(StorageError::Invalid(format!("nie można zatwierdzić — {}", problems.join("; "))))
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
pub fn return_version(conn: &Connection, me: &StaffMember, version_id: i64, comment: &str) -> Result<()> {
    me.require(Permission::ApprovePlan)?;
    let comment = check_note(comment, 2000).map_err(|p| p.on("komentarz"))?;
    if comment.is_empty() {
        return Err(StorageError::Invalid("komentarz: napisz, co trzeba poprawić".into()));
    }
    let stored = version(conn, version_id)?;
    let to = transition(&stored, Action::Return)?;
    set_state(conn, me, version_id, to)?;
    decide(conn, me, version_id, "zwrócony", &comment)?;
    audit::append(
        conn,
        &me.login,
        AuditAction::Change,
        Some(resident_of(conn, stored.plan_id)?),
        &format!("plan_version:{version_id}"),
        "zwrócony",
    )
}

/// Starts an update (art. 41): a new draft version copied from the approved one, without the
/// services the resident resigned from. The approved version stays in force until the new one
/// is approved.
pub fn start_update(conn: &Connection, me: &StaffMember, plan_id: i64, today: NaiveDate) -> Result<i64> {
    me.require(Permission::DraftPlan)?;
    let d = detail(conn, plan_id)?;
    let states: Vec<(u32, VersionState)> = d.versions.iter().map(|v| (v.version, v.state)).collect();
    ipus::check_update(&states, d.header.ended_on.is_some()).map_err(|e| StorageError::Conflict(e.to_string()))?;
    let Some(approved) = d.approved() else {
        return Err(StorageError::Conflict(ipus::UpdateProblem::NothingApproved.to_string()));
    };
    let mut content = approved.content.clone();
    content.lines.retain(|l| l.resigned_on.is_none());
    let next = d.versions.iter().map(|v| v.version).max().unwrap_or(0) + 1;
    let now = now_stamp();
    let version_id = insert_draft_version(conn, plan_id, next, &content, today, &now, &me.login)?;
    audit::append(
        conn,
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
        .ok_or_else(|| StorageError::Conflict("plan nie ma zatwierdzonej wersji".into()))
}

/// Resignation from one service of the approved plan (art. 44): from `on` the line grants
/// nothing more and its units return to the pool.
pub fn resign_line(
    conn: &Connection,
    me: &StaffMember,
    plan_id: i64,
    position: usize,
    on: NaiveDate,
    director_informed_on: NaiveDate,
) -> Result<()> {
    me.require(Permission::DraftPlan)?;
    let version_id = approved_version_id(conn, plan_id)?;
    let v = version(conn, version_id)?;
    let index = position.checked_sub(1).filter(|i| *i < v.lines.len()).ok_or_else(|| {
        StorageError::Invalid(format!("pozycja: plan ma pozycje 1–{}, nie ma pozycji {position}", v.lines.len()))
    })?;
    let line = &v.content.lines[index];
    if let Some(earlier) = line.resigned_on {
        return Err(StorageError::Conflict(format!("z pozycji {position} zrezygnowano już {earlier}")));
    }
    if on < line.starts_on || on > line.ends_on {
        return Err(StorageError::Invalid(format!(
            "data rezygnacji: {on} jest poza okresem usługi ({} – {})",
            line.starts_on, line.ends_on
        )));
    }
    if director_informed_on < on {
        return Err(StorageError::Invalid(format!(
            "data poinformowania dyrektora: {director_informed_on} jest przed rezygnacją ({on})"
        )));
    }
    conn.execute(
        "UPDATE plan_line SET resigned_on = ?2, director_informed_on = ?3 WHERE id = ?1",
        params![v.lines[index].id, on.to_string(), director_informed_on.to_string()],
    )?;
    audit::append(
        conn,
        &me.login,
        AuditAction::Change,
        Some(resident_of(conn, plan_id)?),
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
    conn: &Connection,
    me: &StaffMember,
    plan_id: i64,
    on: NaiveDate,
    reason: EndReason,
    director_informed_on: Option<NaiveDate>,
) -> Result<()> {
    me.require(Permission::DraftPlan)?;
    let h = header(conn, plan_id)?;
    if let Some(ended) = h.ended_on {
        return Err(StorageError::Conflict(format!("plan {} zakończył się już {ended}", h.number)));
    }
    approved_version_id(conn, plan_id)?;
    if reason == EndReason::Resignation && director_informed_on.is_none() {
        return Err(StorageError::Invalid(
            "data poinformowania dyrektora: rezygnacja z planu wymaga poinformowania dyrektora (art. 44)".into(),
        ));
    }
    if let Some(informed) = director_informed_on
        && informed < on
    {
        return Err(StorageError::Invalid(format!(
            "data poinformowania dyrektora: {informed} jest przed końcem planu ({on})"
        )));
    }
    conn.execute(
        "UPDATE plan SET ended_on = ?2, end_reason = ?3, director_informed_on = ?4 WHERE id = ?1",
        params![plan_id, on.to_string(), reason.code(), director_informed_on.map(|d| d.to_string())],
    )?;
    audit::append(
        conn,
        &me.login,
        AuditAction::Change,
        Some(h.resident_id),
        &format!("plan:{plan_id}"),
        &format!("koniec {on}: {}", reason.code()),
    )
}

/// Records the summary conversation at the end (art. 45): its date, the course and the results.
/// A plan not yet ended ends that day as completed.
pub fn record_summary(
    conn: &Connection,
    me: &StaffMember,
    plan_id: i64,
    on: NaiveDate,
    course: &str,
    results: &str,
) -> Result<()> {
    me.require(Permission::DraftPlan)?;
    let course = check_note(course, 4000).map_err(|p| p.on("przebieg"))?;
    let results = check_note(results, 4000).map_err(|p| p.on("rezultaty"))?;
    if course.is_empty() {
        return Err(StorageError::Invalid("przebieg: opisz przebieg realizacji planu (art. 45)".into()));
    }
    let h = header(conn, plan_id)?;
    if h.ended_on.is_none() {
        end_plan(conn, me, plan_id, on, EndReason::Completed, None)?;
    }
    conn.execute(
        "UPDATE plan SET summary_on = ?2, summary_course = ?3, summary_results = ?4 WHERE id = ?1",
        params![plan_id, on.to_string(), course, results],
    )?;
    audit::append(conn, &me.login, AuditAction::Change, Some(h.resident_id), &format!("plan:{plan_id}"), "podsumowanie")
}

/// Records the follow-up 6 months after the end (Dębica, section G).
pub fn record_follow_up(conn: &Connection, me: &StaffMember, plan_id: i64, on: NaiveDate, note: &str) -> Result<()> {
    me.require(Permission::RecordMonitoring)?;
    let note = check_note(note, 4000).map_err(|p| p.on("notatka"))?;
    let h = header(conn, plan_id)?;
    let Some(ended) = h.ended_on else {
        return Err(StorageError::Conflict(format!(
            "plan {} trwa; monitoring po zakończeniu zapisuje się po jego końcu",
            h.number
        )));
    };
    if on < ended {
        return Err(StorageError::Invalid(format!("data monitoringu: {on} jest przed końcem planu ({ended})")));
    }
    conn.execute(
        "UPDATE plan SET follow_up_on = ?2, follow_up_note = ?3 WHERE id = ?1",
        params![plan_id, on.to_string(), note],
    )?;
    audit::append(
        conn,
        &me.login,
        AuditAction::Change,
        Some(h.resident_id),
        &format!("plan:{plan_id}"),
        "monitoring po zakończeniu",
    )
}

pub const CONTACT_CHANNELS: [&str; 4] = ["telefon", "wizyta", "w_cus", "e-mail"];

/// A monitoring contact at any time (art. 45; Starachowice: at least quarterly).
pub fn add_contact(
    conn: &Connection,
    me: &StaffMember,
    plan_id: i64,
    on: NaiveDate,
    channel: &str,
    with_whom: &str,
    note: &str,
) -> Result<i64> {
    me.require(Permission::RecordMonitoring)?;
    if !CONTACT_CHANNELS.contains(&channel) {
        return Err(StorageError::Invalid(format!("kanał: „{channel}” — dozwolone: {}", CONTACT_CHANNELS.join(", "))));
    }
    let with_whom = check_text(with_whom, 120, false).map_err(|p| p.on("z kim"))?;
    let note = check_note(note, 4000).map_err(|p| p.on("notatka"))?;
    let h = header(conn, plan_id)?;
    conn.execute(
        "INSERT INTO monitoring_contact (plan_id, contact_on, channel, with_whom, note, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![plan_id, on.to_string(), channel, with_whom, note, me.login, now_stamp()],
    )?;
    let id = conn.last_insert_rowid();
    audit::append(conn, &me.login, AuditAction::Create, Some(h.resident_id), &format!("monitoring:{id}"), channel)?;
    Ok(id)
}

/// When the next monitoring contact is due: 3 months after the last one, or after the start.
pub fn monitoring_due(d: &PlanDetail) -> Option<NaiveDate> {
    let start = d.approved()?.content.period_start;
    let last = d.contacts.iter().map(|c| c.contact_on).max().unwrap_or(start).max(start);
    Some(crate::domain::plan::monitoring_due(last))
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
fn insert_draft_version(
    conn: &Connection,
    plan_id: i64,
    version: u32,
    content: &PlanContent,
    today: NaiveDate,
    now: &str,
    login: &str,
) -> Result<i64> {
    conn.execute(
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
    let version_id = conn.last_insert_rowid();
    write_content(conn, version_id, content)?;
    Ok(version_id)
}
