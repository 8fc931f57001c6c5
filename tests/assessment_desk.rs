//! The full needs assessment (the Starachowice IDP) at the desk, 80×24 and 80×23: the long form
//! from the card (alt-a), scrolled to its rows of services, a refusal with the focus on the
//! field, the front desk's form without the assessment and its special-category fields, and
//! what the desk saves compared with what `application assess` saves for the same answers.

mod support;

use chrono::NaiveDate;
use okienko::domain::resident::ResidentInput;
use okienko::domain::roles::Role;
use okienko::storage::applications::{self, AssessmentInput};
use okienko::storage::{Db, staff};
use support::desk::{self, Desk, NO_COLOUR};

/// The CLI's day too, so that both record the interview on the same day.
const TODAY: &str = support::cli::TODAY;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A centre with a coordinator, the front desk, two services and Łukasz Żółć registered.
fn centre(dir: &std::path::Path) -> Db {
    let mut db = okienko::session::create_centre(&dir.join("c.db"), "CUS Testowo").unwrap();
    db.write(|tx| {
        staff::add(tx, "test", "kasia", "Katarzyna Wiśniewska", &[Role::Koordynator], false)?;
        staff::add(tx, "test", "ola", "Aleksandra Mazur", &[Role::Recepcja], false)?;
        tx.execute_batch(
            "INSERT INTO service (id, code, name, unit, updated_at, updated_by) VALUES (1, 'TAXI', 'Taxi senioralne', 'kurs', 'x', 'x');
             INSERT INTO service (id, code, name, unit, updated_at, updated_by) VALUES (2, 'OPIEKA', 'Usługi opiekuńcze', 'godzina', 'x', 'x');",
        )?;
        Ok(())
    })
    .unwrap();
    let person = ResidentInput { first_name: "Łukasz".into(), last_name: "Żółć".into(), ..Default::default() };
    support::centre::add_resident(&mut db, &person);
    db
}

fn desk_as(login: &str) -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let db = centre(dir.path());
    Desk::open(db, login, desk::options(NO_COLOUR, d(TODAY))).keeping(dir)
}

/// The card of Łukasz Żółć with the application form open.
fn form_as(login: &str) -> Desk {
    let mut desk = desk_as(login);
    desk.type_text("zolc");
    desk.press("enter alt-a");
    desk
}

fn tabs(desk: &mut Desk, n: usize) {
    desk.press(&["tab"; 64][..n].join(" "));
}

/// Every screen of the form from its top to its last field, at `height` rows.
fn all_screens(desk: &mut Desk, height: u16) -> String {
    let mut screens = desk.text_at(80, height);
    for _ in 0..40 {
        desk.press("tab");
        screens.push('\n');
        screens.push_str(&desk.text_at(80, height));
    }
    screens
}

#[test]
fn the_form_opens_at_its_top_with_the_required_fields_marked_and_more_below() {
    let desk = form_as("kasia");
    for height in [24, 23] {
        let screen = desk.text_at(80, height);
        assert!(screen.contains("Wniosek i diagnoza potrzeb"), "{screen}");
        assert!(screen.contains("▶Data złożenia*") && screen.contains(TODAY), "{screen}");
        assert!(screen.contains("Czego dotyczy wniosek*"), "{screen}");
        assert!(screen.contains("↓ więcej"), "the form goes on below: {screen}");
        assert!(screen.contains("Alt-s zapisz"), "the save key is named: {screen}");
    }
    insta::assert_snapshot!("assessment_form_top", desk.text());
}

#[test]
fn tabbing_down_scrolls_to_the_rows_of_services_with_their_keys() {
    let mut desk = form_as("kasia");
    tabs(&mut desk, 20);
    desk.type_text("Opieka");
    for height in [24, 23] {
        let screen = desk.text_at(80, height);
        assert!(screen.contains("Usługi obecne"), "{screen}");
        assert!(
            screen.contains("Usługa") && screen.contains("Jednostka") && screen.contains("Częstotliwość"),
            "{screen}"
        );
        assert!(screen.contains("▶ 1.Opieka"), "the focused row: {screen}");
        assert!(screen.contains("↑↓ więcej"), "more above and below: {screen}");
        assert!(screen.contains("Alt-n dodaj wiersz"), "the row keys are named: {screen}");
    }
    desk.press("alt-n");
    desk.type_text("Taxi");
    let screen = desk.text();
    assert!(screen.contains("│  1.Opieka") && screen.contains("▶ 2.Taxi"), "{screen}");
    insta::assert_snapshot!("assessment_form_rows", screen);
}

