//! Setting a centre up: its details and rules, the partnership's gminas with villages and
//! streets, and the programme of social services with resolutions, services, planned persons,
//! budget and fees. Four eyes is changed by an administrator with a reason that goes to the
//! audit log.

use super::Session;
use crate::domain::fee::parse_bands;
use crate::domain::roles::Permission;
use crate::domain::text::{display_safe as safe, parse_date, parse_grosze};
use crate::i18n::centre as t;
use crate::storage::centre::{self, CentreChanges, FeeInput, ProgrammeChanges};
use crate::storage::{places, services};
use anyhow::{Result, anyhow, bail};
use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum CentreCommand {
    /// Zmień dane centrum (podane pola) · change the centre's details (the fields given)
    Set(CentreSet),
    /// Pokaż dane i zasady centrum · show the centre's details and rules
    Show,
    /// Zasada czterech oczu przy zatwierdzaniu planów · four eyes for plan approval
    FourEyes {
        #[arg(value_parser = ["on", "off"])]
        state: String,
        /// Dlaczego (wymagane przy off; trafia do dziennika) · why (required for off; audited)
        #[arg(long, default_value = "")]
        reason: String,
    },
}

#[derive(Debug, Args)]
pub struct CentreSet {
    /// Nazwa · name
    #[arg(long)]
    name: Option<String>,
    /// Adres · address
    #[arg(long)]
    address: Option<String>,
    /// Telefon · phone
    #[arg(long)]
    phone: Option<String>,
    /// E-mail
    #[arg(long)]
    email: Option<String>,
    /// Dyrektor (imię i nazwisko) · director
    #[arg(long)]
    director: Option<String>,
    /// REGON (9 albo 14 cyfr) · REGON number
    #[arg(long)]
    regon: Option<String>,
    /// Organ odwoławczy od decyzji, np. „Samorządowe Kolegium Odwoławcze w Rzeszowie” · the appeal body
    #[arg(long)]
    appeal_body: Option<String>,
}

pub fn run_centre(session: &mut Session, cmd: CentreCommand) -> Result<()> {
    match cmd {
        CentreCommand::Set(a) => {
            session.me.require(Permission::ConfigureCentre)?;
            let changes = CentreChanges {
                name: a.name,
                address: a.address,
                phone: a.phone,
                email: a.email,
                director: a.director,
                regon: a.regon,
                appeal_body: a.appeal_body,
            };
            let login = session.me.login.clone();
            let c = session.db.write(|tx| centre::set_centre(tx, &login, &changes))?;
            println!("{}", t::centre_saved(&safe(&c.name)));
        }
        CentreCommand::Show => {
            let c = centre::centre(session.db.conn())?;
            let values = [&c.name, &c.address, &c.phone, &c.email, &c.director, &c.regon, &c.appeal_body];
            for (label, value) in t::centre_labels().into_iter().zip(values) {
                println!("{label:<10} {}", safe(value));
            }
            print_rules(session)?;
        }
        CentreCommand::FourEyes { state, reason } => {
            let me = session.me.clone();
            session.db.write(|tx| centre::set_four_eyes(tx, &me, state == "on", &reason))?;
            print_rules(session)?;
        }
    }
    Ok(())
}

fn print_rules(session: &Session) -> Result<()> {
    let rules = centre::rules(session.db.conn())?;
    println!("{}", crate::i18n::trust::four_eyes_state(rules.four_eyes));
    if rules.training {
        println!("{}", crate::i18n::trust::training_mark());
    }
    Ok(())
}

