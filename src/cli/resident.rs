use super::Session;
use crate::domain::pesel::Pesel;
use crate::domain::roles::Permission;
use crate::i18n::cli as t;
use crate::storage::audit::{self, AuditAction};
use crate::storage::{residents, subject};
use anyhow::{Context, Result, anyhow};
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum ResidentCommand {
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
