//! The plans view and the plan editor on a test terminal at 80×24, with database work run on
//! the spot; and the autosave thread writing a draft on a real file.

mod support;

use chrono::NaiveDate;
use okienko::domain::ipus::PlanContent;
use okienko::domain::resident::ResidentInput;
use okienko::domain::roles::Role;
use okienko::storage::applications::{self, ForResident};
use okienko::storage::staff;
use okienko::storage::{Db, plans};
use okienko::tui::Msg;
use okienko::tui::autosave::spawn as spawn_autosave;
use okienko::tui::msg::Autosave;
use support::desk::{self, Desk, NO_COLOUR};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const TODAY: &str = "2026-03-10";
const FILE: &str = "c.db";

/// A centre with a taxi pool of 10 a month, one approved plan holding 2 a month, and a draft for
/// Łukasz Żółć with one taxi line of `rides` a month.
fn desk(rides: u32) -> Desk {
    desk_as("kasia", rides, false)
}

/// As [`desk`], for `login`; with `submitted` the draft is already submitted for approval.
fn desk_as(login: &str, rides: u32, submitted: bool) -> Desk {
    desk_on(login, rides, submitted, TODAY)
}

/// As [`desk_as`], with the desk opened on `today` (the data are made on [`TODAY`]).
fn desk_on(login: &str, rides: u32, submitted: bool, today: &str) -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let mut db = okienko::session::create_centre(&dir.path().join(FILE), "CUS Testowo").unwrap();
    db.write(|tx| {
        staff::add(tx, "test", "kasia", "Katarzyna Wiśniewska", &[Role::Koordynator], false)?;
        staff::add(tx, "test", "dyr", "", &[Role::Dyrektor], false)?;
        staff::add(tx, "test", "kier", "Krystyna Kierownik", &[Role::Koordynator, Role::Dyrektor], false)?;
        tx.execute_batch(
            "INSERT INTO service (id, code, name, unit, updated_at, updated_by) VALUES (1, 'TAXI', 'Taxi senioralne', 'kurs', 'x', 'x');
             INSERT INTO service (id, code, name, unit, updated_at, updated_by) VALUES (2, 'OPIEKA', 'Usługi opiekuńcze', 'godzina', 'x', 'x');
             INSERT INTO capacity_pool (service_id, period_kind, units_limit, valid_from, updated_at, updated_by)
                 VALUES (1, 'month', 10, '2026-01-01', 'x', 'x');",
        )?;
        Ok(())
    })
    .unwrap();
    let me = staff::identify(db.conn(), "kasia").unwrap();
    let dyr = staff::identify(db.conn(), "dyr").unwrap();
    let draft_for = |db: &mut Db, first: &str, last: &str, units: u32| -> (i64, i64) {
        let record = ResidentInput { first_name: first.into(), last_name: last.into(), ..Default::default() }
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
            lines: vec![support::plans::taxi_line(units, d("2026-04-01"), d("2026-12-31"))],
            actions: Vec::new(),
        };
        db.write(|tx| plans::create_draft(tx, &me, app, &content, d(TODAY))).unwrap()
    };
    let (_, other) = draft_for(&mut db, "Anna", "Nowak", 2);
    db.write(|tx| plans::submit(tx, &me, other, d(TODAY))).unwrap();
    db.write(|tx| plans::approve(tx, &dyr, other, None, "", None)).unwrap();
    let (_, draft) = draft_for(&mut db, "Łukasz", "Żółć", rides);
    if submitted {
        db.write(|tx| plans::submit(tx, &me, draft, d(TODAY))).unwrap();
    }
    Desk::open(db, login, desk::options(NO_COLOUR, d(today))).keeping(dir)
}

#[test]
fn the_plans_view_lists_plans_by_state() {
    let mut desk = desk(3);
    desk.press("F4");
    insta::assert_snapshot!("plans_list", desk.text());
    desk.press("tab");
    let drafts = desk.text();
    assert!(
        drafts.contains("Plany (IPUS) — szkic") && drafts.contains("Łukasz Żółć") && !drafts.contains("Anna Nowak")
    );
}

#[test]
fn the_editor_shows_the_needs_and_counts_down_the_thirty_days() {
    let mut desk = desk(3);
    desk.press("F4 down enter");
    insta::assert_snapshot!("editor_needs", desk.text());
}

#[test]
fn the_editor_flags_a_line_that_does_not_fit_its_pool() {
    let mut desk = desk(9);
    desk.press("F4 down enter tab tab tab");
    let screen = desk.text();
    insta::assert_snapshot!("editor_lines_does_not_fit", screen);
    assert!(screen.contains("pula 2026-04: 8 → -1 BRAK MIEJSC"), "{screen}");
}

#[test]
fn a_service_is_added_from_the_picker_and_the_draft_goes_to_autosave() {
    let mut desk = desk(3);
    desk.press("F4 down enter tab tab tab down enter");
    insta::assert_snapshot!("editor_picker", desk.text());
    desk.press("down enter");
    desk.press("backspace");
    desk.type_text("6");
    desk.press("tab backspace backspace backspace backspace backspace backspace backspace");
    desk.type_text("tydzień");
    desk.press("enter");
    let screen = desk.text();
    assert!(screen.contains("2. Usługi opiekuńcze — 6 / tydzień"), "{screen}");
    assert!(screen.contains("pula: sprawdzanie…"), "the effect waits for the save: {screen}");
    match &desk.autosaved {
        Some(Autosave::Content { content, .. }) => assert_eq!(content.lines.len(), 2),
        other => panic!("expected the draft for autosave, got {other:?}"),
    }
}

