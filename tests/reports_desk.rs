//! The reports screen opened from the dashboard, on an 80×24 test terminal with background work
//! run on the spot; figures come from the hand-checked centre of tests/reports_figures.rs.

mod support;

use okienko::report::{self, tables};
use okienko::storage::audit;
use okienko::storage::reports;
use okienko::tui::theme::Theme;
use okienko::tui::{Effect, Job};
use support::desk::{self, ASCII, Desk, MODES, NO_COLOUR};

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn open_as(login: &str, theme: Theme) -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let db = okienko::session::create_centre(&dir.path().join("c.db"), "CUS Starachowice").unwrap();
    db.conn()
        .execute_batch(
            "INSERT INTO staff (login, full_name, created_at) VALUES ('org', 'Organizatorka', 'x');
             INSERT INTO staff_role (login, role) VALUES ('org', 'organizator');",
        )
        .unwrap();
    db.conn().execute_batch(include_str!("fixtures/reports_centre.sql")).unwrap();
    Desk::open(db, login, desk::options(theme, today())).keeping(dir)
}

#[test]
fn screens_at_80_by_24() {
    for (mode, theme) in MODES {
        let mut desk = open_as("org", theme);
        desk.press("F5 alt-r");
        insta::assert_snapshot!(format!("summary_{mode}"), desk.screen());
        desk.press("tab tab tab end");
        insta::assert_snapshot!(format!("pool_chart_{mode}"), desk.screen());
    }
}

#[test]
fn the_summary_shows_the_figures_of_the_command_line_report() {
    let mut desk = open_as("org", NO_COLOUR);
    desk.press("F5 alt-r");
    let screen = desk.text();
    let range = reports::last_full_half_year(today());
    // Inside the frame the report has 78 columns; its widest text columns are cut to fit.
    let summary = reports::summary(desk.db.conn(), range, reports::Scope::Centre).unwrap();
    let text = report::to_text_within(&tables::summary(&summary), Some(78));
    // Everything down to the last service row fits on the first page, line for line.
    let shown: Vec<&str> = text.lines().take_while(|l| !l.starts_with("Plany zakończone")).collect();
    assert!(shown.iter().any(|l| l.starts_with("TAXI")), "{text}");
    for line in shown.iter().filter(|l| !l.is_empty()) {
        assert!(screen.contains(line.trim_end()), "{line:?} missing:\n{screen}");
    }
    // The hand-checked figures of the fixture: people, granted, granted for the whole plan and
    // used per service.
    for (code, figures) in [("OPIEKA", ["3", "173", "0", "42"]), ("TAXI", ["2", "20", "0", "5"])] {
        let row =
            screen.lines().find(|l| l.contains(&format!("│{code} "))).unwrap_or_else(|| panic!("{code}:\n{screen}"));
        let words: Vec<&str> = row.trim_matches('│').split_whitespace().collect();
        assert_eq!(words[words.len() - 4..], figures, "{row}");
    }
}

#[test]
fn tab_moves_through_the_four_reports_and_back() {
    let mut desk = open_as("org", NO_COLOUR);
    desk.press("F5 alt-r tab");
    assert!(desk.text().contains("Wskaźniki"), "{}", desk.text());
    desk.press("tab");
    assert!(desk.text().contains("programu usług społecznych za rok 2025"), "{}", desk.text());
    desk.press("tab");
    assert!(desk.text().contains("Wykorzystanie pul usług"), "{}", desk.text());
    desk.press("shift-tab shift-tab shift-tab esc");
    assert!(desk.text().contains("Kontakt monitorujący"), "back on the dashboard:\n{}", desk.text());
}

#[test]
fn pool_bars_carry_their_numbers_in_ascii() {
    let mut desk = open_as("org", ASCII);
    desk.press("F5 alt-r tab tab tab end");
    let screen = desk.text();
    let bar = |month: &str| -> (String, String) {
        let row =
            screen.lines().find(|l| l.contains(&format!("|{month} "))).unwrap_or_else(|| panic!("{month}:\n{screen}"));
        let row = row.trim_matches('|');
        let (bar, figures) = row[month.len() + 1..].split_once(" wykorzystano").unwrap();
        (bar.trim_end().to_string(), format!("wykorzystano{}", figures.trim_end()))
    };
    // The taxi pool: 2 of 2 granted rides used in February, 3 of 6 in March (limit cut to 6).
    assert_eq!(bar("2026-02"), ("#####.....................".into(), "wykorzystano 2 / przyznano 2 / limit 10".into()));
    assert_eq!(bar("2026-03"), ("########++++++++".into(), "wykorzystano 3 / przyznano 6 / limit 6".into()));
    assert_eq!(bar("2026-04").0, "++++++++++++++++..........");
    assert!(screen.contains("# wykorzystano  + przyznano  . wolne do limitu"), "the legend names the signs:\n{screen}");
    assert!(!screen.contains('█') && !screen.contains('▒'), "{screen}");
}

