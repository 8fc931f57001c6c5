//! Files that are not what they should be, and logins racing to open one database: each message
//! names the real cause and the path, and nothing is written into a file that is not already an
//! okienko database.

mod support;

use okienko::domain::roles::Role;
use okienko::storage::{Db, staff};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use support::cli::run as okienko;

fn refused_with(out: &Output, needle: &str) -> String {
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "stderr: {err}");
    assert!(err.contains(needle), "expected {needle:?} in: {err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

/// Runs the binary as `uid` in group `gid` with no other groups; `None` unless this is root.
fn as_user(uid: u32, gid: u32, home: &Path, db: &Path, args: &[&str]) -> Option<Command> {
    as_user_after(None, uid, gid, home, db, args)
}

/// The same, started only when a line arrives on `gate` (a FIFO): every process waiting on it
/// goes at once.
fn as_user_after(gate: Option<&Path>, uid: u32, gid: u32, home: &Path, db: &Path, args: &[&str]) -> Option<Command> {
    if !nix::unistd::getuid().is_root() {
        println!("skipped: only root can run the desk as other logins");
        return None;
    }
    let mut cmd = Command::new("setpriv");
    cmd.args([format!("--reuid={uid}"), format!("--regid={gid}"), "--clear-groups".into()]);
    if let Some(gate) = gate {
        cmd.args(["sh", "-c", "read _ < \"$0\"; exec \"$@\""]).arg(gate);
    }
    cmd.arg(env!("CARGO_BIN_EXE_okienko"))
        .args(args)
        .env("OKIENKO_DB", db)
        .env("HOME", home)
        .env_remove("OKIENKO_LOGIN");
    Some(cmd)
}

#[test]
fn a_zero_byte_file_is_refused_as_empty_and_left_empty() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kopia.db");
    std::fs::write(&db, b"").unwrap();
    for args in [&["audit", "verify"][..], &["staff", "list"], &["find", "Kowalski"]] {
        let err = refused_with(&okienko(&db, args), "pusty");
        assert!(err.contains(&db.display().to_string()), "{err}");
    }
    assert_eq!(std::fs::metadata(&db).unwrap().len(), 0, "no schema was given to it");
    assert!(!dir.path().join("kopia.db-wal").exists());
}

#[test]
fn an_empty_sqlite_file_or_another_programs_database_is_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("pusta.db");
    rusqlite::Connection::open(&empty).unwrap().execute_batch("PRAGMA user_version = 0; VACUUM;").unwrap();
    let other = dir.path().join("faktury.db");
    rusqlite::Connection::open(&other).unwrap().execute_batch("CREATE TABLE faktura (id INTEGER)").unwrap();
    for db in [&empty, &other] {
        let before = std::fs::read(db).unwrap();
        for args in [&["audit", "verify"][..], &["audit", "anchor"], &["staff", "list"]] {
            refused_with(&okienko(db, args), "nie jest bazą okienka");
        }
        assert_eq!(std::fs::read(db).unwrap(), before, "{} unchanged", db.display());
        assert!(!okienko::storage::audit::key_path(db).exists());
    }
}

#[test]
fn a_read_only_directory_is_named_as_such_not_as_a_read_only_file() {
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("cus");
    std::fs::create_dir(&shared).unwrap();
    let db = shared.join("cus.db");
    assert!(okienko(&db, &["init"]).status.success());
    std::os::unix::fs::chown(&db, Some(65534), Some(65534)).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o555)).unwrap();
    let Some(mut cmd) = as_user(65534, 65534, dir.path(), &db, &["staff", "list"]) else { return };
    let err = refused_with(&cmd.output().unwrap(), "katalog");
    assert!(err.contains(&format!("katalog {} jest tylko do odczytu", shared.display())), "{err}");
}

#[test]
fn a_directory_without_access_is_not_reported_as_a_missing_database() {
    let dir = tempfile::tempdir().unwrap();
    let closed = dir.path().join("zamkniety");
    std::fs::create_dir(&closed).unwrap();
    let db = closed.join("cus.db");
    assert!(okienko(&db, &["init"]).status.success());
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o700)).unwrap();
    let Some(mut cmd) = as_user(65534, 65534, dir.path(), &db, &["staff", "list"]) else { return };
    let err = refused_with(&cmd.output().unwrap(), "brak dostępu do katalogu");
    assert!(!err.contains("nie istnieje") && !err.contains("init"), "{err}");
}

