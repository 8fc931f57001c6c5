//! Issue 11 at the desk, 80×24: the organiser qualifies an applicant for one service from the
//! resident card, records a refusal, and puts the application on the waiting list when nothing
//! is left — each confirmed, each through the same storage functions as the command line.

mod support;

use chrono::NaiveDate;
use okienko::domain::ipus::PlanContent;
use okienko::domain::plan::Per;
use okienko::domain::resident::ResidentInput;
use okienko::domain::roles::Role;
use okienko::storage::applications::{self, ForResident};
use okienko::storage::{Db, plans, staff};
use support::desk::{self, Desk, NO_COLOUR};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const TODAY: &str = "2026-12-01";

/// Care (OPI) pooled per provider (Caritas 20 h a month, Opiekunki 5), taxi (TAXI) with nothing
/// left, and Zofia Nowak's application filed on 2026-11-20.
fn desk(login: &str) -> (Desk, i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut db = okienko::session::create_centre(&dir.path().join("c.db"), "CUS Testowo").unwrap();
    db.write(|tx| {
        staff::add(tx, "test", "org", "Olga Organizator", &[Role::Organizator], true)?;
        staff::add(tx, "test", "koord", "Karol Koordynator", &[Role::Koordynator], false)?;
        tx.execute_batch(
            "INSERT INTO provider (id, name, kind) VALUES (1, 'Caritas', 'ngo'), (2, 'Opiekunki', 'firma');
             INSERT INTO service (id, code, name, unit, updated_at, updated_by)
                 VALUES (1, 'OPI', 'Usługi opiekuńcze', 'godzina', 'x', 'x'), (2, 'TAXI', 'Taxi senioralne', 'kurs', 'x', 'x');
             INSERT INTO capacity_pool (service_id, provider_id, period_kind, units_limit, valid_from, updated_at, updated_by)
                 VALUES (1, 1, 'month', 20, '2026-01-01', 'x', 'x'), (1, 2, 'month', 5, '2026-01-01', 'x', 'x'),
                        (2, NULL, 'month', 0, '2026-01-01', 'x', 'x');",
        )?;
        Ok(())
    })
    .unwrap();
    let koord = staff::identify(db.conn(), "koord").unwrap();
    let record = ResidentInput { first_name: "Zofia".into(), last_name: "Nowak".into(), ..Default::default() }
        .validate()
        .unwrap();
    let input = support::plans::walk_in(d("2026-11-20"), "opieka w domu");
    let app = db.write(|tx| applications::register(tx, &koord, ForResident::New(&record), &input)).unwrap();
    let mut desk = Desk::open(db, login, desk::options(NO_COLOUR, d(TODAY))).keeping(dir);
    desk.type_text("nowak");
    desk.press("enter");
    (desk, app)
}

/// Moves the picker's marker to the row naming `name`.
fn choose(desk: &mut Desk, name: &str) {
    for _ in 0..10 {
        if desk.selected_line().contains(name) {
            return;
        }
        desk.press("down");
    }
    panic!("no {name} in the picker:\n{}", desk.text());
}

