//! The waiting list of a service whose pool is exhausted: served in the order applications were
//! filed; leaving it keeps the entry with its reason.

use chrono::NaiveDate;

/// One person waiting for a service: their application and the day it was filed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Waiter {
    pub application_id: i64,
    pub filed_on: NaiveDate,
}

/// The people who wait for a service ahead of a grant on `application` (filed on its day, or
/// `None` for a grant with no application): every open entry of another application filed
/// earlier, or on the same day with a lower number. The list is served in filing order, so a
/// grant that would take units while they wait needs a recorded reason.
pub fn waiting_ahead(waiting: &[Waiter], application: Option<Waiter>) -> Vec<Waiter> {
    waiting
        .iter()
        .filter(|w| match application {
            None => true,
            Some(me) => {
                w.application_id != me.application_id
                    && (w.filed_on, w.application_id) < (me.filed_on, me.application_id)
            }
        })
        .copied()
        .collect()
}

/// Why a person left the waiting list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LeaveReason {
    /// Got the service (a plan line or a qualification).
    Granted,
    Resigned,
    MovedAway,
}

impl LeaveReason {
    pub const ALL: [LeaveReason; 3] = [LeaveReason::Granted, LeaveReason::Resigned, LeaveReason::MovedAway];

    pub fn code(self) -> &'static str {
        match self {
            LeaveReason::Granted => "przyznano",
            LeaveReason::Resigned => "rezygnacja",
            LeaveReason::MovedAway => "wyprowadzka",
        }
    }

    pub fn from_code(code: &str) -> Option<LeaveReason> {
        LeaveReason::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// Days a person has waited on `today` since their application was filed.
pub fn days_waited(filed_on: NaiveDate, today: NaiveDate) -> i64 {
    (today - filed_on).num_days().max(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_earlier_applications_wait_ahead() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let w = |id, s| Waiter { application_id: id, filed_on: d(s) };
        let list = [w(5, "2026-10-01"), w(9, "2026-10-20"), w(7, "2026-12-01")];
        assert_eq!(waiting_ahead(&list, Some(w(8, "2026-12-01"))), vec![list[0], list[1], list[2]]);
        assert_eq!(waiting_ahead(&list, Some(w(6, "2026-12-01"))), vec![list[0], list[1]]);
        assert_eq!(waiting_ahead(&list, Some(w(9, "2026-10-20"))), vec![list[0]]);
        assert_eq!(waiting_ahead(&list, Some(w(4, "2026-09-01"))), vec![]);
        assert_eq!(waiting_ahead(&list, None).len(), 3);
    }

    #[test]
    fn days_waited_count_from_the_filing() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(days_waited(d("2026-10-01"), d("2026-12-01")), 61);
        assert_eq!(days_waited(d("2026-12-02"), d("2026-12-01")), 0);
    }
}
