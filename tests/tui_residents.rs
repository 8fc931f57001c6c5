//! The residents view on a test terminal: what the person at the desk sees and what each key
//! does, with background work run on the spot.

mod support;

use okienko::storage::audit;
use okienko::tui::Msg;
use okienko::tui::keymap::Keymap;
use okienko::tui::search_thread::found;
use okienko::tui::theme::Theme;
use std::path::Path;
use support::desk::{self, COLOUR, Desk, MODES};

fn open_as(login: &str, theme: Theme, keymap: Keymap) -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let (_, db) = support::centre::centre(dir.path());
    let options = okienko::tui::DeskOptions { keymap, ..desk::options(theme, support::centre::today()) };
    Desk::open(db, login, options).keeping(dir)
}

fn open(theme: Theme) -> Desk {
    open_as("kasia", theme, Keymap::default_keys())
}

fn audit_actions(desk: &Desk) -> Vec<String> {
    audit::entries(desk.db.conn(), None, Some("kasia"), 100).unwrap().into_iter().map(|e| e.action).collect()
}

fn snapshot_in_every_mode(name: &str, width: u16, height: u16, steps: impl Fn(&mut Desk)) {
    for (mode, theme) in MODES {
        let mut desk = open(theme);
        steps(&mut desk);
        insta::assert_snapshot!(format!("{name}_{mode}"), desk.screen_at(width, height));
    }
}

#[test]
fn screens_at_80_by_24() {
    snapshot_in_every_mode("empty", 80, 24, |_| {});
    snapshot_in_every_mode("results_with_highlight", 80, 24, |d| d.type_text("nowak"));
    snapshot_in_every_mode("card_open", 80, 24, |d| {
        d.type_text("zolc");
        d.press("enter");
    });
    snapshot_in_every_mode("visit_form_with_error", 80, 24, |d| {
        d.type_text("zolc");
        d.press("enter alt-w tab tab");
        d.type_text("  ");
        d.press("tab");
        d.type_text("Klub Senior+");
        d.press("enter");
    });
    snapshot_in_every_mode("help", 80, 24, |d| d.press("F1"));
    snapshot_in_every_mode("too_small", 60, 20, |d| d.type_text("nowak"));
}

#[test]
fn folded_queries_find_the_same_person_with_matches_marked() {
    for query in ["lukasz zolc", "ŁUKASZ ŻÓŁĆ", "Łukasz Żółć"] {
        let mut desk = open(COLOUR);
        desk.type_text(query);
        let screen = desk.text();
        assert!(screen.contains("Żółć Łukasz"), "{query}:\n{screen}");
        assert!(screen.contains("1 z 1"), "{query}:\n{screen}");
    }
}

#[test]
fn the_list_shows_masked_pesel_age_and_place() {
    let mut desk = open(COLOUR);
    desk.type_text("zolc");
    let screen = desk.text();
    assert!(screen.contains("440514•••••"), "{screen}");
    assert!(screen.contains("  82 Starachowice"), "{screen}");
    assert!(!screen.contains("44051401359"), "{screen}");
}

#[test]
fn results_of_a_query_already_typed_over_are_dropped() {
    let mut desk = open(COLOUR);
    desk.type_text("zolc");
    let stale = found(&desk.db, &desk.searcher, 1, "nowak");
    desk.app.handle_msg(stale);
    let screen = desk.text();
    assert!(screen.contains("Żółć Łukasz") && !screen.contains("Nowak Anna"), "{screen}");
}

#[test]
fn opening_a_card_is_audited_and_shows_what_the_desk_needs() {
    let mut desk = open(COLOUR);
    desk.type_text("zolc");
    desk.press("enter");
    let screen = desk.text();
    for expected in [
        "82 lata",
        "ul. Radomska 2/14, 27-200 Starachowice",
        "601 234 567",
        "l.zolc@example.pl",
        "Maria Żółć (opiekun faktyczny), 600 100 200",
        "IPUS/2026/007 w.1 [zatwierdzony] 2026-04-01–2026-12-31",
        "2026-11-02 [diagnoza potrzeb] usługi opiekuńcze",
        "2026-11-20 wizyta (telefon): pytanie o taksówkę → Senior taxi",
        "2026-11-10 monitoring (telefon): rozmowa z córką",
        "ruchowa, umiarkowany",
    ] {
        assert!(screen.contains(expected), "{expected:?} missing:\n{screen}");
    }
    assert_eq!(audit_actions(&desk), ["open_card"]);
}

