//! Recomputing the service base: 500 services with monthly pools, 100 000 approved plan lines,
//! counters for each of 24 months; and the table for one day, in memory and from SQLite.
//!
//! Run: `cargo bench --bench base`

use chrono::NaiveDate;
use okienko::domain::period::DateRange;
use okienko::storage::base;
use rand::{Rng, SeedableRng};
use rusqlite::params;
use std::time::{Duration, Instant};

const SERVICES: i64 = 500;
const LINES: i64 = 100_000;
const LINES_PER_PLAN: i64 = 4;

/// Amount, per, optional cap: the allocation shapes seen in real plans.
type Shape = (i64, &'static str, Option<(i64, &'static str)>);

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

fn build(path: &std::path::Path) -> okienko::storage::Db {
    let mut db = okienko::session::create_centre(path, "CUS bench").expect("init");
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    db.write(|tx| {
        tx.execute("INSERT INTO staff (login, created_at) VALUES ('koord', 'x')", [])?;
        tx.execute("INSERT INTO location (id, name) VALUES (1, 'Siedziba CUS')", [])?;
        for s in 1..=SERVICES {
            tx.execute(
                "INSERT INTO service (id, code, name, unit, updated_at, updated_by) VALUES (?1, ?2, ?3, 'godzina', 'x', 'x')",
                params![s, format!("S{s}"), format!("Usługa {s}")],
            )?;
            tx.execute(
                "INSERT INTO capacity_pool (service_id, period_kind, units_limit, valid_from, updated_at, updated_by)
                 VALUES (?1, 'month', 5000, '2026-01-01', 'x', 'x')",
                [s],
            )?;
            tx.execute(
                "INSERT INTO opening_hours (service_id, location_id, weekday, opens, closes, valid_from)
                 VALUES (?1, 1, ?2, '08:00', '16:00', '2026-01-01')",
                params![s, s % 5 + 1],
            )?;
        }
        let shapes: [Shape; 5] =
            [(6, "week", None), (2, "month", Some((6, "year"))), (4, "year", None), (10, "plan", None), (8, "month", None)];
        let mut line_stmt = tx.prepare(
            "INSERT INTO plan_line (version_id, position, service_id, amount, per, cap_amount, cap_per, starts_on, ends_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        for plan in 1..=LINES / LINES_PER_PLAN {
            tx.execute(
                "INSERT INTO resident (id, first_name, last_name, created_at, updated_at, updated_by) VALUES (?1, 'A', 'B', 'x', 'x', 'x')",
                [plan],
            )?;
            tx.execute(
                "INSERT INTO plan (id, number, resident_id, coordinator_login, created_at) VALUES (?1, ?2, ?1, 'koord', 'x')",
                params![plan, format!("IPUS/{plan}")],
            )?;
            let start = d(2026, 1, 1) + chrono::Days::new(rng.random_range(0..640));
            let end = start + chrono::Days::new(rng.random_range(90..365));
            tx.execute(
                "INSERT INTO plan_version (id, plan_id, version, state, period_start, period_end, drafted_on, updated_at, updated_by)
                 VALUES (?1, ?1, 1, 'zatwierdzony', ?2, ?3, ?2, 'x', 'x')",
                params![plan, start.to_string(), end.to_string()],
            )?;
            for position in 1..=LINES_PER_PLAN {
                let (amount, per, cap) = shapes[rng.random_range(0..shapes.len())];
                line_stmt.execute(params![
                    plan,
                    position,
                    rng.random_range(1..=SERVICES),
                    amount,
                    per,
                    cap.map(|c| c.0),
                    cap.map(|c| c.1),
                    start.to_string(),
                    end.to_string()
                ])?;
            }
        }
        Ok(())
    })
    .expect("seed");
    db
}

/// Nanoseconds this thread has spent on a CPU; unlike the wall clock it does not count time
/// spent waiting while other processes hold both cores.
fn cpu_ns() -> Option<u64> {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime only writes the timespec it is given.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    (rc == 0).then(|| ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64)
}

fn median(mut v: Vec<Duration>) -> (Duration, Duration) {
    v.sort();
    (v[v.len() / 2], v[0])
}

fn measure(name: &str, runs: usize, mut f: impl FnMut()) {
    f();
    let mut wall = Vec::new();
    let mut cpu = Vec::new();
    for _ in 0..runs {
        let (c, t) = (cpu_ns(), Instant::now());
        f();
        wall.push(t.elapsed());
        if let (Some(a), Some(b)) = (c, cpu_ns()) {
            cpu.push(Duration::from_nanos(b.saturating_sub(a)));
        }
    }
    let (wall_median, wall_min) = median(wall);
    print!("{name:<58} wall median {:>7.2} ms, min {:>7.2} ms", ms(wall_median), ms(wall_min));
    if !cpu.is_empty() {
        let (cpu_median, cpu_min) = median(cpu);
        print!("; cpu median {:>7.2} ms, min {:>7.2} ms", ms(cpu_median), ms(cpu_min));
    }
    println!();
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let t = Instant::now();
    let db = build(&dir.path().join("bench.db"));
    println!("seeded {SERVICES} services, {LINES} approved lines in {:.1} s", t.elapsed().as_secs_f64());
    let conn = db.conn();
    let months = DateRange::new(d(2026, 1, 1), d(2027, 12, 31)).expect("range");
    let day = d(2026, 11, 23);

    let snap = base::load(conn, months).expect("load");
    println!("loaded {} lines", snap.lines.len());
    measure("24 months × 500 pools, in memory (index + counters)", 31, || {
        let index = base::LineIndex::build(&snap);
        let series = base::series(&snap, &index, months);
        assert_eq!(series.len(), SERVICES as usize);
    });
    measure("  of which indexing lines by service and shape", 31, || {
        base::LineIndex::build(&snap);
    });
    measure("24 months × 500 pools, full path (SQLite load + counters)", 5, || {
        let snap = base::load(conn, months).expect("load");
        let index = base::LineIndex::build(&snap);
        base::series(&snap, &index, months);
    });
    measure("loading from SQLite alone (24 months)", 5, || {
        base::load(conn, months).expect("load");
    });

    let today = base::load_day(conn, day).expect("load");
    measure("table for one day, in memory (current + next period)", 31, || {
        let rows = base::compute(&today, day, None);
        assert_eq!(rows.len(), SERVICES as usize);
    });
    measure("table for one day, full path (SQLite load + compute)", 5, || {
        base::table(conn, day, None).expect("table");
    });
}
