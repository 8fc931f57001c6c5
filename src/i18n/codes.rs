//! Codes the database stores (Polish identifiers such as `opiekun_faktyczny` or `w_cus`) in the
//! words a person reads. Machine outputs (JSON, CSV) keep the codes; text outputs show these.
//! A code not listed here is shown as stored, so an old database never loses a value.

use super::{Lang, current};

/// (code, Polish, English)
type Table = [(&'static str, &'static str, &'static str)];

fn word<'a>(table: &Table, code: &'a str) -> &'a str {
    word_in(current(), table, code)
}

fn word_in<'a>(lang: Lang, table: &Table, code: &'a str) -> &'a str {
    match table.iter().find(|(c, _, _)| *c == code) {
        Some((_, pl, en)) => match lang {
            Lang::Pl => pl,
            Lang::En => en,
        },
        None => code,
    }
}

/// The code a person means by a word in either language, or by the code itself.
fn code_of(table: &Table, word: &str) -> Option<&'static str> {
    let word = word.trim().to_lowercase();
    table.iter().find(|(c, pl, en)| [c, pl, en].iter().any(|w| w.to_lowercase() == word)).map(|(c, _, _)| *c)
}

/// The state code for `szkic`, `draft`, `approved` …, as typed after `--state`.
pub fn plan_state_code(word: &str) -> Option<&'static str> {
    code_of(PLAN_STATE, word)
}

/// A plan version's state.
pub fn plan_state(code: &str) -> &str {
    word(PLAN_STATE, code)
}

const PLAN_STATE: &Table = &[
    ("szkic", "szkic", "draft"),
    ("złożony", "złożony", "submitted"),
    ("zatwierdzony", "zatwierdzony", "approved"),
    ("zwrócony", "zwrócony", "returned"),
    ("zastąpiony", "zastąpiony", "superseded"),
];

/// A version's state after the word "wersja", which is feminine: "wersja zatwierdzona".
pub fn version_state(code: &str) -> &str {
    word(VERSION_STATE, code)
}

const VERSION_STATE: &Table = &[
    ("szkic", "szkic", "draft"),
    ("złożony", "złożona", "submitted"),
    ("zatwierdzony", "zatwierdzona", "approved"),
    ("zwrócony", "zwrócona", "returned"),
    ("zastąpiony", "zastąpiona", "superseded"),
];

/// A decision on a version, stored as the state it led to.
pub fn decision(code: &str) -> &str {
    word(DECISION, code)
}

const DECISION: &Table = &[
    ("złożony", "złożono do zatwierdzenia", "submitted for approval"),
    ("zatwierdzony", "zatwierdzono", "approved"),
    ("zwrócony", "zwrócono do poprawy", "returned for corrections"),
];

/// Why a plan ended.
pub fn end_reason(code: &str) -> &str {
    word(END_REASON, code)
}

const END_REASON: &Table = &[("zakończony", "zakończenie", "completed"), ("rezygnacja", "rezygnacja", "resignation")];

/// How an application came in.
pub fn channel(code: &str) -> &str {
    word(CHANNEL, code)
}

const CHANNEL: &Table = &[
    ("osobiście", "osobiście", "in person"),
    ("telefon", "telefon", "phone"),
    ("pismo", "pismo", "letter"),
    ("e-mail", "e-mail", "e-mail"),
    ("epuap", "ePUAP", "ePUAP"),
];

/// How a monitoring contact took place.
pub fn contact_channel(code: &str) -> &str {
    word(CONTACT_CHANNEL, code)
}

const CONTACT_CHANNEL: &Table = &[
    ("telefon", "telefon", "phone"),
    ("wizyta", "wizyta domowa", "home visit"),
    ("w_cus", "w CUS", "at the centre"),
    ("e-mail", "e-mail", "e-mail"),
];

/// Who filed an application.
pub fn applicant_kind(code: &str) -> &str {
    word(APPLICANT_KIND, code)
}

const APPLICANT_KIND: &Table = &[
    ("mieszkaniec", "mieszkaniec", "the resident"),
    ("przedstawiciel_ustawowy", "przedstawiciel ustawowy", "legal representative"),
    ("opiekun_faktyczny", "opiekun faktyczny", "de facto carer"),
];

/// Where an application stands.
pub fn application_state(code: &str) -> &str {
    word(APPLICATION_STATE, code)
}

pub fn application_state_in(lang: Lang, code: &str) -> &str {
    word_in(lang, APPLICATION_STATE, code)
}

const APPLICATION_STATE: &Table = &[
    ("złożony", "złożony", "filed"),
    ("diagnoza", "diagnoza potrzeb", "needs assessment"),
    ("plan", "plan", "plan drafted"),
    ("przekazany", "przekazany", "forwarded"),
    ("odmowa", "odmowa", "refused"),
    ("informacja", "udzielono informacji", "information given"),
    ("oczekuje", "oczekuje na miejsce", "waiting for a place"),
];

