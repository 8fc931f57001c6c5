//! The services a needs assessment records as used now or wanted: typed as
//! `nazwa; jednostka; ilość; częstotliwość` on the command line, one row with a cell for each part
//! in the desk's form. One check of the parts, so the CLI and the desk accept exactly the same entries.

use super::text::{FieldError, FieldProblem, check_text, parse_number};

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

/// The parts of an entry in order, each named as a refusal names it.
pub const ENTRY_PARTS: [&str; 4] = ["nazwa", "jednostka", "ilość", "częstotliwość"];

/// Checks one entry given part by part (the desk's row of a service); the error names the part.
pub fn check_service_entry(parts: [&str; 4]) -> Result<ServiceEntry, FieldError> {
    let [name, unit, quantity, frequency] = parts;
    let description = check_text(name, MAX_PART, true).map_err(|p| p.on(ENTRY_PARTS[0]))?;
    let unit = check_text(unit, MAX_PART, false).map_err(|p| p.on(ENTRY_PARTS[1]))?;
    let quantity = match quantity.trim() {
        "" => None,
        q => Some(parse_number(q, 1, MAX_QUANTITY).map_err(|p| p.on(ENTRY_PARTS[2]))?),
    };
    let frequency = check_text(frequency, MAX_PART, false).map_err(|p| p.on(ENTRY_PARTS[3]))?;
    Ok(ServiceEntry { description, unit, quantity, frequency })
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
    check_service_entry([part(0), part(1), part(2), part(3)]).map_err(|e| FieldProblem::Mismatch(e.to_string()))
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
}
