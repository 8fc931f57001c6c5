//! Report figures against a small centre worked out by hand (tests/fixtures/reports_centre.sql).

use chrono::NaiveDate;
use okienko::domain::period::{DateRange, PeriodKind};
use okienko::report::{self, Format, hsds};
use okienko::storage::{Db, reports};
use std::collections::HashSet;

/// Code, planned units, people, granted, used, cost in grosze, providers.
type ProgrammeRow<'a> = (&'a str, Option<i64>, usize, i64, i64, i64, Vec<&'a str>);
/// Period label, limit, granted, used, remaining.
type PoolRow<'a> = (&'a str, Option<i64>, i64, i64, Option<i64>);

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn centre() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let db = okienko::session::create_centre(&dir.path().join("c.db"), "CUS Starachowice").unwrap();
    db.conn().execute_batch(include_str!("fixtures/reports_centre.sql")).unwrap();
    (dir, db)
}

fn first_half() -> DateRange {
    DateRange { start: d("2026-01-01"), end: d("2026-06-30") }
}

#[test]
fn the_default_summary_range_is_the_last_full_half_year() {
    assert_eq!(reports::last_full_half_year(d("2026-11-23")), first_half());
    assert_eq!(
        reports::last_full_half_year(d("2026-03-05")),
        DateRange { start: d("2025-07-01"), end: d("2025-12-31") }
    );
}

#[test]
fn summary_counts_plans_by_state_now() {
    let (_dir, db) = centre();
    let s = reports::summary(db.conn(), first_half(), reports::Scope::Centre).unwrap();
    let states: Vec<(&str, i64)> = s.plans_by_state.iter().map(|c| (c.state.as_str(), c.plans)).collect();
    assert_eq!(states, [("rezygnacja", 1), ("szkic", 1), ("zakończony", 1), ("zatwierdzony", 2)]);
}

#[test]
fn summary_sets_units_granted_against_units_used_per_service() {
    let (_dir, db) = centre();
    let s = reports::summary(db.conn(), first_half(), reports::Scope::Centre).unwrap();
    let rows: Vec<(&str, usize, i64, i64)> =
        s.services.iter().map(|f| (f.code.as_str(), f.people, f.granted, f.used)).collect();
    // Care: 6×20 (plan 1) + 4×10 (plan 2, from March) + 5+5+2.5 rounded up (plan 4, to 15 April).
    // Taxi: 6×2 (plan 1) + 2×4 (plan 2, given up on 1 May). The club starts in July.
    assert_eq!(rows, [("OPIEKA", 3, 173, 42), ("TAXI", 2, 20, 5)]);
}

#[test]
fn a_whole_plan_amount_is_reported_whole_in_each_half_year_its_line_runs_in() {
    let (_dir, db) = centre();
    // Plan 2 (March to August) also lends a taxi 10 times over the plan; 3 used in July.
    db.conn()
        .execute_batch(
            "INSERT INTO plan_line (id, version_id, position, service_id, amount, per, starts_on, ends_on)
                 VALUES (90, 2, 3, 2, 10, 'plan', '2026-03-01', '2026-08-31');
             INSERT INTO usage_record (line_id, used_on, units, recorded_by, recorded_at)
                 VALUES (90, '2026-07-10', 3, 'x', 'x');",
        )
        .unwrap();
    let taxi = |range: DateRange| {
        let s = reports::summary(db.conn(), range, reports::Scope::Centre).unwrap();
        let f = s.services.iter().find(|f| f.code == "TAXI").unwrap().clone();
        (f.granted, f.granted_whole_plan, f.used)
    };
    // The monthly taxi lines alone fill "granted"; the 10 is neither split nor added to them.
    assert_eq!(taxi(first_half()), (20, 10, 5));
    assert_eq!(taxi(DateRange { start: d("2026-07-01"), end: d("2026-12-31") }), (0, 10, 3));
    let s = reports::summary(db.conn(), first_half(), reports::Scope::Centre).unwrap();
    let text = report::to_text(&report::tables::summary(&s));
    assert!(text.contains("na cały plan"), "{text}");
    assert!(text.contains("na cały plan: przydział na cały okres pozycji"), "the notes say how: {text}");
}

