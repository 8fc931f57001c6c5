//! Four eyes, training centres and special-category data, as staff read them.

use super::{Lang, current};

macro_rules! say {
    ($pl:expr, $en:expr $(,)?) => {
        match current() {
            Lang::Pl => $pl.into(),
            Lang::En => $en.into(),
        }
    };
}

/// In place of what a person may not see.
pub fn hidden() -> String {
    say!("dane szczególnej kategorii — brak uprawnień", "special-category data — not permitted")
}

pub fn four_eyes_off_needs_reason() -> String {
    say!(
        "--reason: podaj, dlaczego centrum wyłącza zasadę czterech oczu (np. jedna osoba koordynuje i zatwierdza)",
        "--reason: say why the centre turns four eyes off (e.g. one person coordinates and approves)"
    )
}

pub fn approver_coordinates(login: &str) -> String {
    say!(
        format!(
            "zasada czterech oczu: {login} koordynuje ten plan, więc go nie zatwierdza; zatwierdza inna osoba \
             (małe centrum może wyłączyć zasadę: okienko centre four-eyes off --reason …)"
        ),
        format!(
            "four eyes: {login} coordinates this plan and so does not approve it; someone else does \
             (a small centre may turn the rule off: okienko centre four-eyes off --reason …)"
        )
    )
}

pub fn approver_drafted(login: &str) -> String {
    say!(
        format!(
            "zasada czterech oczu: {login} przygotował(a) lub złożył(a) tę wersję, więc jej nie zatwierdza; \
             zatwierdza inna osoba"
        ),
        format!("four eyes: {login} drafted or submitted this version and so does not approve it; someone else does")
    )
}

/// On the printout of a version approved with the rule off.
pub fn approved_without_four_eyes() -> String {
    say!(
        "Zatwierdzono bez zasady czterech oczu (wyłączonej w tym centrum)",
        "Approved without four eyes (turned off in this centre)"
    )
}

pub fn four_eyes_state(on: bool) -> String {
    match (current(), on) {
        (Lang::Pl, true) => "zasada czterech oczu: włączona".into(),
        (Lang::Pl, false) => "zasada czterech oczu: WYŁĄCZONA".into(),
        (Lang::En, true) => "four eyes: on".into(),
        (Lang::En, false) => "four eyes: OFF".into(),
    }
}

/// On every screen of a training centre.
pub fn training_mark() -> String {
    say!("CENTRUM SZKOLENIOWE — dane fikcyjne", "TRAINING CENTRE — fictitious data")
}

/// The same, short, for the desk's top line.
pub fn training_tag() -> String {
    say!("SZKOLENIE", "TRAINING")
}

pub fn act_as_only_in_training() -> String {
    say!(
        "OKIENKO_LOGIN działa tylko w centrum szkoleniowym lub demonstracyjnym; tu każdy pracuje jako swój login",
        "OKIENKO_LOGIN works only in a training or demo centre; here everyone works as their own login"
    )
}

// The audit log's chain, as `audit verify` and a refused write report it.

pub fn not_an_anchor() -> String {
    say!(
        "to nie jest kotwica dziennika (pierwsze słowo: okienko-audit-anchor)",
        "this is not an audit anchor (its first word is okienko-audit-anchor)"
    )
}

pub fn bad_anchor_field(field: &str) -> String {
    say!(format!("nieznane albo błędne pole kotwicy: {field}"), format!("an unknown or wrong anchor field: {field}"))
}

pub fn anchor_fields() -> String {
    say!(
        "kotwica musi mieć pola entries, last_id i last_hash",
        "an anchor has the fields entries, last_id and last_hash"
    )
}

pub fn log_tampered(what: &str) -> String {
    say!(
        format!("dziennik zdarzeń naruszony ({what}); nic nie zapisano — sprawdź: okienko audit verify"),
        format!("the audit log has been tampered with ({what}); nothing was written — check: okienko audit verify")
    )
}

