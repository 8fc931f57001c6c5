//! PESEL, the Polish national identification number: 11 digits encoding the birth date, a serial
//! number whose tenth digit gives the sex, and a check digit.

use crate::i18n::{current, errors};
use chrono::NaiveDate;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum Sex {
    Female,
    Male,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeselError {
    #[error("{}", errors::pesel_length(current(), .0))]
    Length(usize),
    #[error("{}", errors::pesel_not_digits(current()))]
    NotDigits,
    #[error("{}", errors::pesel_checksum(current()))]
    Checksum,
    #[error("{}", errors::pesel_date(current()))]
    Date,
}

/// A PESEL whose length, digits, check digit and encoded birth date have all been verified.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pesel {
    digits: String,
    birth_date: NaiveDate,
}

const WEIGHTS: [u32; 10] = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];

/// The check digit for the first ten digits of a PESEL.
pub fn check_digit(first_ten: &[u32; 10]) -> u32 {
    let sum: u32 = first_ten.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum();
    (10 - sum % 10) % 10
}

/// The month field of a PESEL carries the century: 1800s +80, 1900s +0, 2000s +20, 2100s +40, 2200s +60.
fn century_and_month(encoded: u32) -> Option<(i32, u32)> {
    let (century, month) = match encoded {
        1..=12 => (1900, encoded),
        21..=32 => (2000, encoded - 20),
        41..=52 => (2100, encoded - 40),
        61..=72 => (2200, encoded - 60),
        81..=92 => (1800, encoded - 80),
        _ => return None,
    };
    Some((century, month))
}

fn encode_month(year: i32, month: u32) -> Option<u32> {
    let offset = match year {
        1800..=1899 => 80,
        1900..=1999 => 0,
        2000..=2099 => 20,
        2100..=2199 => 40,
        2200..=2299 => 60,
        _ => return None,
    };
    Some(month + offset)
}

impl Pesel {
    pub fn parse(input: &str) -> Result<Pesel, PeselError> {
        let trimmed = input.trim();
        let count = trimmed.chars().count();
        if !trimmed.chars().all(|c| c.is_ascii_digit()) {
            return Err(PeselError::NotDigits);
        }
        if count != 11 {
            return Err(PeselError::Length(count));
        }
        let d: Vec<u32> = trimmed.bytes().map(|b| u32::from(b - b'0')).collect();
        let first_ten: [u32; 10] = d[..10].try_into().expect("eleven digits checked above");
        if check_digit(&first_ten) != d[10] {
            return Err(PeselError::Checksum);
        }
        let (century, month) = century_and_month(d[2] * 10 + d[3]).ok_or(PeselError::Date)?;
        let year = century + (d[0] * 10 + d[1]) as i32;
        let day = d[4] * 10 + d[5];
        let birth_date = NaiveDate::from_ymd_opt(year, month, day).ok_or(PeselError::Date)?;
        Ok(Pesel { digits: trimmed.to_string(), birth_date })
    }

    /// Builds a valid PESEL for a birth date, a three-digit serial and a sex (used by the demo centre).
    pub fn generate(birth_date: NaiveDate, serial: u32, sex: Sex) -> Option<Pesel> {
        use chrono::Datelike;
        let month = encode_month(birth_date.year(), birth_date.month())?;
        let yy = (birth_date.year() % 100) as u32;
        let sex_digit = (serial % 5) * 2 + if sex == Sex::Male { 1 } else { 0 };
        let serial = serial % 1000;
        let first_ten = [
            yy / 10,
            yy % 10,
            month / 10,
            month % 10,
            birth_date.day() / 10,
            birth_date.day() % 10,
            serial / 100,
            serial / 10 % 10,
            serial % 10,
            sex_digit,
        ];
        let mut digits: String = first_ten.iter().map(|d| char::from(b'0' + *d as u8)).collect();
        digits.push(char::from(b'0' + check_digit(&first_ten) as u8));
        Some(Pesel { digits, birth_date })
    }

    pub fn as_str(&self) -> &str {
        &self.digits
    }

    pub fn birth_date(&self) -> NaiveDate {
        self.birth_date
    }

