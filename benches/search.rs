//! The resident search on the database's index, at 10 000, 100 000 and 1 000 000 residents, side
//! by side with `fzf --filter` on the same residents as text. Run: `cargo bench --bench search`
//! (`OKIENKO_BENCH_SIZES=10000,100000` for fewer sizes). The generated registers are kept in the
//! temporary directory and reused by later runs.
//!
//! Each figure of issue 15, per size:
//! - `okienko find 'kowalska anna'`: CPU time of the whole process, against `fzf --filter`;
//! - a desk process from its start until its first query is answered, against fzf reading the
//!   list (`--filter` with a query nobody matches);
//! - the desk's private memory (`Private_Clean + Private_Dirty` of `/proc/PID/smaps_rollup`)
//!   after 20 queries, against fzf's peak resident memory;
//! - keystroke → results, each query typed one character at a time through the desk's search
//!   path, in a process held to core 0 (`taskset -c 0`) while another keeps core 1 busy;
//! - bytes written to an 80×24 terminal per keystroke typing "lukasz zolc" in F2.
//!
//! The bench runs itself as the desk and keystroke processes (`OKIENKO_BENCH_ROLE`).

use chrono::NaiveDate;
use okienko::domain::pesel::{Pesel, Sex};
use okienko::domain::resident::ResidentInput;
use okienko::search::Searcher;
use okienko::session::Session;
use okienko::settings::{Environment, GlobalArgs, Settings};
use okienko::storage::{Db, residents};
use okienko::tui::backend::{Compact, GapFill};
use okienko::tui::keymap::KeyPress;
use okienko::tui::search_thread::{self, SearchRequest, found, ready};
use okienko::tui::{App, DeskOptions, Effect, Msg};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::collections::HashSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const MALE: &[&str] = &[
    "Łukasz",
    "Jan",
    "Piotr",
    "Krzysztof",
    "Andrzej",
    "Tomasz",
    "Paweł",
    "Michał",
    "Marcin",
    "Stanisław",
    "Józef",
    "Grzegorz",
    "Jerzy",
    "Tadeusz",
    "Adam",
    "Zbigniew",
    "Ryszard",
    "Dariusz",
    "Henryk",
    "Mariusz",
    "Kazimierz",
    "Wojciech",
    "Robert",
    "Mateusz",
    "Marian",
    "Rafał",
    "Jacek",
    "Janusz",
    "Mirosław",
    "Maciej",
    "Sławomir",
    "Jarosław",
    "Kamil",
    "Wiesław",
    "Roman",
    "Władysław",
    "Jakub",
    "Artur",
    "Zdzisław",
    "Edward",
    "Mieczysław",
    "Damian",
    "Dawid",
    "Przemysław",
    "Sebastian",
    "Czesław",
    "Leszek",
    "Daniel",
    "Waldemar",
    "Szymon",
];
const FEMALE: &[&str] = &[
    "Anna",
    "Maria",
    "Katarzyna",
    "Małgorzata",
    "Agnieszka",
    "Barbara",
    "Ewa",
    "Krystyna",
    "Elżbieta",
    "Magdalena",
    "Joanna",
    "Zofia",
    "Aleksandra",
    "Monika",
    "Teresa",
    "Danuta",
    "Natalia",
    "Karolina",
    "Marta",
    "Beata",
    "Dorota",
    "Halina",
    "Jadwiga",
    "Janina",
    "Irena",
    "Grażyna",
    "Iwona",
    "Jolanta",
    "Stanisława",
    "Bożena",
    "Urszula",
    "Justyna",
    "Renata",
    "Helena",
    "Paulina",
    "Alicja",
    "Agata",
    "Sylwia",
    "Wiesława",
    "Łucja",
];
/// Surnames with a masculine and a feminine form.
const GENDERED: &[(&str, &str)] = &[
    ("Kowalski", "Kowalska"),
    ("Wiśniewski", "Wiśniewska"),
    ("Wójcik", "Wójcik"),
    ("Kowalczyk", "Kowalczyk"),
    ("Kamiński", "Kamińska"),
    ("Lewandowski", "Lewandowska"),
    ("Zieliński", "Zielińska"),
    ("Szymański", "Szymańska"),
    ("Woźniak", "Woźniak"),
    ("Dąbrowski", "Dąbrowska"),
    ("Kozłowski", "Kozłowska"),
    ("Jankowski", "Jankowska"),
    ("Mazur", "Mazur"),
    ("Kwiatkowski", "Kwiatkowska"),
    ("Krawczyk", "Krawczyk"),
    ("Piotrowski", "Piotrowska"),
    ("Grabowski", "Grabowska"),
    ("Nowakowski", "Nowakowska"),
    ("Pawłowski", "Pawłowska"),
    ("Michalski", "Michalska"),
    ("Nowak", "Nowak"),
    ("Wróbel", "Wróbel"),
    ("Jabłoński", "Jabłońska"),
    ("Wieczorek", "Wieczorek"),
    ("Majewski", "Majewska"),
    ("Olszewski", "Olszewska"),
    ("Stępień", "Stępień"),
    ("Malinowski", "Malinowska"),
    ("Jaworski", "Jaworska"),
    ("Adamczyk", "Adamczyk"),
    ("Dudek", "Dudek"),
    ("Nowicki", "Nowicka"),
    ("Pająk", "Pająk"),
    ("Górski", "Górska"),
    ("Żółć", "Żółć"),
    ("Sobczak", "Sobczak"),
    ("Czarnecki", "Czarnecka"),
    ("Łuczak", "Łuczak"),
    ("Głowacki", "Głowacka"),
    ("Śliwiński", "Śliwińska"),
    ("Kubiak", "Kubiak"),
    ("Ryś", "Ryś"),
    ("Zając", "Zając"),
    ("Król", "Król"),
    ("Wilk", "Wilk"),
    ("Ptak", "Ptak"),
    ("Kościelny", "Kościelna"),
    ("Bąk", "Bąk"),
    ("Chmiel", "Chmiel"),
    ("Szczepański", "Szczepańska"),
];
/// Stems and endings that make a long tail of rarer surnames, as a real register has.
const STEMS: &[&str] = &[
    "Bednar",
    "Błasz",
    "Bogusław",
    "Borkow",
    "Brzozow",
    "Chmielew",
    "Cieśl",
    "Czech",
    "Dąbek",
    "Domań",
    "Dziedzic",
    "Fijał",
    "Gaweł",
    "Gołęb",
    "Gór",
    "Grzyb",
    "Jagieł",
    "Jasiń",
    "Kacz",
    "Karp",
    "Kędzier",
    "Kisiel",
    "Klimk",
    "Kołodziej",
    "Kopeć",
    "Krupa",
    "Kuch",
    "Kurek",
    "Leś",
    "Łukas",
    "Maciejew",
    "Marczak",
    "Mazurk",
    "Mróz",
    "Niemczyk",
    "Ogór",
    "Orzeł",
    "Pietrzak",
    "Przybył",
    "Rogal",
    "Rutk",
    "Sadow",
    "Sikor",
    "Skrzyp",
    "Sowiń",
    "Stach",
    "Szewcz",
    "Szulc",
    "Tomaszew",
    "Urbań",
    "Walczak",
    "Wawrzyn",
    "Wilczyń",
    "Witk",
    "Wojciech",
    "Zawadz",
    "Zdun",
    "Żak",
    "Żuraw",
    "Żmud",
];
const ENDINGS: &[(&str, &str)] = &[
    ("ski", "ska"),
    ("owski", "owska"),
    ("icki", "icka"),
    ("czyk", "czyk"),
    ("iak", "iak"),
    ("ek", "ek"),
    ("ewicz", "ewicz"),
    ("owicz", "owicz"),
    ("uk", "uk"),
    ("ała", "ała"),
];

