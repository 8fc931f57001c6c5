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
    desk.wait_for("Złożono do zatwierdzenia");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (state, needs): (String, String) = conn
        .query_row("SELECT state, needs FROM plan_version WHERE plan_id = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!((state.as_str(), needs.as_str()), ("złożony", "dojazdy i zakupy"));
}
