use super::Session;
use crate::domain::roles::{Permission, Role};
use crate::domain::text::display_safe;
use crate::i18n::{cli as t, codes};
use crate::storage::staff;
use anyhow::{Result, anyhow};
use clap::Subcommand;
use rusqlite::Connection;

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
        /// Telefon służbowy, drukowany przy nazwisku koordynatora na planie · work phone printed on plans
        #[arg(long)]
        phone: Option<String>,
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
        StaffCommand::Add { login, roles, name, phone, may_approve } => {
            me.require(Permission::ManageStaff)?;
            let roles = roles
                .iter()
                .flat_map(|r| r.split(','))
                .map(|code| Role::from_code(code.trim()).ok_or_else(|| anyhow!(t::unknown_role(code))))
                .collect::<Result<Vec<_>>>()?;
            session.db.write(|tx| {
                staff::add(tx, &me.login, &login, &name, &roles, may_approve)?;
                match &phone {
                    Some(phone) => staff::set_phone(tx, &me.login, &login, phone),
                    None => Ok(()),
                }
            })?;
            let roles = roles.iter().map(|r| codes::role(r.code())).collect::<Vec<_>>().join(", ");
            println!("{}", t::staff_saved(&display_safe(&login), &roles));
        }
        StaffCommand::List => {
            let h = t::staff_list_header();
            println!("{:<16} {:<7} {:<40} {}", h[0], h[1], h[2], h[3]);
            for m in staff::list(session.db.conn())? {
                let mut roles = m.roles.iter().map(|r| codes::role(r.code())).collect::<Vec<_>>().join(", ");
                if m.may_approve {
                    roles.push(' ');
                    roles.push_str(&t::approves());
                }
                println!(
                    "{:<16} {:<7} {:<40} {}",
                    display_safe(&m.login),
                    t::yes_no(m.active),
                    roles,
                    display_safe(&m.full_name)
                );
            }
        }
        StaffCommand::Disable { login } => {
            me.require(Permission::ManageStaff)?;
            if login == me.login {
                return Err(anyhow!(t::cannot_disable_self()));
            }
            session.db.write(|tx| staff::disable(tx, &me.login, &login))?;
            println!("{}", t::staff_disabled(&display_safe(&login)));
        }
    }
    Ok(())
}

/// Staff as people read them: "Anna Nowak (anowak)"; a login no longer on the staff list alone.
/// Loaded once per command, so a long list costs one query.
pub(super) struct People(std::collections::HashMap<String, String>);

impl People {
    pub(super) fn load(conn: &Connection) -> Result<People> {
        Ok(People(staff::list(conn)?.into_iter().map(|m| (m.login, m.full_name)).collect()))
    }

    pub(super) fn name(&self, login: &str) -> String {
        let full_name = self.0.get(login).map(String::as_str).unwrap_or_default();
        t::person(&display_safe(full_name), &display_safe(login))
    }
}
