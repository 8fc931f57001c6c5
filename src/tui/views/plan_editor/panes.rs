//! The two panes: the resident, the needs and the plan's texts on the left; the plan lines with
//! their pools and the supporting actions on the right.

use super::{Focus, PlanEditor};
use crate::domain::ipus::{FindingField, PlanContent, Severity};
use crate::i18n::desk::Text;
use crate::tui::ctx::DrawCtx;
use crate::tui::widgets::list::width as width_of;
use crate::tui::widgets::text;
use crate::tui::widgets::{block, fit, safe};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// The left pane's fields, in order.
pub(super) const FIELDS: [Text; 5] =
    [Text::PlanPeriodStart, Text::PlanPeriodEnd, Text::PlanNeeds, Text::PlanExpectedEffects, Text::PlanQualityCheck];

pub(super) fn field_values(c: &PlanContent) -> Vec<String> {
    vec![
        c.period_start.to_string(),
        c.period_end.to_string(),
        c.needs.clone(),
        c.expected_effects.clone(),
        c.quality_check.clone(),
    ]
}

/// A date typed in full (`2026-05-31`); `2026-05-3` is still being typed, not the 3rd of May.
pub(super) fn full_date(value: &str) -> Option<NaiveDate> {
    let v = value.trim();
    (v.len() == 10).then(|| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok()).flatten()
}

impl PlanEditor {
    /// Applies the left pane's text to the content: dates only when they parse.
    pub(super) fn apply_fields(&mut self) {
        if let Some(d) = full_date(&self.values[0]) {
            self.content.period_start = d;
        }
        if let Some(d) = full_date(&self.values[1]) {
            self.content.period_end = d;
        }
        self.content.needs = self.values[2].clone();
        self.content.expected_effects = self.values[3].clone();
        self.content.quality_check = self.values[4].clone();
    }

    pub(super) fn cursor_to_end(&mut self) {
        if let Focus::Field(i) = self.focus {
            self.cursor = self.values[i].chars().count();
        }
    }

    /// `switched`: the panes take turns on a narrow screen, so the title says how to reach the other.
    pub(super) fn draw_left(&self, frame: &mut Frame, area: Rect, cx: &DrawCtx<'_>, switched: bool) {
        let s = cx.strings;
        let focused = matches!(self.focus, Focus::Field(_)) && self.overlay.is_none();
        let title = if switched { s.get(Text::ResidentAndNeedsSwitched) } else { s.get(Text::ResidentAndNeeds) };
        let outer = block(cx.theme, title, focused);
        let inner = outer.inner(area);
        frame.render_widget(outer, area);
        let width = inner.width as usize;
        let mut lines = Vec::new();
        if let Some(on) = self.plan.assessed_on {
            lines.push(Line::styled(
                fit(cx.theme, &format!("{} {on}: {}", s.get(Text::Assessment), safe(&self.plan.problems)), width),
                cx.theme.dim(),
            ));
        }
        for text in self.monitoring_lines(s) {
            lines.push(Line::styled(fit(cx.theme, &text, width), cx.theme.dim()));
        }
        if let Some(comment) = &self.plan.returned_comment {
            lines.push(Line::styled(
                fit(cx.theme, &format!("{}: {}", s.get(Text::Returned), safe(comment)), width),
                cx.theme.error(),
            ));
        }
        let mut cursor_at = None;
        for (i, label) in FIELDS.iter().enumerate() {
            let is_focused = focused && self.focus == Focus::Field(i);
            let marker = if is_focused { cx.theme.pointer() } else { " " };
            let label = format!("{marker}{}: ", s.get(*label));
            let label_width = width_of(&label);
            let value = safe(&self.values[i]);
            let room = width.saturating_sub(label_width).max(1);
            let shown = if is_focused && self.editable() {
                let (shown, column) = text::visible(&value, self.cursor, room);
                cursor_at = Some((label_width + column, lines.len()));
                shown
            } else if self.editable() {
                fit(cx.theme, &value, room)
            } else {
                // Read only, a field is read whole: the paragraph wraps it.
                value
            };
            let style = if is_focused { cx.theme.selected() } else { Style::new() };
            lines.push(Line::from(vec![Span::styled(label, cx.theme.label()), Span::styled(shown, style)]));
        }
        lines.push(Line::raw(""));
        for f in self
            .findings
            .iter()
            // Line problems are shown beside their lines on the right.
            .filter(|f| !matches!(f.field, FindingField::Line(_)))
        {
            let style = if f.severity == Severity::Error { cx.theme.error() } else { cx.theme.dim() };
            lines.push(Line::styled(format!("! {}: {}", f.field, f.message), style));
        }
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
        if let Some((x, y)) = cursor_at
            && self.typing()
        {
            let x = inner.x + (x as u16).min(inner.width.saturating_sub(1));
            frame.set_cursor_position(Position::new(x, inner.y + y as u16));
        }
    }