#[test]
fn the_line_form_offers_the_providers_with_a_pool_and_what_each_has_left() {
    let mut desk = desk(3);
    desk.db
        .conn()
        .execute_batch(
            "INSERT INTO provider (id, name, kind) VALUES (1, 'Caritas', 'ngo'), (2, 'Opiekunki', 'firma');
             INSERT INTO capacity_pool (service_id, provider_id, period_kind, units_limit, valid_from, updated_at, updated_by)
                 VALUES (2, 1, 'month', 40, '2026-01-01', 'x', 'x'), (2, 2, 'month', 25, '2026-01-01', 'x', 'x');",
        )
        .unwrap();
    desk.press("F4 down enter tab tab tab down enter down enter");
    let form = desk.text();
    assert!(form.contains("Caritas — zostało: 2026-04 40"), "{form}");
    assert!(form.contains("Opiekunki — zostało: 2026-04 25"), "{form}");
    assert!(form.contains("Lista oczekujących: nikt nie czeka") && form.contains("Opłata za jednostkę"), "{form}");
    desk.press("tab tab tab tab tab tab tab tab tab");
    desk.type_text("Inny");
    desk.press("enter");
    let refused = desk.text();
    assert!(refused.contains("! Realizator: wpisz jednego z realizatorów usługi: Caritas, Opiekunki"), "{refused}");
    for _ in 0..4 {
        desk.press("backspace");
    }
    desk.type_text("opie");
    assert!(desk.text().contains("▸Opiekunki"), "{}", desk.text());
    desk.press("enter");
    match &desk.autosaved {
        Some(Autosave::Content { content, .. }) => {
            assert_eq!((content.lines[1].provider_id, content.lines[1].provider_name.as_str()), (Some(2), "Opiekunki"));
        }
        other => panic!("expected the draft for autosave, got {other:?}"),
    }
}

#[test]
fn a_wrong_value_in_the_line_form_names_the_field_and_keeps_the_form_open() {
    let mut desk = desk(3);
    desk.press("F4 down enter tab tab tab enter backspace");
    desk.type_text("zero");
    desk.press("enter");
    let screen = desk.text();
    assert!(screen.contains("! Ilość: liczba większa od zera"), "{screen}");
}

#[test]
fn typing_in_the_needs_changes_the_draft_and_the_period_warning_appears_at_once() {
    let mut desk = desk(3);
    desk.press("F4 down enter");
    desk.type_text(" i na rehabilitację");
    desk.press("shift-tab backspace backspace backspace backspace backspace");
    desk.type_text("05-31");
    let screen = desk.text();
    assert!(screen.contains("dojazdy do lekarza i na rehabilitację"), "{screen}");
    assert!(screen.contains("co najmniej 3 miesiące"), "{screen}");
    desk.press("backspace backspace");
    assert!(desk.text().contains("! koniec okresu: data musi mieć postać RRRR-MM-DD"), "{}", desk.text());
    match &desk.autosaved {
        Some(Autosave::Content { content, .. }) => assert_eq!(content.period_end, d("2026-05-31")),
        other => panic!("expected the draft for autosave, got {other:?}"),
    }
}

#[test]
fn a_second_coordinator_sees_who_is_editing() {
    let mut desk = desk(3);
    let admin = "test";
    desk.db.write(|tx| staff::add(tx, admin, "jan", "", &[Role::Koordynator], false)).unwrap();
    let jan = staff::identify(desk.db.conn(), "jan").unwrap();
    let plan = plans::resolve(desk.db.conn(), "IPUS/2026/0002").unwrap();
    desk.db.write(|tx| plans::hold(tx, &jan, plan)).unwrap();
    desk.press("F4 down enter");
    let screen = desk.text();
    assert!(screen.contains("edytuje: jan od "), "{screen}");
    desk.type_text("x");
    assert!(!desk.text().contains("lekarzax"), "a held plan is read only");
}

#[test]
fn the_autosave_thread_writes_the_latest_draft_and_finishes_it_on_exit() {
    let desk = desk(3);
    let plan = plans::resolve(desk.db.conn(), "IPUS/2026/0002").unwrap();
    let version = plans::detail(desk.db.conn(), plan).unwrap().open().unwrap().clone();
    let (tx, rx) = std::sync::mpsc::channel();
    let (autosave, handle) = spawn_autosave(desk.dir().join(FILE), desk.me.clone(), move |m: Msg| {
        let _ = tx.send(m);
    });
    autosave.send(Autosave::Track { plan_id: plan, version_id: version.id, revision: version.revision }).unwrap();
    for (seq, needs) in ["dojazdy", "dojazdy i zakupy"].into_iter().enumerate() {
        let mut content = version.content.clone();
        content.needs = needs.into();
        autosave
            .send(Autosave::Content { version_id: version.id, seq: seq as u64 + 1, content: Box::new(content) })
            .unwrap();
    }
    drop(autosave);
    handle.join().unwrap();
    let saved = plans::version(desk.db.conn(), version.id).unwrap();
    assert_eq!(saved.content.needs, "dojazdy i zakupy");
    assert_eq!(saved.revision, version.revision + 1, "one write for both changes");
    assert!(matches!(rx.try_recv(), Ok(Msg::Plan(okienko::tui::msg::PlanMsg::Saved { seq: 2, .. }))));
}

