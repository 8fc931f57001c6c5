//! The demo centre, generated into real database files.

use chrono::NaiveDate;
use okienko::demo::{self, DemoOptions};
use okienko::domain::pesel::{Pesel, Sex};
use okienko::domain::quota::{self, PoolStatus};
use okienko::storage::{Db, pools};
use rusqlite::Connection;
use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Stdio};

const RESIDENTS: usize = 300;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn generate(dir: &Path, name: &str, seed: u64) -> Db {
    generate_on(dir, name, seed, today())
}

fn generate_on(dir: &Path, name: &str, seed: u64, today: NaiveDate) -> Db {
    let mut db = Db::create(&dir.join(name)).unwrap();
    let options = DemoOptions { residents: RESIDENTS, seed, today, login: "tester".into() };
    demo::generate(&mut db, &options).unwrap();
    db
}

fn centre() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let db = generate(dir.path(), "demo.db", 1);
    (dir, db)
}

fn strings(conn: &Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(sql).unwrap();
    stmt.query_map([], |r| r.get::<_, String>(0)).unwrap().map(Result::unwrap).collect()
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Everything but creation timestamps, one text line per row.
fn content(conn: &Connection) -> Vec<String> {
    [
        "SELECT pesel || first_name || last_name || birth_date || street || house_no || flat_no || postal_code || city
             || phone || email || occupation || marital_status FROM resident ORDER BY id",
        "SELECT number || resident_id || coalesce(ended_on, '') || coalesce(end_reason, '') FROM plan ORDER BY id",
        "SELECT plan_id || version || state || period_start || period_end || drafted_on FROM plan_version ORDER BY id",
        "SELECT version_id || service_id || amount || per || starts_on || ends_on || coalesce(resigned_on, '')
             FROM plan_line ORDER BY id",
        "SELECT coalesce(line_id, 'q' || qualification_id) || used_on || units FROM usage_record ORDER BY id",
        "SELECT application_id || service_id || amount || per || starts_on || ends_on FROM qualification ORDER BY id",
        "SELECT resident_id || filed_on || state || summary FROM application ORDER BY id",
        "SELECT service_id || coalesce(provider_id, '') || units_limit FROM capacity_pool ORDER BY id",
        "SELECT plan_id || contact_on || note FROM monitoring_contact ORDER BY id",
    ]
    .iter()
    .flat_map(|sql| strings(conn, sql))
    .collect()
}

#[test]
fn the_same_seed_gives_the_same_centre_and_another_seed_another() {
    let dir = tempfile::tempdir().unwrap();
    let a = generate(dir.path(), "a.db", 7);
    let b = generate(dir.path(), "b.db", 7);
    let c = generate(dir.path(), "c.db", 8);
    let first = content(a.conn());
    assert!(first.len() > RESIDENTS);
    assert_eq!(first, content(b.conn()));
    assert_ne!(strings(a.conn(), "SELECT pesel FROM resident"), strings(c.conn(), "SELECT pesel FROM resident"));
}

#[test]
fn every_pesel_is_valid_unique_and_agrees_with_birth_date_and_sex() {
    let (_dir, db) = centre();
    let rows: Vec<(String, String, String)> = db
        .conn()
        .prepare("SELECT pesel, birth_date, sex FROM resident")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), RESIDENTS);
    let mut seen = HashSet::new();
    for (pesel, birth, sex) in rows {
        let parsed = Pesel::parse(&pesel).unwrap_or_else(|e| panic!("{pesel}: {e}"));
        assert_eq!(parsed.birth_date().to_string(), birth);
        assert_eq!(sex, if parsed.sex() == Sex::Female { "K" } else { "M" });
        assert!(seen.insert(pesel));
    }
}

