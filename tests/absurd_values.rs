//! Absurd numbers, dates and periods on the command line, run through the real binary against a
//! demo centre: never a panic, never a raw SQLite constraint, never clap's English "unexpected
//! argument" for a negative number; the values the issue names are refused naming the option.

mod support;

use std::path::PathBuf;
use support::cli::run as okienko;

fn demo_centre() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let out = okienko(&db, &["demo", "--residents", "150"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    (dir, db)
}

const NUMBERS: &[&str] = &[
    "-5",
    "-1",
    "0",
    "262142",
    "99999999999999999999",
    "-99999999999999999999",
    "9223372036854775807",
    "-9223372036854775808",
    "2147483648",
    "4294967296",
    "1e9",
    "5.5",
    "0x10",
    "+5",
    "NaN",
    "０",
    "",
    " 7 ",
];

const DATES: &[&str] = &[
    "+262142-12-31",
    "262142-12-31",
    "1900-01-01",
    "0000-01-01",
    "9999-12-31",
    "2101-01-01",
    "1999-12-31",
    "2026-02-30",
    "2026-13-01",
    "-2026-01-01",
    "20260101",
    "２０２６-01-01",
    "",
];

const PERIODS: &[&str] = &[
    "262142-12",
    "9999-12",
    "0000-01",
    "1999-12",
    "2101",
    "2026-00",
    "2026-13",
    "2026-Q0",
    "2026-Q5",
    "2026-W54",
    "2026-W00",
    "+2026-01",
    "-2026-01",
    "999",
    "",
];

/// Every command line to try: each absurd value in each place it can go.
fn cases() -> Vec<Vec<String>> {
    let mut cases = Vec::new();
    let mut add = |args: &[&str]| cases.push(args.iter().map(|s| s.to_string()).collect());
    for n in NUMBERS {
        add(&["report", "programme", "--year", n]);
        add(&["base", "set-limit", "TR", "2026-12", n]);
        add(&["usage", "record", "IPUS/2026/001", "1", "--date", "2026-01-05", "--units", n]);
        add(&["usage", "record", "IPUS/2026/001", n, "--date", "2026-01-05", "--units", "1"]);
        add(&["find", "--limit", n, "Nowak"]);
        add(&["audit", "show", "--limit", n]);
        add(&["ipus", "diff", "1", n, "1"]);
    }
    for d in DATES {
        add(&["base", "--date", d]);
        add(&["usage", "record", "IPUS/2026/001", "1", "--date", d, "--units", "1"]);
        add(&["report", "summary", "--from", d]);
        add(&["application", "add", "--resident", "1", "--filed", d]);
    }
    for p in PERIODS {
        add(&["base", "set-limit", "TR", p, "5"]);
        add(&["base", "set-limit", "MED", p, "5"]);
    }
    cases
}

#[test]
fn absurd_values_never_panic_nor_reach_sqlite_raw() {
    let (_dir, db) = demo_centre();
    let cases = cases();
    assert!(cases.len() >= 130, "{} cases", cases.len());
    let mut accepted = Vec::new();
    for case in &cases {
        let args: Vec<&str> = case.iter().map(String::as_str).collect();
        let out = okienko(&db, &args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_ne!(out.status.code(), Some(101), "{args:?} panicked: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(!err.contains("CHECK constraint") && !err.contains("constraint failed"), "{args:?}: {err}");
        let negative_number =
            |a: &&str| a.strip_prefix('-').is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
        if args.iter().any(negative_number) {
            assert!(!err.contains("unexpected argument"), "{args:?}: {err}");
        }
        if out.status.success() {
            accepted.push(args.join(" "));
        }
    }
    println!(
        "{} absurd command lines, 0 panics, {} refused with a message; accepted: {accepted:?}",
        cases.len(),
        cases.len() - accepted.len()
    );
}

#[test]
fn the_values_from_the_issue_are_refused_naming_the_option() {
    let (_dir, db) = demo_centre();
    let expect: &[(&[&str], &str)] = &[
        (&["report", "programme", "--year", "262142"], "--year"),
        (&["base", "set-limit", "TR", "262142-12", "5"], "okres"),
        (&["base", "set-limit", "TR", "9999-12", "5"], "okres"),
        (&["base", "set-limit", "TR", "0000-01", "5"], "okres"),
        (&["base", "--date", "+262142-12-31"], "--date"),
        (&["application", "add", "--resident", "1", "--filed", "1900-01-01"], "--filed"),
        (&["base", "set-limit", "TR", "2026-12", "-5"], "limit"),
        (&["usage", "record", "IPUS/2026/001", "1", "--date", "2026-01-05", "--units", "-5"], "--units"),
        (&["report", "programme", "--year", "-5"], "--year"),
        (&["find", "--limit", "-3", "Nowak"], "--limit"),
    ];
    for (args, option) in expect {
        let out = okienko(&db, args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} accepted");
        assert!(err.starts_with("okienko: ") && err.contains(option), "{args:?}: {err}");
    }
}
