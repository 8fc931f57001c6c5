//! `okienko import residents`, run as the real binary on hostile files.

mod support;

use chrono::NaiveDate;
use okienko::domain::pesel::{Pesel, Sex};
use okienko::domain::resident::ResidentInput;
use okienko::storage::{Db, residents};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::cli::{ok, run as okienko};

const HEADER: &str = "pesel,first_name,last_name,birth_date,street,house_no,flat_no,postal_code,city,phone,email";

fn centre() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cus.db");
    ok(okienko(&db, &["init", "--training"]));
    (dir, db)
}

fn pesel(y: i32, m: u32, d: u32, serial: u32, sex: Sex) -> String {
    Pesel::generate(NaiveDate::from_ymd_opt(y, m, d).unwrap(), serial, sex).unwrap().to_string()
}

/// Rejected rows by line: (field, reason).
fn rejects(path: &Path) -> HashMap<u64, (String, String)> {
    let data = std::fs::read(path).unwrap();
    // Laid out as the input was: this one came with a BOM, commas and CRLF.
    let data = data.strip_prefix("\u{feff}".as_bytes()).expect("a BOM, as the input had");
    assert!(data.windows(2).any(|w| w == b"\r\n"), "CRLF, as the input had");
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(data);
    assert_eq!(reader.headers().unwrap().iter().take(4).collect::<Vec<_>>(), ["line", "field", "reason", "pesel"]);
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].parse().unwrap(), (r[1].to_string(), r[2].to_string()))
        })
        .collect()
}

