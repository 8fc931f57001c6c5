//! The organiser's reports inside the desk, opened from the dashboard: the 6-monthly summary,
//! the quarterly indicators, the yearly programme report and pool use per service with its
//! chart. The worker computes each report with the same functions as `okienko report`, and this
//! screen only draws what came back; a key writes the shown report to a CSV or PDF file, which
//! is audited like an export from the command line.

use crate::domain::period::{DateRange, PeriodKind};
use crate::domain::roles::Permission;
use crate::domain::text::{FieldError, FieldProblem};
use crate::report::chart::{self, Chart, ChartStyle};
use crate::report::{self, Document, Table, tables};
use crate::storage::audit::{self, AuditAction};
use crate::storage::staff::StaffMember;
use crate::storage::{Db, Result, reports};
use crate::tui::action::Action;
use crate::tui::app::{Ctx, DrawCtx, Effect, Job, Msg};
use crate::tui::strings::{Lang, Strings, Text};
use crate::tui::theme::Theme;
use crate::tui::widgets::form::{Field, Form};
use crate::tui::widgets::popup::{FormPurpose, Popup};
use crate::tui::widgets::{block, fit};
use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::path::PathBuf;

/// How many months the pool-use charts look back, as `okienko report pool-use` does by default.
const POOL_MONTHS: u32 = 12;
const PAGE: u16 = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReportKind {
    #[default]
    Summary,
    Indicators,
    Programme,
    PoolUse,
}

impl ReportKind {
    pub const ALL: [ReportKind; 4] =
        [ReportKind::Summary, ReportKind::Indicators, ReportKind::Programme, ReportKind::PoolUse];

    /// The name the audit log and `okienko report` use.
    pub fn code(self) -> &'static str {
        match self {
            ReportKind::Summary => "summary",
            ReportKind::Indicators => "indicators",
            ReportKind::Programme => "programme",
            ReportKind::PoolUse => "pool-use",
        }
    }

    fn label(self, strings: &Strings) -> &'static str {
        let (pl, en) = match self {
            ReportKind::Summary => ("Półrocze", "Half-year"),
            ReportKind::Indicators => ("Wskaźniki", "Indicators"),
            ReportKind::Programme => ("Program roczny", "Yearly programme"),
            ReportKind::PoolUse => ("Pule usług", "Service pools"),
        };
        match strings.lang {
            Lang::Pl => pl,
            Lang::En => en,
        }
    }

    fn step(self, by: isize) -> ReportKind {
        let at = ReportKind::ALL.iter().position(|k| *k == self).unwrap_or(0) as isize;
        let n = ReportKind::ALL.len() as isize;
        ReportKind::ALL[(at + by).rem_euclid(n) as usize]
    }
}

