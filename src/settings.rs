//! One settings value for the run, resolved once from flags, the environment and the config
//! files. A flag beats the user's config file, which beats `/etc/okienko/config.toml`; the
//! database is `--db`, else `OKIENKO_DB`, else `db` in a config file. What the terminal can show
//! is decided here too, for the desk's theme and the report charts alike: colour unless `NO_COLOR`
//! or `never` (`always` beats `NO_COLOR`), ASCII when asked or on a console without box characters.

use crate::config::{self, ColorWhen, ConfigError, ConfigFile};
use crate::i18n::Lang;
use clap::Args;
use clap::builder::PossibleValue;
use std::path::PathBuf;

impl clap::ValueEnum for Lang {
    fn value_variants<'a>() -> &'a [Self] {
        &[Lang::Pl, Lang::En]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.code()))
    }
}

/// The flags every command takes.
#[derive(Debug, Args, Clone, Default)]
pub struct GlobalArgs {
    /// Plik bazy (lub OKIENKO_DB, lub plik konfiguracji) · database file (or OKIENKO_DB, or config)
    #[arg(long, global = true, env = "OKIENKO_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Język interfejsu · interface language
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<Lang>,
    /// Kolory · colours
    #[arg(long, global = true, value_name = "WHEN")]
    pub color: Option<ColorWhen>,
    /// Tylko znaki ASCII w ramkach i symbolach · plain ASCII borders and symbols
    #[arg(long, global = true)]
    pub ascii: bool,
    /// Plik skrótów klawiszowych nakładany na domyślne · keymap overlay file
    #[arg(long, global = true, value_name = "FILE")]
    pub keymap: Option<PathBuf>,
}

/// What the terminal can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capability {
    pub colour: bool,
    /// Plain ASCII instead of box-drawing and block characters.
    pub ascii: bool,
}

impl Default for Capability {
    fn default() -> Capability {
        Capability { colour: true, ascii: false }
    }
}

/// Consoles whose fonts lack box-drawing and block characters.
const ASCII_TERMS: [&str; 6] = ["linux", "vt100", "vt102", "vt220", "ansi", "dumb"];

impl Capability {
    /// `no_color` is a non-empty `NO_COLOR`, which only `--color always` overrides; `term` is `TERM`.
    pub fn detect(color: ColorWhen, ascii: bool, no_color: bool, term: &str) -> Capability {
        let colour = match color {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => !no_color,
        };
        Capability { colour, ascii: ascii || ASCII_TERMS.contains(&term) }
    }
}

/// The parts of the environment that settings depend on, read once.
#[derive(Debug, Clone, Default)]
pub struct Environment {
    pub no_color: bool,
    pub term: String,
    /// `~/.config/okienko/keymap.toml`, when it exists.
    pub user_keymap: Option<PathBuf>,
}

impl Environment {
    pub fn read() -> Environment {
        Environment {
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            term: std::env::var("TERM").unwrap_or_default(),
            user_keymap: config::user_config_dir().map(|d| d.join("keymap.toml")).filter(|p| p.exists()),
        }
    }
}

/// Everything the run was told, flags and files weighed.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// None when no flag, variable or file names one; commands that need it say so.
    pub db: Option<PathBuf>,
    pub lang: Lang,
    pub capability: Capability,
    /// The keymap laid over the defaults: `vim` or a file.
    pub keymap: Option<PathBuf>,
    /// Command that prints a PDF read from standard input, e.g. `lp -d biuro`.
    pub print_command: Option<String>,
}

impl Settings {
    /// Reads the config files and the environment, and makes the language the process's own.
    pub fn resolve(args: &GlobalArgs) -> Result<Settings, ConfigError> {
        let settings = Settings::from_files(args, &config::files(), &Environment::read())?;
        crate::i18n::set_current(settings.lang);
        Ok(settings)
    }

