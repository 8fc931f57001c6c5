//! Special-category data (art. 9) never reaches a role without the right to it: the front desk
//! (`recepcja`) sees plans and applications with needs, notes and the names of health services
//! replaced by "dane szczególnej kategorii — brak uprawnień", on the screen and in every export;
//! a coordinator sees them as written. Every file the program writes is 0600.

mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use support::cli::{command, ok, run};

const HIDDEN: &str = "dane szczególnej kategorii — brak uprawnień";

fn demo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(run(&db, &["demo", "--residents", "50"]));
    (dir, db)
}

/// The demo's front desk login.
fn recepcja(db: &Path, args: &[&str]) -> String {
    ok(command(db, args).env("OKIENKO_LOGIN", "jwrobel").output().unwrap())
}

fn one<T: rusqlite::types::FromSql>(db: &Path, query: &str) -> T {
    rusqlite::Connection::open(db).unwrap().query_row(query, [], |r| r.get(0)).unwrap()
}

/// A plan with a line of a health service, its needs and that service's name.
fn plan_with_health_service(db: &Path) -> (i64, String, String) {
    let (plan, needs, service): (i64, String, String) = rusqlite::Connection::open(db)
        .unwrap()
        .query_row(
            "SELECT v.plan_id, v.needs, s.name FROM plan_line l
             JOIN plan_version v ON v.id = l.version_id JOIN service s ON s.id = l.service_id
             JOIN service_area a ON a.service_id = s.id
             WHERE a.area = 'promocja i ochrona zdrowia' AND v.needs != '' ORDER BY v.plan_id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    (plan, needs, service)
}

#[test]
fn the_front_desk_sees_a_plan_without_needs_notes_or_health_services() {
    let (dir, db) = demo();
    let (plan, needs, service) = plan_with_health_service(&db);
    let id = plan.to_string();
    let full = ok(run(&db, &["ipus", "show", &id]));
    let first_need = needs.lines().next().unwrap();
    assert!(full.contains(first_need) && full.contains(&service), "{full}");
    for args in [vec!["ipus", "show", &id], vec!["ipus", "show", &id, "--json"]] {
        let shown = recepcja(&db, &args);
        assert!(shown.contains(HIDDEN), "{args:?}: {shown}");
        assert!(!shown.contains(first_need) && !shown.contains(&service), "{args:?}: {shown}");
    }
    let text = dir.path().join("plan.txt");
    let pdf = dir.path().join("plan.pdf");
    recepcja(&db, &["ipus", "export", &id, "--plan-version", "1", "--text", text.to_str().unwrap()]);
    let printed = std::fs::read_to_string(&text).unwrap();
    assert!(printed.contains(HIDDEN) && !printed.contains(first_need) && !printed.contains(&service), "{printed}");
    recepcja(&db, &["ipus", "export", &id, "--plan-version", "1", "--pdf", pdf.to_str().unwrap()]);
    let pdf_bytes = std::fs::read(&pdf).unwrap();
    assert!(pdf_bytes.starts_with(b"%PDF"));
}

#[test]
fn monitoring_notes_are_hidden_from_the_front_desk() {
    let (_dir, db) = demo();
    let (plan, note): (i64, String) = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT plan_id, note FROM monitoring_contact WHERE note != '' ORDER BY id LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    let id = plan.to_string();
    assert!(ok(run(&db, &["ipus", "show", &id])).contains(&note));
    let shown = recepcja(&db, &["ipus", "show", &id]);
    assert!(!shown.contains(&note) && shown.contains(HIDDEN), "{shown}");
}

#[test]
fn the_front_desk_sees_an_application_without_its_assessment() {
    let (_dir, db) = demo();
    let (application, needs): (i64, String) = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT application_id, needs FROM needs_assessment WHERE needs != '' ORDER BY application_id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let id = application.to_string();
    let first_need = needs.lines().next().unwrap();
    assert!(ok(run(&db, &["application", "show", &id])).contains(first_need));
    let shown = recepcja(&db, &["application", "show", &id]);
    assert!(!shown.contains(first_need) && shown.contains(HIDDEN), "{shown}");
}

#[test]
fn every_export_is_written_0600_even_over_a_file_others_could_read() {
    let (dir, db) = demo();
    let pesel: String = one(&db, "SELECT pesel FROM resident WHERE pesel IS NOT NULL LIMIT 1");
    let out = |name: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        path.display().to_string()
    };
    let exports: Vec<(String, Vec<String>)> = vec![
        (out("summary.csv"), vec!["report", "summary", "--format", "csv", "--out"]),
        (out("programme.pdf"), vec!["report", "programme", "--year", "2025", "--format", "pdf", "--out"]),
        (out("hsds.json"), vec!["report", "hsds", "--out"]),
        (out("subject.json"), vec!["resident", "export", &pesel, "--out"]),
        (out("plan.pdf"), vec!["ipus", "export", "1", "--plan-version", "1", "--pdf"]),
        (out("plan.txt"), vec!["ipus", "export", "1", "--plan-version", "1", "--text"]),
    ]
    .into_iter()
    .map(|(path, args)| (path, args.into_iter().map(String::from).collect()))
    .collect();
    for (path, mut args) in exports {
        args.push(path.clone());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        ok(run(&db, &args));
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{args:?}");
    }
    let input = dir.path().join("people.csv");
    std::fs::write(&input, "pesel,first_name,last_name,birth_date,street,house_no,flat_no,postal_code,city,phone,email\n123,Jan,Kowalski,,,,,,,,\n").unwrap();
    let rejects = out("rejects.csv");
    let _ = run(&db, &["import", "residents", input.to_str().unwrap(), "--rejects", &rejects]);
    assert_eq!(std::fs::metadata(&rejects).unwrap().permissions().mode() & 0o777, 0o600, "rejects");
    let backup = dir.path().join("copy.db");
    ok(run(&db, &["backup", backup.to_str().unwrap()]));
    for file in [backup.clone(), PathBuf::from(format!("{}.key", backup.display()))] {
        if file.exists() {
            assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600, "{}", file.display());
        }
    }
}
