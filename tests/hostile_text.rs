//! Hostile text that reached the database by another route (an old import, a hand edit) is kept
//! exactly as it is, but never reaches the terminal raw: not through any view of the desk drawn
//! at 80×24, nor through the command line's text output.

mod support;

use chrono::NaiveDate;
use okienko::demo::{self, DemoOptions};
use okienko::domain::text::is_unsafe_char;
use okienko::storage::Db;
use okienko::storage::audit::{self, AuditAction};
use okienko::storage::residents::input_of;
use okienko::storage::staff::os_login;
use okienko::tui::Msg;
use okienko::tui::msg::PlanMsg;
use okienko::tui::theme::Theme;
use std::path::{Path, PathBuf};
use support::cli::run as okienko;
use support::desk::{self, Desk};

/// Screen clear, clipboard write (OSC 52), window title (OSC 0), a C1 CSI, NEL, a right-to-left
/// override, zero-width space and joiner, an isolate, a byte-order mark, BEL, DEL and a NUL.
const HOSTILE: &str = "Ja\u{200D}n\u{200B}a\u{FEFF}\u{1b}[2J\u{1b}]52;c;cm0gLXJmIH4=\u{7}\u{1b}]0;tytuł\u{7}\u{9b}31m\u{85}\u{202E}\u{200B}\u{200D}\u{2066}\u{FEFF}\u{7f}\0.";

/// Free-text columns that desk views, reports and commands print.
const COLUMNS: [(&str, &str); 38] = [
    ("centre", "name"),
    ("gmina", "name"),
    ("village", "name"),
    ("staff", "full_name"),
    ("resident", "first_name"),
    ("resident", "last_name"),
    ("resident", "street"),
    ("resident", "house_no"),
    ("resident", "flat_no"),
    ("resident", "postal_code"),
    ("resident", "city"),
    ("resident", "phone"),
    ("resident", "email"),
    ("resident_sensitive", "disability"),
    ("resident_sensitive", "dependency"),
    ("resident_sensitive", "health"),
    ("representative", "full_name"),
    ("representative", "phone"),
    ("representative", "note"),
    ("provider", "name"),
    ("provider", "phone"),
    ("provider", "address"),
    ("location", "name"),
    ("location", "address"),
    ("service", "name"),
    ("service", "description"),
    ("service", "fee_note"),
    ("application", "summary"),
    ("application", "applicant_name"),
    ("needs_assessment", "needs"),
    ("plan_version", "needs"),
    ("plan_version", "expected_effects"),
    ("plan_line", "scope"),
    ("supporting_action", "what"),
    ("usage_record", "note"),
    ("monitoring_contact", "note"),
    ("contact_visit", "topic"),
    ("contact_visit", "referral"),
];

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// A demo centre run by the login running the tests, with hostile text in every free-text
/// column and one resident whose first name is 10 000 characters long.
struct Centre {
    _dir: tempfile::TempDir,
    path: PathBuf,
    db: Db,
    /// A resident with a representative, a visit and a plan.
    full: i64,
    long: i64,
}

fn centre() -> Centre {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cus.db");
    let mut db = Db::create(&path).unwrap();
    demo::generate(&mut db, &DemoOptions { residents: 200, seed: 7, today: today(), login: os_login() }).unwrap();
    db.write(|tx| {
        for (table, column) in COLUMNS {
            tx.execute(&format!("UPDATE {table} SET {column} = {column} || ?1"), [HOSTILE])?;
        }
        tx.execute(
            "UPDATE resident SET first_name = ?1 WHERE id = (SELECT max(id) FROM resident)",
            ["Ż".repeat(10_000)],
        )?;
        audit::append(tx, &os_login(), AuditAction::Import, None, &format!("import:{HOSTILE}.csv"), HOSTILE)?;
        Ok(())
    })
    .unwrap();
    let one = |sql: &str| -> i64 { db.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
    let full = one("SELECT min(resident_id) FROM plan");
    let long = one("SELECT max(id) FROM resident");
    db.write(|tx| {
        tx.execute(
            "INSERT INTO representative (resident_id, kind, full_name, phone, note)
             VALUES (?1, 'opiekun_faktyczny', 'Maria ' || ?2, '600100200' || ?2, ?2)",
            rusqlite::params![full, HOSTILE],
        )?;
        tx.execute(
            "INSERT INTO contact_visit (resident_id, visited_on, channel, topic, referral, recorded_by, recorded_at)
             VALUES (?1, '2026-11-20', 'telefon', 'pytanie' || ?2, 'Senior taxi' || ?2, 'ola', '2026-11-20T10:00:00Z')",
            rusqlite::params![full, HOSTILE],
        )?;
        Ok(())
    })
    .unwrap();
    Centre { _dir: dir, path, db, full, long }
}

fn unsafe_chars(text: &str) -> Vec<char> {
    let mut found: Vec<char> = text.chars().filter(|&c| is_unsafe_char(c) && c != '\n').collect();
    found.sort_unstable();
    found.dedup();
    found
}

#[test]
fn hostile_text_is_stored_and_read_back_byte_for_byte() {
    let c = centre();
    let input = input_of(c.db.conn(), c.full).unwrap();
    assert!(input.last_name.ends_with(HOSTILE) && input.city.ends_with(HOSTILE), "{input:?}");
    assert_eq!(input_of(c.db.conn(), c.long).unwrap().first_name, "Ż".repeat(10_000));
    let stored: Vec<u8> =
        c.db.conn().query_row("SELECT CAST(topic AS BLOB) FROM contact_visit LIMIT 1", [], |r| r.get(0)).unwrap();
    assert!(stored.ends_with(HOSTILE.as_bytes()));
    let representative: String =
        c.db.conn()
            .query_row("SELECT full_name FROM representative WHERE resident_id = ?1", [c.full], |r| r.get(0))
            .unwrap();
    assert!(representative.ends_with(HOSTILE), "{representative:?}");
}

/// The desk of the person running the tests, on the centre at `path`.
fn open(path: &Path, theme: Theme) -> Desk {
    Desk::open(Db::open(path).unwrap(), &os_login(), desk::options(theme, today()))
}

/// Draws the desk at 80×24 and fails naming the cell that holds an unsafe character.
fn assert_screen_is_clean(desk: &Desk, what: &str) -> String {
    let terminal = desk.terminal(80, 24);
    let buffer = terminal.backend().buffer();
    let mut screen = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            let bad = unsafe_chars(symbol);
            assert!(bad.is_empty(), "{what}: cell ({x}, {y}) holds {bad:?}");
            screen.push_str(symbol);
        }
        screen.push('\n');
    }
    screen
}

