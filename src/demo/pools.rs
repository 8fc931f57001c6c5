//! Capacity pools sized from what the demo's approved plans grant, so that the service base
//! shows every status: plenty left, little left, none left, none left with people waiting.
//! No pool is ever exceeded in any period; the exhausted ones are exactly full this month.

use super::Generator;
use super::catalogue::{PoolShape, SERVICES};
use crate::domain::period::{DateRange, PeriodKind};
use crate::domain::quota;
use crate::storage::pools::{self, GrantedLine, Pool};
use crate::storage::services::{self, PoolInput};
use crate::storage::{Result, StorageError};
use chrono::{Datelike, Months, NaiveDate};
use std::collections::BTreeMap;

/// Pools with plenty left hold this much more than the busiest period needs.
const HEADROOM: f64 = 1.6;

/// Units granted from a pool, period by period, by the lines that draw from it.
fn granted_by_period(pool: &Pool, lines: &[GrantedLine]) -> BTreeMap<NaiveDate, i64> {
    let mut by_period = BTreeMap::new();
    for line in lines.iter().filter(|l| pools::draws_from(l, pool)) {
        let Some(span) = line.allocation.span.intersect(&pool.valid) else { continue };
        for period in pool.period_kind.periods_touching(span) {
            *by_period.entry(period.start).or_insert(0) += i64::from(line.allocation.units_within(period));
        }
    }
    by_period
}

/// The smallest limit above `busiest` with the headroom, in round tens.
fn plenty(busiest: i64) -> i64 {
    let wanted = (busiest as f64 * HEADROOM).ceil() as i64;
    ((wanted + 9) / 10 * 10).max(10)
}

/// A limit leaving at least one unit and at most a tenth of the limit free over `granted`.
fn little(granted: i64) -> i64 {
    granted + (granted / 12).max(1)
}

impl Generator<'_> {
    pub(super) fn pools(&mut self) -> Result<()> {
        let this_month = self.today.with_day(1).unwrap_or(self.today);
        let valid_from = this_month.checked_sub_months(Months::new(24)).unwrap_or(this_month);
        let far = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(self.today);
        let horizon = DateRange { start: valid_from, end: far };
        let lines = pools::all_approved_lines(self.tx, horizon)?;
        for (index, service) in SERVICES.iter().enumerate() {
            let (kind, providers): (PeriodKind, Vec<Option<i64>>) = match service.pool {
                PoolShape::None => continue,
                PoolShape::Plenty { kind, per_provider: true } => {
                    (kind, service.providers.iter().map(|&p| Some(self.provider_ids[p])).collect())
                }
                PoolShape::Plenty { kind, per_provider: false } => (kind, vec![None]),
                PoolShape::Little | PoolShape::Full | PoolShape::FullWithWaiting => (PeriodKind::Month, vec![None]),
            };
            for provider_id in providers {
                let mut pool = Pool {
                    id: 0,
                    service_id: self.service_ids[index],
                    provider_id,
                    period_kind: kind,
                    units_limit: 0,
                    valid: horizon,
                };
                let by_period = granted_by_period(&pool, &lines);
                let busiest = by_period.values().copied().max().unwrap_or(0);
                let now = by_period.get(&kind.containing(self.today).start).copied().unwrap_or(0);
                pool.units_limit = match service.pool {
                    PoolShape::Little => little(now),
                    PoolShape::Full | PoolShape::FullWithWaiting => now,
                    _ => plenty(busiest),
                };
                if pool.units_limit < busiest {
                    return Err(StorageError::Invalid(format!(
                        "demo: pula usługi {} ({}) byłaby przekroczona: limit {}, najwięcej przyznane {}",
                        service.code, pool.units_limit, pool.units_limit, busiest
                    )));
                }
                let input = PoolInput {
                    service_id: pool.service_id,
                    provider_id: pool.provider_id,
                    period_kind: kind,
                    units_limit: pool.units_limit,
                    valid_from,
                    valid_to: None,
                };
                services::add_pool(self.tx, &self.login, &input)?;
                self.summary.pools += 1;
            }
        }
        self.verify_pools(horizon)
    }

    /// Re-reads every pool and checks each period through the store's own arithmetic.
    fn verify_pools(&self, horizon: DateRange) -> Result<()> {
        let lines = pools::all_approved_lines(self.tx, horizon)?;
        for pool in pools::all_pools(self.tx)? {
            let drawing: Vec<&GrantedLine> = lines.iter().filter(|l| pools::draws_from(l, &pool)).collect();
            let (Some(first), Some(last)) = (
                drawing.iter().map(|l| l.allocation.span.start).min(),
                drawing.iter().map(|l| l.allocation.span.end).max(),
            ) else {
                continue;
            };
            let Some(range) = DateRange::new(first, last).and_then(|r| r.intersect(&pool.valid)) else { continue };
            for period in pool.period_kind.periods_touching(range) {
                let granted = pools::granted(self.tx, &pool, period, None)?;
                quota::check_grant(pool.units_limit, granted, 0).map_err(|e| {
                    StorageError::Invalid(format!(
                        "demo: pula {} w okresie {}: {e}",
                        pool.id,
                        pool.period_kind.label(period)
                    ))
                })?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plenty_leaves_over_a_third_free_in_round_tens() {
        assert_eq!(plenty(0), 10);
        assert_eq!(plenty(52), 90);
        assert!(quota::remaining(plenty(52), 52) * 10 > plenty(52) * 3);
    }

    #[test]
    fn little_leaves_at_most_a_tenth() {
        for granted in [12, 40, 60, 95, 200] {
            let limit = little(granted);
            let left = quota::remaining(limit, granted);
            assert!(left > 0 && left * 10 <= limit, "{granted} → {limit}");
            assert_eq!(quota::pool_status(Some(limit), granted, 0, false), quota::PoolStatus::Low);
        }
    }
}
