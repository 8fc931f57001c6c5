//! The real desk in a pseudo-terminal (tmux, 80×24): a coordinator types into a draft, the
//! process is killed with SIGKILL mid-typing, and reopening the plan shows the draft as autosaved;
//! printing and submitting from the editor.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use support::pty::Pane;

/// Bounded wait for something the desk does in the background; fails with what was seen.
fn wait_for(what: &str, mut check: impl FnMut() -> Option<String>) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        match check() {
            Some(found) => return found,
            None if Instant::now() > deadline => panic!("gave up waiting for {what}"),
            None => std::thread::sleep(Duration::from_millis(100)),
        }
    }
}

/// The coordinator's desk on `db`, with `home` as home and configuration directory.
fn start_desk(name: &str, db: &Path, home: &Path) -> Pane {
    let config = home.join("config");
    let env = [
        ("OKIENKO_DB", db.to_str().unwrap()),
        ("OKIENKO_TODAY", "2026-03-10"),
        ("OKIENKO_LOGIN", "koord"),
        ("HOME", home.to_str().unwrap()),
        ("XDG_CONFIG_HOME", config.to_str().unwrap()),
    ];
    Pane::start(name, &env, &format!("exec {}", env!("CARGO_BIN_EXE_okienko")))
}

/// Opens the draft from the plans view, in the editor.
fn open_the_draft(desk: &Pane) -> String {
    desk.wait_for("F4");
    desk.keys(&["F4"]);
    desk.wait_for("IPUS/2026/0001");
    desk.keys(&["Enter"]);
    desk.wait_for("Potrzeby: dojazdy")
}

fn okienko(db: &Path, home: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_okienko"))
        .args(args)
        .env("OKIENKO_DB", db)
        .env("OKIENKO_TODAY", "2026-03-10")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("OKIENKO_LOGIN", "koord")
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// A centre in `home/c.db` with the coordinator `koord`, a taxi service and a draft plan for
/// Łukasz Żółć whose needs read "dojazdy".
fn centre_with_a_draft(home: &Path) -> PathBuf {
    let db = home.join("c.db");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_okienko")).args(args).env("OKIENKO_DB", &db).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    };
    run(&["init", "--training"]);
    run(&["staff", "add", "koord", "--role", "koordynator"]);
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch(
            "INSERT INTO service (id, code, name, unit, updated_at, updated_by) VALUES (1, 'TAXI', 'Taxi', 'kurs', 'x', 'x');",
        )
        .unwrap();
    okienko(
        &db,
        home,
        &["application", "add", "--first-name", "Łukasz", "--last-name", "Żółć", "--filed", "2026-03-02"],
    );
    okienko(&db, home, &["ipus", "draft", "1", "--from", "2026-04-01", "--to", "2026-12-31", "--needs", "dojazdy"]);
    db
}

fn needs(db: &PathBuf) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT needs FROM plan_version ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).unwrap()
}

#[test]
fn a_draft_survives_kill_9_in_the_middle_of_typing() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let db = centre_with_a_draft(home);

    let desk = start_desk("kill", &db, home);
    open_the_draft(&desk);
    desk.type_text(" do lekarza");
    // The first part is written by the autosave thread within a couple of seconds.
    wait_for("the autosave", || Some(needs(&db)).filter(|n| n == "dojazdy do lekarza"));
    desk.type_text(" i na zakupy");
    desk.wait_for("i na zakupy");
    let pid = desk.pid();
    assert!(Command::new("kill").args(["-9", &pid.to_string()]).status().unwrap().success());
    drop(desk);

    let saved = needs(&db);
    assert!(saved.starts_with("dojazdy do lekarza"), "nothing autosaved before the kill was lost: {saved}");
    let desk = start_desk("reopen", &db, home);
    open_the_draft(&desk);
    let screen = desk.wait_for("Potrzeby: dojazdy do lekarza");
    assert!(screen.contains("IPUS/2026/0001 v1 szkic"), "{screen}");
}

