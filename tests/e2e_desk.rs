//! The real binary in a real terminal (tmux, 80×24): type a query, see the person, open the
//! card, see a resident added by another process, quit, and find the terminal as it was.
//! Waits poll the screen until the expected text appears; the overall limit is generous and is
//! not a speed assertion.

mod support;

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::pty::Pane;

/// A shell in an 80×24 pane, at a fresh centre, ready to start the desk as `kasia`.
struct Shell {
    pane: Pane,
    db: PathBuf,
    dir: tempfile::TempDir,
}

impl Deref for Shell {
    type Target = Pane;
    fn deref(&self) -> &Pane {
        &self.pane
    }
}

impl Shell {
    fn start(name: &str) -> Shell {
        let dir = tempfile::tempdir().unwrap();
        let (db, _) = support::centre::training_centre(dir.path());
        let env = [
            ("OKIENKO_DB", db.to_str().unwrap()),
            ("OKIENKO_LOGIN", "kasia"),
            ("OKIENKO_TODAY", support::centre::TODAY),
        ];
        let pane = Pane::start(name, &env, "sh");
        pane.type_text("echo shell-ready-$((20+22))");
        pane.keys(&["Enter"]);
        pane.wait_for("shell-ready-42");
        Shell { pane, db, dir }
    }

    /// Starts the desk from the shell; the shell prints a marker with the exit code afterwards.
    fn start_desk(&self) {
        let pid_file = self.dir.path().join("desk.pid");
        let line = format!(
            "sh -c 'echo $$ > {}; exec {}'; echo DESK-EXITED-$?",
            pid_file.display(),
            env!("CARGO_BIN_EXE_okienko")
        );
        self.type_text(&line);
        self.keys(&["Enter"]);
        // A coordinator's desk opens on the dashboard; the search is one key away.
        self.wait_for_all(&["F2 Mieszkańcy", "Pulpit — kasia"]);
        self.keys(&["F2"]);
        self.wait_for_all(&["F2 Mieszkańcy", "W bazie: 6 mieszkańców"]);
    }

    fn desk_pid(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("desk.pid")).unwrap().trim().to_string()
    }

    fn assert_terminal_restored(&self) {
        let screen = self.wait_for("DESK-EXITED-0");
        assert!(!self.alternate_screen_on(), "the alternate screen is still on:\n{screen}");
        assert!(!screen.contains("F2 Mieszkańcy"), "the desk is still drawn:\n{screen}");
        self.type_text("echo still-$((6*7))");
        self.keys(&["Enter"]);
        self.wait_for("still-42");
    }
}

fn add_resident(db: &Path, first: &str, last: &str) {
    let mut db = okienko::storage::Db::open(db).unwrap();
    support::centre::add_resident(
        &mut db,
        &support::centre::resident("", first, last, "ul. Zielona", "1", "39-200", "Dębica", ""),
    );
}

#[test]
fn search_open_the_card_and_quit_with_the_terminal_restored() {
    let tmux = Shell::start("search");
    tmux.start_desk();
    tmux.type_text("zolc");
    tmux.wait_for_all(&["Żółć Łukasz", "1 z 1", "440514•••••"]);
    tmux.keys(&["Enter"]);
    tmux.wait_for_all(&["Karta mieszkańca", "ul. Radomska 2/14, 27-200 Starachowice", "601 234 567"]);
    tmux.keys(&["Escape"]);
    tmux.wait_for("Nazwisko i imię");
    tmux.run(&["resize-window", "-t", "0", "-x", "70", "-y", "20"]);
    tmux.wait_for("Terminal za mały: 70x20");
    tmux.run(&["resize-window", "-t", "0", "-x", "80", "-y", "24"]);
    let screen = tmux.wait_for_all(&["Żółć Łukasz", "Nazwisko i imię"]);
    assert!(!screen.contains("za mały"), "the small-terminal notice is gone after growing back:\n{screen}");
    tmux.keys(&["F10"]);
    tmux.assert_terminal_restored();
}

