//! Why the domain or storage refused something, in both languages. The error types keep their
//! data and render through these functions with [`super::current`] when displayed, so an error
//! made on the worker thread reads in the language of the screen that shows it.

use super::Lang;
use std::fmt::Display;

fn pick(lang: Lang, pl: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Pl => pl,
        Lang::En => en,
    }
}

/// Field keys (the Polish names the forms, the domain and storage share) and their English names.
const FIELD_NAMES: &[(&str, &str)] = &[
    ("PESEL", "PESEL"),
    ("adres", "address"),
    ("adres wnioskodawcy", "applicant's address"),
    ("czas realizacji", "delivery time"),
    ("data", "date"),
    ("data decyzji", "decision date"),
    ("data diagnozy", "assessment date"),
    ("data monitoringu", "follow-up date"),
    ("data poinformowania dyrektora", "date the director was informed"),
    ("data rezygnacji", "resignation date"),
    ("data rozmowy", "conversation date"),
    ("data urodzenia", "birth date"),
    ("data złożenia", "filing date"),
    ("do", "to"),
    ("działanie", "action"),
    ("dzień tygodnia", "weekday"),
    ("e-mail", "e-mail"),
    ("e-mail wnioskodawcy", "applicant's e-mail"),
    ("forma", "form"),
    ("godziny", "hours"),
    ("gotowość do zmiany", "readiness for change"),
    ("grupy docelowe", "target groups"),
    ("harmonogram", "schedule"),
    ("ilość", "quantity"),
    ("imię", "first name"),
    ("imię i nazwisko", "full name"),
    ("imię i nazwisko wnioskodawcy", "applicant's full name"),
    ("informacja", "information"),
    ("jednostek", "units"),
    ("jednostka", "unit"),
    ("kanał", "channel"),
    ("kod", "code"),
    ("kod pocztowy", "postal code"),
    ("kod usługi", "service code"),
    ("komentarz", "comment"),
    ("koniec okresu", "period end"),
    ("koniec zamknięcia", "closure's last day"),
    ("kto", "who"),
    ("liczba jednostek", "number of units"),
    ("liczba osób w gospodarstwie", "household size"),
    ("limit", "limit"),
    ("login", "login"),
    ("miejsce i forma", "place and form"),
    ("miejscowość", "village"),
    ("na", "per"),
    ("nazwa", "name"),
    ("nazwa miejsca", "place name"),
    ("nazwisko", "last name"),
    ("niepełnosprawność", "disability"),
    ("niesamodzielność", "dependency"),
    ("notatka", "note"),
    ("nr dokumentu", "document number"),
    ("nr domu", "house number"),
    ("nr lokalu", "flat number"),
    ("nr wniosku", "application number"),
    ("numer decyzji", "decision number"),
    ("numer planu", "plan number"),
    ("obszary", "areas"),
    ("ocena jakości", "quality check"),
    ("oczekiwane efekty", "expected effects"),
    ("od", "from"),
    ("odpłatność", "fee note"),
    ("okres", "period"),
    ("opis", "description"),
    ("opłata", "fee"),
    ("oświadczenie", "declaration"),
    ("plik", "file"),
    ("początek okresu", "period start"),
    ("potrzeby", "needs"),
    ("powód pierwszeństwa", "reason for going first"),
    ("powód przekazania", "reason for forwarding"),
    ("powód zamknięcia", "closure reason"),
    ("pozycja", "position"),
    ("problemy", "problems"),
    ("przebieg", "course"),
    ("przekazano do", "forwarded to"),
    ("realizator", "provider"),
    ("rezultaty", "results"),
    ("rezygnacja", "resignation"),
    ("rodzaj", "kind"),
    ("skierowano do", "referred to"),
    ("stan cywilny", "marital status"),
    ("sytuacja zawodowa", "employment"),
    ("szkic do", "draft until"),
    ("szkic od", "draft from"),
    ("telefon", "phone"),
    ("telefon wnioskodawcy", "applicant's phone"),
    ("temat", "topic"),
    ("treść wniosku", "application text"),
    ("ulica", "street"),
    ("usługi obecne", "services used now"),
    ("usługi oczekiwane", "services wanted"),
    ("uwagi", "remarks"),
    ("uwagi o opłacie", "fee note"),
    ("uzasadnienie", "grounds"),
    ("ważność", "validity"),
    ("wnioskodawca", "applicant"),
    ("z kim", "with whom"),
    ("zakres", "scope"),
    ("zakwalifikowanie", "qualification"),
    ("zasady dostępu", "access rule"),
    ("zawód", "occupation"),
    ("zdrowie", "health"),
];

/// A field's name as a person reads it; the key itself in Polish, and a key without an English
/// name stays as it is rather than disappear.
pub fn field_name(lang: Lang, key: &str) -> &str {
    match lang {
        Lang::Pl => key,
        Lang::En => FIELD_NAMES.iter().find(|(pl, _)| *pl == key).map_or(key, |(_, en)| en),
    }
}

pub fn required(lang: Lang) -> &'static str {
    pick(lang, "pole jest wymagane", "the field is required")
}

pub fn too_long(lang: Lang, len: impl Display, max: impl Display) -> String {
    match lang {
        Lang::Pl => format!("za długie: {len} znaków, najwyżej {max}"),
        Lang::En => format!("too long: {len} characters, at most {max}"),
    }
}

pub fn control_characters(lang: Lang) -> &'static str {
    pick(lang, "zawiera znaki sterujące lub sekwencje terminala", "contains control characters or terminal sequences")
}

pub fn date_format(lang: Lang) -> &'static str {
    pick(
        lang,
        "data musi mieć postać RRRR-MM-DD i istnieć w kalendarzu",
        "a date must look like YYYY-MM-DD and exist in the calendar",
    )
}

pub fn time_format(lang: Lang) -> &'static str {
    pick(lang, "godzina musi mieć postać GG:MM", "a time must look like HH:MM")
}

