//! okienko: the one-window desk of a Polish social-services centre (Centrum Usług Społecznych).
//!
//! Layers, each in its own folder: `domain` (pure rules), `storage` (SQLite), `search`
//! (resident lookup), `tui` (the full-screen desk), `cli` (commands), with `demo` and
//! `import` feeding the store.

pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod export;
pub mod i18n;
pub mod import;
pub mod report;
pub mod search;
pub mod storage;
pub mod tui;
