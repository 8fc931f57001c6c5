//! `okienko doctor`: what is wrong with a service installation — the program's setgid bit, the
//! group's members, the owners and modes of the database directory, the database, its `-wal` and
//! `-shm` and the audit key. It only looks; `setup-server` puts things right.

use crate::i18n::service as text;
use crate::service::{self, Standing};
use anyhow::Result;
use nix::unistd::{Gid, Group};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

const SETGID: u32 = 0o2000;

/// What was found: notes to read, problems to fix.
#[derive(Debug, Default)]
pub struct Findings {
    pub notes: Vec<String>,
    pub problems: Vec<String>,
}

impl Findings {
    /// Prints everything; the exit code is 1 when something is wrong.
    pub fn report(&self) -> Result<()> {
        for note in &self.notes {
            println!("  {note}");
        }
        for problem in &self.problems {
            println!("! {problem}");
        }
        if self.problems.is_empty() {
            println!("{}", text::doctor_ok());
            Ok(())
        } else {
            anyhow::bail!(text::doctor_found(self.problems.len()))
        }
    }
}

pub fn run() -> Result<()> {
    // Only metadata is read, of the files the system config names; the group lets it see them.
    service::take_up_group()?;
    let databases = crate::config::service_databases()?;
    let group = match service::standing() {
        Standing::Service { group, .. } => Group::from_gid(group)?,
        Standing::Plain => databases.first().and_then(|db| group_of(db.parent()?)),
    };
    let mut found = examine(&databases, group.as_ref(), &std::env::current_exe()?);
    found.notes.insert(
        0,
        match service::standing() {
            Standing::Service { group, .. } => text::standing_service(&group_name(group.as_raw())),
            Standing::Plain => text::standing_plain(),
        },
    );
    found.report()
}

fn group_of(path: &Path) -> Option<Group> {
    let gid = std::fs::metadata(path).ok()?.gid();
    Group::from_gid(Gid::from_raw(gid)).ok().flatten()
}

fn group_name(gid: u32) -> String {
    Group::from_gid(Gid::from_raw(gid)).ok().flatten().map(|g| g.name).unwrap_or_else(|| gid.to_string())
}

fn user_name(uid: u32) -> String {
    nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(uid))
        .ok()
        .flatten()
        .map(|u| u.name)
        .unwrap_or_else(|| uid.to_string())
}

/// Checks the installation of `databases` for `group` with the program at `program`.
pub fn examine(databases: &[PathBuf], group: Option<&Group>, program: &Path) -> Findings {
    let mut found = Findings::default();
    if databases.is_empty() {
        found.problems.push(text::no_system_config(&crate::config::system_config_path()));
    }
    let Some(group) = group else {
        if let Some(db) = databases.first() {
            found.problems.push(text::missing(db.parent().unwrap_or(db)));
        }
        return found;
    };
    let gid = group.gid.as_raw();
    check_program(&mut found, program, group);
    check_members(&mut found, group);
    for db in databases {
        let dir = db.parent().unwrap_or(Path::new("/"));
        match std::fs::metadata(dir) {
            Ok(meta) => {
                check_owned(&mut found, dir, &meta, gid);
                if meta.uid() != 0 {
                    found.problems.push(text::wrong_owner(dir, &user_name(meta.uid())));
                }
            }
            Err(_) => found.problems.push(text::missing(dir)),
        }
        match std::fs::metadata(db) {
            Ok(meta) => check_owned(&mut found, db, &meta, gid),
            Err(_) => found.problems.push(text::missing(db)),
        }
        for file in crate::userfile::database_files(db).iter().skip(1) {
            let Ok(meta) = std::fs::metadata(file) else { continue };
            if file.extension().is_some_and(|e| e == "key") {
                if meta.gid() != gid {
                    found.problems.push(text::wrong_group(file, &group_name(meta.gid()), &group.name));
                }
                let mode = meta.permissions().mode() & 0o7777;
                if mode & 0o007 != 0 {
                    found.problems.push(text::open_to_others(file, mode));
                } else if mode & 0o020 != 0 {
                    found.problems.push(text::key_group_writable(file, mode));
                }
            } else {
                check_owned(&mut found, file, &meta, gid);
            }
        }
    }
    found
}

/// In the service group, group read-write, nothing for others.
fn check_owned(found: &mut Findings, path: &Path, meta: &std::fs::Metadata, gid: u32) {
    if meta.gid() != gid {
        found.problems.push(text::wrong_group(path, &group_name(meta.gid()), &group_name(gid)));
    }
    let mode = meta.permissions().mode() & 0o7777;
    if mode & 0o007 != 0 {
        found.problems.push(text::open_to_others(path, mode));
    }
    if mode & 0o060 != 0o060 {
        found.problems.push(text::group_cannot_write(path, mode));
    }
}

fn check_program(found: &mut Findings, program: &Path, group: &Group) {
    let Ok(meta) = std::fs::metadata(program) else {
        found.problems.push(text::missing(program));
        return;
    };
    let mode = meta.permissions().mode() & 0o7777;
    if mode & SETGID == 0 {
        found.problems.push(text::not_setgid(program, mode));
    }
    if meta.gid() != group.gid.as_raw() {
        found.problems.push(text::wrong_group(program, &group_name(meta.gid()), &group.name));
    }
    if meta.uid() != 0 {
        found.problems.push(text::wrong_owner(program, &user_name(meta.uid())));
    }
    if mode & 0o022 != 0 {
        found.problems.push(text::binary_writable(program, mode));
    }
    if nix::sys::statvfs::statvfs(program).is_ok_and(|s| s.flags().contains(nix::sys::statvfs::FsFlags::ST_NOSUID)) {
        found.problems.push(text::nosuid_mount(program));
    }
}

/// Nobody may be in the group, neither listed in it nor having it as their own group.
fn check_members(found: &mut Findings, group: &Group) {
    let mut members = group.mem.clone();
    if let Ok(passwd) = std::fs::read_to_string("/etc/passwd") {
        let gid = group.gid.as_raw().to_string();
        for line in passwd.lines() {
            let fields: Vec<&str> = line.split(':').collect();
            if fields.len() > 3 && fields[3] == gid && !members.iter().any(|m| m == fields[0]) {
                members.push(fields[0].to_string());
            }
        }
    }
    if !members.is_empty() {
        found.problems.push(text::group_has_members(&group.name, &members.join(", ")));
    }
}
