//! Four eyes on the real binary: the approver never coordinates the plan nor drafted the
//! version; a centre turns the rule off only with a reason, recorded and shown on the printout.
//! Acting as another login (`OKIENKO_LOGIN`) works in a training centre (the demo) and nowhere else.

mod support;

use std::path::{Path, PathBuf};
use support::cli::{command, ok, run};

/// The demo, a training centre where ekozlowska is the director, mpajak an authorised organiser
/// and the person running the tests has every role.
fn demo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(run(&db, &["demo", "--residents", "50"]));
    (dir, db)
}

/// The demo's submitted plans with their coordinators, by id.
fn submitted(db: &Path) -> Vec<(String, String)> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT p.id, p.coordinator_login FROM plan p JOIN plan_version v ON v.plan_id = p.id
             WHERE v.state = 'złożony' ORDER BY p.id",
        )
        .unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?.to_string(), r.get(1)?))).unwrap();
    let plans: Vec<(String, String)> = rows.map(Result::unwrap).collect();
    assert!(plans.len() >= 2, "the demo has two submitted plans: {plans:?}");
    plans
}

fn as_login(db: &Path, login: &str, args: &[&str]) -> std::process::Output {
    command(db, args).env("OKIENKO_LOGIN", login).output().unwrap()
}

fn refused(out: std::process::Output) -> String {
    assert!(!out.status.success(), "accepted: {}", String::from_utf8_lossy(&out.stdout));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn sql(db: &Path, statement: &str) {
    rusqlite::Connection::open(db).unwrap().execute_batch(statement).unwrap();
}

#[test]
fn the_coordinator_of_a_plan_never_approves_it_even_as_director() {
    let (_dir, db) = demo();
    let (plan, coordinator) = submitted(&db).remove(0);
    ok(run(&db, &["staff", "add", &coordinator, "--role", "koordynator,dyrektor"]));
    let err = refused(as_login(&db, &coordinator, &["ipus", "approve", &plan]));
    assert!(err.contains("czterech oczu") && err.contains("koordynuje"), "{err}");
    ok(as_login(&db, "ekozlowska", &["ipus", "approve", &plan]));
}

#[test]
fn whoever_drafted_or_submitted_the_version_does_not_approve_it() {
    let (_dir, db) = demo();
    let (plan, _) = submitted(&db).remove(0);
    sql(&db, &format!("UPDATE plan_version SET updated_by = 'ekozlowska' WHERE plan_id = {plan}"));
    let err = refused(as_login(&db, "ekozlowska", &["ipus", "approve", &plan]));
    assert!(err.contains("czterech oczu") && err.contains("ekozlowska"), "{err}");
    ok(as_login(&db, "mpajak", &["ipus", "approve", &plan]));
}

#[test]
fn a_small_centre_turns_four_eyes_off_with_a_reason_and_the_printout_says_so() {
    let (dir, db) = demo();
    let plans = submitted(&db);
    let ((own, coordinator), (other, _)) = (plans[0].clone(), plans[1].clone());
    ok(run(&db, &["staff", "add", &coordinator, "--role", "koordynator,dyrektor"]));
    refused(as_login(&db, &coordinator, &["ipus", "approve", &own]));
    let err = refused(run(&db, &["centre", "four-eyes", "off"]));
    assert!(err.contains("--reason"), "{err}");
    let err = refused(as_login(&db, &coordinator, &["centre", "four-eyes", "off", "--reason", "sama"]));
    assert!(err.contains("brak uprawnień"), "{err}");
    ok(run(&db, &["centre", "four-eyes", "off", "--reason", "jedna osoba koordynuje i kieruje"]));
    assert!(ok(run(&db, &["centre", "show"])).contains("WYŁĄCZONA"));
    ok(as_login(&db, &coordinator, &["ipus", "approve", &own]));
    let printout = dir.path().join("plan.txt");
    ok(run(&db, &["ipus", "export", &own, "--text", printout.to_str().unwrap()]));
    let text = std::fs::read_to_string(&printout).unwrap();
    assert!(text.contains("bez zasady czterech oczu"), "{text}");
    // Another plan approved with the rule on again says nothing of the kind.
    ok(run(&db, &["centre", "four-eyes", "on"]));
    ok(as_login(&db, "ekozlowska", &["ipus", "approve", &other]));
    let printout = dir.path().join("other.txt");
    ok(run(&db, &["ipus", "export", &other, "--text", printout.to_str().unwrap()]));
    assert!(!std::fs::read_to_string(&printout).unwrap().contains("czterech oczu"));
    let log = ok(run(&db, &["audit", "show", "--limit", "50"]));
    assert!(log.contains("zmiana: zasada czterech oczu") && log.contains("jedna osoba koordynuje i kieruje"), "{log}");
}

#[test]
fn acting_as_another_login_works_only_in_a_training_centre() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.db");
    ok(run(&real, &["init"]));
    ok(run(&real, &["staff", "add", "dyr", "--role", "dyrektor"]));
    let err = refused(as_login(&real, "dyr", &["staff", "list"]));
    assert!(err.contains("OKIENKO_LOGIN") && err.contains("szkoleniow"), "{err}");
    let training = dir.path().join("training.db");
    ok(run(&training, &["init", "--training"]));
    ok(run(&training, &["staff", "add", "dyr", "--role", "dyrektor"]));
    ok(as_login(&training, "dyr", &["staff", "list"]));
    assert!(ok(run(&training, &["centre", "show"])).contains("SZKOLENIOWE"));
}
