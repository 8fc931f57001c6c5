//! Command-line refusals in the language asked for: the real binary with `--lang en` says in
//! English what it says in Polish without it, including a value refused before the arguments
//! are parsed.

mod support;

use support::cli::{ok, run as okienko};

fn stderr(out: &std::process::Output) -> String {
    assert!(!out.status.success());
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_refused_option_value_is_worded_in_the_language_typed_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cus.db");
    let pl = stderr(&okienko(&db, &["demo", "--residents", "-5"]));
    assert!(pl.contains("--residents: „-5” — nie może być ujemna"), "{pl}");
    let en = stderr(&okienko(&db, &["demo", "--residents", "-5", "--lang", "en"]));
    assert!(en.contains("--residents: “-5” — cannot be negative"), "{en}");
    let en = stderr(&okienko(&db, &["--lang=en", "demo", "--residents", "many"]));
    assert!(en.contains("must be a whole number"), "{en}");
    let en = stderr(&okienko(&db, &["--lang", "en", "--color", "sometimes", "staff", "list"]));
    assert!(en.contains("--color: “sometimes” — allowed: auto, always, never"), "{en}");
}

#[test]
fn an_import_that_adds_no_one_says_so_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cus.db");
    ok(okienko(&db, &["init", "--name", "CUS Dębica"]));
    let file = dir.path().join("pusty.csv");
    std::fs::write(
        &file,
        "pesel,first_name,last_name,birth_date,street,house_no,flat_no,postal_code,city,phone,email\n",
    )
    .unwrap();
    let pl = stderr(&okienko(&db, &["import", "residents", file.to_str().unwrap()]));
    assert!(pl.contains("nic nie zaimportowano z pliku"), "{pl}");
    let en = stderr(&okienko(&db, &["import", "residents", file.to_str().unwrap(), "--lang", "en"]));
    assert!(en.contains("nothing was imported from") && !en.contains("nic nie"), "{en}");
}

#[test]
fn an_approval_without_room_in_a_pool_gets_its_hint_in_either_language() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    ok(okienko(&db, &["demo", "--residents", "50"]));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let plan: String = conn
        .query_row(
            "SELECT p.id FROM plan p JOIN plan_version v ON v.plan_id = p.id WHERE v.state = 'złożony' ORDER BY p.id",
            [],
            |r| r.get::<_, i64>(0),
        )
        .unwrap()
        .to_string();
    // Every pool of the centre is taken to nothing, so the plan's lines find no room.
    conn.execute_batch("UPDATE capacity_pool SET units_limit = 0; DELETE FROM pool_period_limit;").unwrap();
    drop(conn);
    let approve = |lang: &[&str]| {
        let mut args = vec!["ipus", "approve", plan.as_str()];
        args.extend(lang);
        stderr(&support::cli::command(&db, &args).env("OKIENKO_LOGIN", "ekozlowska").output().unwrap())
    };
    let pl = approve(&[]);
    assert!(pl.contains("brak miejsc w puli") && pl.contains("wniosek może czekać"), "{pl}");
    let en = approve(&["--lang", "en"]);
    assert!(en.contains("no room in the pool") && en.contains("the application may wait for places"), "{en}");
}