#[test]
fn front_desk_does_not_see_special_category_data() {
    let mut desk = open_as("ola", COLOUR, Keymap::default_keys());
    desk.type_text("zolc");
    desk.press("enter");
    let screen = desk.text();
    assert!(screen.contains("601 234 567"), "{screen}");
    assert!(!screen.contains("RODO") && !screen.contains("ruchowa"), "{screen}");
}

#[test]
fn revealing_the_pesel_is_audited() {
    let mut desk = open(COLOUR);
    desk.type_text("zolc");
    desk.press("enter");
    assert!(!desk.text().contains("44051401359"));
    desk.press("alt-p");
    let screen = desk.text();
    assert!(screen.contains("44051401359") && screen.contains("PESEL odsłonięty"), "{screen}");
    assert_eq!(audit_actions(&desk), ["reveal_pesel", "open_card"]);
}

#[test]
fn copying_puts_phone_or_pesel_on_the_clipboard_and_pesel_is_audited() {
    let mut desk = open(COLOUR);
    desk.type_text("zolc");
    desk.press("enter alt-t");
    assert!(desk.text().contains("Telefon wysłany do schowka terminala"), "sent, not said to work: {}", desk.text());
    desk.press("alt-c");
    assert_eq!(desk.clipboard, ["601234567", "44051401359"]);
    assert_eq!(audit_actions(&desk), ["reveal_pesel", "open_card"]);
    assert_eq!(okienko::tui::osc52("601234567"), "\u{1b}]52;c;NjAxMjM0NTY3\u{7}");
}

#[test]
fn a_visit_is_saved_audited_and_shown_among_the_last_contacts() {
    let mut desk = open(COLOUR);
    desk.type_text("zolc");
    desk.press("enter alt-w tab right");
    desk.press("tab");
    desk.type_text("zapytanie o Klub Seniora");
    desk.press("tab");
    desk.type_text("Klub Senior+ w Kochanówce");
    desk.press("enter");
    let screen = desk.text();
    assert!(screen.contains("Zapisano kontakt"), "{screen}");
    assert!(
        screen.contains("2026-11-23 wizyta (telefon): zapytanie o Klub Seniora → Klub Senior+ w Koch…"),
        "{screen}"
    );
    assert_eq!(audit_actions(&desk), ["create", "open_card"]);
}

#[test]
fn a_refused_visit_names_the_field_and_keeps_what_was_typed() {
    let mut desk = open(COLOUR);
    desk.type_text("zolc");
    desk.press("enter alt-w");
    for _ in 0..10 {
        desk.press("backspace");
    }
    desk.type_text("2026-13-01");
    desk.press("tab tab");
    desk.type_text("pytanie o dowóz");
    desk.press("enter");
    let screen = desk.text();
    assert!(screen.contains("! data: data musi mieć postać RRRR-MM-DD"), "{screen}");
    assert!(screen.contains("2026-13-01") && screen.contains("pytanie o dowóz"), "{screen}");
    assert_eq!(audit_actions(&desk), ["open_card"]);
}

#[test]
fn leaving_a_typed_form_asks_first() {
    let mut desk = open(COLOUR);
    desk.type_text("zolc");
    desk.press("enter alt-w tab tab");
    desk.type_text("pytanie");
    desk.press("esc");
    assert!(desk.text().contains("Porzucić wpisane dane?"));
    desk.press("esc");
    assert!(desk.text().contains("pytanie"), "the form is back with its text");
    desk.press("esc enter");
    assert!(desk.text().contains("pytanie"), "Enter alone answers no: {}", desk.text());
    desk.press("esc right enter");
    assert!(!desk.text().contains("Porzucić") && !desk.text().contains("Temat"));
}

