//! The reports screen opened from the dashboard, on an 80×24 test terminal with background work
//! run on the spot; figures come from the hand-checked centre of tests/reports_figures.rs.

use okienko::i18n::Lang;
use okienko::report::{self, tables};
use okienko::storage::Db;
use okienko::storage::audit;
use okienko::storage::reports;
use okienko::storage::staff::{StaffMember, identify};
use okienko::tui::keymap::{KeyPress, Keymap};
use okienko::tui::theme::Theme;
use okienko::tui::{App, DeskOptions, Effect, Job, worker};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const COLOUR: Theme = Theme { colour: true, ascii: false };
const NO_COLOUR: Theme = Theme { colour: false, ascii: false };
const ASCII: Theme = Theme { colour: true, ascii: true };

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

struct Desk {
    app: App,
    db: Db,
    me: StaffMember,
    dir: tempfile::TempDir,
}

impl Desk {
    fn open_as(login: &str, theme: Theme) -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let db = okienko::cli::init(&dir.path().join("c.db"), "CUS Starachowice").unwrap();
        db.conn()
            .execute_batch(
                "INSERT INTO staff (login, full_name, created_at) VALUES ('org', 'Organizatorka', 'x');
                 INSERT INTO staff_role (login, role) VALUES ('org', 'organizator');",
            )
            .unwrap();
        db.conn().execute_batch(include_str!("fixtures/reports_centre.sql")).unwrap();
        let me = identify(db.conn(), login).unwrap();
        let options = DeskOptions { lang: Lang::Pl, theme, keymap: Keymap::default_keys(), today: today() };
        Desk { app: App::new(options, me.clone()), db, me, dir }
    }

    fn settle(&mut self) {
        loop {
            let effects = self.app.take_effects();
            if effects.is_empty() {
                return;
            }
            for effect in effects {
                if let Effect::Job(job) = effect {
                    let msg = worker::execute(&mut self.db, &self.me, job);
                    self.app.handle_msg(msg);
                }
            }
        }
    }

    fn press(&mut self, spec: &str) {
        for key in spec.split_whitespace() {
            self.app.handle_key(KeyPress::parse(key).unwrap_or_else(|| panic!("key {key}")));
            self.settle();
        }
    }

    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.app.handle_key(KeyPress::parse(&c.to_string()).unwrap_or_else(|| panic!("key {c}")));
        }
        self.settle();
    }

    fn terminal(&self) -> Terminal<TestBackend> {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal.draw(|f| self.app.draw(f)).unwrap();
        terminal
    }

    fn text(&self) -> String {
        let terminal = self.terminal();
        let buffer = terminal.backend().buffer();
        (0..buffer.area.height)
            .map(|y| (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn screen(&self) -> String {
        format!("{:?}", self.terminal().backend().buffer())
    }
}

#[test]
fn screens_at_80_by_24() {
    for (mode, theme) in [("colour", COLOUR), ("no_colour", NO_COLOUR), ("ascii", ASCII)] {
        let mut desk = Desk::open_as("org", theme);
        desk.press("F5 r");
        insta::assert_snapshot!(format!("summary_{mode}"), desk.screen());
        desk.press("tab tab tab end");
        insta::assert_snapshot!(format!("pool_chart_{mode}"), desk.screen());
    }
}

#[test]
fn the_summary_shows_the_figures_of_the_command_line_report() {
    let mut desk = Desk::open_as("org", NO_COLOUR);
    desk.press("F5 r");
    let screen = desk.text();
    let range = reports::last_full_half_year(today());
    let doc = tables::summary(&reports::summary(desk.db.conn(), range).unwrap());
    let text = report::to_text(&doc);
    for line in text.lines().take(6).filter(|l| !l.is_empty()) {
        assert!(screen.contains(line), "{line:?} missing:\n{screen}");
    }
}

#[test]
fn tab_moves_through_the_four_reports_and_back() {
    let mut desk = Desk::open_as("org", NO_COLOUR);
    desk.press("F5 r tab");
    assert!(desk.text().contains("Wskaźniki"), "{}", desk.text());
    desk.press("tab");
    assert!(desk.text().contains("Programu Usług Społecznych za rok 2025"), "{}", desk.text());
    desk.press("tab");
    assert!(desk.text().contains("Wykorzystanie pul usług"), "{}", desk.text());
    desk.press("shift-tab shift-tab shift-tab esc");
    assert!(desk.text().contains("Kontakt monitorujący"), "back on the dashboard:\n{}", desk.text());
}

#[test]
fn pool_bars_carry_their_numbers_in_ascii() {
    let mut desk = Desk::open_as("org", ASCII);
    desk.press("F5 r tab tab tab end");
    let screen = desk.text();
    assert!(screen.contains("wykorzystano") && screen.contains("/ przyznano"), "{screen}");
    assert!(screen.contains('#') || screen.contains('+'), "{screen}");
    assert!(!screen.contains('█') && !screen.contains('▒'), "{screen}");
}

#[test]
fn a_coordinator_neither_sees_nor_opens_the_reports() {
    let mut desk = Desk::open_as("koord", NO_COLOUR);
    desk.press("F5");
    assert!(!desk.text().contains("raporty"), "{}", desk.text());
    desk.press("r");
    assert!(!desk.app.take_effects().iter().any(|e| matches!(e, Effect::Job(Job::Report(_)))));
    assert!(!desk.text().contains("Wykorzystanie"), "{}", desk.text());
}

#[test]
fn the_shown_report_is_saved_as_csv_and_the_export_audited() {
    let mut desk = Desk::open_as("org", NO_COLOUR);
    desk.press("F5 r e");
    let path = desk.dir.path().join("polrocze.csv");
    for _ in 0..40 {
        desk.press("backspace");
    }
    desk.type_text(path.to_str().unwrap());
    desk.press("enter");
    let csv = std::fs::read_to_string(&path).unwrap();
    let range = reports::last_full_half_year(today());
    let expected = report::to_csv(&tables::summary(&reports::summary(desk.db.conn(), range).unwrap())).unwrap();
    assert_eq!(csv, expected);
    assert!(desk.text().contains("Zapisano raport"), "{}", desk.text());
    let exports = audit::entries(desk.db.conn(), None, Some("org"), 10).unwrap();
    assert!(exports.iter().any(|e| e.action == "export" && e.target == "report:summary"), "{exports:?}");
}

#[test]
fn a_file_name_without_csv_or_pdf_is_refused_in_the_form() {
    let mut desk = Desk::open_as("org", NO_COLOUR);
    desk.press("F5 r e");
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
    let mut desk = Desk::open_as("org", NO_COLOUR);
    desk.press("F5 F1");
    let screen = desk.text();
    for expected in ["Pulpit i raporty", "r", "raporty", "e", "zapisz do pliku"] {
        assert!(screen.contains(expected), "{expected:?} missing:\n{screen}");
    }
}

#[test]
fn the_pool_report_is_saved_as_pdf() {
    let mut desk = Desk::open_as("org", NO_COLOUR);
    desk.press("F5 r tab tab tab e");
    for _ in 0..40 {
        desk.press("backspace");
    }
    let path = desk.dir.path().join("pule.pdf");
    desk.type_text(path.to_str().unwrap());
    desk.press("enter");
    let pdf = std::fs::read(&path).unwrap();
    assert!(pdf.starts_with(b"%PDF"), "not a PDF");
    let exports = audit::entries(desk.db.conn(), None, Some("org"), 10).unwrap();
    assert!(exports.iter().any(|e| e.target == "report:pool-use" && e.detail.ends_with("pule.pdf")), "{exports:?}");
}
