//! Property tests (fuzzing) of the residents CSV import, called through the library: whatever
//! the file holds, the import never panics, every data row is either imported or rejected with
//! a reason on the line where it starts, what goes in passes the desk's own checks, the counts
//! add up, and a rerun adds no one.

use chrono::{Days, NaiveDate};
use okienko::domain::pesel::{Pesel, Sex};
use okienko::domain::resident::ResidentInput;
use okienko::import::residents::{COLUMNS, ImportError, ImportReport, import};
use okienko::storage::{Db, residents};
use proptest::prelude::*;
use std::collections::{BTreeSet, HashSet};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn fresh_db() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::create(&dir.path().join("cus.db")).unwrap();
    (dir, db)
}

/// Every resident in the store, as the desk would edit it.
fn stored(db: &Db) -> Vec<ResidentInput> {
    let mut stmt = db.conn().prepare("SELECT id FROM resident ORDER BY id").unwrap();
    let ids: Vec<i64> = stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    ids.into_iter().map(|id| residents::input_of(db.conn(), id).unwrap()).collect()
}

fn assert_stored_rows_pass_validation(db: &Db) {
    for input in stored(db) {
        if let Err(e) = input.validate_as_of(today()) {
            panic!("an imported resident fails the desk's checks ({e}): {input:?}");
        }
    }
}

fn run_import(db: &mut Db, data: &[u8]) -> Result<ImportReport, ImportError> {
    import(db, "fuzz", "fuzz.csv", data, today(), |_, _| {})
}

/// Data rows the import's reader sees after the header (blank lines are not rows).
fn data_rows(data: &[u8]) -> usize {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(data);
    let mut record = csv::ByteRecord::new();
    let mut rows = 0usize;
    while let Ok(true) = reader.read_byte_record(&mut record) {
        rows += 1;
    }
    rows.saturating_sub(1)
}

fn header_line() -> Vec<u8> {
    COLUMNS.join(",").into_bytes()
}

/// Text that must never be imported: terminal escapes, C1 controls, bidi, zero-width, NUL.
fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\u{1b}[2J".to_string()),
        Just("\u{1b}]52;c;cGF5bG9hZA==\u{7}".to_string()),
        Just("\u{1b}]0;title\u{7}".to_string()),
        Just("\u{9b}31m".to_string()),
        Just("\u{85}".to_string()),
        Just("\u{202E}".to_string()),
        Just("\u{2066}".to_string()),
        Just("\u{200B}".to_string()),
        Just("\u{FEFF}".to_string()),
        Just("\0".to_string()),
        Just("\u{7f}".to_string()),
        Just("\t".to_string()),
    ]
}

fn name() -> impl Strategy<Value = String> {
    "[A-ZŁŚŻŹĆ][a-ząćęłńóśźż]{1,12}(-[A-ZŁŻ][a-ząęłóż]{1,8})?"
}

fn valid_pesel() -> impl Strategy<Value = String> {
    (0u64..(100 * 365), 0u32..1000, any::<bool>()).prop_map(|(days, serial, male)| {
        let date = NaiveDate::from_ymd_opt(1925, 1, 1).unwrap() + Days::new(days);
        let sex = if male { Sex::Male } else { Sex::Female };
        Pesel::generate(date, serial, sex).unwrap().as_str().to_string()
    })
}

/// A row most likely valid, drawing PESELs from a small pool so that duplicates happen.
fn valid_row(pool: Vec<String>) -> impl Strategy<Value = Vec<String>> {
    (
        prop::sample::select(pool),
        name(),
        name(),
        any::<bool>(),
        "(ul\\. )?[A-ZŁ][a-ząęłóż]{2,10}( [0-9]{1,3})?|",
        "[0-9]{1,3}[a-c]?|",
        "[0-9]{1,3}|",
        "[0-9]{2}-[0-9]{3}|",
        "[A-ZŁŚ][a-ząęłóśż]{2,12}|",
        "(\\+48 )?[1-9][0-9]{2} [0-9]{3} [0-9]{3}|",
        "[a-z]{1,8}@[a-z]{2,8}\\.pl|",
    )
        .prop_map(|(pesel, first, last, with_date, street, house, flat, postal, city, phone, email)| {
            let birth = if with_date {
                Pesel::parse(&pesel).map(|p| p.birth_date().to_string()).unwrap_or_default()
            } else {
                String::new()
            };
            vec![pesel, first, last, birth, street, house, flat, postal, city, phone, email]
        })
}