/// From the resident's card: alt-a, then the application, the needs and a period for the draft.
fn fill_application(desk: &mut Desk, draft_to: &str) {
    fill_application_with_services(desk, &[], &[], draft_to);
}

/// Fills the application form; each service is a row of its list (alt-n adds the next one).
fn fill_application_with_services(desk: &mut Desk, uses: &[[&str; 4]], wants: &[[&str; 4]], draft_to: &str) {
    desk.type_text("zolc");
    desk.press("enter alt-a");
    desk.press(&["tab"; 7].join(" "));
    desk.type_text("dowozy do lekarza");
    desk.press(&["tab"; 9].join(" "));
    desk.type_text("mieszka sam");
    desk.press("tab");
    desk.type_text("transport");
    desk.press("tab tab tab");
    for rows in [uses, wants] {
        if rows.is_empty() {
            desk.press("tab tab tab tab");
        }
        for (i, row) in rows.iter().enumerate() {
            if i > 0 {
                desk.press("alt-n");
            }
            for cell in row {
                desk.type_text(cell);
                desk.press("tab");
            }
        }
    }
    desk.type_text("2026-04-01");
    desk.press("tab");
    desk.type_text(draft_to);
    desk.press("alt-s");
}

#[test]
fn an_application_with_the_needs_assessment_and_a_draft_is_registered_from_the_card() {
    let mut desk = desk(3);
    fill_application(&mut desk, "2026-06-30");
    let screen = desk.text();
    assert!(screen.contains("Zarejestrowano wniosek nr 3; szkic planu IPUS/2026/0003 czeka w F4"), "{screen}");
    let app = applications::get(desk.db.conn(), 3).unwrap();
    assert_eq!((app.state.as_str(), app.summary.as_str()), ("plan", "dowozy do lekarza"));
    let assessment = applications::latest_assessment(desk.db.conn(), 3).unwrap().unwrap();
    assert_eq!((assessment.input.problems.as_str(), assessment.input.needs.as_str()), ("mieszka sam", "transport"));
    desk.press("F4");
    assert!(desk.text().contains("IPUS/2026/0003"));
}

#[test]
fn the_services_used_now_and_wanted_are_saved_with_the_needs_assessment() {
    let mut desk = desk(3);
    fill_application_with_services(
        &mut desk,
        &[["Usługi opiekuńcze", "godzina", "10", "tygodniowo"]],
        &[["Taxi senioralne", "kurs", "2", "miesięcznie"], ["Posiłki", "posiłek", "1", "dziennie"]],
        "2026-06-30",
    );
    let screen = desk.text();
    assert!(screen.contains("Zarejestrowano wniosek nr 3"), "{screen}");
    let assessment = applications::latest_assessment(desk.db.conn(), 3).unwrap().unwrap();
    let rows: Vec<_> = assessment
        .input
        .services
        .iter()
        .map(|s| (s.kind.as_str(), s.description.as_str(), s.unit.as_str(), s.quantity, s.frequency.as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            ("obecna", "Usługi opiekuńcze", "godzina", Some(10), "tygodniowo"),
            ("oczekiwana", "Taxi senioralne", "kurs", Some(2), "miesięcznie"),
            ("oczekiwana", "Posiłki", "posiłek", Some(1), "dziennie"),
        ]
    );
    let stored: i64 = desk
        .db
        .conn()
        .query_row("SELECT count(*) FROM assessment_service WHERE assessment_id = ?1", [assessment.id], |r| r.get(0))
        .unwrap();
    assert_eq!(stored, 3);
}

#[test]
fn a_bad_service_entry_is_refused_naming_the_field_and_the_entry_with_everything_kept() {
    let mut desk = desk(3);
    fill_application_with_services(
        &mut desk,
        &[["Opieka", "godzina", "10", "tygodniowo"]],
        &[["Taxi", "kurs", "2", ""], ["Posiłki", "posiłek", "dużo", ""]],
        "2026-06-30",
    );
    let screen = desk.text();
    assert!(screen.contains("! Usługi oczekiwane 2: ilość"), "{screen}");
    assert!(screen.contains("Posiłki") && screen.contains("dużo"), "{screen}");
    assert!(applications::get(desk.db.conn(), 3).is_err(), "nothing registered");
}

#[test]
fn a_draft_period_shorter_than_three_months_is_refused_in_the_form_with_everything_kept() {
    let mut desk = desk(3);
    fill_application(&mut desk, "2026-05-31");
    let screen = desk.text();
    assert!(screen.contains("szkic do:") && screen.contains("3 miesiące"), "{screen}");
    assert!(screen.contains("2026-04-01"), "the period typed is kept: {screen}");
    assert!(applications::get(desk.db.conn(), 3).is_err(), "nothing registered");
}

#[test]
fn the_director_approves_from_the_editor_and_a_plan_that_no_longer_fits_names_the_line() {
    let mut desk = desk_as("dyr", 3, true);
    desk.press("F4 down enter F7");
    insta::assert_snapshot!("approve_confirmation", desk.text());
    insta::assert_snapshot!("approve_confirmation_80x23", desk.text_at(80, 23));
    desk.press("enter");
    assert!(!desk.text().contains("Zatwierdzono plan"), "Enter alone answers no: {}", desk.text());
    desk.press("F7 right enter");
    let screen = desk.text();
    assert!(screen.contains("Zatwierdzono plan"), "{screen}");
    assert_eq!(plans::list(desk.db.conn(), Some(okienko::domain::ipus::VersionState::Approved)).unwrap().len(), 2);

    let mut desk = desk_as("dyr", 9, true);
    desk.press("F4 down enter F7 right enter");
    let screen = desk.text();
    assert!(screen.contains("brak miejsc w puli") && screen.contains("pozycja 1"), "{screen}");
}