fn count(db: &Path, sql: &str) -> i64 {
    Db::open(db).unwrap().conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// A file with a BOM, CRLF line ends, quoted fields and every kind of bad row.
fn hostile_file(dir: &Path, in_db: &str) -> PathBuf {
    let a = pesel(1944, 5, 14, 135, Sex::Male);
    let c = pesel(1950, 1, 2, 77, Sex::Female);
    let d = pesel(2010, 8, 9, 401, Sex::Male);
    let mut bad_checksum = a.clone();
    bad_checksum.replace_range(10..11, &(((a.as_bytes()[10] - b'0' + 1) % 10).to_string()));
    let other = pesel(1961, 6, 6, 12, Sex::Female);
    let long_name = "A".repeat(10_000);
    let mut bytes: Vec<u8> = b"\xEF\xBB\xBF".to_vec();
    let rows: Vec<String> = vec![
        HEADER.to_string(),
        format!(
            "{a},Jan,Kowalski,1944-05-14,\"Osiedle Kościuszki, ul. Krakowska\",5,12,39-200,Dębica,+48 601 234 567,"
        ),
        format!("{bad_checksum},Zły,Numer,1944-05-14,,,,,,,"),
        format!("{other},Ewa,Data,1961-06-07,,,,,,,"),
        format!("{other},Ewa,Luty,2026-02-30,,,,,,,"),
        format!("{a},Jan,Drugi,1944-05-14,,,,,,,"),
        format!("{in_db},Maria,Wbazie,,,,,,,,"),
        format!("{other},Ewa,\"Nowak\x1b[2J\x1b[31m\",,,,,,,,"),
        format!("{other},\"Ewa\u{202E}kswoN\",Nowak,,,,,,,,"),
        format!("{other},{long_name},Nowak,,,,,,,,"),
        format!("{c},Zofia,\"Wójcik-Mazur\",1950-01-02,\"ul. \"\"Zielona\"\"\",7,,39-207,Kochanówka,,zofia@example.pl"),
    ];
    bytes.extend(rows.join("\r\n").into_bytes());
    bytes.extend(format!("\r\n{other},Ewa,Nowak,,,,,39-200,Dęb").as_bytes());
    bytes.extend(b"\xff\xfeica,,\r\n");
    bytes.extend(format!("{other},Ewa,Nowak,,,,,39-200,\"Dębica\nPółnoc\",,\r\n").as_bytes());
    bytes.extend(b"za,malo,kolumn\r\n");
    bytes.extend(format!("{d},Kacper,Żółć,2010-08-09,,12,,39-218,Straszęcin,,\n").as_bytes());
    let path = dir.join("mieszkancy.csv");
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn imports_good_rows_and_rejects_each_hostile_one_with_its_reason() {
    let (dir, db) = centre();
    let in_db = pesel(1939, 12, 1, 500, Sex::Female);
    let record = ResidentInput {
        pesel: in_db.clone(),
        first_name: "Maria".into(),
        last_name: "Wbazie".into(),
        ..Default::default()
    }
    .validate()
    .unwrap();
    Db::open(&db).unwrap().write(|tx| residents::insert(tx, "root", &record)).unwrap();
    let file = hostile_file(dir.path(), &in_db);

    let out = ok(okienko(&db, &["import", "residents", file.to_str().unwrap()]));
    assert!(out.contains("Zaimportowano: 3, odrzucono 10 wierszy, już w bazie: 1"), "{out}");

    let rejected = rejects(&dir.path().join("mieszkancy.rejected.csv"));
    let expect = [
        (3, "PESEL", "cyfra kontrolna"),
        (4, "data urodzenia", "niezgodna z PESEL"),
        (5, "data urodzenia", "istnieć w kalendarzu"),
        (6, "PESEL", "powtórzony w pliku (pierwszy raz w wierszu 2)"),
        (8, "nazwisko", "znaki sterujące"),
        (9, "imię", "znaki sterujące"),
        (10, "imię", "za długie: 10000 znaków"),
        (12, "city", "UTF-8"),
        (13, "miejscowość", "znaki sterujące"),
        (15, "wiersz", "ma 3 kolumn"),
    ];
    assert_eq!(rejected.len(), expect.len(), "{rejected:?}");
    for (line, field, reason) in expect {
        let (f, r) = &rejected[&line];
        assert_eq!(f, field, "line {line}: {r}");
        assert!(r.contains(reason), "line {line}: {r}");
    }

    let conn = Db::open(&db).unwrap();
    let (street, phone): (String, String) = conn
        .conn()
        .query_row("SELECT street, phone FROM resident WHERE last_name = 'Kowalski'", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(street, "Osiedle Kościuszki, ul. Krakowska");
    assert_eq!(phone, "601234567");
    let zofia: String =
        conn.conn().query_row("SELECT street FROM resident WHERE first_name = 'Zofia'", [], |r| r.get(0)).unwrap();
    assert_eq!(zofia, "ul. \"Zielona\"");
    assert_eq!(count(&db, "SELECT count(*) FROM resident WHERE last_name = 'Żółć' AND sex = 'M'"), 1);
}

#[test]
fn a_second_run_of_the_same_file_adds_no_one_twice() {
    let (dir, db) = centre();
    let file = hostile_file(dir.path(), &pesel(1939, 12, 1, 500, Sex::Female));
    ok(okienko(&db, &["import", "residents", file.to_str().unwrap()]));
    let before = count(&db, "SELECT count(*) FROM resident");
    // Nothing new and the bad rows refused again: reported, and the exit code says nothing came in.
    let rerun = okienko(&db, &["import", "residents", file.to_str().unwrap()]);
    assert_eq!(rerun.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&rerun.stderr).contains("nic nie zaimportowano"));
    let out = String::from_utf8(rerun.stdout).unwrap();
    assert!(out.contains("Zaimportowano: 0, odrzucono 10 wierszy, już w bazie: 4"), "{out}");
    assert_eq!(count(&db, "SELECT count(*) FROM resident"), before);
    // The first run: its one batch and the run; the re-run: only the run, with its counts.
    assert_eq!(count(&db, "SELECT count(*) FROM audit_log WHERE action = 'import'"), 3);
}

#[test]
fn reports_in_english_with_lang_en_and_writes_rejects_where_asked() {
    let (dir, db) = centre();
    let file = hostile_file(dir.path(), &pesel(1939, 12, 1, 500, Sex::Female));
    let rejects_path = dir.path().join("odrzucone.csv");
    let out = ok(okienko(
        &db,
        &["--lang", "en", "import", "residents", file.to_str().unwrap(), "--rejects", rejects_path.to_str().unwrap()],
    ));
    assert!(out.contains("Imported: 4, rejected 10 rows, already in the database: 0"), "{out}");
    assert_eq!(rejects(&rejects_path).len(), 10);
    assert!(!dir.path().join("mieszkancy.rejected.csv").exists());
}

#[test]
fn refuses_a_wrong_header_naming_missing_and_unknown_columns() {
    let (dir, db) = centre();
    let file = dir.path().join("zly.csv");
    std::fs::write(&file, "pesel,imie,nazwisko\n44051401359,Jan,Kowalski\n").unwrap();
    let out = okienko(&db, &["import", "residents", file.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("brakuje kolumn: first_name, last_name, birth_date"), "{err}");
    assert!(err.contains("nieznane kolumny: imie, nazwisko"), "{err}");
    assert_eq!(count(&db, "SELECT count(*) FROM resident"), 0);
}

#[test]
fn imports_in_batches_with_an_audit_entry_for_each_that_added_and_one_for_the_run() {
    let (dir, db) = centre();
    let mut text = format!("{HEADER}\n");
    let start = NaiveDate::from_ymd_opt(1940, 1, 1).unwrap();
    for n in 0..2500u32 {
        let birth = start + chrono::Days::new(u64::from(n) * 7);
        let p = Pesel::generate(birth, n % 1000, Sex::Female).unwrap();
        text.push_str(&format!("{p},Anna,Nowak,{birth},,{n},,39-200,Dębica,,\n"));
    }
    let file = dir.path().join("duzy.csv");
    std::fs::write(&file, text).unwrap();
    let out = ok(okienko(&db, &["import", "residents", file.to_str().unwrap()]));
    assert!(out.contains("Zaimportowano: 2500, odrzucono 0 wierszy"), "{out}");
    assert_eq!(count(&db, "SELECT count(*) FROM audit_log WHERE action = 'import'"), 4);
    assert!(!dir.path().join("duzy.rejected.csv").exists());
    let rerun = okienko(&db, &["import", "residents", file.to_str().unwrap()]);
    assert_eq!(rerun.status.code(), Some(0), "everyone already present: {}", String::from_utf8_lossy(&rerun.stderr));
    assert_eq!(count(&db, "SELECT count(*) FROM audit_log WHERE action = 'import'"), 5, "a re-run is one entry");
    let store = okienko::storage::Db::open(&db).unwrap();
    let last: String =
        store.conn().query_row("SELECT detail FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).unwrap();
    assert_eq!(last, "plik: dodano 0, już w bazie 2500, odrzucono 0");
}

#[test]
fn only_an_administrator_may_import() {
    let (dir, db) = centre();
    ok(okienko(&db, &["staff", "add", "ania", "--role", "recepcja"]));
    let file = dir.path().join("a.csv");
    std::fs::write(&file, format!("{HEADER}\n44051401359,Jan,Kowalski,,,,,,,,\n")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_okienko"))
        .args(["import", "residents", file.to_str().unwrap()])
        .env("OKIENKO_DB", &db)
        .env("OKIENKO_LOGIN", "ania")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("administrator"));
    assert_eq!(count(&db, "SELECT count(*) FROM resident"), 0);
}

#[test]
fn an_import_that_adds_no_one_exits_non_zero_unless_everyone_is_already_present() {
    let (dir, db) = centre();
    let header = "pesel,first_name,last_name,birth_date,street,house_no,flat_no,postal_code,city,phone,email\n";
    let bad = dir.path().join("zle.csv");
    std::fs::write(&bad, format!("{header}12345678901,Anna,Nowak,,,,,,,,\n")).unwrap();
    let out = okienko(&db, &["import", "residents", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stdout));
    let empty = dir.path().join("pusty.csv");
    std::fs::write(&empty, header).unwrap();
    assert_eq!(okienko(&db, &["import", "residents", empty.to_str().unwrap()]).status.code(), Some(1));
}
