//! okienko: the one-window desk of a Polish social-services centre (Centrum Usług Społecznych).
//!
//! Layers, lowest first: `domain` (pure rules), `storage` (SQLite), `search` (resident lookup),
//! `import` and `export`, `report`, then `session` (who is at the desk, on which database) under
//! both front ends, `tui` (the full-screen desk) and `cli` (commands); `demo` feeds the store.
//! Below them all sit `i18n` (the string catalogue), `config` (the files), `settings` (flags,
//! environment and files resolved once), `service` (a setgid installation's group) and
//! `userfile` (every file a person names is created and read there).

pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod export;
pub mod i18n;
pub mod import;
pub mod report;
pub mod search;
pub mod service;
pub mod session;
pub mod settings;
pub mod storage;
pub mod tui;
pub mod userfile;
