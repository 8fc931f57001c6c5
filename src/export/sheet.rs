//! CSV as a Polish office opens it. Plain CSV is comma-separated UTF-8; for Excel it starts with
//! a byte-order mark and uses semicolons (Polish Excel's list separator, the comma being the
//! decimal sign) and CRLF, so a double click opens it without the import wizard. Every cell that
//! a spreadsheet would run as a formula is defused, whichever form is written.

use std::io::Write;

/// How a CSV file is laid out (always UTF-8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub separator: u8,
    pub bom: bool,
    pub crlf: bool,
}

impl Layout {
    pub const PLAIN: Layout = Layout { separator: b',', bom: false, crlf: false };
    pub const EXCEL: Layout = Layout { separator: b';', bom: true, crlf: true };
}

/// A CSV writer over `out` in `layout`; rows may differ in length.
pub fn writer<W: Write>(mut out: W, layout: Layout) -> std::io::Result<csv::Writer<W>> {
    if layout.bom {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let mut builder = csv::WriterBuilder::new();
    builder.flexible(true).delimiter(layout.separator);
    if layout.crlf {
        builder.terminator(csv::Terminator::CRLF);
    }
    Ok(builder.from_writer(out))
}

/// A cell a spreadsheet would run as a formula (`=…`, `+…`, `@…`, `-` not followed by a digit)
/// gets a leading apostrophe, so text typed into the desk or a file never executes when opened.
pub fn cell(value: &str) -> String {
    let mut chars = value.chars();
    let risky = match chars.next() {
        Some('=' | '+' | '@' | '\t' | '\r') => true,
        Some('-') => !chars.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    };
    if risky { format!("'{value}") } else { value.to_string() }
}
