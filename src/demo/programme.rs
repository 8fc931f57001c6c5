//! The demo centre set up the way a real one is, through the same storage functions as
//! `okienko centre set`, `gmina …`, `programme …`, `contract add`, `partner add`, `meeting add`,
//! `volunteer add` and `income add`: its details, the partnership's places, the programme with
//! its fees, contract prices, partners, meetings, volunteers and residents' income declarations.

use super::catalogue::{self, GMINAS, PROVIDERS, SERVICES};
use super::{Generator, pick};
use crate::domain::fee::parse_bands;
use crate::storage::centre::{self, CentreChanges, FeeInput, ProgrammeChanges};
use crate::storage::partners::{self, ContractInput, MeetingInput, VolunteerInput};
use crate::storage::{Result, StorageError, places};
use chrono::{Datelike, Days, Months, NaiveDate};
use rand::Rng;
use std::collections::BTreeMap;

const CENTRE_EMAIL: &str = "sekretariat@cus-debica.example.pl";
const CENTRE_DIRECTOR: &str = "Elżbieta Kozłowska";
const CENTRE_REGON: &str = "380523479";
const CENTRE_APPEAL_BODY: &str = "Samorządowe Kolegium Odwoławcze w Rzeszowie";
const PROGRAMME_NAME: &str = "Program Usług Społecznych „Model Usług Społecznych w Gminie Dębica”";

/// Each gmina's council resolution adopting the programme, and how many days before its start.
/// The number's year is the year it was adopted.
const RESOLUTIONS: &[(&str, &str, &str, u64)] = &[
    ("Miasto Dębica", "XXVIII/301", "Rady Miejskiej w Dębicy", 37),
    ("Gmina Dębica", "XXXIV/412", "Rady Gminy Dębica", 35),
    ("Gmina Żyraków", "XXI/188", "Rady Gminy Żyraków", 30),
];

/// Contract price per unit in grosze; services the centre delivers itself have no contract.
const PRICES: &[(&str, i64)] = &[
    ("KAL", 4_000),
    ("KR", 6_000),
    ("TR", 15_000),
    ("PSY", 12_000),
    ("MED", 15_000),
    ("PFIZ", 9_000),
    ("UZAL", 12_000),
    ("WYP", 3_000),
    ("ASYST", 4_500),
    ("PIEL", 8_000),
    ("SUO", 4_200),
    ("DDS", 6_500),
    ("ZR", 5_000),
    ("DTD", 2_500),
    ("UO", 3_500),
    ("TAXI", 2_000),
    ("FIZ", 9_000),
    ("MCH-S", 450_000),
    ("MCH-K", 450_000),
    ("ZLOB", 9_000),
    ("BROK", 3_000),
    ("GW", 2_000),
    ("ZDR", 5_000),
    ("KULT", 2_500),
    ("SPORT", 1_500),
    ("ANIM", 20_000),
];

/// Services the programme charges for; every other one is free.
const FEES: &[(&str, Fee)] = &[
    ("SUO", Fee::Bands("100:0,150:10,200:30,*:50")),
    ("DDS", Fee::Bands("150:0,250:15,*:30")),
    ("UO", Fee::Bands("150:0,200:10,250:50,*:100")),
    ("MCH-S", Fee::Flat(30_000)),
];