#[test]
fn names_use_feminine_surname_forms_and_include_lukasz_zolc() {
    let (_dir, db) = centre();
    let conn = db.conn();
    assert_eq!(count(conn, "SELECT count(*) FROM resident WHERE first_name = 'Łukasz' AND last_name = 'Żółć'"), 1);
    let women = strings(conn, "SELECT last_name FROM resident WHERE sex = 'K'");
    let men = strings(conn, "SELECT last_name FROM resident WHERE sex = 'M'");
    let masculine = |s: &str| s.split('-').any(|p| p.ends_with("ski") || p.ends_with("cki") || p.ends_with("dzki"));
    let feminine = |s: &str| s.split('-').any(|p| p.ends_with("ska") || p.ends_with("cka") || p.ends_with("dzka"));
    assert!(women.iter().all(|s| !masculine(s)), "{women:?}");
    assert!(men.iter().all(|s| !feminine(s)), "{men:?}");
    assert!(women.iter().any(|s| feminine(s)));
    let all: Vec<String> = strings(conn, "SELECT first_name || ' ' || last_name FROM resident");
    assert!(all.iter().any(|n| n.chars().any(|c| "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ".contains(c))));
}

#[test]
fn residents_are_mostly_seniors_but_not_only() {
    let (_dir, db) = centre();
    let conn = db.conn();
    let seniors = count(conn, "SELECT count(*) FROM resident WHERE birth_date <= '1966-11-23'");
    let children = count(conn, "SELECT count(*) FROM resident WHERE birth_date > '2008-11-23'");
    assert!(seniors * 100 / RESIDENTS as i64 >= 40, "{seniors}");
    assert!(children > 0);
    assert!(count(conn, "SELECT count(*) FROM resident WHERE postal_code NOT LIKE '39-2__'") == 0);
    assert!(count(conn, "SELECT count(*) FROM resident WHERE phone != '' AND length(phone) != 9") == 0);
    assert!(count(conn, "SELECT count(*) FROM representative") > 0);
    assert!(count(conn, "SELECT count(*) FROM resident_sensitive") > 0);
}

#[test]
fn every_application_and_plan_state_is_present() {
    let (_dir, db) = centre();
    let conn = db.conn();
    let apps: HashSet<String> = strings(conn, "SELECT DISTINCT state FROM application").into_iter().collect();
    for state in ["złożony", "diagnoza", "plan", "przekazany", "odmowa", "informacja", "oczekuje"] {
        assert!(apps.contains(state), "application state {state} missing: {apps:?}");
    }
    let versions: HashSet<String> = strings(conn, "SELECT DISTINCT state FROM plan_version").into_iter().collect();
    for state in ["szkic", "złożony", "zatwierdzony", "zwrócony", "zastąpiony"] {
        assert!(versions.contains(state), "plan state {state} missing: {versions:?}");
    }
    assert!(count(conn, "SELECT count(*) FROM plan WHERE end_reason = 'zakończony' AND summary_results != ''") > 0);
    assert!(
        count(conn, "SELECT count(*) FROM plan WHERE end_reason = 'rezygnacja' AND director_informed_on IS NOT NULL")
            > 0
    );
    assert!(
        count(
            conn,
            "SELECT count(*) FROM plan WHERE end_reason = 'zakończony' AND follow_up_on IS NULL
                 AND date(ended_on, '+6 months') <= '2026-11-23'"
        ) > 0,
        "a follow-up is due"
    );
    assert!(
        count(
            conn,
            "SELECT count(*) FROM plan p WHERE (SELECT count(*) FROM plan_version v WHERE v.plan_id = p.id) = 2"
        ) > 0
    );
    assert!(count(conn, "SELECT count(*) FROM plan_decision WHERE decision = 'zwrócony' AND comment != ''") > 0);
    for table in ["assessment_service", "supporting_action", "usage_record", "monitoring_contact", "waitlist_entry"] {
        assert!(count(conn, &format!("SELECT count(*) FROM {table}")) > 0, "{table} is empty");
    }
    assert!(count(conn, "SELECT count(*) FROM contact_visit WHERE referral != ''") > 0);
}

#[test]
fn no_pool_is_exceeded_and_the_base_shows_every_status() {
    let (_dir, db) = centre();
    pools_hold_and_show_every_status(db.conn(), today());
}

