//! The programme's data as the store keeps it: which programme is in force, how long a
//! declaration is valid, which contract prices a unit, and the fee that follows from them.

use chrono::NaiveDate;
use okienko::domain::fee::{FeeBasis, parse_bands};
use okienko::storage::centre::{self, FeeInput, ProgrammeChanges};
use okienko::storage::partners::{self, ContractInput};
use okienko::storage::{Db, StorageError, places};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A centre with one resident (id 1), two providers (1, 2) and one service (id 1).
fn centre() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let db = okienko::session::create_centre(&dir.path().join("c.db"), "CUS").unwrap();
    db.conn()
        .execute_batch(
            "INSERT INTO resident (id, first_name, last_name, created_at, updated_at, updated_by)
                 VALUES (1, 'Anna', 'Nowak', 'x', 'x', 'x');
             INSERT INTO provider (id, name, kind) VALUES (1, 'Opieka Plus', 'ngo'), (2, 'Dom Pomocy', 'firma');
             INSERT INTO service (id, code, name, unit, updated_at, updated_by) VALUES (1, 'OPI', 'Opieka', 'godzina', 'x', 'x');",
        )
        .unwrap();
    (dir, db)
}

fn programme(db: &mut Db, name: &str, from: &str, to: &str, months: u32) -> i64 {
    let changes = ProgrammeChanges {
        name: Some(name.into()),
        starts_on: Some(d(from)),
        ends_on: Some(d(to)),
        criterion_single_grosze: Some(101_000),
        criterion_family_grosze: Some(82_300),
        declaration_months: Some(months),
        ..ProgrammeChanges::default()
    };
    db.write(|tx| centre::add_programme(tx, "t", &changes)).unwrap()
}

fn contract(db: &mut Db, provider: i64, price: i64, from: &str, to: &str) -> Result<i64, StorageError> {
    let c = ContractInput {
        provider_id: provider,
        service_id: 1,
        number: String::new(),
        unit_price_grosze: price,
        starts_on: d(from),
        ends_on: d(to),
    };
    db.write(|tx| partners::add_contract(tx, "t", &c))
}

#[test]
fn the_programme_in_force_is_the_one_started_last_that_covers_the_day() {
    let (_dir, mut db) = centre();
    let old = programme(&mut db, "PUS 2024–2026", "2024-01-01", "2026-12-31", 12);
    let new = programme(&mut db, "PUS 2026–2028", "2026-07-01", "2028-12-31", 6);
    assert_eq!(centre::programme_on(db.conn(), d("2026-06-30")).unwrap(), Some(old));
    assert_eq!(centre::programme_on(db.conn(), d("2026-07-01")).unwrap(), Some(new));
    assert_eq!(centre::programme_on(db.conn(), d("2023-12-31")).unwrap(), None);
}

#[test]
fn a_declaration_is_valid_for_the_programmes_months_from_its_day() {
    let (_dir, mut db) = centre();
    programme(&mut db, "PUS", "2026-01-01", "2027-12-31", 6);
    let saved = db.write(|tx| centre::add_declaration(tx, "t", 1, d("2026-01-31"), 150_000, 1, &[])).unwrap();
    assert_eq!(saved.valid_until, d("2026-07-30"));
    assert!(centre::declaration_on(db.conn(), 1, d("2026-07-30")).unwrap().is_some());
    assert!(centre::declaration_on(db.conn(), 1, d("2026-07-31")).unwrap().is_none());
    assert!(centre::declaration_on(db.conn(), 1, d("2026-01-30")).unwrap().is_none());
}

#[test]
fn the_newest_valid_declaration_counts() {
    let (_dir, mut db) = centre();
    programme(&mut db, "PUS", "2026-01-01", "2027-12-31", 12);
    db.write(|tx| centre::add_declaration(tx, "t", 1, d("2026-02-01"), 300_000, 1, &[])).unwrap();
    db.write(|tx| centre::add_declaration(tx, "t", 1, d("2026-05-01"), 100_000, 1, &[])).unwrap();
    let on = centre::declaration_on(db.conn(), 1, d("2026-06-01")).unwrap().unwrap();
    assert_eq!(on.income_per_person_grosze, 100_000);
}

