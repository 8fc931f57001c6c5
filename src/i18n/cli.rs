//! What the command line prints: results, refusals and table headings, Polish and English.
//! Values from the database arrive already made safe for the terminal; codes arrive already in
//! words (see `codes`).

use super::{Forms, Lang, count, current};
use chrono::NaiveDate;
use std::path::Path;

/// The message in the process's language; only the chosen arm is formatted.
macro_rules! say {
    ($pl:expr, $en:expr $(,)?) => {
        match current() {
            Lang::Pl => $pl.into(),
            Lang::En => $en.into(),
        }
    };
}

const DAYS_PL: Forms = Forms { one: "dzień", few: "dni", many: "dni" };
const DAYS_EN: Forms = Forms { one: "day", few: "days", many: "days" };
const ROWS_PL: Forms = Forms { one: "wiersz", few: "wiersze", many: "wierszy" };
const ROWS_EN: Forms = Forms { one: "row", few: "rows", many: "rows" };
const PLANS_PL: Forms = Forms { one: "plan", few: "plany", many: "planów" };
const PLANS_EN: Forms = Forms { one: "plan", few: "plans", many: "plans" };
const UNITS_PL: Forms = Forms { one: "jednostka", few: "jednostki", many: "jednostek" };
const UNITS_EN: Forms = Forms { one: "unit", few: "units", many: "units" };
const BINDINGS_PL: Forms =
    Forms { one: "przypisanie klawisza", few: "przypisania klawiszy", many: "przypisań klawiszy" };
const BINDINGS_EN: Forms = Forms { one: "key binding", few: "key bindings", many: "key bindings" };

fn counted(n: i64, pl: Forms, en: Forms) -> String {
    let lang = current();
    count(lang, n, if lang == Lang::Pl { pl } else { en })
}

pub fn days(n: i64) -> String {
    counted(n, DAYS_PL, DAYS_EN)
}

pub fn rows(n: usize) -> String {
    counted(n as i64, ROWS_PL, ROWS_EN)
}

pub fn units(n: i64) -> String {
    counted(n, UNITS_PL, UNITS_EN)
}

/// An RFC 3339 stamp from the database in the machine's time zone, to the minute.
pub fn local_stamp(stamp: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(stamp)
        .map(|t| t.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|_| stamp.to_string())
}

/// A person as staff read them: the full name with the login in brackets, or the login alone.
pub fn person(full_name: &str, login: &str) -> String {
    if full_name.trim().is_empty() { login.to_string() } else { format!("{full_name} ({login})") }
}

// Arguments

pub fn bad_date(option: &str, value: &str) -> String {
    say!(
        format!("{option}: „{value}” — data musi mieć postać RRRR-MM-DD i istnieć w kalendarzu"),
        format!("{option}: \"{value}\" — a date must read YYYY-MM-DD and exist in the calendar"),
    )
}

pub fn date_in_future(option: &str, today: NaiveDate) -> String {
    say!(
        format!("{option}: nie może być późniejsza niż dziś ({today})"),
        format!("{option}: cannot be later than today ({today})"),
    )
}

pub fn no_service_code(code: &str) -> String {
    say!(
        format!("--service: nie ma usługi o kodzie „{code}”"),
        format!("--service: no service has the code \"{code}\"")
    )
}

pub fn no_provider(name: &str) -> String {
    say!(format!("--provider: nie ma realizatora „{name}”"), format!("--provider: no provider is called \"{name}\""))
}

pub fn bad_per(option: &str, value: &str) -> String {
    say!(
        format!("{option}: „{value}” — dozwolone: week/tydzień, month/miesiąc, year/rok, plan"),
        format!("{option}: \"{value}\" — allowed: week, month, year, plan"),
    )
}

pub fn bad_plan_state(value: &str) -> String {
    say!(
        format!("--state: „{value}” — dozwolone: szkic, złożony, zatwierdzony, zwrócony, zastąpiony"),
        format!("--state: \"{value}\" — allowed: draft, submitted, approved, returned, superseded"),
    )
}

pub fn bad_applicant(value: &str) -> String {
    say!(
        format!("--applicant: „{value}” — dozwolone: mieszkaniec, przedstawiciel_ustawowy, opiekun_faktyczny"),
        format!(
            "--applicant: \"{value}\" — allowed (the stored codes): mieszkaniec (the resident), \
             przedstawiciel_ustawowy (legal representative), opiekun_faktyczny (de facto carer)"
        ),
    )
}

pub fn cannot_read(path: &Path) -> String {
    say!(format!("nie można odczytać pliku {}", path.display()), format!("cannot read the file {}", path.display()))
}

// Findings of the plan checks

pub fn finding(error: bool, field: &str, message: &str) -> String {
    match (current(), error) {
        (Lang::Pl, true) => format!("błąd: {field}: {message}"),
        (Lang::Pl, false) => format!("uwaga: {field}: {message}"),
        (Lang::En, true) => format!("error: {field}: {message}"),
        (Lang::En, false) => format!("warning: {field}: {message}"),
    }
}

// Plans: reading

pub fn plan_list_header() -> [&'static str; 6] {
    match current() {
        Lang::Pl => ["NUMER", "WER", "STAN", "OKRES", "KOORDYNATOR", "MIESZKANIEC"],
        Lang::En => ["NUMBER", "VER", "STATE", "PERIOD", "COORDINATOR", "RESIDENT"],
    }
}

pub fn plans_counted(n: usize) -> String {
    let n = n as i64;
    say!(format!("Razem: {}", count(Lang::Pl, n, PLANS_PL)), format!("Total: {}", count(Lang::En, n, PLANS_EN)))
}

pub fn no_such_version(number: &str, version: u32) -> String {
    say!(format!("plan {number} nie ma wersji {version}"), format!("plan {number} has no version {version}"))
}

pub fn versions_equal(from: u32, to: u32) -> String {
    say!(format!("Wersje {from} i {to} niczym się nie różnią"), format!("Versions {from} and {to} do not differ"))
}

/// `2 / miesiąc`
pub fn amount(units: u32, per_code: &str) -> String {
    format!("{units} / {}", super::codes::per(per_code))
}

// Comparing two versions of a plan

pub fn diff_field(field: &str, before: &str, after: &str) -> String {
    say!(format!("{field}: „{before}” → „{after}”"), format!("{field}: \"{before}\" → \"{after}\""))
}

pub fn diff_value(field: &str, before: &str, after: &str) -> String {
    say!(format!("{field} „{before}” → „{after}”"), format!("{field} \"{before}\" → \"{after}\""))
}

pub fn diff_line_added(service: &str, amount: &str) -> String {
    say!(format!("dodano usługę {service} ({amount})"), format!("added the service {service} ({amount})"))
}

pub fn diff_line_removed(service: &str, amount: &str) -> String {
    say!(format!("usunięto usługę {service} ({amount})"), format!("removed the service {service} ({amount})"))
}

pub fn diff_line_changed(service: &str, changes: &str) -> String {
    say!(format!("zmieniono usługę {service}: {changes}"), format!("changed the service {service}: {changes}"))
}

pub fn diff_action_added(what: &str, who: &str) -> String {
    say!(
        format!("dodano działanie wspierające: {what} ({who})"),
        format!("added the supporting action: {what} ({who})")
    )
}

