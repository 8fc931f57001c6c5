//! Killed at any moment (kill -9), the database stays whole: `PRAGMA integrity_check` passes,
//! nothing is half-saved, and the interrupted work can simply be run again.

use chrono::{Days, NaiveDate};
use okienko::domain::pesel::{Pesel, Sex};
use rusqlite::Connection;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn okienko(db: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_okienko"));
    cmd.args(args).env("OKIENKO_DB", db).env_remove("OKIENKO_LOGIN").stdout(Stdio::null()).stderr(Stdio::null());
    cmd
}

fn integrity(db: &Path) -> String {
    Connection::open(db).unwrap().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap()
}

fn count(db: &Path, sql: &str) -> i64 {
    // The file may be mid-write by the child: a read simply sees the last commit.
    Connection::open(db).unwrap().query_row(sql, [], |r| r.get(0)).unwrap_or(0)
}

fn kill_when(mut child: Child, ready: impl Fn() -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(120);
    while Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        if ready() {
            child.kill().unwrap();
            child.wait().unwrap();
            return true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("the child neither finished nor reached the point to kill it");
}

fn big_csv(path: &Path, rows: usize) {
    let mut text =
        String::from("pesel,first_name,last_name,birth_date,street,house_no,flat_no,postal_code,city,phone,email\n");
    let start = NaiveDate::from_ymd_opt(1930, 1, 1).unwrap();
    for i in 0..rows {
        let born = start + Days::new((i / 900) as u64);
        let pesel = Pesel::generate(born, (i % 900) as u32, if i % 2 == 0 { Sex::Female } else { Sex::Male }).unwrap();
        text.push_str(&format!("{pesel},Anna,Kowalska-{i},{born},ul. Leśna,{},,39-200,Dębica,,\n", i % 90 + 1));
    }
    std::fs::write(path, text).unwrap();
}

#[test]
fn an_import_killed_midway_leaves_a_whole_database_and_a_rerun_finishes_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cus.db");
    assert!(okienko(&db, &["init"]).status().unwrap().success());
    let csv = dir.path().join("mieszkancy.csv");
    let rows = 60_000;
    big_csv(&csv, rows);
    let child = okienko(&db, &["import", "residents", csv.to_str().unwrap()]).spawn().unwrap();
    let killed = kill_when(child, || count(&db, "SELECT count(*) FROM resident") > 0);
    let after_kill = count(&db, "SELECT count(*) FROM resident");
    assert_eq!(integrity(&db), "ok");
    assert!(okienko(&db, &["import", "residents", csv.to_str().unwrap()]).status().unwrap().success());
    assert_eq!(count(&db, "SELECT count(*) FROM resident"), rows as i64, "every row once");
    assert!(killed && after_kill < rows as i64, "the import finished before it could be killed ({after_kill} rows)");
}

#[test]
fn a_demo_killed_midway_leaves_nothing_half_made_and_can_be_made_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let child = okienko(&db, &["demo", "--residents", "20000"]).spawn().unwrap();
    // The whole centre is one transaction: once the file exists, the write is under way.
    let killed = kill_when(child, || {
        db.exists() && std::fs::metadata(dir.path().join("demo.db-wal")).is_ok_and(|m| m.len() > 1_000_000)
    });
    assert!(killed, "the demo finished before it could be killed");
    assert_eq!(integrity(&db), "ok");
    assert_eq!(count(&db, "SELECT count(*) FROM resident"), 0, "nothing half-made");
    assert!(okienko(&db, &["demo", "--residents", "300"]).status().unwrap().success());
    assert_eq!(count(&db, "SELECT count(*) FROM resident"), 300);
}

/// Whether another process holds the write lock: a write transaction is under way in it.
fn writing(probe: &Connection) -> bool {
    match probe.execute_batch("BEGIN IMMEDIATE") {
        Ok(()) => {
            probe.execute_batch("ROLLBACK").unwrap();
            false
        }
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::DatabaseBusy => true,
        Err(e) => panic!("probing the write lock: {e}"),
    }
}

/// The number of a plan with a submitted version; when none is left, an approved plan is
/// updated and submitted again.
fn submitted_plan(db: &Path) -> String {
    let conn = Connection::open(db).unwrap();
    let in_state = |state: &str| -> Option<String> {
        conn.query_row(
            "SELECT p.number FROM plan p JOIN plan_version v ON v.plan_id = p.id
             WHERE v.state = ?1 AND p.ended_on IS NULL ORDER BY p.id LIMIT 1",
            [state],
            |r| r.get(0),
        )
        .ok()
    };
    if let Some(number) = in_state("złożony") {
        return number;
    }
    let number = in_state("zatwierdzony").expect("the demo has approved plans");
    // The plan's own coordinator updates and submits it, so that the approval below, by the
    // invoking administrator, passes the four-eyes rule and really writes.
    let coordinator: String =
        conn.query_row("SELECT coordinator_login FROM plan WHERE number = ?1", [&number], |r| r.get(0)).unwrap();
    for args in [["ipus", "update", &number], ["ipus", "submit", &number]] {
        let status = okienko(db, &args).env("OKIENKO_LOGIN", &coordinator).status().unwrap();
        assert!(status.success(), "{args:?}");
    }
    number
}

fn state_of_last_version(db: &Path, number: &str) -> String {
    Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT v.state FROM plan_version v JOIN plan p ON p.id = v.plan_id WHERE p.number = ?1
             ORDER BY v.version DESC LIMIT 1",
            [number],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn approvals_killed_at_random_moments_never_leave_a_plan_half_approved() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    assert!(okienko(&db, &["demo", "--residents", "400"]).status().unwrap().success());
    let probe = Connection::open(&db).unwrap();
    probe.busy_timeout(Duration::ZERO).unwrap();
    // Half the kills come at a moment picked in advance (before, during or after the approval),
    // half while the approval's transaction holds the write lock; those that undid an approval
    // under way are counted, and some must.
    let (mut mid_approval, mut attempts) = (0, 0);
    while mid_approval < 5 {
        attempts += 1;
        assert!(attempts <= 200, "only {mid_approval} of {attempts} kills landed inside an approval");
        let number = submitted_plan(&db);
        let mut child = okienko(&db, &["ipus", "approve", &number]).spawn().unwrap();
        if attempts % 2 == 0 {
            std::thread::sleep(Duration::from_millis((attempts as u64 * 7) % 40));
            let _ = child.kill();
            child.wait().unwrap();
            continue;
        }
        loop {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            if writing(&probe) {
                child.kill().unwrap();
                child.wait().unwrap();
                // The commit may still have won the race with the signal; otherwise nothing of the
                // approval is left and the version is as submitted.
                match state_of_last_version(&db, &number).as_str() {
                    "złożony" => mid_approval += 1,
                    "zatwierdzony" => {}
                    other => panic!("{number}: version left {other}"),
                }
                break;
            }
        }
    }
    assert_eq!(integrity(&db), "ok");
    // An approved version always has its decision, and a decision always its approved version.
    let orphans = count(
        &db,
        "SELECT count(*) FROM plan_version v WHERE v.state IN ('złożony', 'zatwierdzony') AND (v.state = 'zatwierdzony') !=
            EXISTS (SELECT 1 FROM plan_decision d WHERE d.version_id = v.id AND d.decision = 'zatwierdzony')",
    );
    assert_eq!(orphans, 0);
    let out =
        Command::new(env!("CARGO_BIN_EXE_okienko")).args(["audit", "verify"]).env("OKIENKO_DB", &db).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}
