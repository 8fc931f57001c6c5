//! What the service installation says: files a person names, the refusals of a service run,
//! `setup-server` and `doctor`.

use super::{Lang, current};
use std::path::Path;

/// The message in the process's language; only the chosen arm is formatted.
macro_rules! say {
    ($pl:expr, $en:expr $(,)?) => {
        match current() {
            Lang::Pl => $pl.into(),
            Lang::En => $en.into(),
        }
    };
}

// Files a person names

pub fn would_replace_database() -> String {
    say!(
        "to plik bazy okienka (albo jej -wal, -shm, dziennik lub klucz); wskaż inny plik",
        "this is an okienko database file (or its -wal, -shm, journal or key); name another file"
    )
}

pub fn inside_service_directory(dir: &Path) -> String {
    say!(
        format!("katalog {} należy do usługi okienko; zapisz plik gdzie indziej", dir.display()),
        format!("the directory {} belongs to the okienko service; write the file elsewhere", dir.display())
    )
}

pub fn not_a_file_name() -> String {
    say!("podaj nazwę pliku", "name a file")
}

pub fn is_a_link() -> String {
    say!(
        "to dowiązanie symboliczne; podaj plik, do którego prowadzi",
        "this is a symbolic link; name the file it points to"
    )
}

pub fn cannot_make_private(reason: &str) -> String {
    say!(
        format!("plik mogliby czytać inni, a nie można go zastrzec (chmod 600: {reason})"),
        format!("others could read the file and it cannot be made private (chmod 600: {reason})")
    )
}

pub fn not_utf8() -> String {
    say!("plik nie jest tekstem UTF-8", "the file is not UTF-8 text")
}

// A service run

pub fn cannot_switch_group(reason: &str) -> String {
    say!(
        format!("nie można zmienić grupy procesu (instalacja usługi): {reason}"),
        format!("cannot switch the process's group (service installation): {reason}")
    )
}

/// A variable or option that would change who works or when, refused on a service database.
pub fn override_refused(name: &str) -> String {
    say!(
        format!(
            "{name} nie działa na bazie usługi: tożsamość to login w systemie, a dzień to data zegara \
             (dozwolone tylko w centrum demonstracyjnym)"
        ),
        format!(
            "{name} does not work on a service database: the identity is the system login and the day \
             is the clock's (allowed only in a demo centre)"
        )
    )
}

pub fn service_db_made_by_setup(path: &Path) -> String {
    say!(
        format!("baza usługi {} powstaje przez okienko setup-server (jako root)", path.display()),
        format!("the service database {} is created by okienko setup-server (as root)", path.display())
    )
}

pub fn databases_key_is_system_only(path: &Path) -> String {
    say!(
        format!("databases wolno ustawić tylko w pliku systemowym, nie w {}", path.display()),
        format!("databases may be set only in the system file, not in {}", path.display())
    )
}

// setup-server and doctor

pub fn needs_root() -> String {
    say!("setup-server trzeba uruchomić jako root", "setup-server must be run as root")
}

pub fn database_not_absolute(path: &Path) -> String {
    say!(
        format!("--database: „{}” — podaj ścieżkę bezwzględną", path.display()),
        format!("--database: \"{}\" — give an absolute path", path.display())
    )
}

pub fn done(what: &str) -> String {
    say!(format!("zrobione: {what}"), format!("done: {what}"))
}

pub fn setup_failed(what: &str, reason: &str) -> String {
    say!(format!("nie udało się: {what}: {reason}"), format!("failed: {what}: {reason}"))
}

pub fn created_group(group: &str) -> String {
    say!(format!("utworzono grupę systemową {group}"), format!("created the system group {group}"))
}

pub fn directory_set(dir: &Path, group: &str) -> String {
    say!(
        format!("katalog {}: root:{group}, 2770", dir.display()),
        format!("directory {}: root:{group}, 2770", dir.display())
    )
}

pub fn binary_set(bin: &Path, group: &str) -> String {
    say!(
        format!("program {}: root:{group}, 2755 (setgid)", bin.display()),
        format!("program {}: root:{group}, 2755 (setgid)", bin.display())
    )
}

pub fn config_written(path: &Path) -> String {
    say!(format!("zapisano {}", path.display()), format!("wrote {}", path.display()))
}

