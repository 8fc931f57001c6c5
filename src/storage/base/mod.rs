//! The service base (baza usług): one row per service with its hours, fee, people and the units
//! granted, used and remaining in the current period of its pools.
//!
//! Nothing here is stored. [`load`] reads everything it needs with a handful of set queries and
//! [`compute`] aggregates in memory, so the desk can recompute the whole table every refresh.
//! Granted units come from approved plan lines through [`Allocation::units_within`], used units
//! from usage records of those lines, remaining from [`quota::remaining`]. The parts: `load`
//! (the queries), `counters` (units per pool and period), `rows` (the table and the detail
//! pane), `filter` (filtering and sorting for the view and the command line).
//!
//! [`Allocation::units_within`]: crate::domain::plan::Allocation::units_within
//! [`quota::remaining`]: crate::domain::quota::remaining

use super::pools::{GrantRef, GrantedLine, Pool};
use crate::domain::holidays;
use crate::domain::period::DateRange;
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;
use std::collections::HashMap;

mod counters;
mod filter;
mod load;
mod rows;

pub use counters::{LineIndex, PeriodCache, PeriodCounters, PoolCounters, PoolSeries, series};
pub use filter::{Filter, OpenFilter, SortKey, seen_by, sort_by_row, sort_rows};
pub use load::{closures, load, load_day, load_services, next_period, waiting_entries};
pub use rows::{PlaceSummary, ServiceDetail, ServiceRow, TodayHours, compute, detail, format_fee, status_label, table};

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
    /// The gminas whose residents alone may have the service; empty when open to all.
    pub gminas: Vec<String>,
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
    /// The hours hold on statutory holidays too.
    pub on_holidays: bool,
}

impl Hours {
    /// Whether these hours hold on `day`: its weekday, within validity, and not a holiday
    /// unless they say they hold on holidays.
    pub fn applies_on(&self, day: NaiveDate) -> bool {
        self.weekday == day.weekday().number_from_monday()
            && self.valid.contains(day)
            && (self.on_holidays || !holidays::is_holiday(day))
    }

    pub fn open_at(&self, at: NaiveDateTime) -> bool {
        self.applies_on(at.date()) && self.opens <= at.time() && at.time() < self.closes
    }

    pub fn span_text(&self) -> String {
        format!("{}–{}", self.opens.format("%H:%M"), self.closes.format("%H:%M"))
    }
}

/// A temporary closure of a service, first and last day inclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Closure {
    pub id: i64,
    pub service_id: i64,
    pub days: DateRange,
    pub reason: String,
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

/// Usage of one plan line or qualification on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Used {
    pub grant: GrantRef,
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
    /// Usage within `range`, sorted by grant and day.
    pub usage: Vec<Used>,
    /// Unresolved entries, by service and then filing order.
    pub waiting: Vec<Waiting>,
    /// Closures not over by the first day loaded, by service and first day.
    pub closures: Vec<Closure>,
    /// The gmina of each resident holding a loaded line, where the address resolved.
    pub resident_gminas: HashMap<i64, String>,
}
