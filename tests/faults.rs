//! Files the desk must not use, and a database held by another writer: each gives a clear
//! message and a non-zero exit, never a panic or a raw SQLite error.

mod support;

use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Output};
use support::cli::run as okienko;

fn refused_with(out: &Output, needle: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {err}");
    assert!(err.contains(needle), "expected {needle:?} in: {err}");
    assert!(!err.contains("panicked") && !err.contains("SqliteFailure"), "{err}");
}

#[test]
fn a_corrupt_file_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cus.db");
    assert!(okienko(&db, &["init"]).status.success());
    // Overwrite the middle of the file (the schema pages) with garbage.
    let mut bytes = std::fs::read(&db).unwrap();
    let end = bytes.len().min(40_000);
    for b in &mut bytes[100..end] {
        *b = 0xA5;
    }
    std::fs::write(&db, bytes).unwrap();
    for ext in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(dir.path().join(format!("cus.db{ext}")));
    }
    refused_with(&okienko(&db, &["staff", "list"]), "uszkodzony");
}

#[test]
fn a_file_that_is_not_a_database_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("notatki.txt");
    std::fs::write(&db, "Lista obecności\n".repeat(500)).unwrap();
    refused_with(&okienko(&db, &["staff", "list"]), "nie jest bazą SQLite");
}

#[test]
fn a_database_of_another_program_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("faktury.db");
    rusqlite::Connection::open(&db).unwrap().execute_batch("CREATE TABLE faktura (id INTEGER)").unwrap();
    refused_with(&okienko(&db, &["staff", "list"]), "nie jest bazą okienka");
}

#[test]
fn a_database_the_user_may_not_write_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let db = dir.path().join("cus.db");
    assert!(okienko(&db, &["init"]).status.success());
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
    // Root ignores file modes: as root the check runs as the ordinary user `nobody`.
    let mut cmd = if nix::unistd::getuid().is_root() {
        let Some(nobody) = nix::unistd::User::from_name("nobody").ok().flatten() else {
            eprintln!("skipped: running as root and there is no user `nobody` to try the file as an ordinary user");
            return;
        };
        let mut setpriv = Command::new("setpriv");
        setpriv.arg(format!("--reuid={}", nobody.uid)).arg(format!("--regid={}", nobody.gid)).arg("--clear-groups");
        setpriv.arg(env!("CARGO_BIN_EXE_okienko"));
        setpriv
    } else {
        Command::new(env!("CARGO_BIN_EXE_okienko"))
    };
    let out = cmd
        .args(["staff", "list"])
        .env("OKIENKO_DB", &db)
        .env("HOME", dir.path())
        .env_remove("OKIENKO_LOGIN")
        .output()
        .expect("setpriv (util-linux) runs the desk as another user");
    refused_with(&out, "tylko do odczytu");
}

#[test]
fn a_writer_holding_the_database_too_long_gives_a_busy_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cus.db");
    assert!(okienko(&db, &["init"]).status.success());
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE; INSERT INTO gmina (name) VALUES ('Dębica');").unwrap();
    let out = okienko(&db, &["staff", "add", "ania", "--role", "recepcja"]);
    holder.execute_batch("ROLLBACK").unwrap();
    refused_with(&out, "zajęta");
}
