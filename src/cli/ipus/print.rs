//! A plan on paper: exported to a PDF or text file, or sent to the configured print command.
//! Both are written to the audit log, as they take personal data out of the program.

use super::t;
use crate::cli::Session;
use crate::domain::roles::Permission;
use crate::export;
use crate::storage::audit::{self, AuditAction};
use crate::storage::plans;
use anyhow::{Context, Result, anyhow, bail};
use std::path::PathBuf;

pub(super) fn export(
    session: &mut Session,
    id: &str,
    pdf: Option<PathBuf>,
    text: Option<PathBuf>,
    plan_version: Option<u32>,
) -> Result<()> {
    let me = session.me.clone();
    me.require(Permission::ViewCard)?;
    let plan_id = plans::resolve(session.db.conn(), id)?;
    let printed = export::gather(session.db.conn(), plan_id, plan_version)?;
    let (path, bytes, kind) = match (pdf, text) {
        (Some(path), _) => (path, export::pdf::render_pdf(&printed)?, "pdf"),
        (None, Some(path)) => (path, export::render_text(&printed).into_bytes(), "text"),
        (None, None) => bail!(t::export_needs_a_file()),
    };
    std::fs::write(&path, &bytes).with_context(|| t::cannot_write(&path))?;
    let resident = printed.detail.header.resident_id;
    let target = format!("plan_version:{}", printed.version.id);
    session.db.write(|tx| audit::append(tx, &me.login, AuditAction::Export, Some(resident), &target, kind))?;
    println!("{}", t::plan_exported(&printed.detail.header.number, printed.version.version, &path, bytes.len()));
    Ok(())
}

pub(super) fn print(session: &mut Session, id: &str, plan_version: Option<u32>) -> Result<()> {
    let me = session.me.clone();
    me.require(Permission::ViewCard)?;
    let command = session.settings.print_command.clone().ok_or_else(|| anyhow!(t::no_print_command()))?;
    let plan_id = plans::resolve(session.db.conn(), id)?;
    let printed = export::gather(session.db.conn(), plan_id, plan_version)?;
    let bytes = export::pdf::render_pdf(&printed)?;
    export::print(&command, &bytes).with_context(|| t::printing_with(&command))?;
    let resident = printed.detail.header.resident_id;
    let target = format!("plan_version:{}", printed.version.id);
    session.db.write(|tx| audit::append(tx, &me.login, AuditAction::Print, Some(resident), &target, &command))?;
    println!("{}", t::sent_to_printer(&printed.detail.header.number, printed.version.version, &command));
    Ok(())
}
