//! The conflict view: when a save meets newer work on the same draft, every part that differs is
//! shown twice, as stored and as typed; the person takes either per part and the result is saved
//! as a new revision on top of the stored one. Closing the view keeps the typed content.

use super::panes::FIELDS;
use crate::domain::ipus::PlanContent;
use crate::i18n::desk::Text;
use crate::storage::plans::{self, VersionView};
use crate::tui::action::Action;
use crate::tui::ctx::DrawCtx;
use crate::tui::widgets::{block, centered, fit, safe};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// One part of a plan's content that is taken whole from one side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    PeriodStart,
    PeriodEnd,
    Needs,
    ExpectedEffects,
    QualityCheck,
    Lines,
    Actions,
}

const PARTS: [Part; 7] = [
    Part::PeriodStart,
    Part::PeriodEnd,
    Part::Needs,
    Part::ExpectedEffects,
    Part::QualityCheck,
    Part::Lines,
    Part::Actions,
];

impl Part {
    fn label(self) -> Text {
        match self {
            Part::PeriodStart => FIELDS[0],
            Part::PeriodEnd => FIELDS[1],
            Part::Needs => FIELDS[2],
            Part::ExpectedEffects => FIELDS[3],
            Part::QualityCheck => FIELDS[4],
            Part::Lines => Text::PlanLinesTitle,
            Part::Actions => Text::SupportingActions,
        }
    }

    fn same(self, a: &PlanContent, b: &PlanContent) -> bool {
        match self {
            Part::PeriodStart => a.period_start == b.period_start,
            Part::PeriodEnd => a.period_end == b.period_end,
            Part::Needs => a.needs == b.needs,
            Part::ExpectedEffects => a.expected_effects == b.expected_effects,
            Part::QualityCheck => a.quality_check == b.quality_check,
            Part::Lines => a.lines == b.lines,
            Part::Actions => a.actions == b.actions,
        }
    }

    /// The part in one line of text, as the view shows it.
    fn text(self, c: &PlanContent) -> String {
        let text = match self {
            Part::PeriodStart => c.period_start.to_string(),
            Part::PeriodEnd => c.period_end.to_string(),
            Part::Needs => c.needs.clone(),
            Part::ExpectedEffects => c.expected_effects.clone(),
            Part::QualityCheck => c.quality_check.clone(),
            Part::Lines => c
                .lines
                .iter()
                .enumerate()
                .map(|(i, l)| format!("{}. {} {}", i + 1, l.service_name, l.amount_label()))
                .collect::<Vec<_>>()
                .join("; "),
            Part::Actions => c.actions.iter().map(|a| format!("{} — {}", a.what, a.who)).collect::<Vec<_>>().join("; "),
        };
        if text.trim().is_empty() { "—".to_string() } else { safe(&text) }
    }

    fn take(self, into: &mut PlanContent, from: &PlanContent) {
        match self {
            Part::PeriodStart => into.period_start = from.period_start,
            Part::PeriodEnd => into.period_end = from.period_end,
            Part::Needs => into.needs = from.needs.clone(),
            Part::ExpectedEffects => into.expected_effects = from.expected_effects.clone(),
            Part::QualityCheck => into.quality_check = from.quality_check.clone(),
            Part::Lines => into.lines = from.lines.clone(),
            Part::Actions => into.actions = from.actions.clone(),
        }
    }
}

#[derive(Debug, Clone)]
pub(super) struct Conflict {
    /// The newer work, as saved by someone else.
    pub stored: VersionView,
    /// What this person typed, kept whole until the merge is saved.
    pub typed: PlanContent,
    parts: Vec<Part>,
    /// Per part that differs: the typed value is taken (else the stored one).
    take_typed: Vec<bool>,
    at: usize,
    /// The view is on screen; closed, the editor shows the typed content and Enter brings it back.
    pub open: bool,
}