#[test]
fn a_plan_submitted_in_the_editor_is_approved_there_without_a_false_conflict() {
    let mut desk = desk_as("kier", 3, false);
    // One person both submits and approves only where the centre has no four-eyes rule.
    desk.db.write(|tx| staff::add(tx, "test", "admin", "", &[Role::Administrator], false)).unwrap();
    let admin = staff::identify(desk.db.conn(), "admin").unwrap();
    desk.db.write(|tx| okienko::storage::centre::set_four_eyes(tx, &admin, false, "jednoosobowy ośrodek")).unwrap();
    desk.press("F4 down enter F6 right enter");
    assert!(desk.text().contains("Złożono"), "{}", desk.text());
    desk.press("F7 right enter");
    let screen = desk.text();
    assert!(screen.contains("Zatwierdzono plan"), "{screen}");
    assert!(!screen.contains("zmieniła się"), "{screen}");
    assert_eq!(plans::list(desk.db.conn(), Some(okienko::domain::ipus::VersionState::Approved)).unwrap().len(), 2);
}

#[test]
fn a_coordinator_cannot_approve() {
    let mut desk = desk_as("kasia", 3, true);
    desk.press("F4 down enter F7");
    assert!(desk.text().contains("brak uprawnień"), "{}", desk.text());
}

#[test]
fn delete_removes_the_selected_line_from_the_draft() {
    let mut desk = desk(3);
    desk.press("F4 down enter tab tab tab delete");
    insta::assert_snapshot!("remove_line_confirmation", desk.text());
    insta::assert_snapshot!("remove_line_confirmation_80x23", desk.text_at(80, 23));
    desk.press("right enter");
    let screen = desk.text();
    assert!(!screen.contains("1. Taxi senioralne"), "{screen}");
    match &desk.autosaved {
        Some(Autosave::Content { content, .. }) => assert!(content.lines.is_empty()),
        other => panic!("expected the draft for autosave, got {other:?}"),
    }
}

#[test]
fn at_80_by_24_and_80_by_23_the_needs_and_the_plan_lines_are_both_on_screen() {
    let mut desk = desk(3);
    desk.press("F4 down enter");
    for height in [24, 23] {
        let screen = desk.text_at(80, height);
        assert!(screen.contains("Potrzeby: dojazdy do lekarza"), "{height} rows, needs focused:\n{screen}");
        assert!(screen.contains("1. Taxi senioralne"), "{height} rows, needs focused:\n{screen}");
        assert!(screen.contains("+ dodaj usługę z bazy"), "{height} rows, needs focused:\n{screen}");
    }
    desk.press("tab tab tab");
    for height in [24, 23] {
        let screen = desk.text_at(80, height);
        assert!(screen.contains("Potrzeby: dojazdy do lekarza"), "{height} rows, lines focused:\n{screen}");
        assert!(screen.contains("▶1. Taxi senioralne"), "{height} rows, lines focused:\n{screen}");
    }
    insta::assert_snapshot!("editor_both_panes_80x23", desk.text_at(80, 23));
}

#[test]
fn from_120_columns_the_panes_stand_side_by_side() {
    let mut desk = desk(9);
    desk.press("F4 down enter");
    insta::assert_snapshot!("editor_wide", desk.text_at(120, 30));
}

#[test]
fn the_director_returns_a_plan_with_a_comment_from_the_editor() {
    let mut desk = desk_as("dyr", 3, true);
    desk.press("F4 down enter F8 enter");
    assert!(desk.text().contains("komentarz: pole jest wymagane"), "{}", desk.text());
    desk.type_text("dopisz harmonogram");
    desk.press("enter");
    assert!(desk.text().contains("IPUS/2026/0002 · Łukasz Żółć · zwrot wersji do poprawy"), "{}", desk.text());
    desk.press("right enter");
    let screen = desk.text();
    assert!(screen.contains("Zwrócono do poprawy"), "{screen}");
    let plan = plans::resolve(desk.db.conn(), "IPUS/2026/0002").unwrap();
    let detail = plans::detail(desk.db.conn(), plan).unwrap();
    assert_eq!(detail.decisions.last().unwrap().comment, "dopisz harmonogram");
}

#[test]
fn editing_a_line_keeps_its_provider_and_an_unchanged_line_is_not_saved_again() {
    let mut desk = desk(3);
    desk.db
        .conn()
        .execute_batch(
            "INSERT INTO provider (id, name, kind) VALUES (1, 'Taxi Dębica', 'firma');
             UPDATE plan_line SET provider_id = 1 WHERE version_id = 2;",
        )
        .unwrap();
    desk.press("F4 down enter tab tab tab enter enter");
    assert!(!matches!(desk.autosaved, Some(Autosave::Content { .. })), "nothing changed, nothing to save");
    desk.press("enter backspace");
    desk.type_text("4");
    desk.press("enter");
    match &desk.autosaved {
        Some(Autosave::Content { content, .. }) => {
            assert_eq!(content.lines[0].amount.units, 4);
            assert_eq!(content.lines[0].provider_id, Some(1));
        }
        other => panic!("expected the draft for autosave, got {other:?}"),
    }
}