const PLACES: &[(&str, &str)] = &[
    ("Dębica", "39-200"),
    ("Straszęcin", "39-218"),
    ("Pustynia", "39-200"),
    ("Stasiówka", "39-200"),
    ("Brzeźnica", "39-207"),
    ("Żyraków", "39-204"),
    ("Pustków", "39-206"),
    ("Czarna", "39-215"),
    ("Głobikowa", "39-220"),
    ("Braciejowa", "39-220"),
    ("Starachowice", "27-200"),
    ("Wąchock", "27-215"),
    ("Brody", "27-230"),
    ("Mirzec", "27-220"),
    ("Pawłów", "27-225"),
];
const STREETS: &[&str] = &[
    "ul. Kościuszki",
    "ul. Rzeszowska",
    "ul. Mickiewicza",
    "ul. Słowackiego",
    "ul. Grunwaldzka",
    "ul. Radomska",
    "ul. Żeromskiego",
    "ul. Łąkowa",
    "ul. Świętokrzyska",
    "ul. Krakowska",
    "ul. Polna",
    "ul. Ogrodowa",
    "ul. 3 Maja",
    "ul. Jana Pawła II",
    "ul. Wojska Polskiego",
];
const QUERIES: &[&str] = &[
    "kowalska anna",
    "nowak an",
    "lukasz zolc",
    "zolc",
    "zulc",
    "hrzanowski",
    "6012",
    "440514",
    "debica kosciuszki",
    "kwlska",
    "kowalski 1950",
    "601 234 5",
];
const FIND_QUERY: &str = "kowalska anna";
const LOGIN: &str = "desk";