/// One report as computed for the desk: its tables and, for pool use, its charts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub kind: ReportKind,
    pub doc: Document,
    pub charts: Vec<Chart>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Pdf,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportJob {
    Load { kind: ReportKind, today: NaiveDate },
    Export { kind: ReportKind, today: NaiveDate, path: PathBuf, format: ExportFormat },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportMsg {
    Loaded(Box<Shown>),
    Exported { path: String },
}

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

pub fn run_job(db: &mut Db, me: &StaffMember, job: ReportJob) -> Result<Msg> {
    me.require(Permission::ViewReports)?;
    match job {
        ReportJob::Load { kind, today } => Ok(Msg::Report(ReportMsg::Loaded(Box::new(build(db.conn(), kind, today)?)))),
        ReportJob::Export { kind, today, path, format } => {
            let shown = build(db.conn(), kind, today)?;
            let bytes = match format {
                ExportFormat::Csv => report::to_csv(&shown.doc).map(String::into_bytes),
                ExportFormat::Pdf => report::pdf::render_pdf(&shown.doc, &shown.charts).map_err(|e| anyhow::anyhow!(e)),
            };
            let shown_path = path.display().to_string();
            let written = bytes.and_then(|b| std::fs::write(&path, b).map_err(anyhow::Error::from));
            if let Err(e) = written {
                return Ok(Msg::Failed(format!("plik: nie można zapisać {shown_path}: {e}")));
            }
            db.write(|tx| {
                audit::append(tx, &me.login, AuditAction::Export, None, &format!("report:{}", kind.code()), &shown_path)
            })?;
            Ok(Msg::Report(ReportMsg::Exported { path: shown_path }))
        }
    }
}

/// The export form: one field, the file, offered in the working directory.
pub fn export_form(kind: ReportKind, today: NaiveDate) -> Form {
    Form::new(Text::ExportTitle, vec![Field::text(Text::ExportPath, "plik", &format!("{}-{today}.csv", kind.code()))])
}

/// The file's name decides the format: `.csv` or `.pdf`.
pub fn submit_export(kind: ReportKind, form: &Form, today: NaiveDate) -> std::result::Result<Job, FieldError> {
    let typed = form.value("plik").trim();
    if typed.is_empty() {
        return Err(FieldProblem::Required.on("plik"));
    }
    let path = PathBuf::from(typed);
    let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let format = match extension.as_deref() {
        Some("csv") => ExportFormat::Csv,
        Some("pdf") => ExportFormat::Pdf,
        _ => return Err(FieldProblem::Mismatch("nazwa musi kończyć się na .csv albo .pdf".into()).on("plik")),
    };
    Ok(Job::Report(ReportJob::Export { kind, today, path, format }))
}

/// The reports screen's state: which report is shown, those computed so far, and the scroll.
#[derive(Debug, Default)]
pub struct ReportsScreen {
    kind: ReportKind,
    shown: Vec<Shown>,
    loading: bool,
    scroll: u16,
    /// Rows the report had on the last draw, so that scrolling stops at the last page.
    viewport: std::cell::Cell<u16>,
}

impl ReportsScreen {
    /// Opens on the 6-monthly summary and asks for it afresh.
    pub fn open(cx: &mut Ctx<'_>) -> ReportsScreen {
        let mut screen = ReportsScreen::default();
        screen.load(cx);
        screen
    }

    fn load(&mut self, cx: &mut Ctx<'_>) {
        self.loading = true;
        cx.send(Effect::Job(Job::Report(ReportJob::Load { kind: self.kind, today: cx.today })));
    }

    fn current(&self) -> Option<&Shown> {
        self.shown.iter().find(|s| s.kind == self.kind)
    }

    /// Lines of the shown report as [`report_lines`] draws them.
    fn line_count(&self) -> u16 {
        let Some(shown) = self.current() else { return 0 };
        let text = report::to_text(&shown.doc).lines().count();
        // Each chart: a blank line, its title with the sparkline, a legend, one line a bar.
        let charts: usize = shown.charts.iter().map(|c| 3 + c.bars.len()).sum();
        u16::try_from(text + charts).unwrap_or(u16::MAX)
    }

    fn scroll_to(&mut self, to: u16) {
        self.scroll = to.min(self.line_count().saturating_sub(self.viewport.get()));
    }

    pub fn hints(&self) -> &'static [Action] {
        &[Action::NextPane, Action::ExportReport, Action::PageDown, Action::Back]
    }

    /// Takes an action; `false` closes the screen (Back) or leaves the action to the app.
    pub fn handle(&mut self, action: Action, cx: &mut Ctx<'_>) -> bool {
        match action {
            Action::Up => self.scroll_to(self.scroll.saturating_sub(1)),
            Action::Down => self.scroll_to(self.scroll.saturating_add(1)),
            Action::PageUp => self.scroll_to(self.scroll.saturating_sub(PAGE)),
            Action::PageDown => self.scroll_to(self.scroll.saturating_add(PAGE)),
            Action::First => self.scroll = 0,
            Action::Last => self.scroll_to(u16::MAX),
            Action::NextPane | Action::PrevPane => {
                self.kind = self.kind.step(if action == Action::NextPane { 1 } else { -1 });
                self.scroll = 0;
                if self.current().is_none() {
                    self.load(cx);
                }
            }
            Action::ExportReport => {
                if self.current().is_none() {
                    cx.status(cx.strings.get(Text::ReportLoading));
                } else {
                    cx.open(Popup::Form {
                        form: export_form(self.kind, cx.today),
                        purpose: FormPurpose::ExportReport { kind: self.kind },
                        saving: false,
                    });
                }
            }
            _ => return false,
        }
        true
    }

    pub fn update(&mut self, msg: &Msg) {
        match msg {
            Msg::Report(ReportMsg::Loaded(shown)) => {
                self.shown.retain(|s| s.kind != shown.kind);
                self.shown.push((**shown).clone());
                self.loading = false;
            }
            Msg::Failed(_) => self.loading = false,
            _ => {}
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, cx: &DrawCtx<'_>) {
        let (theme, strings) = (cx.theme, cx.strings);
        let outer = block(theme, strings.get(Text::Reports), true);
        let inner = outer.inner(area);
        frame.render_widget(outer, area);
        let [tabs, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(inner);
        let mut spans = Vec::new();
        for kind in ReportKind::ALL {
            let label = format!(" {} ", kind.label(strings));
            let style = if kind == self.kind { theme.tab_active() } else { theme.dim() };
            spans.push(Span::styled(if kind == self.kind { format!("[{}]", label.trim()) } else { label }, style));
            spans.push(Span::raw(" "));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), tabs);
        let lines = match self.current() {
            Some(shown) => report_lines(shown, theme, body.width as usize),
            None => {
                let text = format!("{}{}", strings.get(Text::ReportLoading), theme.ellipsis());
                vec![Line::styled(text, theme.dim())]
            }
        };
        self.viewport.set(body.height);
        let last_top = (lines.len() as u16).saturating_sub(body.height);
        let shown: Vec<Line> = lines.into_iter().map(|l| fit_line(l, theme, body.width as usize)).collect();
        frame.render_widget(Paragraph::new(shown).scroll((self.scroll.min(last_top), 0)), body);
    }
}

/// Cuts a line to the width, keeping its styles.
fn fit_line<'a>(line: Line<'a>, theme: &Theme, width: usize) -> Line<'a> {
    if line.width() <= width {
        return line;
    }
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    Line::styled(fit(theme, &text, width), line.style)
}

