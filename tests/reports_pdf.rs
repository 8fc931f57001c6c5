//! Reports printed as PDF, read back with pdftotext (poppler-utils, installed by
//! scripts/install-deps.sh) to check what the paper says.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn okienko(db: &Path, args: &[&str], today: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_okienko"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("OKIENKO_LOGIN")
        .env("OKIENKO_TODAY", today)
        .output()
        .unwrap()
}

fn ok(out: Output) -> String {
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn centre() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    ok(okienko(&db, &["init"], "2026-11-23"));
    let me = okienko::storage::staff::os_login();
    ok(okienko(&db, &["staff", "add", &me, "--role", "administrator,organizator"], "2026-11-23"));
    okienko::storage::Db::open(&db).unwrap().conn().execute_batch(include_str!("fixtures/reports_centre.sql")).unwrap();
    (dir, db)
}

fn pdf_text(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    let out = Command::new("pdftotext").arg("-layout").arg(path).arg("-").output().expect("pdftotext (poppler-utils)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn programme_pdf_has_the_services_costs_and_polish_letters() {
    let (dir, db) = centre();
    let path = dir.path().join("program.pdf");
    ok(okienko(
        &db,
        &["report", "programme", "--year", "2026", "--format", "pdf", "--out", path.to_str().unwrap()],
        "2026-11-23",
    ));
    let text = pdf_text(&path);
    assert!(text.contains("Informacja z realizacji programu usług społecznych za rok 2026"), "{text}");
    let care = text.lines().find(|l| l.starts_with("OPIEKA")).unwrap_or_default();
    let cells: Vec<&str> = care.split_whitespace().collect();
    assert_eq!(
        cells,
        ["OPIEKA", "Usługi", "opiekuńcze", "godzina", "480", "3", "193", "0", "52", "1040,00", "0,00", "Zespół", "CUS"]
    );
}

#[test]
fn summary_pdf_carries_results_and_resignations() {
    let (dir, db) = centre();
    let path = dir.path().join("podsumowanie.pdf");
    ok(okienko(&db, &["report", "summary", "--format", "pdf", "--out", path.to_str().unwrap()], "2026-11-23"));
    let text = pdf_text(&path);
    assert!(text.contains("Samodzielność w domu."), "{text}");
    assert!(text.contains("IPUS/4/2026") && text.contains("cały plan"), "{text}");
}

#[test]
fn pool_use_pdf_draws_the_bars_with_their_numbers() {
    let (dir, db) = centre();
    let path = dir.path().join("pula.pdf");
    let args = [
        "report",
        "pool-use",
        "--service",
        "TAXI",
        "--months",
        "6",
        "--format",
        "pdf",
        "--out",
        path.to_str().unwrap(),
    ];
    ok(okienko(&db, &args, "2026-06-15"));
    let text = pdf_text(&path);
    assert!(text.contains("wykorzystano 3 / przyznano 6 / limit 6"), "{text}");
    let raw = std::fs::read(&path).unwrap();
    // Filled rectangles: the `re` operator followed by a fill.
    assert!(raw.windows(3).filter(|w| w == b" re").count() >= 12, "bars are drawn");
}

#[test]
fn pdf_needs_a_file_to_go_to() {
    let (_dir, db) = centre();
    let out = okienko(&db, &["report", "indicators", "--format", "pdf"], "2026-11-23");
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("PDF:") && err.contains("--out"), "{err}");
}
