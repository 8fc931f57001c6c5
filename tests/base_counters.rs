//! The service base's counters against cases computed by hand.

mod support;

use okienko::domain::period::PeriodKind;
use okienko::domain::quota::PoolStatus;
use okienko::storage::base::{self, ServiceRow};
use rusqlite::params;
use support::base::{add_line, add_plan_for, centre, d, use_units};

fn row_of(c: &support::base::Centre, service: i64, day: &str) -> ServiceRow {
    base::table(c.db.conn(), d(day), None).unwrap().into_iter().find(|r| r.id == service).unwrap()
}

#[test]
fn weekly_care_six_hours_a_week_grants_twenty_six_in_november() {
    let mut c = centre();
    let care = c.service("OPI", "Usługi opiekuńcze", "godzina");
    c.pool(care, PeriodKind::Month, 100, "2026-01-01");
    c.line(care, 6, "week", None, "2026-04-01", "2026-12-31");
    let row = row_of(&c, care, "2026-11-23");
    assert_eq!((row.granted, row.limit, row.remaining, row.people), (26, Some(100), Some(74), 1));
    assert_eq!(row.period.as_deref(), Some("2026-11"));
    assert_eq!(row.status, PoolStatus::Ok);
}

#[test]
fn senior_taxi_two_a_month_capped_at_six_a_year() {
    let mut c = centre();
    let monthly = c.service("TAXI", "Taxi senioralne", "kurs");
    c.pool(monthly, PeriodKind::Month, 10, "2026-01-01");
    c.line(monthly, 2, "month", Some((6, "year")), "2026-01-01", "2026-12-31");
    assert_eq!(row_of(&c, monthly, "2026-11-23").granted, 2);

    let yearly = c.service("TAXI-R", "Taxi senioralne (pula roczna)", "kurs");
    c.pool(yearly, PeriodKind::Year, 10, "2026-01-01");
    c.line(yearly, 2, "month", Some((6, "year")), "2026-01-01", "2026-12-31");
    let row = row_of(&c, yearly, "2026-11-23");
    assert_eq!((row.granted, row.remaining, row.period.as_deref()), (6, Some(4), Some("2026")));
    assert_eq!(row.pools[0].next.label, "2027");
    assert_eq!(row.pools[0].next.granted, 0);
}

#[test]
fn a_resignation_mid_month_grants_only_the_days_before_it() {
    let mut c = centre();
    let s = c.service("ASY", "Asystencja osobista", "godzina");
    c.pool(s, PeriodKind::Month, 30, "2026-01-01");
    let line = c.line(s, 10, "month", None, "2026-01-01", "2026-12-31");
    c.db.conn().execute("UPDATE plan_line SET resigned_on = '2026-11-16' WHERE id = ?1", [line]).unwrap();
    let row = row_of(&c, s, "2026-11-23");
    // 10 a month over 15 of November's 30 days.
    assert_eq!((row.granted, row.people), (5, 0));
    assert_eq!(row_of(&c, s, "2026-11-10").people, 1);
    assert_eq!(row.pools[0].next.granted, 0);
}

#[test]
fn a_plan_ended_early_grants_nothing_after_its_end() {
    let mut c = centre();
    let s = c.service("ASY", "Asystencja osobista", "godzina");
    c.pool(s, PeriodKind::Month, 30, "2026-01-01");
    let line = c.line(s, 10, "month", None, "2026-01-01", "2026-12-31");
    c.db.conn()
        .execute(
            "UPDATE plan SET ended_on = '2026-10-31', end_reason = 'zakończony'
             WHERE id = (SELECT v.plan_id FROM plan_line l JOIN plan_version v ON v.id = l.version_id WHERE l.id = ?1)",
            [line],
        )
        .unwrap();
    let row = row_of(&c, s, "2026-11-23");
    assert_eq!((row.granted, row.people, row.remaining), (0, 0, Some(30)));
    assert_eq!(row_of(&c, s, "2026-10-15").granted, 10);
}

#[test]
fn counts_usage_inside_the_period_only() {
    let mut c = centre();
    let s = c.service("OPI", "Usługi opiekuńcze", "godzina");
    c.pool(s, PeriodKind::Month, 100, "2026-01-01");
    let line = c.line(s, 6, "week", None, "2026-04-01", "2026-12-31");
    use_units(c.db.conn(), line, "2026-10-30", 4);
    use_units(c.db.conn(), line, "2026-11-05", 3);
    use_units(c.db.conn(), line, "2026-11-30", 2);
    use_units(c.db.conn(), line, "2026-12-01", 5);
    let row = row_of(&c, s, "2026-11-23");
    assert_eq!(row.used, 5);
    assert_eq!(row.pools[0].next.used, 5);
    assert_eq!(row.remaining, Some(74), "usage does not change what remains to grant");
}

