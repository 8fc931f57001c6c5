//! The command line in words a person reads: with `--lang en` no Polish text is left except data
//! from the database, and in both languages stored codes read as words, stamps as local time and
//! logins as names. JSON keeps the codes and RFC 3339 stamps for machines.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const TODAY: &str = "2026-11-23";

struct Centre {
    dir: tempfile::TempDir,
    db: PathBuf,
}

fn run(db: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_okienko"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("OKIENKO_LOGIN")
        .env("OKIENKO_TODAY", TODAY)
        .envs(env.iter().copied())
        .output()
        .unwrap()
}

fn ok(out: Output) -> String {
    assert!(out.status.success(), "failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn refused(out: Output) -> String {
    assert!(!out.status.success(), "accepted: {}", String::from_utf8_lossy(&out.stdout));
    String::from_utf8(out.stderr).unwrap()
}

fn demo() -> Centre {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cus.db");
    ok(run(&db, &[], &["demo", "--residents", "50"]));
    Centre { dir, db }
}

fn query(db: &Path, sql: &str) -> String {
    okienko::storage::Db::open(db).unwrap().conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn approved_plan(db: &Path) -> String {
    query(
        db,
        "SELECT p.number FROM plan p JOIN plan_version v ON v.plan_id = p.id
         WHERE v.state = 'zatwierdzony' AND p.ended_on IS NULL AND v.period_start <= '2026-11-01'
         ORDER BY p.id LIMIT 1",
    )
}

/// Columns that hold codes rather than what people wrote: their values must never reach a text
/// output as stored, so they are not counted as data.
const CODE_COLUMNS: [&str; 14] = [
    "state",
    "decision",
    "channel",
    "applicant_kind",
    "end_reason",
    "access_rule",
    "form",
    "kind",
    "per",
    "cap_per",
    "period_kind",
    "action",
    "role",
    "source",
];

/// Every text a person typed or imported into the database (names, services, notes, plan texts,
/// also inside JSON), longest first so that a name is removed before its parts.
fn database_texts(db: &Path) -> Vec<String> {
    fn leaves(value: &serde_json::Value, out: &mut BTreeSet<String>) {
        match value {
            serde_json::Value::String(s) => {
                out.insert(s.clone());
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| leaves(v, out)),
            serde_json::Value::Object(map) => map.values().for_each(|v| leaves(v, out)),
            _ => {}
        }
    }
    let store = okienko::storage::Db::open(db).unwrap();
    let conn = store.conn();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut texts = BTreeSet::new();
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let columns: Vec<String> = stmt.column_names().iter().map(|c| c.to_string()).collect();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for (i, column) in columns.iter().enumerate() {
                if CODE_COLUMNS.contains(&column.as_str()) {
                    continue;
                }
                if let Ok(rusqlite::types::ValueRef::Text(bytes)) = row.get_ref(i) {
                    let text = String::from_utf8_lossy(bytes).into_owned();
                    match serde_json::from_str::<serde_json::Value>(&text) {
                        Ok(json @ (serde_json::Value::Object(_) | serde_json::Value::Array(_))) => {
                            leaves(&json, &mut texts)
                        }
                        _ => {
                            texts.extend(text.split(", ").map(str::to_string));
                            texts.insert(text);
                        }
                    }
                }
            }
        }
    }
    let mut texts: Vec<String> = texts.into_iter().filter(|t| !t.trim().is_empty()).collect();
    texts.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
    texts
}

/// What is left of `output` once the database's texts are taken out, cut with "…" or whole.
/// Texts shorter than three characters (initials, flat numbers) would eat into words. The
/// longest patterns go first, so that a short text's cut ("uzale…") never eats the end of a
/// longer one shown cut ("Terapia dla osób uzale…") before that is taken out whole.
fn without_data(output: &str, texts: &[String]) -> String {
    let mut patterns: Vec<String> = texts
        .iter()
        .flat_map(|text| {
            let chars: Vec<char> = text.chars().collect();
            (4..chars.len()).map(move |n| chars[..n].iter().chain(std::iter::once(&'…')).collect::<String>())
        })
        .chain(texts.iter().filter(|t| t.chars().count() >= 3).cloned())
        .collect();
    patterns.sort_by_key(|p| std::cmp::Reverse(p.chars().count()));
    patterns.dedup();
    let mut left = output.to_string();
    for pattern in &patterns {
        left = left.replace(pattern.as_str(), "");
    }
    left
}

fn en<'a>(args: &[&'a str]) -> Vec<&'a str> {
    [&["--lang", "en"][..], args].concat()
}

fn polish_letters(text: &str) -> Vec<&str> {
    text.lines().filter(|l| l.chars().any(|c| "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ".contains(c))).collect()
}