pub fn diff_action_removed(what: &str) -> String {
    say!(format!("usunięto działanie wspierające: {what}"), format!("removed the supporting action: {what}"))
}

pub fn diff_action_provider(what: &str, before: &str, after: &str) -> String {
    say!(
        format!("działanie „{what}”: realizuje „{before}” → „{after}”"),
        format!("action \"{what}\": provided by \"{before}\" → \"{after}\"")
    )
}

pub fn amount_with_cap(amount: &str, cap: &str) -> String {
    say!(format!("{amount}, najwyżej {cap}"), format!("{amount}, at most {cap}"))
}

pub fn plan_title(number: &str, resident: &str, resident_id: i64) -> String {
    say!(
        format!("{number} — {resident} (mieszkaniec nr {resident_id})"),
        format!("{number} — {resident} (resident no. {resident_id})"),
    )
}

pub fn plan_coordinator(coordinator: &str, application: Option<i64>) -> String {
    match (current(), application) {
        (Lang::Pl, Some(a)) => format!("Koordynator: {coordinator}, wniosek nr {a}"),
        (Lang::Pl, None) => format!("Koordynator: {coordinator}"),
        (Lang::En, Some(a)) => format!("Coordinator: {coordinator}, application no. {a}"),
        (Lang::En, None) => format!("Coordinator: {coordinator}"),
    }
}

pub fn plan_ended(on: NaiveDate, reason: &str, informed: Option<NaiveDate>, follow_up: Option<NaiveDate>) -> String {
    let follow_up = follow_up.map(|d| d.to_string()).unwrap_or_default();
    match (current(), informed) {
        (Lang::Pl, Some(i)) => {
            format!("Zakończony {on} ({reason}), dyrektor poinformowany {i}; monitoring po zakończeniu do {follow_up}")
        }
        (Lang::Pl, None) => format!("Zakończony {on} ({reason}); monitoring po zakończeniu do {follow_up}"),
        (Lang::En, Some(i)) => {
            format!("Ended {on} ({reason}), director informed {i}; follow-up after the end by {follow_up}")
        }
        (Lang::En, None) => format!("Ended {on} ({reason}); follow-up after the end by {follow_up}"),
    }
}

pub fn plan_summary(on: NaiveDate, course: &str, results: &str) -> String {
    say!(
        format!("Rozmowa podsumowująca {on}: {course} — rezultaty: {results}"),
        format!("Summary conversation {on}: {course} — results: {results}"),
    )
}

pub fn plan_follow_up(on: NaiveDate, note: &str) -> String {
    say!(format!("Monitoring po zakończeniu {on}: {note}"), format!("Follow-up after the end {on}: {note}"))
}

pub fn version_heading(version: u32, state: &str, drafted: NaiveDate, revision: i64, by: &str, at: &str) -> String {
    say!(
        format!("Wersja {version} — {state} (sporządzona {drafted}, zmiana {revision}: {by}, {at})"),
        format!("Version {version} — {state} (drafted {drafted}, revision {revision}: {by}, {at})"),
    )
}

pub fn period(start: NaiveDate, end: NaiveDate) -> String {
    say!(format!("Okres: {start} – {end}"), format!("Period: {start} – {end}"))
}

pub fn needs(text: &str) -> String {
    say!(format!("Potrzeby: {text}"), format!("Needs: {text}"))
}

pub fn expected_effects(text: &str) -> String {
    say!(format!("Oczekiwane efekty: {text}"), format!("Expected effects: {text}"))
}

pub fn resigned_from(on: NaiveDate) -> String {
    say!(format!("rezygnacja od {on}"), format!("resigned from {on}"))
}

pub fn decisions_heading() -> String {
    say!("Decyzje:", "Decisions:")
}

pub fn decision(version: u32, what: &str, by: &str, at: &str) -> String {
    say!(format!("wersja {version}: {what} — {by}, {at}"), format!("version {version}: {what} — {by}, {at}"))
}

pub fn monitoring_heading() -> String {
    say!("Monitoring:", "Monitoring:")
}

pub fn next_contact_due(due: NaiveDate) -> String {
    say!(format!("Następny kontakt monitorujący najpóźniej: {due}"), format!("Next monitoring contact due by: {due}"))
}

// Plans: drafting

pub fn draft_created(number: &str, id: i64, resident: &str) -> String {
    say!(
        format!("Utworzono szkic planu {number} (id {id}) dla {resident}"),
        format!("Created the draft plan {number} (id {id}) for {resident}"),
    )
}

/// The 30 days of art. 40: how many are left, or how far past the deadline the draft is.
pub fn drafting_deadline(deadline: NaiveDate, days_left: i64) -> String {
    match (current(), days_left) {
        (Lang::Pl, n) if n < 0 => {
            format!("Termin sporządzenia (30 dni od wniosku): {deadline} — po terminie {}", days(-n))
        }
        (Lang::Pl, 0) => format!("Termin sporządzenia (30 dni od wniosku): {deadline} — to dziś"),
        (Lang::Pl, n) => format!("Termin sporządzenia (30 dni od wniosku): {deadline} — {} do terminu", days(n)),
        (Lang::En, n) if n < 0 => {
            format!("Drafting deadline (30 days from filing): {deadline} — overdue by {}", days(-n))
        }
        (Lang::En, 0) => format!("Drafting deadline (30 days from filing): {deadline} — today"),
        (Lang::En, n) => format!("Drafting deadline (30 days from filing): {deadline} — {} left", days(n)),
    }
}

pub fn line_added(service: &str, amount: &str) -> String {
    say!(format!("Dodano usługę {service} ({amount})"), format!("Added the service {service} ({amount})"))
}

pub fn no_such_line(lines: usize, position: usize) -> String {
    match (current(), lines) {
        (Lang::Pl, 0) => format!("pozycja: szkic nie ma pozycji, nie ma pozycji {position}"),
        (Lang::Pl, n) => format!("pozycja: szkic ma pozycje 1–{n}, nie ma pozycji {position}"),
        (Lang::En, 0) => format!("position: the draft has no lines, so no line {position}"),
        (Lang::En, n) => format!("position: the draft has lines 1–{n}, there is no line {position}"),
    }
}

pub fn line_removed(position: usize) -> String {
    say!(format!("Usunięto pozycję {position}"), format!("Removed line {position}"))
}

pub fn no_open_version(number: &str) -> String {
    say!(format!("plan {number} nie ma wersji w przygotowaniu"), format!("plan {number} has no version being drafted"))
}

pub fn ready_to_submit(version: u32) -> String {
    say!(
        format!("Wersja {version} spełnia warunki złożenia"),
        format!("Version {version} meets the conditions for submission")
    )
}

pub fn no_limit() -> String {
    say!("bez limitu", "no limit")
}

pub fn pool_effect(period: &str, before: i64, after: i64, fits: bool) -> String {
    match (current(), fits) {
        (Lang::Pl, true) => format!("pula {period}: zostaje {before} → {after}"),
        (Lang::Pl, false) => format!("pula {period}: zostaje {before} → {after}  BRAK MIEJSC"),
        (Lang::En, true) => format!("pool {period}: left {before} → {after}"),
        (Lang::En, false) => format!("pool {period}: left {before} → {after}  NO PLACES"),
    }
}

pub fn draft_saved(version: u32, revision: i64) -> String {
    say!(
        format!("Zapisano szkic (wersja {version}, zmiana {revision})"),
        format!("Saved the draft (version {version}, revision {revision})"),
    )
}

