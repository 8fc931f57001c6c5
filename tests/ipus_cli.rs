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
    c.ok("", &["init", "--training", "--name", "Centrum Usług Społecznych w Dębicy"]);
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
        "B. OKRES REALIZACJI INDYWIDUALNEGO PLANU USŁUG SPOŁECZNYCH",
        "C. ZAKRES USŁUG SPOŁECZNYCH",
        "zażółć gęślą jaźń",
        "D. SPOSÓB REALIZACJI INDYWIDUALNEGO PLANU USŁUG SPOŁECZNYCH",
        "wtorki 9–12",
        "E. DZIAŁANIA WSPIERAJĄCE",
        "Pouczenie",
        "Zatwierdzam",
        "ROZMOWA PODSUMOWUJĄCA",
        "G. MONITORING 6 MIESIĘCY PO ZAPRZESTANIU",
        "Anna Nowak",
        "dwóch jednobrzmiących egzemplarzach",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    let txt = c.dir.path().join("plan.txt");
    c.ok("koord", &["ipus", "export", &number, "--text", txt.to_str().unwrap()]);
    let plain = std::fs::read_to_string(&txt).unwrap();
    assert!(plain.contains("A. DANE OSOBOWE\n---------------") && plain.contains("Łukasz Żółć"), "{plain}");
    assert!(plain.contains("+----") && plain.contains("| Taxi senioralne"), "tables are ruled: {plain}");
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

/// `ipus show --json` of `plan`.
fn shown(c: &Centre, plan: &str) -> serde_json::Value {
    serde_json::from_str(&c.ok("koord", &["ipus", "show", plan, "--json"])).unwrap()
}

/// Expects a refusal with exit code 1; returns standard error.
fn refused(c: &Centre, login: &str, args: &[&str]) -> String {
    let out = c.run(login, args);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "okienko {args:?}: {err}");
    err
}

fn add_taxi(c: &Centre, plan: &str, amount: &str, per: &str, from: &str) {
    c.ok(
        "koord",
        &[
            "ipus",
            "line",
            "add",
            plan,
            "--service",
            "TAXI",
            "--amount",
            amount,
            "--per",
            per,
            "--from",
            from,
            "--to",
            "2026-12-31",
            "--schedule",
            "czwartki",
            "--place",
            "dom",
        ],
    );
}

/// Submitted by the coordinator and approved by the director.
fn approve(c: &Centre, plan: &str) {
    c.ok("koord", &["ipus", "submit", plan]);
    c.ok("dyr", &["ipus", "approve", plan]);
}

#[test]
fn check_tells_the_deadline_the_period_and_what_each_line_leaves_in_its_pool_and_changes_nothing() {
    let c = centre(10);
    let plan = drafted(&c, "Anna", "Nowak", 2);
    let out = c.ok("koord", &["ipus", "check", &plan]);
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        [
            "Termin sporządzenia (30 dni od wniosku): 2026-04-01 — 22 dni do terminu",
            "Wersja 1 spełnia warunki złożenia",
            "  1. Taxi senioralne — pula 2026-04: zostaje 10 → 8",
        ]
    );
    c.ok("koord", &["ipus", "set", &plan, "--to", "2026-05-31"]);
    add_taxi(&c, &plan, "9", "month", "2026-04-01");
    let before = shown(&c, &plan);
    let out = c.ok("koord", &["ipus", "check", &plan]);
    for expected in [
        "błąd: okres planu: plan dotyczy koordynacji przez co najmniej 3 miesiące (art. 38): najwcześniej do 2026-06-30",
        "błąd: pozycja 1: okres usługi (2026-04-01 – 2026-12-31) wychodzi poza okres planu",
        "2. Taxi senioralne — pula 2026-04: zostaje 8 → -1  BRAK MIEJSC",
    ] {
        assert!(out.contains(expected), "{expected:?} missing:\n{out}");
    }
    assert!(!out.contains("spełnia warunki"), "{out}");
    assert_eq!(shown(&c, &plan), before, "a check writes nothing");
}

