use super::Session;
use crate::domain::pesel::Pesel;
use crate::domain::roles::Permission;
use crate::domain::text::{display_safe, json_safe};
use crate::i18n::{Forms, count as counted, current};
use crate::storage::{audit, residents};
use anyhow::{Result, anyhow, bail};
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Sprawdź dziennik: klucz, głowę, wyzwalacze i łańcuch skrótów (wykrywa zmienione, usunięte
    /// i dopisane wpisy) · verify the keyed chain, its head and triggers
    Verify {
        /// Sprawdź też, że nic sprzed tej kotwicy nie usunięto ani nie zmieniono · also check
        /// that nothing up to this anchor was removed or changed
        #[arg(long, value_name = "FILE")]
        anchor: Option<PathBuf>,
    },
    /// Wypisz kotwicę dziennika (liczba wpisów, ostatni numer i skrót) do zapisania poza bazą ·
    /// print the log's head, to be kept outside the database
    Anchor,
    /// Pokaż wpisy dziennika, najnowsze pierwsze · show entries, newest first
    Show {
        /// Tylko wpisy o mieszkańcu o tym numerze PESEL · only entries about this resident
        #[arg(long, value_name = "PESEL")]
        resident: Option<String>,
        /// Tylko czynności tego pracownika · only this person's actions
        #[arg(long, value_name = "LOGIN")]
        login: Option<String>,
        /// Najwyżej tyle wpisów · at most this many entries
        #[arg(long, default_value_t = 50, value_parser = crate::domain::limits::arg_rows)]
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
        AuditCommand::Verify { anchor } => {
            let anchor = match anchor {
                None => None,
                Some(file) => {
                    let text =
                        std::fs::read_to_string(&file).map_err(|e| anyhow!("--anchor {}: {e}", file.display()))?;
                    Some(audit::Anchor::parse(&text).map_err(|e| anyhow!("--anchor {}: {e}", file.display()))?)
                }
            };
            let count = verified(conn)?;
            match anchor {
                None => println!("Dziennik zdarzeń nienaruszony: {}", entries(count)),
                Some(anchor) => match audit::check_anchor(conn, &anchor)? {
                    Some(b) => bail!("dziennik zdarzeń niezgodny z kotwicą {b}"),
                    None => println!(
                        "Dziennik zdarzeń nienaruszony: {}, w tym wszystkie z kotwicy ({}, do nr {})",
                        entries(count),
                        entries(anchor.entries as usize),
                        anchor.last_id
                    ),
                },
            }
        }
        AuditCommand::Anchor => {
            verified(conn)?;
            match audit::head(conn)? {
                Some(head) => println!("{}", head.anchor().line()),
                None => bail!("dziennik nie ma jeszcze klucza ani głowy; powstaną przy pierwszym zapisie w bazie"),
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

/// The number of entries of a log that verifies; an error saying what is wrong otherwise.
fn verified(conn: &rusqlite::Connection) -> Result<usize> {
    match audit::verify(conn)? {
        (count, None) => Ok(count),
        (_, Some(b)) => bail!("dziennik zdarzeń naruszony: {b}"),
    }
}

fn entries(n: usize) -> String {
    counted(current(), n as i64, Forms { one: "wpis", few: "wpisy", many: "wpisów" })
}