#[test]
fn the_thirty_days_of_art_40_are_not_held_against_an_approved_plan() {
    // Two months after the applications: the draft is late, the approved plan is not.
    let mut desk = desk_on("kasia", 3, false, "2026-05-10");
    desk.press("F4 enter");
    let approved = desk.text();
    assert!(approved.contains("zatwierdzony") && !approved.contains("minęło 30 dni"), "{approved}");
    desk.press("esc down enter");
    let draft = desk.text();
    assert!(draft.contains("szkic") && draft.contains("minęło 30 dni"), "{draft}");
}

#[test]
fn a_monitoring_contact_is_recorded_from_the_opened_approved_plan() {
    let mut desk = desk(3);
    desk.press("F4 enter");
    assert!(desk.text().contains("kontakt"), "the hints offer it: {}", desk.text());
    desk.press("alt-m");
    insta::assert_snapshot!("plan_contact_form", desk.text());
    desk.press("tab right tab");
    desk.type_text("córka");
    desk.press("tab");
    desk.type_text("taxi jeździ we wtorki");
    desk.press("enter");
    let screen = desk.text();
    assert!(screen.contains("Zapisano kontakt monitorujący z 2026-03-10"), "{screen}");
    assert!(screen.contains("Kontakty monitorujące: 1 (ostatni 2026-03-10)"), "the reopened plan counts it: {screen}");
    let plan = plans::resolve(desk.db.conn(), "IPUS/2026/0001").unwrap();
    let contacts = plans::detail(desk.db.conn(), plan).unwrap().contacts;
    assert_eq!(contacts.len(), 1);
    let c = &contacts[0];
    assert_eq!(
        (c.channel.as_str(), c.with_whom.as_str(), c.note.as_str()),
        ("wizyta", "córka", "taxi jeździ we wtorki")
    );
}

#[test]
fn resigning_from_one_line_asks_when_the_director_was_informed() {
    let mut desk = desk(3);
    desk.press("F4 enter alt-r");
    insta::assert_snapshot!("plan_resign_form", desk.text());
    desk.type_text("1");
    desk.press("tab");
    for _ in 0..10 {
        desk.press("backspace");
    }
    desk.type_text("2026-05-01");
    desk.press("tab");
    for _ in 0..10 {
        desk.press("backspace");
    }
    desk.type_text("2026-04-30");
    desk.press("enter");
    insta::assert_snapshot!("resign_line_confirmation", desk.text());
    insta::assert_snapshot!("resign_line_confirmation_80x23", desk.text_at(80, 23));
    desk.press("right enter");
    assert!(desk.text().contains("2026-04-30 jest przed"), "refused, the form stays: {}", desk.text());
    // The refusal is shown in the form, with the cursor on the refused date.
    for _ in 0..10 {
        desk.press("backspace");
    }
    desk.type_text("2026-05-02");
    desk.press("enter right enter");
    assert!(desk.text().contains("Zapisano rezygnację z pozycji 1 od 2026-05-01"), "{}", desk.text());
    desk.press("tab");
    assert!(desk.text().contains("rezygnacja od 2026-05-01"), "the reopened plan shows it: {}", desk.text());
    let plan = plans::resolve(desk.db.conn(), "IPUS/2026/0001").unwrap();
    let detail = plans::detail(desk.db.conn(), plan).unwrap();
    let approved = detail.approved().unwrap();
    assert_eq!(approved.content.lines[0].resigned_on, Some(d("2026-05-01")));
    assert_eq!(approved.lines[0].director_informed_on, Some(d("2026-05-02")));
    assert_eq!(detail.header.ended_on, None, "one line, not the plan");
}

#[test]
fn resigning_with_no_line_given_ends_the_whole_plan() {
    let mut desk = desk(3);
    desk.press("F4 enter alt-r enter");
    assert!(desk.text().contains("data rezygnacji: "), "no date is guessed: {}", desk.text());
    desk.type_text(TODAY);
    desk.press("tab");
    desk.type_text(TODAY);
    desk.press("enter");
    insta::assert_snapshot!("resign_plan_confirmation", desk.text());
    insta::assert_snapshot!("resign_plan_confirmation_80x23", desk.text_at(80, 23));
    desk.press("esc");
    let plan = plans::resolve(desk.db.conn(), "IPUS/2026/0001").unwrap();
    assert!(plans::header(desk.db.conn(), plan).unwrap().ended_on.is_none(), "Esc answers no");
    desk.press("enter right enter");
    assert!(desk.text().contains("Zapisano rezygnację z całego planu od 2026-03-10"), "{}", desk.text());
    let plan = plans::resolve(desk.db.conn(), "IPUS/2026/0001").unwrap();
    let header = plans::header(desk.db.conn(), plan).unwrap();
    assert_eq!((header.ended_on, header.end_reason.as_deref()), (Some(d(TODAY)), Some("rezygnacja")));
    assert_eq!(header.director_informed_on, Some(d(TODAY)));
}