#[test]
fn summary_lists_completed_plans_with_results_and_every_resignation() {
    let (_dir, db) = centre();
    let s = reports::summary(db.conn(), first_half(), reports::Scope::Centre).unwrap();
    assert_eq!(s.completed.len(), 1);
    let c = &s.completed[0];
    assert_eq!(
        (c.number.as_str(), c.ended_on.as_str(), c.results.as_str()),
        ("IPUS/1/2026", "2026-06-30", "Samodzielność w domu.")
    );
    let r: Vec<(&str, Option<&str>, &str, Option<&str>)> = s
        .resignations
        .iter()
        .map(|r| (r.plan_number.as_str(), r.service.as_deref(), r.on.as_str(), r.director_informed_on.as_deref()))
        .collect();
    assert_eq!(
        r,
        [
            ("IPUS/4/2026", None, "2026-04-15", Some("2026-04-16")),
            ("IPUS/2/2026", Some("Taxi senioralne"), "2026-05-01", Some("2026-05-03")),
        ]
    );
}

#[test]
fn quarterly_indicators_count_new_clients_services_partners_and_volunteers() {
    let (_dir, db) = centre();
    let (_, q3) = PeriodKind::parse_label("2026-Q3").unwrap();
    let i = reports::indicators(db.conn(), q3, reports::Scope::Centre).unwrap();
    // Anna (first application in July) and Olga (first contact in September); Jan is in POMOST,
    // Ewa was known since February.
    assert_eq!(i.new_clients, 2);
    assert_eq!(i.new_services, ["Klub seniora", "Taxi senioralne"]);
    // The taxi firm's lines ended with plan 1 and the resignation; only the club's NGO delivers in Q3.
    assert_eq!(i.partner_providers, ["Stowarzyszenie Pomocna Dłoń"]);
    assert_eq!((i.volunteers, i.volunteer_hours), (2, 46));
    assert_eq!(i.volunteer_organisations, ["Caritas", "Stowarzyszenie Pomocna Dłoń"]);
}

#[test]
fn indicators_report_zero_volunteers_honestly_when_there_are_none() {
    let (_dir, db) = centre();
    db.conn().execute("DELETE FROM volunteer", []).unwrap();
    let (_, q3) = PeriodKind::parse_label("2026-Q3").unwrap();
    let i = reports::indicators(db.conn(), q3, reports::Scope::Centre).unwrap();
    assert_eq!((i.volunteers, i.volunteer_hours), (0, 0));
    let text = report::to_text(&report::tables::indicators(&i));
    assert!(text.contains("wolontariusze"), "{text}");
}

