//! The service picker of a qualification (art. 42) or a refusal, opened from the resident card:
//! each service with what is left. Choosing one opens the qualification form, the refusal form,
//! or — when nothing is left — the form that puts the application on the waiting list.

use crate::i18n::desk::Text;
use crate::tui::action::Action;
use crate::tui::ctx::{Ctx, DrawCtx};
use crate::tui::forms;
use crate::tui::msg::{PickService, QualificationStart};
use crate::tui::widgets::list::{Selection, width};
use crate::tui::widgets::popup::{FormPurpose, Popup};
use crate::tui::widgets::{block, cell, centered, safe};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServicePicker {
    start: QualificationStart,
    list: Selection,
}

/// Whether the pool of a service has nothing left to grant now.
fn nothing_left(service: &PickService) -> bool {
    service.suspended || service.remaining.is_some_and(|r| r <= 0)
}

impl ServicePicker {
    pub fn new(start: QualificationStart) -> ServicePicker {
        ServicePicker { start, list: Selection::default() }
    }

    /// Takes a key; `true` when the picker is done (a form opened or the person went back).
    pub fn handle(&mut self, action: Action, cx: &mut Ctx<'_>) -> bool {
        match action {
            Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::First | Action::Last => {
                self.list.handle(action, self.start.services.len());
                false
            }
            Action::Open | Action::Confirm => {
                let Some(service) = self.start.services.get(self.list.at()) else { return true };
                let subject = format!("{} · {}", safe(&self.start.resident_name), safe(&service.name));
                let (application_id, service_id) = (self.start.application_id, service.id);
                let (form, purpose) = if self.start.refusal {
                    (forms::refusal_form(&cx.strings), FormPurpose::RefuseQualification { application_id, service_id })
                } else if nothing_left(service) {
                    (
                        forms::waitlist_form(&cx.strings, service),
                        FormPurpose::JoinWaitlist { application_id, service_id },
                    )
                } else {
                    (
                        forms::qualification_form(&cx.strings, service),
                        FormPurpose::Qualify { application_id, service_id },
                    )
                };
                cx.open(Popup::Form { form: form.about(subject), purpose, saving: false });
                true
            }
            Action::Back | Action::Cancel => true,
            _ => false,
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, cx: &DrawCtx<'_>) {
        let s = cx.strings;
        let rect = centered(area, 76, area.height.saturating_sub(2).max(5));
        frame.render_widget(Clear, rect);
        let title = if self.start.refusal { Text::PickServiceToRefuse } else { Text::PickServiceTitle };
        let title = format!("{} · {}", s.get(title), safe(&self.start.resident_name));
        let outer = block(cx.theme, &title, true);
        let inner = outer.inner(rect);
        frame.render_widget(outer, rect);
        let room = inner.width as usize;
        let lines: Vec<Line> = self
            .list
            .window(&self.start.services, inner.height as usize)
            .map(|(i, svc)| {
                let left = match (svc.suspended, svc.remaining) {
                    (true, _) => s.get(Text::Suspended).to_string(),
                    (false, Some(r)) if r <= 0 => s.get(Text::PoolDoesNotFit).to_string(),
                    (false, Some(r)) => format!(
                        "{} {r} {}{}",
                        s.get(Text::Left),
                        safe(&svc.unit),
                        svc.period.as_ref().map(|p| format!(" ({p})")).unwrap_or_default()
                    ),
                    (false, None) => s.get(Text::NotRationed).to_string(),
                };
                let selected = i == self.list.at();
                let pointer = if selected { cx.theme.pointer() } else { " " };
                let text = format!("{pointer}{} {}", cell(cx.theme, &safe(&svc.code), 10), safe(&svc.name));
                let style = if selected { cx.theme.selected() } else { Style::new() };
                Line::from(vec![
                    Span::styled(cell(cx.theme, &text, room.saturating_sub(width(&left) + 1)), style),
                    Span::raw(" "),
                    Span::styled(left, cx.theme.dim()),
                ])
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