#[test]
fn a_service_of_a_row_is_picked_from_the_base_as_typed() {
    let mut desk = form_as("kasia");
    tabs(&mut desk, 24);
    desk.type_text("tax");
    desk.press("alt-k");
    let screen = desk.text();
    assert!(screen.contains("Filtr: tax") && screen.contains("TAXI") && !screen.contains("OPIEKA"), "{screen}");
    desk.press("enter");
    let screen = desk.text();
    assert!(screen.contains("Usługi oczekiwane"), "{screen}");
    assert!(screen.contains("1.Taxi senioralne") && screen.contains("kurs"), "{screen}");
}

#[test]
fn saving_without_the_needs_names_the_field_puts_the_focus_on_it_and_keeps_what_was_typed() {
    let mut desk = form_as("kasia");
    tabs(&mut desk, 7);
    desk.type_text("dowozy do lekarza");
    tabs(&mut desk, 13);
    desk.type_text("Opieka");
    desk.press("alt-s");
    for height in [24, 23] {
        let screen = desk.text_at(80, height);
        assert!(screen.contains("! potrzeby: pole jest wymagane"), "{screen}");
        let focused = screen.lines().find(|l| l.contains('▶')).unwrap_or_default();
        assert!(focused.contains("Potrzeby (diagnoza)*"), "the focus is on the needs: {screen}");
    }
    insta::assert_snapshot!("assessment_form_refused", desk.text());
    desk.type_text("transport");
    desk.press("alt-s");
    let screen = desk.text();
    assert!(screen.contains("Zarejestrowano wniosek nr 1"), "{screen}");
    let saved = applications::latest_assessment(desk.db.conn(), 1).unwrap().unwrap();
    assert_eq!(saved.input.needs, "transport");
    assert_eq!(saved.input.services[0].description, "Opieka", "nothing typed before the refusal was lost");
    assert_eq!(applications::get(desk.db.conn(), 1).unwrap().summary, "dowozy do lekarza");
}

#[test]
fn enter_moves_to_the_next_field_and_does_not_save_the_long_form() {
    let mut desk = form_as("kasia");
    desk.press("enter enter");
    let screen = desk.text();
    assert!(screen.contains("▶Imię i nazwisko wnioskodawcy"), "{screen}");
    assert!(applications::get(desk.db.conn(), 1).is_err(), "nothing saved");
}

#[test]
fn the_front_desk_gets_the_application_without_the_assessment_and_its_health_fields() {
    let mut desk = form_as("ola");
    let screens = all_screens(&mut desk, 24);
    assert!(screens.contains("Czego dotyczy wniosek*"), "{screens}");
    let hidden =
        ["Zdrowie", "Niepełnosprawność", "Niesamodzielność", "Diagnoza potrzeb (IDP)", "Usługi obecne", "Szkic planu"];
    for hidden in hidden {
        assert!(!screens.contains(hidden), "{hidden}: {screens}");
    }
    insta::assert_snapshot!("assessment_form_front_desk", desk.text());
}

#[test]
fn the_coordinator_gets_the_special_category_fields() {
    let mut desk = form_as("kasia");
    let screens = all_screens(&mut desk, 24);
    for shown in ["Niepełnosprawność", "Niesamodzielność", "Zdrowie", "Gotowość do zmiany", "Osób w gospodarstwie"]
    {
        assert!(screens.contains(shown), "{shown}: {screens}");
    }
}

/// The answers of one interview, as typed into the desk's form field by field (with the
/// services as rows) and as given to `application assess`.
const ANSWERS: [(&str, &str); 11] = [
    ("zawód", "emerytowana nauczycielka"),
    ("sytuacja zawodowa", "emerytka"),
    ("stan cywilny", "wdowa"),
    ("liczba osób w gospodarstwie", "1"),
    ("niepełnosprawność", "umiarkowany stopień"),
    ("niesamodzielność", "częściowa"),
    ("zdrowie", "po udarze"),
    ("problemy", "mieszka sama na 3 piętrze"),
    ("potrzeby", "dowozy do lekarza"),
    ("gotowość do zmiany", "chce spróbować"),
    ("uwagi", "córka za granicą"),
];

