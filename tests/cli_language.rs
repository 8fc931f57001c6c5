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
