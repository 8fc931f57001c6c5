//! The command line: every command prints what it did, and fails with a message that says why.

mod audit;
mod backup;
mod base;
mod centre;
mod demo;
mod doctor;
mod find;
mod import;
mod ipus;
mod keymap;
mod partners;
mod report;
mod resident;
mod setup_server;
mod staff;
mod usage;
mod visit;
mod waitlist;

use crate::config;
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
        /// Centrum szkoleniowe: wolno działać jako inny login (OKIENKO_LOGIN) · a training centre
        #[arg(long)]
        training: bool,
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
    /// Wizyty i telefony, także bez rejestracji · visits and calls, also without registration
    #[command(subcommand)]
    Visit(visit::VisitCommand),
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
    Base(Box<base::BaseArgs>),
    /// Wykonanie usług z planów · usage delivered against plans
    #[command(subcommand)]
    Usage(usage::UsageCommand),
    /// Lista oczekujących na usługę · a service's waiting list
    #[command(subcommand)]
    Waitlist(waitlist::WaitlistCommand),
    /// Raporty organizatora · the organiser's reports
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// Wyszukaj mieszkańca · look a resident up
    Find(find::FindArgs),
    /// Dane i zasady centrum: cztery oczy, centrum szkoleniowe · the centre's details and rules
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
    /// Zainstaluj bazę jako usługę (root): grupa, katalog, setgid · set the database up as a service (root)
    SetupServer(setup_server::SetupArgs),
    /// Sprawdź instalację usługi: tryby, właściciele, grupa, pliki WAL · check the service installation
    Doctor,
}

/// Runs the command line; returns the process exit code.
pub fn run() -> i32 {
    // Before any file is read: a setgid run puts the service's group down at once.
    if let Err(e) = crate::service::start() {
        eprintln!("okienko: {e}");
        return 1;
    }
    let cli = match parse_args() {
        Ok(cli) => cli,
        Err(e) => return argument_error(e),
    };
    match dispatch(cli) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("okienko: {}", error_chain(&e));
            // A duplicate is its own exit code, so that scripts can look the person up instead.
            match e.downcast_ref::<crate::storage::StorageError>() {
                Some(
                    crate::storage::StorageError::DuplicatePesel { .. } | crate::storage::StorageError::LooksLike(_),
                ) => 3,
                _ => 1,
            }
        }
    }
}

/// Parses the arguments letting `-5` be a value, so that a negative number reaches the option's
/// own check and is refused in words naming the option, not as an unknown flag.
fn parse_args() -> std::result::Result<Cli, clap::Error> {
    use clap::{CommandFactory, FromArgMatches};
    fn numbers_may_be_negative(cmd: clap::Command) -> clap::Command {
        cmd.mut_args(|a| if a.get_action().takes_values() { a.allow_negative_numbers(true) } else { a })
            .mut_subcommands(numbers_may_be_negative)
    }
    let matches = numbers_may_be_negative(Cli::command()).try_get_matches()?;
    Cli::from_arg_matches(&matches)
}

/// The language of a refusal of the arguments themselves: `--lang` as typed, else the config
/// files', as the settings would have it had the arguments parsed.
fn language_of_unparsed_args() -> crate::i18n::Lang {
    let args: Vec<String> = std::env::args().collect();
    let typed = args.iter().enumerate().find_map(|(i, a)| match a.strip_prefix("--lang") {
        Some(rest) if rest.starts_with('=') => crate::i18n::Lang::from_code(&rest[1..]),
        Some("") => args.get(i + 1).and_then(|v| crate::i18n::Lang::from_code(v)),
        _ => None,
    });
    typed.or_else(|| crate::config::load(&crate::config::files()).ok().and_then(|c| c.lang)).unwrap_or_default()
}

/// A value an option refused, in words with the option's name; other argument errors (and help)
/// as clap prints them.
fn argument_error(e: clap::Error) -> i32 {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if !matches!(e.kind(), ErrorKind::ValueValidation | ErrorKind::InvalidValue) {
        e.exit()
    }
    crate::i18n::set_current(language_of_unparsed_args());
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        _ => String::new(),
    };
    let arg = text(ContextKind::InvalidArg);
    let option = arg.split(' ').next().unwrap_or_default();
    let value = text(ContextKind::InvalidValue);
    let reason = match std::error::Error::source(&e) {
        Some(source) => match source.downcast_ref::<std::num::ParseIntError>().map(|p| p.kind()) {
            Some(std::num::IntErrorKind::InvalidDigit) if value.starts_with('-') => crate::i18n::cli::number_negative(),
            Some(std::num::IntErrorKind::PosOverflow | std::num::IntErrorKind::NegOverflow) => {
                crate::i18n::cli::number_too_large()
            }
            Some(_) => crate::i18n::cli::not_a_whole_number(),
            None => source.to_string(),
        },
        None => crate::i18n::cli::allowed_values(&text(ContextKind::ValidValue)),
    };
    eprintln!(
        "okienko: {}",
        crate::domain::text::display_safe(&crate::i18n::cli::refused_value(option, &value, &reason))
    );
    2
}