pub fn config_differs(path: &Path, db: &Path) -> String {
    say!(
        format!("{} już istnieje i nie wymienia {}; dopisz ją w databases = [...]", path.display(), db.display()),
        format!("{} exists and does not name {}; add it to databases = [...]", path.display(), db.display())
    )
}

pub fn centre_created(db: &Path, admin: &str) -> String {
    say!(
        format!("utworzono bazę {}; administrator: {admin}", db.display()),
        format!("created the database {}; administrator: {admin}", db.display())
    )
}

pub fn no_such_login(login: &str) -> String {
    say!(format!("--admin: w systemie nie ma loginu {login}"), format!("--admin: the system has no login {login}"))
}

pub fn doctor_ok() -> String {
    say!("instalacja usługi w porządku", "the service installation is in order")
}

pub fn doctor_found(n: usize) -> String {
    let lang = current();
    let forms = match lang {
        Lang::Pl => super::Forms { one: "problem", few: "problemy", many: "problemów" },
        Lang::En => super::Forms { one: "problem", few: "problems", many: "problems" },
    };
    say!(
        format!("znaleziono {}", super::count(lang, n as i64, forms)),
        format!("found {}", super::count(lang, n as i64, forms))
    )
}

pub fn standing_service(group: &str) -> String {
    say!(
        format!("program działa jako usługa (setgid, grupa {group})"),
        format!("the program runs as the service (setgid, group {group})")
    )
}

pub fn standing_plain() -> String {
    say!(
        "program nie jest zainstalowany setgid: każdy, kto otwiera bazę, musi mieć dostęp do pliku",
        "the program is not installed setgid: whoever opens the database needs access to the file"
    )
}

pub fn no_system_config(path: &Path) -> String {
    say!(
        format!("brak {} z listą baz usługi (db albo databases)", path.display()),
        format!("no {} naming the service databases (db or databases)", path.display())
    )
}

pub fn missing(path: &Path) -> String {
    say!(format!("{} nie istnieje", path.display()), format!("{} does not exist", path.display()))
}

pub fn wrong_group(path: &Path, found: &str, wanted: &str) -> String {
    say!(
        format!("{}: grupa {found}, powinna być {wanted}", path.display()),
        format!("{}: group {found}, should be {wanted}", path.display())
    )
}

pub fn wrong_owner(path: &Path, found: &str) -> String {
    say!(
        format!("{}: właściciel {found}, powinien być root", path.display()),
        format!("{}: owner {found}, should be root", path.display())
    )
}

pub fn open_to_others(path: &Path, mode: u32) -> String {
    say!(
        format!("{}: tryb {mode:04o} — dostęp mają inni niż właściciel i grupa usługi", path.display()),
        format!("{}: mode {mode:04o} — others than the owner and the service group have access", path.display())
    )
}

pub fn group_cannot_write(path: &Path, mode: u32) -> String {
    say!(
        format!("{}: tryb {mode:04o} — grupa usługi nie może pisać", path.display()),
        format!("{}: mode {mode:04o} — the service group cannot write", path.display())
    )
}

pub fn key_group_writable(path: &Path, mode: u32) -> String {
    say!(
        format!("{}: tryb {mode:04o} — klucz dziennika powinien mieć 0640", path.display()),
        format!("{}: mode {mode:04o} — the audit key should be 0640", path.display())
    )
}

pub fn not_setgid(path: &Path, mode: u32) -> String {
    say!(
        format!("{}: tryb {mode:04o} — brak bitu setgid", path.display()),
        format!("{}: mode {mode:04o} — the setgid bit is missing", path.display())
    )
}

pub fn binary_writable(path: &Path, mode: u32) -> String {
    say!(
        format!("{}: tryb {mode:04o} — program mogą zmienić inni niż root", path.display()),
        format!("{}: mode {mode:04o} — others than root can change the program", path.display())
    )
}

pub fn group_has_members(group: &str, members: &str) -> String {
    say!(
        format!("grupa {group} ma członków ({members}): mogą oni otworzyć plik bazy z pominięciem okienka"),
        format!("the group {group} has members ({members}): they can open the database file bypassing okienko")
    )
}

pub fn no_group(group: &str) -> String {
    say!(format!("w systemie nie ma grupy {group}"), format!("the system has no group {group}"))
}

pub fn nosuid_mount(path: &Path) -> String {
    say!(
        format!("{} leży na systemie plików zamontowanym z nosuid: setgid nie zadziała", path.display()),
        format!("{} is on a file system mounted nosuid: setgid will not work", path.display())
    )
}