#[test]
fn only_approved_versions_count() {
    let mut c = centre();
    let s = c.service("OPI", "Usługi opiekuńcze", "godzina");
    c.pool(s, PeriodKind::Month, 100, "2026-01-01");
    c.line(s, 10, "month", None, "2026-01-01", "2026-12-31");
    for state in ["szkic", "złożony", "zwrócony", "zastąpiony"] {
        add_line(c.db.conn(), s, (7, "month", None, "2026-01-01", "2026-12-31"), state);
    }
    let row = row_of(&c, s, "2026-11-23");
    assert_eq!((row.granted, row.people), (10, 1));
}

#[test]
fn people_are_distinct_residents_with_an_active_line() {
    let mut c = centre();
    let s = c.service("KLUB", "Klub seniora", "wizyta");
    let first = c.line(s, 4, "month", None, "2026-01-01", "2026-12-31");
    let resident: i64 =
        c.db.conn()
            .query_row(
                "SELECT p.resident_id FROM plan_line l JOIN plan_version v ON v.id = l.version_id
             JOIN plan p ON p.id = v.plan_id WHERE l.id = ?1",
                [first],
                |r| r.get(0),
            )
            .unwrap();
    add_plan_for(c.db.conn(), resident, s, (2, "month", None, "2026-06-01", "2026-12-31"), "zatwierdzony");
    c.line(s, 4, "month", None, "2026-11-01", "2026-11-30");
    c.line(s, 4, "month", None, "2026-12-01", "2026-12-31");
    let row = row_of(&c, s, "2026-11-23");
    assert_eq!(row.people, 2);
    assert_eq!(row.granted, 10);
    assert_eq!((row.limit, row.remaining, row.status), (None, None, PoolStatus::Unlimited));
}

fn wait(c: &support::base::Centre, service: i64, first: &str, last: &str, filed_on: &str) {
    let conn = c.db.conn();
    conn.execute(
        "INSERT INTO resident (first_name, last_name, created_at, updated_at, updated_by) VALUES (?1, ?2, 'x', 'x', 'x')",
        params![first, last],
    )
    .unwrap();
    let resident = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO application (resident_id, filed_on, applicant_kind, state, created_at, created_by)
         VALUES (?1, ?2, 'mieszkaniec', 'oczekuje', 'x', 'koord')",
        params![resident, filed_on],
    )
    .unwrap();
    let application = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO waitlist_entry (service_id, application_id, units, added_at, added_by) VALUES (?1, ?2, 4, 'x', 'koord')",
        params![service, application],
    )
    .unwrap();
}

#[test]
fn the_waiting_list_is_served_in_filing_order() {
    let mut c = centre();
    let s = c.service("TAXI", "Taxi senioralne", "kurs");
    c.pool(s, PeriodKind::Month, 4, "2026-01-01");
    c.line(s, 4, "month", None, "2026-01-01", "2026-12-31");
    wait(&c, s, "Zofia", "Późna", "2026-11-10");
    wait(&c, s, "Jan", "Wczesny", "2026-11-02");
    wait(&c, s, "Ewa", "Rozwiązana", "2026-10-01");
    c.db.conn()
        .execute("UPDATE waitlist_entry SET resolved_at = 'x', resolution = 'rezygnacja' WHERE id = 3", [])
        .unwrap();
    let row = row_of(&c, s, "2026-11-23");
    assert_eq!((row.waiting, row.next_waiting.as_deref()), (2, Some("Jan Wczesny")));
    assert_eq!((row.remaining, row.status), (Some(0), PoolStatus::Waiting));
    assert_eq!(base::status_label(row.status), "LISTA");
}

#[test]
fn status_says_ok_low_none_and_suspended_in_words() {
    let mut c = centre();
    let s = c.service("TAXI", "Taxi senioralne", "kurs");
    c.pool(s, PeriodKind::Month, 10, "2026-01-01");
    c.line(s, 9, "month", None, "2026-01-01", "2026-12-31");
    assert_eq!(base::status_label(row_of(&c, s, "2026-11-23").status), "MAŁO");
    c.line(s, 1, "month", None, "2026-01-01", "2026-12-31");
    assert_eq!(base::status_label(row_of(&c, s, "2026-11-23").status), "BRAK");
    c.db.write(|tx| okienko::storage::services::set_suspended(tx, "org", s, true)).unwrap();
    let row = row_of(&c, s, "2026-11-23");
    assert_eq!(base::status_label(row.status), "ZAWIESZONA");
    assert_eq!(row.updated_by, "org");
}

