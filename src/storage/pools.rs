//! Capacity pools and what approved plans and qualifications grant from them. Nothing here is
//! stored as a count: granted units are summed from approved plan lines and qualifications each
//! time, through [`Allocation::units_within`], the same rule the editor and the service base use.

use super::{Result, StorageError};
use crate::domain::period::{DateRange, PeriodKind};
use crate::domain::plan::{Allocation, Amount, Per};
use crate::domain::quota;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pool {
    pub id: i64,
    pub service_id: i64,
    pub provider_id: Option<i64>,
    pub period_kind: PeriodKind,
    pub units_limit: i64,
    pub valid: DateRange,
}

/// A grant as it counts against pools: an approved plan line or a qualification (art. 42), with
/// its service, provider, resident and allocation, the span cut short by a resignation or an end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantedLine {
    /// The plan line; 0 for a qualification and for a draft line not stored yet.
    pub line_id: i64,
    pub version_id: i64,
    pub position: i64,
    /// Set for a qualification, which belongs to no plan.
    pub qualification_id: Option<i64>,
    pub service_id: i64,
    pub provider_id: Option<i64>,
    pub resident_id: i64,
    pub allocation: Allocation,
}

/// What usage is recorded against: an approved plan line or a qualification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GrantRef {
    Line(i64),
    Qualification(i64),
}

impl GrantedLine {
    pub fn grant(&self) -> GrantRef {
        match self.qualification_id {
            Some(id) => GrantRef::Qualification(id),
            None => GrantRef::Line(self.line_id),
        }
    }
}

