//! A resident as entered at the desk or imported, and the checks it must pass.

use super::fold::fold;
use super::pesel::{Pesel, Sex};
use super::text::{FieldError, FieldProblem, check_email, check_postal_code, check_text, normalize_phone, parse_date};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const NAME_MAX: usize = 60;
pub const ADDRESS_MAX: usize = 80;
/// An identity card, passport or residence card number.
pub const DOCUMENT_MAX: usize = 30;

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
    /// Identity document number; what tells apart a person without PESEL.
    #[serde(default)]
    pub document_no: String,
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
    pub document_no: String,
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
                    problem: FieldProblem::Mismatch(crate::i18n::errors::birth_date_not_pesel(
                        crate::i18n::current(),
                        p.birth_date(),
                    )),
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
            document_no: check_text(&self.document_no, DOCUMENT_MAX, false)
                .map_err(|p| p.on("nr dokumentu"))?
                .to_uppercase(),
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

impl ResidentRecord {
    /// A person registered without PESEL (a foreigner, a newborn, a PESEL not known yet) is told
    /// apart by the birth date and an identity document.
    pub fn check_identifiable(&self) -> Result<(), FieldError> {
        if self.pesel.is_some() {
            return Ok(());
        }
        if self.birth_date.is_none() {
            return Err(FieldProblem::RequiredWithoutPesel.on("data urodzenia"));
        }
        if self.document_no.is_empty() {
            return Err(FieldProblem::RequiredWithoutPesel.on("nr dokumentu"));
        }
        Ok(())
    }

    pub fn resemblance(&self) -> Resemblance {
        Resemblance::of(
            &self.first_name,
            &self.last_name,
            self.birth_date,
            &self.street,
            &self.house_no,
            &self.flat_no,
            &self.city,
        )
    }
}

/// Who may act for a resident (art. 35), as stored.
pub const REPRESENTATIVE_KINDS: [&str; 2] = ["przedstawiciel_ustawowy", "opiekun_faktyczny"];

/// A legal representative or de facto carer as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RepresentativeInput {
    pub kind: String,
    pub full_name: String,
    pub pesel: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub note: String,
}

/// A representative whose every field passed its check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepresentativeRecord {
    pub kind: &'static str,
    pub full_name: String,
    pub pesel: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub note: String,
}

impl RepresentativeInput {
    /// Checks every field; the error names the first wrong one. A contact (phone, e-mail or
    /// address) is required: the representative is who the centre calls.
    pub fn validate(&self) -> Result<RepresentativeRecord, FieldError> {
        let kind = REPRESENTATIVE_KINDS
            .into_iter()
            .find(|k| *k == self.kind.trim())
            .ok_or_else(|| FieldProblem::not_one_of(&self.kind, &REPRESENTATIVE_KINDS).on("rodzaj"))?;
        let pesel = if self.pesel.trim().is_empty() {
            String::new()
        } else {
            Pesel::parse(&self.pesel).map_err(|e| FieldProblem::Pesel(e).on("PESEL"))?.as_str().to_string()
        };
        let record = RepresentativeRecord {
            kind,
            full_name: check_text(&self.full_name, 120, true).map_err(|p| p.on("imię i nazwisko"))?,
            pesel,
            phone: normalize_phone(&self.phone).map_err(|p| p.on("telefon"))?,
            email: check_email(&self.email).map_err(|p| p.on("e-mail"))?,
            address: check_text(&self.address, 160, false).map_err(|p| p.on("adres"))?,
            note: check_text(&self.note, 500, false).map_err(|p| p.on("uwagi"))?,
        };
        if record.phone.is_empty() && record.email.is_empty() && record.address.is_empty() {
            return Err(FieldProblem::Required.on("telefon"));
        }
        Ok(record)
    }
}

/// Why two records may be one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Likeness {
    /// The same name (folded) and the same birth date.
    NameAndBirthDate,
    /// The same name (folded) at the same address.
    NameAndAddress,
}

impl Likeness {
    pub fn code(self) -> &'static str {
        match self {
            Likeness::NameAndBirthDate => "imię, nazwisko i data urodzenia",
            Likeness::NameAndAddress => "imię, nazwisko i adres",
        }
    }
}

/// What two records are compared by: the folded name, the birth date and the folded address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resemblance {
    name: String,
    birth_date: Option<NaiveDate>,
    /// Empty when there is no house number: a street or a town alone is no address.
    address: String,
}

impl Resemblance {
    pub fn of(
        first_name: &str,
        last_name: &str,
        birth_date: Option<NaiveDate>,
        street: &str,
        house_no: &str,
        flat_no: &str,
        city: &str,
    ) -> Resemblance {
        let words = |text: &str| fold(text).split_whitespace().collect::<Vec<_>>().join(" ");
        let address = if house_no.trim().is_empty() {
            String::new()
        } else {
            let street = words(street);
            let street =
                street.strip_prefix("ul. ").or_else(|| street.strip_prefix("ul ")).unwrap_or(&street).to_string();
            format!("{street}|{}|{}|{}", words(house_no), words(flat_no), words(city))
        };
        Resemblance { name: format!("{} {}", words(first_name), words(last_name)), birth_date, address }
    }

    /// The folded name: records that may be one person share it.
    pub fn name_key(&self) -> &str {
        &self.name
    }

    /// Whether `other` may be the same person, and why.
    pub fn likeness(&self, other: &Resemblance) -> Option<Likeness> {
        if self.name != other.name {
            return None;
        }
        if self.birth_date.is_some() && self.birth_date == other.birth_date {
            return Some(Likeness::NameAndBirthDate);
        }
        if !self.address.is_empty() && self.address == other.address {
            return Some(Likeness::NameAndAddress);
        }
        None
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
            document_no: "".into(),
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
    fn without_pesel_a_birth_date_and_a_document_are_required() {
        let mut i = input();
        i.pesel = String::new();
        i.birth_date = String::new();
        assert_eq!(i.validate().unwrap().check_identifiable().unwrap_err().field, "data urodzenia");
        i.birth_date = "1944-05-14".into();
        assert_eq!(i.validate().unwrap().check_identifiable().unwrap_err().field, "nr dokumentu");
        i.document_no = "abc 123456".into();
        let r = i.validate().unwrap();
        assert_eq!(r.document_no, "ABC 123456");
        assert!(r.check_identifiable().is_ok());
        assert!(input().validate().unwrap().check_identifiable().is_ok());
    }

    #[test]
    fn folded_names_with_the_birth_date_or_the_address_look_alike() {
        let a = input().validate().unwrap().resemblance();
        let mut other = input();
        other.pesel = String::new();
        other.first_name = "LUKASZ".into();
        other.last_name = "zolc".into();
        assert_eq!(a.likeness(&other.validate().unwrap().resemblance()), Some(Likeness::NameAndBirthDate));
        other.birth_date = "1950-01-01".into();
        other.street = "Radomska".into();
        assert_eq!(a.likeness(&other.validate().unwrap().resemblance()), Some(Likeness::NameAndAddress));
        other.flat_no = "15".into();
        assert_eq!(a.likeness(&other.validate().unwrap().resemblance()), None);
        let mut sister = input();
        sister.first_name = "Łucja".into();
        assert_eq!(a.likeness(&sister.validate().unwrap().resemblance()), None);
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