enum Fee {
    Bands(&'static str),
    Flat(i64),
}

const DISCOUNTS: &[(&str, &str, u32)] = &[
    ("kdr", "Karta Dużej Rodziny", 50),
    ("niepelnosprawnosc", "orzeczenie o znacznym stopniu niepełnosprawności", 30),
];

/// Limited to the residents of the gminas that pay for them.
const LIMITED: &[(&str, &[&str])] = &[("DTD", &["Gmina Dębica"]), ("ZLOB", &["Miasto Dębica"])];

/// Whether residents of `gmina` may be granted the service with `code`.
pub(super) fn open_to(code: &str, gmina: &str) -> bool {
    LIMITED.iter().find(|(c, _)| *c == code).is_none_or(|(_, gminas)| gminas.contains(&gmina))
}

/// Partner institutions and teams; the names the demo's forwarded applications go to.
const PARTNERS: &[(&str, &str, &str, &str)] = &[
    (
        "Powiatowy Urząd Pracy w Dębicy",
        "pup",
        "tel. 146803200, ul. Cmentarna 10, 39-200 Dębica",
        "rejestracja bezrobotnych, zasiłki, szkolenia, staże",
    ),
    (
        "Powiatowe Centrum Pomocy Rodzinie w Dębicy",
        "pcpr",
        "tel. 146806510, ul. Parkowa 28, 39-200 Dębica",
        "piecza zastępcza, turnusy rehabilitacyjne, dofinansowania PFRON",
    ),
    (
        "Gminna Komisja Rozwiązywania Problemów Alkoholowych",
        "zespol",
        "tel. 146702190, ul. Stefana Batorego 13, 39-200 Dębica",
        "uzależnienia, wnioski o leczenie odwykowe",
    ),
    (
        "Zespół pomocy społecznej CUS",
        "ops",
        "tel. 146702120, ul. Stefana Batorego 13, 39-200 Dębica",
        "zasiłki stałe, okresowe i celowe, praca socjalna",
    ),
    (
        "Referat Świadczeń Urzędu Gminy Dębica",
        "inna",
        "tel. 146704355, ul. Stefana Batorego 13, 39-200 Dębica",
        "dodatki mieszkaniowe i energetyczne",
    ),
    (
        "Zespół Interdyscyplinarny Gminy Dębica",
        "zespol",
        "tel. 146702195, ul. Stefana Batorego 13, 39-200 Dębica",
        "przeciwdziałanie przemocy domowej, procedura Niebieskiej Karty",
    ),
];

/// Volunteers: name, organisation, months since they started, months since they stopped, hours.
const VOLUNTEERS: &[(&str, &str, u32, Option<u32>, i64)] = &[
    ("Halina Kurek", "Fundacja „Aktywni Razem”", 14, None, 160),
    ("Tomasz Bieniek", "Fundacja „Aktywni Razem”", 9, None, 72),
    ("Julia Skrzypek", "Stowarzyszenie „Razem dla Rodziny”", 5, None, 48),
    ("Wiktoria Mucha", "Stowarzyszenie „Razem dla Rodziny”", 2, None, 12),
    ("Stanisław Gąsior", "Centrum Usług Społecznych w Dębicy", 20, Some(8), 210),
    ("Oliwia Płaza", "Centrum Usług Społecznych w Dębicy", 1, None, 6),
];

impl Generator<'_> {
    pub(super) fn centre(&mut self) -> Result<()> {
        let changes = CentreChanges {
            name: Some(catalogue::CENTRE_NAME.into()),
            address: Some(catalogue::CENTRE_ADDRESS.into()),
            phone: Some(catalogue::CENTRE_PHONE.into()),
            email: Some(CENTRE_EMAIL.into()),
            director: Some(CENTRE_DIRECTOR.into()),
            regon: Some(CENTRE_REGON.into()),
            appeal_body: Some(CENTRE_APPEAL_BODY.into()),
        };
        centre::create(self.tx, catalogue::CENTRE_NAME)?;
        centre::set_centre(self.tx, &self.login, &changes)?;
        centre::mark_training(self.tx)
    }

    /// Gminas, their villages and osiedla, and the streets of the osiedla.
    pub(super) fn gminas(&mut self) -> Result<()> {
        for g in GMINAS {
            let gmina_id = places::add_gmina(self.tx, &self.login, g.name, "")?;
            for v in g.villages {
                let input = places::VillageInput {
                    name: v.name.into(),
                    kind: v.kind.into(),
                    postal_code: v.postal_code.into(),
                    teryt: String::new(),
                };
                let village_id = places::add_village(self.tx, &self.login, gmina_id, &input)?;
                self.village_ids.push(village_id);
                for street in v.streets {
                    places::add_street(self.tx, &self.login, gmina_id, Some(village_id), street, v.postal_code, "")?;
                }
            }
        }
        Ok(())
    }

    fn programme_period(&self) -> (NaiveDate, NaiveDate) {
        let start = NaiveDate::from_ymd_opt(self.today.year() - 1, 1, 1).unwrap_or(self.today);
        let end = NaiveDate::from_ymd_opt(self.today.year() + 1, 12, 31).unwrap_or(self.today);
        (start, end)
    }

    /// The programme with its resolutions, services, fees and discounts, the contracts with the
    /// providers, and the services limited to some gminas.
    pub(super) fn programme(&mut self) -> Result<()> {
        let (start, end) = self.programme_period();
        let changes = ProgrammeChanges {
            name: Some(PROGRAMME_NAME.into()),
            starts_on: Some(start),
            ends_on: Some(end),
            budget_grosze: Some(420_000_000),
            criterion_single_grosze: Some(101_000),
            criterion_family_grosze: Some(82_300),
            declaration_months: Some(12),
        };
        let programme_id = centre::add_programme(self.tx, &self.login, &changes)?;
        for (gmina, number, council, days_before) in RESOLUTIONS {
            let gmina_id = places::resolve_gmina(self.tx, gmina)?;
            let adopted_on = start - Days::new(*days_before);
            let number = format!("Uchwała nr {number}/{} {council}", adopted_on.year());
            centre::set_resolution(self.tx, &self.login, programme_id, gmina_id, &number, adopted_on)?;
        }
        for (code, name, percent_off) in DISCOUNTS {
            centre::set_discount(self.tx, &self.login, programme_id, code, name, *percent_off)?;
        }
        for (s, &service_id) in SERVICES.iter().zip(&self.service_ids) {
            let fee = match FEES.iter().find(|(code, _)| *code == s.code).map(|(_, f)| f) {
                None => FeeInput::Free,
                Some(Fee::Flat(g)) => FeeInput::Flat(*g),
                Some(Fee::Bands(text)) => FeeInput::Bands(parse_bands(text).map_err(StorageError::Invalid)?),
            };
            let planned = if s.form == "grupowa" { 80 } else { 30 };
            centre::set_service(self.tx, &self.login, programme_id, service_id, planned, &fee)?;
            let Some(&(_, price)) = PRICES.iter().find(|(code, _)| *code == s.code) else { continue };
            for (n, &provider) in s.providers.iter().enumerate() {
                let contract = ContractInput {
                    provider_id: self.provider_ids[provider],
                    service_id,
                    number: format!("CUS.272.{}.{}", service_id * 10 + n as i64, start.year()),
                    // A second provider of the same service was contracted a little dearer.
                    unit_price_grosze: price + price * n as i64 / 20,
                    starts_on: start,
                    ends_on: end,
                };
                partners::add_contract(self.tx, &self.login, &contract)?;
            }
        }
        for (code, names) in LIMITED {
            let Some(i) = SERVICES.iter().position(|s| s.code == *code) else { continue };
            let ids = names.iter().map(|g| places::resolve_gmina(self.tx, g)).collect::<Result<Vec<_>>>()?;
            places::limit_service(self.tx, &self.login, self.service_ids[i], &ids)?;
        }
        Ok(())
    }

