//! The administrator's commands, run as the real binary: staff, audit, backup, data-subject export.

mod support;

use okienko::domain::resident::ResidentInput;
use okienko::storage::{Db, audit, residents};
use std::path::PathBuf;
use support::cli::{command, ok, run as okienko};

fn centre() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cus.db");
    ok(okienko(&db, &["init", "--training", "--name", "CUS Dębica"]));
    let mut store = Db::open(&db).unwrap();
    let input = ResidentInput {
        pesel: "44051401359".into(),
        first_name: "Łukasz".into(),
        last_name: "Żółć".into(),
        phone: "601234567".into(),
        ..Default::default()
    };
    let record = input.validate().unwrap();
    store.write(|tx| residents::insert(tx, "root", &record)).unwrap();
    (dir, db)
}

#[test]
fn init_makes_the_invoking_login_administrator() {
    let (_dir, db) = centre();
    let list = ok(okienko(&db, &["staff", "list"]));
    let me = okienko::storage::staff::os_login();
    assert!(list.lines().any(|l| l.starts_with(&me) && l.contains("administrator")), "{list}");
}

#[test]
fn staff_add_refuses_an_unknown_role_naming_the_allowed_ones() {
    let (_dir, db) = centre();
    let out = okienko(&db, &["staff", "add", "ania", "--role", "szef"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--role") && err.contains("szef") && err.contains("koordynator"), "{err}");
}

#[test]
fn staff_add_keeps_the_work_phone_and_refuses_one_that_is_not() {
    let (_dir, db) = centre();
    ok(okienko(&db, &["staff", "add", "kmazur", "--role", "koordynator", "--phone", "14 670 21 41"]));
    let phone =
        |db: &PathBuf| okienko::storage::staff::find(Db::open(db).unwrap().conn(), "kmazur").unwrap().unwrap().phone;
    assert_eq!(phone(&db), "146702141");
    let out = okienko(&db, &["staff", "add", "kmazur", "--role", "koordynator", "--phone", "zadzwoń"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("telefon"), "{err}");
    assert_eq!(phone(&db), "146702141", "a refused phone changes nothing");
}

#[test]
fn an_unregistered_login_is_refused_with_how_to_add_it() {
    let (_dir, db) = centre();
    // The person who ran `init` is the administrator; take them off the staff again.
    let me = okienko::storage::staff::os_login();
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("DELETE FROM staff_role WHERE login = ?1", [&me]).unwrap();
    conn.execute("DELETE FROM staff WHERE login = ?1", [&me]).unwrap();
    let out = okienko(&db, &["find", "Żółć"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "użytkownik systemu {me} nie jest zarejestrowany jako pracownik; administrator dodaje go poleceniem: \
             okienko staff add {me} --role recepcja"
        )),
        "{err}"
    );
    assert!(out.stdout.is_empty(), "nothing is shown to an unregistered login");
    // Registered again, the same login may search.
    conn.execute_batch(&format!(
        "INSERT INTO staff (login, full_name, created_at) VALUES ('{me}', '', 'x');
         INSERT INTO staff_role (login, role) VALUES ('{me}', 'recepcja');"
    ))
    .unwrap();
    assert!(ok(okienko(&db, &["find", "Żółć"])).contains("Żółć"));
}

#[test]
fn a_disabled_login_is_refused_with_how_to_restore_it() {
    let (_dir, db) = centre();
    ok(okienko(&db, &["staff", "add", "ania", "--role", "recepcja"]));
    ok(okienko(&db, &["staff", "disable", "ania"]));
    let out = command(&db, &["staff", "list"]).env("OKIENKO_LOGIN", "ania").output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("konto ania jest wyłączone; administrator może je przywrócić: okienko staff add ania"),
        "{err}"
    );
}

#[test]
fn front_desk_cannot_manage_staff_and_is_told_why() {
    let (_dir, db) = centre();
    ok(okienko(&db, &["staff", "add", "ania", "--role", "recepcja"]));
    let out =
        command(&db, &["staff", "add", "zbyszek", "--role", "dyrektor"]).env("OKIENKO_LOGIN", "ania").output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("brak uprawnień") && err.contains("administrator"), "{err}");
}

