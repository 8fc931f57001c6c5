//! What the README promises about settings, checked on the real binary: where the database comes
//! from, the config keys, colour and ASCII in a real terminal (tmux on a private server with no
//! config of its own), the message for a login that is not registered, the mode of new files.
//! Every run gets its own HOME and XDG directories, so the user's own config is never read.
//! `/etc/okienko/config.toml` is a fixed path the binary always reads; the layer it makes is
//! pinned in process, with the list of config files handed to the resolver as the program hands
//! it [the user's file, `/etc/okienko/config.toml`].

use okienko::config::ColorWhen;
use okienko::i18n::Lang;
use okienko::settings::{Capability, Environment, GlobalArgs, Settings};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const TODAY: &str = "2026-11-23";
/// How long a screen may take to show what is awaited; a limit against hanging, not a speed test.
const PATIENCE: Duration = Duration::from_secs(30);

/// A private HOME with its config and data directories.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home { dir: tempfile::tempdir().unwrap() }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn config_dir(&self) -> PathBuf {
        self.path("config").join("okienko")
    }

    /// Writes `~/.config/okienko/<name>`.
    fn write_config(&self, name: &str, text: &str) {
        std::fs::create_dir_all(self.config_dir()).unwrap();
        std::fs::write(self.config_dir().join(name), text).unwrap();
    }

    /// Variables that the program reads, set for this home only.
    fn env(&self) -> Vec<(&'static str, PathBuf)> {
        vec![
            ("HOME", self.dir.path().to_path_buf()),
            ("XDG_CONFIG_HOME", self.path("config")),
            ("XDG_DATA_HOME", self.path("data")),
        ]
    }

    fn okienko(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_okienko"));
        c.args(args)
            .envs(self.env())
            .env("OKIENKO_TODAY", TODAY)
            .env("LANG", "C.UTF-8")
            .env_remove("OKIENKO_DB")
            .env_remove("OKIENKO_LOGIN")
            .env_remove("NO_COLOR");
        c
    }

    /// An empty centre named `name` in this home.
    fn centre(&self, file: &str, name: &str) -> PathBuf {
        let db = self.path(file);
        ok(self.okienko(&["init", "--db", db.to_str().unwrap(), "--name", name]).output().unwrap());
        db
    }

    /// The demo centre, whose pools have use to chart and whose administrator is this login.
    fn demo(&self) -> PathBuf {
        let db = self.path("demo.db");
        ok(self.okienko(&["demo", "--db", db.to_str().unwrap(), "--residents", "50"]).output().unwrap());
        db
    }
}