// Plans: the approval cycle

pub fn submitted(number: &str) -> String {
    say!(format!("Złożono do zatwierdzenia: {number}"), format!("Submitted for approval: {number}"))
}

pub fn may_wait_for_places(application: Option<i64>) -> String {
    let id = application.map_or_else(|| "NR".to_string(), |a| a.to_string());
    say!(
        format!("wniosek może czekać na zwolnienie miejsc: okienko waitlist add {id} --service KOD --units N"),
        format!("the application may wait for places to free up: okienko waitlist add {id} --service CODE --units N"),
    )
}

pub fn approved(number: &str, version: u32) -> String {
    say!(format!("Zatwierdzono {number} (wersja {version})"), format!("Approved {number} (version {version})"))
}

pub fn returned(number: &str, comment: &str) -> String {
    say!(
        format!("Zwrócono do poprawy: {number} — {comment}"),
        format!("Returned for corrections: {number} — {comment}")
    )
}

pub fn update_started(version: u32) -> String {
    say!(
        format!("Rozpoczęto aktualizację: wersja {version} (szkic, kopia zatwierdzonej)"),
        format!("Update started: version {version} (a draft copied from the approved one)"),
    )
}

pub fn line_resigned(position: usize, on: NaiveDate, informed: NaiveDate) -> String {
    say!(
        format!("Rezygnacja z pozycji {position} od {on}; dyrektor poinformowany {informed}"),
        format!("Resignation from line {position} from {on}; director informed {informed}"),
    )
}

pub fn plan_resigned(on: NaiveDate, follow_up: NaiveDate) -> String {
    say!(
        format!("Rezygnacja z całego planu od {on}; monitoring po zakończeniu: {follow_up}"),
        format!("Resignation from the whole plan from {on}; follow-up after the end: {follow_up}"),
    )
}

// Plans: the end and monitoring

pub fn summary_recorded(on: NaiveDate, follow_up: Option<NaiveDate>) -> String {
    let due = follow_up.map(|d| d.to_string()).unwrap_or_default();
    say!(
        format!("Zapisano rozmowę podsumowującą {on}; monitoring po zakończeniu: {due}"),
        format!("Recorded the summary conversation {on}; follow-up after the end: {due}"),
    )
}

pub fn follow_up_recorded(on: NaiveDate) -> String {
    say!(format!("Zapisano monitoring po zakończeniu ({on})"), format!("Recorded the follow-up after the end ({on})"))
}

/// A change from the command line that lost to another person's save: nothing of it is kept.
pub fn edit_lost(reason: &str) -> String {
    say!(
        format!("{reason} — nic nie zapisano; obejrzyj plan (okienko ipus show) i powtórz polecenie"),
        format!("{reason} — nothing was saved; look at the plan (okienko ipus show) and run the command again"),
    )
}

pub fn follow_up_early(due: NaiveDate) -> String {
    say!(
        format!("Uwaga: monitoring po zakończeniu przypada około {due}; ten jest wcześniej"),
        format!("Note: the follow-up is due about {due}; this one is earlier"),
    )
}

pub fn contact_recorded(on: NaiveDate, channel: &str, next: Option<NaiveDate>) -> String {
    match (current(), next) {
        (Lang::Pl, Some(n)) => format!("Zapisano kontakt {on} ({channel}); następny najpóźniej {n}"),
        (Lang::Pl, None) => format!("Zapisano kontakt {on} ({channel})"),
        (Lang::En, Some(n)) => format!("Recorded the contact {on} ({channel}); the next one due by {n}"),
        (Lang::En, None) => format!("Recorded the contact {on} ({channel})"),
    }
}

// Plans: paper

pub fn export_needs_a_file() -> String {
    say!("podaj --pdf PLIK albo --text PLIK", "give --pdf FILE or --text FILE")
}

/// A printout written to a file; `title` is the document's own (Polish) title.
pub fn document_saved(title: &str, path: &Path, bytes: usize) -> String {
    say!(
        format!("Zapisano „{title}” do {} ({bytes} B)", path.display()),
        format!("Saved \"{title}\" to {} ({bytes} B)", path.display()),
    )
}

pub fn refusal_needs_grounds() -> String {
    say!(
        "--grounds: decyzja musi podawać uzasadnienie (art. 107 § 1 k.p.a.)",
        "--grounds: a decision must state its grounds (art. 107 § 1 of the Code of Administrative Procedure)",
    )
}

pub fn plan_exported(number: &str, version: u32, path: &Path, bytes: usize) -> String {
    say!(
        format!("Zapisano {number} wersja {version} do {} ({bytes} B)", path.display()),
        format!("Saved {number} version {version} to {} ({bytes} B)", path.display()),
    )
}

pub fn no_print_command() -> String {
    say!(
        "print_command: nie ustawiono polecenia drukowania (np. print_command = \"lp -d biuro\" w config.toml)",
        "print_command: no print command is set (e.g. print_command = \"lp -d office\" in config.toml)",
    )
}

pub fn printing_with(command: &str) -> String {
    say!(format!("drukowanie poleceniem „{command}”"), format!("printing with \"{command}\""))
}

pub fn sent_to_printer(number: &str, version: u32, command: &str) -> String {
    say!(
        format!("Wysłano do druku: {number} wersja {version} ({command})"),
        format!("Sent to the printer: {number} version {version} ({command})"),
    )
}

// Applications

pub fn application_registered(
    id: i64,
    filed: NaiveDate,
    resident: &str,
    resident_id: i64,
    new_resident: bool,
    deadline: NaiveDate,
) -> String {
    match (current(), new_resident) {
        (Lang::Pl, true) => format!(
            "Zarejestrowano wniosek nr {id} z {filed} dla {resident} (nowy mieszkaniec nr {resident_id}); plan do {deadline}"
        ),
        (Lang::Pl, false) => format!(
            "Zarejestrowano wniosek nr {id} z {filed} dla {resident} (mieszkaniec nr {resident_id}); plan do {deadline}"
        ),
        (Lang::En, true) => format!(
            "Registered application no. {id} of {filed} for {resident} (new resident no. {resident_id}); plan due by {deadline}"
        ),
        (Lang::En, false) => format!(
            "Registered application no. {id} of {filed} for {resident} (resident no. {resident_id}); plan due by {deadline}"
        ),
    }
}

pub fn resident_not_found_give_details() -> String {
    say!(
        "mieszkaniec: nie ma go w bazie; podaj --resident NR albo dane nowej osoby (--first-name, --last-name, --pesel)",
        "resident: not in the database; give --resident NO or the new person's data (--first-name, --last-name, --pesel)",
    )
}

pub fn assessment_recorded(id: i64, application: i64, on: NaiveDate) -> String {
    say!(
        format!("Zapisano diagnozę potrzeb nr {id} do wniosku nr {application} ({on})"),
        format!("Recorded needs assessment no. {id} for application no. {application} ({on})"),
    )
}

pub fn application_forwarded(id: i64, to: &str) -> String {
    say!(format!("Wniosek nr {id} przekazano: {to}"), format!("Application no. {id} forwarded to: {to}"))
}

pub fn application_refused(id: i64, decision: &str, on: NaiveDate) -> String {
    say!(
        format!("Wniosek nr {id}: odmowa, decyzja {decision} z {on}"),
        format!("Application no. {id}: refused, decision {decision} of {on}"),
    )
}

