//! The walk-in path at the desk, 80×24: a search that finds no one, the registration form
//! prefilled from the query, the refusals naming their field, the look-alike shown side by side
//! with "to ta sama osoba" / "inna osoba", and an enquiry without registration.

mod support;

use chrono::NaiveDate;
use okienko::domain::pesel::{Pesel, Sex};
use okienko::storage::{audit, residents};
use support::desk::{self, COLOUR, Desk};

fn open() -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let (_, db) = support::centre::centre(dir.path());
    Desk::open(db, "kasia", desk::options(COLOUR, support::centre::today())).keeping(dir)
}

fn count(desk: &Desk) -> i64 {
    residents::count(desk.db.conn()).unwrap()
}

/// The form's row for a label, e.g. `▶Nazwisko  Kowalczyk`.
fn row(desk: &Desk, label: &str) -> String {
    desk.text().lines().find(|l| l.contains(label)).unwrap_or_default().to_string()
}

#[test]
fn a_walk_in_not_found_is_registered_from_the_search_with_each_refusal_on_its_field() {
    let mut desk = open();
    let before = count(&desk);
    desk.type_text("Kowalczyk Maria");
    let screen = desk.text();
    assert!(screen.contains("Nikt nie pasuje"), "{screen}");
    assert!(screen.contains("zarejestruj osobę") && screen.contains("informacja bez rejestracji"), "{screen}");
    desk.press("ctrl-n");
    let screen = desk.text();
    assert!(screen.contains("Rejestracja mieszkańca"), "{screen}");
    assert!(row(&desk, "Nazwisko").contains("Kowalczyk"), "{screen}");
    assert!(row(&desk, "Imię").contains("Maria"), "{screen}");

    desk.press("enter");
    let screen = desk.text();
    assert!(screen.contains("data urodzenia: wymagane u osoby bez PESEL"), "{screen}");
    assert!(row(&desk, "Data urodzenia").contains('▶'), "the cursor is on the refused field: {screen}");
    assert!(row(&desk, "Nazwisko").contains("Kowalczyk"), "nothing typed is lost: {screen}");
    desk.type_text("1980-02-30");
    desk.press("enter");
    assert!(desk.text().contains("data urodzenia:"), "{}", desk.text());
    desk.press("backspace backspace");
    desk.type_text("29");
    desk.press("enter");
    let screen = desk.text();
    assert!(screen.contains("nr dokumentu: wymagane u osoby bez PESEL"), "{screen}");
    desk.type_text("ab1234567");
    desk.press("down down down down");
    desk.type_text("27200");
    desk.press("enter");
    assert!(desk.text().contains("kod pocztowy:"), "{}", desk.text());
    assert_eq!(count(&desk), before, "nothing saved while refused");
    desk.press("backspace backspace backspace");
    desk.type_text("-200");
    desk.press("enter");
    let screen = desk.text();
    assert!(screen.contains("Zarejestrowano mieszkańca"), "{screen}");
    assert!(screen.contains("Karta mieszkańca") && screen.contains("Kowalczyk Maria"), "{screen}");
    let id = desk.db.conn().query_row("SELECT max(id) FROM resident", [], |r| r.get::<_, i64>(0)).unwrap();
    let person = residents::person(desk.db.conn(), id).unwrap();
    assert_eq!((person.birth_date.as_str(), person.document_no.as_str()), ("1980-02-29", "AB1234567"));
}

#[test]
fn a_typed_pesel_fills_the_pesel_and_the_birth_date() {
    let mut desk = open();
    let born = NaiveDate::from_ymd_opt(1985, 6, 17).unwrap();
    let number = Pesel::generate(born, 321, Sex::Female).unwrap().as_str().to_string();
    desk.type_text(&number);
    desk.press("ctrl-n");
    assert!(row(&desk, "PESEL").contains(&number), "{}", desk.text());
    assert!(row(&desk, "Data urodzenia").contains("1985-06-17"), "{}", desk.text());
    assert!(!row(&desk, "Nazwisko").contains(&number), "{}", desk.text());
}

#[test]
fn a_taken_pesel_is_refused_on_the_form_naming_who_has_it() {
    let mut desk = open();
    desk.type_text("Zolc Lukasz");
    desk.press("ctrl-n");
    desk.type_text("44051401359");
    desk.press("enter");
    let screen = desk.text();
    assert!(screen.contains("PESEL: już zarejestrowany: Łukasz Żółć (mieszkaniec nr 1)"), "{screen}");
    assert!(row(&desk, "PESEL").contains('▶'), "{screen}");
}

