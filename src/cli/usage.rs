use super::Session;
use crate::domain::roles::Permission;
use crate::i18n::cli as t;
use crate::storage::pools::GrantRef;
use crate::storage::usage::{self, Delivery, ImportRow, Recorded, UsageTarget};
use anyhow::{Context, Result, bail};
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum UsageCommand {
    /// Zapisz wykonanie pozycji planu lub zakwalifikowania · record units delivered against a plan line or a qualification
    ///
    /// Pozycję wskazuje numer planu i jej numer w zatwierdzonej wersji, jak w pliku CSV
    /// (okienko usage record IPUS/2026/007 1 --date 2026-11-03 --units 2); usługę przyznaną
    /// bez IPUS — numer zakwalifikowania (okienko usage record --qualification 12 --date … --units 1).
    Record {
        /// Numer planu (IPUS) · plan number
        plan_number: Option<String>,
        /// Numer pozycji w zatwierdzonej wersji planu · the line's position in the approved version
        #[arg(value_parser = crate::domain::limits::arg_number::<i64>)]
        position: Option<i64>,
        /// Numer zakwalifikowania (art. 42) zamiast planu · the qualification's number instead of a plan
        #[arg(long, conflicts_with_all = ["plan_number", "position"])]
        qualification: Option<i64>,
        /// Dzień wykonania RRRR-MM-DD · day delivered
        #[arg(long)]
        date: String,
        /// Liczba jednostek · units delivered
        #[arg(long)]
        units: u32,
        /// Uwagi · note
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Wczytaj miesięczne zestawienie realizatora (CSV) · import a provider's monthly list
    ///
    /// Plik CSV (UTF-8, UTF-8 z BOM albo Windows-1250; przecinki albo średniki) z nagłówkiem:
    ///   plan_number,position,date,units,note[,qualification]
    /// plan_number — numer planu (IPUS); position — numer pozycji w zatwierdzonej wersji planu;
    /// date — dzień RRRR-MM-DD; units — liczba jednostek; note — uwagi (może być puste);
    /// qualification — numer zakwalifikowania (art. 42), gdy plan_number i position są puste.
    /// Każdy wiersz jest sprawdzany z tym, co przyznaje pozycja planu lub zakwalifikowanie; odrzucone wiersze są
    /// wypisane z powodem. Ponowne wczytanie tego samego pliku niczego nie dubluje.
    Import {
        /// Plik CSV · CSV file
        file: PathBuf,
    },
}

pub fn run(session: &mut Session, cmd: UsageCommand) -> Result<()> {
    let me = session.me.clone();
    me.require(Permission::RecordUsage)?;
    match cmd {
        UsageCommand::Record { plan_number, position, qualification, date, units, note } => {
            let target = match (plan_number, position, qualification) {
                (Some(plan_number), Some(position), None) => {
                    UsageTarget::Line { plan_number: plan_number.trim().to_string(), position }
                }
                (None, None, Some(id)) => UsageTarget::Qualification(id),
                _ => bail!(t::usage_names_one_grant()),
            };
            let day = super::date_option("--date", &date)?;
            let today = crate::config::today();
            if day > today {
                bail!(t::date_in_future("--date", today));
            }
            if units == 0 {
                bail!(t::must_be_positive("--units"));
            }
            let (grant, recorded) = session.db.write(|tx| {
                let grant = target.resolve(tx)?;
                let delivery = Delivery { grant, day, units, note: &note, source: "desk", import_key: None };
                Ok((grant, usage::record(tx, &me.login, &delivery)?))
            })?;
            let recorded_on = usage::usage_grant(session.db.conn(), grant)?;
            if let Recorded::Added(id) = recorded {
                let service = crate::domain::text::display_safe(&recorded_on.service_name);
                let line = &recorded_on.line;
                let said = match grant {
                    GrantRef::Qualification(q) => t::usage_recorded_qualified(id, q, &service, units, day),
                    GrantRef::Line(_) => {
                        let plan = recorded_on.plan_number.as_deref().unwrap_or_default();
                        t::usage_recorded(id, plan, line.position, &service, units, day)
                    }
                };
                println!("{said}");
            }
        }
        UsageCommand::Import { file } => {
            let data = std::fs::read(&file).with_context(|| t::cannot_open(&file))?;
            let read = crate::import::usage::read(&data, crate::config::today())
                .with_context(|| file.display().to_string())?;
            println!("{}", read.detected.describe());
            let rows = read.rows;
            let (rows, mut rejected): (Vec<_>, Vec<_>) = rows.into_iter().partition(|r| r.is_ok());
            let rows: Vec<ImportRow> = rows.into_iter().filter_map(|r| r.ok()).collect();
            let mut report = usage::import(&mut session.db, &me.login, &rows)?;
            report.rejected.extend(rejected.drain(..).filter_map(|r| r.err()));
            report.rejected.sort();
            println!("{}", t::usage_imported(report.added, report.already, report.rejected.len()));
            for (row, reason) in &report.rejected {
                println!("  {}", t::row_reason(*row, &crate::domain::text::display_safe(reason)));
            }
            if !report.rejected.is_empty() {
                bail!(t::rows_rejected_in(report.rejected.len(), &file));
            }
        }
    }
    Ok(())
}
