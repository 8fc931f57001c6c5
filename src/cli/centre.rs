//! `okienko centre`: the centre's own rules — four eyes, training — shown and, for four eyes,
//! changed by an administrator with a reason that goes to the audit log.

use super::Session;
use crate::i18n::trust as text;
use crate::storage::centre;
use anyhow::Result;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum CentreCommand {
    /// Zasady centrum · the centre's rules
    Show,
    /// Zasada czterech oczu przy zatwierdzaniu planów · four eyes for plan approval
    FourEyes {
        #[arg(value_parser = ["on", "off"])]
        state: String,
        /// Dlaczego (wymagane przy off; trafia do dziennika) · why (required for off; audited)
        #[arg(long, default_value = "")]
        reason: String,
    },
}

pub fn run(session: &mut Session, cmd: CentreCommand) -> Result<()> {
    match cmd {
        CentreCommand::Show => {}
        CentreCommand::FourEyes { state, reason } => {
            let me = session.me.clone();
            session.db.write(|tx| centre::set_four_eyes(tx, &me, state == "on", &reason))?;
        }
    }
    let rules = centre::rules(session.db.conn())?;
    println!("{}", text::four_eyes_state(rules.four_eyes));
    if rules.training {
        println!("{}", text::training_mark());
    }
    Ok(())
}
