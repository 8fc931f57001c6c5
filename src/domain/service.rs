//! A service of the base as the organiser types it, and its one check, used by the desk's form,
//! the command line and storage.

use super::text::{FieldError, FieldProblem, check_note, check_one_of, check_text};

pub const ACCESS_RULES: [&str; 3] = ["otwarty", "kryteria", "odplatnosc_czesciowa"];
pub const FORMS: [&str; 3] = ["indywidualna", "grupowa", "indywidualna_i_grupowa"];

fn one_of(value: &str, allowed: &[&str], field: &'static str) -> Result<String, FieldError> {
    check_one_of(value, allowed).map_err(|p| p.on(field))
}

/// A service as the organiser types it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ServiceInput {
    pub code: String,
    pub name: String,
    pub unit: String,
    pub description: String,
    pub fee_grosze: i64,
    pub fee_note: String,
    pub access_rule: String,
    pub form: String,
    pub delivery_days: i64,
    pub default_provider_id: Option<i64>,
    pub areas: Vec<String>,
    pub target_groups: Vec<String>,
}

impl ServiceInput {
    /// The input trimmed and checked, with the defaults filled in; the error names the field.
    pub fn checked(&self) -> Result<ServiceInput, FieldError> {
        if self.fee_grosze < 0 {
            return Err(FieldProblem::Number { min: 0, max: i64::MAX }.on("opłata"));
        }
        if self.delivery_days < 0 {
            return Err(FieldProblem::Number { min: 0, max: 3650 }.on("czas realizacji"));
        }
        let list = |v: &[String], field: &'static str| -> Result<Vec<String>, FieldError> {
            let mut out = Vec::new();
            for item in v {
                let item = check_text(item, 80, true).map_err(|p| p.on(field))?;
                if !out.contains(&item) {
                    out.push(item);
                }
            }
            Ok(out)
        };
        Ok(ServiceInput {
            code: check_text(&self.code, 20, true).map_err(|p| p.on("kod"))?,
            name: check_text(&self.name, 120, true).map_err(|p| p.on("nazwa"))?,
            unit: check_text(&self.unit, 40, true).map_err(|p| p.on("jednostka"))?,
            description: check_note(&self.description, 2000).map_err(|p| p.on("opis"))?,
            fee_grosze: self.fee_grosze,
            fee_note: check_text(&self.fee_note, 200, false).map_err(|p| p.on("uwagi o opłacie"))?,
            access_rule: one_of(
                if self.access_rule.is_empty() { "otwarty" } else { &self.access_rule },
                &ACCESS_RULES,
                "zasady dostępu",
            )?,
            form: one_of(if self.form.is_empty() { "indywidualna" } else { &self.form }, &FORMS, "forma")?,
            delivery_days: self.delivery_days,
            default_provider_id: self.default_provider_id,
            areas: list(&self.areas, "obszary")?,
            target_groups: list(&self.target_groups, "grupy docelowe")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taxi() -> ServiceInput {
        ServiceInput { code: " TAXI ".into(), name: "Taxi".into(), unit: "kurs".into(), ..Default::default() }
    }

    #[test]
    fn a_service_is_refused_by_the_field_the_form_and_the_cli_know() {
        assert_eq!(ServiceInput { name: " ".into(), ..taxi() }.checked(), Err(FieldProblem::Required.on("nazwa")));
        let bad_area = ServiceInput { areas: vec!["a\u{1b}[2J".into()], ..taxi() };
        assert_eq!(bad_area.checked().unwrap_err().field, "obszary");
        let wrong_rule = ServiceInput { access_rule: "wszyscy".into(), ..taxi() };
        assert_eq!(wrong_rule.checked().unwrap_err().field, "zasady dostępu");
    }

    #[test]
    fn a_checked_service_is_trimmed_with_defaults_and_no_repeated_areas() {
        let s = ServiceInput { areas: vec!["opieka".into(), " opieka ".into()], ..taxi() }.checked().unwrap();
        assert_eq!((s.code.as_str(), s.access_rule.as_str(), s.form.as_str()), ("TAXI", "otwarty", "indywidualna"));
        assert_eq!(s.areas, vec!["opieka".to_string()]);
    }
}
