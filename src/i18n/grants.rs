//! Texts of qualifications (art. 42), refusals and the waiting list, for the command line and
//! the desk, Polish and English. Names and numbers from the database arrive already made safe.

use super::{Lang, current};
use chrono::NaiveDate;

macro_rules! say {
    ($pl:expr, $en:expr $(,)?) => {
        match current() {
            Lang::Pl => $pl.into(),
            Lang::En => $en.into(),
        }
    };
}

pub fn qualified(id: i64, application: i64, service: &str, amount: &str, from: NaiveDate, to: NaiveDate) -> String {
    say!(
        format!("Zakwalifikowano (nr {id}): wniosek nr {application}, {service}, {amount}, {from} – {to}"),
        format!("Qualified (no. {id}): application no. {application}, {service}, {amount}, {from} – {to}"),
    )
}

pub fn refused(application: i64, service: &str, decision: &str, on: NaiveDate, appeal_until: NaiveDate) -> String {
    say!(
        format!(
            "Wniosek nr {application}: odmowa zakwalifikowania do usługi {service}, decyzja {decision} z {on}; odwołanie do {appeal_until}"
        ),
        format!(
            "Application no. {application}: qualification for {service} refused, decision {decision} of {on}; appeal by {appeal_until}"
        ),
    )
}

pub fn left(entry: i64, reason: &str) -> String {
    say!(format!("Wpis nr {entry} zamknięto: {reason}"), format!("Entry no. {entry} closed: {reason}"))
}

pub fn leave_reason(code: &str) -> &'static str {
    match (current(), code) {
        (Lang::Pl, "przyznano") => "otrzymał(a) usługę",
        (Lang::Pl, "rezygnacja") => "rezygnacja",
        (Lang::Pl, "wyprowadzka") => "wyprowadzka",
        (Lang::En, "przyznano") => "got the service",
        (Lang::En, "rezygnacja") => "resigned",
        (Lang::En, "wyprowadzka") => "moved away",
        _ => "?",
    }
}

pub fn bad_leave_reason(value: &str) -> String {
    say!(
        format!("--reason: nieznany powód „{value}”; dozwolone: przyznano, rezygnacja, wyprowadzka"),
        format!("--reason: unknown reason \"{value}\"; allowed: przyznano, rezygnacja, wyprowadzka"),
    )
}

pub fn nobody_waits(service: &str) -> String {
    say!(format!("Nikt nie czeka na usługę {service}"), format!("Nobody waits for the service {service}"))
}

pub fn waitlist_heading() -> [&'static str; 6] {
    match current() {
        Lang::Pl => ["wpis", "wniosek", "mieszkaniec", "złożony", "czeka dni", "jednostek"],
        Lang::En => ["entry", "application", "resident", "filed", "days waited", "units"],
    }
}

pub fn may_join_waitlist(application: i64) -> String {
    say!(
        format!("wniosek może czekać na zwolnienie miejsc: okienko waitlist add {application} --service KOD --units N"),
        format!(
            "the application may wait for places to free up: okienko waitlist add {application} --service CODE --units N"
        ),
    )
}

pub fn may_give_queue_reason() -> String {
    say!(
        "aby przyznać mimo to, podaj powód: --queue-reason \"…\" (trafi do dziennika i do podsumowania półrocznego)",
        "to grant it all the same, give the reason: --queue-reason \"…\" (it goes into the audit log and the half-year summary)",
    )
}

pub fn freed_places(service: &str, remaining: i64, first: &str, filed: NaiveDate, waiting: usize) -> String {
    say!(
        format!(
            "zwolniły się miejsca: {service} (pozostało {remaining}); pierwsza w kolejce: {first}, wniosek z {filed}; czeka {waiting}"
        ),
        format!(
            "places have freed: {service} ({remaining} left); first in the queue: {first}, application of {filed}; {waiting} waiting"
        ),
    )
}