    /// The monitoring of an approved or ended plan, one line each.
    pub(super) fn monitoring_lines(&self, s: &crate::i18n::desk::Strings) -> Vec<String> {
        let m = &self.plan.monitoring;
        let mut out = Vec::new();
        if m.contacts > 0 || m.contact_due.is_some() {
            let mut text = format!("{} {}", s.get(Text::MonitoringContacts), m.contacts);
            if let Some(last) = m.last_contact {
                text.push_str(&format!(" ({} {last})", s.get(Text::Last)));
            }
            if let Some(due) = m.contact_due {
                text.push_str(&format!(", {} {due}", s.get(Text::NextBy)));
            }
            out.push(text);
        }
        match (m.follow_up_on, m.follow_up_due) {
            (Some(on), _) => out.push(format!("{} {on}", s.get(Text::FollowUpDone))),
            (None, Some(due)) => out.push(format!("{} {due}", s.get(Text::FollowUpDueBy))),
            (None, None) => {}
        }
        out
    }

    pub(super) fn draw_right(&self, frame: &mut Frame, area: Rect, cx: &DrawCtx<'_>, switched: bool) {
        let s = cx.strings;
        let focused = self.focus == Focus::Lines && self.overlay.is_none();
        let title = if switched { s.get(Text::PlanLinesSwitched) } else { s.get(Text::PlanLinesTitle) };
        let outer = block(cx.theme, title, focused);
        let inner = outer.inner(area);
        frame.render_widget(outer, area);
        let width = inner.width as usize;
        let mut lines = Vec::new();
        // The screen line of the selected row, so that the pane scrolls to keep it in view.
        let mut selected_at = 0;
        for (i, line) in self.content.lines.iter().enumerate() {
            if i == self.selected_line.at() {
                selected_at = lines.len();
            }
            let pointer = if focused && i == self.selected_line.at() { cx.theme.pointer() } else { " " };
            let style = if focused && i == self.selected_line.at() { cx.theme.selected() } else { Style::new() };
            let head = format!("{pointer}{}. {} — {}", i + 1, safe(&line.service_name), line.amount_label());
            lines.push(Line::styled(fit(cx.theme, &head, width), style));
            let span = match line.resigned_on {
                Some(on) => {
                    format!("   {} – {} {} {on}", line.starts_on, line.ends_on, s.get(Text::ResignedFrom))
                }
                None => format!("   {} – {}", line.starts_on, line.ends_on),
            };
            let (pool, pool_style) = match self.effects.get(i).cloned().flatten() {
                _ if !self.effects_fresh => (s.get(Text::PoolChecking).to_string(), cx.theme.dim()),
                None => (s.get(Text::NotRationed).to_string(), cx.theme.dim()),
                Some(e) if e.fits() => (
                    format!("{} {}: {} → {}", s.get(Text::Pool), e.period_label, e.remaining_before, e.remaining_after),
                    cx.theme.ok(),
                ),
                Some(e) => (
                    format!(
                        "{} {}: {} → {} {}",
                        s.get(Text::Pool),
                        e.period_label,
                        e.remaining_before,
                        e.remaining_after,
                        s.get(Text::PoolDoesNotFit)
                    ),
                    cx.theme.error(),
                ),
            };
            lines.push(Line::from(vec![Span::raw(span), Span::raw("  "), Span::styled(pool, pool_style)]));
            if let Some(fee) = self.line_fee(i, *s) {
                lines.push(Line::styled(fit(cx.theme, &format!("   {fee}"), width), cx.theme.dim()));
            }
            for f in self.findings.iter().filter(|f| f.field == FindingField::Line(i + 1)) {
                lines.push(Line::styled(fit(cx.theme, &format!("   ! {}", f.message), width), cx.theme.error()));
            }
        }
        let add_selected = focused && self.selected_line.at() == self.content.lines.len();
        if self.selected_line.at() == self.content.lines.len() {
            selected_at = lines.len();
        }
        let pointer = if add_selected { cx.theme.pointer() } else { " " };
        lines.push(Line::styled(
            format!("{pointer}+ {}", s.get(Text::AddLine)),
            if add_selected { cx.theme.selected() } else { cx.theme.dim() },
        ));
        lines.push(Line::raw(""));
        lines.push(Line::styled(s.get(Text::SupportingActions), cx.theme.label()));
        let first_action = self.content.lines.len() + 1;
        for (j, a) in self.content.actions.iter().enumerate() {
            if self.selected_line.at() == first_action + j {
                selected_at = lines.len();
            }
            let selected = focused && self.selected_line.at() == first_action + j;
            let pointer = if selected { cx.theme.pointer() } else { " " };
            let style = if selected { cx.theme.selected() } else { Style::new() };
            let text = format!("{pointer}* {} — {}", safe(&a.what), safe(&a.who));
            lines.push(Line::styled(fit(cx.theme, &text, width), style));
        }
        let add_selected = focused && self.selected_line.at() == self.last_row();
        if self.selected_line.at() == self.last_row() {
            selected_at = lines.len();
        }
        let pointer = if add_selected { cx.theme.pointer() } else { " " };
        lines.push(Line::styled(
            format!("{pointer}+ {}", s.get(Text::AddSupportingAction)),
            if add_selected { cx.theme.selected() } else { cx.theme.dim() },
        ));
        let top = self.selected_line.first_line(selected_at, inner.height as usize);
        frame.render_widget(Paragraph::new(lines).scroll((top as u16, 0)), inner);
    }
}