#[test]
fn pools_and_usage_hold_for_other_seeds_and_days() {
    let dir = tempfile::tempdir().unwrap();
    let days = [(2026, 1, 1), (2028, 2, 29), (2026, 3, 31), (2026, 12, 31), (2027, 7, 15)];
    for (n, (y, m, d)) in days.into_iter().enumerate() {
        let today = NaiveDate::from_ymd_opt(y, m, d).unwrap();
        for seed in [2, 3, 40 + n as u64] {
            let db = generate_on(dir.path(), &format!("{seed}-{today}.db"), seed, today);
            pools_hold_and_show_every_status(db.conn(), today);
            usage_within_grants(db.conn());
        }
    }
}

fn pools_hold_and_show_every_status(conn: &Connection, today: NaiveDate) {
    let mut statuses = HashSet::new();
    for pool in pools::all_pools(conn).unwrap() {
        let code: String =
            conn.query_row("SELECT code FROM service WHERE id = ?1", [pool.service_id], |r| r.get(0)).unwrap();
        let horizon = okienko::domain::period::DateRange::new(pool.valid.start, today + chrono::Months::new(13));
        for period in pool.period_kind.periods_touching(horizon.unwrap()) {
            let granted = pools::granted(conn, &pool, period, None).unwrap();
            assert!(
                quota::check_grant(pool.units_limit, granted, 0).is_ok(),
                "{code}: {granted} granted over a limit of {} in {}",
                pool.units_limit,
                pool.period_kind.label(period)
            );
        }
        let current = pool.period_kind.containing(today);
        let granted = pools::granted(conn, &pool, current, None).unwrap();
        let waiting = count(
            conn,
            &format!(
                "SELECT count(*) FROM waitlist_entry WHERE service_id = {} AND resolved_at IS NULL",
                pool.service_id
            ),
        ) as usize;
        let status = quota::pool_status(Some(pool.units_limit), granted, waiting, false);
        match code.as_str() {
            "TAXI" => {
                assert_eq!(status, PoolStatus::Waiting);
                assert_eq!(granted, pool.units_limit, "the taxi pool is exactly full");
            }
            "FIZ" => {
                assert_eq!(status, PoolStatus::None);
                assert_eq!(granted, pool.units_limit, "the physiotherapy pool is exactly full");
            }
            "SUO" | "DDS" => assert_eq!(status, PoolStatus::Low, "{code}: {granted} of {}", pool.units_limit),
            _ => assert_eq!(status, PoolStatus::Ok, "{code}: {granted} of {}", pool.units_limit),
        }
        statuses.insert(format!("{status:?}"));
    }
    assert_eq!(statuses.len(), 4, "{statuses:?}");
    assert!(count(conn, "SELECT count(*) FROM capacity_pool WHERE provider_id IS NOT NULL") >= 2);
}

#[test]
fn usage_never_goes_beyond_what_a_line_grants() {
    let (_dir, db) = centre();
    usage_within_grants(db.conn());
}

