//! The service catalogue in Open Referral HSDS 3 terms, so that service directories and other
//! systems can read what the centre offers. Identifiers are UUIDs derived from the centre's
//! name and the row id, so the same catalogue exports with the same ids every time.

use crate::domain::fee::FeeKind;
use crate::i18n::Lang;
use crate::storage::base::ServiceRecord;
use crate::storage::reports::{Catalogue, CatalogueLocation};
use serde::Serialize;
use sha2::{Digest, Sha256};

pub const HSDS_VERSION: &str = "3.0";

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
    /// `active`, or `inactive` while the organiser has suspended it.
    pub status: &'static str,
    pub fees_description: String,
    pub eligibility_description: String,
    pub cost_options: Vec<CostOption>,
    pub capacities: Vec<ServiceCapacity>,
    pub service_areas: Vec<ServiceArea>,
    pub last_modified: String,
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
    pub extent_type: &'static str,
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
    pub location_id: String,
    pub service_at_location_id: String,
    pub valid_from: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<String>,
    pub freq: &'static str,
    pub byday: &'static str,
    pub opens_at: String,
    pub closes_at: String,
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
            state_province: String::new(),
            postal_code,
            country: "PL",
            address_type: "physical",
        }]
    };
    Location { id, location_type: location_type(&l.kind), name: l.name.clone(), addresses }
}

fn service(centre: &str, centre_org: &str, c: &Catalogue, s: &ServiceRecord) -> Service {
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
            updated: p.updated_at.clone(),
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
            extent_type: "other",
        })
        .collect();
    Service {
        organization_id,
        name: s.name.clone(),
        alternate_name: s.code.clone(),
        description: s.description.clone(),
        status: if s.suspended { "inactive" } else { "active" },
        fees_description,
        eligibility_description: eligibility,
        cost_options,
        capacities,
        service_areas,
        last_modified: s.updated_at.clone(),
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

/// The whole catalogue: the centre and its providers as organisations, services with fees,
/// eligibility and capacity, the places and their weekly opening hours.
pub fn export(c: &Catalogue) -> Export {
    let centre = c.centre_name.as_str();
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
    let services = c.services.iter().map(|s| service(centre, &centre_org, c, s)).collect();
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
    let schedules = c
        .hours
        .iter()
        .filter(|h| pairs.contains(&(h.service_id, h.location_id)))
        .filter_map(|h| {
            let day = h.weekday.checked_sub(1)? as usize;
            let byday = WEEKDAYS.get(day)?;
            let day_name = WEEKDAY_NAMES.get(day)?;
            Some(Schedule {
                id: stable_id(centre, "schedule", h.id),
                service_id: stable_id(centre, "service", h.service_id),
                location_id: stable_id(centre, "location", h.location_id),
                service_at_location_id: sal_id(h.service_id, h.location_id),
                valid_from: h.valid_from.clone(),
                valid_to: h.valid_to.clone(),
                freq: "WEEKLY",
                byday,
                opens_at: h.opens.clone(),
                closes_at: h.closes.clone(),
                description: format!("{day_name} {}–{}", h.opens, h.closes),
            })
        })
        .collect();
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
    fn stable_ids_are_uuids_that_repeat() {
        let a = stable_id("CUS", "service", 7);
        assert_eq!(a, stable_id("CUS", "service", 7));
        assert_ne!(a, stable_id("CUS", "service", 8));
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "8");
    }
}