#[test]
fn a_unit_is_priced_by_the_named_provider_the_default_or_the_only_contract() {
    let (_dir, mut db) = centre();
    contract(&mut db, 1, 4_000, "2026-01-01", "2026-12-31").unwrap();
    let price =
        |db: &Db, provider: Option<i64>, day: &str| partners::unit_price(db.conn(), 1, provider, d(day)).unwrap();
    assert_eq!(price(&db, None, "2026-05-04"), Some(4_000), "the only contract");
    assert_eq!(price(&db, Some(2), "2026-05-04"), None, "provider 2 has no contract");
    contract(&mut db, 2, 4_500, "2026-01-01", "2026-12-31").unwrap();
    assert_eq!(price(&db, None, "2026-05-04"), None, "two contracts and no default provider");
    db.conn().execute("UPDATE service SET default_provider_id = 2 WHERE id = 1", []).unwrap();
    assert_eq!(price(&db, None, "2026-05-04"), Some(4_500), "the default provider's");
    assert_eq!(price(&db, Some(1), "2027-01-01"), None, "after the contract ended");
}

#[test]
fn overlapping_contracts_of_one_provider_are_refused() {
    let (_dir, mut db) = centre();
    contract(&mut db, 1, 4_000, "2026-01-01", "2026-12-31").unwrap();
    let err = contract(&mut db, 1, 4_200, "2026-12-31", "2027-12-31").unwrap_err();
    assert!(matches!(err, StorageError::Conflict(_)), "{err}");
    contract(&mut db, 1, 4_200, "2027-01-01", "2027-12-31").unwrap();
}

#[test]
fn the_fee_follows_the_programme_the_contract_and_the_declaration() {
    let (_dir, mut db) = centre();
    let p = programme(&mut db, "PUS", "2026-01-01", "2027-12-31", 12);
    let fee = |db: &Db| centre::fee_for(db.conn(), 1, 1, None, d("2026-05-04")).unwrap();
    assert_eq!(fee(&db), None, "the programme does not offer the service");
    let bands = FeeInput::Bands(parse_bands("150:0,200:10,*:50").unwrap());
    db.write(|tx| centre::set_service(tx, "t", p, 1, 10, &bands)).unwrap();
    assert_eq!(fee(&db).unwrap().basis, FeeBasis::NoPrice);
    contract(&mut db, 1, 4_000, "2026-01-01", "2027-12-31").unwrap();
    assert_eq!(fee(&db).unwrap().per_unit_grosze, Some(2_000), "no declaration: the highest band");
    db.write(|tx| centre::set_discount(tx, "t", p, "kdr", "Karta Dużej Rodziny", 50)).unwrap();
    db.write(|tx| centre::add_declaration(tx, "t", 1, d("2026-04-01"), 190_000, 1, &["kdr".to_string()])).unwrap();
    assert_eq!(fee(&db).unwrap().per_unit_grosze, Some(200), "10 % of 40 zł, half off");
    // Setting the service again replaces its bands.
    db.write(|tx| centre::set_service(tx, "t", p, 1, 10, &FeeInput::Flat(700))).unwrap();
    assert_eq!(fee(&db).unwrap().per_unit_grosze, Some(350));
    let listed = centre::programme(db.conn(), p).unwrap();
    assert_eq!((listed.services[0].fee_kind.as_str(), listed.services[0].bands.as_str()), ("flat", ""));
}

#[test]
fn editing_a_programme_changes_only_what_is_given() {
    let (_dir, mut db) = centre();
    let p = programme(&mut db, "PUS", "2026-01-01", "2027-12-31", 12);
    let budget = ProgrammeChanges { budget_grosze: Some(12_345_600), ..ProgrammeChanges::default() };
    db.write(|tx| centre::edit_programme(tx, "t", p, &budget)).unwrap();
    let listed = centre::programme(db.conn(), p).unwrap();
    assert_eq!(
        (listed.budget_grosze, listed.criterion_single_grosze, listed.ends_on),
        (12_345_600, 101_000, d("2027-12-31"))
    );
    let backwards = ProgrammeChanges { ends_on: Some(d("2025-12-31")), ..ProgrammeChanges::default() };
    let err = db.write(|tx| centre::edit_programme(tx, "t", p, &backwards)).unwrap_err();
    assert!(err.to_string().contains("--to"), "{err}");
}

#[test]
fn a_new_street_finds_the_gmina_of_residents_registered_before_it() {
    let (_dir, mut db) = centre();
    db.conn()
        .execute(
            "UPDATE resident SET street = 'ul. Polna', postal_code = '34-400', city = 'Nowy Targ' WHERE id = 1",
            [],
        )
        .unwrap();
    let g = db.write(|tx| places::add_gmina(tx, "t", "Miasto Nowy Targ", "")).unwrap();
    assert_eq!(places::of_resident(db.conn(), 1).unwrap(), None);
    db.write(|tx| places::add_street(tx, "t", g, None, "Polna", "34-400", "")).unwrap();
    assert_eq!(places::of_resident(db.conn(), 1).unwrap().as_deref(), Some("Miasto Nowy Targ"));
}