#[test]
fn a_coordinator_neither_sees_nor_opens_the_reports() {
    let mut desk = open_as("koord", NO_COLOUR);
    desk.press("F5");
    assert!(!desk.text().contains("raporty"), "{}", desk.text());
    desk.press("alt-r");
    assert!(!desk.app.take_effects().iter().any(|e| matches!(e, Effect::Job(Job::Report(_)))));
    assert!(!desk.text().contains("Wykorzystanie"), "{}", desk.text());
}

#[test]
fn the_shown_report_is_saved_as_csv_and_the_export_audited() {
    let mut desk = open_as("org", NO_COLOUR);
    desk.press("F5 alt-r alt-e");
    let path = desk.dir().join("polrocze.csv");
    for _ in 0..40 {
        desk.press("backspace");
    }
    desk.type_text(path.to_str().unwrap());
    desk.press("enter");
    let csv = std::fs::read_to_string(&path).unwrap();
    let range = reports::last_full_half_year(today());
    let expected = String::from_utf8(
        report::to_csv(
            &tables::summary(&reports::summary(desk.db.conn(), range, reports::Scope::Centre).unwrap()),
            false,
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(csv, expected);
    assert!(desk.text().contains("Zapisano raport"), "{}", desk.text());
    let exports = audit::entries(desk.db.conn(), None, Some("org"), 10).unwrap();
    assert!(exports.iter().any(|e| e.action == "export" && e.target == "report:summary"), "{exports:?}");
}

#[test]
fn a_file_already_there_is_overwritten_only_when_the_person_says_yes() {
    let mut desk = open_as("org", NO_COLOUR);
    let path = desk.dir().join("polrocze.csv");
    std::fs::write(&path, "earlier work\n").unwrap();
    desk.press("F5 alt-r alt-e");
    for _ in 0..40 {
        desk.press("backspace");
    }
    desk.type_text(path.to_str().unwrap());
    desk.press("enter");
    let screen = desk.text();
    assert!(screen.contains("już istnieje i zostanie nadpisany"), "{screen}");
    let at_23 = desk.text_at(80, 23);
    assert!(at_23.contains("już istnieje i zostanie nadpisany") && at_23.contains("[ Nie ]"), "{at_23}");
    desk.press("enter");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "earlier work\n", "Enter alone answers no");
    assert!(desk.text().contains("Zapis raportu do pliku"), "the form stays: {}", desk.text());
    desk.press("enter right enter");
    assert_ne!(std::fs::read_to_string(&path).unwrap(), "earlier work\n", "replaced after yes");
    assert!(desk.text().contains("Zapisano raport"), "{}", desk.text());
}

#[test]
fn a_file_name_without_csv_or_pdf_is_refused_in_the_form() {
    let mut desk = open_as("org", NO_COLOUR);
    desk.press("F5 alt-r alt-e");
    for _ in 0..40 {
        desk.press("backspace");
    }
    desk.type_text("raport.txt");
    desk.press("enter");
    let screen = desk.text();
    assert!(screen.contains("plik: nazwa musi kończyć się na .csv albo .pdf"), "{screen}");
    assert!(screen.contains("raport.txt"), "what was typed stays:\n{screen}");
}

#[test]
fn f1_help_on_the_dashboard_lists_the_report_keys_first() {
    let mut desk = open_as("org", NO_COLOUR);
    desk.press("F5 F1");
    // The rows inside the help box, in the order shown.
    let rows = |screen: &str| -> Vec<String> {
        screen
            .lines()
            .skip_while(|l| !l.contains("Pomoc: klawisze"))
            .skip(1)
            .filter_map(|l| l.split('│').nth(2))
            .map(|inner| inner.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    };
    let screen = desk.text();
    let first = rows(&screen);
    assert_eq!(first[..3], ["Pulpit i raporty", "Alt-r raporty", "Alt-e zapisz do pliku"], "{screen}");
    assert!(first.iter().any(|r| r == "Lista"), "{screen}");
    assert!(!first.iter().any(|r| r == "Wszędzie"), "the keys of every view come last, below the box: {screen}");
    let found = (0..200).any(|_| {
        desk.press("down");
        rows(&desk.text()).iter().any(|r| r == "Wszędzie")
    });
    assert!(found, "scrolled down, the box reaches the keys of every view:\n{}", desk.text());
}

#[test]
fn the_pool_report_is_saved_as_pdf() {
    let mut desk = open_as("org", NO_COLOUR);
    desk.press("F5 alt-r tab tab tab alt-e");
    for _ in 0..40 {
        desk.press("backspace");
    }
    let path = desk.dir().join("pule.pdf");
    desk.type_text(path.to_str().unwrap());
    desk.press("enter");
    let pdf = std::fs::read(&path).unwrap();
    assert!(pdf.starts_with(b"%PDF"), "not a PDF");
    let exports = audit::entries(desk.db.conn(), None, Some("org"), 10).unwrap();
    assert!(exports.iter().any(|e| e.target == "report:pool-use" && e.detail.ends_with("pule.pdf")), "{exports:?}");
}