    pub(super) fn volunteers(&mut self) -> Result<()> {
        let months_ago = |n: u32| self.today.checked_sub_months(Months::new(n)).unwrap_or(self.today);
        for (name, organisation, from, to, hours) in VOLUNTEERS {
            let input = VolunteerInput {
                name: (*name).into(),
                organisation: (*organisation).into(),
                from_on: Some(months_ago(*from)),
                to_on: to.map(months_ago),
                hours: *hours,
            };
            partners::add_volunteer(self.tx, &self.login, &input)?;
        }
        Ok(())
    }

    /// Partners, before the cases: an application forwarded to one of them is a referral to it.
    pub(super) fn partners(&mut self) -> Result<()> {
        for (name, kind, contact, handles) in PARTNERS {
            partners::add_partner(self.tx, &self.login, name, kind, contact, handles)?;
        }
        Ok(())
    }

    /// The organiser's meetings with the coordinators over the last year, each within 3 months
    /// of the one before; the latest some weeks ago, so the next is due soon.
    pub(super) fn meetings(&mut self) -> Result<()> {
        let coordinators: Vec<&str> = catalogue::STAFF
            .iter()
            .filter(|s| s.3.contains(&"koordynator") || s.3.contains(&"organizator"))
            .map(|s| s.1)
            .collect();
        let invited: Vec<&str> = PROVIDERS.iter().skip(5).map(|p| p.name).collect();
        for back in [4u64, 3, 2, 1] {
            let held_on = self.today - Days::new(back * 85 - 30);
            let existing: Vec<String> =
                self.drafted.iter().filter(|(on, _)| *on <= held_on).map(|(_, number)| number.clone()).collect();
            let plans: Vec<&str> = if existing.is_empty() {
                Vec::new()
            } else {
                (0..3).map(|_| existing[self.rng.random_range(0..existing.len())].as_str()).collect()
            };
            let cases = if plans.is_empty() {
                "organizacja pracy koordynatorów".to_string()
            } else {
                format!("plany {}: przebieg, terminy monitoringu", plans.join(", "))
            };
            let input = MeetingInput {
                held_on: Some(held_on),
                attended: coordinators.join(", "),
                cases,
                providers_invited: pick(&mut self.rng, &invited).to_string(),
            };
            partners::add_meeting(self.tx, &self.login, &input)?;
        }
        Ok(())
    }

    /// Income declarations of most residents with a plan line of a paid service, made shortly
    /// before the line starts; a few show a Karta Dużej Rodziny or a disability certificate.
    pub(super) fn declarations(&mut self) -> Result<()> {
        let paid: Vec<i64> = FEES
            .iter()
            .filter_map(|(code, _)| SERVICES.iter().position(|s| s.code == *code))
            .map(|i| self.service_ids[i])
            .collect();
        let mut residents: BTreeMap<i64, NaiveDate> = BTreeMap::new();
        for &(resident, _, starts) in self.planned.iter().filter(|(_, service, _)| paid.contains(service)) {
            let first = residents.entry(resident).or_insert(starts);
            *first = (*first).min(starts);
        }
        for (resident_id, starts) in residents {
            if !self.rng.random_bool(0.85) {
                continue;
            }
            let (programme_start, _) = self.programme_period();
            let declared_on = (starts - Days::new(self.rng.random_range(3..20))).min(self.today).max(programme_start);
            let household: u32 = pick(&mut self.rng, &[1, 1, 1, 2, 2, 3, 4, 5]);
            let criterion: i64 = if household == 1 { 101_000 } else { 82_300 };
            let income = criterion * self.rng.random_range(40..320) / 100;
            let mut categories = Vec::new();
            if household >= 3 && self.rng.random_bool(0.6) {
                categories.push("kdr".to_string());
            }
            if self.rng.random_bool(0.15) {
                categories.push("niepelnosprawnosc".to_string());
            }
            centre::add_declaration(self.tx, &self.login, resident_id, declared_on, income, household, &categories)?;
        }
        Ok(())
    }
}