fn usage_within_grants(conn: &Connection) {
    let versions: Vec<i64> = conn
        .prepare("SELECT DISTINCT l.version_id FROM usage_record u JOIN plan_line l ON l.id = u.line_id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(!versions.is_empty());
    let mut checked = 0;
    for version in versions {
        for line in pools::version_lines(conn, version).unwrap() {
            let records: Vec<(String, u32)> = conn
                .prepare("SELECT used_on, units FROM usage_record WHERE line_id = ?1 ORDER BY used_on, id")
                .unwrap()
                .query_map([line.line_id], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            let mut used = Vec::new();
            for (day, units) in records {
                let day = NaiveDate::parse_from_str(&day, "%Y-%m-%d").unwrap();
                line.allocation.check_usage(&used, day, units).unwrap_or_else(|e| panic!("line {}: {e}", line.line_id));
                used.push((day, units));
                checked += 1;
            }
        }
    }
    for (id, application) in strings(conn, "SELECT id || ' ' || application_id FROM qualification")
        .iter()
        .map(|s| s.split_once(' ').map(|(q, a)| (q.parse::<i64>().unwrap(), a.to_string())).unwrap())
    {
        let grant = okienko::storage::usage::usage_grant(conn, pools::GrantRef::Qualification(id))
            .unwrap_or_else(|e| panic!("qualification {id} on application {application}: {e}"));
        let mut used = Vec::new();
        for (day, units) in okienko::storage::usage::used_of(conn, pools::GrantRef::Qualification(id)).unwrap() {
            grant.line.allocation.check_usage(&used, day, units).unwrap_or_else(|e| panic!("qualification {id}: {e}"));
            used.push((day, units));
            checked += 1;
        }
    }
    assert_eq!(checked, count(conn, "SELECT count(*) FROM usage_record"));
}

#[test]
fn some_residents_are_qualified_for_a_single_service_and_one_is_refused() {
    let (_dir, db) = centre();
    let conn = db.conn();
    let qualified = strings(
        conn,
        "SELECT DISTINCT CAST(a.resident_id AS TEXT) FROM qualification q JOIN application a ON a.id = q.application_id",
    );
    assert!(qualified.len() >= 2, "{qualified:?}");
    // Each refused application has its decision, and one qualified application a refusal beside its grant.
    let refusals = count(conn, "SELECT count(*) FROM qualification_refusal");
    assert_eq!(refusals, count(conn, "SELECT count(*) FROM application WHERE state = 'odmowa'") + 1);
    let resident: i64 = qualified[0].parse().unwrap();
    let card = okienko::storage::card::load(conn, resident, false, today()).unwrap();
    assert!(!card.qualifications.is_empty(), "on the card");
    let service = card.qualifications[0].service_id;
    let rows = okienko::storage::base::table(conn, today(), None).unwrap();
    let row = rows.iter().find(|r| r.id == service).unwrap();
    assert!(row.people >= 1 && row.used >= 1, "{} people, {} used", row.people, row.used);
    // Decisions are stamped with the real clock; the demo's own days may differ.
    let range =
        okienko::domain::period::DateRange::new(today() - chrono::Days::new(3650), today() + chrono::Days::new(3650))
            .unwrap();
    let summary = okienko::storage::reports::summary(conn, range, okienko::storage::reports::Scope::Centre).unwrap();
    assert!(!summary.qualifications.is_empty() && summary.refusals.len() as i64 == refusals);
}

#[test]
fn the_invoking_login_is_an_administrator_with_every_role() {
    let (_dir, db) = centre();
    let me = okienko::storage::staff::identify(db.conn(), "tester").unwrap();
    assert_eq!(me.roles.len(), okienko::domain::roles::Role::ALL.len());
    assert!(me.may_approve);
    for permission in okienko::domain::roles::Permission::ALL {
        assert!(me.can(permission), "{permission:?}");
    }
    let others = okienko::storage::staff::list(db.conn()).unwrap();
    assert!(others.len() >= 7);
    assert!(others.iter().any(|m| m.roles.contains(&okienko::domain::roles::Role::Organizator) && m.may_approve));
    // The demo writes the cases through the same functions the desk uses, which audit each
    // entry; the centre's set-up goes through the audited writers a real centre's set-up uses.
    let waiting = count(db.conn(), "SELECT count(*) FROM waitlist_entry");
    assert!(waiting > 0);
    assert_eq!(count(db.conn(), "SELECT count(*) FROM audit_log WHERE target LIKE 'waitlist:%'"), waiting);
    let qualified = count(
        db.conn(),
        "SELECT (SELECT count(*) FROM qualification) + (SELECT count(*) FROM qualification_refusal)
             + (SELECT count(*) FROM usage_record)",
    );
    assert!(qualified > 0);
    assert_eq!(
        count(db.conn(), "SELECT count(*) FROM audit_log WHERE target LIKE 'qualification%' OR target LIKE 'usage:%'"),
        qualified
    );
    assert_eq!(
        count(db.conn(), "SELECT count(*) FROM audit_log WHERE target LIKE 'plan:%' AND action = 'create'"),
        count(db.conn(), "SELECT count(*) FROM plan")
    );
    assert_eq!(count(db.conn(), "SELECT count(*) FROM audit_log WHERE target = 'centre'"), 1);
    assert_eq!(count(db.conn(), "SELECT count(*) FROM audit_log WHERE target = 'demo'"), 1);
    let entries = count(db.conn(), "SELECT count(*) FROM audit_log");
    let (ok, broken) = okienko::storage::audit::verify(db.conn()).unwrap();
    assert_eq!((ok as i64, broken), (entries, None));
}

#[test]
fn every_submitted_plan_has_room_for_the_director_to_approve_it() {
    let (_dir, db) = centre();
    let conn = db.conn();
    let submitted: Vec<i64> = strings(conn, "SELECT CAST(id AS TEXT) FROM plan_version WHERE state = 'złożony'")
        .iter()
        .map(|id| id.parse().unwrap())
        .collect();
    assert!(!submitted.is_empty());
    for version in submitted {
        assert_eq!(pools::shortfalls_of_version(conn, version).unwrap(), [], "version {version}");
    }
}

#[test]
fn the_case_history_is_stamped_on_the_days_it_happened() {
    let (_dir, db) = centre();
    let conn = db.conn();
    // Every approval's audit entry carries the moment of the decision, months back for most.
    let approvals = count(conn, "SELECT count(*) FROM plan_decision WHERE decision = 'zatwierdzony'");
    assert!(approvals > 10);
    let stamped_alike = count(
        conn,
        "SELECT count(*) FROM plan_decision d JOIN audit_log a
             ON a.target = 'plan_version:' || d.version_id AND a.action = 'approve' AND a.at = d.decided_at
         WHERE d.decision = 'zatwierdzony'",
    );
    assert_eq!(stamped_alike, approvals);
    let months_back = (today() - chrono::Days::new(60)).to_string();
    assert!(count(conn, &format!("SELECT count(*) FROM plan WHERE created_at < '{months_back}'")) > 5);
    // Nothing is recorded after the day it is about: a usage the day after at the latest.
    let late =
        count(conn, "SELECT count(*) FROM usage_record WHERE substr(recorded_at, 1, 10) > date(used_on, '+1 day')");
    assert_eq!(late, 0);
}

#[test]
fn the_command_refuses_to_overwrite_a_database_that_has_content() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cus.db");
    std::fs::write(&path, b"not empty").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_okienko"))
        .args(["demo", "--db", path.to_str().unwrap(), "--residents", "100"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nie jest bazą SQLite"));
    assert_eq!(std::fs::read(&path).unwrap(), b"not empty");

    let centre = dir.path().join("centre.db");
    okienko::session::create_centre(&centre, "CUS").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_okienko"))
        .args(["demo", "--db", centre.to_str().unwrap(), "--residents", "100"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("już istnieje i nie jest pusty"));
}

#[test]
fn the_command_creates_a_centre_the_invoking_login_can_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nowe").join("demo.db");
    let out = Command::new(env!("CARGO_BIN_EXE_okienko"))
        .args(["demo", "--db", path.to_str().unwrap(), "--residents", "120", "--seed", "3"])
        .env("OKIENKO_TODAY", "2026-11-23")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("mieszkańcy: 120"), "{text}");
    let db = Db::open(&path).unwrap();
    assert!(okienko::storage::staff::current(db.conn()).unwrap().may_approve);
}

#[test]
fn the_demo_flag_creates_the_demo_centre_on_first_use() {
    let home = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_okienko"))
        .arg("--demo")
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env_remove("OKIENKO_DB")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Once the full-screen desk opens here, it has no terminal to draw on; stop it if it waits.
    for _ in 0..600 {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = child.kill();
    let out = child.wait_with_output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("tworzę centrum demonstracyjne"));
    let db = Db::open(&home.path().join("data").join("okienko").join("demo.db")).unwrap();
    assert_eq!(okienko::storage::residents::count(db.conn()).unwrap(), demo::DEFAULT_RESIDENTS as i64);
    assert_eq!(count(db.conn(), "SELECT count(*) FROM resident WHERE first_name = 'Łukasz' AND last_name = 'Żółć'"), 1);
}
