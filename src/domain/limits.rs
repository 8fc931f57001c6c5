//! The ranges numbers and dates must fall in: the years of periods (wherever a period label is
//! read), event dates, units of plan lines and pools, amounts, and the years, record numbers and
//! row counts typed on the command line.
//! An absurd value is refused with the field's name before it reaches a calendar calculation or
//! a `CHECK` constraint.

use super::text::{FieldProblem, parse_date};
use chrono::{Datelike, NaiveDate};

/// Years a period, a plan or an event date may be in.
pub const FIRST_YEAR: i32 = 2000;
pub const LAST_YEAR: i32 = 2100;
/// The most units one plan line, waiting-list place or assessed need may state for one period:
/// more is a typing error (a year holds 8 760 hours).
pub const MAX_LINE_UNITS: i64 = 100_000;
/// The largest limit a pool may have in one period; sums of such limits stay far from overflowing.
pub const MAX_POOL_UNITS: i64 = 1_000_000;
/// The highest fee or amount, in grosze: 100 000 zł.
pub const MAX_GROSZE: i64 = 100_000 * 100;
/// The highest record number, version or position typed on the command line.
pub const MAX_NUMBER: i64 = 1_000_000_000;
/// The most rows a listing is asked for.
pub const MAX_ROWS: i64 = 1_000_000;
/// The most people a needs assessment may count in the resident's household.
pub const MAX_HOUSEHOLD: i64 = 30;

fn out_of_range(what: &str, min: impl std::fmt::Display, max: impl std::fmt::Display) -> FieldProblem {
    FieldProblem::Mismatch(crate::i18n::errors::out_of_range(crate::i18n::current(), what, min, max))
}

/// A year of a period, a plan or an event.
pub fn year(n: i64) -> Result<i32, FieldProblem> {
    if (i64::from(FIRST_YEAR)..=i64::from(LAST_YEAR)).contains(&n) {
        Ok(n as i32)
    } else {
        Err(out_of_range("rok", FIRST_YEAR, LAST_YEAR))
    }
}

/// A date of something the centre does (not a birth date): within [`FIRST_YEAR`]–[`LAST_YEAR`].
pub fn date(d: NaiveDate) -> Result<NaiveDate, FieldProblem> {
    year(i64::from(d.year())).map(|_| d).map_err(|_| out_of_range("rok daty", FIRST_YEAR, LAST_YEAR))
}

/// `RRRR-MM-DD` typed for an event, refused outside [`FIRST_YEAR`]–[`LAST_YEAR`]; a signed or
/// six-digit year (`+262142-12-31`) is no date a person means.
pub fn parse_event_date(value: &str) -> Result<NaiveDate, FieldProblem> {
    let v = value.trim();
    if v.starts_with(['+', '-']) {
        return Err(FieldProblem::Date);
    }
    date(parse_date(v)?)
}

/// An amount in grosze: 0 to [`MAX_GROSZE`].
pub fn grosze(n: i64) -> Result<i64, FieldProblem> {
    if (0..=MAX_GROSZE).contains(&n) { Ok(n) } else { Err(out_of_range("kwota (zł)", 0, MAX_GROSZE / 100)) }
}

/// A whole number typed as text, from `min` to `max`; the message says what is wrong with it.
fn whole(value: &str, what: &str, min: i64, max: i64) -> Result<i64, FieldProblem> {
    let v = value.trim();
    let digits = v.strip_prefix('-').unwrap_or(v);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FieldProblem::Mismatch(crate::i18n::errors::whole_number(crate::i18n::current(), what, min, max)));
    }
    if v.starts_with('-') && min >= 0 {
        return Err(FieldProblem::Mismatch(crate::i18n::errors::without_minus(crate::i18n::current(), what, min, max)));
    }
    match v.parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(out_of_range(what, min, max)),
    }
}

// Argument parsers for the command line: the message names no option, the caller adds it.

/// A year argument.
pub fn arg_year(value: &str) -> Result<i32, String> {
    whole(value, "rok", i64::from(FIRST_YEAR), i64::from(LAST_YEAR)).map(|n| n as i32).map_err(|p| p.to_string())
}

/// A record number, a version or a position: 1 to [`MAX_NUMBER`].
pub fn arg_number<T: TryFrom<i64>>(value: &str) -> Result<T, String> {
    let n = whole(value, "numer", 1, MAX_NUMBER).map_err(|p| p.to_string())?;
    T::try_from(n).map_err(|_| out_of_range("numer", 1, MAX_NUMBER).to_string())
}

/// A count of rows to show: 1 to [`MAX_ROWS`].
pub fn arg_rows(value: &str) -> Result<usize, String> {
    whole(value, "liczba wierszy", 1, MAX_ROWS).map(|n| n as usize).map_err(|p| p.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_outside_the_range_are_refused() {
        assert_eq!(year(2026), Ok(2026));
        assert!(year(1999).is_err() && year(2101).is_err() && year(262_142).is_err());
        assert!(arg_year("262142").unwrap_err().contains("od 2000 do 2100"));
    }

    #[test]
    fn dates_with_absurd_years_are_refused() {
        assert!(parse_event_date("2026-11-30").is_ok());
        for bad in ["+262142-12-31", "262142-12-31", "1900-01-01", "0000-01-01", "9999-12-31", "-2026-01-01"] {
            assert!(parse_event_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn negative_and_huge_numbers_get_a_polish_reason() {
        assert!(arg_rows("-5").unwrap_err().contains("bez minusa"));
        assert!(arg_rows("1000001").unwrap_err().contains("od 1 do 1000000"));
        assert!(arg_rows("99999999999999999999999").unwrap_err().contains("od 1 do 1000000"));
        assert!(arg_rows("5x").unwrap_err().contains("liczbą całkowitą"));
        assert_eq!(arg_number::<u32>("7"), Ok(7));
        assert!(arg_number::<u32>("0").is_err());
        assert!(grosze(10_i64.pow(17)).is_err());
    }
}