fn resident(rng: &mut StdRng, taken: &mut HashSet<String>) -> ResidentInput {
    let female = rng.random_bool(0.52);
    let (first, sex) = if female {
        (FEMALE[rng.random_range(0..FEMALE.len())], Sex::Female)
    } else {
        (MALE[rng.random_range(0..MALE.len())], Sex::Male)
    };
    // Half the residents share the fifty common surnames; the rest spread over six hundred rarer ones.
    let forms = |rng: &mut StdRng| {
        if rng.random_bool(0.5) {
            let (m, f) = GENDERED[rng.random_range(0..GENDERED.len())];
            (if female { f } else { m }).to_string()
        } else {
            let stem = STEMS[rng.random_range(0..STEMS.len())];
            let (m, f) = ENDINGS[rng.random_range(0..ENDINGS.len())];
            format!("{stem}{}", if female { f } else { m })
        }
    };
    let mut last = forms(rng);
    if rng.random_bool(0.04) {
        last = format!("{last}-{}", forms(rng));
    }
    let pesel = loop {
        let birth =
            NaiveDate::from_ymd_opt(1930, 1, 1).unwrap_or_default() + chrono::Days::new(rng.random_range(0..365 * 90));
        let pesel =
            Pesel::generate(birth, rng.random_range(0..1000), sex).map(|p| p.as_str().to_string()).unwrap_or_default();
        if taken.insert(pesel.clone()) {
            break pesel;
        }
    };
    let (city, postal_code) = PLACES[rng.random_range(0..PLACES.len())];
    let village = rng.random_bool(0.4);
    let phone = if rng.random_bool(0.8) {
        let lead = ["5", "6", "7", "8"][rng.random_range(0..4)];
        format!("{lead}{:08}", rng.random_range(0..100_000_000))
    } else {
        String::new()
    };
    ResidentInput {
        pesel,
        first_name: first.into(),
        last_name: last,
        street: if village { String::new() } else { STREETS[rng.random_range(0..STREETS.len())].into() },
        house_no: rng.random_range(1..200).to_string(),
        flat_no: if rng.random_bool(0.3) { rng.random_range(1..60).to_string() } else { String::new() },
        postal_code: postal_code.into(),
        city: city.into(),
        phone,
        ..ResidentInput::default()
    }
}

fn okienko(db: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_okienko"));
    cmd.arg("--db").arg(db).args(args).env_remove("OKIENKO_DB").env("OKIENKO_LOGIN", LOGIN);
    cmd
}

/// The register of `size` residents and the same residents as lines of text for fzf, made once
/// and kept for later runs.
fn register(size: usize) -> (PathBuf, PathBuf) {
    let dir = std::env::temp_dir();
    let db = dir.join(format!("okienko-bench-search-{size}.db"));
    let text = dir.join(format!("okienko-bench-search-{size}.txt"));
    if db.exists() && text.exists() {
        return (db, text);
    }
    let _ = std::fs::remove_file(&db);
    let t0 = Instant::now();
    let mut init = okienko(&db, &["init", "--training"]);
    init.env_remove("OKIENKO_LOGIN");
    assert!(init.output().expect("okienko init").status.success());
    let mut staff = okienko(&db, &["staff", "add", LOGIN, "--role", "recepcja"]);
    staff.env_remove("OKIENKO_LOGIN");
    assert!(staff.output().expect("okienko staff add").status.success());
    let mut store = Db::open(&db).expect("the register opens");
    let mut rng = StdRng::seed_from_u64(2026);
    let mut taken = HashSet::with_capacity(size);
    let mut lines = String::with_capacity(size * 90);
    let mut left = size;
    while left > 0 {
        let batch: Vec<ResidentInput> = (0..left.min(50_000)).map(|_| resident(&mut rng, &mut taken)).collect();
        left -= batch.len();
        store
            .write(|tx| {
                let places = okienko::storage::places::Places::load(tx)?;
                for input in &batch {
                    let record =
                        input.validate().map_err(|e| okienko::storage::StorageError::Invalid(e.to_string()))?;
                    residents::insert_unaudited(tx, "bench", &record, &places)?;
                }
                Ok(())
            })
            .expect("residents are stored");
        for r in &batch {
            let address = [&r.street, &r.house_no, &r.postal_code, &r.city].map(|s| s.as_str()).join(" ");
            lines.push_str(&format!("{} {} {} {} {}\n", r.last_name, r.first_name, r.pesel, address, r.phone));
        }
    }
    std::fs::write(&text, lines).expect("the text list is written");
    println!("(generated {size} residents in {:.0} s)", t0.elapsed().as_secs_f64());
    (db, text)
}