/// A row spoilt one way: hostile or huge text in a field, a broken value, padding, a wrong
/// number of columns, or bytes that are not UTF-8.
fn spoilt(row: Vec<String>) -> impl Strategy<Value = Vec<Vec<u8>>> {
    let fields = || row.iter().map(|f| f.clone().into_bytes()).collect::<Vec<_>>();
    let r1 = fields();
    let r2 = fields();
    let r3 = fields();
    let r4 = fields();
    let r5 = fields();
    let r6 = fields();
    prop_oneof![
        (0..11usize, hostile(), 0..4usize).prop_map(move |(column, bad, at)| {
            let mut row = r1.clone();
            let mut text = String::from_utf8(row[column].clone()).unwrap();
            let at = text.char_indices().nth(at).map_or(text.len(), |(i, _)| i);
            text.insert_str(at, &bad);
            row[column] = text.into_bytes();
            row
        }),
        (0..11usize, 61usize..12_000).prop_map(move |(column, len)| {
            let mut row = r2.clone();
            row[column] = "Ż".repeat(len).into_bytes();
            row
        }),
        (0..11usize, "[^,\"]{0,3}|\\PC{0,12}").prop_map(move |(column, junk)| {
            let mut row = r3.clone();
            row[column] = junk.into_bytes();
            row
        }),
        (0..11usize, "[ \t]{1,3}").prop_map(move |(column, pad)| {
            let mut row = r4.clone();
            let mut padded = pad.clone().into_bytes();
            padded.extend_from_slice(&row[column]);
            padded.extend_from_slice(pad.as_bytes());
            row[column] = padded;
            row
        }),
        (1..20usize).prop_filter("not eleven", |n| *n != 11).prop_map(move |n| {
            let mut row = r5.clone();
            row.resize(n, b"x".to_vec());
            row
        }),
        (0..11usize, prop::sample::select(vec![&b"\xff"[..], b"\xc3", b"\xed\xa0\x80", b"\xc0\xaf"])).prop_map(
            move |(column, bad)| {
                let mut row = r6.clone();
                row[column].extend_from_slice(bad);
                row
            }
        ),
    ]
}

fn any_row(pool: Vec<String>) -> impl Strategy<Value = Vec<Vec<u8>>> {
    valid_row(pool).prop_flat_map(|row| {
        let plain = row.iter().map(|f| f.clone().into_bytes()).collect::<Vec<_>>();
        prop_oneof![2 => Just(plain), 1 => spoilt(row)]
    })
}

#[derive(Debug, Clone, Copy)]
enum Quoting {
    WhenNeeded,
    Always,
}

