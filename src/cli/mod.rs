//! The command line: every command prints what it did, and fails with a message that says why.

mod audit;
mod backup;
mod base;
mod demo;
mod find;
mod import;
mod ipus;
mod keymap;
mod report;
mod resident;
mod staff;
mod usage;

use crate::config;
use crate::domain::roles::Role;
use crate::storage::{Db, StorageError, staff::StaffMember};
use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand};
use std::path::{Path, PathBuf};

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

#[derive(Debug, Args, Clone, Default)]
pub struct GlobalArgs {
    /// Plik bazy (lub OKIENKO_DB, lub plik konfiguracji) · database file (or OKIENKO_DB, or config)
    #[arg(long, global = true, env = "OKIENKO_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Język interfejsu: pl, en · interface language
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<String>,
    /// Kolory: auto, always, never · colours
    #[arg(long, global = true, value_name = "WHEN")]
    pub color: Option<String>,
    /// Tylko znaki ASCII w ramkach i symbolach · plain ASCII borders and symbols
    #[arg(long, global = true)]
    pub ascii: bool,
    /// Plik skrótów klawiszowych nakładany na domyślne · keymap overlay file
    #[arg(long, global = true, value_name = "FILE")]
    pub keymap: Option<PathBuf>,
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
    /// Skróty klawiszowe · key bindings
    #[command(subcommand)]
    Keymap(keymap::KeymapCommand),
}

/// Runs the command line; returns the process exit code.
pub fn run() -> i32 {
    let cli = match parse_args() {
        Ok(cli) => cli,
        Err(e) => return argument_error(e),
    };
    match dispatch(cli) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("okienko: {}", error_chain(&e));
            1
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

/// A value an option refused, in Polish with the option's name; other argument errors (and help)
/// as clap prints them.
fn argument_error(e: clap::Error) -> i32 {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if !matches!(e.kind(), ErrorKind::ValueValidation | ErrorKind::InvalidValue) {
        e.exit()
    }
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
            Some(std::num::IntErrorKind::InvalidDigit) if value.starts_with('-') => "nie może być ujemna".to_string(),
            Some(std::num::IntErrorKind::PosOverflow | std::num::IntErrorKind::NegOverflow) => {
                "liczba jest za duża".to_string()
            }
            Some(_) => "musi być liczbą całkowitą".to_string(),
            None => source.to_string(),
        },
        None => format!("dozwolone: {}", text(ContextKind::ValidValue)),
    };
    eprintln!("okienko: {}", crate::domain::text::display_safe(&format!("{option}: „{value}” — {reason}")));
    2
}

/// The error and its causes on one line each, safe for the terminal: messages may quote names
/// from the database or values from files and arguments.
fn error_chain(e: &anyhow::Error) -> String {
    let chain = e.chain().map(|c| c.to_string()).collect::<Vec<_>>().join(": ");
    chain.lines().map(crate::domain::text::display_safe).collect::<Vec<_>>().join("\n")
}

