//! Amounts as a Polish document writes them: "10 godzin miesięcznie", "2 przejazdy tygodniowo".
//! A service's unit is a noun typed by the organiser ("godzina", "wizyta (60 min)"); the nouns
//! the programmes use are declined here, anything else is written as "5 × jednostka".

use crate::domain::plan::{Amount, Per};
use crate::i18n::{Forms, Lang, form};

/// The nouns of the units in Polish programmes, by their nominative singular.
const NOUNS: &[(&str, Forms)] = &[
    ("godzina", Forms { one: "godzina", few: "godziny", many: "godzin" }),
    ("wizyta", Forms { one: "wizyta", few: "wizyty", many: "wizyt" }),
    ("spotkanie", Forms { one: "spotkanie", few: "spotkania", many: "spotkań" }),
    ("przejazd", Forms { one: "przejazd", few: "przejazdy", many: "przejazdów" }),
    ("sesja", Forms { one: "sesja", few: "sesje", many: "sesji" }),
    ("konsultacja", Forms { one: "konsultacja", few: "konsultacje", many: "konsultacji" }),
    ("dzień", Forms { one: "dzień", few: "dni", many: "dni" }),
    ("zajęcia", Forms { one: "zajęcia", few: "zajęcia", many: "zajęć" }),
    ("posiłek", Forms { one: "posiłek", few: "posiłki", many: "posiłków" }),
    ("badanie", Forms { one: "badanie", few: "badania", many: "badań" }),
    ("wyjście", Forms { one: "wyjście", few: "wyjścia", many: "wyjść" }),
    ("wypożyczenie", Forms { one: "wypożyczenie", few: "wypożyczenia", many: "wypożyczeń" }),
    ("zlecenie", Forms { one: "zlecenie", few: "zlecenia", many: "zleceń" }),
    ("miejsce", Forms { one: "miejsce", few: "miejsca", many: "miejsc" }),
    ("wydarzenie", Forms { one: "wydarzenie", few: "wydarzenia", many: "wydarzeń" }),
    ("przekazanie", Forms { one: "przekazanie", few: "przekazania", many: "przekazań" }),
    ("karta", Forms { one: "karta", few: "karty", many: "kart" }),
    ("usługa", Forms { one: "usługa", few: "usługi", many: "usług" }),
];

/// Grosze as złoty with a decimal comma: 123456 → "1234,56".
pub fn money(grosze: i64) -> String {
    let sign = if grosze < 0 { "-" } else { "" };
    let g = grosze.unsigned_abs();
    format!("{sign}{},{:02}", g / 100, g % 100)
}

/// "miesięcznie", "tygodniowo"…; the whole span of the line has no adverb.
fn adverb(per: Per) -> &'static str {
    match per {
        Per::Week => "tygodniowo",
        Per::Month => "miesięcznie",
        Per::Year => "rocznie",
        Per::Plan => "w całym okresie",
    }
}

/// `n` units of `unit`, declined: "10 godzin", "1 wizyta (60 min)", "2 dni opieki"; a noun not
/// known here keeps its form after a multiplication sign: "3 × karta rodziny".
pub fn units(n: u32, unit: &str) -> String {
    let unit = unit.trim();
    let (head, rest) = unit.split_once(' ').map_or((unit, ""), |(h, r)| (h, r));
    match NOUNS.iter().find(|(noun, _)| *noun == head.to_lowercase()) {
        Some((_, forms)) => {
            let noun = form(Lang::Pl, i64::from(n), *forms);
            if rest.is_empty() { format!("{n} {noun}") } else { format!("{n} {noun} {rest}") }
        }
        None if unit.is_empty() => n.to_string(),
        None => format!("{n} × {unit}"),
    }
}

/// "10 godzin miesięcznie".
pub fn amount(a: Amount, unit: &str) -> String {
    format!("{} {}", units(a.units, unit), adverb(a.per))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declines_the_unit_with_the_number() {
        assert_eq!(amount(Amount { units: 10, per: Per::Month }, "godzina"), "10 godzin miesięcznie");
        assert_eq!(amount(Amount { units: 2, per: Per::Week }, "przejazd"), "2 przejazdy tygodniowo");
        assert_eq!(amount(Amount { units: 1, per: Per::Month }, "wizyta (60 min)"), "1 wizyta (60 min) miesięcznie");
        assert_eq!(units(5, "dzień opieki"), "5 dni opieki");
        assert_eq!(units(22, "spotkanie grupy"), "22 spotkania grupy");
        assert_eq!(units(3, "karta rodziny"), "3 karty rodziny");
        assert_eq!(units(3, "pakiet"), "3 × pakiet");
    }
}