pub fn application_informed(id: i64) -> String {
    say!(format!("Wniosek nr {id}: udzielono informacji"), format!("Application no. {id}: information given"))
}

pub fn application_waiting(id: i64, service: &str, n: i64, place: usize) -> String {
    say!(
        format!("Wniosek nr {id} czeka na usługę {service} ({}), miejsce w kolejce: {place}", units(n)),
        format!("Application no. {id} waits for the service {service} ({}), place in the queue: {place}", units(n)),
    )
}

pub fn application_title(id: i64, resident: &str, resident_id: i64) -> String {
    say!(
        format!("Wniosek nr {id} — {resident} (mieszkaniec nr {resident_id})"),
        format!("Application no. {id} — {resident} (resident no. {resident_id})"),
    )
}

pub fn application_filed(on: NaiveDate, channel: &str, applicant: &str) -> String {
    say!(
        format!("Złożony: {on} ({channel}), wnioskodawca: {applicant}"),
        format!("Filed: {on} ({channel}), applicant: {applicant}"),
    )
}

pub fn phone(number: &str) -> String {
    say!(format!("tel. {number}"), format!("phone {number}"))
}

pub fn application_state(state: &str) -> String {
    say!(format!("Stan: {state}"), format!("State: {state}"))
}

pub fn application_summary(text: &str) -> String {
    say!(format!("Treść: {text}"), format!("Request: {text}"))
}

pub fn forwarded_to(to: &str, reason: &str) -> String {
    say!(format!("Przekazano do: {to} — {reason}"), format!("Forwarded to: {to} — {reason}"))
}

pub fn refusal_decision(number: &str, on: Option<NaiveDate>) -> String {
    let on = on.map(|d| d.to_string()).unwrap_or_default();
    say!(format!("Decyzja: {number} z {on}"), format!("Decision: {number} of {on}"))
}

pub fn no_refusal_decision(application: i64, number: Option<&str>) -> String {
    match number {
        Some(n) => say!(
            format!("wniosek nr {application} nie ma decyzji odmownej nr {n}"),
            format!("application no. {application} has no refusal decision no. {n}")
        ),
        None => say!(
            format!("wniosek nr {application} nie ma decyzji odmownej"),
            format!("application no. {application} has no refusal decision")
        ),
    }
}

pub fn several_refusal_decisions(application: i64, numbers: &str) -> String {
    say!(
        format!("--decision: wniosek nr {application} ma kilka decyzji odmownych ({numbers}); wskaż jedną"),
        format!("--decision: application no. {application} has several refusal decisions ({numbers}); name one")
    )
}

pub fn assessment_line(on: NaiveDate, by: &str, needs: &str) -> String {
    say!(format!("Diagnoza z {on} ({by}): potrzeby: {needs}"), format!("Assessment of {on} ({by}): needs: {needs}"))
}

// Staff

pub fn staff_list_header() -> [&'static str; 4] {
    match current() {
        Lang::Pl => ["LOGIN", "AKTYWNY", "ROLE", "IMIĘ I NAZWISKO"],
        Lang::En => ["LOGIN", "ACTIVE", "ROLES", "FULL NAME"],
    }
}

pub fn yes_no(yes: bool) -> String {
    match (current(), yes) {
        (Lang::Pl, true) => "tak".into(),
        (Lang::Pl, false) => "nie".into(),
        (Lang::En, true) => "yes".into(),
        (Lang::En, false) => "no".into(),
    }
}

pub fn approves() -> String {
    say!("(zatwierdza)", "(approves)")
}

pub fn unknown_role(code: &str) -> String {
    say!(
        format!(
            "--role: nieznana rola „{code}”; dozwolone: recepcja, koordynator, organizator, dyrektor, administrator"
        ),
        format!(
            "--role: unknown role \"{code}\"; allowed (the stored codes): recepcja (front desk), koordynator \
             (coordinator), organizator (organiser), dyrektor (director), administrator"
        ),
    )
}

pub fn staff_saved(login: &str, roles: &str) -> String {
    say!(format!("Zapisano: {login} ({roles})"), format!("Saved: {login} ({roles})"))
}

pub fn cannot_disable_self() -> String {
    say!("nie można wyłączyć własnego konta", "you cannot disable your own account")
}

pub fn staff_disabled(login: &str) -> String {
    say!(format!("Wyłączono konto {login}"), format!("Disabled the account {login}"))
}

// Residents

pub fn no_resident_with_pesel() -> String {
    say!("PESEL: nie ma mieszkańca o tym numerze", "PESEL: no resident has this number")
}

pub fn no_changes() -> String {
    say!("Bez zmian", "No changes")
}

pub fn corrected(fields: &str) -> String {
    say!(format!("Poprawiono: {fields}"), format!("Corrected: {fields}"))
}

pub fn resident_exported(path: &Path) -> String {
    say!(format!("Zapisano dane osoby do {}", path.display()), format!("Saved the person's data to {}", path.display()))
}

pub fn resident_letter_written(path: &Path) -> String {
    say!(
        format!("Zapisano informację o danych osoby do {}", path.display()),
        format!("Saved the letter about the person's data to {}", path.display())
    )
}

/// Column headings of `okienko find`: name, PESEL, age, address, phone.
pub fn find_heading() -> [&'static str; 5] {
    say!(
        ["NAZWISKO I IMIĘ", "PESEL", "WIEK", "ADRES", "TELEFON"],
        ["SURNAME AND NAME", "PESEL", "AGE", "ADDRESS", "PHONE"]
    )
}

pub fn backup_written(path: &Path) -> String {
    say!(format!("Kopia zapisana: {}", path.display()), format!("Backup written: {}", path.display()))
}

// Demo

pub fn demo_created(path: &Path, seconds: f64) -> String {
    say!(
        format!("Utworzono centrum demonstracyjne {} w {seconds:.1} s", path.display()),
        format!("Created the demo centre {} in {seconds:.1} s", path.display()),
    )
}

pub fn demo_login(login: &str, path: &Path) -> String {
    say!(
        format!("Login {login} jest administratorem ze wszystkimi rolami; otwórz: okienko --db {}", path.display()),
        format!("The login {login} is an administrator with every role; open it with: okienko --db {}", path.display()),
    )
}

pub fn demo_too_few(min: usize) -> String {
    say!(
        format!("--residents: co najmniej {min}, żeby pokazać plany w każdym stanie"),
        format!("--residents: at least {min}, to show plans in every state"),
    )
}

pub fn demo_too_many(max: usize) -> String {
    say!(format!("--residents: najwyżej {max}"), format!("--residents: at most {max}"))
}

pub fn demo_file_not_empty(path: &Path) -> String {
    say!(
        format!(
            "plik {} już istnieje i nie jest pusty; demo tworzy tylko nową bazę — wskaż inny plik albo usuń ten",
            path.display()
        ),
        format!(
            "the file {} exists and is not empty; demo only creates a new database — name another file or remove this one",
            path.display()
        ),
    )
}

// Keymap

pub fn keymap_valid(path: &Path, bindings: usize) -> String {
    let n = counted(bindings as i64, BINDINGS_PL, BINDINGS_EN);
    say!(format!("{}: poprawny ({n})", path.display()), format!("{}: valid ({n})", path.display()))
}