impl Conflict {
    pub fn new(stored: VersionView, typed: PlanContent) -> Conflict {
        let parts: Vec<Part> = PARTS.into_iter().filter(|p| !p.same(&stored.content, &typed)).collect();
        // What the person typed is chosen first: nothing typed is dropped by pressing Enter.
        let take_typed = vec![true; parts.len()];
        Conflict { stored, typed, parts, take_typed, at: 0, open: true }
    }

    /// Nothing differs: the other desk saved the same content.
    pub fn agrees(&self) -> bool {
        self.parts.is_empty()
    }

    /// Moves between the parts or switches the side taken for the selected one.
    pub fn handle(&mut self, action: Action) {
        match action {
            Action::Up => self.at = self.at.saturating_sub(1),
            Action::Down => self.at = (self.at + 1).min(self.parts.len().saturating_sub(1)),
            Action::ChooseAnswer => {
                if let Some(t) = self.take_typed.get_mut(self.at) {
                    *t = !*t;
                }
            }
            _ => {}
        }
    }

    /// The stored content with the parts chosen from the typed one.
    pub fn merged(&self) -> PlanContent {
        let mut out = self.stored.content.clone();
        for (part, typed) in self.parts.iter().zip(&self.take_typed) {
            if *typed {
                part.take(&mut out, &self.typed);
            }
        }
        out
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, cx: &DrawCtx<'_>) {
        let s = cx.strings;
        let rect = centered(area, area.width, area.height);
        frame.render_widget(Clear, rect);
        let outer = block(cx.theme, s.get(Text::MergeTitle), true);
        let inner = outer.inner(rect);
        frame.render_widget(outer, rect);
        let width = inner.width as usize;
        let intro = s.merge_intro(&safe(&self.stored.updated_by), &plans::local_time(&self.stored.updated_at));
        let legend = s.merge_keys(cx.theme.ascii);
        let head = vec![
            Line::styled(fit(cx.theme, &intro, width), cx.theme.title()),
            Line::styled(fit(cx.theme, &legend, width), cx.theme.dim()),
        ];
        let mut lines = Vec::new();
        let mut selected_at = 0;
        let sides = [s.get(Text::MergeStored), s.get(Text::MergeTyped)];
        let side_width = sides.iter().map(|t| crate::tui::widgets::list::width(t)).max().unwrap_or(0);
        for (i, part) in self.parts.iter().enumerate() {
            let selected = i == self.at;
            if selected {
                selected_at = lines.len();
            }
            let pointer = if selected { cx.theme.pointer() } else { " " };
            let style = if selected { cx.theme.selected() } else { cx.theme.label() };
            lines.push(Line::styled(fit(cx.theme, &format!("{pointer}{}", s.get(part.label())), width), style));
            for (typed, content) in [(false, &self.stored.content), (true, &self.typed)] {
                let taken = self.take_typed[i] == typed;
                let mark = if taken { "(•)" } else { "( )" };
                let mark = if cx.theme.ascii && taken { "(*)" } else { mark };
                let label = format!("   {mark} {:<side_width$}  ", sides[usize::from(typed)]);
                let room = width.saturating_sub(crate::tui::widgets::list::width(&label));
                let value_style = if taken { Style::new() } else { cx.theme.dim() };
                lines.push(Line::from(vec![
                    Span::styled(label, if taken { cx.theme.key() } else { cx.theme.dim() }),
                    Span::styled(fit(cx.theme, &part.text(content), room), value_style),
                ]));
            }
        }
        let [top, body] = ratatui::layout::Layout::vertical([
            ratatui::layout::Constraint::Length(3),
            ratatui::layout::Constraint::Min(1),
        ])
        .areas(inner);
        frame.render_widget(Paragraph::new(head), top);
        // The selected part's three rows stay in view at any height.
        let rows = body.height as usize;
        let top_row = (selected_at + 3).saturating_sub(rows).min(selected_at);
        frame.render_widget(Paragraph::new(lines).scroll((top_row as u16, 0)), body);
    }
}
