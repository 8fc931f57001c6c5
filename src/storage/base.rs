//! The service base (baza usług): one row per service with its hours, fee, people and the units
//! granted, used and remaining in the current period of its pools.
//!
//! Nothing here is stored. [`load`] reads everything it needs with a handful of set queries and
//! [`compute`] aggregates in memory, so the desk can recompute the whole table every refresh.
//! Granted units come from approved plan lines through [`Allocation::units_within`], used units
//! from usage records of those lines, remaining from [`quota::remaining`].
//!
//! [`Allocation::units_within`]: crate::domain::plan::Allocation::units_within

use super::Result;
use super::pools::{self, GrantedLine, Pool};
use crate::domain::fold;
use crate::domain::period::{DateRange, PeriodKind};
use crate::domain::plan::Per;
use crate::domain::quota::{self, PoolStatus};
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::{Connection, params};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceRecord {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub unit: String,
    pub description: String,
    pub fee_grosze: i64,
    pub fee_note: String,
    pub access_rule: String,
    pub form: String,
    pub delivery_days: i64,
    pub default_provider_id: Option<i64>,
    pub suspended: bool,
    pub updated_at: String,
    pub updated_by: String,
    pub areas: Vec<String>,
    pub target_groups: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    pub id: i64,
    pub name: String,
    pub address: String,
    pub kind: String,
    pub village: String,
    pub gmina: String,
}

/// Weekly opening hours of a service at a place, over a range of days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hours {
    pub id: i64,
    pub service_id: i64,
    pub location_id: i64,
    pub place: String,
    pub provider_id: Option<i64>,
    /// 1 = Monday … 7 = Sunday.
    pub weekday: u32,
    pub opens: NaiveTime,
    pub closes: NaiveTime,
    pub valid: DateRange,
}

impl Hours {
    pub fn applies_on(&self, day: NaiveDate) -> bool {
        self.weekday == day.weekday().number_from_monday() && self.valid.contains(day)
    }

    pub fn open_at(&self, at: NaiveDateTime) -> bool {
        self.applies_on(at.date()) && self.opens <= at.time() && at.time() < self.closes
    }

    pub fn span_text(&self) -> String {
        format!("{}–{}", self.opens.format("%H:%M"), self.closes.format("%H:%M"))
    }
}

/// An application waiting for a pool to free up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Waiting {
    pub entry_id: i64,
    pub service_id: i64,
    pub application_id: i64,
    pub resident_id: i64,
    pub resident_name: String,
    pub filed_on: NaiveDate,
    pub units: i64,
}

/// Usage of one plan line on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Used {
    pub line_id: i64,
    pub on: NaiveDate,
    pub units: u32,
}

/// Everything the table is computed from, read in one go.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// Sorted by id.
    pub services: Vec<ServiceRecord>,
    pub providers: HashMap<i64, String>,
    pub places: HashMap<i64, Place>,
    /// Sorted by service, place, weekday, opening time.
    pub hours: Vec<Hours>,
    /// Sorted by service, id.
    pub pools: Vec<Pool>,
    pub overrides: HashMap<(i64, NaiveDate), i64>,
    /// Approved lines overlapping `range`, sorted by service and line id.
    pub lines: Vec<GrantedLine>,
    /// Usage within `range`, sorted by line and day.
    pub usage: Vec<Used>,
    /// Unresolved entries, by service and then filing order.
    pub waiting: Vec<Waiting>,
}