#[test]
fn a_director_cannot_record_a_visit_and_is_told_why() {
    let mut desk = open_as("dyr", COLOUR, Keymap::default_keys());
    desk.type_text("zolc");
    desk.press("enter alt-w");
    let screen = desk.text();
    assert!(screen.contains("brak uprawnień") && screen.contains("recepcja lub koordynator"), "{screen}");
    assert!(!screen.contains("Temat"), "{screen}");
}

#[test]
fn hostile_text_from_the_database_never_reaches_the_terminal() {
    let mut desk = open(COLOUR);
    desk.type_text("nowacka");
    let screen = desk.text();
    assert!(screen.contains("Nowacka�[2J� Ewa"), "{screen}");
    assert!(!screen.contains('\u{1b}') && !screen.contains('\u{202E}'));
}

#[test]
fn vim_keys_move_in_the_list_and_help_shows_them() {
    let mut desk = open_as("kasia", COLOUR, Keymap::load(Some(Path::new("vim"))).unwrap());
    desk.type_text("nowak");
    desk.press("esc j j g g G");
    desk.press("F1");
    let screen = desk.text();
    assert!(screen.contains("g g") && screen.contains("pierwszy"), "{screen}");
    desk.press("esc l");
    assert!(desk.text().contains("Karta mieszkańca"));
}

#[test]
fn english_with_lang_en() {
    let dir = tempfile::tempdir().unwrap();
    let (_, db) = support::centre::centre(dir.path());
    let options =
        okienko::tui::DeskOptions { lang: okienko::i18n::Lang::En, ..desk::options(COLOUR, support::centre::today()) };
    let desk = Desk::open(db, "kasia", options);
    let screen = desk.text();
    assert!(screen.contains("Residents") && screen.contains("F10 quit"), "{screen}");
}

#[test]
fn a_card_changed_at_another_desk_is_read_again_without_a_new_audit_entry() {
    let mut desk = open(COLOUR);
    desk.type_text("zolc");
    desk.press("enter");
    let id: i64 =
        desk.db.conn().query_row("SELECT id FROM resident WHERE pesel = '44051401359'", [], |r| r.get(0)).unwrap();
    desk.db.write(|tx| Ok(tx.execute("UPDATE resident SET phone = '602000111' WHERE id = ?1", [id])?)).unwrap();
    desk.app.handle_msg(Msg::Changed(vec![id]));
    desk.settle();
    assert!(desk.text().contains("602 000 111"), "{}", desk.text());
    assert_eq!(audit_actions(&desk), ["open_card"]);
}

#[test]
fn a_long_card_line_ends_in_an_ellipsis_and_enter_shows_it_whole() {
    let mut desk = open(COLOUR);
    let summary = "usługi opiekuńcze w domu dwa razy w tygodniu, pomoc w zakupach i dowóz na rehabilitację do Kielc";
    desk.db.conn().execute("UPDATE application SET summary = ?1", [summary]).unwrap();
    desk.type_text("zolc");
    desk.press("enter");
    let screen = desk.text();
    let line = screen.lines().find(|l| l.contains("usługi opiekuńcze w domu")).unwrap_or_else(|| panic!("{screen}"));
    assert!(line.trim_end_matches('│').trim_end().ends_with('…'), "{line}");
    assert!(!screen.contains("Kielc"), "{screen}");

    desk.press("enter");
    let screen = desk.text();
    assert!(screen.contains("Kielc"), "the whole text after Enter: {screen}");
    desk.press("enter");
    assert!(!desk.text().contains("Kielc"), "Enter again cuts it back");
}