// Import of residents

pub fn rejects_same_as_input() -> String {
    say!(
        "--rejects: plik odrzuconych musi być inny niż plik importu",
        "--rejects: the rejects file must differ from the file imported",
    )
}

pub fn cannot_write_rejects(path: &Path) -> String {
    say!(
        format!("nie można zapisać pliku odrzuconych {}", path.display()),
        format!("cannot write the rejects file {}", path.display()),
    )
}

pub fn residents_imported(imported: usize, rejected: usize, present: usize) -> String {
    say!(
        format!("Zaimportowano: {imported}, odrzucono {}, już w bazie: {present}", rows(rejected)),
        format!("Imported: {imported}, rejected {}, already in the database: {present}", rows(rejected)),
    )
}

pub fn nothing_imported(path: &Path) -> String {
    say!(
        format!("nic nie zaimportowano z pliku {}", path.display()),
        format!("nothing was imported from {}", path.display()),
    )
}

pub fn query_needed() -> String {
    say!(
        "QUERY: podaj nazwisko, imię, adres, PESEL albo telefon",
        "QUERY: give a surname, first name, address, PESEL or phone"
    )
}

// Why an option's value was refused before the command ran.

pub fn refused_value(option: &str, value: &str, reason: &str) -> String {
    say!(format!("{option}: „{value}” — {reason}"), format!("{option}: “{value}” — {reason}"))
}

pub fn number_negative() -> String {
    say!("nie może być ujemna", "cannot be negative")
}

pub fn number_too_large() -> String {
    say!("liczba jest za duża", "the number is too large")
}

pub fn not_a_whole_number() -> String {
    say!("musi być liczbą całkowitą", "must be a whole number")
}

pub fn allowed_values(values: &str) -> String {
    say!(format!("dozwolone: {values}"), format!("allowed: {values}"))
}

pub fn rejects_written(path: &Path) -> String {
    say!(
        format!("Odrzucone wiersze z powodami: {}", path.display()),
        format!("Rejected rows with their reasons: {}", path.display()),
    )
}

// Usage

pub fn must_be_positive(option: &str) -> String {
    say!(format!("{option}: musi być większa od zera"), format!("{option}: must be greater than zero"))
}

pub fn usage_recorded(id: i64, plan: &str, position: i64, service: &str, n: u32, day: NaiveDate) -> String {
    say!(
        format!("Zapisano wykonanie nr {id}: plan {plan} poz. {position} ({service}) — {} dnia {day}", units(n as i64)),
        format!("Recorded delivery no. {id}: plan {plan} line {position} ({service}) — {} on {day}", units(n as i64)),
    )
}

pub fn usage_recorded_qualified(id: i64, qualification: i64, service: &str, n: u32, day: NaiveDate) -> String {
    say!(
        format!(
            "Zapisano wykonanie nr {id}: zakwalifikowanie nr {qualification} ({service}) — {} dnia {day}",
            units(n as i64)
        ),
        format!(
            "Recorded delivery no. {id}: qualification no. {qualification} ({service}) — {} on {day}",
            units(n as i64)
        ),
    )
}

/// Usage names a plan line or a qualification, never both or neither.
pub fn usage_names_one_grant() -> String {
    say!(
        "podaj numer planu i pozycję albo --qualification NR zakwalifikowania (nie oba)",
        "give the plan number and line position, or --qualification NO of the qualification (not both)",
    )
}

pub fn row_names_one_grant() -> String {
    say!(
        "wiersz podaje plan_number i position albo qualification (nie oba)",
        "a row gives plan_number and position, or qualification (not both)",
    )
}

pub fn not_a_qualification(value: &str) -> String {
    say!(
        format!("qualification: „{value}” nie jest numerem zakwalifikowania"),
        format!("qualification: \"{value}\" is not a qualification number"),
    )
}

pub fn usage_imported(added: usize, already: usize, rejected: usize) -> String {
    say!(
        format!("Przyjęto: {added}, pominięto (już wczytane): {already}, odrzucono {}", rows(rejected)),
        format!("Accepted: {added}, skipped (already loaded): {already}, rejected {}", rows(rejected)),
    )
}

pub fn row_reason(row: usize, reason: &str) -> String {
    say!(format!("wiersz {row}: {reason}"), format!("row {row}: {reason}"))
}

pub fn rows_rejected_in(n: usize, path: &Path) -> String {
    say!(
        format!("odrzucono {} pliku {}", rows(n), path.display()),
        format!("{} of the file {} rejected", rows(n), path.display()),
    )
}

pub fn cannot_open(path: &Path) -> String {
    say!(format!("nie można otworzyć {}", path.display()), format!("cannot open {}", path.display()))
}

pub fn usage_header_must_be(header: &str) -> String {
    say!(format!("nagłówek musi brzmieć: {header}"), format!("the header must read: {header}"))
}

pub fn unreadable_csv_row(e: &str) -> String {
    say!(format!("nieczytelny wiersz CSV: {e}"), format!("unreadable CSV row: {e}"))
}

pub fn field_required(field: &str) -> String {
    say!(format!("{field}: pole jest wymagane"), format!("{field}: the field is required"))
}

pub fn not_a_position(value: &str) -> String {
    say!(format!("position: „{value}” nie jest numerem pozycji"), format!("position: \"{value}\" is not a line number"),)
}

pub fn bad_row_date(value: &str) -> String {
    say!(
        format!("date: „{value}” — data musi mieć postać RRRR-MM-DD i istnieć w kalendarzu"),
        format!("date: \"{value}\" — a date must read YYYY-MM-DD and exist in the calendar"),
    )
}

pub fn row_date_in_future(day: NaiveDate, today: NaiveDate) -> String {
    say!(
        format!("date: {day} jest późniejsza niż dziś ({today})"),
        format!("date: {day} is later than today ({today})"),
    )
}

pub fn not_units(value: &str) -> String {
    say!(
        format!("units: „{value}” nie jest liczbą jednostek większą od zera"),
        format!("units: \"{value}\" is not a number of units greater than zero"),
    )
}

// The service base

pub fn base_table_header() -> [&'static str; 8] {
    match current() {
        Lang::Pl => ["USŁUGA", "JEDN.", "DZIŚ", "OS.", "PRZ.", "WYK.", "ZOST.", "STATUS"],
        Lang::En => ["SERVICE", "UNIT", "TODAY", "PPL", "GRANT", "USED", "LEFT", "STATUS"],
    }
}

pub fn closed_today() -> String {
    say!("nieczynne", "closed")
}

pub fn closure_word() -> String {
    say!("zamknięcie", "closure")
}

pub fn holiday_word() -> String {
    say!("święto", "holiday")
}

pub fn closure_line(what: &str, from: NaiveDate, to: NaiveDate, reason: &str) -> String {
    say!(
        format!("{what}: nieczynna od {from} do {to} — {reason}"),
        format!("{what}: closed from {from} to {to} — {reason}"),
    )
}

pub fn holiday_note(day: NaiveDate, name: &str) -> String {
    say!(
        format!("{day} to święto ({name}): usługi są nieczynne, chyba że ich godziny obejmują święta"),
        format!("{day} is a public holiday ({name}): services are closed unless their hours hold on holidays"),
    )
}

