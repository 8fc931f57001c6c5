//! Partners and referrals, providers' contracts, meetings, volunteers, and the residents' income
//! declarations with the fee they give.

use super::Session;
use crate::domain::roles::Permission;
use crate::domain::text::{display_safe as safe, parse_date, parse_grosze};
use crate::i18n::centre as t;
use crate::storage::partners::{self, MeetingInput, ReferralInput, VolunteerInput};
use crate::storage::{centre, services};
use anyhow::{Result, anyhow};
use chrono::NaiveDate;
use clap::Subcommand;

fn day_arg(field: &'static str, value: Option<&str>, today: NaiveDate) -> Result<NaiveDate> {
    value.map_or(Ok(today), |v| parse_date(v).map_err(|p| anyhow!(p.on(field))))
}

#[derive(Debug, Subcommand)]
pub enum PartnerCommand {
    /// Dodaj instytucję lub zespół partnerski · add a partner institution or team
    Add {
        #[arg(long)]
        name: String,
        /// ops, pcpr, pup, zespol, ngo, zdrowie, szkola, inna
        #[arg(long)]
        kind: String,
        /// Kontakt (telefon, e-mail, adres) · contact
        #[arg(long, default_value = "")]
        contact: String,
        /// Czym się zajmuje · what they handle
        #[arg(long, default_value = "")]
        handles: String,
    },
    /// Wykaz partnerów · the directory
    List,
    /// Zapisz skierowanie do partnera · record a referral
    Refer {
        /// Partner (nazwa albo numer) · partner
        #[arg(long)]
        partner: String,
        /// Mieszkaniec (numer) · resident
        #[arg(long)]
        resident: Option<i64>,
        /// Wizyta informacyjna, której dotyczy (numer) · the information visit
        #[arg(long)]
        visit: Option<i64>,
        /// Co przekazano · what was passed on
        #[arg(long)]
        what: String,
        /// Dzień RRRR-MM-DD (domyślnie dziś) · day
        #[arg(long)]
        on: Option<String>,
    },
    /// Skierowania (do jednego partnera albo wszystkie) · referrals
    Referrals {
        #[arg(long)]
        partner: Option<String>,
    },
}

pub fn run_partner(session: &mut Session, cmd: PartnerCommand) -> Result<()> {
    let login = session.me.login.clone();
    let today = session.today;
    match cmd {
        PartnerCommand::Add { name, kind, contact, handles } => {
            session.me.require(Permission::ConfigureProgramme)?;
            let id = session.db.write(|tx| partners::add_partner(tx, &login, &name, &kind, &contact, &handles))?;
            println!("{}", t::partner_added(id, &safe(name.trim())));
        }
        PartnerCommand::List => {
            for p in partners::partners(session.db.conn())? {
                println!(
                    "{}",
                    t::partner_line(p.id, &safe(&p.name), &p.kind, &safe(&p.contact), &safe(&p.handles), p.referrals)
                );
            }
        }
        PartnerCommand::Refer { partner, resident, visit, what, on } => {
            session.me.require(Permission::RecordContact)?;
            let referred_on = day_arg("--on", on.as_deref(), today)?;
            let id = session.db.write(|tx| {
                let partner_id = partners::resolve_partner(tx, &partner)?;
                let input = ReferralInput {
                    partner_id,
                    resident_id: resident,
                    application_id: None,
                    visit_id: visit,
                    referred_on: Some(referred_on),
                    what,
                };
                partners::add_referral(tx, &login, &input)
            })?;
            println!("{}", t::referral_saved(id, &safe(&partner)));
        }
        PartnerCommand::Referrals { partner } => {
            let conn = session.db.conn();
            let id = partner.as_deref().map(|p| partners::resolve_partner(conn, p)).transpose()?;
            for r in partners::referrals(conn, id)? {
                println!("{}", t::referral_line(&r.referred_on, &safe(&r.partner), r.resident_id, &safe(&r.what)));
            }
        }
    }
    Ok(())
}

