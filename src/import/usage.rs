//! Reading a provider's monthly list of delivered units (CSV): the file is decoded by
//! [`detect`] (UTF-8, UTF-8 with BOM or Windows-1250; commas or semicolons), then each row is
//! parsed or refused with its line and reason. Recording the rows is storage's
//! `usage::import`, which checks each against what its plan line or qualification grants.

use super::detect::{self, Detected};
use crate::i18n::cli as t;
use crate::storage::usage::{ImportRow, UsageTarget};
use chrono::NaiveDate;

/// The first four columns the header must start with; `note` and `qualification` may follow.
pub const HEADER: [&str; 6] = ["plan_number", "position", "date", "units", "note", "qualification"];

/// What a file gave: how it was saved, and each row parsed or refused (line, reason).
pub struct UsageFile {
    pub detected: Detected,
    pub rows: Vec<Result<ImportRow, (usize, String)>>,
}

/// Reads the whole file's bytes; `today` bounds the dates (units are not delivered ahead).
pub fn read(data: &[u8], today: NaiveDate) -> anyhow::Result<UsageFile> {
    let (decoded, detected) = detect::decode(data)?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .delimiter(detected.separator)
        .from_reader(&decoded[..]);
    let header: Vec<String> = reader
        .headers()
        .map_err(|_| anyhow::anyhow!(t::usage_header_must_be(&HEADER[..5].join(","))))?
        .iter()
        .map(str::to_string)
        .collect();
    if header.iter().map(String::as_str).take(4).ne(HEADER.iter().copied().take(4)) {
        anyhow::bail!(t::usage_header_must_be(&HEADER[..5].join(",")));
    }
    let other = if detected.separator == b';' { ',' } else { ';' };
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let parsed = match record {
            Err(e) => Err((line, t::unreadable_csv_row(&e.to_string()))),
            Ok(r) if r.len() == 1 && r[0].contains(other) => {
                Err((line, t::other_separator(other, detected.separator as char)))
            }
            Ok(r) => parse_row(line, &r, today).map_err(|reason| (line, reason)),
        };
        rows.push(parsed);
    }
    Ok(UsageFile { detected, rows })
}

fn parse_row(line: usize, r: &csv::StringRecord, today: NaiveDate) -> Result<ImportRow, String> {
    let field = |i: usize| r.get(i).unwrap_or("");
    let target = match (field(0), field(1), field(5)) {
        ("", "", "") => return Err(t::field_required("plan_number")),
        ("", "", qualification) => UsageTarget::Qualification(
            qualification
                .parse::<i64>()
                .ok()
                .filter(|id| *id > 0)
                .ok_or_else(|| t::not_a_qualification(qualification))?,
        ),
        (plan_number, position, "") => {
            if plan_number.is_empty() {
                return Err(t::field_required("plan_number"));
            }
            let position = position.parse::<i64>().map_err(|_| t::not_a_position(position))?;
            UsageTarget::Line { plan_number: plan_number.to_string(), position }
        }
        _ => return Err(t::row_names_one_grant()),
    };
    let day = crate::domain::limits::parse_event_date(field(2)).map_err(|p| match p {
        crate::domain::text::FieldProblem::Date => t::bad_row_date(field(2)),
        other => format!("date: {other}"),
    })?;
    if day > today {
        return Err(t::row_date_in_future(day, today));
    }
    let units = field(3).parse::<u32>().ok().filter(|u| *u > 0).ok_or_else(|| t::not_units(field(3)))?;
    Ok(ImportRow { row: line, target, day, units, note: field(4).to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::WINDOWS_1250;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_polish_excel_list_in_windows_1250_with_semicolons_is_read() {
        let text = "plan_number;position;date;units;note\r\nIPUS/2026/0001;1;2026-11-03;2;wizyta „poranna” – żółć\r\n";
        let (bytes, _, _) = WINDOWS_1250.encode(text);
        let file = read(&bytes, day("2026-11-30")).unwrap();
        assert_eq!(file.detected.describe(), "Plik: Windows-1250, separator średnik, końce wierszy CRLF");
        let row = file.rows[0].as_ref().unwrap();
        assert_eq!((row.row, row.units, row.note.as_str()), (2, 2, "wizyta „poranna” – żółć"));
        assert_eq!(row.target, UsageTarget::Line { plan_number: "IPUS/2026/0001".into(), position: 1 });
    }

    #[test]
    fn a_row_with_the_other_separator_is_refused_on_its_line() {
        let text = "\u{feff}plan_number,position,date,units,note\nIPUS/2026/0001,1,2026-11-03,2,\nIPUS/2026/0001;1;2026-11-04;1;\n";
        let file = read(text.as_bytes(), day("2026-11-30")).unwrap();
        assert!(file.rows[0].is_ok());
        let (line, reason) = file.rows[1].as_ref().unwrap_err();
        assert_eq!(*line, 3);
        assert!(reason.contains(';'), "{reason}");
    }

    #[test]
    fn a_file_without_the_header_or_empty_is_refused_naming_the_columns() {
        for data in [&b""[..], b"a;b;c\n"] {
            let said = read(data, day("2026-11-30")).err().unwrap().to_string();
            assert!(said.contains("plan_number,position,date,units,note"), "{said}");
        }
    }
}