pub fn amount_format(lang: Lang, value: impl Display) -> String {
    match lang {
        Lang::Pl => format!("„{value}” — podaj kwotę w złotych, np. 12,50"),
        Lang::En => format!("“{value}” — give an amount in złoty, e.g. 12,50"),
    }
}

pub fn postal_code(lang: Lang) -> &'static str {
    pick(lang, "kod pocztowy musi mieć postać 00-000", "a postal code must look like 00-000")
}

pub fn phone(lang: Lang) -> &'static str {
    pick(
        lang,
        "numer telefonu musi mieć 9 cyfr (opcjonalnie z +48)",
        "a phone number has 9 digits (+48 may precede them)",
    )
}

pub fn email(lang: Lang) -> &'static str {
    pick(lang, "adres e-mail musi mieć postać nazwa@domena", "an e-mail address must look like name@domain")
}

pub fn number(lang: Lang, min: impl Display, max: impl Display) -> String {
    match lang {
        Lang::Pl => format!("musi być liczbą całkowitą od {min} do {max}"),
        Lang::En => format!("must be a whole number from {min} to {max}"),
    }
}

pub fn not_one_of(lang: Lang, value: impl Display, allowed: impl Display) -> String {
    match lang {
        Lang::Pl => format!("„{value}” — dozwolone: {allowed}"),
        Lang::En => format!("“{value}” — allowed: {allowed}"),
    }
}

pub fn period_label(lang: Lang, label: impl Display) -> String {
    match lang {
        Lang::Pl => format!("„{label}” — podaj np. 2026-11, 2026-Q4, 2026 albo 2026-W48"),
        Lang::En => format!("“{label}” — give e.g. 2026-11, 2026-Q4, 2026 or 2026-W48"),
    }
}

pub fn plan_or_qualification(lang: Lang) -> &'static str {
    pick(
        lang,
        "podaj numer planu albo numer zakwalifikowania, nie oba",
        "give a plan number or a qualification number, not both",
    )
}

pub fn future_date(lang: Lang) -> &'static str {
    pick(lang, "data z przyszłości", "the date is in the future")
}

pub fn pesel_length(lang: Lang, digits: impl Display) -> String {
    match lang {
        Lang::Pl => format!("musi mieć 11 cyfr (ma {digits})"),
        Lang::En => format!("must have 11 digits (has {digits})"),
    }
}

pub fn pesel_not_digits(lang: Lang) -> &'static str {
    pick(lang, "może zawierać tylko cyfry", "may contain digits only")
}

pub fn pesel_checksum(lang: Lang) -> &'static str {
    pick(lang, "błędna cyfra kontrolna", "wrong check digit")
}

pub fn pesel_date(lang: Lang) -> &'static str {
    pick(lang, "zawiera datę urodzenia, która nie istnieje", "holds a birth date that does not exist")
}

pub fn quota_exceeded(lang: Lang, remaining: impl Display, requested: impl Display) -> String {
    match lang {
        Lang::Pl => format!("pula wyczerpana: pozostało {remaining}, potrzeba {requested}"),
        Lang::En => format!("pool exhausted: {remaining} left, {requested} needed"),
    }
}

pub fn period_ends_before_start(lang: Lang, start: impl Display, end: impl Display) -> String {
    match lang {
        Lang::Pl => format!("koniec okresu ({end}) jest przed jego początkiem ({start})"),
        Lang::En => format!("the period ends ({end}) before it starts ({start})"),
    }
}

pub fn period_longer_than_a_year(lang: Lang, latest_end: impl Display) -> String {
    match lang {
        Lang::Pl => format!("okres planu przekracza 1 rok (art. 40): najpóźniej do {latest_end}"),
        Lang::En => format!("a plan lasts at most 1 year (art. 40): until {latest_end} at the latest"),
    }
}

pub fn period_shorter_than_three_months(lang: Lang, earliest_end: impl Display) -> String {
    match lang {
        Lang::Pl => {
            format!("plan dotyczy koordynacji przez co najmniej 3 miesiące (art. 38): najwcześniej do {earliest_end}")
        }
        Lang::En => {
            format!("a plan coordinates for at least 3 months (art. 38): until {earliest_end} at the earliest")
        }
    }
}

pub fn zero_amount(lang: Lang) -> &'static str {
    pick(lang, "ilość musi być większa od zera", "the quantity must be more than zero")
}

pub fn cap_not_longer(lang: Lang, cap_units: impl Display, cap_per: impl Display) -> String {
    match lang {
        Lang::Pl => format!(
            "limit {cap_units} na {cap_per} nie może być mniejszy od zera ani dotyczyć krótszego okresu niż ilość"
        ),
        Lang::En => format!(
            "the cap of {cap_units} per {cap_per} may be neither below zero nor for a shorter time than the quantity"
        ),
    }
}

pub fn outside_plan(lang: Lang, span_start: impl Display, span_end: impl Display) -> String {
    match lang {
        Lang::Pl => format!("okres usługi ({span_start} – {span_end}) wychodzi poza okres planu"),
        Lang::En => format!("the service's period ({span_start} – {span_end}) goes beyond the plan's"),
    }
}

pub fn too_many_units(lang: Lang, units: impl Display, max: impl Display) -> String {
    match lang {
        Lang::Pl => format!("ilość {units} jest za duża: najwyżej {max} jednostek w okresie"),
        Lang::En => format!("{units} is too many: at most {max} units in a period"),
    }
}

pub fn follow_up_not_after_end(lang: Lang, on: impl Display, ended: impl Display) -> String {
    match lang {
        Lang::Pl => format!("{on}: monitoring po zakończeniu musi być po końcu planu ({ended})"),
        Lang::En => format!("{on}: the follow-up must come after the plan's end ({ended})"),
    }
}

pub fn repeats_row(lang: Lang, first: usize) -> String {
    match lang {
        Lang::Pl => format!("powtarza wiersz {first} tego pliku; pominięto jako kopię"),
        Lang::En => format!("repeats row {first} of this file; skipped as a copy"),
    }
}

