//! The service catalogue in Open Referral HSDS 3.1 terms, so that service directories and other
//! systems can read what the centre offers: 3.1 is the version whose `capacities` and `unit`
//! this export uses, and each object follows the 3.1 schema of its kind (tested against the
//! published schemas). Identifiers are UUIDs derived from the centre's name and the row id, so
//! the same catalogue exports with the same ids every time. Times carry the centre's UTC offset
//! (Polish time, Europe/Warsaw) on the day of the export.

use crate::domain::fee::FeeKind;
use crate::i18n::Lang;
use crate::storage::base::ServiceRecord;
use crate::storage::reports::{Catalogue, CatalogueLocation};
use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;
use sha2::{Digest, Sha256};

pub const HSDS_VERSION: &str = "3.1";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Export {
    pub hsds_version: &'static str,
    pub organizations: Vec<Organization>,
    pub services: Vec<Service>,
    pub locations: Vec<Location>,
    pub service_at_locations: Vec<ServiceAtLocation>,
    pub schedules: Vec<Schedule>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Organization {
    pub id: String,
    pub name: String,
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    pub phones: Vec<Phone>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Phone {
    pub id: String,
    pub number: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Service {
    pub id: String,
    pub organization_id: String,
    pub name: String,
    pub alternate_name: String,
    pub description: String,
    /// `active`, or `temporarily closed` while the organiser has suspended it.
    pub status: &'static str,
    pub fees_description: String,
    pub eligibility_description: String,
    pub cost_options: Vec<CostOption>,
    pub capacities: Vec<ServiceCapacity>,
    pub service_areas: Vec<ServiceArea>,
    /// The service's areas and target groups as taxonomy terms.
    pub attributes: Vec<Attribute>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attribute {
    pub id: String,
    pub link_id: String,
    pub link_type: &'static str,
    pub link_entity: &'static str,
    pub taxonomy_term_id: String,
    pub taxonomy_term: TaxonomyTerm,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaxonomyTerm {
    pub id: String,
    pub code: String,
    pub name: String,
    pub description: String,
    pub taxonomy: &'static str,
    pub language: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostOption {
    pub id: String,
    pub service_id: String,
    pub currency: &'static str,
    pub amount: f64,
    pub option: String,
    pub amount_description: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceCapacity {
    pub id: String,
    pub service_id: String,
    pub unit: Unit,
    pub available: i64,
    pub maximum: i64,
    pub description: String,
    /// When the pool last changed (RFC 3339); a pool never changed since it was made has the
    /// moment of the export.
    pub updated: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unit {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceArea {
    pub id: String,
    pub service_id: String,
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Location {
    pub id: String,
    pub location_type: &'static str,
    pub name: String,
    pub addresses: Vec<Address>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Address {
    pub id: String,
    pub location_id: String,
    pub address_1: String,
    pub city: String,
    pub region: String,
    pub state_province: String,
    pub postal_code: String,
    pub country: &'static str,
    pub address_type: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceAtLocation {
    pub id: String,
    pub service_id: String,
    pub location_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Schedule {
    pub id: String,
    pub service_id: String,
    /// A closure is the service's, not a place's: it has no place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_at_location_id: Option<String>,
    pub valid_from: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<String>,
    /// Weekly hours repeat; a closure is one span of days without a rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub freq: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wkst: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub byday: Option<&'static str>,
    /// The centre's UTC offset in hours on the day of the export.
    pub timezone: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opens_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closes_at: Option<String>,
    pub description: String,
}

/// A stable UUID (RFC 9562 version 8, name-based) for a row of the catalogue.
pub fn stable_id(centre: &str, kind: &str, id: i64) -> String {
    let digest = Sha256::digest(format!("okienko\u{0}{centre}\u{0}{kind}\u{0}{id}").as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

const WEEKDAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
const WEEKDAY_NAMES: [&str; 7] = ["poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela"];

fn access_rule_text(code: &str) -> &'static str {
    match code {
        "kryteria" => "Dostęp według kryteriów Programu Usług Społecznych.",
        "odplatnosc_czesciowa" => "Dostęp otwarty, z częściową odpłatnością według Programu Usług Społecznych.",
        _ => "Dostęp otwarty dla mieszkańców.",
    }
}

fn period_text(code: &str) -> &'static str {
    match code {
        "week" => "na tydzień",
        "month" => "na miesiąc",
        "quarter" => "na kwartał",
        _ => "na rok",
    }
}

fn location_type(kind: &str) -> &'static str {
    if kind == "zdalnie" { "virtual" } else { "physical" }
}

/// Splits a Polish address written in one line, "ul. Radomska 2, 27-200 Starachowice", into the
/// street part, the postal code and the town; `None` when it holds no postal code.
fn split_address(address: &str) -> Option<(String, String, String)> {
    let chars: Vec<char> = address.chars().collect();
    let digit = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    let at = (0..chars.len().saturating_sub(5)).find(|&i| {
        digit(i)
            && digit(i + 1)
            && chars[i + 2] == '-'
            && digit(i + 3)
            && digit(i + 4)
            && digit(i + 5)
            && !digit(i + 6)
            && (i == 0 || !digit(i - 1))
    })?;
    let street: String = chars[..at].iter().collect();
    let code: String = chars[at..at + 6].iter().collect();
    let town: String = chars[at + 6..].iter().collect();
    Some((street.trim().trim_end_matches(',').trim().to_string(), code, town.trim().to_string()))
}

/// Poland's offset from UTC on `day`: +2 from the last Sunday of March to the last Sunday of
/// October (summer time, as the EU sets it), +1 otherwise.
pub fn warsaw_offset(day: NaiveDate) -> i32 {
    let last_sunday = |month: u32| {
        let next = if month == 12 { (day.year() + 1, 1) } else { (day.year(), month + 1) };
        let mut d = NaiveDate::from_ymd_opt(next.0, next.1, 1).unwrap_or(day).pred_opt().unwrap_or(day);
        while d.weekday() != Weekday::Sun {
            d = d.pred_opt().unwrap_or(d);
        }
        d
    };
    if day >= last_sunday(3) && day < last_sunday(10) { 2 } else { 1 }
}

/// The voivodeship of a Polish postal code, by its postal district (the first two digits); the
/// districts follow the voivodeships but for a few towns on their borders, set apart below.
pub fn voivodeship(postal_code: &str) -> &'static str {
    let digits: String = postal_code.chars().filter(char::is_ascii_digit).collect();
    let Some(Ok(district)) = digits.get(..2).map(str::parse::<u32>) else { return "" };
    let three = digits.get(..3).and_then(|d| d.parse::<u32>().ok()).unwrap_or(0);
    match (district, three) {
        // Radom's part of district 26 is in Mazowsze, Żywiec's part of 34 in Silesia.
        (26, 266..=269) => "mazowieckie",
        (34, 343) => "śląskie",
        (0..=9, _) => "mazowieckie",
        (10..=14, _) => "warmińsko-mazurskie",
        (15..=19, _) => "podlaskie",
        (20..=24, _) => "lubelskie",
        (25..=29, _) => "świętokrzyskie",
        (30..=34, _) => "małopolskie",
        (35..=39, _) => "podkarpackie",
        (40..=44, _) => "śląskie",
        (45..=49, _) => "opolskie",
        (50..=59, _) => "dolnośląskie",
        (60..=64, _) => "wielkopolskie",
        (65..=69, _) => "lubuskie",
        (70..=78, _) => "zachodniopomorskie",
        (80..=84, _) => "pomorskie",
        (85..=89, _) => "kujawsko-pomorskie",
        _ => "łódzkie",
    }
}

fn location(centre: &str, l: &CatalogueLocation) -> Location {
    let id = stable_id(centre, "location", l.id);
    // The address as typed wins over the village's data: a village may be a district (osiedle).
    let (address_1, postal_code, city) =
        split_address(&l.address).unwrap_or_else(|| (l.address.clone(), l.postal_code.clone(), l.locality.clone()));
    let addresses = if l.kind == "zdalnie" {
        Vec::new()
    } else {
        vec![Address {
            id: stable_id(centre, "address", l.id),
            location_id: id.clone(),
            address_1,
            city,
            region: l.gmina.clone(),
            state_province: voivodeship(&postal_code).to_string(),
            postal_code,
            country: "PL",
            address_type: "physical",
        }]
    };
    Location { id, location_type: location_type(&l.kind), name: l.name.clone(), addresses }
}

/// The taxonomies of the terms this export uses: the Act's areas of social services (art. 2
/// ust. 2) and the programme's target groups.
pub const AREA_TAXONOMY: &str = "Obszary usług społecznych (ustawa z dnia 19 lipca 2019 r., art. 2 ust. 2)";
pub const GROUP_TAXONOMY: &str = "Grupy docelowe Programu Usług Społecznych";

fn term_code(name: &str) -> String {
    crate::domain::fold::fold(name).split_whitespace().collect::<Vec<_>>().join("-")
}

fn attributes(centre: &str, service_id: &str, s: &ServiceRecord) -> Vec<Attribute> {
    let terms = s
        .areas
        .iter()
        .map(|a| ("area", a, AREA_TAXONOMY, "service_type", "Obszar usług społecznych"))
        .chain(s.target_groups.iter().map(|g| ("group", g, GROUP_TAXONOMY, "audience", "Grupa docelowa")));
    terms
        .enumerate()
        .map(|(i, (kind, name, taxonomy, link_type, what))| {
            let code = term_code(name);
            let term_id = stable_term_id(centre, kind, &code);
            Attribute {
                id: stable_id(centre, &format!("attribute/{}", s.id), i as i64),
                link_id: service_id.to_string(),
                link_type,
                link_entity: "service",
                taxonomy_term_id: term_id.clone(),
                taxonomy_term: TaxonomyTerm {
                    id: term_id,
                    code,
                    name: name.clone(),
                    description: format!("{what}: {name}."),
                    taxonomy,
                    language: "pl",
                },
            }
        })
        .collect()
}

/// A term's id depends on its name only, so every service with the same area shares the term.
fn stable_term_id(centre: &str, kind: &str, code: &str) -> String {
    let digest = Sha256::digest(code.as_bytes());
    let n = i64::from_be_bytes(digest[..8].try_into().unwrap_or([0; 8]));
    stable_id(centre, &format!("taxonomy_term/{kind}"), n)
}

fn service(centre: &str, centre_org: &str, c: &Catalogue, s: &ServiceRecord, now: &str) -> Service {
    let id = stable_id(centre, "service", s.id);
    let organization_id =
        s.default_provider_id.map_or_else(|| centre_org.to_string(), |p| stable_id(centre, "provider", p));
    // The programme in force says what residents pay; the base's own fee stands where no programme does.
    let programme_fee = c.fees.get(&s.id);
    let fee_grosze = match programme_fee {
        Some(FeeKind::Flat { grosze }) => *grosze,
        Some(_) => 0,
        None => s.fee_grosze,
    };
    let fee = match programme_fee {
        Some(kind @ FeeKind::IncomeBands(_)) => format!("{} ({}).", capitalised(&kind.describe(Lang::Pl)), s.unit),
        _ if fee_grosze == 0 => "Bezpłatna.".to_string(),
        _ => format!("{} zł za jednostkę ({}).", super::money(fee_grosze), s.unit),
    };
    // A note on a free service says it in its own words ("bezpłatnie w pilotażu").
    let fees_description = match (s.fee_note.is_empty(), fee_grosze, programme_fee) {
        (true, _, _) | (false, _, Some(FeeKind::IncomeBands(_))) => fee,
        (false, 0, _) => s.fee_note.clone(),
        (false, _, _) => format!("{fee} {}", s.fee_note),
    };
    let mut eligibility = access_rule_text(&s.access_rule).to_string();
    if !s.target_groups.is_empty() {
        eligibility.push_str(&format!(" Dla: {}.", s.target_groups.join(", ")));
    }
    let cost_options = if fee_grosze > 0 {
        vec![CostOption {
            id: stable_id(centre, "cost_option", s.id),
            service_id: id.clone(),
            currency: "PLN",
            amount: fee_grosze as f64 / 100.0,
            option: s.unit.clone(),
            amount_description: fees_description.clone(),
        }]
    } else {
        Vec::new()
    };
    let capacities = c
        .capacities
        .iter()
        .filter(|p| p.service_id == s.id)
        .map(|p| ServiceCapacity {
            id: stable_id(centre, "capacity", p.pool_id),
            service_id: id.clone(),
            unit: Unit { id: stable_id(centre, "unit", s.id), name: p.unit.clone() },
            available: p.available,
            maximum: p.limit,
            description: format!(
                "{} {} {} (okres {})",
                p.limit,
                p.unit,
                period_text(p.period_kind.code()),
                p.period_label
            ),
            updated: rfc3339(&p.updated_at).unwrap_or_else(|| now.to_string()),
        })
        .collect();
    let service_areas = c
        .service_gminas
        .get(&s.id)
        .unwrap_or(&c.gminas)
        .iter()
        .enumerate()
        .map(|(i, g)| ServiceArea {
            id: stable_id(centre, &format!("service_area/{}", s.id), i as i64),
            service_id: id.clone(),
            name: g.clone(),
            description: format!("Gmina {g}"),
        })
        .collect();
    Service {
        organization_id,
        name: s.name.clone(),
        alternate_name: s.code.clone(),
        description: s.description.clone(),
        status: if s.suspended { "temporarily closed" } else { "active" },
        fees_description,
        eligibility_description: eligibility,
        cost_options,
        capacities,
        service_areas,
        attributes: attributes(centre, &id, s),
        last_modified: rfc3339(&s.updated_at),
        id,
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn provider_description(kind: &str) -> &'static str {
    match kind {
        "cus" => "Zespół Centrum Usług Społecznych.",
        "jednostka_gminy" => "Jednostka organizacyjna gminy.",
        "ngo" => "Organizacja pozarządowa, partner Centrum Usług Społecznych.",
        "pes" => "Podmiot ekonomii społecznej, partner Centrum Usług Społecznych.",
        _ => "Firma, realizator usług na zlecenie Centrum Usług Społecznych.",
    }
}

/// A stored timestamp as RFC 3339, or `None` when it is not one.
fn rfc3339(stamp: &str) -> Option<String> {
    chrono::DateTime::parse_from_rfc3339(stamp).ok().map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

/// "08:00" with the offset: "08:00+01:00".
fn with_offset(time: &str, offset: i32) -> String {
    format!("{}+{offset:02}:00", time.get(..5).unwrap_or(time))
}

/// The whole catalogue on `day`: the centre and its providers as organisations, services with
/// fees, eligibility, capacity and taxonomy terms, the places and their weekly opening hours.
pub fn export(c: &Catalogue, day: NaiveDate) -> Export {
    let centre = c.centre_name.as_str();
    let offset = warsaw_offset(day);
    let now = format!("{day}T00:00:00+{offset:02}:00");
    let centre_org = stable_id(centre, "centre", 1);
    let phones = |key: &str, id: i64, number: &str| {
        if number.is_empty() {
            Vec::new()
        } else {
            vec![Phone { id: stable_id(centre, key, id), number: number.into() }]
        }
    };
    let mut organizations = vec![Organization {
        id: centre_org.clone(),
        name: c.centre_name.clone(),
        description: match &c.programme {
            Some(p) => format!("Centrum Usług Społecznych. {} Realizuje: {p}.", c.centre_address),
            None => format!("Centrum Usług Społecznych. {}", c.centre_address),
        }
        .trim()
        .to_string(),
        email: (!c.centre_email.is_empty()).then(|| c.centre_email.clone()),
        phones: phones("centre_phone", 1, &c.centre_phone),
    }];
    organizations.extend(c.providers.iter().map(|p| Organization {
        id: stable_id(centre, "provider", p.id),
        name: p.name.clone(),
        description: provider_description(&p.kind).into(),
        email: (!p.email.is_empty()).then(|| p.email.clone()),
        phones: phones("provider_phone", p.id, &p.phone),
    }));
    let services = c.services.iter().map(|s| service(centre, &centre_org, c, s, &now)).collect();
    // Services delivered at the resident's home have no place to list; their reach is the service areas.
    let places: Vec<&CatalogueLocation> = c.locations.iter().filter(|l| l.kind != "dom").collect();
    let locations = places.iter().map(|l| location(centre, l)).collect();
    let mut pairs: Vec<(i64, i64)> = c
        .hours
        .iter()
        .filter(|h| places.iter().any(|l| l.id == h.location_id))
        .map(|h| (h.service_id, h.location_id))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let sal_id = |service: i64, location: i64| stable_id(centre, &format!("service_at_location/{service}"), location);
    let service_at_locations = pairs
        .iter()
        .map(|&(s, l)| ServiceAtLocation {
            id: sal_id(s, l),
            service_id: stable_id(centre, "service", s),
            location_id: stable_id(centre, "location", l),
        })
        .collect();
    let mut schedules: Vec<Schedule> = c
        .hours
        .iter()
        .filter(|h| pairs.contains(&(h.service_id, h.location_id)))
        .filter_map(|h| {
            let day = h.weekday.checked_sub(1)? as usize;
            let byday = WEEKDAYS.get(day)?;
            let day_name = WEEKDAY_NAMES.get(day)?;
            let holidays = if h.on_holidays {
                "także w dni ustawowo wolne od pracy"
            } else {
                "nieczynne w dni ustawowo wolne od pracy"
            };
            Some(Schedule {
                id: stable_id(centre, "schedule", h.id),
                service_id: stable_id(centre, "service", h.service_id),
                location_id: Some(stable_id(centre, "location", h.location_id)),
                service_at_location_id: Some(sal_id(h.service_id, h.location_id)),
                valid_from: h.valid_from.clone(),
                valid_to: h.valid_to.clone(),
                freq: Some("WEEKLY"),
                wkst: Some("MO"),
                byday: Some(byday),
                timezone: f64::from(offset),
                opens_at: Some(with_offset(&h.opens, offset)),
                closes_at: Some(with_offset(&h.closes, offset)),
                description: format!("{day_name} {}–{} ({holidays})", h.opens, h.closes),
            })
        })
        .collect();
    schedules.extend(c.closures.iter().map(|closure| Schedule {
        id: stable_id(centre, "closure", closure.id),
        service_id: stable_id(centre, "service", closure.service_id),
        location_id: None,
        service_at_location_id: None,
        valid_from: closure.days.start.to_string(),
        valid_to: Some(closure.days.end.to_string()),
        freq: None,
        wkst: None,
        byday: None,
        timezone: f64::from(offset),
        opens_at: None,
        closes_at: None,
        description: format!("Usługa nieczynna od {} do {}: {}", closure.days.start, closure.days.end, closure.reason),
    }));
    Export { hsds_version: HSDS_VERSION, organizations, services, locations, service_at_locations, schedules }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_a_one_line_polish_address() {
        assert_eq!(
            split_address("ul. Stefana Batorego 13, 39-200 Dębica"),
            Some(("ul. Stefana Batorego 13".into(), "39-200".into(), "Dębica".into()))
        );
        assert_eq!(split_address("ul. Radomska 2"), None);
        assert_eq!(
            split_address("Kochanówka 12, 39-207 Brzeźnica"),
            Some(("Kochanówka 12".into(), "39-207".into(), "Brzeźnica".into()))
        );
    }

    #[test]
    fn polish_time_is_summer_time_between_the_last_sundays_of_march_and_october() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(warsaw_offset(d("2026-03-28")), 1);
        assert_eq!(warsaw_offset(d("2026-03-29")), 2);
        assert_eq!(warsaw_offset(d("2026-10-24")), 2);
        assert_eq!(warsaw_offset(d("2026-10-25")), 1);
        assert_eq!(warsaw_offset(d("2026-12-01")), 1);
    }

    #[test]
    fn postal_codes_name_their_voivodeship() {
        assert_eq!(voivodeship("39-200"), "podkarpackie");
        assert_eq!(voivodeship("27-200"), "świętokrzyskie");
        assert_eq!(voivodeship("26-600"), "mazowieckie");
        assert_eq!(voivodeship("00-001"), "mazowieckie");
        assert_eq!(voivodeship(""), "");
    }

    #[test]
    fn stable_ids_are_uuids_that_repeat() {
        let a = stable_id("CUS", "service", 7);
        assert_eq!(a, stable_id("CUS", "service", 7));
        assert_ne!(a, stable_id("CUS", "service", 8));
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "8");
    }
}