    pub fn sex(&self) -> Sex {
        if (self.digits.as_bytes()[9] - b'0').is_multiple_of(2) { Sex::Female } else { Sex::Male }
    }

    /// Age in whole years on the given day.
    pub fn age_on(&self, day: NaiveDate) -> u32 {
        day.years_since(self.birth_date).unwrap_or(0)
    }
}

impl fmt::Display for Pesel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.digits)
    }
}

/// Shows the birth-date part and hides the serial and check digit: `850312*****`.
pub fn mask(pesel: &str) -> String {
    pesel.chars().enumerate().map(|(i, c)| if i < 6 { c } else { '•' }).collect()
}

/// ASCII variant of [`mask`] for terminals without Unicode.
pub fn mask_ascii(pesel: &str) -> String {
    pesel.chars().enumerate().map(|(i, c)| if i < 6 { c } else { '*' }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn accepts_valid_twentieth_century_pesel_and_reads_date_and_sex() {
        let p = Pesel::parse("44051401359").unwrap();
        assert_eq!(p.birth_date(), date(1944, 5, 14));
        assert_eq!(p.sex(), Sex::Male);
    }

    #[test]
    fn reads_twenty_first_century_from_month_plus_twenty() {
        let p = Pesel::parse("02271409867").unwrap();
        assert_eq!(p.birth_date(), date(2002, 7, 14));
        assert_eq!(p.sex(), Sex::Female);
    }

    #[test]
    fn reads_every_century_offset() {
        for (year, month) in [(1850, 3), (1950, 3), (2050, 3), (2150, 3), (2250, 3)] {
            let p = Pesel::generate(date(year, month, 9), 123, Sex::Female).unwrap();
            let parsed = Pesel::parse(p.as_str()).unwrap();
            assert_eq!(parsed.birth_date(), date(year, month, 9), "{}", p);
            assert_eq!(parsed.sex(), Sex::Female);
        }
        assert_eq!(&Pesel::generate(date(1850, 3, 9), 0, Sex::Male).unwrap().as_str()[2..4], "83");
        assert_eq!(&Pesel::generate(date(2150, 3, 9), 0, Sex::Male).unwrap().as_str()[2..4], "43");
        assert_eq!(&Pesel::generate(date(2250, 3, 9), 0, Sex::Male).unwrap().as_str()[2..4], "63");
    }

    #[test]
    fn rejects_wrong_check_digit() {
        assert_eq!(Pesel::parse("44051401358"), Err(PeselError::Checksum));
    }

    #[test]
    fn rejects_wrong_length_and_letters() {
        assert_eq!(Pesel::parse("4405140135"), Err(PeselError::Length(10)));
        assert_eq!(Pesel::parse("4405140135a"), Err(PeselError::NotDigits));
        assert_eq!(Pesel::parse(""), Err(PeselError::Length(0)));
    }

    #[test]
    fn rejects_dates_that_do_not_exist_even_with_a_good_checksum() {
        // 30 February 1990 and month 13, each with a correct check digit.
        for first_ten in
            [[9, 0, 0, 2, 3, 0, 1, 2, 3, 4], [9, 0, 1, 3, 0, 1, 1, 2, 3, 4], [0, 1, 2, 2, 2, 9, 1, 2, 3, 4]]
        {
            let mut s: String = first_ten.iter().map(|d| char::from(b'0' + *d as u8)).collect();
            s.push(char::from(b'0' + check_digit(&first_ten) as u8));
            assert_eq!(Pesel::parse(&s), Err(PeselError::Date), "{s}");
        }
    }

    #[test]
    fn accepts_29_february_of_a_leap_year() {
        let p = Pesel::generate(date(2024, 2, 29), 55, Sex::Male).unwrap();
        assert_eq!(Pesel::parse(p.as_str()).unwrap().birth_date(), date(2024, 2, 29));
    }

    #[test]
    fn computes_age_on_a_day() {
        let p = Pesel::parse("44051401359").unwrap();
        assert_eq!(p.age_on(date(2026, 5, 13)), 81);
        assert_eq!(p.age_on(date(2026, 5, 14)), 82);
    }

    #[test]
    fn masks_all_but_the_birth_date() {
        assert_eq!(mask_ascii("44051401359"), "440514*****");
    }
}