#[test]
fn return_sends_the_submitted_version_back_with_the_comment_and_it_can_be_submitted_again() {
    let c = centre(10);
    let plan = drafted(&c, "Anna", "Nowak", 2);
    c.ok("koord", &["ipus", "submit", &plan]);
    let err = refused(&c, "koord", &["ipus", "return", &plan, "--comment", "brak harmonogramu"]);
    assert!(err.contains("brak uprawnień"), "only an approver returns a plan: {err}");
    let out = c.ok("dyr", &["ipus", "return", &plan, "--comment", "brak harmonogramu"]);
    assert_eq!(out.trim(), format!("Zwrócono do poprawy: {plan} — brak harmonogramu"));
    let json = shown(&c, &plan);
    assert_eq!(json["versions"][0]["state"], "zwrócony");
    let last = json["decisions"].as_array().unwrap().last().unwrap().to_string();
    assert!(last.contains("zwrócony") && last.contains("brak harmonogramu") && last.contains("dyr"), "{last}");
    let text = c.ok("koord", &["ipus", "show", &plan]);
    assert!(text.contains("Wersja 1 — zwrócona") && text.contains("zwrócono do poprawy — dyr"), "{text}");
    let err = refused(&c, "dyr", &["ipus", "return", &plan, "--comment", "jeszcze raz"]);
    assert!(err.contains("nie ma wersji w stanie złożony"), "{err}");
    c.ok("koord", &["ipus", "submit", &plan]);
    assert_eq!(shown(&c, &plan)["versions"][0]["state"], "złożony");
}

#[test]
fn update_starts_a_new_version_from_the_approved_one_and_diff_says_what_changed() {
    let c = centre(10);
    let plan = drafted(&c, "Anna", "Nowak", 2);
    let err = refused(&c, "koord", &["ipus", "update", &plan]);
    assert!(err.contains("plan ma już wersję 1 w stanie „szkic”"), "only an approved plan is updated: {err}");
    approve(&c, &plan);
    let out = c.ok("koord", &["ipus", "update", &plan]);
    assert_eq!(out.trim(), "Rozpoczęto aktualizację: wersja 2 (szkic, kopia zatwierdzonej)");
    let json = shown(&c, &plan);
    let versions = json["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!((&versions[0]["state"], &versions[1]["state"]), (&"zatwierdzony".into(), &"szkic".into()));
    assert_eq!(versions[1]["content"], versions[0]["content"], "the new draft starts as a copy");
    assert_eq!(c.ok("koord", &["ipus", "diff", &plan, "1", "2"]).trim(), "Wersje 1 i 2 niczym się nie różnią");

    c.ok("koord", &["ipus", "set", &plan, "--needs", "dojazdy i zakupy"]);
    add_taxi(&c, &plan, "1", "week", "2026-05-01");
    let diff = c.ok("koord", &["ipus", "diff", &plan, "1", "2"]);
    assert_eq!(
        diff.lines().collect::<Vec<_>>(),
        [
            "potrzeby: „zażółć gęślą jaźń — dojazdy do lekarza” → „dojazdy i zakupy”",
            "dodano usługę Taxi senioralne (1 / tydzień)"
        ]
    );
    let err = refused(&c, "koord", &["ipus", "diff", &plan, "1", "3"]);
    assert!(err.contains(&format!("plan {plan} nie ma wersji 3")), "{err}");
    // The approved version stays in force until the update is approved.
    approve(&c, &plan);
    let json = shown(&c, &plan);
    assert_eq!(json["versions"][0]["state"], "zastąpiony");
    assert_eq!(json["versions"][1]["state"], "zatwierdzony");
}

#[test]
fn resign_ends_one_line_or_the_whole_plan_with_the_day_the_director_was_informed() {
    let c = centre(10);
    let plan = drafted(&c, "Anna", "Nowak", 2);
    add_taxi(&c, &plan, "1", "week", "2026-05-01");
    let err = refused(
        &c,
        "koord",
        &["ipus", "resign", &plan, "--line", "2", "--on", "2026-06-15", "--director-informed", "2026-06-16"],
    );
    assert!(err.contains("plan nie ma zatwierdzonej wersji"), "a draft has nothing to resign from: {err}");
    approve(&c, &plan);
    let err = refused(
        &c,
        "koord",
        &["ipus", "resign", &plan, "--line", "2", "--on", "2026-15-01", "--director-informed", "2026-06-16"],
    );
    assert!(err.contains("--on: „2026-15-01” — data musi mieć postać RRRR-MM-DD"), "names the field: {err}");

    let out = c.ok(
        "koord",
        &["ipus", "resign", &plan, "--line", "2", "--on", "2026-06-15", "--director-informed", "2026-06-16"],
    );
    assert_eq!(out.trim(), "Rezygnacja z pozycji 2 od 2026-06-15; dyrektor poinformowany 2026-06-16");
    let json = shown(&c, &plan);
    let version = &json["versions"][0];
    let resigned: Vec<_> =
        version["content"]["lines"].as_array().unwrap().iter().map(|l| l["resigned_on"].clone()).collect();
    assert_eq!(resigned, [serde_json::Value::Null, "2026-06-15".into()]);
    assert_eq!(version["lines"][1]["director_informed_on"], "2026-06-16");
    assert_eq!(json["header"]["ended_on"], serde_json::Value::Null, "the plan goes on with its other line");

    let out = c.ok("koord", &["ipus", "resign", &plan, "--on", "2026-07-01", "--director-informed", "2026-07-02"]);
    assert_eq!(out.trim(), "Rezygnacja z całego planu od 2026-07-01; monitoring po zakończeniu: 2027-01-01");
    let header = &shown(&c, &plan)["header"];
    assert_eq!(
        (&header["ended_on"], &header["end_reason"], &header["director_informed_on"]),
        (&"2026-07-01".into(), &"rezygnacja".into(), &"2026-07-02".into())
    );
    let err =
        refused(&c, "koord", &["ipus", "resign", &plan, "--on", "2026-07-01", "--director-informed", "2026-07-02"]);
    assert!(err.contains("zakończył się już 2026-07-01"), "{err}");
}

/// Registers an application for a new resident; returns its number.
fn application(c: &Centre, first: &str, last: &str) -> String {
    let out =
        c.ok("koord", &["application", "add", "--first-name", first, "--last-name", last, "--filed", "2026-03-03"]);
    out.split("wniosek nr ").nth(1).and_then(|s| s.split_whitespace().next()).unwrap().to_string()
}

#[test]
fn forward_closes_the_application_naming_the_unit_and_no_plan_can_be_drafted_for_it() {
    let c = centre(10);
    let app = application(&c, "Jan", "Lis");
    let out = c.ok("koord", &["application", "forward", &app, "--to", "PCPR w Dębicy", "--reason", "piecza zastępcza"]);
    assert_eq!(out.trim(), format!("Wniosek nr {app} przekazano: PCPR w Dębicy"));
    let show = c.ok("koord", &["application", "show", &app]);
    assert!(show.contains("Stan: przekazany"), "{show}");
    assert!(show.contains("Przekazano do: PCPR w Dębicy — piecza zastępcza"), "{show}");
    let err = refused(&c, "koord", &["ipus", "draft", &app, "--from", "2026-04-01", "--to", "2026-12-31"]);
    assert!(err.contains("przekazany"), "{err}");
    let err = refused(&c, "koord", &["application", "forward", &app, "--to", "MOPS"]);
    assert!(err.contains("jest już rozpatrzony (stan: przekazany)"), "{err}");
}

#[test]
fn info_closes_the_application_as_information_given_and_only_once() {
    let c = centre(10);
    let app = application(&c, "Ewa", "Kot");
    let out = c.ok("koord", &["application", "info", &app, "--note", "adres punktu pomocy prawnej"]);
    assert_eq!(out.trim(), format!("Wniosek nr {app}: udzielono informacji"));
    let show = c.ok("koord", &["application", "show", &app]);
    assert!(show.contains("Stan: udzielono informacji"), "{show}");
    let err = refused(&c, "koord", &["application", "info", &app]);
    assert!(err.contains(&format!("wniosek nr {app} jest już rozpatrzony (stan: informacja)")), "{err}");
    let lists = c.ok("koord", &["ipus", "list", "--json"]);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&lists).unwrap().as_array().unwrap().len(), 0);
}

