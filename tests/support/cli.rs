//! The real binary run as a script runs it: on the database named by `OKIENKO_DB`, as the person
//! running the tests (no `OKIENKO_LOGIN`), on the tests' day, with the output captured.

use std::path::Path;
use std::process::{Command, Output};

/// The day the tests' centres work on, unless a test says otherwise.
pub const TODAY: &str = "2026-11-23";

/// `okienko ARGS` on `db`; callers add what else the run needs (a login, another day, a home).
pub fn command(db: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_okienko"));
    cmd.args(args).env("OKIENKO_DB", db).env("OKIENKO_TODAY", TODAY).env_remove("OKIENKO_LOGIN");
    cmd
}

pub fn run(db: &Path, args: &[&str]) -> Output {
    command(db, args).output().expect("the okienko binary runs")
}

/// Expects success; returns standard output.
pub fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "failed ({}):\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("output is UTF-8")
}
