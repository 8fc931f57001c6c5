//! Keystroke-to-results latency of the resident search at 10 000, 100 000 and 1 000 000
//! residents, with index build time and memory. Run: `cargo bench --bench search`.
//!
//! Each query is typed one character at a time, as at the desk; every keystroke is one
//! measurement. Two ways are measured: the index with narrowing (what the desk's search thread
//! runs for every keystroke) and the index searched afresh on every keystroke.
//!
//! Each keystroke is timed twice: wall-clock time, and CPU time of the whole process (every
//! thread). On a shared machine the wall clock also counts time spent waiting for a core; the
//! CPU time does not, and since the work is split across cores, it bounds the wall-clock
//! latency an idle machine would show.

use chrono::NaiveDate;
use okienko::domain::pesel::{Pesel, Sex};
use okienko::search::{Index, Narrowing, RESULT_LIMIT};
use okienko::storage::residents::SearchRow;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
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
const QUERIES: &[&str] =
    &["kowal", "nowak an", "lukasz zolc", "zolc", "6012", "440514", "debica kosciuszki", "kwlska", "601 234 5"];

fn resident(rng: &mut StdRng, id: i64) -> SearchRow {
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
    let birth =
        NaiveDate::from_ymd_opt(1930, 1, 1).unwrap_or_default() + chrono::Days::new(rng.random_range(0..365 * 90));
    let pesel =
        Pesel::generate(birth, rng.random_range(0..1000), sex).map(|p| p.as_str().to_string()).unwrap_or_default();
    let (city, postal_code) = PLACES[rng.random_range(0..PLACES.len())];
    let village = rng.random_bool(0.4);
    let phone = if rng.random_bool(0.8) {
        let lead = ["5", "6", "7", "8"][rng.random_range(0..4)];
        format!("{lead}{:08}", rng.random_range(0..100_000_000))
    } else {
        String::new()
    };
    SearchRow {
        id,
        first_name: first.into(),
        last_name: last,
        pesel,
        phone,
        street: if village { String::new() } else { STREETS[rng.random_range(0..STREETS.len())].into() },
        house_no: rng.random_range(1..200).to_string(),
        flat_no: if rng.random_bool(0.3) { rng.random_range(1..60).to_string() } else { String::new() },
        postal_code: postal_code.into(),
        city: city.into(),
        gmina: String::new(),
        updated_at: format!("2026-11-{:02}T10:00:00.000Z", 1 + id % 22),
    }
}

fn residents(n: usize) -> Vec<SearchRow> {
    let mut rng = StdRng::seed_from_u64(2026);
    (1..=n as i64).map(|id| resident(&mut rng, id)).collect()
}

/// Resident set size of this process in MiB, where the system tells it.
fn rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kib: f64 = status.lines().find(|l| l.starts_with("VmRSS:"))?.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn show_mib(value: Option<f64>) -> String {
    value.map_or_else(|| "n/a".into(), |v| format!("{v:.0} MiB"))
}

/// Each keystroke of each query, typed `rounds` times.
fn keystrokes(rounds: usize) -> Vec<Vec<String>> {
    let mut typed = Vec::new();
    for _ in 0..rounds {
        for query in QUERIES {
            let mut so_far = String::new();
            typed.push(
                query
                    .chars()
                    .map(|c| {
                        so_far.push(c);
                        so_far.clone()
                    })
                    .collect(),
            );
        }
    }
    typed
}

/// CPU time used so far by all threads of this process.
fn cpu_time() -> Duration {
    let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `t` is a valid, writable timespec; the clock id is a constant the system defines.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut t) } == 0;
    if ok { Duration::new(t.tv_sec as u64, t.tv_nsec as u32) } else { Duration::ZERO }
}

/// Wall-clock and CPU time of one piece of work.
fn timed<T>(work: impl FnOnce() -> T) -> (T, Duration, Duration) {
    let (wall, cpu) = (Instant::now(), cpu_time());
    let out = work();
    (out, wall.elapsed(), cpu_time().saturating_sub(cpu))
}

