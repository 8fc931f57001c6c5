//! Polish statutory public holidays (ustawa o dniach wolnych od pracy): the fixed dates and the
//! movable ones counted from Easter. On these days every service is closed unless its hours
//! say they hold on holidays.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// A statutory day off work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Holiday {
    NewYear,
    Epiphany,
    EasterSunday,
    EasterMonday,
    LabourDay,
    ConstitutionDay,
    Pentecost,
    CorpusChristi,
    Assumption,
    AllSaints,
    IndependenceDay,
    ChristmasEve,
    Christmas,
    SecondDayOfChristmas,
}

impl Holiday {
    /// The code the catalogue names the holiday by, as JSON writes it.
    pub fn code(self) -> &'static str {
        match self {
            Holiday::NewYear => "new_year",
            Holiday::Epiphany => "epiphany",
            Holiday::EasterSunday => "easter_sunday",
            Holiday::EasterMonday => "easter_monday",
            Holiday::LabourDay => "labour_day",
            Holiday::ConstitutionDay => "constitution_day",
            Holiday::Pentecost => "pentecost",
            Holiday::CorpusChristi => "corpus_christi",
            Holiday::Assumption => "assumption",
            Holiday::AllSaints => "all_saints",
            Holiday::IndependenceDay => "independence_day",
            Holiday::ChristmasEve => "christmas_eve",
            Holiday::Christmas => "christmas",
            Holiday::SecondDayOfChristmas => "second_day_of_christmas",
        }
    }
}

/// Christmas Eve is a day off from 2025 on.
const CHRISTMAS_EVE_FROM: i32 = 2025;

/// Easter Sunday of `year` in the Gregorian calendar (the anonymous Gregorian algorithm).
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    // Month is 3 or 4 and day 1..=31 by construction, so the date exists.
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).unwrap_or(NaiveDate::MIN)
}

/// The holiday falling on `day`, if any.
pub fn holiday(day: NaiveDate) -> Option<Holiday> {
    let fixed = match (day.month(), day.day()) {
        (1, 1) => Some(Holiday::NewYear),
        (1, 6) => Some(Holiday::Epiphany),
        (5, 1) => Some(Holiday::LabourDay),
        (5, 3) => Some(Holiday::ConstitutionDay),
        (8, 15) => Some(Holiday::Assumption),
        (11, 1) => Some(Holiday::AllSaints),
        (11, 11) => Some(Holiday::IndependenceDay),
        (12, 24) if day.year() >= CHRISTMAS_EVE_FROM => Some(Holiday::ChristmasEve),
        (12, 25) => Some(Holiday::Christmas),
        (12, 26) => Some(Holiday::SecondDayOfChristmas),
        _ => None,
    };
    if fixed.is_some() {
        return fixed;
    }
    let after_easter = (day - easter_sunday(day.year())).num_days();
    match after_easter {
        0 => Some(Holiday::EasterSunday),
        1 => Some(Holiday::EasterMonday),
        49 => Some(Holiday::Pentecost),
        60 => Some(Holiday::CorpusChristi),
        _ => None,
    }
}

pub fn is_holiday(day: NaiveDate) -> bool {
    holiday(day).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn easter_falls_on_the_published_sundays() {
        let table = [
            (2000, d(2000, 4, 23)),
            (2008, d(2008, 3, 23)),
            (2019, d(2019, 4, 21)),
            (2024, d(2024, 3, 31)),
            (2025, d(2025, 4, 20)),
            (2026, d(2026, 4, 5)),
            (2027, d(2027, 3, 28)),
            (2038, d(2038, 4, 25)),
        ];
        for (year, sunday) in table {
            assert_eq!(easter_sunday(year), sunday, "{year}");
        }
    }

    #[test]
    fn the_movable_holidays_follow_easter() {
        use Holiday::*;
        let table = [
            (d(2026, 4, 5), Some(EasterSunday)),
            (d(2026, 4, 6), Some(EasterMonday)),
            (d(2026, 4, 7), None),
            (d(2026, 5, 24), Some(Pentecost)),
            (d(2026, 6, 4), Some(CorpusChristi)),
            (d(2025, 4, 21), Some(EasterMonday)),
            (d(2025, 6, 19), Some(CorpusChristi)),
            (d(2024, 4, 1), Some(EasterMonday)),
            (d(2024, 5, 30), Some(CorpusChristi)),
        ];
        for (day, expected) in table {
            assert_eq!(holiday(day), expected, "{day}");
        }
    }

    #[test]
    fn the_fixed_holidays_and_christmas_eve_from_2025() {
        use Holiday::*;
        let table = [
            (d(2026, 1, 1), Some(NewYear)),
            (d(2026, 1, 6), Some(Epiphany)),
            (d(2026, 5, 1), Some(LabourDay)),
            (d(2026, 5, 3), Some(ConstitutionDay)),
            (d(2026, 8, 15), Some(Assumption)),
            (d(2026, 11, 1), Some(AllSaints)),
            (d(2026, 11, 11), Some(IndependenceDay)),
            (d(2024, 12, 24), None),
            (d(2025, 12, 24), Some(ChristmasEve)),
            (d(2026, 12, 25), Some(Christmas)),
            (d(2026, 12, 26), Some(SecondDayOfChristmas)),
            (d(2026, 12, 27), None),
            (d(2026, 5, 2), None),
        ];
        for (day, expected) in table {
            assert_eq!(holiday(day), expected, "{day}");
        }
    }

    #[test]
    fn a_year_has_its_fourteen_holidays_from_2025() {
        let count = |year| {
            (0..366)
                .map(|n| d(year, 1, 1) + Duration::days(n))
                .filter(|day| day.year() == year && is_holiday(*day))
                .count()
        };
        assert_eq!((count(2024), count(2026)), (13, 14));
    }
}
