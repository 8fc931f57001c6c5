//! With `--lang en` no Polish is left in the desk's own text. Every view is drawn at 80×24 over
//! the demo centre; a word with a Polish letter on screen must come from the database (names,
//! addresses, services), never from the interface.

mod support;

use chrono::NaiveDate;
use okienko::demo::{self, DemoOptions};
use okienko::i18n::Lang;
use okienko::storage::Db;
use okienko::tui::Msg;
use std::collections::HashSet;
use support::desk::{self as harness, NO_COLOUR};

const POLISH: &[char] = &['ą', 'ć', 'ę', 'ł', 'ń', 'ó', 'ś', 'ź', 'ż', 'Ą', 'Ć', 'Ę', 'Ł', 'Ń', 'Ó', 'Ś', 'Ź', 'Ż'];

/// Columns holding codes (states, channels, kinds): stored in Polish, shown through the catalogue.
const CODES: &[&str] = &["state", "decision", "end_reason", "applicant_kind", "channel", "role", "access_rule", "kind"];

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

struct Desk {
    desk: harness::Desk,
    /// Every word stored in a text column that people write (not a code the desk translates): what
    /// may be shown in Polish.
    data_words: HashSet<String>,
}

impl std::ops::Deref for Desk {
    type Target = harness::Desk;
    fn deref(&self) -> &harness::Desk {
        &self.desk
    }
}

impl std::ops::DerefMut for Desk {
    fn deref_mut(&mut self) -> &mut harness::Desk {
        &mut self.desk
    }
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

fn stored_words(db: &Db) -> HashSet<String> {
    let conn = db.conn();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut out = HashSet::new();
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let written: Vec<usize> =
            (0..stmt.column_count()).filter(|i| !CODES.contains(&stmt.column_name(*i).unwrap())).collect();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for &i in &written {
                if let Ok(Some(text)) = row.get::<_, Option<String>>(i) {
                    out.extend(words(&text).map(str::to_lowercase));
                }
            }
        }
    }
    out
}

impl Desk {
    fn open() -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::create(&dir.path().join("demo.db")).unwrap();
        let options = DemoOptions { residents: 120, seed: 3, today: today(), login: "tester".into() };
        demo::generate(&mut db, &options).unwrap();
        let data_words = stored_words(&db);
        let options = okienko::tui::DeskOptions { lang: Lang::En, ..harness::options(NO_COLOUR, today()) };
        Desk { desk: harness::Desk::open(db, "tester", options).keeping(dir), data_words }
    }

    /// Words with a Polish letter on screen that no stored text contains; a word cut by the
    /// ellipsis counts when a stored word starts with it.
    fn interface_polish(&self) -> Vec<String> {
        self.polish_in(&self.text())
    }

    fn polish_in(&self, screen: &str) -> Vec<String> {
        words(screen)
            .filter(|w| w.contains(POLISH))
            .map(str::to_lowercase)
            .filter(|w| !self.data_words.contains(w) && !self.data_words.iter().any(|d| d.starts_with(w.as_str())))
            .collect()
    }

    fn assert_english(&self, screen: &str) {
        let found = self.interface_polish();
        assert!(found.is_empty(), "{screen}: Polish interface text {found:?}\n{}", self.text());
    }
}

#[test]
fn every_view_speaks_english_when_asked() {
    let mut desk = Desk::open();
    desk.press("F2");
    desk.assert_english("residents");
    for c in "kow".chars() {
        desk.press(&c.to_string());
    }
    desk.assert_english("search results");
    desk.press("enter");
    desk.assert_english("card");
    desk.press("tab alt-w");
    desk.assert_english("visit form");
    desk.press("esc esc");
    desk.press("F3");
    // The ticker's first beat loads the base.
    desk.app.handle_msg(Msg::BaseTick);
    desk.settle();
    desk.assert_english("service base");
    desk.press("tab enter");
    desk.assert_english("service detail");
    desk.press("F4");
    desk.assert_english("plans");
    desk.press("enter");
    desk.assert_english("plan editor");
    desk.press("esc F5");
    desk.assert_english("dashboard");
    desk.press("alt-r");
    // A report's tables are the report layer's documents, shared with `okienko report`; the
    // screen's own text is its tabs, its title and the hint line.
    let screen = desk.text();
    let lines: Vec<&str> = screen.lines().collect();
    let chrome = [lines[0], lines[1], lines[2], lines[23]].join("\n");
    assert!(desk.polish_in(&chrome).is_empty(), "reports: {chrome}");
    desk.press("F1");
    desk.assert_english("help");
}

#[test]
fn the_check_sees_polish_chrome() {
    // The same walk in Polish finds interface words, so the English test can fail.
    let mut desk = Desk::open();
    desk.app.strings = okienko::i18n::desk::Strings::new(Lang::Pl);
    desk.press("F3");
    assert!(!desk.interface_polish().is_empty(), "{}", desk.text());
}

#[test]
fn applications_read_in_english_with_their_numbers_and_states() {
    let mut desk = Desk::open();
    let (last, first): (String, String) = desk
        .db
        .conn()
        .query_row(
            "SELECT r.last_name, r.first_name FROM application a JOIN resident r ON r.id = a.resident_id
             WHERE a.state = 'diagnoza' ORDER BY a.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    desk.press("F2");
    desk.type_text(&format!("{last} {first}"));
    desk.press("enter");
    let card = desk.text();
    let line = card.lines().find(|l| l.contains("no. ")).unwrap_or_else(|| panic!("an application:\n{card}"));
    assert!(!line.contains(" nr ") && line.contains("[needs assessment]"), "{line}");
    desk.press("F5 alt-n");
    desk.assert_english("open applications");
    assert!(!desk.text().contains(" nr "), "{}", desk.text());
    desk.press("enter");
    desk.assert_english("application");
    assert!(!desk.text().contains("[diagnoza]") && !desk.text().contains("[złożony]"), "{}", desk.text());
}
