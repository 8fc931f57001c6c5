//! Staff and their roles. A person's identity is the operating-system login of the process:
//! that is who logged in over SSH.

use super::audit::{self, AuditAction};
use super::{Result, StorageError, Tx};
use crate::domain::roles::{Permission, Role, allowed};
use crate::i18n::{self, errors};
use rusqlite::{Connection, OptionalExtension, params};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StaffMember {
    pub login: String,
    pub full_name: String,
    pub phone: String,
    pub active: bool,
    pub may_approve: bool,
    pub roles: Vec<Role>,
}

impl StaffMember {
    pub fn can(&self, permission: Permission) -> bool {
        self.active && allowed(&self.roles, self.may_approve, permission)
    }

    /// `Ok` when allowed, otherwise an error that says which roles would allow it.
    pub fn require(&self, permission: Permission) -> Result<()> {
        if self.can(permission) {
            return Ok(());
        }
        let needed: Vec<&str> =
            Role::ALL.into_iter().filter(|r| allowed(&[*r], true, permission)).map(Role::code).collect();
        let held = self.roles.iter().map(|r| r.code()).collect::<Vec<_>>().join(", ");
        Err(StorageError::Forbidden(errors::needs_role(i18n::current(), &self.login, &held, &needed)))
    }
}

/// The login of the process's real user, looked up in the system's user database.
pub fn os_login() -> String {
    let uid = nix::unistd::getuid();
    nix::unistd::User::from_uid(uid).ok().flatten().map(|u| u.name).unwrap_or_else(|| format!("uid{}", uid.as_raw()))
}

pub fn find(conn: &Connection, login: &str) -> Result<Option<StaffMember>> {
    let row = conn
        .query_row("SELECT login, full_name, phone, active, may_approve FROM staff WHERE login = ?1", [login], |r| {
            Ok(StaffMember {
                login: r.get(0)?,
                full_name: r.get(1)?,
                phone: r.get(2)?,
                active: r.get(3)?,
                may_approve: r.get(4)?,
                roles: Vec::new(),
            })
        })
        .optional()?;
    let Some(mut member) = row else { return Ok(None) };
    member.roles = roles_of(conn, login)?;
    Ok(Some(member))
}

fn roles_of(conn: &Connection, login: &str) -> Result<Vec<Role>> {
    let mut stmt = conn.prepare_cached("SELECT role FROM staff_role WHERE login = ?1")?;
    let codes = stmt.query_map([login], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    let mut roles: Vec<Role> = codes.iter().filter_map(|c| Role::from_code(c)).collect();
    roles.sort();
    Ok(roles)
}

pub fn list(conn: &Connection) -> Result<Vec<StaffMember>> {
    let logins: Vec<String> = conn
        .prepare("SELECT login FROM staff ORDER BY login")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    logins.iter().map(|l| find(conn, l).map(|m| m.expect("listed above"))).collect()
}

/// Who is at the desk: the OS login, which must be registered and active staff.
pub fn current(conn: &Connection) -> Result<StaffMember> {
    identify(conn, &os_login())
}

pub fn identify(conn: &Connection, login: &str) -> Result<StaffMember> {
    match find(conn, login)? {
        Some(m) if m.active => Ok(m),
        Some(_) => Err(StorageError::Forbidden(errors::account_disabled(i18n::current(), login))),
        None => Err(StorageError::Forbidden(errors::not_registered(i18n::current(), login))),
    }
}

/// Adds a person or, if the login exists, re-enables it and sets its roles.
pub fn add(tx: &Tx<'_>, by: &str, login: &str, full_name: &str, roles: &[Role], may_approve: bool) -> Result<()> {
    let login = crate::domain::text::check_text(login, 64, true).map_err(|p| p.on("login"))?;
    let full_name = crate::domain::text::check_text(full_name, 120, false).map_err(|p| p.on("imię i nazwisko"))?;
    if roles.is_empty() {
        return Err(StorageError::Invalid(errors::no_role_given(i18n::current()).into()));
    }
    tx.execute(
        "INSERT INTO staff (login, full_name, active, may_approve, created_at) VALUES (?1, ?2, 1, ?3, ?4)
         ON CONFLICT (login) DO UPDATE SET active = 1, may_approve = excluded.may_approve,
             full_name = CASE WHEN excluded.full_name = '' THEN staff.full_name ELSE excluded.full_name END",
        params![login, full_name, may_approve, tx.now_stamp()],
    )?;
    tx.execute("DELETE FROM staff_role WHERE login = ?1", [&login])?;
    for role in roles {
        tx.execute("INSERT INTO staff_role (login, role) VALUES (?1, ?2)", params![login, role.code()])?;
    }
    let detail = roles.iter().map(|r| r.code()).collect::<Vec<_>>().join(",");
    audit::append(tx, by, AuditAction::StaffChange, None, &format!("staff:{login}"), &format!("role={detail}"))
}

/// Sets the work phone printed beside a coordinator's name on a plan; empty clears it.
pub fn set_phone(tx: &Tx<'_>, by: &str, login: &str, phone: &str) -> Result<()> {
    let phone = if phone.trim().is_empty() {
        String::new()
    } else {
        crate::domain::text::normalize_phone(phone).map_err(|p| p.on("telefon"))?
    };
    let changed = tx.execute("UPDATE staff SET phone = ?2 WHERE login = ?1", params![login, phone])?;
    if changed == 0 {
        return Err(StorageError::NotFound(crate::i18n::errors::missing_staff(crate::i18n::current(), login)));
    }
    audit::append(tx, by, AuditAction::StaffChange, None, &format!("staff:{login}"), &format!("telefon={phone}"))
}

pub fn disable(tx: &Tx<'_>, by: &str, login: &str) -> Result<()> {
    let changed = tx.execute("UPDATE staff SET active = 0 WHERE login = ?1", [login])?;
    if changed == 0 {
        return Err(StorageError::NotFound(crate::i18n::errors::missing_staff(crate::i18n::current(), login)));
    }
    audit::append(tx, by, AuditAction::StaffChange, None, &format!("staff:{login}"), "disabled")
}

pub fn count_active(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM staff WHERE active = 1", [], |r| r.get(0))?)
}