#[test]
fn completing_a_plan_records_the_summary_and_then_the_follow_up_is_offered() {
    let mut desk = desk(3);
    desk.press("F4 enter alt-z");
    insta::assert_snapshot!("plan_complete_form", desk.text());
    desk.press("enter");
    assert!(desk.text().contains("przebieg: pole jest wymagane"), "{}", desk.text());
    desk.type_text("dojazdy odbyły się zgodnie z planem");
    desk.press("tab");
    desk.type_text("samodzielne wizyty u lekarza");
    desk.press("enter");
    assert!(desk.text().contains("zakończenie planu 2026-03-10"), "{}", desk.text());
    desk.press("right enter");
    let screen = desk.text();
    assert!(screen.contains("Zakończono plan; rozmowa podsumowująca 2026-03-10"), "{screen}");
    assert!(screen.contains("po 6 mies."), "the follow-up is offered in the hints: {screen}");
    assert!(screen.contains("IPUS/2026/0001 v1 zakończony 2026-03-10"), "{screen}");
    assert!(screen.contains("Monitoring po zakończeniu do 2026-09-10"), "{screen}");
    let plan = plans::resolve(desk.db.conn(), "IPUS/2026/0001").unwrap();
    let header = plans::header(desk.db.conn(), plan).unwrap();
    assert_eq!(header.end_reason.as_deref(), Some("zakończony"));
    assert_eq!(header.summary_course, "dojazdy odbyły się zgodnie z planem");
    assert_eq!(header.summary_results, "samodzielne wizyty u lekarza");

    desk.press("alt-o");
    insta::assert_snapshot!("plan_follow_up_form", desk.text());
    desk.press("tab");
    desk.type_text("radzi sobie sam");
    desk.press("enter");
    let screen = desk.text();
    assert!(
        screen.contains("musi być po") && screen.contains("końcu planu (2026-03-10)"),
        "the day it ended: {screen}"
    );
    assert_eq!(plans::header(desk.db.conn(), plan).unwrap().follow_up_on, None);
}

#[test]
fn the_front_desk_without_the_monitoring_permission_gets_no_contact_form() {
    let mut desk = desk(3);
    desk.db.write(|tx| staff::add(tx, "test", "ola", "", &[Role::Recepcja], false)).unwrap();
    let ola = staff::identify(desk.db.conn(), "ola").unwrap();
    desk.me = ola.clone();
    desk.app = okienko::tui::App::new(desk::options(NO_COLOUR, d(TODAY)), ola);
    desk.press("F4 enter alt-m");
    assert!(desk.text().contains("brak uprawnień"), "{}", desk.text());
}

#[test]
fn an_update_starts_from_the_opened_approved_plan_and_opens_the_new_draft() {
    let mut desk = desk(3);
    desk.press("F4 enter");
    assert!(desk.text().contains("Alt-u aktualizacja"), "{}", desk.text());
    desk.press("alt-u");
    insta::assert_snapshot!("new_version_confirmation", desk.text());
    insta::assert_snapshot!("new_version_confirmation_80x23", desk.text_at(80, 23));
    desk.press("right enter");
    let screen = desk.text();
    assert!(screen.contains("IPUS/2026/0001 v2 szkic · Anna Nowak"), "{screen}");
    desk.type_text(" i do apteki");
    assert!(desk.text().contains("dojazdy do lekarza i do apteki"), "the draft is editable: {}", desk.text());
    let plan = plans::resolve(desk.db.conn(), "IPUS/2026/0001").unwrap();
    let detail = plans::detail(desk.db.conn(), plan).unwrap();
    assert_eq!(detail.versions.len(), 2);
    assert_eq!(detail.approved().unwrap().version, 1, "the approved version stays in force");
    match &desk.autosaved {
        Some(Autosave::Content { content, .. }) => assert_eq!(content.needs, "dojazdy do lekarza i do apteki"),
        other => panic!("expected the new draft for autosave, got {other:?}"),
    }
}

#[test]
fn supporting_actions_are_added_and_removed_in_the_editor() {
    let mut desk = desk(3);
    desk.press("F4 down enter tab tab tab down down enter");
    insta::assert_snapshot!("editor_action_form", desk.text());
    desk.press("enter");
    assert!(desk.text().contains("działanie: pole jest wymagane"), "{}", desk.text());
    desk.type_text("pomoc w złożeniu wniosku o kartę");
    desk.press("tab");
    desk.type_text("KIPUS");
    desk.press("enter");
    let screen = desk.text();
    assert!(screen.contains("* pomoc w złożeniu wniosku o kartę — KIPUS"), "{screen}");
    match &desk.autosaved {
        Some(Autosave::Content { content, .. }) => {
            assert_eq!(content.actions.len(), 1);
            assert_eq!(
                (content.actions[0].what.as_str(), content.actions[0].who.as_str()),
                ("pomoc w złożeniu wniosku o kartę", "KIPUS")
            );
        }
        other => panic!("expected the draft for autosave, got {other:?}"),
    }
    desk.press("delete right enter");
    assert!(!desk.text().contains("pomoc w złożeniu"), "{}", desk.text());
    match &desk.autosaved {
        Some(Autosave::Content { content, .. }) => assert!(content.actions.is_empty()),
        other => panic!("expected the draft for autosave, got {other:?}"),
    }
}

