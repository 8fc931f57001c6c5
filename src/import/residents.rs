//! Importing residents from a CSV file: every row is checked by the same rules as the desk's
//! form; bad rows are set aside with their reason and the rest go in, in batches of one
//! transaction each, so an interrupted import leaves a consistent database and a rerun
//! finishes the job without adding anyone twice.

use super::detect::{self, DetectError, Detected};
use crate::domain::resident::ResidentInput;
use crate::i18n::cli as t;
use crate::storage::audit::{self, AuditAction};
use crate::storage::{Db, StorageError, residents};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::Path;

/// The header the file must have (the columns may come in any order).
pub const COLUMNS: [&str; 11] = [
    "pesel",
    "first_name",
    "last_name",
    "birth_date",
    "street",
    "house_no",
    "flat_no",
    "postal_code",
    "city",
    "phone",
    "email",
];

/// Rows per transaction: small enough that a writer never holds the lock for long.
pub const BATCH: usize = 1000;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{}", t::import_header(.0))]
    Header(String),
    #[error("{}", t::import_empty())]
    Empty,
    #[error(transparent)]
    Encoding(#[from] DetectError),
    #[error("{}", t::import_csv(&.0.to_string()))]
    Csv(#[from] csv::Error),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// A row left out, with where it was and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// Line of the file where the row starts (the header is line 1).
    pub line: u64,
    pub field: String,
    pub reason: String,
    /// The row as it was, for correcting and importing again.
    pub values: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// The file's encoding, separator and line ends as found.
    pub detected: Detected,
    pub imported: usize,
    pub already_present: usize,
    pub rejected: Vec<Rejected>,
}

/// A checked row waiting for its batch.
struct Accepted {
    line: u64,
    record: crate::domain::resident::ResidentRecord,
    /// The row as it was, should it turn out to look like someone registered.
    values: Vec<String>,
}

/// Maps the header to column positions, or says which columns are missing or unknown.
fn column_positions(header: &csv::ByteRecord) -> Result<[usize; 11], ImportError> {
    let names: Vec<String> = header
        .iter()
        .map(|f| String::from_utf8_lossy(f).trim().trim_start_matches('\u{feff}').to_lowercase())
        .collect();
    let missing: Vec<&str> = COLUMNS.iter().copied().filter(|c| !names.iter().any(|n| n == c)).collect();
    let unknown: Vec<String> = names
        .iter()
        .filter(|n| !COLUMNS.contains(&n.as_str()))
        .map(|n| crate::domain::text::display_safe(n).into_owned())
        .collect();
    let mut repeated: Vec<&str> =
        COLUMNS.iter().copied().filter(|c| names.iter().filter(|n| n == c).count() > 1).collect();
    repeated.dedup();
    if !missing.is_empty() || !unknown.is_empty() || !repeated.is_empty() {
        let mut problems = Vec::new();
        if !missing.is_empty() {
            problems.push(t::columns_missing(&missing.join(", ")));
        }
        if !unknown.is_empty() {
            problems.push(t::columns_unknown(&unknown.join(", ")));
        }
        if !repeated.is_empty() {
            problems.push(t::columns_repeated(&repeated.join(", ")));
        }
        return Err(ImportError::Header(t::expected_header(&problems.join("; "), &COLUMNS.join(","))));
    }
    let mut positions = [0; 11];
    for (slot, column) in positions.iter_mut().zip(COLUMNS) {
        *slot = names.iter().position(|n| n == column).unwrap_or(0);
    }
    Ok(positions)
}

fn lossy(record: &csv::ByteRecord) -> Vec<String> {
    record.iter().map(|f| String::from_utf8_lossy(f).into_owned()).collect()
}

/// Turns one CSV row into a checked resident, or the reason it is refused.
fn check_row(
    record: &csv::ByteRecord,
    positions: &[usize; 11],
    today: NaiveDate,
    separator: u8,
) -> Result<crate::domain::resident::ResidentRecord, (String, String)> {
    if record.len() != COLUMNS.len() {
        let other = if separator == b';' { b',' } else { b';' };
        let reason = if record.len() == 1 && record.iter().any(|f| f.contains(&other)) {
            t::other_separator(other as char, separator as char)
        } else {
            t::wrong_column_count(record.len(), COLUMNS.len())
        };
        return Err((t::row_field(), reason));
    }
    let mut fields: [String; 11] = Default::default();
    for (value, (&position, column)) in fields.iter_mut().zip(positions.iter().zip(COLUMNS)) {
        let raw = record.get(position).unwrap_or_default();
        *value = std::str::from_utf8(raw).map_err(|_| (column.to_string(), t::not_utf8()))?.to_string();
    }
    let [pesel, first_name, last_name, birth_date, street, house_no, flat_no, postal_code, city, phone, email] = fields;
    if pesel.trim().is_empty() {
        return Err(("PESEL".into(), t::pesel_required_for_import()));
    }
    let input = ResidentInput {
        pesel,
        first_name,
        last_name,
        birth_date,
        street,
        house_no,
        flat_no,
        postal_code,
        city,
        phone,
        email,
        document_no: String::new(),
    };
    input.validate_as_of(today).map_err(|e| (e.field.to_string(), e.problem.to_string()))
}

/// Imports the rows of `data` (a whole CSV file in UTF-8, with or without a BOM, or in
/// Windows-1250, its fields separated by commas or semicolons). `progress` hears bytes done and
/// the total after each batch.
pub fn import(
    db: &mut Db,
    by: &str,
    source_name: &str,
    data: &[u8],
    today: NaiveDate,
    mut progress: impl FnMut(u64, u64),
) -> Result<ImportReport, ImportError> {
    let (decoded, detected) = detect::decode(data)?;
    let data: &[u8] = &decoded;
    let total = data.len() as u64;
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(detected.separator).from_reader(data);
    let mut record = csv::ByteRecord::new();
    if !reader.read_byte_record(&mut record)? {
        return Err(ImportError::Empty);
    }
    let positions = column_positions(&record)?;
    let mut report = ImportReport { detected, imported: 0, already_present: 0, rejected: Vec::new() };
    let mut first_seen: HashMap<String, u64> = HashMap::new();
    let mut batch: Vec<Accepted> = Vec::with_capacity(BATCH);
    // Lines are counted here from byte offsets: the reader's own line count slips on CRLF files.
    let (mut line, mut counted) = (1u64, 0usize);
    while reader.read_byte_record(&mut record)? {
        let mut start = record.position().map_or(counted, |p| p.byte() as usize).clamp(counted, data.len());
        // After CRLF the reported start may be the LF that ends the previous line.
        while data.get(start).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
            start += 1;
        }
        line += data[counted..start].iter().filter(|&&b| b == b'\n').count() as u64;
        counted = start;
        match check_row(&record, &positions, today, detected.separator) {
            Err((field, reason)) => {
                report.rejected.push(Rejected { line, field, reason, values: lossy(&record) });
            }
            Ok(checked) => {
                let pesel = checked.pesel.as_ref().map(|p| p.as_str().to_string()).unwrap_or_default();
                if let Some(first) = first_seen.get(&pesel) {
                    report.rejected.push(Rejected {
                        line,
                        field: "PESEL".into(),
                        reason: t::repeated_in_file(*first),
                        values: lossy(&record),
                    });
                    continue;
                }
                first_seen.insert(pesel, line);
                batch.push(Accepted { line, record: checked, values: lossy(&record) });
            }
        }
        if batch.len() >= BATCH {
            write_batch(db, by, source_name, &mut batch, &mut report)?;
            progress(reader.position().byte(), total);
        }
    }
    write_batch(db, by, source_name, &mut batch, &mut report)?;
    // One entry for the run with its counts; a re-run that adds no one writes only this.
    let detail = format!(
        "plik: dodano {}, już w bazie {}, odrzucono {}",
        report.imported,
        report.already_present,
        report.rejected.len()
    );
    db.write(|tx| audit::append(tx, by, AuditAction::Import, None, &format!("import:{source_name}"), &detail))?;
    progress(total, total);
    Ok(report)
}