fn look_alike_of_zolc(desk: &mut Desk) {
    desk.type_text("Zolc Lukasz");
    desk.press("ctrl-n");
    desk.press("tab tab tab");
    desk.type_text("1944-05-14");
    desk.press("tab");
    desk.type_text("XY9876543");
    desk.press("enter");
}

#[test]
fn a_look_alike_is_shown_side_by_side_and_the_same_person_opens_the_existing_card() {
    let mut desk = open();
    let before = count(&desk);
    look_alike_of_zolc(&mut desk);
    let screen = desk.text();
    println!("{screen}");
    assert!(screen.contains("Czy to ta sama osoba?"), "{screen}");
    assert!(screen.contains("Zgodne: imię, nazwisko i data urodzenia"), "{screen}");
    let names = screen.lines().find(|l| l.contains("Nazwisko i imię")).unwrap_or_default();
    assert!(names.contains("Zolc Lukasz") && names.contains("Żółć Łukasz"), "{screen}");
    assert!(
        screen.lines().any(|l| l.contains('▶') && l.contains("to ta sama osoba")),
        "the safe answer first: {screen}"
    );
    desk.press("enter");
    let screen = desk.text();
    assert!(screen.contains("Karta mieszkańca") && screen.contains("Żółć Łukasz"), "{screen}");
    assert!(!screen.contains("Rejestracja mieszkańca"), "{screen}");
    assert_eq!(count(&desk), before, "no one was added");
}

#[test]
fn another_person_is_registered_and_the_choice_is_audited_with_who_made_it() {
    let mut desk = open();
    let before = count(&desk);
    look_alike_of_zolc(&mut desk);
    desk.press("down");
    assert!(desk.text().lines().any(|l| l.contains('▶') && l.contains("inna osoba")), "{}", desk.text());
    desk.press("enter");
    assert!(desk.text().contains("Zarejestrowano mieszkańca"), "{}", desk.text());
    assert_eq!(count(&desk), before + 1);
    let entries = audit::entries(desk.db.conn(), None, Some("kasia"), 100).unwrap();
    assert!(entries.iter().any(|e| e.detail == "inna osoba niż resident:1"), "{entries:?}");
    assert!(residents::duplicates(desk.db.conn()).unwrap().is_empty(), "the pair is not offered again");
}

