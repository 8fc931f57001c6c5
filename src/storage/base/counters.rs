//! Granted and used units of every pool over its periods, computed in memory from the snapshot:
//! lines alike share one computation per period.

use super::{ServiceRecord, Snapshot, Used};
use crate::domain::period::{DateRange, PeriodKind};
use crate::domain::plan::Per;
use crate::storage::pools::{self, GrantedLine, Pool};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;

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

fn usage_of(snap: &Snapshot, grant: pools::GrantRef) -> &[Used] {
    let from = snap.usage.partition_point(|u| u.grant < grant);
    let to = from + snap.usage[from..].partition_point(|u| u.grant == grant);
    &snap.usage[from..to]
}

impl Snapshot {
    pub fn limit_for(&self, pool: &Pool, period: DateRange) -> i64 {
        self.overrides.get(&(pool.id, period.start)).copied().unwrap_or(pool.units_limit)
    }

    pub fn service(&self, id: i64) -> Option<&ServiceRecord> {
        self.services.binary_search_by_key(&id, |s| s.id).ok().map(|i| &self.services[i])
    }

    pub(super) fn pools_of(&self, service_id: i64) -> &[Pool] {
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
        for used in usage_of(snap, line.grant()) {
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

pub(super) fn pool_series(snap: &Snapshot, index: &LineIndex, pool: &Pool, cache: &mut PeriodCache) -> PoolSeries {
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
