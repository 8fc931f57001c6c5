//! A small centre on a real database file: staff, services with pools, residents with plans.

use chrono::NaiveDate;
use okienko::domain::period::PeriodKind;
use okienko::storage::Db;
use okienko::storage::services::{self, PoolInput, ServiceInput};
use rusqlite::params;
use std::path::PathBuf;

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The database file's name in the centre's directory.
pub const FILE: &str = "centre.db";

pub struct Centre {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
    pub db: Db,
}

/// An empty centre with an organiser `org`, a coordinator `koord` and a receptionist `rec`.
pub fn centre() -> Centre {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE);
    let mut db = okienko::session::create_centre(&path, "CUS test").unwrap();
    db.write(|tx| {
        use okienko::domain::roles::Role;
        okienko::storage::staff::add(tx, "admin", "org", "Olga Organizator", &[Role::Organizator], true)?;
        okienko::storage::staff::add(tx, "admin", "koord", "Karol Koordynator", &[Role::Koordynator], false)?;
        okienko::storage::staff::add(tx, "admin", "rec", "Renata Recepcja", &[Role::Recepcja], false)
    })
    .unwrap();
    Centre { dir, path, db }
}

impl Centre {
    pub fn service(&mut self, code: &str, name: &str, unit: &str) -> i64 {
        let input = ServiceInput {
            code: code.into(),
            name: name.into(),
            unit: unit.into(),
            areas: vec!["wspieranie osób niepełnosprawnych".into()],
            target_groups: vec!["seniorzy".into()],
            ..ServiceInput::default()
        };
        self.db.write(|tx| services::add_service(tx, "org", &input)).unwrap()
    }

    pub fn pool(&mut self, service_id: i64, kind: PeriodKind, limit: i64, from: &str) -> i64 {
        let input = PoolInput {
            service_id,
            provider_id: None,
            period_kind: kind,
            units_limit: limit,
            valid_from: d(from),
            valid_to: None,
        };
        self.db.write(|tx| services::add_pool(tx, "org", &input)).unwrap()
    }

    /// A resident with an approved one-line plan; returns the line id.
    pub fn line(
        &mut self,
        service_id: i64,
        amount: i64,
        per: &str,
        cap: Option<(i64, &str)>,
        from: &str,
        to: &str,
    ) -> i64 {
        add_line(self.db.conn(), service_id, (amount, per, cap, from, to), "zatwierdzony")
    }
}

/// What a plan line grants: amount, per, optional cap, first and last day.
pub type Grant<'a> = (i64, &'a str, Option<(i64, &'a str)>, &'a str, &'a str);

/// Adds a resident, a plan with one version in `state` and one line; returns the line id.
pub fn add_line(conn: &rusqlite::Connection, service_id: i64, grant: Grant<'_>, state: &str) -> i64 {
    conn.execute(
        "INSERT INTO resident (first_name, last_name, created_at, updated_at, updated_by) VALUES ('Anna', 'Nowak', 'x', 'x', 'x')",
        [],
    )
    .unwrap();
    let resident = conn.last_insert_rowid();
    add_plan_for(conn, resident, service_id, grant, state)
}

pub fn add_plan_for(conn: &rusqlite::Connection, resident: i64, service_id: i64, grant: Grant<'_>, state: &str) -> i64 {
    let (amount, per, cap, from, to) = grant;
    let n: i64 = conn.query_row("SELECT coalesce(max(id), 0) + 1 FROM plan", [], |r| r.get(0)).unwrap();
    conn.execute(
        "INSERT INTO plan (id, number, resident_id, coordinator_login, created_at) VALUES (?1, ?2, ?3, 'koord', 'x')",
        params![n, format!("IPUS/{n}/2026"), resident],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO plan_version (plan_id, version, state, period_start, period_end, drafted_on, updated_at, updated_by)
         VALUES (?1, 1, ?2, ?3, ?4, ?3, 'x', 'x')",
        params![n, state, from, to],
    )
    .unwrap();
    let version = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO plan_line (version_id, position, service_id, amount, per, cap_amount, cap_per, starts_on, ends_on,
             schedule, place_form)
         VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'wtorki', 'w domu')",
        params![version, service_id, amount, per, cap.map(|c| c.0), cap.map(|c| c.1), from, to],
    )
    .unwrap();
    conn.last_insert_rowid()
}

pub fn use_units(conn: &rusqlite::Connection, line: i64, on: &str, units: i64) {
    conn.execute(
        "INSERT INTO usage_record (line_id, used_on, units, recorded_by, recorded_at) VALUES (?1, ?2, ?3, 'koord', 'x')",
        params![line, on, units],
    )
    .unwrap();
}

/// The real binary against the centre at `path` as `login`, with the centre's directory as home.
/// Acting as another login needs a training centre, so the fixture becomes one first.
pub fn command(path: &std::path::Path, login: &str, args: &[&str]) -> std::process::Command {
    Db::open(path).unwrap().write(okienko::storage::centre::mark_training).unwrap();
    let home = path.parent().unwrap();
    let mut cmd = super::cli::command(path, args);
    cmd.env("OKIENKO_LOGIN", login).env("HOME", home).env("XDG_CONFIG_HOME", home);
    cmd
}

/// Runs the real binary against the centre as `login`.
pub fn okienko(path: &std::path::Path, login: &str, args: &[&str]) -> std::process::Output {
    command(path, login, args).output().unwrap()
}

pub fn text(out: &std::process::Output) -> (String, String) {
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}