/// A service named in the needs assessment: used now or wanted.
pub fn assessed_service_kind(code: &str) -> &str {
    word(ASSESSED_SERVICE_KIND, code)
}

const ASSESSED_SERVICE_KIND: &Table =
    &[("obecna", "używana teraz", "used now"), ("oczekiwana", "oczekiwana", "wanted")];

/// Who may use a service.
pub fn access_rule(code: &str) -> &str {
    word(ACCESS_RULE, code)
}

const ACCESS_RULE: &Table = &[
    ("otwarty", "otwarty", "open"),
    ("kryteria", "według kryteriów", "by criteria"),
    ("odplatnosc_czesciowa", "odpłatność częściowa", "partial payment"),
];

/// Whether a service is given one to one or in groups.
pub fn service_form(code: &str) -> &str {
    word(SERVICE_FORM, code)
}

const SERVICE_FORM: &Table = &[
    ("indywidualna", "indywidualna", "individual"),
    ("grupowa", "grupowa", "group"),
    ("indywidualna_i_grupowa", "indywidualna i grupowa", "individual and group"),
];

/// A staff role.
pub fn role(code: &str) -> &str {
    word(ROLE, code)
}

const ROLE: &Table = &[
    ("recepcja", "recepcja", "front desk"),
    ("koordynator", "koordynator", "coordinator"),
    ("organizator", "organizator", "organiser"),
    ("dyrektor", "dyrektor", "director"),
    ("administrator", "administrator", "administrator"),
];

/// The period an amount is counted over (`week`, `month`, `year`, `plan`) and a pool's
/// counting period (`quarter` too).
pub fn per(code: &str) -> &str {
    word(PER, code)
}

const PER: &Table = &[
    ("week", "tydzień", "week"),
    ("month", "miesiąc", "month"),
    ("quarter", "kwartał", "quarter"),
    ("year", "rok", "year"),
    ("plan", "cały okres", "whole period"),
];

/// A part of a plan version named in a comparison of two versions, by the label the domain
/// gives it.
pub fn plan_field(label: &str) -> &str {
    word(PLAN_FIELD, label)
}

const PLAN_FIELD: &Table = &[
    ("początek okresu", "początek okresu", "period start"),
    ("koniec okresu", "koniec okresu", "period end"),
    ("potrzeby", "potrzeby", "needs"),
    ("oczekiwane efekty", "oczekiwane efekty", "expected effects"),
    ("ocena jakości", "ocena jakości", "quality check"),
    ("realizator", "realizator", "provider"),
    ("ilość", "ilość", "amount"),
    ("od", "od", "from"),
    ("do", "do", "to"),
    ("harmonogram", "harmonogram", "schedule"),
    ("miejsce i forma", "miejsce i forma", "place and form"),
    ("zakres", "zakres", "scope"),
    ("rezygnacja", "rezygnacja", "resignation"),
];

/// What an audit entry records, by the action code the log stores.
pub fn audit_action(code: &str) -> &str {
    word(AUDIT_ACTION, code)
}

const AUDIT_ACTION: &Table = &[
    ("open_card", "otwarcie karty", "card opened"),
    ("view", "wgląd", "viewed"),
    ("reveal_pesel", "odkrycie numeru PESEL", "PESEL revealed"),
    ("find_reveal", "PESEL w wyszukiwaniu", "PESEL shown in search"),
    ("export", "eksport", "export"),
    ("print", "wydruk", "print"),
    ("change", "zmiana", "change"),
    ("create", "utworzenie", "created"),
    ("import", "wczytanie pliku", "import"),
    ("staff_change", "zmiana konta pracownika", "staff account change"),
    ("approve", "zatwierdzenie", "approval"),
    ("backup", "kopia bazy", "backup"),
    ("audit_key", "klucz dziennika", "log key created"),
];

/// The kind of thing an audit entry is about, the part before `:` of its target (`plan:12`),
/// or a whole target that names one thing (`centre:four_eyes`).
pub fn audit_target(kind: &str) -> &str {
    word(AUDIT_TARGET, kind)
}

