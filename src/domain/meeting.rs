//! The centre's own calendar: the organiser meets the coordinators at least every 3 months
//! (art. 46 ust. 2), and the summary of all plans is made every 6 months, for each half-year.

use chrono::{Datelike, Months, NaiveDate};

/// The longest the organiser may go without meeting the coordinators.
pub const MEETING_EVERY_MONTHS: u32 = 3;

/// The day the next meeting is due: 3 months after the last one; with none recorded, today.
pub fn next_meeting_due(last: Option<NaiveDate>, today: NaiveDate) -> NaiveDate {
    last.and_then(|d| d.checked_add_months(Months::new(MEETING_EVERY_MONTHS))).unwrap_or(today)
}

/// The summary of a half-year is due on its last day: 30 June or 31 December.
pub fn half_year_summary_due(today: NaiveDate) -> NaiveDate {
    let (month, day) = if today.month() <= 6 { (6, 30) } else { (12, 31) };
    NaiveDate::from_ymd_opt(today.year(), month, day).unwrap_or(today)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_meeting_is_due_three_months_after_the_last() {
        assert_eq!(next_meeting_due(Some(d("2026-08-31")), d("2026-09-01")), d("2026-11-30"));
        assert_eq!(next_meeting_due(Some(d("2026-01-15")), d("2026-09-01")), d("2026-04-15"));
        assert_eq!(next_meeting_due(None, d("2026-09-01")), d("2026-09-01"));
    }

    #[test]
    fn the_summary_is_due_at_the_end_of_the_half_year() {
        assert_eq!(half_year_summary_due(d("2026-01-01")), d("2026-06-30"));
        assert_eq!(half_year_summary_due(d("2026-06-30")), d("2026-06-30"));
        assert_eq!(half_year_summary_due(d("2026-07-01")), d("2026-12-31"));
    }
}
