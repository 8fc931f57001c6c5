//! `okienko demo`: a demo centre in a new database file.

use crate::demo::{self, DEFAULT_RESIDENTS, DEFAULT_SEED, DemoOptions, DemoSummary};
use crate::i18n::cli as t;
use crate::storage::Db;
use anyhow::{Result, bail};
use clap::Args;
use std::path::Path;

/// Fewer residents than this cannot show every state of a plan.
const MIN_RESIDENTS: usize = 50;
/// More than a large gmina partnership holds; the generator reserves memory for every resident up front.
const MAX_RESIDENTS: usize = 1_000_000;

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Liczba mieszkańców · number of residents
    #[arg(long, default_value_t = DEFAULT_RESIDENTS, value_name = "N")]
    pub residents: usize,
    /// Ziarno: to samo ziarno daje te same dane · seed: the same seed gives the same data
    #[arg(long, default_value_t = DEFAULT_SEED, value_name = "S")]
    pub seed: u64,
}

pub fn run(path: &Path, args: DemoArgs) -> Result<()> {
    let started = std::time::Instant::now();
    let summary = create(path, args.residents, args.seed)?;
    println!("{}", t::demo_created(path, started.elapsed().as_secs_f64()));
    println!("{summary}");
    println!("{}", t::demo_login(&crate::storage::staff::os_login(), path));
    Ok(())
}

/// Whether a database already holds a centre. A file with only the schema is what a run killed
/// before its one transaction committed leaves behind, and may be filled again.
pub fn holds_a_centre(path: &Path) -> Result<bool> {
    let db = Db::open(path)?;
    let rows: i64 =
        db.conn().query_row("SELECT (SELECT count(*) FROM centre) + (SELECT count(*) FROM staff)", [], |r| r.get(0))?;
    Ok(rows > 0)
}

/// Creates the demo centre in a new file; a failed run leaves no half-filled database behind.
pub fn create(path: &Path, residents: usize, seed: u64) -> Result<DemoSummary> {
    if residents < MIN_RESIDENTS {
        bail!(t::demo_too_few(MIN_RESIDENTS));
    }
    if residents > MAX_RESIDENTS {
        bail!(t::demo_too_many(MAX_RESIDENTS));
    }
    if std::fs::metadata(path).is_ok_and(|m| m.len() > 0) && holds_a_centre(path)? {
        bail!(t::demo_file_not_empty(path));
    }
    let options =
        DemoOptions { residents, seed, today: crate::config::today(), login: crate::storage::staff::os_login() };
    let mut db = Db::create(path)?;
    match demo::generate(&mut db, &options) {
        Ok(summary) => Ok(summary),
        Err(e) => {
            drop(db);
            for suffix in ["", "-wal", "-shm"] {
                let mut file = path.as_os_str().to_owned();
                file.push(suffix);
                let _ = std::fs::remove_file(file);
            }
            Err(e.into())
        }
    }
}
