//! The approval cycle and changes after it: submit, approve, return, update, resign.

use super::{date_arg, print_findings, safe, t};
use crate::cli::Session;
use crate::domain::ipus::VersionState;
use crate::storage::StorageError;
use crate::storage::plans::{self, EndReason};
use anyhow::{Result, bail};
use chrono::NaiveDate;

pub(super) fn submit(session: &mut Session, id: &str, today: NaiveDate) -> Result<()> {
    let me = session.me.clone();
    let plan_id = plans::resolve(session.db.conn(), id)?;
    let version_id =
        plans::version_in_state(session.db.conn(), plan_id, &[VersionState::Draft, VersionState::Returned])?;
    let warnings = session.db.write(|tx| plans::submit(tx, &me, version_id, today))?;
    println!("{}", t::submitted(&plans::header(session.db.conn(), plan_id)?.number));
    print_findings(&warnings);
    Ok(())
}

pub(super) fn approve(session: &mut Session, id: &str, comment: &str, queue_reason: Option<&str>) -> Result<()> {
    let me = session.me.clone();
    let plan_id = plans::resolve(session.db.conn(), id)?;
    let version_id = plans::version_in_state(session.db.conn(), plan_id, &[VersionState::Submitted])?;
    match session.db.write(|tx| plans::approve(tx, &me, version_id, None, comment, queue_reason)) {
        Err(StorageError::NoRoom(message)) => {
            let app = plans::header(session.db.conn(), plan_id)?.application_id;
            bail!("{message}\n{}", t::may_wait_for_places(app));
        }
        Err(StorageError::EarlierApplicantsWait(message)) => {
            bail!("{message}\n{}", crate::i18n::grants::may_give_queue_reason());
        }
        other => other?,
    }
    let v = plans::version(session.db.conn(), version_id)?;
    println!("{}", t::approved(&plans::header(session.db.conn(), plan_id)?.number, v.version));
    Ok(())
}

pub(super) fn return_version(session: &mut Session, id: &str, comment: &str) -> Result<()> {
    let me = session.me.clone();
    let plan_id = plans::resolve(session.db.conn(), id)?;
    let version_id = plans::version_in_state(session.db.conn(), plan_id, &[VersionState::Submitted])?;
    session.db.write(|tx| plans::return_version(tx, &me, version_id, comment))?;
    println!("{}", t::returned(&plans::header(session.db.conn(), plan_id)?.number, &safe(comment)));
    Ok(())
}

pub(super) fn update(session: &mut Session, id: &str, today: NaiveDate) -> Result<()> {
    let me = session.me.clone();
    let plan_id = plans::resolve(session.db.conn(), id)?;
    let version_id = session.db.write(|tx| plans::start_update(tx, &me, plan_id, today))?;
    let v = plans::version(session.db.conn(), version_id)?;
    println!("{}", t::update_started(v.version));
    Ok(())
}

pub(super) fn resign(
    session: &mut Session,
    id: &str,
    line: Option<usize>,
    on: &str,
    director_informed: &str,
) -> Result<()> {
    let me = session.me.clone();
    let plan_id = plans::resolve(session.db.conn(), id)?;
    let on = date_arg("--on", on)?;
    let informed = date_arg("--director-informed", director_informed)?;
    match line {
        Some(position) => {
            session.db.write(|tx| plans::resign_line(tx, &me, plan_id, position, on, informed))?;
            println!("{}", t::line_resigned(position, on, informed));
        }
        None => {
            session.db.write(|tx| plans::end_plan(tx, &me, plan_id, on, EndReason::Resignation, Some(informed)))?;
            println!("{}", t::plan_resigned(on, crate::domain::plan::follow_up_due(on)));
        }
    }
    Ok(())
}
