//! Fields checked where they enter through the command line: a value that cannot be right is
//! refused with the field's name and nothing is written.

mod support;

use chrono::NaiveDate;
use okienko::domain::pesel::{Pesel, Sex};
use std::path::{Path, PathBuf};
use std::process::Output;
use support::cli::{ok, run as okienko};

/// The refusal on stderr; a panic is never a refusal.
fn refused(out: Output) -> String {
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!out.status.success(), "accepted: {}", String::from_utf8_lossy(&out.stdout));
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

struct Centre {
    _dir: tempfile::TempDir,
    db: PathBuf,
}

fn demo() -> Centre {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cus.db");
    ok(okienko(&db, &["demo", "--residents", "50"]));
    Centre { _dir: dir, db }
}

fn count(db: &Path, sql: &str) -> i64 {
    okienko::storage::Db::open(db).unwrap().conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn approved_plan(db: &Path) -> (String, i64) {
    let store = okienko::storage::Db::open(db).unwrap();
    store
        .conn()
        .query_row(
            "SELECT p.number, l.id FROM plan p JOIN plan_version v ON v.plan_id = p.id
             JOIN plan_line l ON l.version_id = v.id
             WHERE v.state = 'zatwierdzony' AND v.period_start <= '2026-11-23' AND v.period_end >= '2026-12-31'
               AND p.ended_on IS NULL
             ORDER BY p.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

#[test]
fn init_refuses_a_centre_name_with_terminal_escapes_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cus.db");
    let err = refused(okienko(&db, &["init", "--name", "CUS\u{1b}[2J\u{202E}"]));
    assert!(err.contains("--name: zawiera znaki sterujące"), "{err}");
    let err = refused(okienko(&db, &["init", "--name", &"C".repeat(121)]));
    assert!(err.contains("--name: za długie"), "{err}");
    assert!(!db.exists());
}

#[test]
fn demo_refuses_more_residents_than_it_can_hold_without_panicking() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cus.db");
    let err = refused(okienko(&db, &["demo", "--residents", &u64::MAX.to_string()]));
    assert!(err.contains("--residents: najwyżej 1000000"), "{err}");
    assert!(!db.exists());
}

#[test]
fn an_application_for_a_new_resident_born_after_today_is_refused() {
    let c = demo();
    let pesel = Pesel::generate(NaiveDate::from_ymd_opt(2027, 2, 1).unwrap(), 123, Sex::Female).unwrap();
    let before = count(&c.db, "SELECT count(*) FROM resident");
    let err = refused(okienko(
        &c.db,
        &["application", "add", "--pesel", pesel.as_str(), "--first-name", "Ewa", "--last-name", "Nowa"],
    ));
    assert!(err.contains("data urodzenia: w przyszłości (2027-02-01)"), "{err}");
    assert_eq!(count(&c.db, "SELECT count(*) FROM resident"), before);
}

#[test]
fn an_application_filed_after_today_is_refused() {
    let c = demo();
    let before = count(&c.db, "SELECT count(*) FROM application");
    let err = refused(okienko(&c.db, &["application", "add", "--resident", "1", "--filed", "2026-12-01"]));
    assert!(err.contains("--filed: nie może być późniejsza niż dziś (2026-11-23)"), "{err}");
    assert_eq!(count(&c.db, "SELECT count(*) FROM application"), before);
    ok(okienko(&c.db, &["application", "add", "--resident", "1", "--filed", "2026-11-23", "--summary", "opieka"]));
}

#[test]
fn usage_cannot_be_recorded_for_a_day_still_to_come() {
    let c = demo();
    let (number, line) = approved_plan(&c.db);
    let position = count(&c.db, &format!("SELECT position FROM plan_line WHERE id = {line}")).to_string();
    let before = count(&c.db, "SELECT count(*) FROM usage_record");
    let err = refused(okienko(&c.db, &["usage", "record", &number, &position, "--date", "2026-11-24", "--units", "1"]));
    assert!(err.contains("--date: nie może być późniejsza niż dziś (2026-11-23)"), "{err}");
    let err = refused(okienko(
        &c.db,
        &["usage", "record", &number, &position, "--date", "2026-11-23", "--units", &u32::MAX.to_string()],
    ));
    assert!(err.contains("nie można dopisać 4294967295"), "{err}");

    let file = c._dir.path().join("usage.csv");
    std::fs::write(&file, format!("plan_number,position,date,units,note\n{number},{position},2026-12-01,1,\n"))
        .unwrap();
    let out = okienko(&c.db, &["usage", "import", file.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    refused(out);
    assert!(stdout.contains("wiersz 2: date: 2026-12-01 jest późniejsza niż dziś (2026-11-23)"), "{stdout}");
    assert_eq!(count(&c.db, "SELECT count(*) FROM usage_record"), before);
}

#[test]
fn contacts_and_conversations_cannot_be_dated_after_today() {
    let c = demo();
    let (number, _) = approved_plan(&c.db);
    let before = count(&c.db, "SELECT count(*) FROM monitoring_contact");
    let err = refused(okienko(&c.db, &["ipus", "monitor", &number, "--on", "2027-02-01", "--channel", "telefon"]));
    assert!(err.contains("--on: nie może być późniejsza niż dziś"), "{err}");
    assert_eq!(count(&c.db, "SELECT count(*) FROM monitoring_contact"), before);
    let err = refused(okienko(&c.db, &["ipus", "complete", &number, "--on", "2027-02-01", "--course", "dobrze"]));
    assert!(err.contains("--on: nie może być późniejsza niż dziś"), "{err}");
    let err = refused(okienko(&c.db, &["ipus", "follow-up", &number, "--on", "2027-02-01"]));
    assert!(err.contains("--on: nie może być późniejsza niż dziś"), "{err}");
    ok(okienko(&c.db, &["ipus", "monitor", &number, "--on", "2026-11-23", "--channel", "telefon"]));
}

#[test]
fn assessed_services_on_the_command_line_are_checked_like_at_the_desk() {
    let c = demo();
    ok(okienko(&c.db, &["application", "add", "--resident", "1", "--summary", "opieka"]));
    let id = count(&c.db, "SELECT max(id) FROM application").to_string();
    let err = refused(okienko(&c.db, &["application", "assess", &id, "--wants", "Taxi; kurs; dwa; miesięcznie"]));
    assert!(err.contains("--wants: ilość: musi być liczbą całkowitą"), "{err}");
    let for_this = "FROM assessment_service s JOIN needs_assessment n ON n.id = s.assessment_id WHERE n.application_id";
    assert_eq!(count(&c.db, &format!("SELECT count(*) {for_this} = {id}")), 0);
    ok(okienko(
        &c.db,
        &["application", "assess", &id, "--uses", "Opieka; godzina; 10; tygodniowo", "--wants", "Taxi; kurs; 2"],
    ));
    assert_eq!(count(&c.db, &format!("SELECT count(*) {for_this} = {id}")), 2);
    assert_eq!(
        count(&c.db, &format!("SELECT count(*) {for_this} = {id} AND s.kind = 'oczekiwana' AND s.quantity = 2")),
        1
    );
}

#[test]
fn assessments_and_decisions_cannot_be_dated_after_today() {
    let c = demo();
    ok(okienko(&c.db, &["application", "add", "--resident", "1", "--summary", "opieka"]));
    let id = count(&c.db, "SELECT max(id) FROM application").to_string();
    let err = refused(okienko(&c.db, &["application", "assess", &id, "--on", "2026-12-01"]));
    assert!(err.contains("--on: nie może być późniejsza niż dziś"), "{err}");
    assert_eq!(count(&c.db, &format!("SELECT count(*) FROM needs_assessment WHERE application_id = {id}")), 0);
    let err = refused(okienko(
        &c.db,
        &[
            "application",
            "refuse",
            &id,
            "--decision",
            "DS.1/2026",
            "--date",
            "2026-12-01",
            "--service",
            "TAXI",
            "--grounds",
            "x",
        ],
    ));
    assert!(err.contains("--date: nie może być późniejsza niż dziś"), "{err}");
    assert_eq!(count(&c.db, &format!("SELECT count(*) FROM application WHERE id = {id} AND state = 'odmowa'")), 0);
}

#[test]
fn a_pool_limit_beyond_a_million_units_is_refused_and_the_base_still_shows() {
    let c = demo();
    let store = okienko::storage::Db::open(&c.db).unwrap();
    let code: String = store
        .conn()
        .query_row(
            "SELECT s.code FROM service s JOIN capacity_pool p ON p.service_id = s.id
             WHERE p.period_kind = 'month' GROUP BY s.id HAVING count(*) = 1 ORDER BY s.id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let err = refused(okienko(&c.db, &["base", "set-limit", &code, "2026-11", &i64::MAX.to_string()]));
    assert!(err.contains("limit: musi być liczbą całkowitą od 0 do 1000000"), "{err}");
    ok(okienko(&c.db, &["base", "set-limit", &code, "2026-11", "1000000"]));
    ok(okienko(&c.db, &["base"]));
    assert!(ok(okienko(&c.db, &["base", "show", &code])).contains("1000000"));
}

#[test]
fn a_plan_line_of_billions_of_units_is_refused() {
    let c = demo();
    let store = okienko::storage::Db::open(&c.db).unwrap();
    let (number, from, to): (String, String, String) = store
        .conn()
        .query_row(
            "SELECT p.number, v.period_start, v.period_end FROM plan p JOIN plan_version v ON v.plan_id = p.id
             WHERE v.state = 'szkic' ORDER BY p.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let service: String = store.conn().query_row("SELECT min(code) FROM service", [], |r| r.get(0)).unwrap();
    let lines = count(&c.db, "SELECT count(*) FROM plan_line");
    let add = |amount: &str| {
        okienko(
            &c.db,
            &[
                "ipus",
                "line",
                "add",
                &number,
                "--service",
                &service,
                "--amount",
                amount,
                "--per",
                "week",
                "--from",
                &from,
                "--to",
                &to,
            ],
        )
    };
    let err = refused(add("4294967295"));
    assert!(err.contains("ilość 4294967295 jest za duża: najwyżej 100000 jednostek w okresie"), "{err}");
    assert_eq!(count(&c.db, "SELECT count(*) FROM plan_line"), lines);
    ok(add("3"));
}

#[test]
fn a_place_on_a_waiting_list_for_billions_of_units_is_refused() {
    let c = demo();
    ok(okienko(&c.db, &["application", "add", "--resident", "1", "--summary", "opieka"]));
    let id = count(&c.db, "SELECT max(id) FROM application").to_string();
    let store = okienko::storage::Db::open(&c.db).unwrap();
    let service: String = store.conn().query_row("SELECT min(code) FROM service", [], |r| r.get(0)).unwrap();
    let err =
        refused(okienko(&c.db, &["waitlist", "add", &id, "--service", &service, "--units", &i64::MAX.to_string()]));
    assert!(err.contains("ilość: musi być liczbą całkowitą od 1 do 100000"), "{err}");
    ok(okienko(&c.db, &["waitlist", "add", &id, "--service", &service, "--units", "4"]));
}
