//! Many desk processes at once against one pool: it never goes below zero, losers hear why,
//! and nobody sees "database is locked". Children are real processes of the okienko binary.

mod support;

use okienko::domain::period::PeriodKind;
use okienko::storage::pools;
use std::process::{Child, Command, Stdio};
use support::base::{add_line, centre, command, d, okienko, text};

/// Starts `cmd` with its output captured.
fn spawn(mut cmd: Command) -> Child {
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap()
}

/// Starts `okienko ipus approve PLAN` as the organiser authorised to approve.
fn approve(c: &support::base::Centre, plan: i64) -> Child {
    spawn(command(&c.path, "org", &["ipus", "approve", &plan.to_string()]))
}

/// Submitted plans, each with one taxi line of 3 a month.
fn submitted(c: &support::base::Centre, service: i64, count: usize, from: &str, to: &str) -> Vec<i64> {
    (0..count)
        .map(|_| {
            let line = add_line(c.db.conn(), service, (3, "month", None, from, to), "złożony");
            c.db.conn()
                .query_row(
                    "SELECT v.plan_id FROM plan_line l JOIN plan_version v ON v.id = l.version_id WHERE l.id = ?1",
                    [line],
                    |r| r.get(0),
                )
                .unwrap()
        })
        .collect()
}

#[test]
fn concurrent_approvals_never_overdraw_the_pool() {
    let mut c = centre();
    let taxi = c.service("TAXI", "Taxi senioralne", "kurs");
    c.pool(taxi, PeriodKind::Month, 10, "2026-01-01");
    let plans = submitted(&c, taxi, 6, "2026-11-01", "2027-01-31");
    let children: Vec<Child> = plans.iter().map(|p| approve(&c, *p)).collect();
    let outputs: Vec<_> = children.into_iter().map(|ch| ch.wait_with_output().unwrap()).collect();
    let approved = outputs.iter().filter(|o| o.status.success()).count();
    assert_eq!(approved, 3, "three plans of 3 fit a pool of 10");
    for out in outputs.iter().filter(|o| !o.status.success()) {
        let err = text(out).1;
        assert!(err.contains("brak miejsc w puli") && err.contains("pula 10, przyznano już 9"), "{err}");
        assert!(!err.contains("locked") && !err.contains("zajęta"), "{err}");
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
    let plans = submitted(&c, taxi, 4, "2026-11-01", "2027-01-31");
    let children: Vec<Child> = plans.iter().map(|p| approve(&c, *p)).collect();
    let set_limit = okienko(&c.path, "org", &["base", "set-limit", "TAXI", "2026-11", "6"]);
    let outputs: Vec<_> = children.into_iter().map(|ch| ch.wait_with_output().unwrap()).collect();
    let (_, stderr) = text(&set_limit);
    assert!(set_limit.status.success() || stderr.contains("nie można ustawić limitu 6: przyznano już"), "{stderr}");
    for out in outputs.iter().filter(|o| !o.status.success()) {
        assert!(text(out).1.contains("brak miejsc w puli"), "{}", text(out).1);
    }
    let row = &okienko::storage::base::table(c.db.conn(), d("2026-11-15"), None).unwrap()[0];
    assert!(row.granted <= row.limit.unwrap(), "granted {} over limit {:?}", row.granted, row.limit);
    assert!(row.remaining.unwrap() >= 0);
}

#[test]
fn concurrent_usage_recording_never_exceeds_the_grant() {
    let mut c = centre();
    let care = c.service("OPI", "Usługi opiekuńcze", "godzina");
    c.line(care, 10, "month", None, "2026-01-01", "2026-12-31");
    let children: Vec<Child> = (1..=8)
        .map(|day| {
            let day = format!("2026-11-{day:02}");
            spawn(command(&c.path, "koord", &["usage", "record", "IPUS/1/2026", "1", "--date", &day, "--units", "3"]))
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
    let plan = submitted(&c, taxi, 1, "2026-11-01", "2026-12-31")[0];
    let before = &okienko::storage::base::table(c.db.conn(), day, None).unwrap()[0];
    assert_eq!((before.granted, before.people), (0, 0), "a submitted plan grants nothing yet");
    // The approval is committed by another process.
    let out = approve(&c, plan).wait_with_output().unwrap();
    assert!(out.status.success(), "{}", text(&out).1);
    let after = &okienko::storage::base::table(c.db.conn(), day, None).unwrap()[0];
    assert_eq!((after.granted, after.people, after.remaining), (3, 1, Some(7)));

    let number: String = c.db.conn().query_row("SELECT number FROM plan WHERE id = ?1", [plan], |r| r.get(0)).unwrap();
    let out = okienko(&c.path, "koord", &["usage", "record", &number, "1", "--date", "2026-11-20", "--units", "2"]);
    assert!(out.status.success(), "{}", text(&out).1);
    assert_eq!(okienko::storage::base::table(c.db.conn(), day, None).unwrap()[0].used, 2);
}