#[test]
fn what_the_desk_saves_equals_what_application_assess_saves_for_the_same_answers() {
    let mut desk = form_as("kasia");
    tabs(&mut desk, 7);
    desk.type_text("usługi opiekuńcze");
    tabs(&mut desk, 2);
    for (_, answer) in ANSWERS {
        desk.type_text(answer);
        desk.press("tab");
    }
    for cell in ["Usługi opiekuńcze", "godzina", "10", "tygodniowo"] {
        desk.type_text(cell);
        desk.press("tab");
    }
    for (i, row) in
        [["Taxi senioralne", "kurs", "2", "miesięcznie"], ["Posiłki", "posiłek", "", "dziennie"]].iter().enumerate()
    {
        if i > 0 {
            desk.press("alt-n");
        }
        for cell in row {
            desk.type_text(cell);
            desk.press("tab");
        }
    }
    desk.press("alt-s");
    assert!(desk.text().contains("Zarejestrowano wniosek nr 1"), "{}", desk.text());
    let from_desk = applications::latest_assessment(desk.db.conn(), 1).unwrap().unwrap();

    let path = desk.dir().join("c.db");
    let cli = |args: &[&str]| support::cli::ok(support::base::okienko(&path, "kasia", args));
    cli(&["application", "add", "--resident", "1", "--summary", "usługi opiekuńcze"]);
    let mut args: Vec<String> = vec!["application".into(), "assess".into(), "2".into()];
    let option = |key: &str| match key {
        "zawód" => "--occupation",
        "sytuacja zawodowa" => "--employment",
        "stan cywilny" => "--marital-status",
        "liczba osób w gospodarstwie" => "--household-size",
        "niepełnosprawność" => "--disability",
        "niesamodzielność" => "--dependency",
        "zdrowie" => "--health",
        "problemy" => "--problems",
        "potrzeby" => "--needs",
        "gotowość do zmiany" => "--readiness",
        _ => "--notes",
    };
    for (key, answer) in ANSWERS {
        args.push(option(key).into());
        args.push(answer.into());
    }
    for (option, entry) in [
        ("--uses", "Usługi opiekuńcze; godzina; 10; tygodniowo"),
        ("--wants", "Taxi senioralne; kurs; 2; miesięcznie"),
        ("--wants", "Posiłki; posiłek; ; dziennie"),
    ] {
        args.push(option.into());
        args.push(entry.into());
    }
    cli(&args.iter().map(String::as_str).collect::<Vec<_>>());
    let store = Db::open(&path).unwrap();
    let from_cli = applications::latest_assessment(store.conn(), 2).unwrap().unwrap();
    let desk_saved: &AssessmentInput = &from_desk.input;
    assert_eq!(desk_saved, &from_cli.input);
    assert_eq!(desk_saved.services.len(), 3);
    assert_eq!(desk_saved.household_size, Some(1));
    assert_eq!((from_desk.conducted_on, from_cli.conducted_on), (d(TODAY), d(TODAY)));
}

#[test]
fn on_a_terminal_without_box_characters_the_more_hint_is_plain_ascii() {
    let dir = tempfile::tempdir().unwrap();
    let db = centre(dir.path());
    let mut desk = Desk::open(db, "kasia", desk::options(desk::ASCII, d(TODAY))).keeping(dir);
    desk.type_text("zolc");
    desk.press("enter alt-a");
    tabs(&mut desk, 20);
    let screen = desk.text();
    assert!(screen.contains("^v więcej") && screen.contains("> 1."), "{screen}");
    assert!(!screen.contains('↓') && !screen.contains('▶'), "{screen}");
}

/// Refusals speak the process language (set from the settings at start), which a test in
/// process leaves Polish; the form's own texts follow the desk's.
#[test]
fn in_english_the_form_names_its_sections_rows_and_keys_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let db = centre(dir.path());
    let options = okienko::tui::DeskOptions { lang: okienko::i18n::Lang::En, ..desk::options(NO_COLOUR, d(TODAY)) };
    let mut desk = Desk::open(db, "kasia", options).keeping(dir);
    desk.type_text("zolc");
    desk.press("enter alt-a");
    let screen = desk.text();
    assert!(screen.contains("Application and needs assessment") && screen.contains("Filed on*"), "{screen}");
    assert!(screen.contains("↓ more") && screen.contains("Alt-s save"), "{screen}");
    tabs(&mut desk, 20);
    let screen = desk.text();
    assert!(screen.contains("Services used now") && screen.contains("Frequency"), "{screen}");
    assert!(screen.contains("Alt-n add a row") && screen.contains("Alt-k from the service base"), "{screen}");
}
