//! The Karta Usługi: one service of the programme on one sheet, as a centre posts it and hands it
//! to residents — what it is, for whom, how to get it, what it costs, where and when, who
//! provides it and how much of it is left in the current period.

use super::document::{Block, Document, Table, polish_date};
use super::{or_dash, quantity};
use crate::storage::reports::Catalogue;
use chrono::NaiveDate;

const WEEKDAYS: [&str; 7] = ["poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela"];

fn access(code: &str) -> &'static str {
    match code {
        "kryteria" => "według kryteriów Programu Usług Społecznych",
        "odplatnosc_czesciowa" => "otwarty, z częściową odpłatnością według Programu Usług Społecznych",
        _ => "otwarty dla mieszkańców",
    }
}

fn form(code: &str) -> &'static str {
    match code {
        "grupowa" => "grupowa",
        "indywidualna_i_grupowa" => "indywidualna i grupowa",
        _ => "indywidualna",
    }
}

/// The card of the service with `code`, or `None` when the catalogue has no such service.
pub fn service_card(c: &Catalogue, code: &str, today: NaiveDate) -> Option<Document> {
    let s = c.services.iter().find(|s| s.code == code)?;
    let mut doc = Document::new(format!("Karta usługi {}", s.code));
    doc.push(Block::Centred(c.centre_name.clone()));
    if !c.centre_address.is_empty() {
        doc.push(Block::Centred(c.centre_address.clone()));
    }
    doc.push(Block::Gap);
    doc.push(Block::Title("KARTA USŁUGI".into()));
    doc.push(Block::Centred(s.name.clone()));
    if s.suspended {
        doc.mark = Some("USŁUGA ZAWIESZONA".into());
    }
    let provider = s
        .default_provider_id
        .and_then(|id| c.providers.iter().find(|p| p.id == id))
        .map_or_else(|| c.centre_name.clone(), |p| p.name.clone());
    let fee = if s.fee_grosze == 0 {
        "bezpłatna".to_string()
    } else {
        format!("{} zł za: {}", quantity::money(s.fee_grosze), s.unit)
    };
    let mut t = Table::pairs();
    t.row(vec!["Kod usługi".into(), s.code.clone()]);
    t.row(vec!["Opis".into(), or_dash(&s.description)]);
    t.row(vec![
        "Dla kogo".into(),
        if s.target_groups.is_empty() { "mieszkańcy".into() } else { s.target_groups.join(", ") },
    ]);
    t.row(vec!["Obszar".into(), if s.areas.is_empty() { "—".into() } else { s.areas.join(", ") }]);
    t.row(vec!["Dostęp".into(), access(&s.access_rule).into()]);
    t.row(vec!["Forma".into(), form(&s.form).into()]);
    t.row(vec!["Jednostka".into(), s.unit.clone()]);
    let fee = match (s.fee_grosze, s.fee_note.trim()) {
        (_, "") => fee,
        (0, note) => note.to_string(),
        (_, note) => format!("{fee} ({note})"),
    };
    t.row(vec!["Odpłatność".into(), fee]);
    t.row(vec!["Realizator".into(), provider]);
    if s.delivery_days > 0 {
        t.row(vec!["Czas do rozpoczęcia".into(), format!("do {} dni od zakwalifikowania", s.delivery_days)]);
    }
    doc.push(Block::Table(t));

    doc.push(Block::Heading("Gdzie i kiedy".into()));
    let mut hours = Table::new(&[("Miejsce", 5.0), ("Dzień", 2.0), ("Godziny", 2.0), ("Obowiązuje", 3.0)]);
    for h in c.hours.iter().filter(|h| h.service_id == s.id) {
        let place = c.locations.iter().find(|l| l.id == h.location_id).map_or_else(String::new, |l| {
            if l.address.is_empty() { l.name.clone() } else { format!("{}, {}", l.name, l.address) }
        });
        let day = h.weekday.checked_sub(1).and_then(|d| WEEKDAYS.get(d as usize)).copied().unwrap_or("");
        let from =
            NaiveDate::parse_from_str(&h.valid_from, "%Y-%m-%d").map_or_else(|_| h.valid_from.clone(), polish_date);
        let valid = match h.valid_to.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()) {
            Some(to) => format!("od {from} do {}", polish_date(to)),
            None => format!("od {from}"),
        };
        hours.row(vec![place, day.into(), format!("{}–{}", h.opens, h.closes), valid]);
    }
    if hours.rows.is_empty() {
        hours.row(vec![
            "u osoby korzystającej lub po uzgodnieniu z koordynatorem".into(),
            "—".into(),
            "—".into(),
            "—".into(),
        ]);
    }
    doc.push(Block::Table(hours));

    let pools: Vec<_> = c.capacities.iter().filter(|p| p.service_id == s.id).collect();
    if !pools.is_empty() {
        doc.push(Block::Heading(format!("Dostępność na dzień {}", polish_date(today))));
        let mut t = Table::new(&[("Okres", 3.0), ("Limit", 3.0), ("Dostępne", 3.0)]);
        for p in pools {
            let n = |v: i64| quantity::units(u32::try_from(v.max(0)).unwrap_or(u32::MAX), &p.unit);
            t.row(vec![p.period_label.clone(), n(p.limit), n(p.available)]);
        }
        doc.push(Block::Table(t));
    }
    doc.push(Block::Gap);
    doc.push(Block::Small(
        "Wniosek o usługę można złożyć osobiście w centrum, pisemnie, telefonicznie, pocztą elektroniczną lub przez \
         ePUAP. Kwalifikowanie odbywa się według Programu Usług Społecznych; odmowa zakwalifikowania wymaga decyzji \
         administracyjnej, od której przysługuje odwołanie."
            .into(),
    ));
    Some(doc)
}
