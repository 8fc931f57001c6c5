//! `okienko base`: the table as printed, limits, suspension, and who may do what.

mod support;

use chrono::NaiveTime;
use okienko::domain::period::PeriodKind;
use okienko::storage::services::{self, HoursInput, LocationInput};
use support::base::{centre, d, okienko, text};

fn taxi_centre() -> (support::base::Centre, i64) {
    let mut c = centre();
    let taxi = c.service("TAXI", "Taxi senioralne", "kurs");
    c.pool(taxi, PeriodKind::Month, 10, "2026-01-01");
    c.line(taxi, 7, "month", None, "2026-01-01", "2026-12-31");
    let place =
        c.db.write(|tx| {
            services::add_location(tx, "org", &LocationInput { name: "Siedziba CUS".into(), ..Default::default() })
        })
        .unwrap();
    let hours = HoursInput {
        service_id: taxi,
        location_id: place,
        provider_id: None,
        weekday: 1,
        opens: NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
        closes: NaiveTime::from_hms_opt(16, 0, 0).unwrap(),
        valid_from: d("2026-01-01"),
        valid_to: None,
        on_holidays: false,
    };
    c.db.write(|tx| services::add_hours(tx, "org", &hours)).unwrap();
    (c, taxi)
}

#[test]
fn prints_the_table_in_eighty_columns_with_status_in_words() {
    let (c, _) = taxi_centre();
    let out = okienko(&c.path, "rec", &["base", "--date", "2026-11-23", "--at", "09:30"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.lines().all(|l| l.chars().count() <= 80), "{stdout}");
    let row = stdout.lines().find(|l| l.starts_with("Taxi senioralne")).unwrap();
    assert!(row.contains("08:00–16:00*"), "{row}");
    assert!(row.contains("OK"), "{row}");
    let numbers: Vec<&str> = row.split_whitespace().collect();
    assert!(numbers.windows(4).any(|w| w == ["1", "7", "0", "3"]), "people, granted, used, remaining: {row}");
}

#[test]
fn prints_every_field_as_json() {
    let (c, taxi) = taxi_centre();
    let out = okienko(&c.path, "rec", &["base", "--date", "2026-11-24", "--json"]);
    assert!(out.status.success(), "{}", text(&out).1);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let row = &rows[0];
    assert_eq!(row["id"], taxi);
    assert_eq!(row["granted"], 7);
    assert_eq!(row["remaining"], 3);
    assert_eq!(row["status"], "ok");
    assert_eq!(row["fee"], "bezpłatna");
    assert_eq!(row["hours_today"].as_array().unwrap().len(), 0, "closed on Tuesday");
    assert_eq!(row["pools"][0]["next"]["label"], "2026-12");
}

#[test]
fn set_limit_refuses_to_go_below_what_is_granted() {
    let (c, _) = taxi_centre();
    let out = okienko(&c.path, "org", &["base", "set-limit", "TAXI", "2026-11", "5"]);
    assert!(!out.status.success());
    assert!(text(&out).1.contains("nie można ustawić limitu 5: przyznano już 7"), "{}", text(&out).1);

    let out = okienko(&c.path, "org", &["base", "set-limit", "TAXI", "2026-11", "7"]);
    assert!(out.status.success(), "{}", text(&out).1);
    let rows = okienko::storage::base::table(c.db.conn(), d("2026-11-23"), None).unwrap();
    assert_eq!((rows[0].limit, rows[0].remaining), (Some(7), Some(0)));
    assert_eq!(okienko::domain::quota::PoolStatus::None, rows[0].status);
    assert_eq!(rows[0].pools[0].next.limit, 10, "only November changed");
    let audit = okienko::storage::audit::entries(c.db.conn(), None, Some("org"), 5).unwrap();
    assert!(audit.iter().any(|e| e.target == "service:1" && e.detail.contains("2026-11")), "{audit:?}");
}

#[test]
fn set_limit_names_the_period_kind_the_pool_counts_in() {
    let (c, _) = taxi_centre();
    let out = okienko(&c.path, "org", &["base", "set-limit", "TAXI", "2026-Q4", "50"]);
    assert!(!out.status.success());
    let err = text(&out).1;
    assert!(err.contains("„month”") && err.contains("2026-Q4"), "{err}");
    let out = okienko(&c.path, "org", &["base", "set-limit", "TAXI", "listopad", "50"]);
    assert!(text(&out).1.contains("okres: „listopad”"), "{}", text(&out).1);
}

#[test]
fn set_limit_asks_for_the_provider_when_a_service_has_several_pools() {
    let (mut c, taxi) = taxi_centre();
    let provider =
        c.db.write(|tx| {
            services::add_provider(
                tx,
                "org",
                &services::ProviderInput { name: "Fundacja Taxi".into(), kind: "ngo".into(), ..Default::default() },
            )
        })
        .unwrap();
    let input = services::PoolInput {
        service_id: taxi,
        provider_id: Some(provider),
        period_kind: PeriodKind::Month,
        units_limit: 5,
        valid_from: d("2026-01-01"),
        valid_to: None,
    };
    c.db.write(|tx| services::add_pool(tx, "org", &input)).unwrap();
    let out = okienko(&c.path, "org", &["base", "set-limit", "TAXI", "2026-11", "8"]);
    assert!(text(&out).1.contains("--provider"), "{}", text(&out).1);
    let out = okienko(&c.path, "org", &["base", "set-limit", "TAXI", "2026-11", "8", "--provider", "Fundacja Taxi"]);
    assert!(out.status.success(), "{}", text(&out).1);
    assert!(text(&out).0.contains("puli nr 2"), "{}", text(&out).0);
}

#[test]
fn only_the_organiser_edits_the_base_but_everyone_at_the_desk_reads_it() {
    let (c, _) = taxi_centre();
    for login in ["koord", "rec"] {
        let out = okienko(&c.path, login, &["base", "set-limit", "TAXI", "2026-11", "50"]);
        assert!(text(&out).1.contains("brak uprawnień"), "{}", text(&out).1);
        let out = okienko(&c.path, login, &["base", "suspend", "TAXI"]);
        assert!(!out.status.success());
        assert!(okienko(&c.path, login, &["base"]).status.success());
    }
}

#[test]
fn suspending_and_resuming_is_shown_and_stamped() {
    let (c, _) = taxi_centre();
    assert!(okienko(&c.path, "org", &["base", "suspend", "TAXI"]).status.success());
    let out = okienko(&c.path, "rec", &["base", "--date", "2026-11-23"]);
    assert!(text(&out).0.contains("ZAWIESZONA"), "{}", text(&out).0);
    let out = okienko(&c.path, "rec", &["base", "--date", "2026-11-23", "--has-remaining"]);
    assert!(!text(&out).0.contains("Taxi"), "a suspended service has nothing to promise");
    assert!(okienko(&c.path, "org", &["base", "resume", "1"]).status.success());
    let out = okienko(&c.path, "rec", &["base", "--date", "2026-11-23"]);
    assert!(!text(&out).0.contains("ZAWIESZONA"));
    let row = &okienko::storage::base::table(c.db.conn(), d("2026-11-23"), None).unwrap()[0];
    assert_eq!(row.updated_by, "org");
}

#[test]
fn show_prints_the_detail_of_one_service() {
    let (c, _) = taxi_centre();
    let out = okienko(&c.path, "rec", &["base", "show", "TAXI", "--date", "2026-11-23"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("Siedziba CUS"), "{stdout}");
    assert!(stdout.contains("pn 08:00–16:00"), "{stdout}");
    assert!(stdout.contains("2026-11: limit 10, przyznano 7, wykonano 0, zostało 3"), "{stdout}");
    assert!(stdout.contains("2026-12: limit 10"), "{stdout}");
}

/// Gminas Adamów (1) and Dębica (2); taxi for all with one resident of each and one whose
/// address did not resolve, and a club for Dębica alone with one resident of Dębica.
fn gmina_centre() -> support::base::Centre {
    use okienko::storage::places;
    let mut c = centre();
    let taxi = c.service("TAXI", "Taxi senioralne", "kurs");
    let club = c.service("KLUB", "Klub seniora", "wizyta");
    let (adamow, debica) =
        c.db.write(|tx| Ok((places::add_gmina(tx, "org", "Adamów", "")?, places::add_gmina(tx, "org", "Dębica", "")?)))
            .unwrap();
    c.db.write(|tx| places::limit_service(tx, "org", club, &[debica])).unwrap();
    for _ in 0..3 {
        c.line(taxi, 4, "month", None, "2026-01-01", "2026-12-31");
    }
    c.line(club, 2, "month", None, "2026-01-01", "2026-12-31");
    for (resident, gmina) in [(1, adamow), (2, debica), (4, debica)] {
        c.db.conn().execute("UPDATE resident SET gmina_id = ?1 WHERE id = ?2", [gmina, resident]).unwrap();
    }
    c
}

fn people_column(stdout: &str, service: &str) -> Option<String> {
    let row = stdout.lines().find(|l| l.starts_with(service))?;
    // Name, unit and today's hours hold no number; the people are the first number after them.
    row.split_whitespace().find(|w| w.parse::<i64>().is_ok()).map(str::to_string)
}

#[test]
fn the_base_per_gmina_leaves_out_services_for_other_gminas_and_counts_that_gminas_residents() {
    let c = gmina_centre();
    let base = |args: &[&str]| okienko(&c.path, "rec", &[&["base", "--date", "2026-11-23"], args].concat());
    let all = support::cli::ok(base(&[]));
    assert_eq!(people_column(&all, "Taxi senioralne").as_deref(), Some("3"), "{all}");
    assert_eq!(people_column(&all, "Klub seniora").as_deref(), Some("1"), "{all}");
    let adamow = support::cli::ok(base(&["--gmina", "Adamów"]));
    assert!(adamow.contains("mieszkańców gminy Adamów"), "{adamow}");
    assert_eq!(people_column(&adamow, "Taxi senioralne").as_deref(), Some("1"), "{adamow}");
    assert!(!adamow.contains("Klub seniora"), "{adamow}");
    let rows: serde_json::Value = serde_json::from_str(&support::cli::ok(base(&["--gmina", "2", "--json"]))).unwrap();
    let people: Vec<(String, i64)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["code"].as_str().unwrap().to_string(), r["people"].as_i64().unwrap()))
        .collect();
    assert_eq!(people, [("TAXI".to_string(), 1), ("KLUB".to_string(), 1)]);
    let unknown = base(&["--gmina", "Pcim"]);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("Pcim"), "{}", String::from_utf8_lossy(&unknown.stderr));
}
