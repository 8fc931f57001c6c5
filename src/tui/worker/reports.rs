//! The reports screen's database work: each report computed with the same functions as
//! `okienko report`, and the export of the shown one to a file, audited like the CLI's.

use crate::domain::period::{DateRange, PeriodKind};
use crate::domain::roles::Permission;
use crate::report::{self, Document, Table, tables};
use crate::storage::audit::{self, AuditAction};
use crate::storage::staff::StaffMember;
use crate::storage::{Db, Result, reports};
use crate::tui::msg::{ExportFormat, Msg, ReportJob, ReportKind, ReportMsg, Shown};
use chrono::{Datelike, NaiveDate};

/// How many months the pool-use charts look back, as `okienko report pool-use` does by default.
const POOL_MONTHS: u32 = 12;

/// The quarter before the one `today` is in: the default of `okienko report indicators`.
fn previous_quarter(today: NaiveDate) -> DateRange {
    PeriodKind::Quarter.containing(PeriodKind::Quarter.containing(today).start - chrono::Days::new(1))
}

/// Computes a report for `today` with the defaults of `okienko report`: the last full
/// half-year, the previous quarter, the previous year, the last twelve months of every service.
pub fn build(conn: &rusqlite::Connection, kind: ReportKind, today: NaiveDate) -> Result<Shown> {
    let (doc, charts) = match kind {
        ReportKind::Summary => (
            tables::summary(&reports::summary(conn, reports::last_full_half_year(today), reports::Scope::Centre)?),
            vec![],
        ),
        ReportKind::Indicators => {
            (tables::indicators(&reports::indicators(conn, previous_quarter(today), reports::Scope::Centre)?), vec![])
        }
        ReportKind::Programme => {
            (tables::programme(&reports::programme(conn, today.year() - 1, reports::Scope::Centre)?), vec![])
        }
        ReportKind::PoolUse => {
            let range = reports::last_months(today, POOL_MONTHS);
            let mut doc = Document {
                title: "Wykorzystanie pul usług".into(),
                subtitle: format!("Okres: {} – {}", range.start, range.end),
                tables: Vec::new(),
            };
            let mut charts = Vec::new();
            for service in reports::services(conn)? {
                let used = reports::pool_use(conn, &service.code, range)?;
                let name = format!("{} ({})", service.name, service.code);
                doc.tables.extend(
                    tables::pool_use(&used)
                        .tables
                        .into_iter()
                        .map(|t| Table { title: format!("{name}: {}", t.title), ..t }),
                );
                charts.extend(tables::pool_charts(&used));
            }
            (doc, charts)
        }
    };
    Ok(Shown { kind, doc, charts })
}

pub fn run(db: &mut Db, me: &StaffMember, job: ReportJob) -> Result<Msg> {
    me.require(Permission::ViewReports)?;
    match job {
        ReportJob::Load { kind, today } => Ok(Msg::Report(ReportMsg::Loaded(Box::new(build(db.conn(), kind, today)?)))),
        ReportJob::Export { kind, today, path, format, overwrite } => {
            let shown_path = path.display().to_string();
            let shown = build(db.conn(), kind, today)?;
            let bytes = match format {
                ExportFormat::Csv => report::to_csv(&shown.doc, false),
                ExportFormat::Pdf => report::pdf::render_pdf(&shown.doc, &shown.charts).map_err(|e| anyhow::anyhow!(e)),
            };
            let bytes = match bytes {
                Ok(bytes) => bytes,
                Err(e) => return Ok(Msg::Report(ReportMsg::ExportFailed { path: shown_path, reason: e.to_string() })),
            };
            let written = if overwrite {
                crate::userfile::write(&path, &bytes).map(|()| true)
            } else {
                crate::userfile::write_new(&path, &bytes)
            };
            let written = match written {
                Ok(false) => {
                    let job = ReportJob::Export { kind, today, path, format, overwrite: true };
                    return Ok(Msg::Report(ReportMsg::WouldOverwrite { path: shown_path, job }));
                }
                other => other.map(|_| ()),
            };
            if let Err(e) = written {
                return Ok(Msg::Report(ReportMsg::ExportFailed { path: shown_path, reason: e.to_string() }));
            }
            db.write(|tx| {
                audit::append(tx, &me.login, AuditAction::Export, None, &format!("report:{}", kind.code()), &shown_path)
            })?;
            Ok(Msg::Report(ReportMsg::Exported { path: shown_path }))
        }
    }
}