pub fn usage_outside_span(lang: Lang, day: impl Display, start: impl Display, end: impl Display) -> String {
    match lang {
        Lang::Pl => format!("data {day} jest poza okresem usługi w planie ({start} – {end})"),
        Lang::En => format!("{day} is outside the service's period in the plan ({start} – {end})"),
    }
}

pub fn usage_over_granted(
    lang: Lang,
    from: impl Display,
    to: impl Display,
    granted: impl Display,
    already: impl Display,
    requested: impl Display,
) -> String {
    match lang {
        Lang::Pl => format!(
            "w okresie {from} – {to} plan przyznaje {granted}, wykorzystano już {already}, nie można dopisać {requested}"
        ),
        Lang::En => format!(
            "in {from} – {to} the plan grants {granted}, {already} are used already, {requested} more cannot be added"
        ),
    }
}

/// What is done to a plan version, by the code of the action (`edit`, `submit`, `approve`,
/// `return`, `supersede`), as the infinitive the refusal needs.
pub fn version_action(lang: Lang, code: &str) -> &'static str {
    match code {
        "edit" => pick(lang, "edytować", "edit"),
        "submit" => pick(lang, "złożyć do zatwierdzenia", "submit"),
        "approve" => pick(lang, "zatwierdzić", "approve"),
        "return" => pick(lang, "zwrócić", "return"),
        _ => pick(lang, "zastąpić nowszą wersją", "supersede"),
    }
}

/// Why an action is not possible in a version's state; `hint` is the advice that goes with it,
/// by code: `approved` (an approved plan changes by an update), `not_submitted`, `waiting`.
pub fn transition(lang: Lang, action: &str, state: impl Display, hint: &str) -> String {
    let verb = version_action(lang, action);
    let hint = match hint {
        "approved" => pick(
            lang,
            "; zatwierdzonego planu się nie zmienia — aktualizacja tworzy nową wersję",
            "; an approved plan is not changed — an update makes a new version",
        ),
        "not_submitted" => pick(lang, "; najpierw trzeba go złożyć", "; it has to be submitted first"),
        "waiting" => pick(
            lang,
            "; czeka na decyzję — zatwierdzający może go zwrócić do poprawy",
            "; it awaits a decision — the approver may return it for correction",
        ),
        _ => "",
    };
    match lang {
        Lang::Pl => format!("nie można {verb} wersji w stanie „{state}”{hint}"),
        Lang::En => format!("cannot {verb} a version in the state “{state}”{hint}"),
    }
}

pub fn nothing_approved(lang: Lang) -> &'static str {
    pick(
        lang,
        "plan nie ma zatwierdzonej wersji, którą można aktualizować",
        "the plan has no approved version to update",
    )
}

pub fn update_already_open(lang: Lang, version: impl Display, state: impl Display) -> String {
    match lang {
        Lang::Pl => format!("plan ma już wersję {version} w stanie „{state}”; dokończ ją zamiast zaczynać nową"),
        Lang::En => format!("the plan already has version {version} in the state “{state}”; finish it instead"),
    }
}

pub fn plan_ended(lang: Lang) -> &'static str {
    pick(lang, "plan jest zakończony; aktualizacja nie jest możliwa", "the plan has ended; it cannot be updated")
}

pub fn missing_database(lang: Lang, path: impl Display) -> String {
    match lang {
        Lang::Pl => format!("baza {path} nie istnieje; utwórz ją: okienko init --db {path}"),
        Lang::En => format!("the database {path} does not exist; create it: okienko init --db {path}"),
    }
}

pub fn schema_too_new(lang: Lang, path: impl Display, found: impl Display, supported: impl Display) -> String {
    match lang {
        Lang::Pl => format!(
            "baza {path} ma schemat w wersji {found}, a ten program zna najwyżej {supported}; zaktualizuj okienko"
        ),
        Lang::En => format!(
            "the database {path} has schema version {found}, and this program knows at most {supported}; update okienko"
        ),
    }
}

pub fn foreign_file(lang: Lang, path: impl Display) -> String {
    match lang {
        Lang::Pl => format!("plik {path} nie jest bazą okienka (brak tabel okienka, a plik nie jest pusty)"),
        Lang::En => format!("the file {path} is not an okienko database (no okienko tables, and it is not empty)"),
    }
}

pub fn corrupt_file(lang: Lang, path: impl Display) -> String {
    match lang {
        Lang::Pl => format!("plik {path} nie jest bazą SQLite albo jest uszkodzony"),
        Lang::En => format!("the file {path} is not an SQLite database, or it is damaged"),
    }
}

pub fn no_room_for_grant(lang: Lang, period: &str, limit: i64, granted: i64, remaining: i64, needed: i64) -> String {
    match lang {
        Lang::Pl => format!(
            "brak miejsc w puli — w okresie {period} pula {limit}, przyznano już {granted}, pozostało {remaining}, \
             potrzeba {needed}; wpisz wniosek na listę oczekujących"
        ),
        Lang::En => format!(
            "no room in the pool — in {period} the pool is {limit}, {granted} granted already, {remaining} left, \
             {needed} needed; put the application on the waiting list"
        ),
    }
}

/// One service's queue ahead of an application: how many wait, and who is first since when.
pub fn waiting_for_service(lang: Lang, service: &str, waiting: usize, first: &str, filed_on: impl Display) -> String {
    match lang {
        Lang::Pl => format!("{service}: czeka {waiting} os., pierwsza {first} (wniosek z {filed_on})"),
        Lang::En => format!("{service}: {waiting} waiting, first {first} (application of {filed_on})"),
    }
}

pub fn earlier_applicants_wait(lang: Lang, queues: impl Display) -> String {
    match lang {
        Lang::Pl => format!(
            "na tę usługę czekają osoby z wcześniejszymi wnioskami — {queues}; przyznaj najpierw im albo podaj powód \
             pierwszeństwa"
        ),
        Lang::En => format!(
            "people with earlier applications wait for this service — {queues}; grant theirs first or give the reason \
             for going first"
        ),
    }
}

