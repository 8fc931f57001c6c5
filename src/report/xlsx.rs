//! Reports as Excel workbooks: one worksheet per table, its first row the bold column titles
//! (frozen, so they stay in view), counts and amounts as numbers, days as dates, so that a
//! spreadsheet sums and sorts them without an import wizard.

use super::{Document, is_number};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

/// What a formatted cell holds, for the spreadsheet's own types.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Integer(f64),
    Amount(f64),
    Date(NaiveDate),
    Text(String),
}

/// "12" and "-3" are integers, "1040,00" an amount, "2026-03-01" a date; a number written with a
/// leading zero ("007") is a code and stays text.
pub fn typed(cell: &str) -> Cell {
    if let Ok(day) = NaiveDate::parse_from_str(cell, "%Y-%m-%d")
        && cell.len() == 10
    {
        return Cell::Date(day);
    }
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    if is_number(cell)
        && !(digits.len() > 1 && digits.starts_with('0') && !digits.starts_with("0,"))
        && let Ok(n) = cell.replace(',', ".").parse::<f64>()
    {
        return if cell.contains(',') { Cell::Amount(n) } else { Cell::Integer(n) };
    }
    Cell::Text(cell.to_string())
}

/// Worksheet names: at most 31 characters, none of `[]:*?/\`, unique in the workbook.
fn sheet_name(title: &str, taken: &[String]) -> String {
    let clean: String =
        title.chars().map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c }).collect::<String>().trim().to_string();
    let base: String = if clean.is_empty() { "Arkusz".into() } else { clean.chars().take(28).collect() };
    let mut name = base.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.to_lowercase() == name.to_lowercase()) {
        name = format!("{base} {n}");
        n += 1;
    }
    name
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(u16::try_from(d.year()).unwrap_or(1900), d.month() as u8, d.day() as u8)
}

/// The report as the bytes of an .xlsx file.
pub fn to_xlsx(doc: &Document) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    book.set_properties(&DocProperties::new().set_title(doc.title.as_str()).set_subject(doc.subtitle.as_str()));
    let bold = Format::new().set_bold();
    let integer = Format::new().set_num_format("0");
    let amount = Format::new().set_num_format("#,##0.00");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let mut taken = Vec::new();
    for table in &doc.tables {
        let name = sheet_name(&table.title, &taken);
        taken.push(name.clone());
        let sheet = book.add_worksheet();
        sheet.set_name(&name)?;
        for (c, title) in table.columns.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, title, &bold)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match typed(cell) {
                    Cell::Integer(n) => sheet.write_number_with_format(r, c, n, &integer)?,
                    Cell::Amount(n) => sheet.write_number_with_format(r, c, n, &amount)?,
                    Cell::Date(d) => sheet.write_datetime_with_format(r, c, &excel_date(d)?, &date)?,
                    Cell::Text(t) => sheet.write_string(r, c, t)?,
                };
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofit();
    }
    if doc.tables.is_empty() {
        book.add_worksheet().write_string(0, 0, doc.title.as_str())?;
    }
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_keep_their_spreadsheet_types() {
        assert_eq!(typed("12"), Cell::Integer(12.0));
        assert_eq!(typed("-3"), Cell::Integer(-3.0));
        assert_eq!(typed("1040,50"), Cell::Amount(1040.5));
        assert_eq!(typed("2026-03-01"), Cell::Date(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()));
        assert_eq!(typed("007"), Cell::Text("007".into()));
        assert_eq!(typed("2026-Q1"), Cell::Text("2026-Q1".into()));
        assert_eq!(typed("Opieka"), Cell::Text("Opieka".into()));
    }

    #[test]
    fn sheet_names_are_short_clean_and_unique() {
        let a = sheet_name("Usługi: przyznane/wykorzystane w okresie sprawozdawczym", &[]);
        assert!(a.chars().count() <= 31 && !a.contains(':') && !a.contains('/'), "{a}");
        assert_eq!(sheet_name("Usługi", &["usługi".into()]), "Usługi 2");
    }
}