#[derive(Debug, Subcommand)]
pub enum GminaCommand {
    /// Dodaj gminę partnerstwa · add a gmina of the partnership
    Add {
        /// Nazwa gminy · name
        #[arg(long)]
        name: String,
        /// Kod TERYT (TERC, 7 cyfr), opcjonalny · TERYT code, optional
        #[arg(long, default_value = "")]
        teryt: String,
    },
    /// Dodaj miejscowość (wieś, miasto, osiedle) gminy · add a village, town or osiedle
    Village {
        /// Gmina (nazwa albo numer) · gmina
        #[arg(long)]
        gmina: String,
        /// Nazwa miejscowości · name
        #[arg(long)]
        village: String,
        /// miasto, wieś, osiedle
        #[arg(long, default_value = "wieś")]
        kind: String,
        /// Kod pocztowy 00-000 · postal code
        #[arg(long, default_value = "")]
        postal_code: String,
        /// Kod TERYT (SIMC, 7 cyfr), opcjonalny · TERYT code, optional
        #[arg(long, default_value = "")]
        teryt: String,
    },
    /// Dodaj ulicę miasta lub osiedla · add a street
    Street {
        /// Gmina (nazwa albo numer) · gmina
        #[arg(long)]
        gmina: String,
        /// Miejscowość lub osiedle, do którego należy ulica · village or osiedle it belongs to
        #[arg(long)]
        village: Option<String>,
        /// Nazwa ulicy · street
        #[arg(long)]
        street: String,
        /// Kod pocztowy 00-000 · postal code
        #[arg(long, default_value = "")]
        postal_code: String,
        /// Kod TERYT (ULIC, 5 cyfr), opcjonalny · TERYT code, optional
        #[arg(long, default_value = "")]
        teryt: String,
    },
    /// Gminy z miejscowościami · gminas with their villages
    List,
    /// Ogranicz usługę do mieszkańców wybranych gmin (bez --gmina: dla wszystkich) · limit a service to some gminas
    Limit {
        /// Kod usługi · service code
        #[arg(long)]
        service: String,
        /// Gmina (można powtórzyć) · gmina (repeatable)
        #[arg(long = "gmina")]
        gminas: Vec<String>,
    },
}

pub fn run_gmina(session: &mut Session, cmd: GminaCommand) -> Result<()> {
    let login = session.me.login.clone();
    if !matches!(cmd, GminaCommand::List) {
        session.me.require(if matches!(cmd, GminaCommand::Limit { .. }) {
            Permission::ConfigureProgramme
        } else {
            Permission::ConfigureCentre
        })?;
    }
    match cmd {
        GminaCommand::Add { name, teryt } => {
            let id = session.db.write(|tx| places::add_gmina(tx, &login, &name, &teryt))?;
            println!("{}", t::gmina_added(id, &safe(name.trim())));
        }
        GminaCommand::Village { gmina, village, kind, postal_code, teryt } => {
            let input = places::VillageInput { name: village.clone(), kind, postal_code, teryt };
            let id = session.db.write(|tx| {
                let gmina_id = places::resolve_gmina(tx, &gmina)?;
                places::add_village(tx, &login, gmina_id, &input)
            })?;
            println!("{}", t::village_added(id, &safe(village.trim())));
        }
        GminaCommand::Street { gmina, village, street, postal_code, teryt } => {
            session.db.write(|tx| {
                let gmina_id = places::resolve_gmina(tx, &gmina)?;
                let village_id = village.as_deref().map(|v| services::resolve_village(tx, v)).transpose()?;
                places::add_street(tx, &login, gmina_id, village_id, &street, &postal_code, &teryt)
            })?;
            println!("{}", t::street_added(&safe(street.trim())));
        }
        GminaCommand::List => {
            for g in places::list(session.db.conn())? {
                println!("{}", t::gmina_line(g.id, &safe(&g.name), &safe(&g.teryt), g.residents, g.streets));
                if !g.villages.is_empty() {
                    println!("    {}", safe(&g.villages.join(", ")));
                }
            }
        }
        GminaCommand::Limit { service, gminas: names } => {
            session.db.write(|tx| {
                let service_id = services::resolve_service(tx, &service)?;
                let ids =
                    names.iter().map(|g| places::resolve_gmina(tx, g)).collect::<crate::storage::Result<Vec<_>>>()?;
                places::limit_service(tx, &login, service_id, &ids)
            })?;
            if names.is_empty() {
                println!("{}", t::service_for_all(&safe(&service)));
            } else {
                println!("{}", t::service_only_for(&safe(&service), &safe(&names.join(", "))));
            }
        }
    }
    Ok(())
}