const AUDIT_TARGET: &Table = &[
    ("application", "wniosek", "application"),
    ("centre", "centrum", "centre"),
    ("centre:four_eyes", "zasada czterech oczu", "four-eyes rule"),
    ("contact_visit", "wizyta informacyjna", "information visit"),
    ("decision", "decyzja", "decision"),
    ("demo", "centrum demonstracyjne", "demo centre"),
    ("find", "wyszukiwanie", "search"),
    ("import", "plik", "file"),
    ("location", "miejsce realizacji", "place"),
    ("monitoring", "kontakt monitorujący", "monitoring contact"),
    ("needs_assessment", "diagnoza potrzeb", "needs assessment"),
    ("plan", "plan", "plan"),
    ("plan_line", "pozycja planu", "plan line"),
    ("plan_version", "wersja planu", "plan version"),
    ("provider", "realizator", "provider"),
    ("qualification", "kwalifikacja", "qualification"),
    ("qualification_refusal", "odmowa kwalifikacji", "refusal to qualify"),
    ("report", "raport", "report"),
    ("report:summary", "raport półroczny (art. 46)", "half-year report (art. 46)"),
    ("report:indicators", "wskaźniki kwartalne", "quarterly indicators"),
    ("report:programme", "informacja roczna z programu", "yearly programme report"),
    ("report:pool-use", "wykorzystanie puli", "pool use"),
    ("resident", "mieszkaniec", "resident"),
    ("service", "usługa", "service"),
    ("staff", "pracownik", "staff member"),
    ("usage", "wykonanie usług", "usage"),
    ("waitlist", "wpis na liście oczekujących", "waiting-list entry"),
];

/// A statutory holiday's name, by the code the domain gives it.
pub fn holiday(code: &str) -> &str {
    word(HOLIDAY, code)
}

pub fn holiday_in(lang: Lang, code: &str) -> &str {
    word_in(lang, HOLIDAY, code)
}

const HOLIDAY: &Table = &[
    ("new_year", "Nowy Rok", "New Year's Day"),
    ("epiphany", "Święto Trzech Króli", "Epiphany"),
    ("easter_sunday", "Wielkanoc", "Easter Sunday"),
    ("easter_monday", "Poniedziałek Wielkanocny", "Easter Monday"),
    ("labour_day", "Święto Pracy", "Labour Day"),
    ("constitution_day", "Święto Konstytucji 3 Maja", "Constitution Day"),
    ("pentecost", "Zielone Świątki", "Pentecost"),
    ("corpus_christi", "Boże Ciało", "Corpus Christi"),
    ("assumption", "Wniebowzięcie NMP", "Assumption Day"),
    ("all_saints", "Wszystkich Świętych", "All Saints' Day"),
    ("independence_day", "Narodowe Święto Niepodległości", "Independence Day"),
    ("christmas_eve", "Wigilia Bożego Narodzenia", "Christmas Eve"),
    ("christmas", "Boże Narodzenie", "Christmas Day"),
    ("second_day_of_christmas", "drugi dzień Bożego Narodzenia", "Second Day of Christmas"),
];

/// A pool's status as the base shows it, in capitals so it reads without colour.
pub fn pool_status(code: &str) -> &str {
    word(POOL_STATUS, code)
}

const POOL_STATUS: &Table = &[
    ("OK", "OK", "OK"),
    ("MAŁO", "MAŁO", "LOW"),
    ("BRAK", "BRAK", "NONE"),
    ("LISTA", "LISTA", "WAITLIST"),
    ("BEZ LIMITU", "BEZ LIMITU", "NO LIMIT"),
    ("ZAWIESZONA", "ZAWIESZONA", "SUSPENDED"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_as_words_and_unknown_codes_pass_through() {
        assert_eq!(word_in(Lang::Pl, APPLICANT_KIND, "opiekun_faktyczny"), "opiekun faktyczny");
        assert_eq!(word_in(Lang::Pl, ACCESS_RULE, "odplatnosc_czesciowa"), "odpłatność częściowa");
        assert_eq!(word_in(Lang::En, CONTACT_CHANNEL, "w_cus"), "at the centre");
        assert_eq!(word_in(Lang::Pl, PER, "month"), "miesiąc");
        assert_eq!(word_in(Lang::En, PLAN_STATE, "zatwierdzony"), "approved");
        assert_eq!(word_in(Lang::Pl, VERSION_STATE, "zatwierdzony"), "zatwierdzona");
        assert_eq!(word_in(Lang::En, PLAN_STATE, "nieznany"), "nieznany");
        assert_eq!(plan_state_code("Approved"), Some("zatwierdzony"));
        assert_eq!(plan_state_code("szkic"), Some("szkic"));
        assert_eq!(plan_state_code("gotowy"), None);
        assert_eq!(word_in(Lang::Pl, AUDIT_ACTION, "open_card"), "otwarcie karty");
        assert_eq!(word_in(Lang::En, AUDIT_TARGET, "waitlist"), "waiting-list entry");
    }

    #[test]
    fn every_code_has_a_word_in_both_languages() {
        for table in [
            PLAN_STATE,
            VERSION_STATE,
            DECISION,
            END_REASON,
            CHANNEL,
            CONTACT_CHANNEL,
            APPLICANT_KIND,
            APPLICATION_STATE,
            AUDIT_ACTION,
            AUDIT_TARGET,
            PLAN_FIELD,
        ] {
            for (code, pl, en) in table.iter() {
                assert!(!pl.is_empty() && !en.is_empty(), "{code}");
                assert!(en.is_ascii(), "{code}: {en}");
            }
        }
    }
}