/// Parses a stored ISO date; the plain `YYYY-MM-DD` form is read directly because the service
/// base reads a hundred thousand of them on every refresh.
pub(crate) fn date(s: &str) -> rusqlite::Result<NaiveDate> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    if b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10))
        && let Some(day) = NaiveDate::from_ymd_opt(y as i32, m, d)
    {
        return Ok(day);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

fn date_at(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<NaiveDate> {
    date(r.get_ref(i)?.as_str()?)
}

fn pool_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Pool> {
    let kind: String = r.get(3)?;
    Ok(Pool {
        id: r.get(0)?,
        service_id: r.get(1)?,
        provider_id: r.get(2)?,
        period_kind: PeriodKind::from_code(&kind).unwrap_or(PeriodKind::Month),
        units_limit: r.get(4)?,
        valid: DateRange { start: date(&r.get::<_, String>(5)?)?, end: date(&r.get::<_, String>(6)?)? },
    })
}

const POOL_COLUMNS: &str =
    "id, service_id, provider_id, period_kind, units_limit, valid_from, coalesce(valid_to, '9999-12-31')";

pub fn pools_of_service(conn: &Connection, service_id: i64) -> Result<Vec<Pool>> {
    let mut stmt =
        conn.prepare_cached(&format!("SELECT {POOL_COLUMNS} FROM capacity_pool WHERE service_id = ?1 ORDER BY id"))?;
    Ok(stmt.query_map([service_id], pool_row)?.collect::<rusqlite::Result<_>>()?)
}

pub fn all_pools(conn: &Connection) -> Result<Vec<Pool>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {POOL_COLUMNS} FROM capacity_pool ORDER BY service_id, id"))?;
    Ok(stmt.query_map([], pool_row)?.collect::<rusqlite::Result<_>>()?)
}

/// The limit in force for one period: a per-period override, or the pool's usual limit.
pub fn limit_for(conn: &Connection, pool: &Pool, period: DateRange) -> Result<i64> {
    let over: Option<i64> = conn
        .prepare_cached("SELECT units_limit FROM pool_period_limit WHERE pool_id = ?1 AND period_start = ?2")?
        .query_row(params![pool.id, period.start.to_string()], |r| r.get(0))
        .optional()?;
    Ok(over.unwrap_or(pool.units_limit))
}

/// Whether a line draws from a pool: same service, and the pool's provider if it has one.
pub fn draws_from(line: &GrantedLine, pool: &Pool) -> bool {
    line.service_id == pool.service_id && pool.provider_id.is_none_or(|p| line.provider_id == Some(p))
}

fn per(code: &str) -> Per {
    Per::from_code(code).unwrap_or(Per::Plan)
}

const LINE_SELECT: &str = "SELECT l.id, l.version_id, l.position, l.service_id, l.provider_id, p.resident_id,
        l.amount, l.per, l.cap_amount, l.cap_per, l.starts_on,
        min(l.ends_on, coalesce(date(l.resigned_on, '-1 day'), '9999-12-31'), coalesce(p.ended_on, '9999-12-31')),
        NULL
    FROM plan_line l
    JOIN plan_version v ON v.id = l.version_id
    JOIN plan p ON p.id = v.plan_id";

/// Qualifications in the shape of [`LINE_SELECT`]; ending one on a day grants nothing from it on.
const QUALIFICATION_SELECT: &str = "SELECT 0, 0, 0, q.service_id, q.provider_id, a.resident_id,
        q.amount, q.per, NULL, NULL, q.starts_on,
        min(q.ends_on, coalesce(date(q.ended_on, '-1 day'), '9999-12-31')), q.id
    FROM qualification q
    JOIN application a ON a.id = q.application_id";

fn line_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Option<GrantedLine>> {
    let start = date_at(r, 10)?;
    let end = date_at(r, 11)?;
    let Some(span) = DateRange::new(start, end) else { return Ok(None) };
    let cap_amount: Option<u32> = r.get(8)?;
    let cap_per = r.get_ref(9)?.as_str_or_null()?;
    let caps = match (cap_amount, cap_per) {
        (Some(units), Some(p)) => vec![Amount { units, per: per(p) }],
        _ => Vec::new(),
    };
    Ok(Some(GrantedLine {
        line_id: r.get(0)?,
        version_id: r.get(1)?,
        position: r.get(2)?,
        service_id: r.get(3)?,
        provider_id: r.get(4)?,
        resident_id: r.get(5)?,
        allocation: Allocation { amount: Amount { units: r.get(6)?, per: per(r.get_ref(7)?.as_str()?) }, caps, span },
        qualification_id: r.get(12)?,
    }))
}

fn collect_lines(stmt: &mut rusqlite::CachedStatement<'_>, params: impl rusqlite::Params) -> Result<Vec<GrantedLine>> {
    let rows = stmt.query_map(params, line_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows.into_iter().flatten().collect())
}

/// Approved lines and qualifications of a service that overlap `range`.
pub fn approved_lines(conn: &Connection, service_id: i64, range: DateRange) -> Result<Vec<GrantedLine>> {
    let (from, to) = (range.start.to_string(), range.end.to_string());
    let mut stmt = conn.prepare_cached(&format!(
        "{LINE_SELECT} WHERE v.state = 'zatwierdzony' AND l.service_id = ?1 AND l.starts_on <= ?3 AND l.ends_on >= ?2"
    ))?;
    let mut lines = collect_lines(&mut stmt, params![service_id, from, to])?;
    let mut stmt = conn.prepare_cached(&format!(
        "{QUALIFICATION_SELECT} WHERE q.service_id = ?1 AND q.starts_on <= ?3 AND q.ends_on >= ?2"
    ))?;
    lines.extend(collect_lines(&mut stmt, params![service_id, from, to])?);
    Ok(lines)
}

/// Every approved line and qualification overlapping `range`, for computing the whole service
/// base at once.
pub fn all_approved_lines(conn: &Connection, range: DateRange) -> Result<Vec<GrantedLine>> {
    let (from, to) = (range.start.to_string(), range.end.to_string());
    let mut stmt = conn.prepare_cached(&format!(
        "{LINE_SELECT} WHERE v.state = 'zatwierdzony' AND l.starts_on <= ?2 AND l.ends_on >= ?1"
    ))?;
    let mut lines = collect_lines(&mut stmt, params![from, to])?;
    let mut stmt =
        conn.prepare_cached(&format!("{QUALIFICATION_SELECT} WHERE q.starts_on <= ?2 AND q.ends_on >= ?1"))?;
    lines.extend(collect_lines(&mut stmt, params![from, to])?);
    Ok(lines)
}

/// A resident's approved plan lines and qualifications in force on `day`.
pub fn in_force_of_resident(conn: &Connection, resident_id: i64, day: NaiveDate) -> Result<Vec<GrantedLine>> {
    let day_text = day.to_string();
    let mut stmt = conn.prepare_cached(&format!(
        "{LINE_SELECT} WHERE v.state = 'zatwierdzony' AND p.resident_id = ?1 AND l.starts_on <= ?2 AND l.ends_on >= ?2
         ORDER BY p.number, l.position"
    ))?;
    let mut lines = collect_lines(&mut stmt, params![resident_id, day_text])?;
    let mut stmt = conn.prepare_cached(&format!(
        "{QUALIFICATION_SELECT} WHERE a.resident_id = ?1 AND q.starts_on <= ?2 AND q.ends_on >= ?2 ORDER BY q.id"
    ))?;
    lines.extend(collect_lines(&mut stmt, params![resident_id, day_text])?);
    // A resignation or an end cuts the span short of `day`.
    lines.retain(|l| l.allocation.span.contains(day));
    Ok(lines)
}

/// One qualification as it counts against pools; `None` when it was ended before it began.
pub fn qualification_line(conn: &Connection, id: i64) -> Result<Option<GrantedLine>> {
    let mut stmt = conn.prepare_cached(&format!("{QUALIFICATION_SELECT} WHERE q.id = ?1"))?;
    Ok(collect_lines(&mut stmt, [id])?.pop())
}

/// The providers of a service's pools (`None` for a pool of the whole service), per service:
/// what [`quota::check_provider`] needs.
pub fn pool_providers(conn: &Connection) -> Result<std::collections::BTreeMap<i64, Vec<Option<i64>>>> {
    let mut out: std::collections::BTreeMap<i64, Vec<Option<i64>>> = Default::default();
    for pool in all_pools(conn)? {
        out.entry(pool.service_id).or_default().push(pool.provider_id);
    }
    Ok(out)
}

/// What one provider (or the whole service, `None`) has left of a service in each period of
/// `range`, for the provider picker and `base show`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ProviderLeft {
    pub pool_id: i64,
    pub provider_id: Option<i64>,
    pub periods: Vec<PeriodLeft>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PeriodLeft {
    pub period: String,
    pub range: DateRange,
    pub limit: i64,
    pub granted: i64,
    pub remaining: i64,
}

/// Each pool of a service with what is left in every period of its kind touching `range`.
pub fn left_per_pool(conn: &Connection, service_id: i64, range: DateRange) -> Result<Vec<ProviderLeft>> {
    let mut out = Vec::new();
    for pool in pools_of_service(conn, service_id)? {
        let mut periods = Vec::new();
        if let Some(within) = range.intersect(&pool.valid) {
            for period in pool.period_kind.periods_touching(within) {
                let limit = limit_for(conn, &pool, period)?;
                let granted = granted(conn, &pool, period, None)?;
                periods.push(PeriodLeft {
                    period: pool.period_kind.label(period),
                    range: period,
                    limit,
                    granted,
                    remaining: quota::remaining(limit, granted),
                });
            }
        }
        out.push(ProviderLeft { pool_id: pool.id, provider_id: pool.provider_id, periods });
    }
    Ok(out)
}

/// The lines of one plan version, approved or not.
pub fn version_lines(conn: &Connection, version_id: i64) -> Result<Vec<GrantedLine>> {
    let mut stmt = conn.prepare_cached(&format!("{LINE_SELECT} WHERE l.version_id = ?1 ORDER BY l.position"))?;
    collect_lines(&mut stmt, [version_id])
}

/// Units granted from `pool` in `period` by approved lines, leaving out one plan's lines (the
/// plan whose new version is being checked replaces its old approved version).
pub fn granted(conn: &Connection, pool: &Pool, period: DateRange, except_plan: Option<i64>) -> Result<i64> {
    let lines = approved_lines(conn, pool.service_id, period)?;
    let plan_of = plan_of_versions(conn, except_plan)?;
    Ok(lines
        .iter()
        .filter(|l| draws_from(l, pool) && !plan_of.contains(&l.version_id))
        .map(|l| i64::from(l.allocation.units_within(period)))
        .sum())
}

fn plan_of_versions(conn: &Connection, plan: Option<i64>) -> Result<Vec<i64>> {
    let Some(plan) = plan else { return Ok(Vec::new()) };
    let mut stmt = conn.prepare_cached("SELECT id FROM plan_version WHERE plan_id = ?1")?;
    Ok(stmt.query_map([plan], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
}

/// A line that does not fit its pool in some period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shortfall {
    pub position: i64,
    pub service_name: String,
    pub period_label: String,
    pub limit: i64,
    pub granted_elsewhere: i64,
    pub needed: i64,
}

impl std::fmt::Display for Shortfall {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::plan::shortfall(&crate::i18n::plan::Shortfall {
            position: self.position,
            service: &self.service_name,
            period: &self.period_label,
            limit: self.limit,
            granted: self.granted_elsewhere,
            left: quota::remaining(self.limit, self.granted_elsewhere),
            needed: self.needed,
        }))
    }
}

