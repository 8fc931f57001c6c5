//! `okienko report …` run as a real process against a database made with `okienko init`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Centre {
    _dir: tempfile::TempDir,
    db: PathBuf,
}

fn okienko(db: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_okienko"));
    cmd.arg("--db").arg(db).args(args).env_remove("OKIENKO_LOGIN").env("OKIENKO_TODAY", "2026-11-23");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn ok(out: Output) -> String {
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn failure(out: Output) -> String {
    assert!(!out.status.success(), "stdout: {}", String::from_utf8_lossy(&out.stdout));
    String::from_utf8(out.stderr).unwrap()
}

/// A centre whose administrator (the login running the tests) is also organiser and director.
fn centre() -> Centre {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    ok(okienko(&db, &["init", "--training", "--name", "CUS Starachowice"], &[]));
    let me = okienko::storage::staff::os_login();
    ok(okienko(&db, &["staff", "add", &me, "--role", "administrator,organizator,dyrektor"], &[]));
    let store = okienko::storage::Db::open(&db).unwrap();
    store.conn().execute_batch(include_str!("fixtures/reports_centre.sql")).unwrap();
    Centre { _dir: dir, db }
}

#[test]
fn summary_as_csv_for_a_given_half_year() {
    let c = centre();
    let csv = ok(okienko(
        &c.db,
        &["report", "summary", "--from", "2026-01-01", "--to", "2026-06-30", "--format", "csv"],
        &[],
    ));
    assert!(csv.contains("OPIEKA,Usługi opiekuńcze,godzina,3,173,0,42\n"), "{csv}");
    assert!(csv.contains("IPUS/2/2026,Taxi senioralne,2026-05-01,2026-05-03\n"), "{csv}");
}

#[test]
fn summary_defaults_to_the_last_full_half_year() {
    let c = centre();
    let text = ok(okienko(&c.db, &["report", "summary"], &[]));
    assert!(text.contains("Okres: 2026-01-01 – 2026-06-30"), "{text}");
    assert!(text.contains("Samodzielność w domu."), "{text}");
}

#[test]
fn indicators_as_json_for_a_quarter() {
    let c = centre();
    let json = ok(okienko(&c.db, &["report", "indicators", "--quarter", "2026-Q3", "--format", "json"], &[]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["new_clients"], 2);
    assert_eq!(v["volunteers"], 2);
    assert_eq!(v["quarter"], "2026-Q3");
}

#[test]
fn refuses_a_quarter_it_cannot_read() {
    let c = centre();
    let err = failure(okienko(&c.db, &["report", "indicators", "--quarter", "2026-07"], &[]));
    assert!(err.contains("--quarter") && err.contains("2026-Q3"), "{err}");
}

#[test]
fn programme_as_text_with_costs_in_zloty() {
    let c = centre();
    let text = ok(okienko(&c.db, &["report", "programme", "--year", "2026"], &[]));
    assert!(text.contains("za rok 2026"), "{text}");
    assert!(text.contains("1040,00"), "{text}");
    assert!(text.contains("1065,00"), "{text}");
}

#[test]
fn pool_use_is_plain_numbers_when_not_a_terminal() {
    let c = centre();
    let text = ok(okienko(
        &c.db,
        &["report", "pool-use", "--service", "TAXI", "--months", "6"],
        &[("OKIENKO_TODAY", "2026-06-15")],
    ));
    assert!(text.contains("2026-03  wykorzystano 3 / przyznano 6 / limit 6\n"), "{text}");
    assert!(!text.contains('█') && !text.contains('\x1b'), "{text}");
}

#[test]
fn hsds_catalogue_written_to_a_file() {
    let c = centre();
    let path = c.db.with_file_name("katalog.json");
    let out = ok(okienko(&c.db, &["report", "hsds", "--out", path.to_str().unwrap()], &[]));
    assert!(out.contains("katalog.json"), "{out}");
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(v["hsds_version"], "3.1");
    assert_eq!(v["services"].as_array().unwrap().len(), 3);
}

#[test]
fn a_coordinator_may_not_see_reports() {
    let c = centre();
    ok(okienko(&c.db, &["staff", "add", "koord2", "--role", "koordynator"], &[]));
    let err = failure(okienko(&c.db, &["report", "summary"], &[("OKIENKO_LOGIN", "koord2")]));
    assert!(err.contains("brak uprawnień"), "{err}");
}

#[test]
fn every_report_run_is_logged() {
    let c = centre();
    ok(okienko(&c.db, &["report", "programme", "--year", "2026", "--format", "csv"], &[]));
    let store = okienko::storage::Db::open(&c.db).unwrap();
    let n: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM audit_log WHERE action = 'export' AND target = 'report:programme'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(n, 1);
}
