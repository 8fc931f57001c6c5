//! The service base view (F3) on a test terminal: the table, the detail, live refresh that keeps
//! the selection, freezing, and the organiser's and coordinator's forms.

mod support;

use chrono::{NaiveDateTime, NaiveTime};
use okienko::domain::period::PeriodKind;
use okienko::storage::Db;
use okienko::storage::services::{self, HoursInput, LocationInput, ProviderInput, ServiceInput};
use okienko::tui::theme::Theme;
use rusqlite::params;
use support::base::{add_line, d};
use support::desk::{self, COLOUR, Desk, MODES, NO_COLOUR};

/// Monday 23 November 2026, 11:00: the care service is open, the club too.
fn now() -> NaiveDateTime {
    d("2026-11-23").and_time(NaiveTime::from_hms_opt(11, 0, 0).unwrap())
}

/// Four services: a full club with a waiting list, care at home from Caritas, a suspended
/// workshop with a fee, and a taxi without a pool.
fn sample() -> support::base::Centre {
    let mut c = support::base::centre();
    let (caritas, hall, home) =
        c.db.write(|tx| {
            tx.execute_batch(
                "INSERT INTO gmina (id, name) VALUES (1, 'Brody');
                 INSERT INTO village (id, gmina_id, name) VALUES (1, 1, 'Adamów');",
            )?;
            let caritas = services::add_provider(
                tx,
                "org",
                &ProviderInput { name: "Caritas".into(), kind: "ngo".into(), ..Default::default() },
            )?;
            let hall = services::add_location(
                tx,
                "org",
                &LocationInput { name: "Świetlica Adamów".into(), village_id: Some(1), ..Default::default() },
            )?;
            let home = services::add_location(
                tx,
                "org",
                &LocationInput { name: "Dom mieszkańca".into(), kind: "dom".into(), ..Default::default() },
            )?;
            Ok((caritas, hall, home))
        })
        .unwrap();
    let club = c.service("KLUB", "Klub seniora", "spotkanie");
    let input = ServiceInput {
        code: "OPI".into(),
        name: "Usługi opiekuńcze".into(),
        unit: "godzina".into(),
        default_provider_id: Some(caritas),
        areas: vec!["pomoc społeczna".into()],
        delivery_days: 14,
        description: "Pomoc w codziennych czynnościach w domu.".into(),
        ..Default::default()
    };
    let care = c.db.write(|tx| services::add_service(tx, "org", &input)).unwrap();
    let input = ServiceInput {
        code: "WARS".into(),
        name: "Warsztaty rękodzieła".into(),
        unit: "zajęcia".into(),
        fee_grosze: 1250,
        access_rule: "odplatnosc_czesciowa".into(),
        ..Default::default()
    };
    let workshop = c.db.write(|tx| services::add_service(tx, "org", &input)).unwrap();
    c.service("TAXI", "Taxi senioralne", "kurs");
    let hours = |service_id, location_id, weekday, opens, closes| HoursInput {
        service_id,
        location_id,
        provider_id: None,
        weekday,
        opens: NaiveTime::from_hms_opt(opens, 0, 0).unwrap(),
        closes: NaiveTime::from_hms_opt(closes, 0, 0).unwrap(),
        valid_from: d("2026-01-01"),
        valid_to: None,
        on_holidays: false,
    };
    c.db.write(|tx| {
        services::add_hours(tx, "org", &hours(club, hall, 1, 10, 14))?;
        for day in 1..=5 {
            services::add_hours(tx, "org", &hours(care, home, day, 7, 19))?;
        }
        services::add_hours(tx, "org", &hours(workshop, hall, 3, 16, 18))?;
        services::set_suspended(tx, "org", workshop, true)
    })
    .unwrap();
    c.pool(club, PeriodKind::Month, 20, "2026-01-01");
    c.line(club, 20, "month", None, "2026-01-01", "2026-12-31");
    c.pool(care, PeriodKind::Month, 100, "2026-01-01");
    c.line(care, 6, "week", None, "2026-04-01", "2026-12-31");
    c.db.write(|tx| {
        for (first, last, filed) in [("Zofia", "Późna", "2026-11-10"), ("Jan", "Wczesny", "2026-11-02")] {
            tx.execute(
                "INSERT INTO resident (first_name, last_name, created_at, updated_at, updated_by) VALUES (?1, ?2, 'x', 'x', 'x')",
                params![first, last],
            )?;
            let resident = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO application (resident_id, filed_on, applicant_kind, state, created_at, created_by)
                 VALUES (?1, ?2, 'mieszkaniec', 'oczekuje', 'x', 'koord')",
                params![resident, filed],
            )?;
            tx.execute(
                "INSERT INTO waitlist_entry (service_id, application_id, units, added_at, added_by) VALUES (?1, ?2, 4, 'x', 'koord')",
                params![club, tx.last_insert_rowid()],
            )?;
        }
        // Fixed stamps, so that the screens do not depend on when the test runs.
        tx.execute("UPDATE service SET updated_at = '2026-11-20T08:15:00.000Z'", [])?;
        Ok(())
    })
    .unwrap();
    c
}