fn ok(out: Output) -> String {
    assert!(out.status.success(), "failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Without a terminal `okienko` prints the centre it opened, then says why the desk did not open.
fn centre_opened(mut command: Command) -> String {
    let out = command.output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    String::from_utf8(out.stdout).unwrap().lines().next().unwrap_or_default().to_string()
}

#[test]
fn the_database_is_the_flag_then_okienko_db_then_the_users_config_file() {
    let home = Home::new();
    let by_flag = home.centre("flag.db", "CUS z flagi");
    let by_env = home.centre("env.db", "CUS ze zmiennej");
    let by_file = home.centre("file.db", "CUS z pliku");
    home.write_config("config.toml", &format!("db = {:?}\n", by_file.to_str().unwrap()));

    let mut all = home.okienko(&["--db", by_flag.to_str().unwrap()]);
    all.env("OKIENKO_DB", &by_env);
    assert!(centre_opened(all).starts_with("CUS z flagi — "));
    let mut env_and_file = home.okienko(&[]);
    env_and_file.env("OKIENKO_DB", &by_env);
    assert!(centre_opened(env_and_file).starts_with("CUS ze zmiennej — "));
    assert!(centre_opened(home.okienko(&[])).starts_with("CUS z pliku — "));
}

/// A user's and a system config file in a private directory, in the order the program reads them.
struct Layers {
    dir: tempfile::TempDir,
}

impl Layers {
    fn new(user: &str, system: &str) -> Layers {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("user.toml"), user).unwrap();
        std::fs::write(dir.path().join("etc.toml"), system).unwrap();
        Layers { dir }
    }

    fn files(&self) -> Vec<PathBuf> {
        vec![self.dir.path().join("user.toml"), self.dir.path().join("etc.toml")]
    }

    fn settings(&self, args: &GlobalArgs) -> Settings {
        Settings::from_files(args, &self.files(), &xterm()).unwrap()
    }
}

fn xterm() -> Environment {
    Environment { term: "xterm-256color".into(), ..Environment::default() }
}

/// `--db PATH`, or `OKIENKO_DB`, which clap puts in the same place when the flag is absent.
fn db_flag(path: &str) -> GlobalArgs {
    GlobalArgs { db: Some(path.into()), ..GlobalArgs::default() }
}

#[test]
fn the_database_of_the_system_file_is_the_last_resort() {
    let both = Layers::new("db = \"/srv/moja.db\"\n", "db = \"/srv/cus.db\"\n");
    assert_eq!(both.settings(&GlobalArgs::default()).db, Some("/srv/moja.db".into()));
    assert_eq!(both.settings(&db_flag("flaga.db")).db, Some("flaga.db".into()));
    let system_only = Layers::new("lang = \"en\"\n", "db = \"/srv/cus.db\"\n");
    assert_eq!(system_only.settings(&GlobalArgs::default()).db, Some("/srv/cus.db".into()));
    assert_eq!(system_only.settings(&db_flag("flaga.db")).db, Some("flaga.db".into()));
    let neither = Layers::new("", "");
    assert_eq!(neither.settings(&GlobalArgs::default()).db, None);
}

#[test]
fn each_key_of_the_system_file_gives_way_to_the_users_file_and_the_users_to_a_flag() {
    let system = "lang = \"en\"\ncolor = \"never\"\nascii = true\nkeymap = \"/etc/okienko/keys.toml\"\n";
    let from_system = Layers::new("", system).settings(&GlobalArgs::default());
    assert_eq!(from_system.lang, Lang::En);
    assert_eq!(from_system.capability, Capability { colour: false, ascii: true });
    assert_eq!(from_system.keymap, Some("/etc/okienko/keys.toml".into()));

    let user = "lang = \"pl\"\ncolor = \"always\"\nascii = false\nkeymap = \"vim\"\n";
    let from_user = Layers::new(user, system).settings(&GlobalArgs::default());
    assert_eq!(from_user.lang, Lang::Pl);
    assert_eq!(from_user.capability, Capability { colour: true, ascii: false });
    assert_eq!(from_user.keymap, Some("vim".into()));

    // A key the user's file leaves out still comes from the system file.
    let partial = Layers::new("lang = \"pl\"\n", system).settings(&GlobalArgs::default());
    assert_eq!((partial.lang, partial.capability.colour), (Lang::Pl, false));

    let flags = GlobalArgs {
        lang: Some(Lang::En),
        color: Some(ColorWhen::Never),
        ascii: true,
        keymap: Some("moje.toml".into()),
        ..GlobalArgs::default()
    };
    let flagged = Layers::new(user, system).settings(&flags);
    assert_eq!(flagged.lang, Lang::En);
    assert_eq!(flagged.capability, Capability { colour: false, ascii: true });
    assert_eq!(flagged.keymap, Some("moje.toml".into()));
}

#[test]
fn a_missing_config_file_is_no_layer_and_a_broken_one_is_named() {
    let layers = Layers::new("", "lang = \"en\"\n");
    std::fs::remove_file(layers.dir.path().join("user.toml")).unwrap();
    assert_eq!(layers.settings(&GlobalArgs::default()).lang, Lang::En);
    let broken = Layers::new("lang = \"de\"\n", "");
    let err = Settings::from_files(&GlobalArgs::default(), &broken.files(), &xterm()).unwrap_err();
    assert_eq!(err.path, broken.dir.path().join("user.toml"));
    assert!(err.reason.contains("pl, en"), "{}", err.reason);
}

#[test]
fn only_the_system_file_names_the_service_databases() {
    let system = Layers::new("", "databases = [\"/srv/okienko/a.db\"]\n");
    assert_eq!(okienko::config::load(&system.files()).unwrap().databases, [PathBuf::from("/srv/okienko/a.db")]);
    let user = Layers::new("databases = [\"/home/ja/a.db\"]\n", "");
    let err = okienko::config::load(&user.files()).unwrap_err();
    assert_eq!(err.path, user.dir.path().join("user.toml"));
}

#[test]
fn without_any_database_named_the_message_says_where_to_name_one() {
    if Path::new("/etc/okienko/config.toml").exists() {
        // This machine's system config names a database for everyone.
        return;
    }
    let out = Home::new().okienko(&["staff", "list"]).output().unwrap();
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("--db") && err.contains("OKIENKO_DB") && err.contains("config.toml"), "{err}");
}

