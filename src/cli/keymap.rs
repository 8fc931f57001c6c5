//! `okienko keymap check FILE`: the same checks the desk makes at start, without opening it.

use crate::i18n::Lang;
use crate::i18n::desk::Strings;
use crate::tui::keymap::parse_file;
use anyhow::{Result, bail};
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum KeymapCommand {
    /// Sprawdź plik skrótów klawiszowych · check a keymap file
    Check {
        /// Plik TOML ze skrótami · the keymap TOML file
        file: PathBuf,
    },
}

pub fn run(cmd: KeymapCommand, lang: Lang) -> Result<()> {
    let strings = Strings::new(lang);
    match cmd {
        KeymapCommand::Check { file } => match parse_file(&file) {
            Ok(bindings) => {
                println!("{}", crate::i18n::cli::keymap_valid(&file, bindings.len()));
                Ok(())
            }
            Err(e) => bail!(e.message(&strings)),
        },
    }
}
