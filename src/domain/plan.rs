//! Rules of the individual plan (IPUS) from the Act of 19 July 2019: the 30-day drafting limit
//! (art. 40), the period of at least 3 months (art. 38) and at most 1 year (art. 40), and the
//! arithmetic of plan lines: an amount per period with optional caps over longer periods.

use super::period::{DateRange, PeriodKind};
use crate::i18n::{current, errors};
use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

pub const DRAFTING_DAYS: u64 = 30;
pub const FOLLOW_UP_MONTHS: u32 = 6;
pub const MONITORING_INTERVAL_MONTHS: u32 = 3;

/// The last day on which a plan may still be drafted for an application filed on `filed_on`.
pub fn drafting_deadline(filed_on: NaiveDate) -> NaiveDate {
    filed_on + Days::new(DRAFTING_DAYS)
}

/// Days left until the drafting deadline; negative when it has passed.
pub fn drafting_days_left(filed_on: NaiveDate, today: NaiveDate) -> i64 {
    (drafting_deadline(filed_on) - today).num_days()
}

/// When the follow-up conversation is due for a plan that ended on `ended_on`.
pub fn follow_up_due(ended_on: NaiveDate) -> NaiveDate {
    ended_on + Months::new(FOLLOW_UP_MONTHS)
}

/// When the next monitoring contact is due, counted from the last contact or the plan start.
pub fn monitoring_due(last_contact_or_start: NaiveDate) -> NaiveDate {
    last_contact_or_start + Months::new(MONITORING_INTERVAL_MONTHS)
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodProblem {
    #[error("{}", errors::period_ends_before_start(current(), .start, .end))]
    EndsBeforeStart { start: NaiveDate, end: NaiveDate },
    #[error("{}", errors::period_longer_than_a_year(current(), .latest_end))]
    LongerThanAYear { latest_end: NaiveDate },
    #[error("{}", errors::period_shorter_than_three_months(current(), .earliest_end))]
    ShorterThanThreeMonths { earliest_end: NaiveDate },
}

/// The latest end of a plan period that starts on `start` (one year, both ends inclusive).
pub fn latest_plan_end(start: NaiveDate) -> NaiveDate {
    start + Months::new(12) - Days::new(1)
}

/// The earliest end of a plan period that starts on `start` (three months, both ends inclusive).
pub fn earliest_plan_end(start: NaiveDate) -> NaiveDate {
    start + Months::new(3) - Days::new(1)
}

pub fn check_plan_period(start: NaiveDate, end: NaiveDate) -> Result<DateRange, PeriodProblem> {
    let range = DateRange::new(start, end).ok_or(PeriodProblem::EndsBeforeStart { start, end })?;
    if end > latest_plan_end(start) {
        return Err(PeriodProblem::LongerThanAYear { latest_end: latest_plan_end(start) });
    }
    if end < earliest_plan_end(start) {
        return Err(PeriodProblem::ShorterThanThreeMonths { earliest_end: earliest_plan_end(start) });
    }
    Ok(range)
}

/// The period an amount is given per.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Per {
    Week,
    Month,
    Year,
    /// The whole span of the plan line.
    Plan,
}

impl Per {
    pub const ALL: [Per; 4] = [Per::Week, Per::Month, Per::Year, Per::Plan];

    pub fn code(self) -> &'static str {
        match self {
            Per::Week => "week",
            Per::Month => "month",
            Per::Year => "year",
            Per::Plan => "plan",
        }
    }

    pub fn from_code(code: &str) -> Option<Per> {
        Per::ALL.into_iter().find(|p| p.code() == code)
    }

    fn calendar(self) -> Option<PeriodKind> {
        match self {
            Per::Week => Some(PeriodKind::Week),
            Per::Month => Some(PeriodKind::Month),
            Per::Year => Some(PeriodKind::Year),
            Per::Plan => None,
        }
    }
}

/// `units` per `per`, e.g. 2 rides a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amount {
    pub units: u32,
    pub per: Per,
}