#[test]
fn lang_in_the_config_file_speaks_english_and_the_flag_beats_it() {
    let home = Home::new();
    let db = home.centre("c.db", "CUS");
    home.write_config("config.toml", &format!("db = {:?}\nlang = \"en\"\n", db.to_str().unwrap()));
    let out = home.okienko(&[]).output().unwrap();
    assert!(stderr(&out).contains("the full-screen desk needs a terminal"), "{}", stderr(&out));
    let checked = ok(home.okienko(&["keymap", "check", "keymaps/vim.toml"]).output().unwrap());
    assert!(checked.contains("valid ("), "{checked}");

    let out = home.okienko(&["--lang", "pl"]).output().unwrap();
    assert!(stderr(&out).contains("pełny ekran wymaga terminala"), "{}", stderr(&out));
}

#[test]
fn an_unknown_language_or_colour_is_refused_naming_the_choices() {
    let home = Home::new();
    let out = home.okienko(&["--lang", "de", "keymap", "check", "keymaps/vim.toml"]).output().unwrap();
    assert!(!out.status.success());
    assert!(stderr(&out).contains("de") && stderr(&out).contains("pl, en"), "{}", stderr(&out));

    home.write_config("config.toml", "color = \"sometimes\"\n");
    let out = home.okienko(&["keymap", "check", "keymaps/vim.toml"]).output().unwrap();
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("config.toml") && err.contains("sometimes") && err.contains("never"), "{err}");
}

#[test]
fn a_login_that_is_not_registered_is_told_how_an_administrator_adds_it() {
    let home = Home::new();
    let db = home.centre("c.db", "CUS");
    let me = okienko::storage::staff::os_login();
    ok(home
        .okienko(&["--db", db.to_str().unwrap(), "staff", "add", "kierownik", "--role", "administrator"])
        .output()
        .unwrap());
    // The state of a centre that another administrator created: this login was never added.
    let mut store = okienko::storage::Db::open(&db).unwrap();
    store
        .write(|tx| {
            tx.execute("DELETE FROM staff_role WHERE login = ?1", [&me])?;
            tx.execute("DELETE FROM staff WHERE login = ?1", [&me])?;
            Ok(())
        })
        .unwrap();
    drop(store);

    let out = home.okienko(&["--db", db.to_str().unwrap(), "staff", "list"]).output().unwrap();
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains(&format!("użytkownik systemu {me} nie jest zarejestrowany")), "{err}");
    assert!(err.contains(&format!("okienko staff add {me} --role")), "{err}");
}

#[test]
fn new_databases_are_rw_rw_nothing_and_backups_the_persons_own_even_under_a_strict_umask() {
    let home = Home::new();
    let db = home.path("c.db");
    let copy = home.path("kopia.db");
    let strict = |mut command: Command| {
        // SAFETY: umask is async-signal-safe and touches only the child's own state.
        unsafe {
            command.pre_exec(|| {
                libc::umask(0o077);
                Ok(())
            });
        }
        ok(command.output().unwrap())
    };
    strict(home.okienko(&["init", "--db", db.to_str().unwrap()]));
    strict(home.okienko(&["--db", db.to_str().unwrap(), "backup", copy.to_str().unwrap()]));
    // The database is shared with the desk's group; a backup, like every file a person names,
    // is theirs alone.
    for (file, wanted) in [(&db, 0o660), (&copy, 0o600)] {
        let mode = std::fs::metadata(file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, wanted, "{} is {mode:o}", file.display());
    }
}

/// One command in a 120×50 terminal of a tmux server of its own, with no tmux config read.
struct Terminal {
    socket: String,
}

