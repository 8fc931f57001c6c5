//! A resident as entered at the desk or imported, and the checks it must pass.

use super::pesel::{Pesel, Sex};
use super::text::{FieldError, FieldProblem, check_email, check_postal_code, check_text, normalize_phone, parse_date};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const NAME_MAX: usize = 60;
pub const ADDRESS_MAX: usize = 80;

/// Resident fields as typed: every value is text until it has been checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResidentInput {
    pub pesel: String,
    pub first_name: String,
    pub last_name: String,
    pub birth_date: String,
    pub street: String,
    pub house_no: String,
    pub flat_no: String,
    pub postal_code: String,
    pub city: String,
    pub phone: String,
    pub email: String,
}

/// A resident whose every field passed its check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResidentRecord {
    pub pesel: Option<Pesel>,
    pub first_name: String,
    pub last_name: String,
    pub birth_date: Option<NaiveDate>,
    pub sex: Option<Sex>,
    pub street: String,
    pub house_no: String,
    pub flat_no: String,
    pub postal_code: String,
    pub city: String,
    pub phone: String,
    pub email: String,
}

impl ResidentInput {
    /// Checks every field; the error names the first field that is wrong and why.
    pub fn validate(&self) -> Result<ResidentRecord, FieldError> {
        let pesel = if self.pesel.trim().is_empty() {
            None
        } else {
            Some(Pesel::parse(&self.pesel).map_err(|e| FieldProblem::Pesel(e).on("PESEL"))?)
        };
        let birth_date = if self.birth_date.trim().is_empty() {
            pesel.as_ref().map(Pesel::birth_date)
        } else {
            let date = parse_date(&self.birth_date).map_err(|p| p.on("data urodzenia"))?;
            if let Some(p) = &pesel
                && p.birth_date() != date
            {
                return Err(FieldError {
                    field: "data urodzenia",
                    problem: FieldProblem::Mismatch(format!("niezgodna z PESEL ({})", p.birth_date())),
                });
            }
            Some(date)
        };
        if let Some(date) = birth_date
            && date < earliest_birth_date()
        {
            return Err(FieldError {
                field: "data urodzenia",
                problem: FieldProblem::Mismatch(crate::i18n::errors::born_too_early(
                    crate::i18n::current(),
                    earliest_birth_date(),
                )),
            });
        }
        Ok(ResidentRecord {
            sex: pesel.as_ref().map(Pesel::sex),
            first_name: check_text(&self.first_name, NAME_MAX, true).map_err(|p| p.on("imię"))?,
            last_name: check_text(&self.last_name, NAME_MAX, true).map_err(|p| p.on("nazwisko"))?,
            street: check_text(&self.street, ADDRESS_MAX, false).map_err(|p| p.on("ulica"))?,
            house_no: check_text(&self.house_no, 10, false).map_err(|p| p.on("nr domu"))?,
            flat_no: check_text(&self.flat_no, 10, false).map_err(|p| p.on("nr lokalu"))?,
            postal_code: check_postal_code(&self.postal_code).map_err(|p| p.on("kod pocztowy"))?,
            city: check_text(&self.city, ADDRESS_MAX, false).map_err(|p| p.on("miejscowość"))?,
            phone: normalize_phone(&self.phone).map_err(|p| p.on("telefon"))?,
            email: check_email(&self.email).map_err(|p| p.on("e-mail"))?,
            pesel,
            birth_date,
        })
    }

    /// Like [`ResidentInput::validate`], and also refuses a birth date after `today`.
    pub fn validate_as_of(&self, today: NaiveDate) -> Result<ResidentRecord, FieldError> {
        let record = self.validate()?;
        match record.birth_date {
            Some(date) if date > today => Err(FieldError {
                field: "data urodzenia",
                problem: FieldProblem::Mismatch(crate::i18n::errors::in_the_future(crate::i18n::current(), date)),
            }),
            _ => Ok(record),
        }
    }
}