#[test]
fn the_plans_list_puts_ended_plans_last_and_marks_an_approved_plan_past_its_period() {
    let mut desk = desk(3);
    desk.db.conn().execute_batch("UPDATE plan_version SET period_end = '2026-03-01' WHERE plan_id = 1").unwrap();
    desk.press("F4");
    let screen = desk.text();
    assert!(screen.contains("IPUS/2026/0001   po terminie v1"), "needs completion: {screen}");
    desk.db.conn().execute_batch("UPDATE plan SET ended_on = '2026-03-01' WHERE id = 1").unwrap();
    desk.press("F4");
    let screen = desk.text();
    let draft = screen.find("IPUS/2026/0002   szkic v1").expect("the draft is listed");
    let ended = screen.find("IPUS/2026/0001   zakończony v1").expect("the ended plan is listed");
    assert!(draft < ended, "ended plans come last: {screen}");
}

#[test]
fn enter_on_a_line_of_an_approved_plan_shows_all_of_it() {
    let mut desk = desk(3);
    desk.press("F4 enter tab enter");
    let screen = desk.text();
    for part in ["Pozycja planu", "1. Taxi senioralne", "Ilość: 2 / miesiąc", "2026-04-01 – 2026-12-31", "Harmonogram"]
    {
        assert!(screen.contains(part), "{part}:\n{screen}");
    }
    assert!(!screen.contains("nie można zmienić"), "{screen}");
    insta::assert_snapshot!("approved_line_detail", screen);
    desk.press("esc");
    assert!(!desk.text().contains("Harmonogram"), "{}", desk.text());
}

#[test]
fn opening_a_plan_in_the_editor_is_written_to_the_audit_log() {
    let mut desk = desk_as("dyr", 3, true);
    desk.press("F4 down enter");
    let views = okienko::storage::audit::entries(desk.db.conn(), None, Some("dyr"), 10).unwrap();
    let views: Vec<_> = views.iter().filter(|e| e.action == "view").collect();
    assert_eq!(views.len(), 1, "{views:?}");
    assert!(views[0].target.starts_with("plan:") && views[0].resident_id.is_some(), "{views:?}");
}

#[test]
fn long_needs_end_in_an_ellipsis_outside_their_field_and_read_to_the_end_inside_it() {
    let mut desk = desk(3);
    desk.press("F4 down enter");
    desk.type_text(" oraz pomoc w zakupach, sprzątaniu mieszkania, opłacaniu rachunków i kontaktach z urzędem gminy");
    desk.press("tab");
    let screen = desk.text();
    let needs = screen.lines().find(|l| l.contains("Potrzeby:")).unwrap();
    assert!(needs.ends_with("…│"), "cut with an ellipsis at the border: {needs}");
    desk.press("shift-tab");
    let screen = desk.text();
    let needs = screen.lines().find(|l| l.contains("Potrzeby:")).unwrap();
    assert!(needs.contains("kontaktach z urzędem gminy"), "the field shows the rest: {needs}");
    assert!(!needs.contains('…'), "{needs}");
}

/// Jan, another coordinator, saves the draft from his own desk (a second connection to the same
/// file) while Kasia's typing waits for the autosave: her save then meets his newer work.
fn jan_saves_in_between(desk: &Desk, needs: &str, expected_effects: &str) -> i64 {
    let mut other = Db::open(&desk.dir().join(FILE)).unwrap();
    other.write(|tx| staff::add(tx, "test", "jan", "Jan Nowicki", &[Role::Koordynator], false)).unwrap();
    let jan = staff::identify(other.conn(), "jan").unwrap();
    let plan = plans::resolve(other.conn(), "IPUS/2026/0002").unwrap();
    let version = plans::detail(other.conn(), plan).unwrap().open().unwrap().clone();
    let mut content = version.content.clone();
    content.needs = needs.into();
    content.expected_effects = expected_effects.into();
    plans::save_draft(&mut other, &jan, version.id, version.revision, content, d(TODAY)).unwrap().revision
}

#[test]
fn a_save_that_meets_newer_work_shows_both_per_field_and_saves_the_chosen_mix() {
    let mut desk = desk(3);
    desk.press("F4 down enter");
    desk.type_text(" i zakupy");
    let theirs = jan_saves_in_between(&desk, "dojazdy na basen", "samodzielne dojazdy");
    desk.autosave_now();
    for (width, height) in [(80, 24), (80, 23)] {
        let screen = desk.text_at(width, height);
        assert!(screen.contains("Plan zmieniono w międzyczasie"), "{width}×{height}:\n{screen}");
        assert!(screen.contains("jan zapisał(a) plan o "), "{screen}");
        for shown in ["Potrzeby", "zapisane", "dojazdy na basen", "wpisane przez Ciebie", "dojazdy do lekarza i zakupy"]
        {
            assert!(screen.contains(shown), "{width}×{height} shows {shown}:\n{screen}");
        }
        assert!(screen.contains("samodzielne dojazdy"), "the second field that differs:\n{screen}");
        assert!(!screen.contains("Okres od"), "a field nobody changed is not offered:\n{screen}");
    }
    // Letters are text elsewhere; here they change nothing.
    desk.type_text("ąę zt");
    // Keep the typed needs; take Jan's expected effects.
    desk.press("down tab enter");
    assert!(desk.text().contains("Połączono"), "{}", desk.text());
    desk.autosave_now();
    let plan = plans::resolve(desk.db.conn(), "IPUS/2026/0002").unwrap();
    let saved = plans::detail(desk.db.conn(), plan).unwrap().open().unwrap().clone();
    assert_eq!(saved.content.needs, "dojazdy do lekarza i zakupy");
    assert_eq!(saved.content.expected_effects, "samodzielne dojazdy");
    assert_eq!(saved.revision, theirs + 1, "saved as a new revision on top of Jan's");
    assert!(desk.text().contains("zapisano"), "{}", desk.text());
}