pub fn no_head() -> String {
    say!("brak głowy dziennika", "the log's head is missing")
}

pub fn no_key_file(path: &str) -> String {
    say!(format!("brak pliku klucza {path}"), format!("the key file {path} is missing"))
}

pub fn head_does_not_match_key() -> String {
    say!("głowa dziennika nie pasuje do klucza", "the log's head does not match the key")
}

pub fn last_entry_not_head() -> String {
    say!("ostatni wpis nie jest tym, który wskazuje głowa", "the last entry is not the one the head names")
}

pub fn at_entry(id: i64, reason: &str) -> String {
    say!(format!("przy wpisie nr {id}: {reason}"), format!("at entry no. {id}: {reason}"))
}

pub fn entries_missing(from: i64, to: i64) -> String {
    say!(format!("brakuje wpisów nr {from}–{to}"), format!("entries no. {from}–{to} are missing"))
}

pub fn previous_entry_changed() -> String {
    say!("poprzedni wpis usunięto, zmieniono albo przestawiono", "the previous entry was removed, changed or moved")
}

pub fn entry_changed() -> String {
    say!("treść wpisu została zmieniona", "the entry's content was changed")
}

pub fn entry_changed_or_unkeyed() -> String {
    say!(
        "treść wpisu zmieniona albo wpis dopisany bez klucza",
        "the entry's content was changed, or the entry was added without the key"
    )
}

pub fn trigger_removed(name: &str) -> String {
    say!(
        format!("usunięto wyzwalacz {name}, który chroni wpisy przed zmianą"),
        format!("the trigger {name}, which keeps entries from being changed, was removed")
    )
}

pub fn trigger_changed(name: &str) -> String {
    say!(
        format!("zmieniono wyzwalacz {name}, który chroni wpisy przed zmianą"),
        format!("the trigger {name}, which keeps entries from being changed, was changed")
    )
}

pub fn head_removed() -> String {
    say!(
        "usunięto głowę dziennika (liczbę wpisów i ostatni skrót)",
        "the log's head (the number of entries and the last hash) was removed"
    )
}

pub fn log_key_missing(path: &str) -> String {
    say!(format!("brak pliku klucza dziennika {path}"), format!("the log's key file {path} is missing"))
}

pub fn head_or_key_replaced(path: &str) -> String {
    say!(
        format!("głowa dziennika zmieniona albo plik klucza {path} podmieniony"),
        format!("the log's head was changed, or the key file {path} was replaced")
    )
}

pub fn entries_cut_from_end(entries: i64, last_id: i64, count: usize) -> String {
    say!(
        format!("głowa mówi o {entries} wpisach do nr {last_id}, a jest ich {count}: usunięto wpisy z końca"),
        format!(
            "the head counts {entries} entries up to no. {last_id}, and there are {count}: entries were cut from the end"
        )
    )
}

pub fn head_rolled_back(entries: i64, last_id: i64, count: usize) -> String {
    say!(
        format!(
            "głowa mówi o {entries} wpisach do nr {last_id}, a jest ich {count}: głowę cofnięto albo dopisano wpisy"
        ),
        format!(
            "the head counts {entries} entries up to no. {last_id}, and there are {count}: the head was rolled back or entries were added"
        )
    )
}

pub fn anchor_entry_gone() -> String {
    say!(
        "ostatni wpis z kotwicy nie istnieje: dziennik skrócono",
        "the anchor's last entry is gone: the log was shortened"
    )
}

pub fn anchor_entry_differs() -> String {
    say!(
        "wpis różni się od tego w kotwicy: dziennik przepisano",
        "the entry differs from the anchor's: the log was rewritten"
    )
}

pub fn anchor_count_differs(anchored: i64, now: i64) -> String {
    say!(
        format!("kotwica liczyła {anchored} wpisów do tego miejsca, a jest {now}"),
        format!("the anchor counted {anchored} entries up to here, and there are {now}")
    )
}