/// Writes one field as a CSV writer would; quotes inside are doubled.
fn field(out: &mut Vec<u8>, value: &[u8], quoting: Quoting) {
    let needs = value.iter().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
        || value.first().is_some_and(|b| *b == b' ' || *b == b'\t')
        || value.is_empty();
    if matches!(quoting, Quoting::Always) || needs && !value.is_empty() {
        out.push(b'"');
        for &b in value {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(value);
    }
}

/// One generated file: its bytes and the line each data row starts on.
#[derive(Debug, Clone)]
struct File {
    bytes: Vec<u8>,
    rows: Vec<(u64, Vec<Vec<u8>>)>,
}

fn file() -> impl Strategy<Value = File> {
    let pool = prop::collection::vec(valid_pesel(), 1..12);
    pool.prop_flat_map(|pool| {
        (
            any::<bool>(),
            Just(COLUMNS.to_vec()).prop_shuffle(),
            prop::collection::vec(
                (
                    any_row(pool.clone()),
                    prop::sample::select(vec![Quoting::WhenNeeded, Quoting::Always]),
                    any::<bool>(),
                    0..3usize,
                ),
                0..40,
            ),
            any::<bool>(),
        )
    })
    .prop_map(|(bom, order, rows, final_newline)| {
        let mut bytes = Vec::new();
        if bom {
            bytes.extend_from_slice(b"\xEF\xBB\xBF");
        }
        let positions: Vec<usize> = order.iter().map(|c| COLUMNS.iter().position(|k| k == c).unwrap()).collect();
        bytes.extend_from_slice(order.join(",").as_bytes());
        let mut placed = Vec::new();
        let count = rows.len();
        for (i, (row, quoting, crlf, blank_lines)) in rows.into_iter().enumerate() {
            let end: &[u8] = if crlf { b"\r\n" } else { b"\n" };
            bytes.extend_from_slice(end);
            for _ in 0..blank_lines {
                bytes.extend_from_slice(end);
            }
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
            let line = 1 + body.iter().filter(|&&b| b == b'\n').count() as u64;
            // Columns follow the shuffled header; a row of the wrong width keeps its own order.
            let ordered: Vec<Vec<u8>> =
                if row.len() == 11 { positions.iter().map(|&p| row[p].clone()).collect() } else { row.clone() };
            for (j, value) in ordered.iter().enumerate() {
                if j > 0 {
                    bytes.push(b',');
                }
                field(&mut bytes, value, quoting);
            }
            placed.push((line, row));
            if i + 1 == count && final_newline {
                bytes.extend_from_slice(end);
            }
        }
        File { bytes, rows: placed }
    })
}

/// What the desk's own checks make of a row in canonical column order.
fn expected(row: &[Vec<u8>]) -> Option<String> {
    if row.len() != 11 {
        return None;
    }
    let text: Option<Vec<String>> = row.iter().map(|f| String::from_utf8(f.clone()).ok()).collect();
    let [pesel, first_name, last_name, birth_date, street, house_no, flat_no, postal_code, city, phone, email] =
        <[String; 11]>::try_from(text?).ok()?;
    if pesel.trim().is_empty() {
        return None;
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
    input.validate_as_of(today()).ok().and_then(|r| r.pesel).map(|p| p.as_str().to_string())
}

/// 300 cases unless `PROPTEST_CASES` asks for another number (`with_cases` would override it).
fn config() -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 300;
    }
    config
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_never_panic_and_what_goes_in_is_valid(
        body in prop::collection::vec(any::<u8>(), 0..3000),
        with_header in any::<bool>(),
    ) {
        let mut data = if with_header { header_line() } else { Vec::new() };
        if with_header {
            data.push(b'\n');
        }
        data.extend_from_slice(&body);
        let (_dir, mut db) = fresh_db();
        if let Ok(report) = run_import(&mut db, &data) {
            prop_assert_eq!(report.imported + report.already_present + report.rejected.len(), data_rows(&data));
            prop_assert_eq!(residents::count(db.conn()).unwrap() as usize, report.imported);
            prop_assert!(report.rejected.iter().all(|r| !r.field.is_empty() && !r.reason.is_empty()));
            assert_stored_rows_pass_validation(&db);
            let again = run_import(&mut db, &data).unwrap();
            prop_assert_eq!(again.imported, 0);
        }
    }

    #[test]
    fn every_csv_row_is_imported_or_rejected_on_its_own_line(file in file(), seeded in 0..3usize) {
        let (_dir, mut db) = fresh_db();
        // Some residents may already be registered before the file arrives.
        let mut registered = HashSet::new();
        for (_, row) in &file.rows {
            if registered.len() == seeded {
                break;
            }
            if let Some(pesel) = expected(row).filter(|p| !registered.contains(p)) {
                let text: Vec<String> = row.iter().map(|f| String::from_utf8(f.clone()).unwrap()).collect();
                let input = ResidentInput { pesel: text[0].clone(), first_name: text[1].clone(),
                    last_name: text[2].clone(), ..ResidentInput::default() };
                let record = input.validate().unwrap();
                db.write(|tx| residents::insert(tx, "fuzz", &record)).unwrap();
                registered.insert(pesel);
            }
        }

        let report = run_import(&mut db, &file.bytes).unwrap();

        // The oracle: the first valid row of each PESEL goes in unless already registered.
        let mut first_valid = HashSet::new();
        let (mut new, mut present, mut rejected_lines) = (HashSet::new(), 0usize, BTreeSet::new());
        for (line, row) in &file.rows {
            match expected(row) {
                Some(pesel) if first_valid.insert(pesel.clone()) => {
                    if registered.contains(&pesel) {
                        present += 1;
                    } else {
                        new.insert(pesel);
                    }
                }
                _ => {
                    rejected_lines.insert(*line);
                }
            }
        }
        prop_assert_eq!(report.imported + report.already_present + report.rejected.len(), file.rows.len());
        prop_assert_eq!(report.imported, new.len());
        prop_assert_eq!(report.already_present, present);
        let lines: BTreeSet<u64> = report.rejected.iter().map(|r| r.line).collect();
        prop_assert_eq!(lines, rejected_lines, "rejected lines differ; file: {:?}", String::from_utf8_lossy(&file.bytes));
        prop_assert!(report.rejected.iter().all(|r| !r.field.is_empty() && !r.reason.is_empty()));

        let stored = stored(&db);
        let stored_pesels: HashSet<String> = stored.iter().map(|i| i.pesel.clone()).collect();
        prop_assert!(new.iter().all(|p| stored_pesels.contains(p)));
        prop_assert_eq!(stored.len(), new.len() + registered.len());
        assert_stored_rows_pass_validation(&db);

        let again = run_import(&mut db, &file.bytes).unwrap();
        prop_assert_eq!(again.imported, 0);
        prop_assert_eq!(again.already_present, report.imported + report.already_present);
        prop_assert_eq!(again.rejected.len(), report.rejected.len());
        prop_assert_eq!(residents::count(db.conn()).unwrap() as usize, stored.len());
    }
}
