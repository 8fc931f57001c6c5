use super::Session;
use crate::domain::pesel::Pesel;
use crate::domain::resident::ResidentInput;
use crate::domain::roles::Permission;
use crate::domain::text::{FieldError, display_safe};
use crate::i18n::cli as t;
use crate::storage::StorageError;
use crate::storage::audit::{self, AuditAction};
use crate::storage::residents::Person;
use crate::storage::{residents, subject};
use anyhow::{Context, Result, anyhow};
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum ResidentCommand {
    /// Zarejestruj osobę; PESEL już w bazie lub osoba podobna: kod wyjścia 3 · register a person; a taken PESEL or a look-alike exits with 3
    Add(Box<AddResident>),
    /// Pary rekordów wyglądające na tę samą osobę · pairs of records that look like one person
    Duplicates {
        #[arg(long)]
        json: bool,
    },
    /// Połącz dwa rekordy jednej osoby: OTHER staje się częścią KEEP · merge two records of one person
    Merge {
        #[arg(value_parser = crate::domain::limits::arg_number::<i64>)]
        keep: i64,
        #[arg(value_parser = crate::domain::limits::arg_number::<i64>)]
        other: i64,
    },
    /// Wszystkie dane o osobie, z historią dostępu (RODO art. 15) · everything held about a person (GDPR art. 15)
    Export {
        pesel: String,
        /// Zapisz do pliku zamiast na ekran · write to a file instead of standard output
        #[arg(long, value_name = "FILE", conflicts_with = "pdf")]
        out: Option<PathBuf>,
        /// Pismo dla osoby (PDF): dane po polsku, z historią dostępu · a readable letter for the person (PDF)
        #[arg(long, value_name = "FILE")]
        pdf: Option<PathBuf>,
    },
    /// Popraw dane osoby (RODO art. 16); zmiana trafia do dziennika · correct a person's data (GDPR art. 16), audited
    Correct {
        pesel: String,
        #[command(flatten)]
        changes: Corrections,
    },
}

#[derive(Debug, clap::Args)]
pub struct AddResident {
    /// PESEL; bez niego wymagane --birth-date i --document · without it --birth-date and --document are required
    #[arg(long, default_value = "")]
    pesel: String,
    #[arg(long = "first-name")]
    first_name: String,
    #[arg(long = "last-name")]
    last_name: String,
    /// RRRR-MM-DD; przy PESEL może zostać pominięta · may be left out with a PESEL
    #[arg(long = "birth-date", default_value = "")]
    birth_date: String,
    /// Numer dokumentu tożsamości · identity document number
    #[arg(long, default_value = "")]
    document: String,
    #[arg(long, default_value = "")]
    street: String,
    #[arg(long = "house-no", default_value = "")]
    house_no: String,
    #[arg(long = "flat-no", default_value = "")]
    flat_no: String,
    #[arg(long = "postal-code", default_value = "")]
    postal_code: String,
    #[arg(long, default_value = "")]
    city: String,
    #[arg(long, default_value = "")]
    phone: String,
    #[arg(long, default_value = "")]
    email: String,
    /// „Inna osoba”: numer podobnej osoby, która jest kimś innym (można powtórzyć) · a look-alike who is someone else
    #[arg(long = "distinct-from", value_parser = crate::domain::limits::arg_number::<i64>)]
    distinct_from: Vec<i64>,
}

/// Only the fields given change; every value is checked as if typed at the desk.
#[derive(Debug, clap::Args)]
pub struct Corrections {
    #[arg(long = "first-name")]
    first_name: Option<String>,
    #[arg(long = "last-name")]
    last_name: Option<String>,
    #[arg(long)]
    street: Option<String>,
    #[arg(long = "house-no")]
    house_no: Option<String>,
    #[arg(long = "flat-no")]
    flat_no: Option<String>,
    #[arg(long = "postal-code")]
    postal_code: Option<String>,
    #[arg(long)]
    city: Option<String>,
    #[arg(long)]
    phone: Option<String>,
    #[arg(long)]
    email: Option<String>,
}