#[test]
fn an_enquiry_without_registration_keeps_no_personal_data() {
    let mut desk = open();
    desk.type_text("opieka wytchnieniowa");
    desk.press("ctrl-o");
    assert!(desk.text().contains("Informacja bez rejestracji"), "{}", desk.text());
    desk.press("tab tab");
    desk.type_text("opieka wytchnieniowa dla matki");
    desk.press("tab");
    desk.type_text("Klub Senior+");
    desk.press("enter");
    assert!(desk.text().contains("Zapisano informację bez rejestracji"), "{}", desk.text());
    let (anonymous, topic): (i64, String) = desk
        .db
        .conn()
        .query_row("SELECT count(*), max(topic) FROM contact_visit WHERE resident_id IS NULL", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((anonymous, topic.as_str()), (1, "opieka wytchnieniowa dla matki"));
}

/// The card of Łukasz Żółć, whose one open application (nr 1) the outcome form is offered for.
fn outcome_form_of_zolc() -> Desk {
    let mut desk = open();
    desk.type_text("zolc");
    desk.press("enter");
    assert!(desk.text().contains("nr 1 2026-11-02 [diagnoza potrzeb]"), "{}", desk.text());
    assert!(desk.text().contains("9 dni do terminu"), "the 30-day countdown: {}", desk.text());
    desk.press("alt-o");
    let screen = desk.text();
    assert!(screen.contains("Rozpatrzenie wniosku"), "{screen}");
    assert!(row(&desk, "Nr wniosku").contains('1'), "{screen}");
    desk
}

fn state_of_application_1(desk: &Desk) -> String {
    desk.db.conn().query_row("SELECT state FROM application WHERE id = 1", [], |r| r.get(0)).unwrap()
}

#[test]
fn forwarding_from_the_card_names_where_and_what_and_leaves_the_open_applications() {
    let mut desk = outcome_form_of_zolc();
    desk.press("tab tab");
    desk.press("enter");
    assert!(desk.text().contains("przekazano do: pole jest wymagane"), "{}", desk.text());
    desk.type_text("Zespół Interdyscyplinarny");
    desk.press("tab");
    desk.type_text("wniosek i diagnoza");
    desk.press("enter");
    assert!(desk.text().contains("przekazanie wniosku do: Zespół Interdyscyplinarny"), "{}", desk.text());
    desk.press("right enter");
    let screen = desk.text();
    assert!(screen.contains("Zapisano rozstrzygnięcie wniosku"), "{screen}");
    assert!(!screen.contains("nr 1 2026-11-02"), "the card is read again: {screen}");
    assert_eq!(state_of_application_1(&desk), "przekazany");
    let entries = audit::entries(desk.db.conn(), None, Some("kasia"), 100).unwrap();
    assert!(entries.iter().any(|e| e.detail == "stan=przekazany do: Zespół Interdyscyplinarny"), "{entries:?}");
}

#[test]
fn the_outcome_form_offers_no_refusal_a_refusal_is_a_decision_on_one_service() {
    let mut desk = outcome_form_of_zolc();
    desk.press("tab");
    let mut seen = Vec::new();
    for _ in 0..3 {
        seen.push(row(&desk, "Rozstrzygnięcie"));
        desk.press("right");
    }
    assert!(seen.iter().all(|r| !r.contains("odmowa")), "{seen:?}");
    assert!(!desk.text().contains("Numer decyzji"), "{}", desk.text());
}

#[test]
fn information_only_closes_the_application() {
    let mut desk = outcome_form_of_zolc();
    desk.press("tab right");
    desk.press("tab tab tab");
    desk.type_text("skierowano do Klubu Senior+");
    desk.press("enter right enter");
    assert!(desk.text().contains("Zapisano rozstrzygnięcie wniosku"), "{}", desk.text());
    assert_eq!(state_of_application_1(&desk), "informacja");
}

#[test]
fn a_waiting_list_place_from_the_card_needs_a_known_service() {
    let mut desk = outcome_form_of_zolc();
    desk.press("tab right right");
    assert!(row(&desk, "Rozstrzygnięcie").contains("oczekuje"), "{}", desk.text());
    desk.press("down down down down");
    desk.type_text("NIE-MA");
    desk.press("down");
    desk.type_text("4");
    desk.press("enter right enter");
    assert!(desk.text().contains("nie ma usługi o kodzie „NIE-MA”"), "{}", desk.text());
    assert!(row(&desk, "Kod usługi").contains('▶'), "{}", desk.text());
    desk.db
        .conn()
        .execute_batch(
            "INSERT INTO service (code, name, unit, updated_at, updated_by) VALUES ('TAXI', 'Taxi senioralne', 'kurs', 'x', 'x')",
        )
        .unwrap();
    let code = "taxi";
    for _ in 0..6 {
        desk.press("backspace");
    }
    desk.type_text(code);
    desk.press("enter right enter");
    assert!(desk.text().contains("Zapisano rozstrzygnięcie wniosku"), "{}", desk.text());
    assert_eq!(state_of_application_1(&desk), "oczekuje");
    let waiting: i64 = desk
        .db
        .conn()
        .query_row("SELECT count(*) FROM waitlist_entry WHERE application_id = 1", [], |r| r.get(0))
        .unwrap();
    assert_eq!(waiting, 1);
}

#[test]
fn a_carer_is_registered_from_the_card_with_a_contact_and_shown_on_it() {
    let mut desk = open();
    desk.type_text("zolc");
    desk.press("enter alt-r");
    assert!(desk.text().contains("Przedstawiciel lub opiekun (art. 35)"), "{}", desk.text());
    desk.press("right tab");
    desk.type_text("Ewa Żółć");
    desk.press("enter");
    assert!(desk.text().contains("telefon: pole jest wymagane"), "a carer without a contact: {}", desk.text());
    desk.type_text("601 222 333");
    desk.press("enter");
    let screen = desk.text();
    assert!(screen.contains("Zapisano przedstawiciela"), "{screen}");
    assert!(screen.contains("Ewa Żółć (opiekun faktyczny), 601 222 333"), "{screen}");
}