#[test]
fn a_period_override_replaces_the_usual_limit() {
    let mut c = centre();
    let s = c.service("OPI", "Usługi opiekuńcze", "godzina");
    c.pool(s, PeriodKind::Month, 100, "2026-01-01");
    c.db.conn()
        .execute(
            "INSERT INTO pool_period_limit (pool_id, period_start, units_limit, updated_at, updated_by)
             VALUES (1, '2026-12-01', 40, 'x', 'org')",
            [],
        )
        .unwrap();
    let row = row_of(&c, s, "2026-11-23");
    assert_eq!((row.pools[0].current.limit, row.pools[0].next.limit), (100, 40));
}

#[test]
fn a_service_with_a_pool_per_provider_sums_them_and_lists_each() {
    let mut c = centre();
    let s = c.service("OPI", "Usługi opiekuńcze", "godzina");
    let (a, b) =
        c.db.write(|tx| {
            use okienko::storage::services::{ProviderInput, add_provider};
            let a = add_provider(
                tx,
                "org",
                &ProviderInput { name: "Caritas".into(), kind: "ngo".into(), ..Default::default() },
            )?;
            let b = add_provider(
                tx,
                "org",
                &ProviderInput { name: "PCK".into(), kind: "ngo".into(), ..Default::default() },
            )?;
            Ok((a, b))
        })
        .unwrap();
    for (provider, limit) in [(a, 50), (b, 30)] {
        let input = okienko::storage::services::PoolInput {
            service_id: s,
            provider_id: Some(provider),
            period_kind: PeriodKind::Month,
            units_limit: limit,
            valid_from: d("2026-01-01"),
            valid_to: None,
        };
        c.db.write(|tx| okienko::storage::services::add_pool(tx, "org", &input)).unwrap();
    }
    let line = c.line(s, 20, "month", None, "2026-01-01", "2026-12-31");
    c.db.conn().execute("UPDATE plan_line SET provider_id = ?1 WHERE id = ?2", params![b, line]).unwrap();
    let row = row_of(&c, s, "2026-11-23");
    assert_eq!((row.limit, row.granted, row.remaining), (Some(80), 20, Some(60)));
    let per_pool: Vec<(Option<&str>, i64)> =
        row.pools.iter().map(|p| (p.provider.as_deref(), p.current.remaining)).collect();
    assert_eq!(per_pool, [(Some("Caritas"), 50), (Some("PCK"), 10)]);
    assert_eq!(row.providers, ["Caritas", "PCK"]);
}

#[test]
fn series_gives_the_counters_of_every_period_in_a_range() {
    let mut c = centre();
    let s = c.service("TAXI", "Taxi senioralne", "kurs");
    c.pool(s, PeriodKind::Month, 10, "2026-01-01");
    c.line(s, 2, "month", Some((6, "year")), "2026-01-01", "2026-12-31");
    let range = okienko::domain::period::DateRange::new(d("2026-01-01"), d("2027-12-31")).unwrap();
    let snap = base::load(c.db.conn(), range).unwrap();
    let series = base::series(&snap, &base::LineIndex::build(&snap), range);
    assert_eq!(series[0].periods.len(), 24);
    assert_eq!(series[0].granted[..12], [2; 12]);
    assert_eq!(series[0].granted[12..], [0; 12]);
}

#[test]
fn counters_agree_with_the_pool_check_used_by_plan_approval_in_every_period() {
    let mut c = centre();
    let s = c.service("OPI", "Usługi opiekuńcze", "godzina");
    c.pool(s, PeriodKind::Month, 1000, "2026-01-01");
    type Shape<'a> = (i64, &'a str, Option<(i64, &'a str)>);
    let shapes: [Shape; 5] = [
        (6, "week", None),
        (2, "month", Some((6, "year"))),
        (4, "year", None),
        (10, "plan", None),
        (3, "week", Some((10, "month"))),
    ];
    for n in 0..60u64 {
        let (amount, per, cap) = shapes[(n % 5) as usize];
        let start = d("2026-01-01") + chrono::Days::new(n * 37 % 300);
        let end = start + chrono::Days::new(90 + n * 53 % 270);
        c.line(s, amount, per, cap, &start.to_string(), &end.to_string());
    }
    let range = okienko::domain::period::DateRange::new(d("2026-01-01"), d("2027-12-31")).unwrap();
    let snap = base::load(c.db.conn(), range).unwrap();
    let series = &base::series(&snap, &base::LineIndex::build(&snap), range)[0];
    let pool = &okienko::storage::pools::pools_of_service(c.db.conn(), s).unwrap()[0];
    for (period, granted) in series.periods.iter().zip(&series.granted) {
        assert_eq!(*granted, okienko::storage::pools::granted(c.db.conn(), pool, *period, None).unwrap(), "{period:?}");
    }
}
