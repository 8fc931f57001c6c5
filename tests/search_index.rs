//! The resident search on the database's own index: what a person typing at the desk or into
//! `okienko find` gets back, every way a resident reaches the register, and a register from
//! before the index.

mod support;

use okienko::domain::pesel::{Pesel, Sex};
use okienko::domain::resident::ResidentInput;
use okienko::search::{Count, Results, Searcher, Tier};
use okienko::storage::{Db, migrations, residents};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::process::Command;

fn centre() -> (tempfile::TempDir, PathBuf, Db) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cus.db");
    let db = okienko::session::create_centre(&path, "CUS").unwrap();
    (dir, path, db)
}

fn person(first: &str, last: &str, street: &str, city: &str, pesel: &str) -> ResidentInput {
    ResidentInput {
        pesel: pesel.into(),
        first_name: first.into(),
        last_name: last.into(),
        street: street.into(),
        house_no: "1".into(),
        postal_code: "39-200".into(),
        city: city.into(),
        ..ResidentInput::default()
    }
}

fn add(db: &mut Db, input: ResidentInput) -> i64 {
    let record = input.validate().unwrap();
    db.write(|tx| residents::insert(tx, "test", &record)).unwrap()
}

fn pesel(y: i32, m: u32, d: u32, serial: u32, sex: Sex) -> String {
    Pesel::generate(chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap(), serial, sex).unwrap().as_str().to_string()
}

fn search(db: &Db, query: &str) -> Results {
    Searcher::default().search(db.conn(), query, 20).unwrap()
}

fn names(r: &Results) -> Vec<String> {
    r.rows.iter().map(|r| format!("{} {}", r.last_name, r.first_name)).collect()
}

fn tiers(r: &Results) -> Vec<Tier> {
    r.hits.iter().map(|h| h.tier).collect()
}

/// A small register with the names the examples use.
fn register() -> (tempfile::TempDir, PathBuf, Db) {
    let (dir, path, mut db) = centre();
    for input in [
        person("Łukasz", "Żółć", "ul. Kościuszki", "Dębica", &pesel(1951, 3, 17, 135, Sex::Male)),
        person("Jan", "Chrzanowski", "ul. Polna", "Dębica", ""),
        person("Ewa", "Dąbski", "ul. Polna", "Pustynia", ""),
        person("Anna", "Nowak", "ul. Polna", "Dębica", &pesel(1985, 3, 12, 123, Sex::Female)),
        person("Zofia", "Nowak-Kowalska", "ul. Rzeszowska", "Dębica", ""),
        person("Piotr", "Nowakowski", "ul. Polna", "Straszęcin", &pesel(1985, 7, 1, 456, Sex::Male)),
        person("Nowak", "Kowalczyk", "Pustynia", "Pustynia", ""),
        person("Anna", "Nowak", "ul. Łąkowa", "Straszęcin", &pesel(1951, 5, 2, 789, Sex::Female)),
    ] {
        add(&mut db, input);
    }
    (dir, path, db)
}

#[test]
fn names_heard_over_the_phone_are_found_as_they_sound_and_marked() {
    let (_dir, _, db) = register();
    for (typed, found) in [("Zulc", "Żółć Łukasz"), ("Hrzanowski", "Chrzanowski Jan"), ("Dompski", "Dąbski Ewa")]
    {
        let r = search(&db, typed);
        assert_eq!(names(&r), [found], "{typed}");
        assert_eq!(tiers(&r), [Tier::Sounds], "{typed}");
    }
}

#[test]
fn names_that_sound_alike_come_after_exact_and_prefix_hits() {
    let (_dir, _, mut db) = register();
    add(&mut db, person("Adam", "Zulc", "", "Dębica", ""));
    let r = search(&db, "zulc");
    assert_eq!(names(&r), ["Zulc Adam", "Żółć Łukasz"]);
    assert_eq!(tiers(&r), [Tier::Exact, Tier::Sounds]);
}

#[test]
fn exact_surname_then_surname_prefix_then_first_name() {
    let (_dir, _, db) = register();
    let r = search(&db, "nowak");
    assert_eq!(names(&r), ["Nowak Anna", "Nowak Anna", "Nowak-Kowalska Zofia", "Nowakowski Piotr", "Kowalczyk Nowak"]);
    assert_eq!(tiers(&r), [Tier::Exact, Tier::Exact, Tier::Surname, Tier::Surname, Tier::FirstName]);
    assert_eq!(r.total, Count { n: 5, more: false });
}