pub fn busy(lang: Lang, seconds: impl Display) -> String {
    match lang {
        Lang::Pl => format!("baza jest zajęta przez inny proces dłużej niż {seconds} s; spróbuj ponownie"),
        Lang::En => format!("another process has kept the database busy for over {seconds} s; try again"),
    }
}

pub fn read_only(lang: Lang, path: impl Display) -> String {
    match lang {
        Lang::Pl => format!("baza {path} jest tylko do odczytu dla tego użytkownika"),
        Lang::En => format!("the database {path} is read-only for this user"),
    }
}

pub fn cannot_open(lang: Lang, path: impl Display, reason: impl Display) -> String {
    match lang {
        Lang::Pl => format!("nie można otworzyć bazy {path}: {reason}"),
        Lang::En => format!("cannot open the database {path}: {reason}"),
    }
}

pub fn not_found(lang: Lang, what: impl Display) -> String {
    match lang {
        Lang::Pl => format!("nie znaleziono: {what}"),
        Lang::En => format!("not found: {what}"),
    }
}

pub fn forbidden(lang: Lang, what: impl Display) -> String {
    match lang {
        Lang::Pl => format!("brak uprawnień: {what}"),
        Lang::En => format!("not permitted: {what}"),
    }
}

pub fn database_error(lang: Lang, error: impl Display) -> String {
    match lang {
        Lang::Pl => format!("błąd bazy danych: {error}"),
        Lang::En => format!("database error: {error}"),
    }
}

pub fn needs_role(lang: Lang, login: &str, roles: &str, needed: &[&str]) -> String {
    match lang {
        Lang::Pl => format!("{login} (role: {roles}) — ta czynność wymaga roli: {}", needed.join(" lub ")),
        Lang::En => format!("{login} (roles: {roles}) — this needs the role {}", needed.join(" or ")),
    }
}

pub fn not_the_plans_coordinator(lang: Lang, login: &str, plan: &str, coordinator: &str) -> String {
    match lang {
        Lang::Pl => format!(
            "{login} nie koordynuje planu {plan} (koordynator: {coordinator}); zakończyć plan lub zapisać rezygnację \
             może jego koordynator, organizator lub dyrektor"
        ),
        Lang::En => format!(
            "{login} does not coordinate the plan {plan} (coordinator: {coordinator}); only its coordinator, an \
             organiser or the director may end it or record a resignation"
        ),
    }
}

pub fn account_disabled(lang: Lang, login: &str) -> String {
    match lang {
        Lang::Pl => {
            format!(
                "konto {login} jest wyłączone; administrator może je przywrócić: okienko staff add {login} --role …"
            )
        }
        Lang::En => {
            format!(
                "the account {login} is disabled; an administrator can restore it: okienko staff add {login} --role …"
            )
        }
    }
}

pub fn not_registered(lang: Lang, login: &str) -> String {
    match lang {
        Lang::Pl => format!(
            "użytkownik systemu {login} nie jest zarejestrowany jako pracownik; administrator dodaje go poleceniem: \
             okienko staff add {login} --role recepcja"
        ),
        Lang::En => format!(
            "the system user {login} is not registered as staff; an administrator adds them with: \
             okienko staff add {login} --role recepcja"
        ),
    }
}

pub fn no_role_given(lang: Lang) -> &'static str {
    pick(lang, "podaj co najmniej jedną rolę (--role)", "give at least one role (--role)")
}

pub fn service_code_taken(lang: Lang, code: &str) -> String {
    match lang {
        Lang::Pl => format!("usługa o kodzie {code} już istnieje"),
        Lang::En => format!("a service with the code {code} exists already"),
    }
}

pub fn provider_exists(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Pl => format!("realizator „{name}” już istnieje"),
        Lang::En => format!("the provider “{name}” exists already"),
    }
}

pub fn required_without_pesel(lang: Lang) -> &'static str {
    pick(lang, "wymagane u osoby bez PESEL", "required for a person without PESEL")
}

/// A PESEL someone already has, naming that person.
pub fn pesel_taken_by(lang: Lang, resident_id: i64, name: &str) -> String {
    match lang {
        Lang::Pl => format!("już zarejestrowany: {name} (mieszkaniec nr {resident_id})"),
        Lang::En => format!("registered already: {name} (resident no. {resident_id})"),
    }
}

/// People already registered who may be the one being registered.
pub fn looks_like(lang: Lang, people: &str) -> String {
    match lang {
        Lang::Pl => format!("podobna osoba jest już w bazie: {people}; sprawdź, czy to ta sama osoba"),
        Lang::En => format!("a similar person is registered already: {people}; check whether it is the same person"),
    }
}

pub fn likeness(lang: Lang, code: &str) -> &'static str {
    match (lang, code) {
        (Lang::Pl, "imię, nazwisko i data urodzenia") => "imię, nazwisko i data urodzenia",
        (Lang::Pl, _) => "imię, nazwisko i adres",
        (Lang::En, "imię, nazwisko i data urodzenia") => "name and birth date",
        (Lang::En, _) => "name and address",
    }
}

pub fn not_this_persons(lang: Lang, application_id: i64) -> String {
    match lang {
        Lang::Pl => format!("wniosek nr {application_id} dotyczy innej osoby"),
        Lang::En => format!("application no. {application_id} is another person's"),
    }
}

pub fn unknown_service_code(lang: Lang, code: &str) -> String {
    match lang {
        Lang::Pl => format!("nie ma usługi o kodzie „{code}”"),
        Lang::En => format!("no service has the code “{code}”"),
    }
}

pub fn merge_same(lang: Lang) -> &'static str {
    pick(lang, "nie można połączyć osoby z nią samą", "a person cannot be merged with itself")
}

