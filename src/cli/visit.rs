//! `okienko visit add`: a visit or call that ended with information, of a registered resident or
//! anonymous ("Informacja bez rejestracji": no personal data, counted in the indicators).

use super::Session;
use crate::domain::pesel::Pesel;
use crate::domain::roles::Permission;
use crate::domain::visit::VisitInput;
use crate::i18n::cli as t;
use crate::storage::{card, residents};
use anyhow::{Result, anyhow, bail};
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum VisitCommand {
    /// Zapisz wizytę lub telefon · record a visit or a call
    Add {
        /// Informacja bez rejestracji: bez danych osobowych · an enquiry without registration
        #[arg(long, conflicts_with_all = ["pesel", "resident"])]
        anonymous: bool,
        #[arg(long, conflicts_with = "resident")]
        pesel: Option<String>,
        #[arg(long, value_parser = crate::domain::limits::arg_number::<i64>)]
        resident: Option<i64>,
        /// Czego dotyczyła · what it was about
        #[arg(long)]
        topic: String,
        /// osobiście, telefon, e-mail, pismo
        #[arg(long, default_value = "osobiście")]
        channel: String,
        /// Dokąd skierowano · where the person was referred
        #[arg(long, default_value = "")]
        referral: String,
        #[arg(long, default_value = "")]
        note: String,
        /// Data RRRR-MM-DD (domyślnie dziś) · date (default today)
        #[arg(long)]
        on: Option<String>,
    },
}

pub fn run(session: &mut Session, cmd: VisitCommand) -> Result<()> {
    let VisitCommand::Add { anonymous, pesel, resident, topic, channel, referral, note, on } = cmd;
    session.me.require(Permission::RecordContact)?;
    let today = crate::config::today();
    let resident_id = match (anonymous, pesel, resident) {
        (true, _, _) => None,
        (false, _, Some(id)) => Some(residents::person(session.db.conn(), id)?.id),
        (false, Some(pesel), None) => {
            let pesel = Pesel::parse(&pesel).map_err(|e| anyhow!("--pesel: {e}"))?;
            Some(
                residents::id_by_pesel(session.db.conn(), pesel.as_str())?
                    .ok_or_else(|| anyhow!(t::no_resident_with_pesel()))?,
            )
        }
        (false, None, None) => bail!(t::visit_needs_whom()),
    };
    let input = VisitInput { date: on.unwrap_or_else(|| today.to_string()), channel, topic, referral, note };
    let visit = input.validate(today).map_err(|e| {
        let option = match e.field {
            "data" => "--on",
            "kanał" => "--channel",
            "temat" => "--topic",
            "skierowano do" => "--referral",
            _ => "--note",
        };
        anyhow!("{option}: {}", e.problem)
    })?;
    let login = session.me.login.clone();
    let id = session.db.write(|tx| card::record_visit(tx, &login, resident_id, &visit))?;
    println!("{}", t::visit_recorded(id, resident_id.is_none()));
    Ok(())
}
