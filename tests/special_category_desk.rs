//! The desk at 80×24: the front desk opens a plan (F4) and sees its needs and the name of a
//! health service hidden, and the card with the application's health data hidden; the
//! coordinator sees them as written.

mod support;

use chrono::NaiveDate;
use okienko::domain::ipus::{LineContent, PlanContent};
use okienko::domain::plan::{Amount, Per};
use okienko::domain::resident::ResidentInput;
use okienko::domain::roles::Role;
use okienko::storage::applications::{self, ForResident};
use okienko::storage::{plans, staff};
use support::desk::{self, Desk, NO_COLOUR};

const HIDDEN: &str = "dane szczególnej kategorii";

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// One approved plan of community nursing (a health service) for "dojazdy do onkologa".
fn desk_as(login: &str) -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let mut db = okienko::session::create_centre(&dir.path().join("c.db"), "CUS Testowo").unwrap();
    db.write(|tx| {
        staff::add(tx, "test", "kasia", "Katarzyna Wiśniewska", &[Role::Koordynator], false)?;
        staff::add(tx, "test", "ola", "Aleksandra Mazur", &[Role::Recepcja], false)?;
        staff::add(tx, "test", "dyr", "", &[Role::Dyrektor], false)?;
        tx.execute_batch(
            "INSERT INTO service (id, code, name, unit, updated_at, updated_by)
                 VALUES (1, 'PIEL', 'Pielęgniarstwo środowiskowe', 'wizyta', 'x', 'x');
             INSERT INTO service_area (service_id, area) VALUES (1, 'promocja i ochrona zdrowia');",
        )?;
        Ok(())
    })
    .unwrap();
    let kasia = staff::identify(db.conn(), "kasia").unwrap();
    let dyr = staff::identify(db.conn(), "dyr").unwrap();
    let record = ResidentInput { first_name: "Łukasz".into(), last_name: "Żółć".into(), ..Default::default() }
        .validate()
        .unwrap();
    let input = support::plans::walk_in(d("2026-03-02"), "");
    let app = db.write(|tx| applications::register(tx, &kasia, ForResident::New(&record), &input)).unwrap();
    let content = PlanContent {
        period_start: d("2026-04-01"),
        period_end: d("2026-12-31"),
        needs: "dojazdy do onkologa".into(),
        expected_effects: String::new(),
        quality_check: String::new(),
        lines: vec![LineContent {
            service_id: 1,
            service_code: "PIEL".into(),
            service_name: "Pielęgniarstwo środowiskowe".into(),
            provider_id: None,
            provider_name: String::new(),
            amount: Amount { units: 2, per: Per::Month },
            cap: None,
            starts_on: d("2026-04-01"),
            ends_on: d("2026-12-31"),
            schedule: "wtorki".into(),
            place_form: "w domu mieszkańca".into(),
            scope: String::new(),
            resigned_on: None,
        }],
        actions: Vec::new(),
    };
    let (_, version) = db.write(|tx| plans::create_draft(tx, &kasia, app, &content, d("2026-03-10"))).unwrap();
    db.write(|tx| plans::submit(tx, &kasia, version, d("2026-03-10"))).unwrap();
    db.write(|tx| plans::approve(tx, &dyr, version, None, "", None)).unwrap();
    Desk::open(db, login, desk::options(NO_COLOUR, d("2026-03-10"))).keeping(dir)
}

/// Every pane of the opened plan, one after another.
fn opened_plan(login: &str) -> String {
    let mut desk = desk_as(login);
    desk.press("F4 enter");
    let mut screens = desk.text();
    for _ in 0..3 {
        desk.press("tab");
        screens.push_str(&desk.text());
    }
    screens
}

#[test]
fn the_front_desk_opens_a_plan_with_needs_and_health_services_hidden() {
    let coordinator = opened_plan("kasia");
    assert!(coordinator.contains("onkologa") && coordinator.contains("Pielęgniarstwo"), "{coordinator}");
    let front_desk = opened_plan("ola");
    assert!(front_desk.contains("Łukasz Żółć"), "{front_desk}");
    assert!(!front_desk.contains("onkolog") && !front_desk.contains("Pielęgn"), "{front_desk}");
    assert!(front_desk.contains(HIDDEN), "{front_desk}");
}

/// The resident's card (F2, the name, Enter) with the application's summary as filed.
fn card(login: &str) -> String {
    let mut desk = desk_as(login);
    desk.db.conn().execute("UPDATE application SET summary = 'chemioterapia, dojazdy do onkologa'", []).unwrap();
    desk.press("F2");
    desk.type_text("zolc");
    desk.press("enter");
    desk.text()
}

#[test]
fn the_front_desk_sees_the_card_with_the_applications_health_data_hidden() {
    let coordinator = card("kasia");
    assert!(coordinator.contains("chemioterapia"), "{coordinator}");
    let front_desk = card("ola");
    assert!(front_desk.contains("Karta mieszkańca") && front_desk.contains("Żółć"), "{front_desk}");
    assert!(!front_desk.contains("chemioterapia") && !front_desk.contains("onkolog"), "{front_desk}");
    assert!(front_desk.contains(HIDDEN), "{front_desk}");
}