pub fn base_for_gmina(gmina: &str) -> String {
    say!(
        format!("Baza usług dla mieszkańców gminy {gmina}; osoby: mieszkańcy tej gminy"),
        format!("The service base for residents of gmina {gmina}; people: residents of that gmina"),
    )
}

pub fn base_footer(day: NaiveDate, shown: usize, total: usize) -> String {
    say!(
        format!("Stan na {day}: usługi {shown} z {total}; liczniki w bieżącym okresie; * otwarte teraz"),
        format!("As of {day}: services {shown} of {total}; counters in the current period; * open now"),
    )
}

pub fn limit_set(pool: i64, period: &str, units: i64) -> String {
    say!(
        format!("Limit puli nr {pool} w okresie {period}: {units}"),
        format!("Limit of pool no. {pool} in the period {period}: {units}"),
    )
}

pub fn service_suspended(name: &str, suspended: bool) -> String {
    match (current(), suspended) {
        (Lang::Pl, true) => format!("Zawieszono usługę: {name}"),
        (Lang::Pl, false) => format!("Wznowiono usługę: {name}"),
        (Lang::En, true) => format!("Suspended the service: {name}"),
        (Lang::En, false) => format!("Resumed the service: {name}"),
    }
}

pub fn no_such_service(given: &str) -> String {
    say!(format!("brak usługi {given}"), format!("no service {given}"))
}

pub fn open_filters_exclusive() -> String {
    say!("--open-on i --open-now wykluczają się", "--open-on and --open-now exclude each other")
}

pub fn open_now_needs_time() -> String {
    say!(
        "--open-now: podaj godzinę --at GG:MM dla dnia innego niż dziś",
        "--open-now: give the time --at HH:MM for a day other than today",
    )
}

pub fn bad_time(option: &str) -> String {
    say!(format!("{option}: godzina musi mieć postać GG:MM"), format!("{option}: a time must read HH:MM"))
}

pub fn unknown_sort(key: &str, allowed: &str) -> String {
    say!(
        format!("--sort: nieznana kolumna „{key}”; dozwolone: {allowed}"),
        format!("--sort: unknown column \"{key}\"; allowed: {allowed}"),
    )
}

pub fn fee(grosze: i64, unit: &str) -> String {
    if grosze <= 0 {
        return say!("bezpłatna", "free of charge");
    }
    say!(
        format!("{},{:02} zł / {unit}", grosze / 100, grosze % 100),
        format!("{}.{:02} PLN / {unit}", grosze / 100, grosze % 100),
    )
}

pub fn areas(list: &str) -> String {
    say!(format!("Obszary: {list}"), format!("Areas: {list}"))
}

pub fn target_groups(list: &str) -> String {
    say!(format!("Grupy docelowe: {list}"), format!("Target groups: {list}"))
}

pub fn providers(list: &str) -> String {
    say!(format!("Realizatorzy: {list}"), format!("Providers: {list}"))
}

pub fn access_and_form(access: &str, form: &str) -> String {
    say!(format!("Zasady dostępu: {access}; forma: {form}"), format!("Access: {access}; form: {form}"))
}

pub fn fee_line(fee: &str, note: &str) -> String {
    let note = if note.is_empty() { String::new() } else { format!(" ({note})") };
    say!(format!("Odpłatność: {fee}{note}"), format!("Fee: {fee}{note}"))
}

pub fn delivery_time(n: i64) -> String {
    say!(
        format!("Czas od zgłoszenia do realizacji: {}", days(n)),
        format!("Time from request to delivery: {}", days(n))
    )
}

pub fn description(text: &str) -> String {
    say!(format!("Opis: {text}"), format!("Description: {text}"))
}

pub fn hours_heading() -> String {
    say!("Godziny:", "Hours:")
}

pub fn valid_span(from: NaiveDate, to: Option<NaiveDate>) -> String {
    match (current(), to) {
        (Lang::Pl, Some(t)) => format!("od {from} do {t}"),
        (Lang::Pl, None) => format!("od {from}"),
        (Lang::En, Some(t)) => format!("from {from} to {t}"),
        (Lang::En, None) => format!("from {from}"),
    }
}

pub fn weekday_short(n: u32) -> &'static str {
    let names = match current() {
        Lang::Pl => ["pn", "wt", "śr", "cz", "pt", "so", "nd"],
        Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    };
    names.get(n.saturating_sub(1) as usize).copied().unwrap_or("?")
}

pub fn pools_heading() -> String {
    say!("Pule:", "Pools:")
}

pub fn pool_period(pool: i64, who: &str, period: &str, limit: i64, granted: i64, used: i64, left: i64) -> String {
    say!(
        format!("pula nr {pool}{who} {period}: limit {limit}, przyznano {granted}, wykonano {used}, zostało {left}"),
        format!("pool no. {pool}{who} {period}: limit {limit}, granted {granted}, used {used}, left {left}"),
    )
}

pub fn waiting_heading(n: usize) -> String {
    say!(format!("Oczekujący: {n}"), format!("Waiting: {n}"))
}

pub fn waiting_entry(name: &str, filed: NaiveDate, n: i64) -> String {
    say!(
        format!("{name} — wniosek z {filed} ({})", units(n)),
        format!("{name} — application of {filed} ({})", units(n)),
    )
}

pub fn last_change(at: &str, by: &str) -> String {
    // `by` is a name with the login in brackets, so it is not bracketed again.
    say!(format!("Ostatnia zmiana: {at} — {by}"), format!("Last change: {at} — {by}"))
}

// Editing the service base

pub fn one_of(value: &str, allowed: &str) -> String {
    say!(format!("„{value}” — dozwolone: {allowed}"), format!("\"{value}\" — allowed: {allowed}"))
}

pub fn service_added(id: i64, name: &str) -> String {
    say!(format!("Dodano usługę nr {id}: {name}"), format!("Added service no. {id}: {name}"))
}

pub fn service_changed(name: &str) -> String {
    say!(format!("Zmieniono usługę: {name}"), format!("Changed the service: {name}"))
}

pub fn provider_added(id: i64, name: &str) -> String {
    say!(format!("Dodano realizatora nr {id}: {name}"), format!("Added provider no. {id}: {name}"))
}

pub fn location_added(id: i64, name: &str) -> String {
    say!(format!("Dodano miejsce nr {id}: {name}"), format!("Added place no. {id}: {name}"))
}

pub fn closes_before_opening() -> String {
    say!(
        "--closes: godzina zamknięcia musi być po godzinie otwarcia",
        "--closes: the closing time must be after the opening time",
    )
}

pub fn valid_to_before_from(from: NaiveDate) -> String {
    say!(
        format!("--to: koniec ważności przed jej początkiem (--from {from})"),
        format!("--to: the end of validity is before its start (--from {from})"),
    )
}

pub fn hours_added(id: i64, service: &str, weekday: u32, span: &str, valid: &str) -> String {
    let day = weekday_short(weekday);
    say!(
        format!("Dodano godziny nr {id} usługi {service}: {day} {span} {valid}"),
        format!("Added hours no. {id} of the service {service}: {day} {span} {valid}"),
    )
}

pub fn closure_added(id: i64, service: &str, from: NaiveDate, to: NaiveDate, reason: &str) -> String {
    say!(
        format!("Zamknięcie nr {id}: usługa {service} nieczynna od {from} do {to} ({reason})"),
        format!("Closure no. {id}: the service {service} is closed from {from} to {to} ({reason})"),
    )
}