/// Żółć's plan grants senior taxi from Taxi Podhale, one ride of it taken this month; he waits
/// for care behind two earlier applications; an older plan of his has ended.
fn zolc_has_services(desk: &Desk) {
    let conn = desk.db.conn();
    conn.execute_batch(
        "INSERT INTO provider (name, kind) VALUES ('Taxi Podhale', 'firma');
         INSERT INTO service (code, name, unit, updated_at, updated_by) VALUES
             ('TAXI', 'Taxi senioralne', 'kurs', 'x', 'x'), ('OPIEKA', 'Usługi opiekuńcze', 'godz.', 'x', 'x');
         INSERT INTO plan_line (version_id, position, service_id, provider_id, amount, per, starts_on, ends_on)
             SELECT v.id, 1, (SELECT id FROM service WHERE code = 'TAXI'), (SELECT id FROM provider), 2, 'month',
                    '2026-04-01', '2026-12-31'
             FROM plan_version v JOIN plan p ON p.id = v.plan_id WHERE p.number = 'IPUS/2026/007';
         INSERT INTO usage_record (line_id, used_on, units, recorded_by, recorded_at) VALUES
             ((SELECT max(id) FROM plan_line), '2026-10-14', 2, 'kasia', 'x'),
             ((SELECT max(id) FROM plan_line), '2026-11-17', 1, 'kasia', 'x');
         INSERT INTO application (resident_id, filed_on, applicant_kind, state, created_at, created_by)
             SELECT id, '2026-10-02', 'mieszkaniec', 'oczekuje', 'x', 'x' FROM resident WHERE last_name IN ('Nowak', 'Nowicki');
         INSERT INTO waitlist_entry (service_id, application_id, units, added_at, added_by)
             SELECT (SELECT id FROM service WHERE code = 'OPIEKA'), id, 10, 'x', 'x' FROM application ORDER BY filed_on DESC;
         INSERT INTO plan (number, resident_id, coordinator_login, created_at, ended_on)
             SELECT 'IPUS/2025/031', resident_id, 'kasia', 'x', '2025-12-31' FROM plan WHERE number = 'IPUS/2026/007';
         INSERT INTO plan_version (plan_id, version, state, period_start, period_end, drafted_on, updated_at, updated_by)
             SELECT id, 1, 'zatwierdzony', '2025-06-01', '2025-12-31', '2025-05-20', 'x', 'x' FROM plan
             WHERE number = 'IPUS/2025/031';",
    )
    .unwrap();
}

#[test]
fn the_card_shows_services_in_force_with_this_months_use_and_the_place_in_the_queue() {
    let mut desk = open(COLOUR);
    zolc_has_services(&desk);
    desk.type_text("zolc");
    desk.press("enter");
    let screen = desk.text_at(80, 24);
    for expected in [
        "IPUS/2026/007 w.1 [zatwierdzony] 2026-04-01–2026-12-31",
        "zakończone plany: 1",
        "Usługi przyznane",
        "Taxi senioralne · Taxi Podhale · 2 / miesiąc · w tym miesiącu 1 z 2",
        "lista oczekujących: Usługi opiekuńcze, 3. miejsce, od 2026-11-02",
    ] {
        assert!(screen.contains(expected), "{expected:?} missing:\n{screen}");
    }
    assert!(!screen.contains("IPUS/2025/031"), "the ended plan stays folded: {screen}");
    insta::assert_snapshot!("card_with_services", screen);

    desk.press("enter");
    let screen = desk.text_at(80, 24);
    assert!(screen.contains("IPUS/2025/031 w.1 [zatwierdzony] 2025-06-01–2025-12-31"), "Enter unfolds: {screen}");
    assert!(!screen.contains("zakończone plany"), "{screen}");
}

#[test]
fn the_card_in_english_names_the_services_and_the_queue() {
    let dir = tempfile::tempdir().unwrap();
    let (_, db) = support::centre::centre(dir.path());
    let options =
        okienko::tui::DeskOptions { lang: okienko::i18n::Lang::En, ..desk::options(COLOUR, support::centre::today()) };
    let mut desk = Desk::open(db, "kasia", options).keeping(dir);
    zolc_has_services(&desk);
    desk.type_text("zolc");
    desk.press("enter");
    let screen = desk.text_at(80, 24);
    for expected in [
        "ended plans: 1",
        "Services in force",
        "Taxi senioralne · Taxi Podhale · 2 / month · this month 1 of 2",
        "waiting list: Usługi opiekuńcze, place 3, since 2026-11-02",
    ] {
        assert!(screen.contains(expected), "{expected:?} missing:\n{screen}");
    }
}
