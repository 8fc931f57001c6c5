//! The command line: every command prints what it did, and fails with a message that says why.

mod audit;
mod backup;
mod base;
mod centre;
mod demo;
mod find;
mod import;
mod ipus;
mod keymap;
mod partners;
mod report;
mod resident;
mod staff;
mod usage;

use crate::config;
use crate::i18n::Lang;
use crate::session::{Session, create_centre};
use crate::settings::{GlobalArgs, Settings};
use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// okienko — stanowisko jednego okienka Centrum Usług Społecznych ·
/// the one-window desk of a Centre of Social Services.
#[derive(Debug, Parser)]
#[command(name = "okienko", version, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    /// Otwórz centrum demonstracyjne (tworzone przy pierwszym użyciu) · open the demo centre
    #[arg(long)]
    pub demo: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Utwórz pustą bazę centrum · create an empty centre database
    Init {
        /// Nazwa centrum · centre name
        #[arg(long, default_value = "Centrum Usług Społecznych")]
        name: String,
    },
    /// Utwórz centrum demonstracyjne w nowym pliku · create a demo centre in a new file
    Demo(demo::DemoArgs),
    /// Wczytaj dane z pliku · load data from a file
    #[command(subcommand)]
    Import(import::ImportCommand),
    /// Dziennik zdarzeń (kto, kiedy, co, czyje dane) · the audit log
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// Kopia bazy w trakcie pracy innych · online backup while others work
    Backup(backup::BackupArgs),
    /// Dane mieszkańca · a resident's data
    #[command(subcommand)]
    Resident(resident::ResidentCommand),
    /// Pracownicy i ich role · staff and their roles
    #[command(subcommand)]
    Staff(staff::StaffCommand),
    /// Wnioski i diagnoza potrzeb · applications and needs assessment
    #[command(subcommand)]
    Application(ipus::ApplicationCommand),
    /// Indywidualne plany usług społecznych · individual plans (IPUS)
    #[command(subcommand)]
    Ipus(ipus::IpusCommand),
    /// Baza usług: dostępność, godziny, limity · the service base
    Base(base::BaseArgs),
    /// Wykonanie usług z planów · usage delivered against plans
    #[command(subcommand)]
    Usage(usage::UsageCommand),
    /// Raporty organizatora · the organiser's reports
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// Wyszukaj mieszkańca · look a resident up
    Find(find::FindArgs),
    /// Dane centrum · the centre's details
    #[command(subcommand)]
    Centre(centre::CentreCommand),
    /// Program usług społecznych: uchwały, usługi, opłaty · the programme of social services
    #[command(subcommand)]
    Programme(centre::ProgrammeCommand),
    /// Gminy partnerstwa, miejscowości i ulice · the partnership's gminas, villages and streets
    #[command(subcommand)]
    Gmina(centre::GminaCommand),
    /// Instytucje partnerskie i skierowania · partner institutions and referrals
    #[command(subcommand)]
    Partner(partners::PartnerCommand),
    /// Umowy z realizatorami · providers' contracts
    #[command(subcommand)]
    Contract(partners::ContractCommand),
    /// Spotkania organizatora z koordynatorami · the organiser's meetings with coordinators
    #[command(subcommand)]
    Meeting(partners::MeetingCommand),
    /// Wolontariusze · volunteers
    #[command(subcommand)]
    Volunteer(partners::VolunteerCommand),
    /// Oświadczenia o dochodzie i opłaty · income declarations and fees
    #[command(subcommand)]
    Income(partners::IncomeCommand),
    /// Skróty klawiszowe · key bindings
    #[command(subcommand)]
    Keymap(keymap::KeymapCommand),
}

/// Runs the command line; returns the process exit code.
pub fn run() -> i32 {
    let cli = Cli::parse();
    match dispatch(cli) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("okienko: {}", error_chain(&e));
            1
        }
    }
}

/// The error and its causes on one line each, safe for the terminal: messages may quote names
/// from the database or values from files and arguments.
fn error_chain(e: &anyhow::Error) -> String {
    let chain = e.chain().map(|c| c.to_string()).collect::<Vec<_>>().join(": ");
    chain.lines().map(crate::domain::text::display_safe).collect::<Vec<_>>().join("\n")
}

