//! Report titles, table headings and fixed cells, for text, CSV and PDF alike. Figures and names
//! from the database are not here.

use super::{Lang, current};

/// The heading row in the process's language.
fn pick(pl: &[&'static str], en: &[&'static str]) -> Vec<&'static str> {
    match current() {
        Lang::Pl => pl.to_vec(),
        Lang::En => en.to_vec(),
    }
}

macro_rules! say {
    ($pl:expr, $en:expr $(,)?) => {
        match current() {
            Lang::Pl => $pl.into(),
            Lang::En => $en.into(),
        }
    };
}

/// A pool's counting period, as in "limit per month".
pub fn period_name(code: &str) -> &str {
    super::codes::per(code)
}

/// Where a plan stands in the half-year summary: version states and how plans ended.
pub fn plan_standing(code: &str) -> String {
    let pl_en = match code {
        "szkic" => ("szkic", "draft"),
        "złożony" => ("złożony do zatwierdzenia", "submitted for approval"),
        "zatwierdzony" => ("zatwierdzony (w realizacji)", "approved (in progress)"),
        "zwrócony" => ("zwrócony do poprawy", "returned for corrections"),
        "zastąpiony" => ("zastąpiony", "superseded"),
        "zakończony" => ("zakończony", "completed"),
        "rezygnacja" => ("zakończony rezygnacją", "ended by resignation"),
        other => return other.to_string(),
    };
    say!(pl_en.0, pl_en.1)
}

pub fn period(range: &str) -> String {
    say!(format!("Okres: {range}"), format!("Period: {range}"))
}

pub fn summary_title() -> String {
    say!(
        "Podsumowanie indywidualnych planów usług społecznych (art. 46)",
        "Summary of individual social service plans (art. 46)",
    )
}

pub fn plans_by_state() -> (String, Vec<&'static str>) {
    (say!("Plany według stanu", "Plans by state"), pick(&["stan", "plany"], &["state", "plans"]))
}

pub fn services_granted_used() -> (String, Vec<&'static str>) {
    (
        say!("Usługi: przyznano i wykorzystano", "Services: granted and used"),
        pick(
            &["kod", "usługa", "jednostka", "osoby", "przyznano", "na cały plan", "wykorzystano"],
            &["code", "service", "unit", "people", "granted", "whole plan", "used"],
        ),
    )
}

/// How the granted columns are counted, for the notes under a report that has them.
pub fn granted_notes() -> (String, Vec<&'static str>) {
    (say!("Uwagi", "Notes"), pick(&["uwaga"], &["note"]))
}

pub fn granted_note() -> Vec<String> {
    match current() {
        Lang::Pl => vec![
            "przyznano: jednostki na tydzień, miesiąc lub rok, policzone w okresie raportu".into(),
            "na cały plan: przydział na cały okres pozycji (np. 10 na plan), w całości, bez dzielenia na okresy".into(),
        ],
        Lang::En => vec![
            "granted: units per week, month or year, counted within the report's period".into(),
            "whole plan: an amount for a line's whole span (e.g. 10 over the plan), in full, never split by period"
                .into(),
        ],
    }
}

pub fn completed_plans() -> (String, Vec<&'static str>) {
    (
        say!("Plany zakończone: przebieg i rezultaty", "Completed plans: course and results"),
        pick(
            &["plan", "koordynator", "zakończony", "rozmowa podsumowująca", "przebieg", "rezultaty"],
            &["plan", "coordinator", "ended", "summary conversation", "course", "results"],
        ),
    )
}

pub fn resignations() -> (String, Vec<&'static str>) {
    (
        say!("Rezygnacje", "Resignations"),
        pick(&["plan", "usługa", "dnia", "dyrektor poinformowany"], &["plan", "service", "on", "director informed"]),
    )
}

pub fn qualifications() -> (String, Vec<&'static str>) {
    (
        say!(
            "Zakwalifikowania do jednej usługi bez IPUS (art. 42)",
            "Single services granted without an IPUS (art. 42)"
        ),
        pick(&["usługa", "osoby"], &["service", "people"]),
    )
}

pub fn refusals() -> (String, Vec<&'static str>) {
    (
        say!("Odmowy zakwalifikowania (decyzje)", "Refusals to qualify (decisions)"),
        pick(&["decyzja", "z dnia", "usługa", "uzasadnienie"], &["decision", "dated", "service", "grounds"]),
    )
}

pub fn queue_bypasses() -> (String, Vec<&'static str>) {
    (
        say!("Przyznano przed osobami z listy oczekujących", "Granted ahead of people on the waiting list"),
        pick(
            &["usługa", "czekało osób", "powód", "przyznał", "dnia"],
            &["service", "people waiting", "reason", "granted by", "on"],
        ),
    )
}

pub fn whole_plan() -> String {
    say!("cały plan", "whole plan")
}

pub fn no() -> String {
    say!("nie", "no")
}

pub fn indicators_title(quarter: &str) -> String {
    say!(format!("Wskaźniki kwartalne {quarter}"), format!("Quarterly indicators {quarter}"))
}

pub fn indicators_table() -> (String, Vec<&'static str>) {
    (say!("Wskaźniki", "Indicators"), pick(&["wskaźnik", "wartość", "szczegóły"], &["indicator", "value", "details"]))
}