/// The report's text (already made safe for the terminal by [`report::to_text`]) and its charts,
/// which keep their numbers on every line so that colour is never the only signal.
fn report_lines(shown: &Shown, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let text = report::to_text_within(&shown.doc, Some(width));
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let style = if i == 0 { theme.title() } else { Style::new() };
        lines.push(Line::styled(line.to_string(), style));
    }
    if shown.charts.is_empty() {
        return lines;
    }
    let style = if theme.ascii { ChartStyle::Ascii } else { ChartStyle::Blocks };
    // Label (7), the bar and "wykorzystano … / przyznano … / limit …" share the width.
    let bar_width = width.saturating_sub(52).clamp(8, 40);
    for line in chart::charts_text(&shown.charts, bar_width, style).lines() {
        lines.push(chart_line(line, theme));
    }
    lines
}

/// A chart line with its bar cells coloured by meaning when the theme has colour.
fn chart_line(line: &str, theme: &Theme) -> Line<'static> {
    if !theme.colour {
        return Line::raw(line.to_string());
    }
    let style_of = |c: char| match c {
        '█' | '#' => theme.ok(),
        '▒' | '+' => theme.key(),
        '░' | '.' => theme.dim(),
        _ => Style::new(),
    };
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_style = Style::new();
    // Only the bar (between the label and the numbers) is coloured: the label may hold '.'.
    let bar_start = line.find(' ').map(|i| i + 1).unwrap_or(line.len());
    let bar_end = line[bar_start..].find(' ').map(|i| bar_start + i).unwrap_or(line.len());
    for (i, c) in line.char_indices() {
        let style = if (bar_start..bar_end).contains(&i) { style_of(c) } else { Style::new() };
        if style != run_style && !run.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut run), run_style));
        }
        run_style = style;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, run_style));
    }
    Line::from(spans)
}
