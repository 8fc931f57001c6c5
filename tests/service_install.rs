//! A service installation on this machine, as the README's "Sharing one database" sets it up:
//! `setup-server` makes a system group own the database directory and the program setgid to it,
//! and a staff login outside the group reaches the data only through okienko, as itself.
//!
//! Needs root (to make the group and the login, and to install a setgid program); skipped with a
//! reason otherwise. The system config is bind-mounted in a private mount namespace (`unshare -m`),
//! so the machine's `/etc/okienko` is never changed for anything else running here.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The group and login made for the test, removed afterwards.
struct Machine {
    group: String,
    login: String,
}

/// Tests running now, and whether one of them made the empty mount point `/etc/okienko`, which
/// the last to finish removes.
static ETC: std::sync::Mutex<(usize, bool)> = std::sync::Mutex::new((0, false));

impl Drop for Machine {
    fn drop(&mut self) {
        let _ = Command::new("userdel").arg(&self.login).output();
        let _ = Command::new("groupdel").arg(&self.group).output();
        let mut etc = ETC.lock().unwrap_or_else(|p| p.into_inner());
        etc.0 -= 1;
        if etc.0 == 0 && etc.1 {
            let _ = std::fs::remove_dir("/etc/okienko");
            etc.1 = false;
        }
    }
}

struct Install {
    machine: Machine,
    root: tempfile::TempDir,
    uid: u32,
    gid: u32,
    service_gid: u32,
}

impl Install {
    fn path(&self, rel: &str) -> PathBuf {
        self.root.path().join(rel)
    }

    fn db(&self) -> PathBuf {
        self.path("srv/okienko.db")
    }

    fn home(&self, name: &str) -> PathBuf {
        self.path("home").join(name)
    }

