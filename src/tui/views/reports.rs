//! The organiser's reports inside the desk, opened from the dashboard: the 6-monthly summary,
//! the quarterly indicators, the yearly programme report and pool use per service with its
//! chart. The worker computes each report with the same functions as `okienko report`, and this
//! screen only draws what came back; a key writes the shown report to a CSV or PDF file, which
//! is audited like an export from the command line.

use crate::i18n::desk::Text;
use crate::report;
use crate::report::chart::{self, ChartStyle};
use crate::tui::action::Action;
use crate::tui::ctx::{Ctx, DrawCtx};
use crate::tui::msg::{Effect, Job, Msg, ReportJob, ReportKind, ReportMsg, Shown};
use crate::tui::theme::Theme;
use crate::tui::widgets::list::Scroll;
use crate::tui::widgets::popup::{FormPurpose, Popup};
use crate::tui::widgets::{block, fit};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The reports screen's state: which report is shown, those computed so far, and the scroll.
#[derive(Debug, Default)]
pub struct ReportsScreen {
    kind: ReportKind,
    shown: Vec<Shown>,
    loading: bool,
    scroll: Scroll,
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
    pub fn hints(&self) -> &'static [Action] {
        &[Action::NextPane, Action::ExportReport, Action::PageDown, Action::Back]
    }

    /// Takes an action; `false` closes the screen (Back) or leaves the action to the app.
    pub fn handle(&mut self, action: Action, cx: &mut Ctx<'_>) -> bool {
        if self.scroll.handle(action) {
            return true;
        }
        match action {
            Action::NextPane | Action::PrevPane => {
                self.kind = self.kind.step(if action == Action::NextPane { 1 } else { -1 });
                self.scroll.reset();
                if self.current().is_none() {
                    self.load(cx);
                }
            }
            Action::ExportReport => {
                if self.current().is_none() {
                    cx.status(cx.strings.get(Text::ReportLoading));
                } else {
                    cx.open(Popup::Form {
                        form: crate::tui::export_form::form(self.kind, cx.today),
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
            let label = format!(" {} ", strings.get(kind.label()));
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
        let top = self.scroll.top(lines.len(), body.height as usize);
        let shown: Vec<Line> = lines.into_iter().map(|l| fit_line(l, theme, body.width as usize)).collect();
        frame.render_widget(Paragraph::new(shown).scroll((top, 0)), body);
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
