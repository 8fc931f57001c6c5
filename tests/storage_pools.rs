//! Pools against approved plans, on a real database file.

use okienko::storage::{Db, pools};
use rusqlite::params;

fn centre() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let db = okienko::session::create_centre(&dir.path().join("c.db"), "CUS test").unwrap();
    let conn = db.conn();
    conn.execute_batch(
        "INSERT INTO staff (login, created_at) VALUES ('koord', 'x');
         INSERT INTO service (id, code, name, unit, updated_at, updated_by) VALUES (1, 'TAXI', 'Taxi senioralne', 'kurs', 'x', 'x');
         INSERT INTO capacity_pool (id, service_id, period_kind, units_limit, valid_from, updated_at, updated_by)
             VALUES (1, 1, 'month', 10, '2026-01-01', 'x', 'x');",
    )
    .unwrap();
    (dir, db)
}

/// Adds a resident with a plan whose one version holds one taxi line of `amount` a month.
fn plan(db: &Db, n: i64, state: &str, amount: i64, from: &str, to: &str) -> i64 {
    let conn = db.conn();
    conn.execute(
        "INSERT INTO resident (id, first_name, last_name, created_at, updated_at, updated_by) VALUES (?1, 'A', 'B', 'x', 'x', 'x')",
        [n],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO plan (id, number, resident_id, coordinator_login, created_at) VALUES (?1, ?2, ?1, 'koord', 'x')",
        params![n, format!("IPUS/{n}")],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO plan_version (id, plan_id, version, state, period_start, period_end, drafted_on, updated_at, updated_by)
         VALUES (?1, ?1, 1, ?2, ?3, ?4, ?3, 'x', 'x')",
        params![n, state, from, to],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO plan_line (version_id, position, service_id, amount, per, starts_on, ends_on) VALUES (?1, 1, 1, ?2, 'month', ?3, ?4)",
        params![n, amount, from, to],
    )
    .unwrap();
    n
}

#[test]
fn counts_only_approved_lines_as_granted() {
    let (_dir, db) = centre();
    plan(&db, 1, "zatwierdzony", 4, "2026-01-01", "2026-06-30");
    plan(&db, 2, "szkic", 5, "2026-01-01", "2026-06-30");
    let pool = &pools::pools_of_service(db.conn(), 1).unwrap()[0];
    let march =
        okienko::domain::period::PeriodKind::Month.containing(chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap());
    assert_eq!(pools::granted(db.conn(), pool, march, None).unwrap(), 4);
}

#[test]
fn names_the_line_and_period_that_would_overdraw_the_pool() {
    let (_dir, db) = centre();
    plan(&db, 1, "zatwierdzony", 7, "2026-01-01", "2026-06-30");
    let draft = plan(&db, 2, "złożony", 4, "2026-05-01", "2026-08-31");
    let shortfalls = pools::shortfalls_of_version(db.conn(), draft).unwrap();
    assert_eq!(shortfalls.len(), 1);
    let s = &shortfalls[0];
    assert_eq!((s.position, s.period_label.as_str(), s.limit, s.granted_elsewhere, s.needed), (1, "2026-05", 10, 7, 4));
    assert!(s.to_string().contains("Taxi senioralne"), "{s}");
}

#[test]
fn a_resignation_frees_the_units_from_that_day() {
    let (_dir, db) = centre();
    plan(&db, 1, "zatwierdzony", 7, "2026-01-01", "2026-06-30");
    db.conn().execute("UPDATE plan_line SET resigned_on = '2026-05-01' WHERE version_id = 1", []).unwrap();
    let draft = plan(&db, 2, "złożony", 10, "2026-05-01", "2026-08-31");
    assert!(pools::shortfalls_of_version(db.conn(), draft).unwrap().is_empty());
}