#[test]
fn a_fuzzy_hit_ranks_after_every_prefix_hit() {
    let (_dir, _, db) = register();
    let r = search(&db, "nwakowski");
    assert_eq!(names(&r), ["Nowakowski Piotr"]);
    assert_eq!(tiers(&r), [Tier::Fuzzy]);
}

#[test]
fn birth_year_and_street_narrow_the_list() {
    let (_dir, _, db) = register();
    assert_eq!(names(&search(&db, "nowak 1985")), ["Nowak Anna", "Nowakowski Piotr"]);
    assert_eq!(search(&db, "nowak 1951").rows[0].street, "ul. Łąkowa");
    assert_eq!(names(&search(&db, "nowak polna")), ["Nowak Anna", "Nowakowski Piotr"]);
    assert_eq!(names(&search(&db, "anna łąkowa")), ["Nowak Anna"]);
    assert_eq!(names(&search(&db, "polna pustynia")), ["Dąbski Ewa"]);
}

#[test]
fn a_pesel_with_a_wrong_check_digit_says_so_and_offers_the_nearest_valid_ones() {
    let (_dir, _, db) = register();
    let right = pesel(1951, 3, 17, 135, Sex::Male);
    let last = right.as_bytes()[10] - b'0';
    let wrong = format!("{}{}", &right[..10], (last + 1) % 10);
    let r = search(&db, &wrong);
    assert!(r.pesel_check_failed);
    assert_eq!(names(&r), ["Żółć Łukasz"]);
    let r = search(&db, &right);
    assert!(!r.pesel_check_failed);
    assert_eq!(names(&r), ["Żółć Łukasz"]);
}

#[test]
fn counts_exactly_up_to_ten_thousand_and_says_more_beyond() {
    let (_dir, _, mut db) = centre();
    let records: Vec<_> = (0..10_050)
        .map(|i| person(if i % 2 == 0 { "Jan" } else { "Adam" }, "Kowalski", "", "Dębica", "").validate().unwrap())
        .collect();
    db.write(|tx| {
        let places = okienko::storage::places::Places::load(tx)?;
        for record in &records {
            residents::insert_unaudited(tx, "test", record, &places)?;
        }
        Ok(())
    })
    .unwrap();
    let r = search(&db, "kowalski");
    assert_eq!(r.total, Count { n: 10_000, more: true });
    assert_eq!(r.hits.len(), 20);
    let shown = okienko::i18n::desk::Strings::new(okienko::i18n::Lang::Pl).shown_of_count(20, r.total.n, r.total.more);
    assert_eq!(shown, "20 z ponad 10 000");
    assert_eq!(search(&db, "kowalski adam").total, Count { n: 5_025, more: false });
}

#[test]
fn a_change_by_another_desk_is_found_by_the_next_query() {
    let (_dir, path, _db) = register();
    let desk = Db::open(&path).unwrap();
    let mut other = Db::open(&path).unwrap();
    assert!(search(&desk, "wiśniewska").rows.is_empty());
    let id = add(&mut other, person("Maria", "Wiśniewska", "", "Dębica", ""));
    assert_eq!(names(&search(&desk, "wisniewska")), ["Wiśniewska Maria"]);
    let mut input = residents::input_of(other.conn(), id).unwrap();
    input.last_name = "Zielińska".into();
    let record = input.validate().unwrap();
    other.write(|tx| residents::correct(tx, "test", id, &record)).unwrap();
    assert!(search(&desk, "wisniewska").rows.is_empty());
    assert_eq!(names(&search(&desk, "zielinska")), ["Zielińska Maria"]);
}