    /// The settings from `files`, highest precedence first ([`config::load`]).
    pub fn from_files(args: &GlobalArgs, files: &[PathBuf], env: &Environment) -> Result<Settings, ConfigError> {
        Ok(Settings::from_sources(args, config::load(files)?, env))
    }

    /// `OKIENKO_DB` has already reached `args.db` through the flag's `env`.
    pub fn from_sources(args: &GlobalArgs, cfg: ConfigFile, env: &Environment) -> Settings {
        let color = args.color.or(cfg.color).unwrap_or_default();
        let ascii = args.ascii || cfg.ascii.unwrap_or(false);
        Settings {
            db: args.db.clone().or(cfg.db),
            lang: args.lang.or(cfg.lang).unwrap_or_default(),
            capability: Capability::detect(color, ascii, env.no_color, &env.term),
            keymap: args.keymap.clone().or(cfg.keymap).or_else(|| env.user_keymap.clone()),
            print_command: cfg.print_command,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xterm() -> Environment {
        Environment { term: "xterm-256color".into(), ..Environment::default() }
    }

    #[test]
    fn no_color_and_never_turn_colour_off_and_consoles_get_ascii() {
        let detect = Capability::detect;
        assert_eq!(detect(ColorWhen::Auto, false, false, "xterm-256color"), Capability { colour: true, ascii: false });
        assert!(!detect(ColorWhen::Auto, false, true, "xterm").colour);
        assert!(!detect(ColorWhen::Never, false, false, "xterm").colour);
        assert!(detect(ColorWhen::Always, false, true, "xterm").colour);
        for term in ["linux", "vt100", "vt220"] {
            assert!(detect(ColorWhen::Auto, false, false, term).ascii, "{term}");
        }
        assert!(!detect(ColorWhen::Auto, false, false, "xterm").ascii);
        assert!(detect(ColorWhen::Auto, true, false, "xterm").ascii);
    }

    #[test]
    fn flags_beat_the_config_file_which_beats_the_defaults() {
        let cfg = ConfigFile {
            db: Some("cfg.db".into()),
            lang: Some(Lang::En),
            color: Some(ColorWhen::Never),
            ascii: Some(true),
            keymap: Some("cfg.toml".into()),
            print_command: Some("lp".into()),
            databases: Vec::new(),
        };
        let from_file = Settings::from_sources(&GlobalArgs::default(), cfg.clone(), &xterm());
        assert_eq!(from_file.db, Some("cfg.db".into()));
        assert_eq!(from_file.lang, Lang::En);
        assert_eq!(from_file.capability, Capability { colour: false, ascii: true });
        assert_eq!(from_file.keymap, Some("cfg.toml".into()));
        let args = GlobalArgs {
            db: Some("flag.db".into()),
            lang: Some(Lang::Pl),
            color: Some(ColorWhen::Always),
            ascii: false,
            keymap: Some("vim".into()),
        };
        let flagged = Settings::from_sources(&args, cfg, &xterm());
        assert_eq!(flagged.db, Some("flag.db".into()));
        assert_eq!(flagged.lang, Lang::Pl);
        assert!(flagged.capability.colour);
        assert_eq!(flagged.keymap, Some("vim".into()));
        let nothing = Settings::from_sources(&GlobalArgs::default(), ConfigFile::default(), &xterm());
        assert_eq!((nothing.db, nothing.lang, nothing.keymap), (None, Lang::Pl, None));
    }

    #[test]
    fn the_users_keymap_file_is_used_only_when_no_other_is_named() {
        let env = Environment { user_keymap: Some("home.toml".into()), ..xterm() };
        let auto = Settings::from_sources(&GlobalArgs::default(), ConfigFile::default(), &env);
        assert_eq!(auto.keymap, Some("home.toml".into()));
        let cfg = ConfigFile { keymap: Some("cfg.toml".into()), ..ConfigFile::default() };
        assert_eq!(Settings::from_sources(&GlobalArgs::default(), cfg, &env).keymap, Some("cfg.toml".into()));
    }
}
