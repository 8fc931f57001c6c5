//! Individual plans (IPUS). This module reads plans and their versions; drafting and saving
//! are in `versions`, submission, approval, updates, resignation and the end in `lifecycle`,
//! the summary, follow-up and monitoring contacts in `monitoring`. The rules come from
//! [`crate::domain::ipus`]; storage keeps the rows and runs each change in the caller's [`Tx`].
//!
//! [`Tx`]: crate::storage::Tx

use super::{Result, StorageError};
use crate::domain::ipus::{self, ActionContent, LineContent, PlanContent, VersionState};
use crate::domain::plan::{Amount, Per};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

mod lifecycle;
mod monitoring;
mod versions;

pub use crate::domain::monitoring::CONTACT_CHANNELS;
pub use lifecycle::{
    EndReason, approve, end_plan, resign_line, return_version, start_update, submit, version_in_state,
};
pub use monitoring::{add_contact, monitoring_due, record_follow_up, record_summary};
pub use versions::{
    Holder, LineEffect, Saved, Unsaved, check, check_context, create_draft, hold, pool_effects, release, save,
    save_draft,
};

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
        .ok_or_else(|| StorageError::NotFound(crate::i18n::errors::missing_plan_no(crate::i18n::current(), plan_id)))
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
    found.ok_or_else(|| StorageError::NotFound(crate::i18n::errors::missing_plan(crate::i18n::current(), key)))
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
        .ok_or_else(|| StorageError::NotFound(crate::i18n::errors::missing_version_no(crate::i18n::current(), version_id)))?;
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