pub fn hours_ended(id: i64, last_day: NaiveDate) -> String {
    say!(format!("Godziny nr {id} obowiązują do {last_day}"), format!("Hours no. {id} apply until {last_day}"))
}

pub fn pool_added(id: i64, service: &str, limit: i64, period_code: &str, from: NaiveDate) -> String {
    let per = super::codes::per(period_code);
    say!(
        format!("Dodano pulę nr {id} usługi {service}: {} na okres ({per}) od {from}", units(limit)),
        format!("Added pool no. {id} of the service {service}: {} per {per} from {from}", units(limit)),
    )
}

// Reports

pub fn unknown_format(code: &str) -> String {
    say!(
        format!("--format: nieznany format „{code}”; dozwolone: text, csv, json, pdf, xlsx"),
        format!("--format: unknown format \"{code}\"; allowed: text, csv, json, pdf, xlsx"),
    )
}

pub fn range_reversed(start: NaiveDate, end: NaiveDate) -> String {
    say!(
        format!("--to: koniec okresu ({end}) jest przed początkiem ({start})"),
        format!("--to: the end of the period ({end}) is before its start ({start})"),
    )
}

pub fn not_a_quarter(label: &str) -> String {
    say!(
        format!("--quarter: „{label}” nie jest kwartałem; podaj np. 2026-Q3"),
        format!("--quarter: \"{label}\" is not a quarter; give e.g. 2026-Q3"),
    )
}

pub fn report_saved(path: &Path, what: &str) -> String {
    say!(format!("Zapisano {} ({what})", path.display()), format!("Saved {} ({what})", path.display()))
}

pub fn cannot_write_stdout() -> String {
    say!("nie można pisać na standardowe wyjście", "cannot write to standard output")
}

pub fn pdf_needs_a_file() -> String {
    say!("PDF: podaj plik wynikowy, np. --out raport.pdf", "PDF: give an output file, e.g. --out report.pdf")
}

pub fn xlsx_needs_a_file() -> String {
    say!("XLSX: podaj plik wynikowy, np. --out raport.xlsx", "XLSX: give an output file, e.g. --out report.xlsx")
}

pub fn excel_only_for_csv(format: &str) -> String {
    say!(
        format!("--excel: dotyczy tylko CSV, a wybrano --format {format}"),
        format!("--excel: applies to CSV only, but --format {format} was chosen"),
    )
}

pub fn card_formats() -> String {
    say!("--format: karta usługi jest w formacie text albo pdf", "--format: the service card is text or pdf")
}

pub fn months_out_of_range() -> String {
    say!("--months: podaj od 1 do 120 miesięcy", "--months: give 1 to 120 months")
}

pub fn import_header(problem: &str) -> String {
    say!(format!("nagłówek pliku: {problem}"), format!("file header: {problem}"))
}

pub fn import_empty() -> String {
    say!("plik jest pusty (brak nagłówka)", "the file is empty (no header)")
}

pub fn import_csv(e: &str) -> String {
    say!(format!("nie można odczytać pliku CSV: {e}"), format!("cannot read the CSV file: {e}"))
}

pub fn columns_missing(list: &str) -> String {
    say!(format!("brakuje kolumn: {list}"), format!("missing columns: {list}"))
}

pub fn columns_unknown(list: &str) -> String {
    say!(format!("nieznane kolumny: {list}"), format!("unknown columns: {list}"))
}

pub fn columns_repeated(list: &str) -> String {
    say!(format!("powtórzone kolumny: {list}"), format!("repeated columns: {list}"))
}

pub fn expected_header(problems: &str, header: &str) -> String {
    say!(format!("{problems}; oczekiwany nagłówek: {header}"), format!("{problems}; expected header: {header}"))
}

pub fn row_field() -> String {
    say!("wiersz", "row")
}

pub fn wrong_column_count(found: usize, expected: usize) -> String {
    say!(format!("ma {found} kolumn, oczekiwano {expected}"), format!("has {found} columns, {expected} expected"))
}

pub fn not_utf8() -> String {
    say!(
        "niepoprawne kodowanie znaków: plik jest w UTF-8, a ten wiersz nie (a cały plik nie jest w Windows-1250); \
         zapisz plik jako „CSV UTF-8”",
        "wrong character encoding: the file is UTF-8 but this row is not (nor is the whole file Windows-1250); \
         save the file as \"CSV UTF-8\"",
    )
}

/// A row split by the other separator than the header's.
pub fn other_separator(row: char, header: char) -> String {
    say!(
        format!("pola rozdziela „{row}”, a nagłówek „{header}”; cały plik musi mieć jeden separator"),
        format!("the fields are separated by '{row}' but the header by '{header}'; a file has one separator"),
    )
}

pub fn utf16_file() -> String {
    say!(
        "plik jest w UTF-16; zapisz go jako „CSV UTF-8” albo „CSV (rozdzielany przecinkami)”",
        "the file is UTF-16; save it as \"CSV UTF-8\" or \"CSV (comma delimited)\"",
    )
}

/// What the importer found: "Plik: Windows-1250, separator średnik, końce wierszy CRLF";
/// `bom` says the UTF-8 file began with a byte-order mark.
pub fn detected_file(encoding: &str, bom: bool, semicolon: bool, crlf: bool) -> String {
    let (sep_pl, sep_en) = if semicolon { ("średnik", "semicolon") } else { ("przecinek", "comma") };
    let ends = if crlf { "CRLF" } else { "LF" };
    let (bom_pl, bom_en) = if bom { (" z BOM", " with BOM") } else { ("", "") };
    say!(
        format!("Plik: {encoding}{bom_pl}, separator {sep_pl}, końce wierszy {ends}"),
        format!("File: {encoding}{bom_en}, separator {sep_en}, line ends {ends}"),
    )
}

pub fn pesel_required_for_import() -> String {
    say!(
        "pole jest wymagane przy imporcie (po nim rozpoznawane są duplikaty)",
        "the field is required for an import (duplicates are recognised by it)",
    )
}

pub fn repeated_in_file(first: u64) -> String {
    say!(
        format!("powtórzony w pliku (pierwszy raz w wierszu {first})"),
        format!("repeated in the file (first in line {first})"),
    )
}

// The front door: creating a centre, finding the database, the summary without a terminal.

pub fn file_exists_init_makes_new(path: &Path) -> String {
    let path = path.display();
    say!(
        format!("plik {path} już istnieje; init tworzy tylko nową bazę"),
        format!("the file {path} already exists; init only creates a new database"),
    )
}

pub fn centre_created(path: &Path, name: &str, admin: &str) -> String {
    let path = path.display();
    say!(
        format!("Utworzono bazę {path} ({name}); administrator: {admin}"),
        format!("Created the database {path} ({name}); administrator: {admin}"),
    )
}

pub fn no_database_named() -> String {
    say!(
        "nie wskazano bazy: podaj --db PLIK, ustaw OKIENKO_DB albo wpisz db = \"…\" w ~/.config/okienko/config.toml",
        "no database given: pass --db FILE, set OKIENKO_DB or write db = \"…\" in ~/.config/okienko/config.toml",
    )
}

pub fn creating_demo(path: &Path) -> String {
    let path = path.display();
    say!(
        format!("okienko: pierwsze uruchomienie — tworzę centrum demonstracyjne w {path}"),
        format!("okienko: first start — creating the demo centre in {path}"),
    )
}

