//! Rendering of reports: every report becomes titled tables, written as aligned text or CSV;
//! JSON is the report's own structure through serde. Charts live in [`chart`], the Open
//! Referral export in [`hsds`].

pub mod chart;
pub mod hsds;
pub mod pdf;
pub mod tables;
pub mod xlsx;

use crate::domain::text::display_safe;
use crate::export::sheet;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Csv,
    /// CSV as Polish Excel opens it directly: UTF-8 with a byte-order mark, semicolons, CRLF.
    ExcelCsv,
    Json,
    Pdf,
    Xlsx,
}

impl Format {
    pub fn parse(code: &str) -> Option<Format> {
        match code.to_ascii_lowercase().as_str() {
            "text" | "txt" => Some(Format::Text),
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "pdf" => Some(Format::Pdf),
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }
}

/// One titled table of a report; cells are already formatted for people.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(title: &str, columns: &[&str]) -> Table {
        Table { title: title.into(), columns: columns.iter().map(|c| c.to_string()).collect(), rows: Vec::new() }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }
}

/// A report as people read it: a title, a line saying what it covers, and tables.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    pub title: String,
    pub subtitle: String,
    pub tables: Vec<Table>,
}

pub use crate::export::quantity::money;

/// Counts and amounts ("12", "-3", "1040,00"), not dates or codes.
pub(crate) fn is_number(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    digits.starts_with(|c: char| c.is_ascii_digit()) && digits.chars().all(|c| c.is_ascii_digit() || c == ',')
}

/// Aligned columns for a terminal or a plain-text file; numbers right-aligned, text from the
/// database made safe for the terminal.
pub fn to_text(doc: &Document) -> String {
    to_text_within(doc, None)
}

/// Narrowest a text column is cut to when a table must fit a screen.
const MIN_TEXT_COLUMN: usize = 12;

/// Like [`to_text`], but when `width` is given the widest text columns are shortened (their
/// cells end in `…`) until every table fits, so that the numbers beside them stay on screen.
pub fn to_text_within(doc: &Document, width: Option<usize>) -> String {
    let mut out = String::new();
    out.push_str(&display_safe(&doc.title));
    out.push('\n');
    if !doc.subtitle.is_empty() {
        out.push_str(&display_safe(&doc.subtitle));
        out.push('\n');
    }
    for table in &doc.tables {
        out.push('\n');
        out.push_str(&display_safe(&table.title));
        out.push('\n');
        let safe: Vec<Vec<String>> =
            table.rows.iter().map(|row| row.iter().map(|c| display_safe(c).replace('\n', " ")).collect()).collect();
        let mut widths: Vec<usize> = table.columns.iter().map(|c| c.chars().count()).collect();
        for row in &safe {
            for (i, cell) in row.iter().enumerate() {
                if let Some(w) = widths.get_mut(i) {
                    *w = (*w).max(cell.chars().count());
                }
            }
        }
        if let Some(width) = width {
            let numeric: Vec<bool> = (0..widths.len())
                .map(|i| !safe.is_empty() && safe.iter().all(|r| r.get(i).is_none_or(|c| is_number(c))))
                .collect();
            let total = |widths: &[usize]| widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
            while total(&widths) > width {
                let widest = (0..widths.len())
                    .filter(|&i| !numeric[i] && widths[i] > MIN_TEXT_COLUMN)
                    .max_by_key(|&i| widths[i]);
                let Some(i) = widest else { break };
                // One character at a time from the widest, so that long columns share the cut.
                widths[i] -= 1;
            }
        }
        let line = |cells: &[String], out: &mut String| {
            let mut text = String::new();
            for (i, cell) in cells.iter().enumerate() {
                let w = widths.get(i).copied().unwrap_or(0);
                let cut;
                let cell = if cell.chars().count() > w {
                    cut = cell.chars().take(w.saturating_sub(1)).chain(std::iter::once('…')).collect::<String>();
                    &cut
                } else {
                    cell
                };
                let pad = " ".repeat(w.saturating_sub(cell.chars().count()));
                if i > 0 {
                    text.push_str("  ");
                }
                if is_number(cell) {
                    text.push_str(&pad);
                    text.push_str(cell);
                } else {
                    text.push_str(cell);
                    text.push_str(&pad);
                }
            }
            out.push_str(text.trim_end());
            out.push('\n');
        };
        line(&table.columns, &mut out);
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        line(&rule, &mut out);
        if safe.is_empty() {
            out.push_str("(brak)\n");
        }
        for row in &safe {
            line(row, &mut out);
        }
    }
    out
}