#[derive(Debug, Subcommand)]
pub enum ContractCommand {
    /// Umowa z realizatorem: cena jednostki i okres · a provider's contract: unit price and period
    Add {
        /// Realizator (nazwa albo numer) · provider
        #[arg(long)]
        provider: String,
        /// Kod usługi · service code
        #[arg(long)]
        service: String,
        /// Cena jednostki w zł · unit price
        #[arg(long)]
        price: String,
        /// Od dnia RRRR-MM-DD · from
        #[arg(long)]
        from: String,
        /// Do dnia RRRR-MM-DD · to
        #[arg(long)]
        to: String,
        /// Numer umowy · number
        #[arg(long, default_value = "")]
        number: String,
    },
    /// Umowy · contracts
    List,
}

pub fn run_contract(session: &mut Session, cmd: ContractCommand) -> Result<()> {
    let login = session.me.login.clone();
    match cmd {
        ContractCommand::Add { provider, service, price, from, to, number } => {
            session.me.require(Permission::ConfigureProgramme)?;
            let contract = partners::ContractInput {
                provider_id: 0,
                service_id: 0,
                number,
                unit_price_grosze: parse_grosze(&price).map_err(|p| anyhow!(p.on("--price")))?,
                starts_on: parse_date(&from).map_err(|p| anyhow!(p.on("--from")))?,
                ends_on: parse_date(&to).map_err(|p| anyhow!(p.on("--to")))?,
            };
            let id = session.db.write(|tx| {
                let contract = partners::ContractInput {
                    provider_id: services::resolve_provider(tx, &provider)?,
                    service_id: services::resolve_service(tx, &service)?,
                    ..contract.clone()
                };
                partners::add_contract(tx, &login, &contract)
            })?;
            println!("{}", t::contract_saved(id, contract.unit_price_grosze));
        }
        ContractCommand::List => {
            for c in partners::contracts(session.db.conn())? {
                let (service, provider, number) = (safe(&c.service), safe(&c.provider), safe(&c.number));
                let line =
                    t::contract_line(c.id, &service, &provider, c.unit_price_grosze, &c.starts_on, &c.ends_on, &number);
                println!("{line}");
            }
        }
    }
    Ok(())
}

#[derive(Debug, Subcommand)]
pub enum MeetingCommand {
    /// Spotkanie organizatora z koordynatorami (co najmniej co 3 miesiące) · the organiser's meeting
    Add {
        /// Dzień RRRR-MM-DD (domyślnie dziś) · day
        #[arg(long)]
        on: Option<String>,
        /// Kto był · who attended
        #[arg(long)]
        attended: String,
        /// Omówione sprawy · cases discussed
        #[arg(long, default_value = "")]
        cases: String,
        /// Zaproszeni realizatorzy · providers invited
        #[arg(long, default_value = "")]
        providers: String,
    },
    /// Spotkania · meetings
    List,
}

pub fn run_meeting(session: &mut Session, cmd: MeetingCommand) -> Result<()> {
    let login = session.me.login.clone();
    match cmd {
        MeetingCommand::Add { on, attended, cases, providers } => {
            session.me.require(Permission::RecordMeeting)?;
            let held_on = day_arg("--on", on.as_deref(), session.today)?;
            let input = MeetingInput { held_on: Some(held_on), attended, cases, providers_invited: providers };
            let id = session.db.write(|tx| partners::add_meeting(tx, &login, &input))?;
            println!("{}", t::meeting_saved(id, &held_on.to_string()));
        }
        MeetingCommand::List => {
            for m in partners::meetings(session.db.conn())? {
                println!("{}", t::meeting_line(&m.held_on, &safe(&m.attended)));
                if !m.cases.is_empty() {
                    println!("{}", t::meeting_cases(&safe(&m.cases)));
                }
                if !m.providers_invited.is_empty() {
                    println!("{}", t::meeting_providers(&safe(&m.providers_invited)));
                }
            }
        }
    }
    Ok(())
}