/// The error and its causes on one line each, safe for the terminal: messages may quote names
/// from the database or values from files and arguments.
fn error_chain(e: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in e.chain().map(|c| c.to_string()) {
        // A wrapper that already says its cause (a field error inside a storage error) would
        // otherwise print the same sentence twice.
        if !parts.last().is_some_and(|outer| outer.contains(&cause)) {
            parts.push(cause);
        }
    }
    let chain = parts.join(": ");
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
        Some(Command::Init { name, training }) => {
            let path = db_path(&settings)?;
            if path.exists() {
                bail!(crate::i18n::cli::file_exists_init_makes_new(&path));
            }
            let mut db = create_centre(&path, &name)?;
            if training {
                db.write(crate::storage::centre::mark_training)?;
            }
            println!("{}", crate::i18n::cli::centre_created(&path, &name, &crate::storage::staff::os_login()));
            Ok(())
        }
        Some(Command::Demo(args)) => {
            let path = db_path(&settings)?;
            crate::session::make_own(&path)?;
            demo::run(&path, args)
        }
        Some(Command::Import(cmd)) => import::run(&mut open(settings)?, cmd),
        Some(Command::Keymap(cmd)) => keymap::run(cmd, settings.lang),
        Some(Command::SetupServer(args)) => setup_server::run(args),
        Some(Command::Doctor) => doctor::run(),
        Some(Command::Audit(cmd)) => audit::run(&open(settings)?, cmd),
        Some(Command::Backup(args)) => backup::run(&mut open(settings)?, args),
        Some(Command::Resident(cmd)) => resident::run(&mut open(settings)?, cmd),
        Some(Command::Visit(cmd)) => visit::run(&mut open(settings)?, cmd),
        Some(Command::Staff(cmd)) => staff::run(&mut open(settings)?, cmd),
        Some(Command::Application(cmd)) => ipus::run_application(&mut open(settings)?, cmd),
        Some(Command::Ipus(cmd)) => ipus::run(&mut open(settings)?, cmd),
        Some(Command::Base(args)) => base::run(&mut open(settings)?, *args),
        Some(Command::Usage(cmd)) => usage::run(&mut open(settings)?, cmd),
        Some(Command::Waitlist(cmd)) => waitlist::run(&mut open(settings)?, cmd),
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
    settings.db.clone().with_context(crate::i18n::cli::no_database_named)
}

/// The demo database, made on first use.
fn ensure_demo() -> Result<PathBuf> {
    let path = config::demo_db_path();
    crate::session::make_own(&path)?;
    if !path.exists() || !demo::holds_a_centre(&path)? {
        eprintln!("{}", crate::i18n::cli::creating_demo(&path));
        demo::create(&path, crate::demo::DEFAULT_RESIDENTS, crate::demo::DEFAULT_SEED)?;
    }
    Ok(path)
}

fn print_summary(session: &Session) -> Result<()> {
    let conn = session.db.conn();
    let name: String = conn.query_row("SELECT name FROM centre WHERE id = 1", [], |r| r.get(0)).unwrap_or_default();
    println!("{} — {}", crate::domain::text::display_safe(&name), session.db.path().display());
    println!("{}", crate::i18n::cli::summary_residents(crate::storage::residents::count(conn)? as i64));
    let roles = session.me.roles.iter().map(|r| crate::i18n::codes::role(r.code())).collect::<Vec<_>>().join(", ");
    let me = staff::People::load(conn)?.name(&session.me.login);
    println!("{}", crate::i18n::cli::summary_logged_in(&me, &roles));
    Ok(())
}

/// A date option: `RRRR-MM-DD`, existing in the calendar and within the years the program accepts;
/// the message names the option and quotes the value.
pub(crate) fn date_option(option: &str, value: &str) -> Result<chrono::NaiveDate> {
    crate::domain::limits::parse_event_date(value).map_err(|p| match p {
        crate::domain::text::FieldProblem::Date => anyhow::anyhow!(crate::i18n::cli::bad_date(option, value)),
        other => anyhow::anyhow!("{option}: „{value}” — {other}"),
    })
}