#[test]
fn english_runs_of_the_main_commands_leave_no_polish_but_the_data() {
    let c = demo();
    let plan = approved_plan(&c.db);
    let application = query(&c.db, "SELECT CAST(max(application_id) AS TEXT) FROM needs_assessment");
    let bad_residents = c.dir.path().join("residents.csv");
    std::fs::write(&bad_residents, "pesel,imie\n1,Jan\n").unwrap();
    let bad_usage = c.dir.path().join("usage.csv");
    std::fs::write(
        &bad_usage,
        format!("plan_number,position,date,units,note\n,1,2026-11-02,1,\n{plan},x,2026-11-02,1,\n{plan},1,2026-13-02,1,\n{plan},1,2026-11-02,0,\n"),
    )
    .unwrap();
    let mut outputs = Vec::new();
    for args in [
        vec!["ipus", "list"],
        vec!["ipus", "show", &plan],
        vec!["application", "show", &application],
        vec!["base", "--date", TODAY, "--at", "10:00"],
        vec!["base", "show", "SUO", "--date", TODAY],
        vec!["staff", "list"],
        vec!["report", "summary", "--from", "2026-01-01", "--to", "2026-11-23"],
        vec!["report", "indicators", "--quarter", "2026-Q3"],
        vec!["report", "programme", "--year", "2026"],
        vec!["report", "pool-use", "--service", "TAXI", "--months", "3"],
        vec!["report", "pool-use", "--service", "TAXI", "--months", "3", "--format", "csv"],
    ] {
        let out = run(&c.db, &[], &en(&args));
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        outputs.push((args.join(" "), String::from_utf8(out.stdout).unwrap()));
    }
    for args in [
        vec!["import", "residents", bad_residents.to_str().unwrap()],
        vec!["usage", "import", bad_usage.to_str().unwrap()],
        vec!["application", "add", "--resident", "1", "--filed", "2026-13-40"],
        vec!["application", "add", "--resident", "1", "--applicant", "sąsiad"],
        vec!["ipus", "list", "--state", "gotowy"],
        vec!["base", "--sort", "kolor"],
        vec!["report", "summary", "--format", "xml"],
        vec!["report", "pool-use", "--service", "TAXI", "--months", "0"],
    ] {
        let out = run(&c.db, &[], &en(&args));
        assert!(!out.status.success(), "{args:?} was accepted");
        let both = format!("{}{}", String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap());
        outputs.push((args.join(" "), both));
    }
    let texts = database_texts(&c.db);
    // Values the user typed on the refused command lines are quoted back to them.
    let typed: Vec<String> = ["sąsiad", "kolor", "gotowy"].map(String::from).into();
    for (command, output) in &outputs {
        assert!(!output.trim().is_empty(), "{command}: nothing printed");
        let left = without_data(&without_data(output, &typed), &texts);
        let polish = polish_letters(&left);
        assert!(
            polish.is_empty(),
            "{command}: Polish text in --lang en:\n{}\n\nfull output:\n{output}",
            polish.join("\n")
        );
    }
    let summary = &outputs.iter().find(|(c, _)| c.starts_with("report summary")).unwrap().1;
    assert!(summary.contains("Plans by state"), "{summary}");
}

#[test]
fn stored_codes_read_as_words_in_text_and_stay_codes_in_json() {
    let c = demo();
    let plan = approved_plan(&c.db);
    ok(run(&c.db, &[], &["ipus", "monitor", &plan, "--on", TODAY, "--channel", "w_cus", "--with", "syn"]));
    let show = ok(run(&c.db, &[], &["ipus", "show", &plan]));
    assert!(show.contains(&format!("{TODAY} w CUS syn")), "{show}");
    assert!(!show.contains("w_cus"), "{show}");
    assert!(show.contains(" — zatwierdzona (sporządzona "), "a version is feminine: {show}");
    assert!(ok(run(&c.db, &[], &["ipus", "show", &plan, "--json"])).contains("\"w_cus\""));

    let added = ok(run(
        &c.db,
        &[],
        &[
            "application",
            "add",
            "--resident",
            "1",
            "--applicant",
            "opiekun_faktyczny",
            "--applicant-name",
            "Anna Nowak",
            "--channel",
            "epuap",
        ],
    ));
    let id = added.split("nr ").nth(1).unwrap().split(' ').next().unwrap().to_string();
    let app = ok(run(&c.db, &[], &["application", "show", &id]));
    assert!(app.contains("(ePUAP), wnioskodawca: opiekun faktyczny"), "{app}");
    assert!(app.contains("Stan: złożony"), "{app}");
    let app = ok(run(&c.db, &[], &["--lang", "en", "application", "show", &id]));
    assert!(app.contains("applicant: de facto carer"), "{app}");

    let base = ok(run(&c.db, &[], &["base", "show", "SUO", "--date", TODAY]));
    assert!(base.contains("Zasady dostępu: odpłatność częściowa; forma: indywidualna"), "{base}");
    assert!(!base.contains("odplatnosc_czesciowa"), "{base}");

    let pool = ok(run(
        &c.db,
        &[],
        &["base", "pool", "add", "TAXI", "--period", "month", "--limit", "4", "--from", "2027-01-01"],
    ));
    assert!(pool.contains("4 jednostki na okres (miesiąc)"), "{pool}");
    assert!(!pool.contains("(month)"), "{pool}");
}

