//! `okienko waitlist add|list|leave`: the waiting list of a rationed service, in filing order.

use crate::cli::Session;
use crate::domain::text::{display_safe, json_safe};
use crate::domain::waitlist::{LeaveReason, days_waited};
use crate::i18n::{cli as t, grants};
use crate::storage::{services, waitlist};
use anyhow::{Result, anyhow};
use clap::Subcommand;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Subcommand)]
pub enum WaitlistCommand {
    /// Wpisz wniosek na listę oczekujących na usługę · put an application on a service's waiting list
    Add {
        /// Numer wniosku · application number
        application: i64,
        /// Kod usługi · service code
        #[arg(long)]
        service: String,
        /// Liczba jednostek · units wanted
        #[arg(long)]
        units: i64,
    },
    /// Kto czeka na usługę, w kolejności złożenia wniosków · who waits, in filing order
    List {
        /// Kod usługi · service code
        service: String,
        /// Także ci, którzy opuścili listę · those who left too
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// Zamknij wpis: przyznano, rezygnacja, wyprowadzka · take an entry off the list, with the reason
    Leave {
        /// Numer wpisu · entry number
        entry: i64,
        /// przyznano, rezygnacja, wyprowadzka
        #[arg(long)]
        reason: String,
    },
}

/// One entry as printed and as `--json` gives it.
#[derive(Debug, Serialize)]
struct Shown {
    place: usize,
    #[serde(flatten)]
    entry: waitlist::WaitlistEntry,
    days_waited: i64,
}

pub fn run(session: &mut Session, cmd: WaitlistCommand) -> Result<()> {
    let today = crate::config::today();
    match cmd {
        WaitlistCommand::Add { application, service, units } => {
            let me = session.me.clone();
            let service_id = services::resolve_service(session.db.conn(), &service)?;
            session.db.write(|tx| waitlist::join(tx, &me, application, service_id, units))?;
            let place = waitlist::waiting(session.db.conn(), service_id)?
                .iter()
                .position(|e| e.application_id == application)
                .map_or(0, |i| i + 1);
            println!("{}", t::application_waiting(application, &display_safe(&service), units, place));
            Ok(())
        }
        WaitlistCommand::List { service, all, json } => {
            session.me.require(crate::domain::roles::Permission::ViewCard)?;
            let conn = session.db.conn();
            let service_id = services::resolve_service(conn, &service)?;
            let entries = if all { waitlist::history(conn, service_id)? } else { waitlist::waiting(conn, service_id)? };
            let mut place = 0;
            let shown: Vec<Shown> = entries
                .into_iter()
                .map(|entry| {
                    let open = entry.left.is_none();
                    place += usize::from(open);
                    Shown {
                        place: if open { place } else { 0 },
                        days_waited: days_waited(entry.filed_on, today),
                        entry,
                    }
                })
                .collect();
            if json {
                println!("{}", json_safe(&serde_json::to_string_pretty(&shown)?));
                return Ok(());
            }
            if shown.is_empty() {
                println!("{}", grants::nobody_waits(&display_safe(&service)));
                return Ok(());
            }
            let [entry, application, resident, filed, days, units] = grants::waitlist_heading();
            // Each column as wide as its heading in the chosen language, and at least its values.
            let w = |heading: &str, least: usize| heading.width().max(least);
            let (we, wa, wr, wf, wd, wu) =
                (w(entry, 6), w(application, 8), w(resident, 30), w(filed, 10), w(days, 10), w(units, 9));
            println!(
                "{:>4}  {entry:>we$}  {application:>wa$}  {resident:<wr$}  {filed:<wf$}  {days:>wd$}  {units:>wu$}",
                "#"
            );
            for s in &shown {
                let place = if s.place > 0 { s.place.to_string() } else { "–".into() };
                let left = s
                    .entry
                    .left
                    .as_ref()
                    .map(|(at, why)| format!("  {} {}", grants::leave_reason(why.code()), t::local_stamp(at)))
                    .unwrap_or_default();
                println!(
                    "{place:>4}  {:>we$}  {:>wa$}  {:<wr$}  {:<wf$}  {:>wd$}  {:>wu$}{left}",
                    s.entry.id,
                    s.entry.application_id,
                    display_safe(&s.entry.resident_name),
                    s.entry.filed_on,
                    s.days_waited,
                    s.entry.units
                );
            }
            Ok(())
        }
        WaitlistCommand::Leave { entry, reason } => {
            let me = session.me.clone();
            let why =
                LeaveReason::from_code(reason.trim()).ok_or_else(|| anyhow!(grants::bad_leave_reason(&reason)))?;
            session.db.write(|tx| waitlist::leave(tx, &me, entry, why))?;
            println!("{}", grants::left(entry, grants::leave_reason(why.code())));
            Ok(())
        }
    }
}