/// Runs the binary as the administrator, or as the front desk for `find`, `resident add` and
/// `resident correct`.
fn okienko(db: &Path, args: &[&str]) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_okienko"));
    cmd.arg("--db").arg(db).args(args).env_remove("OKIENKO_DB").env("OKIENKO_TODAY", "2026-11-23");
    match args {
        ["find", ..] | ["resident", "add" | "correct", ..] => cmd.env("OKIENKO_LOGIN", "desk"),
        _ => cmd.env_remove("OKIENKO_LOGIN"),
    };
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn residents_from_an_import_a_correction_and_the_demo_are_all_found() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cus.db");
    okienko(&path, &["init", "--training"]);
    okienko(&path, &["staff", "add", "desk", "--role", "recepcja"]);
    let file = dir.path().join("mieszkancy.csv");
    let pesel = pesel(1962, 4, 9, 321, Sex::Female);
    std::fs::write(
        &file,
        format!(
            "pesel,first_name,last_name,birth_date,street,house_no,flat_no,postal_code,city,phone,email\n\
             {pesel},Grażyna,Chmielewska,,ul. Polna,3,,39-200,Dębica,,\n"
        ),
    )
    .unwrap();
    okienko(&path, &["import", "residents", file.to_str().unwrap()]);
    assert!(okienko(&path, &["find", "hmielewska"]).contains("Chmielewska Grażyna"));
    okienko(&path, &["resident", "correct", &pesel, "--last-name", "Żółcińska"]);
    let out = okienko(&path, &["find", "zolcinska"]);
    assert!(out.contains("Żółcińska Grażyna"), "{out}");
    assert!(!okienko(&path, &["find", "chmielewska"]).contains("Grażyna"));

    let demo = dir.path().join("demo.db");
    okienko(&demo, &["demo", "--residents", "300"]);
    okienko(&demo, &["staff", "add", "desk", "--role", "recepcja"]);
    assert!(okienko(&demo, &["find", "Zulc"]).contains("Żółć Łukasz"));
}

#[test]
fn a_person_registered_by_resident_add_and_the_record_kept_by_a_merge_are_found() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cus.db");
    okienko(&path, &["init", "--training"]);
    okienko(&path, &["staff", "add", "desk", "--role", "recepcja"]);
    let pesel = pesel(1962, 4, 9, 321, Sex::Female);
    let add = ["resident", "add", "--first-name", "Halina", "--last-name", "Wrona"];
    okienko(&path, &[&add[..], &["--pesel", &pesel]].concat());
    assert!(okienko(&path, &["find", "wrona"]).contains("Wrona Halina"));
    // The same person registered again without PESEL, judged another person at the time.
    let twin = [&add[..], &["--birth-date", "1962-04-09", "--document", "ABC123456", "--phone", "600 100 200"]];
    okienko(&path, &[&twin.concat()[..], &["--distinct-from", "1"]].concat());
    assert_eq!(okienko(&path, &["find", "wrona"]).matches("Wrona Halina").count(), 2);

    okienko(&path, &["resident", "merge", "1", "2"]);
    let out = okienko(&path, &["find", "wrona"]);
    assert_eq!(out.matches("Wrona Halina").count(), 1, "the merged record is gone from the index: {out}");
    let out = okienko(&path, &["find", "600100200"]);
    assert!(out.contains("Wrona Halina"), "the kept record is found by the phone it took: {out}");
}

#[test]
fn a_register_from_before_the_index_is_indexed_once_when_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let before = migrations::scripts().iter().position(|sql| sql.contains("CREATE TABLE resident_key")).unwrap();
    {
        let conn = Connection::open(&path).unwrap();
        for (i, sql) in migrations::scripts()[..before].iter().enumerate() {
            conn.execute_batch(sql).unwrap();
            conn.pragma_update(None, "user_version", i as i64 + 1).unwrap();
        }
        conn.execute(
            "INSERT INTO resident (first_name, last_name, street, city, phone, pesel, created_at, updated_at, updated_by)
             VALUES ('Łukasz', 'Żółć', 'ul. Kościuszki', 'Dębica', '601 234 567', '44051401359', 'x', 'x', 'x'),
                    ('Jan', 'Chrzanowski', '', 'Pustynia', '', NULL, 'x', 'x', 'x')",
            [],
        )
        .unwrap();
    }
    let db = Db::open(&path).unwrap();
    assert_eq!(names(&search(&db, "lukasz zolc")), ["Żółć Łukasz"]);
    assert_eq!(names(&search(&db, "601 234")), ["Żółć Łukasz"]);
    assert_eq!(names(&search(&db, "1944")), ["Żółć Łukasz"]);
    assert_eq!(names(&search(&db, "hrzanowski")), ["Chrzanowski Jan"]);
    assert_eq!(names(&search(&db, "kosciuszki")), ["Żółć Łukasz"]);
}

#[test]
fn a_phone_number_typed_from_its_middle_is_found() {
    let (_dir, _, mut db) = register();
    add(
        &mut db,
        ResidentInput { phone: "+48 601 680 123".into(), ..person("Irena", "Wilk", "ul. Polna", "Dębica", "") },
    );
    for typed in ["680 12", "6801", "0123", "601 680"] {
        assert_eq!(names(&search(&db, typed)), ["Wilk Irena"], "{typed}");
    }
    // Three digits are too few to look inside numbers.
    assert!(search(&db, "680").rows.is_empty());
}

