//! `okienko setup-server` (as root): the file belongs to the service. A system group owns the
//! database directory (2770, setgid so new files stay in it), the program is installed setgid to
//! that group, the system config names the database, and staff are not in the group: they reach
//! the data only through okienko, as themselves. Finishes with what `doctor` finds.

use super::doctor;
use crate::i18n::service as text;
use anyhow::{Context, Result, bail};
use nix::unistd::{Gid, Group, Uid, User, chown};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct SetupArgs {
    /// Grupa systemowa usługi · the service's system group
    #[arg(long, default_value = "okienko")]
    pub group: String,
    /// Plik bazy usługi (ścieżka bezwzględna) · the service database (absolute path)
    #[arg(long, default_value = "/srv/okienko/okienko.db", value_name = "PATH")]
    pub database: PathBuf,
    /// Login pierwszego administratora, gdy baza powstaje · the first administrator's login for a new database
    #[arg(long, value_name = "LOGIN")]
    pub admin: Option<String>,
    /// Nazwa centrum, gdy baza powstaje · the centre's name for a new database
    #[arg(long, default_value = "Centrum Usług Społecznych")]
    pub name: String,
    /// Zainstalowany program (domyślnie ten) · the installed program (default: this one)
    #[arg(long, value_name = "PATH")]
    pub bin: Option<PathBuf>,
}

pub fn run(args: SetupArgs) -> Result<()> {
    if !Uid::effective().is_root() {
        bail!(text::needs_root());
    }
    if !args.database.is_absolute() {
        bail!(text::database_not_absolute(&args.database));
    }
    let group = ensure_group(&args.group)?;
    let gid = group.gid;
    let dir = args.database.parent().context("--database")?.to_path_buf();
    std::fs::create_dir_all(&dir).with_context(|| text::setup_failed("mkdir", &dir.display().to_string()))?;
    set(&dir, gid, 0o2770)?;
    println!("{}", text::directory_set(&dir, &group.name));
    write_config(&args.database)?;
    if !args.database.exists() {
        let admin = args.admin.as_deref().context("--admin")?;
        if User::from_name(admin)?.is_none() {
            bail!(text::no_such_login(admin));
        }
        drop(crate::session::create_with_admin(&args.database, &args.name, admin)?);
        println!("{}", text::centre_created(&args.database, admin));
    }
    for file in crate::userfile::database_files(&args.database) {
        if file.exists() {
            let key = file.extension().is_some_and(|e| e == "key");
            let mode = if key { 0o640 } else { 0o660 };
            set(&file, gid, mode)?;
            println!("{}", text::done(&format!("{} root:{} {mode:04o}", file.display(), group.name)));
        }
    }
    let bin = match args.bin {
        Some(bin) => bin,
        None => std::env::current_exe()?,
    };
    // chown clears the setgid bit, so the mode comes after it.
    set(&bin, gid, 0o2755)?;
    println!("{}", text::binary_set(&bin, &group.name));
    doctor::examine(std::slice::from_ref(&args.database), Some(&group), &bin).report()
}

/// The group, made a system group if missing.
fn ensure_group(name: &str) -> Result<Group> {
    if let Some(group) = Group::from_name(name)? {
        return Ok(group);
    }
    let status = std::process::Command::new("groupadd")
        .args(["--system", name])
        .status()
        .with_context(|| text::setup_failed("groupadd", name))?;
    if !status.success() {
        bail!(text::setup_failed("groupadd", &status.to_string()));
    }
    println!("{}", text::created_group(name));
    Group::from_name(name)?.with_context(|| text::no_group(name))
}

/// root:group and the mode.
fn set(path: &Path, gid: Gid, mode: u32) -> Result<()> {
    chown(path, Some(Uid::from_raw(0)), Some(gid))
        .with_context(|| text::setup_failed("chown", &path.display().to_string()))?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
        .with_context(|| text::setup_failed("chmod", &path.display().to_string()))?;
    Ok(())
}

/// Writes the system config naming the database, or checks that an existing one names it: an
/// administrator's own file is never rewritten.
fn write_config(database: &Path) -> Result<()> {
    let path = crate::config::system_config_path();
    if path.exists() {
        if !crate::config::service_databases()?.iter().any(|d| d == database) {
            bail!(text::config_differs(&path, database));
        }
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| text::setup_failed("mkdir", &dir.display().to_string()))?;
    }
    let line = toml::to_string(&toml::Table::from_iter([(
        "db".to_string(),
        toml::Value::String(database.display().to_string()),
    )]))?;
    // Not through userfile: every login's run reads this file as itself before anything else,
    // and it holds paths, not data.
    std::fs::write(&path, line).with_context(|| text::setup_failed("write", &path.display().to_string()))?;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644))?;
    println!("{}", text::config_written(&path));
    Ok(())
}
