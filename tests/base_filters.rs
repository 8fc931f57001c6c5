//! Filtering and sorting the service base, and the organiser's edits showing in it.

mod support;

use chrono::NaiveTime;
use okienko::domain::period::PeriodKind;
use okienko::storage::base::{self, Filter, OpenFilter, ServiceRow, SortKey};
use okienko::storage::services::{self, HoursInput, LocationInput, ProviderInput, ServiceInput};
use support::base::{centre, d};

struct Base {
    centre: support::base::Centre,
    rows: Vec<ServiceRow>,
    caritas: i64,
}

fn t(h: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, 0, 0).unwrap()
}

/// Three services in two gminas: a club in Brody open on Mondays, care at home in Pawłów on
/// weekdays from Caritas, and a suspended Łódź workshop with a fee.
fn sample() -> Base {
    let mut c = centre();
    let (caritas, brody, pawlow) =
        c.db.write(|tx| {
            tx.execute_batch(
                "INSERT INTO gmina (id, name) VALUES (1, 'Brody'), (2, 'Pawłów');
                 INSERT INTO village (id, gmina_id, name) VALUES (1, 1, 'Adamów'), (2, 2, 'Pawłów');",
            )?;
            let caritas = services::add_provider(
                tx,
                "org",
                &ProviderInput { name: "Caritas Diecezji".into(), kind: "ngo".into(), ..Default::default() },
            )?;
            let brody = services::add_location(
                tx,
                "org",
                &LocationInput { name: "Świetlica w Adamowie".into(), village_id: Some(1), ..Default::default() },
            )?;
            let pawlow = services::add_location(
                tx,
                "org",
                &LocationInput {
                    name: "Dom mieszkańca".into(),
                    village_id: Some(2),
                    kind: "dom".into(),
                    ..Default::default()
                },
            )?;
            Ok((caritas, brody, pawlow))
        })
        .unwrap();
    let club = c.service("KLUB", "Klub seniora", "spotkanie");
    let care =
        c.db.write(|tx| {
            services::add_service(
                tx,
                "org",
                &ServiceInput {
                    code: "OPI".into(),
                    name: "Usługi opiekuńcze".into(),
                    unit: "godzina".into(),
                    default_provider_id: Some(caritas),
                    areas: vec!["pomoc społeczna".into()],
                    target_groups: vec!["osoby niesamodzielne".into()],
                    delivery_days: 14,
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let workshop =
        c.db.write(|tx| {
            services::add_service(
                tx,
                "org",
                &ServiceInput {
                    code: "WARS".into(),
                    name: "Warsztaty w Łodzi".into(),
                    unit: "zajęcia".into(),
                    fee_grosze: 1250,
                    access_rule: "odplatnosc_czesciowa".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let hours = |service_id, location_id, weekday, opens, closes| HoursInput {
        service_id,
        location_id,
        provider_id: None,
        weekday,
        opens: t(opens),
        closes: t(closes),
        valid_from: d("2026-01-01"),
        valid_to: None,
        on_holidays: false,
    };
    c.db.write(|tx| {
        services::add_hours(tx, "org", &hours(club, brody, 1, 10, 14))?;
        for day in 1..=5 {
            services::add_hours(tx, "org", &hours(care, pawlow, day, 7, 19))?;
        }
        services::add_hours(tx, "org", &hours(workshop, brody, 3, 16, 18))?;
        services::set_suspended(tx, "org", workshop, true)
    })
    .unwrap();
    c.pool(club, PeriodKind::Month, 20, "2026-01-01");
    c.line(club, 20, "month", None, "2026-01-01", "2026-12-31");
    c.pool(care, PeriodKind::Month, 100, "2026-01-01");
    c.line(care, 6, "week", None, "2026-04-01", "2026-12-31");
    let at = d("2026-11-23").and_time(t(11));
    let rows = base::table(c.db.conn(), d("2026-11-23"), Some(at)).unwrap();
    Base { centre: c, rows, caritas }
}

fn codes(rows: &[&ServiceRow]) -> Vec<String> {
    rows.iter().map(|r| r.code.clone()).collect()
}

#[test]
fn text_filter_ignores_case_and_polish_letters() {
    let b = sample();
    let f = |text: &str| codes(&Filter { text: text.into(), ..Default::default() }.apply(&b.rows));
    assert_eq!(f("lodz"), ["WARS"]);
    assert_eq!(f("USLUGI opiek"), ["OPI"]);
    assert_eq!(f("caritas"), ["OPI"], "by provider");
    assert_eq!(f("swietlica"), ["KLUB", "WARS"], "by place");
    assert_eq!(f(""), ["KLUB", "OPI", "WARS"]);
}

#[test]
fn filters_by_area_group_place_and_provider() {
    let b = sample();
    let area = Filter { area: Some("pomoc społeczna".into()), ..Default::default() };
    assert_eq!(codes(&area.apply(&b.rows)), ["OPI"]);
    let group = Filter { target_group: Some("seniorzy".into()), ..Default::default() };
    assert_eq!(codes(&group.apply(&b.rows)), ["KLUB"]);
    let gmina = Filter { place: Some("pawlow".into()), ..Default::default() };
    assert_eq!(codes(&gmina.apply(&b.rows)), ["OPI"]);
    let village = Filter { place: Some("Adamów".into()), ..Default::default() };
    assert_eq!(codes(&village.apply(&b.rows)), ["KLUB", "WARS"]);
    let provider = Filter { provider_id: Some(b.caritas), ..Default::default() };
    assert_eq!(codes(&provider.apply(&b.rows)), ["OPI"]);
}

#[test]
fn filters_by_opening_on_a_day_or_at_a_moment() {
    let b = sample();
    let wednesday = Filter { open: Some(OpenFilter::On(d("2026-11-25"))), ..Default::default() };
    assert_eq!(codes(&wednesday.apply(&b.rows)), ["OPI", "WARS"]);
    let saturday = Filter { open: Some(OpenFilter::On(d("2026-11-28"))), ..Default::default() };
    assert!(saturday.apply(&b.rows).is_empty());
    let monday_late = Filter { open: Some(OpenFilter::At(d("2026-11-23").and_time(t(15)))), ..Default::default() };
    assert_eq!(codes(&monday_late.apply(&b.rows)), ["OPI"]);
    let open_now: Vec<Option<bool>> = b.rows.iter().map(|r| r.open_now).collect();
    assert_eq!(open_now, [Some(true), Some(true), Some(false)]);
}

#[test]
fn has_remaining_leaves_out_full_and_suspended_services() {
    let b = sample();
    let f = Filter { has_remaining: true, ..Default::default() };
    assert_eq!(codes(&f.apply(&b.rows)), ["OPI"]);
}

#[test]
fn sorts_by_any_column_either_way() {
    let b = sample();
    let mut rows: Vec<&ServiceRow> = b.rows.iter().collect();
    base::sort_rows(&mut rows, SortKey::Remaining, false);
    assert_eq!(codes(&rows), ["KLUB", "OPI", "WARS"], "no limit sorts last");
    base::sort_rows(&mut rows, SortKey::Granted, true);
    assert_eq!(codes(&rows), ["OPI", "KLUB", "WARS"]);
    base::sort_rows(&mut rows, SortKey::Name, false);
    assert_eq!(codes(&rows), ["KLUB", "OPI", "WARS"]);
    base::sort_rows(&mut rows, SortKey::Fee, true);
    assert_eq!(codes(&rows)[0], "WARS");
    base::sort_rows(&mut rows, SortKey::Status, false);
    assert_eq!(codes(&rows), ["OPI", "KLUB", "WARS"], "OK, then none left, then suspended");
    for key in SortKey::ALL {
        assert_eq!(SortKey::from_code(key.code()), Some(key));
    }
}

#[test]
fn the_fee_is_said_in_words_and_zloty() {
    let b = sample();
    let fees: Vec<&str> = b.rows.iter().map(|r| r.fee.as_str()).collect();
    assert_eq!(fees, ["bezpłatna", "bezpłatna", "12,50 zł / zajęcia"]);
}

#[test]
fn the_detail_lists_hours_pools_and_time_to_delivery() {
    let b = sample();
    let snap = base::load_day(b.centre.db.conn(), d("2026-11-23")).unwrap();
    let care = b.rows.iter().find(|r| r.code == "OPI").unwrap();
    let detail = base::detail(&snap, care).unwrap();
    assert_eq!(detail.delivery_days, 14);
    assert_eq!(detail.row.hours.len(), 5);
    assert_eq!(detail.row.hours[0].place, "Dom mieszkańca");
    assert_eq!((detail.row.pools[0].current.label.as_str(), detail.row.pools[0].current.granted), ("2026-11", 26));
    assert_eq!((detail.row.pools[0].next.label.as_str(), detail.row.pools[0].next.granted), ("2026-12", 27));
    assert_eq!(detail.row.hours_today.len(), 1);
}

#[test]
fn every_edit_is_audited_and_stamps_the_service() {
    let mut b = sample();
    let care = b.rows.iter().find(|r| r.code == "OPI").unwrap().id;
    let mut input = ServiceInput {
        code: "OPI".into(),
        name: "Usługi opiekuńcze w domu".into(),
        unit: "godzina".into(),
        ..Default::default()
    };
    b.centre.db.write(|tx| services::edit_service(tx, "org", care, &input)).unwrap();
    let hours_id: i64 = b
        .centre
        .db
        .conn()
        .query_row("SELECT min(id) FROM opening_hours WHERE service_id = ?1", [care], |r| r.get(0))
        .unwrap();
    b.centre.db.write(|tx| services::end_hours(tx, "org", hours_id, d("2026-11-30"))).unwrap();
    let audit = okienko::storage::audit::entries(b.centre.db.conn(), None, Some("org"), 50).unwrap();
    let target = format!("service:{care}");
    let details: Vec<&str> = audit.iter().filter(|e| e.target == target).map(|e| e.detail.as_str()).collect();
    assert!(details.contains(&"edycja usługi"), "{details:?}");
    assert!(details.iter().any(|d| d.contains("do 2026-11-30")), "{details:?}");
    assert!(details.iter().any(|d| d.starts_with("godziny:")), "{details:?}");
    let row = base::table(b.centre.db.conn(), d("2026-11-23"), None).unwrap();
    let row = row.iter().find(|r| r.id == care).unwrap();
    assert_eq!((row.name.as_str(), row.updated_by.as_str()), ("Usługi opiekuńcze w domu", "org"));
    assert!(row.areas.is_empty(), "lists are replaced by the edit");

    input.code = "KLUB".into();
    let err = b.centre.db.write(|tx| services::edit_service(tx, "org", care, &input)).unwrap_err();
    assert!(err.to_string().contains("kod: usługa o kodzie KLUB już istnieje"), "{err}");
    input.code = "OPI".into();
    input.access_rule = "dla wybranych".into();
    let err = b.centre.db.write(|tx| services::edit_service(tx, "org", care, &input)).unwrap_err();
    assert!(err.to_string().starts_with("zasady dostępu:"), "{err}");
}

#[test]
fn a_filter_line_names_fields_with_prefixes() {
    let b = sample();
    let f = |line: &str| codes(&Filter::parse_line(line).apply(&b.rows));
    assert_eq!(f("obszar:pomoc"), ["OPI"]);
    assert_eq!(f("grupa:senior"), ["KLUB"]);
    assert_eq!(f("Miejsce:pawlow"), ["OPI"]);
    assert_eq!(f("miejsce:adamow klub"), ["KLUB"]);
    assert_eq!(f("dzień:2026-11-25"), ["OPI", "WARS"]);
    assert_eq!(f("dzien:2026-11-28"), Vec::<String>::new());
    assert_eq!(Filter::parse_line("dzień:jutro opieka").text, "dzień:jutro opieka", "not a date: searched as text");
}