fn dispatch(cli: Cli) -> Result<()> {
    let cfg = config::load()?;
    let global = cli.global;
    match cli.command {
        None => {
            let path = if cli.demo { ensure_demo()? } else { db_path(&global, &cfg)? };
            if crate::tui::can_draw() {
                let options = crate::tui::DeskOptions::resolve(&global, &cfg)?;
                return crate::tui::run(Session::open(&path)?, options);
            }
            print_summary(&Session::open(&path)?)?;
            eprintln!("{}", crate::tui::not_a_terminal_message(&global, &cfg));
            std::process::exit(2)
        }
        Some(Command::Init { name }) => {
            let path = db_path(&global, &cfg)?;
            if path.exists() {
                bail!("plik {} już istnieje; init tworzy tylko nową bazę", path.display());
            }
            init(&path, &name)?;
            println!(
                "Utworzono bazę {} ({}); administrator: {}",
                path.display(),
                name,
                crate::storage::staff::os_login()
            );
            Ok(())
        }
        Some(Command::Demo(args)) => demo::run(&db_path(&global, &cfg)?, args),
        Some(Command::Import(cmd)) => {
            let english = global.lang.as_deref().or(cfg.lang.as_deref()) == Some("en");
            import::run(&mut Session::open(&db_path(&global, &cfg)?)?, cmd, english)
        }
        Some(Command::Keymap(cmd)) => keymap::run(cmd, global.lang.as_deref().or(cfg.lang.as_deref())),
        Some(Command::Audit(cmd)) => audit::run(&Session::open(&db_path(&global, &cfg)?)?, cmd),
        Some(Command::Backup(args)) => backup::run(&mut Session::open(&db_path(&global, &cfg)?)?, args),
        Some(Command::Resident(cmd)) => resident::run(&mut Session::open(&db_path(&global, &cfg)?)?, cmd),
        Some(Command::Staff(cmd)) => staff::run(&mut Session::open(&db_path(&global, &cfg)?)?, cmd),
        Some(Command::Application(cmd)) => ipus::run_application(&mut Session::open(&db_path(&global, &cfg)?)?, cmd),
        Some(Command::Ipus(cmd)) => ipus::run(&mut Session::open(&db_path(&global, &cfg)?)?, cmd, &cfg),
        Some(Command::Base(args)) => base::run(&mut Session::open(&db_path(&global, &cfg)?)?, args),
        Some(Command::Usage(cmd)) => usage::run(&mut Session::open(&db_path(&global, &cfg)?)?, cmd),
        Some(Command::Report(cmd)) => report::run(&mut Session::open(&db_path(&global, &cfg)?)?, cmd, &global),
        Some(Command::Find(args)) => find::run(&mut Session::open(&db_path(&global, &cfg)?)?, args),
    }
}

fn db_path(global: &GlobalArgs, cfg: &config::ConfigFile) -> Result<PathBuf> {
    global.db.clone().or_else(|| cfg.db.clone()).context(
        "nie wskazano bazy: podaj --db PLIK, ustaw OKIENKO_DB albo wpisz db = \"…\" w ~/.config/okienko/config.toml",
    )
}

/// Creates an empty centre whose first administrator is the login that ran it.
pub fn init(path: &Path, name: &str) -> Result<Db> {
    let name = crate::domain::text::check_text(name, 120, true).map_err(|p| p.on("--name"))?;
    let mut db = Db::create(path)?;
    let login = crate::storage::staff::os_login();
    db.write(|tx| {
        tx.execute("INSERT OR REPLACE INTO centre (id, name) VALUES (1, ?1)", [&name])?;
        crate::storage::staff::add(tx, &login, &login, "", &[Role::Administrator], false)
    })?;
    Ok(db)
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

/// An open database and the person at the desk.
pub struct Session {
    pub db: Db,
    pub me: StaffMember,
}

impl Session {
    /// Opens the database and identifies the OS login. An active administrator may act as
    /// another login with `OKIENKO_LOGIN` (for support and tests); that is audited.
    pub fn open(path: &Path) -> Result<Session> {
        let mut db = Db::open(path)?;
        let real = crate::storage::staff::current(db.conn())?;
        let me = match std::env::var("OKIENKO_LOGIN").ok().filter(|l| *l != real.login) {
            None => real,
            Some(login) => {
                if !real.roles.contains(&Role::Administrator) {
                    return Err(StorageError::Forbidden(format!(
                        "OKIENKO_LOGIN może ustawić tylko administrator; {} nim nie jest",
                        real.login
                    ))
                    .into());
                }
                let other = crate::storage::staff::identify(db.conn(), &login)?;
                db.write(|tx| {
                    crate::storage::audit::append(
                        tx,
                        &real.login,
                        crate::storage::audit::AuditAction::StaffChange,
                        None,
                        &format!("staff:{login}"),
                        "acting as",
                    )
                })?;
                other
            }
        };
        Ok(Session { db, me })
    }
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
