//! The end of a plan and what follows it: the summary conversation, monitoring contacts, and
//! the follow-up six months later.

use super::{past_date_arg, t};
use crate::cli::Session;
use crate::domain::monitoring::Contact;
use crate::i18n::codes;
use crate::storage::plans;
use anyhow::Result;
use chrono::NaiveDate;

pub(super) fn complete(
    session: &mut Session,
    id: &str,
    on: &str,
    course: &str,
    results: &str,
    today: NaiveDate,
) -> Result<()> {
    let me = session.me.clone();
    let plan_id = plans::resolve(session.db.conn(), id)?;
    let on = past_date_arg("--on", on, today)?;
    session.db.write(|tx| plans::record_summary(tx, &me, plan_id, on, course, results))?;
    let h = plans::header(session.db.conn(), plan_id)?;
    println!("{}", t::summary_recorded(on, h.follow_up_due()));
    Ok(())
}

pub(super) fn follow_up(session: &mut Session, id: &str, on: &str, note: &str, today: NaiveDate) -> Result<()> {
    let me = session.me.clone();
    let plan_id = plans::resolve(session.db.conn(), id)?;
    let on = past_date_arg("--on", on, today)?;
    let early = session.db.write(|tx| plans::record_follow_up(tx, &me, plan_id, on, note))?;
    println!("{}", t::follow_up_recorded(on));
    if let Some(due) = early {
        println!("{}", t::follow_up_early(due));
    }
    Ok(())
}

/// What `ipus monitor` was given.
pub(super) struct ContactArgs<'a> {
    pub on: &'a str,
    pub channel: &'a str,
    pub with_whom: &'a str,
    pub note: &'a str,
    pub quality: &'a str,
}

pub(super) fn contact(session: &mut Session, id: &str, args: ContactArgs<'_>, today: NaiveDate) -> Result<()> {
    let me = session.me.clone();
    let plan_id = plans::resolve(session.db.conn(), id)?;
    let on = past_date_arg("--on", args.on, today)?;
    let contact = Contact::check(on, args.channel, args.with_whom, args.note, args.quality)?;
    let channel = contact.channel.as_str();
    session.db.write(|tx| plans::add_contact(tx, &me, plan_id, &contact))?;
    let d = plans::detail(session.db.conn(), plan_id)?;
    println!("{}", t::contact_recorded(on, codes::contact_channel(channel), plans::monitoring_due(&d)));
    Ok(())
}
