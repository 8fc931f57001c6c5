//! The plan's checks and the differences between versions, in both languages. The domain
//! produces typed findings and changes; their words come from here, in [`super::current`].

use super::{Forms, Lang, count, current};
use std::fmt::Display;

const DAYS_PL: Forms = Forms { one: "dzień", few: "dni", many: "dni" };
const DAYS_EN: Forms = Forms { one: "day", few: "days", many: "days" };

/// Where a plan check found something.
pub fn field_period(lang: Lang) -> &'static str {
    match lang {
        Lang::Pl => "okres planu",
        Lang::En => "plan period",
    }
}

pub fn field_deadline(lang: Lang) -> &'static str {
    match lang {
        Lang::Pl => "termin",
        Lang::En => "deadline",
    }
}

pub fn field_services(lang: Lang) -> &'static str {
    match lang {
        Lang::Pl => "usługi",
        Lang::En => "services",
    }
}

pub fn field_line(lang: Lang, position: usize) -> String {
    match lang {
        Lang::Pl => format!("pozycja {position}"),
        Lang::En => format!("line {position}"),
    }
}

pub fn field_action(lang: Lang, position: usize) -> String {
    match lang {
        Lang::Pl => format!("działanie wspierające {position}"),
        Lang::En => format!("supporting action {position}"),
    }
}

pub fn severity(lang: Lang, error: bool) -> &'static str {
    match (lang, error) {
        (Lang::Pl, true) => "błąd",
        (Lang::Pl, false) => "uwaga",
        (Lang::En, true) => "error",
        (Lang::En, false) => "warning",
    }
}

pub fn deadline_passed(filed: impl Display, deadline: impl Display, days_ago: i64) -> String {
    match current() {
        Lang::Pl => format!(
            "minęło 30 dni od wniosku z {filed} (art. 40): termin upłynął {deadline} ({} temu)",
            count(Lang::Pl, days_ago, DAYS_PL)
        ),
        Lang::En => format!(
            "30 days have passed since the application of {filed} (art. 40): the deadline was {deadline} ({} ago)",
            count(Lang::En, days_ago, DAYS_EN)
        ),
    }
}

pub fn describe_needs() -> &'static str {
    match current() {
        Lang::Pl => "opisz potrzeby, na które odpowiada plan",
        Lang::En => "describe the needs the plan answers",
    }
}

pub fn at_least_one_service() -> &'static str {
    match current() {
        Lang::Pl => "plan musi zawierać co najmniej jedną usługę (art. 39)",
        Lang::En => "a plan holds at least one service (art. 39)",
    }
}

pub fn service_suspended(service: impl Display) -> String {
    match current() {
        Lang::Pl => format!("usługa {service} jest zawieszona przez organizatora"),
        Lang::En => format!("the organiser has suspended the service {service}"),
    }
}

pub fn service_for_gminas_only(service: impl Display, gminas: impl Display) -> String {
    match current() {
        Lang::Pl => format!("usługa {service} jest tylko dla mieszkańców gmin: {gminas}"),
        Lang::En => format!("the service {service} is only for residents of the gminas: {gminas}"),
    }
}

pub fn line_ends_before_start(ends: impl Display, starts: impl Display) -> String {
    match current() {
        Lang::Pl => format!("koniec ({ends}) jest przed początkiem ({starts})"),
        Lang::En => format!("the end ({ends}) is before the start ({starts})"),
    }
}

pub fn describe_action() -> &'static str {
    match current() {
        Lang::Pl => "opisz, na czym polega działanie",
        Lang::En => "describe what the action is",
    }
}

/// `harmonogram: …` — a problem of one of a line's fields, named by its field key.
pub fn of_field(field: &str, problem: impl Display) -> String {
    format!("{}: {problem}", super::errors::field_name(current(), field))
}

pub fn schedule_required() -> String {
    let problem = match current() {
        Lang::Pl => "podaj harmonogram realizacji (art. 39)",
        Lang::En => "give the schedule of delivery (art. 39)",
    };
    of_field("harmonogram", problem)
}

pub fn place_required() -> String {
    let problem = match current() {
        Lang::Pl => "podaj miejsce i formę realizacji (art. 39)",
        Lang::En => "give the place and form of delivery (art. 39)",
    };
    of_field("miejsce i forma", problem)
}

pub fn provider_problem(problem: impl Display) -> String {
    of_field("realizator", problem)
}

pub fn provider_required(lang: Lang) -> &'static str {
    match lang {
        Lang::Pl => "usługa ma pule dla realizatorów: wskaż realizatora",
        Lang::En => "the service has pools per provider: name the provider",
    }
}

pub fn provider_has_no_pool(lang: Lang) -> &'static str {
    match lang {
        Lang::Pl => "ten realizator nie ma puli tej usługi: wybierz realizatora z pulą",
        Lang::En => "this provider has no pool of this service: choose a provider with a pool",
    }
}

/// `2 / miesiąc, najwyżej 6 / rok`: the second part.
pub fn at_most() -> &'static str {
    match current() {
        Lang::Pl => ", najwyżej ",
        Lang::En => ", at most ",
    }
}

pub fn changed_since_read(version: impl Display, by: impl Display, at: impl Display) -> String {
    match current() {
        Lang::Pl => format!("wersja {version} zmieniła się od odczytu (zmienił {by} o {at}); przeczytaj ją ponownie"),
        Lang::En => format!("version {version} changed since it was read ({by} at {at}); read it again"),
    }
}

pub fn no_room_in_pool(shortfalls: impl Display) -> String {
    match current() {
        Lang::Pl => format!("nie można zatwierdzić — brak miejsc w puli: {shortfalls}"),
        Lang::En => format!("cannot approve — no room in the pool: {shortfalls}"),
    }
}

pub struct Shortfall<'a> {
    pub position: i64,
    pub service: &'a str,
    pub period: &'a str,
    pub limit: i64,
    pub granted: i64,
    pub left: i64,
    pub needed: i64,
}

pub fn shortfall(s: &Shortfall<'_>) -> String {
    let Shortfall { position, service, period, limit, granted, left, needed } = s;
    match current() {
        Lang::Pl => format!(
            "pozycja {position} ({service}): w okresie {period} pula {limit}, przyznano już {granted}, pozostało {left}, pozycja potrzebuje {needed}"
        ),
        Lang::En => format!(
            "line {position} ({service}): in {period} the pool holds {limit}, {granted} granted, {left} left, the line needs {needed}"
        ),
    }
}
