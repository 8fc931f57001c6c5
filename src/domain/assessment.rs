//! The services a needs assessment records as used now or wanted, typed as
//! `nazwa; jednostka; ilość; częstotliwość` — one entry on the command line, several separated by
//! `|` in the desk's form. One parser, so the CLI and the desk accept exactly the same entries.

use super::text::{FieldProblem, check_text, parse_number};

/// The longest name, unit or frequency an entry may have (the store's limit).
pub const MAX_PART: usize = 200;

/// The highest quantity an entry may state.
pub const MAX_QUANTITY: i64 = super::limits::MAX_LINE_UNITS;

/// One service from the interview; only the name is required.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceEntry {
    pub description: String,
    pub unit: String,
    pub quantity: Option<i64>,
    pub frequency: String,
}

/// Parses one entry `nazwa; jednostka; ilość; częstotliwość`; trailing parts may be left out.
pub fn parse_service_entry(entry: &str) -> Result<ServiceEntry, FieldProblem> {
    let parts: Vec<&str> = entry.split(';').collect();
    if parts.len() > 4 {
        return Err(FieldProblem::Mismatch(crate::i18n::errors::service_entry_parts(
            crate::i18n::current(),
            parts.len(),
        )));
    }
    let part = |i: usize| parts.get(i).copied().unwrap_or_default();
    let named = |what: &str, p: FieldProblem| FieldProblem::Mismatch(format!("{what}: {p}"));
    let description = check_text(part(0), MAX_PART, true).map_err(|p| named("nazwa", p))?;
    let unit = check_text(part(1), MAX_PART, false).map_err(|p| named("jednostka", p))?;
    let quantity = match part(2).trim() {
        "" => None,
        q => Some(parse_number(q, 1, MAX_QUANTITY).map_err(|p| named("ilość", p))?),
    };
    let frequency = check_text(part(3), MAX_PART, false).map_err(|p| named("częstotliwość", p))?;
    Ok(ServiceEntry { description, unit, quantity, frequency })
}

/// Parses a list of entries separated by `|`; empty entries are skipped. A refused entry is
/// reported with its number, counting from 1 among all the entries typed.
pub fn parse_service_list(list: &str) -> Result<Vec<ServiceEntry>, FieldProblem> {
    let mut entries = Vec::new();
    for (i, entry) in list.split('|').enumerate() {
        if entry.trim().is_empty() {
            continue;
        }
        let parsed = parse_service_entry(entry).map_err(|p| FieldProblem::Mismatch(format!("wpis {}: {p}", i + 1)))?;
        entries.push(parsed);
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_entry_gives_every_part_trimmed() {
        let e = parse_service_entry(" Usługi opiekuńcze ; godzina ; 10 ; tygodniowo ").unwrap();
        assert_eq!(
            e,
            ServiceEntry {
                description: "Usługi opiekuńcze".into(),
                unit: "godzina".into(),
                quantity: Some(10),
                frequency: "tygodniowo".into(),
            }
        );
    }

    #[test]
    fn trailing_parts_may_be_left_out() {
        let e = parse_service_entry("Taxi senioralne").unwrap();
        assert_eq!((e.unit.as_str(), e.quantity, e.frequency.as_str()), ("", None, ""));
        assert_eq!(parse_service_entry("Taxi; kurs; ; miesięcznie").unwrap().quantity, None);
    }

    #[test]
    fn a_quantity_that_is_not_a_positive_whole_number_is_refused() {
        for q in ["dwa", "1,5", "-1", "0"] {
            let err = parse_service_entry(&format!("Taxi; kurs; {q}; miesięcznie")).unwrap_err();
            assert!(err.to_string().starts_with("ilość:"), "{q}: {err}");
        }
    }

    #[test]
    fn a_missing_name_and_too_many_parts_are_refused() {
        assert!(parse_service_entry(" ; kurs; 2").unwrap_err().to_string().starts_with("nazwa:"));
        assert!(parse_service_entry("a; b; 1; c; d").is_err());
    }

    #[test]
    fn control_characters_are_refused_in_any_part() {
        let err = parse_service_entry("Taxi; kurs; 2; co\u{1b}[2J tydzień").unwrap_err();
        assert!(err.to_string().starts_with("częstotliwość:"), "{err}");
    }

    #[test]
    fn a_list_skips_empty_entries_and_names_the_refused_one_by_number() {
        let list = parse_service_list("Taxi; kurs; 2; miesięcznie | | Opieka; godzina; 10; tygodniowo").unwrap();
        assert_eq!(list.len(), 2);
        assert!(parse_service_list("  ").unwrap().is_empty());
        let err = parse_service_list("Taxi; kurs; 2 | Opieka; godzina; dużo").unwrap_err();
        assert!(err.to_string().starts_with("wpis 2: ilość:"), "{err}");
    }
}
