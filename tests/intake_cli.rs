//! The intake from the command line: `resident add` refusing a taken PESEL and look-alikes with
//! exit code 3, `resident duplicates`, `resident merge`, and anonymous enquiries.

mod support;

use okienko::storage::{Db, residents};
use std::path::{Path, PathBuf};
use std::process::Output;
use support::centre::{add_resident, resident, training_centre};
use support::cli::{command, ok};

fn as_login(db: &Path, login: &str, args: &[&str]) -> Output {
    command(db, args).env("OKIENKO_LOGIN", login).output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = training_centre(dir.path());
    (dir, db)
}

const ADD: &[&str] = &["resident", "add", "--first-name", "Lukasz", "--last-name", "ZOLC"];

#[test]
fn a_taken_pesel_exits_with_3_naming_the_person() {
    let (_dir, db) = setup();
    let out = as_login(&db, "ola", &[ADD, &["--pesel", "44051401359"]].concat());
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("Łukasz Żółć"), "{}", stderr(&out));
}

#[test]
fn without_pesel_the_birth_date_and_a_document_are_required() {
    let (_dir, db) = setup();
    let out = as_login(&db, "ola", &["resident", "add", "--first-name", "Olena", "--last-name", "Shevchenko"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--birth-date"), "{}", stderr(&out));
    let out = as_login(
        &db,
        "ola",
        &["resident", "add", "--first-name", "Olena", "--last-name", "Shevchenko", "--birth-date", "1980-04-02"],
    );
    assert!(stderr(&out).contains("--document"), "{}", stderr(&out));
    let added = ok(as_login(
        &db,
        "ola",
        &[
            "resident",
            "add",
            "--first-name",
            "Olena",
            "--last-name",
            "Shevchenko",
            "--birth-date",
            "1980-04-02",
            "--document",
            "fx1234567",
        ],
    ));
    assert!(added.contains("Olena Shevchenko"), "{added}");
    let id: i64 = added.rsplit("nr ").next().unwrap().trim_end_matches([')', '\n']).parse().unwrap();
    let store = Db::open(&db).unwrap();
    assert_eq!(residents::person(store.conn(), id).unwrap().document_no, "FX1234567");
}

#[test]
fn a_look_alike_is_refused_until_judged_another_person_and_that_choice_is_audited() {
    let (_dir, db) = setup();
    let same_birth = [ADD, &["--birth-date", "1944-05-14", "--document", "ABC123456"]].concat();
    let out = as_login(&db, "ola", &same_birth);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("Łukasz Żółć (nr 1, 1944-05-14"), "{}", stderr(&out));
    let pairs = ok(command(&db, &["resident", "duplicates"]).output().unwrap());
    assert!(!pairs.contains("Lukasz"), "nothing was registered: {pairs}");

    ok(as_login(&db, "ola", &[&same_birth[..], &["--distinct-from", "1"]].concat()));
    let audit = ok(command(&db, &["audit", "show"]).output().unwrap());
    assert!(audit.contains("inna osoba"), "{audit}");
    let pairs = ok(command(&db, &["resident", "duplicates", "--json"]).output().unwrap());
    let v: serde_json::Value = serde_json::from_str(&pairs).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 0, "a pair judged two people is not offered again: {pairs}");
}

