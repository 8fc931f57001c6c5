//! The string catalogue: every text a person reads, Polish first with English beside it, so that
//! a translation is checked in one place. It sits below both front ends (the desk and the command
//! line) and below storage, whose errors are read by people too. Data from the database is never
//! here; it is shown as stored.

pub mod centre;
pub mod cli;
pub mod codes;
pub mod desk;
pub mod errors;
pub mod grants;
pub mod plan;
pub mod report;
pub mod service;
pub mod trust;

use std::sync::atomic::{AtomicU8, Ordering};

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    #[default]
    Pl,
    En,
}

impl Lang {
    /// `pl` or `en`; anything else is refused by the caller with the list of choices.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "pl" => Some(Lang::Pl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Pl => "pl",
            Lang::En => "en",
        }
    }
}

/// The process's language, for texts made far from the settings (storage and domain errors are
/// rendered where they are shown, not where they happen). Set once at start-up by the front end.
static CURRENT: AtomicU8 = AtomicU8::new(0);

pub fn set_current(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

pub fn current() -> Lang {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Lang::En,
        _ => Lang::Pl,
    }
}

/// A noun's three Polish forms: "1 dzień", "2 dni", "5 dni" → `Forms { one: "dzień", few: "dni",
/// many: "dni" }`. English has two; `few` and `many` are the same plural there.
#[derive(Debug, Clone, Copy)]
pub struct Forms {
    pub one: &'static str,
    pub few: &'static str,
    pub many: &'static str,
}

/// The form of a noun that goes with `n` in Polish: 1 → one; 2–4, 22–24, 32–34 … (but not 12–14)
/// → few; everything else (0, 5–21, 25–31 …) → many. English: 1 → one, else the plural.
pub fn form(lang: Lang, n: i64, forms: Forms) -> &'static str {
    let n = n.unsigned_abs();
    match lang {
        Lang::Pl if n == 1 => forms.one,
        Lang::Pl if (2..=4).contains(&(n % 10)) && !(12..=14).contains(&(n % 100)) => forms.few,
        Lang::Pl => forms.many,
        Lang::En if n == 1 => forms.one,
        Lang::En => forms.many,
    }
}

/// `n` followed by the noun in the form that agrees with it: "5 dni", "odrzucono 3 wiersze".
pub fn count(lang: Lang, n: i64, forms: Forms) -> String {
    format!("{n} {}", form(lang, n, forms))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY_PL: Forms = Forms { one: "dzień", few: "dni", many: "dni" };
    const ROW_PL: Forms = Forms { one: "wiersz", few: "wiersze", many: "wierszy" };
    const ROW_EN: Forms = Forms { one: "row", few: "rows", many: "rows" };

    #[test]
    fn polish_plurals_follow_the_last_digits() {
        let rows = |n| count(Lang::Pl, n, ROW_PL);
        assert_eq!(rows(1), "1 wiersz");
        assert_eq!(rows(2), "2 wiersze");
        assert_eq!(rows(4), "4 wiersze");
        assert_eq!(rows(5), "5 wierszy");
        assert_eq!(rows(12), "12 wierszy");
        assert_eq!(rows(14), "14 wierszy");
        assert_eq!(rows(22), "22 wiersze");
        assert_eq!(rows(112), "112 wierszy");
        assert_eq!(rows(0), "0 wierszy");
        assert_eq!(count(Lang::Pl, 1, DAY_PL), "1 dzień");
        assert_eq!(count(Lang::Pl, 2, DAY_PL), "2 dni");
    }

    #[test]
    fn english_has_one_and_many() {
        assert_eq!(count(Lang::En, 1, ROW_EN), "1 row");
        assert_eq!(count(Lang::En, 3, ROW_EN), "3 rows");
        assert_eq!(count(Lang::En, 0, ROW_EN), "0 rows");
    }
}