#[test]
fn decisions_show_local_time_and_the_name_of_who_decided() {
    let c = demo();
    let plan = approved_plan(&c.db);
    let (login, name, stamp): (String, String, String) = okienko::storage::Db::open(&c.db)
        .unwrap()
        .conn()
        .query_row(
            "SELECT d.decided_by, s.full_name, d.decided_at FROM plan_decision d
             JOIN plan_version v ON v.id = d.version_id JOIN plan p ON p.id = v.plan_id
             JOIN staff s ON s.login = d.decided_by
             WHERE p.number = ?1 AND d.decision = 'zatwierdzony'",
            [&plan],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    // Five hours east of UTC, so the local stamp differs from the stored one whatever the hour.
    let local = chrono::DateTime::parse_from_rfc3339(&stamp).unwrap().naive_utc() + chrono::Duration::hours(5);
    let show = ok(run(&c.db, &[("TZ", "Etc/GMT-5")], &["ipus", "show", &plan]));
    let expected = format!("zatwierdzono — {name} ({login}), {}", local.format("%Y-%m-%d %H:%M"));
    assert!(show.contains(&expected), "expected {expected:?} in\n{show}");
    assert!(!show.contains(&stamp), "{show}");
    let json = ok(run(&c.db, &[("TZ", "Etc/GMT-5")], &["ipus", "show", &plan, "--json"]));
    assert!(json.contains(&stamp), "JSON keeps the stored stamp");
}

#[test]
fn refusals_name_the_option_in_both_languages() {
    let c = demo();
    let err = refused(run(&c.db, &[], &["ipus", "list", "--state", "gotowy"]));
    assert!(err.contains("--state: „gotowy” — dozwolone: szkic"), "{err}");
    let err = refused(run(&c.db, &[], &["--lang", "en", "ipus", "list", "--state", "gotowy"]));
    assert!(err.contains("--state: \"gotowy\" — allowed"), "{err}");
}

#[test]
fn the_summary_names_coordinators_and_its_json_keeps_logins() {
    let c = demo();
    let (login, name): (String, String) = okienko::storage::Db::open(&c.db)
        .unwrap()
        .conn()
        .query_row(
            "SELECT s.login, s.full_name FROM plan p JOIN staff s ON s.login = p.coordinator_login
             WHERE p.ended_on BETWEEN '2026-01-01' AND '2026-11-23' AND s.full_name <> '' LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let range = ["--from", "2026-01-01", "--to", TODAY];
    let text = ok(run(&c.db, &[], &[&["report", "summary"][..], &range].concat()));
    assert!(text.contains(&format!("{name} ({login})")), "{text}");
    let json = ok(run(&c.db, &[], &[&["report", "summary", "--format", "json"][..], &range].concat()));
    assert!(json.contains(&format!("\"coordinator\": \"{login}\"")), "{json}");
}

#[test]
fn the_printed_plan_names_who_approved_it() {
    let c = demo();
    let plan = approved_plan(&c.db);
    let approval = query(
        &c.db,
        &format!(
            "SELECT s.full_name FROM plan_decision d JOIN plan_version v ON v.id = d.version_id
             JOIN plan p ON p.id = v.plan_id JOIN staff s ON s.login = d.decided_by
             WHERE p.number = '{plan}' AND d.decision = 'zatwierdzony'"
        ),
    );
    let file = c.dir.path().join("plan.txt");
    ok(run(&c.db, &[], &["ipus", "export", &plan, "--text", file.to_str().unwrap()]));
    let text = std::fs::read_to_string(&file).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    // The paper names the approver, not the login, as the one who signed for the director.
    assert!(
        text.contains("Zatwierdzono ") && text.contains(&format!(": {approval}, z upoważnienia Dyrektora")),
        "{text}"
    );
}

#[test]
fn the_language_comes_from_the_flag_before_the_config_file() {
    let c = demo();
    let config = c.dir.path().join("config");
    std::fs::create_dir_all(config.join("okienko")).unwrap();
    std::fs::write(config.join("okienko").join("config.toml"), "lang = \"en\"\n").unwrap();
    let home = [("XDG_CONFIG_HOME", config.to_str().unwrap())];
    let english = ok(run(&c.db, &home, &["staff", "list"]));
    assert!(english.starts_with("LOGIN") && english.contains("FULL NAME"), "{english}");
    let polish = ok(run(&c.db, &home, &["--lang", "pl", "staff", "list"]));
    assert!(polish.contains("IMIĘ I NAZWISKO"), "{polish}");
}