fn dispatch(cli: Cli) -> Result<()> {
    let settings = Settings::resolve(&cli.global)?;
    let open = |settings: Settings| -> Result<Session> { Session::open(&db_path(&settings)?, settings) };
    match cli.command {
        None => {
            let session = if cli.demo { Session::open(&ensure_demo()?, settings)? } else { open(settings)? };
            if crate::tui::can_draw() {
                return crate::tui::run(session);
            }
            print_summary(&session)?;
            eprintln!("{}", crate::tui::not_a_terminal_message(session.settings.lang));
            std::process::exit(2)
        }
        Some(Command::Init { name }) => {
            let path = db_path(&settings)?;
            if path.exists() {
                bail!("plik {} już istnieje; init tworzy tylko nową bazę", path.display());
            }
            create_centre(&path, &name)?;
            println!(
                "Utworzono bazę {} ({}); administrator: {}",
                path.display(),
                name,
                crate::storage::staff::os_login()
            );
            Ok(())
        }
        Some(Command::Demo(args)) => demo::run(&db_path(&settings)?, args),
        Some(Command::Import(cmd)) => {
            let english = settings.lang == Lang::En;
            import::run(&mut open(settings)?, cmd, english)
        }
        Some(Command::Keymap(cmd)) => keymap::run(cmd, settings.lang),
        Some(Command::Audit(cmd)) => audit::run(&open(settings)?, cmd),
        Some(Command::Backup(args)) => backup::run(&mut open(settings)?, args),
        Some(Command::Resident(cmd)) => resident::run(&mut open(settings)?, cmd),
        Some(Command::Staff(cmd)) => staff::run(&mut open(settings)?, cmd),
        Some(Command::Application(cmd)) => ipus::run_application(&mut open(settings)?, cmd),
        Some(Command::Ipus(cmd)) => ipus::run(&mut open(settings)?, cmd),
        Some(Command::Base(args)) => base::run(&mut open(settings)?, args),
        Some(Command::Usage(cmd)) => usage::run(&mut open(settings)?, cmd),
        Some(Command::Report(cmd)) => report::run(&mut open(settings)?, cmd),
        Some(Command::Find(args)) => find::run(&mut open(settings)?, args),
        Some(Command::Centre(cmd)) => centre::run_centre(&mut open(settings)?, cmd),
        Some(Command::Programme(cmd)) => centre::run_programme(&mut open(settings)?, cmd),
        Some(Command::Gmina(cmd)) => centre::run_gmina(&mut open(settings)?, cmd),
        Some(Command::Partner(cmd)) => partners::run_partner(&mut open(settings)?, cmd),
        Some(Command::Contract(cmd)) => partners::run_contract(&mut open(settings)?, cmd),
        Some(Command::Meeting(cmd)) => partners::run_meeting(&mut open(settings)?, cmd),
        Some(Command::Volunteer(cmd)) => partners::run_volunteer(&mut open(settings)?, cmd),
        Some(Command::Income(cmd)) => partners::run_income(&mut open(settings)?, cmd),
    }
}

fn db_path(settings: &Settings) -> Result<PathBuf> {
    settings.db.clone().context(
        "nie wskazano bazy: podaj --db PLIK, ustaw OKIENKO_DB albo wpisz db = \"…\" w ~/.config/okienko/config.toml",
    )
}

/// The demo database, made on first use.
fn ensure_demo() -> Result<PathBuf> {
    let path = config::demo_db_path();
    if !path.exists() || !demo::holds_a_centre(&path)? {
        eprintln!("okienko: pierwsze uruchomienie — tworzę centrum demonstracyjne w {}", path.display());
        demo::create(&path, crate::demo::DEFAULT_RESIDENTS, crate::demo::DEFAULT_SEED)?;
    }
    Ok(path)
}

fn print_summary(session: &Session) -> Result<()> {
    let conn = session.db.conn();
    let name: String = conn.query_row("SELECT name FROM centre WHERE id = 1", [], |r| r.get(0)).unwrap_or_default();
    println!("{} — {}", crate::domain::text::display_safe(&name), session.db.path().display());
    println!("Mieszkańcy: {}", crate::storage::residents::count(conn)?);
    println!(
        "Zalogowany: {} ({})",
        crate::domain::text::display_safe(&session.me.login),
        session.me.roles.iter().map(|r| r.code()).collect::<Vec<_>>().join(", ")
    );
    Ok(())
}