/// The audit entries of `action` by `login`, as (target, detail).
fn audited(c: &Centre, login: &str, action: &str) -> Vec<(String, String)> {
    let conn = rusqlite::Connection::open(c.db()).unwrap();
    let mut stmt =
        conn.prepare("SELECT target, detail FROM audit_log WHERE login = ?1 AND action = ?2 ORDER BY id").unwrap();
    stmt.query_map([login, action], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
}

#[test]
fn showing_an_application_or_a_plan_is_written_to_the_audit_log_with_the_resident() {
    let c = centre(10);
    let number = drafted(&c, "Jan", "Lis", 2);
    let app = c.ok("koord", &["ipus", "show", &number, "--json"]);
    let app: serde_json::Value = serde_json::from_str(&app).unwrap();
    let app_id = app["header"]["application_id"].as_i64().unwrap().to_string();
    c.ok("dyr", &["application", "show", &app_id]);
    c.ok("dyr", &["ipus", "show", &number]);
    c.ok("dyr", &["ipus", "diff", &number, "1", "1"]);
    let views = audited(&c, "dyr", "view");
    assert_eq!(views.len(), 3, "{views:?}");
    assert_eq!(views[0].0, format!("application:{app_id}"));
    assert!(views[0].1.contains("oceną potrzeb"), "the needs assessment was shown: {views:?}");
    assert!(views[1].0.starts_with("plan:") && views[2].0.starts_with("plan:"), "{views:?}");
    assert_eq!(audited(&c, "koord", "view").len(), 1, "the JSON show is a view too");
    let conn = rusqlite::Connection::open(c.db()).unwrap();
    let without_resident: i64 = conn
        .query_row("SELECT count(*) FROM audit_log WHERE action = 'view' AND resident_id IS NULL", [], |r| r.get(0))
        .unwrap();
    assert_eq!(without_resident, 0);
}