#[test]
fn leaving_the_conflict_view_keeps_what_was_typed_and_leaving_the_plan_asks_first() {
    let mut desk = desk(3);
    desk.press("F4 down enter");
    desk.type_text(" i zakupy");
    let theirs = jan_saves_in_between(&desk, "dojazdy na basen", "");
    desk.autosave_now();
    desk.press("esc");
    let screen = desk.text_at(80, 23);
    assert!(screen.contains("niezapisane: plan zmieniono w międzyczasie"), "{screen}");
    assert!(screen.contains("dojazdy do lekarza i zakupy"), "the typed text stays on screen:\n{screen}");
    // Esc from the plan asks, "no" first: Enter keeps the plan open with the typed text.
    desk.press("esc");
    let question = desk.text();
    assert!(question.contains("IPUS/2026/0002 · Łukasz Żółć"), "{question}");
    assert!(question.contains("to, co wpisano, nie zostało zapisane i"), "{question}");
    desk.press("enter");
    assert!(desk.text().contains("dojazdy do lekarza i zakupy"), "{}", desk.text());
    // Enter brings the conflict view back; taking the stored needs saves nothing new.
    desk.press("enter");
    assert!(desk.text().contains("Plan zmieniono w międzyczasie"), "{}", desk.text());
    desk.press("tab enter");
    desk.autosave_now();
    let plan = plans::resolve(desk.db.conn(), "IPUS/2026/0002").unwrap();
    let saved = plans::detail(desk.db.conn(), plan).unwrap().open().unwrap().clone();
    assert_eq!((saved.content.needs.as_str(), saved.revision), ("dojazdy na basen", theirs));
    assert!(desk.text().contains("dojazdy na basen"), "the editor goes on from the stored work:\n{}", desk.text());
}

#[test]
fn typing_over_the_plans_list_narrows_it_and_enter_opens_the_row_found() {
    let mut desk = desk(3);
    desk.press("F4");
    // Letters are text here: "zolc" folds to the resident's name, not a command.
    desk.type_text("zolc");
    for (width, height) in [(80, 24), (80, 23)] {
        let screen = desk.text_at(width, height);
        assert!(screen.contains("Filtr: zolc"), "{screen}");
        assert!(screen.contains("▶ IPUS/2026/0002") && !screen.contains("Anna Nowak"), "{width}×{height}:\n{screen}");
    }
    desk.press("enter");
    assert!(desk.text().contains("IPUS/2026/0002 v1 szkic · Łukasz Żółć"), "{}", desk.text());
    desk.press("esc");
    desk.press("ctrl-u");
    desk.type_text("zatwierdzony 0001");
    let screen = desk.text();
    assert!(screen.contains("Anna Nowak") && !screen.contains("Łukasz Żółć"), "the state is matched too:\n{screen}");
    desk.type_text(" xyz");
    assert!(desk.text().contains("Brak planów"), "{}", desk.text());
}

#[test]
fn typing_in_the_service_picker_narrows_it_and_enter_takes_the_service_found() {
    let mut desk = desk(3);
    desk.press("F4 down enter tab tab tab down enter");
    desk.type_text("opiek");
    for (width, height) in [(80, 24), (80, 23)] {
        let screen = desk.text_at(width, height);
        assert!(screen.contains("Filtr: opiek"), "{screen}");
        assert!(screen.contains("▶OPIEKA") && !screen.contains("TAXI       Taxi"), "{width}×{height}:\n{screen}");
    }
    desk.type_text("xyz");
    assert!(desk.text().contains("Nic nie pasuje do filtra"), "{}", desk.text());
    desk.press("backspace backspace backspace enter");
    let screen = desk.text();
    assert!(screen.contains("Usługi opiekuńcze"), "the line form for the service found:\n{screen}");
}

#[test]
fn typed_content_waiting_to_be_merged_survives_a_hangup_and_comes_back_in_the_merge_view() {
    let mut desk = desk(3);
    desk.press("F4 down enter");
    desk.type_text(" i zakupy");
    jan_saves_in_between(&desk, "dojazdy na basen", "");
    desk.autosave_now();
    desk.press("esc");
    // The terminal goes away now: what the desk keeps is written as the autosave thread does.
    let kept = desk.app.open_forms();
    assert_eq!(kept.len(), 1, "the typed plan content is kept");
    desk.db.write(|tx| okienko::storage::form_drafts::keep(tx, "kasia", &kept)).unwrap();

    let db = Db::open(&desk.dir().join(FILE)).unwrap();
    let mut next = Desk::open(db, "kasia", desk::options(NO_COLOUR, d(TODAY)));
    next.app.offer_kept_forms();
    next.settle();
    let screen = next.text_at(80, 23);
    assert!(screen.contains("Plan zmieniono w międzyczasie"), "{screen}");
    assert!(screen.contains("dojazdy na basen") && screen.contains("dojazdy do lekarza i zakupy"), "{screen}");
    next.press("enter");
    next.autosave_now();
    let plan = plans::resolve(next.db.conn(), "IPUS/2026/0002").unwrap();
    let saved = plans::detail(next.db.conn(), plan).unwrap().open().unwrap().clone();
    assert_eq!(saved.content.needs, "dojazdy do lekarza i zakupy");
}
