//! Demo residents: valid unique PESELs, names by generation, addresses in the partnership's
//! villages and osiedla, phones, some e-mails, carers and special-category data.

use super::catalogue::GMINAS;
use super::names::{SURNAMES, feminine, first_name, surname_for};
use super::{Generator, pick, zipf};
use crate::domain::fold::fold;
use crate::domain::pesel::{Pesel, Sex};
use crate::domain::resident::{RepresentativeRecord, ResidentRecord, format_address};
use crate::storage::residents::{self, Circumstances, Sensitive};
use crate::storage::{Result, StorageError, card};
use chrono::{Datelike, Days, Months, NaiveDate};
use rand::Rng;
use std::collections::HashSet;

/// What the rest of the demo needs to know about a resident.
pub struct Person {
    pub id: i64,
    pub age: u32,
    pub first_name: String,
    pub last_name: String,
    pub address: String,
    pub phone: String,
    pub representative: Option<Representative>,
    /// The gmina of the address, which some services are limited to.
    pub gmina: &'static str,
}

pub struct Representative {
    pub kind: &'static str,
    pub full_name: String,
    pub phone: String,
    pub address: String,
}

/// A place residents live in, flattened from the gminas.
struct Place {
    gmina: usize,
    village: usize,
}

const MOBILE_PREFIXES: &[&str] = &["50", "51", "53", "57", "60", "66", "69", "72", "73", "78", "79", "88"];
const MAIL_DOMAINS: &[&str] = &["wp.pl", "onet.pl", "gmail.com", "interia.pl", "o2.pl", "op.pl"];

const DISABILITIES: &[(&str, &str)] = &[
    ("orzeczenie o niepełnosprawności – narząd ruchu", "umiarkowany"),
    ("orzeczenie o niepełnosprawności – narząd ruchu", "znaczny"),
    ("orzeczenie o niepełnosprawności – narząd wzroku", "umiarkowany"),
    ("orzeczenie o niepełnosprawności – choroby układu krążenia", "lekki"),
    ("orzeczenie o niepełnosprawności – choroby psychiczne", "umiarkowany"),
    ("orzeczenie o niepełnosprawności – narząd słuchu", "lekki"),
    ("orzeczenie o niepełnosprawności – upośledzenie umysłowe", "znaczny"),
];
const DEPENDENCIES: &[&str] = &[
    "wymaga pomocy przy zakupach i sprzątaniu",
    "porusza się o balkoniku, nie wychodzi sam z domu",
    "wymaga pomocy w higienie osobistej",
    "leżący, wymaga stałej opieki",
    "samodzielny w domu, potrzebuje pomocy poza domem",
];
const HEALTH: &[&str] = &[
    "nadciśnienie tętnicze, cukrzyca typu 2",
    "stan po udarze (2024), niedowład lewostronny",
    "choroba zwyrodnieniowa stawów kolanowych",
    "przewlekła obturacyjna choroba płuc",
    "otępienie w początkowym stadium",
    "depresja, leczona w poradni zdrowia psychicznego",
    "stan po endoprotezie stawu biodrowego",
    "niewydolność serca",
];

fn occupation(rng: &mut impl Rng, age: u32, sex: Sex) -> (&'static str, &'static str) {
    let f = sex == Sex::Female;
    match age {
        0..=6 => ("", ""),
        7..=17 => (if f { "uczennica" } else { "uczeń" }, "nauka"),
        18..=23 if rng.random_bool(0.5) => (if f { "studentka" } else { "student" }, "nauka"),
        _ if age >= 65 || (f && age >= 60) => {
            if rng.random_bool(0.85) {
                (if f { "emerytka" } else { "emeryt" }, "emerytura")
            } else {
                (if f { "rencistka" } else { "rencista" }, "renta")
            }
        }
        _ => {
            let jobs: &[&str] = if f {
                &["sprzedawczyni", "nauczycielka", "księgowa", "opiekunka", "pielęgniarka", "fryzjerka", "rolniczka"]
            } else {
                &["kierowca", "mechanik", "magazynier", "elektryk", "rolnik", "operator maszyn", "murarz"]
            };
            let job = jobs[rng.random_range(0..jobs.len())];
            let employment = match rng.random_range(0..10) {
                0 | 1 => {
                    if f {
                        "bezrobotna"
                    } else {
                        "bezrobotny"
                    }
                }
                2 => "umowa zlecenie",
                3 if job.starts_with("rol") => "własne gospodarstwo rolne",
                _ => "umowa o pracę",
            };
            (job, employment)
        }
    }
}

