//! A small centre for screen and end-to-end tests: a few residents, one with a full card, and
//! staff in the roles the tests act as.

use chrono::NaiveDate;
use okienko::domain::pesel::{Pesel, Sex};
use okienko::domain::resident::ResidentInput;
use okienko::domain::roles::Role;
use okienko::storage::{Db, residents, staff};
use std::path::{Path, PathBuf};

pub const TODAY: &str = "2026-11-23";

pub fn today() -> NaiveDate {
    NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap()
}

fn pesel(y: i32, m: u32, d: u32, serial: u32, sex: Sex) -> String {
    Pesel::generate(NaiveDate::from_ymd_opt(y, m, d).unwrap(), serial, sex).unwrap().as_str().to_string()
}

#[allow(clippy::too_many_arguments)]
pub fn resident(
    pesel: &str,
    first: &str,
    last: &str,
    street: &str,
    house: &str,
    postal: &str,
    city: &str,
    phone: &str,
) -> ResidentInput {
    ResidentInput {
        pesel: pesel.into(),
        first_name: first.into(),
        last_name: last.into(),
        street: street.into(),
        house_no: house.into(),
        postal_code: postal.into(),
        city: city.into(),
        phone: phone.into(),
        ..ResidentInput::default()
    }
}

pub fn add_resident(db: &mut Db, input: &ResidentInput) -> i64 {
    let record = input.validate().unwrap();
    db.write(|tx| residents::insert(tx, "test", &record)).unwrap()
}

/// A centre in `dir/centrum.db` with staff `kasia` (coordinator), `ola` (front desk) and `dyr` (director).
pub fn centre(dir: &Path) -> (PathBuf, Db) {
    let path = dir.join("centrum.db");
    let mut db = okienko::session::create_centre(&path, "CUS Testowo").unwrap();
    db.write(|tx| {
        staff::add(tx, "test", "kasia", "Katarzyna Wiśniewska", &[Role::Koordynator], false)?;
        staff::add(tx, "test", "ola", "Aleksandra Mazur", &[Role::Recepcja], false)?;
        staff::add(tx, "test", "dyr", "Dyrektor", &[Role::Dyrektor], false)
    })
    .unwrap();
    let mut zolc =
        resident("44051401359", "Łukasz", "Żółć", "ul. Radomska", "2", "27-200", "Starachowice", "601234567");
    zolc.flat_no = "14".into();
    zolc.email = "l.zolc@example.pl".into();
    let zolc_id = add_resident(&mut db, &zolc);
    for input in [
        resident("02271409867", "Anna", "Nowak", "ul. Łukasza", "5", "39-200", "Straszęcin", "146801234"),
        resident(&pesel(1990, 1, 1, 123, Sex::Female), "Zofia", "Nowakowska-Żak", "", "15", "39-200", "Pustynia", ""),
        resident(
            &pesel(1961, 7, 30, 456, Sex::Male),
            "Jan",
            "Nowicki",
            "ul. Sandomierska",
            "8",
            "39-200",
            "Dębica",
            "",
        ),
        resident(
            &pesel(1975, 3, 12, 789, Sex::Female),
            "Nowak",
            "Kowalska",
            "ul. Rzeszowska",
            "3",
            "39-200",
            "Dębica",
            "",
        ),
    ] {
        add_resident(&mut db, &input);
    }
    // Text that arrived by another route (an old import) with a terminal escape and a bidi override.
    db.write(|tx| {
        tx.execute(
            "INSERT INTO resident (first_name, last_name, city, created_at, updated_at, updated_by)
             VALUES ('Ewa', 'Nowacka\u{1b}[2J\u{202E}', 'Dębica', ?1, ?1, 'import')",
            ["2026-11-01T08:00:00.000Z"],
        )?;
        // Older rows were indexed by the migration that built the search index.
        residents::index_resident(tx, tx.last_insert_rowid())?;
        tx.execute(
            "INSERT INTO representative (resident_id, kind, full_name, phone) VALUES (?1, 'opiekun_faktyczny', 'Maria Żółć', '600100200')",
            [zolc_id],
        )?;
        tx.execute(
            "INSERT INTO application (resident_id, filed_on, applicant_kind, summary, state, created_at, created_by)
             VALUES (?1, '2026-11-02', 'mieszkaniec', 'usługi opiekuńcze', 'diagnoza', '2026-11-02T09:00:00Z', 'kasia')",
            [zolc_id],
        )?;
        tx.execute(
            "INSERT INTO plan (number, resident_id, coordinator_login, created_at) VALUES ('IPUS/2026/007', ?1, 'kasia', '2026-03-20T09:00:00Z')",
            [zolc_id],
        )?;
        let plan = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO plan_version (plan_id, version, state, period_start, period_end, drafted_on, updated_at, updated_by)
             VALUES (?1, 1, 'zatwierdzony', '2026-04-01', '2026-12-31', '2026-03-25', '2026-03-30T09:00:00Z', 'kasia')",
            [plan],
        )?;
        tx.execute(
            "INSERT INTO monitoring_contact (plan_id, contact_on, channel, with_whom, note, recorded_by, recorded_at)
             VALUES (?1, '2026-11-10', 'telefon', 'córka', 'rozmowa z córką', 'kasia', '2026-11-10T10:00:00Z')",
            [plan],
        )?;
        tx.execute(
            "INSERT INTO contact_visit (resident_id, visited_on, channel, topic, referral, recorded_by, recorded_at)
             VALUES (?1, '2026-11-20', 'telefon', 'pytanie o taksówkę', 'Senior taxi', 'ola', '2026-11-20T10:00:00Z')",
            [zolc_id],
        )?;
        tx.execute(
            "INSERT INTO resident_sensitive (resident_id, disability, disability_degree, dependency, updated_at, updated_by)
             VALUES (?1, 'ruchowa', 'umiarkowany', 'częściowa', '2026-11-02T09:00:00Z', 'kasia')",
            [zolc_id],
        )?;
        Ok(())
    })
    .unwrap();
    (path, db)
}
