//! The resident's fee per unit beside each plan line in the editor, from the programme in force,
//! as the printed plan states it.

mod support;

use chrono::NaiveDate;
use okienko::domain::ipus::PlanContent;
use okienko::domain::resident::ResidentInput;
use okienko::domain::roles::Role;
use okienko::storage::applications::{self, ForResident};
use okienko::storage::centre::{self, FeeInput, ProgrammeChanges};
use okienko::storage::{plans, staff};
use support::desk::{self, Desk, NO_COLOUR};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const TODAY: &str = "2026-03-10";

/// A centre whose programme charges `fee` per taxi ride, and a draft for Łukasz Żółć with one
/// taxi line; with `submitted` the draft waits for approval and is read only.
fn desk(fee: FeeInput, submitted: bool) -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let mut db = okienko::session::create_centre(&dir.path().join("c.db"), "CUS Testowo").unwrap();
    db.write(|tx| {
        staff::add(tx, "test", "kasia", "Katarzyna Wiśniewska", &[Role::Koordynator], false)?;
        tx.execute_batch(
            "INSERT INTO service (id, code, name, unit, updated_at, updated_by) VALUES (1, 'TAXI', 'Taxi senioralne', 'kurs', 'x', 'x');",
        )?;
        let programme = centre::add_programme(
            tx,
            "test",
            &ProgrammeChanges {
                name: Some("PUS 2026".into()),
                starts_on: Some(d("2026-01-01")),
                ends_on: Some(d("2026-12-31")),
                ..ProgrammeChanges::default()
            },
        )?;
        centre::set_service(tx, "test", programme, 1, 10, &fee)
    })
    .unwrap();
    let me = staff::identify(db.conn(), "kasia").unwrap();
    let record = ResidentInput { first_name: "Łukasz".into(), last_name: "Żółć".into(), ..Default::default() }
        .validate()
        .unwrap();
    let input = support::plans::walk_in(d("2026-03-02"), "");
    let app = db.write(|tx| applications::register(tx, &me, ForResident::New(&record), &input)).unwrap();
    let content = PlanContent {
        period_start: d("2026-04-01"),
        period_end: d("2026-12-31"),
        needs: "dojazdy do lekarza".into(),
        expected_effects: String::new(),
        quality_check: String::new(),
        lines: vec![support::plans::taxi_line(3, d("2026-04-01"), d("2026-12-31"))],
        actions: Vec::new(),
    };
    let (_, draft) = db.write(|tx| plans::create_draft(tx, &me, app, &content, d(TODAY))).unwrap();
    if submitted {
        db.write(|tx| plans::submit(tx, &me, draft, d(TODAY))).unwrap();
    }
    Desk::open(db, "kasia", desk::options(NO_COLOUR, d(TODAY))).keeping(dir)
}

#[test]
fn each_plan_line_shows_the_residents_flat_fee_per_unit_at_80_by_24() {
    let mut desk = desk(FeeInput::Flat(500), false);
    desk.press("F4 down enter tab tab tab");
    let screen = desk.text_at(80, 24);
    assert!(screen.contains("▶1. Taxi senioralne"), "{screen}");
    assert!(screen.contains("opłata: 5,00 zł / kurs"), "{screen}");
}

#[test]
fn a_free_service_says_so_beside_its_line() {
    let mut desk = desk(FeeInput::Free, false);
    desk.press("F4 down enter tab tab tab");
    let screen = desk.text_at(80, 24);
    assert!(screen.contains("bezpłatna"), "{screen}");
    assert!(!screen.contains("opłata:"), "{screen}");
}

#[test]
fn the_line_detail_of_a_read_only_version_gives_the_fee_and_its_reason() {
    let mut desk = desk(FeeInput::Flat(500), true);
    desk.press("F4 down enter tab tab tab enter");
    let screen = desk.text_at(80, 24);
    assert!(screen.contains("Taxi senioralne (TAXI)"), "{screen}");
    assert!(screen.contains("opłata: 5,00 zł / kurs"), "{screen}");
    assert!(screen.contains("opłata stała"), "{screen}");
}