#[test]
fn f9_in_the_editor_sends_the_pdf_to_the_print_command_and_the_print_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let db = centre_with_a_draft(home);
    let printed = home.join("printed.pdf");
    std::fs::create_dir_all(home.join("config/okienko")).unwrap();
    std::fs::write(home.join("config/okienko/config.toml"), format!("print_command = \"tee {}\"\n", printed.display()))
        .unwrap();

    let desk = start_desk("print", &db, home);
    open_the_draft(&desk);
    desk.keys(&["F9"]);
    desk.wait_for("Wysłano do druku: IPUS/2026/0001 wersja 1");
    assert!(std::fs::read(&printed).unwrap().starts_with(b"%PDF"));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let prints: i64 = conn
        .query_row("SELECT count(*) FROM audit_log WHERE action = 'print' AND login = 'koord'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(prints, 1);
}

#[test]
fn what_the_print_command_writes_is_shown_in_a_popup_not_over_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let db = centre_with_a_draft(home);
    let script = home.join("lp-fake");
    std::fs::write(&script, "#!/bin/sh\ncat >/dev/null\necho 'lp: printer biuro is offline, queued' >&2\n").unwrap();
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    std::fs::create_dir_all(home.join("config/okienko")).unwrap();
    std::fs::write(home.join("config/okienko/config.toml"), format!("print_command = \"{}\"\n", script.display()))
        .unwrap();

    let desk = start_desk("print-stderr", &db, home);
    open_the_draft(&desk);
    desk.keys(&["F9"]);
    let screen = desk.wait_for_all(&[
        "Polecenie drukowania napisało",
        "printer biuro is offline",
        "Wysłano do druku: IPUS/2026/0001 wersja 1",
    ]);
    let line = screen.lines().find(|l| l.contains("printer biuro is offline")).unwrap();
    assert!(line.starts_with('│') && line.contains("│lp: printer"), "inside the popup's frame: {screen}");
    desk.keys(&["Escape"]);
    let screen = desk.wait_until("the popup closed", |s| !s.contains("offline"));
    assert!(screen.contains("Potrzeby: dojazdy"), "the editor is whole again: {screen}");
}

#[test]
fn f6_writes_the_last_typing_and_then_submits_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let db = centre_with_a_draft(home);
    okienko(
        &db,
        home,
        &[
            "ipus",
            "line",
            "add",
            "1",
            "--service",
            "TAXI",
            "--amount",
            "2",
            "--per",
            "month",
            "--from",
            "2026-04-01",
            "--to",
            "2026-12-31",
            "--schedule",
            "wtorki",
            "--place",
            "dom",
        ],
    );

    let desk = start_desk("submit", &db, home);
    open_the_draft(&desk);
    desk.type_text(" i zakupy");
    desk.keys(&["F6"]);
    desk.wait_for("IPUS/2026/0001 · Łukasz Żółć · złożenie wersji 1 do zatwierdzenia");
    desk.keys(&["Right", "Enter"]);
    desk.wait_for("Złożono do zatwierdzenia");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (state, needs): (String, String) = conn
        .query_row("SELECT state, needs FROM plan_version WHERE plan_id = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!((state.as_str(), needs.as_str()), ("złożony", "dojazdy i zakupy"));
}

/// The desk behind `wrapper` ("" for none, or a `runuser`/`su` prefix that runs a shell
/// command as root); the desk's own pid is written to `home/desk.pid`.
fn start_wrapped_desk(name: &str, db: &Path, home: &Path, wrapper: &str) -> Pane {
    let config = home.join("config");
    let env = [
        ("OKIENKO_DB", db.to_str().unwrap()),
        ("OKIENKO_TODAY", "2026-03-10"),
        ("OKIENKO_LOGIN", "koord"),
        ("HOME", home.to_str().unwrap()),
        ("XDG_CONFIG_HOME", config.to_str().unwrap()),
    ];
    let inner = format!("echo $$ > {}; exec {}", home.join("desk.pid").display(), env!("CARGO_BIN_EXE_okienko"));
    Pane::start(name, &env, &format!("{wrapper} /bin/sh -c '{inner}'"))
}

/// Whether the process is gone (a zombie nobody reaped counts as gone: it runs no more).
fn exited(pid: &str) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat.rsplit(')').next().is_some_and(|rest| rest.trim_start().starts_with('Z')),
    }
}