/// Nobody alive was born earlier; an earlier date is a typing error.
pub fn earliest_birth_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(1890, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// One line of an address: `ul. Radomska 2/14, 27-200 Starachowice`.
pub fn format_address(street: &str, house_no: &str, flat_no: &str, postal_code: &str, city: &str) -> String {
    let mut out = String::new();
    if !street.is_empty() {
        out.push_str(street);
        out.push(' ');
    }
    if !house_no.is_empty() {
        if street.is_empty() && !city.is_empty() {
            out.push_str(city);
            out.push(' ');
        }
        out.push_str(house_no);
        if !flat_no.is_empty() {
            out.push('/');
            out.push_str(flat_no);
        }
    }
    let out = out.trim_end().to_string();
    let place = [postal_code, city].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" ");
    match (out.is_empty(), place.is_empty()) {
        (true, _) => place,
        (false, true) => out,
        (false, false) => format!("{out}, {place}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ResidentInput {
        ResidentInput {
            pesel: "44051401359".into(),
            first_name: "Łukasz".into(),
            last_name: "Żółć".into(),
            birth_date: "1944-05-14".into(),
            street: "ul. Radomska".into(),
            house_no: "2".into(),
            flat_no: "14".into(),
            postal_code: "27-200".into(),
            city: "Starachowice".into(),
            phone: "+48 601 234 567".into(),
            email: "".into(),
        }
    }

    #[test]
    fn accepts_a_complete_resident() {
        let r = input().validate().unwrap();
        assert_eq!(r.phone, "601234567");
        assert_eq!(r.sex, Some(Sex::Male));
    }

    #[test]
    fn refuses_a_birth_date_that_disagrees_with_pesel() {
        let mut i = input();
        i.birth_date = "1944-05-15".into();
        let e = i.validate().unwrap_err();
        assert_eq!(e.field, "data urodzenia");
        assert!(e.to_string().contains("1944-05-14"), "{e}");
    }

    #[test]
    fn names_the_field_that_is_wrong() {
        let mut i = input();
        i.postal_code = "27200".into();
        assert_eq!(i.validate().unwrap_err().field, "kod pocztowy");
        let mut i = input();
        i.last_name = "\u{1b}[31mX".into();
        assert_eq!(i.validate().unwrap_err().field, "nazwisko");
        let mut i = input();
        i.pesel = "44051401358".into();
        assert_eq!(i.validate().unwrap_err().field, "PESEL");
    }

    #[test]
    fn refuses_absurd_lengths_naming_each_field() {
        let long = "7".repeat(10_000);
        type Setter = fn(&mut ResidentInput, String);
        let cases: [(Setter, &str); 10] = [
            (|i, v| i.pesel = v, "PESEL"),
            (|i, v| i.first_name = v, "imię"),
            (|i, v| i.last_name = v, "nazwisko"),
            (|i, v| i.birth_date = v, "data urodzenia"),
            (|i, v| i.street = v, "ulica"),
            (|i, v| i.house_no = v, "nr domu"),
            (|i, v| i.flat_no = v, "nr lokalu"),
            (|i, v| i.postal_code = v, "kod pocztowy"),
            (|i, v| i.city = v, "miejscowość"),
            (|i, v| i.phone = v, "telefon"),
        ];
        for (set, field) in cases {
            let mut i = input();
            set(&mut i, long.clone());
            assert_eq!(i.validate().unwrap_err().field, field);
        }
        let mut i = input();
        i.email = format!("{}@example.pl", "a".repeat(10_000));
        assert_eq!(i.validate().unwrap_err().field, "e-mail");
        let mut i = input();
        i.first_name = "Ł".repeat(NAME_MAX);
        assert!(i.validate().is_ok(), "a name of exactly the maximum length is fine");
    }

    #[test]
    fn refuses_terminal_escapes_and_bidi_overrides_in_text_fields() {
        for hostile in ["\u{1b}]0;pwned\u{7}", "Kowal\u{202E}ksi", "a\u{9b}31m", "Nowak\r\nX"] {
            let mut i = input();
            i.city = hostile.into();
            assert_eq!(i.validate().unwrap_err().problem, FieldProblem::ControlCharacters, "{hostile:?}");
            let mut i = input();
            i.first_name = hostile.into();
            assert_eq!(i.validate().unwrap_err().field, "imię");
        }
    }

    #[test]
    fn refuses_birth_dates_in_the_future_or_before_1890() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut i = input();
        i.pesel = String::new();
        i.birth_date = "2026-11-24".into();
        assert!(i.validate().is_ok());
        assert_eq!(i.validate_as_of(today).unwrap_err().field, "data urodzenia");
        i.birth_date = "1889-12-31".into();
        assert_eq!(i.validate().unwrap_err().field, "data urodzenia");
        i.birth_date = "2026-02-30".into();
        assert_eq!(i.validate().unwrap_err().problem, FieldProblem::Date);
        assert!(input().validate_as_of(today).is_ok());
    }

    #[test]
    fn formats_addresses_with_and_without_a_street() {
        assert_eq!(
            format_address("ul. Radomska", "2", "14", "27-200", "Starachowice"),
            "ul. Radomska 2/14, 27-200 Starachowice"
        );
        assert_eq!(format_address("", "15", "", "39-200", "Straszęcin"), "Straszęcin 15, 39-200 Straszęcin");
    }
}
