//! The desk at 100 000 residents: start-up to the first frame, bytes sent to the terminal per
//! keystroke in the search view, and the idle cost of a running desk (CPU and memory).
//!
//! Run: `cargo bench --bench desk` (release build). The real-binary part needs tmux. The desk is
//! driven by the same drivers as the tests (tests/support).

#[path = "../tests/support/desk.rs"]
#[allow(dead_code)]
mod desk;
#[path = "../tests/support/pty.rs"]
#[allow(dead_code)]
mod pty;

use desk::Desk;
use okienko::config::ConfigFile;
use okienko::demo::{DemoOptions, generate};
use okienko::session::Session;
use okienko::settings::{Environment, GlobalArgs, Settings};
use okienko::storage::Db;
use okienko::storage::staff::os_login;
use okienko::tui::backend::{Compact, GapFill};
use okienko::tui::search_thread;
use okienko::tui::{App, DeskOptions, Msg};
use pty::Pane;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const RESIDENTS: usize = 100_000;
const STARTS: usize = 15;

/// Counts what would reach the terminal.
#[derive(Clone, Default)]
struct Counter(Arc<AtomicUsize>);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.fetch_add(buf.len(), Ordering::Relaxed);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

type CountingTerminal = Terminal<GapFill<Compact<Counter>>>;

fn terminal(counter: &Counter) -> CountingTerminal {
    let options = TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, 80, 24)) };
    Terminal::with_options(GapFill::new(Compact::new(counter.clone())), options).expect("terminal")
}

