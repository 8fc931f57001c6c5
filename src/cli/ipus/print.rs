//! Papers: a plan exported to a PDF or text file or sent to the configured print command, the
//! application printed for signing, the refusal decision. Each is written to the audit log, as
//! it takes personal data out of the program.

use super::t;
use crate::cli::Session;
use crate::domain::roles::Permission;
use crate::export;
use crate::storage::audit::{self, AuditAction};
use crate::storage::plans;
use anyhow::{Context, Result, anyhow, bail};
use std::path::{Path, PathBuf};

/// Writes a printout to `path` and logs it as an export of the resident's data.
pub(super) fn write_document(
    session: &mut Session,
    doc: &export::document::Document,
    path: &Path,
    pdf: bool,
    resident: i64,
    target: &str,
) -> Result<()> {
    let (bytes, kind) = if pdf {
        (export::document::render_pdf(doc)?, "pdf")
    } else {
        (export::document::render_text(doc).into_bytes(), "text")
    };
    crate::userfile::write(path, &bytes)?;
    let login = session.me.login.clone();
    session.db.write(|tx| audit::append(tx, &login, AuditAction::Export, Some(resident), target, kind))?;
    println!("{}", t::document_saved(&doc.title, path, bytes.len()));
    Ok(())
}

/// The application with its needs assessment, for the applicant's signature; the assessment's
/// special-category data only for those allowed to see it.
pub(super) fn application(session: &mut Session, id: i64, pdf: Option<PathBuf>, text: Option<PathBuf>) -> Result<()> {
    let me = session.me.clone();
    me.require(Permission::ViewCard)?;
    let conn = session.db.conn();
    let doc = export::letters::application(conn, id, me.can(Permission::ViewSpecialCategory))?;
    let resident = crate::storage::applications::get(conn, id)?.resident_id;
    let (path, as_pdf) = match (pdf, text) {
        (Some(path), _) => (path, true),
        (None, Some(path)) => (path, false),
        (None, None) => bail!(t::export_needs_a_file()),
    };
    write_document(session, &doc, &path, as_pdf, resident, &format!("application:{id}"))
}

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
    let printed = export::gather(session.db.conn(), plan_id, plan_version, &me)?;
    let option = if pdf.is_some() { "--pdf" } else { "--text" };
    let (path, bytes, kind) = match (pdf, text) {
        (Some(path), _) => (path, export::plan::render_pdf(&printed)?, "pdf"),
        (None, Some(path)) => (path, export::plan::render_text(&printed).into_bytes(), "text"),
        (None, None) => bail!(t::export_needs_a_file()),
    };
    crate::userfile::write(&path, &bytes).context(option)?;
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
    let printed = export::gather(session.db.conn(), plan_id, plan_version, &me)?;
    let bytes = export::plan::render_pdf(&printed)?;
    let said = export::print(&command, &bytes).with_context(|| t::printing_with(&command))?;
    if !said.is_empty() {
        eprintln!("{said}");
    }
    let resident = printed.detail.header.resident_id;
    let target = format!("plan_version:{}", printed.version.id);
    session.db.write(|tx| audit::append(tx, &me.login, AuditAction::Print, Some(resident), &target, &command))?;
    println!("{}", t::sent_to_printer(&printed.detail.header.number, printed.version.version, &command));
    Ok(())
}
