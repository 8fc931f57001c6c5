//! `okienko report …`: the organiser's reports as text, CSV or JSON, to the terminal or a file.

use super::Session;
use crate::config;
use crate::domain::period::{DateRange, PeriodKind};
use crate::domain::roles::Permission;
use crate::i18n::cli as t;
use crate::report::{self, Document, Format, chart};
use crate::storage::{audit, reports};
use anyhow::{Context, Result, anyhow, bail};
use clap::{Args, Subcommand};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct Output {
    /// Format: text, csv, json, pdf, xlsx
    #[arg(long, default_value = "text", value_name = "FORMAT")]
    format: String,
    /// CSV dla polskiego Excela: UTF-8 z BOM, średniki, przecinek dziesiętny · CSV that Polish Excel opens as is
    #[arg(long)]
    excel: bool,
    /// Zapisz do pliku zamiast na ekran · write to a file instead of the screen
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

/// Which residents a report counts.
#[derive(Debug, Args)]
pub struct GminaArgs {
    /// Tylko mieszkańcy tej gminy · only the residents of this gmina
    #[arg(long, value_name = "GMINA", conflicts_with = "by_gmina")]
    gmina: Option<String>,
    /// Osobno dla każdej gminy i dla mieszkańców spoza gmin · one part per gmina, and one for residents of none
    #[arg(long)]
    by_gmina: bool,
}

impl GminaArgs {
    fn scope(&self, conn: &rusqlite::Connection) -> Result<reports::Scope> {
        Ok(match &self.gmina {
            None => reports::Scope::Centre,
            Some(name) => reports::Scope::Gmina(Some(
                crate::storage::places::resolve_gmina(conn, name).map_err(|e| anyhow!("--gmina: {e}"))?,
            )),
        })
    }
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Półroczne podsumowanie planów (art. 46) · six-monthly summary of all plans
    Summary {
        /// Od dnia (RRRR-MM-DD); domyślnie ostatnie pełne półrocze · from (default: last full half-year)
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Do dnia (RRRR-MM-DD) · to
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        #[command(flatten)]
        output: Output,
        #[command(flatten)]
        gminas: GminaArgs,
    },
    /// Wskaźniki kwartalne · quarterly indicators
    Indicators {
        /// Kwartał, np. 2026-Q3; domyślnie poprzedni · quarter (default: the previous one)
        #[arg(long, value_name = "QUARTER")]
        quarter: Option<String>,
        #[command(flatten)]
        output: Output,
        #[command(flatten)]
        gminas: GminaArgs,
    },
    /// Informacja z realizacji programu usług społecznych (BIP) · yearly report on the programme
    Programme {
        /// Rok; domyślnie poprzedni · year (default: the previous one)
        #[arg(long, value_parser = crate::domain::limits::arg_year)]
        year: Option<i32>,
        #[command(flatten)]
        output: Output,
        #[command(flatten)]
        gminas: GminaArgs,
    },
    /// Wykorzystanie puli usługi w czasie · pool use over time
    PoolUse {
        /// Kod usługi · service code
        #[arg(long, value_name = "CODE")]
        service: String,
        /// Ile ostatnich miesięcy · how many recent months
        #[arg(long, default_value_t = 12)]
        months: u32,
        #[command(flatten)]
        output: Output,
    },
    /// Karta usługi do wywieszenia i wręczenia (tekst lub PDF) · the service card to post and hand out
    Card {
        /// Kod usługi · service code
        #[arg(long, value_name = "CODE")]
        service: String,
        #[command(flatten)]
        output: Output,
    },
    /// Katalog usług w formacie Open Referral HSDS 3.1 (JSON) · service catalogue as HSDS 3.1 JSON
    Hsds {
        /// Plik wynikowy · output file
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

fn parse_format(code: &str) -> Result<Format> {
    Format::parse(code).ok_or_else(|| anyhow!(t::unknown_format(code)))
}

fn date_arg(field: &'static str, value: &str) -> Result<chrono::NaiveDate> {
    super::date_option(field, value)
}

fn summary_range(from: Option<String>, to: Option<String>, today: chrono::NaiveDate) -> Result<DateRange> {
    let default = reports::last_full_half_year(today);
    let start = from.as_deref().map(|v| date_arg("--from", v)).transpose()?.unwrap_or(default.start);
    let end = to.as_deref().map(|v| date_arg("--to", v)).transpose()?.unwrap_or(default.end);
    DateRange::new(start, end).ok_or_else(|| anyhow!(t::range_reversed(start, end)))
}

fn quarter_range(label: Option<&str>, today: chrono::NaiveDate) -> Result<DateRange> {
    match label {
        None => Ok(PeriodKind::Quarter.containing(PeriodKind::Quarter.containing(today).start - chrono::Days::new(1))),
        Some(label) => match PeriodKind::parse_label(label) {
            Some((PeriodKind::Quarter, range)) => Ok(range),
            _ => bail!(t::not_a_quarter(label)),
        },
    }
}

/// Writes the rendered report to the file or standard output, and logs the export.
fn emit(session: &mut Session, what: &str, bytes: &[u8], out: Option<&PathBuf>) -> Result<()> {
    match out {
        Some(path) => {
            crate::userfile::write(path, bytes).context("--out")?;
            println!("{}", t::report_saved(path, what));
        }
        None => std::io::stdout().write_all(bytes).with_context(t::cannot_write_stdout)?,
    }
    let login = session.me.login.clone();
    let target = format!("report:{what}");
    let detail = out.map(|p| p.display().to_string()).unwrap_or_else(|| "stdout".into());
    session.db.write(|tx| audit::append(tx, &login, audit::AuditAction::Export, None, &target, &detail))?;
    Ok(())
}

/// The format asked for; `--excel` makes CSV for Excel (and is CSV when no format is given);
/// PDF and XLSX only into a file, never onto a terminal.
fn format_of(output: &Output) -> Result<Format> {
    let format = match (parse_format(&output.format)?, output.excel) {
        (Format::Text | Format::Csv, true) => Format::ExcelCsv,
        (_, true) => bail!(t::excel_only_for_csv(&output.format)),
        (format, false) => format,
    };
    match format {
        Format::Pdf if output.out.is_none() => bail!(t::pdf_needs_a_file()),
        Format::Xlsx if output.out.is_none() => bail!(t::xlsx_needs_a_file()),
        _ => Ok(format),
    }
}

fn render<T: serde::Serialize>(value: &T, doc: &Document, charts: &[chart::Chart], output: &Output) -> Result<Vec<u8>> {
    report::render(value, doc, charts, format_of(output)?)
}

pub fn run(session: &mut Session, cmd: ReportCommand) -> Result<()> {
    session.me.require(match cmd {
        ReportCommand::Summary { .. } => Permission::ViewHalfYearSummary,
        _ => Permission::ViewReports,
    })?;
    let today = config::today();
    let conn = session.db.conn();
    match cmd {
        ReportCommand::Summary { from, to, output, gminas } => {
            let range = summary_range(from, to, today)?;
            // People read the tables: coordinators by name; JSON keeps the logins.
            let people = super::staff::People::load(conn)?;
            let named = |s: &reports::Summary| {
                let mut named = s.clone();
                for plan in &mut named.completed {
                    plan.coordinator = people.name(&plan.coordinator);
                }
                report::tables::summary(&named)
            };
            let text = if gminas.by_gmina {
                let parts = reports::per_gmina(conn, |scope| reports::summary(conn, range, scope))?;
                render(&parts, &report::tables::per_gmina(&parts, named), &[], &output)?
            } else {
                let s = reports::summary(conn, range, gminas.scope(conn)?)?;
                render(&s, &named(&s), &[], &output)?
            };
            emit(session, "summary", &text, output.out.as_ref())
        }
        ReportCommand::Indicators { quarter, output, gminas } => {
            let range = quarter_range(quarter.as_deref(), today)?;
            let text = if gminas.by_gmina {
                let parts = reports::per_gmina(conn, |scope| reports::indicators(conn, range, scope))?;
                render(&parts, &report::tables::per_gmina(&parts, report::tables::indicators), &[], &output)?
            } else {
                let i = reports::indicators(conn, range, gminas.scope(conn)?)?;
                render(&i, &report::tables::indicators(&i), &[], &output)?
            };
            emit(session, "indicators", &text, output.out.as_ref())
        }
        ReportCommand::Programme { year, output, gminas } => {
            let year = year.unwrap_or(chrono::Datelike::year(&today) - 1);
            let text = if gminas.by_gmina {
                let parts = reports::per_gmina(conn, |scope| reports::programme(conn, year, scope))?;
                render(&parts, &report::tables::per_gmina(&parts, report::tables::programme), &[], &output)?
            } else {
                let p = reports::programme(conn, year, gminas.scope(conn)?)?;
                render(&p, &report::tables::programme(&p), &[], &output)?
            };
            emit(session, "programme", &text, output.out.as_ref())
        }
        ReportCommand::PoolUse { service, months, output } => {
            if months == 0 || months > 120 {
                bail!(t::months_out_of_range());
            }
            let u = reports::pool_use(conn, &service, reports::last_months(today, months))?;
            let charts = report::tables::pool_charts(&u);
            let mut text = render(&u, &report::tables::pool_use(&u), &charts, &output)?;
            if format_of(&output)? == Format::Text {
                let style = chart::ChartStyle::detect(
                    output.out.is_none() && std::io::stdout().is_terminal(),
                    session.settings.capability,
                );
                text.extend_from_slice(chart::charts_text(&charts, 30, style).as_bytes());
            }
            emit(session, "pool-use", &text, output.out.as_ref())
        }
        ReportCommand::Card { service, output } => {
            let c = reports::catalogue(conn, today)?;
            let doc = crate::export::card::service_card(&c, &service, today)
                .ok_or_else(|| anyhow!("--service: {}", t::no_such_service(&service)))?;
            let bytes = match format_of(&output)? {
                Format::Text => crate::export::document::render_text(&doc).into_bytes(),
                Format::Pdf => crate::export::document::render_pdf(&doc)?,
                _ => bail!(t::card_formats()),
            };
            emit(session, "card", &bytes, output.out.as_ref())
        }
        ReportCommand::Hsds { out } => {
            let c = reports::catalogue(conn, today)?;
            let text = report::to_json(&report::hsds::export(&c, today))?;
            emit(session, "hsds", text.as_bytes(), out.as_ref())
        }
    }
}