#[test]
fn a_word_of_one_or_two_letters_narrows_by_the_start_of_a_name() {
    let (_dir, _, db) = register();
    let r = search(&db, "nowak a");
    assert_eq!(names(&r), ["Nowak Anna", "Nowak Anna"]);
    assert_eq!(r.total, Count { n: 2, more: false });
    assert_eq!(names(&search(&db, "anna n")), ["Nowak Anna", "Nowak Anna"]);
    assert_eq!(names(&search(&db, "lukasz zo")), ["Żółć Łukasz"]);
    // A street or town matched by the long word: the initial is checked on the names.
    assert_eq!(names(&search(&db, "straszecin p")), ["Nowakowski Piotr"]);
    assert!(search(&db, "nowak x").rows.is_empty());
}

/// The desk's search view at 80×24 on the test centre after typing `query`.
fn desk_screen(query: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let (_, db) = support::centre::centre(dir.path());
    let options = support::desk::options(support::desk::COLOUR, support::centre::today());
    let mut desk = support::desk::Desk::open(db, "kasia", options).keeping(dir);
    desk.type_text(query);
    desk.text()
}

#[test]
fn the_desk_marks_a_name_found_by_how_it_sounds() {
    let screen = desk_screen("Zulc");
    let row = screen.lines().find(|l| l.contains("Żółć Łukasz")).unwrap_or_else(|| panic!("{screen}"));
    assert!(row.contains("brzmi podobnie · Stara"), "{screen}");
    let exact = desk_screen("Żółć");
    assert!(!exact.contains("brzmi podobnie"), "{exact}");
}

#[test]
fn the_desk_says_a_pesel_check_digit_is_wrong_and_lists_the_nearest_valid() {
    let screen = desk_screen("44051401358");
    assert!(screen.contains("zła cyfra kontrolna PESEL; najbliższe poprawne"), "{screen}");
    assert!(screen.contains("Żółć Łukasz"), "{screen}");
    let right = desk_screen("44051401359");
    assert!(!right.contains("zła cyfra kontrolna"), "{right}");
    assert!(right.contains("Żółć Łukasz") && right.contains("1 z 1"), "{right}");
}

/// Adds gmina `name` holding the villages and towns `places`.
fn gmina(db: &mut Db, name: &str, places: &[&str]) {
    db.write(|tx| {
        let id = okienko::storage::places::add_gmina(tx, "test", name, "")?;
        for place in places {
            let village = okienko::storage::places::VillageInput { name: place.to_string(), ..Default::default() };
            okienko::storage::places::add_village(tx, "test", id, &village)?;
        }
        Ok(())
    })
    .unwrap();
}

/// [`register`] in two gminas, set up after its residents were registered.
fn register_in_gminas() -> (tempfile::TempDir, PathBuf, Db) {
    let (dir, path, mut db) = register();
    gmina(&mut db, "Gmina Dębica", &["Dębica", "Pustynia"]);
    gmina(&mut db, "Gmina Adamów", &["Straszęcin"]);
    (dir, path, db)
}

#[test]
fn a_gmina_word_alone_lists_its_residents_in_name_order() {
    let (_dir, _, mut db) = register_in_gminas();
    add(&mut db, person("Maria", "Adamska", "", "Straszęcin", ""));
    let r = search(&db, "gmina:adamow");
    assert_eq!(names(&r), ["Adamska Maria", "Nowak Anna", "Nowakowski Piotr"]);
    assert_eq!(tiers(&r), [Tier::Gmina; 3]);
    assert_eq!(r.total, Count { n: 3, more: false });
    for typed in ["gmina:adam", "GMINA:Adamów", "Gmina:ADAMOW", "gmina:a"] {
        assert_eq!(names(&search(&db, typed)), names(&r), "{typed}");
    }
    let debica = search(&db, "gmina:dębica");
    assert_eq!(
        names(&debica),
        ["Chrzanowski Jan", "Dąbski Ewa", "Kowalczyk Nowak", "Nowak Anna", "Nowak-Kowalska Zofia", "Żółć Łukasz"]
    );
    assert_eq!(search(&db, "gmina:gmina").total, Count { n: 9, more: false });
    assert!(search(&db, "gmina:adamowka").rows.is_empty());
    assert!(search(&db, "gmina:").rows.is_empty());
}