fn marital_status(rng: &mut impl Rng, age: u32, sex: Sex) -> &'static str {
    let f = sex == Sex::Female;
    let roll = rng.random_range(0..100);
    match age {
        0..=17 => "",
        18..=29 if roll < 70 => {
            if f {
                "panna"
            } else {
                "kawaler"
            }
        }
        _ if age >= 70 && roll < if f { 55 } else { 30 } => {
            if f {
                "wdowa"
            } else {
                "wdowiec"
            }
        }
        _ if roll < 12 => {
            if f {
                "rozwiedziona"
            } else {
                "rozwiedziony"
            }
        }
        _ => {
            if f {
                "zamężna"
            } else {
                "żonaty"
            }
        }
    }
}

impl Generator<'_> {
    fn age(&mut self) -> u32 {
        let r: f64 = self.rng.random();
        if r < 0.14 {
            self.rng.random_range(0..=17)
        } else if r < 0.48 {
            self.rng.random_range(18..=59)
        } else if r < 0.78 {
            self.rng.random_range(60..=74)
        } else {
            75 + (self.rng.random::<f64>().powf(1.6) * 24.0) as u32
        }
    }

    fn birth_date(&mut self, age: u32) -> NaiveDate {
        let anniversary = self.today.checked_sub_months(Months::new(age * 12)).unwrap_or(self.today);
        anniversary - Days::new(self.rng.random_range(1..=364))
    }

    fn mobile(&mut self) -> String {
        let prefix = pick(&mut self.rng, MOBILE_PREFIXES);
        format!("{prefix}{:07}", self.rng.random_range(0..10_000_000))
    }

    fn phone_for(&mut self, age: u32) -> String {
        if (age < 13 && self.rng.random_bool(0.9)) || self.rng.random_bool(0.12) {
            String::new()
        } else if age >= 70 && self.rng.random_bool(0.3) {
            format!("146{:06}", self.rng.random_range(0..1_000_000))
        } else {
            self.mobile()
        }
    }

    fn place(&mut self, places: &[Place]) -> usize {
        let total: u32 = GMINAS.iter().map(|g| g.weight).sum();
        let mut roll = self.rng.random_range(0..total);
        let mut gmina = 0;
        for (i, g) in GMINAS.iter().enumerate() {
            if roll < g.weight {
                gmina = i;
                break;
            }
            roll -= g.weight;
        }
        let first = places.iter().position(|p| p.gmina == gmina).unwrap_or(0);
        first + self.rng.random_range(0..GMINAS[gmina].villages.len())
    }

    fn unique_pesel(&mut self, birth: NaiveDate, sex: Sex, taken: &mut HashSet<String>) -> Result<Pesel> {
        loop {
            let serial = self.rng.random_range(0..1000);
            let pesel = Pesel::generate(birth, serial, sex)
                .ok_or_else(|| StorageError::Invalid(format!("nie można utworzyć numeru PESEL dla daty {birth}")))?;
            if taken.insert(pesel.as_str().to_string()) {
                return Ok(pesel);
            }
        }
    }

    /// Inserts `count` residents; the first is always Łukasz Żółć, whom the search examples use.
    pub(super) fn residents(&mut self, count: usize) -> Result<Vec<Person>> {
        let places: Vec<Place> = GMINAS
            .iter()
            .enumerate()
            .flat_map(|(g, gmina)| (0..gmina.villages.len()).map(move |v| (g, v)))
            .map(|(gmina, village)| Place { gmina, village })
            .collect();
        let located = crate::storage::places::Places::load(self.tx)?;
        let mut taken = HashSet::with_capacity(count);
        let mut people = Vec::with_capacity(count);
        for n in 0..count {
            let special = n == 0;
            let age = if special { self.today.year().saturating_sub(1951).max(0) as u32 } else { self.age() };
            let female_share = if age >= 75 { 0.65 } else { 0.5 };
            let sex = if special || !self.rng.random_bool(female_share) { Sex::Male } else { Sex::Female };
            let birth =
                if special { NaiveDate::from_ymd_opt(1951, 3, 17).unwrap_or(self.today) } else { self.birth_date(age) };
            let pesel = self.unique_pesel(birth, sex, &mut taken)?;
            let family = SURNAMES[zipf(&mut self.rng, SURNAMES.len())];
            let (first, last) = if special {
                ("Łukasz".to_string(), "Żółć".to_string())
            } else {
                let first = first_name(sex, birth.year(), |len| zipf(&mut self.rng, len)).to_string();
                let mut last = surname_for(family, sex);
                if sex == Sex::Female && age >= 25 && self.rng.random_bool(0.05) {
                    let maiden = SURNAMES[zipf(&mut self.rng, SURNAMES.len())];
                    if maiden != family {
                        last = format!("{last}-{}", feminine(maiden));
                    }
                }
                (first, last)
            };
            let place_index = if special {
                places.iter().position(|p| GMINAS[p.gmina].villages[p.village].name == "Kochanówka").unwrap_or(0)
            } else {
                self.place(&places)
            };
            let place = &places[place_index];
            let village = &GMINAS[place.gmina].villages[place.village];
            let (street, house_no, flat_no) = if village.streets.is_empty() {
                (String::new(), self.rng.random_range(1..=260).to_string(), String::new())
            } else {
                let street = pick(&mut self.rng, village.streets).to_string();
                let mut house = self.rng.random_range(1..=80).to_string();
                if self.rng.random_bool(0.08) {
                    house.push('a');
                }
                let flat = if village.kind == "osiedle" && self.rng.random_bool(0.55) {
                    self.rng.random_range(1..=60).to_string()
                } else {
                    String::new()
                };
                (street, house, flat)
            };
            let phone = if special { "604118252".to_string() } else { self.phone_for(age) };
            let email = if (18..70).contains(&age) && self.rng.random_bool(0.35) {
                let number =
                    if self.rng.random_bool(0.4) { self.rng.random_range(1..100).to_string() } else { String::new() };
                let domain = pick(&mut self.rng, MAIL_DOMAINS);
                format!("{}.{}{number}@{domain}", fold(&first), fold(&last))
            } else {
                String::new()
            };
            let (occupation, employment) = occupation(&mut self.rng, age, sex);
            let marital = marital_status(&mut self.rng, age, sex);
            let household = match (age, marital) {
                (0..=17, _) => self.rng.random_range(3..=6),
                (_, "wdowa" | "wdowiec") => self.rng.random_range(1..=2),
                _ => self.rng.random_range(1..=5),
            };
            let in_pomost = self.rng.random_bool(0.07);
            let record = ResidentRecord {
                pesel: Some(pesel),
                first_name: first.clone(),
                last_name: last.clone(),
                birth_date: Some(birth),
                sex: Some(sex),
                street: street.clone(),
                house_no: house_no.clone(),
                flat_no: flat_no.clone(),
                postal_code: village.postal_code.into(),
                city: village.city.into(),
                phone: phone.clone(),
                email,
                document_no: String::new(),
            };
            let id = residents::insert_unaudited(self.tx, &self.login, &record, &located)?;
            let circumstances = Circumstances {
                occupation: occupation.into(),
                employment: employment.into(),
                marital_status: marital.into(),
                household_size: Some(household),
                in_pomost,
            };
            residents::set_circumstances(self.tx, &self.login, id, &circumstances)?;
            let address = format_address(&street, &house_no, &flat_no, village.postal_code, village.city);

            let sensitive_share = match age {
                75.. => 0.4,
                60..=74 => 0.18,
                _ => 0.05,
            };
            if special || self.rng.random_bool(sensitive_share) {
                let (disability, degree) =
                    if self.rng.random_bool(0.6) { pick(&mut self.rng, DISABILITIES) } else { ("", "") };
                let dependency = if age >= 70 { pick(&mut self.rng, DEPENDENCIES) } else { "" };
                let health = pick(&mut self.rng, HEALTH);
                let sensitive = Sensitive {
                    disability: disability.into(),
                    disability_degree: degree.into(),
                    dependency: dependency.into(),
                    health: health.into(),
                };
                residents::set_sensitive(self.tx, &self.login, id, &sensitive)?;
            }

            let rep = if age < 18 && self.rng.random_bool(0.25) {
                let mother_first = first_name(Sex::Female, birth.year() - 30, |len| zipf(&mut self.rng, len));
                Some(Representative {
                    kind: "przedstawiciel_ustawowy",
                    full_name: format!("{mother_first} {}", feminine(family)),
                    phone: self.mobile(),
                    address: address.clone(),
                })
            } else if age >= 80 && self.rng.random_bool(0.06) {
                let carer_sex = if self.rng.random_bool(0.7) { Sex::Female } else { Sex::Male };
                let carer_first = first_name(carer_sex, birth.year() + 28, |len| zipf(&mut self.rng, len));
                Some(Representative {
                    kind: "opiekun_faktyczny",
                    full_name: format!("{carer_first} {}", surname_for(family, carer_sex)),
                    phone: self.mobile(),
                    address: address.clone(),
                })
            } else {
                None
            };
            if let Some(r) = &rep {
                let note = match r.kind {
                    "przedstawiciel_ustawowy" => "matka",
                    _ => "członek rodziny, opiekuje się na co dzień",
                };
                let record = RepresentativeRecord {
                    kind: r.kind,
                    full_name: r.full_name.clone(),
                    pesel: String::new(),
                    phone: r.phone.clone(),
                    email: String::new(),
                    address: r.address.clone(),
                    note: note.into(),
                };
                card::add_representative(self.tx, &self.login, id, &record)?;
            }
            people.push(Person {
                id,
                age,
                first_name: first,
                last_name: last,
                address,
                phone,
                representative: rep,
                gmina: GMINAS[place.gmina].name,
            });
        }
        Ok(people)
    }
}