/// One frame as the desk sends it: inside a synchronized update.
fn frame(terminal: &mut CountingTerminal, app: &App) {
    use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
    crossterm::queue!(terminal.backend_mut().inner_mut(), BeginSynchronizedUpdate).expect("queue");
    terminal.draw(|f| app.draw(f)).expect("draw");
    crossterm::execute!(terminal.backend_mut().inner_mut(), EndSynchronizedUpdate).expect("flush");
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// The settings of a desk started with no flags and no config file.
fn settings() -> Settings {
    Settings::from_sources(&GlobalArgs::default(), ConfigFile::default(), &Environment::read())
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// Start-up in process: what `okienko` does from opening the database to the first frame, and
/// how long after that the search index is ready.
fn start_up(path: &Path) {
    let mut first = Vec::new();
    let mut ready = Vec::new();
    for _ in 0..STARTS {
        let t0 = Instant::now();
        let session = Session::open(path, settings()).expect("session");
        let options = DeskOptions::new(&session.settings, session.today, true).expect("options");
        let (tx, rx) = std::sync::mpsc::channel();
        let _search = search_thread::spawn(path.to_path_buf(), move |m| {
            let _ = tx.send(m);
        });
        let app = App::new(options, session.me.clone());
        let counter = Counter::default();
        let mut term = terminal(&counter);
        frame(&mut term, &app);
        first.push(t0.elapsed());
        while let Ok(msg) = rx.recv() {
            if matches!(msg, Msg::IndexReady { .. }) {
                break;
            }
        }
        ready.push(t0.elapsed());
    }
    first.sort();
    ready.sort();
    println!(
        "start-up to first frame (in process, {STARTS} runs): median {}, p95 {}, max {}",
        ms(percentile(&first, 0.5)),
        ms(percentile(&first, 0.95)),
        ms(first[first.len() - 1])
    );
    println!(
        "start-up to search ready ({RESIDENTS} residents): median {}, p95 {}",
        ms(percentile(&ready, 0.5)),
        ms(percentile(&ready, 0.95))
    );
}

/// Bytes written to the terminal for each keystroke while typing queries in the search view.
fn bytes_per_keystroke(path: &Path) {
    let options = DeskOptions::new(&settings(), okienko::config::today(), true).expect("options");
    let mut desk = Desk::open(Db::open(path).expect("db"), &os_login(), options);
    let counter = Counter::default();
    let mut term = terminal(&counter);
    frame(&mut term, &desk.app);
    println!("first full frame: {} bytes", counter.0.swap(0, Ordering::Relaxed));
    let mut per_key = Vec::new();
    for query in ["kowalska anna", "nowak", "zielinski jan"] {
        for c in query.chars() {
            desk.type_text(&c.to_string());
            frame(&mut term, &desk.app);
            per_key.push(counter.0.swap(0, Ordering::Relaxed));
        }
        desk.press("ctrl-u");
        frame(&mut term, &desk.app);
        counter.0.swap(0, Ordering::Relaxed);
    }
    let mut sorted = per_key.clone();
    sorted.sort_unstable();
    println!(
        "bytes per keystroke ({} keystrokes, results redrawn with each): median {}, p95 {}, max {}, min {}",
        sorted.len(),
        sorted[sorted.len() / 2],
        sorted[(sorted.len() - 1) * 95 / 100],
        sorted[sorted.len() - 1],
        sorted[0]
    );
    desk.type_text("nowak");
    frame(&mut term, &desk.app);
    counter.0.swap(0, Ordering::Relaxed);
    desk.press("down");
    frame(&mut term, &desk.app);
    println!("bytes for moving the selection one row: {}", counter.0.swap(0, Ordering::Relaxed));
}

/// Polls the pane every 2 ms until `needle` shows; the time since `start`.
fn wait_for(pane: &Pane, needle: &str, start: Instant) -> Option<Duration> {
    while start.elapsed() < Duration::from_secs(60) {
        if pane.screen().contains(needle) {
            return Some(start.elapsed());
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    None
}

fn cpu_ticks(pid: &str) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or_default().split_whitespace().collect();
    fields.get(11).and_then(|u| u.parse::<u64>().ok()).unwrap_or(0)
        + fields.get(12).and_then(|s| s.parse::<u64>().ok()).unwrap_or(0)
}

fn rss_kib(pid: &str) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .map(|l| l.trim_start_matches("VmRSS:").trim().to_string())
        .unwrap_or_default()
}

/// The real release binary in an 80×24 tmux pane: time to the first frame and to a ready index
/// (seen by polling the pane every 2 ms), then CPU and memory while it sits idle.
fn real_binary(path: &Path, dir: &Path) {
    if !pty::tmux_installed() {
        println!("real binary: skipped (tmux is not installed)");
        return;
    }
    let pid_file = dir.join("pid");
    let pane = Pane::start("bench", &[("OKIENKO_DB", path.to_str().expect("a UTF-8 path"))], "sh");
    pane.type_text("clear");
    pane.keys(&["Enter"]);
    std::thread::sleep(Duration::from_millis(300));
    let line = format!("sh -c 'echo $$ > {}; exec {}'", pid_file.display(), env!("CARGO_BIN_EXE_okienko"));
    pane.type_text(&line);
    let start = Instant::now();
    pane.keys(&["Enter"]);
    let first = wait_for(&pane, "F2 Mieszk", start);
    let ready = wait_for(&pane, "W bazie:", start);
    println!("real binary, Enter to first frame on screen: {first:?}; to search ready: {ready:?}");
    let pid = std::fs::read_to_string(&pid_file).unwrap_or_default().trim().to_string();
    std::thread::sleep(Duration::from_secs(2));
    let before = cpu_ticks(&pid);
    let idle = Duration::from_secs(20);
    std::thread::sleep(idle);
    let used = cpu_ticks(&pid) - before;
    println!(
        "idle for {} s: {used} CPU ticks of 10 ms = {:.2} % of one core; resident memory {}",
        idle.as_secs(),
        used as f64 * 10.0 / idle.as_millis() as f64 * 100.0,
        rss_kib(&pid)
    );
    pane.keys(&["F10"]);
    std::thread::sleep(Duration::from_millis(300));
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("desk.db");
    let t0 = Instant::now();
    let mut db = Db::create(&path).expect("create");
    let options = DemoOptions {
        residents: RESIDENTS,
        seed: 1,
        today: okienko::config::today(),
        login: okienko::storage::staff::os_login(),
    };
    generate(&mut db, &options).expect("demo");
    drop(db);
    println!("generated a demo centre with {RESIDENTS} residents in {}", ms(t0.elapsed()));
    start_up(&path);
    bytes_per_keystroke(&path);
    real_binary(&path, dir.path());
}
