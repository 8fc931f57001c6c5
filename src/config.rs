//! The config files, `/etc/okienko/config.toml` patched by `~/.config/okienko/config.toml` (the
//! list is data, [`files`], so that the layering is tested without writing to `/etc`), and the
//! day the program works on. [`crate::settings`] weighs them against flags and the environment.

use crate::i18n::Lang;
use serde::{Deserialize, Deserializer};
use std::path::{Path, PathBuf};

/// When to use colour: the `--color` flag and the `color` key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ColorWhen {
    /// Jeśli nie ustawiono NO_COLOR · unless NO_COLOR is set
    #[default]
    Auto,
    /// Także przy NO_COLOR · even with NO_COLOR
    Always,
    /// Bez kolorów · no colour
    Never,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    pub db: Option<PathBuf>,
    #[serde(default, deserialize_with = "lang_code")]
    pub lang: Option<Lang>,
    pub color: Option<ColorWhen>,
    pub ascii: Option<bool>,
    pub keymap: Option<PathBuf>,
    /// Command that prints a PDF read from standard input, e.g. `lp -d biuro`.
    pub print_command: Option<String>,
    /// The service databases beside `db` (system file only): the ones a setgid installation
    /// opens with its group.
    #[serde(default)]
    pub databases: Vec<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
#[error("plik konfiguracji {path}: {reason}")]
pub struct ConfigError {
    pub path: PathBuf,
    pub reason: String,
}

pub fn system_config_path() -> PathBuf {
    PathBuf::from("/etc/okienko/config.toml")
}

/// `~/.config/okienko` (or under `XDG_CONFIG_HOME`): the config file and the user's keymap.
pub fn user_config_dir() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("okienko"))
}

pub fn user_config_path() -> Option<PathBuf> {
    user_config_dir().map(|d| d.join("config.toml"))
}

fn lang_code<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Lang>, D::Error> {
    let code = String::deserialize(d)?;
    Lang::from_code(&code).map(Some).ok_or_else(|| serde::de::Error::custom(format!("lang = {code:?}: pl, en")))
}

fn read(path: &Path) -> Result<Option<ConfigFile>, ConfigError> {
    // As the person: the user's file is found through their own environment.
    let read = crate::service::as_own(|| std::fs::read_to_string(path))
        .map_err(|e| ConfigError { path: path.into(), reason: e.0 })?;
    match read {
        Ok(text) => {
            toml::from_str(&text).map(Some).map_err(|e| ConfigError { path: path.into(), reason: e.to_string() })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(ConfigError { path: path.into(), reason: e.to_string() }),
    }
}

/// The config files the program reads, the one that wins first: the user's, then
/// `/etc/okienko/config.toml`.
pub fn files() -> Vec<PathBuf> {
    user_config_path().into_iter().chain([system_config_path()]).collect()
}

/// `files` merged field by field, an earlier file beating a later one; a file that does not
/// exist counts as empty. Only the last, the system's, may name the service `databases`.
pub fn load(files: &[PathBuf]) -> Result<ConfigFile, ConfigError> {
    let mut merged = ConfigFile::default();
    for (n, path) in files.iter().enumerate().rev() {
        let Some(file) = read(path)? else { continue };
        let system = n + 1 == files.len();
        if !system && !file.databases.is_empty() {
            return Err(ConfigError {
                reason: crate::i18n::service::databases_key_is_system_only(path),
                path: path.clone(),
            });
        }
        merged = ConfigFile {
            db: file.db.or(merged.db),
            lang: file.lang.or(merged.lang),
            color: file.color.or(merged.color),
            ascii: file.ascii.or(merged.ascii),
            keymap: file.keymap.or(merged.keymap),
            print_command: file.print_command.or(merged.print_command),
            databases: if system { file.databases } else { merged.databases },
        };
    }
    Ok(merged)
}

/// The databases a service installation opens with its group: `db` and `databases` of the
/// system file, as written there (absolute paths).
pub fn service_databases() -> Result<Vec<PathBuf>, ConfigError> {
    let system = read(&system_config_path())?.unwrap_or_default();
    Ok(system.db.into_iter().chain(system.databases).collect())
}

/// The demo centre's database, created on first use in the user's data directory.
pub fn demo_db_path() -> PathBuf {
    dirs::data_dir().unwrap_or_else(std::env::temp_dir).join("okienko").join("demo.db")
}

/// Today's date; `OKIENKO_TODAY` (YYYY-MM-DD) pins it for reproducible demos and tests.
pub fn today() -> chrono::NaiveDate {
    std::env::var("OKIENKO_TODAY")
        .ok()
        .and_then(|s| chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_unknown_keys_with_the_file_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "databse = \"x\"\n").unwrap();
        let err = read(&path).unwrap_err().to_string();
        assert!(err.contains("config.toml") && err.contains("databse"), "{err}");
    }

    #[test]
    fn refuses_an_unknown_language_or_colour_naming_the_choices() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "lang = \"de\"\n").unwrap();
        let err = read(&path).unwrap_err().to_string();
        assert!(err.contains("\"de\"") && err.contains("pl, en"), "{err}");
        std::fs::write(&path, "color = \"sometimes\"\n").unwrap();
        let err = read(&path).unwrap_err().to_string();
        assert!(err.contains("sometimes") && err.contains("never"), "{err}");
        std::fs::write(&path, "lang = \"EN\"\ncolor = \"never\"\n").unwrap();
        let cfg = read(&path).unwrap().unwrap();
        assert_eq!((cfg.lang, cfg.color), (Some(Lang::En), Some(ColorWhen::Never)));
    }
}