pub fn summary_residents(n: i64) -> String {
    say!(format!("Mieszkańcy: {n}"), format!("Residents: {n}"))
}

pub fn summary_logged_in(person: &str, roles: &str) -> String {
    say!(format!("Zalogowany: {person}; role: {roles}"), format!("Logged in: {person}; roles: {roles}"))
}

// Audit log

const ENTRIES_PL: Forms = Forms { one: "wpis", few: "wpisy", many: "wpisów" };
const ENTRIES_EN: Forms = Forms { one: "entry", few: "entries", many: "entries" };

pub fn audit_entries(n: usize) -> String {
    counted(n as i64, ENTRIES_PL, ENTRIES_EN)
}

pub fn audit_intact(entries: &str) -> String {
    say!(format!("Dziennik zdarzeń nienaruszony: {entries}"), format!("The audit log is intact: {entries}"))
}

pub fn audit_intact_with_anchor(entries: &str, anchored: &str, last_id: i64) -> String {
    say!(
        format!("Dziennik zdarzeń nienaruszony: {entries}, w tym wszystkie z kotwicy ({anchored}, do nr {last_id})"),
        format!(
            "The audit log is intact: {entries}, including every one of the anchor ({anchored}, up to no. {last_id})"
        )
    )
}

pub fn audit_anchor_mismatch(what: &str) -> String {
    say!(
        format!("dziennik zdarzeń niezgodny z kotwicą {what}"),
        format!("the audit log does not match the anchor {what}")
    )
}

pub fn audit_broken(what: &str) -> String {
    say!(format!("dziennik zdarzeń naruszony: {what}"), format!("the audit log has been tampered with: {what}"))
}

pub fn audit_no_head() -> String {
    say!(
        "dziennik nie ma jeszcze klucza ani głowy; powstaną przy pierwszym zapisie w bazie",
        "the log has no key or head yet; they are made by the first write to the database"
    )
}

pub fn audit_no_resident(pesel: &str) -> String {
    say!(
        format!("--resident: nie ma mieszkańca o numerze PESEL {pesel}"),
        format!("--resident: no resident has PESEL {pesel}")
    )
}

/// What an audit entry is about: the kind in words and its number or name (`wniosek nr 12`).
pub fn audit_target(kind: &str, rest: &str) -> String {
    if rest.is_empty() {
        kind.to_string()
    } else if rest.chars().all(|c| c.is_ascii_digit()) {
        say!(format!("{kind} nr {rest}"), format!("{kind} no. {rest}"))
    } else {
        format!("{kind} {rest}")
    }
}

/// Whose data an audit entry touched.
pub fn audit_resident(id: i64) -> String {
    say!(format!("dane mieszkańca nr {id}"), format!("data of resident no. {id}"))
}

/// A service named in a needs assessment, with only the parts that were filled in:
/// "oczekiwana: Transport — 4 × przejazd, miesięcznie". The unit is the service's own word,
/// so the amount is written as a count of it rather than declined.
pub fn assessed_service(kind: &str, description: &str, quantity: Option<i64>, unit: &str, frequency: &str) -> String {
    let unit = unit.trim();
    let amount = match (quantity, unit.is_empty()) {
        (Some(q), false) => format!("{q} × {unit}"),
        (Some(q), true) => q.to_string(),
        (None, _) => unit.to_string(),
    };
    let how = [amount.as_str(), frequency.trim()].into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(", ");
    if how.is_empty() { format!("{kind}: {description}") } else { format!("{kind}: {description} — {how}") }
}

pub fn resident_added(id: i64, name: &str) -> String {
    say!(format!("Zarejestrowano: {name} (mieszkaniec nr {id})"), format!("Registered: {name} (resident no. {id})"))
}

pub fn no_duplicates() -> String {
    say!("Brak par wyglądających na tę samą osobę", "No pairs that look like one person")
}

pub fn duplicate_pair(first: &str, second: &str, why: &str) -> String {
    say!(format!("{first}  ~  {second}  ({why})"), format!("{first}  ~  {second}  ({why})"))
}

pub fn residents_merged(keep: i64, other: i64, name: &str) -> String {
    say!(
        format!(
            "Połączono: mieszkaniec nr {other} jest teraz częścią nr {keep} ({name}); wnioski, plany, kontakty i wpisy dziennika zachowane"
        ),
        format!(
            "Merged: resident no. {other} is now part of no. {keep} ({name}); applications, plans, contacts and audit entries kept"
        )
    )
}

pub fn anonymous_needs_topic() -> String {
    say!("--topic: pole jest wymagane", "--topic: required")
}

pub fn visit_needs_whom() -> String {
    say!(
        "podaj --pesel albo --resident, albo --anonymous dla informacji bez rejestracji",
        "give --pesel or --resident, or --anonymous for an enquiry without registration"
    )
}

pub fn visit_recorded(id: i64, anonymous: bool) -> String {
    match (current(), anonymous) {
        (Lang::Pl, true) => format!("Zapisano informację bez rejestracji nr {id}"),
        (Lang::Pl, false) => format!("Zapisano kontakt nr {id}"),
        (Lang::En, true) => format!("Recorded enquiry without registration no. {id}"),
        (Lang::En, false) => format!("Recorded contact no. {id}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The process language is shared by the test threads, so these read the default, Polish.

    #[test]
    fn a_deadline_counts_days_in_the_right_form_and_says_when_it_is_past() {
        let deadline = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert!(drafting_deadline(deadline, 1).ends_with("— 1 dzień do terminu"));
        assert!(drafting_deadline(deadline, 3).ends_with("— 3 dni do terminu"));
        assert!(drafting_deadline(deadline, 0).ends_with("— to dziś"));
        assert!(drafting_deadline(deadline, -17).ends_with("— po terminie 17 dni"));
    }

    #[test]
    fn counts_of_rows_and_units_agree_with_their_number() {
        assert_eq!(usage_imported(3, 0, 2), "Przyjęto: 3, pominięto (już wczytane): 0, odrzucono 2 wiersze");
        assert!(residents_imported(0, 5, 0).contains("odrzucono 5 wierszy"));
        assert!(residents_imported(0, 1, 0).contains("odrzucono 1 wiersz,"));
        assert!(application_waiting(7, "TAXI", 2, 1).contains("(2 jednostki)"));
        assert!(application_waiting(7, "TAXI", 5, 1).contains("(5 jednostek)"));
    }

    #[test]
    fn a_person_is_named_with_the_login_beside_and_a_stamp_is_read_to_the_minute() {
        assert_eq!(person("Anna Nowak", "anowak"), "Anna Nowak (anowak)");
        assert_eq!(person(" ", "root"), "root");
        assert_eq!(local_stamp("nie stempel"), "nie stempel");
        assert_eq!(local_stamp("2026-11-23T10:15:00+00:00").len(), "2026-11-23 10:15".len());
    }

    #[test]
    fn a_lost_edit_says_nothing_was_kept_and_what_to_do() {
        let message = edit_lost("plan zmieniony przez koord2 o 10:15; tej zmiany nie zapisano");
        assert!(
            message.contains("nic nie zapisano; obejrzyj plan (okienko ipus show) i powtórz polecenie"),
            "{message}"
        );
        assert!(!message.contains("zachowano") && !message.contains("połącz"), "{message}");
    }
}
