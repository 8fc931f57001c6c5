//! The rows of the service base as of one day, and the detail pane of one row.

use super::counters::pool_series;
use super::{
    Closure, Hours, LineIndex, PeriodCache, PeriodCounters, PoolCounters, PoolSeries, ServiceRecord, Snapshot, Waiting,
    load_day, next_period,
};
use crate::domain::holidays::{self, Holiday};
use crate::domain::period::{DateRange, PeriodKind};
use crate::domain::quota::{self, PoolStatus};
use crate::storage::Result;
use crate::storage::pools::Pool;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::Connection;
use serde::Serialize;
use std::collections::HashMap;

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
    /// The statutory holiday on the day asked about.
    pub holiday: Option<Holiday>,
    /// The closure under way on the day asked about.
    pub closure_today: Option<Closure>,
    /// Closures starting after the day asked about.
    pub closures_ahead: Vec<Closure>,
    /// Whether some place is open at the moment asked about (none when no time was given).
    pub open_now: Option<bool>,
    pub fee_grosze: i64,
    pub fee: String,
    pub access_rule: String,
    pub people: usize,
    /// The gminas whose residents alone may have the service; empty when open to all.
    pub gminas: Vec<String>,
    /// Of `people`, how many live in each gmina, by name; those whose gmina is unknown are left out.
    pub people_by_gmina: Vec<(String, usize)>,
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

impl ServiceRow {
    /// The closure under way on `day`, if any.
    pub fn closure_on(&self, day: NaiveDate) -> Option<&Closure> {
        self.closure_today.iter().chain(&self.closures_ahead).find(|c| c.days.contains(day))
    }

    /// Whether some place is open on `day`: hours that hold that day and no closure.
    pub fn open_on(&self, day: NaiveDate) -> bool {
        self.closure_on(day).is_none() && self.hours.iter().any(|h| h.applies_on(day))
    }

    pub fn open_at(&self, at: NaiveDateTime) -> bool {
        self.closure_on(at.date()).is_none() && self.hours.iter().any(|h| h.open_at(at))
    }
}

/// The fee as the desk says it: free, or an amount per unit in złoty.
pub fn format_fee(grosze: i64, unit: &str) -> String {
    if grosze <= 0 {
        return crate::i18n::errors::free_of_charge(crate::i18n::current()).to_string();
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

fn people_by_gmina(snap: &Snapshot, residents: &[i64]) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    for name in residents.iter().filter_map(|r| snap.resident_gminas.get(r)) {
        match out.iter_mut().find(|(n, _)| n == name) {
            Some((_, count)) => *count += 1,
            None => out.push((name.clone(), 1)),
        }
    }
    out.sort();
    out
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
    let closures_from = snap.closures.partition_point(|c| c.service_id < s.id);
    let closures = snap.closures[closures_from..].iter().take_while(|c| c.service_id == s.id);
    let closure_today = closures.clone().find(|c| c.days.contains(day)).cloned();
    let closures_ahead: Vec<Closure> = closures.filter(|c| c.days.start > day).cloned().collect();
    let closed = closure_today.is_some();
    let hours_today = hours
        .iter()
        .filter(|h| !closed && h.applies_on(day))
        .map(|h| TodayHours { place: h.place.clone(), opens: h.opens, closes: h.closes })
        .collect();
    let open_now = now.map(|at| !closed && hours.iter().any(|h| h.open_at(at)));

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
        holiday: holidays::holiday(day),
        closure_today,
        closures_ahead,
        open_now,
        fee_grosze: s.fee_grosze,
        fee: format_fee(s.fee_grosze, &s.unit),
        access_rule: s.access_rule.clone(),
        people: residents.len(),
        gminas: s.gminas.clone(),
        people_by_gmina: people_by_gmina(snap, residents),
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