#[test]
fn a_resident_added_by_another_process_appears_without_restart() {
    let tmux = Shell::start("live");
    tmux.start_desk();
    tmux.type_text("brzeczy");
    tmux.wait_for("Nikt nie pasuje");
    add_resident(&tmux.db, "Grzegorz", "Brzęczyszczykiewicz");
    tmux.wait_for_all(&["Brzęczyszczykiewicz Grzegorz", "1 z 1"]);
    tmux.keys(&["C-q"]);
    tmux.assert_terminal_restored();
}

fn signal_restores_the_terminal(signal: &str) {
    let tmux = Shell::start(signal);
    tmux.start_desk();
    tmux.type_text("nowak");
    tmux.wait_for("Nowak Anna");
    let killed = Command::new("kill").args([&format!("-{signal}"), &tmux.desk_pid()]).status().unwrap();
    assert!(killed.success());
    tmux.assert_terminal_restored();
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_restores_the_terminal("TERM");
}

#[test]
fn sighup_restores_the_terminal() {
    signal_restores_the_terminal("HUP");
}

#[test]
fn without_a_terminal_the_desk_points_to_okienko_find() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = support::centre::training_centre(dir.path());
    for term in ["dumb", "xterm"] {
        let out = Command::new(env!("CARGO_BIN_EXE_okienko"))
            .env("OKIENKO_DB", &db)
            .env("OKIENKO_LOGIN", "kasia")
            .env("TERM", term)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "TERM={term}: {stderr}");
        assert!(stderr.contains("okienko find"), "{stderr}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("Mieszkańcy: 6"));
    }
}

fn audit_count(db: &Path, action: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT count(*) FROM audit_log WHERE action = ?1", [action], |r| r.get(0)).unwrap()
}

#[test]
fn the_next_callers_name_typed_on_a_card_is_a_new_search() {
    let tmux = Shell::start("card-typing");
    tmux.start_desk();
    tmux.type_text("zolc");
    tmux.wait_for("Żółć Łukasz");
    tmux.keys(&["Enter"]);
    tmux.wait_for_all(&["Karta mieszkańca", "601 234 567"]);
    let revealed = audit_count(&tmux.db, "reveal_pesel");
    // "Kopeć" holds the old reveal key, "Kowalska" the old visit key.
    tmux.type_text("Kowalska");
    let screen = tmux.wait_for_all(&["Kowalska Nowak", "1 z 1"]);
    assert!(!screen.contains("Karta mieszkańca") && !screen.contains("Wizyta"), "{screen}");
    tmux.keys(&["C-u"]);
    tmux.type_text("Kopeć");
    let screen = tmux.wait_for("Nikt nie pasuje");
    assert!(!screen.contains("44051401359"), "the PESEL stays hidden: {screen}");
    assert_eq!(audit_count(&tmux.db, "reveal_pesel"), revealed, "no PESEL reveal was logged");
    tmux.keys(&["F10"]);
    tmux.assert_terminal_restored();
}

#[test]
fn words_typed_in_the_service_base_filter_it_and_run_no_command() {
    let tmux = Shell::start("base-typing");
    tmux.start_desk();
    tmux.keys(&["F3"]);
    tmux.wait_for("Filtr");
    let audited = audit_count(&tmux.db, "change");
    tmux.type_text("opieka lekarz x");
    let screen = tmux.wait_for("opieka lekarz x");
    assert!(!screen.contains("Limit puli") && !screen.contains("Potwierdź"), "no form, no question: {screen}");
    assert!(
        !screen.contains("[wolne]") && !screen.contains("[otwarte teraz]") && !screen.contains("ZAMROŻONE"),
        "no toggle: {screen}"
    );
    assert_eq!(audit_count(&tmux.db, "change"), audited, "nothing was changed");
    tmux.keys(&["F10"]);
    tmux.assert_terminal_restored();
}