pub fn merge_two_pesels(lang: Lang, keep: &str, other: &str) -> String {
    match lang {
        Lang::Pl => format!("obie osoby mają PESEL, różne ({keep} i {other}): to nie jest ta sama osoba"),
        Lang::En => format!("both people have a PESEL and they differ ({keep} and {other}): not the same person"),
    }
}

pub fn pesel_registered(lang: Lang, resident_id: i64) -> String {
    match lang {
        Lang::Pl => format!("już zarejestrowany (mieszkaniec nr {resident_id})"),
        Lang::En => format!("registered already (resident no. {resident_id})"),
    }
}

// What storage looked for and did not find; shown after "nie znaleziono:" / "not found:".

/// A thing by its number (`usługa nr 7`, `service no. 7`).
fn numbered(lang: Lang, pl: &str, en: &str, id: impl Display) -> String {
    match lang {
        Lang::Pl => format!("{pl} nr {id}"),
        Lang::En => format!("{en} no. {id}"),
    }
}

/// A thing by the name the person gave (`realizator „Caritas”`).
fn named(lang: Lang, pl: &str, en: &str, name: impl Display) -> String {
    match lang {
        Lang::Pl => format!("{pl} „{name}”"),
        Lang::En => format!("{en} “{name}”"),
    }
}

pub fn missing_plan_no(lang: Lang, id: impl Display) -> String {
    numbered(lang, "plan", "plan", id)
}

pub fn missing_plan(lang: Lang, key: impl Display) -> String {
    match lang {
        Lang::Pl => format!("plan {key}"),
        Lang::En => format!("plan {key}"),
    }
}

pub fn missing_version_no(lang: Lang, id: impl Display) -> String {
    numbered(lang, "wersja planu", "plan version", id)
}

pub fn missing_service_no(lang: Lang, id: impl Display) -> String {
    numbered(lang, "usługa", "service", id)
}

pub fn missing_refusal(lang: Lang, id: impl Display) -> String {
    numbered(lang, "decyzja odmowna", "refusal decision", id)
}

pub fn missing_service(lang: Lang, code_or_id: impl Display) -> String {
    match lang {
        Lang::Pl => format!("usługa „{code_or_id}” (podaj kod albo numer usługi)"),
        Lang::En => format!("service “{code_or_id}” (give the service's code or number)"),
    }
}

pub fn missing_service_code(lang: Lang, code: impl Display) -> String {
    match lang {
        Lang::Pl => format!("usługa o kodzie {code}"),
        Lang::En => format!("a service with the code {code}"),
    }
}

pub fn missing_provider(lang: Lang, name_or_id: impl Display) -> String {
    named(lang, "realizator", "provider", name_or_id)
}

pub fn missing_hours_no(lang: Lang, id: impl Display) -> String {
    numbered(lang, "godziny", "opening hours", id)
}

pub fn missing_provider_pool(lang: Lang, service: impl Display) -> String {
    match lang {
        Lang::Pl => format!("pula usługi „{service}” tego realizatora"),
        Lang::En => format!("this provider's pool of the service “{service}”"),
    }
}

pub fn missing_pool(lang: Lang, service: impl Display) -> String {
    match lang {
        Lang::Pl => format!("pula usługi „{service}” (usługa nie ma limitu)"),
        Lang::En => format!("a pool of the service “{service}” (the service has no limit)"),
    }
}

pub fn missing_place(lang: Lang, name_or_id: impl Display) -> String {
    named(lang, "miejsce", "place", name_or_id)
}

pub fn missing_village(lang: Lang, name_or_id: impl Display) -> String {
    named(lang, "miejscowość", "village", name_or_id)
}

pub fn missing_gmina_no(lang: Lang, id: impl Display) -> String {
    numbered(lang, "gmina", "gmina", id)
}

pub fn missing_resident_no(lang: Lang, id: impl Display) -> String {
    numbered(lang, "mieszkaniec", "resident", id)
}

pub fn missing_application_no(lang: Lang, id: impl Display) -> String {
    numbered(lang, "wniosek", "application", id)
}

pub fn missing_staff(lang: Lang, login: impl Display) -> String {
    match lang {
        Lang::Pl => format!("pracownik {login}"),
        Lang::En => format!("staff member {login}"),
    }
}

// What storage refused, and why.

pub fn in_version(lang: Lang, version: impl Display, reason: impl Display) -> String {
    match lang {
        Lang::Pl => format!("wersja {version}: {reason}"),
        Lang::En => format!("version {version}: {reason}"),
    }
}

pub fn cannot_approve(lang: Lang, problems: impl Display) -> String {
    match lang {
        Lang::Pl => format!("nie można zatwierdzić — {problems}"),
        Lang::En => format!("cannot approve — {problems}"),
    }
}

pub fn no_approved_version(lang: Lang) -> &'static str {
    pick(lang, "plan nie ma zatwierdzonej wersji", "the plan has no approved version")
}

pub fn line_already_resigned(lang: Lang, position: impl Display, on: impl Display) -> String {
    match lang {
        Lang::Pl => format!("z pozycji {position} zrezygnowano już {on}"),
        Lang::En => format!("line {position} was already resigned from on {on}"),
    }
}

pub fn plan_already_ended(lang: Lang, number: impl Display, on: impl Display) -> String {
    match lang {
        Lang::Pl => format!("plan {number} zakończył się już {on}"),
        Lang::En => format!("the plan {number} already ended on {on}"),
    }
}

pub fn line_service_missing(lang: Lang, position: impl Display, service_id: impl Display) -> String {
    match lang {
        Lang::Pl => format!("pozycja {position}: nie ma usługi nr {service_id}"),
        Lang::En => format!("line {position}: there is no service no. {service_id}"),
    }
}

pub fn application_has_plan(lang: Lang, application_id: impl Display, number: impl Display) -> String {
    match lang {
        Lang::Pl => format!("do wniosku nr {application_id} jest już plan {number}"),
        Lang::En => format!("the application no. {application_id} already has the plan {number}"),
    }
}