fn pesel_of(db: &Db, id: i64) -> String {
    db.conn().query_row("SELECT pesel FROM resident WHERE id = ?1", [id], |r| r.get(0)).unwrap()
}

#[test]
fn no_view_of_the_desk_puts_hostile_text_on_the_screen() {
    let c = centre();
    let (full, long) = (pesel_of(&c.db, c.full), pesel_of(&c.db, c.long));
    for theme in [Theme { colour: true, ascii: false }, Theme { colour: false, ascii: true }] {
        let mut desk = open(&c.path, theme);
        assert_screen_is_clean(&desk, "empty residents view");
        desk.type_text("nowak");
        let list = assert_screen_is_clean(&desk, "residents list");
        assert!(list.contains('\u{FFFD}') || list.contains('?'), "hostile names are shown as such:\n{list}");
        desk.press("down down");
        assert_screen_is_clean(&desk, "residents list, a row selected");

        let mut desk = open(&c.path, theme);
        desk.type_text(&long);
        assert_screen_is_clean(&desk, "list with a 10 000-character name");
        desk.press("enter");
        assert_screen_is_clean(&desk, "card with a 10 000-character name");

        let mut desk = open(&c.path, theme);
        desk.type_text(&full);
        desk.press("enter");
        let card = assert_screen_is_clean(&desk, "resident card");
        assert!(card.contains("IPUS/"), "the card of a resident with a plan:\n{card}");
        desk.press("alt-p down down down down down down");
        assert_screen_is_clean(&desk, "resident card scrolled, PESEL shown");
        desk.press("alt-w");
        assert_screen_is_clean(&desk, "visit form over the card");

        let mut desk = open(&c.path, theme);
        desk.press("F5 alt-r");
        let mut screens = String::new();
        for report in ["summary", "indicators", "programme", "pool use"] {
            screens.push_str(&assert_screen_is_clean(&desk, &format!("{report} report over the dashboard")));
            desk.press("pgdn tab");
        }
        // Columns cut to fit the screen may hide where a name was replaced; some report shows one.
        assert!(screens.contains('\u{FFFD}'), "no report shows the replaced name:\n{screens}");

        for key in ["F3", "F4", "F5", "F1"] {
            let mut desk = open(&c.path, theme);
            desk.press(key);
            // The service base loads on the ticker's signal, as on a live desk.
            desk.app.handle_msg(Msg::BaseTick);
            desk.settle();
            let screen = assert_screen_is_clean(&desk, &format!("view after {key}"));
            // A view that exists lists residents, services or plans: hostile text shows as such.
            let tabs = screen.lines().next().unwrap_or_default();
            if key != "F1" && tabs.contains(key) {
                assert!(screen.contains('\u{FFFD}'), "{key}:\n{screen}");
            }
            desk.press("down down enter");
            assert_screen_is_clean(&desk, &format!("view after {key}, a row opened"));
            desk.press("tab down");
            assert_screen_is_clean(&desk, &format!("view after {key}, next pane"));
        }
    }
}

