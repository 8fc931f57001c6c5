//! `okienko find` as a person at a terminal uses it: the real binary on a fresh centre.

use okienko::domain::resident::ResidentInput;
use okienko::storage::{Db, audit, residents};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Centre {
    _dir: tempfile::TempDir,
    db: PathBuf,
}

fn okienko(db: &Path, login: Option<&str>, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_okienko"));
    cmd.arg("--db").arg(db).args(args).env_remove("OKIENKO_DB").env("OKIENKO_TODAY", "2026-11-23");
    match login {
        Some(login) => cmd.env("OKIENKO_LOGIN", login),
        None => cmd.env_remove("OKIENKO_LOGIN"),
    };
    cmd.output().expect("the okienko binary runs")
}

fn stdout(out: &Output) -> String {
    assert!(out.status.success(), "okienko failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone()).expect("output is UTF-8")
}

fn resident(pesel: &str, first: &str, last: &str, phone: &str, street: &str, city: &str) -> ResidentInput {
    ResidentInput {
        pesel: pesel.into(),
        first_name: first.into(),
        last_name: last.into(),
        street: street.into(),
        house_no: "7".into(),
        postal_code: "39-200".into(),
        city: city.into(),
        phone: phone.into(),
        ..ResidentInput::default()
    }
}

/// A centre with a front-desk login `desk`, a director `boss` and three residents.
fn centre() -> Centre {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let db = dir.path().join("centre.db");
    stdout(&okienko(&db, None, &["init"]));
    stdout(&okienko(&db, None, &["staff", "add", "desk", "--role", "recepcja"]));
    stdout(&okienko(&db, None, &["staff", "add", "boss", "--role", "dyrektor"]));
    let mut store = Db::open(&db).expect("the centre opens");
    for input in [
        resident("44051401359", "Łukasz", "Żółć", "+48 601 234 567", "ul. Kościuszki", "Dębica"),
        resident("02271409867", "Anna", "Nowak", "14 680 12 34", "", "Straszęcin"),
        resident("85031212343", "Zofia", "Kowalska", "", "ul. Rzeszowska", "Dębica"),
    ] {
        let record = input.validate().expect("a valid resident");
        store.write(|tx| residents::insert(tx, "test", &record)).expect("the resident is stored");
    }
    Centre { _dir: dir, db }
}

fn find(c: &Centre, args: &[&str]) -> String {
    let mut all = vec!["find"];
    all.extend_from_slice(args);
    stdout(&okienko(&c.db, Some("desk"), &all))
}

#[test]
fn finds_the_same_person_however_the_name_is_typed() {
    let c = centre();
    for query in ["lukasz zolc", "ŁUKASZ ŻÓŁĆ", "Łukasz Żółć", "zolc"] {
        let out = find(&c, &[query]);
        assert!(out.contains("Żółć Łukasz"), "{query}: {out}");
        assert!(out.ends_with("1 z 1\n"), "{query}: {out}");
    }
}

#[test]
fn takes_the_query_as_several_words_without_quotes() {
    let out = find(&centre(), &["nowak", "anna"]);
    assert!(out.contains("Nowak Anna"), "{out}");
}

#[test]
fn finds_by_phone_typed_with_spaces_or_country_prefix() {
    let c = centre();
    for query in ["601 234 567", "+48 601 234 567", "601234567", "601 23"] {
        let out = find(&c, &[query]);
        assert!(out.ends_with("1 z 1\n"), "{query}: {out}");
    }
    assert!(find(&c, &["+48 601 234 567"]).contains("601 234 567"));
}

#[test]
fn masks_the_pesel_unless_revealed() {
    let out = find(&centre(), &["zolc"]);
    assert!(out.contains("440514*****"), "{out}");
    assert!(!out.contains("44051401359"), "{out}");
}

#[test]
fn shows_age_and_address() {
    let out = find(&centre(), &["zolc"]);
    assert!(out.contains("ul. Kościuszki 7, 39-200 Dębica"), "{out}");
    assert!(out.contains(" 82 "), "{out}");
}

#[test]
fn reveal_shows_the_pesel_and_writes_the_audit_log() {
    let c = centre();
    let out = find(&c, &["zolc", "--reveal"]);
    assert!(out.contains("44051401359"), "{out}");
    let store = Db::open(&c.db).expect("the centre opens");
    let entries = audit::entries(store.conn(), None, Some("desk"), 10).expect("the audit log reads");
    let reveals: Vec<_> = entries.iter().filter(|e| e.action == "find_reveal").collect();
    assert_eq!(reveals.len(), 1, "{entries:?}");
    let id = residents::id_by_pesel(store.conn(), "44051401359").expect("lookup");
    assert_eq!(reveals[0].resident_id, id);
    assert_eq!(audit::verify(store.conn()).expect("the chain verifies").1, None);
}

#[test]
fn reveal_is_refused_to_a_role_without_the_permission() {
    let c = centre();
    let out = okienko(&c.db, Some("boss"), &["find", "zolc", "--reveal"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("recepcja"), "{out:?}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("44051401359"));
    let plain = stdout(&okienko(&c.db, Some("boss"), &["find", "zolc"]));
    assert!(plain.contains("440514*****"), "{plain}");
}

#[test]
fn search_is_refused_to_a_login_without_the_permission() {
    let c = centre();
    let out = okienko(&c.db, None, &["find", "zolc"]);
    assert!(!out.status.success(), "the administrator alone may not search residents");
}

#[test]
fn json_lists_the_found_residents() {
    let out = find(&centre(), &["dębica", "--json"]);
    let found: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let found = found.as_array().expect("an array");
    assert_eq!(found.len(), 2);
    let kowalska = found.iter().find(|f| f["last_name"] == "Kowalska").expect("Kowalska is found");
    assert_eq!(kowalska["pesel"], "850312*****");
    assert_eq!(kowalska["birth_date"], "1985-03-12");
    assert_eq!(kowalska["address"], "ul. Rzeszowska 7, 39-200 Dębica");
    assert_eq!(kowalska["tier"], "address");
    assert!(kowalska["id"].is_i64());
    assert_eq!(found.iter().find(|f| f["last_name"] == "Żółć").expect("Żółć is found")["phone"], "601234567");
}

#[test]
fn limit_shows_fewer_but_counts_all() {
    let out = find(&centre(), &["debica", "--limit", "1"]);
    assert!(out.ends_with("1 z 2\n"), "{out}");
}

#[test]
fn prints_hostile_names_without_escape_bytes() {
    let c = centre();
    let store = Db::open(&c.db).expect("the centre opens");
    // Imported or older data may hold what the forms refuse today.
    store
        .conn()
        .execute(
            "UPDATE resident SET last_name = 'Zł\u{1b}[2J\u{1b}]0;pwned\u{7}y', first_name = 'Ewa\u{202E}' WHERE pesel = '85031212343'",
            [],
        )
        .expect("the name is changed");
    let id: i64 =
        store.conn().query_row("SELECT id FROM resident WHERE pesel = '85031212343'", [], |r| r.get(0)).unwrap();
    residents::index_resident(store.conn(), id).expect("the changed name is indexed");
    for args in [vec!["ewa"], vec!["ewa", "--json"]] {
        let out = find(&c, &args);
        assert!(!out.contains('\u{1b}'), "{out:?}");
        assert!(!out.contains('\u{7}') && !out.contains('\u{202E}'), "{out:?}");
        assert!(out.contains("Ewa"), "{out:?}");
    }
}

#[test]
fn says_when_nobody_matches() {
    assert_eq!(find(&centre(), &["xyzzy"]), "0 z 0\n");
}
