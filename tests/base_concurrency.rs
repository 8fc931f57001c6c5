//! Many desk processes at once against one pool: it never goes below zero, losers hear why,
//! and nobody sees "database is locked". Children are real processes: the okienko binary, or
//! this test binary re-run with one of the `child_*` tests selected.

mod base_support;

use base_support::{add_line, centre, d, okienko, text};
use okienko::domain::period::PeriodKind;
use okienko::storage::{Db, StorageError, pools};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// Waits for the start signal so that the children really run at the same moment.
fn wait_for_go() {
    if let Ok(go) = std::env::var("BASE_CHILD_GO") {
        while !Path::new(&go).exists() {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    }
}

fn child(test: &str, envs: &[(&str, String)]) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args(["--exact", test, "--nocapture", "--test-threads=1"])
        .envs(envs.iter().map(|(k, v)| (*k, v.as_str())))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Approves one submitted plan version the way plan approval does: the pool check and the
/// state change in one write transaction.
fn approve(db: &mut Db, version: i64) -> Result<(), StorageError> {
    db.write(|tx| {
        let shortfalls = pools::shortfalls_of_version(tx, version)?;
        if let Some(first) = shortfalls.first() {
            return Err(StorageError::Conflict(format!("nie można zatwierdzić: {first}")));
        }
        tx.execute("UPDATE plan_version SET state = 'zatwierdzony' WHERE id = ?1", [version])?;
        Ok(())
    })
}

#[test]
fn child_approves_one_version() {
    let (Ok(db), Ok(version)) = (std::env::var("BASE_CHILD_DB"), std::env::var("BASE_CHILD_VERSION")) else { return };
    let mut db = Db::open(Path::new(&db)).unwrap();
    wait_for_go();
    match approve(&mut db, version.parse().unwrap()) {
        Ok(()) => println!("RESULT approved"),
        Err(e) => println!("RESULT refused: {e}"),
    }
}

#[test]
fn child_inserts_an_approved_line() {
    let Ok(db) = std::env::var("BASE_CHILD_INSERT_DB") else { return };
    let db = Db::open(Path::new(&db)).unwrap();
    add_line(db.conn(), 1, 4, "month", None, "2026-11-01", "2026-12-31", "zatwierdzony");
}

fn result_line(out: &std::process::Output) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout);
    stdout.lines().find_map(|l| l.split_once("RESULT ")).map(|(_, r)| r.to_string()).unwrap_or_else(|| {
        panic!("child said nothing: {stdout} {}", String::from_utf8_lossy(&out.stderr));
    })
}

#[test]
fn concurrent_approvals_never_overdraw_the_pool() {
    let mut c = centre();
    let taxi = c.service("TAXI", "Taxi senioralne", "kurs");
    c.pool(taxi, PeriodKind::Month, 10, "2026-01-01");
    let versions: Vec<i64> = (0..6)
        .map(|_| {
            let line = add_line(c.db.conn(), taxi, 3, "month", None, "2026-11-01", "2027-01-31", "złożony");
            c.db.conn().query_row("SELECT version_id FROM plan_line WHERE id = ?1", [line], |r| r.get(0)).unwrap()
        })
        .collect();
    let go = c.dir.path().join("go");
    let children: Vec<Child> = versions
        .iter()
        .map(|v| {
            child(
                "child_approves_one_version",
                &[
                    ("BASE_CHILD_DB", c.path.display().to_string()),
                    ("BASE_CHILD_VERSION", v.to_string()),
                    ("BASE_CHILD_GO", go.display().to_string()),
                ],
            )
        })
        .collect();
    std::fs::write(&go, "").unwrap();
    let results: Vec<String> = children.into_iter().map(|ch| result_line(&ch.wait_with_output().unwrap())).collect();
    let approved = results.iter().filter(|r| *r == "approved").count();
    assert_eq!(approved, 3, "three plans of 3 fit a pool of 10: {results:?}");
    for refused in results.iter().filter(|r| *r != "approved") {
        assert!(refused.contains("nie można zatwierdzić") && refused.contains("pula 10, przyznano już 9"), "{refused}");
        assert!(!refused.contains("locked") && !refused.contains("zajęta"), "{refused}");
    }
    let pool = &pools::pools_of_service(c.db.conn(), taxi).unwrap()[0];
    for month in ["2026-11-01", "2026-12-01", "2027-01-01"] {
        let period = PeriodKind::Month.containing(d(month));
        assert_eq!(pools::granted(c.db.conn(), pool, period, None).unwrap(), 9);
    }
}