fn count(db: &Db, sql: &str) -> i64 {
    db.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn the_organiser_qualifies_from_the_card_seeing_what_each_provider_has_left_and_confirms() {
    let (mut desk, _) = desk("org");
    desk.press("alt-k");
    let picker = desk.text();
    assert!(picker.contains("Zofia Nowak") && picker.contains("Usługi opiekuńcze"), "{picker}");
    assert!(picker.contains("BRAK MIEJSC"), "taxi has nothing left:\n{picker}");
    choose(&mut desk, "Usługi opiekuńcze");
    desk.press("enter");
    let form = desk.text();
    assert!(form.contains("Zakwalifikowanie do usługi bez IPUS"), "{form}");
    assert!(form.contains("Caritas — zostało: 2026-12 20"), "{form}");
    assert!(form.contains("Opiekunki — zostało: 2026-12 5"), "{form}");
    insta::assert_snapshot!("qualification_form", form);
    // Nothing is filled in: the first Enter refuses the amount and puts the cursor on it.
    desk.press("enter");
    assert!(desk.text().contains("! ilość:"), "{}", desk.text());
    desk.type_text("8");
    desk.press("shift-tab");
    desk.type_text("Cari");
    desk.press("tab tab tab");
    desk.type_text("2026-12-01");
    desk.press("tab");
    desk.type_text("2027-02-28");
    desk.press("tab");
    desk.type_text("2026-11-30");
    desk.press("tab");
    desk.type_text("bezpłatnie");
    desk.press("enter");
    let question = desk.text();
    assert!(question.contains("Zofia Nowak · Usługi opiekuńcze"), "{question}");
    assert!(question.contains("zakwalifikowanie bez IPUS: 8 /"), "{question}");
    assert!(question.contains("miesiąc od 2026-12-01 do 2027-02-28"), "{question}");
    assert_eq!(count(&desk.db, "SELECT count(*) FROM qualification"), 0, "nothing before yes");
    desk.press("right enter");
    assert_eq!(count(&desk.db, "SELECT count(*) FROM qualification WHERE provider_id = 1 AND amount = 8"), 1);
    let card = desk.text();
    assert!(card.contains("Zakwalifikowano do usługi"), "{card}");
    assert!(card.contains("Usługi opiekuńcze: 8 godzina / miesiąc 2026-12-01–2027-02-28"), "{card}");
}

#[test]
fn the_services_picker_narrows_as_one_types_and_letters_start_no_search() {
    let (mut desk, _) = desk("org");
    desk.press("alt-k");
    desk.type_text("taxi");
    let picker = desk.text();
    insta::assert_snapshot!("qualification_picker_narrowed", picker);
    assert!(picker.contains("Filtr: taxi") && picker.contains("Taxi senioralne"), "{picker}");
    assert!(!picker.contains("Usługi opiekuńcze"), "narrowed to the taxi:\n{picker}");
    desk.press("enter");
    assert!(desk.text().contains("Wpis na listę oczekujących"), "nothing left: {}", desk.text());
}

#[test]
fn more_than_the_provider_has_left_is_refused_in_the_form() {
    let (mut desk, _) = desk("org");
    desk.press("alt-k");
    choose(&mut desk, "Usługi opiekuńcze");
    desk.press("enter");
    desk.type_text("Opiekunki");
    desk.press("tab");
    desk.type_text("6");
    desk.press("tab tab");
    desk.type_text("2026-12-01");
    desk.press("tab");
    desk.type_text("2026-12-31");
    desk.press("tab");
    desk.type_text("2026-11-30");
    desk.press("enter right enter");
    let screen = desk.text();
    assert!(screen.contains("brak miejsc") && screen.contains("pozostało 5"), "{screen}");
    assert_eq!(count(&desk.db, "SELECT count(*) FROM qualification"), 0);
}

#[test]
fn with_nothing_left_the_desk_offers_the_waiting_list_instead() {
    let (mut desk, app) = desk("org");
    desk.press("alt-k");
    choose(&mut desk, "Taxi senioralne");
    desk.press("enter");
    let form = desk.text();
    assert!(form.contains("Wpis na listę oczekujących") && form.contains("Brak miejsc w puli"), "{form}");
    desk.type_text("4");
    desk.press("enter");
    assert!(desk.text().contains("oczekujących: 4 jedn."), "{}", desk.text());
    desk.press("right enter");
    let sql = format!("SELECT count(*) FROM waitlist_entry WHERE application_id = {app} AND units = 4");
    assert_eq!(count(&desk.db, &sql), 1);
}

#[test]
fn a_refusal_is_typed_never_guessed_and_its_confirmation_names_the_appeal_deadline() {
    let (mut desk, app) = desk("org");
    desk.press("alt-d");
    choose(&mut desk, "Usługi opiekuńcze");
    desk.press("enter");
    let form = desk.text();
    assert!(form.contains("Odmowa zakwalifikowania") && form.contains("14 dni"), "{form}");
    insta::assert_snapshot!("refusal_form", form);
    desk.type_text("CUS.4011.7.2026");
    desk.press("tab");
    desk.type_text("2026-11-28");
    desk.press("tab");
    desk.type_text("nie spełnia kryterium wieku programu");
    desk.press("enter");
    let question = desk.text();
    assert!(
        question.contains("Zofia Nowak") && question.contains("odwołanie można złożyć do 2026-12-12"),
        "{question}"
    );
    desk.press("right enter");
    let sql = format!("SELECT count(*) FROM qualification_refusal WHERE application_id = {app}");
    assert_eq!(count(&desk.db, &sql), 1);
}

#[test]
fn only_who_the_permission_table_allows_qualifies_at_the_desk() {
    let (mut desk, _) = desk("koord");
    desk.press("alt-k");
    assert!(desk.text().contains("Błąd") || desk.text().contains("uprawnie"), "{}", desk.text());
    assert!(!desk.text().contains("Wybierz usługę"), "{}", desk.text());
}

/// A taxi pool of 10 a month of which an approved plan holds 8, and Łukasz Żółć's draft asking
/// for 3 a month: his line does not fit.
fn editor_desk() -> (Desk, i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut db = okienko::session::create_centre(&dir.path().join("c.db"), "CUS Testowo").unwrap();
    db.write(|tx| {
        staff::add(tx, "test", "kasia", "Katarzyna Wiśniewska", &[Role::Koordynator], false)?;
        staff::add(tx, "test", "dyr", "Dorota Dyrektor", &[Role::Dyrektor], false)?;
        tx.execute_batch(
            "INSERT INTO service (id, code, name, unit, updated_at, updated_by) VALUES (1, 'TAXI', 'Taxi senioralne', 'kurs', 'x', 'x');
             INSERT INTO capacity_pool (service_id, period_kind, units_limit, valid_from, updated_at, updated_by)
                 VALUES (1, 'month', 10, '2026-01-01', 'x', 'x');",
        )?;
        Ok(())
    })
    .unwrap();
    let me = staff::identify(db.conn(), "kasia").unwrap();
    let dyr = staff::identify(db.conn(), "dyr").unwrap();
    let mut draft_for = |first: &str, last: &str, filed: &str, units: u32| -> (i64, i64) {
        let record = ResidentInput { first_name: first.into(), last_name: last.into(), ..Default::default() }
            .validate()
            .unwrap();
        let input = support::plans::walk_in(d(filed), "");
        let app = db.write(|tx| applications::register(tx, &me, ForResident::New(&record), &input)).unwrap();
        let content = PlanContent {
            period_start: d("2026-12-01"),
            period_end: d("2027-05-31"),
            needs: "dojazdy do lekarza".into(),
            expected_effects: String::new(),
            quality_check: String::new(),
            lines: vec![support::plans::taxi_line(units, d("2026-12-01"), d("2027-05-31"))],
            actions: Vec::new(),
        };
        let (_, version) = db.write(|tx| plans::create_draft(tx, &me, app, &content, d(TODAY))).unwrap();
        (app, version)
    };
    let (_, other) = draft_for("Anna", "Nowak", "2026-11-02", 8);
    let (app, _) = draft_for("Łukasz", "Żółć", "2026-11-25", 3);
    db.write(|tx| plans::submit(tx, &me, other, d(TODAY))).unwrap();
    db.write(|tx| plans::approve(tx, &dyr, other, None, "", None)).unwrap();
    (Desk::open(db, "kasia", desk::options(NO_COLOUR, d(TODAY))).keeping(dir), app)
}

#[test]
fn a_line_with_nothing_left_puts_the_plans_application_on_the_waiting_list_from_the_editor() {
    let (mut desk, app) = editor_desk();
    desk.press("F4 tab");
    choose(&mut desk, "Żółć");
    desk.press("enter tab tab tab");
    assert!(desk.selected_line().contains("Taxi senioralne"), "{}", desk.text());
    assert!(desk.text().contains("BRAK MIEJSC"), "{}", desk.text());
    desk.press("alt-l");
    let question = desk.text();
    assert!(question.contains("Łukasz Żółć") && question.contains("Taxi senioralne"), "{question}");
    assert!(question.contains("wpis na listę") && question.contains("oczekujących: 3 jedn."), "{question}");
    let sql = format!("SELECT count(*) FROM waitlist_entry WHERE application_id = {app} AND units = 3");
    desk.press("enter");
    assert_eq!(count(&desk.db, &sql), 0, "the safe answer is the default");
    desk.press("alt-l right enter");
    assert_eq!(count(&desk.db, &sql), 1);
    assert!(desk.text().contains("Wpisano na listę oczekujących"), "{}", desk.text());
}

#[test]
fn the_base_records_usage_against_a_qualification_by_its_number() {
    let (mut desk, app) = desk("org");
    let org = staff::identify(desk.db.conn(), "org").unwrap();
    let grant = okienko::storage::qualifications::Grant {
        application_id: app,
        service_id: 1,
        provider_id: Some(1),
        draft: okienko::domain::qualification::QualificationDraft {
            units: 4,
            per: Per::Month,
            starts_on: d("2026-11-25"),
            ends_on: d("2027-01-31"),
            fee_note: String::new(),
            declaration_on: d("2026-11-25"),
        },
        queue_reason: None,
    };
    let id = desk.db.write(|tx| okienko::storage::qualifications::qualify(tx, &org, &grant, d(TODAY))).unwrap();
    let mut desk = desk.at(d(TODAY).and_hms_opt(10, 0, 0).unwrap());
    desk.press("F3");
    desk.tick();
    desk.press("alt-u tab tab tab");
    desk.type_text("3");
    desk.press("tab tab");
    desk.type_text(&id.to_string());
    desk.press("enter");
    let sql = format!("SELECT coalesce(sum(units), 0) FROM usage_record WHERE qualification_id = {id}");
    assert_eq!(count(&desk.db, &sql), 3, "{}", desk.text());
    // Past what it grants this month: refused, naming the qualification.
    desk.press("alt-u tab tab tab");
    desk.type_text("2");
    desk.press("tab tab");
    desk.type_text(&id.to_string());
    desk.press("enter");
    assert!(desk.text().contains(&format!("zakwalifikowanie nr {id}")), "{}", desk.text());
    assert_eq!(count(&desk.db, &sql), 3);
}

#[test]
fn ahead_of_people_waiting_the_form_asks_why_and_keeps_the_reason() {
    let (mut desk, app) = desk("org");
    let koord = staff::identify(desk.db.conn(), "koord").unwrap();
    let record = ResidentInput { first_name: "Jan".into(), last_name: "Wcześniejszy".into(), ..Default::default() }
        .validate()
        .unwrap();
    let input = support::plans::walk_in(d("2026-10-01"), "");
    desk.db
        .write(|tx| {
            let earlier = applications::register(tx, &koord, ForResident::New(&record), &input)?;
            okienko::storage::waitlist::join(tx, &koord, earlier, 1, 2)
        })
        .unwrap();
    desk.press("alt-k");
    choose(&mut desk, "Usługi opiekuńcze");
    desk.press("enter");
    let form = desk.text();
    assert!(form.contains("Powód pierwszeństwa") && form.contains("1 os., pierwszy wniosek z 2026-10-01"), "{form}");
    desk.type_text("Caritas");
    desk.press("tab");
    desk.type_text("2");
    desk.press("tab tab");
    desk.type_text("2026-12-01");
    desk.press("tab");
    desk.type_text("2026-12-31");
    desk.press("tab");
    desk.type_text("2026-11-30");
    desk.press("enter right enter");
    assert!(desk.text().contains("Jan Wcześniejszy"), "{}", desk.text());
    assert_eq!(count(&desk.db, "SELECT count(*) FROM qualification"), 0);
    desk.press("esc tab tab");
    desk.type_text("wypis ze szpitala, opieka od zaraz");
    desk.press("enter right enter");
    let sql = format!(
        "SELECT count(*) FROM waitlist_bypass b JOIN qualification q ON q.id = b.qualification_id
         WHERE q.application_id = {app} AND b.reason = 'wypis ze szpitala, opieka od zaraz'"
    );
    assert_eq!(count(&desk.db, &sql), 1, "{}", desk.text());
}
