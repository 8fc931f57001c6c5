//! What the set-up commands print: the centre, gminas, the programme with its fees, partners,
//! contracts, meetings, volunteers and income declarations, Polish and English. Values from the
//! database arrive already made safe for the terminal.

use super::{Lang, current};

/// The message in the process's language; only the chosen arm is formatted.
macro_rules! say {
    ($pl:expr, $en:expr $(,)?) => {
        match current() {
            Lang::Pl => $pl.into(),
            Lang::En => $en.into(),
        }
    };
}

fn zloty(grosze: i64) -> String {
    let sign = if grosze < 0 { "-" } else { "" };
    let g = grosze.unsigned_abs();
    format!("{sign}{},{:02}", g / 100, g % 100)
}

pub fn centre_saved(name: &str) -> String {
    say!(format!("Zapisano dane centrum: {name}"), format!("Saved the centre's details: {name}"))
}

/// The labels of `centre show`, in its order.
pub fn centre_labels() -> [&'static str; 7] {
    match current() {
        Lang::Pl => ["Nazwa", "Adres", "Telefon", "E-mail", "Dyrektor", "REGON", "Odwołania"],
        Lang::En => ["Name", "Address", "Phone", "E-mail", "Director", "REGON", "Appeals"],
    }
}

pub fn gmina_added(id: i64, name: &str) -> String {
    say!(format!("Dodano gminę nr {id}: {name}"), format!("Added gmina no. {id}: {name}"))
}

pub fn village_added(id: i64, name: &str) -> String {
    say!(format!("Dodano miejscowość nr {id}: {name}"), format!("Added place no. {id}: {name}"))
}

pub fn street_added(name: &str) -> String {
    say!(format!("Dodano ulicę: {name}"), format!("Added street: {name}"))
}

pub fn gmina_line(id: i64, name: &str, teryt: &str, residents: i64, streets: i64) -> String {
    let teryt = if teryt.is_empty() { String::new() } else { format!(" (TERYT {teryt})") };
    say!(
        format!("{id} {name}{teryt} — mieszkańców: {residents}, ulic: {streets}"),
        format!("{id} {name}{teryt} — residents: {residents}, streets: {streets}"),
    )
}

pub fn service_for_all(code: &str) -> String {
    say!(
        format!("Usługa {code} dla mieszkańców wszystkich gmin"),
        format!("Service {code} is for residents of every gmina")
    )
}

pub fn service_only_for(code: &str, gminas: &str) -> String {
    say!(format!("Usługa {code} tylko dla gmin: {gminas}"), format!("Service {code} only for the gminas: {gminas}"))
}

pub fn programme_added(id: i64, name: &str) -> String {
    say!(format!("Dodano program nr {id}: {name}"), format!("Added programme no. {id}: {name}"))
}

pub fn programme_saved(id: i64) -> String {
    say!(format!("Zapisano program nr {id}"), format!("Saved programme no. {id}"))
}

pub fn programme_money(budget: i64, single: i64, family: i64, months: u32) -> String {
    let (b, s, f) = (zloty(budget), zloty(single), zloty(family));
    say!(
        format!(
            "budżet {b} zł; kryterium dochodowe {s} zł (samotnie), {f} zł (na osobę w rodzinie); \
             oświadczenie ważne {months} mies."
        ),
        format!(
            "budget PLN {b}; income criterion PLN {s} (living alone), PLN {f} (per person in a family); \
             a declaration is valid {months} months"
        ),
    )
}

pub fn resolution_line(gmina: &str, number: &str, adopted_on: &str) -> String {
    say!(format!("uchwała {gmina}: {number} z {adopted_on}"), format!("resolution {gmina}: {number} of {adopted_on}"))
}

pub fn programme_service_line(code: &str, name: &str, planned: i64, fee: &str) -> String {
    say!(
        format!("{code} {name} — planowanych osób {planned}; {fee}"),
        format!("{code} {name} — planned persons {planned}; {fee}"),
    )
}

pub fn discount_line(code: &str, name: &str, percent_off: u32) -> String {
    say!(format!("ulga {code} ({name}): −{percent_off} %"), format!("discount {code} ({name}): −{percent_off} %"))
}

pub fn resolution_saved(number: &str, gmina: &str) -> String {
    say!(format!("Zapisano uchwałę {number} ({gmina})"), format!("Saved resolution {number} ({gmina})"))
}

pub fn fee_option_required() -> String {
    say!(
        "--free, --flat albo --bands: podaj, jak program pobiera opłatę",
        "--free, --flat or --bands: say how the programme charges"
    )
}

pub fn programme_service_saved(code: &str) -> String {
    say!(format!("Zapisano usługę {code} w programie"), format!("Saved service {code} in the programme"))
}

pub fn discount_saved(code: &str, percent_off: u32) -> String {
    say!(format!("Zapisano ulgę {code}: {percent_off} %"), format!("Saved discount {code}: {percent_off} %"))
}