/// Writes one batch in one transaction, each row through the desk's own registration:
/// residents already registered (by PESEL) are counted, not added again; a row that looks like
/// someone registered (name with birth date or address) is set aside naming that person, to be
/// decided at the desk. A batch that adds residents has its own audit entry, so that what a
/// killed run added is never unaudited.
fn write_batch(
    db: &mut Db,
    by: &str,
    source_name: &str,
    batch: &mut Vec<Accepted>,
    report: &mut ImportReport,
) -> Result<(), ImportError> {
    let (Some(first), Some(last)) = (batch.first().map(|a| a.line), batch.last().map(|a| a.line)) else {
        return Ok(());
    };
    let (added, present, alike) = db.write(|tx| {
        let (mut added, mut present, mut alike) = (0usize, 0usize, Vec::new());
        let places = crate::storage::places::Places::load(tx)?;
        for accepted in batch.iter() {
            match residents::register_unaudited(tx, by, &accepted.record, &[], &places) {
                Ok(_) => added += 1,
                Err(StorageError::DuplicatePesel { .. }) => present += 1,
                Err(e @ StorageError::LooksLike(_)) => alike.push(Rejected {
                    line: accepted.line,
                    field: t::row_field(),
                    reason: e.to_string(),
                    values: accepted.values.clone(),
                }),
                Err(e) => return Err(e),
            }
        }
        if added > 0 {
            let detail = format!(
                "wiersze {first}–{last}: dodano {added}, już w bazie {present}, podobnych do zarejestrowanych {}",
                alike.len()
            );
            audit::append(tx, by, AuditAction::Import, None, &format!("import:{source_name}"), &detail)?;
        }
        Ok((added, present, alike))
    })?;
    report.imported += added;
    report.already_present += present;
    report.rejected.extend(alike);
    report.rejected.sort_by_key(|r| r.line);
    batch.clear();
    Ok(())
}

