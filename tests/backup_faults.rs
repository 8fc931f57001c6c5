//! Backups that end well: a copy under its final name is always complete and checked, a corrupt
//! database is refused, and a backup finishes while other desks keep writing.

mod support;

use okienko::domain::resident::ResidentInput;
use okienko::storage::{Db, audit, residents};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use support::cli::run as okienko;

fn centre(residents_count: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cus.db");
    assert!(okienko(&db, &["init"]).status.success());
    let mut store = Db::open(&db).unwrap();
    store
        .write(|tx| {
            for i in 0..residents_count {
                let input = ResidentInput {
                    first_name: "Anna".into(),
                    last_name: format!("Nowak{i}"),
                    street: "Długa ".repeat(12),
                    ..Default::default()
                };
                residents::insert(tx, "root", &input.validate().unwrap())?;
            }
            Ok(())
        })
        .unwrap();
    (dir, db)
}

/// A copy is good when SQLite finds it whole and its audit log verifies with the copied key.
fn assert_good_copy(copy: &Path, residents_at_least: i64) {
    let db = Db::open(copy).unwrap();
    let check: String = db.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    assert!(residents::count(db.conn()).unwrap() >= residents_at_least);
    let (_, broken) = audit::verify(db.conn()).unwrap();
    assert_eq!(broken, None, "the copy's log verifies with its key");
}

#[test]
fn a_backup_is_checked_and_its_key_copied() {
    let (dir, db) = centre(50);
    let copy = dir.path().join("kopia.db");
    let out = okienko(&db, &["backup", copy.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Kopia zapisana"), "{out:?}");
    assert_good_copy(&copy, 50);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_corrupt_database_is_refused_not_copied() {
    let (dir, db) = centre(3000);
    drop(Db::open(&db).unwrap());
    // Garbage over the last pages, where the residents' rows are; the schema stays readable.
    let mut bytes = std::fs::read(&db).unwrap();
    let len = bytes.len();
    for b in &mut bytes[len - 40_000..len - 100] {
        *b = 0x5A;
    }
    std::fs::write(&db, bytes).unwrap();
    let copy = dir.path().join("kopia.db");
    let out = okienko(&db, &["backup", copy.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("Kopia zapisana"));
    assert!(err.contains("uszkodzon") || err.contains("integrity_check"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(!copy.exists(), "nothing under the final name");
}

#[test]
fn a_killed_backup_leaves_no_file_under_the_final_name() {
    let (dir, db) = centre(20_000);
    // Kill points spread from the start to past the end of an uninterrupted backup.
    let started = std::time::Instant::now();
    assert!(okienko(&db, &["backup", dir.path().join("whole.db").to_str().unwrap()]).status.success());
    let whole = started.elapsed();
    let mut cut_short = 0;
    for round in 0..20u32 {
        let delay = whole * round / 12;
        let copy = dir.path().join(format!("kopia{round}.db"));
        let mut child = Command::new(env!("CARGO_BIN_EXE_okienko"))
            .args(["backup", copy.to_str().unwrap()])
            .env("OKIENKO_DB", &db)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let finished = child.wait().unwrap().success();
        if copy.exists() {
            assert_good_copy(&copy, 20_000);
        } else {
            assert!(!finished, "a finished backup is under its name");
            cut_short += 1;
        }
    }
    assert!(cut_short > 0, "some backups were killed before they finished");
    println!("{cut_short} of 20 backups killed before the end, none left a file under its name");
}

const WRITERS: usize = 8;

#[test]
fn a_backup_finishes_while_eight_desks_write() {
    let (dir, db) = centre(20_000);
    let stop = AtomicBool::new(false);
    let writes = AtomicUsize::new(0);
    let copy = dir.path().join("kopia.db");
    let (writes_during, out) = std::thread::scope(|s| {
        for w in 0..WRITERS {
            let (stop, writes, db) = (&stop, &writes, &db);
            s.spawn(move || {
                let mut n = 0;
                while !stop.load(Ordering::Relaxed) {
                    let login = format!("desk{w}x{n}");
                    let out = okienko(db, &["staff", "add", &login, "--role", "recepcja"]);
                    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
                    writes.fetch_add(1, Ordering::Relaxed);
                    n += 1;
                }
            });
        }
        while writes.load(Ordering::Relaxed) < 2 * WRITERS {
            std::thread::yield_now();
        }
        let before = writes.load(Ordering::Relaxed);
        let out = okienko(&db, &["backup", copy.to_str().unwrap()]);
        let during = writes.load(Ordering::Relaxed) - before;
        stop.store(true, Ordering::Relaxed);
        (during, out)
    });
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Kopia zapisana"));
    assert!(writes_during > 0, "the desks kept writing during the backup");
    assert_good_copy(&copy, 20_000);
    println!("backup finished and verified while {WRITERS} desks made {writes_during} writes");
}