#[test]
fn refusals_and_notices_quoting_stored_text_are_drawn_safely() {
    let c = centre();
    let mut desk = open(&c.path, Theme { colour: true, ascii: false });
    desk.app.handle_msg(Msg::Failed(format!("pula usługi „{HOSTILE}” jest wyczerpana")));
    let screen = assert_screen_is_clean(&desk, "error popup");
    assert!(screen.contains("wyczerpana"), "{screen}");
    desk.press("esc");
    desk.app.handle_msg(Msg::Plan(PlanMsg::ApplicationRegistered { id: 1, draft: Some(HOSTILE.to_string()) }));
    let screen = assert_screen_is_clean(&desk, "status line");
    assert!(screen.contains("Zarejestrowano wniosek nr 1"), "{screen}");
}

#[test]
fn command_line_text_output_holds_no_hostile_bytes() {
    let c = centre();
    let full = pesel_of(&c.db, c.full);
    let plan: String =
        c.db.conn().query_row("SELECT number FROM plan WHERE resident_id = ?1", [c.full], |r| r.get(0)).unwrap();
    let application: i64 = c.db.conn().query_row("SELECT min(id) FROM application", [], |r| r.get(0)).unwrap();
    let application = application.to_string();
    let service: String = c.db.conn().query_row("SELECT min(code) FROM service", [], |r| r.get(0)).unwrap();
    let commands: Vec<Vec<&str>> = vec![
        vec!["find", "nowak"],
        vec!["find", &full, "--reveal"],
        vec!["base"],
        vec!["base", "--text", "usługi"],
        vec!["ipus", "list"],
        vec!["ipus", "show", &plan],
        vec!["application", "show", &application],
        vec!["audit", "show"],
        vec!["audit", "show", "--resident", &full],
        vec!["staff", "list"],
        vec!["resident", "export", &full],
        vec!["find", "nowak", "--json"],
        vec!["base", "--json"],
        vec!["ipus", "list", "--json"],
        vec!["ipus", "show", &plan, "--json"],
        vec!["base", "show", &service, "--json"],
        vec!["audit", "show", "--json"],
        vec!["report", "summary", "--from", "2026-01-01", "--to", "2026-11-22", "--format", "json"],
        vec!["report", "summary", "--from", "2026-01-01", "--to", "2026-11-22", "--format", "text"],
        vec!["report", "indicators", "--format", "text"],
        vec!["report", "programme", "--format", "text"],
        vec!["report", "pool-use", "--service", &service, "--format", "text"],
        vec!["base", "show", &service],
    ];
    // Refusals quote names from the database.
    let refusal = okienko(&c.path, &["base", "set-limit", &service, "2026-11", "5", "--provider", "999999"]);
    let refusal = String::from_utf8_lossy(&refusal.stderr).into_owned();
    assert!(refusal.starts_with("okienko: ") && unsafe_chars(&refusal).is_empty(), "refusal: {refusal:?}");
    let (number, position): (String, String) =
        c.db.conn()
            .query_row(
                "SELECT p.number, l.position FROM plan_line l JOIN plan_version v ON v.id = l.version_id
             JOIN plan p ON p.id = v.plan_id WHERE l.id = 1",
                [],
                |r| Ok((r.get(0)?, r.get::<_, i64>(1)?.to_string())),
            )
            .unwrap();
    let refusal = okienko(&c.path, &["usage", "record", &number, &position, "--date", "2020-01-01", "--units", "1"]);
    let refusal = String::from_utf8_lossy(&refusal.stderr).into_owned();
    assert!(refusal.contains('\u{FFFD}') && unsafe_chars(&refusal).is_empty(), "refusal: {refusal:?}");
    // Without a command and without a terminal, okienko prints a summary and exits with 2.
    let summary = okienko(&c.path, &[]);
    assert_eq!(summary.status.code(), Some(2), "{}", String::from_utf8_lossy(&summary.stderr));
    let summary = String::from_utf8_lossy(&summary.stdout).into_owned();
    assert!(summary.contains('\u{FFFD}') && unsafe_chars(&summary).is_empty(), "summary: {summary:?}");
    for args in commands {
        let out = okienko(&c.path, &args);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "okienko {args:?} failed: {stderr}");
        assert!(!stdout.trim().is_empty(), "okienko {args:?} printed nothing");
        for (stream, text) in [("stdout", &stdout), ("stderr", &stderr)] {
            let bad = unsafe_chars(&text.replace('\t', " "));
            assert!(bad.is_empty(), "okienko {args:?} {stream} holds {bad:?}:\n{text}");
        }
    }
}

#[test]
fn the_data_subject_export_keeps_hostile_text_exactly_but_escaped() {
    let c = centre();
    let out = okienko(&c.path, &["resident", "export", &pesel_of(&c.db, c.full)]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("\\u001b[2J"), "{text}");
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut strings = Vec::new();
    collect_strings(&value, &mut strings);
    assert!(strings.iter().any(|s| s.ends_with(HOSTILE)), "the export holds the text exactly as stored");
}

fn collect_strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}