#[test]
fn a_gmina_word_narrows_the_other_words_without_matching_names() {
    let (_dir, _, mut db) = register_in_gminas();
    add(&mut db, person("Adam", "Adamowicz", "ul. Polna", "Dębica", ""));
    let r = search(&db, "nowak gmina:adam");
    assert_eq!(names(&r), ["Nowak Anna", "Nowakowski Piotr"]);
    assert_eq!(tiers(&r), [Tier::Exact, Tier::Surname]);
    assert_eq!(r.total, Count { n: 2, more: false });
    assert_eq!(search(&db, "nowak gmina:adam").rows[0].street, "ul. Łąkowa");
    let r = search(&db, "gmina:deb nowak");
    assert_eq!(names(&r), ["Nowak Anna", "Nowak-Kowalska Zofia", "Kowalczyk Nowak"]);
    assert_eq!(tiers(&r), [Tier::Exact, Tier::Surname, Tier::FirstName]);
    assert_eq!(names(&search(&db, "gmina:adam p")), ["Nowakowski Piotr"]);
    assert_eq!(names(&search(&db, "polna gmina:adamow")), ["Nowakowski Piotr"]);
    // The gmina's name is no name nor address of its residents, and a name is no gmina.
    assert_eq!(names(&search(&db, "gmina:adam")), ["Nowak Anna", "Nowakowski Piotr"]);
    assert_eq!(names(&search(&db, "adamow")), ["Adamowicz Adam"]);
}

#[test]
fn a_resident_whose_address_moves_to_another_gmina_is_found_under_the_new_one() {
    let (_dir, _, mut db) = register_in_gminas();
    let id = search(&db, "dabski").hits[0].id;
    assert_eq!(names(&search(&db, "dabski gmina:debica")), ["Dąbski Ewa"]);
    let mut input = residents::input_of(db.conn(), id).unwrap();
    input.city = "Straszęcin".into();
    let record = input.validate().unwrap();
    db.write(|tx| residents::correct(tx, "test", id, &record)).unwrap();
    assert!(search(&db, "dabski gmina:debica").rows.is_empty());
    assert_eq!(names(&search(&db, "gmina:adamow")), ["Dąbski Ewa", "Nowak Anna", "Nowakowski Piotr"]);
    // An address no place of the partnership knows belongs to no gmina.
    input.city = "Kraków".into();
    let record = input.validate().unwrap();
    db.write(|tx| residents::correct(tx, "test", id, &record)).unwrap();
    assert!(search(&db, "dabski gmina:gmina").rows.is_empty());
    assert_eq!(names(&search(&db, "dabski")), ["Dąbski Ewa"]);
}

#[test]
fn a_register_from_before_gminas_were_searchable_is_indexed_by_gmina_when_opened() {
    let (_dir, path, db) = register_in_gminas();
    drop(db);
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute("DELETE FROM resident_key WHERE kind = 9", []).unwrap();
        let gmina_keys = migrations::scripts().iter().position(|sql| sql.contains("SELECT 9, k.value")).unwrap();
        conn.pragma_update(None, "user_version", gmina_keys as i64).unwrap();
        // A register from before has none of the later migrations either; those that cannot run
        // twice are undone (the audit index of 014 is created only if missing).
        conn.execute_batch("ALTER TABLE centre DROP COLUMN appeal_body").unwrap();
    }
    let db = Db::open(&path).unwrap();
    assert_eq!(names(&search(&db, "gmina:adamow")), ["Nowak Anna", "Nowakowski Piotr"]);
    assert_eq!(names(&search(&db, "nowak gmina:debica")), ["Nowak Anna", "Nowak-Kowalska Zofia", "Kowalczyk Nowak"]);
}

#[test]
fn the_desk_lists_the_residents_of_a_gmina() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut db) = support::centre::centre(dir.path());
    gmina(&mut db, "Gmina Adamów", &["Straszęcin"]);
    let options = support::desk::options(support::desk::COLOUR, support::centre::today());
    let mut desk = support::desk::Desk::open(db, "kasia", options).keeping(dir);
    desk.press("F2");
    desk.type_text("gmina:adam");
    let screen = desk.text();
    assert!(screen.contains("Nowak Anna") && screen.contains("1 z 1"), "{screen}");
    assert!(!screen.contains("Żółć Łukasz"), "{screen}");
}