/// The report as CSV (for Excel when `excel`, see [`sheet`]): per table a blank line, a row
/// with its title, the header and the rows.
pub fn to_csv(doc: &Document, excel: bool) -> anyhow::Result<Vec<u8>> {
    let layout = if excel { sheet::Layout::EXCEL } else { sheet::Layout::PLAIN };
    let mut writer = sheet::writer(Vec::new(), layout)?;
    writer.write_record([doc.title.as_str(), doc.subtitle.as_str()])?;
    for table in &doc.tables {
        writer.write_record([""])?;
        writer.write_record([table.title.as_str()])?;
        writer.write_record(&table.columns)?;
        for row in &table.rows {
            writer.write_record(row.iter().map(|c| sheet::cell(c)))?;
        }
    }
    Ok(writer.into_inner()?)
}

pub fn to_json<T: Serialize>(value: &T) -> anyhow::Result<String> {
    let mut text = crate::domain::text::json_safe(&serde_json::to_string_pretty(value)?).into_owned();
    text.push('\n');
    Ok(text)
}

/// Renders a report: text and CSV from its tables, JSON from its structure, PDF from its tables
/// and charts.
pub fn render<T: Serialize>(
    report: &T,
    doc: &Document,
    charts: &[chart::Chart],
    format: Format,
) -> anyhow::Result<Vec<u8>> {
    Ok(match format {
        Format::Text => to_text(doc).into_bytes(),
        Format::Csv => to_csv(doc, false)?,
        Format::ExcelCsv => to_csv(doc, true)?,
        Format::Json => to_json(report)?.into_bytes(),
        Format::Pdf => pdf::render_pdf(doc, charts).map_err(|e| anyhow::anyhow!("PDF: {e}"))?,
        Format::Xlsx => xlsx::to_xlsx(doc).map_err(|e| anyhow::anyhow!("XLSX: {e}"))?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Document {
        let mut t = Table::new("Usługi", &["usługa", "przyznano"]);
        t.row(vec!["Taxi, senioralne".into(), "12".into()]);
        t.row(vec!["Opieka".into(), "140".into()]);
        Document { title: "Raport".into(), subtitle: "2026".into(), tables: vec![t] }
    }

    #[test]
    fn a_table_too_wide_for_the_screen_cuts_its_text_and_keeps_its_numbers() {
        let mut t = Table::new("Usługi", &["kod", "usługa", "przyznano", "wykorzystano"]);
        t.row(vec![
            "3PLUS".into(),
            "Program „Gmina Przyjazna Rodzinie 3+” dla rodzin wielodzietnych".into(),
            "12".into(),
            "7".into(),
        ]);
        let d = Document { title: "Raport".into(), subtitle: String::new(), tables: vec![t] };
        let text = to_text_within(&d, Some(50));
        assert!(text.lines().all(|l| l.chars().count() <= 50), "{text}");
        let row = text.lines().last().unwrap();
        assert!(row.contains('…') && row.ends_with("12             7"), "{row}");
        assert!(to_text(&d).contains("wielodzietnych"), "files keep the whole text");
    }

    #[test]
    fn formats_grosze_as_zloty_with_a_decimal_comma() {
        assert_eq!(money(123456), "1234,56");
        assert_eq!(money(5), "0,05");
        assert_eq!(money(-150), "-1,50");
    }

    #[test]
    fn aligns_text_columns_and_right_aligns_numbers() {
        let text = to_text(&doc());
        assert!(text.contains("Taxi, senioralne         12\n"), "{text}");
        assert!(text.contains("Opieka                  140\n"), "{text}");
    }

    #[test]
    fn quotes_csv_cells_with_commas() {
        let csv = String::from_utf8(to_csv(&doc(), false).unwrap()).unwrap();
        assert!(csv.contains("\"Taxi, senioralne\",12\n"), "{csv}");
        assert!(csv.starts_with("Raport,2026\n"), "{csv}");
    }

    #[test]
    fn csv_for_excel_has_a_bom_semicolons_and_crlf() {
        let mut d = doc();
        d.tables[0].rows[1][1] = "1040,50".into();
        let csv = String::from_utf8(to_csv(&d, true).unwrap()).unwrap();
        assert!(csv.starts_with("\u{feff}Raport;2026\r\n"), "{csv:?}");
        assert!(csv.contains("Taxi, senioralne;12\r\n"), "{csv:?}");
        assert!(csv.contains("Opieka;1040,50\r\n"), "{csv:?}");
    }

    #[test]
    fn csv_cells_never_start_a_spreadsheet_formula() {
        let mut d = doc();
        d.tables[0].rows[0][0] = "=HYPERLINK(\"x\")".into();
        d.tables[0].rows[1][1] = "-3".into();
        let csv = String::from_utf8(to_csv(&d, false).unwrap()).unwrap();
        assert!(csv.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{csv}");
        assert!(csv.contains("Opieka,-3\n"), "{csv}");
    }

    #[test]
    fn neutralises_terminal_escapes_from_the_database() {
        let mut d = doc();
        d.tables[0].rows[0][0] = "Zła\u{1b}[2Jnazwa".into();
        assert!(!to_text(&d).contains('\u{1b}'));
    }
}