/// Checks every line of a plan version against every pool it draws from, in every period it
/// touches, counting what other approved plans already hold. Run inside the approving
/// transaction so that the check and the approval see the same state.
pub fn shortfalls_of_version(conn: &Connection, version_id: i64) -> Result<Vec<Shortfall>> {
    let plan_id: i64 = conn
        .query_row("SELECT plan_id FROM plan_version WHERE id = ?1", [version_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| {
            StorageError::NotFound(crate::i18n::errors::missing_version_no(crate::i18n::current(), version_id))
        })?;
    shortfalls(conn, &version_lines(conn, version_id)?, Some(plan_id))
}

/// Checks grants not yet counted (a version's lines, a new qualification) against every pool
/// they draw from, in every period they touch, counting what approved grants outside
/// `except_plan` already hold.
pub fn shortfalls(conn: &Connection, lines: &[GrantedLine], except_plan: Option<i64>) -> Result<Vec<Shortfall>> {
    let mut shortfalls = Vec::new();
    let mut seen_pools: Vec<i64> = Vec::new();
    for line in lines {
        for pool in pools_of_service(conn, line.service_id)? {
            if !draws_from(line, &pool) || seen_pools.contains(&pool.id) {
                continue;
            }
            seen_pools.push(pool.id);
            // All of these lines on this pool, period by period.
            let mine: Vec<&GrantedLine> = lines.iter().filter(|l| draws_from(l, &pool)).collect();
            let Some(first) = mine.iter().map(|l| l.allocation.span.start).min() else { continue };
            let last = mine.iter().map(|l| l.allocation.span.end).max().unwrap_or(first);
            let Some(range) = DateRange::new(first, last).and_then(|r| r.intersect(&pool.valid)) else { continue };
            for period in pool.period_kind.periods_touching(range) {
                let needed: i64 = mine.iter().map(|l| i64::from(l.allocation.units_within(period))).sum();
                if needed == 0 {
                    continue;
                }
                let limit = limit_for(conn, &pool, period)?;
                let elsewhere = granted(conn, &pool, period, except_plan)?;
                if quota::check_grant(limit, elsewhere, needed).is_err() {
                    let culprit = mine
                        .iter()
                        .rev()
                        .find(|l| l.allocation.units_within(period) > 0)
                        .map_or(line.position, |l| l.position);
                    shortfalls.push(Shortfall {
                        position: culprit,
                        service_name: service_name(conn, pool.service_id)?,
                        period_label: pool.period_kind.label(period),
                        limit,
                        granted_elsewhere: elsewhere,
                        needed,
                    });
                    break;
                }
            }
        }
    }
    Ok(shortfalls)
}

fn service_name(conn: &Connection, id: i64) -> Result<String> {
    Ok(conn.query_row("SELECT name FROM service WHERE id = ?1", [id], |r| r.get(0))?)
}
