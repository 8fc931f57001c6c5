use super::Session;
use crate::domain::roles::Permission;
use crate::storage::audit::{self, AuditAction};
use anyhow::Result;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    /// Nowy plik kopii · the new backup file
    pub dest: PathBuf,
}

/// An online copy: consistent even while other desks keep writing.
pub fn run(session: &mut Session, args: BackupArgs) -> Result<()> {
    session.me.require(Permission::ManageStaff)?;
    session.db.backup_to(&args.dest)?;
    let login = session.me.login.clone();
    let dest = args.dest.display().to_string();
    session.db.write(|tx| audit::append(tx, &login, AuditAction::Backup, None, &dest, ""))?;
    println!("{}", crate::i18n::cli::backup_written(&args.dest));
    Ok(())
}
