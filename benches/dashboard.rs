//! How long the dashboard and the six-monthly summary take on a large centre: 20 000
//! residents, 8 000 plans with two lines each, 40 000 usage records. Run with
//! `cargo bench --bench dashboard`; results go in BENCHMARKS.md.

use chrono::NaiveDate;
use okienko::storage::dashboard::{self, Viewer};
use okienko::storage::reports;
use std::time::Instant;

const FILL: &str = "
CREATE TEMP TABLE nums (value INTEGER PRIMARY KEY);
INSERT INTO nums WITH RECURSIVE n(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM n WHERE value < 20000) SELECT value FROM n;
INSERT INTO staff (login, created_at) SELECT 'k' || value, 'x' FROM nums WHERE value <= 10;
INSERT INTO service (id, code, name, unit, fee_grosze, updated_at, updated_by)
    SELECT value, 'S' || value, 'Usługa ' || value, 'godzina', 1500, '2025-01-01', 'x' FROM nums WHERE value <= 20;
INSERT INTO capacity_pool (service_id, period_kind, units_limit, valid_from, updated_at, updated_by)
    SELECT value, 'month', 2000, '2025-01-01', 'x', 'x' FROM nums WHERE value <= 20;
INSERT INTO resident (id, first_name, last_name, created_at, updated_at, updated_by)
    SELECT value, 'Imię' || value, 'Nazwisko' || value, 'x', 'x', 'x' FROM nums WHERE value <= 20000;
INSERT INTO application (id, resident_id, filed_on, applicant_kind, state, coordinator_login, created_at, created_by)
    SELECT value, value, date('2026-09-01', '+' || (value % 80) || ' days'), 'mieszkaniec',
           CASE WHEN value <= 8000 THEN 'plan' ELSE 'diagnoza' END, 'k' || (value % 10 + 1), 'x', 'x'
    FROM nums WHERE value <= 12000;
INSERT INTO plan (id, number, resident_id, application_id, coordinator_login, created_at, ended_on, end_reason)
    SELECT value, 'IPUS/' || value, value, value, 'k' || (value % 10 + 1), '2026-01-01T10:00:00Z',
           CASE WHEN value % 7 = 0 THEN '2026-05-31' END, CASE WHEN value % 7 = 0 THEN 'zakończony' END
    FROM nums WHERE value <= 8000;
INSERT INTO plan_version (id, plan_id, version, state, period_start, period_end, drafted_on, updated_at, updated_by)
    SELECT value, value, 1, CASE WHEN value % 11 = 0 THEN 'szkic' ELSE 'zatwierdzony' END,
           date('2026-01-01', '+' || (value % 180) || ' days'), date('2026-01-01', '+' || (value % 180 + 300) || ' days'),
           '2026-01-01', '2026-11-01T10:00:00Z', 'x'
    FROM nums WHERE value <= 8000;
INSERT INTO plan_line (version_id, position, service_id, amount, per, starts_on, ends_on)
    SELECT v.id, s.value, (v.id + s.value) % 20 + 1, 4, 'month', v.period_start, v.period_end
    FROM plan_version v, nums s WHERE s.value <= 2;
INSERT INTO usage_record (line_id, used_on, units, recorded_by, recorded_at)
    SELECT l.id, date(l.starts_on, '+' || (u.value * 20) || ' days'), 1, 'x', 'x'
    FROM plan_line l, nums u WHERE u.value <= 5 AND l.position = 1;
INSERT INTO monitoring_contact (plan_id, contact_on, channel, recorded_by, recorded_at)
    SELECT value, date('2026-03-01', '+' || (value % 200) || ' days'), 'telefon', 'x', 'x' FROM nums WHERE value <= 8000 AND value % 2 = 1;
";

fn time<T>(label: &str, runs: u32, mut f: impl FnMut() -> T) {
    let mut best = f64::MAX;
    for _ in 0..runs {
        let start = Instant::now();
        std::hint::black_box(f());
        best = best.min(start.elapsed().as_secs_f64() * 1000.0);
    }
    println!("{label:<45} best of {runs}: {best:>8.1} ms");
}

fn main() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let db = okienko::session::create_centre(&dir.path().join("bench.db"), "CUS").expect("database");
    db.conn().execute_batch(&format!("BEGIN; {FILL} COMMIT;")).expect("fill");
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let coordinator = Viewer { login: "k3".into(), approves: false, sees_all: false };
    let organiser = Viewer { login: "org".into(), approves: true, sees_all: true };
    time("dashboard: load every plan and application", 5, || dashboard::load(db.conn(), today).expect("load"));
    let input = dashboard::load(db.conn(), today).expect("load");
    time("dashboard: build for a coordinator", 5, || dashboard::build(&input, &coordinator, today));
    time("dashboard: build for the organiser", 5, || dashboard::build(&input, &organiser, today));
    let half = reports::last_full_half_year(today);
    time("report summary (half-year)", 3, || {
        reports::summary(db.conn(), half, reports::Scope::Centre).expect("summary")
    });
    time("report programme 2026", 3, || {
        reports::programme(db.conn(), 2026, reports::Scope::Centre).expect("programme")
    });
    time("report pool-use, one service, 12 months", 3, || {
        reports::pool_use(db.conn(), "S1", reports::last_months(today, 12)).expect("pool use")
    });
}