#[derive(Debug, Subcommand)]
pub enum ProgrammeCommand {
    /// Dodaj program usług społecznych · add a programme
    Add(ProgrammeArgs),
    /// Zmień program (podane pola) · change a programme (the fields given)
    Edit {
        /// Program (nazwa albo numer) · programme
        programme: String,
        #[command(flatten)]
        fields: ProgrammeArgs,
    },
    /// Programy z uchwałami, usługami i opłatami · programmes with resolutions, services and fees
    List,
    /// Uchwała rady gminy przyjmująca program · a gmina council's resolution adopting it
    Resolution {
        programme: String,
        #[arg(long)]
        gmina: String,
        /// Numer uchwały · number
        #[arg(long)]
        number: String,
        /// Data uchwały RRRR-MM-DD · date
        #[arg(long)]
        date: String,
    },
    /// Usługa w programie: planowana liczba osób i odpłatność · a service: planned persons and fee
    Service {
        programme: String,
        /// Kod usługi · service code
        #[arg(long)]
        service: String,
        /// Planowana liczba osób · planned persons
        #[arg(long, default_value_t = 0)]
        planned: i64,
        /// Nieodpłatna · free
        #[arg(long, conflicts_with_all = ["flat", "bands"])]
        free: bool,
        /// Stała opłata za jednostkę w zł · flat fee per unit
        #[arg(long, conflicts_with = "bands")]
        flat: Option<String>,
        /// Progi dochodu względem kryterium: PRÓG%:UDZIAŁ%,…,*:UDZIAŁ%, np. 150:0,200:10,*:100 · income bands
        #[arg(long)]
        bands: Option<String>,
    },
    /// Kategoria ulgi (np. Karta Dużej Rodziny) · a discount category
    Discount {
        programme: String,
        /// Kod ulgi, np. kdr · code
        #[arg(long)]
        code: String,
        /// Nazwa · name
        #[arg(long)]
        name: String,
        /// O ile procent mniej · percent off
        #[arg(long)]
        percent_off: u32,
    },
}

#[derive(Debug, Args)]
pub struct ProgrammeArgs {
    /// Nazwa programu · name
    #[arg(long)]
    name: Option<String>,
    /// Od dnia RRRR-MM-DD · from
    #[arg(long)]
    from: Option<String>,
    /// Do dnia RRRR-MM-DD · to
    #[arg(long)]
    to: Option<String>,
    /// Budżet w zł · budget
    #[arg(long)]
    budget: Option<String>,
    /// Kryterium dochodowe osoby samotnie gospodarującej w zł · income criterion, single person
    #[arg(long)]
    criterion_single: Option<String>,
    /// Kryterium dochodowe na osobę w rodzinie w zł · income criterion per person in a family
    #[arg(long)]
    criterion_family: Option<String>,
    /// Ważność oświadczenia o dochodzie w miesiącach · months an income declaration is valid
    #[arg(long)]
    declaration_months: Option<u32>,
}

fn money_arg(field: &'static str, value: &Option<String>) -> Result<Option<i64>> {
    value.as_deref().map(|v| parse_grosze(v).map_err(|p| anyhow!(p.on(field)))).transpose()
}

fn date_arg(field: &'static str, value: &Option<String>) -> Result<Option<chrono::NaiveDate>> {
    value.as_deref().map(|v| parse_date(v).map_err(|p| anyhow!(p.on(field)))).transpose()
}

impl ProgrammeArgs {
    fn changes(&self) -> Result<ProgrammeChanges> {
        Ok(ProgrammeChanges {
            name: self.name.clone(),
            starts_on: date_arg("--from", &self.from)?,
            ends_on: date_arg("--to", &self.to)?,
            budget_grosze: money_arg("--budget", &self.budget)?,
            criterion_single_grosze: money_arg("--criterion-single", &self.criterion_single)?,
            criterion_family_grosze: money_arg("--criterion-family", &self.criterion_family)?,
            declaration_months: self.declaration_months,
        })
    }
}

