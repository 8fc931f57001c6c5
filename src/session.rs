//! Who is at the desk, on which database, with which settings: what both front ends start from.
//! A new centre's database is created here too, with the login that made it as its administrator.
//! On a service installation (see [`crate::service`]) this is where the run decides whether the
//! database is the service's, taking the group up, or the person's own, leaving it for good.

use crate::domain::roles::Role;
use crate::service::{self, Standing};
use crate::settings::Settings;
use crate::storage::staff::{self, StaffMember};
use crate::storage::{Db, StorageError, audit};
use anyhow::{Result, bail};
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
        enter(path)?;
        let mut db = Db::open(path)?;
        let (me, today) = identify(&mut db)?;
        Ok(Session { db, me, today, settings })
    }
}

/// The person is the OS login (the real uid), registered and active. Only in a training centre
/// may an active administrator act as another login with `OKIENKO_LOGIN` (to show or test the
/// roles), which is audited; `OKIENKO_TODAY` pins the day (see [`crate::config::today`]).
fn identify(db: &mut Db) -> Result<(StaffMember, NaiveDate)> {
    let real = staff::current(db.conn())?;
    let me = match std::env::var("OKIENKO_LOGIN").ok().filter(|l| *l != real.login) {
        None => real,
        Some(login) => {
            if !crate::storage::centre::rules(db.conn())?.training {
                bail!(crate::i18n::trust::act_as_only_in_training());
            }
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

/// The variables that would change who works or when.
const OVERRIDES: [&str; 2] = ["OKIENKO_LOGIN", "OKIENKO_TODAY"];

/// On a service installation: a database the system config names is opened with the service
/// group, and then nothing may change who works or when; any other is the person's own file, and
/// the run leaves the group for good. Returns whether the database is the service's.
fn enter(path: &Path) -> Result<bool> {
    if !is_service_database(path)? {
        service::leave_for_good()?;
        return Ok(false);
    }
    if let Some(name) = OVERRIDES.iter().find(|name| std::env::var_os(name).is_some()) {
        bail!(crate::i18n::service::override_refused(name));
    }
    service::take_up_group()?;
    Ok(true)
}

/// Named in the system config, exactly: a link or `..` elsewhere does not make a file the service's.
fn is_service_database(path: &Path) -> Result<bool> {
    if service::standing() == Standing::Plain {
        return Ok(false);
    }
    let absolute = std::path::absolute(path)?;
    Ok(crate::config::service_databases()?.contains(&absolute))
}

/// Creates an empty centre whose first administrator is the login that ran it. A service
/// database is made by `okienko setup-server` alone, so that no staff login becomes its
/// administrator by being first.
pub fn create_centre(path: &Path, name: &str) -> Result<Db> {
    let name = crate::domain::text::check_text(name, 120, true).map_err(|p| p.on("--name"))?;
    make_own(path)?;
    create_with_admin(path, &name, &staff::os_login())
}

/// Before a new database (a centre, a demo) is made at `path`: never the service's, and the run
/// leaves the service group for good.
pub fn make_own(path: &Path) -> Result<()> {
    if is_service_database(path)? {
        bail!(crate::i18n::service::service_db_made_by_setup(path));
    }
    Ok(service::leave_for_good()?)
}

/// A new centre at `path` administered by `login`; `setup-server` names the login.
pub fn create_with_admin(path: &Path, name: &str, login: &str) -> Result<Db> {
    let mut db = Db::create(path)?;
    db.write(|tx| {
        crate::storage::centre::create(tx, name)?;
        staff::add(tx, login, login, "", &[Role::Administrator], false)
    })?;
    Ok(db)
}