fn a_vanished_terminal_ends_the_desk_and_the_draft_is_saved(wrapper: &str) {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let db = centre_with_a_draft(home);
    let desk = start_wrapped_desk("hangup", &db, home, wrapper);
    open_the_draft(&desk);
    desk.type_text(" i apteka");
    desk.wait_for("dojazdy i apteka");
    let pid = wait_for("the desk's pid", || std::fs::read_to_string(home.join("desk.pid")).ok());
    let pid = pid.trim().to_string();
    // The terminal goes away as when SSH drops: the pseudo-terminal's other end is closed.
    desk.run(&["kill-server"]);
    wait_for("the desk to end after its terminal went away", || exited(&pid).then(String::new));
    assert_eq!(needs(&db), "dojazdy i apteka", "what was typed last is in the draft");
}

#[test]
fn a_vanished_terminal_ends_the_desk_and_the_draft_is_saved_without_a_wrapper() {
    a_vanished_terminal_ends_the_desk_and_the_draft_is_saved("");
}

#[test]
fn a_vanished_terminal_ends_the_desk_behind_runuser_and_su() {
    if !Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n")) {
        return;
    }
    a_vanished_terminal_ends_the_desk_and_the_draft_is_saved("runuser -u root --");
    a_vanished_terminal_ends_the_desk_and_the_draft_is_saved("su root -s /bin/sh -c");
}

#[test]
fn esc_from_a_plan_opened_on_the_dashboard_comes_back_to_the_dashboard() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let db = centre_with_a_draft(home);
    // A draft untouched for over two days is on the coordinator's dashboard.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute("UPDATE plan_version SET updated_at = '2026-03-01T09:00:00'", [])
        .unwrap();
    let desk = start_desk("back", &db, home);
    desk.wait_for_all(&["Pulpit — koord", "IPUS/2026/0001"]);
    desk.keys(&["Enter"]);
    desk.wait_for("Potrzeby: dojazdy");
    desk.keys(&["Escape"]);
    let screen = desk.wait_until("the dashboard", |s| s.contains("Pulpit — koord") && !s.contains("Potrzeby:"));
    assert!(screen.contains("IPUS/2026/0001"), "{screen}");
}

fn kept_forms(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT count(*) FROM form_draft", [], |r| r.get(0)).unwrap()
}

#[test]
fn a_visit_form_open_when_the_terminal_went_away_is_offered_back_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let db = centre_with_a_draft(home);
    let desk = start_wrapped_desk("form-hangup", &db, home, "");
    desk.wait_for("F2");
    desk.keys(&["F2"]);
    desk.type_text("zolc");
    desk.wait_for("Żółć Łukasz");
    desk.keys(&["Enter"]);
    desk.wait_for("Karta mieszkańca");
    desk.keys(&["M-w"]);
    desk.wait_for("Wizyta lub telefon informacyjny");
    desk.keys(&["Tab", "Tab"]);
    desk.type_text("pyta o taxi do przychodni");
    desk.wait_for("pyta o taxi do przychodni");
    let pid = wait_for("the desk's pid", || std::fs::read_to_string(home.join("desk.pid")).ok());
    let pid = pid.trim().to_string();
    // The terminal goes away as when SSH drops.
    desk.run(&["kill-server"]);
    wait_for("the desk to end after its terminal went away", || exited(&pid).then(String::new));
    assert_eq!(kept_forms(&db), 1, "the open form was kept");

    let desk = start_desk("form-back", &db, home);
    let screen = desk.wait_for_all(&["Wizyta lub telefon informacyjny", "pyta o taxi do przychodni"]);
    assert!(screen.contains("Przywrócono niezapisany formularz z "), "{screen}");
    assert_eq!(kept_forms(&db), 0, "offered once, the form is the person's again");
    // Discarded on request: Esc asks, and "yes" closes it without a visit being written.
    desk.keys(&["Escape"]);
    desk.wait_for("Potwierdź");
    desk.keys(&["Right", "Enter"]);
    let screen = desk.wait_until("the form closed", |s| !s.contains("Wizyta lub telefon informacyjny"));
    assert!(!screen.contains("pyta o taxi"), "{screen}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let visits: i64 = conn.query_row("SELECT count(*) FROM contact_visit", [], |r| r.get(0)).unwrap();
    assert_eq!(visits, 0);
}
