//! The real binary in a pseudo-terminal: an 80×24 tmux pane on a private server (its own socket
//! in a temporary directory, no configuration file), so that neither the user's tmux server nor
//! their `~/.tmux.conf` is touched. The server is killed when the pane is dropped, also when a
//! test panics, and the socket goes with its directory.
//! Waits poll the pane until the expected text is there and the frame has stopped changing; the
//! limit is generous and is not a speed assertion.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const PATIENCE: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(50);

pub struct Pane {
    socket: PathBuf,
    _dir: tempfile::TempDir,
}

/// Whether tmux can be run at all.
pub fn tmux_installed() -> bool {
    Command::new("tmux").arg("-V").output().is_ok_and(|o| o.status.success())
}

impl Pane {
    /// Runs the shell command `command` in a new 80×24 pane with `env` on top of this process's
    /// environment (`TERM=xterm-256color` and `LANG=C.UTF-8` unless `env` says otherwise).
    pub fn start(name: &str, env: &[(&str, &str)], command: &str) -> Pane {
        assert!(tmux_installed(), "tmux is missing: install tmux to run the tests of the desk in a terminal");
        let dir = tempfile::Builder::new().prefix("okienko-tmux-").tempdir().expect("a directory for the socket");
        let pane = Pane { socket: dir.path().join(name), _dir: dir };
        let mut tmux = pane.command();
        tmux.args(["-f", "/dev/null", "new-session", "-d", "-x", "80", "-y", "24", command])
            .env("TERM", "xterm-256color")
            .env("LANG", "C.UTF-8")
            .env_remove("NO_COLOR")
            .env_remove("TMUX");
        for (key, value) in env {
            tmux.env(key, value);
        }
        let out = tmux.output().expect("tmux runs");
        assert!(out.status.success(), "tmux new-session: {}", String::from_utf8_lossy(&out.stderr));
        pane
    }

    fn command(&self) -> Command {
        let mut c = Command::new("tmux");
        c.arg("-u").arg("-S").arg(&self.socket);
        c
    }

    /// A tmux command against this pane's server; fails the test if tmux refuses it.
    pub fn run(&self, args: &[&str]) -> Output {
        let out = self.command().args(args).output().expect("tmux runs");
        assert!(out.status.success(), "tmux {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        out
    }

    /// Sends keys by their tmux names (`Enter`, `F10`, `C-q`).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "0"];
        args.extend(keys);
        self.run(&args);
    }

    /// Types `text` literally.
    pub fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", "0", "-l", text]);
    }

    /// What the pane shows now.
    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "0"]).stdout).into_owned()
    }

    pub fn alternate_screen_on(&self) -> bool {
        let out = self.run(&["display-message", "-p", "-t", "0", "#{alternate_on}"]);
        String::from_utf8_lossy(&out.stdout).trim() == "1"
    }

    /// The process the pane runs (the shell, or what it exec'd).
    pub fn pid(&self) -> i32 {
        let out = self.run(&["display-message", "-p", "-t", "0", "#{pane_pid}"]);
        String::from_utf8_lossy(&out.stdout).trim().parse().expect("a pane pid")
    }

    /// Polls until `ready` holds for a frame that two captures in a row agree on; returns it.
    pub fn wait_until(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        let mut last = String::new();
        loop {
            let screen = self.screen();
            if ready(&screen) && screen == last {
                return screen;
            }
            assert!(start.elapsed() < PATIENCE, "waited for {what}; the screen shows:\n{screen}");
            last = screen;
            std::thread::sleep(POLL);
        }
    }

    /// Polls until every needle is on a stable screen; returns that screen.
    pub fn wait_for_all(&self, needles: &[&str]) -> String {
        self.wait_until(&format!("{needles:?}"), |screen| needles.iter().all(|n| screen.contains(n)))
    }

    pub fn wait_for(&self, needle: &str) -> String {
        self.wait_for_all(&[needle])
    }
}

impl Drop for Pane {
    fn drop(&mut self) {
        let _ = self.command().arg("kill-server").output();
    }
}
