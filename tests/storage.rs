//! The store on real files: migrations, refusals of files it must not use, and several
//! processes writing one database at once.

use okienko::domain::resident::ResidentInput;
use okienko::storage::{Db, SCHEMA_VERSION, StorageError, audit, migrations, residents};
use rusqlite::Connection;
use std::path::Path;

fn user_version(path: &Path) -> i64 {
    Connection::open(path).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap()
}

#[test]
fn a_new_database_gets_the_whole_schema_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    let db = Db::create(&path).unwrap();
    assert_eq!(user_version(&path), SCHEMA_VERSION);
    let mode: String = db.conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = db.conn().query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    assert_eq!(fk, 1);
}

#[test]
fn a_new_database_file_is_not_readable_by_others() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("private.db");
    Db::create(&path).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o007, 0, "mode {mode:o}");
    assert_eq!(mode & 0o660, 0o660, "mode {mode:o}");
}

#[test]
fn upgrades_a_database_from_every_earlier_version_keeping_its_data() {
    for from in 1..=migrations::scripts().len() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            let conn = Connection::open(&path).unwrap();
            migrations::register_functions(&conn).unwrap();
            for (i, sql) in migrations::scripts()[..from].iter().enumerate() {
                conn.execute_batch(sql).unwrap();
                conn.pragma_update(None, "user_version", i as i64 + 1).unwrap();
            }
            conn.execute(
                "INSERT INTO resident (first_name, last_name, created_at, updated_at, updated_by)
                 VALUES ('Łukasz', 'Żółć', 'x', 'x', 'x')",
                [],
            )
            .unwrap();
        }
        let db = Db::open(&path).unwrap();
        assert_eq!(user_version(&path), SCHEMA_VERSION, "from version {from}");
        assert_eq!(residents::count(db.conn()).unwrap(), 1);
    }
}

#[test]
fn refuses_a_database_newer_than_the_program() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    Db::create(&path).unwrap();
    Connection::open(&path).unwrap().pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
    let err = Db::open(&path).err().expect("a newer schema must be refused");
    assert!(matches!(err, StorageError::SchemaTooNew { .. }), "{err}");
    assert!(err.to_string().contains(&format!("{}", SCHEMA_VERSION + 1)), "{err}");
    assert_eq!(user_version(&path), SCHEMA_VERSION + 1, "never downgraded");
}

#[test]
fn refuses_missing_foreign_and_non_database_files_with_clear_messages() {
    let dir = tempfile::tempdir().unwrap();
    let missing = Db::open(&dir.path().join("none.db")).err().unwrap();
    assert!(matches!(missing, StorageError::Missing { .. }), "{missing}");
    assert!(missing.to_string().contains("okienko init"), "{missing}");

    let foreign = dir.path().join("foreign.db");
    Connection::open(&foreign).unwrap().execute_batch("CREATE TABLE invoices (id INTEGER)").unwrap();
    let err = Db::open(&foreign).err().unwrap();
    assert!(matches!(err, StorageError::Foreign { .. }), "{err}");

    let text = dir.path().join("notes.db");
    std::fs::write(&text, "to nie jest baza danych, tylko notatka ".repeat(200)).unwrap();
    let err = Db::open(&text).err().unwrap();
    assert!(matches!(err, StorageError::Corrupt { .. }), "{err}");
}

const WRITER_ENV: &str = "OKIENKO_TEST_WRITER_DB";
const WRITES_PER_PROCESS: usize = 150;

/// Run as a child process by the test below: inserts residents, each with an audit entry
/// whose hash depends on the previous one (a read-modify-write).
#[test]
#[ignore = "child process of two_processes_write_the_same_database_without_locked_errors"]
fn writer_process() {
    let Ok(path) = std::env::var(WRITER_ENV) else { return };
    let tag = std::env::var("OKIENKO_TEST_WRITER_TAG").unwrap();
    let mut db = Db::open(Path::new(&path)).unwrap();
    for i in 0..WRITES_PER_PROCESS {
        let input =
            ResidentInput { first_name: format!("Jan{tag}"), last_name: format!("Pisarz{i}"), ..Default::default() };
        let record = input.validate().unwrap();
        db.write(|tx| residents::insert(tx, &format!("writer{tag}"), &record)).unwrap();
    }
}

#[test]
fn two_processes_write_the_same_database_without_locked_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.db");
    drop(Db::create(&path).unwrap());
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = ["a", "b", "c"]
        .iter()
        .map(|tag| {
            std::process::Command::new(&exe)
                .args(["--exact", "writer_process", "--ignored", "--nocapture", "--test-threads", "1"])
                .env(WRITER_ENV, &path)
                .env("OKIENKO_TEST_WRITER_TAG", tag)
                .output_spawn()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "writer failed:\n{}", String::from_utf8_lossy(&out.stdout));
    }
    let db = Db::open(&path).unwrap();
    assert_eq!(residents::count(db.conn()).unwrap(), 3 * WRITES_PER_PROCESS as i64);
    let (entries, broken) = audit::verify(db.conn()).unwrap();
    assert_eq!(entries, 3 * WRITES_PER_PROCESS);
    assert_eq!(broken, None, "the audit chain has no forks");
}

trait SpawnPiped {
    fn output_spawn(&mut self) -> std::process::Child;
}

impl SpawnPiped for std::process::Command {
    fn output_spawn(&mut self) -> std::process::Child {
        self.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn().unwrap()
    }
}
