//! `okienko find`: the resident lookup without the full screen, for scripts and for terminals
//! that cannot show the desk.

use super::Session;
use crate::config;
use crate::domain::pesel::{Pesel, mask_ascii};
use crate::domain::resident::format_address;
use crate::domain::roles::Permission;
use crate::domain::text::{display_safe, format_phone};
use crate::i18n::desk::{Strings, Text};
use crate::search::{Count, Searcher, Tier};
use crate::storage::audit::{self, AuditAction};
use crate::storage::residents::SearchRow;
use anyhow::{Result, bail};
use chrono::NaiveDate;
use clap::Args;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

#[derive(Debug, Args)]
pub struct FindArgs {
    /// Nazwisko, imię, adres, PESEL lub telefon, w dowolnej kolejności · surname, first name,
    /// address, PESEL or phone, in any order
    #[arg(required = true, num_args = 1.., value_name = "QUERY")]
    query: Vec<String>,
    /// Najwyżej tylu wyników · at most this many results
    #[arg(long, default_value_t = 20, value_name = "N", value_parser = crate::domain::limits::arg_rows)]
    limit: usize,
    /// Wynik jako JSON · print JSON
    #[arg(long)]
    json: bool,
    /// Pokaż pełny PESEL (zapisywane w dzienniku) · show the whole PESEL (audited)
    #[arg(long)]
    reveal: bool,
}

/// One found resident as printed, every text already safe for a terminal.
#[derive(Debug, Serialize)]
struct Found {
    id: i64,
    first_name: String,
    last_name: String,
    pesel: String,
    birth_date: Option<NaiveDate>,
    #[serde(skip)]
    age: Option<u32>,
    address: String,
    phone: String,
    tier: &'static str,
}

fn tier_code(tier: Tier) -> &'static str {
    match tier {
        Tier::Gmina => "gmina",
        Tier::Exact => "exact",
        Tier::Surname => "surname",
        Tier::FirstName => "first_name",
        Tier::Address => "address",
        Tier::Digits => "digits",
        Tier::Fuzzy => "fuzzy",
        Tier::Sounds => "sounds_alike",
    }
}

fn safe(text: &str) -> String {
    display_safe(text).into_owned()
}

/// The birth date as stored, or else as the PESEL gives it.
fn birth_date(conn: &Connection, row: &SearchRow) -> Result<Option<NaiveDate>> {
    let stored: Option<String> = conn
        .prepare_cached("SELECT birth_date FROM resident WHERE id = ?1")?
        .query_row([row.id], |r| r.get(0))
        .optional()?
        .flatten();
    let from_pesel = || Pesel::parse(&row.pesel).ok().map(|p| p.birth_date());
    Ok(stored.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok()).or_else(from_pesel))
}

fn found(conn: &Connection, row: &SearchRow, tier: Tier, reveal: bool, today: NaiveDate) -> Result<Found> {
    let birth_date = birth_date(conn, row)?;
    Ok(Found {
        id: row.id,
        first_name: safe(&row.first_name),
        last_name: safe(&row.last_name),
        pesel: safe(&if reveal { row.pesel.clone() } else { mask_ascii(&row.pesel) }),
        birth_date,
        age: birth_date.and_then(|b| today.years_since(b)),
        address: safe(&format_address(&row.street, &row.house_no, &row.flat_no, &row.postal_code, &row.city)),
        phone: safe(&row.phone),
        tier: tier_code(tier),
    })
}

pub fn run(session: &mut Session, args: FindArgs) -> Result<()> {
    let me = session.me.clone();
    me.require(Permission::SearchResidents)?;
    if args.reveal {
        me.require(Permission::RevealPesel)?;
    }
    let query = args.query.join(" ");
    if query.trim().is_empty() {
        bail!(crate::i18n::cli::query_needed());
    }
    let results = Searcher::default().search(session.db.conn(), &query, args.limit)?;
    if results.pesel_check_failed {
        eprintln!("PESEL: {}", Strings::new(crate::i18n::current()).get(Text::PeselNearest));
    }
    if args.reveal {
        let revealed: Vec<i64> = results.rows.iter().filter(|row| !row.pesel.is_empty()).map(|row| row.id).collect();
        session.db.write(|tx| {
            for id in &revealed {
                audit::append(tx, &me.login, AuditAction::FindReveal, Some(*id), &format!("resident:{id}"), "find")?;
            }
            Ok(())
        })?;
    }
    let today = config::today();
    let conn = session.db.conn();
    let found: Vec<Found> = results
        .rows
        .iter()
        .zip(&results.hits)
        .map(|(row, hit)| found(conn, row, hit.tier, args.reveal, today))
        .collect::<Result<_>>()?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&found)?);
    } else {
        print_table(&found, results.total);
    }
    Ok(())
}

fn print_table(found: &[Found], total: Count) {
    let name = |f: &Found| format!("{} {}", f.last_name, f.first_name);
    let [name_heading, pesel, age, address, phone] = crate::i18n::cli::find_heading();
    let width = found.iter().map(|f| name(f).chars().count()).chain([name_heading.chars().count()]).max().unwrap_or(0);
    let address_width =
        found.iter().map(|f| f.address.chars().count()).chain([address.chars().count()]).max().unwrap_or(0);
    if !found.is_empty() {
        println!("{name_heading:<width$}  {pesel:<11}  {age:>4}  {address:<address_width$}  {phone}");
    }
    for f in found {
        let age = f.age.map(|a| a.to_string()).unwrap_or_default();
        let line = format!(
            "{:<width$}  {:<11}  {:>4}  {:<address_width$}  {}",
            name(f),
            f.pesel,
            age,
            f.address,
            format_phone(&f.phone)
        );
        println!("{}", line.trim_end());
    }
    println!("{}", Strings::new(crate::i18n::current()).shown_of_count(found.len(), total.n, total.more));
}