impl Terminal {
    /// Runs `okienko args` under `term` with `extra` variables; the pane stays after it ends.
    fn run(home: &Home, name: &str, term: &str, extra: &[(&str, &str)], args: &[&str]) -> Terminal {
        let found = Command::new("tmux").arg("-V").output().is_ok_and(|o| o.status.success());
        assert!(found, "tmux is missing: scripts/install-deps.sh installs it, or apt-get install tmux");
        let socket = format!("okienko-settings-{name}-{}", std::process::id());
        let mut line = format!("TERM={term} ");
        for (key, value) in extra {
            line.push_str(&format!("{key}={value} "));
        }
        line.push_str(env!("CARGO_BIN_EXE_okienko"));
        for arg in args {
            line.push_str(&format!(" '{arg}'"));
        }
        line.push_str("; echo okienko-exit-$?; sleep 600");
        let out = Command::new("tmux")
            .args(["-u", "-L", &socket, "-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "50", &line])
            .envs(home.env())
            .env("OKIENKO_TODAY", TODAY)
            .env("LANG", "C.UTF-8")
            .env_remove("OKIENKO_DB")
            .env_remove("OKIENKO_LOGIN")
            .env_remove("NO_COLOR")
            .env_remove("TMUX")
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        assert!(out.status.success(), "tmux new-session: {}", stderr(&out));
        Terminal { socket }
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux").args(["-u", "-L", &self.socket]).args(args).output().unwrap();
        assert!(out.status.success(), "tmux {args:?}: {}", stderr(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The screen as text, and with tmux's escapes for the colours and attributes it shows.
    fn screen(&self) -> (String, String) {
        (self.tmux(&["capture-pane", "-p", "-t", "0"]), self.tmux(&["capture-pane", "-p", "-e", "-t", "0"]))
    }

    fn wait_for(&self, text: &str) -> (String, String) {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.0.contains(text) {
                return screen;
            }
            assert!(start.elapsed() < PATIENCE, "never showed {text:?}:\n{}", screen.0);
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["-L", &self.socket, "kill-server"]).output();
    }
}

/// The parameters of every SGR escape (`ESC [ … m`) on the screen.
fn sgr_params(escaped: &str) -> Vec<u32> {
    escaped
        .split("\x1b[")
        .skip(1)
        .filter_map(|s| s.split_once('m').map(|(params, _)| params))
        .flat_map(|params| params.split(';').filter_map(|p| p.parse::<u32>().ok()))
        .collect()
}

/// Whether the escapes set a foreground or background colour (not just bold, reverse or reset).
fn has_colour(escaped: &str) -> bool {
    sgr_params(escaped).into_iter().any(|p| matches!(p, 30..=38 | 40..=48 | 90..=97 | 100..=107))
}

/// The pool-use chart of the demo's senior taxi, whose last month is granted to its limit.
fn chart(name: &str, term: &str, extra: &[(&str, &str)], flags: &[&str], config: &str) -> (String, String) {
    let home = Home::new();
    let db = home.demo();
    home.write_config("config.toml", &format!("db = {:?}\n{config}", db.to_str().unwrap()));
    let mut args = flags.to_vec();
    args.extend(["report", "pool-use", "--service", "TAXI", "--months", "3"]);
    let terminal = Terminal::run(&home, name, term, extra, &args);
    let (text, escaped) = terminal.wait_for("okienko-exit-");
    assert!(text.contains("okienko-exit-0"), "{text}");
    (text, escaped)
}

const BLOCK_BAR: &str = "2026-11 █████▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒ wykorzystano 1";
const ASCII_BAR: &str = "2026-11 #####+++++++++++++++++++++++++ wykorzystano 1";

#[test]
fn the_pool_use_chart_is_coloured_blocks_on_a_capable_terminal() {
    let (text, escaped) = chart("chart-colour", "xterm-256color", &[], &[], "");
    assert!(text.contains(BLOCK_BAR), "{text}");
    assert!(has_colour(&escaped), "{escaped}");
}

#[test]
fn the_pool_use_chart_loses_its_colour_with_no_color_or_color_never() {
    for (name, extra, flags, config) in [
        ("chart-no-color", &[("NO_COLOR", "1")][..], &[][..], ""),
        ("chart-never", &[][..], &["--color", "never"][..], ""),
        ("chart-config-never", &[][..], &[][..], "color = \"never\"\n"),
    ] {
        let (text, escaped) = chart(name, "xterm-256color", extra, flags, config);
        assert!(text.contains(BLOCK_BAR), "{name}: {text}");
        assert!(!has_colour(&escaped), "{name}: {escaped}");
    }
    let (_, escaped) = chart("chart-always", "xterm-256color", &[("NO_COLOR", "1")], &["--color", "always"], "");
    assert!(has_colour(&escaped), "--color always beats NO_COLOR: {escaped}");
}

#[test]
fn the_pool_use_chart_is_ascii_on_consoles_and_when_asked() {
    for (name, term, flags, config) in [
        ("chart-linux", "linux", &[][..], ""),
        ("chart-vt100", "vt100", &[][..], ""),
        ("chart-ascii", "xterm-256color", &["--ascii"][..], ""),
        ("chart-config-ascii", "xterm-256color", &[][..], "ascii = true\n"),
    ] {
        let (text, _) = chart(name, term, &[], flags, config);
        assert!(text.contains(ASCII_BAR), "{name}: {text}");
        assert!(!text.contains('█'), "{name}: {text}");
    }
}

/// The desk's first screen on the demo centre (the dashboard, as this login coordinates).
fn desk(home: &Home, name: &str, term: &str, extra: &[(&str, &str)], flags: &[&str]) -> (Terminal, String, String) {
    let db = home.demo();
    let mut args = vec!["--db", db.to_str().unwrap()];
    args.extend(flags);
    let terminal = Terminal::run(home, name, term, extra, &args);
    let (text, escaped) = terminal.wait_for("Wnioski: 30 dni");
    (terminal, text, escaped)
}

#[test]
fn the_desk_draws_box_borders_in_colour_on_a_capable_terminal() {
    let (_t, text, escaped) = desk(&Home::new(), "desk-colour", "xterm-256color", &[], &[]);
    assert!(text.contains('┌') && text.contains('│'), "{text}");
    assert!(has_colour(&escaped), "{escaped}");
}

#[test]
fn the_desk_draws_ascii_borders_on_the_linux_console_and_with_ascii() {
    for (name, term, flags) in [("desk-linux", "linux", &[][..]), ("desk-ascii", "xterm-256color", &["--ascii"][..])] {
        let (_t, text, _) = desk(&Home::new(), name, term, &[], flags);
        assert!(!text.contains('┌') && !text.contains('│'), "{name}: {text}");
        assert!(text.lines().any(|l| l.starts_with("+ Pulpit - ")), "{name}: {text}");
    }
}

#[test]
fn the_desk_has_no_colour_with_no_color_or_color_never_unless_always() {
    for (name, extra, flags) in
        [("desk-no-color", &[("NO_COLOR", "1")][..], &[][..]), ("desk-never", &[][..], &["--color", "never"][..])]
    {
        let (_t, _, escaped) = desk(&Home::new(), name, "xterm-256color", extra, flags);
        assert!(!has_colour(&escaped), "{name}: {escaped}");
        assert!(sgr_params(&escaped).contains(&7), "{name}: the selection is reverse video: {escaped}");
    }
    let (_t, _, escaped) =
        desk(&Home::new(), "desk-always", "xterm-256color", &[("NO_COLOR", "1")], &["--color", "always"]);
    assert!(has_colour(&escaped), "{escaped}");
}

/// F12 means nothing in the default keys; the keymap under test makes it quit.
const F12_QUITS: &str = "[global]\nF12 = \"quit\"\n";

fn f12_quits(home: &Home, name: &str) {
    let (terminal, _, _) = desk(home, name, "xterm-256color", &[], &[]);
    terminal.tmux(&["send-keys", "-t", "0", "F12"]);
    terminal.wait_for("okienko-exit-0");
}

#[test]
fn the_keymap_named_in_the_config_file_is_laid_over_the_defaults() {
    let home = Home::new();
    let keymap = home.path("moje-klawisze.toml");
    std::fs::write(&keymap, F12_QUITS).unwrap();
    home.write_config("config.toml", &format!("keymap = {:?}\n", keymap.to_str().unwrap()));
    f12_quits(&home, "keymap-config");
}

#[test]
fn the_users_keymap_toml_is_laid_over_the_defaults_without_being_named() {
    let home = Home::new();
    home.write_config("keymap.toml", F12_QUITS);
    f12_quits(&home, "keymap-auto");
}