const RACE_GROUP: u32 = 61000;
const RACE_UIDS: [u32; 3] = [61001, 61002, 61003];
const RACE_ROUNDS: usize = 20;
const RACE_PER_ROUND: usize = 30;

/// Three logins sharing a group open an idle database at the same instant, `RACE_ROUNDS` times
/// `RACE_PER_ROUND` processes: the first one in creates `-wal` and `-shm`, and none of the others
/// may find them read-only.
#[test]
fn logins_of_one_group_opening_an_idle_database_at_once_never_fail() {
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("cus");
    std::fs::create_dir(&shared).unwrap();
    let db = shared.join("cus.db");
    assert!(okienko(&db, &["init"]).status.success());
    {
        let mut store = Db::open(&db).unwrap();
        for uid in RACE_UIDS {
            let login = format!("uid{uid}");
            store.write(|tx| staff::add(tx, "root", &login, "", &[Role::Administrator], false)).unwrap();
        }
    }
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o777)).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    for path in [shared.clone(), db.clone(), okienko::storage::audit::key_path(&db)] {
        std::os::unix::fs::chown(&path, Some(0), Some(RACE_GROUP)).unwrap();
    }
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o2770)).unwrap();
    let mut failures = Vec::new();
    let mut opens = 0;
    let mut left_behind = 0;
    let gate = home.join("start");
    nix::unistd::mkfifo(&gate, nix::sys::stat::Mode::from_bits_truncate(0o666)).unwrap();
    std::fs::set_permissions(&gate, std::fs::Permissions::from_mode(0o666)).unwrap();
    // Held open for reading and writing, so readers never wait for a writer to appear, and lines
    // written before a reader arrives wait for it in the pipe.
    let mut release = std::fs::OpenOptions::new().read(true).write(true).open(&gate).unwrap();
    for _ in 0..RACE_ROUNDS {
        let mut children = Vec::new();
        for i in 0..RACE_PER_ROUND {
            let uid = RACE_UIDS[i % RACE_UIDS.len()];
            let Some(mut cmd) = as_user_after(Some(&gate), uid, RACE_GROUP, &home, &db, &["audit", "anchor"]) else {
                return;
            };
            children.push(cmd.stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap());
        }
        // Let them gather at the gate, then release them with one line each.
        std::thread::sleep(std::time::Duration::from_millis(200));
        std::io::Write::write_all(&mut release, "\n".repeat(RACE_PER_ROUND).as_bytes()).unwrap();
        for child in children {
            let out = child.wait_with_output().unwrap();
            opens += 1;
            if !out.status.success() {
                failures.push(String::from_utf8_lossy(&out.stderr).into_owned());
            }
        }
        // SQLite's last connection out deletes them, but two closing at the same instant may both
        // find the other still there and leave them; each round must start idle, so clear them.
        for leftover in ["cus.db-wal", "cus.db-shm"] {
            if std::fs::remove_file(shared.join(leftover)).is_ok() {
                left_behind += 1;
            }
        }
    }
    assert_eq!(opens, RACE_ROUNDS * RACE_PER_ROUND);
    assert!(failures.is_empty(), "{} of {opens} opens failed, first: {}", failures.len(), failures[0]);
    println!(
        "{opens} opens by {} logins, 0 failures ({left_behind} WAL files left by simultaneous closes)",
        RACE_UIDS.len()
    );
}

#[test]
fn a_value_refused_by_a_check_constraint_is_said_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cus.db");
    assert!(okienko(&db, &["init"]).status.success());
    let mut store = Db::open(&db).unwrap();
    let err = store.write(|tx| Ok(tx.execute("UPDATE staff SET active = 5", [])?)).unwrap_err().to_string();
    assert!(err.contains("wartość poza dozwolonym zakresem") && err.contains("active IN (0, 1)"), "{err}");
    assert!(!err.contains("CHECK constraint failed"), "{err}");
}
