//! Calendar periods (week, month, quarter, year) and inclusive date ranges.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// An inclusive range of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateRange {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl DateRange {
    pub fn new(start: NaiveDate, end: NaiveDate) -> Option<DateRange> {
        (start <= end).then_some(DateRange { start, end })
    }

    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }

    pub fn intersect(&self, other: &DateRange) -> Option<DateRange> {
        DateRange::new(self.start.max(other.start), self.end.min(other.end))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    Week,
    Month,
    Quarter,
    Year,
}

impl PeriodKind {
    pub const ALL: [PeriodKind; 4] = [PeriodKind::Week, PeriodKind::Month, PeriodKind::Quarter, PeriodKind::Year];

    pub fn code(self) -> &'static str {
        match self {
            PeriodKind::Week => "week",
            PeriodKind::Month => "month",
            PeriodKind::Quarter => "quarter",
            PeriodKind::Year => "year",
        }
    }

    pub fn from_code(code: &str) -> Option<PeriodKind> {
        PeriodKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The calendar period of this kind that contains `day` (weeks start on Monday).
    pub fn containing(self, day: NaiveDate) -> DateRange {
        let start = match self {
            PeriodKind::Week => day - Days::new(u64::from(day.weekday().num_days_from_monday())),
            PeriodKind::Month => day.with_day(1).expect("day 1 exists"),
            PeriodKind::Quarter => {
                NaiveDate::from_ymd_opt(day.year(), (day.month0() / 3) * 3 + 1, 1).expect("quarter start exists")
            }
            PeriodKind::Year => NaiveDate::from_ymd_opt(day.year(), 1, 1).expect("1 January exists"),
        };
        DateRange { start, end: self.next_start(start) - Days::new(1) }
    }

    fn next_start(self, start: NaiveDate) -> NaiveDate {
        match self {
            PeriodKind::Week => start + Days::new(7),
            PeriodKind::Month => start + Months::new(1),
            PeriodKind::Quarter => start + Months::new(3),
            PeriodKind::Year => start + Months::new(12),
        }
    }

    /// Every period of this kind that overlaps `range`, in order.
    pub fn periods_touching(self, range: DateRange) -> impl Iterator<Item = DateRange> {
        let mut next = Some(self.containing(range.start));
        std::iter::from_fn(move || {
            let current = next?;
            let following = self.containing(self.next_start(current.start));
            next = (following.start <= range.end).then_some(following);
            Some(current)
        })
    }

    /// A short label for a period: `2026-11`, `2026-Q4`, `2026`, `2026-W48`.
    pub fn label(self, period: DateRange) -> String {
        let s = period.start;
        match self {
            PeriodKind::Week => format!("{}-W{:02}", s.iso_week().year(), s.iso_week().week()),
            PeriodKind::Month => format!("{}-{:02}", s.year(), s.month()),
            PeriodKind::Quarter => format!("{}-Q{}", s.year(), s.month0() / 3 + 1),
            PeriodKind::Year => format!("{}", s.year()),
        }
    }

    /// Parses a label made by [`PeriodKind::label`] back into its kind and range.
    pub fn parse_label(label: &str) -> Option<(PeriodKind, DateRange)> {
        let label = label.trim();
        // Periods are years of the centre's work (`9999-12` and `0000-01` are typing errors).
        let year = label.get(..4).and_then(|y| y.parse::<i64>().ok())?;
        if label.get(4..).is_some_and(|rest| !rest.is_empty() && !rest.starts_with('-')) {
            return None;
        }
        super::limits::year(year).ok()?;
        if let Some((y, q)) = label.split_once("-Q") {
            let q: u32 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
            let day = NaiveDate::from_ymd_opt(y.parse().ok()?, (q - 1) * 3 + 1, 1)?;
            return Some((PeriodKind::Quarter, PeriodKind::Quarter.containing(day)));
        }
        if let Some((y, w)) = label.split_once("-W") {
            let day = NaiveDate::from_isoywd_opt(y.parse().ok()?, w.parse().ok()?, chrono::Weekday::Mon)?;
            return Some((PeriodKind::Week, PeriodKind::Week.containing(day)));
        }
        if let Some((y, m)) = label.split_once('-') {
            let day = NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, 1)?;
            return Some((PeriodKind::Month, PeriodKind::Month.containing(day)));
        }
        if label.len() == 4 {
            let day = NaiveDate::from_ymd_opt(label.parse().ok()?, 1, 1)?;
            return Some((PeriodKind::Year, PeriodKind::Year.containing(day)));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn finds_the_calendar_period_containing_a_day() {
        assert_eq!(
            PeriodKind::Month.containing(d(2026, 2, 14)),
            DateRange { start: d(2026, 2, 1), end: d(2026, 2, 28) }
        );
        assert_eq!(
            PeriodKind::Quarter.containing(d(2026, 11, 23)),
            DateRange { start: d(2026, 10, 1), end: d(2026, 12, 31) }
        );
        assert_eq!(
            PeriodKind::Week.containing(d(2026, 11, 25)),
            DateRange { start: d(2026, 11, 23), end: d(2026, 11, 29) }
        );
        assert_eq!(PeriodKind::Year.containing(d(2026, 6, 1)).days(), 365);
    }

    #[test]
    fn lists_periods_touching_a_range() {
        let range = DateRange::new(d(2026, 4, 15), d(2026, 6, 1)).unwrap();
        let labels: Vec<String> =
            PeriodKind::Month.periods_touching(range).map(|p| PeriodKind::Month.label(p)).collect();
        assert_eq!(labels, ["2026-04", "2026-05", "2026-06"]);
    }

    #[test]
    fn labels_round_trip() {
        for kind in PeriodKind::ALL {
            let p = kind.containing(d(2026, 11, 23));
            assert_eq!(PeriodKind::parse_label(&kind.label(p)), Some((kind, p)));
        }
        assert_eq!(PeriodKind::parse_label("2026-13"), None);
        assert_eq!(PeriodKind::parse_label("2026-Q5"), None);
        for absurd in ["262142-12", "9999-12", "0000-01", "1999-01", "2101", "+2026-01"] {
            assert_eq!(PeriodKind::parse_label(absurd), None, "{absurd}");
        }
    }
}