pub fn limit_below_granted(lang: Lang, units: impl Display, granted: impl Display) -> String {
    match lang {
        Lang::Pl => format!("nie można ustawić limitu {units}: przyznano już {granted}"),
        Lang::En => format!("cannot set the limit to {units}: {granted} are already granted"),
    }
}

pub fn year_out_of_range(lang: Lang, year: impl Display) -> String {
    match lang {
        Lang::Pl => format!("--year: rok {year} jest poza zakresem"),
        Lang::En => format!("--year: the year {year} is out of range"),
    }
}

pub fn backup_exists(lang: Lang, path: impl Display) -> String {
    match lang {
        Lang::Pl => format!("plik {path} już istnieje; wskaż nowy plik"),
        Lang::En => format!("the file {path} already exists; name a new file"),
    }
}

pub fn backup_is_directory(lang: Lang, path: impl Display) -> String {
    match lang {
        Lang::Pl => format!("{path}: podaj nazwę nowego pliku kopii, a nie katalog"),
        Lang::En => format!("{path}: name a new file for the backup, not a directory"),
    }
}

pub fn backup_name_not_utf8(lang: Lang, path: impl Display) -> String {
    match lang {
        Lang::Pl => format!("{path}: nazwa kopii musi być zapisana w UTF-8"),
        Lang::En => format!("{path}: the backup's name must be UTF-8"),
    }
}

pub fn audit_needs_file(lang: Lang) -> &'static str {
    pick(lang, "dziennik zdarzeń wymaga bazy zapisanej w pliku", "the audit log needs a database kept in a file")
}

pub fn database_rule(lang: Lang, rule: impl Display) -> String {
    match lang {
        Lang::Pl => format!("wartość poza dozwolonym zakresem (reguła bazy: {rule})"),
        Lang::En => format!("a value out of the allowed range (database rule: {rule})"),
    }
}

pub fn no_wal(lang: Lang, mode: impl Display) -> String {
    match lang {
        Lang::Pl => format!("nie można włączyć trybu WAL (tryb: {mode})"),
        Lang::En => format!("cannot switch the database to WAL mode (mode: {mode})"),
    }
}

pub fn assessed_service(lang: Lang, position: impl Display, reason: impl Display) -> String {
    match lang {
        Lang::Pl => format!("usługa {position} z diagnozy: {reason}"),
        Lang::En => format!("service {position} of the assessment: {reason}"),
    }
}

// Field problems the domain words itself, and storage's other refusals.

pub fn born_too_early(lang: Lang, earliest: impl Display) -> String {
    match lang {
        Lang::Pl => format!("wcześniejsza niż {earliest}; sprawdź datę"),
        Lang::En => format!("earlier than {earliest}; check the date"),
    }
}

pub fn in_the_future(lang: Lang, date: impl Display) -> String {
    match lang {
        Lang::Pl => format!("w przyszłości ({date})"),
        Lang::En => format!("in the future ({date})"),
    }
}

pub fn not_after_today(lang: Lang, today: impl Display) -> String {
    match lang {
        Lang::Pl => format!("nie może być późniejsza niż dziś ({today})"),
        Lang::En => format!("cannot be later than today ({today})"),
    }
}

pub fn choose_one_of(lang: Lang, allowed: impl Display) -> String {
    match lang {
        Lang::Pl => format!("wybierz jeden z: {allowed}"),
        Lang::En => format!("choose one of: {allowed}"),
    }
}

pub fn service_entry_parts(lang: Lang, parts: usize) -> String {
    match lang {
        Lang::Pl => {
            format!("najwyżej 4 części oddzielone średnikiem (nazwa; jednostka; ilość; częstotliwość), jest {parts}")
        }
        Lang::En => {
            format!("at most 4 parts separated by semicolons (name; unit; quantity; frequency), there are {parts}")
        }
    }
}

pub fn out_of_range(lang: Lang, what: &str, min: impl Display, max: impl Display) -> String {
    let what = field_name(lang, what);
    match lang {
        Lang::Pl => format!("{what} musi być od {min} do {max}"),
        Lang::En => format!("{what} must be from {min} to {max}"),
    }
}

pub fn whole_number(lang: Lang, what: &str, min: impl Display, max: impl Display) -> String {
    let what = field_name(lang, what);
    match lang {
        Lang::Pl => format!("{what} musi być liczbą całkowitą od {min} do {max}"),
        Lang::En => format!("{what} must be a whole number from {min} to {max}"),
    }
}

pub fn without_minus(lang: Lang, what: &str, min: impl Display, max: impl Display) -> String {
    let what = field_name(lang, what);
    match lang {
        Lang::Pl => format!("{what} musi być od {min} do {max}, bez minusa"),
        Lang::En => format!("{what} must be from {min} to {max}, without a minus"),
    }
}

pub fn gmina_exists(lang: Lang, name: impl Display) -> String {
    match lang {
        Lang::Pl => format!("gmina „{name}” już istnieje"),
        Lang::En => format!("the gmina “{name}” already exists"),
    }
}

pub fn free_of_charge(lang: Lang) -> &'static str {
    pick(lang, "bezpłatna", "free")
}

pub fn plan_still_running(lang: Lang, number: impl Display) -> String {
    match lang {
        Lang::Pl => format!("plan {number} trwa; monitoring po zakończeniu zapisuje się po jego końcu"),
        Lang::En => {
            format!("the plan {number} is still running; the follow-up after the end is recorded after it ends")
        }
    }
}

pub fn directory_unreachable(lang: Lang, dir: impl Display) -> String {
    match lang {
        Lang::Pl => format!("brak dostępu do katalogu {dir} dla tego użytkownika (plik może istnieć)"),
        Lang::En => format!("this user cannot reach the directory {dir} (the file may exist)"),
    }
}

pub fn directory_read_only(lang: Lang, dir: impl Display) -> String {
    match lang {
        Lang::Pl => {
            format!("katalog {dir} jest tylko do odczytu dla tego użytkownika, a SQLite tworzy w nim pliki -wal i -shm")
        }
        Lang::En => {
            format!("the directory {dir} is read-only for this user, and SQLite creates its -wal and -shm files there")
        }
    }
}