pub fn run(session: &mut Session, cmd: ResidentCommand) -> Result<()> {
    match cmd {
        ResidentCommand::Add(a) => {
            session.me.require(Permission::EditResident)?;
            let record = ResidentInput {
                pesel: a.pesel,
                first_name: a.first_name,
                last_name: a.last_name,
                birth_date: a.birth_date,
                street: a.street,
                house_no: a.house_no,
                flat_no: a.flat_no,
                postal_code: a.postal_code,
                city: a.city,
                phone: a.phone,
                email: a.email,
                document_no: a.document,
            }
            .validate_as_of(crate::config::today())
            .map_err(|e| anyhow!(named_option(e)))?;
            let login = session.me.login.clone();
            let id = session.db.write(|tx| residents::register(tx, &login, &record, &a.distinct_from)).map_err(
                |e| match e {
                    StorageError::Field(f) => anyhow!(named_option(f)),
                    e => anyhow::Error::new(e),
                },
            )?;
            println!(
                "{}",
                t::resident_added(id, &display_safe(&format!("{} {}", record.first_name, record.last_name)))
            );
        }
        ResidentCommand::Duplicates { json } => {
            // Listed for those who may merge them.
            session.me.require(Permission::MergeResidents)?;
            let pairs = residents::duplicates(session.db.conn())?;
            if json {
                println!("{}", crate::domain::text::json_safe(&serde_json::to_string_pretty(&pairs)?));
            } else if pairs.is_empty() {
                println!("{}", t::no_duplicates());
            } else {
                for p in &pairs {
                    let why = crate::i18n::errors::likeness(crate::i18n::current(), p.likeness.code());
                    println!("{}", t::duplicate_pair(&describe(&p.first), &describe(&p.second), why));
                }
            }
        }
        ResidentCommand::Merge { keep, other } => {
            let me = session.me.clone();
            session.db.write(|tx| residents::merge(tx, &me, keep, other))?;
            let kept = residents::person(session.db.conn(), keep)?;
            println!(
                "{}",
                t::residents_merged(keep, other, &display_safe(&format!("{} {}", kept.first_name, kept.last_name)))
            );
        }
        ResidentCommand::Correct { pesel, changes } => {
            session.me.require(Permission::EditResident)?;
            let pesel = Pesel::parse(&pesel).map_err(|e| anyhow!("PESEL: {e}"))?;
            let id = residents::id_by_pesel(session.db.conn(), pesel.as_str())?
                .ok_or_else(|| anyhow!(t::no_resident_with_pesel()))?;
            let login = session.me.login.clone();
            let changed = session.db.write(|tx| {
                let mut input = residents::input_of(tx, id)?;
                for (value, field) in [
                    (changes.first_name, &mut input.first_name),
                    (changes.last_name, &mut input.last_name),
                    (changes.street, &mut input.street),
                    (changes.house_no, &mut input.house_no),
                    (changes.flat_no, &mut input.flat_no),
                    (changes.postal_code, &mut input.postal_code),
                    (changes.city, &mut input.city),
                    (changes.phone, &mut input.phone),
                    (changes.email, &mut input.email),
                ] {
                    if let Some(v) = value {
                        *field = v;
                    }
                }
                residents::correct(tx, &login, id, &input.validate()?)
            })?;
            if changed.is_empty() {
                println!("{}", t::no_changes());
            } else {
                println!("{}", t::corrected(&changed.join(", ")));
            }
        }
        ResidentCommand::Export { pesel, out, pdf } => {
            session.me.require(Permission::ExportResident)?;
            let pesel = Pesel::parse(&pesel).map_err(|e| anyhow!("PESEL: {e}"))?;
            let id = residents::id_by_pesel(session.db.conn(), pesel.as_str())?
                .ok_or_else(|| anyhow!(t::no_resident_with_pesel()))?;
            let login = session.me.login.clone();
            let target =
                out.as_ref().or(pdf.as_ref()).map_or_else(|| "stdout".to_string(), |p| p.display().to_string());
            // Logged first, so that the export itself appears in its own access log.
            session.db.write(|tx| audit::append(tx, &login, AuditAction::Export, Some(id), &target, "RODO art. 15"))?;
            if let Some(path) = pdf {
                let doc = crate::export::subject::subject_report(session.db.conn(), id, crate::config::today())?;
                let bytes = crate::export::document::render_pdf(&doc)?;
                std::fs::write(&path, &bytes).map_err(|e| anyhow!("{}: {e}", path.display()))?;
                eprintln!("{}", t::resident_letter_written(&path));
                return Ok(());
            }
            let json = serde_json::to_string_pretty(&subject::export(session.db.conn(), id)?)?;
            let text = crate::domain::text::json_safe(&json).into_owned();
            match out {
                Some(path) => {
                    crate::userfile::write(&path, (text + "\n").as_bytes()).context("--out")?;
                    eprintln!("{}", t::resident_exported(&path));
                }
                None => println!("{text}"),
            }
        }
    }
    Ok(())
}

/// The option a refused field was given by: `--birth-date: …`.
fn named_option(e: FieldError) -> String {
    let option = match e.field {
        "PESEL" => "--pesel",
        "imię" => "--first-name",
        "nazwisko" => "--last-name",
        "data urodzenia" => "--birth-date",
        "nr dokumentu" => "--document",
        "ulica" => "--street",
        "nr domu" => "--house-no",
        "nr lokalu" => "--flat-no",
        "kod pocztowy" => "--postal-code",
        "miejscowość" => "--city",
        "telefon" => "--phone",
        "e-mail" => "--email",
        _ => return e.to_string(),
    };
    format!("{option}: {}", e.problem)
}

/// One side of a pair: `nr 12 Anna Nowak, ur. 1950-02-03, ul. Długa 4, 27-200 Starachowice`.
fn describe(p: &Person) -> String {
    let mut parts = vec![format!("nr {} {} {}", p.id, p.first_name, p.last_name)];
    for value in [&p.birth_date, &p.document_no, &p.address] {
        if !value.is_empty() {
            parts.push(value.clone());
        }
    }
    display_safe(&parts.join(", ")).into_owned()
}