#[test]
fn audit_verify_finds_an_edited_entry() {
    let (_dir, db) = centre();
    ok(okienko(&db, &["staff", "add", "ania", "--role", "recepcja"]));
    assert!(ok(okienko(&db, &["audit", "verify"])).contains("nienaruszony"));
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET login = 'ktos' WHERE id = 2;
         CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log\n\
         BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;",
    )
    .unwrap();
    let out = okienko(&db, &["audit", "verify"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("wpisie nr 2"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn audit_verify_finds_a_deleted_entry() {
    let (_dir, db) = centre();
    ok(okienko(&db, &["staff", "add", "ania", "--role", "recepcja"]));
    ok(okienko(&db, &["staff", "add", "ola", "--role", "recepcja"]));
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 2;
         CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log\n\
         BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;",
    )
    .unwrap();
    let out = okienko(&db, &["audit", "verify"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("wpisie nr 3"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn the_audit_log_refuses_updates_and_deletes() {
    let (_dir, db) = centre();
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert!(conn.execute("UPDATE audit_log SET login = 'x'", []).is_err());
    assert!(conn.execute("DELETE FROM audit_log", []).is_err());
}

#[test]
fn backup_makes_a_usable_copy_and_restore_is_copying_it_back() {
    let (dir, db) = centre();
    let copy = dir.path().join("kopia.db");
    ok(okienko(&db, &["backup", copy.to_str().unwrap()]));
    // Restore as the README says: stop the desks, put the copy in place of the database.
    let restored = dir.path().join("restored.db");
    std::fs::copy(&copy, &restored).unwrap();
    std::fs::copy(audit::key_path(&copy), audit::key_path(&restored)).unwrap();
    let found = ok(okienko(&restored, &["resident", "export", "44051401359"]));
    assert!(found.contains("Żółć"), "{found}");
    let out = okienko(&db, &["backup", copy.to_str().unwrap()]);
    assert!(!out.status.success(), "an existing file is never overwritten");
}

#[test]
fn resident_export_holds_everything_including_who_accessed_it() {
    let (_dir, db) = centre();
    let text = ok(okienko(&db, &["resident", "export", "44051401359"]));
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["resident"][0]["last_name"], "Żółć");
    let log = doc["access_log"].as_array().unwrap();
    assert!(log.iter().any(|e| e["action"] == "create"));
    assert!(log.iter().any(|e| e["action"] == "export"), "the export itself is logged");
    for section in ["applications", "plans", "plan_lines", "service_usage", "monitoring_contacts", "visits_and_calls"] {
        assert!(doc[section].is_array(), "{section}");
    }
}

#[test]
fn resident_export_names_the_field_when_pesel_is_wrong() {
    let (_dir, db) = centre();
    let out = okienko(&db, &["resident", "export", "44051401358"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("PESEL: błędna cyfra kontrolna"));
}

#[test]
fn a_missing_database_says_how_to_create_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = okienko(&dir.path().join("nope.db"), &["staff", "list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("okienko init"));
}

#[test]
fn a_correction_is_checked_and_audited_with_old_and_new_values() {
    let (_dir, db) = centre();
    let me = okienko::storage::staff::os_login();
    let refused = okienko(&db, &["resident", "correct", "44051401359", "--city", "Dębica"]);
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("brak uprawnień"),
        "an administrator alone does not edit residents"
    );
    ok(okienko(&db, &["staff", "add", &me, "--role", "administrator", "--role", "koordynator"]));
    let bad = okienko(&db, &["resident", "correct", "44051401359", "--postal-code", "39200"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("kod pocztowy"), "{}", String::from_utf8_lossy(&bad.stderr));
    let out =
        ok(okienko(&db, &["resident", "correct", "44051401359", "--phone", "+48 602 000 111", "--city", "Dębica"]));
    assert!(out.contains("phone") && out.contains("city"), "{out}");
    let log = ok(okienko(&db, &["audit", "show", "--resident", "44051401359"]));
    assert!(log.contains("zmiana: mieszkaniec nr ") && log.contains("„601234567” → „602000111”"), "{log}");
}