/// The rows of the indicators table, in order: new clients, new services, partner providers,
/// volunteers, volunteer hours.
pub fn indicator_names() -> [String; 6] {
    [
        say!("nowi klienci, wcześniej nieznani (spoza POMOST)", "new clients, unknown before (not in POMOST)"),
        say!("informacje bez rejestracji", "enquiries without registration"),
        say!("nowe usługi", "new services"),
        say!("realizatorzy partnerscy (NGO, PES, firmy)", "partner providers (NGOs, social economy, companies)"),
        say!("wolontariusze", "volunteers"),
        say!("godziny wolontariatu", "volunteer hours"),
    ]
}

pub fn programme_title(year: i32) -> String {
    say!(
        format!("Informacja z realizacji programu usług społecznych za rok {year}"),
        format!("Information on the implementation of the social services programme in {year}"),
    )
}

pub fn programme_services() -> (String, Vec<&'static str>) {
    (
        say!("Usługi programu", "Programme services"),
        pick(
            &[
                "kod",
                "usługa",
                "jednostka",
                "zaplanowano (limity pul)",
                "osoby",
                "przyznano",
                "na cały plan",
                "wykorzystano",
                "koszt (zł)",
                "wpłaty mieszkańców (zł)",
                "realizatorzy",
            ],
            &[
                "code",
                "service",
                "unit",
                "planned (pool limits)",
                "people",
                "granted",
                "whole plan",
                "used",
                "cost (PLN)",
                "residents' payments (PLN)",
                "providers",
            ],
        ),
    )
}

pub fn programme_total() -> (String, Vec<&'static str>) {
    (
        say!("Razem", "Total"),
        pick(
            &["koszt (zł)", "wpłaty mieszkańców (zł)", "budżet (zł)"],
            &["cost (PLN)", "residents' payments (PLN)", "budget (PLN)"],
        ),
    )
}

pub fn programme_months() -> (String, Vec<&'static str>) {
    (
        say!("Budżet miesięcznie", "Budget by month"),
        pick(&["miesiąc", "zaangażowano (zł)", "wydano (zł)"], &["month", "committed (PLN)", "spent (PLN)"]),
    )
}

/// The heading of one gmina's part of a per-gmina report.
pub fn gmina_part(gmina: Option<&str>) -> String {
    match gmina {
        Some(g) => say!(format!("Gmina: {g}"), format!("Gmina: {g}")),
        None => {
            say!("Mieszkańcy spoza gmin partnerstwa (adres nieustalony)", "Residents of no gmina of the partnership")
        }
    }
}

pub fn pool_use_title(service: &str, code: &str) -> String {
    say!(format!("Wykorzystanie puli: {service} ({code})"), format!("Pool use: {service} ({code})"))
}

pub fn pool_use_subtitle(range: &str, unit: &str) -> String {
    say!(format!("Okres: {range}; jednostka: {unit}"), format!("Period: {range}; unit: {unit}"))
}

pub fn unrationed() -> String {
    say!("Bez puli (usługa nie jest limitowana)", "No pool (the service is not rationed)")
}

pub fn pool_limit(id: i64, provider: Option<&str>, period_code: &str) -> String {
    let per = period_name(period_code);
    match (current(), provider) {
        (Lang::Pl, Some(p)) => format!("Pula {id} ({p}), limit na {per}"),
        (Lang::Pl, None) => format!("Pula {id}, limit na {per}"),
        (Lang::En, Some(p)) => format!("Pool {id} ({p}), limit per {per}"),
        (Lang::En, None) => format!("Pool {id}, limit per {per}"),
    }
}

pub fn pool_periods() -> Vec<&'static str> {
    pick(
        &["okres", "limit", "przyznano", "wykorzystano", "pozostało"],
        &["period", "limit", "granted", "used", "remaining"],
    )
}

pub fn pool_chart(id: i64, service: &str, unit: &str) -> String {
    say!(format!("Pula {id}: {service} ({unit})"), format!("Pool {id}: {service} ({unit})"))
}

/// In place of a table with no rows.
pub fn none() -> String {
    say!("(brak)", "(none)")
}

/// The page number at the foot of every printed page: "strona 1 z 3".
pub fn folio(lang: Lang, page: usize, pages: usize) -> String {
    match lang {
        Lang::Pl => format!("strona {page} z {pages}"),
        Lang::En => format!("page {page} of {pages}"),
    }
}

pub fn chart_legend() -> String {
    say!(
        "ciemne: wykorzystano · średnie: przyznano · jasne tło: limit puli",
        "dark: used · middle: granted · light background: pool limit",
    )
}

pub fn bar_numbers(used: i64, granted: i64, limit: Option<i64>) -> String {
    match (current(), limit) {
        (Lang::Pl, Some(l)) => format!("wykorzystano {used} / przyznano {granted} / limit {l}"),
        (Lang::Pl, None) => format!("wykorzystano {used} / przyznano {granted}"),
        (Lang::En, Some(l)) => format!("used {used} / granted {granted} / limit {l}"),
        (Lang::En, None) => format!("used {used} / granted {granted}"),
    }
}

pub fn bar_legend(used: char, granted: char, free: char) -> String {
    say!(
        format!("{used} wykorzystano  {granted} przyznano  {free} wolne do limitu"),
        format!("{used} used  {granted} granted  {free} free up to the limit"),
    )
}

pub fn over_limit() -> String {
    say!(" (ponad limit)", " (over the limit)")
}