#[test]
fn programme_report_gives_planned_and_actual_people_units_costs_and_providers() {
    let (_dir, db) = centre();
    let p = reports::programme(db.conn(), 2026, reports::Scope::Centre).unwrap();
    let rows: Vec<ProgrammeRow> = p
        .services
        .iter()
        .map(|f| {
            (
                f.code.as_str(),
                f.planned_units,
                f.people,
                f.granted,
                f.used,
                f.cost_grosze,
                f.providers.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            // The club has no pool; 4 a month from July; both meetings used are free.
            ("KLUB", None, 1, 24, 2, 0, vec!["Stowarzyszenie Pomocna Dłoń"]),
            // 40 a month × 12; granted 120 + 6×10 + 13; used 18+15+9+10 at the contract's 20 zł.
            ("OPIEKA", Some(480), 3, 193, 52, 104_000, vec!["Zespół CUS"]),
            // 10 a month × 11 and 6 in March; used 2+3 at 5 zł.
            ("TAXI", Some(116), 2, 20, 5, 2_500, vec!["Taxi Sp. z o.o."]),
        ]
    );
    assert_eq!(p.total_cost_grosze, 106_500);
    let csv = String::from_utf8(report::render(&p, &report::tables::programme(&p), &[], Format::Csv).unwrap()).unwrap();
    assert!(csv.contains("OPIEKA,Usługi opiekuńcze,godzina,480,3,193,0,52,\"1040,00\",\"0,00\",Zespół CUS"), "{csv}");
}

#[test]
fn pool_use_shows_limit_granted_and_used_per_month_with_overrides() {
    let (_dir, db) = centre();
    let u = reports::pool_use(db.conn(), "taxi", reports::last_months(d("2026-06-15"), 6)).unwrap();
    assert_eq!(u.series.len(), 1);
    let points: Vec<PoolRow> =
        u.series[0].points.iter().map(|p| (p.label.as_str(), p.limit, p.granted, p.used, p.remaining)).collect();
    assert_eq!(
        points,
        [
            ("2026-01", Some(10), 2, 0, Some(8)),
            ("2026-02", Some(10), 2, 2, Some(8)),
            ("2026-03", Some(6), 6, 3, Some(0)),
            ("2026-04", Some(10), 6, 0, Some(4)),
            ("2026-05", Some(10), 2, 0, Some(8)),
            ("2026-06", Some(10), 2, 0, Some(8)),
        ]
    );
}

#[test]
fn pool_use_of_a_service_without_a_pool_still_shows_months() {
    let (_dir, db) = centre();
    let u = reports::pool_use(db.conn(), "KLUB", reports::last_months(d("2026-08-20"), 2)).unwrap();
    let points: Vec<(&str, Option<i64>, i64, i64)> =
        u.series[0].points.iter().map(|p| (p.label.as_str(), p.limit, p.granted, p.used)).collect();
    assert_eq!(points, [("2026-07", None, 4, 1), ("2026-08", None, 4, 1)]);
}

#[test]
fn pool_use_names_an_unknown_service_code() {
    let (_dir, db) = centre();
    let err = reports::pool_use(db.conn(), "NIEMA", first_half()).unwrap_err().to_string();
    assert!(err.contains("NIEMA"), "{err}");
}

#[test]
fn hsds_export_references_resolve_and_ids_are_unique() {
    let (_dir, db) = centre();
    let export = hsds::export(&reports::catalogue(db.conn(), d("2026-06-15")).unwrap(), d("2026-06-15"));
    let json: serde_json::Value = serde_json::from_str(&report::to_json(&export).unwrap()).unwrap();
    let ids = |key: &str| -> HashSet<String> {
        json[key].as_array().unwrap().iter().map(|o| o["id"].as_str().unwrap().to_string()).collect()
    };
    let orgs = ids("organizations");
    let services = ids("services");
    let locations = ids("locations");
    let sals = ids("service_at_locations");
    assert_eq!((orgs.len(), services.len(), locations.len(), sals.len()), (4, 3, 1, 1));
    for s in json["services"].as_array().unwrap() {
        assert!(orgs.contains(s["organization_id"].as_str().unwrap()), "{s}");
        for c in s["capacities"].as_array().unwrap() {
            assert_eq!(c["service_id"], s["id"]);
            assert!(c["unit"]["id"].is_string() && c["unit"]["name"].is_string());
            assert!(c["available"].is_number() && c["updated"].is_string());
        }
    }
    for sal in json["service_at_locations"].as_array().unwrap() {
        assert!(services.contains(sal["service_id"].as_str().unwrap()));
        assert!(locations.contains(sal["location_id"].as_str().unwrap()));
    }
    let schedules = json["schedules"].as_array().unwrap();
    assert_eq!(schedules.len(), 2, "the home-delivered hours have no place to list");
    for sch in schedules {
        assert!(sals.contains(sch["service_at_location_id"].as_str().unwrap()));
        assert_eq!(sch["freq"], "WEEKLY");
    }
    let days: Vec<&str> = schedules.iter().map(|s| s["byday"].as_str().unwrap()).collect();
    assert_eq!(days, ["TU", "TH"]);
    let all: Vec<String> = ["organizations", "services", "locations", "service_at_locations", "schedules"]
        .iter()
        .flat_map(|k| ids(k))
        .collect();
    assert_eq!(all.len(), all.iter().collect::<HashSet<_>>().len(), "ids are unique across objects");
}

#[test]
fn hsds_export_marks_suspended_services_temporarily_closed_and_gives_pool_capacity() {
    let (_dir, db) = centre();
    let export = hsds::export(&reports::catalogue(db.conn(), d("2026-03-15")).unwrap(), d("2026-03-15"));
    let taxi = export.services.iter().find(|s| s.alternate_name == "TAXI").unwrap();
    assert_eq!(taxi.status, "temporarily closed");
    assert!(taxi.eligibility_description.contains("kryteriów"));
    // March: limit 6 (override), 2 + 4 granted.
    assert_eq!((taxi.capacities[0].maximum, taxi.capacities[0].available), (6, 0));
    assert_eq!(taxi.capacities[0].unit.name, "kurs");
    assert_eq!(taxi.cost_options[0].amount, 5.0);
    let club = export.services.iter().find(|s| s.alternate_name == "KLUB").unwrap();
    assert_eq!(club.status, "active");
    assert!(club.capacities.is_empty() && club.cost_options.is_empty());
    assert_eq!(club.fees_description, "Bezpłatna.");
    let address = &export.locations[0].addresses[0];
    assert_eq!(
        (address.address_1.as_str(), address.postal_code.as_str(), address.city.as_str()),
        ("ul. Radomska 2", "27-200", "Starachowice")
    );
}