#[derive(Debug, Subcommand)]
pub enum VolunteerCommand {
    /// Dodaj wolontariusza · add a volunteer
    Add {
        #[arg(long)]
        name: String,
        /// Organizacja · organisation
        #[arg(long, default_value = "")]
        organisation: String,
        /// Od dnia RRRR-MM-DD (domyślnie dziś) · from
        #[arg(long)]
        from: Option<String>,
        /// Do dnia RRRR-MM-DD · to
        #[arg(long)]
        to: Option<String>,
        /// Przepracowane godziny · hours worked
        #[arg(long, default_value_t = 0)]
        hours: i64,
    },
    /// Wolontariusze · volunteers
    List,
}

pub fn run_volunteer(session: &mut Session, cmd: VolunteerCommand) -> Result<()> {
    let login = session.me.login.clone();
    match cmd {
        VolunteerCommand::Add { name, organisation, from, to, hours } => {
            session.me.require(Permission::RecordMeeting)?;
            let input = VolunteerInput {
                name: name.clone(),
                organisation,
                from_on: Some(day_arg("--from", from.as_deref(), session.today)?),
                to_on: to.as_deref().map(|v| parse_date(v).map_err(|p| anyhow!(p.on("--to")))).transpose()?,
                hours,
            };
            let id = session.db.write(|tx| partners::add_volunteer(tx, &login, &input))?;
            println!("{}", t::volunteer_added(id, &safe(name.trim())));
        }
        VolunteerCommand::List => {
            for v in partners::volunteers(session.db.conn())? {
                println!(
                    "{}",
                    t::volunteer_line(&safe(&v.name), &safe(&v.organisation), &v.from_on, v.to_on.as_deref(), v.hours)
                );
            }
        }
    }
    Ok(())
}

#[derive(Debug, Subcommand)]
pub enum IncomeCommand {
    /// Oświadczenie o dochodzie · record an income declaration
    Add {
        /// Mieszkaniec (numer) · resident
        #[arg(long)]
        resident: i64,
        /// Dochód netto na osobę miesięcznie w zł · net monthly income per person
        #[arg(long)]
        income: String,
        /// Liczba osób w gospodarstwie · household size
        #[arg(long, default_value_t = 1)]
        household: u32,
        /// Ulga, której dokument okazano (kod; można powtórzyć) · discount category shown (repeatable)
        #[arg(long = "category")]
        categories: Vec<String>,
        /// Dzień oświadczenia RRRR-MM-DD (domyślnie dziś) · day
        #[arg(long)]
        on: Option<String>,
    },
    /// Opłata mieszkańca za jednostkę usługi · a resident's fee per unit of a service
    Fee {
        #[arg(long)]
        resident: i64,
        /// Kod usługi · service code
        #[arg(long)]
        service: String,
        /// Realizator (nazwa albo numer); domyślny realizator usługi · provider
        #[arg(long)]
        provider: Option<String>,
        /// Dzień RRRR-MM-DD (domyślnie dziś) · day
        #[arg(long)]
        on: Option<String>,
    },
}

pub fn run_income(session: &mut Session, cmd: IncomeCommand) -> Result<()> {
    let login = session.me.login.clone();
    match cmd {
        IncomeCommand::Add { resident, income, household, categories, on } => {
            session.me.require(Permission::RecordIncome)?;
            let declared_on = day_arg("--on", on.as_deref(), session.today)?;
            let income = parse_grosze(&income).map_err(|p| anyhow!(p.on("--income")))?;
            let d = session.db.write(|tx| {
                centre::add_declaration(tx, &login, resident, declared_on, income, household, &categories)
            })?;
            println!("{}", t::declaration_saved(resident, &d.valid_until.to_string()));
        }
        IncomeCommand::Fee { resident, service, provider, on } => {
            session.me.require(Permission::ViewCard)?;
            let day = day_arg("--on", on.as_deref(), session.today)?;
            let conn = session.db.conn();
            let service_id = services::resolve_service(conn, &service)?;
            let provider_id = provider.as_deref().map(|p| services::resolve_provider(conn, p)).transpose()?;
            match centre::fee_for(conn, resident, service_id, provider_id, day)? {
                None => println!("{}", t::not_in_programme(&safe(&service), &day.to_string())),
                Some(fee) => println!("{}: {}", safe(&service), fee.describe(crate::i18n::current())),
            }
        }
    }
    Ok(())
}
