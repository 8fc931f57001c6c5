//! `okienko application` and `okienko ipus` as scripts use them: the real binary, real files,
//! several processes at once.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Centre {
    dir: tempfile::TempDir,
}

impl Centre {
    fn db(&self) -> PathBuf {
        self.dir.path().join("c.db")
    }

    fn cmd(&self, login: &str, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_okienko"));
        cmd.args(args)
            .env("OKIENKO_DB", self.db())
            .env("OKIENKO_TODAY", "2026-03-10")
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env_remove("OKIENKO_LOGIN");
        if !login.is_empty() {
            cmd.env("OKIENKO_LOGIN", login);
        }
        cmd
    }

    fn run(&self, login: &str, args: &[&str]) -> Output {
        self.cmd(login, args).output().expect("the binary runs")
    }

    /// Runs and expects success; returns standard output.
    fn ok(&self, login: &str, args: &[&str]) -> String {
        let out = self.run(login, args);
        assert!(
            out.status.success(),
            "okienko {args:?} failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
}

/// A centre with a coordinator, a director, and a taxi service limited to `limit` rides a month.
fn centre(limit: i64) -> Centre {
    let c = Centre { dir: tempfile::tempdir().unwrap() };
    c.ok("", &["init", "--name", "Centrum Usług Społecznych w Dębicy"]);
    c.ok("", &["staff", "add", "koord", "--role", "koordynator", "--name", "Anna Nowak"]);
    c.ok("", &["staff", "add", "dyr", "--role", "dyrektor"]);
    let conn = rusqlite::Connection::open(c.db()).unwrap();
    conn.execute_batch(
        "UPDATE centre SET address = 'ul. Ratuszowa 2, 39-200 Dębica', programme_resolution = 'uchwały nr XII/100/2025';
         INSERT INTO service (id, code, name, unit, updated_at, updated_by) VALUES (1, 'TAXI', 'Taxi senioralne', 'kurs', 'x', 'x');",
    )
    .unwrap();
    conn.execute(
        "INSERT INTO capacity_pool (service_id, period_kind, units_limit, valid_from, updated_at, updated_by)
         VALUES (1, 'month', ?1, '2026-01-01', 'x', 'x')",
        [limit],
    )
    .unwrap();
    c
}

/// Registers an application for a new resident and drafts a plan of `rides` a month; returns the plan number.
fn drafted(c: &Centre, first: &str, last: &str, rides: u32) -> String {
    let out = c.ok(
        "koord",
        &[
            "application",
            "add",
            "--first-name",
            first,
            "--last-name",
            last,
            "--filed",
            "2026-03-02",
            "--city",
            "Dębica",
        ],
    );
    let app = out.split("wniosek nr ").nth(1).and_then(|s| s.split_whitespace().next()).unwrap().to_string();
    c.ok("koord", &["application", "assess", &app, "--needs", "zażółć gęślą jaźń — dojazdy do lekarza"]);
    let out = c.ok("koord", &["ipus", "draft", &app, "--from", "2026-04-01", "--to", "2026-12-31"]);
    let number = out.split_whitespace().find(|w| w.starts_with("IPUS/")).unwrap().to_string();
    c.ok(
        "koord",
        &[
            "ipus",
            "line",
            "add",
            &number,
            "--service",
            "TAXI",
            "--amount",
            &rides.to_string(),
            "--per",
            "miesiąc",
            "--from",
            "2026-04-01",
            "--to",
            "2026-12-31",
            "--schedule",
            "wtorki 9–12",
            "--place",
            "dom, indywidualna",
        ],
    );
    number
}

#[test]
fn the_command_line_definition_is_consistent() {
    use clap::CommandFactory;
    okienko::cli::Cli::command().debug_assert();
}

#[test]
fn concurrent_approvals_from_many_processes_never_over_grant_a_pool() {
    let c = centre(10);
    // Six plans of 3 rides a month against 10 a month: exactly three fit.
    let numbers: Vec<String> = (0..6).map(|i| drafted(&c, &format!("Osoba{i}"), "Testowa", 3)).collect();
    for n in &numbers {
        c.ok("koord", &["ipus", "submit", n]);
    }
    let children: Vec<_> = numbers
        .iter()
        .map(|n| {
            c.cmd("dyr", &["ipus", "approve", n])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outputs: Vec<Output> = children.into_iter().map(|ch| ch.wait_with_output().unwrap()).collect();
    let approved = outputs.iter().filter(|o| o.status.success()).count();
    assert_eq!(approved, 3, "exactly the plans that fit are approved");
    for o in outputs.iter().filter(|o| !o.status.success()) {
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("brak miejsc w puli") && err.contains("pozycja 1 (Taxi senioralne)"), "{err}");
        assert!(!err.contains("locked") && !err.contains("zajęta"), "{err}");
    }
    let list = c.ok("dyr", &["ipus", "list", "--state", "zatwierdzony", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&list).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 3);
    let submitted: serde_json::Value =
        serde_json::from_str(&c.ok("dyr", &["ipus", "list", "--state", "złożony", "--json"])).unwrap();
    assert_eq!(submitted.as_array().unwrap().len(), 3);
}

fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext is installed (Debian package poppler-utils)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_printed_plan_is_a_text_pdf_with_every_section_and_polish_letters() {
    let c = centre(10);
    let number = drafted(&c, "Łukasz", "Żółć", 2);
    c.ok(
        "koord",
        &["ipus", "action", "add", &number, "--what", "pomoc w uzyskaniu orzeczenia", "--who", "pracownik socjalny"],
    );
    c.ok("koord", &["ipus", "submit", &number]);
    c.ok("dyr", &["ipus", "approve", &number]);
    let pdf = c.dir.path().join("plan.pdf");
    let out = c.ok("koord", &["ipus", "export", &number, "--pdf", pdf.to_str().unwrap()]);
    assert!(out.contains("Zapisano IPUS/2026/0001 wersja 1"), "{out}");
    let text = pdftotext(&pdf);
    for expected in [
        "INDYWIDUALNY PLAN USŁUG SPOŁECZNYCH",
        "IPUS/2026/0001",
        "art. 39",
        "XII/100/2025",
        "A. DANE OSOBOWE",
        "Łukasz Żółć",
        "B. OKRES REALIZACJI PLANU",
        "C. USŁUGI Z PROGRAMU ODPOWIADAJĄCE NA POTRZEBY",
        "zażółć gęślą jaźń",
        "D. SPOSÓB REALIZACJI USŁUG",
        "wtorki 9–12",
        "E. DZIAŁANIA WSPIERAJĄCE",
        "Pouczenie",
        "Zatwierdzam",
        "F. ROZMOWA PODSUMOWUJĄCA",
        "G. MONITORING 6 MIESIĘCY PO ZAKOŃCZENIU",
        "Koordynator: Anna Nowak",
        "dwóch jednobrzmiących egzemplarzach",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    let txt = c.dir.path().join("plan.txt");
    c.ok("koord", &["ipus", "export", &number, "--text", txt.to_str().unwrap()]);
    let plain = std::fs::read_to_string(&txt).unwrap();
    assert!(plain.contains("A. DANE OSOBOWE\n---------------") && plain.contains("Łukasz Żółć"), "{plain}");
    let conn = rusqlite::Connection::open(c.db()).unwrap();
    let exports: i64 = conn
        .query_row("SELECT count(*) FROM audit_log WHERE action = 'export' AND login = 'koord'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(exports, 2);
}

#[test]
fn the_print_command_receives_the_pdf_on_standard_input_and_printing_is_audited() {
    let c = centre(10);
    let number = drafted(&c, "Łukasz", "Żółć", 2);
    let printed = c.dir.path().join("printed.pdf");
    let config = c.dir.path().join("config").join("okienko");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), format!("print_command = \"tee {}\"\n", printed.display())).unwrap();
    let out = c.ok("koord", &["ipus", "print", &number]);
    assert!(out.contains("Wysłano do druku"), "{out}");
    assert!(std::fs::read(&printed).unwrap().starts_with(b"%PDF"));
    let conn = rusqlite::Connection::open(c.db()).unwrap();
    let prints: i64 =
        conn.query_row("SELECT count(*) FROM audit_log WHERE action = 'print'", [], |r| r.get(0)).unwrap();
    assert_eq!(prints, 1);
}

#[test]
fn errors_name_the_field_and_the_reason() {
    let c = centre(10);
    let number = drafted(&c, "Łukasz", "Żółć", 2);
    let out = c.run(
        "koord",
        &[
            "ipus",
            "line",
            "add",
            &number,
            "--service",
            "NIEMA",
            "--amount",
            "1",
            "--per",
            "month",
            "--from",
            "2026-04-01",
            "--to",
            "2026-05-01",
        ],
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("--service: nie ma usługi o kodzie „NIEMA”"));
    let out = c.run(
        "koord",
        &[
            "ipus",
            "line",
            "add",
            &number,
            "--service",
            "TAXI",
            "--amount",
            "1",
            "--per",
            "dekada",
            "--from",
            "2026-04-01",
            "--to",
            "2026-05-01",
        ],
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("--per: „dekada”"));
    let out = c.run("koord", &["ipus", "approve", &number]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nie ma wersji w stanie złożony"), "{err}");
    let out = c.run("koord", &["ipus", "set", &number, "--to", "2026-02-30"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("--to: „2026-02-30” — data musi mieć postać RRRR-MM-DD"));
    let out = c.run("koord", &["ipus", "submit", &number]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = c.run("koord", &["ipus", "approve", &number]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("brak uprawnień") && err.contains("dyrektor"), "{err}");
}
