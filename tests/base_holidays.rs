//! Public holidays and temporary closures close a service in the base: its hours of the day,
//! "open now", the printed table and the HSDS catalogue.

mod support;

use chrono::{NaiveDateTime, NaiveTime};
use okienko::storage::services::{self, HoursInput, LocationInput};
use support::base::{Centre, centre, d};

fn at(day: &str, time: &str) -> NaiveDateTime {
    d(day).and_time(NaiveTime::parse_from_str(time, "%H:%M").unwrap())
}

/// A club open on Fridays 10–14, and a helpline open every Friday including holidays.
fn fridays() -> (Centre, i64, i64) {
    let mut c = centre();
    let club = c.service("KLUB", "Klub seniora", "godzina");
    let phone = c.service("TEL", "Telefon zaufania", "rozmowa");
    let place =
        c.db.write(|tx| {
            services::add_location(tx, "org", &LocationInput { name: "Siedziba CUS".into(), ..Default::default() })
        })
        .unwrap();
    for (service_id, on_holidays) in [(club, false), (phone, true)] {
        let hours = HoursInput {
            service_id,
            location_id: place,
            provider_id: None,
            weekday: 5,
            opens: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
            closes: NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
            valid_from: d("2026-01-01"),
            valid_to: None,
            on_holidays,
        };
        c.db.write(|tx| services::add_hours(tx, "org", &hours)).unwrap();
    }
    (c, club, phone)
}

#[test]
fn christmas_and_corpus_christi_close_a_service_unless_its_hours_hold_on_holidays() {
    let (c, club, phone) = fridays();
    for day in ["2026-12-25", "2026-06-05"] {
        let rows = okienko::storage::base::table(c.db.conn(), d(day), Some(at(day, "11:00"))).unwrap();
        let row = |id| rows.iter().find(|r| r.id == id).unwrap();
        if day == "2026-12-25" {
            assert!(row(club).hours_today.is_empty(), "{day}: {:?}", row(club).hours_today);
            assert_eq!(row(club).open_now, Some(false), "{day}");
        } else {
            assert_eq!(row(club).open_now, Some(true), "an ordinary Friday: {day}");
        }
        assert_eq!(row(phone).open_now, Some(true), "{day}");
        assert_eq!(row(phone).hours_today.len(), 1, "{day}");
    }
}

#[test]
fn a_temporary_closure_closes_the_service_and_is_told_with_its_reason() {
    let (c, club, phone) = fridays();
    let out = support::base::okienko(
        &c.path,
        "org",
        &["base", "close", "KLUB", "--from", "2026-07-01", "--to", "2026-07-31", "--reason", "remont sali"],
    );
    assert!(out.status.success(), "{}", support::base::text(&out).1);

    let rows = okienko::storage::base::table(c.db.conn(), d("2026-07-10"), Some(at("2026-07-10", "11:00"))).unwrap();
    let row = |id| rows.iter().find(|r| r.id == id).unwrap();
    assert_eq!(row(club).open_now, Some(false));
    assert!(row(club).hours_today.is_empty());
    assert_eq!(row(club).closure_today.as_ref().map(|c| c.reason.as_str()), Some("remont sali"));
    assert_eq!(row(phone).open_now, Some(true), "another service stays open");
    let after = okienko::storage::base::table(c.db.conn(), d("2026-08-07"), Some(at("2026-08-07", "11:00"))).unwrap();
    assert_eq!(after.iter().find(|r| r.id == club).unwrap().open_now, Some(true), "open again in August");

    let (stdout, stderr) = support::base::text(&support::base::okienko(
        &c.path,
        "rec",
        &["base", "--date", "2026-07-10", "--at", "11:00"],
    ));
    let line = stdout.lines().find(|l| l.starts_with("Klub seniora")).unwrap_or_else(|| panic!("{stdout}{stderr}"));
    assert!(line.contains("zamknięcie"), "{line}");
    assert!(stdout.contains("nieczynna od 2026-07-01 do 2026-07-31 — remont sali"), "{stdout}");
    let (stdout, _) =
        support::base::text(&support::base::okienko(&c.path, "rec", &["base", "show", "KLUB", "--date", "2026-06-20"]));
    assert!(stdout.contains("nieczynna od 2026-07-01 do 2026-07-31 — remont sali"), "a closure ahead shows: {stdout}");

    let out = support::base::okienko(
        &c.path,
        "org",
        &["base", "close", "KLUB", "--from", "2026-07-31", "--to", "2026-07-01", "--reason", "x"],
    );
    assert!(support::base::text(&out).1.contains("--to"), "{}", support::base::text(&out).1);
}

#[test]
fn the_printed_base_names_the_holiday() {
    let (c, _, _) = fridays();
    let (stdout, _) = support::base::text(&support::base::okienko(
        &c.path,
        "rec",
        &["base", "--date", "2026-12-25", "--at", "11:00"],
    ));
    let line = stdout.lines().find(|l| l.starts_with("Klub seniora")).unwrap();
    assert!(line.contains("święto"), "{line}");
    assert!(stdout.contains("2026-12-25 to święto (Boże Narodzenie)"), "{stdout}");
}

#[test]
fn hsds_lists_closures_and_says_weekly_hours_stop_on_holidays() {
    let (mut c, club, _) = fridays();
    let days = okienko::domain::period::DateRange { start: d("2026-07-01"), end: d("2026-07-31") };
    c.db.write(|tx| services::add_closure(tx, "org", club, days, "remont sali")).unwrap();
    let export = okienko::report::hsds::export(
        &okienko::storage::reports::catalogue(c.db.conn(), d("2026-06-15")).unwrap(),
        d("2026-06-15"),
    );
    let weekly: Vec<&str> =
        export.schedules.iter().filter(|s| s.freq.is_some()).map(|s| s.description.as_str()).collect();
    assert_eq!(weekly.len(), 2, "{weekly:?}");
    assert_eq!(
        weekly.iter().filter(|d| d.contains("nieczynne w dni ustawowo wolne od pracy")).count(),
        1,
        "{weekly:?}"
    );
    let closure = export.schedules.iter().find(|s| s.freq.is_none()).expect("the closure is a schedule");
    assert_eq!((closure.valid_from.as_str(), closure.valid_to.as_deref()), ("2026-07-01", Some("2026-07-31")));
    assert!(closure.description.contains("remont sali"), "{}", closure.description);
}