pub fn backup_not_intact(lang: Lang, verdict: impl Display) -> String {
    match lang {
        Lang::Pl => format!(
            "kopia nie przeszła sprawdzenia spójności (integrity_check: {verdict}); baza źródłowa może być uszkodzona"
        ),
        Lang::En => format!(
            "the backup failed its integrity check (integrity_check: {verdict}); the source database may be damaged"
        ),
    }
}

// Qualifications, the waiting list, usage and the centre's set-up.

pub fn missing_qualification_no(lang: Lang, id: impl Display) -> String {
    match lang {
        Lang::Pl => format!("zakwalifikowanie nr {id}"),
        Lang::En => format!("qualification no. {id}"),
    }
}

pub fn application_closed(lang: Lang, id: impl Display, state: impl Display) -> String {
    match lang {
        Lang::Pl => format!("wniosek nr {id} jest już zamknięty (stan: {state})"),
        Lang::En => format!("the application no. {id} is already closed (state: {state})"),
    }
}

pub fn service_suspended(lang: Lang, service: impl Display) -> String {
    match lang {
        Lang::Pl => format!("usługa {service} jest zawieszona przez organizatora"),
        Lang::En => format!("the organiser has suspended the service {service}"),
    }
}

pub fn missing_provider_no(lang: Lang, id: impl Display) -> String {
    match lang {
        Lang::Pl => format!("realizator nr {id}"),
        Lang::En => format!("provider no. {id}"),
    }
}

pub fn declaration_before_filing(lang: Lang, filed_on: impl Display) -> String {
    match lang {
        Lang::Pl => format!("oświadczenie składa się z wnioskiem lub po nim ({filed_on})"),
        Lang::En => format!("the declaration is made with the application or after it ({filed_on})"),
    }
}

pub fn qualification_already_ended(lang: Lang, id: impl Display, ended: impl Display) -> String {
    match lang {
        Lang::Pl => format!("zakwalifikowanie nr {id} zakończono już {ended}"),
        Lang::En => format!("the qualification no. {id} already ended on {ended}"),
    }
}

pub fn within_service_period(lang: Lang, start: impl Display, end: impl Display) -> String {
    match lang {
        Lang::Pl => format!("musi być w okresie usługi ({start} – {end})"),
        Lang::En => format!("must be within the service period ({start} – {end})"),
    }
}

pub fn before_filing(lang: Lang, filed_on: impl Display) -> String {
    match lang {
        Lang::Pl => format!("jest przed złożeniem wniosku ({filed_on})"),
        Lang::En => format!("is before the application was filed ({filed_on})"),
    }
}

pub fn already_waiting(lang: Lang, id: impl Display) -> String {
    match lang {
        Lang::Pl => format!("wniosek nr {id} już czeka na tę usługę"),
        Lang::En => format!("the application no. {id} already waits for this service"),
    }
}

pub fn missing_waitlist_entry(lang: Lang, id: impl Display) -> String {
    match lang {
        Lang::Pl => format!("wpis listy oczekujących nr {id}"),
        Lang::En => format!("waiting-list entry no. {id}"),
    }
}

pub fn missing_plan_line_no(lang: Lang, id: impl Display) -> String {
    match lang {
        Lang::Pl => format!("pozycja planu nr {id}"),
        Lang::En => format!("plan line no. {id}"),
    }
}

pub fn missing_approved_plan(lang: Lang, number: impl Display) -> String {
    match lang {
        Lang::Pl => format!("zatwierdzony plan o numerze {number}"),
        Lang::En => format!("an approved plan numbered {number}"),
    }
}

pub fn missing_position(lang: Lang, position: impl Display, number: impl Display) -> String {
    match lang {
        Lang::Pl => format!("pozycja {position} w zatwierdzonym planie {number}"),
        Lang::En => format!("line {position} of the approved plan {number}"),
    }
}

pub fn teryt_digits(lang: Lang, len: impl Display) -> String {
    match lang {
        Lang::Pl => format!("kod TERYT ma {len} cyfr"),
        Lang::En => format!("a TERYT code has {len} digits"),
    }
}

pub fn missing_gmina(lang: Lang, name: impl Display) -> String {
    match lang {
        Lang::Pl => format!("gmina „{name}” (dodaj ją: okienko gmina add)"),
        Lang::En => format!("the gmina “{name}” (add it: okienko gmina add)"),
    }
}

pub fn one_of(lang: Lang, allowed: impl Display) -> String {
    match lang {
        Lang::Pl => format!("jedno z: {allowed}"),
        Lang::En => format!("one of: {allowed}"),
    }
}

pub fn village_exists(lang: Lang, name: impl Display) -> String {
    match lang {
        Lang::Pl => format!("miejscowość „{name}” już jest w tej gminie"),
        Lang::En => format!("the village “{name}” is already in this gmina"),
    }
}

pub fn village_in_other_gmina(lang: Lang) -> &'static str {
    pick(lang, "miejscowość jest w innej gminie", "the village is in another gmina")
}

pub fn street_exists(lang: Lang, name: impl Display, postal_code: impl Display) -> String {
    match lang {
        Lang::Pl => format!("ulica „{name}” {postal_code} już jest w tej gminie"),
        Lang::En => format!("the street “{name}” {postal_code} is already in this gmina"),
    }
}

pub fn partner_exists(lang: Lang, name: impl Display) -> String {
    match lang {
        Lang::Pl => format!("partner „{name}” już jest w wykazie"),
        Lang::En => format!("the partner “{name}” is already listed"),
    }
}

pub fn missing_partner(lang: Lang, name: impl Display) -> String {
    match lang {
        Lang::Pl => format!("partner „{name}” (dodaj go: okienko partner add)"),
        Lang::En => format!("the partner “{name}” (add it: okienko partner add)"),
    }
}

