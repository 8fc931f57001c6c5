use super::Session;
use crate::domain::roles::{Permission, Role};
use crate::domain::text::display_safe;
use crate::storage::staff;
use anyhow::{Result, anyhow};
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Dodaj pracownika albo zmień jego role · add a person or change their roles
    Add {
        /// Login systemowy (ten, którym loguje się przez SSH) · OS login used over SSH
        login: String,
        /// Rola (można powtórzyć): recepcja, koordynator, organizator, dyrektor, administrator · role (repeatable)
        #[arg(long = "role", required = true, num_args = 1.., value_name = "ROLE")]
        roles: Vec<String>,
        /// Imię i nazwisko · full name
        #[arg(long, default_value = "")]
        name: String,
        /// Organizator upoważniony przez dyrektora do zatwierdzania IPUS · organiser authorised to approve plans
        #[arg(long)]
        may_approve: bool,
    },
    /// Lista pracowników · list staff
    List,
    /// Wyłącz konto pracownika · disable a person's account
    Disable { login: String },
}

pub fn run(session: &mut Session, cmd: StaffCommand) -> Result<()> {
    let me = session.me.clone();
    match cmd {
        StaffCommand::Add { login, roles, name, may_approve } => {
            me.require(Permission::ManageStaff)?;
            let roles = roles
                .iter()
                .flat_map(|r| r.split(','))
                .map(|code| {
                    Role::from_code(code.trim()).ok_or_else(|| {
                        anyhow!("--role: nieznana rola „{code}”; dozwolone: recepcja, koordynator, organizator, dyrektor, administrator")
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            session.db.write(|tx| staff::add(tx, &me.login, &login, &name, &roles, may_approve))?;
            println!("Zapisano: {login} ({})", roles.iter().map(|r| r.code()).collect::<Vec<_>>().join(", "));
        }
        StaffCommand::List => {
            println!("{:<16} {:<7} {:<40} IMIĘ I NAZWISKO", "LOGIN", "AKTYWNY", "ROLE");
            for m in staff::list(session.db.conn())? {
                let mut roles = m.roles.iter().map(|r| r.code()).collect::<Vec<_>>().join(",");
                if m.may_approve {
                    roles.push_str(" (zatwierdza)");
                }
                println!(
                    "{:<16} {:<7} {:<40} {}",
                    display_safe(&m.login),
                    if m.active { "tak" } else { "nie" },
                    roles,
                    display_safe(&m.full_name)
                );
            }
        }
        StaffCommand::Disable { login } => {
            me.require(Permission::ManageStaff)?;
            if login == me.login {
                return Err(anyhow!("nie można wyłączyć własnego konta"));
            }
            session.db.write(|tx| staff::disable(tx, &me.login, &login))?;
            println!("Wyłączono konto {login}");
        }
    }
    Ok(())
}