pub fn partner_added(id: i64, name: &str) -> String {
    say!(format!("Dodano partnera nr {id}: {name}"), format!("Added partner no. {id}: {name}"))
}

pub fn partner_line(id: i64, name: &str, kind: &str, contact: &str, handles: &str, referrals: i64) -> String {
    say!(
        format!("{id} {name} [{kind}] {contact} — {handles} (skierowań: {referrals})"),
        format!("{id} {name} [{kind}] {contact} — {handles} (referrals: {referrals})"),
    )
}

pub fn referral_saved(id: i64, partner: &str) -> String {
    say!(format!("Zapisano skierowanie nr {id} do: {partner}"), format!("Saved referral no. {id} to: {partner}"))
}

pub fn referral_line(day: &str, partner: &str, resident: Option<i64>, what: &str) -> String {
    match resident {
        Some(r) => say!(
            format!("{day} {partner} (mieszkaniec nr {r}): {what}"),
            format!("{day} {partner} (resident no. {r}): {what}")
        ),
        None => format!("{day} {partner}: {what}"),
    }
}

pub fn contract_saved(id: i64, price: i64) -> String {
    let p = zloty(price);
    say!(format!("Zapisano umowę nr {id}: {p} zł za jednostkę"), format!("Saved contract no. {id}: PLN {p} per unit"))
}

pub fn contract_line(id: i64, service: &str, provider: &str, price: i64, from: &str, to: &str, number: &str) -> String {
    let p = zloty(price);
    say!(
        format!("{id} {service} {provider} {p} zł/j. {from} – {to} {number}"),
        format!("{id} {service} {provider} PLN {p}/unit {from} – {to} {number}"),
    )
}

pub fn meeting_saved(id: i64, day: &str) -> String {
    say!(format!("Zapisano spotkanie nr {id} z {day}"), format!("Saved meeting no. {id} of {day}"))
}

pub fn meeting_line(day: &str, attended: &str) -> String {
    say!(format!("{day} — obecni: {attended}"), format!("{day} — attended: {attended}"))
}

pub fn meeting_cases(cases: &str) -> String {
    say!(format!("    sprawy: {cases}"), format!("    cases: {cases}"))
}

pub fn meeting_providers(providers: &str) -> String {
    say!(format!("    realizatorzy: {providers}"), format!("    providers: {providers}"))
}

pub fn volunteer_added(id: i64, name: &str) -> String {
    say!(format!("Dodano wolontariusza nr {id}: {name}"), format!("Added volunteer no. {id}: {name}"))
}

pub fn volunteer_line(name: &str, organisation: &str, from: &str, to: Option<&str>, hours: i64) -> String {
    let to = to.unwrap_or("…");
    say!(
        format!("{name} {organisation} {from} – {to} ({hours} godz.)"),
        format!("{name} {organisation} {from} – {to} ({hours} h)"),
    )
}

pub fn declaration_saved(resident: i64, valid_until: &str) -> String {
    say!(
        format!("Zapisano oświadczenie o dochodzie mieszkańca nr {resident}, ważne do {valid_until}"),
        format!("Saved the income declaration of resident no. {resident}, valid until {valid_until}"),
    )
}

pub fn not_in_programme(code: &str, day: &str) -> String {
    say!(
        format!("{code}: brak w programie obowiązującym {day}"),
        format!("{code}: not in the programme in force on {day}")
    )
}

/// A date of the centre's calendar on the dashboard: what, by when, and how far off.
pub fn reminder(lang: Lang, meeting: bool, date: &str, days: i64) -> String {
    let when = match (lang, days) {
        (Lang::Pl, 0) => "dziś".to_string(),
        (Lang::Pl, d) if d < 0 => format!("{} po terminie", super::count(lang, -d, DAYS_PL)),
        (Lang::Pl, d) => format!("za {}", super::count(lang, d, DAYS_PL)),
        (Lang::En, 0) => "today".to_string(),
        (Lang::En, d) if d < 0 => format!("{} overdue", super::count(lang, -d, DAYS_EN)),
        (Lang::En, d) => format!("in {}", super::count(lang, d, DAYS_EN)),
    };
    match (lang, meeting) {
        (Lang::Pl, true) => format!("Spotkanie z koordynatorami (co 3 miesiące): do {date}, {when}"),
        (Lang::Pl, false) => format!("Półroczne podsumowanie planów (art. 46): do {date}, {when}"),
        (Lang::En, true) => format!("Meeting with the coordinators (every 3 months): by {date}, {when}"),
        (Lang::En, false) => format!("Half-year summary of the plans (art. 46): by {date}, {when}"),
    }
}

const DAYS_PL: super::Forms = super::Forms { one: "dzień", few: "dni", many: "dni" };
const DAYS_EN: super::Forms = super::Forms { one: "day", few: "days", many: "days" };