pub fn negative_amount(lang: Lang) -> &'static str {
    pick(lang, "kwota nie może być ujemna", "an amount cannot be negative")
}

pub fn contract_ends_before_start(lang: Lang) -> &'static str {
    pick(lang, "koniec umowy przed jej początkiem", "the contract ends before it starts")
}

pub fn ends_before_start(lang: Lang) -> &'static str {
    pick(lang, "koniec przed początkiem", "the end is before the start")
}

pub fn missing_centre(lang: Lang) -> &'static str {
    pick(lang, "dane centrum (okienko init)", "the centre's details (okienko init)")
}

pub fn regon_check(lang: Lang) -> &'static str {
    pick(
        lang,
        "REGON ma 9 albo 14 cyfr ze zgodną cyfrą kontrolną",
        "a REGON has 9 or 14 digits with a matching check digit",
    )
}

pub fn programme_exists(lang: Lang, name: impl Display) -> String {
    match lang {
        Lang::Pl => format!("program „{name}” już istnieje"),
        Lang::En => format!("the programme “{name}” already exists"),
    }
}

pub fn programme_ends_before_start(lang: Lang) -> &'static str {
    pick(lang, "koniec programu przed jego początkiem", "the programme ends before it starts")
}

pub fn missing_programme(lang: Lang, name: impl Display) -> String {
    match lang {
        Lang::Pl => format!("program „{name}” (dodaj go: okienko programme add)"),
        Lang::En => format!("the programme “{name}” (add it: okienko programme add)"),
    }
}

pub fn code_without_commas(lang: Lang) -> &'static str {
    pick(lang, "kod bez przecinków", "a code without commas")
}

pub fn missing_programme_no(lang: Lang, id: impl Display) -> String {
    match lang {
        Lang::Pl => format!("program nr {id}"),
        Lang::En => format!("programme no. {id}"),
    }
}

// Dates and periods of qualifications, opening hours and closures

pub fn ends_before_start_on(lang: Lang, start: impl Display) -> String {
    match lang {
        Lang::Pl => format!("koniec jest przed początkiem ({start})"),
        Lang::En => format!("the end is before the start ({start})"),
    }
}

pub fn at_most_a_year(lang: Lang, latest: impl Display) -> String {
    match lang {
        Lang::Pl => format!("najwyżej rok: koniec najpóźniej {latest}"),
        Lang::En => format!("a year at most: the end on {latest} at the latest"),
    }
}

pub fn dated_after_today(lang: Lang, today: impl Display) -> String {
    match lang {
        Lang::Pl => format!("nie może mieć daty po dniu dzisiejszym ({today})"),
        Lang::En => format!("cannot be dated after today ({today})"),
    }
}

pub fn starts_before_declaration(lang: Lang, declared_on: impl Display) -> String {
    match lang {
        Lang::Pl => format!("usługa nie może zacząć się przed złożeniem oświadczenia ({declared_on})"),
        Lang::En => format!("the service cannot start before the declaration was made ({declared_on})"),
    }
}

pub fn birth_date_not_pesel(lang: Lang, from_pesel: impl Display) -> String {
    match lang {
        Lang::Pl => format!("niezgodna z PESEL ({from_pesel})"),
        Lang::En => format!("does not match the PESEL ({from_pesel})"),
    }
}

pub fn closes_before_opening(lang: Lang) -> &'static str {
    pick(lang, "godzina zamknięcia musi być po godzinie otwarcia", "the closing time must be after the opening time")
}

pub fn valid_to_before_from(lang: Lang) -> &'static str {
    pick(lang, "koniec ważności przed jej początkiem", "the end of validity is before its start")
}

pub fn hours_valid_from(lang: Lang, from: impl Display) -> String {
    match lang {
        Lang::Pl => format!("godziny obowiązują od {from}"),
        Lang::En => format!("the hours are in force from {from}"),
    }
}

pub fn closure_ends_before(lang: Lang, start: impl Display) -> String {
    match lang {
        Lang::Pl => format!("zamknięcie kończy się przed {start}"),
        Lang::En => format!("the closure ends before {start}"),
    }
}

pub fn discount_not_in_programme(lang: Lang, unknown: &str, known: &[String]) -> String {
    let known = if known.is_empty() { "—".to_string() } else { known.join(", ") };
    match lang {
        Lang::Pl => format!("ulga „{unknown}” nie jest w programie (są: {known})"),
        Lang::En => format!("the discount “{unknown}” is not in the programme (there are: {known})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names_are_english_beside_their_polish_keys() {
        assert_eq!(field_name(Lang::En, "kod pocztowy"), "postal code");
        assert_eq!(field_name(Lang::Pl, "kod pocztowy"), "kod pocztowy");
        assert_eq!(field_name(Lang::En, "pole spoza katalogu"), "pole spoza katalogu");
        let mut keys: Vec<&str> = FIELD_NAMES.iter().map(|(pl, _)| *pl).collect();
        keys.dedup();
        assert_eq!(keys.len(), FIELD_NAMES.len(), "each key once");
    }

    #[test]
    fn a_refused_transition_reads_in_either_language() {
        assert_eq!(
            transition(Lang::Pl, "approve", "szkic", "not_submitted"),
            "nie można zatwierdzić wersji w stanie „szkic”; najpierw trzeba go złożyć"
        );
        assert_eq!(
            transition(Lang::En, "approve", "szkic", "not_submitted"),
            "cannot approve a version in the state “szkic”; it has to be submitted first"
        );
    }

    #[test]
    fn a_refusal_by_role_names_the_roles_in_either_language() {
        assert_eq!(
            needs_role(Lang::Pl, "ola", "recepcja", &["koordynator", "dyrektor"]),
            "ola (role: recepcja) — ta czynność wymaga roli: koordynator lub dyrektor"
        );
        assert_eq!(
            needs_role(Lang::En, "ola", "recepcja", &["koordynator", "dyrektor"]),
            "ola (roles: recepcja) — this needs the role koordynator or dyrektor"
        );
    }
}