#[test]
fn lowering_a_limit_while_plans_are_approved_keeps_granted_within_it() {
    let mut c = centre();
    let taxi = c.service("TAXI", "Taxi senioralne", "kurs");
    c.pool(taxi, PeriodKind::Month, 10, "2026-01-01");
    let versions: Vec<i64> = (0..4)
        .map(|_| {
            let line = add_line(c.db.conn(), taxi, 3, "month", None, "2026-11-01", "2026-11-30", "złożony");
            c.db.conn().query_row("SELECT version_id FROM plan_line WHERE id = ?1", [line], |r| r.get(0)).unwrap()
        })
        .collect();
    let go = c.dir.path().join("go");
    let mut children: Vec<Child> = versions
        .iter()
        .map(|v| {
            child(
                "child_approves_one_version",
                &[
                    ("BASE_CHILD_DB", c.path.display().to_string()),
                    ("BASE_CHILD_VERSION", v.to_string()),
                    ("BASE_CHILD_GO", go.display().to_string()),
                ],
            )
        })
        .collect();
    std::fs::write(&go, "").unwrap();
    let set_limit = okienko(&c.path, "org", &["base", "set-limit", "TAXI", "2026-11", "6"]);
    let outputs: Vec<_> = children.drain(..).map(|ch| ch.wait_with_output().unwrap()).collect();
    let (_, stderr) = text(&set_limit);
    assert!(set_limit.status.success() || stderr.contains("nie można ustawić limitu 6: przyznano już"), "{stderr}");
    for out in &outputs {
        let result = result_line(out);
        assert!(result == "approved" || result.contains("nie można zatwierdzić"), "{result}");
    }
    let row = &okienko::storage::base::table(c.db.conn(), d("2026-11-15"), None).unwrap()[0];
    assert!(row.granted <= row.limit.unwrap(), "granted {} over limit {:?}", row.granted, row.limit);
    assert!(row.remaining.unwrap() >= 0);
}

#[test]
fn concurrent_usage_recording_never_exceeds_the_grant() {
    let mut c = centre();
    let care = c.service("OPI", "Usługi opiekuńcze", "godzina");
    let line = c.line(care, 10, "month", None, "2026-01-01", "2026-12-31");
    let children: Vec<Child> = (1..=8)
        .map(|day| {
            Command::new(env!("CARGO_BIN_EXE_okienko"))
                .args(["usage", "record", &line.to_string(), "--date", &format!("2026-11-{day:02}"), "--units", "3"])
                .env("OKIENKO_DB", &c.path)
                .env("OKIENKO_LOGIN", "koord")
                .env("HOME", c.dir.path())
                .env("XDG_CONFIG_HOME", c.dir.path())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outputs: Vec<_> = children.into_iter().map(|ch| ch.wait_with_output().unwrap()).collect();
    let winners = outputs.iter().filter(|o| o.status.success()).count();
    assert_eq!(winners, 3, "three records of 3 fit a grant of 10");
    for out in outputs.iter().filter(|o| !o.status.success()) {
        let err = text(out).1;
        assert!(err.contains("przyznaje 10, wykorzystano już 9, nie można dopisać 3"), "{err}");
    }
    let used: i64 = c.db.conn().query_row("SELECT sum(units) FROM usage_record", [], |r| r.get(0)).unwrap();
    assert_eq!(used, 9);
}

#[test]
fn a_change_committed_by_another_process_shows_up_on_recomputing() {
    let mut c = centre();
    let taxi = c.service("TAXI", "Taxi senioralne", "kurs");
    c.pool(taxi, PeriodKind::Month, 10, "2026-01-01");
    let day = d("2026-11-23");
    let before = &okienko::storage::base::table(c.db.conn(), day, None).unwrap()[0];
    assert_eq!((before.granted, before.people), (0, 0));
    let out = child("child_inserts_an_approved_line", &[("BASE_CHILD_INSERT_DB", c.path.display().to_string())])
        .wait_with_output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let after = &okienko::storage::base::table(c.db.conn(), day, None).unwrap()[0];
    assert_eq!((after.granted, after.people, after.remaining), (4, 1, Some(6)));

    let line: i64 = c.db.conn().query_row("SELECT max(id) FROM plan_line", [], |r| r.get(0)).unwrap();
    let out =
        okienko(&c.path, "koord", &["usage", "record", &line.to_string(), "--date", "2026-11-20", "--units", "2"]);
    assert!(out.status.success(), "{}", text(&out).1);
    assert_eq!(okienko::storage::base::table(c.db.conn(), day, None).unwrap()[0].used, 2);
}
