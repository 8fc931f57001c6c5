use super::Session;
use crate::domain::pesel::Pesel;
use crate::domain::roles::Permission;
use crate::storage::audit::{self, AuditAction};
use crate::storage::{residents, subject};
use anyhow::{Result, anyhow};
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum ResidentCommand {
    /// Wszystkie dane o osobie, z historią dostępu (RODO art. 15) · everything held about a person (GDPR art. 15)
    Export {
        pesel: String,
        /// Zapisz do pliku zamiast na ekran · write to a file instead of standard output
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

pub fn run(session: &mut Session, cmd: ResidentCommand) -> Result<()> {
    match cmd {
        ResidentCommand::Export { pesel, out } => {
            session.me.require(Permission::ExportResident)?;
            let pesel = Pesel::parse(&pesel).map_err(|e| anyhow!("PESEL: {e}"))?;
            let id = residents::id_by_pesel(session.db.conn(), pesel.as_str())?
                .ok_or_else(|| anyhow!("PESEL: nie ma mieszkańca o tym numerze"))?;
            let login = session.me.login.clone();
            let target = out.as_ref().map_or_else(|| "stdout".to_string(), |p| p.display().to_string());
            // Logged first, so that the export itself appears in its own access log.
            session.db.write(|tx| audit::append(tx, &login, AuditAction::Export, Some(id), &target, "RODO art. 15"))?;
            let text = serde_json::to_string_pretty(&subject::export(session.db.conn(), id)?)?;
            match out {
                Some(path) => {
                    std::fs::write(&path, text + "\n").map_err(|e| anyhow!("{}: {e}", path.display()))?;
                    eprintln!("Zapisano dane osoby do {}", path.display());
                }
                None => println!("{text}"),
            }
        }
    }
    Ok(())
}