/// `login`'s desk on the base view, loaded at [`now`].
fn open_as(login: &str, theme: Theme) -> Desk {
    let centre = sample();
    let mut desk = Desk::open(centre.db, login, desk::options(theme, d("2026-11-23"))).keeping(centre.dir).at(now());
    desk.press("F3");
    desk.tick();
    desk
}

/// Another desk's connection, as another process would have.
fn other_desk(desk: &Desk) -> Db {
    Db::open(&desk.dir().join(support::base::FILE)).unwrap()
}

fn snapshot_in_every_mode(name: &str, login: &str, steps: impl Fn(&mut Desk)) {
    for (mode, theme) in MODES {
        let mut desk = open_as(login, theme);
        steps(&mut desk);
        insta::assert_snapshot!(format!("{name}_{mode}"), desk.screen());
    }
}

#[test]
fn screens_at_80_by_24() {
    snapshot_in_every_mode("table", "koord", |_| {});
    snapshot_in_every_mode("detail", "koord", |d| d.press("enter"));
    snapshot_in_every_mode("filtered_and_frozen", "koord", |d| {
        d.press("/");
        d.type_text("opiek");
        d.press("enter alt-z");
    });
    snapshot_in_every_mode("limit_form_with_error", "org", |d| {
        d.press("down down alt-l");
        d.press("tab");
        d.type_text("pięć");
        d.press("enter");
    });
}

#[test]
fn the_table_shows_counters_status_in_words_and_hours_today() {
    let desk = open_as("rec", COLOUR);
    let screen = desk.text();
    let club = screen.lines().find(|l| l.contains("Klub seniora")).unwrap();
    assert!(club.contains("10:00–14:00*") && club.contains("LISTA"), "{club}");
    let care = screen.lines().find(|l| l.contains("Usługi opiekuńcze")).unwrap();
    assert!(care.contains("26") && care.contains("74") && care.contains("OK"), "{care}");
    assert!(screen.contains("ZAWIESZONA") && screen.contains("BEZ LIMITU"), "{screen}");
    assert!(screen.contains("4 z 4") && screen.contains("na żywo"), "{screen}");
}

#[test]
fn a_wider_terminal_shows_more_columns() {
    let desk = open_as("rec", COLOUR);
    let narrow = desk.text_at(80, 24);
    let wide = desk.text_at(140, 30);
    assert!(!narrow.contains("Realizator") && wide.contains("Realizator"), "{wide}");
    assert!(wide.contains("Caritas") && wide.contains("12,50 zł / zajęcia"), "{wide}");
}

#[test]
fn a_change_from_another_desk_shows_without_moving_the_selection() {
    let mut desk = open_as("koord", COLOUR);
    desk.press("down down");
    assert!(desk.selected_line().contains("Usługi opiekuńcze"), "{}", desk.text());
    let mut other = other_desk(&desk);
    add_line(other.conn(), 2, (10, "month", None, "2026-11-01", "2026-12-31"), "zatwierdzony");
    let input = ServiceInput {
        code: "ASY".into(),
        name: "Asystencja osobista".into(),
        unit: "godzina".into(),
        ..Default::default()
    };
    other.write(|tx| services::add_service(tx, "org", &input)).unwrap();
    desk.tick();
    let selected = desk.selected_line();
    assert!(selected.contains("Usługi opiekuńcze") && selected.contains("36") && selected.contains("64"), "{selected}");
    assert!(desk.text().contains("Asystencja osobista"), "{}", desk.text());
}

#[test]
fn a_frozen_table_waits_until_it_is_unfrozen() {
    let mut desk = open_as("koord", COLOUR);
    desk.press("alt-z");
    add_line(other_desk(&desk).conn(), 2, (10, "month", None, "2026-11-01", "2026-12-31"), "zatwierdzony");
    desk.tick();
    let screen = desk.text();
    assert!(screen.contains("ZAMROŻONE, są zmiany"), "{screen}");
    assert!(screen.lines().any(|l| l.contains("Usługi opiekuńcze") && l.contains(" 26 ")), "{screen}");
    desk.press("alt-z");
    let screen = desk.text();
    assert!(screen.contains("na żywo"), "{screen}");
    assert!(screen.lines().any(|l| l.contains("Usługi opiekuńcze") && l.contains(" 36 ")), "{screen}");
}

