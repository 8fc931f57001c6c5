//! Who is at the desk, on which database, with which settings: what both front ends start from.
//! A new centre's database is created here too, with the login that made it as its administrator.

use crate::domain::roles::Role;
use crate::settings::Settings;
use crate::storage::staff::{self, StaffMember};
use crate::storage::{Db, StorageError, audit};
use anyhow::Result;
use chrono::NaiveDate;
use std::path::Path;

/// An open database and the person at the desk.
pub struct Session {
    pub db: Db,
    pub me: StaffMember,
    /// The day this run works on.
    pub today: NaiveDate,
    pub settings: Settings,
}

impl Session {
    pub fn open(path: &Path, settings: Settings) -> Result<Session> {
        let mut db = Db::open(path)?;
        let (me, today) = identify(&mut db)?;
        Ok(Session { db, me, today, settings })
    }
}

/// The person is the OS login, registered and active. An active administrator may act as another
/// login with `OKIENKO_LOGIN` (for support and tests), which is audited; `OKIENKO_TODAY` pins the
/// day (see [`crate::config::today`]).
fn identify(db: &mut Db) -> Result<(StaffMember, NaiveDate)> {
    let real = staff::current(db.conn())?;
    let me = match std::env::var("OKIENKO_LOGIN").ok().filter(|l| *l != real.login) {
        None => real,
        Some(login) => {
            if !real.roles.contains(&Role::Administrator) {
                return Err(StorageError::Forbidden(format!(
                    "OKIENKO_LOGIN może ustawić tylko administrator; {} nim nie jest",
                    real.login
                ))
                .into());
            }
            let other = staff::identify(db.conn(), &login)?;
            db.write(|tx| {
                audit::append(
                    tx,
                    &real.login,
                    audit::AuditAction::StaffChange,
                    None,
                    &format!("staff:{login}"),
                    "acting as",
                )
            })?;
            other
        }
    };
    Ok((me, crate::config::today()))
}

/// Creates an empty centre whose first administrator is the login that ran it.
pub fn create_centre(path: &Path, name: &str) -> Result<Db> {
    let name = crate::domain::text::check_text(name, 120, true).map_err(|p| p.on("--name"))?;
    let mut db = Db::create(path)?;
    let login = staff::os_login();
    db.write(|tx| {
        tx.execute("INSERT OR REPLACE INTO centre (id, name) VALUES (1, ?1)", [&name])?;
        staff::add(tx, &login, &login, "", &[Role::Administrator], false)
    })?;
    Ok(db)
}