#[test]
fn an_application_for_a_new_person_who_looks_like_someone_registered_is_refused() {
    let (_dir, db) = setup();
    let args = [
        "application",
        "add",
        "--first-name",
        "Lukasz",
        "--last-name",
        "ZOLC",
        "--street",
        "ul. Radomska",
        "--house-no",
        "2",
        "--flat-no",
        "14",
        "--city",
        "Starachowice",
        "--filed",
        "2026-11-20",
    ];
    let out = as_login(&db, "ola", &args);
    assert!(!out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(stderr(&out).contains("Łukasz Żółć (nr 1"), "{}", stderr(&out));
    let count = |sql: &str| -> i64 { Db::open(&db).unwrap().conn().query_row(sql, [], |r| r.get(0)).unwrap() };
    let before = (count("SELECT count(*) FROM resident"), count("SELECT count(*) FROM application"));
    let out = as_login(&db, "ola", &args);
    assert!(!out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let after = (count("SELECT count(*) FROM resident"), count("SELECT count(*) FROM application"));
    assert_eq!(after, before, "nothing was added");
}

#[test]
fn duplicates_lists_pairs_and_a_merge_keeps_everything_of_both() {
    let (_dir, db) = setup();
    let mut store = Db::open(&db).unwrap();
    // Registered before the check existed: the same person at the same address, without PESEL.
    let mut twin = resident("", "ŁUKASZ", "żółć", "Radomska", "2", "27-200", "Starachowice", "");
    twin.flat_no = "14".into();
    let other = add_resident(&mut store, &twin);
    let pairs = ok(command(&db, &["resident", "duplicates", "--json"]).output().unwrap());
    let v: serde_json::Value = serde_json::from_str(&pairs).unwrap();
    assert_eq!(v[0]["first"]["id"], 1, "{pairs}");
    assert_eq!(v[0]["second"]["id"], other, "{pairs}");
    assert_eq!(v[0]["likeness"], "NameAndAddress");

    ok(as_login(&db, "ola", &["visit", "add", "--resident", &other.to_string(), "--topic", "dowozy"]));
    let refused = as_login(&db, "ola", &["resident", "merge", "1", &other.to_string()]);
    assert!(!refused.status.success(), "front desk may not merge");
    let merged = ok(command(&db, &["resident", "merge", "1", &other.to_string()]).output().unwrap());
    assert!(merged.contains("Łukasz Żółć"), "{merged}");
    let store = Db::open(&db).unwrap();
    let visits: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM contact_visit WHERE resident_id = 1 AND topic = 'dowozy'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(visits, 1, "the merged record's visit now belongs to the kept one");
    assert!(residents::person(store.conn(), other).is_err());
    let export = ok(command(&db, &["resident", "export", "44051401359"]).output().unwrap());
    let v: serde_json::Value = serde_json::from_str(&export).unwrap();
    assert_eq!(v["merged_records"][0]["merged_id"], other);
    let log = v["access_log"].as_array().unwrap();
    assert!(
        log.iter().any(|e| e["target"].as_str().is_some_and(|t| t.starts_with("contact_visit:"))),
        "the entries written under the merged record are the kept person's: {export}"
    );
    assert!(log.iter().any(|e| e["detail"].as_str().is_some_and(|d| d.starts_with("połączono w"))), "{export}");
    let pairs = ok(command(&db, &["resident", "duplicates"]).output().unwrap());
    assert!(!pairs.contains("Żółć"), "{pairs}");
}

#[test]
fn an_anonymous_enquiry_needs_a_topic_and_counts_in_the_indicators() {
    let (_dir, db) = setup();
    let out = as_login(&db, "ola", &["visit", "add", "--topic", "opieka wytchnieniowa"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("--anonymous"), "{}", stderr(&out));
    let saved = ok(as_login(
        &db,
        "ola",
        &[
            "visit",
            "add",
            "--anonymous",
            "--topic",
            "opieka wytchnieniowa",
            "--channel",
            "telefon",
            "--on",
            "2026-11-02",
        ],
    ));
    assert!(saved.contains("bez rejestracji"), "{saved}");
    let json = ok(as_login(&db, "dyr", &["report", "indicators", "--quarter", "2026-Q4", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["anonymous_enquiries"], 1);
    let json = ok(as_login(&db, "dyr", &["report", "indicators", "--quarter", "2026-Q3", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["anonymous_enquiries"], 0);
}

#[test]
fn an_imported_row_that_looks_like_someone_registered_is_set_aside_naming_them() {
    let (dir, db) = setup();
    let twin = okienko::domain::pesel::Pesel::generate(
        chrono::NaiveDate::from_ymd_opt(1944, 5, 14).unwrap(),
        777,
        okienko::domain::pesel::Sex::Male,
    )
    .unwrap();
    let file = dir.path().join("residents.csv");
    std::fs::write(
        &file,
        format!(
            "pesel,first_name,last_name,birth_date,street,house_no,flat_no,postal_code,city,phone,email\n\
             {},LUKASZ,Zolc,,,,,,,,\n\
             44051401359,Łukasz,Żółć,,,,,,,,\n",
            twin.as_str()
        ),
    )
    .unwrap();
    let out = command(&db, &["import", "residents", file.to_str().unwrap()]).output().unwrap();
    let rejects = std::fs::read_to_string(dir.path().join("residents.rejected.csv")).unwrap();
    assert!(rejects.contains("Łukasz Żółć (nr 1, 1944-05-14; imię, nazwisko i data urodzenia)"), "{rejects}");
    assert!(String::from_utf8_lossy(&out.stdout).contains('1'), "{}", stderr(&out));
    let store = Db::open(&db).unwrap();
    assert_eq!(residents::id_by_pesel(store.conn(), twin.as_str()).unwrap(), None);
}
