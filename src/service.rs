//! The program's standing on this machine. Installed setgid to a service group (`okienko`) that
//! owns the database directory, it is the only way staff reach the file: they are not in the group,
//! so `sqlite3` or a copy cannot open it. Such a run starts with the group put down, takes it up
//! only to open a database the system config names, and puts it down again around every file the
//! person names (see [`crate::userfile`]), so that it never becomes a tool against its own files.
//! A run on any other database leaves the group for good and is an ordinary program.

use nix::unistd::{Gid, getresgid, setegid, setresgid};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{OnceLock, RwLock};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// An ordinary program: the person's own identity for everything.
    Plain,
    /// Installed setgid: `group` is the service's, `own` the person's.
    Service { group: Gid, own: Gid },
}

static STANDING: OnceLock<Standing> = OnceLock::new();
static HOLDING: AtomicBool = AtomicBool::new(false);
/// Held shared while a file of the service is opened, exclusively while the group is put down
/// for a file the person named, so that another thread never opens a database without it.
static SWITCH: RwLock<()> = RwLock::new(());

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ServiceError(pub String);

/// Reads the standing and puts the service group down until a service database is opened.
/// Called first thing, before any file is read.
pub fn start() -> Result<Standing, ServiceError> {
    let standing = *STANDING.get_or_init(detect);
    if let Standing::Service { own, .. } = standing {
        setegid(own).map_err(|e| ServiceError(crate::i18n::service::cannot_switch_group(&e.to_string())))?;
    }
    Ok(standing)
}

fn detect() -> Standing {
    match getresgid() {
        Ok(ids) if ids.effective != ids.real => Standing::Service { group: ids.effective, own: ids.real },
        _ => Standing::Plain,
    }
}

pub fn standing() -> Standing {
    *STANDING.get_or_init(detect)
}

/// True while this run holds the service group, i.e. works on a service database.
pub fn holding_group() -> bool {
    HOLDING.load(Ordering::SeqCst)
}

/// Takes the service group up for the rest of the run: the session opens a database the system
/// config names.
pub fn take_up_group() -> Result<(), ServiceError> {
    if let Standing::Service { group, .. } = standing() {
        let _switch = SWITCH.write().unwrap_or_else(|p| p.into_inner());
        setegid(group).map_err(|e| ServiceError(crate::i18n::service::cannot_switch_group(&e.to_string())))?;
        HOLDING.store(true, Ordering::SeqCst);
    }
    Ok(())
}

/// Gives the service group up for good: the database is not the service's, so this run is an
/// ordinary program of the person's and cannot take the group back.
pub fn leave_for_good() -> Result<(), ServiceError> {
    if let Standing::Service { own, .. } = standing() {
        let _switch = SWITCH.write().unwrap_or_else(|p| p.into_inner());
        setresgid(own, own, own)
            .map_err(|e| ServiceError(crate::i18n::service::cannot_switch_group(&e.to_string())))?;
        HOLDING.store(false, Ordering::SeqCst);
    }
    Ok(())
}

/// Runs `open` with the service group held steady: no other thread puts it down meanwhile.
pub fn with_group<T>(open: impl FnOnce() -> T) -> T {
    let _switch = SWITCH.read().unwrap_or_else(|p| p.into_inner());
    open()
}

/// Runs `work` as the person alone, the service group put down, and takes the group up again
/// afterwards (also if `work` panics). Outside a service database this is just `work()`.
pub fn as_own<T>(work: impl FnOnce() -> T) -> Result<T, ServiceError> {
    let Standing::Service { group, own } = standing() else { return Ok(work()) };
    let _switch = SWITCH.write().unwrap_or_else(|p| p.into_inner());
    if !holding_group() {
        return Ok(work());
    }
    struct Restore(Gid);
    impl Drop for Restore {
        fn drop(&mut self) {
            // Taking up the saved group cannot fail for a setgid process; if it somehow did, the
            // run goes on without the group and its next database access says so.
            if setegid(self.0).is_err() {
                HOLDING.store(false, Ordering::SeqCst);
            }
        }
    }
    setegid(own).map_err(|e| ServiceError(crate::i18n::service::cannot_switch_group(&e.to_string())))?;
    let _restore = Restore(group);
    Ok(work())
}

/// Makes a program this run starts (the print command) the person's own: it runs without the
/// service group, and `execve` makes that final, since the saved group becomes the effective one.
pub fn child_as_own(command: &mut std::process::Command) {
    use std::os::unix::process::CommandExt;
    if let Standing::Service { own, .. } = standing() {
        command.gid(own.as_raw());
    }
}