    /// `program args…` with the system config of this installation, as root or as the staff login.
    fn command(&self, as_staff: bool, program: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut cmd = Command::new("unshare");
        cmd.args(["-m", "--", "sh", "-c", "mount --bind \"$0\" /etc/okienko && exec \"$@\""]);
        cmd.arg(self.path("etc"));
        if as_staff {
            cmd.args(["setpriv", "--reuid", &self.machine.login, "--regid", &self.gid.to_string(), "--clear-groups"]);
        }
        cmd.arg(program).args(args);
        cmd.env_clear().env("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").env("HOME", self.path("home"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().unwrap()
    }

    fn okienko(&self, as_staff: bool, args: &[&str], env: &[(&str, &str)]) -> Output {
        self.command(as_staff, &self.path("bin/okienko"), args, env)
    }

    /// The staff login runs okienko on the service database.
    fn staff(&self, args: &[&str]) -> Output {
        let db = self.db();
        let mut all = vec!["--db", db.to_str().unwrap()];
        all.extend_from_slice(args);
        self.okienko(true, &all, &[])
    }
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

fn ok(out: Output) -> String {
    assert!(out.status.success(), "failed: {}", text(&out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn refused(out: Output, why: &str) -> String {
    assert!(!out.status.success(), "{why}: accepted: {}", text(&out));
    text(&out)
}

fn sh(program: &str, args: &[&str]) -> Output {
    Command::new(program).args(args).output().unwrap()
}

/// Sets the installation up, or says why it cannot be tried here.
fn install() -> Option<Install> {
    if !nix::unistd::Uid::effective().is_root() {
        eprintln!("skipped: making a system group, a login and a setgid program needs root");
        return None;
    }
    for tool in ["unshare", "setpriv", "useradd", "groupadd", "sqlite3"] {
        if sh("sh", &["-c", &format!("command -v {tool}")]).stdout.is_empty() {
            eprintln!("skipped: {tool} is not installed");
            return None;
        }
    }
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let tag = (std::process::id() % 10_000) * 10 + NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    {
        let mut etc = ETC.lock().unwrap();
        if !Path::new("/etc/okienko").exists() {
            std::fs::create_dir("/etc/okienko").unwrap();
            etc.1 = true;
        }
        etc.0 += 1;
    }
    let machine = Machine { group: format!("okisvc{tag}"), login: format!("okistaff{tag}") };
    let made = sh("useradd", &["--system", "--user-group", "--no-create-home", "--shell", "/bin/sh", &machine.login]);
    assert!(made.status.success(), "useradd: {}", text(&made));
    let user = nix::unistd::User::from_name(&machine.login).unwrap().unwrap();
    let root = tempfile::tempdir().unwrap();
    std::fs::set_permissions(root.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    for dir in ["bin", "etc", "home"] {
        std::fs::create_dir(root.path().join(dir)).unwrap();
    }
    let home = root.path().join("home");
    nix::unistd::chown(&home, Some(user.uid), Some(user.gid)).unwrap();
    std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o700)).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_okienko"), root.path().join("bin/okienko")).unwrap();
    let mut install = Install { machine, root, uid: user.uid.as_raw(), gid: user.gid.as_raw(), service_gid: 0 };

    // A centre with residents and plans, made before the program is the service's.
    let db = install.db();
    std::fs::create_dir(install.path("srv")).unwrap();
    let db_arg = db.to_str().unwrap().to_string();
    ok(install.okienko(false, &["--db", &db_arg, "demo", "--residents", "60"], &[("OKIENKO_TODAY", "2026-06-15")]));
    let bin = install.path("bin/okienko");
    let group = install.machine.group.clone();
    let setup = ok(install.okienko(
        false,
        &["setup-server", "--group", &group, "--database", &db_arg, "--bin", bin.to_str().unwrap()],
        &[],
    ));
    assert!(setup.contains(&group), "{setup}");
    install.service_gid = nix::unistd::Group::from_name(&group).unwrap().unwrap().gid.as_raw();
    let login = install.machine.login.clone();
    ok(install.okienko(
        false,
        &["--db", &db_arg, "staff", "add", &login, "--role", "administrator,koordynator,organizator,dyrektor"],
        &[],
    ));
    Some(install)
}

#[test]
fn a_staff_login_reaches_the_file_only_through_okienko_as_itself() {
    let Some(install) = install() else { return };
    let db = install.db();
    let db_arg = db.to_str().unwrap();

    // The file itself: neither sqlite3 nor a plain open() of the staff login can read it.
    let sqlite = install.command(true, Path::new("/usr/bin/sqlite3"), &[db_arg, "SELECT count(*) FROM resident"], &[]);
    let said = refused(sqlite, "sqlite3 as staff");
    assert!(said.contains("unable to open") || said.contains("authorization"), "{said}");
    let cat = install.command(true, Path::new("/bin/cat"), &[db_arg], &[]);
    assert!(refused(cat, "open() as staff").contains("Permission denied"));
    let key = format!("{db_arg}.key");
    let cat_key = install.command(true, Path::new("/bin/cat"), &[&key], &[]);
    assert!(refused(cat_key, "the audit key as staff").contains("Permission denied"));

    // okienko can, as the staff login.
    let staff = ok(install.staff(&["staff", "list"]));
    assert!(staff.contains(&install.machine.login), "{staff}");
    ok(install.staff(&["audit", "verify"]));
    let doctor = ok(install.okienko(true, &["doctor"], &[]));
    assert!(doctor.contains(&install.machine.group), "{doctor}");

    // Nothing changes who works or when on the service database.
    for var in ["OKIENKO_TODAY", "OKIENKO_LOGIN"] {
        let value = if var == "OKIENKO_TODAY" { "2030-01-01" } else { "root" };
        let out = install.okienko(true, &["--db", db_arg, "staff", "list"], &[(var, value)]);
        assert!(refused(out, var).contains(var));
    }
    // A link or a `..` path to the service database is the person's own file: the group is left.
    let link = install.home("link.db");
    let ln = install.command(true, Path::new("/bin/ln"), &["-s", db_arg, link.to_str().unwrap()], &[]);
    ok(ln);
    refused(install.okienko(true, &["--db", link.to_str().unwrap(), "staff", "list"], &[]), "a link to the db");
    let dotted = format!("{}/../srv/okienko.db", install.path("home").display());
    refused(install.okienko(true, &["--db", &dotted, "staff", "list"], &[]), "a .. path to the db");
    // Nor can the database be created by the first staff login to try.
    let other = install.path("srv/second.db");
    refused(install.okienko(true, &["--db", other.to_str().unwrap(), "init"], &[]), "init in the service directory");
    // The person's own database works as an ordinary program.
    let own = install.home("own.db");
    ok(install.okienko(true, &["--db", own.to_str().unwrap(), "init"], &[]));
    assert_eq!(std::fs::metadata(&own).unwrap().uid(), install.uid);
}

/// The staff login's files: made as itself, 0600, never over the service's files.
#[test]
fn every_file_a_person_names_is_theirs_and_never_the_services() {
    let Some(install) = install() else { return };
    let db = install.db();
    let before = std::fs::read(&db).unwrap();
    let pesel = String::from_utf8(sh("sqlite3", &[db.to_str().unwrap(), "SELECT pesel FROM resident LIMIT 1"]).stdout)
        .unwrap()
        .trim()
        .to_string();
    let outputs: Vec<(&str, Vec<String>)> = vec![
        ("--out", vec!["report".into(), "summary".into(), "--format".into(), "csv".into(), "--out".into()]),
        ("--out", vec!["resident".into(), "export".into(), pesel.clone(), "--out".into()]),
        (
            "--pdf",
            vec!["ipus".into(), "export".into(), "1".into(), "--plan-version".into(), "1".into(), "--pdf".into()],
        ),
        (
            "--text",
            vec!["ipus".into(), "export".into(), "1".into(), "--plan-version".into(), "1".into(), "--text".into()],
        ),
        ("backup", vec!["backup".into()]),
    ];
    let input = install.home("people.csv");
    std::fs::write(&input, "pesel,first_name,last_name,birth_date,street,house_no,flat_no,postal_code,city,phone,email\n123,Jan,Kowalski,,,,,,,,\n").unwrap();
    nix::unistd::chown(&input, Some(nix::unistd::Uid::from_raw(install.uid)), None).unwrap();
    let db_text = db.display().to_string();
    let forbidden = [
        db_text.clone(),
        format!("{db_text}-wal"),
        format!("{db_text}-shm"),
        format!("{db_text}.key"),
        install.path("srv/new-file").display().to_string(),
    ];
    for (n, (option, command)) in outputs.iter().enumerate() {
        let mine = install.home(&format!("out{n}"));
        let mut args: Vec<String> = command.clone();
        args.push(mine.display().to_string());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        ok(install.staff(&args));
        let meta = std::fs::metadata(&mine).unwrap();
        assert_eq!((meta.uid(), meta.gid()), (install.uid, install.gid), "{option} {command:?}: owner");
        assert_eq!(meta.mode() & 0o777, 0o600, "{option} {command:?}: mode");
        for target in &forbidden {
            let mut args: Vec<String> = command.clone();
            args.push(target.clone());
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            refused(install.staff(&args), &format!("{option} {target}"));
        }
        assert!(!install.path("srv/new-file").exists());
    }
    for target in &forbidden {
        let out = install.staff(&["import", "residents", input.to_str().unwrap(), "--rejects", target]);
        assert!(refused(out, &format!("--rejects {target}")).contains("--rejects"));
    }
    let rejects = install.home("rejects.csv");
    install.staff(&["import", "residents", input.to_str().unwrap(), "--rejects", rejects.to_str().unwrap()]);
    let meta = std::fs::metadata(&rejects).unwrap();
    assert_eq!((meta.uid(), meta.mode() & 0o777), (install.uid, 0o600), "rejects file");
    // A file read on the person's word is read as the person: the key is no import.
    let key = format!("{db_text}.key");
    let elsewhere = install.home("key-rejects.csv");
    let out = install.staff(&["import", "residents", &key, "--rejects", elsewhere.to_str().unwrap()]);
    let said = refused(out, "importing the key");
    assert!(said.contains("Permission denied"), "{said}");
    // The service database is what it was, bar what okienko itself wrote into it.
    assert!(std::fs::read(&db).unwrap().len() >= before.len());
    ok(install.staff(&["audit", "verify"]));
    let meta = std::fs::metadata(&db).unwrap();
    assert_eq!((meta.gid(), meta.mode() & 0o777), (install.service_gid, 0o660));
}

/// The print command comes from the person's own config file: it runs without the service group.
#[test]
fn the_print_command_runs_as_the_person() {
    let Some(install) = install() else { return };
    let db = install.db();
    let seen = install.home("seen");
    let script = install.home("print.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\ncat > /dev/null\nid -G > {seen}\nif cat {db} > /dev/null 2>&1; then echo read-the-database >> {seen}; fi\n",
            seen = seen.display(),
            db = db.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let config = install.home(".config/okienko");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), format!("print_command = \"{}\"\n", script.display())).unwrap();
    sh("chown", &["-R", &install.machine.login, install.path("home").to_str().unwrap()]);
    ok(install.staff(&["ipus", "print", "1", "--plan-version", "1"]));
    let seen = std::fs::read_to_string(&seen).unwrap();
    assert!(!seen.split_whitespace().any(|g| g == install.service_gid.to_string()), "{seen}");
    assert!(!seen.contains("read-the-database"), "{seen}");
}

#[test]
fn doctor_names_what_is_wrong() {
    let Some(install) = install() else { return };
    ok(install.okienko(false, &["doctor"], &[]));
    let db = install.db();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o664)).unwrap();
    let member = sh("usermod", &["-a", "-G", &install.machine.group, &install.machine.login]);
    assert!(member.status.success(), "{}", text(&member));
    let found = refused(install.okienko(false, &["doctor"], &[]), "doctor on a broken installation");
    assert!(found.contains("0664") && found.contains(&install.machine.login), "{found}");
    let bin = install.path("bin/okienko");
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
    let found = refused(install.command(false, &bin, &["doctor"], &[]), "doctor without setgid");
    assert!(found.contains("setgid"), "{found}");
}
