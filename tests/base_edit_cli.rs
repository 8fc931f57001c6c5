//! `okienko base service|provider|location|hours|pool`: the organiser edits the service base
//! from the command line; others are refused, bad values are refused naming the option, and every
//! change is in the audit log.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Desk {
    _dir: tempfile::TempDir,
    db: PathBuf,
}

fn run(db: &Path, login: Option<&str>, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_okienko"));
    cmd.args(args).env("OKIENKO_DB", db).env("OKIENKO_TODAY", "2026-11-23").env_remove("OKIENKO_LOGIN");
    if let Some(login) = login {
        cmd.env("OKIENKO_LOGIN", login);
    }
    cmd.output().expect("the binary runs")
}

fn ok(out: Output) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "stdout: {stdout}\nstderr: {}", String::from_utf8_lossy(&out.stderr));
    stdout
}

fn refused(out: Output) -> String {
    assert!(!out.status.success(), "should be refused: {}", String::from_utf8_lossy(&out.stdout));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A fresh centre where the invoking login is administrator and organiser.
fn desk() -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cus.sqlite");
    ok(run(&db, None, &["init", "--name", "CUS Test"]));
    let me = okienko::storage::staff::os_login();
    ok(run(&db, None, &["staff", "add", &me, "--role", "administrator", "--role", "organizator"]));
    Desk { _dir: dir, db }
}

impl Desk {
    fn org(&self, args: &[&str]) -> Output {
        run(&self.db, None, args)
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&ok(self.org(&["base", "--json"]))).unwrap()
    }

    /// A provider, a place and the TAXI service provided there.
    fn with_taxi(self) -> Desk {
        ok(self.org(&["base", "provider", "add", "--name", "Fundacja Razem", "--kind", "ngo", "--phone", "600100200"]));
        ok(self.org(&["base", "location", "add", "--name", "Siedziba CUS", "--address", "Rynek 1"]));
        ok(self.org(&[
            "base",
            "service",
            "add",
            "--code",
            "TAXI",
            "--name",
            "Taxi",
            "--unit",
            "kurs",
            "--fee",
            "12,50",
            "--area",
            "usługi opiekuńcze",
            "--group",
            "seniorzy",
            "--provider",
            "Fundacja Razem",
        ]));
        self
    }
}

#[test]
fn adds_a_service_with_its_provider_and_shows_it_in_the_base() {
    let d = desk().with_taxi();
    let rows = d.json();
    let taxi = rows.as_array().unwrap().iter().find(|r| r["code"] == "TAXI").expect("TAXI in the base");
    assert_eq!(taxi["name"], "Taxi");
    assert_eq!(taxi["unit"], "kurs");
    assert_eq!(taxi["fee"], "12,50 zł / kurs");
    assert_eq!(taxi["areas"][0], "usługi opiekuńcze");
    assert_eq!(taxi["target_groups"][0], "seniorzy");
    assert_eq!(taxi["providers"][0], "Fundacja Razem");
}

#[test]
fn edit_changes_only_the_options_given() {
    let d = desk().with_taxi();
    let out = ok(d.org(&["base", "service", "edit", "TAXI", "--name", "Taxi senioralne", "--fee", "3.5"]));
    assert!(out.contains("Taxi senioralne"), "{out}");
    let shown = ok(d.org(&["base", "show", "TAXI"]));
    assert!(shown.starts_with("Taxi senioralne (TAXI)"), "{shown}");
    assert!(shown.contains("Odpłatność: 3,50 zł / kurs"), "{shown}");
    assert!(shown.contains("Obszary: usługi opiekuńcze"), "areas kept: {shown}");
    assert!(shown.contains("Realizatorzy: Fundacja Razem"), "provider kept: {shown}");
}

#[test]
fn hours_and_pools_show_in_the_service_detail() {
    let d = desk().with_taxi();
    let out = ok(d.org(&[
        "base",
        "hours",
        "add",
        "TAXI",
        "--location",
        "Siedziba CUS",
        "--weekday",
        "1",
        "--opens",
        "08:00",
        "--closes",
        "15:30",
        "--from",
        "2026-01-01",
    ]));
    assert!(out.contains("Dodano godziny nr 1"), "{out}");
    ok(d.org(&["base", "pool", "add", "TAXI", "--period", "month", "--limit", "10", "--from", "2026-01-01"]));
    let shown = ok(d.org(&["base", "show", "TAXI"]));
    assert!(shown.contains("Siedziba CUS") && shown.contains("pn 08:00–15:30  od 2026-01-01"), "{shown}");
    assert!(shown.contains("pula nr 1 2026-11: limit 10"), "{shown}");

    ok(d.org(&["base", "hours", "end", "1", "--last-day", "2026-12-31"]));
    let shown = ok(d.org(&["base", "show", "TAXI"]));
    assert!(shown.contains("od 2026-01-01 do 2026-12-31"), "{shown}");
}

