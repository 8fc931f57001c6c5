//! The real binary in a real terminal (tmux, 80×24): type a query, see the person, open the
//! card, see a resident added by another process, quit, and find the terminal as it was.
//! Waits poll the screen until the expected text appears; the overall limit is generous and is
//! not a speed assertion.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const PATIENCE: Duration = Duration::from_secs(30);

struct Tmux {
    socket: String,
    db: PathBuf,
    dir: tempfile::TempDir,
}

fn tmux_available() {
    let found = Command::new("tmux").arg("-V").output().is_ok_and(|o| o.status.success());
    assert!(found, "tmux is missing: install tmux (apt-get install tmux) to run the end-to-end tests of the desk");
}

impl Tmux {
    /// A fresh centre and a shell in an 80×24 tmux session on its own server.
    fn start(name: &str) -> Tmux {
        tmux_available();
        let dir = tempfile::tempdir().unwrap();
        let (db, _) = support::centre::centre(dir.path());
        let socket = format!("okienko-e2e-{name}-{}", std::process::id());
        let tmux = Tmux { socket, db, dir };
        let out = tmux
            .command()
            .args(["-f", "/dev/null", "new-session", "-d", "-x", "80", "-y", "24", "sh"])
            .env("OKIENKO_DB", &tmux.db)
            .env("OKIENKO_LOGIN", "kasia")
            .env("OKIENKO_TODAY", support::centre::TODAY)
            .env("LANG", "C.UTF-8")
            .env("TERM", "xterm-256color")
            .env_remove("NO_COLOR")
            .output()
            .unwrap();
        assert!(out.status.success(), "tmux new-session: {}", String::from_utf8_lossy(&out.stderr));
        tmux.type_text("echo shell-ready-$((20+22))");
        tmux.keys(&["Enter"]);
        tmux.wait_for("shell-ready-42");
        tmux
    }

    fn command(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-u", "-L", &self.socket]);
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        let out = self.command().args(args).output().unwrap();
        assert!(out.status.success(), "tmux {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        out
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "0"];
        args.extend(keys);
        self.run(&args);
    }

    fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", "0", "-l", text]);
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "0"]).stdout).into_owned()
    }

    fn alternate_screen_on(&self) -> bool {
        let out = self.run(&["display-message", "-p", "-t", "0", "#{alternate_on}"]);
        String::from_utf8_lossy(&out.stdout).trim() == "1"
    }

    /// Polls until every needle is on screen; returns that screen.
    fn wait_for_all(&self, needles: &[&str]) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if needles.iter().all(|n| screen.contains(n)) {
                return screen;
            }
            assert!(start.elapsed() < PATIENCE, "waited for {needles:?}; the screen shows:\n{screen}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn wait_for(&self, needle: &str) -> String {
        self.wait_for_all(&[needle])
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

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.command().arg("kill-server").output();
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
    let tmux = Tmux::start("search");
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
    let tmux = Tmux::start("live");
    tmux.start_desk();
    tmux.type_text("brzeczy");
    tmux.wait_for("Nikt nie pasuje");
    add_resident(&tmux.db, "Grzegorz", "Brzęczyszczykiewicz");
    tmux.wait_for_all(&["Brzęczyszczykiewicz Grzegorz", "1 z 1"]);
    tmux.keys(&["C-q"]);
    tmux.assert_terminal_restored();
}

fn signal_restores_the_terminal(signal: &str) {
    let tmux = Tmux::start(signal);
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
    let (db, _) = support::centre::centre(dir.path());
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