#[test]
fn the_organiser_sets_a_limit_and_suspends_from_the_view() {
    let mut desk = open_as("org", COLOUR);
    desk.press("down down alt-l tab");
    desk.type_text("28");
    desk.press("enter");
    insta::assert_snapshot!("limit_confirmation", desk.text());
    insta::assert_snapshot!("limit_confirmation_80x23", desk.text_at(80, 23));
    desk.press("right enter");
    let screen = desk.text();
    assert!(screen.contains("Zapisano limit"), "{screen}");
    assert!(
        screen.lines().any(|l| l.contains("Usługi opiekuńcze") && l.contains(" 2 ") && l.contains("MAŁO")),
        "{screen}"
    );
    desk.press("alt-x");
    insta::assert_snapshot!("suspend_confirmation", desk.text());
    insta::assert_snapshot!("suspend_confirmation_80x23", desk.text_at(80, 23));
    desk.press("enter");
    assert!(!desk.selected_line().contains("ZAWIESZONA"), "Enter alone answers no: {}", desk.text());
    desk.press("alt-x right enter");
    assert!(desk.selected_line().contains("ZAWIESZONA"), "{}", desk.text());
    let audit = okienko::storage::audit::entries(desk.db.conn(), None, Some("org"), 5).unwrap();
    assert!(audit.iter().any(|e| e.detail.contains("limit puli nr 2 w okresie 2026-11: 28")), "{audit:?}");
}

#[test]
fn a_coordinator_records_usage_but_may_not_edit_limits() {
    let mut desk = open_as("koord", COLOUR);
    desk.press("alt-l");
    assert!(desk.text().contains("brak uprawnień"), "{}", desk.text());
    desk.press("esc alt-u");
    desk.type_text("IPUS/2/2026");
    desk.press("tab tab tab");
    desk.type_text("3");
    desk.press("enter");
    assert!(desk.text().contains("Zapisano wykonanie"), "{}", desk.text());
    let care = desk.text().lines().find(|l| l.contains("Usługi opiekuńcze")).unwrap().to_string();
    assert!(care.contains("    3 "), "used 3: {care}");
}

#[test]
fn filters_by_text_and_toggles() {
    let mut desk = open_as("koord", COLOUR);
    desk.type_text("klub");
    assert!(desk.text().contains("1 z 4"), "{}", desk.text());
    desk.press("ctrl-u enter alt-w");
    let screen = desk.text();
    assert!(screen.contains("[wolne]") && screen.contains("2 z 4"), "{screen}");
    assert!(!screen.contains("Klub seniora") && screen.contains("Taxi senioralne"), "{screen}");
    desk.press("alt-w alt-o");
    assert!(desk.text().contains("[otwarte teraz]") && desk.text().contains("2 z 4"), "{}", desk.text());
    // The sort orders are offered at once: the remaining units are picked, not cycled to.
    desk.press("alt-o alt-s");
    desk.press(&["down"; 11].join(" "));
    desk.press("enter alt-r");
    assert!(desk.text().contains("sort: zostało ↓"), "{}", desk.text());
}

#[test]
fn sorting_offers_every_order_at_once_and_a_digit_picks_one() {
    let mut desk = open_as("koord", NO_COLOUR);
    desk.press("alt-s");
    for (width, height) in [(80, 24), (80, 23)] {
        let screen = desk.text_at(width, height);
        assert!(screen.contains("Sortuj według"), "{screen}");
        for row in ["▶1 nazwa", "2 kod", "9 ", "zostało"] {
            assert!(screen.contains(row), "{width}×{height} offers {row}:\n{screen}");
        }
    }
    insta::assert_snapshot!("sort_choice", desk.text());
    desk.press("2");
    let screen = desk.text();
    assert!(screen.contains("sort: kod ↑") && !screen.contains("Sortuj według"), "{screen}");
    // Esc leaves the order as it was.
    desk.press("alt-s esc");
    assert!(desk.text().contains("sort: kod ↑"), "{}", desk.text());
}

#[test]
fn the_service_edit_form_at_80_by_24() {
    let mut desk = open_as("org", COLOUR);
    desk.press("down down alt-e");
    insta::assert_snapshot!("service_edit_form_colour", desk.screen());
}

#[test]
fn the_organiser_adds_and_edits_a_service_from_the_view() {
    let mut desk = open_as("org", COLOUR);
    desk.press("alt-a");
    desk.type_text("DOW");
    desk.press("tab");
    desk.type_text("Dowóz posiłków");
    desk.press("tab");
    desk.type_text("posiłek");
    desk.press("tab");
    desk.type_text("8,5");
    desk.press("enter");
    let screen = desk.text();
    assert!(screen.contains("Zapisano usługę") && screen.contains("Dowóz posiłków"), "{screen}");

    desk.press("down down alt-e tab end");
    desk.type_text(" domowe");
    desk.press("enter");
    let screen = desk.text();
    assert!(screen.contains("Zapisano usługę") && screen.contains("Usługi opiekuńcze domowe"), "{screen}");
    let care = services::service_input(desk.db.conn(), 2).unwrap();
    assert_eq!((care.delivery_days, care.areas.clone()), (14, vec!["pomoc społeczna".to_string()]), "kept");
    assert!(care.default_provider_id.is_some(), "the default provider is kept when none is named");
    let added = services::resolve_service(desk.db.conn(), "DOW").unwrap();
    assert_eq!(services::service_input(desk.db.conn(), added).unwrap().fee_grosze, 850);
    let audit = okienko::storage::audit::entries(desk.db.conn(), None, Some("org"), 5).unwrap();
    assert!(audit.iter().any(|e| e.target == "service:2" && e.detail == "edycja usługi"), "{audit:?}");
}

