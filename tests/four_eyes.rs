//! Four eyes on the real binary: the approver never coordinates the plan nor drafted the
//! version; a centre turns the rule off only with a reason, recorded and shown on the printout.
//! Acting as another login (`OKIENKO_LOGIN`) works in a training centre (the demo) and nowhere else.

mod support;

use std::path::{Path, PathBuf};
use support::cli::{command, ok, run};

/// The demo, a training centre: plans 3 (coordinated by kmazur) and 21 (aziaja) are submitted;
/// ekozlowska is the director; the person running the tests has every role.
fn demo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(run(&db, &["demo", "--residents", "50"]));
    (dir, db)
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
    ok(run(&db, &["staff", "add", "aziaja", "--role", "koordynator,dyrektor"]));
    let err = refused(as_login(&db, "aziaja", &["ipus", "approve", "21"]));
    assert!(err.contains("czterech oczu") && err.contains("koordynuje"), "{err}");
    ok(as_login(&db, "ekozlowska", &["ipus", "approve", "21"]));
}

#[test]
fn whoever_drafted_or_submitted_the_version_does_not_approve_it() {
    let (_dir, db) = demo();
    sql(&db, "UPDATE plan_version SET updated_by = 'ekozlowska' WHERE plan_id = 3");
    let err = refused(as_login(&db, "ekozlowska", &["ipus", "approve", "3"]));
    assert!(err.contains("czterech oczu") && err.contains("ekozlowska"), "{err}");
    ok(as_login(&db, "mpajak", &["ipus", "approve", "3"]));
}

#[test]
fn a_small_centre_turns_four_eyes_off_with_a_reason_and_the_printout_says_so() {
    let (dir, db) = demo();
    ok(run(&db, &["staff", "add", "kmazur", "--role", "koordynator,dyrektor"]));
    refused(as_login(&db, "kmazur", &["ipus", "approve", "3"]));
    let err = refused(run(&db, &["centre", "four-eyes", "off"]));
    assert!(err.contains("--reason"), "{err}");
    let err = refused(as_login(&db, "kmazur", &["centre", "four-eyes", "off", "--reason", "sama"]));
    assert!(err.contains("brak uprawnień"), "{err}");
    ok(run(&db, &["centre", "four-eyes", "off", "--reason", "jedna osoba koordynuje i kieruje"]));
    assert!(ok(run(&db, &["centre", "show"])).contains("WYŁĄCZONA"));
    ok(as_login(&db, "kmazur", &["ipus", "approve", "3"]));
    let printout = dir.path().join("plan.txt");
    ok(run(&db, &["ipus", "export", "3", "--text", printout.to_str().unwrap()]));
    let text = std::fs::read_to_string(&printout).unwrap();
    assert!(text.contains("bez zasady czterech oczu"), "{text}");
    // Another plan approved with the rule on again says nothing of the kind.
    ok(run(&db, &["centre", "four-eyes", "on"]));
    ok(as_login(&db, "ekozlowska", &["ipus", "approve", "21"]));
    let other = dir.path().join("other.txt");
    ok(run(&db, &["ipus", "export", "21", "--text", other.to_str().unwrap()]));
    assert!(!std::fs::read_to_string(&other).unwrap().contains("czterech oczu"));
    let log = ok(run(&db, &["audit", "show", "--limit", "50"]));
    assert!(log.contains("centre:four_eyes") && log.contains("jedna osoba koordynuje i kieruje"), "{log}");
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