struct Stats {
    p50: Duration,
    p95: Duration,
    max: Duration,
    count: usize,
}

fn stats(mut samples: Vec<Duration>) -> Stats {
    samples.sort_unstable();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    Stats { p50: at(0.50), p95: at(0.95), max: at(1.0), count: samples.len() }
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn row(size: usize, way: &str, wall: Vec<Duration>, cpu: Vec<Duration>) {
    let (w, c) = (stats(wall), stats(cpu));
    println!(
        "| {size:>9} | {way:<26} | {:>4} | {:>8} | {:>8} | {:>8} | {:>8} | {:>8} | {:>8} |",
        w.count,
        ms(w.p50),
        ms(w.p95),
        ms(w.max),
        ms(c.p50),
        ms(c.p95),
        ms(c.max)
    );
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map_or_else(|_| "n/a".into(), |l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
}

fn main() {
    let rounds_for = |n: usize| if n >= 1_000_000 { 3 } else { 10 };
    println!("Queries typed one character at a time: {QUERIES:?}; limit {RESULT_LIMIT} hits per answer.");
    println!("Load average at the start: {}\n", load_average());
    let mut builds = Vec::new();
    let mut slow_keys = Vec::new();
    println!(
        "| residents | way                        | keys | wall p50 | wall p95 | wall max | CPU p50  | CPU p95  | CPU max  |"
    );
    println!(
        "|----------:|----------------------------|-----:|---------:|---------:|---------:|---------:|---------:|---------:|"
    );
    for size in [10_000, 100_000, 1_000_000] {
        let before_rows = rss_mib();
        let rows = residents(size);
        let with_rows = rss_mib();
        let (index, build, build_cpu) = timed(|| Index::build(rows));
        let with_index = rss_mib();
        let typed = keystrokes(rounds_for(size));

        let (mut fresh, mut fresh_cpu, mut narrowed, mut narrowed_cpu) = (vec![], vec![], vec![], vec![]);
        let mut slowest: Vec<(Duration, &str, usize)> = Vec::new();
        for query in &typed {
            let mut narrowing: Option<Narrowing> = None;
            for keystroke in query {
                let (_, wall, cpu) = timed(|| index.search(keystroke, RESULT_LIMIT));
                fresh.push(wall);
                fresh_cpu.push(cpu);
                let (found, wall, cpu) = timed(|| index.search_narrowing(keystroke, RESULT_LIMIT, &mut narrowing));
                narrowed.push(wall);
                narrowed_cpu.push(cpu);
                slowest.push((cpu, keystroke, found.total));
            }
        }
        slowest.sort_unstable_by_key(|s| std::cmp::Reverse(s.0));
        let mut seen = std::collections::HashSet::new();
        slowest.retain(|(_, keystroke, _)| seen.insert(*keystroke));
        slow_keys.push((
            size,
            slowest.into_iter().take(5).map(|(d, k, t)| format!("`{k}` {} ({t} matches)", ms(d))).collect::<Vec<_>>(),
        ));

        row(size, "index, narrowing", narrowed, narrowed_cpu);
        row(size, "index, afresh every key", fresh, fresh_cpu);
        let grew = |after: Option<f64>, before: Option<f64>| after.zip(before).map(|(a, b)| a - b);
        builds.push((size, build, build_cpu, grew(with_rows, before_rows), grew(with_index, with_rows)));
    }
    println!("\nSlowest keystrokes by CPU time (index, narrowing):");
    for (size, keys) in slow_keys {
        println!("- {size}: {}", keys.join(", "));
    }
    println!("\n| residents | index build (wall) | (CPU)     | rows in memory | index beside the rows |");
    println!("|----------:|-------------------:|----------:|---------------:|----------------------:|");
    for (size, build, cpu, rows, index) in builds {
        println!(
            "| {size:>9} | {:>18} | {:>9} | {:>14} | {:>21} |",
            ms(build),
            ms(cpu),
            show_mib(rows),
            show_mib(index)
        );
    }
    println!("\nLoad average at the end: {}", load_average());
}
