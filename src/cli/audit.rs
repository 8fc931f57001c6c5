use super::Session;
use crate::domain::pesel::Pesel;
use crate::domain::roles::Permission;
use crate::domain::text::{display_safe, json_safe};
use crate::storage::{audit, residents};
use anyhow::{Result, anyhow, bail};
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Sprawdź łańcuch skrótów dziennika (wykrywa zmienione i usunięte wpisy) · verify the hash chain
    Verify,
    /// Pokaż wpisy dziennika, najnowsze pierwsze · show entries, newest first
    Show {
        /// Tylko wpisy o mieszkańcu o tym numerze PESEL · only entries about this resident
        #[arg(long, value_name = "PESEL")]
        resident: Option<String>,
        /// Tylko czynności tego pracownika · only this person's actions
        #[arg(long, value_name = "LOGIN")]
        login: Option<String>,
        /// Najwyżej tyle wpisów · at most this many entries
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// Wynik w JSON · output as JSON
        #[arg(long)]
        json: bool,
    },
}

pub fn run(session: &Session, cmd: AuditCommand) -> Result<()> {
    session.me.require(Permission::ViewAudit)?;
    let conn = session.db.conn();
    match cmd {
        AuditCommand::Verify => {
            let (count, broken) = audit::verify(conn)?;
            match broken {
                None => println!("Dziennik zdarzeń nienaruszony: {count} wpisów"),
                Some(b) => bail!("dziennik zdarzeń naruszony przy wpisie nr {}: {}", b.id, b.reason),
            }
        }
        AuditCommand::Show { resident, login, limit, json } => {
            let resident_id = match resident {
                None => None,
                Some(p) => {
                    let pesel = Pesel::parse(&p).map_err(|e| anyhow!("--resident: {e}"))?;
                    Some(
                        residents::id_by_pesel(conn, pesel.as_str())?
                            .ok_or_else(|| anyhow!("--resident: nie ma mieszkańca o numerze PESEL {pesel}"))?,
                    )
                }
            };
            let entries = audit::entries(conn, resident_id, login.as_deref(), limit)?;
            if json {
                println!("{}", json_safe(&serde_json::to_string_pretty(&entries)?));
                return Ok(());
            }
            for e in entries {
                let who = e.resident_id.map(|r| format!(" mieszkaniec {r}")).unwrap_or_default();
                println!(
                    "{:>6} {} {:<12} {:<14}{} {} {}",
                    e.id,
                    e.at,
                    display_safe(&e.login),
                    e.action,
                    who,
                    display_safe(&e.target),
                    display_safe(&e.detail)
                );
            }
        }
    }
    Ok(())
}