#[test]
fn a_bad_fee_is_refused_naming_the_field_and_keeps_what_was_typed() {
    let mut desk = open_as("org", COLOUR);
    desk.press("alt-a");
    desk.type_text("DOW");
    desk.press("tab");
    desk.type_text("Dowóz");
    desk.press("tab");
    desk.type_text("kurs");
    desk.press("tab");
    desk.type_text("dużo");
    desk.press("enter");
    let screen = desk.text();
    assert!(screen.contains("opłata:") && screen.contains("Dowóz"), "{screen}");
}

#[test]
fn a_code_already_taken_puts_the_cursor_back_on_the_code() {
    let mut desk = open_as("org", COLOUR);
    desk.press("alt-a");
    desk.type_text("KLUB");
    desk.press("tab");
    desk.type_text("Klub młodzieży");
    desk.press("tab");
    desk.type_text("spotkanie");
    desk.press("enter");
    let screen = desk.text();
    assert!(screen.contains("kod: usługa o kodzie KLUB już istnieje"), "the form names the field: {screen}");
    desk.type_text("M");
    desk.press("enter");
    let screen = desk.text();
    assert!(screen.contains("Zapisano usługę"), "the next key went to the code: {screen}");
    assert!(services::resolve_service(desk.db.conn(), "KLUBM").is_ok());
}

#[test]
fn a_receptionist_may_not_add_or_edit_services() {
    let mut desk = open_as("rec", COLOUR);
    desk.press("alt-a");
    assert!(desk.text().contains("brak uprawnień"), "{}", desk.text());
    desk.press("esc alt-e");
    assert!(desk.text().contains("brak uprawnień"), "{}", desk.text());
}

#[test]
fn the_confirmations_keys_read_as_arrows_or_in_words_where_the_terminal_is_ascii() {
    for (theme, lang, keys) in [
        (COLOUR, okienko::i18n::Lang::Pl, "←/→ nie / tak"),
        (desk::ASCII, okienko::i18n::Lang::Pl, "Lewo/Prawo nie / tak"),
        (desk::ASCII, okienko::i18n::Lang::En, "Left/Right no / yes"),
    ] {
        let centre = sample();
        let options = okienko::tui::DeskOptions { lang, ..desk::options(theme, d("2026-11-23")) };
        let mut desk = Desk::open(centre.db, "org", options).keeping(centre.dir).at(now());
        desk.press("F3");
        desk.tick();
        desk.press("down alt-x");
        for (width, height) in [(80, 24), (80, 23)] {
            let screen = desk.text_at(width, height);
            assert!(screen.contains(keys), "{lang:?} {width}×{height}:\n{screen}");
            assert!(!screen.contains("Left nie"), "{screen}");
        }
    }
}

#[test]
fn a_gmina_word_shows_the_base_as_that_gminas_residents_see_it() {
    use okienko::storage::places;
    let mut c = support::base::centre();
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
    let mut desk = Desk::open(c.db, "koord", desk::options(NO_COLOUR, d("2026-11-23"))).keeping(c.dir).at(now());
    desk.press("F3");
    desk.tick();
    let people = |screen: &str, service: &str| {
        let row = screen.lines().find(|l| l.contains(service))?;
        row.split(|ch: char| ch.is_whitespace() || ch == '│').find(|w| w.parse::<i64>().is_ok()).map(str::to_string)
    };
    let all = desk.text_at(80, 24);
    assert_eq!(people(&all, "Taxi senioralne").as_deref(), Some("3"), "{all}");
    desk.type_text("gmina:adam");
    let adamow = desk.text_at(80, 24);
    assert!(!adamow.contains("Klub seniora"), "{adamow}");
    assert_eq!(people(&adamow, "Taxi senioralne").as_deref(), Some("1"), "{adamow}");
    desk.press("ctrl-u");
    desk.type_text("Gmina:DEBICA");
    let debica = desk.text_at(80, 24);
    assert_eq!(people(&debica, "Klub seniora").as_deref(), Some("1"), "{debica}");
    assert_eq!(people(&debica, "Taxi senioralne").as_deref(), Some("1"), "{debica}");
}