pub fn run_programme(session: &mut Session, cmd: ProgrammeCommand) -> Result<()> {
    let login = session.me.login.clone();
    if !matches!(cmd, ProgrammeCommand::List) {
        session.me.require(Permission::ConfigureProgramme)?;
    }
    match cmd {
        ProgrammeCommand::Add(args) => {
            let changes = args.changes()?;
            let id = session.db.write(|tx| centre::add_programme(tx, &login, &changes))?;
            println!("{}", t::programme_added(id, &safe(changes.name.as_deref().unwrap_or("").trim())));
        }
        ProgrammeCommand::Edit { programme, fields } => {
            let changes = fields.changes()?;
            let id = session.db.write(|tx| {
                let id = centre::resolve_programme(tx, &programme)?;
                centre::edit_programme(tx, &login, id, &changes)?;
                Ok(id)
            })?;
            println!("{}", t::programme_saved(id));
        }
        ProgrammeCommand::List => {
            for p in centre::programmes(session.db.conn())? {
                print_programme(&p);
            }
        }
        ProgrammeCommand::Resolution { programme, gmina, number, date } => {
            let adopted_on = parse_date(&date).map_err(|p| anyhow!(p.on("--date")))?;
            session.db.write(|tx| {
                let programme_id = centre::resolve_programme(tx, &programme)?;
                let gmina_id = places::resolve_gmina(tx, &gmina)?;
                centre::set_resolution(tx, &login, programme_id, gmina_id, &number, adopted_on)
            })?;
            println!("{}", t::resolution_saved(&safe(number.trim()), &safe(&gmina)));
        }
        ProgrammeCommand::Service { programme, service, planned, free, flat, bands } => {
            let fee = match (free, flat, bands) {
                (_, Some(flat), _) => FeeInput::Flat(parse_grosze(&flat).map_err(|p| anyhow!(p.on("--flat")))?),
                (_, _, Some(bands)) => FeeInput::Bands(parse_bands(&bands).map_err(|e| anyhow!("--bands: {e}"))?),
                (true, None, None) => FeeInput::Free,
                (false, None, None) => bail!(t::fee_option_required()),
            };
            session.db.write(|tx| {
                let programme_id = centre::resolve_programme(tx, &programme)?;
                let service_id = services::resolve_service(tx, &service)?;
                centre::set_service(tx, &login, programme_id, service_id, planned, &fee)
            })?;
            println!("{}", t::programme_service_saved(&safe(&service)));
        }
        ProgrammeCommand::Discount { programme, code, name, percent_off } => {
            session.db.write(|tx| {
                let programme_id = centre::resolve_programme(tx, &programme)?;
                centre::set_discount(tx, &login, programme_id, &code, &name, percent_off)
            })?;
            println!("{}", t::discount_saved(&safe(code.trim()), percent_off));
        }
    }
    Ok(())
}

fn print_programme(p: &centre::Programme) {
    println!("{} {} ({} – {})", p.id, safe(&p.name), p.starts_on, p.ends_on);
    println!(
        "    {}",
        t::programme_money(p.budget_grosze, p.criterion_single_grosze, p.criterion_family_grosze, p.declaration_months)
    );
    for r in &p.resolutions {
        println!("    {}", t::resolution_line(&safe(&r.gmina), &safe(&r.number), &r.adopted_on.to_string()));
    }
    for s in &p.services {
        let fee = centre::fee_kind(s).describe(crate::i18n::current());
        println!("    {}", t::programme_service_line(&safe(&s.code), &safe(&s.name), s.planned_persons, &fee));
    }
    for d in &p.discounts {
        println!("    {}", t::discount_line(&safe(&d.code), &safe(&d.name), d.percent_off));
    }
}