/// What the system measured of one child process.
struct Run {
    wall: Duration,
    cpu: Duration,
    max_rss_kib: i64,
    stdout: String,
}

/// Runs `cmd` to its end, taking its own resource use from `wait4` (which also reaps it).
#[allow(clippy::zombie_processes)]
fn run(mut cmd: Command, stdin: Option<&Path>) -> Run {
    cmd.stdout(Stdio::piped()).stderr(Stdio::null());
    if let Some(path) = stdin {
        cmd.stdin(std::fs::File::open(path).expect("the input opens"));
    }
    let t0 = Instant::now();
    let mut child = cmd.spawn().expect("the child starts");
    let mut stdout = String::new();
    if let Some(mut out) = child.stdout.take() {
        let _ = out.read_to_string(&mut stdout);
    }
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to overwrite.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `child` is this process's own unwaited child; both pointers are valid and writable.
    unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let wall = t0.elapsed();
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Run { wall, cpu: time(usage.ru_utime) + time(usage.ru_stime), max_rss_kib: usage.ru_maxrss, stdout }
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort_unstable();
    samples[samples.len() / 2]
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort_unstable();
    samples[((samples.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn mib(kib: i64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

fn fzf_present() -> bool {
    Command::new("fzf").arg("--version").output().is_ok_and(|o| o.status.success())
}

/// `Private_Clean + Private_Dirty` of this process, in KiB.
fn private_kib() -> i64 {
    let rollup = std::fs::read_to_string("/proc/self/smaps_rollup").unwrap_or_default();
    rollup
        .lines()
        .filter(|l| l.starts_with("Private_Clean:") || l.starts_with("Private_Dirty:"))
        .filter_map(|l| l.split_whitespace().nth(1)?.parse::<i64>().ok())
        .sum()
}

/// The desk process: opens the register as the desk does, asks its first query at once and
/// says when it was answered, then answers 19 more and reports its private memory.
fn desk_role(db: &Path) {
    let session = Session::open(db, settings()).expect("session");
    let options = DeskOptions::new(&session.settings, session.today, true).expect("options");
    let mut app = App::new(options, session.me.clone());
    let (tx, rx) = std::sync::mpsc::channel();
    let search = search_thread::spawn(db.to_path_buf(), move |m| {
        let _ = tx.send(m);
    });
    for (generation, query) in QUERIES.iter().cycle().take(20).enumerate() {
        search.send(SearchRequest { generation: generation as u64, query: query.to_string() }).expect("send");
        while let Ok(msg) = rx.recv() {
            let answered = matches!(msg, Msg::Found { .. });
            app.handle_msg(msg);
            if answered {
                break;
            }
        }
        if generation == 0 {
            println!("answered");
            let _ = std::io::stdout().flush();
        }
    }
    println!("private {}", private_kib());
}

/// The keystroke process: every query typed one character at a time, through the desk's path.
fn keys_role(db: &Path) {
    let db = okienko::search::open(db).expect("db");
    let searcher = Searcher::default();
    let mut samples = Vec::new();
    let mut cpu = Vec::new();
    let mut slowest: Vec<(Duration, String)> = Vec::new();
    for _ in 0..3 {
        for query in QUERIES {
            let mut typed = String::new();
            for c in query.chars() {
                typed.push(c);
                let (t0, c0) = (Instant::now(), thread_cpu());
                let _ = found(&db, &searcher, 1, &typed);
                samples.push(t0.elapsed());
                cpu.push(thread_cpu() - c0);
                slowest.push((t0.elapsed(), typed.clone()));
            }
        }
    }
    slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut seen = HashSet::new();
    slowest.retain(|(_, typed)| seen.insert(typed.clone()));
    let slowest: Vec<String> = slowest.iter().take(6).map(|(d, typed)| format!("`{typed}` {}", ms(*d))).collect();
    let p50 = percentile(&mut samples, 0.5);
    let p95 = percentile(&mut samples, 0.95);
    let max = percentile(&mut samples, 1.0);
    println!("{} {} {} {}", samples.len(), p50.as_micros(), p95.as_micros(), max.as_micros());
    println!("{}", slowest.join(", "));
    let [c50, c95, cmax] = [0.5, 0.95, 1.0].map(|p| percentile(&mut cpu, p));
    println!("CPU of the searching thread per keystroke, p50 / p95 / max: {} / {} / {}", ms(c50), ms(c95), ms(cmax));
}

/// CPU time this thread has used: unlike wall time, not stretched by waiting for the core.
fn thread_cpu() -> Duration {
    // SAFETY: an all-zero timespec is valid, and clock_gettime only writes it.
    let mut t: libc::timespec = unsafe { std::mem::zeroed() };
    // SAFETY: the pointer is valid and writable.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

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

/// Bytes sent to an 80×24 terminal per keystroke typing "lukasz zolc" in F2.
fn bytes_per_keystroke(db_path: &Path) -> Vec<usize> {
    // SAFETY: set before any other thread of this process starts.
    unsafe { std::env::set_var("OKIENKO_LOGIN", LOGIN) };
    let session = Session::open(db_path, settings()).expect("session");
    let db = Db::open(db_path).expect("db");
    let searcher = Searcher::default();
    let options = DeskOptions::new(&session.settings, session.today, true).expect("options");
    let mut app = App::new(options, session.me.clone());
    app.handle_msg(ready(&db));
    let counter = Counter::default();
    let options = TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, 80, 24)) };
    let mut term = Terminal::with_options(GapFill::new(Compact::new(counter.clone())), options).expect("terminal");
    let mut frame = |app: &App| {
        use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
        crossterm::queue!(term.backend_mut().inner_mut(), BeginSynchronizedUpdate).expect("queue");
        term.draw(|f| app.draw(f)).expect("draw");
        crossterm::execute!(term.backend_mut().inner_mut(), EndSynchronizedUpdate).expect("flush");
        counter.0.swap(0, Ordering::Relaxed)
    };
    app.handle_key(KeyPress::parse("f2").expect("key"));
    let _ = app.take_effects();
    frame(&app);
    let mut per_key = Vec::new();
    for c in "lukasz zolc".chars() {
        app.handle_key(KeyPress::new(crossterm::event::KeyCode::Char(c), crossterm::event::KeyModifiers::NONE));
        for effect in app.take_effects() {
            if let Effect::Search { generation, query } = effect {
                app.handle_msg(found(&db, &searcher, generation, &query));
            }
        }
        per_key.push(frame(&app));
    }
    per_key
}

/// A process that keeps one core busy until it is killed.
fn busy_role() {
    let mut n: u64 = 0;
    loop {
        n = std::hint::black_box(n.wrapping_mul(6364136223846793005).wrapping_add(1));
    }
}

fn self_as(role: &str, db: &Path, core: Option<&str>) -> Command {
    let me = std::env::current_exe().expect("the bench binary");
    let mut cmd = match core {
        Some(core) => {
            let mut cmd = Command::new("taskset");
            cmd.args(["-c", core]).arg(me);
            cmd
        }
        None => Command::new(me),
    };
    cmd.env("OKIENKO_BENCH_ROLE", role).env("OKIENKO_BENCH_DB", db).env("OKIENKO_LOGIN", LOGIN);
    cmd
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map_or_else(|_| "n/a".into(), |l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
}

fn ratio(ours: Duration, theirs: Option<Duration>) -> String {
    theirs.map_or_else(|| "—".into(), |t| format!("{:.3}×", ours.as_secs_f64() / t.as_secs_f64().max(1e-9)))
}

fn main() {
    if let (Ok(role), Ok(db)) = (std::env::var("OKIENKO_BENCH_ROLE"), std::env::var("OKIENKO_BENCH_DB")) {
        match role.as_str() {
            "desk" => desk_role(Path::new(&db)),
            "keys" => keys_role(Path::new(&db)),
            _ => busy_role(),
        }
        return;
    }
    if let Ok(db) = std::env::var("OKIENKO_BENCH_KEYS_ONLY") {
        keys_role(Path::new(&db));
        return;
    }
    let sizes: Vec<usize> = std::env::var("OKIENKO_BENCH_SIZES")
        .unwrap_or_else(|_| "10000,100000,1000000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let fzf = fzf_present();
    if !fzf {
        println!("fzf is not installed: its columns are left empty (apt-get install fzf).");
    }
    println!("Load average at the start: {}", load_average());
    println!("Keystroke queries, typed one character at a time, three times: {QUERIES:?}\n");
    println!(
        "| residents | find CPU | fzf CPU | ratio | desk start→answer | fzf list loaded | ratio | desk private | fzf peak RSS | keystroke p50 / p95 / max (core 0, core 1 busy) | bytes/key max |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for size in sizes {
        let (db, text) = register(size);
        // Warm the page cache the way a running server has it.
        let _ = run(okienko(&db, &["find", FIND_QUERY]), None);
        let find_cpu = median((0..5).map(|_| run(okienko(&db, &["find", FIND_QUERY]), None).cpu).collect());
        let fzf_filter = |query: &str| {
            let mut cmd = Command::new("fzf");
            cmd.args(["--filter", query]);
            run(cmd, Some(&text))
        };
        let fzf_cpu = fzf.then(|| median((0..5).map(|_| fzf_filter(FIND_QUERY).cpu).collect()));
        let fzf_load = fzf.then(|| median((0..5).map(|_| fzf_filter("qqqqxxxxzzzz").wall).collect()));
        let fzf_rss = if fzf { mib(fzf_filter(FIND_QUERY).max_rss_kib) } else { "—".into() };

        let mut starts = Vec::new();
        let mut private = 0;
        for _ in 0..5 {
            let mut cmd = self_as("desk", &db, None);
            cmd.stdout(Stdio::piped()).stderr(Stdio::null());
            let t0 = Instant::now();
            let mut child = cmd.spawn().expect("the desk starts");
            let mut out = std::io::BufReader::new(child.stdout.take().expect("stdout"));
            let mut line = String::new();
            use std::io::BufRead;
            let _ = out.read_line(&mut line);
            starts.push(t0.elapsed());
            let mut rest = String::new();
            let _ = out.read_to_string(&mut rest);
            let _ = child.wait();
            private = rest.trim().strip_prefix("private ").and_then(|k| k.parse().ok()).unwrap_or(0);
        }
        let start = median(starts);

        let mut busy = self_as("busy", &db, Some("1")).stdout(Stdio::null()).spawn().expect("the busy process starts");
        let keys = run(self_as("keys", &db, Some("0")), None);
        let _ = busy.kill();
        let _ = busy.wait();
        let mut lines = keys.stdout.lines();
        let k: Vec<u128> = lines.next().unwrap_or_default().split_whitespace().filter_map(|n| n.parse().ok()).collect();
        let slowest = lines.next().unwrap_or_default().to_string();
        let keystroke_cpu = lines.next().unwrap_or_default().to_string();
        let us = |i: usize| k.get(i).map_or_else(|| "n/a".into(), |v| format!("{:.2}", *v as f64 / 1000.0));
        let bytes = bytes_per_keystroke(&db);

        println!(
            "| {size} | {} | {} | {} | {} | {} | {} | {} | {} | {} / {} / {} ms ({} keys) | {} |",
            ms(find_cpu),
            fzf_cpu.map_or_else(|| "—".into(), ms),
            ratio(find_cpu, fzf_cpu),
            ms(start),
            fzf_load.map_or_else(|| "—".into(), ms),
            ratio(start, fzf_load),
            mib(private),
            fzf_rss,
            us(1),
            us(2),
            us(3),
            k.first().copied().unwrap_or(0),
            bytes.iter().max().copied().unwrap_or(0),
        );
        println!("  bytes per keystroke typing \"lukasz zolc\": {bytes:?}");
        println!("  slowest keystrokes: {slowest}");
        println!("  {keystroke_cpu}");
    }
    println!("\nLoad average at the end: {}", load_average());
}

fn settings() -> Settings {
    Settings::from_sources(&GlobalArgs::default(), okienko::config::ConfigFile::default(), &Environment::read())
}
