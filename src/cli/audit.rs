use super::Session;
use crate::domain::pesel::Pesel;
use crate::domain::roles::Permission;
use crate::domain::text::{display_safe, json_safe};
use crate::i18n::{cli as t, codes};
use crate::storage::{audit, residents};
use anyhow::{Result, anyhow, bail};
use clap::Subcommand;
use std::path::PathBuf;
use unicode_width::UnicodeWidthStr;

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
                    let text = crate::userfile::read_to_string(&file).map_err(|e| anyhow!("--anchor {e}"))?;
                    Some(audit::Anchor::parse(&text).map_err(|e| anyhow!("--anchor {}: {e}", file.display()))?)
                }
            };
            let count = verified(conn)?;
            match anchor {
                None => println!("{}", t::audit_intact(&t::audit_entries(count))),
                Some(anchor) => match audit::check_anchor(conn, &anchor)? {
                    Some(b) => bail!(t::audit_anchor_mismatch(&b.to_string())),
                    None => println!(
                        "{}",
                        t::audit_intact_with_anchor(
                            &t::audit_entries(count),
                            &t::audit_entries(anchor.entries as usize),
                            anchor.last_id
                        )
                    ),
                },
            }
        }
        AuditCommand::Anchor => {
            verified(conn)?;
            match audit::head(conn)? {
                Some(head) => println!("{}", head.anchor().line()),
                None => bail!(t::audit_no_head()),
            }
        }
        AuditCommand::Show { resident, login, limit, json } => {
            let resident_id = match resident {
                None => None,
                Some(p) => {
                    let pesel = Pesel::parse(&p).map_err(|e| anyhow!("--resident: {e}"))?;
                    Some(
                        residents::id_by_pesel(conn, pesel.as_str())?
                            .ok_or_else(|| anyhow!(t::audit_no_resident(pesel.as_str())))?,
                    )
                }
            };
            let entries = audit::entries(conn, resident_id, login.as_deref(), limit)?;
            if json {
                println!("{}", json_safe(&serde_json::to_string_pretty(&entries)?));
                return Ok(());
            }
            let people = super::staff::People::load(conn)?;
            let shown: Vec<(String, String)> =
                entries.iter().map(|e| (t::local_stamp(&e.at), people.name(&e.login))).collect();
            let width = shown.iter().map(|(_, who)| who.width()).max().unwrap_or(0);
            for (e, (at, who)) in entries.iter().zip(&shown) {
                let pad = " ".repeat(width - who.width());
                let whose = e.resident_id.map(|r| format!(", {}", t::audit_resident(r))).unwrap_or_default();
                let detail =
                    if e.detail.is_empty() { String::new() } else { format!(" — {}", display_safe(&e.detail)) };
                println!(
                    "{:>6}  {at}  {who}{pad}  {}: {}{whose}{detail}",
                    e.id,
                    codes::audit_action(&e.action),
                    target(&e.target, &people),
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
        (_, Some(b)) => bail!(t::audit_broken(&b.to_string())),
    }
}

/// An entry's target in words: `plan:12` as "plan nr 12", `staff:kmazur` with the person's name.
fn target(stored: &str, people: &super::staff::People) -> String {
    let whole = codes::audit_target(stored);
    if whole != stored {
        return whole.to_string();
    }
    match stored.split_once(':') {
        None => display_safe(stored).to_string(),
        Some(("staff", login)) => t::audit_target(codes::audit_target("staff"), &people.name(login)),
        Some((kind, rest)) => t::audit_target(&display_safe(codes::audit_target(kind)), &display_safe(rest)),
    }
}