/// What a plan line grants: an amount per period over a span, with optional caps over longer periods.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allocation {
    pub amount: Amount,
    pub caps: Vec<Amount>,
    pub span: DateRange,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AllocationProblem {
    #[error("{}", errors::zero_amount(current()))]
    ZeroAmount,
    #[error("{}", errors::cap_not_longer(current(), .cap_units, .cap_per))]
    CapNotLonger { cap_units: u32, cap_per: &'static str },
    #[error("{}", errors::outside_plan(current(), .span_start, .span_end))]
    OutsidePlan { span_start: NaiveDate, span_end: NaiveDate },
    #[error("{}", errors::too_many_units(current(), .units, .max))]
    TooLarge { units: u32, max: u32 },
}

/// More units than this in one period of a plan line is a typing error (a year holds 8 760 hours).
pub const MAX_UNITS: u32 = super::limits::MAX_LINE_UNITS as u32;

fn per_rank(per: Per) -> u8 {
    match per {
        Per::Week => 0,
        Per::Month => 1,
        Per::Year => 2,
        Per::Plan => 3,
    }
}

impl Allocation {
    pub fn check(&self, plan: DateRange) -> Result<(), AllocationProblem> {
        if self.amount.units == 0 {
            return Err(AllocationProblem::ZeroAmount);
        }
        if let Some(units) = std::iter::once(&self.amount).chain(&self.caps).map(|a| a.units).find(|&u| u > MAX_UNITS) {
            return Err(AllocationProblem::TooLarge { units, max: MAX_UNITS });
        }
        for cap in &self.caps {
            if per_rank(cap.per) <= per_rank(self.amount.per) {
                return Err(AllocationProblem::CapNotLonger { cap_units: cap.units, cap_per: cap.per.code() });
            }
        }
        if self.span.start < plan.start || self.span.end > plan.end {
            return Err(AllocationProblem::OutsidePlan { span_start: self.span.start, span_end: self.span.end });
        }
        Ok(())
    }

    /// Units of `amount` falling into `interval`, prorated by days for partial periods.
    fn prorated(&self, amount: Amount, interval: DateRange) -> f64 {
        let Some(overlap) = self.span.intersect(&interval) else { return 0.0 };
        let units = f64::from(amount.units);
        match amount.per.calendar() {
            None => units * overlap.days() as f64 / self.span.days() as f64,
            Some(kind) => kind
                .periods_touching(overlap)
                .map(|p| {
                    let inside = p.intersect(&overlap).map_or(0, |r| r.days());
                    units * inside as f64 / p.days() as f64
                })
                .sum(),
        }
    }

    /// The units granted by this line within `interval`: the prorated amount, but within every
    /// calendar period of a cap no more than the cap (2 a month, at most 6 a year).
    pub fn units_within(&self, interval: DateRange) -> u32 {
        let Some(overlap) = self.span.intersect(&interval) else { return 0 };
        let mut granted = self.prorated(self.amount, overlap);
        for cap in &self.caps {
            let capped: f64 = match cap.per.calendar() {
                None => self.prorated(self.amount, overlap).min(f64::from(cap.units)),
                Some(kind) => kind
                    .periods_touching(overlap)
                    .map(|p| {
                        let part = p.intersect(&overlap).expect("period touches the overlap");
                        self.prorated(self.amount, part).min(f64::from(cap.units))
                    })
                    .sum(),
            };
            granted = granted.min(capped);
        }
        // Round up: a started week of care is a promised week of care.
        (granted - 1e-9).ceil().max(0.0) as u32
    }

    /// The period of the amount that `day` falls in, within the span: the calendar month of
    /// "2 a month", the whole span of an amount per plan.
    pub fn period_of(&self, day: NaiveDate) -> Option<DateRange> {
        match self.amount.per.calendar() {
            None => self.span.contains(day).then_some(self.span),
            Some(kind) => kind.containing(day).intersect(&self.span),
        }
    }

    /// The units granted over the whole span.
    pub fn total_units(&self) -> u32 {
        self.units_within(self.span)
    }

    /// Whether recording `units` more on `day`, on top of `used` (every earlier usage record as
    /// day and units), stays within what the line grants: in the amount's period, in every cap's
    /// period and over the whole span.
    pub fn check_usage(&self, used: &[(NaiveDate, u32)], day: NaiveDate, units: u32) -> Result<(), UsageProblem> {
        if !self.span.contains(day) {
            return Err(UsageProblem::OutsideSpan { day, start: self.span.start, end: self.span.end });
        }
        let mut windows = vec![self.span];
        for per in std::iter::once(self.amount.per).chain(self.caps.iter().map(|c| c.per)) {
            if let Some(kind) = per.calendar() {
                windows.push(kind.containing(day).intersect(&self.span).expect("day is inside the span"));
            }
        }
        for window in windows {
            let granted = self.units_within(window);
            // Saturating: a huge request must be refused, not wrap around to a small one.
            let already =
                used.iter().filter(|(d, _)| window.contains(*d)).fold(0u32, |sum, (_, u)| sum.saturating_add(*u));
            if already.saturating_add(units) > granted {
                return Err(UsageProblem::OverGranted {
                    from: window.start,
                    to: window.end,
                    granted,
                    already,
                    requested: units,
                });
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UsageProblem {
    #[error("{}", errors::usage_outside_span(current(), .day, .start, .end))]
    OutsideSpan { day: NaiveDate, start: NaiveDate, end: NaiveDate },
    #[error("{}", errors::usage_over_granted(current(), .from, .to, .granted, .already, .requested))]
    OverGranted { from: NaiveDate, to: NaiveDate, granted: u32, already: u32, requested: u32 },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn range(a: NaiveDate, b: NaiveDate) -> DateRange {
        DateRange::new(a, b).unwrap()
    }

    #[test]
    fn the_period_of_a_day_is_its_calendar_period_within_the_span_or_the_whole_span() {
        let span = range(d(2026, 4, 10), d(2026, 12, 31));
        let monthly = Allocation { amount: Amount { units: 2, per: Per::Month }, caps: Vec::new(), span };
        assert_eq!(monthly.period_of(d(2026, 11, 23)), Some(range(d(2026, 11, 1), d(2026, 11, 30))));
        assert_eq!(monthly.period_of(d(2026, 4, 20)), Some(range(d(2026, 4, 10), d(2026, 4, 30))));
        assert_eq!(monthly.period_of(d(2027, 1, 5)), None);
        let whole = Allocation { amount: Amount { units: 20, per: Per::Plan }, ..monthly };
        assert_eq!(whole.period_of(d(2026, 11, 23)), Some(span));
    }

    #[test]
    fn counts_thirty_days_from_the_application() {
        assert_eq!(drafting_deadline(d(2026, 11, 1)), d(2026, 12, 1));
        assert_eq!(drafting_days_left(d(2026, 11, 1), d(2026, 11, 23)), 8);
        assert_eq!(drafting_days_left(d(2026, 10, 1), d(2026, 11, 23)), -23);
    }

    #[test]
    fn accepts_periods_from_three_months_to_one_year() {
        assert!(check_plan_period(d(2026, 1, 1), d(2026, 12, 31)).is_ok());
        assert!(check_plan_period(d(2026, 1, 1), d(2026, 3, 31)).is_ok());
        assert!(check_plan_period(d(2026, 4, 1), d(2026, 12, 31)).is_ok());
    }

    #[test]
    fn refuses_a_period_longer_than_a_year() {
        assert_eq!(
            check_plan_period(d(2026, 1, 1), d(2027, 1, 1)),
            Err(PeriodProblem::LongerThanAYear { latest_end: d(2026, 12, 31) })
        );
    }

    #[test]
    fn refuses_a_period_shorter_than_three_months_or_reversed() {
        assert_eq!(
            check_plan_period(d(2026, 1, 1), d(2026, 3, 30)),
            Err(PeriodProblem::ShorterThanThreeMonths { earliest_end: d(2026, 3, 31) })
        );
        assert!(matches!(check_plan_period(d(2026, 5, 1), d(2026, 4, 1)), Err(PeriodProblem::EndsBeforeStart { .. })));
    }

    #[test]
    fn follow_up_is_six_months_after_the_end() {
        assert_eq!(follow_up_due(d(2026, 8, 31)), d(2027, 2, 28));
    }

    fn taxi() -> Allocation {
        Allocation {
            amount: Amount { units: 2, per: Per::Month },
            caps: vec![Amount { units: 6, per: Per::Year }],
            span: range(d(2026, 1, 1), d(2026, 12, 31)),
        }
    }

    #[test]
    fn senior_taxi_two_a_month_at_most_six_a_year() {
        let t = taxi();
        assert_eq!(t.units_within(PeriodKind::Month.containing(d(2026, 3, 5))), 2);
        assert_eq!(t.units_within(PeriodKind::Quarter.containing(d(2026, 3, 5))), 6);
        assert_eq!(t.total_units(), 6);
    }

    #[test]
    fn weekly_care_prorates_partial_weeks_and_rounds_up() {
        let care = Allocation {
            amount: Amount { units: 6, per: Per::Week },
            caps: vec![],
            span: range(d(2026, 4, 1), d(2026, 12, 31)),
        };
        // November 2026 has 30 days: 6 × 30 / 7 = 25.7, rounded up.
        assert_eq!(care.units_within(PeriodKind::Month.containing(d(2026, 11, 1))), 26);
        // Nothing before the span starts.
        assert_eq!(care.units_within(PeriodKind::Month.containing(d(2026, 3, 1))), 0);
    }

    #[test]
    fn handyman_four_jobs_a_year_over_part_of_a_year() {
        let handyman = Allocation {
            amount: Amount { units: 4, per: Per::Year },
            caps: vec![],
            span: range(d(2026, 1, 1), d(2026, 12, 31)),
        };
        assert_eq!(handyman.total_units(), 4);
        assert_eq!(handyman.units_within(PeriodKind::Month.containing(d(2026, 1, 1))), 1);
    }

    #[test]
    fn whole_plan_amounts_spread_over_the_span() {
        let loan = Allocation {
            amount: Amount { units: 10, per: Per::Plan },
            caps: vec![],
            span: range(d(2026, 1, 1), d(2026, 10, 31)),
        };
        assert_eq!(loan.total_units(), 10);
        assert_eq!(loan.units_within(PeriodKind::Year.containing(d(2026, 5, 1))), 10);
    }

    #[test]
    fn refuses_caps_over_shorter_periods_and_zero_amounts() {
        let plan = range(d(2026, 1, 1), d(2026, 12, 31));
        let mut bad = taxi();
        bad.caps = vec![Amount { units: 1, per: Per::Week }];
        assert!(matches!(bad.check(plan), Err(AllocationProblem::CapNotLonger { .. })));
        let mut zero = taxi();
        zero.amount.units = 0;
        assert_eq!(zero.check(plan), Err(AllocationProblem::ZeroAmount));
        assert!(taxi().check(range(d(2026, 2, 1), d(2026, 12, 31))).is_err());
    }

    #[test]
    fn refuses_a_third_taxi_ride_in_a_month_and_a_seventh_in_a_year() {
        let t = taxi();
        let used = vec![(d(2026, 1, 3), 1), (d(2026, 1, 20), 1)];
        assert!(matches!(t.check_usage(&used, d(2026, 1, 28), 1), Err(UsageProblem::OverGranted { granted: 2, .. })));
        assert!(t.check_usage(&used, d(2026, 2, 2), 1).is_ok());
        let six: Vec<_> = (1..=3).flat_map(|m| [(d(2026, m, 2), 1), (d(2026, m, 9), 1)]).collect();
        assert!(matches!(t.check_usage(&six, d(2026, 5, 2), 1), Err(UsageProblem::OverGranted { granted: 6, .. })));
        assert!(matches!(t.check_usage(&[], d(2027, 1, 2), 1), Err(UsageProblem::OutsideSpan { .. })));
    }

    #[test]
    fn refuses_amounts_and_caps_no_plan_could_mean() {
        let plan = range(d(2026, 1, 1), d(2026, 12, 31));
        let mut huge = taxi();
        huge.amount.units = u32::MAX;
        assert_eq!(huge.check(plan), Err(AllocationProblem::TooLarge { units: u32::MAX, max: MAX_UNITS }));
        let mut capped = taxi();
        capped.caps[0].units = MAX_UNITS + 1;
        assert!(matches!(capped.check(plan), Err(AllocationProblem::TooLarge { .. })));
        let mut most = taxi();
        most.amount.units = MAX_UNITS;
        most.caps.clear();
        assert_eq!(most.check(plan), Ok(()));
    }

    #[test]
    fn refuses_usage_so_large_that_adding_it_would_wrap_around() {
        let t = taxi();
        let used = vec![(d(2026, 1, 3), 1)];
        assert!(matches!(t.check_usage(&used, d(2026, 1, 28), u32::MAX), Err(UsageProblem::OverGranted { .. })));
        assert!(matches!(t.check_usage(&[], d(2026, 1, 28), u32::MAX), Err(UsageProblem::OverGranted { .. })));
    }
}
