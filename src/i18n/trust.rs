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