fn date(s: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

fn time(s: &str) -> rusqlite::Result<NaiveTime> {
    NaiveTime::parse_from_str(s, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(s, "%H:%M:%S"))
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

/// The days whose counters the table at `day` shows: the current and the next period of each
/// kind (a yearly pool's next period ends last; a week may start in the previous month).
fn range_of_kinds(day: NaiveDate, kinds: &[PeriodKind]) -> DateRange {
    let start = kinds.iter().map(|k| k.containing(day).start).min().unwrap_or(day);
    let end = kinds.iter().map(|k| next_period(*k, day).end).max().unwrap_or(day);
    DateRange { start, end }
}

/// Loads what the table at `day` needs: only the periods of the kinds the pools count in (and
/// the month, which services without a pool show), so that a centre with monthly pools does
/// not read two years of plan lines on every refresh.
pub fn load_day(conn: &Connection, day: NaiveDate) -> Result<Snapshot> {
    let mut kinds: Vec<PeriodKind> = conn
        .prepare_cached("SELECT DISTINCT period_kind FROM capacity_pool")?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .iter()
        .filter_map(|code| PeriodKind::from_code(code))
        .collect();
    kinds.push(PeriodKind::Month);
    load(conn, range_of_kinds(day, &kinds))
}

pub fn next_period(kind: PeriodKind, day: NaiveDate) -> DateRange {
    let current = kind.containing(day);
    kind.containing(current.end.succ_opt().unwrap_or(current.end))
}

/// Every service with its statutory areas and target groups, in id order.
pub fn load_services(conn: &Connection) -> Result<Vec<ServiceRecord>> {
    let mut services: Vec<ServiceRecord> = conn
        .prepare_cached(
            "SELECT id, code, name, unit, description, fee_grosze, fee_note, access_rule, form, delivery_days,
                    default_provider_id, suspended, updated_at, updated_by
             FROM service ORDER BY id",
        )?
        .query_map([], |r| {
            Ok(ServiceRecord {
                id: r.get(0)?,
                code: r.get(1)?,
                name: r.get(2)?,
                unit: r.get(3)?,
                description: r.get(4)?,
                fee_grosze: r.get(5)?,
                fee_note: r.get(6)?,
                access_rule: r.get(7)?,
                form: r.get(8)?,
                delivery_days: r.get(9)?,
                default_provider_id: r.get(10)?,
                suspended: r.get::<_, i64>(11)? != 0,
                updated_at: r.get(12)?,
                updated_by: r.get(13)?,
                areas: Vec::new(),
                target_groups: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (table, column) in [("service_area", "area"), ("service_target_group", "target_group")] {
        let mut stmt =
            conn.prepare_cached(&format!("SELECT service_id, {column} FROM {table} ORDER BY service_id, {column}"))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let value: String = r.get(1)?;
            if let Ok(i) = services.binary_search_by_key(&id, |s| s.id) {
                let s = &mut services[i];
                if table == "service_area" { s.areas.push(value) } else { s.target_groups.push(value) }
            }
        }
    }
    Ok(services)
}

/// Reads the services and every approved line, usage record and pool relevant to `range`.
pub fn load(conn: &Connection, range: DateRange) -> Result<Snapshot> {
    let services = load_services(conn)?;
    let providers = conn
        .prepare_cached("SELECT id, name FROM provider")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let places: HashMap<i64, Place> = conn
        .prepare_cached(
            "SELECT l.id, l.name, l.address, l.kind, coalesce(v.name, ''), coalesce(g.name, '')
             FROM location l LEFT JOIN village v ON v.id = l.village_id LEFT JOIN gmina g ON g.id = v.gmina_id",
        )?
        .query_map([], |r| {
            Ok(Place {
                id: r.get(0)?,
                name: r.get(1)?,
                address: r.get(2)?,
                kind: r.get(3)?,
                village: r.get(4)?,
                gmina: r.get(5)?,
            })
        })?
        .map(|p| p.map(|p| (p.id, p)))
        .collect::<rusqlite::Result<_>>()?;
    let hours = conn
        .prepare_cached(
            "SELECT h.id, h.service_id, h.location_id, l.name, h.provider_id, h.weekday, h.opens, h.closes,
                    h.valid_from, coalesce(h.valid_to, '9999-12-31')
             FROM opening_hours h JOIN location l ON l.id = h.location_id
             ORDER BY h.service_id, h.location_id, h.weekday, h.opens",
        )?
        .query_map([], |r| {
            let start = date(&r.get::<_, String>(8)?)?;
            let end = date(&r.get::<_, String>(9)?)?;
            Ok(Hours {
                id: r.get(0)?,
                service_id: r.get(1)?,
                location_id: r.get(2)?,
                place: r.get(3)?,
                provider_id: r.get(4)?,
                weekday: r.get(5)?,
                opens: time(&r.get::<_, String>(6)?)?,
                closes: time(&r.get::<_, String>(7)?)?,
                valid: DateRange { start, end: end.max(start) },
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let pools = pools::all_pools(conn)?;
    let overrides = conn
        .prepare_cached("SELECT pool_id, period_start, units_limit FROM pool_period_limit")?
        .query_map([], |r| Ok(((r.get(0)?, date(&r.get::<_, String>(1)?)?), r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut lines = pools::all_approved_lines(conn, range)?;
    lines.sort_unstable_by_key(|l| (l.service_id, l.line_id));
    let usage = conn
        .prepare_cached(
            "SELECT u.line_id, u.used_on, u.units FROM usage_record u
             WHERE u.used_on BETWEEN ?1 AND ?2 ORDER BY u.line_id, u.used_on",
        )?
        .query_map(params![range.start.to_string(), range.end.to_string()], |r| {
            Ok(Used { line_id: r.get(0)?, on: date(&r.get::<_, String>(1)?)?, units: r.get(2)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let waiting = waiting_entries(conn)?;
    Ok(Snapshot { services, providers, places, hours, pools, overrides, lines, usage, waiting })
}

/// Unresolved waiting-list entries in the order the law serves them: by filing date, then
/// by application.
pub fn waiting_entries(conn: &Connection) -> Result<Vec<Waiting>> {
    let mut stmt = conn.prepare_cached(
        "SELECT w.id, w.service_id, w.application_id, a.resident_id, r.first_name || ' ' || r.last_name,
                a.filed_on, w.units
         FROM waitlist_entry w JOIN application a ON a.id = w.application_id JOIN resident r ON r.id = a.resident_id
         WHERE w.resolved_at IS NULL
         ORDER BY w.service_id, a.filed_on, a.id, w.id",
    )?;
    Ok(stmt
        .query_map([], |r| {
            Ok(Waiting {
                entry_id: r.get(0)?,
                service_id: r.get(1)?,
                application_id: r.get(2)?,
                resident_id: r.get(3)?,
                resident_name: r.get(4)?,
                filed_on: date(&r.get::<_, String>(5)?)?,
                units: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// The limit, granted and used units of one pool in one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodCounters {
    pub label: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub limit: i64,
    pub granted: i64,
    pub used: i64,
    pub remaining: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PoolCounters {
    pub pool_id: i64,
    pub provider_id: Option<i64>,
    pub provider: Option<String>,
    pub period_kind: PeriodKind,
    pub current: PeriodCounters,
    pub next: PeriodCounters,
}

/// Granted and used units of one pool over consecutive periods.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolSeries {
    pub pool_id: i64,
    pub periods: Vec<DateRange>,
    pub limits: Vec<i64>,
    pub granted: Vec<i64>,
    pub used: Vec<i64>,
}

/// A line's allocation as far as the units it grants in a period go: the amount, up to two
/// caps, and the span's length when something is spread over the whole plan, packed into one
/// number (32 bits per amount, 3 per unit of time, 16 for the length).
type ShapeKey = u128;

const NO_SHAPE: u32 = u32::MAX;

fn shape_key(allocation: &crate::domain::plan::Allocation) -> Option<ShapeKey> {
    let per = |p: Per| -> u128 {
        match p {
            Per::Week => 1,
            Per::Month => 2,
            Per::Year => 3,
            Per::Plan => 4,
        }
    };
    let amount = |units: u32, p: Per| (u128::from(units) << 3) | per(p);
    let spread = allocation.amount.per == Per::Plan || allocation.caps.iter().any(|c| c.per == Per::Plan);
    let days = if spread { allocation.span.days() } else { 0 };
    if allocation.caps.len() > 2 || !(0..1 << 16).contains(&days) {
        return None;
    }
    let mut key = (amount(allocation.amount.units, allocation.amount.per) << 16) | days as u128;
    for (i, cap) in allocation.caps.iter().enumerate() {
        key |= amount(cap.units, cap.per) << (51 + 35 * i);
    }
    Some(key)
}

/// A quick hasher for shape keys: they are small, made of integers, and never come from
/// someone who could choose them to collide, so SipHash's protection buys nothing here.
#[derive(Default)]
struct ShapeHasher(u64);

impl std::hash::Hasher for ShapeHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_u128(&mut self, n: u128) {
        self.write_u64(n as u64);
        self.write_u64((n >> 64) as u64);
    }
}

/// Where each service's lines sit in the snapshot, so a pool looks only at its own service,
/// and each line's shape, so that lines alike share one computation per period.
pub struct LineIndex {
    by_service: HashMap<i64, std::ops::Range<usize>>,
    shapes: Vec<u32>,
    shape_count: usize,
}

impl LineIndex {
    pub fn build(snap: &Snapshot) -> LineIndex {
        let mut by_service = HashMap::new();
        let mut start = 0;
        for (i, line) in snap.lines.iter().enumerate() {
            if snap.lines.get(i + 1).is_none_or(|next| next.service_id != line.service_id) {
                by_service.insert(line.service_id, start..i + 1);
                start = i + 1;
            }
        }
        let mut known: HashMap<ShapeKey, u32, std::hash::BuildHasherDefault<ShapeHasher>> = HashMap::default();
        let shapes = snap
            .lines
            .iter()
            .map(|line| match shape_key(&line.allocation) {
                Some(key) => {
                    let next = known.len() as u32;
                    *known.entry(key).or_insert(next)
                }
                None => NO_SHAPE,
            })
            .collect();
        LineIndex { by_service, shapes, shape_count: known.len() }
    }

    fn range(&self, service_id: i64) -> std::ops::Range<usize> {
        self.by_service.get(&service_id).cloned().unwrap_or(0..0)
    }

    pub fn lines<'a>(&self, snap: &'a Snapshot, service_id: i64) -> &'a [GrantedLine] {
        &snap.lines[self.range(service_id)]
    }
}

/// Consecutive periods of one kind, with the units each line shape grants in them (filled as
/// first needed), shared by every pool of the kind: in a whole period (by period), and in the
/// part of a period from a line's first day or up to its last day (by that day).
pub struct PeriodCache {
    pub periods: Vec<DateRange>,
    whole: Vec<u32>,
    from_day: Vec<u32>,
    to_day: Vec<u32>,
    days: usize,
}

const UNKNOWN: u32 = u32::MAX;

impl PeriodCache {
    pub fn new(index: &LineIndex, periods: Vec<DateRange>) -> PeriodCache {
        let days = match (periods.first(), periods.last()) {
            (Some(first), Some(last)) => (last.end - first.start).num_days() as usize + 1,
            _ => 0,
        };
        // Partial periods are cached only while the table stays small.
        let partial = if index.shape_count * days <= 1 << 20 { index.shape_count * days } else { 0 };
        PeriodCache {
            whole: vec![UNKNOWN; index.shape_count * periods.len()],
            from_day: vec![UNKNOWN; partial],
            to_day: vec![UNKNOWN; partial],
            days: if partial > 0 { days } else { 0 },
            periods,
        }
    }

    /// Units a line grants in period `i`, through the cache when lines alike have asked before.
    fn units(&mut self, line: &GrantedLine, shape: u32, i: usize) -> u32 {
        let period = self.periods[i];
        let span = line.allocation.span;
        let starts_inside = span.start > period.start;
        let ends_inside = span.end < period.end;
        let origin = self.periods[0].start;
        let slot = match (shape, starts_inside, ends_inside) {
            (NO_SHAPE, _, _) | (_, true, true) => None,
            (_, false, false) => self.whole.get_mut(shape as usize * self.periods.len() + i),
            (_, true, false) => {
                let day = (span.start - origin).num_days() as usize;
                if self.days == 0 { None } else { self.from_day.get_mut(shape as usize * self.days + day) }
            }
            (_, false, true) => {
                let day = (span.end - origin).num_days() as usize;
                if self.days == 0 { None } else { self.to_day.get_mut(shape as usize * self.days + day) }
            }
        };
        match slot {
            Some(slot) => {
                if *slot == UNKNOWN {
                    *slot = line.allocation.units_within(period);
                }
                *slot
            }
            None => line.allocation.units_within(period),
        }
    }
}

fn usage_of(snap: &Snapshot, line_id: i64) -> &[Used] {
    let from = snap.usage.partition_point(|u| u.line_id < line_id);
    let to = from + snap.usage[from..].partition_point(|u| u.line_id == line_id);
    &snap.usage[from..to]
}

impl Snapshot {
    pub fn limit_for(&self, pool: &Pool, period: DateRange) -> i64 {
        self.overrides.get(&(pool.id, period.start)).copied().unwrap_or(pool.units_limit)
    }

    pub fn service(&self, id: i64) -> Option<&ServiceRecord> {
        self.services.binary_search_by_key(&id, |s| s.id).ok().map(|i| &self.services[i])
    }

    fn pools_of(&self, service_id: i64) -> &[Pool] {
        let from = self.pools.partition_point(|p| p.service_id < service_id);
        let to = from + self.pools[from..].partition_point(|p| p.service_id == service_id);
        &self.pools[from..to]
    }
}

/// Adds the units of the pool's lines to the periods they touch; a line visits only the periods
/// inside its own span.
fn accumulate(snap: &Snapshot, index: &LineIndex, pool: &Pool, cache: &mut PeriodCache, series: &mut PoolSeries) {
    let n = cache.periods.len();
    let (Some(first), Some(last)) = (cache.periods.first().copied(), cache.periods.last().copied()) else { return };
    let range = index.range(pool.service_id);
    let lines = &snap.lines[range.clone()];
    let shapes = &index.shapes[range];
    for (line, &shape) in lines.iter().zip(shapes) {
        if !pools::draws_from(line, pool) {
            continue;
        }
        let span = line.allocation.span;
        if span.end < first.start || span.start > last.end {
            continue;
        }
        let from = cache.periods.partition_point(|p| p.end < span.start);
        for i in from..n {
            let period = cache.periods[i];
            if period.start > span.end {
                break;
            }
            if period.end < pool.valid.start || period.start > pool.valid.end {
                continue;
            }
            series.granted[i] += i64::from(cache.units(line, shape, i));
        }
        for used in usage_of(snap, line.line_id) {
            let i = cache.periods.partition_point(|p| p.end < used.on);
            if cache.periods.get(i).is_some_and(|p| p.contains(used.on)) {
                series.used[i] += i64::from(used.units);
            }
        }
    }
}

/// Counters of every pool for every period of its kind touching `range`.
pub fn series(snap: &Snapshot, index: &LineIndex, range: DateRange) -> Vec<PoolSeries> {
    let mut caches: HashMap<PeriodKind, PeriodCache> = HashMap::new();
    snap.pools
        .iter()
        .map(|pool| {
            let cache = caches
                .entry(pool.period_kind)
                .or_insert_with(|| PeriodCache::new(index, pool.period_kind.periods_touching(range).collect()));
            pool_series(snap, index, pool, cache)
        })
        .collect()
}

fn pool_series(snap: &Snapshot, index: &LineIndex, pool: &Pool, cache: &mut PeriodCache) -> PoolSeries {
    let n = cache.periods.len();
    let mut series = PoolSeries {
        pool_id: pool.id,
        limits: cache.periods.iter().map(|p| snap.limit_for(pool, *p)).collect(),
        periods: cache.periods.clone(),
        granted: vec![0; n],
        used: vec![0; n],
    };
    accumulate(snap, index, pool, cache, &mut series);
    series
}

/// A place a service is offered at, for the row and the gmina/village filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlaceSummary {
    pub location_id: i64,
    pub name: String,
    pub village: String,
    pub gmina: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TodayHours {
    pub place: String,
    pub opens: NaiveTime,
    pub closes: NaiveTime,
}

/// One row of the service base as of one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub areas: Vec<String>,
    pub target_groups: Vec<String>,
    pub unit: String,
    pub provider_ids: Vec<i64>,
    pub providers: Vec<String>,
    pub places: Vec<PlaceSummary>,
    pub hours_today: Vec<TodayHours>,
    /// Every weekly opening, for "open on another day" and the detail.
    pub hours: Vec<Hours>,
    /// Whether some place is open at the moment asked about (none when no time was given).
    pub open_now: Option<bool>,
    pub fee_grosze: i64,
    pub fee: String,
    pub access_rule: String,
    pub people: usize,
    /// Label of the current period when all pools share one kind.
    pub period: Option<String>,
    pub limit: Option<i64>,
    pub granted: i64,
    pub used: i64,
    pub remaining: Option<i64>,
    pub waiting: usize,
    pub next_waiting: Option<String>,
    pub status: PoolStatus,
    pub suspended: bool,
    pub pools: Vec<PoolCounters>,
    pub updated_at: String,
    pub updated_by: String,
}

/// The fee as the desk says it: free, or an amount per unit in złoty.
pub fn format_fee(grosze: i64, unit: &str) -> String {
    if grosze <= 0 {
        return "bezpłatna".to_string();
    }
    format!("{},{:02} zł / {unit}", grosze / 100, grosze % 100)
}

/// Status as text, so it never relies on colour.
pub fn status_label(status: PoolStatus) -> &'static str {
    match status {
        PoolStatus::Ok => "OK",
        PoolStatus::Low => "MAŁO",
        PoolStatus::None => "BRAK",
        PoolStatus::Waiting => "LISTA",
        PoolStatus::Unlimited => "BEZ LIMITU",
        PoolStatus::Suspended => "ZAWIESZONA",
    }
}

fn counters(kind: PeriodKind, series: &PoolSeries, i: usize) -> PeriodCounters {
    let period = series.periods[i];
    let (limit, granted) = (series.limits[i], series.granted[i]);
    PeriodCounters {
        label: kind.label(period),
        start: period.start,
        end: period.end,
        limit,
        granted,
        used: series.used[i],
        remaining: quota::remaining(limit, granted),
    }
}

/// Computes the table for `day`; `now` (a moment on that day) fills in "open now".
pub fn compute(snap: &Snapshot, day: NaiveDate, now: Option<NaiveDateTime>) -> Vec<ServiceRow> {
    let index = LineIndex::build(snap);
    let mut caches: HashMap<PeriodKind, PeriodCache> = PeriodKind::ALL
        .into_iter()
        .map(|kind| (kind, PeriodCache::new(&index, vec![kind.containing(day), next_period(kind, day)])))
        .collect();
    let mut residents: Vec<i64> = Vec::new();
    snap.services.iter().map(|service| row(snap, &index, &mut caches, service, day, now, &mut residents)).collect()
}

fn row(
    snap: &Snapshot,
    index: &LineIndex,
    caches: &mut HashMap<PeriodKind, PeriodCache>,
    s: &ServiceRecord,
    day: NaiveDate,
    now: Option<NaiveDateTime>,
    residents: &mut Vec<i64>,
) -> ServiceRow {
    let lines = index.lines(snap, s.id);
    residents.clear();
    residents.extend(lines.iter().filter(|l| l.allocation.span.contains(day)).map(|l| l.resident_id));
    residents.sort_unstable();
    residents.dedup();

    let mut pools = Vec::new();
    for pool in snap.pools_of(s.id).iter().filter(|p| p.valid.contains(day)) {
        let Some(cache) = caches.get_mut(&pool.period_kind) else { continue };
        let series = pool_series(snap, index, pool, cache);
        pools.push(PoolCounters {
            pool_id: pool.id,
            provider_id: pool.provider_id,
            provider: pool.provider_id.and_then(|p| snap.providers.get(&p).cloned()),
            period_kind: pool.period_kind,
            current: counters(pool.period_kind, &series, 0),
            next: counters(pool.period_kind, &series, 1),
        });
    }
    let (limit, granted, used) = if pools.is_empty() {
        // Without a pool there is no limit; the month still shows what plans grant and use.
        let pool = Pool {
            id: 0,
            service_id: s.id,
            provider_id: None,
            period_kind: PeriodKind::Month,
            units_limit: 0,
            valid: DateRange { start: NaiveDate::MIN, end: NaiveDate::MAX },
        };
        match caches.get_mut(&PeriodKind::Month) {
            Some(cache) => {
                let series = pool_series(snap, index, &pool, cache);
                (None, series.granted[0], series.used[0])
            }
            None => (None, 0, 0),
        }
    } else {
        (
            Some(pools.iter().map(|p| p.current.limit).sum::<i64>()),
            pools.iter().map(|p| p.current.granted).sum(),
            pools.iter().map(|p| p.current.used).sum(),
        )
    };
    let period = match pools.first() {
        Some(first) if pools.iter().all(|p| p.period_kind == first.period_kind) => Some(first.current.label.clone()),
        None => Some(PeriodKind::Month.label(PeriodKind::Month.containing(day))),
        Some(_) => None,
    };

    let waiting_from = snap.waiting.partition_point(|w| w.service_id < s.id);
    let waiting: Vec<&Waiting> = snap.waiting[waiting_from..].iter().take_while(|w| w.service_id == s.id).collect();

    let hours_from = snap.hours.partition_point(|h| h.service_id < s.id);
    let hours: Vec<Hours> = snap.hours[hours_from..].iter().take_while(|h| h.service_id == s.id).cloned().collect();
    let mut places: Vec<PlaceSummary> = Vec::new();
    for h in &hours {
        if places.iter().any(|p| p.location_id == h.location_id) {
            continue;
        }
        let place = snap.places.get(&h.location_id);
        places.push(PlaceSummary {
            location_id: h.location_id,
            name: h.place.clone(),
            village: place.map(|p| p.village.clone()).unwrap_or_default(),
            gmina: place.map(|p| p.gmina.clone()).unwrap_or_default(),
        });
    }
    let hours_today = hours
        .iter()
        .filter(|h| h.applies_on(day))
        .map(|h| TodayHours { place: h.place.clone(), opens: h.opens, closes: h.closes })
        .collect();
    let open_now = now.map(|at| hours.iter().any(|h| h.open_at(at)));

    let mut provider_ids: Vec<i64> = s.default_provider_id.into_iter().collect();
    for id in snap.pools_of(s.id).iter().filter_map(|p| p.provider_id).chain(hours.iter().filter_map(|h| h.provider_id))
    {
        if !provider_ids.contains(&id) {
            provider_ids.push(id);
        }
    }
    let providers = provider_ids.iter().filter_map(|id| snap.providers.get(id).cloned()).collect();

    ServiceRow {
        id: s.id,
        code: s.code.clone(),
        name: s.name.clone(),
        areas: s.areas.clone(),
        target_groups: s.target_groups.clone(),
        unit: s.unit.clone(),
        provider_ids,
        providers,
        places,
        hours_today,
        hours,
        open_now,
        fee_grosze: s.fee_grosze,
        fee: format_fee(s.fee_grosze, &s.unit),
        access_rule: s.access_rule.clone(),
        people: residents.len(),
        period,
        limit,
        granted,
        used,
        remaining: limit.map(|l| quota::remaining(l, granted)),
        waiting: waiting.len(),
        next_waiting: waiting.first().map(|w| w.resident_name.clone()),
        status: quota::pool_status(limit, granted, waiting.len(), s.suspended),
        suspended: s.suspended,
        pools,
        updated_at: s.updated_at.clone(),
        updated_by: s.updated_by.clone(),
    }
}

/// Loads and computes the table for `day` in one call.
pub fn table(conn: &Connection, day: NaiveDate, now: Option<NaiveDateTime>) -> Result<Vec<ServiceRow>> {
    let snap = load_day(conn, day)?;
    Ok(compute(&snap, day, now))
}

/// What the detail pane shows beyond the row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceDetail {
    pub row: ServiceRow,
    pub description: String,
    pub form: String,
    pub fee_note: String,
    pub delivery_days: i64,
    pub waiting_list: Vec<Waiting>,
}

pub fn detail(snap: &Snapshot, row: &ServiceRow) -> Option<ServiceDetail> {
    let s = snap.service(row.id)?;
    Some(ServiceDetail {
        row: row.clone(),
        description: s.description.clone(),
        form: s.form.clone(),
        fee_note: s.fee_note.clone(),
        delivery_days: s.delivery_days,
        waiting_list: snap.waiting.iter().filter(|w| w.service_id == s.id).cloned().collect(),
    })
}

/// When the service must be open to pass the filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenFilter {
    On(NaiveDate),
    At(NaiveDateTime),
}

/// Filters shared by the view and the command line; empty fields let everything through.
/// Text, area, target group and place compare folded (case and Polish letters ignored), by part.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub text: String,
    pub area: Option<String>,
    pub target_group: Option<String>,
    /// Matches a place's gmina or village.
    pub place: Option<String>,
    pub provider_id: Option<i64>,
    pub open: Option<OpenFilter>,
    pub has_remaining: bool,
}

fn folded_contains(haystack: &str, needle: &str, buf: &mut String) -> bool {
    fold::fold_into(haystack, buf);
    buf.contains(needle)
}

/// The filter's text fields folded once, not once per row.
struct Folded {
    words: Vec<String>,
    area: Option<String>,
    group: Option<String>,
    place: Option<String>,
}

/// Prefixes of the filter line that name a field instead of searching everywhere.
const AREA_PREFIX: &str = "obszar:";
const GROUP_PREFIX: &str = "grupa:";
const PLACE_PREFIX: &str = "gmina:";
const DAY_PREFIX: &str = "dzien:";

impl Filter {
    /// Reads a filter line as typed at the desk: words search everywhere; `obszar:X`, `grupa:X`
    /// and `gmina:X` (a gmina or a village) narrow to one field; `dzień:RRRR-MM-DD` keeps what is
    /// open that day. A prefix compares folded, so `dzien:` and `Gmina:` work too.
    pub fn parse_line(line: &str) -> Filter {
        let mut filter = Filter::default();
        let mut words: Vec<&str> = Vec::new();
        for token in line.split_whitespace() {
            let folded = fold::fold(token);
            let value = |prefix: &str| token.chars().skip(prefix.chars().count()).collect::<String>();
            if folded.starts_with(AREA_PREFIX) {
                filter.area = Some(value(AREA_PREFIX));
            } else if folded.starts_with(GROUP_PREFIX) {
                filter.target_group = Some(value(GROUP_PREFIX));
            } else if folded.starts_with(PLACE_PREFIX) {
                filter.place = Some(value(PLACE_PREFIX));
            } else if let Some(day) =
                folded.strip_prefix(DAY_PREFIX).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            {
                filter.open = Some(OpenFilter::On(day));
            } else {
                words.push(token);
            }
        }
        filter.text = words.join(" ");
        filter
    }

    /// The rows that pass, in their order.
    pub fn apply<'a>(&self, rows: &'a [ServiceRow]) -> Vec<&'a ServiceRow> {
        self.apply_by(rows, |r| r)
    }

    /// The items whose row passes, for callers that keep more than the row per service.
    pub fn apply_by<'a, T>(&self, items: &'a [T], row: impl Fn(&T) -> &ServiceRow) -> Vec<&'a T> {
        let folded = Folded {
            words: fold::fold(&self.text).split_whitespace().map(str::to_string).collect(),
            area: self.area.as_deref().map(fold::fold),
            group: self.target_group.as_deref().map(fold::fold),
            place: self.place.as_deref().map(fold::fold),
        };
        let mut buf = String::new();
        items.iter().filter(|item| self.passes(row(item), &folded, &mut buf)).collect()
    }

    fn passes(&self, r: &ServiceRow, f: &Folded, buf: &mut String) -> bool {
        let text_matches = f.words.iter().all(|w| {
            [r.name.as_str(), r.code.as_str(), r.unit.as_str()]
                .into_iter()
                .chain(r.providers.iter().map(String::as_str))
                .chain(r.areas.iter().map(String::as_str))
                .chain(r.places.iter().map(|p| p.name.as_str()))
                .any(|field| folded_contains(field, w, buf))
        });
        let any_of = |values: &[String], want: &Option<String>, buf: &mut String| {
            want.as_deref().is_none_or(|want| values.iter().any(|v| folded_contains(v, want, buf)))
        };
        let place_matches = f.place.as_deref().is_none_or(|want| {
            r.places.iter().any(|p| folded_contains(&p.gmina, want, buf) || folded_contains(&p.village, want, buf))
        });
        let open_matches = match self.open {
            None => true,
            Some(OpenFilter::On(day)) => r.hours.iter().any(|h| h.applies_on(day)),
            Some(OpenFilter::At(at)) => r.hours.iter().any(|h| h.open_at(at)),
        };
        text_matches
            && place_matches
            && open_matches
            && any_of(&r.areas, &f.area, buf)
            && any_of(&r.target_groups, &f.group, buf)
            && self.provider_id.is_none_or(|p| r.provider_ids.contains(&p))
            && (!self.has_remaining || (!r.suspended && r.remaining.is_none_or(|left| left > 0)))
    }
}

/// Columns the table can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortKey {
    Name,
    Code,
    Area,
    Unit,
    Provider,
    Place,
    Hours,
    Fee,
    People,
    Granted,
    Used,
    Remaining,
    Waiting,
    Status,
    Updated,
}

impl SortKey {
    pub const ALL: [SortKey; 15] = [
        SortKey::Name,
        SortKey::Code,
        SortKey::Area,
        SortKey::Unit,
        SortKey::Provider,
        SortKey::Place,
        SortKey::Hours,
        SortKey::Fee,
        SortKey::People,
        SortKey::Granted,
        SortKey::Used,
        SortKey::Remaining,
        SortKey::Waiting,
        SortKey::Status,
        SortKey::Updated,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::Code => "code",
            SortKey::Area => "area",
            SortKey::Unit => "unit",
            SortKey::Provider => "provider",
            SortKey::Place => "place",
            SortKey::Hours => "hours",
            SortKey::Fee => "fee",
            SortKey::People => "people",
            SortKey::Granted => "granted",
            SortKey::Used => "used",
            SortKey::Remaining => "remaining",
            SortKey::Waiting => "waiting",
            SortKey::Status => "status",
            SortKey::Updated => "updated",
        }
    }

    pub fn from_code(code: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|k| k.code() == code)
    }
}

fn status_rank(status: PoolStatus) -> u8 {
    match status {
        PoolStatus::Ok => 0,
        PoolStatus::Unlimited => 1,
        PoolStatus::Low => 2,
        PoolStatus::Waiting => 3,
        PoolStatus::None => 4,
        PoolStatus::Suspended => 5,
    }
}

/// Sorts rows by one column (text folded, so Ł sorts with L), ties by name then id.
pub fn sort_rows(rows: &mut [&ServiceRow], key: SortKey, descending: bool) {
    sort_by_row(rows, |r| r, key, descending);
}

/// Sorts items by their rows, like [`sort_rows`].
pub fn sort_by_row<T>(items: &mut [&T], row: impl Fn(&T) -> &ServiceRow, key: SortKey, descending: bool) {
    use std::cmp::Ordering;
    let first = |v: &[String]| v.first().map(|s| fold::fold(s)).unwrap_or_default();
    let cmp = |a: &ServiceRow, b: &ServiceRow| -> Ordering {
        match key {
            SortKey::Name => Ordering::Equal,
            SortKey::Code => a.code.cmp(&b.code),
            SortKey::Area => first(&a.areas).cmp(&first(&b.areas)),
            SortKey::Unit => fold::fold(&a.unit).cmp(&fold::fold(&b.unit)),
            SortKey::Provider => first(&a.providers).cmp(&first(&b.providers)),
            SortKey::Place => {
                a.places.first().map(|p| fold::fold(&p.name)).cmp(&b.places.first().map(|p| fold::fold(&p.name)))
            }
            SortKey::Hours => a.hours_today.first().map(|h| h.opens).cmp(&b.hours_today.first().map(|h| h.opens)),
            SortKey::Fee => a.fee_grosze.cmp(&b.fee_grosze),
            SortKey::People => a.people.cmp(&b.people),
            SortKey::Granted => a.granted.cmp(&b.granted),
            SortKey::Used => a.used.cmp(&b.used),
            SortKey::Remaining => a.remaining.unwrap_or(i64::MAX).cmp(&b.remaining.unwrap_or(i64::MAX)),
            SortKey::Waiting => a.waiting.cmp(&b.waiting),
            SortKey::Status => status_rank(a.status).cmp(&status_rank(b.status)),
            SortKey::Updated => a.updated_at.cmp(&b.updated_at),
        }
    };
    items.sort_by(|a, b| {
        let (a, b) = (row(a), row(b));
        let primary = if descending { cmp(b, a) } else { cmp(a, b) };
        primary.then_with(|| fold::fold(&a.name).cmp(&fold::fold(&b.name))).then(a.id.cmp(&b.id))
    });
}
