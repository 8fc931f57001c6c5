//! `okienko import residents FILE.csv`: residents from a CSV file, bad rows set aside with reasons.

use super::Session;
use crate::domain::roles::Permission;
use crate::i18n::cli as t;
use crate::import::residents::{self as import, COLUMNS};
use anyhow::{Context, Result, bail};
use clap::Subcommand;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Mieszkańcy z pliku CSV (UTF-8 lub Windows-1250, przecinki lub średniki) · residents from a CSV file
    #[command(after_help = format!(
        "Nagłówek · header: {}\nWiersze z błędami trafiają do pliku odrzuconych z numerem wiersza i powodem; \
         ponowny import tego samego pliku nie dodaje nikogo drugi raz · rejected rows go to the rejects file \
         with line and reason; importing the same file again adds no one twice.",
        COLUMNS.join(",")
    ))]
    Residents {
        /// Plik CSV · CSV file
        file: PathBuf,
        /// Plik na odrzucone wiersze (domyślnie PLIK.rejected.csv obok) · rejects file (default FILE.rejected.csv)
        #[arg(long, value_name = "FILE")]
        rejects: Option<PathBuf>,
    },
}

pub fn run(session: &mut Session, cmd: ImportCommand) -> Result<()> {
    let ImportCommand::Residents { file, rejects } = cmd;
    session.me.require(Permission::ImportResidents)?;
    let rejects = rejects.unwrap_or_else(|| file.with_extension("rejected.csv"));
    if rejects == file {
        bail!(t::rejects_same_as_input());
    }
    // Refused before anything is imported, not after.
    crate::userfile::check_target(&rejects).context("--rejects")?;
    let data = crate::userfile::read(&file).map_err(|e| anyhow::anyhow!("{}: {}", t::cannot_read(&file), e.reason))?;
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let on_terminal = std::io::stderr().is_terminal();
    let login = session.me.login.clone();
    let report = import::import(&mut session.db, &login, &name, &data, crate::config::today(), |done, total| {
        if on_terminal {
            draw_progress(done, total);
        }
    })?;
    if on_terminal {
        eprintln!();
    }
    println!("{}", report.detected.describe());
    let rejected = report.rejected.len();
    if rejected > 0 {
        import::write_rejects(&rejects, &report.rejected, &report.detected)
            .with_context(|| t::cannot_write_rejects(&rejects))?;
    }
    println!("{}", t::residents_imported(report.imported, rejected, report.already_present));
    if rejected > 0 {
        println!("{}", t::rejects_written(&rejects));
    }
    // A rerun that finds everyone already present succeeded; a file that added no one and was
    // refused in part, or held no rows at all, did not.
    if report.imported == 0 && (rejected > 0 || report.already_present == 0) {
        bail!(t::nothing_imported(&file));
    }
    Ok(())
}

fn draw_progress(done: u64, total: u64) {
    const WIDTH: u64 = 30;
    let filled = (done * WIDTH).checked_div(total).unwrap_or(WIDTH).min(WIDTH);
    let percent = (done * 100).checked_div(total).unwrap_or(100).min(100);
    let bar: String = (0..WIDTH).map(|i| if i < filled { '#' } else { '.' }).collect();
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "\r[{bar}] {percent:>3}%");
    let _ = err.flush();
}