#[test]
fn a_receptionist_may_not_edit_the_base() {
    let d = desk().with_taxi();
    ok(d.org(&["staff", "add", "ola", "--role", "recepcja"]));
    let attempts: [&[&str]; 4] = [
        &["base", "service", "add", "--code", "X", "--name", "X", "--unit", "h"],
        &["base", "service", "edit", "TAXI", "--name", "Inna"],
        &["base", "provider", "add", "--name", "P", "--kind", "firma"],
        &["base", "pool", "add", "TAXI", "--period", "month", "--limit", "5", "--from", "2026-01-01"],
    ];
    for args in attempts {
        let err = refused(run(&d.db, Some("ola"), args));
        assert!(err.contains("brak uprawnień"), "{args:?}: {err}");
    }
    assert!(ok(d.org(&["base", "show", "TAXI"])).starts_with("Taxi (TAXI)"), "nothing changed");
}

#[test]
fn refuses_bad_values_naming_the_option() {
    let d = desk().with_taxi();
    let hours = |weekday: &str, opens: &str, closes: &str, from: &str| {
        d.org(&[
            "base",
            "hours",
            "add",
            "TAXI",
            "--location",
            "Siedziba CUS",
            "--weekday",
            weekday,
            "--opens",
            opens,
            "--closes",
            closes,
            "--from",
            from,
        ])
    };
    let cases: Vec<(Output, &str)> = vec![
        (d.org(&["base", "service", "add", "--code", "A", "--name", "A", "--unit", "h", "--fee", "12,345"]), "--fee:"),
        (d.org(&["base", "service", "add", "--code", "A", "--name", "A"]), "--unit: pole jest wymagane"),
        (d.org(&["base", "service", "add", "--code", "TAXI", "--name", "B", "--unit", "h"]), "--code (kod):"),
        (d.org(&["base", "service", "edit", "TAXI", "--name", ""]), "--name (nazwa): pole jest wymagane"),
        (d.org(&["base", "service", "edit", "TAXI", "--unit", "h\u{1b}[2J"]), "--unit (jednostka): zawiera znaki"),
        (d.org(&["base", "service", "edit", "TAXI", "--access", "wszyscy"]), "--access: „wszyscy” — dozwolone"),
        (d.org(&["base", "service", "edit", "TAXI", "--form", "zdalna"]), "--form:"),
        (d.org(&["base", "service", "edit", "TAXI", "--delivery-days=-1"]), "--delivery-days:"),
        (d.org(&["base", "service", "edit", "TAXI", "--provider", "Nikt"]), "--provider:"),
        (d.org(&["base", "provider", "add", "--name", "P", "--kind", "spółka"]), "--kind:"),
        (d.org(&["base", "provider", "add", "--name", "P", "--kind", "firma", "--email", "p@"]), "--email (e-mail):"),
        (d.org(&["base", "location", "add", "--name", "M", "--village", "Atlantyda"]), "--village:"),
        (hours("8", "08:00", "16:00", "2026-01-01"), "--weekday:"),
        (hours("1", "8 rano", "16:00", "2026-01-01"), "--opens:"),
        (hours("1", "16:00", "08:00", "2026-01-01"), "--closes:"),
        (hours("1", "08:00", "16:00", "2026-13-01"), "--from:"),
        (
            d.org(&["base", "pool", "add", "TAXI", "--period", "decade", "--limit", "5", "--from", "2026-01-01"]),
            "--period:",
        ),
        (
            d.org(&["base", "pool", "add", "TAXI", "--period", "month", "--limit", "dużo", "--from", "2026-01-01"]),
            "--limit:",
        ),
        (d.org(&["base", "hours", "end", "1", "--last-day", "jutro"]), "--last-day:"),
    ];
    for (out, expected) in cases {
        let err = refused(out);
        assert!(err.contains(expected), "expected „{expected}” in: {err}");
    }
    let shown = ok(d.org(&["base", "show", "TAXI"]));
    assert!(shown.contains("Zasady dostępu: otwarty; forma: indywidualna"), "{shown}");
}

#[test]
fn every_change_is_in_the_audit_log_with_who_made_it() {
    let d = desk().with_taxi();
    ok(d.org(&["base", "service", "edit", "TAXI", "--name", "Taxi senioralne"]));
    ok(d.org(&["base", "pool", "add", "TAXI", "--period", "quarter", "--limit", "30", "--from", "2026-01-01"]));
    let log = ok(d.org(&["audit", "show", "--json"]));
    let entries: serde_json::Value = serde_json::from_str(&log).unwrap();
    let me = okienko::storage::staff::os_login();
    let by_me = |target_prefix: &str, detail: &str| {
        entries.as_array().unwrap().iter().any(|e| {
            e["login"] == me.as_str()
                && e["target"].as_str().unwrap_or("").starts_with(target_prefix)
                && e["detail"].as_str().unwrap_or("").contains(detail)
                && !e["at"].as_str().unwrap_or("").is_empty()
        })
    };
    assert!(by_me("provider:", "Fundacja Razem"), "{log}");
    assert!(by_me("location:", "Siedziba CUS"), "{log}");
    assert!(by_me("service:", "Taxi"), "{log}");
    assert!(by_me("service:", "edycja usługi"), "{log}");
    assert!(by_me("service:", "30 na okres (quarter)"), "{log}");
}