/// Writes the rejected rows with their line, field and reason, in the input's own columns and
/// laid out as the input was (separator, line ends), so they open where the file was made, to
/// be corrected and imported again. A file that was not plain UTF-8, or used semicolons (the
/// Polish spreadsheet's separator), gets a BOM: the rejects are UTF-8, and Excel reads UTF-8
/// only behind one.
pub fn write_rejects(path: &Path, rejected: &[Rejected], input: &Detected) -> anyhow::Result<()> {
    let layout = crate::export::sheet::Layout {
        separator: input.separator,
        bom: input.encoding != detect::Encoding::Utf8 || input.separator == b';',
        crlf: input.crlf,
    };
    let mut writer = crate::export::sheet::writer(crate::userfile::create(path)?, layout)?;
    let mut header = vec!["line", "field", "reason"];
    header.extend(COLUMNS);
    writer.write_record(&header)?;
    for r in rejected {
        let mut row = vec![r.line.to_string(), r.field.clone(), r.reason.clone()];
        row.extend(r.values.iter().cloned());
        writer.write_record(row.iter().map(|v| crate::export::sheet::cell(v)))?;
    }
    writer.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(line: &str) -> csv::ByteRecord {
        csv::ByteRecord::from(line.split(',').collect::<Vec<_>>())
    }

    #[test]
    fn accepts_the_header_in_any_order() {
        let mut columns = COLUMNS.to_vec();
        columns.reverse();
        let positions = column_positions(&header(&columns.join(","))).unwrap();
        assert_eq!(positions[0], 10);
        assert_eq!(positions[10], 0);
    }

    #[test]
    fn names_missing_and_unknown_columns() {
        let err = column_positions(&header(
            "pesel,imie,last_name,birth_date,street,house_no,flat_no,postal_code,city,phone,email",
        ))
        .unwrap_err()
        .to_string();
        assert!(err.contains("brakuje kolumn: first_name"), "{err}");
        assert!(err.contains("nieznane kolumny: imie"), "{err}");
    }

    #[test]
    fn refuses_rows_with_the_wrong_number_of_columns() {
        let positions: [usize; 11] = std::array::from_fn(|i| i);
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let short = csv::ByteRecord::from(vec!["44051401359", "Jan"]);
        let (field, reason) = check_row(&short, &positions, today, b',').unwrap_err();
        assert_eq!(field, "wiersz");
        assert!(reason.contains("ma 2 kolumn"), "{reason}");
    }

    #[test]
    fn refuses_bytes_that_are_not_utf8_naming_the_column() {
        let positions: [usize; 11] = std::array::from_fn(|i| i);
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut row: Vec<&[u8]> = vec![b"44051401359", b"Jan", b"Kowalski", b"", b"", b"1", b"", b"", b"", b"", b""];
        row[2] = b"Kowal\xff";
        let (field, _) = check_row(&csv::ByteRecord::from(row), &positions, today, b',').unwrap_err();
        assert_eq!(field, "last_name");
    }
}
